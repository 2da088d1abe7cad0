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
