# The probes (probes/) of one toolchain: configured twice, against the shared and the static
# libraries of the prefix, once all libraries are installed. The build step builds and runs them
# (cmake/scripts/run_probes.cmake), every time: it is cheap, and it re-runs only changed probes.

if(CMAKE_GENERATOR MATCHES "Ninja")
  set(_probes_keep_going "-k|0")
else()
  set(_probes_keep_going "-k")
endif()
string(REPLACE ";" "|" _probes_libraries "${STACKPROBE_LIBRARIES}")

foreach(_linkage shared static)
  stackprobe_step_command(_probes_configure_step probes-${_linkage} configure)
  ExternalProject_Add(probes-${_linkage}
    PREFIX "${STACKPROBE_STATE_DIR}/ep"
    SOURCE_DIR "${STACKPROBE_SOURCE_ROOT}/probes"
    DEPENDS ${STACKPROBE_LIBRARIES}
    DOWNLOAD_COMMAND ""
    UPDATE_COMMAND ""
    PATCH_COMMAND ""
    CONFIGURE_COMMAND ${_probes_configure_step}
      "${CMAKE_COMMAND}" -S <SOURCE_DIR> -B <BINARY_DIR> -G "${CMAKE_GENERATOR}"
      "-DCMAKE_TOOLCHAIN_FILE=${CMAKE_TOOLCHAIN_FILE}"
      -DCMAKE_BUILD_TYPE=Debug
      "-DSTACKPROBE_PREFIX=${STACKPROBE_PREFIX}"
      -DSTACKPROBE_PROBE_LINKAGE=${_linkage}
      "-DSTACKPROBE_PROBE_LIBRARIES=${_probes_libraries}"
      "-DSTACKPROBE_WERROR=${STACKPROBE_WERROR}"
    BUILD_COMMAND "${CMAKE_COMMAND}"
      -DTOOLCHAIN=${STACKPROBE_TOOLCHAIN}
      "-DSTATE_DIR=${STACKPROBE_STATE_DIR}"
      -DLINKAGE=${_linkage}
      -DBINARY_DIR=<BINARY_DIR>
      "-DLIBRARIES=${_probes_libraries}"
      "-DPREFIX=${STACKPROBE_PREFIX}"
      "-DSOURCE_ROOT=${STACKPROBE_SOURCE_ROOT}"
      "-DEMULATOR=${CMAKE_CROSSCOMPILING_EMULATOR}"
      "-DWINEPREFIX=${STACKPROBE_WINEPREFIX}"
      "-DEXECUTABLE_SUFFIX=${CMAKE_EXECUTABLE_SUFFIX}"
      "-DKEEP_GOING=${_probes_keep_going}"
      -P "${STACKPROBE_SOURCE_ROOT}/cmake/scripts/run_probes.cmake"
    BUILD_ALWAYS ON
    INSTALL_COMMAND ""
    TEST_COMMAND "")
  set_property(GLOBAL APPEND PROPERTY STACKPROBE_STEPS probes-${_linkage}.configure probes-${_linkage}.build)
  foreach(_library IN LISTS STACKPROBE_LIBRARIES)
    set_property(GLOBAL APPEND PROPERTY STACKPROBE_STEPS probe.${_library}.${_linkage})
  endforeach()
endforeach()
