/* See transfer_options.h. */
#include "transfer_options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int transfer_options_number(const char *text, long minimum, long maximum, long *value)
{
  char *end = NULL;
  long parsed;

  errno = 0;
  parsed = strtol(text, &end, 10);
  if(errno != 0 || end == text || *end != '\0' || parsed < minimum || parsed > maximum)
    return -1;
  *value = parsed;
  return 0;
}

int transfer_options_parse(int argc, char **argv, struct transfer_options *options,
                           long default_buffer_bytes, long max_streams)
{
  int i;

  memset(options, 0, sizeof(*options));
  options->files = 1;
  options->buffer_bytes = default_buffer_bytes;
  options->streams = 1;
  for(i = 1; i + 1 < argc; i += 2) {
    const char *name = argv[i];
    const char *value = argv[i + 1];

    if(strcmp(name, "--host") == 0)
      options->host = value;
    else if(strcmp(name, "--port") == 0)
      options->port = value;
    else if(strcmp(name, "--user") == 0)
      options->user = value;
    else if(strcmp(name, "--private-key") == 0)
      options->private_key = value;
    else if(strcmp(name, "--public-key") == 0)
      options->public_key = value;
    else if(strcmp(name, "--known-hosts") == 0)
      options->known_hosts = value;
    else if(strcmp(name, "--protocol") == 0)
      options->protocol = value;
    else if(strcmp(name, "--direction") == 0)
      options->direction = value;
    else if(strcmp(name, "--local-dir") == 0)
      options->local_dir = value;
    else if(strcmp(name, "--remote-dir") == 0)
      options->remote_dir = value;
    else if(strcmp(name, "--cipher") == 0)
      options->cipher = value;
    else if(strcmp(name, "--mac") == 0)
      options->mac = value;
    else if(strcmp(name, "--files") == 0) {
      if(transfer_options_number(value, 1, 1000000, &options->files) != 0) {
        fprintf(stderr, "--files: '%s' is not a number from 1 to 1000000\n", value);
        return -1;
      }
    }
    else if(strcmp(name, "--buffer") == 0) {
      if(transfer_options_number(value, 1024, 64L * 1024 * 1024, &options->buffer_bytes) != 0) {
        fprintf(stderr, "--buffer: '%s' is not a number of bytes from 1024 to 64 MiB\n", value);
        return -1;
      }
    }
    else if(strcmp(name, "--streams") == 0) {
      if(transfer_options_number(value, 1, max_streams, &options->streams) != 0) {
        fprintf(stderr, "--streams: '%s' is not a number from 1 to %ld\n", value, max_streams);
        return -1;
      }
    }
    else {
      fprintf(stderr, "unknown option %s\n", name);
      return -1;
    }
  }
  if(i != argc || !options->host || !options->port || !options->user || !options->private_key ||
     !options->public_key || !options->known_hosts || !options->protocol || !options->direction ||
     !options->local_dir || !options->remote_dir)
    return -1;
  if(strcmp(options->direction, "put") != 0 && strcmp(options->direction, "get") != 0) {
    fprintf(stderr, "--direction must be put or get, not %s\n", options->direction);
    return -1;
  }
  return 0;
}
