# GMP: autotools, needs m4. Debian's repack lacks doc/ (cmake/fixups/gmp-dfsg.cmake).
# A cross build needs --host and a native CC_FOR_BUILD for GMP's generator programs.
set(_gmp_configure_args --prefix=<INSTALL_DIR>)
set(_gmp_environment "CC=${STACKPROBE_CC_COMMAND}")
if(STACKPROBE_AUTOTOOLS_HOST)
  list(APPEND _gmp_configure_args --host=${STACKPROBE_AUTOTOOLS_HOST})
  list(APPEND _gmp_environment CC_FOR_BUILD=cc)
endif()
if(WIN32)
  # On Windows GMP builds a DLL or a static library per configure, never both: gmp.h differs
  # ("cannot build both static and DLL"; GMP manual, "MS Windows DLLs"). The DLL is built.
  list(APPEND _gmp_configure_args --enable-shared --disable-static)
  set_property(GLOBAL APPEND PROPERTY STACKPROBE_PROBE_SKIPS
    "gmp.static=GMP builds a DLL or a static library per configure on Windows, not both; stackprobe builds the DLL")
else()
  # --with-pic: the static library's objects are position-independent too, as Conan's fPIC
  # default and vcpkg's Linux triplets build them, so libgmp.a links into a shared object. Its
  # compiles are then the shared ones' commands again, which ccache answers: a cold build took
  # 276 s of CPU instead of 383 s on a 2-core machine here.
  list(APPEND _gmp_configure_args --enable-shared --enable-static --with-pic)
endif()

# The dojo profile: no optimization, and GMP's generic C code instead of its assembly. Else
# GMP's configure picks its CFLAGS for the CPU (the report reads them from its Makefile).
set(_gmp_profile_flags "")
if(STACKPROBE_PROFILE STREQUAL "dojo")
  set(_gmp_profile_flags --disable-assembly "CFLAGS=-O0 -g")
  list(APPEND _gmp_configure_args --disable-assembly)
  list(APPEND _gmp_environment "CFLAGS=-O0 -g")
endif()

# GMP's manual asks every user to run make check: a compiler can build GMP wrongly without an
# error. Under MinGW the tests run through Wine (automake's LOG_COMPILER). -k: a failure in one
# folder of tests must not hide the results of the others.
set(_gmp_check "${STACKPROBE_MAKE}" -k -j${STACKPROBE_JOBS} check)
if(CMAKE_CROSSCOMPILING_EMULATOR)
  list(APPEND _gmp_check "LOG_COMPILER=${CMAKE_CROSSCOMPILING_EMULATOR}")
endif()

stackprobe_library(gmp
  PROFILE_FLAGS ${_gmp_profile_flags} FLAGS_FILE Makefile FLAGS_VARIABLES CFLAGS
  SUITE check SUITE_KIND automake SUITE_COMMAND ${_gmp_check}
  CONFIGURE_COMMAND "${CMAKE_COMMAND}" -DDIR=<BINARY_DIR> -P "${STACKPROBE_SOURCE_ROOT}/cmake/scripts/fresh_configure.cmake" --
    "${CMAKE_COMMAND}" -E env ${_gmp_environment}
    <SOURCE_DIR>/configure ${_gmp_configure_args}
  BUILD_COMMAND "${STACKPROBE_MAKE}" -j${STACKPROBE_JOBS}
  INSTALL_COMMAND "${STACKPROBE_MAKE}" install)
