# OpenSSL's Configure target of our own for the current toolchain, as Conan does: a target file
# whose target inherits OpenSSL's own (linux-x86_64, mingw64, VC-WIN64A ...) and carries exactly
# this toolchain's compiler, tools and extra flags, so nothing fights Configure's defaults.
# Used by openssl.cmake and openssl.msvc.cmake.

# Writes <state>/openssl-target.conf; sets out_file to it and out_target to the target's name.
function(stackprobe_openssl_target_file out_file out_target)
  if(NOT STACKPROBE_OPENSSL_TARGET)
    message(FATAL_ERROR "superbuild: toolchains/${STACKPROBE_TOOLCHAIN}.cmake sets no STACKPROBE_OPENSSL_TARGET")
  endif()
  # The name must start with the base target's: OpenSSL's build.info files pick sources by it
  # ($config{target} =~ /^(?:VC-|mingw|BC-)/ adds win32_init.c, without which openssl.exe fails
  # to link with "undefined reference to `win32_utf8argv'").
  set(_name "${STACKPROBE_OPENSSL_TARGET}-stackprobe-${STACKPROBE_TOOLCHAIN}")
  # Single quotes: Perl does not interpolate them, so paths stay as they are.
  set(_fields "        inherit_from => [ '${STACKPROBE_OPENSSL_TARGET}' ],\n")
  string(APPEND _fields "        CC => '${STACKPROBE_CC_COMMAND}',\n")
  if(NOT MSVC)
    string(APPEND _fields "        AR => '${CMAKE_AR}',\n        RANLIB => '${CMAKE_RANLIB}',\n")
  endif()
  if(CMAKE_RC_COMPILER AND NOT MSVC)
    string(APPEND _fields "        RC => '${CMAKE_RC_COMPILER}',\n")
  endif()
  if(STACKPROBE_OPENSSL_CFLAGS)
    string(APPEND _fields "        cflags => add('${STACKPROBE_OPENSSL_CFLAGS}'),\n")
  endif()
  if(NOT WIN32 AND NOT APPLE)
    # libssl must find the libcrypto beside it once installed.
    string(APPEND _fields "        lflags => add('-Wl,-rpath,${STACKPROBE_PREFIX}/lib'),\n")
  endif()
  set(_file "${STACKPROBE_STATE_DIR}/openssl-target.conf")
  set(_content "# Written by stackprobe for toolchain ${STACKPROBE_TOOLCHAIN}: OpenSSL's target\n")
  string(APPEND _content "# ${STACKPROBE_OPENSSL_TARGET} with this toolchain's tools. Used as Configure --config=<this file> ${_name}\n")
  string(APPEND _content "my %targets = (\n    '${_name}' => {\n${_fields}    },\n);\n")
  # Written only when it changes: OpenSSL's Makefile reconfigures when this file is newer than
  # its configdata.pm, and then stops with "Please run the same make command again".
  set(_old "")
  if(EXISTS "${_file}")
    file(READ "${_file}" _old)
  endif()
  if(NOT _old STREQUAL _content)
    file(WRITE "${_file}" "${_content}")
  endif()
  set(${out_file} "${_file}" PARENT_SCOPE)
  set(${out_target} "${_name}" PARENT_SCOPE)
endfunction()
