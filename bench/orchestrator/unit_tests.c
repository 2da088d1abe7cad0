/* unit_tests: checks of the orchestrator's SHA-256, JSON and statistics modules. Prints one
 * line per check, then "N checks, M failed"; exits 1 when any failed.
 *
 * Build and run by hand:
 *   cd bench/orchestrator && gcc -std=c99 -D_POSIX_C_SOURCE=200809L -Wall -Wextra \
 *     -Werror -pedantic -g -fsanitize=address,undefined -fno-sanitize-recover=all unit_tests.c \
 *     sha256.c bench_json.c bench_stats.c -lm -o /tmp/bench_unit_tests && /tmp/bench_unit_tests
 *
 * Strings under test are copied into buffers of their exact size, so that AddressSanitizer
 * catches a read past their end. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_json.h"
#include "bench_stats.h"
#include "sha256.h"

static int checks_run;
static int checks_failed;

static void check(int passed, const char *what)
{
  checks_run++;
  if(!passed)
    checks_failed++;
  printf("%s %s\n", passed ? "ok    " : "FAILED", what);
}

static void check_text(const char *got, const char *expected, const char *what)
{
  int passed = got && strcmp(got, expected) == 0;

  check(passed, what);
  if(!passed)
    printf("  expected: %s\n  got:      %s\n", expected, got ? got : "(null)");
}

static int close_to(double got, double expected)
{
  return fabs(got - expected) <= 1e-12 * fabs(expected) + 1e-300;
}

/* A heap copy of exactly length bytes and a NUL. */
static char *exact_copy(const char *text, size_t length)
{
  char *copy = malloc(length + 1);

  if(!copy) {
    fprintf(stderr, "out of memory\n");
    exit(2);
  }
  memcpy(copy, text, length);
  copy[length] = '\0';
  return copy;
}

static const char *temporary_folder(void)
{
  const char *folder = getenv("TMPDIR");

  return folder && folder[0] != '\0' ? folder : "/tmp";
}

static void temporary_path(char *path, size_t size, const char *name)
{
  snprintf(path, size, "%s/%s", temporary_folder(), name);
}

/* ---- SHA-256 ---- */

static void digest_to_hex(const unsigned char digest[32], char hex[65])
{
  int i;

  for(i = 0; i < 32; i++)
    sprintf(hex + 2 * i, "%02x", (unsigned)digest[i]);
}

static void sha256_hex_of(const void *data, size_t size, char hex[65])
{
  struct sha256 hash;
  unsigned char digest[32];

  sha256_init(&hash);
  sha256_update(&hash, data, size);
  sha256_final(&hash, digest);
  digest_to_hex(digest, hex);
}

static void test_sha256_known_answers(void)
{
  static const size_t chunk_sizes[] = {1, 63, 64, 65, 1000, 7, 4096, 55, 56, 57, 100000};
  char hex[65];
  char *million;
  struct sha256 hash;
  unsigned char digest[32];
  size_t fed;
  size_t chunk_index;

  sha256_hex_of("", 0, hex);
  check_text(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
             "sha256 of the empty string");
  sha256_hex_of("abc", 3, hex);
  check_text(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
             "sha256 of abc");
  sha256_hex_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
  check_text(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
             "sha256 of the 448-bit message");
  sha256_hex_of("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnop"
                "qklmnopqrlmnopqrsmnopqrstnopqrstu",
                112, hex);
  check_text(hex, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
             "sha256 of the 896-bit message");

  million = malloc(1000000);
  if(!million) {
    check(0, "memory for a million a");
    return;
  }
  memset(million, 'a', 1000000);
  sha256_init(&hash);
  fed = 0;
  chunk_index = 0;
  while(fed < 1000000) {
    size_t chunk = chunk_sizes[chunk_index % (sizeof(chunk_sizes) / sizeof(chunk_sizes[0]))];
    if(chunk > 1000000 - fed)
      chunk = 1000000 - fed;
    sha256_update(&hash, million + fed, chunk);
    fed += chunk;
    chunk_index++;
  }
  sha256_final(&hash, digest);
  digest_to_hex(digest, hex);
  check_text(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
             "sha256 of a million a fed in uneven chunks");
  sha256_hex_of(million, 1000000, hex);
  check_text(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
             "sha256 of a million a in one update");
  free(million);
}

/* Every length around the padding boundaries, hashed whole and byte by byte: the two must agree
 * with each other and with a reinitialised hash after sha256_final. */
static void test_sha256_lengths(void)
{
  unsigned char message[200];
  size_t length;
  int all_agree = 1;

  for(length = 0; length < sizeof(message); length++)
    message[length] = (unsigned char)(length * 7 + 3);
  for(length = 0; length <= sizeof(message); length++) {
    char whole[65];
    char bytewise[65];
    struct sha256 hash;
    unsigned char digest[32];
    size_t i;

    sha256_hex_of(message, length, whole);
    sha256_init(&hash);
    for(i = 0; i < length; i++)
      sha256_update(&hash, message + i, 1);
    sha256_final(&hash, digest);
    digest_to_hex(digest, bytewise);
    if(strcmp(whole, bytewise) != 0) {
      printf("  length %lu: %s versus %s\n", (unsigned long)length, whole, bytewise);
      all_agree = 0;
    }
  }
  check(all_agree, "sha256 of lengths 0 to 200 whole and byte by byte agree");
}

static void test_sha256_file(void)
{
  enum { FILE_BYTES = 200003 };
  unsigned char *bytes;
  char path[1024];
  char from_file[65];
  char from_memory[65];
  FILE *file;
  size_t i;
  int result;

  bytes = malloc(FILE_BYTES);
  if(!bytes) {
    check(0, "memory for the file's bytes");
    return;
  }
  /* All byte values, CR, LF and ^Z included, which a text-mode read would alter on Windows. */
  for(i = 0; i < FILE_BYTES; i++)
    bytes[i] = (unsigned char)(i * 31 + i / 256);
  temporary_path(path, sizeof(path), "stackprobe_bench_unit_tests.bin");
  file = fopen(path, "wb");
  if(!file || fwrite(bytes, 1, FILE_BYTES, file) != FILE_BYTES || fclose(file) != 0) {
    check(0, "writing the temporary file for sha256_file_hex");
    free(bytes);
    return;
  }
  result = sha256_file_hex(path, from_file);
  sha256_hex_of(bytes, FILE_BYTES, from_memory);
  check(result == 0, "sha256_file_hex reads a temporary file");
  check_text(result == 0 ? from_file : "", from_memory,
             "sha256_file_hex equals the same bytes hashed in memory");
  remove(path);

  temporary_path(path, sizeof(path), "stackprobe_bench_unit_tests.empty");
  file = fopen(path, "wb");
  if(file)
    fclose(file);
  result = sha256_file_hex(path, from_file);
  check(result == 0 && strcmp(from_file, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b"
                                         "7852b855") == 0,
        "sha256_file_hex of an empty file");
  remove(path);

  temporary_path(path, sizeof(path), "stackprobe_bench_no_such_folder/no_such_file");
  errno = 0;
  result = sha256_file_hex(path, from_file);
  check(result == -1 && errno != 0, "sha256_file_hex of a missing path is -1 with errno set");
  free(bytes);
}

/* ---- JSON writer ---- */

static void test_json_document(void)
{
  static const char expected[] = "{\n"
                                 "  \"name\": \"stackprobe\",\n"
                                 "  \"seconds\": 1.250,\n"
                                 "  \"files\": -9000000000,\n"
                                 "  \"ok\": true,\n"
                                 "  \"runs\": [\n"
                                 "    {\n"
                                 "      \"run\": 1,\n"
                                 "      \"mbps\": 12.5\n"
                                 "    },\n"
                                 "    {\n"
                                 "      \"run\": 2,\n"
                                 "      \"mbps\": 0.67\n"
                                 "    }\n"
                                 "  ],\n"
                                 "  \"empty_list\": [],\n"
                                 "  \"empty_object\": {},\n"
                                 "  \"values\": [\n"
                                 "    null,\n"
                                 "    null,\n"
                                 "    -3,\n"
                                 "    false,\n"
                                 "    \"x\",\n"
                                 "    2\n"
                                 "  ]\n"
                                 "}";
  struct bench_json json;
  double number;
  char name[64];

  bench_json_init(&json);
  bench_json_begin_object(&json, NULL);
  bench_json_string(&json, "name", "stackprobe");
  bench_json_number(&json, "seconds", 1.25, 3);
  bench_json_integer(&json, "files", -9000000000LL);
  bench_json_boolean(&json, "ok", 1);
  bench_json_begin_array(&json, "runs");
  bench_json_begin_object(&json, NULL);
  bench_json_integer(&json, "run", 1);
  bench_json_number(&json, "mbps", 12.5, 1);
  bench_json_end_object(&json);
  bench_json_begin_object(&json, NULL);
  bench_json_integer(&json, "run", 2);
  bench_json_number(&json, "mbps", 2.0 / 3.0, 2);
  bench_json_end_object(&json);
  bench_json_end_array(&json);
  bench_json_begin_array(&json, "empty_list");
  bench_json_end_array(&json);
  bench_json_begin_object(&json, "empty_object");
  bench_json_end_object(&json);
  bench_json_begin_array(&json, "values");
  bench_json_number(&json, NULL, NAN, 2);
  bench_json_number(&json, NULL, -INFINITY, 2);
  bench_json_integer(&json, NULL, -3);
  bench_json_boolean(&json, NULL, 0);
  bench_json_string(&json, NULL, "x");
  bench_json_number(&json, NULL, 1.5, 0);
  bench_json_end_array(&json);
  bench_json_end_object(&json);
  check(!json.failed && json.depth == 0, "writer: nested document without failure");
  check_text(json.failed ? "" : json.text, expected, "writer: nested document byte for byte");
  check(json.length == strlen(expected), "writer: length matches the text");
  check(bench_json_find_string(json.text, "name", name, sizeof(name)) == 0 &&
            strcmp(name, "stackprobe") == 0,
        "writer output read back: string member");
  check(bench_json_find_number(json.text, "seconds", &number) == 0 && number == 1.25,
        "writer output read back: number member");
  check(bench_json_find_number(json.text, "files", &number) == 0 && number == -9e9,
        "writer output read back: integer member");
  check(bench_json_find_number(json.text, "run", &number) == -1,
        "writer output read back: a nested member is not found");
  bench_json_free(&json);
  check(json.text == NULL, "bench_json_free leaves no text behind");
}

struct escape_case {
  const char *input;
  const char *written;   /* the JSON string the writer must produce */
  const char *read_back; /* what the reader must decode from it */
  const char *what;
};

static void test_json_escaping(void)
{
  static const struct escape_case cases[] = {
      {";", "\";\"", ";", "semicolon"},
      {"[", "\"[\"", "[", "opening bracket"},
      {"]", "\"]\"", "]", "closing bracket"},
      {"\"", "\"\\\"\"", "\"", "double quote"},
      {"\\", "\"\\\\\"", "\\", "backslash"},
      {"\n", "\"\\n\"", "\n", "newline"},
      {"\t", "\"\\t\"", "\t", "tab"},
      {"\r", "\"\\r\"", "\r", "carriage return"},
      {"\x01", "\"\\u0001\"", "\x01", "control 0x01"},
      {"\x1f", "\"\\u001f\"", "\x1f", "control 0x1f"},
      {"\x7f", "\"\\u007f\"", "\x7f", "DEL 0x7f"},
      {"</script>", "\"</script>\"", "</script>", "</script>"},
      {"a b\"c\\d", "\"a b\\\"c\\\\d\"", "a b\"c\\d", "quotes and backslashes mixed"},
      {"\xc3\xa9", "\"\xc3\xa9\"", "\xc3\xa9", "e acute kept"},
      {"\xe2\x82\xac", "\"\xe2\x82\xac\"", "\xe2\x82\xac", "euro sign kept"},
      {"\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"", "\xf0\x9f\x98\x80", "emoji kept"},
      {"\xed\x9f\xbf", "\"\xed\x9f\xbf\"", "\xed\x9f\xbf", "U+D7FF kept"},
      {"\xef\xbf\xbf", "\"\xef\xbf\xbf\"", "\xef\xbf\xbf", "U+FFFF kept"},
      {"\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\"", "\xf4\x8f\xbf\xbf", "U+10FFFF kept"},
      {"\xc2\x80", "\"\xc2\x80\"", "\xc2\x80", "U+0080 kept"},
      {"a\xff"
       "b",
       "\"a\\ufffdb\"",
       "a\xef\xbf\xbd"
       "b",
       "lone 0xff replaced"},
      {"\xe2\x82", "\"\\ufffd\\ufffd\"", "\xef\xbf\xbd\xef\xbf\xbd",
       "truncated euro sign replaced"},
      {"\xe2\x82"
       "x",
       "\"\\ufffd\\ufffdx\"", "\xef\xbf\xbd\xef\xbf\xbdx", "truncated sequence before ASCII"},
      {"\xc0\xaf", "\"\\ufffd\\ufffd\"", "\xef\xbf\xbd\xef\xbf\xbd", "overlong slash replaced"},
      {"\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\"", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
       "three-byte overlong replaced"},
      {"\xf0\x8f\xbf\xbf", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"",
       "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", "four-byte overlong replaced"},
      {"\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
       "surrogate D800 replaced"},
      {"\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"",
       "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", "above U+10FFFF replaced"},
      {"\xf8\x88\x80\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"",
       "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", "five-byte form replaced"},
      {"\x80\xc3\xa9", "\"\\ufffd\xc3\xa9\"", "\xef\xbf\xbd\xc3\xa9",
       "stray continuation byte before a valid character"},
      {"", "\"\"", "", "empty string"},
  };
  size_t index;

  for(index = 0; index < sizeof(cases) / sizeof(cases[0]); index++) {
    const struct escape_case *test = &cases[index];
    struct bench_json json;
    char what[160];
    char read_back[256];
    int found;

    bench_json_init(&json);
    bench_json_string(&json, NULL, test->input);
    snprintf(what, sizeof(what), "escaping: %s", test->what);
    check_text(json.failed ? "" : json.text, test->written, what);
    bench_json_free(&json);

    /* The same string as a member and as a key, then read back. */
    bench_json_init(&json);
    bench_json_begin_object(&json, NULL);
    bench_json_string(&json, "value", test->input);
    bench_json_integer(&json, test->input, 7);
    bench_json_end_object(&json);
    found = !json.failed &&
            bench_json_find_string(json.text, "value", read_back, sizeof(read_back)) == 0;
    snprintf(what, sizeof(what), "escaping read back: %s", test->what);
    check_text(found ? read_back : "(not found)", test->read_back, what);
    if(strcmp(test->input, test->read_back) == 0) {
      double number = 0;
      snprintf(what, sizeof(what), "escaped key found again: %s", test->what);
      check(!json.failed && bench_json_find_number(json.text, test->input, &number) == 0 &&
                number == 7,
            what);
    }
    bench_json_free(&json);
  }
}

/* A checker written apart from the writer's: decodes each sequence to its code point and tests
 * the ranges, instead of testing the second byte's range by lead byte. */
static int is_valid_utf8(const unsigned char *text)
{
  while(*text != '\0') {
    unsigned long code_point;
    int continuation_bytes;
    int i;

    if(*text < 0x80) {
      text++;
      continue;
    }
    if((*text & 0xe0) == 0xc0) {
      code_point = *text & 0x1f;
      continuation_bytes = 1;
    } else if((*text & 0xf0) == 0xe0) {
      code_point = *text & 0x0f;
      continuation_bytes = 2;
    } else if((*text & 0xf8) == 0xf0) {
      code_point = *text & 0x07;
      continuation_bytes = 3;
    } else {
      return 0;
    }
    for(i = 1; i <= continuation_bytes; i++) {
      if((text[i] & 0xc0) != 0x80)
        return 0;
      code_point = code_point << 6 | (text[i] & 0x3f);
    }
    if((continuation_bytes == 1 && code_point < 0x80) ||
       (continuation_bytes == 2 && code_point < 0x800) ||
       (continuation_bytes == 3 && code_point < 0x10000) || code_point > 0x10ffff ||
       (code_point >= 0xd800 && code_point <= 0xdfff))
      return 0;
    text += 1 + continuation_bytes;
  }
  return 1;
}

/* Random bytes, biased towards the ones that matter: whatever comes in, the output must be
 * valid UTF-8 that the reader accepts, and valid input must come back unchanged. */
static void test_json_random_strings(void)
{
  static const unsigned char interesting[] = {0x01, 0x1f, '"',  '\\', 0x7f, 0x80, 0xbf, 0xc0,
                                              0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4,
                                              0xf5, 0xff, 0xa0, 0x9f, 0x8f, 0x90, 'a',  '\n'};
  unsigned long state = 12345;
  int round;
  int all_valid = 1;
  int all_read_back = 1;
  int valid_inputs_unchanged = 1;

  for(round = 0; round < 20000; round++) {
    unsigned char input[24];
    char read_back[256];
    struct bench_json json;
    size_t length;
    size_t i;

    state = state * 1103515245 + 12345;
    length = (state >> 16) % (sizeof(input) - 1);
    for(i = 0; i < length; i++) {
      state = state * 1103515245 + 12345;
      if((state >> 16) % 2 == 0)
        input[i] = interesting[(state >> 17) % sizeof(interesting)];
      else
        input[i] = (unsigned char)((state >> 17) % 255 + 1);
    }
    input[length] = '\0';

    bench_json_init(&json);
    bench_json_begin_object(&json, NULL);
    bench_json_string(&json, "value", (const char *)input);
    bench_json_end_object(&json);
    if(json.failed || !is_valid_utf8((const unsigned char *)json.text)) {
      all_valid = 0;
    } else if(bench_json_find_string(json.text, "value", read_back, sizeof(read_back)) != 0 ||
              !is_valid_utf8((const unsigned char *)read_back)) {
      all_read_back = 0;
    } else if(is_valid_utf8(input) && strcmp(read_back, (const char *)input) != 0) {
      valid_inputs_unchanged = 0;
    }
    bench_json_free(&json);
  }
  check(all_valid, "random bytes: writer output is always valid UTF-8");
  check(all_read_back, "random bytes: reader accepts the writer's output, decoding to UTF-8");
  check(valid_inputs_unchanged, "random bytes: valid UTF-8 comes back unchanged");
}

static void test_json_misuse(void)
{
  struct bench_json json;
  int level;

  bench_json_init(&json);
  bench_json_end_object(&json);
  check(json.failed, "misuse: end_object without begin sets failed");
  bench_json_free(&json);

  bench_json_init(&json);
  bench_json_end_array(&json);
  check(json.failed, "misuse: end_array without begin sets failed");
  bench_json_free(&json);

  bench_json_init(&json);
  bench_json_begin_object(&json, NULL);
  bench_json_end_object(&json);
  bench_json_begin_object(&json, NULL);
  check(json.failed, "misuse: a second top-level value sets failed");
  bench_json_free(&json);

  bench_json_init(&json);
  bench_json_integer(&json, "name", 1);
  check(json.failed, "misuse: a named top-level value sets failed");
  bench_json_free(&json);

  bench_json_init(&json);
  for(level = 0; level < BENCH_JSON_MAX_DEPTH + 2; level++)
    bench_json_begin_array(&json, NULL);
  check(json.failed, "misuse: nesting deeper than BENCH_JSON_MAX_DEPTH sets failed");
  bench_json_free(&json);

  bench_json_init(&json);
  for(level = 0; level < BENCH_JSON_MAX_DEPTH - 1; level++)
    bench_json_begin_array(&json, NULL);
  for(level = 0; level < BENCH_JSON_MAX_DEPTH - 1; level++)
    bench_json_end_array(&json);
  check(!json.failed && json.depth == 0, "writer: nesting BENCH_JSON_MAX_DEPTH - 1 deep works");
  bench_json_free(&json);
}

static int read_whole_file(const char *path, char *buffer, size_t size, size_t *length)
{
  FILE *file = fopen(path, "rb");

  if(!file)
    return -1;
  *length = fread(buffer, 1, size, file);
  fclose(file);
  return 0;
}

static void test_json_write_file(void)
{
  struct bench_json json;
  char path[1024];
  char temporary[1100];
  char contents[4096];
  size_t length = 0;
  int result;
  FILE *leftover;

  temporary_path(path, sizeof(path), "stackprobe_bench_unit_tests.json");
  snprintf(temporary, sizeof(temporary), "%s.tmp", path);
  remove(path);

  bench_json_init(&json);
  bench_json_begin_object(&json, NULL);
  bench_json_string(&json, "first", "one");
  bench_json_end_object(&json);
  result = bench_json_write_file(&json, path);
  check(result == 0, "write_file: writes a new file");
  check(result == 0 && read_whole_file(path, contents, sizeof(contents), &length) == 0 &&
            length == json.length + 1 && memcmp(contents, json.text, json.length) == 0 &&
            contents[json.length] == '\n',
        "write_file: file holds the text and a newline");
  bench_json_free(&json);

  bench_json_init(&json);
  bench_json_begin_object(&json, NULL);
  bench_json_string(&json, "second", "two, longer than the first");
  bench_json_end_object(&json);
  result = bench_json_write_file(&json, path);
  check(result == 0 && read_whole_file(path, contents, sizeof(contents), &length) == 0 &&
            length == json.length + 1 && memcmp(contents, json.text, json.length) == 0,
        "write_file: replaces an existing file");
  leftover = fopen(temporary, "rb");
  check(leftover == NULL, "write_file: no temporary file left behind");
  if(leftover)
    fclose(leftover);
  bench_json_free(&json);
  remove(path);

  bench_json_init(&json);
  bench_json_end_object(&json);
  errno = 0;
  result = bench_json_write_file(&json, path);
  leftover = fopen(path, "rb");
  check(result == -1 && errno != 0 && leftover == NULL,
        "write_file: -1 with errno for a failed document, nothing written");
  if(leftover)
    fclose(leftover);
  bench_json_free(&json);

  bench_json_init(&json);
  bench_json_begin_object(&json, NULL);
  errno = 0;
  result = bench_json_write_file(&json, path);
  check(result == -1 && errno != 0, "write_file: -1 for an unfinished document");
  bench_json_end_object(&json);
  temporary_path(path, sizeof(path), "stackprobe_bench_no_such_folder/bench.json");
  errno = 0;
  result = bench_json_write_file(&json, path);
  check(result == -1 && errno != 0, "write_file: -1 with errno for a missing folder");
  bench_json_free(&json);
}

/* ---- JSON reader ---- */

static const char reader_document[] =
    "  {\"name\": \"outer\",\n"
    "   \"nested\": {\"name\": \"inner\", \"deep\": [1, {\"hidden\": 9}, \"x\"], \"inner_only\": "
    "3},\n"
    "   \"note\": \"\\\"hidden\\\": 5, \\\"inner_only\\\": 4\",\n"
    "   \"seconds\": -1.5e2, \"small\": 1e-3, \"big\": 2.5E+3, \"zero\": 0, \"minus\": -0.25,\n"
    "   \"text\": \"\\u00e9\\ud83d\\ude00\\n\\t\\\\\\/\\\"\\b\\f\\r\", \"t\": true, \"f\": false,\n"
    "   \"n\": null, \"list\": [], \"object\": {}, \"a\\u0062\": 12, \"dup\": 1, \"dup\": 2,\n"
    "   \"lone\": \"\\ud800x\\udc00\", \"nul\": \"a\\u0000b\", \"huge\": 1e999,\n"
    "   \"raw\": \"\xc3\xa9\"}  \n";

static void test_json_reader_members(void)
{
  const char *text = reader_document;
  char out[64];
  double number = 0;

  check(bench_json_find_string(text, "name", out, sizeof(out)) == 0 && strcmp(out, "outer") == 0,
        "reader: top-level string, not the nested one of the same name");
  check(bench_json_find_number(text, "hidden", &number) == -1,
        "reader: a key in a nested array's object or inside a string is not found");
  check(bench_json_find_number(text, "inner_only", &number) == -1,
        "reader: a key only in a nested object or a string is not found");
  check(bench_json_find_number(text, "deep", &number) == -1, "reader: nested key not found");
  check(bench_json_find_number(text, "seconds", &number) == 0 && number == -150,
        "reader: negative number with exponent");
  check(bench_json_find_number(text, "small", &number) == 0 && close_to(number, 0.001),
        "reader: negative exponent");
  check(bench_json_find_number(text, "big", &number) == 0 && number == 2500,
        "reader: capital E and plus sign");
  check(bench_json_find_number(text, "zero", &number) == 0 && number == 0, "reader: zero");
  check(bench_json_find_number(text, "minus", &number) == 0 && number == -0.25,
        "reader: negative fraction");
  check(bench_json_find_string(text, "text", out, sizeof(out)) == 0 &&
            strcmp(out, "\xc3\xa9\xf0\x9f\x98\x80\n\t\\/\"\b\f\r") == 0,
        "reader: escapes decoded, \\u00e9 and a surrogate pair to UTF-8");
  check(bench_json_find_string(text, "raw", out, sizeof(out)) == 0 && strcmp(out, "\xc3\xa9") == 0,
        "reader: raw UTF-8 passed through");
  check(bench_json_find_string(text, "lone", out, sizeof(out)) == 0 &&
            strcmp(out, "\xef\xbf\xbdx\xef\xbf\xbd") == 0,
        "reader: unpaired surrogate escapes become U+FFFD");
  check(bench_json_find_number(text, "ab", &number) == 0 && number == 12,
        "reader: escaped key matched by its decoded name");
  check(bench_json_find_number(text, "a", &number) == -1 &&
            bench_json_find_number(text, "abc", &number) == -1,
        "reader: a prefix or extension of a key does not match");
  check(bench_json_find_number(text, "dup", &number) == 0 && number == 1,
        "reader: the first of duplicate members wins");
  check(bench_json_find_string(text, "seconds", out, sizeof(out)) == -1,
        "reader: number asked as string is -1");
  check(bench_json_find_number(text, "name", &number) == -1,
        "reader: string asked as number is -1");
  check(bench_json_find_number(text, "t", &number) == -1 &&
            bench_json_find_string(text, "f", out, sizeof(out)) == -1 &&
            bench_json_find_string(text, "n", out, sizeof(out)) == -1 &&
            bench_json_find_number(text, "list", &number) == -1 &&
            bench_json_find_string(text, "object", out, sizeof(out)) == -1,
        "reader: true, false, null, array and object are neither string nor number");
  check(bench_json_find_string(text, "missing", out, sizeof(out)) == -1 &&
            bench_json_find_number(text, "missing", &number) == -1,
        "reader: missing key is -1");
  check(bench_json_find_string(text, "nul", out, sizeof(out)) == -1,
        "reader: a string holding \\u0000 is -1");
  check(bench_json_find_number(text, "huge", &number) == -1,
        "reader: a number beyond a double's range is -1");
  check(bench_json_find_string(text, "name", out, 5) == -1 && out[0] == '\0',
        "reader: out_size one short is -1");
  check(bench_json_find_string(text, "name", out, 6) == 0 && strcmp(out, "outer") == 0,
        "reader: out_size exactly enough");
  check(bench_json_find_string(text, "name", out, 0) == -1, "reader: out_size 0 is -1");
  check(bench_json_find_string("{\"e\": \"\"}", "e", out, 1) == 0 && out[0] == '\0',
        "reader: empty string fits in out_size 1");
}

/* Every prefix of the document is refused, without reading past its end; once the closing
 * brace is in, dropping trailing whitespace changes nothing. */
static void test_json_reader_truncations(void)
{
  size_t full_length = strlen(reader_document);
  size_t object_length = full_length;
  size_t length;
  int refused = 1;
  int accepted = 1;

  while(object_length > 0 && reader_document[object_length - 1] != '}')
    object_length--;
  for(length = 0; length <= full_length; length++) {
    char *copy = exact_copy(reader_document, length);
    char out[64];
    double number;
    int string_result = bench_json_find_string(copy, "name", out, sizeof(out));
    int number_result = bench_json_find_number(copy, "seconds", &number);

    if(length < object_length && (string_result != -1 || number_result != -1)) {
      printf("  prefix of %lu bytes accepted\n", (unsigned long)length);
      refused = 0;
    }
    if(length >= object_length && (string_result != 0 || number_result != 0)) {
      printf("  prefix of %lu bytes refused\n", (unsigned long)length);
      accepted = 0;
    }
    free(copy);
  }
  check(refused, "reader: every truncation before the closing brace is -1");
  check(accepted, "reader: the whole object is found with or without trailing whitespace");
}

static void test_json_reader_malformed(void)
{
  static const char *const malformed[] = {
      "",
      "   ",
      "{",
      "}",
      "[{\"a\": 1}]",
      "\"a\"",
      "1",
      "x{\"a\": 1}",
      "{\"a\": 1}x",
      "{\"a\": 1} {\"a\": 1}",
      "{\"a\": 1},",
      "{\"a\": 1,}",
      "{,\"a\": 1}",
      "{\"a\" 1}",
      "{\"a\": }",
      "{\"a\"}",
      "{a: 1}",
      "{'a': 1}",
      "{\"a\": 01}",
      "{\"a\": 1.}",
      "{\"a\": .5}",
      "{\"a\": +1}",
      "{\"a\": -}",
      "{\"a\": 1e}",
      "{\"a\": 1e+}",
      "{\"a\": 0x10}",
      "{\"a\": NaN}",
      "{\"a\": Infinity}",
      "{\"a\": -Infinity}",
      "{\"a\": tru}",
      "{\"a\": 1, \"b\": nul}",
      "{\"a\": 1, \"b\": [1, 2,]}",
      "{\"a\": 1, \"b\": [1 2]}",
      "{\"a\": 1, \"b\": {\"c\": 1]}",
      "{\"a\": 1, \"b\": [1}",
      "{\"a\": 1, \"b\": \"\\x\"}",
      "{\"a\": 1, \"b\": \"\\u12\"}",
      "{\"a\": 1, \"b\": \"\\u12g4\"}",
      "{\"a\": 1, \"b\": \"\\ud83d\\u12\"}",
      "{\"a\": 1, \"b\": \"tab\there\"}",
      "{\"a\": 1, \"b\": \"line\nbreak\"}",
      "{\"a\": 1, \"b\": \"unterminated}",
      "{\"a\": 1, \"b\": \"ends in a backslash\\",
      "{\"a\": 1 \"b\": 2}",
      "{\"a\": 1}\f",
      "\v{\"a\": 1}",
  };
  size_t index;
  int all_refused = 1;

  for(index = 0; index < sizeof(malformed) / sizeof(malformed[0]); index++) {
    char *copy = exact_copy(malformed[index], strlen(malformed[index]));
    double number;

    if(bench_json_find_number(copy, "a", &number) != -1) {
      printf("  accepted: %s\n", malformed[index]);
      all_refused = 0;
    }
    free(copy);
  }
  check(all_refused, "reader: malformed texts and trailing or leading garbage are -1");
}

static void test_json_reader_nesting(void)
{
  enum { DEEP = 100000 };
  char *deep = malloc(2 * DEEP + 32);
  double number = 0;
  size_t at = 0;
  size_t level;

  if(!deep) {
    check(0, "memory for the nesting test");
    return;
  }
  /* {"x": [[[...]]], "a": 1} nested DEEP times: refused, without running out of stack. */
  at += (size_t)sprintf(deep + at, "{\"x\": ");
  for(level = 0; level < DEEP; level++)
    deep[at++] = '[';
  for(level = 0; level < DEEP; level++)
    deep[at++] = ']';
  sprintf(deep + at, ", \"a\": 1}");
  check(bench_json_find_number(deep, "a", &number) == -1,
        "reader: absurdly deep nesting is -1, not a crash");

  at = 0;
  at += (size_t)sprintf(deep + at, "{\"x\": ");
  for(level = 0; level < 100; level++)
    at += (size_t)sprintf(deep + at, "{\"a\": [");
  for(level = 0; level < 100; level++)
    at += (size_t)sprintf(deep + at, "]}");
  sprintf(deep + at, ", \"a\": 3}");
  check(bench_json_find_number(deep, "a", &number) == 0 && number == 3,
        "reader: 200 levels of nesting are read, the top-level member found");
  free(deep);

  check(bench_json_find_number(NULL, "a", &number) == -1 &&
            bench_json_find_number("{\"a\": 1}", NULL, &number) == -1,
        "reader: NULL text or key is -1");
}

/* ---- Statistics ---- */

static void test_stats(void)
{
  double odd[] = {5, 1, 4, 2, 3};
  double even[] = {10, -2, 7, 1};
  double single[] = {42.5};
  double odd_before[5];
  double median = -1;
  double min = -1;
  double max = -1;
  int result;

  memcpy(odd_before, odd, sizeof(odd));
  result = bench_median(odd, 5, &median, &min, &max);
  check(result == 0 && median == 3 && min == 1 && max == 5, "median of an odd count, min, max");
  check(memcmp(odd, odd_before, sizeof(odd)) == 0, "median leaves the unsorted input alone");
  result = bench_median(even, 4, &median, &min, &max);
  check(result == 0 && median == 4 && min == -2 && max == 10,
        "median of an even count is the mean of the middle two");
  result = bench_median(single, 1, &median, &min, &max);
  check(result == 0 && median == 42.5 && min == 42.5 && max == 42.5, "median of one value");
  result = bench_median(even, 2, &median, &min, &max);
  check(result == 0 && median == 4 && min == -2 && max == 10, "median of two values");
  median = 99;
  check(bench_median(odd, 0, &median, &min, &max) == -1 && median == 99,
        "median of no values is -1");

  check(close_to(bench_ratio(10, 4), 2.5), "ratio: reference 10 s, 4 s is 2.5 times faster");
  check(bench_ratio(10, 0) == 0 && bench_ratio(10, -1) == 0 && bench_ratio(0, 4) == 0 &&
            bench_ratio(-3, 4) == 0 && bench_ratio(10, NAN) == 0,
        "ratio: zero, negative or NaN times give 0");
  check(close_to(bench_mbps(250e6, 2), 125), "mbps: 250 MB in 2 s is 125 MB/s");
  check(bench_mbps(1e6, 0) == 0 && bench_mbps(1e6, -2) == 0, "mbps: zero or negative time is 0");
  check(close_to(bench_files_per_second(1000, 4), 250), "files per second: 1000 in 4 s");
  check(bench_files_per_second(10, 0) == 0 && bench_files_per_second(10, -1) == 0,
        "files per second: zero or negative time is 0");
  check(close_to(bench_cpu_per_gib(3, 512.0 * 1024 * 1024), 6),
        "cpu per GiB: 3 CPU s for half a GiB is 6");
  check(bench_cpu_per_gib(3, 0) == 0 && bench_cpu_per_gib(3, -5) == 0,
        "cpu per GiB: zero or negative bytes is 0");
}

int main(void)
{
  test_sha256_known_answers();
  test_sha256_lengths();
  test_sha256_file();
  test_json_document();
  test_json_escaping();
  test_json_random_strings();
  test_json_misuse();
  test_json_write_file();
  test_json_reader_members();
  test_json_reader_truncations();
  test_json_reader_malformed();
  test_json_reader_nesting();
  test_stats();
  printf("%d checks, %d failed\n", checks_run, checks_failed);
  return checks_failed == 0 ? 0 : 1;
}
