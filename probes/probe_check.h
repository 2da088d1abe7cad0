/* Checks shared by the probes: each check prints one line, "ok" or "FAIL" with what was seen
 * and what was expected, and the probe's exit status counts the failures. */
#ifndef PROBE_CHECK_H
#define PROBE_CHECK_H

#include <stddef.h>

struct probe {
  const char *library;
  int checks;
  int failures;
};

void probe_begin(struct probe *probe, const char *library);
int probe_expect(struct probe *probe, int ok, const char *check, const char *detail);
int probe_expect_text(struct probe *probe, const char *check, const char *seen,
                      const char *expected);
int probe_expect_hex(struct probe *probe, const char *check, const unsigned char *seen,
                     size_t length, const char *expected_hex);
int probe_end(struct probe *probe);

/* The loopback server the libssh2 and curl probes log in to, as their command lines give it:
 * HOST PORT USER PRIVATE_KEY PUBLIC_KEY KNOWN_HOSTS, then one more word of the probe's own. */
struct probe_server {
  const char *host;
  const char *port;
  const char *user;
  const char *private_key;
  const char *public_key;
  const char *known_hosts;
  const char *extra; /* libssh2: the server's log; curl: the folder on the server */
};

/* Reads the server from words[0..5] and, when there is one, words[6] (else extra is NULL). */
void probe_server_read(struct probe_server *server, char **words, int count);

/* Fills buffer with reproducible pseudo-random bytes (xorshift32) from seed. */
void probe_fill_seeded(unsigned char *buffer, size_t length, unsigned int seed);

#endif
