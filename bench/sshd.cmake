# A throwaway OpenSSH server on 127.0.0.1 and a free port, for the libssh2 probe and the
# benchmark: its own host key, client key, configuration and known_hosts, all under DIR;
# nothing read from or written to the system's SSH setup. Public-key login only.
#
#   cmake -DACTION=start -DDIR=<folder> -P sshd.cmake   writes DIR/server.cmake (what clients need)
#   cmake -DACTION=stop  -DDIR=<folder> -P sshd.cmake
#
# The server is tied to the process that asked for it (OWNER_PID, by default the parent of this
# script's cmake: the build step, the test, or ctest for a fixture) and to that process's
# ancestors in its process group: a watchdog ends it within a second when one of them is gone, on Ctrl-C (SIGINT), SIGTERM or a crash alike, and in any case
# after STACKPROBE_SSHD_LIFETIME seconds (default 3600). "stop" kills only processes whose
# command line names this folder's sshd_config, so a stale pid file never kills another process.
#
#   cmake -DACTION=start -DDIR=<folder> [-DOWNER_PID=<pid>] [-DLOG_LEVEL=DEBUG3]
#         [-DSCRATCH=/dev/shm/stackprobe-<name>] -P sshd.cmake
# (LOG_LEVEL DEBUG3 logs "will use strict KEX ordering", which the libssh2 probe looks for.)
# CIPHERS and MACS pin the server's algorithms (the benchmark's: a client that cannot choose its
# own, curl, then negotiates the pinned pair or nothing).
#
# A library's own test fixture (libssh2's tests, run by cmake/scripts/run_suite.cmake) brings its
# keys and settings: HOST_KEYS (private host key files, used instead of a generated one),
# AUTHORIZED_KEYS (public key files whose keys may log in besides the generated client key) and
# EXTRA_CONFIG (a file of sshd_config lines added after stackprobe's own; sshd takes the first
# value of a keyword, so they add to stackprobe's settings and never undo them). All are copied
# into DIR, where the server reads them. PORT: the port to try first (a test that connects only to
# a fixed port); when it is taken, a free one is used as always and server.cmake says which.

cmake_minimum_required(VERSION 3.25)

if(NOT DEFINED DIR)
  message(FATAL_ERROR "sshd.cmake: -DDIR=<folder> is required")
endif()
if(NOT LOG_LEVEL)
  set(LOG_LEVEL INFO)
endif()
set(_algorithm_lines "")
foreach(_setting CIPHERS MACS)
  if(DEFINED ${_setting} AND NOT ${_setting} STREQUAL "")
    if(NOT ${_setting} MATCHES "^[A-Za-z0-9@.,_-]+$")
      message(FATAL_ERROR "sshd: ${_setting} '${${_setting}}' is not a list of algorithm names")
    endif()
    if(_setting STREQUAL "CIPHERS")
      string(APPEND _algorithm_lines "Ciphers ${${_setting}}\n")
    else()
      string(APPEND _algorithm_lines "MACs ${${_setting}}\n")
    endif()
  endif()
endforeach()
set(_lifetime 3600)
if(DEFINED ENV{STACKPROBE_SSHD_LIFETIME})
  set(_lifetime "$ENV{STACKPROBE_SSHD_LIFETIME}")
endif()

# Sets out_var to ON when process pid is alive and its command line holds needle (read with
# ps, which every POSIX system has).
function(_sshd_process_is out_var pid needle)
  set(${out_var} OFF PARENT_SCOPE)
  if(NOT pid MATCHES "^[0-9]+$")
    return()
  endif()
  execute_process(COMMAND ps -ww -o args= -p ${pid} RESULT_VARIABLE _rc OUTPUT_VARIABLE _args ERROR_QUIET)
  if(_rc EQUAL 0)
    string(FIND "${_args}" "${needle}" _at)
    if(NOT _at EQUAL -1)
      set(${out_var} ON PARENT_SCOPE)
    endif()
  endif()
endfunction()

# Stops the server whose pid files are in DIR, quiet when none runs: first the clients that
# registered in DIR/clients.pid (an OpenSSH master connection outlives its parent), then the
# server's connection processes (they outlive the listener), then the listener and its watchdog.
# A pid is killed only while its command line still names this folder: pids are reused.
function(_sshd_stop)
  find_program(_pkill pkill)
  if(EXISTS "${DIR}/clients.pid")
    file(STRINGS "${DIR}/clients.pid" _client_pids)
    foreach(_pid IN LISTS _client_pids)
      _sshd_process_is(_ours "${_pid}" "${DIR}")
      if(_ours)
        execute_process(COMMAND kill ${_pid} RESULT_VARIABLE _ignored ERROR_QUIET)
      endif()
    endforeach()
    file(REMOVE "${DIR}/clients.pid")
  endif()
  foreach(_pid_file "${DIR}/sshd.pid" "${DIR}/watchdog.pid")
    if(EXISTS "${_pid_file}")
      file(STRINGS "${_pid_file}" _pid LIMIT_COUNT 1)
      _sshd_process_is(_ours "${_pid}" "${DIR}")
      if(_ours)
        if(_pkill AND _pid_file MATCHES "sshd.pid$")
          execute_process(COMMAND "${_pkill}" -TERM -P ${_pid} RESULT_VARIABLE _ignored ERROR_QUIET)
        endif()
        execute_process(COMMAND kill ${_pid} RESULT_VARIABLE _ignored ERROR_QUIET)
        # Gone before stop returns: a caller checks right after that nothing of it is left.
        foreach(_poll RANGE 1 30)
          _sshd_process_is(_still "${_pid}" "${DIR}")
          if(NOT _still)
            break()
          endif()
          execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 0.1)
        endforeach()
      endif()
      file(REMOVE "${_pid_file}")
    endif()
  endforeach()
endfunction()

function(_sshd_keygen path comment)
  if(NOT EXISTS "${path}")
    execute_process(COMMAND "${_ssh_keygen}" -q -t ed25519 -N "" -C "${comment}" -f "${path}"
      RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
    if(NOT _rc EQUAL 0)
      message(FATAL_ERROR "sshd: ssh-keygen for ${path} failed: ${_out}")
    endif()
  endif()
endfunction()

if(ACTION STREQUAL "stop")
  _sshd_stop()
  return()
elseif(NOT ACTION STREQUAL "start")
  message(FATAL_ERROR "sshd.cmake: -DACTION=start or -DACTION=stop")
endif()

find_program(_sshd sshd PATHS /usr/sbin /usr/local/sbin /sbin)
if(NOT _sshd)
  message(FATAL_ERROR "sshd: OpenSSH's server (sshd) is not installed, so no loopback server can be started. "
    "Fix: apt-get install openssh-server (dnf install openssh-server; brew: it ships with macOS)")
endif()
find_program(_ssh_keygen ssh-keygen)
if(NOT _ssh_keygen)
  message(FATAL_ERROR "sshd: ssh-keygen is needed: apt-get install openssh-client")
endif()
# The owner: the process that ran this script (cmake -P exits once the server listens).
if(NOT OWNER_PID)
  execute_process(COMMAND sh -c "ps -o ppid= -p $PPID" OUTPUT_VARIABLE OWNER_PID OUTPUT_STRIP_TRAILING_WHITESPACE)
  string(STRIP "${OWNER_PID}" OWNER_PID)
endif()
if(NOT OWNER_PID MATCHES "^[0-9]+$")
  message(FATAL_ERROR "sshd: cannot tell which process owns the server (OWNER_PID '${OWNER_PID}')")
endif()
# Sets <prefix>_group, _user, _parent and _command to the process group, uid, parent pid and
# command name of pid (all "" when it is gone).
function(_sshd_process_facts prefix pid)
  execute_process(COMMAND ps -o pgid= -o uid= -o ppid= -o comm= -p ${pid} OUTPUT_VARIABLE _facts ERROR_QUIET)
  string(STRIP "${_facts}" _facts)
  foreach(_field group user parent command)
    set(${prefix}_${_field} "" PARENT_SCOPE)
  endforeach()
  if(_facts MATCHES "^([0-9]+)[ \t]+([0-9]+)[ \t]+([0-9]+)[ \t]+(.*)$")
    set(${prefix}_group "${CMAKE_MATCH_1}" PARENT_SCOPE)
    set(${prefix}_user "${CMAKE_MATCH_2}" PARENT_SCOPE)
    set(${prefix}_parent "${CMAKE_MATCH_3}" PARENT_SCOPE)
    set(${prefix}_command "${CMAKE_MATCH_4}" PARENT_SCOPE)
  endif()
endfunction()
# The owner and its ancestors that belong to the same build: in the owner's process group, of
# the same user, and build processes (cmake, ctest, make, ninja, or the shell make runs a recipe
# in). A SIGTERM that reaches only the job's first process (cmake --build) ends the server too;
# a shell or script that started the build is no owner, so it may end before the build does.
set(_owners "${OWNER_PID}")
_sshd_process_facts(_owner ${OWNER_PID})
set(_parent "${_owner_parent}")
foreach(_depth RANGE 1 32)
  if(NOT _parent MATCHES "^[0-9]+$" OR _parent LESS_EQUAL 1)
    break()
  endif()
  _sshd_process_facts(_up ${_parent})
  if(_up_group STREQUAL "" OR NOT _up_group STREQUAL _owner_group OR NOT _up_user STREQUAL _owner_user)
    break()
  endif()
  # A shell counts only as the shell make or ninja runs a recipe in.
  if(_up_command MATCHES "^(sh|dash|bash)$")
    _sshd_process_facts(_above ${_up_parent})
    if(NOT _above_command MATCHES "^(make|gmake|ninja)$")
      break()
    endif()
  elseif(NOT _up_command MATCHES "^(cmake|ctest|make|gmake|ninja)$")
    break()
  endif()
  string(APPEND _owners " ${_parent}")
  set(_parent "${_up_parent}")
endforeach()

# SCRATCH: a folder of the run's own in /dev/shm that the watchdog removes with the server, so
# an interrupted run does not leave its files in memory. Nothing else is accepted there.
if(SCRATCH AND NOT SCRATCH MATCHES "^/dev/shm/stackprobe-[A-Za-z0-9-]+$")
  message(FATAL_ERROR "sshd: SCRATCH must be a folder /dev/shm/stackprobe-<name>, not '${SCRATCH}'")
endif()

_sshd_stop()
file(MAKE_DIRECTORY "${DIR}")
_sshd_keygen("${DIR}/client_ed25519" stackprobe-client)
file(COPY_FILE "${DIR}/client_ed25519.pub" "${DIR}/authorized_keys")
set(_host_keys "")
if(HOST_KEYS)
  set(_n 0)
  foreach(_key IN LISTS HOST_KEYS)
    math(EXPR _n "${_n} + 1")
    if(NOT EXISTS "${_key}")
      message(FATAL_ERROR "sshd: the host key ${_key} (HOST_KEYS) does not exist")
    endif()
    file(COPY_FILE "${_key}" "${DIR}/host_key_${_n}")
    # ssh-keygen and sshd refuse a private key that others may read.
    file(CHMOD "${DIR}/host_key_${_n}" PERMISSIONS OWNER_READ OWNER_WRITE)
    list(APPEND _host_keys "${DIR}/host_key_${_n}")
  endforeach()
  execute_process(COMMAND "${_ssh_keygen}" -y -f "${DIR}/host_key_1" OUTPUT_VARIABLE _host_key
    RESULT_VARIABLE _rc ERROR_VARIABLE _error OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "sshd: cannot read the host key ${DIR}/host_key_1: ${_error}")
  endif()
else()
  _sshd_keygen("${DIR}/host_ed25519" stackprobe-host)
  set(_host_keys "${DIR}/host_ed25519")
  file(STRINGS "${DIR}/host_ed25519.pub" _host_key LIMIT_COUNT 1)
endif()
string(REGEX REPLACE "^([^ ]+ [^ ]+).*$" "\\1" _host_key "${_host_key}")
foreach(_key IN LISTS AUTHORIZED_KEYS)
  file(READ "${_key}" _keys)
  file(APPEND "${DIR}/authorized_keys" "${_keys}\n")
endforeach()
set(_extra_config "")
if(EXTRA_CONFIG)
  file(READ "${EXTRA_CONFIG}" _extra_config)
  set(_extra_config "# ${EXTRA_CONFIG}\n${_extra_config}\n")
endif()
# StrictModes stays on: the folder and its files are made private here, as sshd requires.
file(CHMOD "${DIR}" DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
file(CHMOD "${DIR}/authorized_keys" ${_host_keys} "${DIR}/client_ed25519"
  PERMISSIONS OWNER_READ OWNER_WRITE)
set(_host_key_lines "")
foreach(_key IN LISTS _host_keys)
  string(APPEND _host_key_lines "HostKey ${_key}\n")
endforeach()

execute_process(COMMAND id -un OUTPUT_VARIABLE _user OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND id -u OUTPUT_VARIABLE _uid OUTPUT_STRIP_TRAILING_WHITESPACE)

# StrictModes: sshd refuses keys below a folder others may write to (up to the user's home or
# /), /tmp among them. It is on unless such a folder holds DIR, which the log then names.
set(_strict_modes yes)
set(_path "${DIR}")
while(NOT _path STREQUAL "/" AND NOT _path STREQUAL "$ENV{HOME}" AND NOT _path STREQUAL "")
  get_filename_component(_path "${_path}" DIRECTORY)
  execute_process(COMMAND stat -c "%a %u" "${_path}" OUTPUT_VARIABLE _mode_owner
    RESULT_VARIABLE _rc OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(NOT _rc EQUAL 0 OR NOT _mode_owner MATCHES "^([0-7]+) ([0-9]+)$")
    break()
  endif()
  set(_mode "${CMAKE_MATCH_1}")
  set(_owner "${CMAKE_MATCH_2}")
  string(LENGTH "${_mode}" _length)
  math(EXPR _group_digit "${_length} - 2")
  string(SUBSTRING "${_mode}" ${_group_digit} 2 _group_world)
  if(_group_world MATCHES "[2367]" OR (NOT _owner STREQUAL "0" AND NOT _owner STREQUAL _uid))
    set(_strict_modes no)
    message(STATUS "sshd: StrictModes off: ${_path} (mode ${_mode}, owner ${_owner}) may be written by others, and sshd would refuse the keys below it")
    break()
  endif()
endwhile()
if(_uid STREQUAL "0" AND NOT EXISTS /run/sshd)
  # sshd as root: "Missing privilege separation directory: /run/sshd".
  file(MAKE_DIRECTORY /run/sshd)
  file(CHMOD /run/sshd DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
endif()

foreach(_attempt RANGE 1 20)
  string(RANDOM LENGTH 4 ALPHABET 0123456789 _digits)
  math(EXPR _port "20000 + ${_digits} % 40000")
  if(_attempt EQUAL 1 AND PORT MATCHES "^[0-9]+$")
    set(_port ${PORT})
  endif()
  # SetEnv SHLVL=1: bash then counts itself a nested shell and does not source ~/.bashrc for
  # scp's or ssh's commands (a pyenv set-up there cost 0.65 s per command).
  file(WRITE "${DIR}/sshd_config"
"Port ${_port}
ListenAddress 127.0.0.1
${_host_key_lines}PidFile ${DIR}/sshd.pid
AuthorizedKeysFile ${DIR}/authorized_keys
AllowUsers ${_user}
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes ${_strict_modes}
LogLevel ${LOG_LEVEL}
PermitUserRC no
PermitUserEnvironment no
PrintMotd no
PrintLastLog no
UseDNS no
SetEnv SHLVL=1
MaxStartups 100
MaxSessions 100
Subsystem sftp internal-sftp
${_algorithm_lines}${_extra_config}")
  file(REMOVE "${DIR}/sshd.pid" "${DIR}/sshd.log")
  # The watchdog, in a session of its own (Ctrl-C reaches the build's process group, not it):
  # it starts sshd and ends it when the owner is gone, the lifetime is over, or it is itself
  # stopped. Its command line names the folder, which "stop" checks.
  file(WRITE "${DIR}/watchdog.sh"
"# stackprobe's sshd watchdog for ${DIR}
owners=$1 lifetime=$2 sshd=$3 config=$4 log=$5 scratch=$6
\"$sshd\" -D -f \"$config\" -E \"$log\" </dev/null >/dev/null 2>&1 &
server=$!
end() {
  pkill -TERM -P $server 2>/dev/null
  kill $server 2>/dev/null
  # Reaped here: once this watchdog is gone, init would reap it, maybe only seconds later.
  wait $server 2>/dev/null
  # The run's files in memory (/dev/shm): an interrupted run never removes them itself.
  [ -n \"$scratch\" ] && rm -rf -- \"$scratch\"
  exit 0
}
trap end INT TERM HUP
# A process that ended is a zombie until its parent reaps it, and kill -0 still reaches a
# zombie: an orphan's parent is init, which may reap it seconds later (seen on CI machines).
alive() {
  kill -0 \"$1\" 2>/dev/null || return 1
  if [ -r \"/proc/$1/stat\" ]; then
    read -r stat < \"/proc/$1/stat\" || return 0
    stat=\${stat##*) }
    [ \"\${stat%% *}\" != Z ] || return 1
  fi
  return 0
}
owned() {
  for owner in $owners; do
    alive $owner || return 1
  done
  return 0
}
waited=0
while alive $server && owned && [ $waited -lt $lifetime ]; do
  # A signal ends a wait at once; it would wait for a foreground sleep to finish.
  sleep 1 &
  wait $!
  waited=$((waited + 1))
done
end
")
  find_program(_setsid setsid)
  set(_detach "")
  if(_setsid)
    set(_detach "${_setsid}")
  endif()
  execute_process(
    COMMAND sh -c "$0 sh \"$1\" \"$2\" \"$3\" \"$4\" \"$5\" \"$6\" \"$7\" </dev/null >/dev/null 2>&1 & echo $! > \"$8\""
      "${_detach}" "${DIR}/watchdog.sh" "${_owners}" "${_lifetime}" "${_sshd}" "${DIR}/sshd_config" "${DIR}/sshd.log"
      "${SCRATCH}" "${DIR}/watchdog.pid"
    RESULT_VARIABLE _rc)
  # sshd writes its pid file once it listens; if it dies first, its log says why.
  set(_state "waiting")
  foreach(_poll RANGE 1 100)
    if(EXISTS "${DIR}/sshd.pid")
      set(_state "listening")
      break()
    endif()
    set(_watchdog_pid "")
    if(EXISTS "${DIR}/watchdog.pid")
      file(STRINGS "${DIR}/watchdog.pid" _watchdog_pid LIMIT_COUNT 1)
    endif()
    if(_watchdog_pid MATCHES "^[0-9]+$")
      execute_process(COMMAND kill -0 ${_watchdog_pid} RESULT_VARIABLE _alive ERROR_QUIET)
      if(NOT _alive EQUAL 0)
        set(_state "exited")
        break()
      endif()
    endif()
    execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 0.1)
  endforeach()
  if(_state STREQUAL "listening")
    break()
  endif()
  set(_log "")
  if(EXISTS "${DIR}/sshd.log")
    file(READ "${DIR}/sshd.log" _log)
  endif()
  _sshd_stop()
  if(NOT _log MATCHES "Address already in use|Cannot bind")
    message(FATAL_ERROR "sshd: the server did not start (${_state}). Its log (${DIR}/sshd.log):\n${_log}\n"
      "If it says 'Missing privilege separation directory', create it: mkdir -p /run/sshd")
  endif()
endforeach()
if(NOT _state STREQUAL "listening")
  message(FATAL_ERROR "sshd: no free port found in 20 attempts")
endif()

file(WRITE "${DIR}/known_hosts" "[127.0.0.1]:${_port} ${_host_key}\n")
# For OpenSSH's own clients (the benchmark's peer): everything pinned, nothing asked.
file(WRITE "${DIR}/ssh_config"
"Host stackprobe-loopback
  HostName 127.0.0.1
  Port ${_port}
  User ${_user}
  IdentityFile ${DIR}/client_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile ${DIR}/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  BatchMode yes
  LogLevel ERROR
")
file(WRITE "${DIR}/server.cmake"
"set(SSHD_HOST 127.0.0.1)
set(SSHD_PORT ${_port})
set(SSHD_USER ${_user})
set(SSHD_PRIVATE_KEY \"${DIR}/client_ed25519\")
set(SSHD_PUBLIC_KEY \"${DIR}/client_ed25519.pub\")
set(SSHD_KNOWN_HOSTS \"${DIR}/known_hosts\")
set(SSHD_SSH_CONFIG \"${DIR}/ssh_config\")
")
message(STATUS "sshd: listening on 127.0.0.1:${_port} (user ${_user}, folder ${DIR})")
