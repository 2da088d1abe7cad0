# curl: the stack's consumer. libcurl is libssh2's largest user; building it against the
# toolchain's own libssh2 (on its OpenSSL) and zlib, and moving a file with it, checks the stack
# from the outside (probes/probe_curl.c; the benchmark's curl-sftp and curl-scp rows).
#
# Only what that check needs: the SFTP, SCP and FILE protocols through libssh2, zlib, no TLS
# backend (nothing of curl speaks TLS here, so no second user of OpenSSL hides behind it) and
# none of the optional libraries a system curl pulls in (libpsl, libidn2, nghttp2, brotli, zstd),
# which a cross toolchain does not have. Shared and static libcurl are compiled in one pass, as a
# unity build (curl's own CI and release builds use one): under MinGW each of curl's 170 sources
# parses <windows.h> again, and the build took 2 min 50 s against 39 s on Linux.
# No proxy code either: an all_proxy in the environment must not reroute the probe's transfers.
set(_curl_disabled_protocols DICT FTP GOPHER HTTP IMAP IPFS LDAP LDAPS MQTT POP3 RTSP SMB SMTP
  TELNET TFTP WEBSOCKETS PROXY)
list(TRANSFORM _curl_disabled_protocols PREPEND "-DCURL_DISABLE_")
list(TRANSFORM _curl_disabled_protocols APPEND "=ON")

stackprobe_library(curl
  DEPENDS libssh2 zlib
  CMAKE_ARGS
    -DBUILD_SHARED_LIBS=ON
    -DBUILD_STATIC_LIBS=ON
    -DSHARE_LIB_OBJECT=ON
    -DCMAKE_UNITY_BUILD=ON
    -DBUILD_CURL_EXE=ON
    -DBUILD_TESTING=OFF
    -DBUILD_EXAMPLES=OFF
    -DBUILD_LIBCURL_DOCS=OFF
    -DBUILD_MISC_DOCS=OFF
    -DENABLE_CURL_MANUAL=OFF
    # curl names its Debug libraries libcurl-d; the dojo profile is Debug for its flags only.
    -DCMAKE_DEBUG_POSTFIX=
    ${_curl_disabled_protocols}
    -DCURL_ENABLE_SSL=OFF
    -DCURL_USE_LIBSSH2=ON
    -DCURL_USE_LIBSSH=OFF
    -DCURL_USE_WOLFSSH=OFF
    -DCURL_ZLIB=ON
    -DCURL_BROTLI=OFF
    -DCURL_ZSTD=OFF
    -DUSE_NGHTTP2=OFF
    -DUSE_LIBIDN2=OFF
    -DUSE_WIN32_IDN=OFF
    -DCURL_USE_LIBPSL=OFF
    -DCURL_USE_GSSAPI=OFF
    -DENABLE_ARES=OFF
    # pkg-config would find the system's libssh2 first; the prefix's is found by path.
    -DCURL_USE_PKGCONFIG=OFF
    -DZLIB_ROOT=<INSTALL_DIR>
    -DLIBSSH2_INCLUDE_DIR=<INSTALL_DIR>/include)
