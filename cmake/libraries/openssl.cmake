# OpenSSL: perl Configure with stackprobe's own target (openssl-target.cmake), then make.
# Built without zlib: libssh2 does the compression.
include("${CMAKE_CURRENT_LIST_DIR}/openssl-target.cmake")
stackprobe_openssl_target_file(_openssl_conf _openssl_target)

stackprobe_library(openssl
  CONFIGURE_COMMAND "${CMAKE_COMMAND}" -DDIR=<BINARY_DIR> -P "${STACKPROBE_SOURCE_ROOT}/cmake/scripts/fresh_configure.cmake" --
    "${STACKPROBE_PERL}" <SOURCE_DIR>/Configure "--config=${_openssl_conf}" ${_openssl_target}
    --prefix=<INSTALL_DIR> --openssldir=<INSTALL_DIR>/ssl --libdir=lib no-tests no-docs shared
  BUILD_COMMAND "${STACKPROBE_MAKE}" -j${STACKPROBE_JOBS} build_sw
  INSTALL_COMMAND "${STACKPROBE_MAKE}" install_sw install_ssldirs)
