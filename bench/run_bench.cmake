# The standard put/get benchmark. This script finds what to measure and builds the orchestrator;
# the orchestrator (bench/orchestrator, stackprobe-bench, in C) runs the throwaway sshd and every
# contender, checks every file by SHA-256 and writes OUT_DIR/bench.json.
#
#   cmake -DSOURCE_ROOT=... -DOUT_DIR=<build>/bench -DCLIENTS=<toolchain>=<bench build dir>|...
#         [-DEMULATORS=<toolchain>=<program>|...] [-DPREFIXES=<toolchain>=<prefix>|...]
#         [-DWORKLOADS=standard|quick|large|small] [-DREPETITIONS=N] [-DWARMUP=N] [-DCIPHER=...] [-DMAC=...]
#         [-DSTREAMS=N] [-DPEERS=ON] [-DPYTHON=ON] [-DSERVERS=ON] [-DCURL=ON] [-DPYTHON_REPETITIONS=N]
#         [-DSTATE_ROOT=<build>/stackprobe]
#         [-DWINEPREFIX=...] [-DRELEASES=<toolchain>-<profile>=<toolchain>|...]
#         [-DORCHESTRATOR_DIR=<folder to build it in, default OUT_DIR/orchestrator>] -P run_bench.cmake
#
# SERVERS: besides OpenSSH's sshd, AsyncSSH's and paramiko's SFTP servers and pyftpdlib's FTP
# server (bench/python_servers.py), each measured with the native libssh2 client and OpenSSH's
# sftp (FTP: ftplib and curl).
# RELEASES: the builds of another profile (STACKPROBE_PROFILE) and the release build of the same
# toolchain; each of their contenders also gets its ratio to the same contender of that build.
# The environment variable STACKPROBE_BENCH_CORRUPT=1 appends a byte to the first file received
# (a test hook): the run must then fail its SHA-256 check.

cmake_minimum_required(VERSION 3.25)
get_filename_component(_bench_dir "${CMAKE_CURRENT_LIST_FILE}" DIRECTORY)
include("${_bench_dir}/../cmake/StackprobeJson.cmake")
include("${_bench_dir}/../cmake/StackprobeEmulator.cmake")
include("${_bench_dir}/../cmake/StackprobePreflight.cmake")

foreach(_required SOURCE_ROOT OUT_DIR CLIENTS)
  if(NOT DEFINED ${_required})
    message(FATAL_ERROR "run_bench.cmake: -D${_required}=... is required")
  endif()
endforeach()

# The orchestrator needs fork, wait4 and OpenSSH's sshd: on Windows the benchmark says so and
# is skipped, and the report says why.
if(CMAKE_HOST_WIN32)
  set(_bench "{}")
  string(JSON _bench SET "${_bench}" schema 1)
  set(_skipped "the benchmark: it needs a POSIX machine with OpenSSH's sshd (Linux, macOS, WSL); on Windows it is skipped")
  stackprobe_json_string_array(_skipped_json _skipped)
  string(JSON _bench SET "${_bench}" skipped "${_skipped_json}")
  string(JSON _bench SET "${_bench}" results "[]")
  file(WRITE "${OUT_DIR}/bench.json" "${_bench}\n")
  message("bench: ${_skipped}")
  return()
endif()

# Sets out_var to the value for key in a "key=value|key=value" list.
function(_bench_lookup out_var pairs key)
  set(_value "")
  string(REPLACE "|" ";" _pairs "${pairs}")
  foreach(_pair IN LISTS _pairs)
    if(_pair MATCHES "^([^=]+)=(.*)$" AND CMAKE_MATCH_1 STREQUAL key)
      set(_value "${CMAKE_MATCH_2}")
    endif()
  endforeach()
  set(${out_var} "${_value}" PARENT_SCOPE)
endfunction()

# The settings: workloads.json's, where the caller left one empty.
file(READ "${_bench_dir}/workloads.json" _workload_json)
if(NOT DEFINED WORKLOADS OR WORKLOADS STREQUAL "" OR WORKLOADS STREQUAL "standard")
  set(_workloads "")
  stackprobe_json_indices(_indices "${_workload_json}" standard)
  foreach(_i IN LISTS _indices)
    string(JSON _name GET "${_workload_json}" standard ${_i})
    list(APPEND _workloads ${_name})
  endforeach()
else()
  string(REPLACE "|" ";" _workloads "${WORKLOADS}")
endif()
foreach(_setting repetitions python_repetitions warmup_rounds cipher mac buffer_bytes streams slow_budget_seconds)
  string(JSON _default_${_setting} GET "${_workload_json}" ${_setting})
endforeach()
foreach(_setting repetitions python_repetitions cipher mac streams)
  string(TOUPPER ${_setting} _variable)
  if(NOT ${_variable})
    set(${_variable} ${_default_${_setting}})
  endif()
endforeach()
if(NOT DEFINED WARMUP OR WARMUP STREQUAL "")
  set(WARMUP ${_default_warmup_rounds})
endif()
foreach(_switch PEERS PYTHON SERVERS CURL)
  if(NOT DEFINED ${_switch})
    set(${_switch} ON)
  endif()
endforeach()

set(_arguments --source-root "${SOURCE_ROOT}" --out-dir "${OUT_DIR}" --cmake "${CMAKE_COMMAND}"
  --repetitions ${REPETITIONS} --python-repetitions ${PYTHON_REPETITIONS} --warmup ${WARMUP}
  --cipher "${CIPHER}" --mac "${MAC}" --buffer ${_default_buffer_bytes} --streams ${STREAMS}
  --slow-budget ${_default_slow_budget_seconds})
# An AEAD cipher authenticates by itself; both implementations then ignore the MAC.
if(CIPHER MATCHES "gcm|poly1305")
  list(APPEND _arguments --aead 1)
endif()
if(PEERS)
  list(APPEND _arguments --peers 1)
else()
  list(APPEND _arguments --peers 0)
endif()
if(CURL)
  list(APPEND _arguments --curl 1)
else()
  list(APPEND _arguments --curl 0)
endif()
if(SERVERS AND PYTHON)
  list(APPEND _arguments --servers 1)
else()
  list(APPEND _arguments --servers 0)
endif()
if(STATE_ROOT)
  list(APPEND _arguments --state-root "${STATE_ROOT}")
endif()
if(WINEPREFIX)
  list(APPEND _arguments --wineprefix "${WINEPREFIX}")
endif()

# Workloads: name=files,bytes,seed. The warm-up rounds move warm_up_workload (one 2 MiB file):
# what they warm (the kernel's caches, the processor's clock) does not depend on the files' size,
# and the slow budget reads the Python contenders' speed from it.

# Sets out_var to "files,bytes,seed" of a workload of bench/workloads.json.
function(_bench_workload_spec out_var name)
  string(JSON _files ERROR_VARIABLE _missing GET "${_workload_json}" workloads ${name} files)
  if(_missing)
    message(FATAL_ERROR "bench: workload '${name}' is not in bench/workloads.json")
  endif()
  string(JSON _bytes GET "${_workload_json}" workloads ${name} bytes_per_file)
  string(JSON _seed GET "${_workload_json}" workloads ${name} seed)
  set(${out_var} "${_files},${_bytes},${_seed}" PARENT_SCOPE)
endfunction()
foreach(_workload IN LISTS _workloads)
  _bench_workload_spec(_spec ${_workload})
  list(APPEND _arguments --workload "${_workload}=${_spec}")
endforeach()
if(WARMUP GREATER 0)
  string(JSON _warm_up GET "${_workload_json}" warm_up_workload)
  _bench_workload_spec(_spec ${_warm_up})
  # Measured as well: the warm-up's copy gets a name of its own.
  if(_warm_up IN_LIST _workloads)
    string(APPEND _warm_up "-warm-up")
  endif()
  list(APPEND _arguments --warmup-workload "${_warm_up}=${_spec}")
endif()

# Clients: a toolchain that failed its preflight was not built in this run, so a client left by
# an earlier build is not its client now; one whose emulator cannot run it is skipped with why.
set(_releases "")
string(REPLACE "|" ";" _client_pairs "${CLIENTS}")
foreach(_pair IN LISTS _client_pairs)
  if(NOT _pair MATCHES "^([^=]+)=(.+)$")
    message(FATAL_ERROR "bench: CLIENTS entry '${_pair}' is not toolchain=folder")
  endif()
  set(_toolchain "${CMAKE_MATCH_1}")
  set(_client_dir "${CMAKE_MATCH_2}")
  _bench_lookup(_emulator "${EMULATORS}" "${_toolchain}")
  _bench_lookup(_prefix "${PREFIXES}" "${_toolchain}")
  _bench_lookup(_release "${RELEASES}" "${_toolchain}")
  set(_problem "")
  set(_preflight_failed OFF)
  if(STATE_ROOT)
    stackprobe_preflight_failed(_preflight_failed "${STATE_ROOT}/${_toolchain}")
  endif()
  if(_preflight_failed)
    set(_problem "it failed the preflight, so it was not built (see the report)")
  elseif(_emulator AND EXISTS "${_client_dir}/make_files.exe")
    stackprobe_emulator_check(_problem "${_emulator}" "${_client_dir}/make_files.exe"
      "WINEPATH=Z:${_prefix}/bin" WINEDEBUG=-all "WINEPREFIX=${WINEPREFIX}")
  endif()
  if(_problem)
    list(APPEND _arguments --skipped "libssh2 of ${_toolchain}: ${_problem}")
    continue()
  endif()
  list(APPEND _arguments --client "${_toolchain}=${_client_dir}")
  # The prefix: Wine's DLL path, and the curl the toolchain built there.
  if(_prefix)
    list(APPEND _arguments --prefix "${_toolchain}=${_prefix}")
  endif()
  if(_emulator)
    list(APPEND _arguments --emulator "${_toolchain}=${_emulator}")
  endif()
  if(_release)
    list(APPEND _releases "${_toolchain}=${_release}")
  endif()
endforeach()
# After every --client: a release is named by a client option.
foreach(_pair IN LISTS _releases)
  list(APPEND _arguments --release "${_pair}")
endforeach()

# The Python contenders: paramiko, asyncssh, and the wrappers Fabric and spur.
if(PYTHON)
  find_program(_python python3 PATHS /usr/bin NO_DEFAULT_PATH)
  if(_python)
    list(APPEND _arguments --python "${_python}")
  else()
    foreach(_module paramiko asyncssh fabric spur)
      list(APPEND _arguments --skipped "${_module}: no python3 in /usr/bin (apt-get install python3-${_module})")
    endforeach()
  endif()
endif()

# The orchestrator and the libssh client, built for this machine (a no-op when up to date).
if(NOT ORCHESTRATOR_DIR)
  set(ORCHESTRATOR_DIR "${OUT_DIR}/orchestrator")
endif()
if(NOT EXISTS "${ORCHESTRATOR_DIR}/CMakeCache.txt")
  execute_process(COMMAND "${CMAKE_COMMAND}" -S "${_bench_dir}/orchestrator" -B "${ORCHESTRATOR_DIR}"
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "bench: configuring the orchestrator (bench/orchestrator) failed; "
      "it needs a C compiler for this machine (apt-get install gcc):\n${_out}")
  endif()
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${ORCHESTRATOR_DIR}"
  RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "bench: building the orchestrator (bench/orchestrator) failed:\n${_out}")
endif()
if(EXISTS "${ORCHESTRATOR_DIR}/libssh_transfer")
  list(APPEND _arguments --libssh-client "${ORCHESTRATOR_DIR}/libssh_transfer")
else()
  list(APPEND _arguments --skipped "libssh-sftp: libssh is not installed, so its client was not built (apt-get install libssh-dev)")
endif()

# The folder on tmpfs the run's files live in, when there is one, so the disk is not what is
# measured; named after OUT_DIR, and removed by the orchestrator and the server's watchdog.
if(IS_DIRECTORY /dev/shm)
  string(MD5 _tag "${OUT_DIR}")
  string(SUBSTRING "${_tag}" 0 8 _tag)
  list(APPEND _arguments --scratch "/dev/shm/stackprobe-bench-${_tag}")
endif()

execute_process(COMMAND "${ORCHESTRATOR_DIR}/stackprobe-bench" ${_arguments} RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "bench: the benchmark failed (exit ${_rc}, see above); its server and clients were stopped")
endif()
