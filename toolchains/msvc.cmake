# Toolchain: Microsoft's cl.exe from a Developer Command Prompt (vcvarsall.bat x64 has run).
# Safe to read twice. Recipes with a variant for it: cmake/libraries/<library>.msvc.cmake.

find_program(_stackprobe_cl cl)
if(NOT _stackprobe_cl)
  message(FATAL_ERROR "toolchains/msvc.cmake: cl.exe is not on PATH. Run from 'x64 Native Tools Command "
    "Prompt for VS 2022' or call vcvarsall.bat x64 first (vswhere -latest -find VC\\Auxiliary\\Build\\vcvarsall.bat finds it); "
    "cmake -P cmake/doctor.cmake --explain cl-not-found")
endif()
set(CMAKE_C_COMPILER cl)
set(CMAKE_CXX_COMPILER cl)
set(STACKPROBE_RECIPE_VARIANT msvc)
set(STACKPROBE_OPENSSL_TARGET VC-WIN64A)
set(STACKPROBE_AUTOTOOLS_HOST x86_64-w64-mingw32)
