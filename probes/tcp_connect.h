/* A TCP connection to host:port for libssh2, the only platform-specific code of the programs:
 * Winsock on Windows, BSD sockets elsewhere. */
#ifndef TCP_CONNECT_H
#define TCP_CONNECT_H

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

/* Waits the given number of milliseconds (for a file another process is writing). */
void tcp_pause_ms(int milliseconds);

#endif
