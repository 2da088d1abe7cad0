/* libssh_transfer: the benchmark's libssh client, libssh2_transfer's SFTP part on libssh 0.10.
 * Moves the workload's files to (put) or from (get) an SSH server over SFTP and prints one JSON
 * line with the same fields as libssh2_transfer. The host key must match known_hosts.
 *
 * Driving libssh 0.10 fast: downloads keep READS_IN_FLIGHT asynchronous read requests of up
 * to READ_REQUEST_BYTES outstanding (sftp_async_read_begin / sftp_async_read); uploads read
 * --buffer bytes at a time and send them in synchronous sftp_write calls of SFTP_MAX_DATA_BYTES,
 * the most OpenSSH's server takes, as libssh 0.10 has no asynchronous write (sftp_aio_* came
 * with 0.11); TCP_NODELAY. POSIX only: it links the system's libssh (pkg-config libssh). */

/* clock_gettime, getrusage, fileno, poll and pwrite are POSIX, not C99; 64-bit file offsets on
 * 32-bit systems. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#ifndef _FILE_OFFSET_BITS
#define _FILE_OFFSET_BITS 64
#endif

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <libssh/libssh.h>
#include <libssh/sftp.h>

#include "transfer_options.h"

enum {
  /* OpenSSH's sftp-server ends the session on a message above 256 KiB and advertises
   * 256 KiB - 1024 as its largest read and write (limits@openssh.com); libssh 0.10 cannot ask
   * for those limits (sftp_limits came with 0.11), so they are assumed. */
  SFTP_MAX_DATA_BYTES = 256 * 1024 - 1024,
  /* One asynchronous read request (--buffer when that is smaller). 32-128 KiB measured alike
   * here; 255 KiB requests took two to three times the CPU time. */
  READ_REQUEST_BYTES = 64 * 1024,
  /* Outstanding read requests of a download. libssh 0.10 keeps its channel's receive window
   * at about 1.28 MB, so more than that much in flight only waits in the server. */
  READS_IN_FLIGHT = 16,
  /* The same default as libssh2_transfer, so equal command lines move equal buffers. */
  DEFAULT_BUFFER_BYTES = 32 * 30000,
  /* libssh2_transfer's limit; only 1 is accepted here, the range keeps its messages alike. */
  MAX_STREAMS = 16,
  PATH_BYTES = 1024
};

/* How long connecting and each download answer may wait for the server before the run ends
 * with an error. libssh 0.10 itself waits without limit inside sftp_write and inside a
 * half-received SFTP packet. */
static const long timeout_seconds = 120;

struct connection {
  ssh_session session;
  sftp_session sftp;
};

/* One outstanding asynchronous read: libssh's request id and the range it asked for. */
struct read_request {
  int id;
  uint64_t offset;
  uint32_t length;
};

/* Seconds on a monotonic clock. */
static double now_seconds(void)
{
  struct timespec spec;

  if(clock_gettime(CLOCK_MONOTONIC, &spec) != 0)
    return 0.0;
  return (double)spec.tv_sec + (double)spec.tv_nsec / 1e9;
}

/* User plus system CPU seconds used by this process so far. */
static double cpu_seconds(void)
{
  struct rusage usage;

  if(getrusage(RUSAGE_SELF, &usage) != 0)
    return 0.0;
  return (double)usage.ru_utime.tv_sec + (double)usage.ru_utime.tv_usec / 1e6 +
         (double)usage.ru_stime.tv_sec + (double)usage.ru_stime.tv_usec / 1e6;
}

static void usage(const char *program)
{
  fprintf(stderr,
          "usage: %s --host H --port P --user U --private-key FILE --public-key FILE\n"
          "          --known-hosts FILE --protocol sftp --direction put|get\n"
          "          --local-dir DIR --remote-dir DIR [--files N] [--buffer BYTES]\n"
          "          [--streams 1] [--cipher NAME] [--mac NAME]\n"
          "Files are named file-0000.bin, file-0001.bin, ... in both folders.\n",
          program);
}

/* Takes libssh2_transfer's command line; what libssh 0.10 cannot do here is refused by name. */
static int parse_options(int argc, char **argv, struct transfer_options *options)
{
  if(transfer_options_parse(argc, argv, options, DEFAULT_BUFFER_BYTES, MAX_STREAMS) != 0)
    return -1;
  if(strcmp(options->protocol, "scp") == 0) {
    fprintf(stderr, "--protocol scp: libssh_transfer speaks SFTP only; use --protocol sftp\n");
    return -1;
  }
  if(strcmp(options->protocol, "sftp") != 0) {
    fprintf(stderr, "--protocol must be sftp, not %s\n", options->protocol);
    return -1;
  }
  if(options->streams != 1) {
    fprintf(stderr,
            "--streams %ld: libssh_transfer moves files over one SFTP session only; use "
            "--streams 1\n",
            options->streams);
    return -1;
  }
  return 0;
}

/* The server's host key as OpenSSH prints it (SHA256:...), for messages; "" when unknown. */
static void server_key_fingerprint(ssh_session session, char *text, size_t text_size)
{
  ssh_key key = NULL;
  unsigned char *hash = NULL;
  size_t hash_length = 0;
  char *fingerprint = NULL;

  text[0] = '\0';
  if(ssh_get_server_publickey(session, &key) != SSH_OK)
    return;
  if(ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &hash_length) == 0) {
    fingerprint = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hash_length);
    if(fingerprint)
      snprintf(text, text_size, "%s %s", ssh_key_type_to_char(ssh_key_type(key)), fingerprint);
  }
  ssh_string_free_char(fingerprint);
  ssh_clean_pubkey_hash(&hash);
  ssh_key_free(key);
}

/* Accepts only a server key that known_hosts holds for [host]:port (libssh writes and looks
 * for that form when the port is not 22); unknown, changed or other-type keys are refused. */
static int check_host_key(const struct transfer_options *options, ssh_session session)
{
  enum ssh_known_hosts_e state = ssh_session_is_known_server(session);
  char fingerprint[256];
  const char *reason;

  if(state == SSH_KNOWN_HOSTS_OK)
    return 0;
  server_key_fingerprint(session, fingerprint, sizeof(fingerprint));
  switch(state) {
  case SSH_KNOWN_HOSTS_CHANGED:
    reason = "differs from the key known_hosts holds for it";
    break;
  case SSH_KNOWN_HOSTS_OTHER:
    reason = "is of another type than the key known_hosts holds for it";
    break;
  case SSH_KNOWN_HOSTS_UNKNOWN:
    reason = "is not in known_hosts";
    break;
  case SSH_KNOWN_HOSTS_NOT_FOUND:
    reason = "cannot be checked: the known_hosts file does not exist";
    break;
  default:
    reason = ssh_get_error(session);
    break;
  }
  fprintf(stderr,
          "host key check for [%s]:%s against %s refused the connection: the server's "
          "key (%s) %s\n",
          options->host, options->port, options->known_hosts,
          fingerprint[0] ? fingerprint : "unknown", reason);
  return -1;
}

/* Sets one libssh option, naming it and libssh's error text when libssh refuses it. */
static int set_option(ssh_session session, enum ssh_options_e option, const void *value,
                      const char *what)
{
  if(ssh_options_set(session, option, value) != SSH_OK) {
    fprintf(stderr, "setting %s: %s\n", what, ssh_get_error(session));
    return -1;
  }
  return 0;
}

/* Everything the session needs before it connects. Nothing of the user's or the system's SSH
 * setup is read: no ~/.ssh/config or /etc/ssh/ssh_config, no ~/.ssh or global known_hosts.
 * Cipher and MAC are pinned in both directions, as the OpenSSH peers are with -o Ciphers/MACs. */
static int configure_session(const struct transfer_options *options, ssh_session session)
{
  bool process_config = false;
  int nodelay = 1;

  if(set_option(session, SSH_OPTIONS_PROCESS_CONFIG, &process_config, "no config files") != 0 ||
     set_option(session, SSH_OPTIONS_HOST, options->host, "the host") != 0 ||
     set_option(session, SSH_OPTIONS_PORT_STR, options->port, "the port") != 0 ||
     set_option(session, SSH_OPTIONS_USER, options->user, "the user") != 0 ||
     /* Not a folder: whatever libssh would find under its SSH folder by default is not found. */
     set_option(session, SSH_OPTIONS_SSH_DIR, "/dev/null", "the SSH folder") != 0 ||
     set_option(session, SSH_OPTIONS_KNOWNHOSTS, options->known_hosts, "known_hosts") != 0 ||
     set_option(session, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null", "global known_hosts") != 0 ||
     set_option(session, SSH_OPTIONS_NODELAY, &nodelay, "TCP_NODELAY") != 0 ||
     set_option(session, SSH_OPTIONS_TIMEOUT, &timeout_seconds, "the timeout") != 0)
    return -1;
  if(options->cipher &&
     (set_option(session, SSH_OPTIONS_CIPHERS_C_S, options->cipher, "the cipher") != 0 ||
      set_option(session, SSH_OPTIONS_CIPHERS_S_C, options->cipher, "the cipher") != 0))
    return -1;
  if(options->mac && (set_option(session, SSH_OPTIONS_HMAC_C_S, options->mac, "the MAC") != 0 ||
                      set_option(session, SSH_OPTIONS_HMAC_S_C, options->mac, "the MAC") != 0))
    return -1;
  return 0;
}

/* Logs in with the private key file only (no agent, no default identities). libssh derives the
 * public key from the private one; --public-key is checked to be its pair, so a command line
 * that would fail with libssh2_transfer fails here too. */
static int log_in(const struct transfer_options *options, ssh_session session)
{
  ssh_key private_key = NULL;
  ssh_key public_key = NULL;
  int rc;
  int result = -1;

  if(ssh_pki_import_privkey_file(options->private_key, NULL, NULL, NULL, &private_key) != SSH_OK) {
    fprintf(stderr, "reading the private key %s failed (wrong format or passphrase-protected)\n",
            options->private_key);
    goto cleanup;
  }
  if(ssh_pki_import_pubkey_file(options->public_key, &public_key) != SSH_OK) {
    fprintf(stderr, "reading the public key %s failed\n", options->public_key);
    goto cleanup;
  }
  if(ssh_key_cmp(public_key, private_key, SSH_KEY_CMP_PUBLIC) != 0) {
    fprintf(stderr, "the public key %s is not the pair of the private key %s\n",
            options->public_key, options->private_key);
    goto cleanup;
  }
  rc = ssh_userauth_publickey(session, NULL, private_key);
  if(rc != SSH_AUTH_SUCCESS) {
    fprintf(stderr, "public-key login as %s with %s failed (%d): %s\n", options->user,
            options->private_key, rc, ssh_get_error(session));
    goto cleanup;
  }
  result = 0;
cleanup:
  ssh_key_free(public_key);
  ssh_key_free(private_key);
  return result;
}

static void connection_close(struct connection *connection)
{
  if(connection->sftp)
    sftp_free(connection->sftp);
  if(connection->session) {
    if(ssh_is_connected(connection->session))
      ssh_disconnect(connection->session);
    ssh_free(connection->session);
  }
  memset(connection, 0, sizeof(*connection));
}

/* Connects, checks the host key, logs in and starts the SFTP subsystem. */
static int connection_open(const struct transfer_options *options, struct connection *connection)
{
  memset(connection, 0, sizeof(*connection));
  connection->session = ssh_new();
  if(!connection->session) {
    fprintf(stderr, "ssh_new failed\n");
    return -1;
  }
  if(configure_session(options, connection->session) != 0)
    goto failed;
  if(ssh_connect(connection->session) != SSH_OK) {
    fprintf(stderr, "connecting to %s:%s failed: %s\n", options->host, options->port,
            ssh_get_error(connection->session));
    goto failed;
  }
  if(check_host_key(options, connection->session) != 0 || log_in(options, connection->session) != 0)
    goto failed;
  connection->sftp = sftp_new(connection->session);
  if(!connection->sftp) {
    fprintf(stderr, "starting SFTP: %s\n", ssh_get_error(connection->session));
    goto failed;
  }
  if(sftp_init(connection->sftp) != SSH_OK) {
    fprintf(stderr, "starting SFTP failed (SFTP error %d): %s\n", sftp_get_error(connection->sftp),
            ssh_get_error(connection->session));
    goto failed;
  }
  return 0;
failed:
  connection_close(connection);
  return -1;
}

/* Sends the local file to the remote path; sets *bytes to its size. */
static int sftp_put_file(const struct transfer_options *options, struct connection *connection,
                         const char *local_path, const char *remote_path, char *buffer,
                         long long *bytes)
{
  sftp_file remote = NULL;
  FILE *local = NULL;
  struct stat status;
  long long remaining;
  int result = -1;

  local = fopen(local_path, "rb");
  if(!local || fstat(fileno(local), &status) != 0) {
    fprintf(stderr, "opening %s: %s\n", local_path, strerror(errno));
    goto cleanup;
  }
  remaining = (long long)status.st_size;
  *bytes = remaining;
  remote = sftp_open(connection->sftp, remote_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if(!remote) {
    fprintf(stderr, "SFTP open %s for writing failed (SFTP error %d): %s\n", remote_path,
            sftp_get_error(connection->sftp), ssh_get_error(connection->session));
    goto cleanup;
  }
  while(remaining > 0) {
    size_t wanted =
        remaining < options->buffer_bytes ? (size_t)remaining : (size_t)options->buffer_bytes;
    size_t filled = fread(buffer, 1, wanted, local);
    size_t sent = 0;

    if(filled != wanted) {
      fprintf(stderr, "reading %s: %s\n", local_path,
              ferror(local) ? strerror(errno) : "file shorter than expected");
      goto cleanup;
    }
    /* sftp_write sends one SFTP request and waits for its answer: no larger than the server
     * takes, and as large as that so the round trips are few. */
    while(sent < filled) {
      size_t piece = filled - sent < SFTP_MAX_DATA_BYTES ? filled - sent : SFTP_MAX_DATA_BYTES;
      ssize_t rc = sftp_write(remote, buffer + sent, piece);

      if(rc != (ssize_t)piece) {
        fprintf(stderr, "SFTP write to %s failed (%ld, SFTP error %d): %s\n", remote_path, (long)rc,
                sftp_get_error(connection->sftp), ssh_get_error(connection->session));
        goto cleanup;
      }
      sent += piece;
    }
    remaining -= (long long)filled;
  }
  result = 0;
cleanup:
  if(remote && sftp_close(remote) != SSH_NO_ERROR && result == 0) {
    fprintf(stderr, "SFTP close %s: %s\n", remote_path, ssh_get_error(connection->session));
    result = -1;
  }
  if(local)
    fclose(local);
  return result;
}

/* Asks for a range of the file; sftp_async_read_begin reads at the handle's offset, which
 * sftp_async_read moves after a short answer, so every request sets it. */
static int begin_read(struct connection *connection, sftp_file remote, const char *remote_path,
                      uint64_t offset, uint32_t length, struct read_request *request)
{
  if(sftp_seek64(remote, offset) != 0) {
    fprintf(stderr, "SFTP seek in %s: %s\n", remote_path, ssh_get_error(connection->session));
    return -1;
  }
  request->id = sftp_async_read_begin(remote, length);
  if(request->id < 0) {
    fprintf(stderr, "SFTP read request for %s at %llu failed: %s\n", remote_path,
            (unsigned long long)offset, ssh_get_error(connection->session));
    return -1;
  }
  request->offset = offset;
  request->length = length;
  return 0;
}

/* The answer to one request, into buffer. The handle is non-blocking, so a server that stops
 * answering ends the run after timeout_seconds instead of hanging it: a blocking
 * sftp_async_read waits for ever. Returns what sftp_async_read returned (bytes, 0 at the end of
 * the file, SSH_ERROR) or SSH_ERROR after the timeout. */
static int wait_for_answer(struct connection *connection, sftp_file remote, const char *remote_path,
                           const struct read_request *request, char *buffer)
{
  for(;;) {
    struct pollfd socket_ready;
    int got = sftp_async_read(remote, buffer, request->length, (uint32_t)request->id);
    int rc;

    if(got != SSH_AGAIN)
      return got;
    socket_ready.fd = ssh_get_fd(connection->session);
    socket_ready.events = POLLIN;
    socket_ready.revents = 0;
    rc = poll(&socket_ready, 1, (int)(timeout_seconds * 1000));
    if(rc == 0) {
      fprintf(stderr, "SFTP read from %s at %llu: no answer for %ld s\n", remote_path,
              (unsigned long long)request->offset, timeout_seconds);
      return SSH_ERROR;
    }
    if(rc < 0 && errno != EINTR) {
      fprintf(stderr, "waiting for %s: poll: %s\n", remote_path, strerror(errno));
      return SSH_ERROR;
    }
  }
}

/* Writes length bytes at offset of the local file. */
static int write_at(int local, const char *local_path, const char *data, size_t length,
                    uint64_t offset)
{
  while(length > 0) {
    ssize_t written = pwrite(local, data, length, (off_t)offset);

    if(written < 0 && errno == EINTR)
      continue;
    if(written <= 0) {
      fprintf(stderr, "writing %s: %s\n", local_path, strerror(errno));
      return -1;
    }
    data += written;
    length -= (size_t)written;
    offset += (uint64_t)written;
  }
  return 0;
}

/* Receives the remote file of size bytes into the open local file, READS_IN_FLIGHT requests
 * outstanding, each answer written at its own offset.
 *
 * libssh 0.10's sftp_async_read reads one more SFTP packet from the channel before it looks
 * for its answer among those already received. So the answers must be taken in the order the
 * requests went out, as OpenSSH's server sends them: an answer another call took early would
 * leave the last call waiting for a packet that never comes (seen with plain sftp_read for the
 * rest of a short answer: a hang at the end of the file). The rest of a short answer is
 * therefore asked for again behind the requests already sent. Requests still outstanding
 * after an error are freed with the SFTP session. */
static int receive_file(const struct transfer_options *options, struct connection *connection,
                        sftp_file remote, const char *remote_path, uint64_t size, int local,
                        const char *local_path, char *buffer)
{
  struct read_request requests[READS_IN_FLIGHT];
  uint32_t request_bytes = options->buffer_bytes < READ_REQUEST_BYTES
                               ? (uint32_t)options->buffer_bytes
                               : (uint32_t)READ_REQUEST_BYTES;
  size_t oldest = 0;
  size_t in_flight = 0;
  uint64_t requested = 0;

  while(requested < size || in_flight > 0) {
    struct read_request request;
    int got;

    while(in_flight < READS_IN_FLIGHT && requested < size) {
      uint32_t length =
          size - requested < request_bytes ? (uint32_t)(size - requested) : request_bytes;

      if(begin_read(connection, remote, remote_path, requested, length,
                    &requests[(oldest + in_flight) % READS_IN_FLIGHT]) != 0)
        return -1;
      in_flight++;
      requested += length;
    }
    /* A copy: a request for the rest of a short answer takes the slot it frees. */
    request = requests[oldest];
    oldest = (oldest + 1) % READS_IN_FLIGHT;
    in_flight--;
    got = wait_for_answer(connection, remote, remote_path, &request, buffer);
    if(got <= 0) {
      fprintf(stderr, "SFTP read from %s at %llu failed (%d, SFTP error %d): %s\n", remote_path,
              (unsigned long long)request.offset, got, sftp_get_error(connection->sftp),
              got == 0 ? "the file ended early" : ssh_get_error(connection->session));
      return -1;
    }
    if(write_at(local, local_path, buffer, (size_t)got, request.offset) != 0)
      return -1;
    if((uint32_t)got < request.length) {
      if(begin_read(connection, remote, remote_path, request.offset + (uint32_t)got,
                    request.length - (uint32_t)got,
                    &requests[(oldest + in_flight) % READS_IN_FLIGHT]) != 0)
        return -1;
      in_flight++;
    }
  }
  return 0;
}

/* Receives the remote file into the local path; sets *bytes to its size. */
static int sftp_get_file(const struct transfer_options *options, struct connection *connection,
                         const char *local_path, const char *remote_path, char *buffer,
                         long long *bytes)
{
  sftp_file remote = NULL;
  sftp_attributes attributes = NULL;
  int local = -1;
  uint64_t size;
  int result = -1;

  remote = sftp_open(connection->sftp, remote_path, O_RDONLY, 0);
  if(!remote) {
    fprintf(stderr, "SFTP open %s for reading failed (SFTP error %d): %s\n", remote_path,
            sftp_get_error(connection->sftp), ssh_get_error(connection->session));
    goto cleanup;
  }
  attributes = sftp_fstat(remote);
  if(!attributes || !(attributes->flags & SSH_FILEXFER_ATTR_SIZE)) {
    fprintf(stderr, "SFTP stat %s: %s\n", remote_path,
            attributes ? "the server sent no size" : ssh_get_error(connection->session));
    goto cleanup;
  }
  size = attributes->size;
  *bytes = (long long)size;
  local = open(local_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if(local < 0) {
    fprintf(stderr, "creating %s: %s\n", local_path, strerror(errno));
    goto cleanup;
  }
  sftp_file_set_nonblocking(remote);
  if(receive_file(options, connection, remote, remote_path, size, local, local_path, buffer) != 0)
    goto cleanup;
  result = 0;
cleanup:
  sftp_attributes_free(attributes);
  if(remote)
    sftp_close(remote);
  if(local >= 0 && close(local) != 0 && result == 0) {
    fprintf(stderr, "closing %s: %s\n", local_path, strerror(errno));
    result = -1;
  }
  return result;
}

/* Every file in turn over one connection; *bytes is the total moved. */
static int transfer_files(const struct transfer_options *options, struct connection *connection,
                          long long *bytes)
{
  char local_path[PATH_BYTES];
  char remote_path[PATH_BYTES];
  char *buffer = malloc((size_t)options->buffer_bytes);
  int is_put = strcmp(options->direction, "put") == 0;
  long index;
  int result = 0;

  *bytes = 0;
  if(!buffer) {
    fprintf(stderr, "out of memory for a %ld-byte buffer\n", options->buffer_bytes);
    return -1;
  }
  for(index = 0; index < options->files && result == 0; index++) {
    long long moved = 0;

    snprintf(local_path, sizeof(local_path), "%s/file-%04ld.bin", options->local_dir, index);
    snprintf(remote_path, sizeof(remote_path), "%s/file-%04ld.bin", options->remote_dir, index);
    if(is_put)
      result = sftp_put_file(options, connection, local_path, remote_path, buffer, &moved);
    else
      result = sftp_get_file(options, connection, local_path, remote_path, buffer, &moved);
    *bytes += moved;
  }
  free(buffer);
  return result;
}

int main(int argc, char **argv)
{
  struct transfer_options options;
  struct connection connection;
  double started;
  double setup_seconds;
  double transfer_seconds;
  double cpu_before;
  long long bytes = 0;
  const char *cipher;
  const char *mac;
  int result = 1;

  if(parse_options(argc, argv, &options) != 0) {
    usage(argv[0]);
    return 2;
  }
  if(ssh_init() != SSH_OK) {
    fprintf(stderr, "ssh_init failed\n");
    return 1;
  }

  cpu_before = cpu_seconds();
  started = now_seconds();
  if(connection_open(&options, &connection) != 0)
    goto exit_libssh;
  setup_seconds = now_seconds() - started;

  started = now_seconds();
  if(transfer_files(&options, &connection, &bytes) != 0)
    goto cleanup;
  transfer_seconds = now_seconds() - started;

  cipher = ssh_get_cipher_out(connection.session);
  mac = ssh_get_hmac_out(connection.session);
  printf("{\"client\": \"libssh-%s\", \"direction\": \"%s\", \"files\": %ld, \"bytes\": %lld, "
         "\"streams\": %ld, \"buffer\": %ld, \"cipher\": \"%s\", \"mac\": \"%s\", "
         "\"setup_seconds\": %.6f, \"transfer_seconds\": %.6f, \"cpu_seconds\": %.6f}\n",
         options.protocol, options.direction, options.files, bytes, options.streams,
         options.buffer_bytes, cipher ? cipher : "", mac ? mac : "", setup_seconds,
         transfer_seconds, cpu_seconds() - cpu_before);
  result = 0;
cleanup:
  connection_close(&connection);
exit_libssh:
  ssh_finalize();
  return result;
}
