# emulator.*: the check that Wine can run a toolchain's programs at all. A stand-in for Debian's
# wine64 behaves as the real one did here with a 32-bit program in a fresh prefix: it exits 0
# without running it and says so only on Wine's error channel, silent under WINEDEBUG=-all.
# The other cases run a probe's step (run_step.cmake) through a stand-in that exits 0 without
# running the program (silent_pass), fails once before printing anything and then runs it
# (silent_once), or never prints anything (silent_always).
#   cmake -DSOURCE_ROOT=... -DWORK_DIR=... -DCASE=wow64_failure|runs|silent_pass|silent_once|silent_always
#         -P emulator_test.cmake
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/TestHelpers.cmake")
include("${SOURCE_ROOT}/cmake/StackprobeEmulator.cmake")

set(_dir "${WORK_DIR}/emulator-${CASE}")
file(REMOVE_RECURSE "${_dir}")
file(MAKE_DIRECTORY "${_dir}")

if(CASE MATCHES "^silent_")
  set(_script "#!/bin/sh\n")
  if(CASE STREQUAL "silent_once")
    string(APPEND _script "[ -e \"${_dir}/started\" ] || { : > \"${_dir}/started\"; exit 1; }\n"
      "echo 'ok   zlib: header ZLIB_VERSION equals zlibVersion()'\necho 'zlib: all 1 checks passed'\n")
  elseif(CASE STREQUAL "silent_always")
    string(APPEND _script "exit 53\n")
  endif()
  file(WRITE "${_dir}/wine" "${_script}")
  file(CHMOD "${_dir}/wine" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
  execute_process(COMMAND "${CMAKE_COMMAND}" -DTOOLCHAIN=mingw-w64-x86_64 -DSTEP=probe.zlib.shared
      "-DSTATE_DIR=${_dir}/state" "-DPASS_REGEX=zlib: all [0-9]+ checks passed" -DRETRY_SILENT=ON
      -DKEEP_GOING=ON -P "${SOURCE_ROOT}/cmake/scripts/run_step.cmake" -- "${_dir}/wine" probe_zlib.exe
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
  expect_equal("${_rc}" "0" "run_step's exit status with KEEP_GOING (${_out})")
  file(READ "${_dir}/state/steps/probe.zlib.shared.json" _record)
  string(JSON _status GET "${_record}" status)
  file(READ "${_dir}/state/logs/probe.zlib.shared.log" _log)
  if(CASE STREQUAL "silent_pass")
    expect_equal("${_status}" "fail" "the status of a run that exited 0 and printed nothing")
    expect_contains("${_log}" "exited 0 but never printed the line a run to its end prints" "the log")
    expect_contains("${_out}" "FAILED" "the progress line")
  elseif(CASE STREQUAL "silent_once")
    expect_equal("${_status}" "pass" "the status of a second run that passed")
    expect_contains("${_log}" "the first run exited 1 and printed nothing" "the log")
    expect_contains("${_log}" "zlib: all 1 checks passed" "the log")
  else()
    expect_equal("${_status}" "fail" "the status of a program that never started")
    expect_contains("${_log}" "the second run too exited 53 and printed nothing" "the log")
  endif()
  return()
endif()
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
