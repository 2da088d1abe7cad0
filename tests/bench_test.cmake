# bench.*: the quick workload runs for one toolchain's client with every contender's files
# verified, a corrupted transfer fails the run, 3000 files cross over SCP in several remote
# commands (CASE=many), and none leaves an sshd or an ssh client behind.
#   cmake -DSOURCE_ROOT=... -DBINARY_DIR=... -DWORK_DIR=... -DTOOLCHAIN=... -DCASE=quick|corrupt|many
#         [-DEMULATOR=...] -P bench_test.cmake
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/TestHelpers.cmake")

set(_out "${WORK_DIR}/bench-${CASE}-${TOOLCHAIN}")
file(REMOVE_RECURSE "${_out}")
set(_client_dir "${BINARY_DIR}/stackprobe/${TOOLCHAIN}/ep/src/bench-client-build")
set(_emulators "")
if(EMULATOR)
  set(_emulators "${TOOLCHAIN}=${EMULATOR}")
endif()
set(_workload quick)
set(_workload_bytes 6291456)
set(_python ON)
if(CASE STREQUAL "corrupt")
  set(ENV{STACKPROBE_BENCH_CORRUPT} 1)
elseif(CASE STREQUAL "many")
  set(_workload many)
  set(_workload_bytes 1536000)
  set(_python OFF)
endif()
run_captured(_bench "${CMAKE_COMMAND}" "-DSOURCE_ROOT=${SOURCE_ROOT}" "-DOUT_DIR=${_out}"
  "-DCLIENTS=${TOOLCHAIN}=${_client_dir}" "-DEMULATORS=${_emulators}"
  "-DPREFIXES=${TOOLCHAIN}=${BINARY_DIR}/prefix/${TOOLCHAIN}" -DWORKLOADS=${_workload} -DREPETITIONS=1 -DWARMUP=0 -DPYTHON=${_python}
  "-DSTATE_ROOT=${BINARY_DIR}/stackprobe" "-DWINEPREFIX=${BINARY_DIR}/stackprobe/wineprefix"
  -P "${SOURCE_ROOT}/bench/run_bench.cmake")
message("${_bench_output}")

# Whatever happened, the server and every client of it must be gone (OpenSSH's master
# connection names the run's ssh_config on its command line).
expect_missing("${_out}/sshd/sshd.pid" "the sshd pid file after the run")
string(MD5 _tag "${_out}")
string(SUBSTRING "${_tag}" 0 8 _tag)
expect_missing("/dev/shm/stackprobe-bench-${_tag}" "the run's files on tmpfs after the run")
execute_process(COMMAND pgrep -a -f "${_out}/sshd/" RESULT_VARIABLE _found OUTPUT_VARIABLE _pids)
if(_found EQUAL 0)
  message(FATAL_ERROR "FAILED: a process of this run is still running:\n${_pids}")
endif()

if(CASE STREQUAL "corrupt")
  if(_bench_rc EQUAL 0)
    message(FATAL_ERROR "FAILED: the benchmark passed although a received file was altered")
  endif()
  expect_contains("${_bench_output}" "VERIFICATION FAILED" "the verification failure")
  expect_contains("${_bench_output}" "The transfer corrupted the data" "the cause")
  return()
endif()

expect_equal("${_bench_rc}" "0" "the benchmark's exit status")
file(READ "${_out}/bench.json" _json)
file(READ "${SOURCE_ROOT}/bench/workloads.json" _workloads_json)
string(JSON _pinned_cipher GET "${_workloads_json}" cipher)
string(JSON _pinned_mac GET "${_workloads_json}" mac)
string(JSON _count LENGTH "${_json}" results)
set(_seen "")
math(EXPR _last "${_count} - 1")
foreach(_i RANGE ${_last})
  string(JSON _client GET "${_json}" results ${_i} client)
  string(JSON _direction GET "${_json}" results ${_i} direction)
  string(JSON _verified GET "${_json}" results ${_i} verified)
  string(JSON _bytes GET "${_json}" results ${_i} bytes)
  string(JSON _mbps GET "${_json}" results ${_i} mbps_median)
  expect_equal("${_verified}" "ON" "${_client} ${_direction} verified")
  # libssh2 and the Python clients report what they negotiated: the pinned cipher and MAC.
  string(JSON _cipher GET "${_json}" results ${_i} cipher)
  string(JSON _mac GET "${_json}" results ${_i} mac)
  expect_equal("${_cipher}" "${_pinned_cipher}" "${_client} ${_direction} negotiated cipher")
  expect_equal("${_mac}" "${_pinned_mac}" "${_client} ${_direction} negotiated MAC")
  expect_equal("${_bytes}" "${_workload_bytes}" "${_client} ${_direction} bytes of the ${_workload} workload")
  if(_mbps LESS_EQUAL 0)
    message(FATAL_ERROR "FAILED: ${_client} ${_direction} has a median of ${_mbps} MB/s")
  endif()
  list(APPEND _seen "${_client}:${_direction}")
endforeach()
foreach(_expected libssh2-sftp:put libssh2-sftp:get libssh2-scp:put libssh2-scp:get
        openssh-sftp:put openssh-sftp:get openssh-scp:put openssh-scp:get)
  if(NOT _expected IN_LIST _seen)
    message(FATAL_ERROR "FAILED: no result for ${_expected}; results: ${_seen}")
  endif()
endforeach()
expect_contains("${_bench_output}" "x = speed relative to openssh-sftp" "the table")
