# Empties a build folder, then runs a configure command in it. OpenSSL's and GMP's makefiles do
# not track how they were configured: re-configured over old objects (another target, other
# flags) they link a mix of both, for example OpenSSL for mingw-w64-i686 with
# "undefined reference to `ossl_fnv1a_hash'". With ccache the rebuild costs little.
#   cmake -DDIR=<build folder> -P fresh_configure.cmake -- COMMAND...

cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/../StackprobeScriptArguments.cmake")
if(NOT DIR OR NOT IS_DIRECTORY "${DIR}" OR EXISTS "${DIR}/CMakeLists.txt" OR EXISTS "${DIR}/Configure"
   OR EXISTS "${DIR}/configure")
  message(FATAL_ERROR "fresh_configure.cmake: '${DIR}' is not a separate build folder; refusing to empty it")
endif()
stackprobe_arguments_after_separator(_command)
file(GLOB _entries LIST_DIRECTORIES true "${DIR}/*" "${DIR}/.*")
if(_entries)
  file(REMOVE_RECURSE ${_entries})
endif()
execute_process(COMMAND ${_command} WORKING_DIRECTORY "${DIR}" RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "configure failed (${_rc})")
endif()
