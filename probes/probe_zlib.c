/* zlib probe: the header and the library agree on the version, data survives a compress and
 * uncompress round trip, and the checksums give the published answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "probe_check.h"

enum { ROUND_TRIP_BYTES = 1024 * 1024 };

static void check_round_trip(struct probe *probe)
{
  unsigned char *original = malloc(ROUND_TRIP_BYTES);
  uLong bound = compressBound(ROUND_TRIP_BYTES);
  unsigned char *compressed = malloc(bound);
  unsigned char *restored = malloc(ROUND_TRIP_BYTES);
  uLongf compressed_length = bound;
  uLongf restored_length = ROUND_TRIP_BYTES;
  char detail[128];
  int rc;

  if(!original || !compressed || !restored) {
    probe_expect(probe, 0, "round trip of 1 MiB", "out of memory");
    goto cleanup;
  }
  /* Half seeded noise, half a repeated pattern: both of deflate's paths get exercised. */
  probe_fill_seeded(original, ROUND_TRIP_BYTES / 2, 12345u);
  memset(original + ROUND_TRIP_BYTES / 2, 'z', ROUND_TRIP_BYTES / 2);

  rc = compress2(compressed, &compressed_length, original, ROUND_TRIP_BYTES, Z_BEST_COMPRESSION);
  snprintf(detail, sizeof(detail), "compress2 returned %d", rc);
  if(probe_expect(probe, rc == Z_OK, "compress2 of 1 MiB", detail))
    goto cleanup;
  rc = uncompress(restored, &restored_length, compressed, compressed_length);
  snprintf(detail, sizeof(detail), "uncompress returned %d, %lu bytes", rc,
           (unsigned long)restored_length);
  if(probe_expect(probe, rc == Z_OK && restored_length == ROUND_TRIP_BYTES,
                  "uncompress of the compressed data", detail))
    goto cleanup;
  probe_expect(probe, memcmp(original, restored, ROUND_TRIP_BYTES) == 0,
               "round trip gives the original bytes", "restored data differs");

cleanup:
  free(restored);
  free(compressed);
  free(original);
}

int main(void)
{
  static const unsigned char check_input[] = "123456789";
  struct probe probe;
  char detail[128];
  uLong crc;
  uLong adler;

  probe_begin(&probe, "zlib");
  probe_expect_text(&probe, "header ZLIB_VERSION equals zlibVersion()", zlibVersion(),
                    ZLIB_VERSION);
  check_round_trip(&probe);

  crc = crc32(crc32(0L, Z_NULL, 0), check_input, 9);
  snprintf(detail, sizeof(detail), "saw 0x%08lx, expected 0xcbf43926", crc);
  probe_expect(&probe, crc == 0xcbf43926UL, "crc32(\"123456789\")", detail);
  adler = adler32(adler32(0L, Z_NULL, 0), check_input, 9);
  snprintf(detail, sizeof(detail), "saw 0x%08lx, expected 0x091e01de", adler);
  probe_expect(&probe, adler == 0x091e01deUL, "adler32(\"123456789\")", detail);
  return probe_end(&probe);
}
