# suites.*: the libraries' own test suites (cmake/scripts/run_suite.cmake).
#   CASE=counts          (full) automake and TAP::Harness summaries summed, failed tests named, a
#                        suite that ran no test is a failure, a missing test program a skip;
#                        KIND sshd against a real throwaway sshd set up from a fixture folder
#                        laid out as libssh2's tests/, skips with hostile reasons kept whole and
#                        grouped in the report
#   CASE=passed          (full) TOOLCHAIN's gmp.check, zlib.test, openssl.test and libssh2.test
#                        ran in its build and passed, with their counts
#   CASE=broken_test     (full) GMP's make check again with the test hook failing t-bswap: the
#                        step is red and the report names the test
#   cmake -DSOURCE_ROOT=... -DBINARY_DIR=... -DWORK_DIR=... [-DTOOLCHAIN=...] -DCASE=... -P suite_test.cmake
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/TestHelpers.cmake")
include("${SOURCE_ROOT}/cmake/StackprobeJson.cmake")

set(_dir "${WORK_DIR}/suite-${CASE}")
file(REMOVE_RECURSE "${_dir}")
file(MAKE_DIRECTORY "${_dir}")

# Runs run_suite.cmake for step in folder cwd; sets <prefix>_record to the record it wrote. Its
# exit status must say the same as the record: non-zero for a failure, else 0.
# "EMULATOR <program>" first in the command: run as under that emulator.
function(run_suite prefix step kind cwd)
  set(_command ${ARGN})
  set(_emulator "")
  list(GET _command 0 _first)
  if(_first STREQUAL "EMULATOR")
    list(GET _command 1 _program)
    set(_emulator "-DEMULATOR=${_program}")
    list(REMOVE_AT _command 0 1)
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" -DTOOLCHAIN=test -DSTEP=${step} "-DSTATE_DIR=${_dir}/state"
      -DKIND=${kind} ${_emulator} -P "${SOURCE_ROOT}/cmake/scripts/run_suite.cmake" -- ${_command}
    WORKING_DIRECTORY "${cwd}" RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
  expect_exists("${_dir}/state/steps/${step}.json" "the record of ${step}")
  file(READ "${_dir}/state/steps/${step}.json" _record)
  string(JSON _status GET "${_record}" status)
  set(_exit_failed ON)
  if(_rc EQUAL 0)
    set(_exit_failed OFF)
  endif()
  set(_record_failed OFF)
  if(_status STREQUAL "fail")
    set(_record_failed ON)
  endif()
  if(NOT _exit_failed STREQUAL _record_failed)
    message(FATAL_ERROR "FAILED: run_suite.cmake for ${step} exited ${_rc} with a record '${_status}':\n${_out}")
  endif()
  set(${prefix}_record "${_record}" PARENT_SCOPE)
  set(${prefix}_output "${_out}" PARENT_SCOPE)
endfunction()

function(expect_field json expected what)
  string(JSON _value GET "${json}" ${ARGN})
  expect_equal("${_value}" "${expected}" "${what}")
endfunction()

if(CASE STREQUAL "counts")
  # Two folders' summaries, one failed test, an expected failure, and a non-zero exit.
  file(WRITE "${_dir}/suite.sh" "cat <<'EOF'
PASS: t-one
FAIL: t-two
============================================================================
Testsuite summary for GNU MP 6.3.0
============================================================================
# TOTAL: 3
# PASS:  1
# SKIP:  1
# XFAIL: 0
# FAIL:  1
# XPASS: 0
# ERROR: 0
# TOTAL: 4
# PASS:  3
# SKIP:  0
# XFAIL: 1
# FAIL:  0
# XPASS: 0
# ERROR: 0
EOF
exit 2
")
  run_suite(_failing demo.check automake "${_dir}" sh "${_dir}/suite.sh")
  expect_field("${_failing_record}" fail "the status of a suite with a failed test" status)
  expect_field("${_failing_record}" 7 "the tests counted" counts total)
  expect_field("${_failing_record}" 5 "the tests passed (XFAIL included)" counts passed)
  expect_field("${_failing_record}" 1 "the tests failed" counts failed)
  expect_field("${_failing_record}" 1 "the tests skipped" counts skipped)
  expect_field("${_failing_record}" t-two "the failed test named" counts failed_tests 0)
  expect_field("${_failing_record}" "1 of 7 tests failed: t-two" "the reason" reason)

  # TAP::Harness (OpenSSL's make test): a pass, a skip with its reason, a failure that is named
  # twice (its result line, then the summary).
  file(WRITE "${_dir}/harness.sh" "cat <<'EOF'
make depend && make _tests
00-prep_fipsmodule_cnf.t .. skipped: FIPS module config file only supported in a fips build
30-test_evp.t .................... ok
30-test_evp_kdf.t ................ Dubious, test returned 1 (wstat 256, 0x100)
Failed 1/3 subtests 
# Looks like you failed 1 test of 2.30-test_evp_xof.t ......... ok

Test Summary Report
-------------------
30-test_evp_kdf.t              (Wstat: 256 (exited 1) Tests: 3 Failed: 1)
  Failed test:  2
  Non-zero exit status: 1
Files=4, Tests=120,  5 wallclock secs ( 0.05 usr  0.01 sys +  3.10 cusr  0.40 csys =  3.56 CPU)
Result: FAIL
EOF
exit 2
")
  run_suite(_tap demo.test tap "${_dir}" "skip:test_rand:left out [on; purpose]" sh "${_dir}/harness.sh")
  expect_field("${_tap_record}" fail "the status of a harness run with a failed script" status)
  expect_field("${_tap_record}" 5 "the scripts counted (one left out)" counts total)
  expect_field("${_tap_record}" 2 "the scripts passed (one after another's comment)" counts passed)
  expect_field("${_tap_record}" 2 "the scripts skipped (one left out)" counts skipped)
  expect_field("${_tap_record}" "left out [on; purpose]" "the reason of a script left out" counts skipped_tests 0 reason)
  expect_field("${_tap_record}" 30-test_evp_kdf "the failed script named once" counts failed_tests 0)
  expect_field("${_tap_record}" "FIPS module config file only supported in a fips build" "the skip's reason"
    counts skipped_tests 1 reason)
  file(WRITE "${_dir}/harness-ok.sh" "printf '30-test_evp.t .. ok\\nAll tests successful.\\nResult: PASS\\n'\n")
  # The commands before "--then" run first (the test programs' build); a failing one ends the run.
  run_suite(_tap_ok ok.test tap "${_dir}" sh -c "echo built > built.txt" --then sh "${_dir}/harness-ok.sh")
  expect_field("${_tap_ok_record}" pass "the status of a harness run that passed" status)
  expect_exists("${_dir}/built.txt" "what the command before --then made")
  run_suite(_tap_unbuilt unbuilt.test tap "${_dir}" sh -c "exit 3" --then sh "${_dir}/harness-ok.sh")
  expect_field("${_tap_unbuilt_record}" fail "the status when the build before --then failed" status)
  expect_field("${_tap_unbuilt_record}" 0 "the scripts run after a failed build" counts total)

  # Under an emulator the scripts that failed run once more, alone, and their second run counts:
  # 30-test_evp fails only the first time, 30-test_bn every time. Without one nothing runs again.
  file(WRITE "${_dir}/harness-flaky.sh" [=[
case "$1" in
  "TESTS=test_sanity test_evp test_bn") ;;
  "TESTS=test_evp test_bn") printf '30-test_evp.t .. ok\n# ERROR: [a;b] == [\\;]\n10-test_bn.t .. Dubious, test returned 1\nResult: FAIL\n'; exit 2 ;;
  *) echo "harness-flaky.sh: unexpected arguments: $*"; exit 3 ;;
esac
printf '01-test_sanity.t .. ok\n30-test_evp.t .. Failed 1/108 subtests\n10-test_bn.t .. Failed 2/9 subtests\nResult: FAIL\n'
exit 2
]=])
  run_suite(_flaky flaky.test tap "${_dir}" EMULATOR env sh "${_dir}/harness-flaky.sh" "TESTS=test_sanity test_evp test_bn")
  expect_field("${_flaky_record}" fail "the status when a script failed twice" status)
  expect_field("${_flaky_record}" 2 "the scripts passed (one on its second run)" counts passed)
  expect_field("${_flaky_record}" 10-test_bn "the script that failed twice" counts failed_tests 0)
  expect_field("${_flaky_record}" 1 "the scripts that failed" counts failed)
  expect_field("${_flaky_record}" 30-test_evp "the first script run again" counts rechecked 0)
  expect_field("${_flaky_record}" 10-test_bn "the second script run again" counts rechecked 1)
  file(READ "${_dir}/state/logs/flaky.test.log" _flaky_log)
  expect_contains("${_flaky_log}" "once more (recheck): test_evp test_bn" "the log of the second run")
  # The build's output shows the log's lines that say what failed, whole.
  expect_contains("${_flaky_output}" "  | # ERROR: [a;b] == [\\;]\n  | 10-test_bn.t .. Dubious" "the failure's lines in the output")
  run_suite(_not_again not-again.test tap "${_dir}" sh "${_dir}/harness-flaky.sh" "TESTS=test_sanity test_evp test_bn")
  expect_field("${_not_again_record}" 2 "the scripts failed with no emulator" counts failed)
  expect_not_contains("${_not_again_record}" "rechecked" "the record with no emulator (nothing run again)")

  # A harness stopped halfway (exit 9 while a script ran): its failed script is not run again,
  # and the suite fails, whatever a second run would say.
  file(WRITE "${_dir}/harness-stopped.sh" "printf '01-test_sanity.t .. ok\\n30-test_evp.t .. 1/6 '\nexit 9\n")
  run_suite(_stopped stopped.test tap "${_dir}" EMULATOR env sh "${_dir}/harness-stopped.sh" "TESTS=test_sanity test_evp test_x")
  expect_field("${_stopped_record}" fail "the status of a harness stopped halfway" status)
  expect_not_contains("${_stopped_record}" "rechecked" "the record of a harness stopped halfway (nothing run again)")

  # automake under an emulator: the folder with a failure runs its failed tests again (make
  # recheck), and rechecked names those tests. A stand-in make: t-two fails only the first time.
  file(MAKE_DIRECTORY "${_dir}/am/t")
  file(WRITE "${_dir}/am/make.sh" [=[
if [ "$1" = "-C" ]; then
  printf 'FAIL: t-three
# TOTAL: 2
# PASS:  1
# FAIL:  1
' > "$2/test-suite.log"
  exit 2
fi
printf 'FAIL: t-two
FAIL: t-three
# TOTAL: 3
# PASS:  1
# FAIL:  2
' > t/test-suite.log
echo "make[1]: Entering directory '$PWD/t'"
exit 2
]=])
  file(WRITE "${_dir}/am/make" "#!/bin/sh\nexec sh \"${_dir}/am/make.sh\" \"$@\"\n")
  file(CHMOD "${_dir}/am/make" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
  run_suite(_am am.check automake "${_dir}/am" EMULATOR env "${_dir}/am/make" check)
  expect_field("${_am_record}" fail "the status of an automake suite with a test that failed twice" status)
  expect_field("${_am_record}" t-two "the first test run again" counts rechecked 0)
  expect_field("${_am_record}" t-three "the second test run again" counts rechecked 1)
  expect_field("${_am_record}" t-three "the test that failed twice" counts failed_tests 0)

  # A suite that printed no summary ran no test: never a pass, whatever its exit status.
  run_suite(_empty empty.check automake "${_dir}" sh -c "echo nothing to do")
  expect_field("${_empty_record}" fail "the status of a suite that ran no test" status)
  expect_contains("${_empty_record}" "no test ran" "the reason of a suite that ran no test")

  # Test programs: one passes, one fails, one is not built (a skip), and a round trip.
  file(WRITE "${_dir}/good" "#!/bin/sh\nexit 0\n")
  file(WRITE "${_dir}/bad" "#!/bin/sh\necho broken\nexit 3\n")
  file(WRITE "${_dir}/copy" "#!/bin/sh\ncat\n")
  file(CHMOD "${_dir}/good" "${_dir}/bad" "${_dir}/copy" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
  run_suite(_programs demo.test programs "${_dir}" good bad missing roundtrip:copy)
  expect_field("${_programs_record}" fail "the status with a failing program" status)
  expect_field("${_programs_record}" 4 "the programs counted" counts total)
  expect_field("${_programs_record}" 1 "the programs passed" counts passed)
  expect_field("${_programs_record}" 1 "the programs skipped (not built)" counts skipped)
  expect_field("${_programs_record}" bad "the failing program named first" counts failed_tests 0)
  # "copy" does not compress: its round trip gives the sample back but no smaller, a failure.
  expect_field("${_programs_record}" roundtrip:copy "the round trip that does not compress" counts failed_tests 1)

  run_suite(_good good.test programs "${_dir}" good)
  expect_field("${_good_record}" pass "the status of a passing program" status)

  # Under an emulator a failed program runs once more: "flaky" fails only its first time.
  # Named as counted ("bad", not "sub/bad"): what failed twice is never said to have passed.
  file(WRITE "${_dir}/flaky" "#!/bin/sh\nif [ -e flaky.ran ]; then exit 0; fi\n: > flaky.ran\nexit 127\n")
  file(CHMOD "${_dir}/flaky" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
  file(COPY "${_dir}/bad" DESTINATION "${_dir}/sub")
  run_suite(_again again.test programs "${_dir}" EMULATOR env good flaky sub/bad)
  expect_field("${_again_record}" 2 "the programs passed under an emulator (one on its second run)" counts passed)
  expect_field("${_again_record}" bad "the program that failed twice" counts failed_tests 0)
  expect_field("${_again_record}" flaky "the first program run again" counts rechecked 0)
  expect_field("${_again_record}" bad "the second program run again" counts rechecked 1)
  expect_not_contains("${_programs_record}" "rechecked" "the record with no emulator (nothing run again)")

  # KIND sshd: a fixture folder as libssh2's tests/ (openssh_server/ with host keys, the keys
  # that may log in, a certificate authority and extra settings), and test programs that log
  # in with OpenSSH's ssh as libssh2's tests do: the server must take the fixture's key and
  # present the fixture's host key, on the port and as the user the variables name.
  set(_fixture "${_dir}/fixture")
  file(MAKE_DIRECTORY "${_fixture}/openssh_server")
  foreach(_key ssh_host_ed25519_key:ed25519 ssh_host_ecdsa_key:ecdsa ssh_host_rsa_key:rsa key_user:ed25519 ca:ed25519)
    string(REGEX REPLACE ":.*$" "" _name "${_key}")
    string(REGEX REPLACE "^.*:" "" _type "${_key}")
    execute_process(COMMAND ssh-keygen -q -t ${_type} -N "" -C "suite test" -f "${_fixture}/${_name}"
      RESULT_VARIABLE _rc ERROR_VARIABLE _error)
    expect_equal("${_rc}" 0 "ssh-keygen ${_name}: ${_error}")
    if(_name MATCHES "^ssh_host_")
      file(RENAME "${_fixture}/${_name}" "${_fixture}/openssh_server/${_name}")
    endif()
  endforeach()
  file(COPY_FILE "${_fixture}/key_user.pub" "${_fixture}/openssh_server/authorized_keys")
  file(COPY_FILE "${_fixture}/ca.pub" "${_fixture}/openssh_server/ca_user_keys.pub")
  file(WRITE "${_fixture}/openssh_server/sshd_config" "Ciphers +aes128-cbc\n")
  file(READ "${_fixture}/ssh_host_ed25519_key.pub" _host_public_key)
  string(REGEX REPLACE "^([^ ]+ [^ ]+).*$" "\\1" _host_public_key "${_host_public_key}")
  file(WRITE "${_fixture}/known_hosts" "* ${_host_public_key}\n")
  file(WRITE "${_dir}/login" [[#!/bin/sh
# Logs in as libssh2's tests do (OPENSSH_SERVER_HOST/PORT, USER, a key from srcdir) with the
# cipher the fixture's settings added, checking the fixture's host key: it works only against
# the server set up from the fixture.
[ "$OPENSSH_NO_DOCKER" = 1 ] || { echo 'OPENSSH_NO_DOCKER is not set'; exit 1; }
exec ssh -F /dev/null -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes \
  -o HostKeyAlgorithms=ssh-ed25519 -o "UserKnownHostsFile=$srcdir/known_hosts" -o Ciphers=aes128-cbc \
  -i "$srcdir/key_user" -p "$OPENSSH_SERVER_PORT" -l "$USER" "$OPENSSH_SERVER_HOST" true
]])
  file(WRITE "${_dir}/says-skipped" "#!/bin/sh\necho 'Test skipped.' >&2\nexit 0\n")
  file(WRITE "${_dir}/needs-variable" "#!/bin/sh\n[ \"$SUITE_WORD\" = 'a b' ]\n")
  file(CHMOD "${_dir}/login" "${_dir}/says-skipped" "${_dir}/needs-variable"
    PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
  # A port in use (another throwaway server of this test's own holds it): a test that connects
  # only to it is a skip, and the suite's server takes another port.
  execute_process(COMMAND "${CMAKE_COMMAND}" -DACTION=start "-DDIR=${_dir}/holder" -P "${SOURCE_ROOT}/bench/sshd.cmake"
    RESULT_VARIABLE _rc OUTPUT_QUIET)
  expect_equal("${_rc}" 0 "the server that holds a port")
  include("${_dir}/holder/server.cmake")
  set(_taken_port ${SSHD_PORT})
  set(_hostile "needs what [this] machine; has not <b>&amp;</b> \\ $HOME")
  execute_process(COMMAND "${CMAKE_COMMAND}" -DTOOLCHAIN=test -DSTEP=fixture.test "-DSTATE_DIR=${_dir}/state"
      -DKIND=sshd "-DFIXTURE=${_fixture}" "-DPREFIX=${_dir}/prefix"
      -P "${SOURCE_ROOT}/cmake/scripts/run_suite.cmake" --
      login "needs-variable,SUITE_WORD=a b" says-skipped "skip:first:${_hostile}" "skip:second:${_hostile}"
      login@${_taken_port} bad
    WORKING_DIRECTORY "${_dir}" RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
  file(READ "${_dir}/state/steps/fixture.test.json" _sshd_record)
  file(READ "${_dir}/state/logs/fixture.test.log" _sshd_log)
  expect_contains("${_sshd_log}" "PASS: login\n" "the login with the fixture's key, host key and cipher (log:\n${_sshd_log})")
  expect_contains("${_sshd_log}" "PASS: needs-variable-a b" "the test run with its variable")
  expect_field("${_sshd_record}" fail "the status of the sshd suite with a failing program" status)
  expect_field("${_sshd_record}" 7 "the sshd suite's tests" counts total)
  expect_field("${_sshd_record}" 2 "the sshd suite's tests passed" counts passed)
  expect_field("${_sshd_record}" 4 "the sshd suite's skips (said, listed, fixed port)" counts skipped)
  expect_field("${_sshd_record}" bad "the sshd suite's failure" counts failed_tests 0)
  expect_field("${_sshd_record}" "${_hostile}" "a skip's hostile reason, whole" counts skipped_tests 1 reason)
  expect_field("${_sshd_record}" "second" "the second skip's name" counts skipped_tests 2 name)
  expect_contains("${_sshd_log}" "SKIP: login (it connects only to port ${_taken_port}, and the server listens on"
    "the test whose fixed port was in use")
  execute_process(COMMAND "${CMAKE_COMMAND}" -DACTION=stop "-DDIR=${_dir}/holder" -P "${SOURCE_ROOT}/bench/sshd.cmake")
  # The server ended with the suite.
  processes_naming(_left _left_text "${_dir}/state/suite-sshd")
  expect_equal("${_left}" "" "processes of the suite's server left after it ended:\n${_left_text}")
  # A suite whose every test is skipped with a reason is a skip, and starts no server.
  execute_process(COMMAND "${CMAKE_COMMAND}" -DTOOLCHAIN=test -DSTEP=skips.test "-DSTATE_DIR=${_dir}/skips"
      -DKIND=sshd "-DFIXTURE=${_fixture}" "-DPREFIX=${_dir}/prefix"
      -P "${SOURCE_ROOT}/cmake/scripts/run_suite.cmake" -- "skip:tests:they need a POSIX host"
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
  expect_equal("${_rc}" 0 "the exit status of a suite of skips: ${_out}")
  file(READ "${_dir}/skips/steps/skips.test.json" _all_skipped_record)
  expect_field("${_all_skipped_record}" skip "the status of a suite of skips" status)
  expect_field("${_all_skipped_record}" "its tests cannot run: they need a POSIX host" "its reason" reason)
  expect_missing("${_dir}/skips/suite-sshd" "a server's folder for a suite of skips")
  # The report groups the skips by reason: one line for the two hostile ones, its text whole.
  include("${SOURCE_ROOT}/cmake/StackprobeRender.cmake")
  string(JSON _counts GET "${_sshd_record}" counts)
  _stackprobe_render_skipped_tests(_skipped_lines "${_counts}")
  expect_contains("${_skipped_lines}" "      skipped, ${_hostile}: first, second\n" "the skipped tests grouped by reason")
  expect_contains("${_skipped_lines}" "      skipped, the test says it was skipped: says-skipped\n" "a test that said it was skipped")
  # What passed when run once more is named; what failed twice is not (its failure is).
  string(JSON _counts GET "${_again_record}" counts)
  _stackprobe_render_passed_again(_again_line "${_counts}")
  expect_equal("${_again_line}" "      failed once under the emulator, passed when run once more: flaky\n"
    "the line of what passed when run once more")
  string(JSON _counts GET "${_am_record}" counts)
  _stackprobe_render_passed_again(_again_line "${_counts}")
  expect_equal("${_again_line}" "      failed once under the emulator, passed when run once more: t-two\n"
    "the line of the automake test that passed when run once more")
  string(JSON _counts GET "${_programs_record}" counts)
  _stackprobe_render_passed_again(_again_line "${_counts}")
  expect_equal("${_again_line}" "" "the line when nothing ran again")
elseif(CASE STREQUAL "passed")
  set(_state "${BINARY_DIR}/stackprobe/${TOOLCHAIN}")
  foreach(_step gmp.check zlib.test openssl.test libssh2.test)
    expect_exists("${_state}/steps/${_step}.json" "${TOOLCHAIN}'s ${_step} record")
    file(READ "${_state}/steps/${_step}.json" _record)
    expect_field("${_record}" pass "${TOOLCHAIN} ${_step}" status)
    expect_field("${_record}" 0 "${TOOLCHAIN} ${_step}'s failed tests" counts failed)
    string(JSON _passed GET "${_record}" counts passed)
    string(JSON _seconds GET "${_record}" seconds)
    message("${TOOLCHAIN} ${_step}: ${_passed} passed in ${_seconds} s")
  endforeach()
  # Fails unless step's record counts at least minimum tests passed (of what it runs).
  function(expect_passed_at_least step minimum runs)
    file(READ "${_state}/steps/${step}.json" _record)
    string(JSON _passed GET "${_record}" counts passed)
    if(_passed LESS minimum)
      message(FATAL_ERROR "FAILED: ${TOOLCHAIN} ${step} passed only ${_passed} tests (${runs})")
    endif()
  endfunction()
  expect_passed_at_least(gmp.check 150 "GMP's make check has 178")
  # OpenSSL's: the recipes of its subset (its FIPS preparation is a skip; under Wine two more).
  expect_passed_at_least(openssl.test 25 "27 recipes run, 25 under Wine")
  # libssh2's: 44 runs, of which 7 cannot run here (a password, Docker's user, DSA); the others
  # against the throwaway server, each cipher and MAC of test_read among them.
  expect_passed_at_least(libssh2.test 35 "37 of its 44 run here")
  file(READ "${_state}/logs/libssh2.test.log" _log)
  expect_contains("${_log}" "PASS: test_read-aes256-gcm@openssh.com\n" "libssh2's test_read with AES-GCM, in its log")
  expect_contains("${_log}" "PASS: test_auth_pubkey_ok_rsa_signed\n" "libssh2's login with a certificate, in its log")
elseif(CASE STREQUAL "broken_test")
  # GMP's suite of the built linux-gcc stack, with the hook failing one test, into a state folder
  # of this test's own beside copies of the toolchain's other records.
  set(_gmp_build "${BINARY_DIR}/stackprobe/linux-gcc/ep/src/gmp-build")
  expect_exists("${_gmp_build}/Makefile" "linux-gcc's GMP build folder")
  file(MAKE_DIRECTORY "${_dir}/root/linux-gcc")
  foreach(_entry manifest.json steps)
    file(COPY "${BINARY_DIR}/stackprobe/linux-gcc/${_entry}" DESTINATION "${_dir}/root/linux-gcc")
  endforeach()
  file(COPY "${BINARY_DIR}/stackprobe/toolchains.json" DESTINATION "${_dir}/root")
  set(ENV{STACKPROBE_SUITE_FAIL} t-bswap)
  execute_process(COMMAND "${CMAKE_COMMAND}" -DTOOLCHAIN=linux-gcc -DSTEP=gmp.check
      "-DSTATE_DIR=${_dir}/root/linux-gcc" -DKIND=automake
      -P "${SOURCE_ROOT}/cmake/scripts/run_suite.cmake" -- make -k -j2 check
    WORKING_DIRECTORY "${_gmp_build}" RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
  unset(ENV{STACKPROBE_SUITE_FAIL})
  if(_rc EQUAL 0)
    message(FATAL_ERROR "FAILED: run_suite.cmake exited 0 with a test failing on purpose:\n${_out}")
  endif()
  file(READ "${_dir}/root/linux-gcc/steps/gmp.check.json" _record)
  expect_field("${_record}" fail "gmp.check with one test failing on purpose" status)
  expect_field("${_record}" 1 "the failed tests" counts failed)
  expect_contains("${_record}" "t-bswap" "the record's failed test")
  run_captured(_report "${CMAKE_COMMAND}" "-DSTATE_ROOT=${_dir}/root" "-DREPORT_DIR=${_dir}/report"
    "-DBASELINE=${SOURCE_ROOT}/ci/expected-failures.txt" -P "${SOURCE_ROOT}/cmake/scripts/report.cmake")
  expect_contains("${_report_output}" "✗ linux-gcc gmp.check failed: 1 of" "the report's line on the broken suite")
  expect_contains("${_report_output}" "tests failed: t-bswap" "the failed test named in the report")
  file(READ "${_dir}/report/report.md" _md)
  expect_contains("${_md}" "tests failed: t-bswap" "report.md's line on the broken suite")
  if(_report_rc EQUAL 0)
    message(FATAL_ERROR "FAILED: the report of a failed upstream test exited 0:\n${_report_output}")
  endif()
else()
  message(FATAL_ERROR "suite_test.cmake: unknown CASE '${CASE}'")
endif()
