# Toolchain: the system's Clang on Linux, building for the machine it runs on.
# Safe to read twice (CMake reads a toolchain file once per try_compile too).

set(CMAKE_C_COMPILER clang)
set(CMAKE_CXX_COMPILER clang++)
set(STACKPROBE_OPENSSL_TARGET "")
set(STACKPROBE_AUTOTOOLS_HOST "")
