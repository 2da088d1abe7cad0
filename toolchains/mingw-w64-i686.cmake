# Toolchain: MinGW-w64 cross compiler on Linux building i686 Windows programs; Wine runs them.
# Safe to read twice (CMake reads a toolchain file once per try_compile too).

set(CMAKE_SYSTEM_PROCESSOR i686)
set(_stackprobe_triplet i686-w64-mingw32)
set(_stackprobe_package gcc-mingw-w64-i686)
set(STACKPROBE_OPENSSL_TARGET mingw)
include("${CMAKE_CURRENT_LIST_DIR}/mingw-w64.cmake")
