# Fix-up for Debian's GMP repack (+dfsg), which drops doc/ for licence reasons. Without it
# ./configure ends with "config.status: error: cannot find input file: `doc/Makefile.in'".
# Upstream tarballs never get this: it only removes doc/ from the configure and make lists.
#   cmake -DSOURCE_DIR=<gmp source> -P gmp-dfsg.cmake

cmake_minimum_required(VERSION 3.25)
if(EXISTS "${SOURCE_DIR}/doc/Makefile.in")
  message("gmp-dfsg: doc/ is present, nothing to fix")
  return()
endif()

file(READ "${SOURCE_DIR}/configure" _configure)
string(REGEX MATCH "\nac_config_files=\"[^\n]* doc/Makefile [^\n]*\n" _config_files "${_configure}")
if(NOT _config_files)
  message(FATAL_ERROR "gmp-dfsg: configure's ac_config_files has no 'doc/Makefile'; this fix-up does not fit this GMP release")
endif()
string(REPLACE " doc/Makefile " " " _fixed "${_configure}")
string(REPLACE "    \"doc/Makefile\") CONFIG_FILES=\"$CONFIG_FILES doc/Makefile\" ;;\n" "" _fixed "${_fixed}")
file(WRITE "${SOURCE_DIR}/configure" "${_fixed}")

file(READ "${SOURCE_DIR}/Makefile.in" _makefile)
string(REGEX REPLACE "(\nSUBDIRS = [^\n]*) doc\n" "\\1\n" _fixed "${_makefile}")
if(_fixed STREQUAL _makefile)
  message(FATAL_ERROR "gmp-dfsg: Makefile.in has no 'doc' in SUBDIRS; this fix-up does not fit this GMP release")
endif()
file(WRITE "${SOURCE_DIR}/Makefile.in" "${_fixed}")
message("gmp-dfsg: removed doc/Makefile from configure's ac_config_files and doc from SUBDIRS in Makefile.in")
