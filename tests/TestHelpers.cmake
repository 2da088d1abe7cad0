# Assertions shared by the test scripts (cmake -P): each names what it expected and what it saw.

include_guard(GLOBAL)

function(expect_contains text needle what)
  string(FIND "${text}" "${needle}" _at)
  if(_at EQUAL -1)
    message(FATAL_ERROR "FAILED: ${what}: expected to find '${needle}' in:\n${text}")
  endif()
endfunction()

function(expect_not_contains text needle what)
  string(FIND "${text}" "${needle}" _at)
  if(NOT _at EQUAL -1)
    message(FATAL_ERROR "FAILED: ${what}: did not expect '${needle}' in:\n${text}")
  endif()
endfunction()

function(expect_equal seen expected what)
  if(NOT "${seen}" STREQUAL "${expected}")
    message(FATAL_ERROR "FAILED: ${what}: expected '${expected}', saw '${seen}'")
  endif()
endfunction()

function(expect_exists path what)
  if(NOT EXISTS "${path}")
    message(FATAL_ERROR "FAILED: ${what}: ${path} does not exist")
  endif()
endfunction()

function(expect_missing path what)
  if(EXISTS "${path}")
    message(FATAL_ERROR "FAILED: ${what}: ${path} exists")
  endif()
endfunction()

# Runs a command; sets <prefix>_rc and <prefix>_output (stdout and stderr together).
function(run_captured prefix)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
  set(${prefix}_rc "${_rc}" PARENT_SCOPE)
  set(${prefix}_output "${_out}" PARENT_SCOPE)
endfunction()

# Sets out_var to line number (from 1) of file, read as text: file(STRINGS) would mangle lines
# that hold brackets or semicolons (make[1]: ...).
function(read_line out_var file number)
  file(READ "${file}" _text)
  string(REPLACE "\r" "" _text "${_text}")
  set(_line 1)
  while(_line LESS number)
    string(FIND "${_text}" "\n" _end)
    if(_end EQUAL -1)
      set(${out_var} "" PARENT_SCOPE)
      return()
    endif()
    math(EXPR _end "${_end} + 1")
    string(SUBSTRING "${_text}" ${_end} -1 _text)
    math(EXPR _line "${_line} + 1")
  endwhile()
  string(FIND "${_text}" "\n" _end)
  string(SUBSTRING "${_text}" 0 ${_end} _text)
  set(${out_var} "${_text}" PARENT_SCOPE)
endfunction()

# Sets <prefix>_count to the number of lines of a small text file and <prefix>_<n> (from 0) to
# each line (cmake/StackprobeJson.cmake's stackprobe_text_lines).
function(read_lines prefix file)
  include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../cmake/StackprobeJson.cmake")
  file(READ "${file}" _text)
  stackprobe_text_lines(_line "${_text}")
  foreach(_i RANGE ${_line_count})
    if(_i LESS _line_count)
      set(${prefix}_${_i} "${_line_${_i}}" PARENT_SCOPE)
    endif()
  endforeach()
  set(${prefix}_count ${_line_count} PARENT_SCOPE)
endfunction()

# Sets out_pids to the pids of the live processes whose command line names folder (checked by pid
# and command line, never by name) and out_text to their "pid command line", one a line.
# The listing is read line by line, never as a CMake list: any process's command line may hold a
# lone "[" (seen on CI machines), which would glue the rest of a list into one element.
function(processes_naming out_pids out_text folder)
  include("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../cmake/StackprobeJson.cmake")
  execute_process(COMMAND ps -e -ww -o pid= -o args= OUTPUT_VARIABLE _all)
  stackprobe_text_lines(_process "${_all}")
  set(_pids "")
  set(_text "")
  foreach(_i RANGE ${_process_count})
    if(_i EQUAL _process_count)
      break()
    endif()
    set(_line "${_process_${_i}}")
    string(FIND "${_line}" "${folder}/" _at)
    # The pid is read last: every MATCHES, failed ones too, resets CMAKE_MATCH_<n>.
    if(NOT _at EQUAL -1 AND NOT _line MATCHES " ps -e " AND _line MATCHES "^ *([0-9]+) ")
      list(APPEND _pids ${CMAKE_MATCH_1})
      string(APPEND _text "${_line}\n")
    endif()
  endforeach()
  set(${out_pids} "${_pids}" PARENT_SCOPE)
  set(${out_text} "${_text}" PARENT_SCOPE)
endfunction()

# Sets out_var to ON while process pid runs: kill -0 still reaches a zombie, which an orphan stays
# until init reaps it (seconds later on some machines).
function(process_running out_var pid)
  set(${out_var} OFF PARENT_SCOPE)
  execute_process(COMMAND kill -0 ${pid} RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_QUIET)
  if(_rc EQUAL 0)
    execute_process(COMMAND ps -o stat= -p ${pid} OUTPUT_VARIABLE _state ERROR_QUIET)
    if(NOT _state MATCHES "Z")
      set(${out_var} ON PARENT_SCOPE)
    endif()
  endif()
endfunction()
