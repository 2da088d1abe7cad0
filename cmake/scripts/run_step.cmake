# Runs one step of the superbuild (for example openssl.build), writing its output to one log
# and its status, duration and exact command to a JSON record that the report reads.
#
#   cmake -DTOOLCHAIN=linux-gcc -DSTEP=openssl.build -DSTATE_DIR=<dir> [-DKEEP_GOING=ON]
#         [-DPASS_REGEX=<regex>] [-DRETRY_SILENT=ON] -P run_step.cmake -- COMMAND...
#
# PASS_REGEX: a pass also needs the log to match it (a program's own last line). Wine can exit 0
# without having run a program (a 64-bit-only Wine given a 32-bit one), and a pass must be
# something seen. RETRY_SILENT: a failure that printed nothing at all, not even a crash
# report, is run once more, both runs in the log: under Wine such a program never started.
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

# Runs the step's command with its stdout and stderr in file; sets result_var to its status.
function(_run_step_command file result_var)
  execute_process(COMMAND ${_command}
    RESULT_VARIABLE _result
    OUTPUT_FILE "${file}"
    ERROR_FILE "${file}")
  set(${result_var} "${_result}" PARENT_SCOPE)
endfunction()

string(TIMESTAMP _started "%s")
string(TIMESTAMP _started_iso "%Y-%m-%dT%H:%M:%SZ" UTC)
_run_step_command("${_log}" _result)
file(SIZE "${_log}" _size)
if(RETRY_SILENT AND NOT _result STREQUAL "0" AND _size EQUAL 0)
  set(_first_result "${_result}")
  set(_again "${_log}.again")
  _run_step_command("${_again}" _result)
  file(READ "${_again}" _again_output)
  file(REMOVE "${_again}")
  if(_again_output STREQUAL "")
    set(_again_output "stackprobe: the second run too exited ${_result} and printed nothing\n")
  endif()
  file(WRITE "${_log}" "stackprobe: the first run exited ${_first_result} and printed nothing, "
    "so the program never started; it ran once more:\n${_again_output}")
endif()
if(_result STREQUAL "0" AND DEFINED PASS_REGEX)
  file(READ "${_log}" _output)
  if(NOT _output MATCHES "${PASS_REGEX}")
    set(_result "exit status 0 without the line a run to its end prints")
    set(_separator "")
    if(_output MATCHES "[^\n]$")
      set(_separator "\n")
    endif()
    file(APPEND "${_log}" "${_separator}stackprobe: the program exited 0 but never printed the line a run "
      "to its end prints (${PASS_REGEX}), so it did not pass: it did not run to its end\n")
  endif()
endif()
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
