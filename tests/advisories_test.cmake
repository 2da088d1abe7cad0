# advisories.*: the matcher of cmake/StackprobeAdvisories.cmake on version ranges and patch
# names (CASE=matcher), and the report of a libssh2 built without its security patches, as the
# old lock built it (CASE=report: "!" with the ids and the fix; a failure on a critical one
# unless ALLOW_CRITICAL_ADVISORIES).
#   cmake -DSOURCE_ROOT=... -DWORK_DIR=... -DCASE=matcher|report -P advisories_test.cmake
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/TestHelpers.cmake")
include("${SOURCE_ROOT}/cmake/StackprobeAdvisories.cmake")

if(CASE STREQUAL "matcher")
  foreach(_case "1.11.1|>=1.11.0 <=1.11.1|ON" "1.11.0|>=1.11.0 <=1.11.1|ON" "1.10.0|>=1.11.0 <=1.11.1|OFF"
      "1.11.2|>=1.11.0 <=1.11.1|OFF" "1.3.1|<1.3.2|ON" "1.3.2|<1.3.2|OFF" "3.5.7|>=3.5.0 <3.5.9|ON"
      "3.5.10|>=3.5.0 <3.5.9|OFF" "3.5.9|=3.5.9|ON" "6.3.0|>6.3.0|OFF")
    string(REPLACE "|" ";" _case "${_case}")
    list(GET _case 0 _version)
    list(GET _case 1 _range)
    list(GET _case 2 _expected)
    stackprobe_version_in_range(_inside "${_version}" "${_range}")
    expect_equal("${_inside}" "${_expected}" "${_version} in '${_range}'")
  endforeach()
  set(_known [=[{"advisories": [
    {"id": "CVE-1", "library": "libssh2", "severity": "critical", "affected": ">=1.11.0 <=1.11.1",
     "fixed_version": "", "fixed_by_patches": ["CVE-1.patch", "needed-first.patch"], "summary": "one", "reference": "r"},
    {"id": "CVE-2", "library": "libssh2", "severity": "high", "affected": ">=1.0 <1.11.2",
     "fixed_version": "1.11.2", "fixed_by_patches": [], "summary": "two; with [brackets]", "reference": "r"},
    {"id": "CVE-3", "library": "zlib", "severity": "high", "affected": "<1.3.2",
     "fixed_version": "1.3.2", "fixed_by_patches": [], "summary": "three", "reference": "r"}]}]=])
  stackprobe_advisories_open(_open "${_known}" libssh2 1.11.1 "[]")
  string(JSON _count LENGTH "${_open}")
  expect_equal("${_count}" "2" "open advisories of an unpatched libssh2 1.11.1")
  stackprobe_advisories_critical(_critical "${_open}")
  expect_equal("${_critical}" "ON" "a critical one among them")
  string(JSON _fix GET "${_open}" 0 fix)
  expect_contains("${_fix}" "CVE-1.patch" "the fix names the patch")
  string(JSON _summary GET "${_open}" 1 summary)
  expect_equal("${_summary}" "two; with [brackets]" "a summary with ';' and brackets")
  stackprobe_advisories_open(_open "${_known}" libssh2 1.11.1 "[\"CVE-1.patch\"]")
  string(JSON _count LENGTH "${_open}")
  expect_equal("${_count}" "2" "open advisories with one of the two patches a fix needs")
  stackprobe_advisories_open(_open "${_known}" libssh2 1.11.1 "[\"needed-first.patch\", \"other.patch\", \"CVE-1.patch\"]")
  string(JSON _count LENGTH "${_open}")
  expect_equal("${_count}" "1" "open advisories once CVE-1.patch is applied")
  string(JSON _id GET "${_open}" 0 id)
  expect_equal("${_id}" "CVE-2" "the one left open")
  stackprobe_advisories_critical(_critical "${_open}")
  expect_equal("${_critical}" "OFF" "no critical one left")
  stackprobe_advisories_open(_open "${_known}" zlib 1.3.2 "[]")
  expect_equal("${_open}" "[]" "zlib 1.3.2, fixed by its release")
  # An advisory in code the recipe does not compile is not open; one without an area, or of a
  # library whose built areas are not listed, is.
  set(_areas [=[{"built_areas": {"comment": "c", "curl": ["sftp", "core"]}, "advisories": [
    {"id": "CVE-H", "library": "curl", "severity": "medium", "affected": "<9", "area": "http",
     "fixed_version": "9", "fixed_by_patches": [], "summary": "http", "reference": "r"},
    {"id": "CVE-S", "library": "curl", "severity": "low", "affected": "<9", "area": "sftp",
     "fixed_version": "9", "fixed_by_patches": [], "summary": "sftp", "reference": "r"},
    {"id": "CVE-N", "library": "curl", "severity": "low", "affected": "<9",
     "fixed_version": "9", "fixed_by_patches": [], "summary": "no area", "reference": "r"},
    {"id": "CVE-Z", "library": "zlib", "severity": "low", "affected": "<9", "area": "http",
     "fixed_version": "9", "fixed_by_patches": [], "summary": "zlib", "reference": "r"}]}]=])
  stackprobe_advisories_open(_open "${_areas}" curl 8.14.1 "[]")
  string(JSON _count LENGTH "${_open}")
  expect_equal("${_count}" "2" "curl's open advisories: the built area and the one without an area")
  string(JSON _id0 GET "${_open}" 0 id)
  string(JSON _id1 GET "${_open}" 1 id)
  expect_equal("${_id0} ${_id1}" "CVE-S CVE-N" "the advisories open in the built code")
  stackprobe_advisories_open(_open "${_areas}" zlib 1.0 "[]")
  string(JSON _count LENGTH "${_open}")
  expect_equal("${_count}" "1" "an area of a library with no built areas listed")
  # The real data file: every entry complete and its range readable.
  stackprobe_advisories_read(_real)
  stackprobe_json_indices(_indices "${_real}" advisories)
  foreach(_i IN LISTS _indices)
    foreach(_field id library severity affected summary reference)
      string(JSON _value ERROR_VARIABLE _missing GET "${_real}" advisories ${_i} ${_field})
      if(_missing OR _value STREQUAL "")
        message(FATAL_ERROR "FAILED: advisory ${_i} of ${STACKPROBE_ADVISORIES_FILE} has no ${_field}")
      endif()
    endforeach()
    string(JSON _severity GET "${_real}" advisories ${_i} severity)
    if(NOT _severity MATCHES "^(critical|high|medium|low)$")
      message(FATAL_ERROR "FAILED: advisory ${_i} has the severity '${_severity}'")
    endif()
    string(JSON _range GET "${_real}" advisories ${_i} affected)
    stackprobe_version_in_range(_unused 1.0 "${_range}")
  endforeach()
elseif(CASE STREQUAL "report")
  set(_state "${WORK_DIR}/advisories/stackprobe")
  file(REMOVE_RECURSE "${WORK_DIR}/advisories")
  file(MAKE_DIRECTORY "${_state}/linux-gcc/steps" "${_state}/linux-gcc/sources")
  file(WRITE "${_state}/toolchains.json"
    "[{\"name\":\"linux-gcc\",\"detection\":\"present\",\"reason\":\"\",\"fix\":\"\",\"required\":true}]")
  file(WRITE "${_state}/linux-gcc/manifest.json"
    "{\"compiler\":\"gcc\",\"compiler_id\":\"GNU\",\"compiler_version\":\"12\",\"prefix\":\"/p\",\"steps\":[\"libssh2.build\",\"probe.libssh2.shared\"]}")
  foreach(_step libssh2.build probe.libssh2.shared)
    file(WRITE "${_state}/linux-gcc/steps/${_step}.json" "{\"name\":\"${_step}\",\"status\":\"pass\",\"seconds\":1,\"log\":\"\"}")
  endforeach()
  # libssh2 1.11.1 as the old lock built it: no patch applied.
  file(WRITE "${_state}/linux-gcc/sources/libssh2.json"
    "{\"library\":\"libssh2\",\"version\":\"1.11.1\",\"variant\":\"upstream\",\"tarball\":\"libssh2-1.11.1.tar.gz\",\"sha256\":\"x\",\"fixup\":\"\",\"patches\":[]}")
  foreach(_allow OFF ON)
    run_captured(_report "${CMAKE_COMMAND}" "-DSTATE_ROOT=${_state}" "-DREPORT_DIR=${WORK_DIR}/advisories/report-${_allow}"
      -DALLOW_CRITICAL_ADVISORIES=${_allow} -P "${SOURCE_ROOT}/cmake/scripts/report.cmake")
    file(READ "${WORK_DIR}/advisories/report-${_allow}/report.json" _json)
    string(JSON _step GET "${_json}" toolchains 0 steps 2)
    string(JSON _name GET "${_step}" name)
    expect_equal("${_name}" "libssh2.advisories" "the advisory step")
    string(JSON _open LENGTH "${_step}" advisories)
    if(_open EQUAL 0)
      message(FATAL_ERROR "FAILED: no open advisory for an unpatched libssh2 1.11.1")
    endif()
    expect_contains("${_report_output}" "CVE-2026-55200 (critical)" "the critical id in the terminal")
    if(_allow)
      expect_equal("${_report_rc}" "0" "the exit status when opted in (${_report_output})")
      expect_contains("${_report_output}" "linux-gcc          –        –        –        !" "the ! in libssh2's cell")
      string(JSON _status GET "${_json}" toolchains 0 status)
      expect_equal("${_status}" "partial" "a toolchain with an open advisory")
    else()
      expect_equal("${_report_rc}" "1" "the exit status with an open critical advisory")
      expect_contains("${_report_output}" "linux-gcc          –        –        –        ✗" "the ✗ in libssh2's cell")
      expect_contains("${_report_output}" "STACKPROBE_ALLOW_CRITICAL_ADVISORIES=ON" "the opt-in named")
    endif()
  endforeach()
else()
  message(FATAL_ERROR "advisories_test.cmake: unknown CASE '${CASE}'")
endif()
