# Security patches applied to a library's source after it is extracted: the lock names an archive
# (Debian's debian.tar.xz of the release, locked by its SHA-256) and the patches of its
# debian/patches/ to apply, in order: the security fixes, not Debian's packaging changes.
#
#   "patches": {"archive": {"file": "...debian.tar.xz", "sha256": "..."},
#               "series": ["CVE-....patch", ...]}

include_guard(GLOBAL)
include("${CMAKE_CURRENT_LIST_DIR}/StackprobeTarballs.cmake")

# Sets out_var to the program that applies a patch file: GNU patch, else git apply.
function(stackprobe_patch_program out_var)
  find_program(STACKPROBE_PATCH_PROGRAM NAMES patch DOC "The patch program, to apply the lock's security patches")
  find_program(STACKPROBE_GIT_PROGRAM NAMES git DOC "git, whose 'git apply' applies patches when patch is missing")
  if(STACKPROBE_PATCH_PROGRAM)
    set(${out_var} "${STACKPROBE_PATCH_PROGRAM}" -p1 --forward --batch --no-backup-if-mismatch -i PARENT_SCOPE)
  elseif(STACKPROBE_GIT_PROGRAM)
    set(${out_var} "${STACKPROBE_GIT_PROGRAM}" apply --verbose -p1 PARENT_SCOPE)
  else()
    message(FATAL_ERROR "stackprobe: neither patch nor git is on PATH, so the security patches the lock names "
      "cannot be applied. Install one: apt-get install patch | dnf install patch | brew install gpatch | pacman -S patch")
  endif()
endfunction()

# Applies the lock's patches of library to source_dir. Sets out_applied to the JSON array of the
# patch names applied and out_sha256 to the hash of the archive copy they came from. Fails, naming
# the patch and what patch said (the hunk that did not apply), when one does not apply; fails
# when the archive is missing or not the locked one.
function(stackprobe_patches_apply out_applied out_sha256 lock_json library packages_dir stage_dir source_dir allow_apt)
  stackprobe_lock_get(_file "${lock_json}" ${library} patches archive file)
  stackprobe_lock_get(_sha "${lock_json}" ${library} patches archive sha256)
  stackprobe_tarball_verify(_ok _message "${packages_dir}/${_file}" "${_sha}")
  if(NOT _ok AND allow_apt)
    execute_process(COMMAND "${CMAKE_COMMAND}" -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../scripts/fetch-sources.cmake"
      -- --dest "${packages_dir}" ${library})
    stackprobe_tarball_verify(_ok _message "${packages_dir}/${_file}" "${_sha}")
  endif()
  if(NOT _ok)
    message(FATAL_ERROR "stackprobe: no verified patch archive for ${library}:\n  ${packages_dir}/${_file}\n"
      "  SHA-256 ${_sha}\n${_message}\nFix: run scripts/fetch-sources, or put the file there.")
  endif()
  stackprobe_tarball_stage(_copy _copy_sha _problem "${packages_dir}/${_file}" "${_sha}" "${stage_dir}")
  if(_problem)
    message(FATAL_ERROR "stackprobe: REFUSED to extract ${library}'s patch archive:\n  ${packages_dir}/${_file}\n  ${_problem}")
  endif()
  file(ARCHIVE_EXTRACT INPUT "${_copy}" DESTINATION "${stage_dir}/tree")
  stackprobe_patch_program(_apply)
  set(_applied "[]")
  stackprobe_json_indices(_indices "${lock_json}" libraries ${library} patches series)
  foreach(_i IN LISTS _indices)
    string(JSON _name GET "${lock_json}" libraries ${library} patches series ${_i})
    set(_patch "${stage_dir}/tree/debian/patches/${_name}")
    if(NOT EXISTS "${_patch}")
      message(FATAL_ERROR "stackprobe: the lock names the patch ${_name} for ${library}, which ${_file} does not hold (debian/patches/${_name})")
    endif()
    execute_process(COMMAND ${_apply} "${_patch}" WORKING_DIRECTORY "${source_dir}"
      RESULT_VARIABLE _rc OUTPUT_VARIABLE _output ERROR_VARIABLE _output)
    if(NOT _rc EQUAL 0)
      message(FATAL_ERROR "stackprobe: the patch ${_name} (from ${_file}) does not apply to ${library} (${_apply} exited ${_rc}):\n${_output}")
    endif()
    message("${library}: applied ${_name}")
    stackprobe_json_append_string(_applied "${_name}")
  endforeach()
  file(REMOVE_RECURSE "${stage_dir}")
  set(${out_applied} "${_applied}" PARENT_SCOPE)
  set(${out_sha256} "${_copy_sha}" PARENT_SCOPE)
endfunction()
