# The probes (probes/) of one toolchain: configured twice, against the shared and the static
# libraries of the prefix. Their build step builds and runs them (cmake/scripts/run_probes.cmake),
# re-running only the probes whose executables changed.

if(CMAKE_GENERATOR MATCHES "Ninja")
  set(_probes_keep_going "-k|0")
else()
  set(_probes_keep_going "-k")
endif()
get_property(_probes_skips GLOBAL PROPERTY STACKPROBE_PROBE_SKIPS)

foreach(_linkage shared static)
  # A recipe may rule a probe out ("<library>.<linkage>=<reason>"): it is not built, and its
  # step is recorded as skipped with the reason.
  set(_probes_built "")
  set(_probes_skipped "")
  foreach(_library IN LISTS STACKPROBE_LIBRARIES)
    set(_reason "")
    foreach(_skip IN LISTS _probes_skips)
      if(_skip MATCHES "^${_library}\\.${_linkage}=(.*)$")
        set(_reason "${CMAKE_MATCH_1}")
      endif()
    endforeach()
    if(_reason)
      list(APPEND _probes_skipped "${_library}=${_reason}")
    else()
      list(APPEND _probes_built ${_library})
    endif()
  endforeach()
  string(REPLACE ";" "|" _probes_libraries "${_probes_built}")
  string(REPLACE ";" "|" _probes_skipped "${_probes_skipped}")
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
      "-DSKIPPED=${_probes_skipped}"
      -P "${STACKPROBE_SOURCE_ROOT}/cmake/scripts/run_probes.cmake")
  # run_probes.cmake records these steps itself.
  set_property(GLOBAL APPEND PROPERTY STACKPROBE_STEPS probes-${_linkage}.build)
  foreach(_library IN LISTS STACKPROBE_LIBRARIES)
    set_property(GLOBAL APPEND PROPERTY STACKPROBE_STEPS probe.${_library}.${_linkage})
  endforeach()
endforeach()
