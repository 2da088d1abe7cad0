# bench.orchestrator.*: the benchmark's orchestrator (bench/orchestrator), built with
# -fsanitize=address,undefined and warnings as errors.
#   CASE=build      builds it into WORK_DIR/bench-orchestrator (the fixture of the others); the
#                   tree is kept, so a run with no source changed compiles nothing
#   CASE=units      its unit tests: statistics, the JSON writer and reader, SHA-256
#   CASE=arguments  what it refuses: no arguments, malformed options, a scratch folder outside
#                   /dev/shm, a release no client names; and with no built client, it says so
#                   and starts no server
#   cmake -DSOURCE_ROOT=... -DWORK_DIR=... -DCASE=build|units|arguments -P bench_orchestrator_test.cmake
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/TestHelpers.cmake")

set(_build_dir "${WORK_DIR}/bench-orchestrator")
if(CASE STREQUAL "build")
  run_captured(_configure "${CMAKE_COMMAND}" -S "${SOURCE_ROOT}/bench/orchestrator" -B "${_build_dir}"
    -DCMAKE_BUILD_TYPE=Debug -DSTACKPROBE_BENCH_SANITIZE=ON -DSTACKPROBE_WERROR=ON)
  expect_equal("${_configure_rc}" "0" "configuring bench/orchestrator:\n${_configure_output}")
  run_captured(_build "${CMAKE_COMMAND}" --build "${_build_dir}")
  expect_equal("${_build_rc}" "0" "building bench/orchestrator with the sanitizers:\n${_build_output}")
  return()
endif()
set(_dir "${WORK_DIR}/bench-orchestrator-${CASE}")
file(REMOVE_RECURSE "${_dir}")
set(ENV{ASAN_OPTIONS} "detect_leaks=1:abort_on_error=0:exitcode=86")
set(ENV{UBSAN_OPTIONS} "print_stacktrace=1:halt_on_error=1")

if(CASE STREQUAL "units")
  run_captured(_units "${_build_dir}/bench_unit_tests")
  message("${_units_output}")
  expect_equal("${_units_rc}" "0" "the orchestrator's unit tests")
  expect_contains("${_units_output}" " 0 failed" "the unit tests' summary")
  expect_not_contains("${_units_output}" "runtime error" "undefined behaviour in the unit tests")
  return()
endif()

set(_bench "${_build_dir}/stackprobe-bench")
set(_common --source-root "${SOURCE_ROOT}" --out-dir "${_dir}/out" --cmake "${CMAKE_COMMAND}")

run_captured(_none "${_bench}")
expect_equal("${_none_rc}" "2" "the exit status without arguments")
expect_contains("${_none_output}" "usage: stackprobe-bench" "the usage")

# Each malformed argument: exit 2 with what is wrong, before anything starts.
set(_cases
  "--workload|quick=3,2097152|is not NAME=FILES,BYTES,SEED"
  "--workload|q[x]=1,2,3|is not a plain name"
  "--repetitions|0|is not a number from 1 to"
  "--streams|17|is not a number from 1 to 16"
  "--scratch|/tmp/elsewhere|must be a folder /dev/shm/stackprobe-"
  "--release|linux-gcc-dojo=linux-gcc|which no --client gives"
  "--client|=nothing|is not NAME=VALUE")
foreach(_case IN LISTS _cases)
  string(REPLACE "|" ";" _fields "${_case}")
  list(GET _fields 0 _option)
  list(GET _fields 1 _value)
  list(GET _fields 2 _expected)
  run_captured(_bad "${_bench}" ${_common} "${_option}" "${_value}")
  expect_equal("${_bad_rc}" "2" "the exit status for ${_option} ${_value}")
  expect_contains("${_bad_output}" "${_expected}" "the message for ${_option} ${_value}")
endforeach()

# No client was built: the run says so, names the toolchain, starts no server and leaves nothing.
# (No ';' here: run_captured passes its arguments on as a CMake list.)
run_captured(_empty "${_bench}" ${_common} --workload "quick=3,2097152,3"
  --client "odd[name]=${_dir}/no-such-build" --skipped "libssh2 of x: a reason with ] and \"quotes\"")
expect_equal("${_empty_rc}" "1" "the exit status with no built client")
expect_contains("${_empty_output}" "nothing to measure" "the cause")
expect_contains("${_empty_output}" "libssh2 of odd[name]: its client was not built" "the toolchain named")
expect_contains("${_empty_output}" "a reason with ] and \"quotes\"" "a skip given by the caller")
expect_missing("${_dir}/out/sshd" "a server folder, though nothing was measured")
expect_not_contains("${_empty_output}" "runtime error" "undefined behaviour")
message("stackprobe-bench refused ${_cases}")
