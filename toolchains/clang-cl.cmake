# Toolchain: LLVM's clang-cl (MSVC-compatible driver) with the MSVC linker and libraries, from a
# Developer Command Prompt. Safe to read twice. Shares the MSVC recipe variants.

find_program(_stackprobe_clang_cl clang-cl)
if(NOT _stackprobe_clang_cl)
  include("${CMAKE_CURRENT_LIST_DIR}/../cmake/StackprobeToolchains.cmake")
  stackprobe_find_vcvarsall(_stackprobe_vcvarsall)
  if(_stackprobe_vcvarsall)
    set(_stackprobe_vcvarsall " (vswhere found Visual Studio: call \"${_stackprobe_vcvarsall}\" x64 first)")
  endif()
  message(FATAL_ERROR "toolchains/clang-cl.cmake: clang-cl.exe is not on PATH: install the Visual Studio "
    "component Microsoft.VisualStudio.Component.VC.Llvm.Clang (or winget install LLVM.LLVM) and run from a "
    "Developer Command Prompt${_stackprobe_vcvarsall}")
endif()
set(CMAKE_C_COMPILER clang-cl)
set(CMAKE_CXX_COMPILER clang-cl)
set(STACKPROBE_RECIPE_VARIANT msvc)
set(STACKPROBE_OPENSSL_TARGET VC-WIN64A)
set(STACKPROBE_AUTOTOOLS_HOST x86_64-w64-mingw32)
