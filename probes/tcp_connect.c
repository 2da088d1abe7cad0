/* TCP connections for the probes and the benchmark: the one file with #ifdef _WIN32.
 * TCP_NODELAY matters: without it SFTP downloads were four times slower on loopback. */
#include "tcp_connect.h"

#include <stdio.h>
#include <string.h>

#ifdef _WIN32
#include <ws2tcpip.h>
#else
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#endif

int tcp_startup(void)
{
#ifdef _WIN32
  WSADATA data;
  int rc = WSAStartup(MAKEWORD(2, 2), &data);

  if(rc != 0) {
    fprintf(stderr, "WSAStartup failed: error %d\n", rc);
    return -1;
  }
#endif
  return 0;
}

void tcp_cleanup(void)
{
#ifdef _WIN32
  WSACleanup();
#endif
}

static int last_socket_error(void)
{
#ifdef _WIN32
  return WSAGetLastError();
#else
  return errno;
#endif
}

int tcp_connect(const char *host, const char *port, tcp_socket *socket_out)
{
  struct addrinfo hints;
  struct addrinfo *addresses = NULL;
  struct addrinfo *address;
  int rc;
  int error = 0;
  int nodelay = 1;

  memset(&hints, 0, sizeof(hints));
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  rc = getaddrinfo(host, port, &hints, &addresses);
  if(rc != 0) {
    fprintf(stderr, "resolving %s port %s failed: %s\n", host, port, gai_strerror(rc));
    return -1;
  }
  for(address = addresses; address; address = address->ai_next) {
    tcp_socket sock = socket(address->ai_family, address->ai_socktype, address->ai_protocol);
#ifdef _WIN32
    if(sock == INVALID_SOCKET) {
#else
    if(sock < 0) {
#endif
      error = last_socket_error();
      continue;
    }
    if(connect(sock, address->ai_addr, (int)address->ai_addrlen) == 0) {
      if(setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, (const char *)&nodelay, sizeof(nodelay)) != 0) {
        fprintf(stderr, "setting TCP_NODELAY on the connection to %s:%s failed: error %d\n", host,
                port, last_socket_error());
        tcp_close(sock);
        freeaddrinfo(addresses);
        return -1;
      }
      *socket_out = sock;
      freeaddrinfo(addresses);
      return 0;
    }
    error = last_socket_error();
    tcp_close(sock);
  }
  freeaddrinfo(addresses);
#ifdef _WIN32
  fprintf(stderr, "connecting to %s:%s failed: Winsock error %d\n", host, port, error);
#else
  fprintf(stderr, "connecting to %s:%s failed: %s\n", host, port, strerror(error));
#endif
  return -1;
}

void tcp_close(tcp_socket sock)
{
#ifdef _WIN32
  closesocket(sock);
#else
  close(sock);
#endif
}

void tcp_pause_ms(int milliseconds)
{
#ifdef _WIN32
  Sleep((DWORD)milliseconds);
#else
  struct timespec pause;

  pause.tv_sec = milliseconds / 1000;
  pause.tv_nsec = (long)(milliseconds % 1000) * 1000000L;
  nanosleep(&pause, NULL);
#endif
}

int tcp_wait(tcp_socket sock, int for_read, int for_write, int timeout_ms)
{
  fd_set readable;
  fd_set writable;
  struct timeval timeout;

  FD_ZERO(&readable);
  FD_ZERO(&writable);
  if(for_read)
    FD_SET(sock, &readable);
  if(for_write)
    FD_SET(sock, &writable);
  timeout.tv_sec = timeout_ms / 1000;
  timeout.tv_usec = (long)(timeout_ms % 1000) * 1000L;
  /* The first argument is ignored by Winsock. */
  return select((int)sock + 1, &readable, &writable, NULL, &timeout);
}

long tcp_receive(tcp_socket sock, void *buffer, size_t length, int *would_block)
{
#ifdef _WIN32
  int rc = recv(sock, (char *)buffer, length > 0x7fffffff ? 0x7fffffff : (int)length, 0);

  *would_block = rc < 0 && WSAGetLastError() == WSAEWOULDBLOCK;
  return rc;
#else
  ssize_t rc = recv(sock, buffer, length, 0);

  *would_block = rc < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR);
  return (long)rc;
#endif
}
