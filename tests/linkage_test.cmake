# linkage.*: a static probe that needs a shared library of the stack fails, and says which.
#   CASE=names    which ELF NEEDED and PE DLL names are the stack's (cmake/StackprobeLinkage.cmake);
#   CASE=probes   run_probes.cmake given a "static" probe that needs libcrypto.so.3 and libz.so.1
#                 (a copy of OpenSSH's ssh) records the probe as failed with both names, and runs
#                 nothing; a program that needs only libc passes the check.
#   cmake -DSOURCE_ROOT=... -DWORK_DIR=... -DCASE=names|probes -P linkage_test.cmake
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/TestHelpers.cmake")
include("${SOURCE_ROOT}/cmake/StackprobeLinkage.cmake")

if(CASE STREQUAL "names")
  foreach(_name libz.so.1 libssh2.so.1 libcrypto.so.3 libssl.so.3 libgmp.so.10 libcurl.so.4 libz.so
      libssh2.dll libssh2-1.dll libcrypto-3-x64.dll LIBCRYPTO-3.DLL libzlib.dll zlib1.dll libgmp-10.dll
      libcurl.dll libcurl-4.dll)
    stackprobe_is_stack_library(_is "${_name}")
    expect_equal("${_is}" "TRUE" "${_name} is the stack's")
  endforeach()
  foreach(_name libc.so.6 libcrypt.so.1 libzstd.so.1 libgssapi_krb5.so.2 libselinux.so.1 CRYPT32.dll
      KERNEL32.dll msvcrt.dll WS2_32.dll bcrypt.dll libzlib.dll.a libssh2.a "libz.so.1 ; x" "")
    stackprobe_is_stack_library(_is "${_name}")
    expect_equal("${_is}" "FALSE" "'${_name}' is not the stack's")
  endforeach()
  return()
endif()

find_program(_ssh ssh)
find_program(_objdump NAMES objdump llvm-objdump)
if(NOT _ssh OR NOT _objdump)
  message("STACKPROBE-SKIP: needs OpenSSH's ssh and objdump (apt-get install openssh-client binutils)")
  return()
endif()
stackprobe_shared_stack_libraries(_shared "${_ssh}")
if(NOT _shared MATCHES "libcrypto\\.so\\.3")
  message("STACKPROBE-SKIP: this ssh needs no libcrypto.so.3 (${_shared}): nothing to catch")
  return()
endif()
stackprobe_shared_stack_libraries(_none "${CMAKE_CURRENT_LIST_FILE}")
expect_equal("${_none}" "" "the stack's libraries a text file needs")

set(_work "${WORK_DIR}/linkage")
file(REMOVE_RECURSE "${_work}")
file(MAKE_DIRECTORY "${_work}/probes" "${_work}/state")
# Two "static probes": ssh (libcrypto, libz) and a shell script that would write a file if run.
file(COPY_FILE "${_ssh}" "${_work}/probes/probe_openssl")
file(WRITE "${_work}/probes/probe_zlib"
  "#!/bin/sh\necho ran > '${_work}/zlib-probe-ran'\necho 'zlib: all 1 checks passed'\n")
file(CHMOD "${_work}/probes/probe_zlib" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
run_captured(_run "${CMAKE_COMMAND}" -DTOOLCHAIN=linux-test "-DSTATE_DIR=${_work}/state" -DLINKAGE=static
  "-DBINARY_DIR=${_work}/probes" "-DLIBRARIES=openssl|zlib" "-DPREFIX=${_work}"
  "-DSOURCE_ROOT=${SOURCE_ROOT}" -DKEEP_GOING=0 -P "${SOURCE_ROOT}/cmake/scripts/run_probes.cmake")
message("${_run_output}")
if(_run_rc EQUAL 0)
  message(FATAL_ERROR "FAILED: run_probes.cmake passed a static probe that needs libcrypto.so.3")
endif()
expect_contains("${_run_output}" "failed probes: probe.openssl.static" "the failed probe")
file(READ "${_work}/state/steps/probe.openssl.static.json" _record)
string(JSON _status GET "${_record}" status)
expect_equal("${_status}" "fail" "probe.openssl.static's status")
file(READ "${_work}/state/logs/probe.openssl.static.log" _log)
# (CMake wraps the message's lines.)
expect_contains("${_log}" "probe_openssl (static) needs the shared" "the log naming the probe")
expect_contains("${_log}" "libcrypto.so.3, libz.so.1" "the log naming both libraries")
# The script needs nothing of the stack: it passed the check and ran.
expect_exists("${_work}/zlib-probe-ran" "the output of the probe that needs nothing shared")
file(READ "${_work}/state/steps/probe.zlib.static.json" _record)
string(JSON _status GET "${_record}" status)
expect_equal("${_status}" "pass" "probe.zlib.static's status")
