/* SHA-256 (FIPS 180-4) without dependencies: the benchmark records the hash of the files it
 * moved and of the programs it ran, so that results can be traced to exact inputs. */
#ifndef STACKPROBE_SHA256_H
#define STACKPROBE_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
  uint32_t state[8];
  uint64_t length; /* bytes hashed so far */
  unsigned char block[64];
  size_t used; /* bytes waiting in block */
};

void sha256_init(struct sha256 *hash);
void sha256_update(struct sha256 *hash, const void *data, size_t size);
void sha256_final(struct sha256 *hash, unsigned char digest[32]);
/* Hex of the SHA-256 of a file's bytes into hex[65]; 0, or -1 with errno set when it cannot be
 * read. */
int sha256_file_hex(const char *path, char hex[65]);

#endif
