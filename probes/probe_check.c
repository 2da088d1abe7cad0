/* Checks shared by the probes: one line per check on stdout, failures also counted for the
 * exit status, so a CTest run and the superbuild's log show which check failed and why. */
#include "probe_check.h"

#include <stdio.h>
#include <string.h>

void probe_begin(struct probe *probe, const char *library)
{
  /* Unbuffered: a probe that crashes or is killed still shows every check it got through. */
  setvbuf(stdout, NULL, _IONBF, 0);
  probe->library = library;
  probe->checks = 0;
  probe->failures = 0;
}

int probe_expect(struct probe *probe, int ok, const char *check, const char *detail)
{
  probe->checks++;
  if(ok) {
    printf("ok   %s: %s\n", probe->library, check);
    return 0;
  }
  probe->failures++;
  printf("FAIL %s: %s: %s\n", probe->library, check, detail);
  return 1;
}

int probe_expect_text(struct probe *probe, const char *check, const char *seen,
                      const char *expected)
{
  char detail[512];

  if(!seen)
    seen = "(null)";
  snprintf(detail, sizeof(detail), "saw \"%s\", expected \"%s\"", seen, expected);
  return probe_expect(probe, strcmp(seen, expected) == 0, check, detail);
}

int probe_expect_hex(struct probe *probe, const char *check, const unsigned char *seen,
                     size_t length, const char *expected_hex)
{
  char seen_hex[256];
  char detail[640];
  size_t i;

  if(length * 2 + 1 > sizeof(seen_hex))
    return probe_expect(probe, 0, check, "value too long to compare");
  for(i = 0; i < length; i++)
    snprintf(seen_hex + i * 2, 3, "%02x", seen[i]);
  seen_hex[length * 2] = '\0';
  snprintf(detail, sizeof(detail), "saw %s, expected %s", seen_hex, expected_hex);
  return probe_expect(probe, strcmp(seen_hex, expected_hex) == 0, check, detail);
}

int probe_end(struct probe *probe)
{
  if(probe->failures == 0) {
    printf("%s: all %d checks passed\n", probe->library, probe->checks);
    return 0;
  }
  printf("%s: %d of %d checks FAILED\n", probe->library, probe->failures, probe->checks);
  return 1;
}

void probe_fill_seeded(unsigned char *buffer, size_t length, unsigned int seed)
{
  unsigned int state = seed ? seed : 1u;
  size_t i;

  for(i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    buffer[i] = (unsigned char)(state >> 24);
  }
}

void probe_server_read(struct probe_server *server, char **words, int count)
{
  server->host = words[0];
  server->port = words[1];
  server->user = words[2];
  server->private_key = words[3];
  server->public_key = words[4];
  server->known_hosts = words[5];
  server->extra = count > 6 ? words[6] : NULL;
}
