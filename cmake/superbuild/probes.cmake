# The probes (probes/) of one toolchain: configured twice, against the shared and the static
# libraries of the prefix. Their build step builds and runs them (cmake/scripts/run_probes.cmake),
# re-running only the probes whose executables changed.

if(CMAKE_GENERATOR MATCHES "Ninja")
  set(_probes_keep_going "-k|0")
else()
  set(_probes_keep_going "-k")
endif()
string(REPLACE ";" "|" _probes_libraries "${STACKPROBE_LIBRARIES}")

foreach(_linkage shared static)
  stackprobe_own_project(probes-${_linkage}
    SOURCE_DIR "${STACKPROBE_SOURCE_ROOT}/probes"
    CMAKE_ARGS
      -DSTACKPROBE_PROBE_LINKAGE=${_linkage}
      "-DSTACKPROBE_PROBE_LIBRARIES=${_probes_libraries}"
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
      -P "${STACKPROBE_SOURCE_ROOT}/cmake/scripts/run_probes.cmake")
  # run_probes.cmake records these steps itself.
  set_property(GLOBAL APPEND PROPERTY STACKPROBE_STEPS probes-${_linkage}.build)
  foreach(_library IN LISTS STACKPROBE_LIBRARIES)
    set_property(GLOBAL APPEND PROPERTY STACKPROBE_STEPS probe.${_library}.${_linkage})
  endforeach()
endforeach()
