# OpenSSL for MSVC and clang-cl: Configure needs a native Windows Perl (MSYS2's and Git's say
# "This perl implementation doesn't produce Windows like paths"), nmake, and NASM for its
# assembly (without it: no-asm, slower; the report says which).
include("${CMAKE_CURRENT_LIST_DIR}/openssl-target.cmake")

# The dojo profile: no assembly and no optimization, as on the other toolchains. Not --debug:
# for VC targets it also switches to the debug runtime (/MDd), which the other libraries, built
# with /MD, do not share. /Od is added to the target's flags, after Configure's /O2; cl takes the
# last one (warning D9025).
set(_openssl_profile_flags "")
if(STACKPROBE_PROFILE STREQUAL "dojo")
  set(_openssl_profile_flags no-asm "cflags /Od")
  string(STRIP "${STACKPROBE_OPENSSL_CFLAGS} /Od" STACKPROBE_OPENSSL_CFLAGS)
endif()
stackprobe_openssl_target_file(_openssl_conf _openssl_target)

find_program(STACKPROBE_NMAKE nmake)
find_program(STACKPROBE_NASM nasm)
set(_openssl_options no-tests no-docs shared)
if(STACKPROBE_PROFILE STREQUAL "dojo")
  list(APPEND _openssl_options no-asm)
elseif(STACKPROBE_NASM)
  set_property(GLOBAL APPEND PROPERTY STACKPROBE_NOTES "openssl: assembly with NASM (${STACKPROBE_NASM})")
else()
  list(APPEND _openssl_options no-asm)
  set_property(GLOBAL APPEND PROPERTY STACKPROBE_NOTES
    "openssl: no-asm, NASM not found (winget install NASM.NASM for the faster build)")
endif()

execute_process(COMMAND "${STACKPROBE_PERL}" -e "print $^O" OUTPUT_VARIABLE _perl_os ERROR_QUIET)
if(NOT _perl_os STREQUAL "MSWin32")
  # Fail the step, not the configure: the other libraries and toolchains go on.
  set(_openssl_configure "${CMAKE_COMMAND}"
    "-DMESSAGE=This perl implementation doesn't produce Windows like paths: ${STACKPROBE_PERL} is a '${_perl_os}' perl. Install a native Windows Perl (winget install StrawberryPerl.StrawberryPerl) and put it first on PATH."
    -P "${STACKPROBE_SOURCE_ROOT}/cmake/scripts/fail.cmake")
elseif(NOT STACKPROBE_NMAKE)
  set(_openssl_configure "${CMAKE_COMMAND}"
    "-DMESSAGE='nmake' is not recognized as an internal or external command: run from a Developer Command Prompt (vcvarsall.bat x64)."
    -P "${STACKPROBE_SOURCE_ROOT}/cmake/scripts/fail.cmake")
else()
  set(_openssl_configure "${CMAKE_COMMAND}" -DDIR=<BINARY_DIR> -P "${STACKPROBE_SOURCE_ROOT}/cmake/scripts/fresh_configure.cmake" --
    "${STACKPROBE_PERL}" <SOURCE_DIR>/Configure "--config=${_openssl_conf}" ${_openssl_target}
    --prefix=<INSTALL_DIR> --openssldir=<INSTALL_DIR>/ssl --libdir=lib ${_openssl_options})
endif()

stackprobe_library(openssl
  PROFILE_FLAGS ${_openssl_profile_flags} FLAGS_FILE makefile FLAGS_VARIABLES CFLAGS
  CONFIGURE_COMMAND ${_openssl_configure}
  BUILD_COMMAND "${STACKPROBE_NMAKE}" build_sw
  INSTALL_COMMAND "${STACKPROBE_NMAKE}" install_sw install_ssldirs)
# Configure runs again when the target file changes (it is rewritten only then): its flags and
# tools are part of the configuration.
ExternalProject_Add_StepDependencies(openssl configure "${_openssl_conf}")
