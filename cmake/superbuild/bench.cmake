# The benchmark's client (bench/) of one toolchain, linked against its libssh2. Running the
# benchmark is the top-level `bench` target: it measures every toolchain's client in one run.
if("libssh2" IN_LIST STACKPROBE_LIBRARIES)
  stackprobe_own_project(bench-client SOURCE_DIR "${STACKPROBE_SOURCE_ROOT}/bench")
endif()
