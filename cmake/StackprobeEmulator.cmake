# Whether the emulator (Wine) can run a toolchain's programs at all, checked once before they
# run: a 64-bit-only Wine cannot start 32-bit (i686) programs, and that is a fact of the machine
# to report with its fix, not a failure of the libraries.

include_guard(GLOBAL)
include("${CMAKE_CURRENT_LIST_DIR}/StackprobeJson.cmake")

# WINEDEBUG for the probes, in the superbuild and under CTest. Wine's loader errors stay on: a
# DLL not found is otherwise exit status 53 and not a word (the doctor names the line). "-all"
# first, so Debian's wrapper keeps its wine32 hint, true or not, out of the log.
set(STACKPROBE_PROBE_WINEDEBUG "-all,err+module")

# stackprobe_emulator_run(<output_var> <result_var> [TIMEOUT <s>] [INPUT_FILE <f>] [OUTPUT_FILE <f>]
#                         COMMAND <command>...)
# Runs command and sets output_var to what it wrote (stdout and stderr, or stderr alone with
# OUTPUT_FILE) and result_var to its exit status or error. Through a file, never a pipe: the
# processes Wine starts beside a program (wineserver, services.exe) inherit its output and keep
# a pipe open until they end, three seconds after the last program: every run read through a
# pipe took 3.3 s instead of 0.3 s (libssh2's tests under Wine).
function(stackprobe_emulator_run output_var result_var)
  cmake_parse_arguments(PARSE_ARGV 2 _arg "" "TIMEOUT;INPUT_FILE;OUTPUT_FILE" "COMMAND")
  stackprobe_temp_file(_capture ".out")
  set(_options "")
  if(_arg_TIMEOUT)
    list(APPEND _options TIMEOUT ${_arg_TIMEOUT})
  endif()
  if(_arg_INPUT_FILE)
    list(APPEND _options INPUT_FILE "${_arg_INPUT_FILE}")
  endif()
  if(_arg_OUTPUT_FILE)
    execute_process(COMMAND ${_arg_COMMAND} ${_options} RESULT_VARIABLE _rc
      OUTPUT_FILE "${_arg_OUTPUT_FILE}" ERROR_FILE "${_capture}")
  else()
    execute_process(COMMAND ${_arg_COMMAND} ${_options} RESULT_VARIABLE _rc
      OUTPUT_FILE "${_capture}" ERROR_FILE "${_capture}")
  endif()
  set(_output "")
  if(EXISTS "${_capture}")
    file(READ "${_capture}" _output)
    file(REMOVE "${_capture}")
  endif()
  set(${output_var} "${_output}" PARENT_SCOPE)
  set(${result_var} "${_rc}" PARENT_SCOPE)
endfunction()

# Sets out_reason to "" when `emulator program` starts (whatever its exit status), else to why
# not and what to do. Extra arguments are environment settings (NAME=value) for the run.
# Wine's error channel stays open for the check: Debian's wine64 given a 32-bit program in a
# fresh prefix prints only "load_wow64_ntdll failed to load ...syswow64\ntdll.dll" there and
# exits 0, so with WINEDEBUG=-all a probe that never ran looked like one that passed. Its
# "wine32 is missing" hint says nothing: the wrapper prints it before 64-bit programs too.
function(stackprobe_emulator_check out_reason emulator program)
  set(${out_reason} "" PARENT_SCOPE)
  if(NOT emulator)
    return()
  endif()
  stackprobe_emulator_run(_out _rc TIMEOUT 120
    COMMAND "${CMAKE_COMMAND}" -E env ${ARGN} WINEDEBUG=fixme-all -- "${emulator}" "${program}")
  if(_out MATCHES "Exec format error")
    # The 32-bit loader is there but the kernel has no 32-bit x86 support (no IA32 emulation).
    set(${out_reason}
      "this machine's kernel cannot run 32-bit x86 programs (Exec format error), so Wine cannot run what this toolchain builds; nothing to install here: run its programs on a machine whose kernel can (and uninstall wine32 here: Debian's wine then uses it for 64-bit programs too)"
      PARENT_SCOPE)
  elseif(_out MATCHES "load_wow64_ntdll failed to load|Bad EXE format|could not load kernel32|could not exec the wine loader|Application could not be started, or no application associated")
    set(${out_reason}
      "Wine here cannot run 32-bit Windows programs (wine32 is missing). Fix: dpkg --add-architecture i386 && apt-get update && apt-get install wine32 (where the kernel runs 32-bit x86 programs)"
      PARENT_SCOPE)
  elseif(_rc MATCHES "^[A-Za-z]")
    set(${out_reason} "${emulator} could not start ${program}: ${_rc}" PARENT_SCOPE)
  endif()
endfunction()
