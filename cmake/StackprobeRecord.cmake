# Step records and their states: the one module that writes and reads
# <state>/<toolchain>/steps/<step>.json, and the one table of what each state means.
#
# A step's state says only what was seen:
#   pass        it ran and succeeded
#   fail        it ran and failed
#   skip        ruled out on purpose, with the reason (nothing ran, so nothing passed)
#   not-run     it should have run and did not (an earlier step failed, the build stopped)
#   absent      the toolchain is not installed here
#   deselected  STACKPROBE_TOOLCHAINS leaves the toolchain out
# A matrix cell adds two aggregates: partial (some of its steps were skipped) and none (nothing
# of this column belongs to the toolchain, or it was not asked for).

include_guard(GLOBAL)
include("${CMAKE_CURRENT_LIST_DIR}/StackprobeJson.cmake")

set(STACKPROBE_STEP_STATES pass fail skip not-run absent deselected)
set(STACKPROBE_CELL_STATES pass partial fail not-run absent deselected none)

# glyph: flutter doctor's; junit: the element a JUnit test case of this state holds ("" for a
# pass; a step that did not run is skipped there, its cause is the failure before it);
# regression: whether a required toolchain with a step or cell in this state has not passed.
set(_stackprobe_state_pass_glyph "✓")
set(_stackprobe_state_pass_junit "")
set(_stackprobe_state_pass_regression OFF)
set(_stackprobe_state_fail_glyph "✗")
set(_stackprobe_state_fail_junit "failure")
set(_stackprobe_state_fail_regression ON)
set(_stackprobe_state_skip_glyph "!")
set(_stackprobe_state_skip_junit "skipped")
set(_stackprobe_state_skip_regression OFF)
set(_stackprobe_state_partial_glyph "!")
set(_stackprobe_state_partial_junit "skipped")
set(_stackprobe_state_partial_regression OFF)
set(_stackprobe_state_not-run_glyph "✗")
set(_stackprobe_state_not-run_junit "skipped")
set(_stackprobe_state_not-run_regression ON)
set(_stackprobe_state_absent_glyph "–")
set(_stackprobe_state_absent_junit "skipped")
set(_stackprobe_state_absent_regression ON)
set(_stackprobe_state_deselected_glyph "–")
set(_stackprobe_state_deselected_junit "skipped")
set(_stackprobe_state_deselected_regression OFF)
set(_stackprobe_state_none_glyph "–")
set(_stackprobe_state_none_junit "")
set(_stackprobe_state_none_regression OFF)

# Sets out_var to ON when state is one of the known step or cell states.
function(stackprobe_state_known out_var state)
  if(state IN_LIST STACKPROBE_STEP_STATES OR state IN_LIST STACKPROBE_CELL_STATES)
    set(${out_var} ON PARENT_SCOPE)
  else()
    set(${out_var} OFF PARENT_SCOPE)
  endif()
endfunction()

# Sets out_var to a property (glyph, junit, regression) of a state; an unknown state has the
# properties of a failure.
function(_stackprobe_state_property out_var state property)
  stackprobe_state_known(_known "${state}")
  if(NOT _known)
    set(state fail)
  endif()
  set(${out_var} "${_stackprobe_state_${state}_${property}}" PARENT_SCOPE)
endfunction()

# Sets out_var to the matrix glyph of a state.
function(stackprobe_state_glyph out_var state)
  _stackprobe_state_property(_value "${state}" glyph)
  set(${out_var} "${_value}" PARENT_SCOPE)
endfunction()

# Sets out_var to the JUnit element of a test case in this state: failure, skipped or "".
function(stackprobe_state_junit out_var state)
  _stackprobe_state_property(_value "${state}" junit)
  set(${out_var} "${_value}" PARENT_SCOPE)
endfunction()

# Sets out_var to ON when a required toolchain with a step or cell in this state has regressed.
function(stackprobe_state_is_regression out_var state)
  _stackprobe_state_property(_value "${state}" regression)
  set(${out_var} "${_value}" PARENT_SCOPE)
endfunction()

# Writes the record of one step:
#   stackprobe_record_write(FILE <path> NAME <step> STATUS <state> [SECONDS <n>]
#     [STARTED_EPOCH <n>] [STARTED <ISO time>] [LOG <path>] [REASON <text>] [CWD <path>]
#     [RESULT <text>] [COMMAND_JSON <array>] [COUNTS_JSON <object>])
# COUNTS_JSON: a test suite's {passed, failed, skipped, total, failed_tests} (run_suite.cmake).
# The file is written next to its place and renamed over it, so a reader never sees half a record.
function(stackprobe_record_write)
  cmake_parse_arguments(PARSE_ARGV 0 _arg ""
    "FILE;NAME;STATUS;SECONDS;STARTED_EPOCH;STARTED;LOG;REASON;CWD;RESULT;COMMAND_JSON;COUNTS_JSON" "")
  foreach(_required FILE NAME STATUS)
    if(NOT DEFINED _arg_${_required})
      message(FATAL_ERROR "stackprobe_record_write: ${_required} is required")
    endif()
  endforeach()
  if(NOT _arg_STATUS IN_LIST STACKPROBE_STEP_STATES)
    message(FATAL_ERROR "stackprobe_record_write: '${_arg_STATUS}' is not a step state (${STACKPROBE_STEP_STATES})")
  endif()
  if(NOT DEFINED _arg_SECONDS)
    set(_arg_SECONDS 0)
  endif()
  if(NOT DEFINED _arg_STARTED_EPOCH)
    string(TIMESTAMP _arg_STARTED_EPOCH "%s")
  endif()
  set(_record "{}")
  stackprobe_json_set_string(_record name "${_arg_NAME}")
  stackprobe_json_set_string(_record status "${_arg_STATUS}")
  string(JSON _record SET "${_record}" seconds "${_arg_SECONDS}")
  string(JSON _record SET "${_record}" started_epoch "${_arg_STARTED_EPOCH}")
  if(NOT DEFINED _arg_STARTED)
    string(TIMESTAMP _arg_STARTED "%Y-%m-%dT%H:%M:%SZ" UTC)
  endif()
  stackprobe_json_set_string(_record started "${_arg_STARTED}")
  foreach(_field LOG REASON CWD RESULT)
    string(TOLOWER "${_field}" _key)
    if(DEFINED _arg_${_field})
      stackprobe_json_set_string(_record ${_key} "${_arg_${_field}}")
    elseif(_field STREQUAL "LOG")
      stackprobe_json_set_string(_record log "")
    endif()
  endforeach()
  if(DEFINED _arg_COMMAND_JSON)
    string(JSON _record SET "${_record}" command "${_arg_COMMAND_JSON}")
  endif()
  if(DEFINED _arg_COUNTS_JSON)
    string(JSON _record SET "${_record}" counts "${_arg_COUNTS_JSON}")
  endif()
  get_filename_component(_folder "${_arg_FILE}" DIRECTORY)
  file(MAKE_DIRECTORY "${_folder}")
  string(RANDOM LENGTH 8 _token)
  file(WRITE "${_arg_FILE}.${_token}.tmp" "${_record}\n")
  file(RENAME "${_arg_FILE}.${_token}.tmp" "${_arg_FILE}")
endfunction()

# Sets out_var to the record of a step that should have run and has no record: not-run.
function(stackprobe_record_not_run out_var name)
  set(_record "{}")
  stackprobe_json_set_string(_record name "${name}")
  stackprobe_json_set_string(_record status "not-run")
  string(JSON _record SET "${_record}" seconds 0)
  stackprobe_json_set_string(_record log "")
  set(${out_var} "${_record}" PARENT_SCOPE)
endfunction()

# Sets out_var to the record in file, checked: JSON with a name and a known state. A record that
# is missing is not-run; one that cannot be read is a failure that says so, never a pass.
function(stackprobe_record_read out_var file name)
  if(NOT EXISTS "${file}" OR IS_DIRECTORY "${file}")
    stackprobe_record_not_run(_record "${name}")
    set(${out_var} "${_record}" PARENT_SCOPE)
    return()
  endif()
  file(READ "${file}" _record)
  string(JSON _status ERROR_VARIABLE _unreadable GET "${_record}" status)
  if(NOT _unreadable)
    string(JSON _type TYPE "${_record}")
    if(NOT _type STREQUAL "OBJECT" OR NOT _status IN_LIST STACKPROBE_STEP_STATES)
      set(_unreadable "status '${_status}' is not a step state")
    endif()
  endif()
  if(_unreadable)
    set(_record "{}")
    stackprobe_json_set_string(_record status "fail")
    string(JSON _record SET "${_record}" seconds 0)
    stackprobe_json_set_string(_record log "")
    stackprobe_json_set_string(_record reason "its record ${file} cannot be read: ${_unreadable}")
  endif()
  stackprobe_json_set_string(_record name "${name}")
  foreach(_field seconds)
    string(JSON _value ERROR_VARIABLE _missing GET "${_record}" ${_field})
    if(_missing OR NOT _value MATCHES "^[0-9]+$")
      string(JSON _record SET "${_record}" ${_field} 0)
    endif()
  endforeach()
  string(JSON _log ERROR_VARIABLE _missing GET "${_record}" log)
  if(_missing)
    stackprobe_json_set_string(_record log "")
  endif()
  set(${out_var} "${_record}" PARENT_SCOPE)
endfunction()
