# ci.merge_reports: the report of a Linux job and one of a Windows job merge into one report in
# which each toolchain comes from the job that built it, and which renders.
#   cmake -DSOURCE_ROOT=... -DWORK_DIR=... -P merge_test.cmake
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/TestHelpers.cmake")

set(_work "${WORK_DIR}/merge")
file(REMOVE_RECURSE "${_work}")
file(MAKE_DIRECTORY "${_work}/windows")
set(_linux "${SOURCE_ROOT}/tests/data/report/report.json")

# The Windows job: the same toolchains, those of Linux absent, msvc built and passing.
file(READ "${_linux}" _report)
string(JSON _count LENGTH "${_report}" toolchains)
math(EXPR _last "${_count} - 1")
foreach(_i RANGE ${_last})
  string(JSON _name GET "${_report}" toolchains ${_i} name)
  if(_name STREQUAL "msvc")
    string(JSON _report SET "${_report}" toolchains ${_i} status "\"pass\"")
    string(JSON _report SET "${_report}" toolchains ${_i} steps
      "[{\"name\":\"zlib.build\",\"status\":\"pass\",\"seconds\":9,\"log\":\"zlib.build.log\",\"command\":[\"cmake\",\"--build\",\".\"],\"cwd\":\"C:/b\"},{\"name\":\"probe.zlib.shared\",\"status\":\"pass\",\"seconds\":1,\"log\":\"probe.log\"}]")
  else()
    string(JSON _report SET "${_report}" toolchains ${_i} status "\"absent\"")
    string(JSON _report SET "${_report}" toolchains ${_i} steps "[]")
  endif()
endforeach()
string(JSON _report REMOVE "${_report}" bench)
file(WRITE "${_work}/windows/report.json" "${_report}")

run_captured(_merge "${CMAKE_COMMAND}" "-DOUT_DIR=${_work}/merged" -P "${SOURCE_ROOT}/ci/merge_reports.cmake" --
  "${_linux}" "${_work}/windows/report.json")
message("${_merge_output}")
file(READ "${_work}/merged/report.json" _merged)
foreach(_i RANGE ${_last})
  string(JSON _name GET "${_merged}" toolchains ${_i} name)
  string(JSON _status GET "${_merged}" toolchains ${_i} status)
  set(_status_${_name} "${_status}")
endforeach()
expect_equal("${_status_linux-gcc}" "pass" "linux-gcc, from the Linux job")
expect_equal("${_status_msvc}" "pass" "msvc, from the Windows job")
expect_equal("${_status_clang-cl}" "absent" "clang-cl, which no job built")
string(JSON _results LENGTH "${_merged}" bench results)
if(_results EQUAL 0)
  message(FATAL_ERROR "FAILED: the merged report lost the benchmark")
endif()
expect_exists("${_work}/merged/report.html" "the merged HTML")
expect_exists("${_work}/merged/recipe-msvc.md" "the recipe of msvc")
expect_contains("${_merge_output}" "msvc               –        –        ✓        –" "msvc's row: only its zlib step ran")
