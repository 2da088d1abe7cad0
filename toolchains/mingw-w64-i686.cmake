# Toolchain: MinGW-w64 cross compiler on Linux building i686 Windows programs; Wine runs them.
# Safe to read twice (CMake reads a toolchain file once per try_compile too).

set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR i686)
set(_stackprobe_triplet i686-w64-mingw32)

find_program(_stackprobe_mingw_cc ${_stackprobe_triplet}-gcc)
if(NOT _stackprobe_mingw_cc)
  message(FATAL_ERROR "toolchains/mingw-w64-i686.cmake: ${_stackprobe_triplet}-gcc not found: "
    "apt-get install gcc-mingw-w64-i686")
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

# OpenSSL: a Configure target with --cross-compile-prefix and CC=gcc (CC=${_stackprobe_triplet}-gcc
# with the prefix gives "${_stackprobe_triplet}-${_stackprobe_triplet}-gcc: not found").
set(STACKPROBE_OPENSSL_TARGET mingw)
set(STACKPROBE_AUTOTOOLS_HOST ${_stackprobe_triplet})
