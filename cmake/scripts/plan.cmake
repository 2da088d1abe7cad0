# The plan of every toolchain, built here or not: the exact commands, working folders and tools
# each step would run, written as plan-<toolchain>.json and plan-<toolchain>.md into OUT_DIR. A
# Windows user reads what will run before running it; CI compares the plans of real Windows
# runners with the ones checked here.
#
# A toolchain whose compiler this machine has is configured with its real tools. One it lacks
# (every Windows toolchain on Linux) is configured with stand-ins (toolchains/stand-ins): copies
# of one script, named cl, lib, nmake, perl, MSYS2's bash ..., that only record their arguments,
# and a compiler identity given to CMake instead of detected. Nothing is built either way.
#
#   cmake -DSOURCE_ROOT=... -DOUT_DIR=... -DPREFIX_ROOT=... -DPACKAGES_DIR=... -DLIBRARIES=a|b
#         [-DTOOLCHAINS=a|b (default: every known one)] [-DJOBS=2] [-DLIBRARY_BUILD_TYPE=Release]
#         [-DGENERATOR=Ninja] [-DCCACHE=...] [-DSTATE_ROOT=<build>/stackprobe]
#         [-DPROFILE=release|dojo] -P plan.cmake
#
# A toolchain the build has configured already (STATE_ROOT/<toolchain>/plan.json) is shown as
# that build planned it, with its own folders.

cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/../StackprobeJson.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/../StackprobeRender.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/../StackprobeToolchains.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/../StackprobeScriptArguments.cmake")

stackprobe_arguments_require(plan.cmake SOURCE_ROOT OUT_DIR PREFIX_ROOT PACKAGES_DIR LIBRARIES)
if(NOT JOBS)
  set(JOBS 2)
endif()
if(NOT LIBRARY_BUILD_TYPE)
  set(LIBRARY_BUILD_TYPE Release)
endif()
if(NOT GENERATOR)
  set(GENERATOR "Unix Makefiles")
endif()
if(NOT PROFILE)
  set(PROFILE release)
endif()

# CMAKE_HOST_SYSTEM_NAME is set by project(), not in a script.
cmake_host_system_information(RESULT _this_host QUERY OS_NAME)
include("${SOURCE_ROOT}/toolchains/toolchains.cmake")
get_property(_known GLOBAL PROPERTY STACKPROBE_KNOWN_TOOLCHAINS)
if(TOOLCHAINS)
  string(REPLACE "|" ";" _toolchains "${TOOLCHAINS}")
else()
  set(_toolchains ${_known})
endif()

# The compiler identity CMake is given for a stand-in compiler (it cannot detect one).
function(_plan_compiler_identity out_var compiler)
  if(compiler STREQUAL "cl")
    set(_identity -DCMAKE_C_COMPILER_ID=MSVC -DCMAKE_C_COMPILER_VERSION=19.40)
  elseif(compiler STREQUAL "clang-cl")
    set(_identity -DCMAKE_C_COMPILER_ID=Clang -DCMAKE_C_COMPILER_VERSION=18.1
      -DCMAKE_C_COMPILER_FRONTEND_VARIANT=MSVC -DCMAKE_C_SIMULATE_ID=MSVC)
  elseif(compiler MATCHES "clang")
    set(_identity -DCMAKE_C_COMPILER_ID=Clang -DCMAKE_C_COMPILER_VERSION=18.1)
  else()
    set(_identity -DCMAKE_C_COMPILER_ID=GNU -DCMAKE_C_COMPILER_VERSION=13.2)
  endif()
  set(${out_var} ${_identity} PARENT_SCOPE)
endfunction()

# Makes dir/<tool> a stand-in for each tool named.
function(_plan_stand_ins dir)
  file(MAKE_DIRECTORY "${dir}")
  foreach(_tool IN LISTS ARGN)
    file(COPY_FILE "${SOURCE_ROOT}/toolchains/stand-ins/stand-in.sh" "${dir}/${_tool}")
    file(CHMOD "${dir}/${_tool}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
      GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  endforeach()
endfunction()

# Writes OUT_DIR/plan-<name>.json and .md from the superbuild's plan.json, which origin (the
# tree's build, or a configure of the plan's own) wrote; adds a line to _summary.
function(_plan_write name plan_file tools origin)
  file(READ "${plan_file}" _plan)
  stackprobe_json_set_string(_plan tools "${tools}")
  file(WRITE "${OUT_DIR}/plan-${name}.json" "${_plan}\n")

  string(JSON _steps GET "${_plan}" steps)
  stackprobe_render_step_commands(_commands "${_steps}" ON)
  string(JSON _compiler_path GET "${_plan}" compiler)
  string(JSON _system GET "${_plan}" system)
  stackprobe_escape_markdown(_shown_compiler "${_compiler_path}")
  string(CONCAT _md "# Plan: the stack with ${name}\n\n"
    "What each step would run, in order, with its working folder. Compiler: ${_shown_compiler} "
    "(${_system}); planned by ${origin} with ${tools} tools.\n")
  if(tools STREQUAL "stand-in")
    string(APPEND _md "\nThis machine does not have ${name}: its tools were stand-ins that only "
      "recorded their arguments, so the paths of its compiler, lib, nmake, perl and MSYS2's bash are "
      "theirs. On a machine with ${name}, `cmake --build build --target plan` shows the real ones.\n")
  endif()
  string(JSON _notes GET "${_plan}" notes)
  stackprobe_json_indices(_note_indices "${_notes}")
  foreach(_n IN LISTS _note_indices)
    string(JSON _note GET "${_notes}" ${_n})
    stackprobe_escape_markdown(_note "${_note}")
    string(APPEND _md "\n- ${_note}")
  endforeach()
  string(APPEND _md "\n${_commands}")
  file(WRITE "${OUT_DIR}/plan-${name}.md" "${_md}")
  string(JSON _step_count LENGTH "${_steps}")
  set(_summary "${_summary}  ${name}: ${_step_count} steps, planned with ${tools} tools: ${OUT_DIR}/plan-${name}.md\n"
    PARENT_SCOPE)
endfunction()

string(REPLACE ";" "|" _libraries_arg "${LIBRARIES}")
file(MAKE_DIRECTORY "${OUT_DIR}")
set(_original_path "$ENV{PATH}")
set(_summary "")
foreach(_name IN LISTS _toolchains)
  if(NOT _name IN_LIST _known)
    message(FATAL_ERROR "plan.cmake: '${_name}' is not a toolchain of toolchains/toolchains.cmake")
  endif()
  stackprobe_toolchain_field(_host ${_name} HOST)
  stackprobe_toolchain_field(_compiler ${_name} COMPILER)
  set(_work "${OUT_DIR}/${_name}")
  file(REMOVE_RECURSE "${_work}")
  file(MAKE_DIRECTORY "${_work}")
  if(STATE_ROOT AND EXISTS "${STATE_ROOT}/${_name}/plan.json")
    file(COPY_FILE "${STATE_ROOT}/${_name}/plan.json" "${_work}/plan.json")
    _plan_write(${_name} "${_work}/plan.json" "this machine's" "this tree's build")
    continue()
  endif()

  unset(_found_compiler)
  if(_host STREQUAL _this_host)
    find_program(_found_compiler ${_compiler} NO_CACHE)
  endif()
  set(_extra "")
  set(_path "$ENV{PATH}")
  if(_found_compiler)
    set(_tools "this machine's")
  elseif(CMAKE_HOST_WIN32)
    # The stand-ins are shell scripts; a Windows machine plans only the toolchains it has.
    set(_summary "${_summary}  ${_name}: not planned: ${_compiler} not found\n")
    continue()
  else()
    set(_tools "stand-in")
    set(_stand_ins "${_work}/stand-ins")
    if(_host STREQUAL "Windows")
      # Everything a Windows toolchain's recipes look for, Perl and MSYS2's bash included (this
      # machine's would answer as Linux programs do).
      _plan_stand_ins("${_stand_ins}" ${_compiler} lib link nmake nasm perl bash make vswhere rc)
      list(APPEND _extra -DCMAKE_SYSTEM_NAME=Windows "-DSTACKPROBE_MSYS2_BASH=${_stand_ins}/bash")
    else()
      _plan_stand_ins("${_stand_ins}" ${_compiler})
    endif()
    _plan_compiler_identity(_identity ${_compiler})
    list(APPEND _extra -DCMAKE_C_COMPILER_FORCED=ON ${_identity})
    set(_path "${_stand_ins}:${_path}")
  endif()

  set(ENV{PATH} "${_path}")
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_ROOT}/cmake/superbuild" -B "${_work}/superbuild" -G "${GENERATOR}"
      "-DCMAKE_TOOLCHAIN_FILE=${SOURCE_ROOT}/toolchains/${_name}.cmake"
      "-DSTACKPROBE_TOOLCHAIN=${_name}"
      "-DSTACKPROBE_SOURCE_ROOT=${SOURCE_ROOT}"
      "-DSTACKPROBE_LOCK_FILE=${SOURCE_ROOT}/stackprobe-lock.json"
      "-DSTACKPROBE_PACKAGES_DIR=${PACKAGES_DIR}"
      "-DSTACKPROBE_PREFIX=${PREFIX_ROOT}/${_name}"
      "-DSTACKPROBE_STATE_DIR=${_work}/state"
      "-DSTACKPROBE_LIBRARIES=${_libraries_arg}"
      "-DSTACKPROBE_JOBS=${JOBS}"
      "-DSTACKPROBE_CCACHE=${CCACHE}"
      -DSTACKPROBE_DOWNLOAD=ON -DSTACKPROBE_APT_FALLBACK=ON
      "-DSTACKPROBE_LIBRARY_BUILD_TYPE=${LIBRARY_BUILD_TYPE}" "-DSTACKPROBE_PROFILE=${PROFILE}"
      -DSTACKPROBE_PROBES=ON -DSTACKPROBE_WERROR=OFF -DSTACKPROBE_SUITES=ON
      ${_extra}
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _output ERROR_VARIABLE _output)
  set(ENV{PATH} "${_original_path}")
  file(WRITE "${_work}/configure.log" "${_output}")
  if(NOT _rc EQUAL 0 OR NOT EXISTS "${_work}/state/plan.json")
    set(_summary "${_summary}  ${_name}: not planned: its configure failed (${_work}/configure.log)\n")
    continue()
  endif()

  _plan_write(${_name} "${_work}/state/plan.json" "${_tools}" "a configure of its own")
endforeach()
message("stackprobe plans (${OUT_DIR}):\n${_summary}")
