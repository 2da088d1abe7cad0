# Renders an existing report.json again: the terminal matrix, report.md, report.html, report.xml
# and the recipes, into OUT_DIR. For a report from elsewhere (a CI job, a merged report).
#   cmake -DREPORT_JSON=<file> -DOUT_DIR=<folder> [-DBASELINE=ci/expected-failures.txt] -P render_report.cmake

cmake_minimum_required(VERSION 3.25)
include("${CMAKE_CURRENT_LIST_DIR}/../StackprobeRender.cmake")

if(NOT REPORT_JSON OR NOT EXISTS "${REPORT_JSON}")
  message(FATAL_ERROR "render_report.cmake: -DREPORT_JSON=<an existing report.json> is required")
endif()
file(READ "${REPORT_JSON}" _report)
string(JSON _schema ERROR_VARIABLE _error GET "${_report}" schema)
if(_error OR NOT _schema EQUAL 1)
  message(FATAL_ERROR "render_report.cmake: ${REPORT_JSON} is not a stackprobe report of schema 1")
endif()
stackprobe_render_read_baseline(_baseline "${BASELINE}" "${_report}")
stackprobe_render_all(_terminal _regressions "${_report}" "${OUT_DIR}" "${_baseline}")
message("${_terminal}")
