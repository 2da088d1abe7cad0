# Toolchain: MinGW-w64 cross compiler on Linux building x86_64 Windows programs; Wine runs them.
# Safe to read twice (CMake reads a toolchain file once per try_compile too).

set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(_stackprobe_triplet x86_64-w64-mingw32)
set(_stackprobe_package gcc-mingw-w64-x86-64)
set(STACKPROBE_OPENSSL_TARGET mingw64)
include("${CMAKE_CURRENT_LIST_DIR}/mingw-w64.cmake")
