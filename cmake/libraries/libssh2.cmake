# libssh2: a CMake project, OpenSSL backend, zlib compression on, shared and static.
#
# Its own tests (libssh2.test, when the suites are on): the programs of its tests/ folder, run by
# cmake/scripts/run_suite.cmake (KIND sshd) against a throwaway OpenSSH server set up from
# tests/openssh_server as upstream's Docker image is, under MinGW through Wine (upstream's CI
# runs none of them on Windows). test_read runs once per cipher and MAC of test_read_algos.txt.
# What cannot run here is a skip with its reason, never a pass.
set(_libssh2_testing OFF)
set(_libssh2_tests "")
if(STACKPROBE_SUITES AND WIN32 AND NOT CMAKE_CROSSCOMPILING_EMULATOR)
  # Built on Windows itself (MSVC, clang-cl, MSYS2): the throwaway server is bench/sshd.cmake's,
  # which needs a POSIX host.
  set(_libssh2_tests "skip:tests:they need stackprobe's throwaway OpenSSH server, which runs on a Linux or macOS host only")
elseif(STACKPROBE_SUITES)
  set(_libssh2_testing ON)
  set(_password_reason "needs a password login to the user libssh2 of upstream's Docker image (stackprobe's server takes keys only)")
  set(_libssh2_tests
      test_aa_warmup
      "skip:test_agent_forward_ok:logs in as the user libssh2 of upstream's Docker image, not the user running the tests"
      "skip:test_auth_keyboard_fail:${_password_reason}"
      test_auth_keyboard_info_request
      "skip:test_auth_keyboard_ok:${_password_reason}"
      "skip:test_auth_password_fail_password:${_password_reason}"
      "skip:test_auth_password_fail_username:${_password_reason}"
      "skip:test_auth_password_ok:${_password_reason}"
      test_auth_pubkey_fail
      # libssh2's default since 1.11; built so, the test passes without testing anything.
      "skip:test_auth_pubkey_ok_dsa:libssh2 is built without DSA, its default since 1.11"
      test_auth_pubkey_ok_ecdsa
      test_auth_pubkey_ok_ecdsa_signed
      test_auth_pubkey_ok_ed25519
      test_auth_pubkey_ok_ed25519_encrypted
      test_auth_pubkey_ok_ed25519_mem
      test_auth_pubkey_ok_rsa
      test_auth_pubkey_ok_rsa_aes256gcm
      test_auth_pubkey_ok_rsa_encrypted
      test_auth_pubkey_ok_rsa_openssh
      test_auth_pubkey_ok_rsa_sha2_256_signed
      test_auth_pubkey_ok_rsa_signed
      test_hostkey
      test_hostkey_hash
      test_read
      test_simple
      test_ssh2@4711)
  # The programs are in the build folder's tests/; the skips name none.
  list(TRANSFORM _libssh2_tests PREPEND "tests/" REGEX "^test_")
  # tests/test_read_algos.txt of libssh2 1.11.1 (the sources are not unpacked yet when this is
  # read); libssh2's CMake passes a name with "mac-" as FIXTURE_TEST_MAC, the others as _CRYPT.
  foreach(_algorithm IN ITEMS 3des-cbc aes128-cbc aes128-ctr aes128-gcm@openssh.com aes192-cbc
      aes192-ctr aes256-cbc aes256-ctr aes256-gcm@openssh.com hmac-md5 hmac-md5-96 hmac-sha1
      hmac-sha1-96 hmac-sha1-etm@openssh.com hmac-sha2-256 hmac-sha2-256-etm@openssh.com
      hmac-sha2-512 hmac-sha2-512-etm@openssh.com)
    set(_variable FIXTURE_TEST_CRYPT)
    if(_algorithm MATCHES "mac-")
      set(_variable FIXTURE_TEST_MAC)
    endif()
    list(APPEND _libssh2_tests "tests/test_read,${_variable}=${_algorithm}")
  endforeach()
endif()

# libssh2's Debug build logs its execution by default; the dojo profile is Debug only for its
# flags (no optimization), so what it runs stays what a release build runs.
set(_libssh2_profile_args "")
if(STACKPROBE_PROFILE STREQUAL "dojo")
  set(_libssh2_profile_args -DENABLE_DEBUG_LOGGING=OFF)
endif()

stackprobe_library(libssh2
  DEPENDS openssl zlib
  SUITE test SUITE_KIND sshd SUITE_FIXTURE <SOURCE_DIR>/tests SUITE_COMMAND ${_libssh2_tests}
  CMAKE_ARGS
    -DCRYPTO_BACKEND=OpenSSL
    -DENABLE_ZLIB_COMPRESSION=ON
    -DBUILD_SHARED_LIBS=ON
    -DBUILD_STATIC_LIBS=ON
    -DBUILD_EXAMPLES=OFF
    -DBUILD_TESTING=${_libssh2_testing}
    -DOPENSSL_ROOT_DIR=<INSTALL_DIR>
    -DZLIB_ROOT=<INSTALL_DIR>
    ${_libssh2_profile_args})
