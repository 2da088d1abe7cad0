# The source step of one library for one toolchain: find the locked tarball in the packages
# folder, else download it from upstream, else from Debian's source packages; verify its SHA-256;
# extract it; apply the fix-up a Debian repack needs and the security patches the lock names.
#
#   cmake -DLIBRARY=zlib -DLOCK_FILE=... -DPACKAGES_DIR=... -DSOURCE_DIR=... -DRECORD=<file>
#         [-DALLOW_DOWNLOAD=ON] [-DALLOW_APT=ON] -P source.cmake
#
# Written as a script rather than ExternalProject's URL/URL_HASH because a library has two valid
# tarballs (upstream and Debian's .orig, each with its own hash), a refused tarball must be moved
# aside, and the Debian fallback needs apt. RECORD receives which tarball was used.

cmake_minimum_required(VERSION 3.25)
get_filename_component(_top "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
include("${_top}/cmake/StackprobeTarballs.cmake")
include("${_top}/cmake/StackprobePatches.cmake")

foreach(_required LIBRARY LOCK_FILE PACKAGES_DIR SOURCE_DIR RECORD)
  if(NOT DEFINED ${_required})
    message(FATAL_ERROR "source.cmake: -D${_required}=... is required")
  endif()
endforeach()

stackprobe_lock_read(_lock "${LOCK_FILE}")
stackprobe_lock_get(_version "${_lock}" ${LIBRARY} version)
stackprobe_lock_get(_upstream_file "${_lock}" ${LIBRARY} upstream file)
stackprobe_lock_get(_debian_file "${_lock}" ${LIBRARY} debian file)
file(MAKE_DIRECTORY "${PACKAGES_DIR}")

# Toolchains may run at the same time; one of them fetches, the others wait and then find it.
file(LOCK "${PACKAGES_DIR}/.stackprobe-fetch.lock" GUARD PROCESS TIMEOUT 1800)

set(_tried "")
stackprobe_tarball_find(_tarball _variant _refused "${_lock}" ${LIBRARY} "${PACKAGES_DIR}")
string(APPEND _tried "${_refused}")
if(NOT _tarball)
  string(APPEND _tried "- packages folder ${PACKAGES_DIR}: neither ${_upstream_file} nor ${_debian_file} is there\n")
  if(ALLOW_DOWNLOAD)
    message("${LIBRARY}: not in ${PACKAGES_DIR}; downloading from upstream")
    stackprobe_tarball_download(_tarball _download_log "${_lock}" ${LIBRARY} "${PACKAGES_DIR}")
    message("${_download_log}")
    string(APPEND _tried "- upstream download:\n${_download_log}")
    set(_variant upstream)
  else()
    string(APPEND _tried "- upstream download: switched off (STACKPROBE_DOWNLOAD=OFF)\n")
  endif()
endif()
if(NOT _tarball)
  find_program(_apt_get apt-get)
  if(ALLOW_APT AND _apt_get)
    message("${LIBRARY}: trying Debian's source package (scripts/fetch-sources)")
    execute_process(COMMAND "${CMAKE_COMMAND}" -P "${_top}/scripts/fetch-sources.cmake" -- --dest "${PACKAGES_DIR}" ${LIBRARY}
      RESULT_VARIABLE _rc)
    stackprobe_tarball_find(_tarball _variant _refused "${_lock}" ${LIBRARY} "${PACKAGES_DIR}")
    if(NOT _tarball)
      string(APPEND _tried "- Debian source package via scripts/fetch-sources: failed (exit ${_rc}; its messages are above)\n")
    endif()
  elseif(NOT _apt_get)
    string(APPEND _tried "- Debian source package: apt-get is not on this machine\n")
  else()
    string(APPEND _tried "- Debian source package: switched off (STACKPROBE_APT_FALLBACK=OFF)\n")
  endif()
endif()
file(LOCK "${PACKAGES_DIR}/.stackprobe-fetch.lock" RELEASE)

if(NOT _tarball)
  stackprobe_lock_get(_upstream_sha "${_lock}" ${LIBRARY} upstream sha256)
  message(FATAL_ERROR "stackprobe: no verified source tarball for ${LIBRARY} ${_version}.\n"
    "Tried:\n${_tried}"
    "Fix: put ${_upstream_file} (SHA-256 ${_upstream_sha}) into ${PACKAGES_DIR}, "
    "or run scripts/fetch-sources on a machine with a Debian mirror, "
    "or point STACKPROBE_PACKAGES_DIR (or PACKAGES_FOLDER) at a folder that holds it.")
endif()
message("${LIBRARY}: using ${_tarball} (${_variant}, SHA-256 verified)")

# The tarball is copied into a private folder and the copy hashed and listed: only that copy is
# extracted (into a fresh folder; then its single top-level folder is moved into place), so a
# file swapped in the shared packages folder after the check is never built, and no member is
# written outside the tree.
get_filename_component(_parent "${SOURCE_DIR}" DIRECTORY)
set(_staging "${_parent}/.extract-${LIBRARY}")
stackprobe_lock_get(_expected_sha "${_lock}" ${LIBRARY} ${_variant} sha256)
stackprobe_tarball_stage(_copy _sha _problem "${_tarball}" "${_expected_sha}" "${_parent}/.stage-${LIBRARY}")
if(_problem)
  message(FATAL_ERROR "stackprobe: REFUSED to extract ${LIBRARY}'s tarball:\n  ${_tarball}\n  ${_problem}")
endif()
file(REMOVE_RECURSE "${_staging}" "${SOURCE_DIR}")
file(MAKE_DIRECTORY "${_staging}")
file(ARCHIVE_EXTRACT INPUT "${_copy}" DESTINATION "${_staging}")
file(REMOVE_RECURSE "${_parent}/.stage-${LIBRARY}")
file(GLOB _entries LIST_DIRECTORIES true "${_staging}/*")
list(LENGTH _entries _count)
if(NOT _count EQUAL 1)
  message(FATAL_ERROR "stackprobe: ${_tarball} does not hold exactly one top-level folder")
endif()
file(RENAME "${_entries}" "${SOURCE_DIR}")
file(REMOVE_RECURSE "${_staging}")

set(_fixup "")
if(_variant STREQUAL "debian")
  stackprobe_lock_get(_fixup "${_lock}" ${LIBRARY} debian repack)
endif()
if(_fixup)
  message("${LIBRARY}: Debian repack, applying fix-up cmake/fixups/${_fixup}.cmake")
  execute_process(COMMAND "${CMAKE_COMMAND}" -DSOURCE_DIR=${SOURCE_DIR} -P "${_top}/cmake/fixups/${_fixup}.cmake"
    RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "stackprobe: fix-up ${_fixup} failed for ${SOURCE_DIR}")
  endif()
endif()

# Security patches the lock names (Debian's, from its debian.tar.xz), in series order.
set(_applied "[]")
set(_patch_archive_name "")
set(_patch_archive_sha "")
string(JSON _patch_file ERROR_VARIABLE _no_patches GET "${_lock}" libraries ${LIBRARY} patches archive file)
if(NOT _no_patches)
  stackprobe_lock_get(_patch_sha "${_lock}" ${LIBRARY} patches archive sha256)
  stackprobe_patches_apply(_applied _patch_archive_sha "${_lock}" ${LIBRARY} "${PACKAGES_DIR}"
    "${_parent}/.patches-${LIBRARY}" "${SOURCE_DIR}" "${ALLOW_APT}")
  set(_patch_archive_name "${_patch_file}")
endif()

# The hash recorded is the one of the copy that was extracted.
get_filename_component(_name "${_tarball}" NAME)
set(_json "{}")
stackprobe_json_set_string(_json library "${LIBRARY}")
stackprobe_json_set_string(_json version "${_version}")
stackprobe_json_set_string(_json variant "${_variant}")
stackprobe_json_set_string(_json tarball "${_name}")
stackprobe_json_set_string(_json sha256 "${_sha}")
stackprobe_json_set_string(_json fixup "${_fixup}")
string(JSON _json SET "${_json}" patches "${_applied}")
stackprobe_json_set_string(_json patch_archive "${_patch_archive_name}")
stackprobe_json_set_string(_json patch_archive_sha256 "${_patch_archive_sha}")
file(WRITE "${RECORD}" "${_json}\n")
