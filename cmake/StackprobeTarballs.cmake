# Finds, verifies and downloads the locked tarballs of the packages folder.
# A tarball whose SHA-256 differs from the lock is moved aside, never built.

include_guard(GLOBAL)
include("${CMAKE_CURRENT_LIST_DIR}/StackprobeLock.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/StackprobeJson.cmake")

# Checks dir/file against expected_sha256. Sets out_ok to TRUE when it matches. A mismatching file
# is renamed to file.rejected (so the next run does not meet it again) and out_message says why.
function(stackprobe_tarball_verify out_ok out_message path expected_sha256)
  set(${out_ok} FALSE PARENT_SCOPE)
  set(${out_message} "" PARENT_SCOPE)
  if(NOT EXISTS "${path}")
    return()
  endif()
  file(SHA256 "${path}" _actual)
  if(_actual STREQUAL expected_sha256)
    set(${out_ok} TRUE PARENT_SCOPE)
    return()
  endif()
  file(RENAME "${path}" "${path}.rejected")
  # One string: set() with several would join them with ";" into the message.
  string(CONCAT _message
    "REFUSED ${path}: SHA-256 mismatch.\n  expected ${expected_sha256}\n  actual   ${_actual}\n"
    "  It was moved to ${path}.rejected and nothing is built from it. Delete it, then put the "
    "genuine tarball there, run scripts/fetch-sources, or let the superbuild download it.")
  set(${out_message} "${_message}" PARENT_SCOPE)
endfunction()

# Looks in dir for the library's upstream tarball, then for Debian's .orig tarball.
# Sets out_path to the first one whose hash matches ("" if none), out_variant to "upstream" or
# "debian", and out_messages to what was refused on the way.
function(stackprobe_tarball_find out_path out_variant out_messages lock_json library dir)
  set(_messages "")
  foreach(_variant upstream debian)
    stackprobe_lock_get(_file "${lock_json}" ${library} ${_variant} file)
    stackprobe_lock_get(_sha "${lock_json}" ${library} ${_variant} sha256)
    stackprobe_tarball_verify(_ok _message "${dir}/${_file}" "${_sha}")
    if(_message)
      message(WARNING "${_message}")
      string(APPEND _messages "${_message}\n")
    endif()
    if(_ok)
      set(${out_path} "${dir}/${_file}" PARENT_SCOPE)
      set(${out_variant} "${_variant}" PARENT_SCOPE)
      set(${out_messages} "${_messages}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out_path} "" PARENT_SCOPE)
  set(${out_variant} "" PARENT_SCOPE)
  set(${out_messages} "${_messages}" PARENT_SCOPE)
endfunction()

# Tries each upstream URL of the library, keeping the file in dir only when its hash matches.
# Sets out_path to the verified tarball or "", and out_log to what each URL answered.
function(stackprobe_tarball_download out_path out_log lock_json library dir)
  stackprobe_lock_get(_file "${lock_json}" ${library} upstream file)
  stackprobe_lock_get(_sha "${lock_json}" ${library} upstream sha256)
  stackprobe_lock_urls(_urls "${lock_json}" ${library})
  set(_log "")
  foreach(_url IN LISTS _urls)
    set(_partial "${dir}/${_file}.part")
    file(DOWNLOAD "${_url}" "${_partial}" STATUS _status INACTIVITY_TIMEOUT 30 TLS_VERIFY ON)
    list(GET _status 0 _code)
    list(GET _status 1 _text)
    if(_code EQUAL 0)
      file(SHA256 "${_partial}" _actual)
      if(_actual STREQUAL _sha)
        file(RENAME "${_partial}" "${dir}/${_file}")
        string(APPEND _log "  ${_url}: downloaded, SHA-256 verified\n")
        set(${out_path} "${dir}/${_file}" PARENT_SCOPE)
        set(${out_log} "${_log}" PARENT_SCOPE)
        return()
      endif()
      file(RENAME "${_partial}" "${dir}/${_file}.rejected")
      string(APPEND _log "  ${_url}: REFUSED, SHA-256 ${_actual} is not the locked ${_sha} (kept as ${_file}.rejected)\n")
    else()
      file(REMOVE "${_partial}")
      string(APPEND _log "  ${_url}: ${_text} (curl code ${_code})\n")
    endif()
  endforeach()
  set(${out_path} "" PARENT_SCOPE)
  set(${out_log} "${_log}" PARENT_SCOPE)
endfunction()
