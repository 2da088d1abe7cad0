# stackprobe_library(): one ExternalProject per library and toolchain, every step run through
# cmake/scripts/run_step.cmake so it gets one log, a status record and its duration.
# Used by cmake/superbuild/CMakeLists.txt, which is configured once per toolchain.

include_guard(GLOBAL)
include(ExternalProject)
include("${CMAKE_CURRENT_LIST_DIR}/StackprobeJson.cmake")

# Sets out_var to the command prefix that runs one named step of a library through run_step.
function(stackprobe_step_command out_var library step)
  set(${out_var}
    "${CMAKE_COMMAND}" -DTOOLCHAIN=${STACKPROBE_TOOLCHAIN} -DSTEP=${library}.${step}
    "-DSTATE_DIR=${STACKPROBE_STATE_DIR}" -P "${STACKPROBE_SOURCE_ROOT}/cmake/scripts/run_step.cmake" --
    PARENT_SCOPE)
endfunction()

# Adds a step to this toolchain's plan (written to <state>/plan.json by the superbuild): its name,
# working folder and command words as ExternalProject will run them, its placeholders resolved.
# The plan is what a machine without the toolchain can still show and check (the plan target).
function(stackprobe_plan_step name step cwd)
  set(_source "${STACKPROBE_STATE_DIR}/ep/src/${name}")
  set(_binary "${STACKPROBE_STATE_DIR}/ep/src/${name}-build")
  set(_words "[]")
  set(_previous "")
  foreach(_word IN LISTS ARGN)
    # stackprobe's step runner (run_step.cmake ... --) is its own plumbing, not the step.
    if(_word STREQUAL "--" AND _previous MATCHES "/run_step\\.cmake$")
      set(_words "[]")
      continue()
    endif()
    set(_previous "${_word}")
    string(REPLACE "<SOURCE_DIR>" "${_source}" _word "${_word}")
    string(REPLACE "<BINARY_DIR>" "${_binary}" _word "${_word}")
    string(REPLACE "<INSTALL_DIR>" "${STACKPROBE_PREFIX}" _word "${_word}")
    stackprobe_json_append_string(_words "${_word}")
  endforeach()
  string(REPLACE "<SOURCE_DIR>" "${_source}" cwd "${cwd}")
  string(REPLACE "<BINARY_DIR>" "${_binary}" cwd "${cwd}")
  set(_step "{}")
  stackprobe_json_set_string(_step name "${name}.${step}")
  stackprobe_json_set_string(_step cwd "${cwd}")
  string(JSON _step SET "${_step}" command "${_words}")
  get_property(_plan GLOBAL PROPERTY STACKPROBE_PLAN)
  if("${_plan}" STREQUAL "")
    set(_plan "[]")
  endif()
  stackprobe_json_append(_plan "${_step}")
  set_property(GLOBAL PROPERTY STACKPROBE_PLAN "${_plan}")
endfunction()

# stackprobe_library(NAME [DEPENDS lib...]
#                    [CMAKE_ARGS arg...]                       CMake projects
#                    [CONFIGURE_COMMAND ...] [BUILD_COMMAND ...] [INSTALL_COMMAND ...]
#                    [SUITE <step> SUITE_KIND automake|tap|programs|sshd [SUITE_FIXTURE <dir>]
#                     SUITE_COMMAND ...])
# A library with CMAKE_ARGS and no CONFIGURE_COMMAND is a CMake project configured with the
# toolchain file; the others give their own commands (ExternalProject's <SOURCE_DIR>,
# <BINARY_DIR> and <INSTALL_DIR> placeholders work in them). DEPENDS names that are not built
# for this toolchain are ignored. SUITE: the library's own test suite, run after its install as
# the step <library>.<step> by cmake/scripts/run_suite.cmake when STACKPROBE_SUITES is on
# (SUITE_FIXTURE: the folder of the tests' server set-up, for KIND sshd).
function(stackprobe_library name)
  cmake_parse_arguments(PARSE_ARGV 1 _arg "" "SUITE;SUITE_KIND;SUITE_FIXTURE;FLAGS_FILE"
    "DEPENDS;CMAKE_ARGS;CONFIGURE_COMMAND;BUILD_COMMAND;INSTALL_COMMAND;SUITE_COMMAND;PROFILE_FLAGS;FLAGS_VARIABLES")

  set(_depends "")
  foreach(_dependency IN LISTS _arg_DEPENDS)
    if(_dependency IN_LIST STACKPROBE_LIBRARIES)
      list(APPEND _depends ${_dependency})
    endif()
  endforeach()

  if(NOT _arg_CONFIGURE_COMMAND)
    set(_launcher "")
    if(STACKPROBE_CCACHE)
      set(_launcher "-DCMAKE_C_COMPILER_LAUNCHER=${STACKPROBE_CCACHE}")
    endif()
    # The build type's flags, said outright in the dojo profile: no optimization, and the /MD
    # runtime of the other libraries under MSVC rather than Debug's /MDd: in the flags for a
    # project under policy CMP0091's old behaviour (libssh2, zlib), and as
    # CMAKE_MSVC_RUNTIME_LIBRARY for one under the new.
    string(TOUPPER "${STACKPROBE_LIBRARY_BUILD_TYPE}" _type)
    set(_arg_PROFILE_FLAGS "-DCMAKE_BUILD_TYPE=${STACKPROBE_LIBRARY_BUILD_TYPE}")
    if(STACKPROBE_PROFILE STREQUAL "dojo")
      if(MSVC)
        list(APPEND _arg_PROFILE_FLAGS "-DCMAKE_C_FLAGS_${_type}=/MD /Od /Zi" -DCMAKE_MSVC_RUNTIME_LIBRARY=MultiThreadedDLL)
      else()
        list(APPEND _arg_PROFILE_FLAGS "-DCMAKE_C_FLAGS_${_type}=-O0 -g")
      endif()
    endif()
    set(_arg_FLAGS_FILE "CMakeCache.txt")
    set(_arg_FLAGS_VARIABLES CMAKE_C_FLAGS CMAKE_C_FLAGS_${_type})
    set(_arg_CONFIGURE_COMMAND
      "${CMAKE_COMMAND}" -S <SOURCE_DIR> -B <BINARY_DIR> -G "${CMAKE_GENERATOR}"
      "-DCMAKE_TOOLCHAIN_FILE=${CMAKE_TOOLCHAIN_FILE}"
      ${_arg_PROFILE_FLAGS}
      -DCMAKE_INSTALL_PREFIX=<INSTALL_DIR>
      -DCMAKE_INSTALL_LIBDIR=lib
      -DCMAKE_PREFIX_PATH=<INSTALL_DIR>
      -DCMAKE_FIND_ROOT_PATH=<INSTALL_DIR>
      -DCMAKE_INSTALL_RPATH=<INSTALL_DIR>/lib
      ${_launcher}
      ${_arg_CMAKE_ARGS})
    set(_arg_BUILD_COMMAND "${CMAKE_COMMAND}" --build <BINARY_DIR> --parallel ${STACKPROBE_JOBS})
    set(_arg_INSTALL_COMMAND "${CMAKE_COMMAND}" --install <BINARY_DIR>)
  endif()

  # What this profile adds to the library's build, and where its compiler flags are read once it
  # is configured (FLAGS_FILE in its build folder, FLAGS_VARIABLES in it): the manifest and the
  # report say both.
  set(_flags "{}")
  stackprobe_json_string_array(_set_json _arg_PROFILE_FLAGS)
  string(JSON _flags SET "${_flags}" set "${_set_json}")
  if(_arg_FLAGS_FILE)
    stackprobe_json_set_string(_flags file "${STACKPROBE_STATE_DIR}/ep/src/${name}-build/${_arg_FLAGS_FILE}")
    stackprobe_json_string_array(_variables_json _arg_FLAGS_VARIABLES)
    string(JSON _flags SET "${_flags}" variables "${_variables_json}")
  endif()
  set_property(GLOBAL PROPERTY STACKPROBE_FLAGS_${name} "${_flags}")

  set(_version "")
  stackprobe_lock_get(_version "${STACKPROBE_LOCK_JSON}" ${name} version)
  stackprobe_lock_get(_upstream_sha "${STACKPROBE_LOCK_JSON}" ${name} upstream sha256)
  stackprobe_lock_get(_debian_sha "${STACKPROBE_LOCK_JSON}" ${name} debian sha256)
  # The patches too: another patch archive or series re-runs the source step.
  string(JSON _patches ERROR_VARIABLE _no_patches GET "${STACKPROBE_LOCK_JSON}" libraries ${name} patches)
  set(_patches_digest "none")
  if(NOT _no_patches)
    string(MD5 _patches_digest "${_patches}")
  endif()

  set(_source_command
      "${CMAKE_COMMAND}" -DLIBRARY=${name} "-DLOCK_FILE=${STACKPROBE_LOCK_FILE}"
      "-DPACKAGES_DIR=${STACKPROBE_PACKAGES_DIR}" -DSOURCE_DIR=<SOURCE_DIR>
      "-DRECORD=${STACKPROBE_STATE_DIR}/sources/${name}.json"
      -DALLOW_DOWNLOAD=${STACKPROBE_DOWNLOAD} -DALLOW_APT=${STACKPROBE_APT_FALLBACK}
      -DVERSION=${_version} -DUPSTREAM_SHA256=${_upstream_sha} -DDEBIAN_SHA256=${_debian_sha}
      -DPATCHES_DIGEST=${_patches_digest}
      -P "${STACKPROBE_SOURCE_ROOT}/cmake/scripts/source.cmake")
  stackprobe_plan_step(${name} source "${STACKPROBE_STATE_DIR}/ep/src" ${_source_command})
  stackprobe_plan_step(${name} configure <BINARY_DIR> ${_arg_CONFIGURE_COMMAND})
  stackprobe_plan_step(${name} build <BINARY_DIR> ${_arg_BUILD_COMMAND})
  stackprobe_plan_step(${name} install <BINARY_DIR> ${_arg_INSTALL_COMMAND})

  stackprobe_step_command(_source_step ${name} source)
  stackprobe_step_command(_configure_step ${name} configure)
  stackprobe_step_command(_build_step ${name} build)
  stackprobe_step_command(_install_step ${name} install)

  # The hashes are on the source command line so that a change of the lock re-runs the step.
  ExternalProject_Add(${name}
    PREFIX "${STACKPROBE_STATE_DIR}/ep"
    INSTALL_DIR "${STACKPROBE_PREFIX}"
    DEPENDS ${_depends}
    DOWNLOAD_COMMAND ${_source_step} ${_source_command}
    UPDATE_COMMAND ""
    PATCH_COMMAND ""
    CONFIGURE_COMMAND ${_configure_step} ${_arg_CONFIGURE_COMMAND}
    BUILD_COMMAND ${_build_step} ${_arg_BUILD_COMMAND}
    INSTALL_COMMAND ${_install_step} ${_arg_INSTALL_COMMAND})

  set_property(GLOBAL APPEND PROPERTY STACKPROBE_STEPS
    ${name}.source ${name}.configure ${name}.build ${name}.install)

  if(STACKPROBE_SUITES AND _arg_SUITE)
    set(_emulator "")
    set(_wineprefix "")
    if(CMAKE_CROSSCOMPILING_EMULATOR)
      set(_emulator "${CMAKE_CROSSCOMPILING_EMULATOR}")
      set(_wineprefix "${STACKPROBE_WINEPREFIX}")
    endif()
    set(_suite_command "${CMAKE_COMMAND}" -DTOOLCHAIN=${STACKPROBE_TOOLCHAIN} -DSTEP=${name}.${_arg_SUITE}
        "-DSTATE_DIR=${STACKPROBE_STATE_DIR}" -DKIND=${_arg_SUITE_KIND} "-DEMULATOR=${_emulator}"
        "-DPREFIX=${STACKPROBE_PREFIX}" "-DFIXTURE=${_arg_SUITE_FIXTURE}"
        "-DWINEPREFIX=${_wineprefix}" "-DEXECUTABLE_SUFFIX=${CMAKE_EXECUTABLE_SUFFIX}"
        -P "${STACKPROBE_SOURCE_ROOT}/cmake/scripts/run_suite.cmake" -- ${_arg_SUITE_COMMAND})
    # A target of its own, outside the library's: a failed suite is not stamped (the next build
    # runs it again, as any failed step), yet it keeps nothing else from building (the probes).
    ExternalProject_Add_Step(${name} ${_arg_SUITE}
      COMMAND ${_suite_command}
      DEPENDEES install
      EXCLUDE_FROM_MAIN TRUE
      WORKING_DIRECTORY <BINARY_DIR>
      COMMENT "stackprobe: ${name}'s own tests (${STACKPROBE_TOOLCHAIN})")
    ExternalProject_Add_StepTargets(${name} ${_arg_SUITE})
    add_dependencies(${name}-${_arg_SUITE} ${name})
    if(NOT TARGET suites)
      add_custom_target(suites ALL)
    endif()
    add_dependencies(suites ${name}-${_arg_SUITE})
    # A suite of test programs is run by run_suite.cmake itself; an automake suite is the command.
    if(_arg_SUITE_KIND MATCHES "^(programs|sshd)$")
      stackprobe_plan_step(${name} ${_arg_SUITE} <BINARY_DIR> ${_suite_command})
    else()
      stackprobe_plan_step(${name} ${_arg_SUITE} <BINARY_DIR> ${_arg_SUITE_COMMAND})
    endif()
    set_property(GLOBAL APPEND PROPERTY STACKPROBE_STEPS ${name}.${_arg_SUITE})
  endif()
endfunction()

# stackprobe_own_project(NAME SOURCE_DIR <dir> [CMAKE_ARGS ...] [BUILD_COMMAND ...])
# One of stackprobe's own CMake projects (the probes, the benchmark client), configured with the
# toolchain file against the prefix once every library is installed. Built in Debug: the original
# dojo asked for its own code without optimization (the libraries keep their own flags). The
# build step runs every time; it is cheap and its project knows what changed.
function(stackprobe_own_project name)
  cmake_parse_arguments(PARSE_ARGV 1 _arg "" "SOURCE_DIR" "CMAKE_ARGS;BUILD_COMMAND")
  stackprobe_step_command(_configure_step ${name} configure)
  if(NOT _arg_BUILD_COMMAND)
    stackprobe_step_command(_build_step ${name} build)
    set(_arg_BUILD_COMMAND ${_build_step} "${CMAKE_COMMAND}" --build <BINARY_DIR>)
    set_property(GLOBAL APPEND PROPERTY STACKPROBE_STEPS ${name}.configure ${name}.build)
  else()
    set_property(GLOBAL APPEND PROPERTY STACKPROBE_STEPS ${name}.configure)
  endif()
  set(_configure_command
      "${CMAKE_COMMAND}" -S <SOURCE_DIR> -B <BINARY_DIR> -G "${CMAKE_GENERATOR}"
      "-DCMAKE_TOOLCHAIN_FILE=${CMAKE_TOOLCHAIN_FILE}"
      -DCMAKE_BUILD_TYPE=Debug
      "-DSTACKPROBE_PREFIX=${STACKPROBE_PREFIX}"
      "-DSTACKPROBE_WERROR=${STACKPROBE_WERROR}"
      ${_arg_CMAKE_ARGS})
  string(REPLACE "<SOURCE_DIR>" "${_arg_SOURCE_DIR}" _planned_configure "${_configure_command}")
  stackprobe_plan_step(${name} configure <BINARY_DIR> ${_planned_configure})
  stackprobe_plan_step(${name} build <BINARY_DIR> ${_arg_BUILD_COMMAND})
  ExternalProject_Add(${name}
    PREFIX "${STACKPROBE_STATE_DIR}/ep"
    SOURCE_DIR "${_arg_SOURCE_DIR}"
    DEPENDS ${STACKPROBE_LIBRARIES}
    DOWNLOAD_COMMAND ""
    UPDATE_COMMAND ""
    PATCH_COMMAND ""
    CONFIGURE_COMMAND ${_configure_step} ${_configure_command}
    BUILD_COMMAND ${_arg_BUILD_COMMAND}
    BUILD_ALWAYS ON
    INSTALL_COMMAND ""
    TEST_COMMAND "")
endfunction()
