# superbuild.<toolchain>.*: builds the whole stack for one toolchain through the top-level build
# and checks every step passed (build), or that a second build runs no step at all (noop).
#   cmake -DBINARY_DIR=<top build> -DTOOLCHAIN=linux-gcc -DCASE=build|noop -P toolchain_test.cmake
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/TestHelpers.cmake")

set(_state "${BINARY_DIR}/stackprobe/${TOOLCHAIN}")

# Sets out_var to "step=started" pairs of the library steps and the probe runs: the work a
# no-op build must not redo. (Stackprobe's own projects are asked for a build each time; their
# build tool finds nothing to do.)
function(read_step_starts out_var)
  file(GLOB _records "${_state}/steps/*.json")
  set(_pairs "")
  foreach(_record_file IN LISTS _records)
    file(READ "${_record_file}" _record)
    string(JSON _name GET "${_record}" name)
    if(NOT _name MATCHES "^(zlib|gmp|openssl|libssh2|curl|probe)\\.")
      continue()
    endif()
    string(JSON _started ERROR_VARIABLE _no_start GET "${_record}" started)
    list(APPEND _pairs "${_name}=${_started}")
  endforeach()
  set(${out_var} "${_pairs}" PARENT_SCOPE)
endfunction()

if(CASE STREQUAL "noop")
  read_step_starts(_before)
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BINARY_DIR}" --target toolchain-${TOOLCHAIN}
  RESULT_VARIABLE _rc)
expect_equal("${_rc}" "0" "cmake --build --target toolchain-${TOOLCHAIN}")

expect_exists("${_state}/manifest.json" "the toolchain's manifest (its configure failed?)")
file(READ "${_state}/manifest.json" _manifest)
string(JSON _count LENGTH "${_manifest}" steps)
math(EXPR _last "${_count} - 1")
set(_problems "")
foreach(_i RANGE ${_last})
  string(JSON _step GET "${_manifest}" steps ${_i})
  set(_record_file "${_state}/steps/${_step}.json")
  if(NOT EXISTS "${_record_file}")
    string(APPEND _problems "  ${_step}: did not run\n")
    continue()
  endif()
  file(READ "${_record_file}" _record)
  string(JSON _status GET "${_record}" status)
  # "skip" is a step a recipe ruled out on purpose, with its reason in the record.
  if(NOT _status MATCHES "^(pass|skip)$")
    string(JSON _log GET "${_record}" log)
    string(APPEND _problems "  ${_step}: ${_status}, log ${_log}\n")
  endif()
endforeach()
if(_problems)
  message(FATAL_ERROR "FAILED: ${TOOLCHAIN} did not build every step:\n${_problems}")
endif()
message("${TOOLCHAIN}: all ${_count} steps passed")

if(CASE STREQUAL "noop")
  read_step_starts(_after)
  expect_equal("${_after}" "${_before}" "step start times after a build with nothing changed (a step ran again)")
  message("${TOOLCHAIN}: a second build ran no step")
endif()
