/* curl probe: libcurl as the consumer of the stack. Header and library agree on curl's version;
 * the libcurl linked runs on this prefix's libssh2 and zlib (their versions as their own headers
 * say), speaks sftp, scp and file and nothing it was built without; a file written here reads
 * back through file://. Given a server: seeded bytes put over SFTP, got back over SFTP and SCP
 * and compared, with the host key pinned by known_hosts and a public-key login.
 *   probe_curl [HOST PORT USER PRIVATE_KEY PUBLIC_KEY KNOWN_HOSTS REMOTE_DIR]
 * REMOTE_DIR is a folder on the server, named as the server names it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <libssh2.h>
#include <zlib.h>

#ifdef _WIN32
#include <direct.h>
#include <process.h>
#define probe_getcwd _getcwd
#define probe_getpid _getpid
#else
#include <unistd.h>
#define probe_getcwd getcwd
#define probe_getpid getpid
#endif

#include "probe_check.h"

/* Large enough for libssh2's SFTP to split it into many 30,000-byte requests. */
#define PROBE_CURL_BYTES (1024 * 1024 + 17)

/* What a download receives, bounded: more than expected is itself a failure. */
struct sink {
  unsigned char *data;
  size_t used;
  size_t capacity;
  int overflow;
};

struct source {
  const unsigned char *data;
  size_t length;
  size_t sent;
};

static size_t sink_write(char *data, size_t size, size_t count, void *user)
{
  struct sink *sink = user;
  size_t length = size * count;

  if(length > sink->capacity - sink->used) {
    sink->overflow = 1;
    return 0;
  }
  memcpy(sink->data + sink->used, data, length);
  sink->used += length;
  return length;
}

static size_t source_read(char *buffer, size_t size, size_t count, void *user)
{
  struct source *source = user;
  size_t length = size * count;

  if(length > source->length - source->sent)
    length = source->length - source->sent;
  memcpy(buffer, source->data + source->sent, length);
  source->sent += length;
  return length;
}

/* Returns 1 when the list of protocol names holds name. */
static int has_protocol(const curl_version_info_data *info, const char *name)
{
  const char *const *protocol;

  for(protocol = info->protocols; *protocol; protocol++) {
    if(strcmp(*protocol, name) == 0)
      return 1;
  }
  return 0;
}

static void check_build(struct probe *probe, const curl_version_info_data *info)
{
  char expected[64];
  char detail[256];
  const char *built_without[] = {"http", "https", "ftp", "ftps", "smb", "ldap", "ws", NULL};
  int i;

  probe_expect_text(probe, "header LIBCURL_VERSION equals the library's version", info->version,
                    LIBCURL_VERSION);
  snprintf(expected, sizeof(expected), "libssh2/%s", LIBSSH2_VERSION);
  probe_expect_text(probe, "SSH backend is the prefix's libssh2",
                    info->libssh_version ? info->libssh_version : "(none)", expected);
  probe_expect_text(probe, "zlib is the prefix's", info->libz_version ? info->libz_version : "(none)",
                    ZLIB_VERSION);
  probe_expect(probe, (info->features & CURL_VERSION_LIBZ) != 0, "feature libz",
               "libcurl was built without zlib");
  probe_expect(probe, (info->features & CURL_VERSION_SSL) == 0, "no TLS backend",
               "libcurl was built with TLS, which the recipe turns off");
  probe_expect(probe, has_protocol(info, "sftp"), "protocol sftp", "not in curl_version_info");
  probe_expect(probe, has_protocol(info, "scp"), "protocol scp", "not in curl_version_info");
  probe_expect(probe, has_protocol(info, "file"), "protocol file", "not in curl_version_info");
  for(i = 0; built_without[i]; i++) {
    snprintf(detail, sizeof(detail), "libcurl speaks %s, which the recipe leaves out",
             built_without[i]);
    snprintf(expected, sizeof(expected), "protocol %s left out", built_without[i]);
    probe_expect(probe, !has_protocol(info, built_without[i]), expected, detail);
  }
}

/* Runs one transfer on handle; returns its curl code and fills detail with its error. */
static CURLcode perform(CURL *handle, char *error, char *detail, size_t detail_size)
{
  CURLcode rc;

  error[0] = '\0';
  rc = curl_easy_perform(handle);
  snprintf(detail, detail_size, "curl error %d: %s", (int)rc,
           error[0] ? error : curl_easy_strerror(rc));
  return rc;
}

/* Reads url into sink; returns the curl code. */
static CURLcode download(CURL *handle, const char *url, struct sink *sink, char *error,
                         char *detail, size_t detail_size)
{
  sink->used = 0;
  sink->overflow = 0;
  curl_easy_setopt(handle, CURLOPT_URL, url);
  curl_easy_setopt(handle, CURLOPT_UPLOAD, 0L);
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, sink_write);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, sink);
  return perform(handle, error, detail, detail_size);
}

static void expect_same_bytes(struct probe *probe, const char *check, const struct sink *sink,
                              const unsigned char *expected, size_t length)
{
  char detail[128];

  snprintf(detail, sizeof(detail), "got %lu bytes%s, expected %lu seeded bytes",
           (unsigned long)sink->used, sink->overflow ? " and more" : "", (unsigned long)length);
  probe_expect(probe, !sink->overflow && sink->used == length &&
                          memcmp(sink->data, expected, length) == 0,
               check, detail);
}

/* Appends path to url, percent-encoding every byte but letters, digits and -._~/: (RFC 3986's
 * unreserved characters, the path separator and a drive's colon): a folder named "a#b", "50%" or
 * "my files" would otherwise end the path early or be decoded into another name. Returns 0, or -1
 * when url has no room. */
static int append_url_path(char *url, size_t size, const char *path)
{
  static const char hex[] = "0123456789ABCDEF";
  size_t used = strlen(url);
  const unsigned char *byte;

  for(byte = (const unsigned char *)path; *byte; byte++) {
    int plain = (*byte >= 'a' && *byte <= 'z') || (*byte >= 'A' && *byte <= 'Z') ||
                (*byte >= '0' && *byte <= '9') || strchr("-._~/:", *byte) != NULL;

    if(used + (plain ? 1 : 3) >= size)
      return -1;
    if(plain) {
      url[used++] = (char)*byte;
    }
    else {
      url[used++] = '%';
      url[used++] = hex[*byte >> 4];
      url[used++] = hex[*byte & 15];
    }
  }
  url[used] = '\0';
  return 0;
}

/* file://: a file written here comes back whole. */
static void check_file(struct probe *probe, CURL *handle, const unsigned char *bytes,
                       size_t length, struct sink *sink)
{
  char name[64];
  char directory[1024];
  char url[1200];
  char error[CURL_ERROR_SIZE];
  char detail[1400];
  FILE *file;
  size_t i;
  int written;

  /* Its own name: the probes of several linkages and toolchains may share a folder. */
  snprintf(name, sizeof(name), "probe_curl_file_%ld.bin", (long)probe_getpid());
  if(probe_expect(probe, probe_getcwd(directory, sizeof(directory)) != NULL,
                  "current folder known", "getcwd failed"))
    return;
  file = fopen(name, "wb");
  written = file && fwrite(bytes, 1, length, file) == length;
  if(file && fclose(file) != 0)
    written = 0;
  if(probe_expect(probe, written, "file written for file://", name)) {
    remove(name);
    return;
  }
  /* Windows: Z:\a\b becomes file:///Z:/a/b. */
  for(i = 0; directory[i]; i++) {
    if(directory[i] == '\\')
      directory[i] = '/';
  }
  snprintf(url, sizeof(url), "file://%s", directory[0] == '/' ? "" : "/");
  if(append_url_path(url, sizeof(url), directory) != 0 || append_url_path(url, sizeof(url), "/") != 0 ||
     append_url_path(url, sizeof(url), name) != 0) {
    probe_expect(probe, 0, "file:// URL fits", directory);
    remove(name);
    return;
  }
  curl_easy_reset(handle);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
  if(!probe_expect(probe, download(handle, url, sink, error, detail, sizeof(detail)) == CURLE_OK,
                   "file:// read", detail))
    expect_same_bytes(probe, "file:// bytes equal what was written", sink, bytes, length);
  remove(name);
  /* The handle must not keep this function's error buffer. */
  curl_easy_reset(handle);
}

static void set_login(CURL *handle, const struct probe_server *server, char *error)
{
  curl_easy_reset(handle);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(handle, CURLOPT_USERNAME, server->user);
  curl_easy_setopt(handle, CURLOPT_SSH_AUTH_TYPES, (long)CURLSSH_AUTH_PUBLICKEY);
  curl_easy_setopt(handle, CURLOPT_SSH_PRIVATE_KEYFILE, server->private_key);
  curl_easy_setopt(handle, CURLOPT_SSH_PUBLIC_KEYFILE, server->public_key);
  /* Without a key callback, a key not in known_hosts (or another one) is refused. */
  curl_easy_setopt(handle, CURLOPT_SSH_KNOWNHOSTS, server->known_hosts);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, 20L);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, 120L);
}

/* scheme://host:port/<the server's folder>/probe_curl.bin; 0, or -1 when it does not fit. */
static int server_url(char *url, size_t size, const char *scheme, const struct probe_server *server)
{
  snprintf(url, size, "%s://%s:%s", scheme, server->host, server->port);
  if(append_url_path(url, size, server->extra) != 0)
    return -1;
  return append_url_path(url, size, "/probe_curl.bin");
}

static void check_server(struct probe *probe, CURL *handle, const struct probe_server *server,
                         const unsigned char *bytes, size_t length, struct sink *sink)
{
  char url[1200];
  char error[CURL_ERROR_SIZE];
  char detail[1400];
  struct source source;
  const char *scheme[] = {"sftp", "scp"};
  int i;

  if(server_url(url, sizeof(url), "sftp", server) != 0) {
    probe_expect(probe, 0, "SFTP URL fits", server->extra);
    return;
  }
  source.data = bytes;
  source.length = length;
  source.sent = 0;
  set_login(handle, server, error);
  curl_easy_setopt(handle, CURLOPT_URL, url);
  curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(handle, CURLOPT_READFUNCTION, source_read);
  curl_easy_setopt(handle, CURLOPT_READDATA, &source);
  curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, (curl_off_t)length);
  if(probe_expect(probe, perform(handle, error, detail, sizeof(detail)) == CURLE_OK,
                  "SFTP upload (host key pinned, public-key login)", detail)) {
    curl_easy_reset(handle);
    return;
  }
  for(i = 0; i < 2; i++) {
    char check[64];

    if(server_url(url, sizeof(url), scheme[i], server) != 0)
      continue; /* the upload's URL, the same length, fitted */
    set_login(handle, server, error);
    snprintf(check, sizeof(check), "%s download", scheme[i]);
    if(probe_expect(probe, download(handle, url, sink, error, detail, sizeof(detail)) == CURLE_OK,
                    check, detail))
      continue;
    snprintf(check, sizeof(check), "%s download equals the upload", scheme[i]);
    expect_same_bytes(probe, check, sink, bytes, length);
  }
  /* The handle must not keep this function's buffers. */
  curl_easy_reset(handle);
}

int main(int argc, char **argv)
{
  struct probe probe;
  const curl_version_info_data *info;
  CURL *handle;
  unsigned char *bytes;
  struct sink sink;
  CURLcode rc;
  char detail[128];

  if(argc != 1 && argc != 8) {
    fprintf(stderr,
            "usage: %s [HOST PORT USER PRIVATE_KEY PUBLIC_KEY KNOWN_HOSTS REMOTE_DIR]\n",
            argv[0]);
    return 2;
  }
  probe_begin(&probe, "curl");
  rc = curl_global_init(CURL_GLOBAL_DEFAULT);
  snprintf(detail, sizeof(detail), "returned %d", (int)rc);
  if(probe_expect(&probe, rc == CURLE_OK, "curl_global_init", detail))
    return probe_end(&probe);
  info = curl_version_info(CURLVERSION_NOW);
  check_build(&probe, info);

  bytes = malloc(PROBE_CURL_BYTES);
  sink.data = malloc(PROBE_CURL_BYTES);
  sink.capacity = PROBE_CURL_BYTES;
  handle = curl_easy_init();
  if(!probe_expect(&probe, bytes && sink.data && handle, "curl_easy_init", "out of memory")) {
    probe_fill_seeded(bytes, PROBE_CURL_BYTES, 20261202u);
    check_file(&probe, handle, bytes, PROBE_CURL_BYTES, &sink);
    if(argc == 8) {
      struct probe_server server;

      /* The seventh word is the folder on the server. */
      probe_server_read(&server, argv + 1, argc - 1);
      check_server(&probe, handle, &server, bytes, PROBE_CURL_BYTES, &sink);
    } else {
      printf("     no server given: SFTP and SCP transfers not checked\n");
    }
  }
  if(handle)
    curl_easy_cleanup(handle);
  free(sink.data);
  free(bytes);
  curl_global_cleanup();
  return probe_end(&probe);
}
