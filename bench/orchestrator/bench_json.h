/* JSON for the benchmark orchestrator: a writer that builds bench.json in memory, and a reader
 * of one top-level member of the one-line JSON object each client prints.
 *
 * Strings written are always valid JSON and valid UTF-8 whatever bytes they are given, since
 * they come from other programs' stderr and from paths: invalid UTF-8 becomes U+FFFD. */
#ifndef STACKPROBE_BENCH_JSON_H
#define STACKPROBE_BENCH_JSON_H

#include <stddef.h>

enum { BENCH_JSON_MAX_DEPTH = 32 };

struct bench_json {
  char *text; /* NUL-terminated */
  size_t length;
  size_t capacity;
  int depth;
  int has_members[BENCH_JSON_MAX_DEPTH]; /* a comma is due before the next member at this depth */
  /* out of memory or misuse (too deep, end without begin): text is then not to be used */
  int failed;
};

void bench_json_init(struct bench_json *json);
void bench_json_free(struct bench_json *json);
/* key: the member's name inside an object; NULL inside an array or for the top value. */
void bench_json_begin_object(struct bench_json *json, const char *key);
void bench_json_end_object(struct bench_json *json);
void bench_json_begin_array(struct bench_json *json, const char *key);
void bench_json_end_array(struct bench_json *json);
void bench_json_string(struct bench_json *json, const char *key, const char *value);
/* A finite number with that many decimals ("%.*f"); NaN or infinity is written as null. */
void bench_json_number(struct bench_json *json, const char *key, double value, int decimals);
void bench_json_integer(struct bench_json *json, const char *key, long long value);
void bench_json_boolean(struct bench_json *json, const char *key, int value);
/* Writes json->text and a newline to path via a temporary file in the same folder renamed over
 * it; 0 or -1 (errno set; -1 also when json->failed). */
int bench_json_write_file(const struct bench_json *json, const char *path);

/* Reading what a client printed: text is one JSON object (leading/trailing whitespace allowed;
 * anything else before/after -> not found).
 * Finds the top-level member key (nested objects/arrays and strings skipped properly, so a key
 * inside a nested value or inside a string never matches).
 * 0 when found and of the right type, -1 otherwise (missing, wrong type, malformed text, value
 * too long for out_size). */
/* unescapes \" \\ \/ \b \f \n \r \t \uXXXX (to UTF-8, surrogate pairs joined) */
int bench_json_find_string(const char *text, const char *key, char *out, size_t out_size);
int bench_json_find_number(const char *text, const char *key, double *out);

#endif
