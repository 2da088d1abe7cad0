# Runs a library's own test suite as one step (gmp.check, zlib.test): one log, and a record with
# its duration and its counts (passed, failed, skipped, total) and the names of the tests that
# failed, which the report shows. A suite that cannot run (the emulator cannot start this
# toolchain's programs) is a skip with the reason; a suite that ran no test is a failure, never
# a pass.
#
#   cmake -DTOOLCHAIN=... -DSTEP=gmp.check -DSTATE_DIR=... -DKIND=automake|tap|programs|sshd
#         [-DPREFIX=<the toolchain's prefix>] [-DFIXTURE=<folder>]
#         [-DEMULATOR=wine -DWINEPREFIX=... -DEXECUTABLE_SUFFIX=.exe] -P run_suite.cmake -- COMMAND...
#
# KIND automake: COMMAND is the suite (GMP's make check); the counts are automake's "# TOTAL: n"
# summaries.
#
# KIND tap: COMMAND is one or more commands separated by the word "--then" (OpenSSL's: build the
# test programs --then run them; not "&&", which the build tool's shell would take for itself),
# the last one run by Perl's TAP::Harness: a test script's line "NN-name.t .. ok" is a pass,
# ".. skipped: <why>" a skip, and a script named under "Test Summary Report" or with another
# result a failure. Words "skip:<script>:<reason>" before the first command name scripts left
# out of the run on purpose: skips with their reasons.
#
# KIND programs: each word after "--" is one test, run here through the emulator: a
# test program of the library's build folder (zlib's example), or roundtrip:<program> (zlib's
# minigzip compresses and expands a sample, which must come back the same). zlib's own CTest
# tests cannot serve: they are declared with add_test's old signature, which CMake never runs
# through an emulator, so under MinGW they would only fail with "Exec format error".
#
# KIND sshd: each word is one of libssh2's test programs, run against a throwaway OpenSSH server on
# loopback (bench/sshd.cmake) set up as libssh2's own Docker image is: FIXTURE is libssh2's tests/
# folder, whose openssh_server/ holds the host keys, the keys that may log in, the certificate
# authority and the extra ciphers and MACs. The tests log in as the user running them, with keys
# only: the server never takes a password. Words:
#   <program>                  run it
#   <program>,<NAME>=<value>   run it with that variable set (test_read once per cipher or MAC)
#   <program>@<port>           it connects only to that port: run when the server got it
#   skip:<program>:<reason>    counted as skipped, with the reason
# A program that prints "Test skipped." counts as skipped (libssh2's runner then exits 0).
#
# Under an emulator a program now and then fails to start at all (Wine: exit status 127 once in
# some hundred runs, seen here), so what failed runs once more: automake's recheck, the failed
# TAP scripts alone (after a harness run that finished), each failed test program again (not the
# round trips). counts.rechecked names the tests that ran again, and the report names those that
# passed only then. The build's output shows the log's lines that say what failed.
#
# Exits non-zero when the suite failed, after its record is written, so that the step is not
# stamped and the next build runs it again; the step has a target of its own, so the
# toolchain's probes still run. A skip exits 0.
#
# Test hook: with STACKPROBE_SUITE_FAIL=<test name> in the environment, that test of an automake
# suite fails on purpose (its runner is wrapped), so that a test can see a failure reported.

cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/../StackprobeRecord.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/../StackprobeScriptArguments.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/../StackprobeEmulator.cmake")

stackprobe_arguments_require(run_suite.cmake TOOLCHAIN STEP STATE_DIR KIND)
if(NOT KIND MATCHES "^(automake|tap|programs|sshd)$")
  message(FATAL_ERROR "run_suite.cmake: KIND must be automake, tap, programs or sshd, not '${KIND}'")
endif()
if(KIND STREQUAL "sshd")
  stackprobe_arguments_require(run_suite.cmake FIXTURE PREFIX)
endif()
stackprobe_arguments_command(_command _words)
if(_words STREQUAL "[]")
  message(FATAL_ERROR "run_suite.cmake: no command after --")
endif()

set(_log "${STATE_DIR}/logs/${STEP}.log")
set(_record "${STATE_DIR}/steps/${STEP}.json")
file(MAKE_DIRECTORY "${STATE_DIR}/logs" "${STATE_DIR}/steps")
file(REMOVE "${_record}")
file(TO_CMAKE_PATH "${_log}" _log_path)
file(TO_CMAKE_PATH "${CMAKE_CURRENT_BINARY_DIR}" _cwd)

set(_environment "")
# Paths a test program reads: under Wine a Unix path is Z:<path>.
set(_program_paths "")
if(WINEPREFIX)
  list(APPEND _environment "WINEPREFIX=${WINEPREFIX}" WINEDEBUG=-all)
endif()
if(EMULATOR MATCHES "wine")
  set(_program_paths "Z:")
  if(PREFIX)
    # The libraries' DLLs, for test programs linked to them.
    list(APPEND _environment "WINEPATH=Z:${PREFIX}/bin")
  endif()
endif()

# Wine's session for the suite: a wineserver that ends on its own 60 s after its last program
# (one already running is kept as it is), with its helper processes started by the preflight's
# program, whose output goes to a file. Else the first program of a session hands its output
# pipe to the helpers, which keep it open till the session ends: OpenSSL's harness reads each
# test's output from a pipe, and its recipes under Wine took 178 s instead of 93.
function(_suite_wine_session)
  get_filename_component(_emulator_dir "${EMULATOR}" DIRECTORY)
  find_program(_wineserver wineserver HINTS "${_emulator_dir}" NO_CACHE)
  if(EMULATOR MATCHES "wine" AND _wineserver)
    stackprobe_emulator_run(_ignored _ignored_rc TIMEOUT 30
      COMMAND "${CMAKE_COMMAND}" -E env ${_environment} -- "${_wineserver}" -p60)
    if(EXISTS "${_session_program}")
      stackprobe_emulator_run(_ignored _ignored_rc TIMEOUT 120
        COMMAND "${CMAKE_COMMAND}" -E env ${_environment} -- "${EMULATOR}" "${_session_program}")
    endif()
  endif()
endfunction()

# Whether this toolchain's programs can run here at all: the preflight's program tells.
if(EMULATOR)
  set(_session_program "${STATE_DIR}/preflight/build/bin/hello_static${EXECUTABLE_SUFFIX}")
  _suite_wine_session()
  if(EXISTS "${_session_program}")
    stackprobe_emulator_check(_cannot "${EMULATOR}" "${_session_program}" ${_environment})
    if(_cannot)
      stackprobe_record_write(FILE "${_record}" NAME "${STEP}" STATUS skip LOG ""
        REASON "its tests cannot run: ${_cannot}" CWD "${_cwd}" COMMAND_JSON "${_words}")
      message("stackprobe: ${TOOLCHAIN} ${STEP} ... skipped: its tests cannot run: ${_cannot}")
      return()
    endif()
  endif()
endif()

if(DEFINED ENV{STACKPROBE_SUITE_FAIL} AND KIND STREQUAL "automake")
  # The test hook: the runner of every test becomes a script that fails the named one.
  set(_hook "${STATE_DIR}/suite-fail-hook.sh")
  file(WRITE "${_hook}" "# stackprobe's test hook (run_suite.cmake): the test named by STACKPROBE_SUITE_FAIL fails.\n"
    "case \"$*\" in *\"$STACKPROBE_SUITE_FAIL\"*) echo \"stackprobe: $STACKPROBE_SUITE_FAIL fails on purpose (test hook)\"; exit 1 ;; esac\n"
    "exec \"$@\"\n")
  set(_runner "")
  set(_hooked "")
  foreach(_word IN LISTS _command)
    if(_word MATCHES "^LOG_COMPILER=(.*)$")
      set(_runner "${CMAKE_MATCH_1}")
    else()
      list(APPEND _hooked "${_word}")
    endif()
  endforeach()
  set(_command ${_hooked} "LOG_COMPILER=sh ${_hook} ${_runner}")
endif()

# Adds an automake summary in text ("# TOTAL: n" ... lines, "FAIL: <test>" lines) to _total,
# _passed, _skipped, _failed and _failed_tests of the caller, read line by line (a list would
# split lines at ";"). with_total: count TOTAL; with_failed: count the failures and name them
# (else only what passed or was skipped). XFAIL counts as passed (expected to fail), XPASS and
# ERROR as failed.
function(_suite_add_summary text with_total with_failed)
  stackprobe_text_lines(_line "${text}")
  foreach(_i RANGE ${_line_count})
    if(_i EQUAL _line_count)
      break()
    endif()
    set(_l "${_line_${_i}}")
    if(_l MATCHES "^# (TOTAL|PASS|SKIP|XFAIL|FAIL|XPASS|ERROR): +([0-9]+)$")
      # Kept apart: every MATCHES, failed ones too, resets CMAKE_MATCH_<n>.
      set(_kind ${CMAKE_MATCH_1})
      set(_n ${CMAKE_MATCH_2})
      if(_kind STREQUAL "TOTAL")
        if(with_total)
          math(EXPR _total "${_total} + ${_n}")
        endif()
      elseif(_kind MATCHES "^(PASS|XFAIL)$")
        math(EXPR _passed "${_passed} + ${_n}")
      elseif(_kind STREQUAL "SKIP")
        math(EXPR _skipped "${_skipped} + ${_n}")
      elseif(with_failed)
        math(EXPR _failed "${_failed} + ${_n}")
      endif()
    elseif(with_failed AND _l MATCHES "^(FAIL|XPASS|ERROR): (.+)$")
      stackprobe_json_append_string(_failed_tests "${CMAKE_MATCH_2}")
    endif()
  endforeach()
  foreach(_field _total _passed _skipped _failed _failed_tests)
    set(${_field} "${${_field}}" PARENT_SCOPE)
  endforeach()
endfunction()

# Counts a test skipped with its reason: in the caller's _skipped and _skipped_tests
# ({name, reason}, which the report groups by reason) and in the log.
function(_suite_count_skip name reason)
  math(EXPR _skipped "${_skipped} + 1")
  set(_skip "{}")
  stackprobe_json_set_string(_skip name "${name}")
  stackprobe_json_set_string(_skip reason "${reason}")
  stackprobe_json_append(_skipped_tests "${_skip}")
  file(APPEND "${_log}" "SKIP: ${name} (${reason})\n")
  set(_skipped "${_skipped}" PARENT_SCOPE)
  set(_skipped_tests "${_skipped_tests}" PARENT_SCOPE)
endfunction()

# Sets out_var to the name a test program is counted under: its file name, and with a variable
# set for the run its value too, as libssh2's CTest names them (test_read-aes128-ctr).
function(_suite_test_name out_var test variable)
  get_filename_component(_name "${test}" NAME)
  if(variable MATCHES "=(.+)$")
    set(_name "${_name}-${CMAKE_MATCH_1}")
  endif()
  set(${out_var} "${_name}" PARENT_SCOPE)
endfunction()

# Sets out_scripts to {script: outcome} and out_order to the scripts in the order they ran, read
# from TAP::Harness's output: each script's last result line ("ok", "skipped: <why>", "1/6 ..."
# as it goes, or another result), then "failed" for each script the summary report names.
function(_suite_tap_outcomes text out_scripts out_order)
  stackprobe_text_lines(_line "${text}")
  set(_scripts "{}")
  set(_order "[]")
  set(_in_summary OFF)
  foreach(_i RANGE ${_line_count})
    if(_i EQUAL _line_count)
      break()
    endif()
    set(_l "${_line_${_i}}")
    if(_l MATCHES "^Test Summary Report")
      set(_in_summary ON)
    # Not anchored: a failed script's last comment has no line end, so the next script's result
    # follows it on the same line ("# Looks like you failed 2 tests of 6.05-test_rand.t .. ").
    elseif(_l MATCHES "([0-9][0-9]-[A-Za-z0-9_-]+)\\.t +(\\.+ |\\()(.*)$")
      set(_script "${CMAKE_MATCH_1}")
      set(_outcome "${CMAKE_MATCH_3}")
      if(_in_summary)
        set(_outcome "failed")
      endif()
      string(JSON _known ERROR_VARIABLE _new GET "${_scripts}" "${_script}")
      if(_new)
        stackprobe_json_append_string(_order "${_script}")
      endif()
      if(_new OR _in_summary OR NOT _outcome MATCHES "^[0-9]+/")
        stackprobe_json_set_string(_scripts "${_script}" "${_outcome}")
      endif()
    endif()
  endforeach()
  set(${out_scripts} "${_scripts}" PARENT_SCOPE)
  set(${out_order} "${_order}" PARENT_SCOPE)
endfunction()

# Starts the throwaway server for KIND sshd with the fixture's keys and settings (see the top),
# on the port of the first "<program>@<port>" word when it is free (libssh2's test_ssh2 connects
# to 4711 only). The suites of this build's toolchains take turns (a lock beside their state
# folders), so that the port is theirs one at a time. Sets SSHD_DIR, SSHD_PORT and
# _test_environment (the variables libssh2's tests read) in the caller.
function(_suite_start_sshd)
  set(_server "${FIXTURE}/openssh_server")
  set(_dir "${STATE_DIR}/suite-sshd")
  file(MAKE_DIRECTORY "${STATE_DIR}/suite-sshd-fixture")
  # Its certificates are issued to the principal libssh2, the user of upstream's Docker image.
  set(_principals "${STATE_DIR}/suite-sshd-fixture/principals")
  file(WRITE "${_principals}" "libssh2\n")
  file(CHMOD "${_principals}" PERMISSIONS OWNER_READ OWNER_WRITE)
  file(READ "${_server}/sshd_config" _settings)
  set(_extra "${STATE_DIR}/suite-sshd-fixture/sshd_config")
  file(WRITE "${_extra}" "${_settings}\nTrustedUserCAKeys ${_server}/ca_user_keys.pub\n"
    "AuthorizedPrincipalsFile ${_principals}\n")
  file(LOCK "${STATE_DIR}/../suite-sshd.lock" GUARD PROCESS TIMEOUT 1800 RESULT_VARIABLE _locked)
  if(NOT _locked EQUAL 0)
    file(APPEND "${_log}" "stackprobe: another toolchain's suite kept the server's lock for 30 minutes (${_locked}); going on without it\n")
  endif()
  set(_port "")
  foreach(_word IN LISTS _command)
    if(_port STREQUAL "" AND _word MATCHES "^[^,@]+@([0-9]+)$")
      set(_port "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  execute_process(COMMAND "${CMAKE_COMMAND}" -DACTION=start "-DDIR=${_dir}" "-DPORT=${_port}"
      "-DHOST_KEYS=${_server}/ssh_host_rsa_key;${_server}/ssh_host_ecdsa_key;${_server}/ssh_host_ed25519_key"
      "-DAUTHORIZED_KEYS=${_server}/authorized_keys" "-DEXTRA_CONFIG=${_extra}"
      -P "${CMAKE_CURRENT_LIST_DIR}/../../bench/sshd.cmake"
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _output ERROR_VARIABLE _output)
  file(APPEND "${_log}" "${_output}")
  if(NOT _rc EQUAL 0 OR NOT EXISTS "${_dir}/server.cmake")
    set(_reason "the throwaway sshd did not start: ${_output}")
    stackprobe_record_write(FILE "${_record}" NAME "${STEP}" STATUS fail LOG "${_log_path}" RESULT "${_rc}"
      REASON "${_reason}" CWD "${_cwd}" COMMAND_JSON "${_words}")
    message("stackprobe: ${TOOLCHAIN} ${STEP} ... FAILED: ${_reason}\n  log: ${_log}")
    message(FATAL_ERROR "${TOOLCHAIN} ${STEP} failed")
  endif()
  include("${_dir}/server.cmake")
  set(SSHD_DIR "${_dir}" PARENT_SCOPE)
  set(SSHD_PORT "${SSHD_PORT}" PARENT_SCOPE)
  # OPENSSH_NO_DOCKER: the tests connect to OPENSSH_SERVER_HOST:PORT instead of starting Docker,
  # and log in as USER (USERNAME under Windows) instead of Docker's user libssh2.
  # test_read reads 140 MB, 1 s natively; under Wine that is 16 s a run, 19 runs. A tenth
  # (2 s a run) still crosses its buffers' boundaries thousands of times (997-byte blocks).
  set(_transfer "")
  if(EMULATOR)
    set(_transfer FIXTURE_XFER_COUNT=14008)
  endif()
  set(_test_environment ${_transfer} OPENSSH_NO_DOCKER=1 "OPENSSH_SERVER_HOST=${SSHD_HOST}" "OPENSSH_SERVER_PORT=${SSHD_PORT}"
    "USER=${SSHD_USER}" "USERNAME=${SSHD_USER}" "LOGNAME=${SSHD_USER}"
    "srcdir=${_program_paths}${FIXTURE}" "PRIVKEY=${_program_paths}${FIXTURE}/key_rsa"
    "PUBKEY=${_program_paths}${FIXTURE}/key_rsa.pub" PARENT_SCOPE)
endfunction()

function(_suite_stop_sshd)
  execute_process(COMMAND "${CMAKE_COMMAND}" -DACTION=stop "-DDIR=${SSHD_DIR}"
    -P "${CMAKE_CURRENT_LIST_DIR}/../../bench/sshd.cmake" RESULT_VARIABLE _ignored)
  file(LOCK "${STATE_DIR}/../suite-sshd.lock" RELEASE RESULT_VARIABLE _ignored)
endfunction()

string(TIMESTAMP _started "%s")
string(TIMESTAMP _started_iso "%Y-%m-%dT%H:%M:%SZ" UTC)
set(_rechecked "[]")
set(_passed 0)
set(_failed 0)
set(_skipped 0)
set(_total 0)
set(_failed_tests "[]")
set(_skipped_tests "[]")
if(KIND STREQUAL "automake")
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env ${_environment} -- ${_command}
    RESULT_VARIABLE _result OUTPUT_FILE "${_log}" ERROR_FILE "${_log}")
  # The folders make ran tests in: each keeps its summary in its test-suite.log.
  file(READ "${_log}" _text)
  stackprobe_text_lines(_line "${_text}")
  set(_folder_count 0)
  foreach(_i RANGE ${_line_count})
    if(_i EQUAL _line_count)
      break()
    endif()
    if(_line_${_i} MATCHES "^g?make(\\[[0-9]+\\])?: Entering directory ['`](.*)'$")
      set(_folder "${CMAKE_MATCH_2}")
      set(_known OFF)
      foreach(_f RANGE ${_folder_count})
        if(_f LESS _folder_count AND _folder_${_f} STREQUAL _folder)
          set(_known ON)
        endif()
      endforeach()
      if(NOT _known AND EXISTS "${_folder}/test-suite.log")
        set(_folder_${_folder_count} "${_folder}")
        math(EXPR _folder_count "${_folder_count} + 1")
      endif()
    endif()
  endforeach()
  # Under an emulator a test now and then fails to start at all (Wine: exit status 127 once in
  # some hundred runs, seen here): the folders with a failure run their failed tests once more
  # (automake's recheck), and their summaries then count the second run.
  if(EMULATOR)
    set(_make_words "")
    list(GET _command 0 _make)
    foreach(_word IN LISTS _command)
      if(_word MATCHES "^[A-Za-z_][A-Za-z0-9_]*=")
        list(APPEND _make_words "${_word}")
      endif()
    endforeach()
    foreach(_f RANGE ${_folder_count})
      if(_f EQUAL _folder_count)
        break()
      endif()
      file(READ "${_folder_${_f}}/test-suite.log" _first_run_${_f})
      if(_first_run_${_f} MATCHES "# (FAIL|ERROR): +[1-9]")
        set(_rechecked_${_f} ON)
        file(APPEND "${_log}" "\nstackprobe: running the failed tests of ${_folder_${_f}} once more (recheck)\n")
        execute_process(COMMAND "${CMAKE_COMMAND}" -E env ${_environment} -- "${_make}" -C "${_folder_${_f}}" recheck ${_make_words}
          RESULT_VARIABLE _recheck_rc OUTPUT_VARIABLE _recheck_output ERROR_VARIABLE _recheck_output)
        file(APPEND "${_log}" "${_recheck_output}")
        # The tests that failed the first time, named as the summary names them (FAIL: <test>).
        stackprobe_text_lines(_first_line "${_first_run_${_f}}")
        foreach(_i RANGE ${_first_line_count})
          if(_i EQUAL _first_line_count)
            break()
          endif()
          if(_first_line_${_i} MATCHES "^(FAIL|XPASS|ERROR): (.+)$")
            stackprobe_json_append_string(_rechecked "${CMAKE_MATCH_2}")
          endif()
        endforeach()
      endif()
    endforeach()
  endif()
  # The counts: each folder's summary (from its test-suite.log, or from the output where make
  # named no folder). A rechecked folder's summary covers only the tests run again: its first
  # run gives the total and what passed or was skipped then, the recheck the rest.
  if(_folder_count EQUAL 0)
    _suite_add_summary("${_text}" ON ON)
  else()
    foreach(_f RANGE ${_folder_count})
      if(_f EQUAL _folder_count)
        break()
      endif()
      file(READ "${_folder_${_f}}/test-suite.log" _suite_log)
      if(_rechecked_${_f})
        _suite_add_summary("${_first_run_${_f}}" ON OFF)
        _suite_add_summary("${_suite_log}" OFF ON)
      else()
        _suite_add_summary("${_suite_log}" ON ON)
      endif()
    endforeach()
  endif()
  # make's own status counts only where the tests themselves did not all pass in the end: a
  # recheck that passed leaves the first run's non-zero exit behind.
  if(_failed EQUAL 0 AND NOT _rechecked STREQUAL "[]")
    set(_result 0)
  endif()
elseif(KIND STREQUAL "tap")
  # The commands separated by "--then", in order, each appending to the log; the first that fails
  # ends the run (the test programs' build, then the harness).
  file(WRITE "${_log}" "")
  set(_part "")
  set(_result 0)
  # The last command (the harness) and whether it ran: the commands before it all succeeded.
  set(_harness "")
  set(_harness_ran OFF)
  set(_parts_left 0)
  set(_in_part OFF)
  foreach(_word IN LISTS _command ITEMS "--then")
    if(_word STREQUAL "--then" AND _in_part)
      math(EXPR _parts_left "${_parts_left} + 1")
      set(_in_part OFF)
    elseif(NOT _word STREQUAL "--then" AND (_in_part OR NOT _word MATCHES "^skip:[^:]+:."))
      set(_in_part ON)
    endif()
  endforeach()
  foreach(_word IN LISTS _command ITEMS "--then")
    if(_part STREQUAL "" AND _word MATCHES "^skip:([^:]+):(.+)$")
      # A test script left out of the run on purpose: a skip with its reason.
      _suite_count_skip("${CMAKE_MATCH_1}" "${CMAKE_MATCH_2}")
      math(EXPR _total "${_total} + 1")
      continue()
    endif()
    if(NOT _word STREQUAL "--then")
      list(APPEND _part "${_word}")
      continue()
    endif()
    if(_part STREQUAL "")
      continue()
    endif()
    file(APPEND "${_log}" "stackprobe: running ${_part}\n")
    if(EMULATOR)
      # The session may have ended while the test programs were built (60 s without a program).
      _suite_wine_session()
    endif()
    stackprobe_emulator_run(_part_output _result COMMAND "${CMAKE_COMMAND}" -E env ${_environment} -- ${_part})
    file(APPEND "${_log}" "${_part_output}")
    set(_harness "${_part}")
    set(_part "")
    math(EXPR _parts_left "${_parts_left} - 1")
    if(_parts_left EQUAL 0)
      set(_harness_ran ON)
    endif()
    if(NOT _result EQUAL 0)
      break()
    endif()
  endforeach()
  file(READ "${_log}" _text)
  _suite_tap_outcomes("${_text}" _scripts _order)
  # Under an emulator a program now and then fails to start at all (see the automake kind): the
  # scripts that failed run once more, alone, and their second run counts.
  set(_failed_names "")
  stackprobe_json_indices(_ran "${_order}")
  foreach(_k IN LISTS _ran)
    string(JSON _script GET "${_order}" ${_k})
    string(JSON _outcome GET "${_scripts}" "${_script}")
    if(NOT _outcome MATCHES "^(ok *|skipped.*)$")
      string(REGEX REPLACE "^[0-9][0-9]-" "" _name "${_script}")
      stackprobe_text_join(_failed_names " " "${_name}")
    endif()
  endforeach()
  # Only after a run the harness finished ("Result: ..."): a harness stopped halfway never ran
  # the scripts after the one that failed, and a recheck of that one would hide it.
  set(_harness_finished OFF)
  if(_text MATCHES "(^|\n)Result: [A-Z]+")
    set(_harness_finished ON)
  endif()
  if(EMULATOR AND NOT _failed_names STREQUAL "" AND _harness_ran AND _harness_finished)
    set(_again "")
    set(_named OFF)
    foreach(_word IN LISTS _harness)
      if(_word MATCHES "^TESTS=")
        set(_word "TESTS=${_failed_names}")
        set(_named ON)
      endif()
      list(APPEND _again "${_word}")
    endforeach()
    if(NOT _named)
      list(APPEND _again "TESTS=${_failed_names}")
    endif()
    file(APPEND "${_log}" "\nstackprobe: running the failed scripts once more (recheck): ${_failed_names}\n")
    stackprobe_emulator_run(_again_output _result COMMAND "${CMAKE_COMMAND}" -E env ${_environment} -- ${_again})
    file(APPEND "${_log}" "${_again_output}")
    _suite_tap_outcomes("${_again_output}" _again_scripts _again_order)
    stackprobe_json_indices(_again_ran "${_again_order}")
    foreach(_k IN LISTS _again_ran)
      string(JSON _script GET "${_again_order}" ${_k})
      string(JSON _outcome GET "${_again_scripts}" "${_script}")
      string(JSON _known ERROR_VARIABLE _new GET "${_scripts}" "${_script}")
      if(NOT _new)
        stackprobe_json_set_string(_scripts "${_script}" "${_outcome}")
        stackprobe_json_append_string(_rechecked "${_script}")
      endif()
    endforeach()
  endif()
  foreach(_k IN LISTS _ran)
    string(JSON _script GET "${_order}" ${_k})
    string(JSON _outcome GET "${_scripts}" "${_script}")
    math(EXPR _total "${_total} + 1")
    if(_outcome MATCHES "^ok *$")
      math(EXPR _passed "${_passed} + 1")
    elseif(_outcome MATCHES "^skipped:? *(.*)$")
      _suite_count_skip("${_script}" "${CMAKE_MATCH_1}")
    else()
      math(EXPR _failed "${_failed} + 1")
      stackprobe_json_append_string(_failed_tests "${_script}")
    endif()
  endforeach()
else()
  set(_result 0)
  set(_emulator_words "")
  if(EMULATOR)
    set(_emulator_words "${EMULATOR}")
  endif()
  file(WRITE "${_log}" "")
  set(_test_environment "")
  set(SSHD_DIR "")
  foreach(_word IN LISTS _command)
    # The server starts with the first test to run: a suite of skips needs none.
    if(KIND STREQUAL "sshd" AND SSHD_DIR STREQUAL "" AND NOT _word MATCHES "^skip:")
      _suite_start_sshd()
    endif()
    math(EXPR _total "${_total} + 1")
    set(_test "${_word}")
    set(_variable "")
    if(KIND STREQUAL "sshd")
      if(_word MATCHES "^skip:([^:]+):(.+)$")
        set(_test "${CMAKE_MATCH_1}")
        set(_test_rc "skip: ${CMAKE_MATCH_2}")
      elseif(_word MATCHES "^([^,@]+)@([0-9]+)$")
        set(_test "${CMAKE_MATCH_1}")
        if(NOT CMAKE_MATCH_2 STREQUAL SSHD_PORT)
          set(_test_rc "skip: it connects only to port ${CMAKE_MATCH_2}, and the server listens on ${SSHD_PORT}: ${CMAKE_MATCH_2} was in use")
        endif()
      elseif(_word MATCHES "^([^,@]+),([A-Za-z_][A-Za-z0-9_]*=.+)$")
        set(_test "${CMAKE_MATCH_1}")
        set(_variable "${CMAKE_MATCH_2}")
      endif()
    endif()
    if(DEFINED _test_rc)
      # Decided without running it (a skip).
    elseif(_test MATCHES "^roundtrip:(.+)$")
      # A sample with text and every byte value, compressed and expanded by the program.
      get_filename_component(_program "${CMAKE_MATCH_1}${EXECUTABLE_SUFFIX}" ABSOLUTE BASE_DIR "${_cwd}")
      set(_sample "${STATE_DIR}/suite-sample.txt")
      string(REPEAT "stackprobe round trip: the quick brown fox jumps over the lazy dog 0123456789\n" 2000 _sample_text)
      file(WRITE "${_sample}" "${_sample_text}")
      set(_bytes "")
      foreach(_byte RANGE 1 255)
        string(ASCII ${_byte} _char)
        string(APPEND _bytes "${_char}")
      endforeach()
      file(APPEND "${_sample}" "${_bytes}${_bytes}")
      set(_test_rc 1)
      if(EXISTS "${_program}")
        stackprobe_emulator_run(_error _test_rc INPUT_FILE "${_sample}" OUTPUT_FILE "${_sample}.gz"
          COMMAND "${CMAKE_COMMAND}" -E env ${_environment} -- ${_emulator_words} "${_program}")
        if(_test_rc EQUAL 0)
          stackprobe_emulator_run(_error _test_rc INPUT_FILE "${_sample}.gz" OUTPUT_FILE "${_sample}.out"
            COMMAND "${CMAKE_COMMAND}" -E env ${_environment} -- ${_emulator_words} "${_program}" -d)
        endif()
        if(_test_rc EQUAL 0)
          file(SHA256 "${_sample}" _before)
          file(SHA256 "${_sample}.out" _after)
          file(SIZE "${_sample}" _size)
          file(SIZE "${_sample}.gz" _compressed)
          if(NOT _before STREQUAL _after)
            set(_test_rc "expanded data differs from the sample")
          elseif(NOT _compressed LESS _size)
            set(_test_rc "compressed ${_size} bytes into ${_compressed}")
          endif()
        endif()
        file(APPEND "${_log}" "${_test}: ${_emulator_words} ${_program} < sample (${_size} bytes) | ${_program} -d: ${_test_rc}\n${_error}")
      else()
        set(_test_rc "not built")
      endif()
    else()
      get_filename_component(_program "${_test}${EXECUTABLE_SUFFIX}" ABSOLUTE BASE_DIR "${_cwd}")
      if(EXISTS "${_program}")
        # Under an emulator a failed test runs once more (see the automake kind), and counts so.
        set(_attempts 1)
        if(EMULATOR)
          set(_attempts 2)
        endif()
        foreach(_attempt RANGE 1 ${_attempts})
          if(_attempt EQUAL 2)
            if(_test_rc STREQUAL "0")
              break()
            endif()
            file(APPEND "${_log}" "stackprobe: running ${_test} once more (recheck)\n")
            _suite_test_name(_name "${_test}" "${_variable}")
            stackprobe_json_append_string(_rechecked "${_name}")
          endif()
          string(TIMESTAMP _test_started "%s")
          stackprobe_emulator_run(_output _test_rc TIMEOUT 600
            COMMAND "${CMAKE_COMMAND}" -E env ${_environment} ${_test_environment} ${_variable}
              -- ${_emulator_words} "${_program}")
          string(TIMESTAMP _test_finished "%s")
          math(EXPR _test_seconds "${_test_finished} - ${_test_started}")
          file(APPEND "${_log}" "${_test}: ${_variable} ${_emulator_words} ${_program} (${_test_seconds} s)\n${_output}")
        endforeach()
        if(KIND STREQUAL "sshd" AND _test_rc STREQUAL "0" AND _output MATCHES "Test skipped\\.")
          set(_test_rc "skip: the test says it was skipped")
        endif()
      else()
        set(_test_rc "not built")
      endif()
    endif()
    _suite_test_name(_test "${_test}" "${_variable}")
    if(_test_rc STREQUAL "not built")
      # The library's build leaves some tests out on some platforms (zlib's example64 needs off64_t).
      set(_test_rc "skip: not built here")
    endif()
    if(_test_rc MATCHES "^skip: (.+)$")
      _suite_count_skip("${_test}" "${CMAKE_MATCH_1}")
    elseif(_test_rc STREQUAL "0")
      math(EXPR _passed "${_passed} + 1")
      file(APPEND "${_log}" "PASS: ${_test}\n")
    else()
      math(EXPR _failed "${_failed} + 1")
      stackprobe_json_append_string(_failed_tests "${_test}")
      file(APPEND "${_log}" "FAIL: ${_test} (${_test_rc})\n")
      set(_result 1)
    endif()
    unset(_test_rc)
  endforeach()
  if(NOT SSHD_DIR STREQUAL "")
    _suite_stop_sshd()
  endif()
endif()
string(TIMESTAMP _finished "%s")
math(EXPR _seconds "${_finished} - ${_started}")

set(_counts "{}")
foreach(_field passed failed skipped total)
  string(JSON _counts SET "${_counts}" ${_field} ${_${_field}})
endforeach()
string(JSON _counts SET "${_counts}" failed_tests "${_failed_tests}")
string(JSON _counts SET "${_counts}" skipped_tests "${_skipped_tests}")
if(NOT _rechecked STREQUAL "[]")
  string(JSON _counts SET "${_counts}" rechecked "${_rechecked}")
endif()

set(_reason "")
if(_result STREQUAL "0" AND _failed EQUAL 0 AND _passed GREATER 0)
  set(_status pass)
elseif(_result STREQUAL "0" AND _failed EQUAL 0 AND _total GREATER 0 AND _skipped EQUAL _total
    AND NOT _skipped_tests STREQUAL "[]")
  # Every test skipped with a reason (the suite cannot run on this host): a skip, not a pass.
  set(_status skip)
  string(JSON _reason GET "${_skipped_tests}" 0 reason)
  set(_reason "its tests cannot run: ${_reason}")
else()
  set(_status fail)
  string(JSON _named LENGTH "${_failed_tests}")
  if(_named GREATER 0)
    set(_names "")
    math(EXPR _last "${_named} - 1")
    foreach(_n RANGE ${_last})
      string(JSON _name GET "${_failed_tests}" ${_n})
      stackprobe_text_join(_names ", " "${_name}")
    endforeach()
    set(_reason "${_failed} of ${_total} tests failed: ${_names}")
  elseif(_passed EQUAL 0)
    set(_reason "no test ran (exit ${_result}): the suite did not build or was not found")
  else()
    set(_reason "the suite exited ${_result}")
  endif()
endif()
stackprobe_record_write(FILE "${_record}" NAME "${STEP}" STATUS ${_status} SECONDS ${_seconds}
  STARTED_EPOCH ${_started} STARTED ${_started_iso} LOG "${_log_path}" CWD "${_cwd}" RESULT "${_result}"
  COMMAND_JSON "${_words}" COUNTS_JSON "${_counts}" REASON "${_reason}")
if(_status STREQUAL "pass")
  message("stackprobe: ${TOOLCHAIN} ${STEP} ... ${_seconds}s ok: ${_passed} of ${_total} passed, ${_skipped} skipped")
elseif(_status STREQUAL "skip")
  message("stackprobe: ${TOOLCHAIN} ${STEP} ... skipped: ${_reason}")
else()
  # The log's lines that say what failed, so that a build's output (a CI job's) shows why.
  file(READ "${_log}" _text)
  stackprobe_text_lines(_line "${_text}")
  set(_excerpt "")
  set(_shown 0)
  foreach(_i RANGE ${_line_count})
    if(_i EQUAL _line_count OR _shown EQUAL 20)
      break()
    endif()
    # Not automake's summary lines ("# FAIL:  0"): a suite of many folders has three a folder.
    if(_line_${_i} MATCHES "^(FAIL|ERROR|XPASS): |not ok|[Ee]rror:|Failed|Dubious|^# ERROR: +[^0-9 ]")
      string(SUBSTRING "${_line_${_i}}" 0 300 _shown_line)
      string(APPEND _excerpt "  | ${_shown_line}\n")
      math(EXPR _shown "${_shown} + 1")
    endif()
  endforeach()
  message("stackprobe: ${TOOLCHAIN} ${STEP} ... ${_seconds}s FAILED: ${_reason}\n${_excerpt}  log: ${_log}")
  message(FATAL_ERROR "${TOOLCHAIN} ${STEP} failed")
endif()
