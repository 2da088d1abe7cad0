# Toolchain: Microsoft's cl.exe from a Developer Command Prompt (vcvarsall.bat x64 has run).
# Safe to read twice. Recipes with a variant for it: cmake/libraries/<library>.msvc.cmake.

find_program(_stackprobe_cl cl)
if(NOT _stackprobe_cl)
  include("${CMAKE_CURRENT_LIST_DIR}/../cmake/StackprobeToolchains.cmake")
  stackprobe_find_vcvarsall(_stackprobe_vcvarsall)
  if(_stackprobe_vcvarsall)
    set(_stackprobe_vcvarsall "call \"${_stackprobe_vcvarsall}\" x64 first (found by vswhere)")
  else()
    set(_stackprobe_vcvarsall "install the Build Tools (vswhere finds no Visual Studio with the C++ tools)")
  endif()
  message(FATAL_ERROR "toolchains/msvc.cmake: cl.exe is not on PATH. Run from 'x64 Native Tools Command "
    "Prompt for VS 2022' or ${_stackprobe_vcvarsall}; cmake -P cmake/doctor.cmake --explain cl-not-found")
endif()
set(CMAKE_C_COMPILER cl)
set(CMAKE_CXX_COMPILER cl)
set(STACKPROBE_RECIPE_VARIANT msvc)
set(STACKPROBE_OPENSSL_TARGET VC-WIN64A)
set(STACKPROBE_AUTOTOOLS_HOST x86_64-w64-mingw32)
