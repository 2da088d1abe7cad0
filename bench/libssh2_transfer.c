/* libssh2_transfer: the benchmark's libssh2 client. Moves the workload's files to (put) or from
 * (get) an SSH server over SFTP or SCP and prints one JSON line with the bytes moved, the setup
 * time, the transfer time and the CPU time. The host key must match known_hosts.
 *
 * Driving libssh2 fast: large buffers to libssh2_sftp_write, re-submitting the part not yet
 * acknowledged (no memmove); large reads, which libssh2 reads ahead; TCP_NODELAY; channel
 * writes in a loop (at most 32,700 bytes go per call). Under Wine, also: few socket calls (each
 * is a round trip to wineserver) and no heap churn (see receive_in_client and cache_blocks). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libssh2.h>
#include <libssh2_sftp.h>

#include "known_host.h"
#include "platform.h"
#include "tcp_connect.h"
#include "transfer_options.h"

enum {
  SFTP_REQUEST_BYTES = 30000, /* libssh2 1.11 splits SFTP writes and reads into these */
  DEFAULT_BUFFER_BYTES = 32 * SFTP_REQUEST_BYTES,
  MAX_STREAMS = 16,
  PATH_BYTES = 1024
};

/* What one recv() takes from the socket for libssh2, which asks for at most one SSH packet
 * (35,000 bytes) a call: under Wine every recv() is a round trip to wineserver. */
enum { RECEIVE_BUFFER_BYTES = 1024 * 1024 };

/* Windows builds read through that buffer and wait on the socket themselves (measured under
 * Wine, 256 MiB SFTP get: 5.5 s before, 3.4 s after). Native Linux builds keep libssh2's own
 * blocking reads: there the same change made one run in four twice as slow.
 * While the client does the waiting, Windows builds also gather what libssh2 sends (one send()
 * per SSH packet: every SFTP read request, every 30,000-byte write) and pass it to the socket in
 * one send() per SEND_FLUSH_BYTES or before waiting or reading. Under Wine each send() took
 * 100-200 us (two wineserver requests): 9,000 of them were 1.5-2 s of a 256 MiB SFTP get. */
enum { SEND_BUFFER_BYTES = 1024 * 1024, SEND_FLUSH_BYTES = 128 * 1024 };

/* Windows builds give libssh2 allocation functions that keep freed blocks per power-of-two size
 * class for its next allocations. libssh2 allocates and frees one or two blocks of about 32 KB
 * per SSH packet; Wine's heap decommitted the top of the heap on such a free and committed it
 * again on the next allocation (64 KB mprotect calls), so every packet was copied into fresh
 * pages the kernel had to fault in and zero: a 256 MiB SFTP get made about 3,500 mprotect calls
 * and spent about half its CPU time in page faults and the copies that took them. glibc's malloc
 * does not do this: Linux builds keep it. */
enum { CACHE_CLASSES = 11, CACHE_SMALLEST_SHIFT = 6, CACHE_DEPTH = 256 };

#ifdef _WIN32
static const int receive_in_client = 1;
static const int cache_blocks = 1;
#else
static const int receive_in_client = 0;
static const int cache_blocks = 0;
#endif

/* Freed blocks of 64 bytes .. 64 KB, by size class; larger ones go back to free(). */
struct block_cache {
  void *blocks[CACHE_CLASSES][CACHE_DEPTH];
  int count[CACHE_CLASSES];
};

/* Before each block: its size class (-1: not cached), padded to keep the block aligned. */
union block_header {
  size_t class_index;
  long double align_long_double;
  void *align_pointer;
  char pad[16];
};

struct connection {
  tcp_socket sock;
  int sock_open;
  LIBSSH2_SESSION *session;
  LIBSSH2_SFTP *sftp;
  unsigned char *received;
  size_t received_start;
  size_t received_end;
  /* Set while our own loop does the waiting (non-blocking reads): after one recv() found the
   * socket empty, libssh2's further tries are answered "would block" without a system call
   * until we have waited for data. libssh2 tries several times per SFTP request. */
  int answer_empty;
  int known_empty;
  /* What libssh2 sent that is not in the socket yet (Windows); gathered only while coalesce is
   * set, i.e. while our own loop waits and so flushes it in time. */
  unsigned char *pending;
  size_t pending_start;
  size_t pending_end;
  int coalesce;
  struct block_cache *cache; /* Windows: blocks libssh2 freed, for its next allocations */
};

/* One range of one file moved by one connection; the unit of work of a stream. */
struct range_job {
  const struct transfer_options *options;
  struct connection *connection;
  char local_path[PATH_BYTES];
  char remote_path[PATH_BYTES];
  long long offset;
  long long length;
  int result;
};

static const char *session_error(LIBSSH2_SESSION *session)
{
  char *message = NULL;

  libssh2_session_last_error(session, &message, NULL, 0);
  return message ? message : "no libssh2 error recorded";
}

/* The same algorithm in both directions, as the OpenSSH peers are pinned with -o Ciphers/MACs. */
static int pin_method(LIBSSH2_SESSION *session, int client_to_server, int server_to_client,
                      const char *what, const char *name)
{
  if(libssh2_session_method_pref(session, client_to_server, name) != 0 ||
     libssh2_session_method_pref(session, server_to_client, name) != 0) {
    fprintf(stderr, "%s %s: %s\n", what, name, session_error(session));
    return -1;
  }
  return 0;
}

static void usage(const char *program)
{
  fprintf(stderr,
          "usage: %s --host H --port P --user U --private-key FILE --public-key FILE\n"
          "          --known-hosts FILE --protocol sftp|scp --direction put|get\n"
          "          --local-dir DIR --remote-dir DIR [--files N] [--buffer BYTES]\n"
          "          [--streams N] [--cipher NAME] [--mac NAME]\n"
          "Files are named file-0000.bin, file-0001.bin, ... in both folders.\n",
          program);
}

static int parse_options(int argc, char **argv, struct transfer_options *options)
{
  if(transfer_options_parse(argc, argv, options, DEFAULT_BUFFER_BYTES, MAX_STREAMS) != 0)
    return -1;
  if(strcmp(options->protocol, "sftp") != 0 && strcmp(options->protocol, "scp") != 0) {
    fprintf(stderr, "--protocol must be sftp or scp, not %s\n", options->protocol);
    return -1;
  }
  if(options->streams > 1 && (strcmp(options->protocol, "sftp") != 0 || options->files != 1)) {
    fprintf(stderr, "--streams above 1 splits one file over SFTP sessions: use --protocol sftp "
                    "--files 1\n");
    return -1;
  }
  return 0;
}

static int check_host_key(const struct transfer_options *options, LIBSSH2_SESSION *session)
{
  char detail[1024];
  long port = 0;

  if(transfer_options_number(options->port, 1, 65535, &port) != 0) {
    fprintf(stderr, "--port: '%s' is not a port number\n", options->port);
    return -1;
  }
  if(known_host_check(session, options->host, (int)port, options->known_hosts, detail,
                      sizeof(detail)) != 0) {
    fprintf(stderr, "%s\n", detail);
    return -1;
  }
  return 0;
}

/* The size class of a block of count bytes, or -1 for blocks too large to keep. */
static int cache_class(size_t count)
{
  int index = 0;
  size_t capacity = (size_t)1 << CACHE_SMALLEST_SHIFT;

  while(capacity < count && index < CACHE_CLASSES) {
    capacity <<= 1;
    index++;
  }
  return index < CACHE_CLASSES ? index : -1;
}

/* libssh2's allocation functions (Windows): see cache_blocks. One session, so one thread, uses a
 * cache, which therefore needs no lock. */
static void *cached_alloc(size_t count, void **abstract)
{
  struct block_cache *cache = ((struct connection *)*abstract)->cache;
  int index = cache_class(count);
  union block_header *block;

  if(index >= 0 && cache->count[index] > 0)
    block = cache->blocks[index][--cache->count[index]];
  else {
    block = malloc(sizeof(*block) +
                   (index >= 0 ? (size_t)1 << (index + CACHE_SMALLEST_SHIFT) : count));
    if(!block)
      return NULL;
  }
  block->class_index = (size_t)index;
  return block + 1;
}

static void cached_free(void *pointer, void **abstract)
{
  struct block_cache *cache = ((struct connection *)*abstract)->cache;
  union block_header *block;
  int index;

  if(!pointer)
    return;
  block = (union block_header *)pointer - 1;
  index = (int)block->class_index;
  if(index >= 0 && cache->count[index] < CACHE_DEPTH)
    cache->blocks[index][cache->count[index]++] = block;
  else
    free(block);
}

static void *cached_realloc(void *pointer, size_t count, void **abstract)
{
  union block_header *block;
  size_t capacity;
  void *moved;

  if(!pointer)
    return cached_alloc(count, abstract);
  block = (union block_header *)pointer - 1;
  if((int)block->class_index < 0) {
    block = realloc(block, sizeof(*block) + count);
    return block ? block + 1 : NULL;
  }
  capacity = (size_t)1 << (block->class_index + CACHE_SMALLEST_SHIFT);
  if(count <= capacity)
    return pointer;
  moved = cached_alloc(count, abstract);
  if(!moved)
    return NULL;
  memcpy(moved, pointer, capacity);
  cached_free(pointer, abstract);
  return moved;
}

static void cache_release(struct block_cache *cache)
{
  int index;

  for(index = 0; index < CACHE_CLASSES; index++)
    while(cache->count[index] > 0)
      free(cache->blocks[index][--cache->count[index]]);
  free(cache);
}

/* Passes what is pending to the socket without waiting. Returns 0, also when the socket took
 * only part of it, and -1 on an error. */
static int pending_flush(struct connection *connection)
{
  while(connection->pending_start < connection->pending_end) {
    int would_block = 0;
    long sent = platform_send(connection->sock, connection->pending + connection->pending_start,
                              connection->pending_end - connection->pending_start, &would_block);

    if(sent < 0)
      return would_block ? 0 : -1;
    connection->pending_start += (size_t)sent;
  }
  connection->pending_start = 0;
  connection->pending_end = 0;
  return 0;
}

/* libssh2's send callback (Windows): gathers its packets while coalesce is set (see
 * SEND_FLUSH_BYTES), else sends them at once, after anything still pending. */
static ssize_t coalescing_send(libssh2_socket_t sock, const void *buffer, size_t length, int flags,
                               void **abstract)
{
  struct connection *connection = (struct connection *)*abstract;
  size_t queued = connection->pending_end - connection->pending_start;
  size_t room;

  (void)sock;
  (void)flags;
  if(!connection->coalesce || queued >= SEND_FLUSH_BYTES ||
     connection->pending_end + length > SEND_BUFFER_BYTES) {
    if(pending_flush(connection) != 0)
      return -ECONNRESET;
    queued = connection->pending_end - connection->pending_start;
    if(queued > 0 && connection->pending_start > 0) {
      memmove(connection->pending, connection->pending + connection->pending_start, queued);
      connection->pending_start = 0;
      connection->pending_end = queued;
    }
  }
  if(!connection->coalesce) {
    int would_block = 0;
    long sent;

    if(queued > 0)
      return -EAGAIN;
    sent = platform_send(connection->sock, buffer, length, &would_block);
    if(sent < 0)
      return would_block ? -EAGAIN : -ECONNRESET;
    return (ssize_t)sent;
  }
  /* libssh2 keeps what does not fit and offers it again (as after a short send()). */
  room = SEND_BUFFER_BYTES - connection->pending_end;
  if(room == 0)
    return -EAGAIN;
  if(length > room)
    length = room;
  memcpy(connection->pending + connection->pending_end, buffer, length);
  connection->pending_end += length;
  return (ssize_t)length;
}

/* libssh2's receive callback: serves its reads from one large recv() at a time. */
static ssize_t buffered_receive(libssh2_socket_t sock, void *buffer, size_t length, int flags,
                                void **abstract)
{
  struct connection *connection = (struct connection *)*abstract;
  size_t available;

  (void)flags;
  if(connection->received_start == connection->received_end) {
    int would_block = 0;
    long got;

    if(connection->answer_empty && connection->known_empty)
      return -EAGAIN;
    /* The server answers only what it has been sent. */
    if(connection->pending && pending_flush(connection) != 0)
      return -ECONNRESET;
    got = tcp_receive(sock, connection->received, RECEIVE_BUFFER_BYTES, &would_block);
    if(got < 0) {
      connection->known_empty = would_block;
      return would_block ? -EAGAIN : -ECONNRESET;
    }
    if(got == 0)
      return 0;
    connection->received_start = 0;
    connection->received_end = (size_t)got;
  }
  available = connection->received_end - connection->received_start;
  if(length > available)
    length = available;
  memcpy(buffer, connection->received + connection->received_start, length);
  connection->received_start += length;
  return (ssize_t)length;
}

static void connection_close(struct connection *connection)
{
  if(connection->sftp)
    libssh2_sftp_shutdown(connection->sftp);
  if(connection->session) {
    libssh2_session_disconnect(connection->session, "transfer done");
    libssh2_session_free(connection->session);
  }
  if(connection->sock_open)
    tcp_close(connection->sock);
  free(connection->received);
  free(connection->pending);
  /* After libssh2_session_free: it frees its last blocks into the cache. */
  if(connection->cache)
    cache_release(connection->cache);
  memset(connection, 0, sizeof(*connection));
}

/* Connects, checks the host key, logs in and, for SFTP, starts the subsystem. */
static int connection_open(const struct transfer_options *options, struct connection *connection)
{
  int rc;

  memset(connection, 0, sizeof(*connection));
  if(tcp_connect(options->host, options->port, &connection->sock) != 0)
    return -1;
  connection->sock_open = 1;
  if(cache_blocks) {
    connection->cache = calloc(1, sizeof(*connection->cache));
    if(!connection->cache) {
      fprintf(stderr, "out of memory for the block cache\n");
      goto failed;
    }
    connection->session =
        libssh2_session_init_ex(cached_alloc, cached_free, cached_realloc, connection);
  } else {
    connection->session = libssh2_session_init_ex(NULL, NULL, NULL, connection);
  }
  if(!connection->session) {
    fprintf(stderr, "libssh2_session_init failed\n");
    goto failed;
  }
  if(receive_in_client) {
    connection->received = malloc(RECEIVE_BUFFER_BYTES);
    connection->pending = malloc(SEND_BUFFER_BYTES);
    if(!connection->received || !connection->pending) {
      fprintf(stderr, "out of memory for the socket buffers\n");
      goto failed;
    }
    libssh2_session_callback_set2(connection->session, LIBSSH2_CALLBACK_RECV,
                                  (libssh2_cb_generic *)buffered_receive);
    libssh2_session_callback_set2(connection->session, LIBSSH2_CALLBACK_SEND,
                                  (libssh2_cb_generic *)coalescing_send);
  }
  libssh2_session_set_blocking(connection->session, 1);
  /* A server that stops answering ends the run with an error instead of hanging it. */
  libssh2_session_set_timeout(connection->session, 120000L);
  if(options->cipher &&
     pin_method(connection->session, LIBSSH2_METHOD_CRYPT_CS, LIBSSH2_METHOD_CRYPT_SC, "cipher",
                options->cipher) != 0)
    goto failed;
  if(options->mac &&
     pin_method(connection->session, LIBSSH2_METHOD_MAC_CS, LIBSSH2_METHOD_MAC_SC, "MAC",
                options->mac) != 0)
    goto failed;
  rc = libssh2_session_handshake(connection->session, connection->sock);
  if(rc != 0) {
    fprintf(stderr, "handshake with %s:%s failed (%d): %s\n", options->host, options->port, rc,
            session_error(connection->session));
    goto failed;
  }
  if(check_host_key(options, connection->session) != 0)
    goto failed;
  rc = libssh2_userauth_publickey_fromfile(connection->session, options->user, options->public_key,
                                           options->private_key, NULL);
  if(rc != 0) {
    fprintf(stderr, "public-key login as %s with %s failed (%d): %s\n", options->user,
            options->private_key, rc, session_error(connection->session));
    goto failed;
  }
  if(strcmp(options->protocol, "sftp") == 0) {
    connection->sftp = libssh2_sftp_init(connection->session);
    if(!connection->sftp) {
      fprintf(stderr, "starting SFTP: %s\n", session_error(connection->session));
      goto failed;
    }
  }
  return 0;
failed:
  connection_close(connection);
  return -1;
}

/* Sends length bytes of the local file from offset to the same offset of the remote file. */
/* After EAGAIN from a non-blocking call: sends what is pending, then waits until the socket is
 * ready in the direction libssh2 is blocked on (both when it names none; also for writing while
 * something is still pending), at most timeout_ms. Returns more than 0 when it is, 0 on the
 * timeout, -1 on an error. */
static int session_wait(struct connection *connection, int timeout_ms)
{
  int directions = libssh2_session_block_directions(connection->session);
  int for_read = (directions & LIBSSH2_SESSION_BLOCK_INBOUND) != 0;
  int for_write = (directions & LIBSSH2_SESSION_BLOCK_OUTBOUND) != 0;

  if(connection->pending) {
    if(pending_flush(connection) != 0)
      return -1;
    if(connection->pending_end > connection->pending_start)
      for_write = 1;
  }
  if(!for_read && !for_write) {
    for_read = 1;
    for_write = 1;
  }
  connection->known_empty = 0;
  return tcp_wait(connection->sock, for_read, for_write, timeout_ms);
}

/* Windows: the transfer loops run libssh2 non-blocking and wait on the socket here: under Wine,
 * libssh2's blocking calls retried recv() on an empty socket thousands of times, each a round
 * trip to wineserver. Elsewhere nothing changes. */
static void client_waits_begin(struct connection *connection)
{
  if(!receive_in_client)
    return;
  libssh2_session_set_blocking(connection->session, 0);
  connection->answer_empty = 1;
  connection->known_empty = 0;
  connection->coalesce = 1;
}

/* Back to libssh2's blocking calls (closing, the next file's open), after sending what is
 * pending: libssh2 now waits by itself and would not flush it. */
static void client_waits_end(struct connection *connection)
{
  if(connection->coalesce) {
    while(connection->pending_end > connection->pending_start) {
      if(pending_flush(connection) != 0 ||
         (connection->pending_end > connection->pending_start &&
          tcp_wait(connection->sock, 0, 1, 120000) <= 0))
        break; /* libssh2's next send reports the failure */
    }
    connection->coalesce = 0;
  }
  connection->answer_empty = 0;
  connection->known_empty = 0;
  libssh2_session_set_blocking(connection->session, 1);
}

static int sftp_put_range(struct range_job *job, char *buffer)
{
  LIBSSH2_SESSION *session = job->connection->session;
  LIBSSH2_SFTP_HANDLE *handle = NULL;
  FILE *local = NULL;
  long long remaining = job->length;
  int result = -1;

  local = fopen(job->local_path, "rb");
  if(!local || platform_seek(local, job->offset) != 0) {
    fprintf(stderr, "opening %s at %lld: %s\n", job->local_path, job->offset, strerror(errno));
    goto cleanup;
  }
  /* No TRUNC: parallel streams write ranges of one file; the caller removed it beforehand. */
  handle = libssh2_sftp_open(job->connection->sftp, job->remote_path,
                             LIBSSH2_FXF_WRITE | LIBSSH2_FXF_CREAT, 0644);
  if(!handle) {
    fprintf(stderr, "SFTP open %s for writing: %s\n", job->remote_path, session_error(session));
    goto cleanup;
  }
  libssh2_sftp_seek64(handle, (libssh2_uint64_t)job->offset);
  client_waits_begin(job->connection);
  while(remaining > 0) {
    size_t wanted = remaining < job->options->buffer_bytes ? (size_t)remaining
                                                           : (size_t)job->options->buffer_bytes;
    size_t filled = fread(buffer, 1, wanted, local);
    size_t acknowledged = 0;

    if(filled != wanted) {
      fprintf(stderr, "reading %s: %s\n", job->local_path,
              ferror(local) ? strerror(errno) : "file shorter than expected");
      goto cleanup;
    }
    while(acknowledged < filled) {
      ssize_t rc = libssh2_sftp_write(handle, buffer + acknowledged, filled - acknowledged);

      /* Windows: what the call gathered goes out now, not after the next call's packets. */
      if(job->connection->coalesce && pending_flush(job->connection) != 0) {
        fprintf(stderr, "SFTP write to %s: sending failed\n", job->remote_path);
        goto cleanup;
      }
      /* Non-blocking (Windows): called again with the same arguments once the socket is ready. */
      if(rc == LIBSSH2_ERROR_EAGAIN) {
        if(session_wait(job->connection, 120000) <= 0) {
          fprintf(stderr, "SFTP write to %s: the server took nothing for 120 s\n", job->remote_path);
          goto cleanup;
        }
        continue;
      }
      if(rc < 0) {
        fprintf(stderr, "SFTP write to %s failed (%ld): %s\n", job->remote_path, (long)rc,
                session_error(session));
        goto cleanup;
      }
      acknowledged += (size_t)rc;
    }
    remaining -= (long long)filled;
  }
  result = 0;
cleanup:
  client_waits_end(job->connection);
  if(handle && libssh2_sftp_close(handle) != 0 && result == 0) {
    fprintf(stderr, "SFTP close %s: %s\n", job->remote_path, session_error(session));
    result = -1;
  }
  if(local)
    fclose(local);
  return result;
}

/* Receives length bytes of the remote file from offset into the same offset of the local file. */
static int sftp_get_range(struct range_job *job, char *buffer)
{
  LIBSSH2_SESSION *session = job->connection->session;
  LIBSSH2_SFTP_HANDLE *handle = NULL;
  FILE *local = NULL;
  long long remaining = job->length;
  int result = -1;

  /* r+b: the caller created the file, and parallel streams each write their own range. */
  local = fopen(job->local_path, "r+b");
  if(!local || platform_seek(local, job->offset) != 0) {
    fprintf(stderr, "opening %s at %lld: %s\n", job->local_path, job->offset, strerror(errno));
    goto cleanup;
  }
  handle = libssh2_sftp_open(job->connection->sftp, job->remote_path, LIBSSH2_FXF_READ, 0);
  if(!handle) {
    fprintf(stderr, "SFTP open %s for reading: %s\n", job->remote_path, session_error(session));
    goto cleanup;
  }
  libssh2_sftp_seek64(handle, (libssh2_uint64_t)job->offset);
  client_waits_begin(job->connection);
  while(remaining > 0) {
    size_t wanted = remaining < job->options->buffer_bytes ? (size_t)remaining
                                                           : (size_t)job->options->buffer_bytes;
    ssize_t rc = libssh2_sftp_read(handle, buffer, wanted);

    /* Windows: the read requests the call gathered go out now. */
    if(job->connection->coalesce && pending_flush(job->connection) != 0) {
      fprintf(stderr, "SFTP read from %s: sending requests failed\n", job->remote_path);
      goto cleanup;
    }
    if(rc == LIBSSH2_ERROR_EAGAIN) {
      if(session_wait(job->connection, 120000) <= 0) {
        fprintf(stderr, "SFTP read from %s: no data for 120 s (%lld bytes missing)\n",
                job->remote_path, remaining);
        goto cleanup;
      }
      continue;
    }
    if(rc <= 0) {
      fprintf(stderr, "SFTP read from %s failed (%ld, %lld bytes missing): %s\n", job->remote_path,
              (long)rc, remaining, session_error(session));
      goto cleanup;
    }
    if(fwrite(buffer, 1, (size_t)rc, local) != (size_t)rc) {
      fprintf(stderr, "writing %s: %s\n", job->local_path, strerror(errno));
      goto cleanup;
    }
    remaining -= (long long)rc;
    /* Less than asked: libssh2 found the socket empty (or could not send all its requests)
     * and gave what it had. Wait for the socket rather than asking again at once; briefly, as
     * a request it has not sent yet brings no data. */
    if(receive_in_client && (size_t)rc < wanted && remaining > 0 &&
       job->connection->received_start == job->connection->received_end)
      session_wait(job->connection, 50);
  }
  result = 0;
cleanup:
  client_waits_end(job->connection);
  if(handle)
    libssh2_sftp_close(handle);
  if(local && fclose(local) != 0 && result == 0) {
    fprintf(stderr, "closing %s: %s\n", job->local_path, strerror(errno));
    result = -1;
  }
  return result;
}

/* Writes all of buffer to the channel: libssh2_channel_write takes at most 32,700 bytes a call. */
static int channel_write_all(LIBSSH2_CHANNEL *channel, LIBSSH2_SESSION *session, const char *buffer,
                             size_t length)
{
  size_t written = 0;

  while(written < length) {
    ssize_t rc = libssh2_channel_write(channel, buffer + written, length - written);

    if(rc < 0) {
      fprintf(stderr, "SCP channel write failed (%ld): %s\n", (long)rc, session_error(session));
      return -1;
    }
    written += (size_t)rc;
  }
  return 0;
}

/* Reads exactly length bytes from the channel. */
static int channel_read_all(LIBSSH2_CHANNEL *channel, LIBSSH2_SESSION *session, char *buffer,
                            size_t length)
{
  size_t done = 0;

  while(done < length) {
    ssize_t rc = libssh2_channel_read(channel, buffer + done, length - done);

    if(rc <= 0) {
      fprintf(stderr, "SCP channel read failed (%ld): %s\n", (long)rc, session_error(session));
      return -1;
    }
    done += (size_t)rc;
  }
  return 0;
}

/* Sends length bytes of an open local file over the channel, a buffer at a time. */
static int file_to_channel(FILE *local, const char *name, LIBSSH2_CHANNEL *channel,
                           LIBSSH2_SESSION *session, long long length, char *buffer,
                           long buffer_bytes)
{
  while(length > 0) {
    size_t wanted = length < buffer_bytes ? (size_t)length : (size_t)buffer_bytes;

    if(fread(buffer, 1, wanted, local) != wanted) {
      fprintf(stderr, "reading %s: file shorter than expected\n", name);
      return -1;
    }
    if(channel_write_all(channel, session, buffer, wanted) != 0)
      return -1;
    length -= (long long)wanted;
  }
  return 0;
}

/* Receives length bytes from the channel into an open local file. */
static int channel_to_file(LIBSSH2_CHANNEL *channel, LIBSSH2_SESSION *session, FILE *local,
                           const char *name, long long length, char *buffer, long buffer_bytes)
{
  while(length > 0) {
    size_t wanted = length < buffer_bytes ? (size_t)length : (size_t)buffer_bytes;
    ssize_t rc = libssh2_channel_read(channel, buffer, wanted);

    if(rc <= 0) {
      fprintf(stderr, "SCP read for %s failed (%ld, %lld bytes missing): %s\n", name, (long)rc,
              length, session_error(session));
      return -1;
    }
    if(fwrite(buffer, 1, (size_t)rc, local) != (size_t)rc) {
      fprintf(stderr, "writing %s: %s\n", name, strerror(errno));
      return -1;
    }
    length -= (long long)rc;
  }
  return 0;
}

static int scp_put_file(struct range_job *job, char *buffer)
{
  LIBSSH2_SESSION *session = job->connection->session;
  LIBSSH2_CHANNEL *channel = NULL;
  FILE *local = fopen(job->local_path, "rb");
  int result = -1;

  if(!local) {
    fprintf(stderr, "opening %s: %s\n", job->local_path, strerror(errno));
    return -1;
  }
  channel = libssh2_scp_send64(session, job->remote_path, 0644, (libssh2_int64_t)job->length, 0, 0);
  if(!channel) {
    fprintf(stderr, "SCP send %s: %s\n", job->remote_path, session_error(session));
    goto cleanup;
  }
  if(file_to_channel(local, job->local_path, channel, session, job->length, buffer,
                     job->options->buffer_bytes) != 0)
    goto cleanup;
  if(libssh2_channel_send_eof(channel) != 0 || libssh2_channel_wait_eof(channel) != 0 ||
     libssh2_channel_wait_closed(channel) != 0) {
    fprintf(stderr, "SCP finishing %s: %s\n", job->remote_path, session_error(session));
    goto cleanup;
  }
  result = 0;
cleanup:
  if(channel)
    libssh2_channel_free(channel);
  fclose(local);
  return result;
}

static int scp_get_file(struct range_job *job, char *buffer)
{
  LIBSSH2_SESSION *session = job->connection->session;
  LIBSSH2_CHANNEL *channel;
  libssh2_struct_stat status;
  FILE *local = NULL;
  long long remaining;
  int result = -1;

  memset(&status, 0, sizeof(status));
  channel = libssh2_scp_recv2(session, job->remote_path, &status);
  if(!channel) {
    fprintf(stderr, "SCP receive %s: %s\n", job->remote_path, session_error(session));
    return -1;
  }
  remaining = (long long)status.st_size;
  job->length = remaining;
  local = fopen(job->local_path, "wb");
  if(!local) {
    fprintf(stderr, "creating %s: %s\n", job->local_path, strerror(errno));
    goto cleanup;
  }
  if(channel_to_file(channel, session, local, job->local_path, remaining, buffer,
                     job->options->buffer_bytes) != 0)
    goto cleanup;
  result = 0;
cleanup:
  libssh2_channel_free(channel);
  if(local && fclose(local) != 0 && result == 0)
    result = -1;
  return result;
}

/* Runs one job with a buffer of its own; a thread's entry point for parallel streams. */
static void run_range_job(void *argument)
{
  struct range_job *job = argument;
  int is_put = strcmp(job->options->direction, "put") == 0;
  char *buffer = malloc((size_t)job->options->buffer_bytes);

  if(!buffer) {
    fprintf(stderr, "out of memory for a %ld-byte buffer\n", job->options->buffer_bytes);
    job->result = -1;
    return;
  }
  if(strcmp(job->options->protocol, "scp") == 0)
    job->result = is_put ? scp_put_file(job, buffer) : scp_get_file(job, buffer);
  else
    job->result = is_put ? sftp_put_range(job, buffer) : sftp_get_range(job, buffer);
  free(buffer);
}

static void file_paths(const struct transfer_options *options, long index, struct range_job *job)
{
  snprintf(job->local_path, sizeof(job->local_path), "%s/file-%04ld.bin", options->local_dir,
           index);
  snprintf(job->remote_path, sizeof(job->remote_path), "%s/file-%04ld.bin", options->remote_dir,
           index);
}

/* Size of the file to move: the local one for put, the remote one (SFTP stat) for get. */
static long long source_size(const struct transfer_options *options, struct connection *connection,
                             const struct range_job *job)
{
  LIBSSH2_SFTP_ATTRIBUTES attributes;

  if(strcmp(options->direction, "put") == 0)
    return platform_file_size(job->local_path);
  if(libssh2_sftp_stat(connection->sftp, job->remote_path, &attributes) != 0 ||
     !(attributes.flags & LIBSSH2_SFTP_ATTR_SIZE)) {
    fprintf(stderr, "SFTP stat %s: %s\n", job->remote_path, session_error(connection->session));
    return -1;
  }
  return (long long)attributes.filesize;
}

/* Reads the remote scp's one-byte answer: 0 is OK, anything else comes with a message. */
static int scp_read_ack(LIBSSH2_CHANNEL *channel, LIBSSH2_SESSION *session)
{
  char answer = 1;
  char message[512];
  size_t used = 0;

  if(channel_read_all(channel, session, &answer, 1) != 0)
    return -1;
  if(answer == 0)
    return 0;
  while(used + 1 < sizeof(message) && channel_read_all(channel, session, message + used, 1) == 0 &&
        message[used] != '\n')
    used++;
  message[used] = '\0';
  fprintf(stderr, "remote scp refused: %s\n", message);
  return -1;
}

/* libssh2 1.11 refuses to send a packet of more than 40,000 bytes ("Unable to send channel
 * request"), so the file names given to one remote "scp -f" stay below this. */
static const size_t scp_command_limit = 30000;

/* Ends a channel: after a clean transfer, EOF both ways and the remote scp's exit status; after a
 * failure, only close it, as waiting for an EOF the remote may never send would hang. */
static int scp_finish_channel(LIBSSH2_CHANNEL *channel, int transfer_result)
{
  int result = transfer_result;

  if(transfer_result == 0) {
    if(libssh2_channel_send_eof(channel) != 0 || libssh2_channel_wait_eof(channel) != 0 ||
       libssh2_channel_wait_closed(channel) != 0) {
      fprintf(stderr, "closing the scp channel failed\n");
      result = -1;
    } else if(libssh2_channel_get_exit_status(channel) != 0) {
      fprintf(stderr, "remote scp exited with status %d\n", libssh2_channel_get_exit_status(channel));
      result = -1;
    }
  }
  libssh2_channel_free(channel);
  return result;
}

/* Files first .. first + count - 1 over ONE channel, as scp -O does: libssh2's scp functions
 * open a channel and start a remote scp for every file, which makes small files many times
 * slower. This speaks the SCP protocol ("C<mode> <size> <name>", data, a zero byte, each
 * answered by a zero byte) to one remote "scp -t" (put) or "scp -f <names>" (get). */
static int scp_transfer_batch(const struct transfer_options *options, LIBSSH2_SESSION *session,
                              const char *command, long first, long count, char *buffer,
                              long long *bytes)
{
  LIBSSH2_CHANNEL *channel = NULL;
  int is_put = strcmp(options->direction, "put") == 0;
  struct range_job job;
  long index;
  int result = -1;

  channel = libssh2_channel_open_session(session);
  if(!channel) {
    fprintf(stderr, "opening a channel for scp: %s\n", session_error(session));
    return -1;
  }
  if(libssh2_channel_exec(channel, command) != 0) {
    fprintf(stderr, "starting remote '%.60s...': %s\n", command, session_error(session));
    libssh2_channel_free(channel);
    return -1;
  }
  if(!is_put && channel_write_all(channel, session, "", 1) != 0)
    goto done;
  if(is_put && scp_read_ack(channel, session) != 0)
    goto done;
  for(index = first; index < first + count; index++) {
    char header[256];
    long long remaining;
    FILE *local;

    memset(&job, 0, sizeof(job));
    file_paths(options, index, &job);
    if(is_put) {
      remaining = platform_file_size(job.local_path);
      local = fopen(job.local_path, "rb");
      if(remaining < 0 || !local) {
        fprintf(stderr, "opening %s: %s\n", job.local_path, strerror(errno));
        if(local)
          fclose(local);
        goto done;
      }
      snprintf(header, sizeof(header), "C0644 %lld file-%04ld.bin\n", remaining, index);
      if(channel_write_all(channel, session, header, strlen(header)) != 0 ||
         scp_read_ack(channel, session) != 0) {
        fclose(local);
        goto done;
      }
      *bytes += remaining;
      if(file_to_channel(local, job.local_path, channel, session, remaining, buffer,
                         options->buffer_bytes) != 0) {
        fclose(local);
        goto done;
      }
      fclose(local);
      if(channel_write_all(channel, session, "", 1) != 0 || scp_read_ack(channel, session) != 0)
        goto done;
    } else {
      size_t used = 0;
      char *end = NULL;
      char expected_name[32];

      /* "C0644 <size> <name>\n" */
      while(used + 1 < sizeof(header)) {
        if(channel_read_all(channel, session, header + used, 1) != 0)
          goto done;
        if(header[used] == '\n')
          break;
        used++;
      }
      header[used] = '\0';
      if(header[0] != 'C' || strlen(header) < 8) {
        fprintf(stderr, "remote scp sent '%s' instead of a file header\n", header);
        goto done;
      }
      remaining = strtoll(header + 6, &end, 10);
      snprintf(expected_name, sizeof(expected_name), "file-%04ld.bin", index);
      if(!end || *end != ' ' || remaining < 0 || strcmp(end + 1, expected_name) != 0) {
        fprintf(stderr, "remote scp sent '%s', expected a header for %s\n", header, expected_name);
        goto done;
      }
      local = fopen(job.local_path, "wb");
      if(!local || channel_write_all(channel, session, "", 1) != 0) {
        fprintf(stderr, "creating %s: %s\n", job.local_path, strerror(errno));
        if(local)
          fclose(local);
        goto done;
      }
      *bytes += remaining;
      if(channel_to_file(channel, session, local, job.local_path, remaining, buffer,
                         options->buffer_bytes) != 0) {
        fclose(local);
        goto done;
      }
      if(fclose(local) != 0 || scp_read_ack(channel, session) != 0 ||
         channel_write_all(channel, session, "", 1) != 0)
        goto done;
    }
  }
  result = 0;
done:
  return scp_finish_channel(channel, result);
}

/* Every file over as few channels as the command length allows: one for put ("scp -t" takes
 * the names from the stream), batches of names for get. */
static int scp_transfer_many(const struct transfer_options *options, struct connection *connection,
                             long long *bytes)
{
  int is_put = strcmp(options->direction, "put") == 0;
  char *buffer = malloc((size_t)options->buffer_bytes);
  char *command = malloc(scp_command_limit + strlen(options->remote_dir) + 64);
  long first = 0;
  int result = 0;

  *bytes = 0;
  if(!buffer || !command) {
    fprintf(stderr, "out of memory\n");
    result = -1;
  }
  while(result == 0 && first < options->files) {
    long count = 0;
    size_t used;

    if(is_put) {
      sprintf(command, "scp -t -d '%s'", options->remote_dir);
      count = options->files - first;
    } else {
      used = (size_t)sprintf(command, "cd '%s' && exec scp -f", options->remote_dir);
      while(first + count < options->files && used + 32 < scp_command_limit) {
        used += (size_t)sprintf(command + used, " file-%04ld.bin", first + count);
        count++;
      }
      if(count == 0) {
        fprintf(stderr, "the remote folder's name is too long for an scp command\n");
        result = -1;
        break;
      }
    }
    result = scp_transfer_batch(options, connection->session, command, first, count, buffer,
                                bytes);
    first += count;
  }
  free(command);
  free(buffer);
  return result;
}

/* Every file in turn over one connection. */
static int transfer_files(const struct transfer_options *options, struct connection *connection,
                          long long *bytes)
{
  struct range_job job;
  long index;

  *bytes = 0;
  if(strcmp(options->protocol, "scp") == 0 && options->files > 1)
    return scp_transfer_many(options, connection, bytes);
  for(index = 0; index < options->files; index++) {
    memset(&job, 0, sizeof(job));
    job.options = options;
    job.connection = connection;
    file_paths(options, index, &job);
    job.offset = 0;
    if(strcmp(options->protocol, "sftp") == 0 || strcmp(options->direction, "put") == 0) {
      job.length = source_size(options, connection, &job);
      if(job.length < 0) {
        fprintf(stderr, "no size for %s\n", job.local_path);
        return -1;
      }
      if(strcmp(options->direction, "get") == 0) {
        FILE *created = fopen(job.local_path, "wb");

        if(!created || fclose(created) != 0) {
          fprintf(stderr, "creating %s: %s\n", job.local_path, strerror(errno));
          return -1;
        }
      }
    }
    run_range_job(&job);
    if(job.result != 0)
      return -1;
    *bytes += job.length;
  }
  return 0;
}

/* One file split into equal ranges, one connection and thread per range. */
static int transfer_streams(const struct transfer_options *options, struct connection *connections,
                            long long *bytes)
{
  struct range_job jobs[MAX_STREAMS];
  struct platform_thread *threads[MAX_STREAMS];
  long long size;
  long stream;
  int result = 0;

  memset(jobs, 0, sizeof(jobs));
  file_paths(options, 0, &jobs[0]);
  size = source_size(options, &connections[0], &jobs[0]);
  if(size < 0)
    return -1;
  if(strcmp(options->direction, "get") == 0) {
    FILE *created = fopen(jobs[0].local_path, "wb");

    if(!created || fclose(created) != 0) {
      fprintf(stderr, "creating %s: %s\n", jobs[0].local_path, strerror(errno));
      return -1;
    }
  }
  for(stream = 0; stream < options->streams; stream++) {
    jobs[stream].options = options;
    jobs[stream].connection = &connections[stream];
    file_paths(options, 0, &jobs[stream]);
    jobs[stream].offset = size / options->streams * stream;
    jobs[stream].length =
        stream == options->streams - 1 ? size - jobs[stream].offset : size / options->streams;
    threads[stream] = platform_thread_start(run_range_job, &jobs[stream]);
    if(!threads[stream]) {
      fprintf(stderr, "starting thread %ld failed\n", stream);
      jobs[stream].result = -1;
    }
  }
  for(stream = 0; stream < options->streams; stream++) {
    if(threads[stream] && platform_thread_join(threads[stream]) != 0)
      result = -1;
    if(jobs[stream].result != 0)
      result = -1;
  }
  *bytes = size;
  return result;
}

int main(int argc, char **argv)
{
  struct transfer_options options;
  struct connection connections[MAX_STREAMS];
  double started;
  double setup_seconds;
  double transfer_seconds;
  double cpu_before;
  long long bytes = 0;
  long opened = 0;
  const char *cipher;
  const char *mac;
  int result = 1;

  if(parse_options(argc, argv, &options) != 0) {
    usage(argv[0]);
    return 2;
  }
  if(libssh2_init(0) != 0) {
    fprintf(stderr, "libssh2_init failed\n");
    return 1;
  }
  if(tcp_startup() != 0)
    goto exit_libssh2;

  cpu_before = platform_cpu_seconds();
  started = platform_now();
  for(opened = 0; opened < options.streams; opened++) {
    if(connection_open(&options, &connections[opened]) != 0)
      goto cleanup;
  }
  setup_seconds = platform_now() - started;

  started = platform_now();
  if(options.streams > 1) {
    if(transfer_streams(&options, connections, &bytes) != 0)
      goto cleanup;
  } else if(transfer_files(&options, &connections[0], &bytes) != 0) {
    goto cleanup;
  }
  transfer_seconds = platform_now() - started;

  cipher = libssh2_session_methods(connections[0].session, LIBSSH2_METHOD_CRYPT_CS);
  mac = libssh2_session_methods(connections[0].session, LIBSSH2_METHOD_MAC_CS);
  printf("{\"client\": \"libssh2-%s\", \"direction\": \"%s\", \"files\": %ld, \"bytes\": %lld, "
         "\"streams\": %ld, \"buffer\": %ld, \"cipher\": \"%s\", \"mac\": \"%s\", "
         "\"setup_seconds\": %.6f, \"transfer_seconds\": %.6f, \"cpu_seconds\": %.6f}\n",
         options.protocol, options.direction, options.files, bytes, options.streams,
         options.buffer_bytes, cipher ? cipher : "", mac ? mac : "", setup_seconds,
         transfer_seconds, platform_cpu_seconds() - cpu_before);
  result = 0;
cleanup:
  while(opened > 0)
    connection_close(&connections[--opened]);
  tcp_cleanup();
exit_libssh2:
  libssh2_exit();
  return result;
}
