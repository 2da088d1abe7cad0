# preflight.*: at configure time every toolchain compiles, links and runs a program before any
# library is built. A MinGW compiler that compiles but cannot link (a stub in front of the real
# one on PATH) fails its preflight with the doctor's diagnosis, is not built, and shows
# "fail" with the check that stopped it in the report, while linux-gcc passes its preflight.
#   cmake -DSOURCE_ROOT=... -DWORK_DIR=... -DCASE=link_fails -P preflight_test.cmake
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/TestHelpers.cmake")

set(_work "${WORK_DIR}/preflight-${CASE}")
file(REMOVE_RECURSE "${_work}")
file(MAKE_DIRECTORY "${_work}/bin")

find_program(_real_compiler x86_64-w64-mingw32-gcc)
find_program(_gcc gcc)
if(NOT _real_compiler OR NOT _gcc)
  message(FATAL_ERROR "FAILED: the test needs gcc and x86_64-w64-mingw32-gcc (apt-get install gcc gcc-mingw-w64-x86-64)")
endif()

# The stub compiles (every command with -c goes to the real compiler) and fails every link as a
# MinGW installation without its import libraries does.
file(WRITE "${_work}/bin/x86_64-w64-mingw32-gcc"
"#!/bin/sh
for argument in \"$@\"; do
  if [ \"$argument\" = -c ] || [ \"$argument\" = -E ] || [ \"$argument\" = -M ]; then
    exec \"${_real_compiler}\" \"$@\"
  fi
done
echo '/usr/bin/x86_64-w64-mingw32-ld: cannot find -lkernel32: No such file or directory' >&2
echo 'collect2: error: ld returned 1 exit status' >&2
exit 1
")
file(CHMOD "${_work}/bin/x86_64-w64-mingw32-gcc" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
set(ENV{PATH} "${_work}/bin:$ENV{PATH}")

string(TIMESTAMP _started "%s")
run_captured(_configure "${CMAKE_COMMAND}" -S "${SOURCE_ROOT}" -B "${_work}/build" -G "Unix Makefiles"
  "-DSTACKPROBE_TOOLCHAINS=linux-gcc\;mingw-w64-x86_64" -DSTACKPROBE_PROBES=OFF
  -DSTACKPROBE_DOWNLOAD=OFF -DSTACKPROBE_APT_FALLBACK=OFF -DSTACKPROBE_USE_CCACHE=OFF)
string(TIMESTAMP _ended "%s")
math(EXPR _seconds "${_ended} - ${_started}")
message("${_configure_output}\n(configured in ${_seconds} s)")
expect_equal("${_configure_rc}" "0" "configuring with a MinGW compiler that cannot link")

# The matrix, printed while configuring: linux-gcc passes, mingw-w64-x86_64 compiles but does
# not link, and the doctor names the cause under it.
if(NOT _configure_output MATCHES "linux-gcc +✓ +✓ +✓ ")
  message(FATAL_ERROR "FAILED: linux-gcc's passing preflight row not in:\n${_configure_output}")
endif()
if(NOT _configure_output MATCHES "mingw-w64-x86_64 +✓ +✗ +✗ ")
  message(FATAL_ERROR "FAILED: mingw-w64-x86_64's row (compiles, does not link, not run) not in:\n${_configure_output}")
endif()
expect_contains("${_configure_output}" "mingw-w64-x86_64 link: [" "the doctor's diagnosis under the matrix")
expect_contains("${_configure_output}" "failed the preflight" "the warning that it is not built")

set(_state "${_work}/build/stackprobe")
file(READ "${_state}/mingw-w64-x86_64/preflight.json" _preflight)
string(JSON _built GET "${_preflight}" built)
expect_equal("${_built}" "fail" "mingw-w64-x86_64's preflight")
string(JSON _link GET "${_preflight}" checks link status)
expect_equal("${_link}" "fail" "mingw-w64-x86_64's link check")
string(JSON _run GET "${_preflight}" checks run status)
expect_equal("${_run}" "not-run" "mingw-w64-x86_64's run check after a failed link")
file(READ "${_state}/linux-gcc/preflight.json" _preflight)
string(JSON _built GET "${_preflight}" built)
expect_equal("${_built}" "pass" "linux-gcc's preflight")

# Its build step stops at once (/fast: without building linux-gcc, which it is chained after),
# and the report says why.
run_captured(_build "${CMAKE_COMMAND}" --build "${_work}/build" --target toolchain-mingw-w64-x86_64/fast)
expect_contains("${_build_output}" "failed the preflight" "the build step of the toolchain that failed its preflight")
expect_missing("${_state}/mingw-w64-x86_64/manifest.json" "a superbuild configured for it")
run_captured(_report "${CMAKE_COMMAND}" "-DSTATE_ROOT=${_state}" "-DREPORT_DIR=${_work}/report"
  -DBENCH_REQUIRED=OFF -P "${SOURCE_ROOT}/cmake/scripts/report.cmake")
file(READ "${_work}/report/report.json" _report)
string(JSON _count LENGTH "${_report}" toolchains)
math(EXPR _last "${_count} - 1")
set(_seen OFF)
foreach(_i RANGE ${_last})
  string(JSON _name GET "${_report}" toolchains ${_i} name)
  if(_name STREQUAL "mingw-w64-x86_64")
    set(_seen ON)
    string(JSON _status GET "${_report}" toolchains ${_i} status)
    string(JSON _reason GET "${_report}" toolchains ${_i} reason)
    expect_equal("${_status}" "fail" "mingw-w64-x86_64's status in the report")
    expect_contains("${_reason}" "preflight: link" "the reason in the report")
    string(JSON _step GET "${_report}" toolchains ${_i} steps 1 name)
    expect_equal("${_step}" "preflight.link" "the report's second step of mingw-w64-x86_64")
    string(JSON _diagnosis ERROR_VARIABLE _none GET "${_report}" toolchains ${_i} steps 1 diagnosis id)
    if(_none OR _diagnosis STREQUAL "")
      message(FATAL_ERROR "FAILED: no diagnosis of preflight.link in the report:\n${_report}")
    endif()
  endif()
endforeach()
expect_equal("${_seen}" "ON" "mingw-w64-x86_64 in the report")
expect_contains("${_report_output}" "preflight: link" "the reason in the terminal")
