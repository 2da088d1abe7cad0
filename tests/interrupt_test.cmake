# interrupt.*: a build interrupted in the middle of the benchmark leaves nothing of its own
# running (no sshd, no watchdog, no Python server, no client) and no files in /dev/shm. The build is a real `cmake --build` (make, the step
# runner, the benchmark) of a one-target project that runs the benchmark step as the superbuild's
# bench target does, with this test's own folders.
#   CASE=sigint   Ctrl-C: SIGINT to the build's process group
#   CASE=sigterm  SIGTERM to the build's process group, as CI runners and service managers send it
#   (cmake --build ignores a SIGTERM sent to it alone, and its build goes on)
#   CASE=crash    SIGKILL to cmake --build alone: its children live on, but the server is tied to
#                 the whole job, so it ends, and the benchmark with it
#   CASE=orchestrator_sigterm  SIGTERM to the orchestrator (stackprobe-bench) alone, found by its
#                 pid and command line: it ends its clients and its server itself, and the build
#                 fails
#   cmake -DSOURCE_ROOT=... -DBINARY_DIR=... -DWORK_DIR=... -DTOOLCHAIN=... -DCASE=sigint|sigterm|crash
#         -P interrupt_test.cmake
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/TestHelpers.cmake")

set(_dir "${WORK_DIR}/interrupt-${CASE}")
file(REMOVE_RECURSE "${_dir}")
file(MAKE_DIRECTORY "${_dir}/project")
set(_out "${_dir}/bench")
set(_client_dir "${BINARY_DIR}/stackprobe/${TOOLCHAIN}/ep/src/bench-client-build")
expect_exists("${_client_dir}" "the ${TOOLCHAIN} benchmark client (built by the stack.${TOOLCHAIN} fixture)")

# The bench target's command, as CMakeLists.txt gives it, with this test's folders. The quick
# workload, repeated, keeps the server busy long enough to be interrupted.
string(CONCAT _project
  "cmake_minimum_required(VERSION 3.25)\n"
  "project(interrupted NONE)\n"
  "add_custom_target(bench ALL\n"
  "  COMMAND \"${CMAKE_COMMAND}\" -DTOOLCHAIN=all -DSTEP=bench.run \"-DSTATE_DIR=${_dir}/state\"\n"
  "    -DKEEP_GOING=ON -P \"${SOURCE_ROOT}/cmake/scripts/run_step.cmake\" --\n"
  "    \"${CMAKE_COMMAND}\" \"-DSOURCE_ROOT=${SOURCE_ROOT}\" \"-DOUT_DIR=${_out}\"\n"
  "      \"-DCLIENTS=${TOOLCHAIN}=${_client_dir}\" \"-DPREFIXES=${TOOLCHAIN}=${BINARY_DIR}/prefix/${TOOLCHAIN}\"\n"
  "      -DWORKLOADS=quick -DREPETITIONS=20 -DWARMUP=0 -DPYTHON=ON\n"
  "      \"-DORCHESTRATOR_DIR=${_dir}/orchestrator\"\n"
  "      \"-DSTATE_ROOT=${BINARY_DIR}/stackprobe\"\n"
  "      -P \"${SOURCE_ROOT}/bench/run_bench.cmake\"\n"
  "  VERBATIM)\n")
file(WRITE "${_dir}/project/CMakeLists.txt" "${_project}")
run_captured(_configure "${CMAKE_COMMAND}" -S "${_dir}/project" -B "${_dir}/build" -G "Unix Makefiles")
expect_equal("${_configure_rc}" "0" "configuring the one-target project:\n${_configure_output}\n")

# The build in a session of its own, as a terminal runs a job: its pid is its process group.
execute_process(COMMAND sh -c
  "setsid sh -c 'echo $$ > \"$1\"; exec \"$0\" --build \"$2\"' \"$0\" \"$1\" \"$2\" </dev/null >\"$3\" 2>&1 &"
  "${CMAKE_COMMAND}" "${_dir}/build.pid" "${_dir}/build" "${_dir}/build.log")

# Interrupted once a client is talking to the server (the benchmark records each client's pid).
set(_busy OFF)
foreach(_poll RANGE 1 600)
  if(EXISTS "${_out}/sshd/clients.pid")
    set(_busy ON)
    break()
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 0.2)
endforeach()
file(STRINGS "${_dir}/build.pid" _build_pid LIMIT_COUNT 1)
if(NOT _busy)
  execute_process(COMMAND kill -KILL -- -${_build_pid} ERROR_QUIET)
  file(READ "${_dir}/build.log" _log)
  message(FATAL_ERROR "FAILED: no benchmark client started within 120 s:\n${_log}")
endif()
processes_naming(_ignored _before "${_dir}")
expect_contains("${_before}" "${_out}/sshd/sshd_config" "the benchmark's sshd while it runs")
# The Python servers (AsyncSSH's, paramiko's, pyftpdlib's) are the orchestrator's own children.
expect_contains("${_before}" "python_servers.py --kind" "the benchmark's Python servers while it runs")
string(MD5 _tag "${_out}")
string(SUBSTRING "${_tag}" 0 8 _tag)
expect_exists("/dev/shm/stackprobe-bench-${_tag}" "the run's files in memory while it runs")

if(CASE STREQUAL "orchestrator_sigterm")
  set(_orchestrator "")
  processes_naming(_pids _text "${_dir}")
  stackprobe_text_lines(_process "${_text}")
  foreach(_i RANGE ${_process_count})
    if(_i LESS _process_count AND _process_${_i} MATCHES "^ *([0-9]+) [^ ]*/stackprobe-bench ")
      set(_orchestrator ${CMAKE_MATCH_1})
    endif()
  endforeach()
  if(NOT _orchestrator)
    execute_process(COMMAND kill -KILL -- -${_build_pid} ERROR_QUIET)
    message(FATAL_ERROR "FAILED: no stackprobe-bench process of this run among:\n${_before}")
  endif()
  execute_process(COMMAND kill -TERM ${_orchestrator})
elseif(CASE STREQUAL "sigint")
  execute_process(COMMAND kill -INT -- -${_build_pid})
elseif(CASE STREQUAL "sigterm")
  execute_process(COMMAND kill -TERM -- -${_build_pid})
else()
  execute_process(COMMAND kill -KILL ${_build_pid})
endif()

# Within 30 s nothing of the run is left: the watchdog ends the server when the job's processes
# are gone, and the clients end with their server.
set(_left "")
string(TIMESTAMP _signalled "%s")
foreach(_poll RANGE 1 150)
  processes_naming(_ignored _left "${_dir}")
  if(_left STREQUAL "")
    break()
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 0.2)
endforeach()
if(NOT _left STREQUAL "")
  execute_process(COMMAND kill -KILL -- -${_build_pid} ERROR_QUIET)
  file(READ "${_dir}/build.log" _log)
  message(FATAL_ERROR "FAILED: 30 s after the ${CASE}, processes of the run are still running:\n"
    "${_left}\nbefore the signal:\n${_before}\nthe build's output:\n${_log}")
endif()
foreach(_poll RANGE 1 25)
  if(NOT EXISTS "/dev/shm/stackprobe-bench-${_tag}")
    break()
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 0.2)
endforeach()
expect_missing("/dev/shm/stackprobe-bench-${_tag}" "the interrupted run's files in memory")
string(TIMESTAMP _gone "%s")
math(EXPR _gone "${_gone} - ${_signalled}")
message("${CASE}: the build, its sshd and its clients are gone (within ${_gone} s of the signal); before the signal they were:\n${_before}")
if(CASE STREQUAL "orchestrator_sigterm")
  file(READ "${_dir}/build.log" _log)
  expect_contains("${_log}" "bench: stopped by signal 15; ending the server and every client"
    "the orchestrator's own account of the SIGTERM")
endif()
