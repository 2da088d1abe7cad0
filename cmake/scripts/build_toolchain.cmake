# Builds the stack for one toolchain: configures cmake/superbuild with the toolchain file (once),
# then builds it, going on past a failed library so the independent ones still build.
# Exits 0 whatever the toolchain's outcome (a failed toolchain must not stop the next one; the
# report decides the exit status), unless another build holds this toolchain's lock.
#
#   cmake -DTOOLCHAIN=... -DSOURCE_ROOT=... -DBUILD_DIR=... -DSTATE_DIR=... -DPREFIX=...
#         -DPACKAGES_DIR=... -DLIBRARIES=a|b|c -DJOBS=2 -DGENERATOR=Ninja [-DCCACHE=...]
#         [-DCCACHE_BASEDIR=<top build folder>]
#         [-DDOWNLOAD=ON] [-DAPT_FALLBACK=ON] [-DLIBRARY_BUILD_TYPE=Release] [-DPROBES=ON]
#         [-DWERROR=OFF] [-DWINEPREFIX=<folder>] [-DSUITES=ON]
#         [-DTOOLCHAIN_FILE=<toolchain> -DPROFILE=release|dojo -DPREFLIGHT_DIR=<its state folder>]
#         -P build_toolchain.cmake
# TOOLCHAIN names the build (its records, its rows); TOOLCHAIN_FILE the toolchain it builds with,
# toolchains/<TOOLCHAIN_FILE>.cmake (default: TOOLCHAIN), in the profile PROFILE (default
# release); the preflight of that toolchain is in PREFLIGHT_DIR (default: STATE_DIR).

cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/../StackprobeJson.cmake")

string(REPLACE "|" ";" _libraries "${LIBRARIES}")
if(NOT TOOLCHAIN_FILE)
  set(TOOLCHAIN_FILE "${TOOLCHAIN}")
endif()
if(NOT PROFILE)
  set(PROFILE release)
endif()
if(NOT PREFLIGHT_DIR)
  set(PREFLIGHT_DIR "${STATE_DIR}")
endif()
file(MAKE_DIRECTORY "${STATE_DIR}/steps" "${STATE_DIR}/logs" "${STATE_DIR}/sources")

# One build of a toolchain at a time in a tree: two would extract into the same staging folders
# and write the same records. The second stops at once, saying why (the only non-zero exit).
file(LOCK "${STATE_DIR}/.build.lock" GUARD PROCESS TIMEOUT 0 RESULT_VARIABLE _lock)
if(NOT _lock EQUAL 0)
  message(FATAL_ERROR "stackprobe: another cmake --build is building ${TOOLCHAIN} in this tree "
    "(${STATE_DIR}/.build.lock is held). Wait for it to finish, or end it, then build again.")
endif()

# A toolchain that failed the preflight (it cannot compile, link or run a program) is not built:
# its libraries would fail minutes in with the same cause. The preflight runs again first, so
# that a toolchain fixed since the configure builds now.
include("${CMAKE_CURRENT_LIST_DIR}/../StackprobePreflight.cmake")
stackprobe_preflight_failed(_preflight_failed "${PREFLIGHT_DIR}")
if(_preflight_failed AND EXISTS "${PREFLIGHT_DIR}/preflight-command.json")
  stackprobe_preflight_run(_ignored "${PREFLIGHT_DIR}")
  stackprobe_preflight_failed(_preflight_failed "${PREFLIGHT_DIR}")
endif()
if(_preflight_failed)
  message("stackprobe: ${TOOLCHAIN} failed the preflight (${PREFLIGHT_DIR}/logs/preflight.*.log): its libraries are not built")
  file(WRITE "${STATE_DIR}/toolchain.status" "fail")
  return()
endif()

set(_configure_args
  -S "${SOURCE_ROOT}/cmake/superbuild" -B "${BUILD_DIR}" -G "${GENERATOR}"
  "-DCMAKE_TOOLCHAIN_FILE=${SOURCE_ROOT}/toolchains/${TOOLCHAIN_FILE}.cmake"
  "-DSTACKPROBE_TOOLCHAIN=${TOOLCHAIN}"
  "-DSTACKPROBE_PROFILE=${PROFILE}"
  "-DSTACKPROBE_SOURCE_ROOT=${SOURCE_ROOT}"
  "-DSTACKPROBE_LOCK_FILE=${SOURCE_ROOT}/stackprobe-lock.json"
  "-DSTACKPROBE_PACKAGES_DIR=${PACKAGES_DIR}"
  "-DSTACKPROBE_PREFIX=${PREFIX}"
  "-DSTACKPROBE_STATE_DIR=${STATE_DIR}"
  "-DSTACKPROBE_LIBRARIES=${LIBRARIES}"
  "-DSTACKPROBE_JOBS=${JOBS}"
  "-DSTACKPROBE_CCACHE=${CCACHE}"
  "-DSTACKPROBE_DOWNLOAD=${DOWNLOAD}"
  "-DSTACKPROBE_APT_FALLBACK=${APT_FALLBACK}"
  "-DSTACKPROBE_LIBRARY_BUILD_TYPE=${LIBRARY_BUILD_TYPE}"
  "-DSTACKPROBE_PROBES=${PROBES}"
  "-DSTACKPROBE_WERROR=${WERROR}"
  "-DSTACKPROBE_WINEPREFIX=${WINEPREFIX}"
  "-DSTACKPROBE_SUITES=${SUITES}")

# Configure again only when the arguments changed or it never succeeded; the inner build re-runs
# its own configure when its CMakeLists or recipes change.
set(_args_file "${STATE_DIR}/configure-args.txt")
set(_previous "")
if(EXISTS "${_args_file}")
  file(READ "${_args_file}" _previous)
endif()
if(NOT EXISTS "${BUILD_DIR}/CMakeCache.txt" OR NOT _previous STREQUAL "${_configure_args}")
  file(REMOVE "${_args_file}")
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -DTOOLCHAIN=${TOOLCHAIN} -DSTEP=toolchain.configure "-DSTATE_DIR=${STATE_DIR}"
      -P "${CMAKE_CURRENT_LIST_DIR}/run_step.cmake" -- "${CMAKE_COMMAND}" ${_configure_args}
    RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    file(WRITE "${STATE_DIR}/toolchain.status" "fail")
    return()
  endif()
  file(WRITE "${_args_file}" "${_configure_args}")
endif()

# Another build tree (a second checkout, a fresh CI workspace) then hits the cache entries this
# one wrote: ccache rewrites the paths below the build tree as relative ones and leaves the
# working folder out of the hash (so a library's debug information may name the tree that
# filled the cache). Without this a new tree missed every GMP object, as libtool passes absolute
# include paths (linux-gcc, warm cache: gmp.build 1m29s instead of 48s, the whole stack 116 s
# instead of 80 s).
if(CCACHE AND CCACHE_BASEDIR)
  set(ENV{CCACHE_BASEDIR} "${CCACHE_BASEDIR}")
  set(ENV{CCACHE_NOHASHDIR} "1")
endif()
# Depend mode: on a miss ccache reads the headers from the compiler's own -MD output instead of
# running the preprocessor first; every library's build asks for that output. Starting a
# process is dear on some machines (a VM here: 9 ms), and a cold cache misses every compile
# (GMP, cold: 260 s of CPU instead of 276 s). A compile without -MD falls back to the usual mode.
if(CCACHE)
  set(ENV{CCACHE_DEPEND} "1")
endif()

# Keep going past a failed library so that the ones that do not depend on it still build.
if(GENERATOR MATCHES "Ninja")
  set(_keep_going -k 0)
else()
  set(_keep_going -k)
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" -- ${_keep_going} RESULT_VARIABLE _rc)
if(_rc EQUAL 0)
  file(WRITE "${STATE_DIR}/toolchain.status" "pass")
else()
  file(WRITE "${STATE_DIR}/toolchain.status" "fail")
endif()
