# emulator.*: the check that Wine can run a toolchain's programs at all. A stand-in for Debian's
# wine64 behaves as the real one did here with a 32-bit program in a fresh prefix: it exits 0
# without running it and says so only on Wine's error channel, silent under WINEDEBUG=-all.
#   cmake -DSOURCE_ROOT=... -DWORK_DIR=... -DCASE=wow64_failure|runs -P emulator_test.cmake
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/TestHelpers.cmake")
include("${SOURCE_ROOT}/cmake/StackprobeEmulator.cmake")

set(_dir "${WORK_DIR}/emulator-${CASE}")
file(REMOVE_RECURSE "${_dir}")
file(MAKE_DIRECTORY "${_dir}")
# Debian's wrapper prints its hint before 64-bit programs too, and Wine its error lines, unless
# WINEDEBUG silences them ("-all" silences every channel, "fixme-all" only fixme).
string(CONCAT _script "#!/bin/sh\ncase \"x$WINEDEBUG\" in x-all*|x*,-all*|x*err-all*) quiet=1 ;; *) quiet=0 ;; esac\n"
  "[ $quiet = 1 ] || echo 'it looks like wine32 is missing, you should install it.' >&2\n")
if(CASE STREQUAL "wow64_failure")
  string(APPEND _script "[ $quiet = 1 ] || echo '0114:err:module:load_wow64_ntdll failed to load "
    "L\"\\\\??\\\\C:\\\\windows\\\\syswow64\\\\ntdll.dll\" error c0000135' >&2\nexit 0\n")
else()
  string(APPEND _script "echo 'ok   zlib: header ZLIB_VERSION equals zlibVersion()'\nexit 0\n")
endif()
file(WRITE "${_dir}/wine" "${_script}")
file(CHMOD "${_dir}/wine" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
file(WRITE "${_dir}/probe_zlib.exe" "MZ")

# The environment the probes run with, WINEDEBUG=-all included.
stackprobe_emulator_check(_reason "${_dir}/wine" "${_dir}/probe_zlib.exe" WINEDEBUG=-all "WINEPREFIX=${_dir}/prefix")
if(CASE STREQUAL "wow64_failure")
  expect_contains("${_reason}" "wine32 is missing" "the reason")
  expect_contains("${_reason}" "apt-get install wine32" "the fix")
else()
  expect_equal("${_reason}" "" "the reason for a program that runs")
endif()
