# Toolchain: the system's Clang on Linux, building for the machine it runs on.
# Safe to read twice (CMake reads a toolchain file once per try_compile too).

set(CMAKE_C_COMPILER clang)
set(CMAKE_CXX_COMPILER clang++)
set(STACKPROBE_AUTOTOOLS_HOST "")
# OpenSSL's target for this machine; GMP's configure guesses its own.
if(CMAKE_HOST_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  set(STACKPROBE_OPENSSL_TARGET linux-x86_64-clang)
elseif(CMAKE_HOST_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
  set(STACKPROBE_OPENSSL_TARGET linux-aarch64)
else()
  set(STACKPROBE_OPENSSL_TARGET linux-generic64)
endif()
