/* SHA-256 as FIPS 180-4 section 6.2 describes it, one 64-byte block at a time. */
#include "sha256.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const uint32_t round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static uint32_t rotate_right(uint32_t value, int bits)
{
  return (value >> bits) | (value << (32 - bits));
}

static void compress_block(uint32_t state[8], const unsigned char block[64])
{
  uint32_t schedule[64];
  uint32_t a, b, c, d, e, f, g, h;
  int i;

  /* The message is big-endian whatever the host's byte order. */
  for(i = 0; i < 16; i++) {
    schedule[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 |
                  (uint32_t)block[4 * i + 2] << 8 | (uint32_t)block[4 * i + 3];
  }
  for(i = 16; i < 64; i++) {
    uint32_t s0 = rotate_right(schedule[i - 15], 7) ^ rotate_right(schedule[i - 15], 18) ^
                  (schedule[i - 15] >> 3);
    uint32_t s1 = rotate_right(schedule[i - 2], 17) ^ rotate_right(schedule[i - 2], 19) ^
                  (schedule[i - 2] >> 10);
    schedule[i] = schedule[i - 16] + s0 + schedule[i - 7] + s1;
  }

  a = state[0];
  b = state[1];
  c = state[2];
  d = state[3];
  e = state[4];
  f = state[5];
  g = state[6];
  h = state[7];
  for(i = 0; i < 64; i++) {
    uint32_t sum1 = rotate_right(e, 6) ^ rotate_right(e, 11) ^ rotate_right(e, 25);
    uint32_t choose = (e & f) ^ (~e & g);
    uint32_t temp1 = h + sum1 + choose + round_constants[i] + schedule[i];
    uint32_t sum0 = rotate_right(a, 2) ^ rotate_right(a, 13) ^ rotate_right(a, 22);
    uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
    uint32_t temp2 = sum0 + majority;
    h = g;
    g = f;
    f = e;
    e = d + temp1;
    d = c;
    c = b;
    b = a;
    a = temp1 + temp2;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

void sha256_init(struct sha256 *hash)
{
  static const uint32_t initial_state[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                            0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

  memcpy(hash->state, initial_state, sizeof(initial_state));
  hash->length = 0;
  hash->used = 0;
}

void sha256_update(struct sha256 *hash, const void *data, size_t size)
{
  const unsigned char *bytes = data;

  hash->length += size;
  /* Top up a partly filled block first, then hash whole blocks straight from the caller's
   * memory: no copy for the bulk of a large file. */
  if(hash->used > 0) {
    size_t room = sizeof(hash->block) - hash->used;
    size_t taken = size < room ? size : room;
    memcpy(hash->block + hash->used, bytes, taken);
    hash->used += taken;
    bytes += taken;
    size -= taken;
    if(hash->used < sizeof(hash->block))
      return;
    compress_block(hash->state, hash->block);
    hash->used = 0;
  }
  while(size >= sizeof(hash->block)) {
    compress_block(hash->state, bytes);
    bytes += sizeof(hash->block);
    size -= sizeof(hash->block);
  }
  if(size > 0) {
    memcpy(hash->block, bytes, size);
    hash->used = size;
  }
}

void sha256_final(struct sha256 *hash, unsigned char digest[32])
{
  uint64_t bit_length = hash->length * 8;
  int i;

  /* Padding: a 1 bit, zeros up to 56 bytes into a block, then the length in bits. */
  hash->block[hash->used++] = 0x80;
  if(hash->used > 56) {
    memset(hash->block + hash->used, 0, sizeof(hash->block) - hash->used);
    compress_block(hash->state, hash->block);
    hash->used = 0;
  }
  memset(hash->block + hash->used, 0, 56 - hash->used);
  for(i = 0; i < 8; i++)
    hash->block[56 + i] = (unsigned char)(bit_length >> (56 - 8 * i));
  compress_block(hash->state, hash->block);

  for(i = 0; i < 8; i++) {
    digest[4 * i] = (unsigned char)(hash->state[i] >> 24);
    digest[4 * i + 1] = (unsigned char)(hash->state[i] >> 16);
    digest[4 * i + 2] = (unsigned char)(hash->state[i] >> 8);
    digest[4 * i + 3] = (unsigned char)hash->state[i];
  }
  /* The state would otherwise go on describing a hash that has been finished. */
  sha256_init(hash);
}

int sha256_file_hex(const char *path, char hex[65])
{
  static const char hex_digits[] = "0123456789abcdef";
  unsigned char buffer[65536];
  unsigned char digest[32];
  struct sha256 hash;
  size_t got;
  FILE *file;
  int i;

  /* Binary mode, or Windows would hash text-mode translated bytes. */
  file = fopen(path, "rb");
  if(!file)
    return -1;
  sha256_init(&hash);
  errno = 0;
  while((got = fread(buffer, 1, sizeof(buffer), file)) > 0)
    sha256_update(&hash, buffer, got);
  if(ferror(file)) {
    /* fread need not set errno, and fclose must not overwrite the reason it did set. */
    int read_error = errno != 0 ? errno : EIO;
    fclose(file);
    errno = read_error;
    return -1;
  }
  fclose(file);
  sha256_final(&hash, digest);
  for(i = 0; i < 32; i++) {
    hex[2 * i] = hex_digits[digest[i] >> 4];
    hex[2 * i + 1] = hex_digits[digest[i] & 15];
  }
  hex[64] = '\0';
  return 0;
}
