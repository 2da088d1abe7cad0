/* The benchmark client's system calls for Windows and for POSIX systems (Linux, macOS). On
 * MinGW, clock_gettime is not there ("undefined reference to 'clock_gettime'"): use
 * QueryPerformanceCounter. */
#include "platform.h"

#include <stdlib.h>

#ifdef _WIN32
#include <windows.h>
#else
#include <errno.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#endif

struct platform_thread {
  void (*work)(void *);
  void *argument;
#ifdef _WIN32
  HANDLE handle;
#else
  pthread_t handle;
#endif
};

#ifdef _WIN32

double platform_now(void)
{
  LARGE_INTEGER frequency;
  LARGE_INTEGER counter;

  QueryPerformanceFrequency(&frequency);
  QueryPerformanceCounter(&counter);
  return (double)counter.QuadPart / (double)frequency.QuadPart;
}

static double filetime_seconds(const FILETIME *time)
{
  ULARGE_INTEGER value;

  value.LowPart = time->dwLowDateTime;
  value.HighPart = time->dwHighDateTime;
  return (double)value.QuadPart / 1e7;
}

double platform_cpu_seconds(void)
{
  FILETIME created;
  FILETIME exited;
  FILETIME kernel;
  FILETIME user;

  if(!GetProcessTimes(GetCurrentProcess(), &created, &exited, &kernel, &user))
    return 0.0;
  return filetime_seconds(&kernel) + filetime_seconds(&user);
}

int platform_seek(FILE *stream, long long offset)
{
  return _fseeki64(stream, offset, SEEK_SET);
}

long long platform_file_size(const char *path)
{
  WIN32_FILE_ATTRIBUTE_DATA data;
  ULARGE_INTEGER size;

  if(!GetFileAttributesExA(path, GetFileExInfoStandard, &data))
    return -1;
  size.LowPart = data.nFileSizeLow;
  size.HighPart = data.nFileSizeHigh;
  return (long long)size.QuadPart;
}

long platform_send(tcp_socket sock, const void *buffer, size_t length, int *would_block)
{
  int rc = send(sock, (const char *)buffer, length > 0x7fffffff ? 0x7fffffff : (int)length, 0);

  *would_block = rc < 0 && WSAGetLastError() == WSAEWOULDBLOCK;
  return rc;
}

static DWORD WINAPI thread_main(LPVOID argument)
{
  struct platform_thread *thread = argument;

  thread->work(thread->argument);
  return 0;
}

struct platform_thread *platform_thread_start(void (*work)(void *), void *argument)
{
  struct platform_thread *thread = malloc(sizeof(*thread));

  if(!thread)
    return NULL;
  thread->work = work;
  thread->argument = argument;
  thread->handle = CreateThread(NULL, 0, thread_main, thread, 0, NULL);
  if(!thread->handle) {
    free(thread);
    return NULL;
  }
  return thread;
}

int platform_thread_join(struct platform_thread *thread)
{
  DWORD rc = WaitForSingleObject(thread->handle, INFINITE);

  CloseHandle(thread->handle);
  free(thread);
  return rc == WAIT_OBJECT_0 ? 0 : -1;
}

#else

double platform_now(void)
{
  struct timespec now;

  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

double platform_cpu_seconds(void)
{
  struct rusage usage;

  if(getrusage(RUSAGE_SELF, &usage) != 0)
    return 0.0;
  return (double)usage.ru_utime.tv_sec + (double)usage.ru_utime.tv_usec / 1e6 +
         (double)usage.ru_stime.tv_sec + (double)usage.ru_stime.tv_usec / 1e6;
}

int platform_seek(FILE *stream, long long offset)
{
  return fseeko(stream, (off_t)offset, SEEK_SET);
}

long long platform_file_size(const char *path)
{
  struct stat status;

  if(stat(path, &status) != 0)
    return -1;
  return (long long)status.st_size;
}

long platform_send(tcp_socket sock, const void *buffer, size_t length, int *would_block)
{
#ifdef MSG_NOSIGNAL
  /* A closed connection is an error to report, not a SIGPIPE that ends the program. */
  ssize_t rc = send(sock, buffer, length, MSG_NOSIGNAL);
#else
  ssize_t rc = send(sock, buffer, length, 0);
#endif

  *would_block = rc < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR);
  return (long)rc;
}

static void *thread_main(void *argument)
{
  struct platform_thread *thread = argument;

  thread->work(thread->argument);
  return NULL;
}

struct platform_thread *platform_thread_start(void (*work)(void *), void *argument)
{
  struct platform_thread *thread = malloc(sizeof(*thread));

  if(!thread)
    return NULL;
  thread->work = work;
  thread->argument = argument;
  if(pthread_create(&thread->handle, NULL, thread_main, thread) != 0) {
    free(thread);
    return NULL;
  }
  return thread;
}

int platform_thread_join(struct platform_thread *thread)
{
  int rc = pthread_join(thread->handle, NULL);

  free(thread);
  return rc == 0 ? 0 : -1;
}

#endif
