/* The host-key check shared by the probes and the benchmark client (see known_host.h). */
#include "known_host.h"

#include <stdio.h>

static const char *session_error_text(LIBSSH2_SESSION *session)
{
  char *message = NULL;

  libssh2_session_last_error(session, &message, NULL, 0);
  return message ? message : "no libssh2 error recorded";
}

int known_host_check(LIBSSH2_SESSION *session, const char *host, int port, const char *known_hosts,
                     char *detail, size_t detail_size)
{
  LIBSSH2_KNOWNHOSTS *known = libssh2_knownhost_init(session);
  const char *key;
  size_t key_length = 0;
  int key_type = 0;
  int check = LIBSSH2_KNOWNHOST_CHECK_FAILURE;

  if(!known) {
    snprintf(detail, detail_size, "libssh2_knownhost_init: %s", session_error_text(session));
    return -1;
  }
  if(libssh2_knownhost_readfile(known, known_hosts, LIBSSH2_KNOWNHOST_FILE_OPENSSH) <= 0) {
    snprintf(detail, detail_size, "reading %s: %s", known_hosts, session_error_text(session));
    libssh2_knownhost_free(known);
    return -1;
  }
  key = libssh2_session_hostkey(session, &key_length, &key_type);
  if(key)
    check =
        libssh2_knownhost_checkp(known, host, port, key, key_length,
                                 LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW, NULL);
  libssh2_knownhost_free(known);
  if(check != LIBSSH2_KNOWNHOST_CHECK_MATCH) {
    snprintf(detail, detail_size,
             "the host key of %s port %d is not the one in %s (libssh2_knownhost_checkp gave %d; "
             "0 is a match): refused",
             host, port, known_hosts, check);
    return -1;
  }
  snprintf(detail, detail_size, "host key of %s port %d matches %s", host, port, known_hosts);
  return 0;
}
