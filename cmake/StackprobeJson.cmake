# JSON helpers for the scripts that write report.json and the step records.
# string(JSON ... SET) takes JSON values, so plain text must be quoted first.

include_guard(GLOBAL)

# Sets out_var to text as a JSON string literal, quotes included.
function(stackprobe_json_quote out_var text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  string(REPLACE "\n" "\\n" text "${text}")
  string(REPLACE "\r" "\\r" text "${text}")
  string(REPLACE "\t" "\\t" text "${text}")
  set(${out_var} "\"${text}\"" PARENT_SCOPE)
endfunction()

# Sets member key of the JSON object in json_var to the string text.
function(stackprobe_json_set_string json_var key text)
  stackprobe_json_quote(_quoted "${text}")
  string(JSON _json SET "${${json_var}}" "${key}" "${_quoted}")
  set(${json_var} "${_json}" PARENT_SCOPE)
endfunction()

# Sets out_var to a JSON array of the strings in the list named by list_var.
function(stackprobe_json_string_array out_var list_var)
  set(_items "")
  foreach(_item IN LISTS ${list_var})
    stackprobe_json_quote(_quoted "${_item}")
    list(APPEND _items "${_quoted}")
  endforeach()
  list(JOIN _items ", " _joined)
  set(${out_var} "[${_joined}]" PARENT_SCOPE)
endfunction()
