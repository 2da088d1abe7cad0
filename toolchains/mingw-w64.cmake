# The MinGW-w64 cross toolchains on Linux, shared by mingw-w64-x86_64.cmake and
# mingw-w64-i686.cmake, which set CMAKE_SYSTEM_PROCESSOR, _stackprobe_triplet,
# _stackprobe_package and STACKPROBE_OPENSSL_TARGET before including it. Wine runs the programs.

set(CMAKE_SYSTEM_NAME Windows)

find_program(_stackprobe_mingw_cc ${_stackprobe_triplet}-gcc)
if(NOT _stackprobe_mingw_cc)
  message(FATAL_ERROR "toolchains/mingw-w64-${CMAKE_SYSTEM_PROCESSOR}.cmake: ${_stackprobe_triplet}-gcc not found: "
    "apt-get install ${_stackprobe_package}")
endif()
set(CMAKE_C_COMPILER ${_stackprobe_mingw_cc})
set(CMAKE_RC_COMPILER ${_stackprobe_triplet}-windres)

# APPEND, not set: the superbuild adds each prefix to this list, and libssh2's find_package(OpenSSL)
# must see it (with set() it fails with "Could NOT find OpenSSL ... OPENSSL_ROOT_DIR").
list(APPEND CMAKE_FIND_ROOT_PATH /usr/${_stackprobe_triplet})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

find_program(_stackprobe_wine NAMES wine wine64)
if(_stackprobe_wine)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${_stackprobe_wine})
endif()

# GMP's configure cross-compiles with --host. OpenSSL gets the tools by their full names through
# its target file (cmake/libraries/openssl-target.cmake), never --cross-compile-prefix as well.
set(STACKPROBE_AUTOTOOLS_HOST ${_stackprobe_triplet})
