#!/bin/sh
# A stand-in for a tool this machine does not have (cl, lib, nmake, perl, MSYS2's bash ...):
# cmake/scripts/plan.cmake copies this file under the tool's name. It appends "<tool>
# <arguments>" (for bash, also the MSYS2 environment it was given) to $STACKPROBE_STAND_IN_LOG
# and acts as little as the plan and its tests need. It never builds anything: it lets a Linux
# machine configure, show and check the steps of the Windows toolchains (msvc, clang-cl,
# msys2-mingw64).
# Shell built-ins only where it can: a test may give it a PATH of stand-ins alone.
tool=${0##*/}
log=${STACKPROBE_STAND_IN_LOG:-/dev/null}
case "$tool" in
  bash) echo "bash MSYSTEM=${MSYSTEM:-} CHERE_INVOKING=${CHERE_INVOKING:-} $*" >> "$log" ;;
  *) echo "$tool $*" >> "$log" ;;
esac
case "$tool" in
  perl)
    # OpenSSL's recipe asks which Perl this is: a native Windows one says MSWin32.
    case "$*" in *'print $^O'*) printf MSWin32 ;; esac ;;
  lib)
    # lib /def:<file> /out:<file>: the import library is written.
    for argument in "$@"; do
      case "$argument" in /out:*) out=${argument#/out:}; mkdir -p "${out%/*}" && : > "$out" ;; esac
    done ;;
  vswhere)
    echo "C:/Program Files/Microsoft Visual Studio/2022/BuildTools" ;;
esac
exit 0
