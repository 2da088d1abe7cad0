/* Consumer of an installed stackprobe prefix: checks that headers and libraries of zlib, GMP,
 * OpenSSL and libssh2 report the versions the lock pins. Exits non-zero naming every mismatch. */
#include <stdio.h>
#include <string.h>

#include <gmp.h>
#include <libssh2.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>
#include <zlib.h>

static int check_version(const char *library, const char *what, const char *seen,
                         const char *expected)
{
  if(strcmp(seen, expected) != 0) {
    fprintf(stderr, "consumer: %s %s is %s, the lock pins %s\n", library, what, seen, expected);
    return 1;
  }
  printf("%s %s %s\n", library, what, seen);
  return 0;
}

int main(void)
{
  char gmp_header[32];
  int failures = 0;

  snprintf(gmp_header, sizeof(gmp_header), "%d.%d.%d", __GNU_MP_VERSION, __GNU_MP_VERSION_MINOR,
           __GNU_MP_VERSION_PATCHLEVEL);

  failures += check_version("zlib", "header", ZLIB_VERSION, EXPECTED_ZLIB);
  failures += check_version("zlib", "library", zlibVersion(), EXPECTED_ZLIB);
  failures += check_version("gmp", "header", gmp_header, EXPECTED_GMP);
  failures += check_version("gmp", "library", gmp_version, EXPECTED_GMP);
  failures += check_version("openssl", "header", OPENSSL_VERSION_STR, EXPECTED_OPENSSL);
  failures += check_version("openssl", "library", OpenSSL_version(OPENSSL_VERSION_STRING),
                            EXPECTED_OPENSSL);
  failures += check_version("libssh2", "header", LIBSSH2_VERSION, EXPECTED_LIBSSH2);
  failures += check_version("libssh2", "library", libssh2_version(0), EXPECTED_LIBSSH2);
  return failures == 0 ? 0 : 1;
}
