# Runs one step of the superbuild (for example openssl.build), writing its output to one log
# and its status, duration and exact command to a JSON record that the report reads.
#
#   cmake -DTOOLCHAIN=linux-gcc -DSTEP=openssl.build -DSTATE_DIR=<dir> [-DKEEP_GOING=ON]
#         -P run_step.cmake -- COMMAND...
#
# The record carries the command and working folder so that the recipe of a toolchain that passed
# can be written from it. The exit status is the command's, so ExternalProject stamps only
# successful steps and a rerun resumes at the step that failed.

cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/../StackprobeRecord.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/../StackprobeScriptArguments.cmake")

foreach(_required TOOLCHAIN STEP STATE_DIR)
  if(NOT DEFINED ${_required})
    message(FATAL_ERROR "run_step.cmake: -D${_required}=... is required")
  endif()
endforeach()

stackprobe_arguments_command(_command _words)
if(_words STREQUAL "[]")
  message(FATAL_ERROR "run_step.cmake: no command after --")
endif()

set(_log "${STATE_DIR}/logs/${STEP}.log")
set(_record "${STATE_DIR}/steps/${STEP}.json")
file(MAKE_DIRECTORY "${STATE_DIR}/logs" "${STATE_DIR}/steps")
file(REMOVE "${_record}")

# A step that runs again makes the records of the steps after it stale: they must run again too,
# so their old "pass" must not stand in the report meanwhile. Steps are <unit>.<phase>, or
# <unit>.<name>.<variant> for checks that run after <unit>.build (the probes).
set(_phases source configure build install)
if(STEP MATCHES "^([^.]+)\\.([a-z]+)$" AND CMAKE_MATCH_2 IN_LIST _phases)
  set(_unit "${CMAKE_MATCH_1}")
  list(FIND _phases "${CMAKE_MATCH_2}" _position)
  file(GLOB _unit_records "${STATE_DIR}/steps/${_unit}.*.json")
  foreach(_other IN LISTS _unit_records)
    get_filename_component(_other_name "${_other}" NAME)
    string(REGEX REPLACE "^${_unit}\\.(.*)\\.json$" "\\1" _other_phase "${_other_name}")
    list(FIND _phases "${_other_phase}" _other_position)
    if(_other_position GREATER _position OR (_other_position EQUAL -1 AND _position LESS 3))
      file(REMOVE "${_other}")
    endif()
  endforeach()
endif()

string(TIMESTAMP _started "%s")
string(TIMESTAMP _started_iso "%Y-%m-%dT%H:%M:%SZ" UTC)
execute_process(COMMAND ${_command}
  RESULT_VARIABLE _result
  OUTPUT_FILE "${_log}"
  ERROR_FILE "${_log}")
string(TIMESTAMP _finished "%s")
math(EXPR _seconds "${_finished} - ${_started}")

if(_result STREQUAL "0")
  set(_status "pass")
else()
  set(_status "fail")
endif()

file(TO_CMAKE_PATH "${_log}" _log_path)
file(TO_CMAKE_PATH "${CMAKE_CURRENT_BINARY_DIR}" _cwd)
# The command's words as a JSON array, so the recipe can quote them for any shell.
stackprobe_record_write(FILE "${_record}" NAME "${STEP}" STATUS ${_status} SECONDS ${_seconds}
  STARTED_EPOCH ${_started} STARTED ${_started_iso} LOG "${_log_path}" CWD "${_cwd}" RESULT "${_result}" COMMAND_JSON "${_words}")

if(_seconds GREATER_EQUAL 60)
  math(EXPR _minutes "${_seconds} / 60")
  math(EXPR _rest "${_seconds} % 60")
  set(_duration "${_minutes}m${_rest}s")
else()
  set(_duration "${_seconds}s")
endif()
# "[7/24]": steps of this toolchain with a record, of those its manifest lists.
set(_progress "")
if(EXISTS "${STATE_DIR}/manifest.json")
  file(READ "${STATE_DIR}/manifest.json" _manifest)
  string(JSON _total ERROR_VARIABLE _no_steps LENGTH "${_manifest}" steps)
  if(NOT _no_steps AND _total GREATER 0)
    set(_done 0)
    math(EXPR _last "${_total} - 1")
    foreach(_i RANGE ${_last})
      string(JSON _name GET "${_manifest}" steps ${_i})
      if(EXISTS "${STATE_DIR}/steps/${_name}.json")
        math(EXPR _done "${_done} + 1")
      endif()
    endforeach()
    set(_progress "[${_done}/${_total}] ")
  endif()
endif()
if(_status STREQUAL "pass")
  message("stackprobe: ${_progress}${TOOLCHAIN} ${STEP} ... ${_duration} ok")
else()
  # The last 30 lines, read as text (a list would split or glue lines holding ";" or brackets).
  file(SIZE "${_log}" _size)
  set(_from 0)
  if(_size GREATER 65536)
    math(EXPR _from "${_size} - 65536")
  endif()
  file(READ "${_log}" _tail OFFSET ${_from})
  stackprobe_text_clean(_tail "${_tail}")
  string(STRIP "${_tail}" _tail)
  set(_at 0)
  set(_kept "${_tail}")
  foreach(_n RANGE 29)
    string(FIND "${_kept}" "\n" _at REVERSE)
    if(_at EQUAL -1)
      break()
    endif()
    string(SUBSTRING "${_kept}" 0 ${_at} _kept)
  endforeach()
  if(NOT _at EQUAL -1)
    math(EXPR _at "${_at} + 1")
    string(SUBSTRING "${_tail}" ${_at} -1 _tail)
  endif()
  string(REPLACE "\n" "\n    " _tail "${_tail}")
  message("stackprobe: ${_progress}${TOOLCHAIN} ${STEP} ... ${_duration} FAILED (${_result})\n"
    "  log: ${_log}\n  last lines:\n    ${_tail}")
  # A non-zero exit keeps ExternalProject from stamping the step. KEEP_GOING is for steps outside
  # ExternalProject (the benchmark) whose failure the report states instead.
  if(NOT KEEP_GOING)
    message(FATAL_ERROR "${TOOLCHAIN} ${STEP} failed")
  endif()
endif()
