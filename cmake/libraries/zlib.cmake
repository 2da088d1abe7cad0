# zlib: a CMake project. Debian's repack lacks win32/ (cmake/fixups/zlib-dfsg.cmake).
stackprobe_library(zlib
  CMAKE_ARGS
    -DZLIB_BUILD_EXAMPLES=OFF
    # zlib puts zlib.pc in share/ by default; lib/pkgconfig is where the other three go.
    -DINSTALL_PKGCONFIG_DIR=<INSTALL_DIR>/lib/pkgconfig)
