# superbuild.broken_env.no_m4: a build whose PATH has no m4 is told so by the preflight while
# configuring, fails GMP's configure, names the cause (the doctor's gmp-no-m4) in report.json and
# the terminal, exits non-zero, and still builds the library that does not need m4 (zlib).
#   cmake -DSOURCE_ROOT=... -DWORK_DIR=... -DPACKAGES_DIR=... -P broken_env_test.cmake
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/TestHelpers.cmake")

set(_work "${WORK_DIR}/broken-no-m4")
file(REMOVE_RECURSE "${_work}")
file(MAKE_DIRECTORY "${_work}/bin")

# A PATH like the machine's, less m4: every program of the PATH folders, linked, but m4.
execute_process(COMMAND sh -c [[
  IFS=:
  for dir in $PATH; do
    for program in "$dir"/*; do
      name=${program##*/}
      case $name in m4|gm4|gnum4) continue ;; esac
      [ -f "$program" ] && [ -x "$program" ] && [ ! -e "$1/$name" ] && ln -s "$program" "$1/$name"
    done
  done
  true]] sh "${_work}/bin" RESULT_VARIABLE _rc)
expect_equal("${_rc}" "0" "making the PATH without m4")
set(ENV{PATH} "${_work}/bin")
execute_process(COMMAND sh -c "command -v m4" RESULT_VARIABLE _has_m4 OUTPUT_QUIET)
if(_has_m4 EQUAL 0)
  message(FATAL_ERROR "FAILED: the test's PATH still has m4")
endif()

run_captured(_configure "${CMAKE_COMMAND}" -S "${SOURCE_ROOT}" -B "${_work}/build" -G Ninja
  -DSTACKPROBE_TOOLCHAINS=linux-gcc "-DSTACKPROBE_LIBRARIES=zlib\;gmp" -DSTACKPROBE_PROBES=OFF
  "-DSTACKPROBE_PACKAGES_DIR=${PACKAGES_DIR}" -DSTACKPROBE_DOWNLOAD=OFF -DSTACKPROBE_APT_FALLBACK=OFF)
expect_equal("${_configure_rc}" "0" "configuring the broken build:\n${_configure_output}")
run_captured(_build "${CMAKE_COMMAND}" --build "${_work}/build")
message("${_build_output}")
if(_build_rc EQUAL 0)
  message(FATAL_ERROR "FAILED: the build passed without m4")
endif()

file(READ "${_work}/build/report/report.json" _report)
string(JSON _toolchain GET "${_report}" toolchains 0)
string(JSON _name GET "${_toolchain}" name)
expect_equal("${_name}" "linux-gcc" "the first toolchain")
string(JSON _status GET "${_toolchain}" status)
expect_equal("${_status}" "fail" "linux-gcc's status without m4")
string(JSON _count LENGTH "${_toolchain}" steps)
math(EXPR _last "${_count} - 1")
foreach(_i RANGE ${_last})
  string(JSON _step GET "${_toolchain}" steps ${_i})
  string(JSON _step_name GET "${_step}" name)
  string(JSON _step_status GET "${_step}" status)
  set(_status_${_step_name} "${_step_status}")
  if(_step_name STREQUAL "gmp.configure")
    string(JSON _diagnosis GET "${_step}" diagnosis id)
  endif()
endforeach()
# The preflight said it first, while configuring: m4 is missing, and GMP needs it.
expect_equal("${_status_preflight.tools}" "fail" "preflight.tools without m4")
expect_contains("${_configure_output}" "m4 (apt-get install m4)" "the missing tool in the preflight's matrix")
expect_equal("${_status_gmp.configure}" "fail" "gmp.configure")
expect_equal("${_diagnosis}" "gmp-no-m4" "gmp.configure's diagnosis")
expect_equal("${_status_zlib.install}" "pass" "zlib, which needs no m4")
# Columns gmp, openssl, zlib, ...: GMP red, OpenSSL not asked for, zlib built (✓, or ! while an
# advisory of its release is open).
if(NOT _build_output MATCHES "linux-gcc          ✗        –        (✓|!)        –")
  message(FATAL_ERROR "FAILED: the red GMP cell beside a built zlib not in:\n${_build_output}")
endif()
expect_contains("${_build_output}" "[gmp-no-m4]" "the diagnosis in the terminal")
expect_contains("${_build_output}" "apt-get install m4" "the fix in the terminal")
