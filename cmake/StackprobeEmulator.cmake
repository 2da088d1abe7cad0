# Whether the emulator (Wine) can run a toolchain's programs at all, checked once before they
# run: a 64-bit-only Wine cannot start 32-bit (i686) programs, and that is a fact of the machine
# to report with its fix, not a failure of the libraries.

include_guard(GLOBAL)

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
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env ${ARGN} WINEDEBUG=fixme-all -- "${emulator}" "${program}"
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out TIMEOUT 120)
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
