/* GMP probe: the header and the library agree on the version and the limb size, known answers
 * come out, and mpz_powm_sec exists (PyCrypto's "rebuild using libgmp >= 5" warning is about it).
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <gmp.h>

#include "probe_check.h"

static void check_known_answers(struct probe *probe)
{
  mpz_t value;
  mpz_t base;
  mpz_t exponent;
  mpz_t modulus;
  char text[128];

  mpz_inits(value, base, exponent, modulus, NULL);

  mpz_fac_ui(value, 30);
  gmp_snprintf(text, sizeof(text), "%Zd", value);
  probe_expect_text(probe, "30!", text, "265252859812191058636308480000000");

  mpz_set_ui(base, 4);
  mpz_set_ui(exponent, 13);
  mpz_set_ui(modulus, 497);
  mpz_powm(value, base, exponent, modulus);
  gmp_snprintf(text, sizeof(text), "%Zd", value);
  probe_expect_text(probe, "4^13 mod 497 (mpz_powm)", text, "445");

  /* 3^(2^100 + 7) mod (2^127 - 1), through the side-channel silent exponentiation. */
  mpz_set_ui(base, 3);
  mpz_ui_pow_ui(exponent, 2, 100);
  mpz_add_ui(exponent, exponent, 7);
  mpz_ui_pow_ui(modulus, 2, 127);
  mpz_sub_ui(modulus, modulus, 1);
  mpz_powm_sec(value, base, exponent, modulus);
  gmp_snprintf(text, sizeof(text), "%Zd", value);
  probe_expect_text(probe, "3^(2^100+7) mod (2^127-1) (mpz_powm_sec)", text,
                    "35918501684820074657246006075159498392");

  probe_expect(probe, mpz_probab_prime_p(modulus, 25) > 0, "2^127-1 is prime",
               "mpz_probab_prime_p says composite");

  mpz_clears(value, base, exponent, modulus, NULL);
}

int main(void)
{
  struct probe probe;
  char header_version[32];
  char detail[128];

  probe_begin(&probe, "gmp");
  snprintf(header_version, sizeof(header_version), "%d.%d.%d", __GNU_MP_VERSION,
           __GNU_MP_VERSION_MINOR, __GNU_MP_VERSION_PATCHLEVEL);
  probe_expect_text(&probe, "header __GNU_MP_VERSION equals gmp_version", gmp_version,
                    header_version);

  snprintf(detail, sizeof(detail), "GMP_LIMB_BITS %d, mp_limb_t has %d bits, library %d",
           GMP_LIMB_BITS, (int)(sizeof(mp_limb_t) * CHAR_BIT), mp_bits_per_limb);
  probe_expect(&probe,
               GMP_LIMB_BITS == (int)(sizeof(mp_limb_t) * CHAR_BIT) &&
                   GMP_LIMB_BITS == mp_bits_per_limb,
               "limb size of header, type and library agree", detail);

#if __GNU_MP_VERSION < 5
  probe_expect(&probe, 0, "mpz_powm_sec available",
               "GMP older than 5 has no mpz_powm_sec: \"You should rebuild using libgmp >= 5 "
               "to avoid timing attack vulnerability\"; build GMP 6 and put it first on the "
               "include and library paths");
#else
  probe_expect(&probe, 1, "mpz_powm_sec available", "");
  check_known_answers(&probe);
#endif
  return probe_end(&probe);
}
