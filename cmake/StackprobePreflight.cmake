# The preflight of every toolchain to be built, while the top-level project is configured
# (cmake/scripts/preflight.cmake does one), and the first matrix it prints: a verdict on each
# toolchain in seconds, before any library is built.

include_guard(GLOBAL)
include("${CMAKE_CURRENT_LIST_DIR}/StackprobeJson.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/StackprobeRecord.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/StackprobeToolchains.cmake")

# The folders stackprobe builds in must not hold a space: GMP's configure stops with
# "cannot run /bin/bash .../config.sub" and OpenSSL's make with "No rule to make target" on the
# first part of the path. Sets out_problem to "" or what is wrong and how to fix it.
function(stackprobe_preflight_places out_problem)
  set(_problem "")
  foreach(_place "${PROJECT_SOURCE_DIR}" "${PROJECT_BINARY_DIR}" ${ARGN})
    if(_place MATCHES " ")
      set(_problem "the path '${_place}' holds a space, which GMP's configure and OpenSSL's make cannot handle. Fix: use a source and build folder whose paths have no space (cmake -S <path> -B <path without spaces>)")
      break()
    endif()
  endforeach()
  set(${out_problem} "${_problem}" PARENT_SCOPE)
endfunction()

# Sets out_var to ON when the toolchain whose state is in state_dir failed its preflight (or its
# result cannot be read): it was not built in this run, and older records say nothing of it.
# OFF when no preflight ran (STACKPROBE_PREFLIGHT=OFF).
function(stackprobe_preflight_failed out_var state_dir)
  set(_failed OFF)
  if(EXISTS "${state_dir}/preflight.json")
    file(READ "${state_dir}/preflight.json" _preflight)
    string(JSON _built ERROR_VARIABLE _unreadable GET "${_preflight}" built)
    if(_unreadable OR NOT _built STREQUAL "pass")
      set(_failed ON)
    endif()
  endif()
  set(${out_var} ${_failed} PARENT_SCOPE)
endfunction()

# Sets the member "checks.<check>" of the preflight result in json_var: its state, why, and log.
function(stackprobe_preflight_set_check json_var check status reason log)
  set(_entry "{}")
  stackprobe_json_set_string(_entry status "${status}")
  stackprobe_json_set_string(_entry reason "${reason}")
  stackprobe_json_set_string(_entry log "${log}")
  set(_json "${${json_var}}")
  string(JSON _json SET "${_json}" checks ${check} "${_entry}")
  set(${json_var} "${_json}" PARENT_SCOPE)
endfunction()

# Runs the preflight command kept in <state_dir>/preflight-command.json and sets out_var to the
# result (<state_dir>/preflight.json). When the script itself fails, the result says so (built:
# fail, with its output as the compile check's log): a toolchain whose preflight did not finish
# is not built, as when it failed.
function(stackprobe_preflight_run out_var state_dir)
  file(READ "${state_dir}/preflight-command.json" _command_json)
  set(_command "")
  stackprobe_json_indices(_indices "${_command_json}")
  foreach(_i IN LISTS _indices)
    string(JSON _argument GET "${_command_json}" ${_i})
    list(APPEND _command "${_argument}")
  endforeach()
  execute_process(COMMAND ${_command} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
  set(_result "")
  if(_rc EQUAL 0 AND EXISTS "${state_dir}/preflight.json")
    file(READ "${state_dir}/preflight.json" _result)
  endif()
  string(JSON _built ERROR_VARIABLE _unreadable GET "${_result}" built)
  if(_unreadable)
    message(WARNING "stackprobe: the preflight itself failed (exit ${_rc}):\n${_out}")
    set(_log "${state_dir}/logs/preflight.compile.log")
    file(WRITE "${_log}" "${_out}\n(exit ${_rc})\n")
    foreach(_check compile link run tools)
      file(REMOVE "${state_dir}/steps/preflight.${_check}.json")
    endforeach()
    stackprobe_record_write(FILE "${state_dir}/steps/preflight.compile.json" NAME preflight.compile
      STATUS fail LOG "${_log}" REASON "the preflight itself failed (exit ${_rc})")
    set(_result "{}")
    stackprobe_json_set_string(_result built fail)
    stackprobe_json_set_string(_result status fail)
    stackprobe_json_set_string(_result cached no)
    string(JSON _result SET "${_result}" checks "{}")
    stackprobe_preflight_set_check(_result compile fail "the preflight itself failed (exit ${_rc})" "${_log}")
    foreach(_check link run tools)
      stackprobe_preflight_set_check(_result ${_check} not-run "" "")
    endforeach()
    file(WRITE "${state_dir}/preflight.json" "${_result}\n")
  endif()
  set(${out_var} "${_result}" PARENT_SCOPE)
endfunction()

# Runs the preflight of each toolchain (state in <state_root>/<toolchain>/preflight.json) and
# prints the matrix toolchain x {compiles, links, runs, tools}. Sets out_var to the toolchains
# that failed to compile, link or run, which are not built.
#   stackprobe_preflight(<out_var> STATE_ROOT <dir> GENERATOR <name> LIBRARIES <list>
#     WINEPREFIX <dir> TOOLCHAINS <name>...)
function(stackprobe_preflight out_var)
  cmake_parse_arguments(PARSE_ARGV 1 _arg "" "STATE_ROOT;GENERATOR;WINEPREFIX" "LIBRARIES;TOOLCHAINS")
  string(REPLACE ";" "|" _libraries "${_arg_LIBRARIES}")
  string(TIMESTAMP _started "%s")
  set(_unbuildable "")
  set(_lines "")
  set(_notes "")
  foreach(_name IN LISTS _arg_TOOLCHAINS)
    stackprobe_toolchain_field(_target ${_name} TARGET)
    if(NOT _target)
      stackprobe_toolchain_field(_target ${_name} HOST)
    endif()
    set(_state_dir "${_arg_STATE_ROOT}/${_name}")
    # The command is kept beside the result: build_toolchain.cmake runs it again when the
    # toolchain failed, so that a fixed toolchain builds without configuring again.
    set(_command "${CMAKE_COMMAND}" -DTOOLCHAIN=${_name} "-DSOURCE_ROOT=${PROJECT_SOURCE_DIR}"
      "-DSTATE_DIR=${_state_dir}" "-DGENERATOR=${_arg_GENERATOR}" -DTARGET_SYSTEM=${_target}
      "-DCOMPILER=${STACKPROBE_COMPILER_${_name}}" "-DEMULATOR=${STACKPROBE_EMULATOR_${_name}}"
      "-DLIBRARIES=${_libraries}" "-DWINEPREFIX=${_arg_WINEPREFIX}"
      -P "${PROJECT_SOURCE_DIR}/cmake/scripts/preflight.cmake")
    stackprobe_json_string_array(_command_json _command)
    file(MAKE_DIRECTORY "${_state_dir}")
    file(WRITE "${_state_dir}/preflight-command.json" "${_command_json}\n")
    stackprobe_preflight_run(_result "${_state_dir}")
    string(JSON _built GET "${_result}" built)
    if(NOT _built STREQUAL "pass")
      list(APPEND _unbuildable ${_name})
    endif()
    string(SUBSTRING "${_name}                  " 0 18 _line)
    foreach(_check compile link run tools)
      string(JSON _status GET "${_result}" checks ${_check} status)
      stackprobe_state_glyph(_glyph "${_status}")
      string(APPEND _line "${_glyph}         ")
      stackprobe_json_get_or(_reason "${_result}" "" checks ${_check} reason)
      if(_reason AND NOT _status STREQUAL "not-run")
        string(APPEND _notes "   ${_name} ${_check}: ${_reason}\n")
      endif()
    endforeach()
    # What the doctor makes of a check that failed, under the matrix.
    foreach(_check compile link run)
      string(JSON _status GET "${_result}" checks ${_check} status)
      if(_status STREQUAL "fail")
        string(JSON _log GET "${_result}" checks ${_check} log)
        execute_process(COMMAND "${CMAKE_COMMAND}" -P "${PROJECT_SOURCE_DIR}/cmake/doctor.cmake" --json "${_log}"
          OUTPUT_VARIABLE _doctor ERROR_QUIET)
        string(JSON _id ERROR_VARIABLE _no_match GET "${_doctor}" matches 0 id)
        if(NOT _no_match)
          string(JSON _cause GET "${_doctor}" matches 0 cause)
          string(JSON _fix GET "${_doctor}" matches 0 fix)
          string(APPEND _notes "   ${_name} ${_check}: [${_id}] ${_cause}
     fix: ${_fix}
")
        endif()
        string(APPEND _notes "     log: ${_log}\n")
      endif()
    endforeach()
    string(JSON _cached GET "${_result}" cached)
    if(_cached STREQUAL "yes")
      string(APPEND _line "(unchanged since it last passed)")
    endif()
    string(STRIP "${_line}" _line)
    string(APPEND _lines "   ${_line}\n")
  endforeach()
  string(TIMESTAMP _now "%s")
  math(EXPR _seconds "${_now} - ${_started}")
  message(STATUS "stackprobe preflight (${_seconds} s): can each toolchain compile, link and run a program, and are the tools there?\n"
    "   toolchain         compiles  links     runs      tools\n${_lines}${_notes}")
  if(_unbuildable)
    list(JOIN _unbuildable ", " _text)
    message(WARNING "stackprobe: ${_text} failed the preflight (see its matrix above): "
      "its libraries are not built; the other toolchains are.")
  endif()
  set(${out_var} "${_unbuildable}" PARENT_SCOPE)
endfunction()
