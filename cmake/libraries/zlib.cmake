# zlib: a CMake project. Debian's repack lacks win32/ (cmake/fixups/zlib-dfsg.cmake).
# zlib's own tests: its example program (inflate and deflate in every mode), and minigzip
# compressing and expanding a sample (cmake/scripts/run_suite.cmake, KIND programs).
set(_zlib_examples OFF)
if(STACKPROBE_SUITES)
  set(_zlib_examples ON)
endif()
stackprobe_library(zlib
  SUITE test SUITE_KIND programs SUITE_COMMAND example example64 roundtrip:minigzip
  CMAKE_ARGS
    -DZLIB_BUILD_EXAMPLES=${_zlib_examples}
    # zlib puts zlib.pc in share/ by default; lib/pkgconfig is where the other three go.
    -DINSTALL_PKGCONFIG_DIR=<INSTALL_DIR>/lib/pkgconfig)
