# Reads stackprobe-lock.json, the one file that pins versions, URLs and hashes.
# Works in project mode and in script mode (cmake -P), so the fetcher and the tests share it.

include_guard(GLOBAL)

# Sets out_var to the JSON text of the lock, failing with the file name when it cannot be read.
function(stackprobe_lock_read out_var lock_file)
  if(NOT EXISTS "${lock_file}")
    message(FATAL_ERROR "stackprobe: lock file not found: ${lock_file}")
  endif()
  file(READ "${lock_file}" _json)
  string(JSON _schema ERROR_VARIABLE _error GET "${_json}" schema)
  if(_error)
    message(FATAL_ERROR "stackprobe: ${lock_file} is not valid JSON: ${_error}")
  endif()
  if(NOT _schema EQUAL 1)
    message(FATAL_ERROR "stackprobe: ${lock_file} has schema ${_schema}; this stackprobe reads schema 1")
  endif()
  set(${out_var} "${_json}" PARENT_SCOPE)
endfunction()

# Sets out_var to the list of library names in the lock, in file order.
function(stackprobe_lock_libraries out_var lock_json)
  string(JSON _count LENGTH "${lock_json}" libraries)
  set(_names "")
  if(_count GREATER 0)
    math(EXPR _last "${_count} - 1")
    foreach(_i RANGE ${_last})
      string(JSON _name MEMBER "${lock_json}" libraries ${_i})
      list(APPEND _names "${_name}")
    endforeach()
  endif()
  set(${out_var} "${_names}" PARENT_SCOPE)
endfunction()

# Sets out_var to one value of a library's entry, for example
#   stackprobe_lock_get(_sha "${_lock}" openssl upstream sha256)
# A missing key is a broken lock: it fails naming the library and the key.
function(stackprobe_lock_get out_var lock_json library)
  string(JSON _value ERROR_VARIABLE _error GET "${lock_json}" libraries ${library} ${ARGN})
  string(REPLACE ";" "." _key "${ARGN}")
  if(_error)
    message(FATAL_ERROR "stackprobe: the lock has no '${_key}' for library '${library}' (${_error})")
  endif()
  # file(SHA256) writes lower case: an upper-case hash would refuse the genuine tarball.
  if(_key MATCHES "sha256$" AND NOT _value MATCHES "^[0-9a-f]+$")
    message(FATAL_ERROR "stackprobe: the lock's '${_key}' for library '${library}' is '${_value}': "
      "a SHA-256 is 64 lower-case hexadecimal digits (write it in lower case)")
  endif()
  if(_key MATCHES "sha256$")
    string(LENGTH "${_value}" _length)
    if(NOT _length EQUAL 64)
      message(FATAL_ERROR "stackprobe: the lock's '${_key}' for library '${library}' has ${_length} digits, not 64")
    endif()
  endif()
  set(${out_var} "${_value}" PARENT_SCOPE)
endfunction()

# Sets out_var to the list of upstream URLs of a library.
function(stackprobe_lock_urls out_var lock_json library)
  string(JSON _count LENGTH "${lock_json}" libraries ${library} upstream urls)
  set(_urls "")
  math(EXPR _last "${_count} - 1")
  foreach(_i RANGE ${_last})
    string(JSON _url GET "${lock_json}" libraries ${library} upstream urls ${_i})
    list(APPEND _urls "${_url}")
  endforeach()
  set(${out_var} "${_urls}" PARENT_SCOPE)
endfunction()

# Sets out_var to the folder tarballs are taken from when the user named none:
# the PACKAGES_FOLDER environment variable (the original manual's name), else a per-user cache.
function(stackprobe_default_packages_dir out_var)
  if(DEFINED ENV{PACKAGES_FOLDER} AND NOT "$ENV{PACKAGES_FOLDER}" STREQUAL "")
    set(_dir "$ENV{PACKAGES_FOLDER}")
  elseif(WIN32 AND DEFINED ENV{LOCALAPPDATA})
    set(_dir "$ENV{LOCALAPPDATA}/stackprobe/packages")
  elseif(DEFINED ENV{XDG_CACHE_HOME} AND NOT "$ENV{XDG_CACHE_HOME}" STREQUAL "")
    set(_dir "$ENV{XDG_CACHE_HOME}/stackprobe/packages")
  else()
    set(_dir "$ENV{HOME}/.cache/stackprobe/packages")
  endif()
  file(TO_CMAKE_PATH "${_dir}" _dir)
  set(${out_var} "${_dir}" PARENT_SCOPE)
endfunction()
