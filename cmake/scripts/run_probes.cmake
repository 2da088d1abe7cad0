# Builds the probes of one linkage for one toolchain and runs each one as its own step
# (probe.<library>.<linkage>), through the toolchain's emulator when it has one. A probe whose
# executable has not changed since it last passed is not run again. The libssh2 and curl probes
# log in to a throwaway sshd when one can be started (bench/sshd.cmake).
#
#   cmake -DTOOLCHAIN=... -DSTATE_DIR=... -DLINKAGE=shared|static -DBINARY_DIR=<probe build>
#         -DLIBRARIES=a|b -DPREFIX=... -DSOURCE_ROOT=... [-DEMULATOR=wine] [-DWINEPREFIX=...]
#         [-DEXECUTABLE_SUFFIX=.exe] [-DKEEP_GOING=-k|0] [-DSKIPPED=<library>=<reason>|...]
#         -P run_probes.cmake

cmake_minimum_required(VERSION 3.25)

string(REPLACE "|" ";" _libraries "${LIBRARIES}")
string(REPLACE "|" ";" _keep_going "${KEEP_GOING}")
set(_run_step "${CMAKE_COMMAND}" -DTOOLCHAIN=${TOOLCHAIN} "-DSTATE_DIR=${STATE_DIR}")
set(_run_step_script "${SOURCE_ROOT}/cmake/scripts/run_step.cmake")

execute_process(COMMAND ${_run_step} -DSTEP=probes-${LINKAGE}.build -P "${_run_step_script}"
  -- "${CMAKE_COMMAND}" --build "${BINARY_DIR}" -- ${_keep_going})

# Paths the program reads: under Wine a Unix path is Z:<path>.
function(_probe_path out_var path)
  if(EMULATOR MATCHES "wine")
    set(path "Z:${path}")
  endif()
  set(${out_var} "${path}" PARENT_SCOPE)
endfunction()

include("${SOURCE_ROOT}/cmake/StackprobeEmulator.cmake")
set(_environment "")
if(EMULATOR MATCHES "wine")
  # The DLLs are in <prefix>/bin; Wine finds them through WINEPATH.
  _probe_path(_bin "${PREFIX}/bin")
  set(_environment "WINEPATH=${_bin}" "WINEDEBUG=${STACKPROBE_PROBE_WINEDEBUG}")
  if(WINEPREFIX)
    list(APPEND _environment "WINEPREFIX=${WINEPREFIX}")
  endif()
endif()

include("${SOURCE_ROOT}/cmake/StackprobeRecord.cmake")
include("${SOURCE_ROOT}/cmake/StackprobeProbeServer.cmake")
include("${SOURCE_ROOT}/cmake/StackprobeLinkage.cmake")
string(REPLACE "|" ";" _skipped "${SKIPPED}")

# Sets out_var to ON when the probe of library must run: its executable is newer than its
# record, or it did not pass last time.
function(_probe_must_run out_var library)
  set(_exe "${BINARY_DIR}/probe_${library}${EXECUTABLE_SUFFIX}")
  set(_record "${STATE_DIR}/steps/probe.${library}.${LINKAGE}.json")
  set(${out_var} ON PARENT_SCOPE)
  if(EXISTS "${_exe}" AND EXISTS "${_record}" AND "${_record}" IS_NEWER_THAN "${_exe}")
    file(READ "${_record}" _previous)
    string(JSON _previous_status ERROR_VARIABLE _unreadable GET "${_previous}" status)
    if(_previous_status STREQUAL "pass")
      set(${out_var} OFF PARENT_SCOPE)
    endif()
  endif()
endfunction()

# When the emulator cannot run this toolchain's programs at all, every probe is skipped with
# the reason and its fix. Checked only when a probe must run: starting Wine takes seconds, and
# a build with nothing changed runs nothing.
set(_emulator_problem "")
foreach(_library IN LISTS _libraries)
  set(_exe "${BINARY_DIR}/probe_${_library}${EXECUTABLE_SUFFIX}")
  _probe_must_run(_must_run ${_library})
  if(EMULATOR AND EXISTS "${_exe}" AND _must_run)
    stackprobe_emulator_check(_emulator_problem "${EMULATOR}" "${_exe}" ${_environment})
    break()
  endif()
endforeach()
if(_emulator_problem)
  foreach(_library IN LISTS _libraries)
    list(APPEND _skipped "${_library}=${_emulator_problem}")
  endforeach()
  set(_libraries "")
endif()
# Written once: a build with nothing changed must leave every record as it was.
foreach(_entry IN LISTS _skipped)
  if(_entry MATCHES "^([^=]+)=(.*)$")
    set(_name "probe.${CMAKE_MATCH_1}.${LINKAGE}")
    set(_reason "${CMAKE_MATCH_2}")
    set(_file "${STATE_DIR}/steps/${_name}.json")
    set(_previous_reason "")
    if(EXISTS "${_file}")
      file(READ "${_file}" _previous)
      string(JSON _previous_reason ERROR_VARIABLE _unreadable GET "${_previous}" reason)
    endif()
    if(NOT _previous_reason STREQUAL _reason)
      stackprobe_record_write(FILE "${_file}" NAME "${_name}" STATUS skip REASON "${_reason}")
      message("stackprobe: ${TOOLCHAIN} ${_name} ... skipped: ${_reason}")
    endif()
  endif()
endforeach()

# Records step as failed with message as its log, as a probe that could not run.
function(_probe_record_failure step message)
  execute_process(COMMAND ${_run_step} -DSTEP=${step} -P "${_run_step_script}" --
    "${CMAKE_COMMAND}" "-DMESSAGE=${message}" -P "${SOURCE_ROOT}/cmake/scripts/fail.cmake")
endfunction()

set(_failed "")
foreach(_library IN LISTS _libraries)
  set(_step probe.${_library}.${LINKAGE})
  set(_exe "${BINARY_DIR}/probe_${_library}${EXECUTABLE_SUFFIX}")
  set(_record "${STATE_DIR}/steps/${_step}.json")
  if(NOT EXISTS "${_exe}")
    _probe_record_failure(${_step}
      "probe_${_library} was not built (${LINKAGE}): see ${STATE_DIR}/logs/probes-${LINKAGE}.build.log")
    list(APPEND _failed ${_step})
    continue()
  endif()
  _probe_must_run(_must_run ${_library})
  if(NOT _must_run)
    continue()
  endif()
  if(LINKAGE STREQUAL "static")
    # Otherwise it passed on the shared build, and its "static" says what was not seen.
    stackprobe_shared_stack_libraries(_shared "${_exe}")
    if(_shared)
      _probe_record_failure(${_step} "probe_${_library} (static) needs the shared ${_shared} at run time: the static link took a shared library of the stack, so this probe would check the shared build. Fix: link the static targets (probes/CMakeLists.txt, stackprobe_use_static_dependencies)")
      list(APPEND _failed ${_step})
      continue()
    endif()
  endif()

  set(_arguments "")
  # One server per linkage: the shared and static probes run at the same time.
  set(_sshd_dir "${STATE_DIR}/sshd-${LINKAGE}")
  if(_library MATCHES "^(libssh2|curl)$")
    execute_process(COMMAND "${CMAKE_COMMAND}" -DACTION=start "-DDIR=${_sshd_dir}" -DLOG_LEVEL=DEBUG3 -P "${SOURCE_ROOT}/bench/sshd.cmake"
      RESULT_VARIABLE _sshd_rc OUTPUT_VARIABLE _sshd_out ERROR_VARIABLE _sshd_out)
    if(_sshd_rc EQUAL 0)
      _probe_path(_path_prefix "")
      stackprobe_probe_server_words(_arguments ${_library} "${_sshd_dir}" WITH_LOG
        PATH_PREFIX "${_path_prefix}" REMOTE "${_sshd_dir}/curl-probe")
    else()
      message("stackprobe: ${TOOLCHAIN} ${_step}: no loopback server, so no handshake check:\n${_sshd_out}")
    endif()
  endif()
  # A pass is the probe's own last line seen, not an exit status alone (run_step.cmake).
  execute_process(COMMAND ${_run_step} -DSTEP=${_step}
    "-DPASS_REGEX=${_library}: all [0-9]+ checks passed" -DRETRY_SILENT=ON -P "${_run_step_script}" --
    "${CMAKE_COMMAND}" -E env ${_environment} -- ${EMULATOR} "${_exe}" ${_arguments}
    RESULT_VARIABLE _rc)
  if(_library MATCHES "^(libssh2|curl)$")
    execute_process(COMMAND "${CMAKE_COMMAND}" -DACTION=stop "-DDIR=${_sshd_dir}" -P "${SOURCE_ROOT}/bench/sshd.cmake")
  endif()
  if(NOT _rc EQUAL 0)
    list(APPEND _failed ${_step})
  endif()
endforeach()

if(_failed)
  message(FATAL_ERROR "${TOOLCHAIN}: failed probes: ${_failed}")
endif()
