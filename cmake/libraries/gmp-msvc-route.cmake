# The steps of GMP's MSVC route (gmp.msvc.cmake): configure, build and install GMP as a
# MinGW-w64 DLL under MSYS2's bash, then make gmp.lib for MSVC from the DLL's .def file; check
# runs GMP's make check there (the step gmp.check, whose counts run_suite.cmake reads from the
# summaries make prints).
#   cmake -DACTION=configure|build|install|check -DBASH=... -DSOURCE_DIR=... -DBINARY_DIR=...
#         -DINSTALL_DIR=... -DJOBS=2 -DLIB=lib.exe [-DCONFIGURE_FLAGS=<words>] -P gmp-msvc-route.cmake
# CONFIGURE_FLAGS: more arguments for GMP's configure, as the shell reads them (the dojo profile).

cmake_minimum_required(VERSION 3.25)

# C:/x/y as MSYS2 sees it: /c/x/y. (Not file(TO_CMAKE_PATH): it reads a path list, and off
# Windows it splits "C:/x" at the colon, which the plan test, run on Linux, showed.)
function(_msys_path out_var path)
  string(REPLACE "\\" "/" path "${path}")
  if(path MATCHES "^([A-Za-z]):(.*)$")
    string(TOLOWER "${CMAKE_MATCH_1}" _drive)
    set(path "/${_drive}${CMAKE_MATCH_2}")
  endif()
  set(${out_var} "${path}" PARENT_SCOPE)
endfunction()

function(_in_msys2 command)
  _msys_path(_build "${BINARY_DIR}")
  set(ENV{MSYSTEM} MINGW64)
  set(ENV{CHERE_INVOKING} 1)
  execute_process(COMMAND "${BASH}" -lc "cd '${_build}' && ${command}" RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "gmp (MSVC route): '${command}' failed in MSYS2 (exit ${_rc})")
  endif()
endfunction()

file(MAKE_DIRECTORY "${BINARY_DIR}")
_msys_path(_source "${SOURCE_DIR}")
_msys_path(_prefix "${INSTALL_DIR}")
if(ACTION STREQUAL "configure")
  set(_flags "")
  if(CONFIGURE_FLAGS)
    set(_flags " ${CONFIGURE_FLAGS}")
  endif()
  _in_msys2("'${_source}/configure' --host=x86_64-w64-mingw32 --enable-shared --disable-static --prefix='${_prefix}'${_flags}")
elseif(ACTION STREQUAL "build")
  _in_msys2("make -j${JOBS}")
elseif(ACTION STREQUAL "install")
  _in_msys2("make install")
  file(GLOB _def "${BINARY_DIR}/.libs/libgmp-*.dll.def")
  if(NOT _def)
    message(FATAL_ERROR "gmp (MSVC route): no libgmp-*.dll.def in ${BINARY_DIR}/.libs")
  endif()
  list(GET _def 0 _def)
  execute_process(COMMAND "${LIB}" /nologo "/def:${_def}" "/out:${INSTALL_DIR}/lib/gmp.lib" /machine:x64
    RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "gmp (MSVC route): lib /def:${_def} failed (exit ${_rc})")
  endif()
  message("gmp (MSVC route): ${INSTALL_DIR}/lib/gmp.lib made from ${_def}")
elseif(ACTION STREQUAL "check")
  # -k: a failure in one folder of tests must not hide the results of the others.
  _in_msys2("make -k -j${JOBS} check")
else()
  message(FATAL_ERROR "gmp-msvc-route.cmake: ACTION must be configure, build, install or check")
endif()
