# sshd.*: the throwaway server ends with the process that owns it, and "stop" never kills a
# process that is not its own.
#   CASE=owner_killed  the owner gets SIGTERM: sshd and its watchdog are gone within seconds
#   CASE=stale_pid     a pid file naming another process: stop leaves that process alone
#   cmake -DSOURCE_ROOT=... -DWORK_DIR=... -DCASE=owner_killed|stale_pid -P sshd_lifecycle_test.cmake
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/TestHelpers.cmake")
set(_dir "${WORK_DIR}/sshd-lifecycle-${CASE}")
file(REMOVE_RECURSE "${_dir}")
file(MAKE_DIRECTORY "${_dir}")

if(CASE STREQUAL "owner_killed")
  # Another process whose command line holds a lone "[" and a ";", as a CI machine had: the
  # process listing must still be read line by line.
  execute_process(COMMAND sh -c "sh -c 'sleep 30; true' 'stackprobe-test[;' </dev/null >/dev/null 2>&1 & echo $!"
    OUTPUT_VARIABLE _odd_process OUTPUT_STRIP_TRAILING_WHITESPACE)
  # The owner: a shell that starts the server, then waits; the test kills it with SIGTERM.
  file(WRITE "${_dir}/owner.sh"
    "echo $$ > \"$1/owner.pid\"\n\"$2\" -DACTION=start \"-DDIR=$1/server\" -DOWNER_PID=$$ -P \"$3\" > \"$1/start.log\" 2>&1\nsleep 60\n")
  execute_process(COMMAND sh -c "sh \"$0\" \"$1\" \"$2\" \"$3\" </dev/null >/dev/null 2>&1 &"
    "${_dir}/owner.sh" "${_dir}" "${CMAKE_COMMAND}" "${SOURCE_ROOT}/bench/sshd.cmake")
  foreach(_poll RANGE 1 100)
    if(EXISTS "${_dir}/server/sshd.pid")
      break()
    endif()
    execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 0.2)
  endforeach()
  expect_exists("${_dir}/server/sshd.pid" "the server's pid file (start log: ${_dir}/start.log)")
  processes_naming(_before _ignored "${_dir}/server")
  list(LENGTH _before _count)
  if(_count LESS 2)
    message(FATAL_ERROR "FAILED: expected sshd and its watchdog running, saw pids '${_before}'")
  endif()
  file(STRINGS "${_dir}/owner.pid" _owner LIMIT_COUNT 1)
  execute_process(COMMAND kill -TERM ${_owner})
  set(_after "${_before}")
  foreach(_poll RANGE 1 50)
    execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 0.2)
    processes_naming(_after _ignored "${_dir}/server")
    if(_after STREQUAL "")
      break()
    endif()
  endforeach()
  execute_process(COMMAND kill ${_odd_process} ERROR_QUIET)
  expect_equal("${_after}" "" "processes of the server left 10 s after its owner got SIGTERM")
elseif(CASE STREQUAL "stale_pid")
  # A process that is not ours, named by stale pid files.
  execute_process(COMMAND sh -c "sleep 30 </dev/null >/dev/null 2>&1 & echo $!" OUTPUT_VARIABLE _bystander
    OUTPUT_STRIP_TRAILING_WHITESPACE)
  file(MAKE_DIRECTORY "${_dir}/server")
  foreach(_file sshd.pid watchdog.pid clients.pid)
    file(WRITE "${_dir}/server/${_file}" "${_bystander}\n")
  endforeach()
  run_captured(_stop "${CMAKE_COMMAND}" -DACTION=stop "-DDIR=${_dir}/server" -P "${SOURCE_ROOT}/bench/sshd.cmake")
  process_running(_alive ${_bystander})
  expect_equal("${_alive}" "ON" "the other process running after stop")
  expect_missing("${_dir}/server/sshd.pid" "the stale pid file")
  execute_process(COMMAND kill ${_bystander})
else()
  message(FATAL_ERROR "sshd_lifecycle_test.cmake: unknown CASE '${CASE}'")
endif()
