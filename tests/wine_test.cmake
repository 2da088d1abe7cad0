# wine.<toolchain>.openssl_exe_version: the openssl.exe the MinGW build installed runs under
# Wine, finds its DLLs through WINEPATH, and reports the locked version.
#   cmake -DSOURCE_ROOT=... -DBINARY_DIR=... -DTOOLCHAIN=... -DEMULATOR=wine -P wine_test.cmake
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/TestHelpers.cmake")
include("${SOURCE_ROOT}/cmake/StackprobeLock.cmake")

if(NOT EMULATOR)
  message(FATAL_ERROR "FAILED: no Wine to run ${TOOLCHAIN}'s programs: apt-get install wine wine64")
endif()
set(_prefix "${BINARY_DIR}/prefix/${TOOLCHAIN}")
expect_exists("${_prefix}/bin/openssl.exe" "OpenSSL's openssl.exe")
stackprobe_lock_read(_lock "${SOURCE_ROOT}/stackprobe-lock.json")
stackprobe_lock_get(_version "${_lock}" openssl version)
run_captured(_run "${CMAKE_COMMAND}" -E env "WINEPATH=Z:${_prefix}/bin" WINEDEBUG=-all
  "WINEPREFIX=${BINARY_DIR}/stackprobe/wineprefix" -- "${EMULATOR}" "${_prefix}/bin/openssl.exe" version)
expect_equal("${_run_rc}" "0" "wine openssl.exe version:\n${_run_output}")
expect_contains("${_run_output}" "OpenSSL ${_version} " "the version openssl.exe reports")
