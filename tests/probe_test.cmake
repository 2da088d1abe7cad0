# probe.<toolchain>.<library>.<linkage>: runs one probe the superbuild built, through the
# toolchain's emulator; the libssh2 and curl probes log in to the sshd of the "sshd" fixture.
# With -DWRONG_HOST_KEY=ON the libssh2 probe is given a known_hosts with another key for the
# server, and must refuse the server.
#   cmake -DEXE=... -DPREFIX=... [-DEMULATOR=wine -DWINEPREFIX=...] [-DSSHD_DIR=...]
#         [-DWRONG_HOST_KEY=ON -DWORK_DIR=...] -P probe_test.cmake
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/TestHelpers.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/../cmake/StackprobeProbeServer.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/../cmake/StackprobeEmulator.cmake")

# A probe a recipe ruled out has a "skip" record with the reason: the test is skipped with it
# (SKIP_REGULAR_EXPRESSION), not failed.
if(NOT EXISTS "${EXE}" AND RECORD AND EXISTS "${RECORD}")
  file(READ "${RECORD}" _record)
  string(JSON _status GET "${_record}" status)
  if(_status STREQUAL "skip")
    string(JSON _reason GET "${_record}" reason)
    message("STACKPROBE-SKIP: ${_reason}")
    return()
  endif()
endif()
expect_exists("${EXE}" "the probe (did the toolchain's build pass?)")
set(_prefix "")
set(_environment "")
if(EMULATOR MATCHES "wine")
  set(_prefix "Z:")
  set(_environment "WINEPATH=Z:${PREFIX}/bin" "WINEDEBUG=${STACKPROBE_PROBE_WINEDEBUG}" "WINEPREFIX=${WINEPREFIX}")
endif()
set(_arguments "")
if(SSHD_DIR)
  expect_exists("${SSHD_DIR}/server.cmake" "the sshd fixture's server description")
  include("${SSHD_DIR}/server.cmake")
  set(_known_hosts "")
  if(WRONG_HOST_KEY)
    # A real ed25519 key, not the server's.
    set(_known_hosts "${WORK_DIR}/wrong_known_hosts")
    file(WRITE "${_known_hosts}"
      "[${SSHD_HOST}]:${SSHD_PORT} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE5DZzSDyDwWGCgdgdIrjbQEwGamxMk3IDxSJOy5M9Y4\n")
  endif()
  set(_library libssh2)
  if(EXE MATCHES "probe_curl[^/]*$")
    set(_library curl)
  endif()
  # curl's folder on the server is this probe's own, named with a space, "#" and "%" that its URLs
  # must encode; libssh2 gets the server's log (the fixture logs at DEBUG3): strict key exchange
  # must show there.
  string(MD5 _exe_key "${EXE}")
  string(SUBSTRING "${_exe_key}" 0 8 _exe_key)
  stackprobe_probe_server_words(_arguments ${_library} "${SSHD_DIR}" WITH_LOG PATH_PREFIX "${_prefix}"
    KNOWN_HOSTS "${_known_hosts}" REMOTE "${SSHD_DIR}/curl-${_exe_key} #1 50%")
endif()
run_captured(_probe "${CMAKE_COMMAND}" -E env ${_environment} -- ${EMULATOR} "${EXE}" ${_arguments})
message("${_probe_output}")
if(WRONG_HOST_KEY)
  if(_probe_rc EQUAL 0)
    message(FATAL_ERROR "FAILED: the probe accepted a server whose host key is not in known_hosts")
  endif()
  expect_contains("${_probe_output}" "FAIL libssh2: server host key pinned by known_hosts" "the refusal")
  expect_not_contains("${_probe_output}" "ok   libssh2: public-key login" "a login after the refusal")
  return()
endif()
expect_equal("${_probe_rc}" "0" "the probe's exit status")
expect_contains("${_probe_output}" "checks passed" "the probe's summary")
if(SSHD_DIR AND EXE MATCHES "probe_curl[^/]*$")
  expect_contains("${_probe_output}" "ok   curl: sftp download equals the upload" "the SFTP round trip")
  expect_contains("${_probe_output}" "ok   curl: scp download equals the upload" "the SCP download")
elseif(SSHD_DIR)
  expect_contains("${_probe_output}" "ok   libssh2: public-key login" "the login check")
  expect_contains("${_probe_output}" "ok   libssh2: strict key exchange negotiated" "the Terrapin check")
endif()
