# The words given to a probe that logs in to a loopback sshd (probe_libssh2, probe_curl), shared
# by the superbuild's probe runs (cmake/scripts/run_probes.cmake) and the tests that run the
# probes again.

include_guard(GLOBAL)

# Sets out_var to HOST PORT USER PRIVATE_KEY PUBLIC_KEY KNOWN_HOSTS of the server that
# bench/sshd.cmake described in <sshd_dir>/server.cmake, then the probe's own word:
#   curl     a fresh folder REMOTE on the server, named as the server (never Wine) names it;
#   libssh2  with WITH_LOG, the server's log, which says whether strict key exchange was used.
# PATH_PREFIX goes before the paths the probe opens itself (Z: under Wine); KNOWN_HOSTS replaces
# the server's known_hosts file.
function(stackprobe_probe_server_words out_var library sshd_dir)
  cmake_parse_arguments(PARSE_ARGV 3 _arg "WITH_LOG" "PATH_PREFIX;KNOWN_HOSTS;REMOTE" "")
  include("${sshd_dir}/server.cmake")
  if(_arg_KNOWN_HOSTS)
    set(SSHD_KNOWN_HOSTS "${_arg_KNOWN_HOSTS}")
  endif()
  set(_words ${SSHD_HOST} ${SSHD_PORT} ${SSHD_USER} "${_arg_PATH_PREFIX}${SSHD_PRIVATE_KEY}"
    "${_arg_PATH_PREFIX}${SSHD_PUBLIC_KEY}" "${_arg_PATH_PREFIX}${SSHD_KNOWN_HOSTS}")
  if(library STREQUAL "curl")
    file(REMOVE_RECURSE "${_arg_REMOTE}")
    file(MAKE_DIRECTORY "${_arg_REMOTE}")
    list(APPEND _words "${_arg_REMOTE}")
  elseif(_arg_WITH_LOG)
    list(APPEND _words "${_arg_PATH_PREFIX}${sshd_dir}/sshd.log")
  endif()
  set(${out_var} "${_words}" PARENT_SCOPE)
endfunction()
