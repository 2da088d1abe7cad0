/* A TCP connection to host:port for libssh2, the only platform-specific code of the programs:
 * Winsock on Windows, BSD sockets elsewhere. */
#ifndef TCP_CONNECT_H
#define TCP_CONNECT_H

#include <stddef.h>

#ifdef _WIN32
#include <winsock2.h>
typedef SOCKET tcp_socket;
#else
typedef int tcp_socket;
#endif

/* Starts the socket layer (WSAStartup on Windows). Returns 0 on success. */
int tcp_startup(void);
void tcp_cleanup(void);

/* Connects to host:port with TCP_NODELAY set. Returns 0 and sets *socket_out, or prints the
 * operation and the system's error text to stderr and returns -1. */
int tcp_connect(const char *host, const char *port, tcp_socket *socket_out);
void tcp_close(tcp_socket sock);

/* One recv() of up to length bytes. Returns what it returned (0: the peer closed, -1: an error)
 * and sets *would_block when a non-blocking socket had nothing to read. */
long tcp_receive(tcp_socket sock, void *buffer, size_t length, int *would_block);

/* Waits until the socket can be read (for_read) or written (for_write), at most timeout_ms.
 * Returns more than 0 when it can, 0 on the timeout, -1 on an error. */
int tcp_wait(tcp_socket sock, int for_read, int for_write, int timeout_ms);

/* Waits the given number of milliseconds (for a file another process is writing). */
void tcp_pause_ms(int milliseconds);

#endif
