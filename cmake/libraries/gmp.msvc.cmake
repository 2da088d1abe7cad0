# GMP for MSVC and clang-cl. GMP has no MSVC build system; as the GMP manual and Blender's
# dependency build do, GMP is built as a MinGW-w64 DLL (under MSYS2's shell, which brings sh,
# make and m4) and an MSVC import library is made from its .def file with lib.exe. Programs that
# use GMP's I/O functions then need the /MD runtime. The report states this route.
find_program(STACKPROBE_MSYS2_BASH bash PATHS C:/msys64/usr/bin NO_DEFAULT_PATH
  DOC "MSYS2's bash, for GMP's configure under MSVC")
find_program(STACKPROBE_MSVC_LIB lib DOC "MSVC's lib.exe, for GMP's import library")
set_property(GLOBAL APPEND PROPERTY STACKPROBE_NOTES
  "gmp: MinGW-w64 DLL (libgmp-10.dll) with an MSVC import library (gmp.lib, lib /def:libgmp-3.dll.def /machine:x64)")
set_property(GLOBAL APPEND PROPERTY STACKPROBE_PROBE_SKIPS
  "gmp.static=GMP's MSVC route builds a MinGW DLL and an import library, no static library")

# The dojo profile: no optimization and no assembly, as on the other toolchains.
set(_gmp_profile_flags "")
set(_gmp_profile_words "")
if(STACKPROBE_PROFILE STREQUAL "dojo")
  set(_gmp_profile_flags --disable-assembly "CFLAGS=-O0 -g")
  set(_gmp_profile_words "-DCONFIGURE_FLAGS=--disable-assembly 'CFLAGS=-O0 -g'")
endif()

if(NOT STACKPROBE_MSYS2_BASH OR NOT STACKPROBE_MSVC_LIB)
  set(_gmp_configure "${CMAKE_COMMAND}"
    "-DMESSAGE=GMP for MSVC needs MSYS2 (C:/msys64: winget install MSYS2.MSYS2, then pacman -S make m4 mingw-w64-x86_64-gcc) and lib.exe from a Developer Command Prompt"
    -P "${STACKPROBE_SOURCE_ROOT}/cmake/scripts/fail.cmake")
else()
  set(_gmp_configure "${CMAKE_COMMAND}" -DACTION=configure
    "-DBASH=${STACKPROBE_MSYS2_BASH}" -DSOURCE_DIR=<SOURCE_DIR> -DBINARY_DIR=<BINARY_DIR> -DINSTALL_DIR=<INSTALL_DIR>
    -DJOBS=${STACKPROBE_JOBS} "-DLIB=${STACKPROBE_MSVC_LIB}" ${_gmp_profile_words}
    -P "${CMAKE_CURRENT_LIST_DIR}/gmp-msvc-route.cmake")
endif()
string(REPLACE "-DACTION=configure" "-DACTION=build" _gmp_build "${_gmp_configure}")
string(REPLACE "-DACTION=configure" "-DACTION=install" _gmp_install "${_gmp_configure}")
# GMP's make check, as on the other toolchains: the DLL's tests run natively under MSYS2.
string(REPLACE "-DACTION=configure" "-DACTION=check" _gmp_check "${_gmp_configure}")

stackprobe_library(gmp
  PROFILE_FLAGS ${_gmp_profile_flags} FLAGS_FILE Makefile FLAGS_VARIABLES CFLAGS
  SUITE check SUITE_KIND automake SUITE_COMMAND ${_gmp_check}
  CONFIGURE_COMMAND ${_gmp_configure}
  BUILD_COMMAND ${_gmp_build}
  INSTALL_COMMAND ${_gmp_install})
