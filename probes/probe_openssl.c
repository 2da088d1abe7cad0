/* OpenSSL probe: header and library agree on the version, the default provider loads, and
 * SHA-256 and AES-128-GCM give the published test vectors; the random generator works. */
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/opensslv.h>
#include <openssl/provider.h>
#include <openssl/rand.h>

#include "probe_check.h"

/* Sets text to OpenSSL's last error, for the detail of a failed check. */
static const char *last_error(char *text, size_t size)
{
  unsigned long code = ERR_get_error();

  if(code == 0)
    snprintf(text, size, "no OpenSSL error recorded");
  else
    ERR_error_string_n(code, text, size);
  return text;
}

static void check_sha256(struct probe *probe)
{
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  char error[256];

  if(probe_expect(probe, EVP_Digest("abc", 3, digest, &digest_length, EVP_sha256(), NULL) == 1,
                  "EVP_Digest SHA-256", last_error(error, sizeof(error))))
    return;
  probe_expect_hex(probe, "SHA-256(\"abc\")", digest, digest_length,
                   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* The AES-GCM test case 3 of the GCM specification (McGrew and Viega). */
static void check_aes128_gcm(struct probe *probe)
{
  static const unsigned char key[16] = {0xfe, 0xff, 0xe9, 0x92, 0x86, 0x65, 0x73, 0x1c,
                                        0x6d, 0x6a, 0x8f, 0x94, 0x67, 0x30, 0x83, 0x08};
  static const unsigned char iv[12] = {0xca, 0xfe, 0xba, 0xbe, 0xfa, 0xce,
                                       0xdb, 0xad, 0xde, 0xca, 0xf8, 0x88};
  static const unsigned char plaintext[64] = {
      0xd9, 0x31, 0x32, 0x25, 0xf8, 0x84, 0x06, 0xe5, 0xa5, 0x59, 0x09, 0xc5, 0xaf,
      0xf5, 0x26, 0x9a, 0x86, 0xa7, 0xa9, 0x53, 0x15, 0x34, 0xf7, 0xda, 0x2e, 0x4c,
      0x30, 0x3d, 0x8a, 0x31, 0x8a, 0x72, 0x1c, 0x3c, 0x0c, 0x95, 0x95, 0x68, 0x09,
      0x53, 0x2f, 0xcf, 0x0e, 0x24, 0x49, 0xa6, 0xb5, 0x25, 0xb1, 0x6a, 0xed, 0xf5,
      0xaa, 0x0d, 0xe6, 0x57, 0xba, 0x63, 0x7b, 0x39, 0x1a, 0xaf, 0xd2, 0x55};
  unsigned char ciphertext[64];
  unsigned char tag[16];
  char error[256];
  int length = 0;
  int final_length = 0;
  EVP_CIPHER_CTX *context = EVP_CIPHER_CTX_new();

  if(probe_expect(probe, context != NULL, "EVP_CIPHER_CTX_new", "out of memory"))
    return;
  if(probe_expect(probe,
                  EVP_EncryptInit_ex(context, EVP_aes_128_gcm(), NULL, key, iv) == 1 &&
                      EVP_EncryptUpdate(context, ciphertext, &length, plaintext,
                                        (int)sizeof(plaintext)) == 1 &&
                      EVP_EncryptFinal_ex(context, ciphertext + length, &final_length) == 1 &&
                      EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, 16, tag) == 1,
                  "AES-128-GCM encryption", last_error(error, sizeof(error))))
    goto cleanup;
  probe_expect_hex(probe, "AES-128-GCM ciphertext (GCM test case 3)", ciphertext,
                   (size_t)(length + final_length),
                   "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                   "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985");
  probe_expect_hex(probe, "AES-128-GCM tag (GCM test case 3)", tag, sizeof(tag),
                   "4d5c2af327cd64a62cf35abd2ba6fab4");
cleanup:
  EVP_CIPHER_CTX_free(context);
}

static void check_random(struct probe *probe)
{
  unsigned char first[32];
  unsigned char second[32];
  char error[256];

  if(probe_expect(probe,
                  RAND_bytes(first, sizeof(first)) == 1 && RAND_bytes(second, sizeof(second)) == 1,
                  "RAND_bytes", last_error(error, sizeof(error))))
    return;
  probe_expect(probe, memcmp(first, second, sizeof(first)) != 0, "two RAND_bytes draws differ",
               "the generator returned the same 32 bytes twice");
}

int main(void)
{
  struct probe probe;
  char detail[256];
  char error[256];
  OSSL_PROVIDER *provider;

  probe_begin(&probe, "openssl");
  snprintf(detail, sizeof(detail), "header 0x%08lx (%s), library 0x%08lx (%s)",
           (unsigned long)OPENSSL_VERSION_NUMBER, OPENSSL_VERSION_TEXT,
           (unsigned long)OpenSSL_version_num(), OpenSSL_version(OPENSSL_VERSION));
  probe_expect(&probe, OPENSSL_VERSION_NUMBER == OpenSSL_version_num(),
               "header OPENSSL_VERSION_NUMBER equals OpenSSL_version_num()", detail);

  provider = OSSL_PROVIDER_load(NULL, "default");
  probe_expect(&probe, provider != NULL, "default provider loads",
               last_error(error, sizeof(error)));
  check_sha256(&probe);
  check_aes128_gcm(&probe);
  check_random(&probe);
  if(provider)
    OSSL_PROVIDER_unload(provider);
  return probe_end(&probe);
}
