/* The host-key check of the probes and the benchmark client: the server's key must be the one
 * known_hosts holds for host:port; an unknown or different key is refused, never accepted. */
#ifndef KNOWN_HOST_H
#define KNOWN_HOST_H

#include <stddef.h>

#include <libssh2.h>

/* Returns 0 when the session's host key matches known_hosts for host and port; otherwise -1,
 * with the reason (libssh2's error text or the check's result) in detail. */
int known_host_check(LIBSSH2_SESSION *session, const char *host, int port, const char *known_hosts,
                     char *detail, size_t detail_size);

#endif
