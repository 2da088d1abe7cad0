/* make_files: writes the benchmark's source files, file-0000.bin ... in a folder, each of the
 * given size, filled with seeded pseudo-random bytes (xorshift64) so every run moves the same data.
 *   make_files DIR FILES BYTES_PER_FILE SEED */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK_BYTES = 1024 * 1024 };

static int parse_count(const char *text, long long maximum, long long *value)
{
  char *end = NULL;
  long long parsed;

  errno = 0;
  parsed = strtoll(text, &end, 10);
  if(errno != 0 || end == text || *end != '\0' || parsed < 0 || parsed > maximum)
    return -1;
  *value = parsed;
  return 0;
}

static unsigned long long next_random(unsigned long long *state)
{
  *state ^= *state << 13;
  *state ^= *state >> 7;
  *state ^= *state << 17;
  return *state;
}

static int write_file(const char *path, long long bytes, unsigned long long *state,
                      unsigned char *chunk)
{
  FILE *file = fopen(path, "wb");
  long long remaining = bytes;

  if(!file) {
    fprintf(stderr, "make_files: creating %s: %s\n", path, strerror(errno));
    return -1;
  }
  while(remaining > 0) {
    size_t length = remaining < CHUNK_BYTES ? (size_t)remaining : CHUNK_BYTES;
    size_t i;

    for(i = 0; i + 8 <= length; i += 8) {
      unsigned long long value = next_random(state);

      memcpy(chunk + i, &value, 8);
    }
    for(; i < length; i++)
      chunk[i] = (unsigned char)next_random(state);
    if(fwrite(chunk, 1, length, file) != length) {
      fprintf(stderr, "make_files: writing %s: %s\n", path, strerror(errno));
      fclose(file);
      return -1;
    }
    remaining -= (long long)length;
  }
  if(fclose(file) != 0) {
    fprintf(stderr, "make_files: closing %s: %s\n", path, strerror(errno));
    return -1;
  }
  return 0;
}

int main(int argc, char **argv)
{
  long long files;
  long long bytes;
  long long seed;
  long long index;
  unsigned long long state;
  unsigned char *chunk;
  char path[1024];
  int result = 0;

  if(argc != 5 || parse_count(argv[2], 1000000, &files) != 0 ||
     parse_count(argv[3], 1LL << 40, &bytes) != 0 || parse_count(argv[4], 1LL << 62, &seed) != 0) {
    fprintf(stderr, "usage: make_files DIR FILES BYTES_PER_FILE SEED\n");
    return 2;
  }
  chunk = malloc(CHUNK_BYTES);
  if(!chunk) {
    fprintf(stderr, "make_files: out of memory\n");
    return 1;
  }
  /* The state must never be zero for xorshift; the constant only spreads small seeds. */
  state = (unsigned long long)seed * 0x9E3779B97F4A7C15ULL + 1;
  for(index = 0; index < files && result == 0; index++) {
    snprintf(path, sizeof(path), "%s/file-%04lld.bin", argv[1], index);
    result = write_file(path, bytes, &state, chunk);
  }
  free(chunk);
  return result == 0 ? 0 : 1;
}
