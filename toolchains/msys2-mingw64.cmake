# Toolchain: MSYS2's MinGW-w64 GCC on Windows (the MINGW64 environment), building natively.
# Safe to read twice. The generic recipes work here: MSYS2 provides sh, make, m4 and perl.

find_program(_stackprobe_msys2_gcc x86_64-w64-mingw32-gcc)
if(NOT _stackprobe_msys2_gcc)
  message(FATAL_ERROR "toolchains/msys2-mingw64.cmake: x86_64-w64-mingw32-gcc not found: in an MSYS2 MINGW64 shell, "
    "pacman -S mingw-w64-x86_64-gcc mingw-w64-x86_64-cmake mingw-w64-x86_64-ninja make m4 perl")
endif()
set(CMAKE_C_COMPILER ${_stackprobe_msys2_gcc})
set(STACKPROBE_OPENSSL_TARGET mingw64)
set(STACKPROBE_AUTOTOOLS_HOST "")
