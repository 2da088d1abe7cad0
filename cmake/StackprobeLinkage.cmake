# What a probe program needs at run time, read from its headers: a static probe must need no
# shared library of the stack (cmake/scripts/run_probes.cmake), or it would check the shared build.

include_guard(GLOBAL)

# Sets out_var to TRUE when name (an ELF NEEDED or PE DLL name) is one of the stack's shared
# libraries as the toolchains build them: libz.so.1, libssh2-1.dll, libcrypto-3-x64.dll, zlib1.dll,
# libgmp-10.dll, libcurl.so.4... and not the system's libc, libcrypt, libzstd or CRYPT32.dll.
function(stackprobe_is_stack_library out_var name)
  string(TOLOWER "${name}" _lower)
  if(_lower MATCHES "^lib(ssh2|crypto|ssl|z|gmp|curl)\\.so(\\.[0-9]+)*$" OR
     _lower MATCHES "^(lib)?(ssh2|crypto|ssl|zlib|zlib1|gmp|curl)(-[0-9a-z_-]*)?\\.dll$")
    set(${out_var} TRUE PARENT_SCOPE)
  else()
    set(${out_var} FALSE PARENT_SCOPE)
  endif()
endfunction()

# Sets out_var to the stack's shared libraries program needs ("libssh2.so.1, libz.so.1"), or to
# "" when it needs none or when no objdump can read it (MSVC hosts: not checked).
function(stackprobe_shared_stack_libraries out_var program)
  set(${out_var} "" PARENT_SCOPE)
  find_program(STACKPROBE_OBJDUMP NAMES objdump llvm-objdump)
  if(NOT STACKPROBE_OBJDUMP)
    return()
  endif()
  execute_process(COMMAND "${STACKPROBE_OBJDUMP}" -p "${program}"
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _headers ERROR_QUIET)
  if(NOT _rc EQUAL 0)
    return()
  endif()
  string(REGEX MATCHALL "(NEEDED|DLL Name:)[ \t]+[^\r\n]+" _entries "${_headers}")
  set(_found "")
  foreach(_entry IN LISTS _entries)
    string(REGEX REPLACE "^(NEEDED|DLL Name:)[ \t]+" "" _name "${_entry}")
    string(STRIP "${_name}" _name)
    stackprobe_is_stack_library(_is_stack "${_name}")
    if(_is_stack)
      list(APPEND _found "${_name}")
    endif()
  endforeach()
  string(REPLACE ";" ", " _found "${_found}")
  set(${out_var} "${_found}" PARENT_SCOPE)
endfunction()
