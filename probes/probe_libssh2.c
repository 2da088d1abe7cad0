/* libssh2 probe: header and library agree on the version, the library starts, its crypto is
 * OpenSSL and zlib compression is built in; given a server, a handshake with the host key
 * pinned by known_hosts, a public-key login and an SFTP session; given the server's log too
 * (OpenSSH at LogLevel DEBUG3), that the session used strict key exchange (Terrapin's fix).
 *   probe_libssh2 [HOST PORT USER PRIVATE_KEY PUBLIC_KEY KNOWN_HOSTS [SERVER_LOG]] */
#include <stdio.h>
#include <string.h>

#include <libssh2.h>
#include <libssh2_sftp.h>

#include "known_host.h"
#include "probe_check.h"
#include "tcp_connect.h"

/* OpenSSH writes this at DEBUG3 when both sides offered strict key exchange
 * (kex-strict-c-v00@openssh.com and kex-strict-s-v00@openssh.com): libssh2 does not say. */
static const char strict_kex_line[] = "will use strict KEX ordering";

/* Returns 1 when the file holds text. The server writes its log from another process, so a
 * reader that comes too early tries again a few times. */
static int file_holds(const char *path, const char *text)
{
  char buffer[4096];
  size_t text_length = strlen(text);
  size_t kept = 0;
  size_t got;
  FILE *file = fopen(path, "rb");

  if(!file)
    return 0;
  /* Each read keeps the last bytes of the one before, so a match across two reads is seen. */
  while((got = fread(buffer + kept, 1, sizeof(buffer) - 1 - kept, file)) > 0) {
    size_t length = kept + got;

    buffer[length] = '\0';
    if(strstr(buffer, text)) {
      fclose(file);
      return 1;
    }
    kept = length < text_length ? length : text_length;
    memmove(buffer, buffer + length - kept, kept);
  }
  fclose(file);
  return 0;
}

static const char *session_error(LIBSSH2_SESSION *session)
{
  char *message = NULL;

  libssh2_session_last_error(session, &message, NULL, 0);
  return message ? message : "no libssh2 error recorded";
}

/* libssh2 lists its zlib methods only once compression is asked for on the session. */
static void check_compression(struct probe *probe, LIBSSH2_SESSION *session)
{
  const char **methods = NULL;
  int count;
  int found = 0;
  int i;

  if(probe_expect(probe, libssh2_session_flag(session, LIBSSH2_FLAG_COMPRESS, 1) == 0,
                  "LIBSSH2_FLAG_COMPRESS accepted", session_error(session)))
    return;
  count = libssh2_session_supported_algs(session, LIBSSH2_METHOD_COMP_CS, &methods);
  for(i = 0; i < count; i++) {
    if(strcmp(methods[i], "zlib@openssh.com") == 0)
      found = 1;
  }
  if(count > 0)
    libssh2_free(session, methods);
  probe_expect(probe, found, "zlib compression built in (zlib@openssh.com offered)",
               "not among the compression methods: libssh2 was built without "
               "ENABLE_ZLIB_COMPRESSION");
}

static void check_server(struct probe *probe, const struct probe_server *server)
{
  tcp_socket sock;
  LIBSSH2_SESSION *session = NULL;
  LIBSSH2_SFTP *sftp = NULL;
  char detail[512];
  const char *kex;
  const char *cipher;
  int port;
  int rc;

  if(probe_expect(probe, tcp_connect(server->host, server->port, &sock) == 0,
                  "TCP connection to the server", "see the message above"))
    return;
  session = libssh2_session_init();
  if(probe_expect(probe, session != NULL, "libssh2_session_init", "out of memory"))
    goto cleanup;
  rc = libssh2_session_handshake(session, sock);
  snprintf(detail, sizeof(detail), "error %d: %s", rc, session_error(session));
  if(probe_expect(probe, rc == 0, "session handshake", detail))
    goto cleanup;
  kex = libssh2_session_methods(session, LIBSSH2_METHOD_KEX);
  cipher = libssh2_session_methods(session, LIBSSH2_METHOD_CRYPT_CS);
  printf("     negotiated key exchange %s, cipher %s\n", kex ? kex : "?", cipher ? cipher : "?");
  if(server->extra) {
    int attempt;
    int strict = 0;

    for(attempt = 0; attempt < 20 && !strict; attempt++) {
      strict = file_holds(server->extra, strict_kex_line);
      if(!strict)
        tcp_pause_ms(100);
    }
    snprintf(detail, sizeof(detail),
             "the server's log %s does not say '%s': the client did not "
             "offer kex-strict-c-v00@openssh.com (a libssh2 older than 1.11.1, or unpatched)",
             server->extra, strict_kex_line);
    probe_expect(probe, strict, "strict key exchange negotiated (Terrapin, CVE-2023-48795)",
                 detail);
  }
  port = 0;
  sscanf(server->port, "%d", &port);
  if(probe_expect(probe,
                  known_host_check(session, server->host, port, server->known_hosts, detail,
                                   sizeof(detail)) == 0,
                  "server host key pinned by known_hosts", detail))
    goto cleanup;
  rc = libssh2_userauth_publickey_fromfile(session, server->user, server->public_key,
                                           server->private_key, NULL);
  snprintf(detail, sizeof(detail), "user %s, key %s: error %d: %s", server->user,
           server->private_key, rc, session_error(session));
  if(probe_expect(probe, rc == 0, "public-key login", detail))
    goto cleanup;
  sftp = libssh2_sftp_init(session);
  snprintf(detail, sizeof(detail), "%s", session_error(session));
  probe_expect(probe, sftp != NULL, "SFTP subsystem starts", detail);
cleanup:
  if(sftp)
    libssh2_sftp_shutdown(sftp);
  if(session) {
    libssh2_session_disconnect(session, "probe done");
    libssh2_session_free(session);
  }
  tcp_close(sock);
}

int main(int argc, char **argv)
{
  struct probe probe;
  LIBSSH2_SESSION *session;
  int rc;
  char detail[128];

  if(argc != 1 && argc != 7 && argc != 8) {
    fprintf(stderr, "usage: %s [HOST PORT USER PRIVATE_KEY PUBLIC_KEY KNOWN_HOSTS [SERVER_LOG]]\n",
            argv[0]);
    return 2;
  }
  probe_begin(&probe, "libssh2");
  probe_expect_text(&probe, "header LIBSSH2_VERSION equals libssh2_version(0)", libssh2_version(0),
                    LIBSSH2_VERSION);
  rc = libssh2_init(0);
  snprintf(detail, sizeof(detail), "returned %d", rc);
  if(probe_expect(&probe, rc == 0, "libssh2_init", detail))
    return probe_end(&probe);
  probe_expect(&probe, libssh2_crypto_engine() == libssh2_openssl, "crypto backend is OpenSSL",
               "libssh2 was built with another crypto backend (CRYPTO_BACKEND)");
  session = libssh2_session_init();
  if(!probe_expect(&probe, session != NULL, "libssh2_session_init", "out of memory")) {
    check_compression(&probe, session);
    libssh2_session_free(session);
  }
  if(argc >= 7) {
    struct probe_server server;

    /* The seventh word, when given, is the server's log. */
    probe_server_read(&server, argv + 1, argc - 1);
    if(tcp_startup() == 0) {
      check_server(&probe, &server);
      tcp_cleanup();
    } else {
      probe_expect(&probe, 0, "socket layer starts", "see the message above");
    }
  } else {
    printf("     no server given: handshake and login not checked\n");
  }
  libssh2_exit();
  return probe_end(&probe);
}
