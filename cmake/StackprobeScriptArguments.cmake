# The arguments after "--" on the command line of a `cmake -P` script: a command to run or a
# list of files, passed through untouched (cmake -P has no other way to take a list).

# Sets out_var to the arguments after the first "--" (empty when there is none).
function(stackprobe_arguments_after_separator out_var)
  set(_arguments "")
  set(_after OFF)
  math(EXPR _last "${CMAKE_ARGC} - 1")
  foreach(_i RANGE ${_last})
    if(_after)
      list(APPEND _arguments "${CMAKE_ARGV${_i}}")
    elseif(CMAKE_ARGV${_i} STREQUAL "--")
      set(_after ON)
    endif()
  endforeach()
  set(${out_var} "${_arguments}" PARENT_SCOPE)
endfunction()

# Sets <prefix>_count to the number of arguments after the first "--" and <prefix>_<n> (from 0)
# to each one, every one in a variable of its own: a path or a shell word may hold ";".
function(stackprobe_arguments_each prefix)
  set(_count 0)
  set(_after OFF)
  math(EXPR _last "${CMAKE_ARGC} - 1")
  foreach(_i RANGE ${_last})
    if(_after)
      set(${prefix}_${_count} "${CMAKE_ARGV${_i}}" PARENT_SCOPE)
      math(EXPR _count "${_count} + 1")
    elseif(CMAKE_ARGV${_i} STREQUAL "--")
      set(_after ON)
    endif()
  endforeach()
  set(${prefix}_count ${_count} PARENT_SCOPE)
endfunction()
