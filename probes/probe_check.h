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

/* Fills buffer with reproducible pseudo-random bytes (xorshift32) from seed. */
void probe_fill_seeded(unsigned char *buffer, size_t length, unsigned int seed);

#endif
