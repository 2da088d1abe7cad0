# superbuild.second_build_stops_at_once: while one process holds a toolchain's build lock (as a
# running cmake --build does), build_toolchain.cmake for the same toolchain stops at once with a
# message instead of building into the same folders.
#   cmake -DSOURCE_ROOT=... -DWORK_DIR=... -P build_lock_test.cmake
cmake_minimum_required(VERSION 3.25)
set(_state "${WORK_DIR}/build-lock/stackprobe/linux-gcc")
if(ROLE STREQUAL "first")
  # The running build: it holds the lock for a few seconds.
  file(LOCK "${_state}/.build.lock" GUARD PROCESS TIMEOUT 10)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 6)
  return()
elseif(ROLE STREQUAL "second")
  # The second build, started once the first holds the lock.
  execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 2)
  string(TIMESTAMP _start "%s")
  execute_process(COMMAND "${CMAKE_COMMAND}" -DTOOLCHAIN=linux-gcc "-DSOURCE_ROOT=${SOURCE_ROOT}"
      "-DBUILD_DIR=${WORK_DIR}/build-lock/ep" "-DSTATE_DIR=${_state}" -DLIBRARIES=zlib -DGENERATOR=Ninja
      -P "${SOURCE_ROOT}/cmake/scripts/build_toolchain.cmake"
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _output ERROR_VARIABLE _output)
  string(TIMESTAMP _end "%s")
  math(EXPR _seconds "${_end} - ${_start}")
  file(WRITE "${WORK_DIR}/build-lock/second.txt" "${_rc}\n${_seconds}\n${_output}")
  return()
endif()

include("${CMAKE_CURRENT_LIST_DIR}/TestHelpers.cmake")
file(REMOVE_RECURSE "${WORK_DIR}/build-lock")
file(MAKE_DIRECTORY "${_state}")
# The commands of one execute_process run at the same time.
execute_process(
  COMMAND "${CMAKE_COMMAND}" "-DWORK_DIR=${WORK_DIR}" -DROLE=first -P "${CMAKE_CURRENT_LIST_FILE}"
  COMMAND "${CMAKE_COMMAND}" "-DWORK_DIR=${WORK_DIR}" "-DSOURCE_ROOT=${SOURCE_ROOT}" -DROLE=second -P "${CMAKE_CURRENT_LIST_FILE}")
file(READ "${WORK_DIR}/build-lock/second.txt" _second)
string(REGEX MATCH "^([^\n]*)\n([0-9]+)\n" _head "${_second}")
expect_equal("${CMAKE_MATCH_1}" "1" "the second build's exit status:\n${_second}")
if(CMAKE_MATCH_2 GREATER 2)
  message(FATAL_ERROR "FAILED: the second build waited ${CMAKE_MATCH_2} s instead of stopping at once")
endif()
string(REGEX REPLACE "[ \n]+" " " _unwrapped "${_second}")
expect_contains("${_unwrapped}" "another cmake --build is building linux-gcc in this tree" "the message")
expect_missing("${WORK_DIR}/build-lock/ep/CMakeCache.txt" "a configure by the second build")
