/* What the benchmark client needs from the system beyond C99: a monotonic clock, the process's
 * CPU time, 64-bit file offsets, threads and a socket send. platform.c is its only #ifdef _WIN32
 * file. */
#ifndef PLATFORM_H
#define PLATFORM_H

#include <stddef.h>
#include <stdio.h>

#include "tcp_connect.h"

/* Seconds on a monotonic clock. */
double platform_now(void);

/* User plus system CPU seconds used by this process so far. */
double platform_cpu_seconds(void);

/* Moves stream to offset from the start; returns 0 on success. */
int platform_seek(FILE *stream, long long offset);

/* Size of the file at path in bytes, or -1. */
long long platform_file_size(const char *path);

/* One send() of up to length bytes on a connected socket. Returns what it returned (-1: an
 * error) and sets *would_block when a non-blocking socket had no room. */
long platform_send(tcp_socket sock, const void *buffer, size_t length, int *would_block);

struct platform_thread;

/* Starts work(argument) on a new thread; returns NULL on failure. */
struct platform_thread *platform_thread_start(void (*work)(void *), void *argument);

/* Waits for the thread to end and frees it; returns 0 on success. */
int platform_thread_join(struct platform_thread *thread);

#endif
