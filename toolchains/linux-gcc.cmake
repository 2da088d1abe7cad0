# Toolchain: the system's GCC on Linux, building for the machine it runs on.
# Safe to read twice (CMake reads a toolchain file once per try_compile too).

set(CMAKE_C_COMPILER gcc)
set(CMAKE_CXX_COMPILER g++)
# OpenSSL's Configure guesses the native target itself; GMP's configure does too.
set(STACKPROBE_OPENSSL_TARGET "")
set(STACKPROBE_AUTOTOOLS_HOST "")
