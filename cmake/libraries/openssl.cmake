# OpenSSL: perl Configure with stackprobe's own target (openssl-target.cmake), then make.
# Built without zlib: libssh2 does the compression.
include("${CMAKE_CURRENT_LIST_DIR}/openssl-target.cmake")
stackprobe_openssl_target_file(_openssl_conf _openssl_target)

# The dojo profile: no optimization (Configure's --debug: -O0, or /Od) and its C code instead of
# its assembly (no-asm).
set(_openssl_profile_flags "")
if(STACKPROBE_PROFILE STREQUAL "dojo")
  set(_openssl_profile_flags no-asm --debug)
endif()

# Its own tests (openssl.test, when the suites are on): the recipes of `make test` that check
# what libssh2 uses of it (ciphers, digests, MACs, KDFs, big numbers, DH, EC, RSA, the random
# generator, the providers), run by OpenSSL's harness. OpenSSL is then configured with its tests,
# but its build and install are told that openssl is the one program (PROGRAMS), so they build
# what a no-tests build does; the suite builds just the test programs of these recipes (of 300),
# then runs them. Under MinGW the harness runs each program through Wine (EXE_SHELL), which finds
# the DLLs of the build folder through WINEPATH.
set(_openssl_no_tests no-tests)
set(_openssl_programs "")
set(_openssl_test "")
if(STACKPROBE_SUITES)
  set(_openssl_no_tests "")
  set(_openssl_programs "PROGRAMS=apps/openssl${CMAKE_EXECUTABLE_SUFFIX}")
  set(_openssl_recipes test_sanity test_evp test_evp_extra test_evp_kdf test_evp_fetch_prov
    test_hmac test_mac test_cmac test_sha test_aesgcm test_internal_chacha test_internal_poly1305
    test_internal_modes test_bn test_exp test_dh test_ec test_ecdsa test_internal_curve448
    test_rsa test_rsaoaep test_rsapss test_pkey test_rand test_provider test_provider_pkey
    test_prov_config)
  # The programs those recipes run (their test(["..."]) and simple_test(..., "...") calls).
  set(_openssl_test_programs sanitytest evp_test evp_extra_test evp_extra_test2 evp_kdf_test
    evp_fetch_prov_test hmactest cmactest sha_test aesgcmtest chacha_internal_test
    poly1305_internal_test modes_internal_test bntest exptest dhtest ectest ecdsatest
    curve448_internal_test rsa_test rsa_x931_test rand_test drbgtest rand_status_test
    provider_test provider_pkey_test prov_config_test)
  list(TRANSFORM _openssl_test_programs PREPEND test/)
  list(TRANSFORM _openssl_test_programs APPEND "${CMAKE_EXECUTABLE_SUFFIX}")
  if(CMAKE_CROSSCOMPILING_EMULATOR)
    # These two compare what apps/openssl prints with what they expect, line by line in the
    # host's Perl: a Windows program ends its lines with CRLF, which Perl on Windows reads as a
    # line end but Linux's Perl under Wine does not ("ab12\r" ne "ab12"). Not OpenSSL's failure.
    foreach(_recipe test_rand test_pkey)
      list(REMOVE_ITEM _openssl_recipes ${_recipe})
      list(APPEND _openssl_test "skip:${_recipe}:compares the text openssl.exe prints with Linux's Perl, which under Wine keeps the CRLF line ends that Windows' Perl would read")
    endforeach()
  endif()
  string(JOIN " " _openssl_recipes ${_openssl_recipes})
  list(APPEND _openssl_test "${STACKPROBE_MAKE}" -j${STACKPROBE_JOBS} ${_openssl_test_programs} --then "${CMAKE_COMMAND}" -E env)
  if(CMAKE_CROSSCOMPILING_EMULATOR)
    list(APPEND _openssl_test "EXE_SHELL=${CMAKE_CROSSCOMPILING_EMULATOR}" "WINEPATH=Z:<BINARY_DIR>")
  endif()
  list(APPEND _openssl_test -- "${STACKPROBE_MAKE}" run_tests "TESTS=${_openssl_recipes}")
endif()

stackprobe_library(openssl
  PROFILE_FLAGS ${_openssl_profile_flags} FLAGS_FILE Makefile FLAGS_VARIABLES CFLAGS
  SUITE test SUITE_KIND tap SUITE_COMMAND ${_openssl_test}
  CONFIGURE_COMMAND "${CMAKE_COMMAND}" -DDIR=<BINARY_DIR> -P "${STACKPROBE_SOURCE_ROOT}/cmake/scripts/fresh_configure.cmake" --
    "${STACKPROBE_PERL}" <SOURCE_DIR>/Configure "--config=${_openssl_conf}" ${_openssl_target}
    --prefix=<INSTALL_DIR> --openssldir=<INSTALL_DIR>/ssl --libdir=lib ${_openssl_no_tests} no-docs shared ${_openssl_profile_flags}
  BUILD_COMMAND "${STACKPROBE_MAKE}" -j${STACKPROBE_JOBS} build_sw ${_openssl_programs}
  INSTALL_COMMAND "${STACKPROBE_MAKE}" install_sw install_ssldirs ${_openssl_programs})
# Configure runs again when the target file changes (it is rewritten only then): its flags and
# tools are part of the configuration.
ExternalProject_Add_StepDependencies(openssl configure "${_openssl_conf}")
