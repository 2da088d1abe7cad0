# libssh2: a CMake project, OpenSSL backend, zlib compression on, shared and static.
stackprobe_library(libssh2
  DEPENDS openssl zlib
  CMAKE_ARGS
    -DCRYPTO_BACKEND=OpenSSL
    -DENABLE_ZLIB_COMPRESSION=ON
    -DBUILD_SHARED_LIBS=ON
    -DBUILD_STATIC_LIBS=ON
    -DBUILD_EXAMPLES=OFF
    -DBUILD_TESTING=OFF
    -DOPENSSL_ROOT_DIR=<INSTALL_DIR>
    -DZLIB_ROOT=<INSTALL_DIR>)
