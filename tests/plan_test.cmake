# plan.*: the Windows toolchains' steps, checked on a machine without Windows.
#   CASE=windows_routes  the plans of msvc, clang-cl and msys2-mingw64, made with stand-in tools,
#                        equal the checked-in ones (tests/data/plans/<toolchain>.json) once this
#                        machine's folders are replaced by names
#   CASE=msvc_route_runs the MSVC route's GMP steps (its check too) and OpenSSL's, taken from its
#                        plan and run against the stand-ins with Windows paths (C:/...), give the
#                        arguments of tests/data/plans/msvc-route.log: MSYS2's /c/... paths, the
#                        configure options, lib /def: -> gmp.lib, OpenSSL's Configure target and
#                        nmake
#   CASE=windows_detection  toolchain detection on a Windows-like PATH of stand-ins
# After a deliberate change of a recipe, write the expected files anew and review their diff:
#   cmake -DSOURCE_ROOT=. -DWORK_DIR=/tmp/plan -DCASE=<case> -DUPDATE=ON -P tests/plan_test.cmake
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/TestHelpers.cmake")
include("${SOURCE_ROOT}/cmake/StackprobeJson.cmake")

set(_dir "${WORK_DIR}/plan-${CASE}")
file(REMOVE_RECURSE "${_dir}")
file(MAKE_DIRECTORY "${_dir}")
set(_expected_dir "${SOURCE_ROOT}/tests/data/plans")

# Plans the toolchains (|-separated) into _dir/plans with fixed inputs.
function(make_plans toolchains)
  run_captured(_plan "${CMAKE_COMMAND}" "-DSOURCE_ROOT=${SOURCE_ROOT}" "-DOUT_DIR=${_dir}/plans"
    "-DPREFIX_ROOT=${_dir}/prefix" "-DPACKAGES_DIR=${_dir}/packages" "-DLIBRARIES=zlib|gmp|openssl|libssh2"
    -DJOBS=2 -DLIBRARY_BUILD_TYPE=Release -DGENERATOR=Ninja "-DTOOLCHAINS=${toolchains}"
    -P "${SOURCE_ROOT}/cmake/scripts/plan.cmake")
  expect_equal("${_plan_rc}" "0" "plan.cmake:\n${_plan_output}")
endfunction()

# Sets out_var to text with this run's folders and programs replaced by names.
function(normalize out_var text)
  string(REPLACE "${_dir}/plans" "<plans>" text "${text}")
  string(REPLACE "${_dir}/prefix" "<prefixes>" text "${text}")
  string(REPLACE "${_dir}/packages" "<packages>" text "${text}")
  string(REPLACE "${SOURCE_ROOT}" "<source>" text "${text}")
  string(REPLACE "${CMAKE_COMMAND}" "cmake" text "${text}")
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

# Compares text with the expected file (or writes it with UPDATE).
function(expect_file_text text expected_file what)
  if(UPDATE)
    file(WRITE "${expected_file}" "${text}")
    message("written: ${expected_file}")
    return()
  endif()
  expect_exists("${expected_file}" "${what}, expected")
  file(READ "${expected_file}" _expected)
  if(NOT text STREQUAL _expected)
    file(WRITE "${_dir}/actual" "${text}")
    execute_process(COMMAND diff -u "${expected_file}" "${_dir}/actual" OUTPUT_VARIABLE _diff)
    message(FATAL_ERROR "FAILED: ${what} differs from ${expected_file}:\n${_diff}\n"
      "If the recipe changed on purpose, write it anew (tests/plan_test.cmake says how) and review the diff.")
  endif()
endfunction()

if(CASE STREQUAL "windows_routes")
  make_plans("msvc|clang-cl|msys2-mingw64")
  foreach(_toolchain msvc clang-cl msys2-mingw64)
    expect_exists("${_dir}/plans/plan-${_toolchain}.json" "the plan of ${_toolchain}")
    expect_exists("${_dir}/plans/plan-${_toolchain}.md" "the rendered plan of ${_toolchain}")
    file(READ "${_dir}/plans/plan-${_toolchain}.json" _plan)
    string(JSON _tools GET "${_plan}" tools)
    expect_equal("${_tools}" "stand-in" "the tools of ${_toolchain}'s plan")
    # Every library's four steps are there, in the order the libraries were given.
    set(_names "")
    stackprobe_json_indices(_steps "${_plan}" steps)
    foreach(_s IN LISTS _steps)
      string(JSON _name GET "${_plan}" steps ${_s} name)
      list(APPEND _names ${_name})
    endforeach()
    list(SUBLIST _names 0 4 _first)
    expect_equal("${_first}" "zlib.source;zlib.configure;zlib.build;zlib.install" "${_toolchain}'s first steps")
    normalize(_plan "${_plan}")
    expect_file_text("${_plan}" "${_expected_dir}/${_toolchain}.json" "the plan of ${_toolchain}")
  endforeach()
  file(READ "${_dir}/plans/plan-msvc.md" _md)
  expect_contains("${_md}" "stand-ins that only recorded their arguments" "the rendered plan's word on stand-ins")
elseif(CASE STREQUAL "msvc_route_runs")
  make_plans("msvc")
  file(READ "${_dir}/plans/plan-msvc.json" _plan)
  # The route's folders as a Windows machine has them. On Linux "C:/sp/..." is a relative path,
  # so everything lands below the run folder.
  set(_run "${_dir}/run")
  file(MAKE_DIRECTORY "${_run}/C:/sp/state/ep/src/openssl-build" "${_run}/C:/sp/state/ep/src/gmp-build/.libs")
  # What GMP's make install leaves for the import library.
  file(WRITE "${_run}/C:/sp/state/ep/src/gmp-build/.libs/libgmp-10.dll.def" "EXPORTS\n")
  set(_log "${_dir}/stand-ins.log")
  set(ENV{STACKPROBE_STAND_IN_LOG} "${_log}")
  set(_ran "")
  foreach(_step gmp.configure gmp.build gmp.install gmp.check openssl.configure openssl.build openssl.install)
    set(_command "")
    stackprobe_json_indices(_steps "${_plan}" steps)
    foreach(_s IN LISTS _steps)
      string(JSON _name GET "${_plan}" steps ${_s} name)
      if(_name STREQUAL _step)
        stackprobe_json_indices(_words "${_plan}" steps ${_s} command)
        foreach(_w IN LISTS _words)
          string(JSON _word GET "${_plan}" steps ${_s} command ${_w})
          string(REPLACE "${_dir}/plans/msvc/state" "C:/sp/state" _word "${_word}")
          string(REPLACE "${_dir}/prefix" "C:/sp/prefix" _word "${_word}")
          list(APPEND _command "${_word}")
        endforeach()
      endif()
    endforeach()
    if(_command STREQUAL "")
      message(FATAL_ERROR "FAILED: the msvc plan has no step ${_step}")
    endif()
    file(APPEND "${_log}" "# ${_step}\n")
    execute_process(COMMAND ${_command} WORKING_DIRECTORY "${_run}" RESULT_VARIABLE _rc
      OUTPUT_VARIABLE _output ERROR_VARIABLE _output)
    expect_equal("${_rc}" "0" "${_step} against the stand-ins:\n${_output}\n")
    list(APPEND _ran ${_step})
  endforeach()
  expect_exists("${_run}/C:/sp/prefix/msvc/lib/gmp.lib" "the import library lib.exe was asked for")
  # OpenSSL's target file, as Configure --config reads it: MSVC's own target, cl, no Unix tools.
  file(READ "${_dir}/plans/msvc/state/openssl-target.conf" _target)
  expect_contains("${_target}" "inherit_from => [ 'VC-WIN64A' ]" "OpenSSL's target file")
  expect_not_contains("${_target}" "RANLIB" "OpenSSL's target file for MSVC")
  expect_not_contains("${_target}" "rpath" "OpenSSL's target file for Windows")
  file(READ "${_log}" _calls)
  # GLOB gives the .def file's path as Windows would, but rooted in the run folder here.
  string(REPLACE "${_run}/" "" _calls "${_calls}")
  normalize(_calls "${_calls}")
  expect_file_text("${_calls}" "${_expected_dir}/msvc-route.log" "the stand-ins' arguments on the MSVC route")
  message("msvc_route_runs: ran ${_ran} against the stand-ins")
elseif(CASE STREQUAL "windows_detection")
  # Toolchain detection as a Windows machine runs it: a Developer Command Prompt's PATH (cl,
  # clang-cl) plus MSYS2's MinGW gcc, here stand-ins; then the same PATH without cl.
  include("${SOURCE_ROOT}/cmake/StackprobeToolchains.cmake")
  set(_stand_ins "${_dir}/bin")
  file(MAKE_DIRECTORY "${_stand_ins}")
  foreach(_tool cl clang-cl x86_64-w64-mingw32-gcc)
    file(COPY_FILE "${SOURCE_ROOT}/toolchains/stand-ins/stand-in.sh" "${_stand_ins}/${_tool}")
    file(CHMOD "${_stand_ins}/${_tool}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
  endforeach()
  set(PROJECT_SOURCE_DIR "${SOURCE_ROOT}")
  set(CMAKE_HOST_SYSTEM_NAME Windows)
  set(ENV{PATH} "${_stand_ins}")
  stackprobe_detect_toolchains(_present "${_dir}/toolchains.json" "")
  expect_equal("${_present}" "msvc;msys2-mingw64;clang-cl" "the toolchains found on a Windows PATH")
  file(READ "${_dir}/toolchains.json" _entries)
  string(JSON _gcc_reason GET "${_entries}" 0 reason)
  expect_equal("${_gcc_reason}" "runs on Linux only (this host is Windows)" "why linux-gcc is absent")

  file(REMOVE "${_stand_ins}/cl")
  unset(STACKPROBE_COMPILER_msvc)
  unset(STACKPROBE_COMPILER_msvc CACHE)
  stackprobe_detect_toolchains(_present "${_dir}/toolchains.json" "")
  expect_equal("${_present}" "msys2-mingw64;clang-cl" "the toolchains found without cl")
  file(READ "${_dir}/toolchains.json" _entries)
  stackprobe_json_indices(_indices "${_entries}")
  foreach(_i IN LISTS _indices)
    string(JSON _name GET "${_entries}" ${_i} name)
    if(_name STREQUAL "msvc")
      string(JSON _reason GET "${_entries}" ${_i} reason)
      string(JSON _fix GET "${_entries}" ${_i} fix)
      expect_equal("${_reason}" "cl not found on PATH" "why msvc is absent")
      expect_contains("${_fix}" "winget install Microsoft.VisualStudio.2022.BuildTools" "the fix for a missing cl")
    endif()
  endforeach()

  # Visual Studio installed, but this is no Developer Command Prompt: vswhere finds it, and the
  # fix is its vcvarsall.bat, not an installation.
  file(COPY_FILE "${SOURCE_ROOT}/toolchains/stand-ins/stand-in.sh" "${_stand_ins}/vswhere")
  file(CHMOD "${_stand_ins}/vswhere" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
  set(ENV{STACKPROBE_STAND_IN_LOG} "${_dir}/vswhere.log")
  stackprobe_detect_toolchains(_present "${_dir}/toolchains.json" "")
  file(READ "${_dir}/toolchains.json" _entries)
  foreach(_i IN LISTS _indices)
    string(JSON _name GET "${_entries}" ${_i} name)
    if(_name STREQUAL "msvc")
      string(JSON _fix GET "${_entries}" ${_i} fix)
      expect_contains("${_fix}" "run \"C:/Program Files/Microsoft Visual Studio/2022/BuildTools/VC/Auxiliary/Build/vcvarsall.bat\" x64"
        "the fix for a missing cl with Visual Studio installed")
    endif()
  endforeach()
  file(READ "${_dir}/vswhere.log" _vswhere)
  expect_contains("${_vswhere}" "vswhere -latest -products * -requires Microsoft.VisualStudio.Component.VC.Tools.x86.x64 -property installationPath"
    "how vswhere was asked")
else()
  message(FATAL_ERROR "plan_test.cmake: unknown CASE '${CASE}'")
endif()
