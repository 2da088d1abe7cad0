# Warning flags for stackprobe's own programs (probes, benchmark, consumer), never for the
# libraries it builds. Model: curl's and libssh2's PickyWarnings.cmake.

include_guard(GLOBAL)

option(STACKPROBE_WERROR "Treat warnings in stackprobe's own C code as errors (ON in CI)" OFF)

# Turns the warnings on for target (and makes them errors when STACKPROBE_WERROR is ON).
function(stackprobe_target_warnings target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4)
    if(STACKPROBE_WERROR)
      target_compile_options(${target} PRIVATE /WX)
    endif()
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wstrict-prototypes
      -Wmissing-prototypes -Wformat=2)
    if(STACKPROBE_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()
