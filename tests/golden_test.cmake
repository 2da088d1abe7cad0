# golden.*: the outputs a person reads, compared whole with checked-in files (as CMake's own
# RunCMake tests do), so that any change of output is a reviewed change.
#   CASE=report  the terminal matrix, report.md and report.xml of tests/data/report/report.json
#   CASE=doctor  the doctor's text on the logs listed in tests/data/golden/doctor-logs.txt
# With -DUPDATE=ON the expected files are written instead: review the diff, then commit it.
#   cmake -DSOURCE_ROOT=... -DWORK_DIR=... -DCASE=report|doctor [-DUPDATE=ON] -P golden_test.cmake
cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/TestHelpers.cmake")

set(_golden "${SOURCE_ROOT}/tests/data/golden")
set(_out "${WORK_DIR}/golden-${CASE}")
file(REMOVE_RECURSE "${_out}")
file(MAKE_DIRECTORY "${_out}")

# Compares the file seen with the expected one of the same name, or writes it with UPDATE.
function(expect_golden seen_file name)
  if(UPDATE)
    file(COPY_FILE "${seen_file}" "${_golden}/${name}")
    message("updated ${_golden}/${name}")
    return()
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${_golden}/${name}" "${seen_file}"
    RESULT_VARIABLE _different)
  if(_different)
    find_program(_diff diff)
    set(_shown "")
    if(_diff)
      execute_process(COMMAND "${_diff}" -u "${_golden}/${name}" "${seen_file}" OUTPUT_VARIABLE _shown)
    endif()
    # The difference goes out unwrapped; a fatal message would re-flow it.
    message("${_shown}")
    message(FATAL_ERROR "FAILED: ${name} differs from the expected output above (cmake -DUPDATE=ON ... -P tests/golden_test.cmake rewrites it after review)")
  endif()
endfunction()

if(CASE STREQUAL "report")
  execute_process(COMMAND "${CMAKE_COMMAND}" "-DREPORT_JSON=tests/data/report/report.json" "-DOUT_DIR=${_out}"
      -P cmake/scripts/render_report.cmake
    WORKING_DIRECTORY "${SOURCE_ROOT}" RESULT_VARIABLE _rc ERROR_FILE "${_out}/terminal.txt")
  expect_equal("${_rc}" "0" "rendering the fixed report")
  expect_golden("${_out}/terminal.txt" terminal.txt)
  expect_golden("${_out}/report.md" report.md)
  expect_golden("${_out}/report.xml" report.xml)
  expect_golden("${_out}/recipe-linux-gcc.md" recipe-linux-gcc.md)
elseif(CASE STREQUAL "doctor")
  read_lines(_log "${_golden}/doctor-logs.txt")
  math(EXPR _last "${_log_count} - 1")
  foreach(_i RANGE ${_last})
    set(_path "${_log_${_i}}")
    if(_path STREQUAL "" OR _path MATCHES "^#")
      continue()
    endif()
    get_filename_component(_name "${_path}" NAME_WE)
    execute_process(COMMAND "${CMAKE_COMMAND}" -P cmake/doctor.cmake "${_path}"
      WORKING_DIRECTORY "${SOURCE_ROOT}" RESULT_VARIABLE _rc OUTPUT_FILE "${_out}/doctor-${_name}.txt")
    expect_equal("${_rc}" "0" "the doctor on ${_path}")
    expect_golden("${_out}/doctor-${_name}.txt" "doctor-${_name}.txt")
  endforeach()
else()
  message(FATAL_ERROR "golden_test.cmake: unknown CASE '${CASE}'")
endif()
