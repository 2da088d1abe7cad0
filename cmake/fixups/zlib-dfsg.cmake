# Fix-up for Debian's zlib repack (+dfsg), which drops win32/. zlib's CMakeLists names
# win32/zlib1.rc on every platform, so configure fails, Linux too, with
# "Cannot find source file: win32/zlib1.rc". A minimal resource file with the version is enough.
#   cmake -DSOURCE_DIR=<zlib source> -P zlib-dfsg.cmake

cmake_minimum_required(VERSION 3.25)
if(EXISTS "${SOURCE_DIR}/win32/zlib1.rc")
  message("zlib-dfsg: win32/zlib1.rc is present, nothing to fix")
  return()
endif()

file(STRINGS "${SOURCE_DIR}/zlib.h" _define REGEX "^#define ZLIB_VERSION \"[0-9.]+\"")
if(NOT _define MATCHES "\"([0-9]+)\\.([0-9]+)\\.([0-9]+)\"")
  message(FATAL_ERROR "zlib-dfsg: no ZLIB_VERSION in ${SOURCE_DIR}/zlib.h")
endif()
set(_comma "${CMAKE_MATCH_1},${CMAKE_MATCH_2},${CMAKE_MATCH_3},0")
set(_dotted "${CMAKE_MATCH_1}.${CMAKE_MATCH_2}.${CMAKE_MATCH_3}")
file(WRITE "${SOURCE_DIR}/win32/zlib1.rc"
"/* Written by stackprobe's zlib-dfsg fix-up: Debian's repack has no win32/. */
1 VERSIONINFO
  FILEVERSION ${_comma}
  PRODUCTVERSION ${_comma}
BEGIN
  BLOCK \"StringFileInfo\"
  BEGIN
    BLOCK \"040904E4\"
    BEGIN
      VALUE \"FileDescription\", \"zlib data compression library\\0\"
      VALUE \"FileVersion\", \"${_dotted}\\0\"
      VALUE \"InternalName\", \"zlib1.dll\\0\"
      VALUE \"OriginalFilename\", \"zlib1.dll\\0\"
      VALUE \"ProductName\", \"zlib\\0\"
      VALUE \"ProductVersion\", \"${_dotted}\\0\"
    END
  END
  BLOCK \"VarFileInfo\"
  BEGIN
    VALUE \"Translation\", 0x0409, 1252
  END
END
")
message("zlib-dfsg: wrote a minimal win32/zlib1.rc (version ${_dotted})")
