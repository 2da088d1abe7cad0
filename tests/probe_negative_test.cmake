# probe.<toolchain>.zlib_detects_header_mismatch: the zlib probe, compiled against a zlib.h that
# claims another version and linked to the prefix's library, must fail and name both versions.
# Proves the version check can fail, not only pass.
#   cmake -DSOURCE_ROOT=... -DWORK_DIR=... -DPREFIX=... -DCC=gcc -P probe_negative_test.cmake
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/TestHelpers.cmake")

set(_work "${WORK_DIR}/zlib-header-mismatch")
file(REMOVE_RECURSE "${_work}")
file(MAKE_DIRECTORY "${_work}/include")
expect_exists("${PREFIX}/include/zlib.h" "the prefix's zlib.h")
file(READ "${PREFIX}/include/zlib.h" _header)
string(REGEX REPLACE "#define ZLIB_VERSION \"[0-9.]+\"" "#define ZLIB_VERSION \"1.2.11\"" _old "${_header}")
if(_old STREQUAL _header)
  message(FATAL_ERROR "FAILED: no ZLIB_VERSION define to change in ${PREFIX}/include/zlib.h")
endif()
file(WRITE "${_work}/include/zlib.h" "${_old}")
file(COPY "${PREFIX}/include/zconf.h" DESTINATION "${_work}/include")

run_captured(_compile "${CC}" -I "${_work}/include" -I "${SOURCE_ROOT}/probes"
  "${SOURCE_ROOT}/probes/probe_zlib.c" "${SOURCE_ROOT}/probes/probe_check.c"
  "${PREFIX}/lib/libz.a" -o "${_work}/probe_zlib")
expect_equal("${_compile_rc}" "0" "compiling the probe against the altered header:\n${_compile_output}")
run_captured(_probe "${_work}/probe_zlib")
message("${_probe_output}")
if(_probe_rc EQUAL 0)
  message(FATAL_ERROR "FAILED: the zlib probe passed with a header of another version")
endif()
expect_contains("${_probe_output}" "FAIL zlib: header ZLIB_VERSION equals zlibVersion(): saw \"1.3.1\", expected \"1.2.11\""
  "the failed check with both versions")
expect_contains("${_probe_output}" "ok   zlib: crc32" "the other checks still ran")
