# The data layer's JSON and text helpers: every script that writes report.json, a step record, the
# doctor's answer or a rendered page goes through these. Structured data never travels through a
# CMake list (";", "[" and "]" in a log line would split or glue it): arrays are built with
# string(JSON ... SET) by index, and text is cleaned and escaped here for each output format.

include_guard(GLOBAL)

# Bytes that cannot be written in a CMake string literal, made once.
string(ASCII 1 _stackprobe_byte_01)
string(ASCII 5 _stackprobe_byte_05)
string(ASCII 6 _stackprobe_byte_06)
string(ASCII 7 _stackprobe_byte_bel)
string(ASCII 8 _stackprobe_byte_08)
string(ASCII 11 _stackprobe_byte_0b)
string(ASCII 12 _stackprobe_byte_0c)
string(ASCII 14 _stackprobe_byte_0e)
string(ASCII 27 _stackprobe_byte_esc)
string(ASCII 31 _stackprobe_byte_1f)
string(ASCII 127 _stackprobe_byte_7f)
string(ASCII 128 _stackprobe_byte_80)
string(ASCII 191 _stackprobe_byte_bf)
string(ASCII 194 _stackprobe_byte_c2)
string(ASCII 223 _stackprobe_byte_df)
string(ASCII 224 _stackprobe_byte_e0)
string(ASCII 239 _stackprobe_byte_ef)
string(ASCII 240 _stackprobe_byte_f0)
string(ASCII 244 _stackprobe_byte_f4)
string(ASCII 255 _stackprobe_byte_ff)
string(ASCII 239 191 189 STACKPROBE_REPLACEMENT_CHARACTER)

# Control characters other than tab and newline (carriage returns are dropped before).
set(STACKPROBE_CONTROL_CLASS
  "[${_stackprobe_byte_01}-${_stackprobe_byte_08}${_stackprobe_byte_0b}${_stackprobe_byte_0c}${_stackprobe_byte_0e}-${_stackprobe_byte_1f}${_stackprobe_byte_7f}]")
set(_stackprobe_continuation "[${_stackprobe_byte_80}-${_stackprobe_byte_bf}]")
set(STACKPROBE_HIGH_BYTE "[${_stackprobe_byte_80}-${_stackprobe_byte_ff}]")
# A well-formed UTF-8 sequence of two, three or four bytes.
set(_stackprobe_utf8_sequence
  "[${_stackprobe_byte_c2}-${_stackprobe_byte_df}]${_stackprobe_continuation}|[${_stackprobe_byte_e0}-${_stackprobe_byte_ef}]${_stackprobe_continuation}${_stackprobe_continuation}|[${_stackprobe_byte_f0}-${_stackprobe_byte_f4}]${_stackprobe_continuation}${_stackprobe_continuation}${_stackprobe_continuation}")

# Sets out_var to text without terminal escape sequences: colours (CSI) and OSC titles and links.
function(stackprobe_text_strip_escapes out_var text)
  if(text MATCHES "${_stackprobe_byte_esc}")
    string(REGEX REPLACE "${_stackprobe_byte_esc}\\[[0-9:;<=>?]*[ -/]*[@-~]" "" text "${text}")
    string(REGEX REPLACE "${_stackprobe_byte_esc}\\][^${_stackprobe_byte_bel}${_stackprobe_byte_esc}]*(${_stackprobe_byte_bel}|${_stackprobe_byte_esc}\\\\)?" "" text "${text}")
  endif()
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

# Sets out_var to text fit for any output: terminal escape sequences removed, carriage returns
# dropped, other control characters and every byte that is not part of well-formed UTF-8 (a
# Latin-1 log, a truncated sequence) replaced by U+FFFD.
function(stackprobe_text_clean out_var text)
  stackprobe_text_strip_escapes(text "${text}")
  string(REPLACE "\r" "" text "${text}")
  if(text MATCHES "${STACKPROBE_CONTROL_CLASS}")
    string(REGEX REPLACE "${STACKPROBE_CONTROL_CLASS}" "${STACKPROBE_REPLACEMENT_CHARACTER}" text "${text}")
  endif()
  if(text MATCHES "${STACKPROBE_HIGH_BYTE}")
    # Every well-formed sequence and every stray byte is wrapped in a marker pair (the first
    # alternative wins where both fit); a pair around a single byte is a stray one.
    string(REGEX REPLACE "(${_stackprobe_utf8_sequence}|${STACKPROBE_HIGH_BYTE})"
      "${_stackprobe_byte_05}\\1${_stackprobe_byte_06}" text "${text}")
    string(REGEX REPLACE "${_stackprobe_byte_05}${STACKPROBE_HIGH_BYTE}${_stackprobe_byte_06}"
      "${STACKPROBE_REPLACEMENT_CHARACTER}" text "${text}")
    string(REPLACE "${_stackprobe_byte_05}" "" text "${text}")
    string(REPLACE "${_stackprobe_byte_06}" "" text "${text}")
  endif()
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

# Sets out_var to text as a JSON string literal, quotes included, cleaned first.
function(stackprobe_json_quote out_var text)
  stackprobe_text_clean(text "${text}")
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  string(REPLACE "\n" "\\n" text "${text}")
  string(REPLACE "\t" "\\t" text "${text}")
  set(${out_var} "\"${text}\"" PARENT_SCOPE)
endfunction()

# Sets member key of the JSON object in json_var to the string text.
function(stackprobe_json_set_string json_var key text)
  stackprobe_json_quote(_quoted "${text}")
  string(JSON _json SET "${${json_var}}" "${key}" "${_quoted}")
  set(${json_var} "${_json}" PARENT_SCOPE)
endfunction()

# Sets member key of the JSON object in json_var to true or false, from a CMake truth value
# (string(JSON GET) hands JSON booleans back as ON/OFF).
function(stackprobe_json_set_bool json_var key value)
  if(value)
    string(JSON _json SET "${${json_var}}" "${key}" true)
  else()
    string(JSON _json SET "${${json_var}}" "${key}" false)
  endif()
  set(${json_var} "${_json}" PARENT_SCOPE)
endfunction()

# Appends the JSON value to the array at the path (the remaining arguments; none: the top level)
# of the JSON in json_var.
function(stackprobe_json_append json_var value)
  string(JSON _length LENGTH "${${json_var}}" ${ARGN})
  string(JSON _json SET "${${json_var}}" ${ARGN} ${_length} "${value}")
  set(${json_var} "${_json}" PARENT_SCOPE)
endfunction()

# Appends text as a JSON string to the array at the path of the JSON in json_var.
function(stackprobe_json_append_string json_var text)
  stackprobe_json_quote(_quoted "${text}")
  string(JSON _length LENGTH "${${json_var}}" ${ARGN})
  string(JSON _json SET "${${json_var}}" ${ARGN} ${_length} "${_quoted}")
  set(${json_var} "${_json}" PARENT_SCOPE)
endfunction()

# Sets out_var to the indices of the array at the path, "" when it is empty, missing or not an
# array, so that foreach(i IN LISTS out_var) runs zero times instead of failing on RANGE -1.
function(stackprobe_json_indices out_var json)
  _stackprobe_json_indices_of(_indices ARRAY "${json}" ${ARGN})
  set(${out_var} "${_indices}" PARENT_SCOPE)
endfunction()

# The same for the object at the path: the indices of its members, for string(JSON ... MEMBER).
function(stackprobe_json_member_indices out_var json)
  _stackprobe_json_indices_of(_indices OBJECT "${json}" ${ARGN})
  set(${out_var} "${_indices}" PARENT_SCOPE)
endfunction()

function(_stackprobe_json_indices_of out_var type json)
  set(_indices "")
  string(JSON _type ERROR_VARIABLE _missing TYPE "${json}" ${ARGN})
  if(NOT _missing AND _type STREQUAL type)
    string(JSON _length LENGTH "${json}" ${ARGN})
    if(_length GREATER 0)
      math(EXPR _last "${_length} - 1")
      foreach(_i RANGE ${_last})
        list(APPEND _indices ${_i})
      endforeach()
    endif()
  endif()
  set(${out_var} "${_indices}" PARENT_SCOPE)
endfunction()

# Sets out_var to the member at the path, or to default when it is missing or null.
function(stackprobe_json_get_or out_var json default)
  string(JSON _value ERROR_VARIABLE _missing GET "${json}" ${ARGN})
  if(_missing)
    set(_value "${default}")
  else()
    string(JSON _type TYPE "${json}" ${ARGN})
    if(_type STREQUAL "NULL")
      set(_value "${default}")
    endif()
  endif()
  set(${out_var} "${_value}" PARENT_SCOPE)
endfunction()

# Sets out_var to a JSON array of the strings in the list named by list_var. Only for lists whose
# items cannot hold ";" (names, step words checked by the caller).
function(stackprobe_json_string_array out_var list_var)
  set(_array "[]")
  foreach(_item IN LISTS ${list_var})
    stackprobe_json_append_string(_array "${_item}")
  endforeach()
  set(${out_var} "${_array}" PARENT_SCOPE)
endfunction()

# Sets out_var to text escaped for HTML and XML text and attribute values.
function(stackprobe_escape_html out_var text)
  stackprobe_text_clean(text "${text}")
  string(REPLACE "&" "&amp;" text "${text}")
  string(REPLACE "<" "&lt;" text "${text}")
  string(REPLACE ">" "&gt;" text "${text}")
  string(REPLACE "\"" "&quot;" text "${text}")
  string(REPLACE "'" "&#39;" text "${text}")
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

# Sets out_var to text for one line of Markdown (a table cell, a list item): inline markup,
# HTML and the table's "|" escaped, line breaks folded into spaces.
function(stackprobe_escape_markdown out_var text)
  stackprobe_text_clean(text "${text}")
  string(REGEX REPLACE "[\n\t]+" " " text "${text}")
  string(REGEX REPLACE "([][\\`*_|~])" "\\\\\\1" text "${text}")
  string(REPLACE "&" "&amp;" text "${text}")
  string(REPLACE "<" "&lt;" text "${text}")
  string(REPLACE ">" "&gt;" text "${text}")
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

# Sets out_var to a fence of backticks longer than any run of backticks in text, so that a code
# block holding it cannot be closed early.
function(stackprobe_markdown_fence out_var text)
  set(_fence "```")
  string(FIND "${text}" "${_fence}" _at)
  while(NOT _at EQUAL -1)
    string(APPEND _fence "`")
    string(FIND "${text}" "${_fence}" _at)
  endwhile()
  set(${out_var} "${_fence}" PARENT_SCOPE)
endfunction()

# Sets out_var to word quoted for a POSIX shell when it needs it.
function(stackprobe_shell_quote out_var word)
  stackprobe_text_clean(word "${word}")
  if(word STREQUAL "" OR word MATCHES "[^A-Za-z0-9_./=:,+@%-]")
    string(REPLACE "'" "'\\''" word "${word}")
    set(word "'${word}'")
  endif()
  set(${out_var} "${word}" PARENT_SCOPE)
endfunction()

# Sets out_var to ON when name may become part of a file name (a toolchain's recipe, a step's
# log): letters, digits, "_", "." and "-", and not "." or "..".
function(stackprobe_is_safe_name out_var name)
  if(name MATCHES "^[A-Za-z0-9_.-]+$" AND NOT name MATCHES "^\\.\\.?$")
    set(${out_var} ON PARENT_SCOPE)
  else()
    set(${out_var} OFF PARENT_SCOPE)
  endif()
endfunction()

# Sets <prefix>_count to the number of lines of text and <prefix>_<n> (from 0) to each line,
# every one in a variable of its own: a list would split a line at ";" or glue two at an
# unbalanced bracket. For short texts (a list file, an index): each line copies the rest.
function(stackprobe_text_lines prefix text)
  string(REPLACE "\r" "" text "${text}")
  set(_count 0)
  while(NOT text STREQUAL "")
    string(FIND "${text}" "\n" _end)
    if(_end EQUAL -1)
      set(_line "${text}")
      set(text "")
    else()
      string(SUBSTRING "${text}" 0 ${_end} _line)
      math(EXPR _end "${_end} + 1")
      string(SUBSTRING "${text}" ${_end} -1 text)
    endif()
    set(${prefix}_${_count} "${_line}" PARENT_SCOPE)
    math(EXPR _count "${_count} + 1")
  endwhile()
  set(${prefix}_count ${_count} PARENT_SCOPE)
endfunction()

# Sets out_var to a new file name in the system's temporary folder (TMPDIR, TEMP, else /tmp).
function(stackprobe_temp_file out_var suffix)
  if(DEFINED ENV{TMPDIR} AND NOT "$ENV{TMPDIR}" STREQUAL "")
    set(_temp "$ENV{TMPDIR}")
  elseif(DEFINED ENV{TEMP} AND NOT "$ENV{TEMP}" STREQUAL "")
    set(_temp "$ENV{TEMP}")
  else()
    set(_temp "/tmp")
  endif()
  file(TO_CMAKE_PATH "${_temp}" _temp)
  string(RANDOM LENGTH 12 _token)
  set(${out_var} "${_temp}/stackprobe-${_token}${suffix}" PARENT_SCOPE)
endfunction()

# Appends item to the text in text_var, after separator when the text is not empty.
function(stackprobe_text_join text_var separator item)
  if("${${text_var}}" STREQUAL "")
    set(${text_var} "${item}" PARENT_SCOPE)
  else()
    set(${text_var} "${${text_var}}${separator}${item}" PARENT_SCOPE)
  endif()
endfunction()
