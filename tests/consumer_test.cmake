# consumer.<toolchain>.versions: a separate project finds the installed prefix with find_package
# and pkg-config, builds against it and runs (through the toolchain's emulator when cross), and
# pkg-config reports the locked versions too.
#   cmake -DSOURCE_ROOT=... -DBINARY_DIR=<top build> -DTOOLCHAIN=... -DWORK_DIR=... [-DEMULATOR=wine]
#         -P consumer_test.cmake
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/TestHelpers.cmake")
include("${SOURCE_ROOT}/cmake/StackprobeLock.cmake")

set(_prefix "${BINARY_DIR}/prefix/${TOOLCHAIN}")
set(_build "${WORK_DIR}/consumer-${TOOLCHAIN}")
stackprobe_lock_read(_lock "${SOURCE_ROOT}/stackprobe-lock.json")
set(_expected "")
foreach(_library zlib gmp openssl libssh2)
  stackprobe_lock_get(_version_${_library} "${_lock}" ${_library} version)
  string(TOUPPER "${_library}" _upper)
  list(APPEND _expected "-DEXPECTED_${_upper}=${_version_${_library}}")
endforeach()

# pkg-config must look only in the prefix, never at the system's copies.
set(ENV{PKG_CONFIG_LIBDIR} "${_prefix}/lib/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
foreach(_module zlib gmp openssl libssh2)
  run_captured(_pc pkg-config --modversion ${_module})
  string(STRIP "${_pc_output}" _seen)
  expect_equal("${_seen}" "${_version_${_module}}" "pkg-config --modversion ${_module}")
endforeach()
# curl, where this toolchain built it (STACKPROBE_CURL), installs libcurl.pc with the others.
if(EXISTS "${_prefix}/lib/pkgconfig/libcurl.pc")
  stackprobe_lock_get(_version_curl "${_lock}" curl version)
  run_captured(_pc pkg-config --modversion libcurl)
  string(STRIP "${_pc_output}" _seen)
  expect_equal("${_seen}" "${_version_curl}" "pkg-config --modversion libcurl")
endif()

file(REMOVE_RECURSE "${_build}")
run_captured(_configure "${CMAKE_COMMAND}" -S "${SOURCE_ROOT}/tests/consumer" -B "${_build}"
  "-DCMAKE_TOOLCHAIN_FILE=${SOURCE_ROOT}/toolchains/${TOOLCHAIN}.cmake"
  "-DCMAKE_PREFIX_PATH=${_prefix}" "-DCMAKE_FIND_ROOT_PATH=${_prefix}"
  "-DCMAKE_BUILD_RPATH=${_prefix}/lib" ${_expected})
expect_equal("${_configure_rc}" "0" "configuring the consumer against ${_prefix}:\n${_configure_output}")
run_captured(_build_step "${CMAKE_COMMAND}" --build "${_build}")
expect_equal("${_build_step_rc}" "0" "building the consumer:\n${_build_step_output}")
# ctest runs the program through CMAKE_CROSSCOMPILING_EMULATOR when the toolchain has one; under
# Wine the DLLs are found through WINEPATH.
if(EMULATOR MATCHES "wine")
  set(ENV{WINEPATH} "Z:${_prefix}/bin")
  set(ENV{WINEDEBUG} "-all")
  set(ENV{WINEPREFIX} "${BINARY_DIR}/stackprobe/wineprefix")
endif()
run_captured(_run ctest --test-dir "${_build}" --output-on-failure)
expect_equal("${_run_rc}" "0" "running the consumer:\n${_run_output}")
message("${_run_output}")
