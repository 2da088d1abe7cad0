# OpenSSL: perl Configure, then make; built without zlib (libssh2 does the compression). The toolchain's own tools go in as CC/AR/RANLIB/RC, so a
# cross build needs no --cross-compile-prefix (which, with CC set too, doubles the prefix).
# STACKPROBE_OPENSSL_TARGET comes from the toolchain file; empty lets Configure guess the host.
set(_openssl_environment "CC=${STACKPROBE_CC_COMMAND}" "AR=${CMAKE_AR}" "RANLIB=${CMAKE_RANLIB}")
if(CMAKE_RC_COMPILER)
  list(APPEND _openssl_environment "RC=${CMAKE_RC_COMPILER}")
endif()
set(_openssl_options no-tests no-docs shared)
if(NOT WIN32)
  # libssl must find the libcrypto beside it once installed.
  list(APPEND _openssl_options "-Wl,-rpath,<INSTALL_DIR>/lib")
endif()

stackprobe_library(openssl
  CONFIGURE_COMMAND "${CMAKE_COMMAND}" -E env ${_openssl_environment}
    "${STACKPROBE_PERL}" <SOURCE_DIR>/Configure ${STACKPROBE_OPENSSL_TARGET}
    --prefix=<INSTALL_DIR> --openssldir=<INSTALL_DIR>/ssl --libdir=lib ${_openssl_options}
  BUILD_COMMAND "${STACKPROBE_MAKE}" -j${STACKPROBE_JOBS} build_sw
  INSTALL_COMMAND "${STACKPROBE_MAKE}" install_sw install_ssldirs)
