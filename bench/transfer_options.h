/* The command line the benchmark's transfer programs share (libssh2_transfer, libssh_transfer):
 * the orchestrator runs each the same way, so they read it with one parser. */
#ifndef STACKPROBE_TRANSFER_OPTIONS_H
#define STACKPROBE_TRANSFER_OPTIONS_H

struct transfer_options {
  const char *host;
  const char *port;
  const char *user;
  const char *private_key;
  const char *public_key;
  const char *known_hosts;
  const char *protocol;  /* sftp or scp */
  const char *direction; /* put or get */
  const char *local_dir;
  const char *remote_dir;
  const char *cipher; /* NULL: the library's own preference */
  const char *mac;    /* NULL: the library's own preference */
  long files;
  long buffer_bytes;
  long streams;
};

/* A decimal number from minimum to maximum in *value: 0, or -1 for any other text. */
int transfer_options_number(const char *text, long minimum, long maximum, long *value);

/* Reads "--name value" pairs into options (files 1, buffer_bytes default_buffer_bytes, streams 1
 * unless given); checks the numbers (streams up to max_streams), that every option without a
 * default is there, and that direction is put or get. 0, or -1 after saying what is wrong on
 * standard error (nothing for a missing option: the caller prints its usage). */
int transfer_options_parse(int argc, char **argv, struct transfer_options *options,
                           long default_buffer_bytes, long max_streams);

#endif
