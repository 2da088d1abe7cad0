/* The benchmark's JSON: a writer of bench.json into a growing buffer, and a strict reader that
 * takes one top-level member out of a client's JSON line.
 *
 * Numbers are formatted and parsed with the C library, in the "C" locale that a program has
 * until it calls setlocale(); the orchestrator never does, so the decimal point is a '.'. */
#include "bench_json.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
#endif

enum {
  INITIAL_CAPACITY = 1024,
  /* Nesting the reader follows before calling a text malformed: its recursion stays shallow
   * whatever a client prints. */
  READER_MAX_DEPTH = 256
};

/* ---- Writer ---- */

void bench_json_init(struct bench_json *json)
{
  memset(json, 0, sizeof(*json));
  json->text = malloc(INITIAL_CAPACITY);
  if(!json->text) {
    json->failed = 1;
    return;
  }
  json->capacity = INITIAL_CAPACITY;
  json->text[0] = '\0';
}

void bench_json_free(struct bench_json *json)
{
  free(json->text);
  memset(json, 0, sizeof(*json));
}

/* Room for extra more bytes and the NUL; -1 (and failed set) when memory runs out. */
static int reserve(struct bench_json *json, size_t extra)
{
  size_t needed;
  size_t capacity;
  char *text;

  if(json->failed)
    return -1;
  if(extra > SIZE_MAX - 1 - json->length) {
    json->failed = 1;
    return -1;
  }
  needed = json->length + extra + 1;
  if(needed <= json->capacity)
    return 0;
  capacity = json->capacity > 0 ? json->capacity : INITIAL_CAPACITY;
  while(capacity < needed) {
    if(capacity > SIZE_MAX / 2) {
      capacity = needed;
      break;
    }
    capacity *= 2;
  }
  text = realloc(json->text, capacity);
  if(!text) {
    json->failed = 1;
    return -1;
  }
  json->text = text;
  json->capacity = capacity;
  return 0;
}

static void append_bytes(struct bench_json *json, const char *bytes, size_t size)
{
  if(reserve(json, size) != 0)
    return;
  memcpy(json->text + json->length, bytes, size);
  json->length += size;
  json->text[json->length] = '\0';
}

static void append_text(struct bench_json *json, const char *text)
{
  append_bytes(json, text, strlen(text));
}

static void append_line_break(struct bench_json *json, int depth)
{
  int level;

  append_bytes(json, "\n", 1);
  for(level = 0; level < depth; level++)
    append_bytes(json, "  ", 2);
}

/* Length of the well-formed UTF-8 sequence of two to four bytes starting at at, or 0. The
 * narrower ranges of the second byte after E0, ED, F0 and F4 rule out overlong forms, UTF-16
 * surrogates and code points above U+10FFFF (RFC 3629, section 4). A NUL is never a
 * continuation byte, so this never reads past the end of the string. */
static size_t utf8_sequence_length(const unsigned char *at)
{
  unsigned char lead = at[0];
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xbf;
  size_t length;
  size_t index;

  if(lead >= 0xc2 && lead <= 0xdf)
    length = 2;
  else if(lead >= 0xe0 && lead <= 0xef)
    length = 3;
  else if(lead >= 0xf0 && lead <= 0xf4)
    length = 4;
  else
    return 0;
  if(lead == 0xe0)
    second_min = 0xa0;
  else if(lead == 0xed)
    second_max = 0x9f;
  else if(lead == 0xf0)
    second_min = 0x90;
  else if(lead == 0xf4)
    second_max = 0x8f;
  if(at[1] < second_min || at[1] > second_max)
    return 0;
  for(index = 2; index < length; index++) {
    if(at[index] < 0x80 || at[index] > 0xbf)
      return 0;
  }
  return length;
}

/* Every byte of an invalid sequence becomes its own U+FFFD, so a stray byte never swallows the
 * valid characters after it. */
static void append_string(struct bench_json *json, const char *value)
{
  const unsigned char *at = (const unsigned char *)value;

  append_bytes(json, "\"", 1);
  while(*at != '\0') {
    unsigned char byte = *at;
    size_t sequence_length;

    if(byte == '"') {
      append_bytes(json, "\\\"", 2);
      at++;
    } else if(byte == '\\') {
      append_bytes(json, "\\\\", 2);
      at++;
    } else if(byte == '\n') {
      append_bytes(json, "\\n", 2);
      at++;
    } else if(byte == '\r') {
      append_bytes(json, "\\r", 2);
      at++;
    } else if(byte == '\t') {
      append_bytes(json, "\\t", 2);
      at++;
    } else if(byte < 0x20 || byte == 0x7f) {
      char escape[8];
      sprintf(escape, "\\u%04x", (unsigned)byte);
      append_text(json, escape);
      at++;
    } else if(byte < 0x80) {
      append_bytes(json, (const char *)at, 1);
      at++;
    } else if((sequence_length = utf8_sequence_length(at)) > 0) {
      append_bytes(json, (const char *)at, sequence_length);
      at += sequence_length;
    } else {
      append_bytes(json, "\\ufffd", 6);
      at++;
    }
  }
  append_bytes(json, "\"", 1);
}

/* The comma, line break, indentation and name that come before a value; -1 when the writer has
 * failed or this is a second top-level value or a named one (the writer does not know whether
 * an enclosing container is an object or an array, so a missing or extra name inside one is
 * the caller's to get right). */
static int begin_value(struct bench_json *json, const char *key)
{
  int depth = json->depth;

  if(json->failed)
    return -1;
  if(depth == 0 && (json->has_members[0] || key)) {
    json->failed = 1;
    return -1;
  }
  if(json->has_members[depth])
    append_bytes(json, ",", 1);
  json->has_members[depth] = 1;
  if(depth > 0)
    append_line_break(json, depth);
  if(key) {
    append_string(json, key);
    append_bytes(json, ": ", 2);
  }
  return json->failed ? -1 : 0;
}

static void begin_container(struct bench_json *json, const char *key, const char *opening)
{
  /* has_members needs a slot for the new depth. */
  if(json->depth + 1 >= BENCH_JSON_MAX_DEPTH) {
    json->failed = 1;
    return;
  }
  if(begin_value(json, key) != 0)
    return;
  append_text(json, opening);
  json->depth++;
  json->has_members[json->depth] = 0;
}

static void end_container(struct bench_json *json, const char *closing)
{
  if(json->failed)
    return;
  if(json->depth == 0) {
    json->failed = 1;
    return;
  }
  json->depth--;
  /* An empty container stays on one line: {} or []. */
  if(json->has_members[json->depth + 1])
    append_line_break(json, json->depth);
  append_text(json, closing);
}

void bench_json_begin_object(struct bench_json *json, const char *key)
{
  begin_container(json, key, "{");
}

void bench_json_end_object(struct bench_json *json)
{
  end_container(json, "}");
}

void bench_json_begin_array(struct bench_json *json, const char *key)
{
  begin_container(json, key, "[");
}

void bench_json_end_array(struct bench_json *json)
{
  end_container(json, "]");
}

/* A NULL value is written as null rather than crashing on a missing message. */
void bench_json_string(struct bench_json *json, const char *key, const char *value)
{
  if(begin_value(json, key) != 0)
    return;
  if(value)
    append_string(json, value);
  else
    append_text(json, "null");
}

void bench_json_number(struct bench_json *json, const char *key, double value, int decimals)
{
  int needed;

  if(begin_value(json, key) != 0)
    return;
  if(!isfinite(value)) {
    append_text(json, "null");
    return;
  }
  if(decimals < 0)
    decimals = 0;
  /* Measured first: with many decimals a large value is hundreds of digits long. */
  needed = snprintf(NULL, 0, "%.*f", decimals, value);
  if(needed < 0) {
    json->failed = 1;
    return;
  }
  if(reserve(json, (size_t)needed) != 0)
    return;
  snprintf(json->text + json->length, (size_t)needed + 1, "%.*f", decimals, value);
  json->length += (size_t)needed;
}

void bench_json_integer(struct bench_json *json, const char *key, long long value)
{
  char digits[32];

  if(begin_value(json, key) != 0)
    return;
  sprintf(digits, "%lld", value);
  append_text(json, digits);
}

void bench_json_boolean(struct bench_json *json, const char *key, int value)
{
  if(begin_value(json, key) != 0)
    return;
  append_text(json, value ? "true" : "false");
}

static int replace_file(const char *from, const char *to)
{
#ifdef _WIN32
  /* rename() on Windows refuses to replace an existing file. */
  if(MoveFileExA(from, to, MOVEFILE_REPLACE_EXISTING))
    return 0;
  errno = EACCES;
  return -1;
#else
  return rename(from, to);
#endif
}

/* 0, or -1 with errno kept from the step that failed. */
static int write_whole_file(const char *path, const char *text, size_t length)
{
  FILE *file;
  int saved_errno;

  /* Binary mode: the same bytes on every system, LF line ends included. */
  file = fopen(path, "wb");
  if(!file)
    return -1;
  errno = 0;
  if(fwrite(text, 1, length, file) != length || fputc('\n', file) == EOF) {
    saved_errno = errno != 0 ? errno : EIO;
    fclose(file);
    errno = saved_errno;
    return -1;
  }
  errno = 0;
  if(fclose(file) != 0) {
    if(errno == 0)
      errno = EIO;
    return -1;
  }
  return 0;
}

/* Through a temporary file renamed over path, so that a reader of path never sees half a
 * document, and an interrupted run leaves the previous one whole. */
int bench_json_write_file(const struct bench_json *json, const char *path)
{
  static const char suffix[] = ".tmp";
  size_t path_length;
  char *temporary_path;
  int saved_errno;

  if(json->failed || json->depth != 0 || !json->text || json->length == 0) {
    errno = EINVAL;
    return -1;
  }
  path_length = strlen(path);
  temporary_path = malloc(path_length + sizeof(suffix));
  if(!temporary_path) {
    errno = ENOMEM;
    return -1;
  }
  memcpy(temporary_path, path, path_length);
  memcpy(temporary_path + path_length, suffix, sizeof(suffix));
  if(write_whole_file(temporary_path, json->text, json->length) != 0 ||
     replace_file(temporary_path, path) != 0) {
    saved_errno = errno;
    remove(temporary_path);
    free(temporary_path);
    errno = saved_errno;
    return -1;
  }
  free(temporary_path);
  return 0;
}

/* ---- Reader ---- */

/* Where the decoded bytes of a string go: copied into out, compared with expected, or, with
 * both NULL, only checked and counted. */
struct string_sink {
  char *out;
  size_t out_size;
  const char *expected;
  size_t length; /* decoded bytes so far */
  int too_long;  /* out has no room for them and the NUL */
  int differs;   /* they are not the start of expected */
  int has_nul;   /* \u0000, which a C string cannot hold */
};

static void sink_byte(struct string_sink *sink, unsigned char byte)
{
  if(byte == 0)
    sink->has_nul = 1;
  if(sink->out) {
    if(sink->length + 1 < sink->out_size)
      sink->out[sink->length] = (char)byte;
    else
      sink->too_long = 1;
  }
  /* Once different, expected is no longer read: length may be past its end. */
  if(sink->expected && !sink->differs) {
    if(byte == 0 || (unsigned char)sink->expected[sink->length] != byte)
      sink->differs = 1;
  }
  sink->length++;
}

static int sink_matches_expected(const struct string_sink *sink)
{
  return !sink->differs && sink->expected[sink->length] == '\0';
}

static void sink_code_point(struct string_sink *sink, unsigned long code_point)
{
  if(code_point < 0x80) {
    sink_byte(sink, (unsigned char)code_point);
  } else if(code_point < 0x800) {
    sink_byte(sink, (unsigned char)(0xc0 | code_point >> 6));
    sink_byte(sink, (unsigned char)(0x80 | (code_point & 0x3f)));
  } else if(code_point < 0x10000) {
    sink_byte(sink, (unsigned char)(0xe0 | code_point >> 12));
    sink_byte(sink, (unsigned char)(0x80 | (code_point >> 6 & 0x3f)));
    sink_byte(sink, (unsigned char)(0x80 | (code_point & 0x3f)));
  } else {
    sink_byte(sink, (unsigned char)(0xf0 | code_point >> 18));
    sink_byte(sink, (unsigned char)(0x80 | (code_point >> 12 & 0x3f)));
    sink_byte(sink, (unsigned char)(0x80 | (code_point >> 6 & 0x3f)));
    sink_byte(sink, (unsigned char)(0x80 | (code_point & 0x3f)));
  }
}

static int is_digit(char c)
{
  return c >= '0' && c <= '9';
}

static int hex_value(char c)
{
  if(c >= '0' && c <= '9')
    return c - '0';
  if(c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if(c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The four hex digits of a \u escape; stops at the first other character, the NUL included. */
static int read_hex4(const char *at, unsigned long *value)
{
  int index;

  *value = 0;
  for(index = 0; index < 4; index++) {
    int digit = hex_value(at[index]);
    if(digit < 0)
      return -1;
    *value = *value * 16 + (unsigned long)digit;
  }
  return 0;
}

static const char *skip_whitespace(const char *at)
{
  while(*at == ' ' || *at == '\t' || *at == '\n' || *at == '\r')
    at++;
  return at;
}

/* A string from its opening quote; *position moves past the closing one. Raw bytes of 0x80 and
 * above are passed through unchecked. A \u escape of half a surrogate pair decodes to U+FFFD,
 * so that what comes out is UTF-8 whenever the raw bytes were. */
static int read_string(const char **position, struct string_sink *sink)
{
  const char *at = *position;

  if(*at != '"')
    return -1;
  at++;
  while(*at != '"') {
    unsigned long code_point;
    unsigned long low_half;

    /* Raw control characters are not allowed in JSON strings; the NUL ends the text. */
    if((unsigned char)*at < 0x20)
      return -1;
    if(*at != '\\') {
      sink_byte(sink, (unsigned char)*at);
      at++;
      continue;
    }
    at++;
    switch(*at) {
    case '"':
    case '\\':
    case '/':
      sink_byte(sink, (unsigned char)*at);
      break;
    case 'b':
      sink_byte(sink, '\b');
      break;
    case 'f':
      sink_byte(sink, '\f');
      break;
    case 'n':
      sink_byte(sink, '\n');
      break;
    case 'r':
      sink_byte(sink, '\r');
      break;
    case 't':
      sink_byte(sink, '\t');
      break;
    case 'u':
      if(read_hex4(at + 1, &code_point) != 0)
        return -1;
      at += 4; /* on the escape's last digit */
      if(code_point >= 0xd800 && code_point <= 0xdbff) {
        /* Each test reads one character further only when the one before was not the NUL. */
        if(at[1] == '\\' && at[2] == 'u' && read_hex4(at + 3, &low_half) == 0 &&
           low_half >= 0xdc00 && low_half <= 0xdfff) {
          code_point = 0x10000 + ((code_point - 0xd800) << 10) + (low_half - 0xdc00);
          at += 6;
        } else {
          code_point = 0xfffd;
        }
      } else if(code_point >= 0xdc00 && code_point <= 0xdfff) {
        code_point = 0xfffd;
      }
      sink_code_point(sink, code_point);
      break;
    default:
      return -1;
    }
    at++;
  }
  *position = at + 1;
  return 0;
}

/* Checks the JSON number grammar, which is stricter than strtod's (no hex, inf, nan, leading
 * zeros, '+' or bare '.'). */
static int skip_number(const char **position)
{
  const char *at = *position;

  if(*at == '-')
    at++;
  if(*at == '0') {
    at++;
  } else if(*at >= '1' && *at <= '9') {
    while(is_digit(*at))
      at++;
  } else {
    return -1;
  }
  if(*at == '.') {
    at++;
    if(!is_digit(*at))
      return -1;
    while(is_digit(*at))
      at++;
  }
  if(*at == 'e' || *at == 'E') {
    at++;
    if(*at == '+' || *at == '-')
      at++;
    if(!is_digit(*at))
      return -1;
    while(is_digit(*at))
      at++;
  }
  *position = at;
  return 0;
}

/* strncmp stops at the text's NUL, which never equals a letter of the literal. */
static int skip_literal(const char **position, const char *literal)
{
  size_t length = strlen(literal);

  if(strncmp(*position, literal, length) != 0)
    return -1;
  *position += length;
  return 0;
}

static int skip_value(const char **position, int depth);

/* An object from its '{'; with key, *found is set to the start of the value of its first member
 * of that name. The whole object is checked either way, so a malformed text is never half
 * believed. */
static int read_object(const char **position, int depth, const char *key, const char **found)
{
  const char *at = *position;

  if(depth > READER_MAX_DEPTH)
    return -1;
  at = skip_whitespace(at + 1);
  if(*at == '}') {
    *position = at + 1;
    return 0;
  }
  for(;;) {
    struct string_sink name;

    memset(&name, 0, sizeof(name));
    name.expected = key;
    if(read_string(&at, &name) != 0)
      return -1;
    at = skip_whitespace(at);
    if(*at != ':')
      return -1;
    at = skip_whitespace(at + 1);
    if(key && !*found && sink_matches_expected(&name))
      *found = at;
    if(skip_value(&at, depth) != 0)
      return -1;
    at = skip_whitespace(at);
    if(*at == '}')
      break;
    if(*at != ',')
      return -1;
    at = skip_whitespace(at + 1);
  }
  *position = at + 1;
  return 0;
}

static int skip_array(const char **position, int depth)
{
  const char *at = *position;

  if(depth > READER_MAX_DEPTH)
    return -1;
  at = skip_whitespace(at + 1);
  if(*at == ']') {
    *position = at + 1;
    return 0;
  }
  for(;;) {
    if(skip_value(&at, depth) != 0)
      return -1;
    at = skip_whitespace(at);
    if(*at == ']')
      break;
    if(*at != ',')
      return -1;
    at = skip_whitespace(at + 1);
  }
  *position = at + 1;
  return 0;
}

static int skip_value(const char **position, int depth)
{
  struct string_sink ignored;

  switch(**position) {
  case '{':
    return read_object(position, depth + 1, NULL, NULL);
  case '[':
    return skip_array(position, depth + 1);
  case '"':
    memset(&ignored, 0, sizeof(ignored));
    return read_string(position, &ignored);
  case 't':
    return skip_literal(position, "true");
  case 'f':
    return skip_literal(position, "false");
  case 'n':
    return skip_literal(position, "null");
  default:
    return skip_number(position);
  }
}

/* Where the value of the top-level member key starts in text, or NULL when text is not exactly
 * one well-formed object or has no such member. */
static const char *find_member(const char *text, const char *key)
{
  const char *at;
  const char *found = NULL;

  if(!text || !key)
    return NULL;
  at = skip_whitespace(text);
  if(*at != '{')
    return NULL;
  if(read_object(&at, 1, key, &found) != 0)
    return NULL;
  at = skip_whitespace(at);
  if(*at != '\0')
    return NULL;
  return found;
}

int bench_json_find_string(const char *text, const char *key, char *out, size_t out_size)
{
  const char *value;
  struct string_sink sink;

  if(!out || out_size == 0)
    return -1;
  out[0] = '\0';
  value = find_member(text, key);
  if(!value || *value != '"')
    return -1;
  memset(&sink, 0, sizeof(sink));
  sink.out = out;
  sink.out_size = out_size;
  if(read_string(&value, &sink) != 0 || sink.too_long || sink.has_nul) {
    out[0] = '\0';
    return -1;
  }
  out[sink.length] = '\0';
  return 0;
}

/* Numbers too large for a double (1e999) are refused rather than returned as infinity. */
int bench_json_find_number(const char *text, const char *key, double *out)
{
  const char *value;
  double number;

  value = find_member(text, key);
  if(!value || !(*value == '-' || is_digit(*value)))
    return -1;
  /* The syntax is already checked, so strtod reads exactly the JSON number. */
  number = strtod(value, NULL);
  if(!isfinite(number))
    return -1;
  *out = number;
  return 0;
}
