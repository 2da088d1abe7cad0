/* stackprobe-bench: the benchmark's orchestrator. Every contender moves the same files to and
 * from one throwaway loopback sshd, in the same run, in an order rotated every round; every file
 * that arrives is checked by SHA-256; the medians, the ratios to OpenSSH's sftp and the CPU per
 * GiB go to bench.json and a table. bench/run_bench.cmake finds the clients and calls this.
 *
 * It owns every process it starts. The sshd (bench/sshd.cmake's, whose watchdog ends it within
 * a second of this process's end, even after SIGKILL) is stopped on every way out; the clients
 * die with this process (PR_SET_PDEATHSIG) and are ended by SIGINT, SIGTERM and SIGHUP, which end
 * the run with 128 + the signal. Needs POSIX; /proc (Linux) adds the server's CPU time.
 *
 * The transfer is timed, not the connection: the libssh2, libssh and Python clients time
 * themselves; OpenSSH's sftp is timed inside its session (!date markers), scp over a master
 * connection opened before each run (the handshake untimed, the server process fresh).
 * The environment variable STACKPROBE_BENCH_CORRUPT=1 appends a byte to the first file received
 * (a test hook): the run must then fail its SHA-256 check. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "bench_json.h"
#include "bench_stats.h"
#include "sha256.h"
#ifdef STACKPROBE_BENCH_LIBCRYPTO
#include <openssl/evp.h>
#endif

enum {
  MAX_TOOLCHAINS = 32,
  MAX_WORKLOADS = 8,
  MAX_CONTENDERS = 128,
  MAX_SKIPPED = 128,
  MAX_REPETITIONS = 100,
  /* Children running at once: a client, ssh's master connection, the Python servers. */
  MAX_RUNNING_CHILDREN = 16,
  PATH_BYTES = 4096,
  TEXT_BYTES = 1024,
  /* A transfer that takes longer has hung: the workloads take seconds. */
  TRANSFER_TIMEOUT_SECONDS = 900
};

enum contender_kind {
  KIND_TRANSFER_PROGRAM, /* libssh2_transfer or libssh_transfer: same options, one JSON line */
  KIND_PYTHON,           /* bench/python_transfer.py --library <name> */
  KIND_OPENSSH_SFTP,
  KIND_OPENSSH_SCP,
  KIND_FTPLIB,           /* bench/ftp_transfer.py */
  KIND_CURL_FTP,         /* the system's curl, ftp:// */
  KIND_CURL_SSH          /* curl (libcurl on libssh2), sftp:// or scp://: a toolchain's or the system's */
};

enum server_kind {
  SERVER_OPENSSH,  /* bench/sshd.cmake's sshd, internal-sftp */
  SERVER_ASYNCSSH, /* bench/python_servers.py's: AsyncSSH's SFTP server */
  SERVER_PARAMIKO, /* a paramiko SFTPServer */
  SERVER_FTP       /* pyftpdlib: FTP, the unencrypted baseline */
};

/* Every server of the run listens on 127.0.0.1 with its own port and, for SSH, its own host key. */
struct server {
  enum server_kind kind;
  const char *name;
  pid_t pid; /* a Python server, our child; 0 for OpenSSH's (its watchdog's child) */
  char port[16];
  char known_hosts[PATH_BYTES];
  char ssh_config[PATH_BYTES];
  char password[40];
  double setup_sftp; /* OpenSSH sftp's setup against it: a session that moves nothing */
};

struct toolchain {
  const char *name;
  const char *client_dir;
  const char *emulator; /* "" when it runs natively */
  const char *prefix;
  const char *release; /* the release build this build of another profile is compared with, or "" */
  char client[PATH_BYTES];
  char make_files[PATH_BYTES];
  char curl[PATH_BYTES]; /* the curl it built (STACKPROBE_CURL), or "" */
};

struct workload {
  const char *name;
  long files;
  long long bytes_per_file;
  long seed;
  int measured; /* a workload asked for, not only the warm-up's */
  char (*hashes)[65];
};

struct contender {
  enum contender_kind kind;
  char client[64];      /* libssh2-sftp, openssh-scp, paramiko ... */
  char protocol[8];     /* sftp or scp, for the transfer programs */
  char library[32];     /* the Python library */
  const struct toolchain *toolchain; /* NULL: "system" */
  const char *program;
  long streams;
  int python;           /* slow: measured in the first python_repetitions rounds only */
  int server;           /* index in servers */
  double warm_up_bytes_per_second[2]; /* a slow contender's speed in the warm-up, per direction */
  double warm_up_seconds_per_file[2]; /* and its cost per file, from the files probe */
  int over_budget[MAX_WORKLOADS][2];  /* skipped there: the warm-up predicted too long a run */
  /* Wall time of all its transfers, warm-up included, with their setup and checks: where the
   * run's minutes went. */
  double spent_seconds;
};

/* One contender's samples on one workload in one direction. */
struct series {
  int contender;
  int workload;
  int direction; /* 0 put, 1 get */
  int runs;
  double seconds[MAX_REPETITIONS];
  double setup[MAX_REPETITIONS];
  double client_cpu[MAX_REPETITIONS];
  double server_cpu[MAX_REPETITIONS];
  char cipher[64];
  char mac[64];
};

struct settings {
  const char *source_root;
  const char *out_dir;
  const char *scratch; /* /dev/shm/stackprobe-bench-<tag>, or "" */
  const char *cmake;
  const char *state_root;
  const char *wineprefix;
  const char *cipher;
  const char *mac;
  const char *python;        /* python3, or "" */
  const char *libssh_client; /* libssh_transfer, or "" */
  long repetitions;
  long python_repetitions;
  long warmup;
  long buffer_bytes;
  long streams;
  long slow_budget; /* seconds a slow contender's transfer may take, as its warm-up predicts; 0: any */
  long peers;
  long servers; /* also AsyncSSH's, paramiko's and pyftpdlib's servers */
  long curl;    /* curl-sftp and curl-scp of the toolchains' curl and the system's, curl-ftp */
  long aead; /* the cipher authenticates by itself: both sides ignore the MAC */
};

static const char *const direction_names[2] = {"put", "get"};

static struct settings settings;
static struct toolchain toolchains[MAX_TOOLCHAINS];
static int toolchain_count;
static struct workload workloads[MAX_WORKLOADS];
static int workload_count;
static int warmup_workload = -1;
static int files_probe_workload = -1; /* many tiny files: a slow contender's cost per file */
/* The remote folder of a workload holds its files as they should be: a get reads what the last
 * put wrote, and a put that was stopped or skipped wrote nothing or part of it. */
static int remote_complete[MAX_WORKLOADS];
static struct contender contenders[MAX_CONTENDERS];
static int contender_count;
static char *skipped[MAX_SKIPPED];
static int skipped_count;
static struct series *series;
static int series_count;

static char sshd_dir[PATH_BYTES];
static char data_dir[PATH_BYTES];
static char sshd_port[16];
static char sshd_user[256];
static struct server servers[4];
static int server_count;
static long sshd_pid;
static int sshd_started;
static double setup_sftp_seconds;
static double setup_scp_seconds;
static char server_software[TEXT_BYTES];
static char sftp_program[PATH_BYTES];
static char scp_program[PATH_BYTES];
static char ssh_program[PATH_BYTES];
static char curl_program[PATH_BYTES];
static char host_key_sha256[128]; /* OpenSSH's server's, as curl --hostpubsha256 takes it */

/* The processes running now, ended by the signal handler itself so that a blocking wait for
 * them returns at once. */
static volatile pid_t running_children[MAX_RUNNING_CHILDREN];
static volatile sig_atomic_t stop_signal;
static volatile sig_atomic_t timed_out;
static volatile pid_t waited_child; /* the child wait_command waits for */
/* A slow contender's transfer gets this many seconds (0: the usual limit); one that takes longer
 * is stopped and skipped with the reason, not a failure of the run. */
static int slow_timeout_seconds;
static int slow_transfer_stopped;

static void finish(int status);
static void register_client(pid_t pid);
static void add_skipped(const char *format, ...);
struct contender;
static int over_slow_budget(struct contender *contender, int workload_index, int direction);
static double predicted_seconds(const struct contender *contender, int workload_index, int direction);

static void fail(const char *format, ...)
{
  va_list arguments;

  fputs("bench: ", stderr);
  va_start(arguments, format);
  vfprintf(stderr, format, arguments);
  va_end(arguments);
  fputc('\n', stderr);
  finish(1);
}

static void *allocate(size_t size)
{
  void *memory = calloc(1, size ? size : 1);

  if(!memory)
    fail("out of memory");
  return memory;
}

static char *copy_text(const char *text)
{
  char *copy = allocate(strlen(text) + 1);

  memcpy(copy, text, strlen(text) + 1);
  return copy;
}

static void format_path(char *out, const char *format, ...)
{
  va_list arguments;
  int written;

  va_start(arguments, format);
  written = vsnprintf(out, PATH_BYTES, format, arguments);
  va_end(arguments);
  if(written < 0 || written >= PATH_BYTES)
    fail("a path is longer than %d bytes", PATH_BYTES - 1);
}

static double monotonic_seconds(void)
{
  struct timespec now;

  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static void sleep_seconds(double seconds)
{
  struct timespec pause;

  pause.tv_sec = (time_t)seconds;
  pause.tv_nsec = (long)((seconds - (double)pause.tv_sec) * 1e9);
  nanosleep(&pause, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Signals and children */

static void on_signal(int signal_number)
{
  int i;

  /* A timeout ends the process waited for, and only it: the servers go on. */
  if(signal_number == SIGALRM) {
    timed_out = 1;
    if(waited_child > 0)
      kill(waited_child, SIGTERM);
    return;
  }
  stop_signal = signal_number;
  for(i = 0; i < MAX_RUNNING_CHILDREN; i++) {
    if(running_children[i] > 0)
      kill(running_children[i], SIGTERM);
  }
}

static void install_signal_handlers(void)
{
  struct sigaction action;

  memset(&action, 0, sizeof(action));
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  /* No SA_RESTART: a wait or a sleep returns with EINTR, and the run ends. */
  action.sa_flags = 0;
  sigaction(SIGINT, &action, NULL);
  sigaction(SIGTERM, &action, NULL);
  sigaction(SIGHUP, &action, NULL);
  sigaction(SIGALRM, &action, NULL);
}

static void remember_child(pid_t pid)
{
  int i;

  for(i = 0; i < MAX_RUNNING_CHILDREN; i++) {
    if(running_children[i] == 0) {
      running_children[i] = pid;
      return;
    }
  }
  /* A child this process could not end on a signal must not run. */
  kill(pid, SIGKILL);
  waitpid(pid, NULL, 0);
  fail("more than %d processes at once", (int)MAX_RUNNING_CHILDREN);
}

static void forget_child(pid_t pid)
{
  int i;

  for(i = 0; i < MAX_RUNNING_CHILDREN; i++) {
    if(running_children[i] == pid)
      running_children[i] = 0;
  }
}

static void stop_if_signalled(void)
{
  if(stop_signal) {
    fprintf(stderr, "bench: stopped by signal %d; ending the server and every client\n",
            (int)stop_signal);
    finish(128 + stop_signal);
  }
}

struct command {
  const char **argv; /* NULL-terminated; grows with command_add, freed by command_free */
  int argc;
  int capacity;
  const char *environment[4]; /* NAME=VALUE added to the child's environment */
  int environment_count;
  const char *directory;   /* the child's working folder, or NULL */
  const char *stdout_path; /* NULL: inherited */
  const char *stderr_path; /* NULL: inherited; stdout_path itself: the same file, in order */
};

static void command_add(struct command *command, const char *argument)
{
  if(command->argc + 2 > command->capacity) {
    int capacity = command->capacity ? command->capacity * 2 : 32;
    const char **grown = realloc(command->argv, sizeof(*grown) * (size_t)capacity);

    if(!grown)
      fail("out of memory");
    command->argv = grown;
    command->capacity = capacity;
  }
  command->argv[command->argc++] = argument;
  command->argv[command->argc] = NULL;
}

/* An option and its value. */
static void command_option(struct command *command, const char *option, const char *value)
{
  command_add(command, option);
  command_add(command, value);
}

static void command_free(struct command *command)
{
  free(command->argv);
  command->argv = NULL;
  command->argc = 0;
  command->capacity = 0;
}

static void redirect(int target, const char *path, int flags)
{
  int fd = open(path, flags, 0600);

  if(fd < 0) {
    fprintf(stderr, "bench: cannot open %s: %s\n", path, strerror(errno));
    _exit(126);
  }
  dup2(fd, target);
  close(fd);
}

/* Starts command; it dies with this process. */
static pid_t start_command(const struct command *command)
{
  pid_t parent = getpid();
  pid_t pid;
  int i;

  fflush(stdout);
  fflush(stderr);
  pid = fork();
  if(pid < 0)
    fail("cannot start %s: %s", command->argv[0], strerror(errno));
  if(pid == 0) {
    struct sigaction action;

#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    if(getppid() != parent)
      _exit(125);
    memset(&action, 0, sizeof(action));
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    sigaction(SIGALRM, &action, NULL);
    redirect(0, "/dev/null", O_RDONLY);
    if(command->stdout_path)
      redirect(1, command->stdout_path, O_WRONLY | O_CREAT | O_TRUNC);
    /* Two descriptors opened on one file would write over each other's lines. */
    if(command->stderr_path && command->stderr_path == command->stdout_path)
      dup2(1, 2);
    else if(command->stderr_path)
      redirect(2, command->stderr_path, O_WRONLY | O_CREAT | O_TRUNC);
    for(i = 0; i < command->environment_count; i++)
      putenv((char *)command->environment[i]);
    if(command->directory && chdir(command->directory) != 0) {
      fprintf(stderr, "bench: cannot enter %s: %s\n", command->directory, strerror(errno));
      _exit(126);
    }
    execvp(command->argv[0], (char *const *)command->argv);
    fprintf(stderr, "bench: cannot run %s: %s\n", command->argv[0], strerror(errno));
    _exit(127);
  }
  remember_child(pid);
  return pid;
}

/* Waits for a child; sets *usage to the CPU it and its reaped children used. A signal to this
 * process has already ended the child (on_signal); the run then ends here. */
static int wait_command(pid_t pid, const char *what, int timeout_seconds, struct rusage *usage)
{
  int status = 0;
  struct rusage ignored;

  timed_out = 0;
  waited_child = pid;
  alarm((unsigned)timeout_seconds);
  while(wait4(pid, &status, 0, usage ? usage : &ignored) < 0) {
    if(errno != EINTR) {
      status = -1;
      break;
    }
  }
  alarm(0);
  waited_child = 0;
  forget_child(pid);
  stop_if_signalled();
  if(timed_out) {
    if(!slow_timeout_seconds)
      fprintf(stderr, "bench: %s took longer than %d s and was ended\n", what, timeout_seconds);
    return -1;
  }
  return status;
}

static void describe_status(char *out, size_t size, int status)
{
  if(status == -1)
    snprintf(out, size, "timed out");
  else if(WIFEXITED(status))
    snprintf(out, size, "exit %d", WEXITSTATUS(status));
  else if(WIFSIGNALED(status))
    snprintf(out, size, "killed by signal %d", WTERMSIG(status));
  else
    snprintf(out, size, "status %d", status);
}

/* Reads a whole (small) file into a NUL-terminated buffer the caller frees; "" when absent. */
static char *read_text_file(const char *path)
{
  FILE *file = fopen(path, "rb");
  char *text;
  long size;

  if(!file)
    return copy_text("");
  fseek(file, 0, SEEK_END);
  size = ftell(file);
  fseek(file, 0, SEEK_SET);
  if(size < 0)
    size = 0;
  text = allocate((size_t)size + 1);
  size = (long)fread(text, 1, (size_t)size, file);
  text[size] = '\0';
  fclose(file);
  return text;
}

static void print_file_to_stderr(const char *path)
{
  char *text = read_text_file(path);

  if(text[0])
    fprintf(stderr, "%s%s", text, text[strlen(text) - 1] == '\n' ? "" : "\n");
  free(text);
}

/* Runs command with its output in the data folder; fails the run, with that output, unless it
 * succeeds. Returns its output (to free) and its usage. */
static char *run_checked(struct command *command, const char *what, struct rusage *usage)
{
  char out_path[PATH_BYTES];
  char error_path[PATH_BYTES];
  char status_text[64];
  int status;
  pid_t pid;

  format_path(out_path, "%s/command.out", data_dir);
  format_path(error_path, "%s/command.err", data_dir);
  command->stdout_path = out_path;
  command->stderr_path = error_path;
  pid = start_command(command);
  if(sshd_started)
    register_client(pid);
  status = wait_command(pid, what, slow_timeout_seconds ? slow_timeout_seconds : TRANSFER_TIMEOUT_SECONDS,
                        usage);
  command_free(command);
  if(status == -1 && slow_timeout_seconds) {
    slow_transfer_stopped = 1;
    return copy_text("");
  }
  if(status != 0) {
    describe_status(status_text, sizeof(status_text), status);
    fprintf(stderr, "bench: %s failed (%s):\n", what, status_text);
    print_file_to_stderr(out_path);
    print_file_to_stderr(error_path);
    fail("%s failed", what);
  }
  return read_text_file(out_path);
}

/* ------------------------------------------------------------------------------------------ */
/* Files and folders */

static int remove_entry(const char *path, const struct stat *info, int flag, struct FTW *walk)
{
  (void)info;
  (void)flag;
  (void)walk;
  remove(path);
  return 0;
}

static void remove_tree(const char *path)
{
  struct stat info;

  if(lstat(path, &info) == 0)
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void make_folders(const char *path)
{
  char partial[PATH_BYTES];
  size_t i;

  format_path(partial, "%s", path);
  for(i = 1; partial[i]; i++) {
    if(partial[i] == '/') {
      partial[i] = '\0';
      mkdir(partial, 0700);
      partial[i] = '/';
    }
  }
  if(mkdir(partial, 0700) != 0 && errno != EEXIST)
    fail("cannot create %s: %s", partial, strerror(errno));
}

static int file_exists(const char *path)
{
  struct stat info;

  return stat(path, &info) == 0;
}

/* The data folder's path is written into sftp batch lines and scp's remote shell: only plain
 * characters are accepted there. */
static int plain_path(const char *path)
{
  const char *c;

  for(c = path; *c; c++) {
    if(!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
         strchr("/._-+", *c)))
      return 0;
  }
  return 1;
}

static void file_name(char *out, long index)
{
  snprintf(out, 32, "file-%04ld.bin", index);
}

/* The SHA-256 of a file as hex: the system's libcrypto where the build found it (SHA-NI makes a
 * 256 MiB check 0.35 s instead of 1.2 s, and every large transfer is checked), else sha256.c. */
static int file_sha256_hex(const char *path, char hex[65])
{
#ifdef STACKPROBE_BENCH_LIBCRYPTO
  static unsigned char buffer[1 << 20];
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  EVP_MD_CTX *context;
  FILE *file;
  size_t got;
  unsigned int i;
  int failed = 0;

  file = fopen(path, "rb");
  if(!file)
    return -1;
  context = EVP_MD_CTX_new();
  if(!context || EVP_DigestInit_ex(context, EVP_sha256(), NULL) != 1)
    failed = 1;
  while(!failed && (got = fread(buffer, 1, sizeof(buffer), file)) > 0) {
    if(EVP_DigestUpdate(context, buffer, got) != 1)
      failed = 1;
  }
  if(ferror(file))
    failed = 1;
  fclose(file);
  if(!failed && EVP_DigestFinal_ex(context, digest, &digest_length) != 1)
    failed = 1;
  EVP_MD_CTX_free(context);
  if(failed || digest_length != 32) {
    errno = EIO;
    return -1;
  }
  for(i = 0; i < 32; i++)
    snprintf(hex + 2 * i, 3, "%02x", digest[i]);
  return 0;
#else
  return sha256_file_hex(path, hex);
#endif
}

/* ------------------------------------------------------------------------------------------ */
/* /proc: the server's CPU time and its session processes */

/* The fields after the command name of /proc/<pid>/stat; 0 when unreadable. */
static int read_process_stat(long pid, char *fields, size_t size)
{
  char path[64];
  char text[2048];
  FILE *file;
  size_t length;
  char *end;

  snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
  file = fopen(path, "r");
  if(!file)
    return 0;
  length = fread(text, 1, sizeof(text) - 1, file);
  fclose(file);
  text[length] = '\0';
  end = strrchr(text, ')');
  if(!end || end[1] != ' ')
    return 0;
  snprintf(fields, size, "%s", end + 2);
  return 1;
}

/* Field index counted from the process state (0), as /proc/<pid>/stat lists them after the name. */
static long long stat_field(const char *fields, int index)
{
  const char *at = fields;
  int i;

  for(i = 0; i < index && at; i++) {
    at = strchr(at, ' ');
    if(at)
      at++;
  }
  return at ? strtoll(at, NULL, 10) : 0;
}

static double ticks_to_seconds(long long ticks)
{
  long per_second = sysconf(_SC_CLK_TCK);

  return (double)ticks / (double)(per_second > 0 ? per_second : 100);
}

/* CPU seconds of pid itself (own) or of its reaped children (children). */
static double process_cpu(long pid, int children)
{
  char fields[2048];

  if(pid <= 0 || !read_process_stat(pid, fields, sizeof(fields)))
    return 0;
  if(children)
    return ticks_to_seconds(stat_field(fields, 13) + stat_field(fields, 14));
  return ticks_to_seconds(stat_field(fields, 11) + stat_field(fields, 12));
}

static int process_running(long pid)
{
  char fields[2048];

  if(pid <= 0 || kill((pid_t)pid, 0) != 0)
    return 0;
  /* A zombie is gone for us: an orphan stays one until init reaps it. */
  if(read_process_stat(pid, fields, sizeof(fields)) && fields[0] == 'Z')
    return 0;
  return 1;
}

/* The session processes of the server: its children, but keep. */
static int count_sessions(long keep, long *first)
{
  DIR *proc = opendir("/proc");
  struct dirent *entry;
  int count = 0;

  if(!proc)
    return 0;
  while((entry = readdir(proc)) != NULL) {
    char fields[2048];
    long pid;

    if(entry->d_name[0] < '0' || entry->d_name[0] > '9')
      continue;
    pid = strtol(entry->d_name, NULL, 10);
    if(pid == keep || !read_process_stat(pid, fields, sizeof(fields)))
      continue;
    if(stat_field(fields, 1) == sshd_pid && fields[0] != 'Z') {
      if(first && count == 0)
        *first = pid;
      count++;
    }
  }
  closedir(proc);
  return count;
}

/* A session whose client has exited may still be ending; its CPU reaches the listener's
 * children's time only once it is reaped. */
static void wait_for_sessions(long keep)
{
  int poll;

  for(poll = 0; poll < 500; poll++) {
    if(count_sessions(keep, NULL) == 0)
      return;
    sleep_seconds(0.02);
    stop_if_signalled();
  }
  fprintf(stderr, "bench: warning: sshd sessions still running 10 s after their client ended\n");
}

/* ------------------------------------------------------------------------------------------ */
/* The server */

static void run_sshd_script(const char *action)
{
  char dir_argument[PATH_BYTES + 8];
  char scratch_argument[PATH_BYTES + 16];
  char owner_argument[64];
  char script_argument[PATH_BYTES];
  char ciphers_argument[160];
  char macs_argument[160];
  struct command command;
  int status;
  pid_t pid;

  memset(&command, 0, sizeof(command));
  snprintf(dir_argument, sizeof(dir_argument), "-DDIR=%s", sshd_dir);
  snprintf(scratch_argument, sizeof(scratch_argument), "-DSCRATCH=%s", settings.scratch);
  snprintf(owner_argument, sizeof(owner_argument), "-DOWNER_PID=%ld", (long)getpid());
  format_path(script_argument, "%s/bench/sshd.cmake", settings.source_root);
  command_add(&command, settings.cmake);
  command_add(&command, strcmp(action, "start") == 0 ? "-DACTION=start" : "-DACTION=stop");
  command_add(&command, dir_argument);
  if(strcmp(action, "start") == 0) {
    /* Tied to this process: the watchdog ends the server within a second once it is gone. */
    command_add(&command, owner_argument);
    if(settings.scratch[0])
      command_add(&command, scratch_argument);
    /* Pinned on the server too: curl cannot choose its algorithms. */
    snprintf(ciphers_argument, sizeof(ciphers_argument), "-DCIPHERS=%s", settings.cipher);
    snprintf(macs_argument, sizeof(macs_argument), "-DMACS=%s", settings.mac);
    command_add(&command, ciphers_argument);
    command_add(&command, macs_argument);
  }
  command_option(&command, "-P", script_argument);
  pid = start_command(&command);
  status = wait_command(pid, "bench/sshd.cmake", 120, NULL);
  command_free(&command);
  if(strcmp(action, "start") == 0 && status != 0)
    fail("the loopback sshd did not start; nothing was measured (see above)");
}

/* Reads "set(NAME value)" of server.cmake. */
static void read_server_setting(const char *text, const char *name, char *out, size_t size)
{
  char needle[64];
  const char *at;
  size_t length = 0;

  snprintf(needle, sizeof(needle), "set(%s ", name);
  at = strstr(text, needle);
  if(!at)
    fail("%s/server.cmake has no %s", sshd_dir, name);
  at += strlen(needle);
  while(at[length] && at[length] != ')' && at[length] != '\n' && length + 1 < size)
    length++;
  memcpy(out, at, length);
  out[length] = '\0';
}

static void start_server(void)
{
  char path[PATH_BYTES];
  char *text;

  format_path(sshd_dir, "%s/sshd", settings.out_dir);
  run_sshd_script("start");
  sshd_started = 1;
  format_path(path, "%s/server.cmake", sshd_dir);
  text = read_text_file(path);
  read_server_setting(text, "SSHD_PORT", sshd_port, sizeof(sshd_port));
  read_server_setting(text, "SSHD_USER", sshd_user, sizeof(sshd_user));
  free(text);
  format_path(path, "%s/sshd.pid", sshd_dir);
  text = read_text_file(path);
  sshd_pid = strtol(text, NULL, 10);
  free(text);
  if(sshd_pid <= 0)
    fail("the loopback sshd wrote no pid file (%s)", path);
  memset(&servers[0], 0, sizeof(servers[0]));
  servers[0].kind = SERVER_OPENSSH;
  servers[0].name = "openssh";
  snprintf(servers[0].port, sizeof(servers[0].port), "%s", sshd_port);
  format_path(servers[0].known_hosts, "%s/known_hosts", sshd_dir);
  format_path(servers[0].ssh_config, "%s/ssh_config", sshd_dir);
  server_count = 1;
}

/* Every client is recorded beside the server, so that bench/sshd.cmake's stop ends it too. */
static void register_client(pid_t pid)
{
  char path[PATH_BYTES];
  FILE *file;

  format_path(path, "%s/clients.pid", sshd_dir);
  file = fopen(path, "a");
  if(file) {
    fprintf(file, "%ld\n", (long)pid);
    fclose(file);
  }
}

/* Every way out passes here: the children end, the server stops, the files in memory go. */
static void finish(int status)
{
  static int finishing;
  int i;

  if(finishing)
    _exit(status);
  finishing = 1;
  for(i = 0; i < MAX_RUNNING_CHILDREN; i++) {
    pid_t pid = running_children[i];
    int poll;

    if(pid <= 0)
      continue;
    kill(pid, SIGTERM);
    /* A child that ignores SIGTERM gets SIGKILL after 5 s: this exit never waits forever. */
    for(poll = 0; poll < 250 && waitpid(pid, NULL, WNOHANG) == 0; poll++)
      sleep_seconds(0.02);
    if(poll == 250) {
      kill(pid, SIGKILL);
      waitpid(pid, NULL, 0);
    }
    running_children[i] = 0;
  }
  if(sshd_started) {
    /* The stop itself must not be cut short by a second Ctrl-C. */
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    stop_signal = 0;
    run_sshd_script("stop");
  }
  if(data_dir[0])
    remove_tree(data_dir);
  if(settings.scratch && settings.scratch[0])
    remove_tree(settings.scratch);
  fflush(stdout);
  exit(status);
}

/* ------------------------------------------------------------------------------------------ */
/* Running a contender */

static const char *toolchain_name(const struct contender *contender);

/* path as the programs of toolchain see it: Z:<path> under Wine. */
static void client_path(char *out, const struct toolchain *toolchain, const char *path)
{
  if(toolchain && strstr(toolchain->emulator, "wine"))
    format_path(out, "Z:%s", path);
  else
    format_path(out, "%s", path);
}

static char wine_path_variable[PATH_BYTES + 16];
static char wine_prefix_variable[PATH_BYTES + 16];

/* The program of toolchain, under its emulator when it has one. */
static void command_for_toolchain(struct command *command, const struct toolchain *toolchain,
                                  const char *program)
{
  memset(command, 0, sizeof(*command));
  if(toolchain && toolchain->emulator[0]) {
    snprintf(wine_path_variable, sizeof(wine_path_variable), "WINEPATH=Z:%s/bin", toolchain->prefix);
    command->environment[command->environment_count++] = wine_path_variable;
    command->environment[command->environment_count++] = "WINEDEBUG=-all";
    if(settings.wineprefix[0]) {
      snprintf(wine_prefix_variable, sizeof(wine_prefix_variable), "WINEPREFIX=%s", settings.wineprefix);
      command->environment[command->environment_count++] = wine_prefix_variable;
    }
    command_add(command, toolchain->emulator);
  }
  command_add(command, program);
}

/* Fails the run unless every file of the workload in folder has the SHA-256 of its source. */
static void verify_files(const char *folder, const struct workload *workload,
                         const struct contender *contender, int direction)
{
  static int corrupted;
  const char *corrupt = getenv("STACKPROBE_BENCH_CORRUPT");
  char path[PATH_BYTES];
  char name[32];
  char hex[65];
  long i;

  if(corrupt && strcmp(corrupt, "1") == 0 && !corrupted) {
    FILE *file;

    format_path(path, "%s/file-0000.bin", folder);
    file = fopen(path, "ab");
    if(file) {
      fputc('x', file);
      fclose(file);
    }
    corrupted = 1;
    printf("bench: test hook STACKPROBE_BENCH_CORRUPT: appended a byte to %s\n", path);
  }
  for(i = 0; i < workload->files; i++) {
    file_name(name, i);
    format_path(path, "%s/%s", folder, name);
    if(file_sha256_hex(path, hex) != 0) {
      printf("bench: VERIFICATION FAILED: %s %s %s: %s did not arrive (%s)\n", contender->client,
             direction_names[direction], workload->name, path, strerror(errno));
      fail("verification failed");
    }
    if(strcmp(hex, workload->hashes[i]) != 0) {
      printf("bench: VERIFICATION FAILED: %s %s %s: SHA-256 of %s is %s, the source's is %s. "
             "The transfer corrupted the data.\n", contender->client, direction_names[direction],
             workload->name, path, hex, workload->hashes[i]);
      fail("verification failed");
    }
  }
}

struct transfer_result {
  double seconds;
  double setup;
  double client_cpu;
  double server_cpu;
  char cipher[64];
  char mac[64];
};

static double usage_seconds(const struct rusage *usage)
{
  return (double)usage->ru_utime.tv_sec + (double)usage->ru_utime.tv_usec / 1e6 +
         (double)usage->ru_stime.tv_sec + (double)usage->ru_stime.tv_usec / 1e6;
}

/* The fields a client prints as its JSON line. */
static void read_client_output(const char *output, const char *what, struct transfer_result *result)
{
  if(bench_json_find_number(output, "transfer_seconds", &result->seconds) != 0 ||
     bench_json_find_number(output, "setup_seconds", &result->setup) != 0 ||
     bench_json_find_string(output, "cipher", result->cipher, sizeof(result->cipher)) != 0 ||
     bench_json_find_string(output, "mac", result->mac, sizeof(result->mac)) != 0)
    fail("%s printed no result line this benchmark can read:\n%s", what, output);
}

/* Runs a client that prints its own result line (the transfer programs, the Python clients) and
 * reads it; a slow client stopped over its budget leaves result as it was. */
static void run_client(struct command *command, const char *what, struct rusage *usage,
                       struct transfer_result *result)
{
  char *output = run_checked(command, what, usage);

  if(!slow_transfer_stopped)
    read_client_output(output, what, result);
  free(output);
}

static void add_ssh_options(struct command *command, char *cipher_option, char *mac_option,
                            const char *ssh_config)
{
  snprintf(cipher_option, 128, "Ciphers=%s", settings.cipher);
  snprintf(mac_option, 128, "MACs=%s", settings.mac);
  command_option(command, "-F", ssh_config);
  command_option(command, "-o", cipher_option);
  command_option(command, "-o", mac_option);
}

static void write_empty_file(const char *path)
{
  FILE *file = fopen(path, "w");

  if(!file)
    fail("cannot write %s: %s", path, strerror(errno));
  fclose(file);
}

/* OpenSSH's setup, reported beside the transfers: the median of sessions that move nothing. */
static void measure_openssh_setup(void)
{
  char ssh_config[PATH_BYTES];
  char batch[PATH_BYTES];
  char empty[PATH_BYTES];
  char setup_dir[PATH_BYTES];
  char target[PATH_BYTES];
  char cipher_option[128];
  char mac_option[128];
  double sftp_samples[3];
  double scp_samples[3];
  double ignored_min;
  double ignored_max;
  int server_index;
  int i;

  format_path(ssh_config, "%s/ssh_config", sshd_dir);
  format_path(batch, "%s/empty-batch", data_dir);
  format_path(empty, "%s/empty.bin", data_dir);
  format_path(target, "stackprobe-loopback:%s/setup/", data_dir);
  format_path(setup_dir, "%s/setup", data_dir);
  write_empty_file(batch);
  write_empty_file(empty);
  make_folders(setup_dir);
  for(i = 0; i < 3; i++) {
    struct command command;
    double started;
    char *output;

    memset(&command, 0, sizeof(command));
    command_add(&command, sftp_program);
    command_add(&command, "-q");
    add_ssh_options(&command, cipher_option, mac_option, ssh_config);
    command_option(&command, "-b", batch);
    command_add(&command, "stackprobe-loopback");
    started = monotonic_seconds();
    output = run_checked(&command, "sftp setup", NULL);
    sftp_samples[i] = monotonic_seconds() - started;
    free(output);

    memset(&command, 0, sizeof(command));
    command_add(&command, scp_program);
    command_add(&command, "-O");
    command_add(&command, "-q");
    add_ssh_options(&command, cipher_option, mac_option, ssh_config);
    command_add(&command, empty);
    command_add(&command, target);
    started = monotonic_seconds();
    output = run_checked(&command, "scp setup", NULL);
    scp_samples[i] = monotonic_seconds() - started;
    free(output);
  }
  bench_median(sftp_samples, 3, &setup_sftp_seconds, &ignored_min, &ignored_max);
  bench_median(scp_samples, 3, &setup_scp_seconds, &ignored_min, &ignored_max);
  servers[0].setup_sftp = setup_sftp_seconds;
  /* The other SSH servers: sftp's setup against each, the same way. */
  for(server_index = 1; server_index < server_count; server_index++) {
    struct server *server = &servers[server_index];

    if(server->kind == SERVER_FTP)
      continue;
    for(i = 0; i < 3; i++) {
      struct command command;
      double started;
      char *output;
      char what[128];

      memset(&command, 0, sizeof(command));
      command_add(&command, sftp_program);
      command_add(&command, "-q");
      add_ssh_options(&command, cipher_option, mac_option, server->ssh_config);
      command_option(&command, "-b", batch);
      command_add(&command, "stackprobe-loopback");
      snprintf(what, sizeof(what), "sftp setup against the %s server", server->name);
      started = monotonic_seconds();
      output = run_checked(&command, what, NULL);
      sftp_samples[i] = monotonic_seconds() - started;
      free(output);
    }
    bench_median(sftp_samples, 3, &server->setup_sftp, &ignored_min, &ignored_max);
  }
}

struct master_connection {
  pid_t pid;
  long server_pid;
  char control_path[PATH_BYTES];
  char control_option[PATH_BYTES + 16];
};

/* openssh-scp runs over a master connection opened just before each run and closed after it,
 * so that, like libssh2-scp, it is timed without the handshake and yet meets a fresh server
 * process: a long-lived sshd session process moves data faster than a new one (its allocator
 * has settled), and a master kept for the whole benchmark measured that instead. */
static void master_start(struct master_connection *master)
{
  char ssh_config[PATH_BYTES];
  char cipher_option[128];
  char mac_option[128];
  struct command command;
  int poll;

  format_path(ssh_config, "%s/ssh_config", sshd_dir);
  format_path(master->control_path, "%s/control.socket", data_dir);
  snprintf(master->control_option, sizeof(master->control_option), "ControlPath=%s",
           master->control_path);
  remove(master->control_path);
  memset(&command, 0, sizeof(command));
  command_add(&command, ssh_program);
  add_ssh_options(&command, cipher_option, mac_option, ssh_config);
  command_option(&command, "-o", "ControlMaster=yes");
  command_option(&command, "-o", master->control_option);
  command_add(&command, "-N");
  command_add(&command, "stackprobe-loopback");
  command.stdout_path = "/dev/null";
  command.stderr_path = "/dev/null";
  master->pid = start_command(&command);
  command_free(&command);
  register_client(master->pid);
  for(poll = 0; poll < 500 && !file_exists(master->control_path); poll++) {
    int status;

    if(waitpid(master->pid, &status, WNOHANG) == master->pid) {
      forget_child(master->pid);
      master->pid = 0;
      fail("OpenSSH's master connection for openssh-scp did not come up: ssh exited");
    }
    if(!process_running(sshd_pid))
      fail("OpenSSH's master connection for openssh-scp did not come up: the server is gone");
    sleep_seconds(0.02);
    stop_if_signalled();
  }
  if(!file_exists(master->control_path))
    fail("OpenSSH's master connection for openssh-scp did not come up within 10 s");
  master->server_pid = 0;
  count_sessions(0, &master->server_pid);
}

static void master_stop(struct master_connection *master)
{
  char ssh_config[PATH_BYTES];
  struct command command;
  int poll;
  pid_t pid;

  format_path(ssh_config, "%s/ssh_config", sshd_dir);
  memset(&command, 0, sizeof(command));
  command_add(&command, ssh_program);
  command_option(&command, "-F", ssh_config);
  command_option(&command, "-o", master->control_option);
  command_option(&command, "-O", "exit");
  command_add(&command, "stackprobe-loopback");
  command.stdout_path = "/dev/null";
  command.stderr_path = "/dev/null";
  pid = start_command(&command);
  wait_command(pid, "ssh -O exit", 30, NULL);
  command_free(&command);
  kill(master->pid, SIGTERM);
  wait_command(master->pid, "OpenSSH's master connection", 30, NULL);
  master->pid = 0;
  /* The next contender meets a quiet server. */
  for(poll = 0; poll < 100 && process_running(master->server_pid); poll++)
    sleep_seconds(0.02);
}

static void transfer_program(const struct contender *contender, const struct workload *workload,
                             int direction, const char *local, const char *remote,
                             struct transfer_result *result, struct rusage *usage)
{
  const struct toolchain *toolchain = contender->toolchain;
  const struct server *server = &servers[contender->server];
  char local_argument[PATH_BYTES];
  char key[PATH_BYTES];
  char public_key[PATH_BYTES];
  char known_hosts[PATH_BYTES];
  char files[32];
  char buffer[32];
  char streams[32];
  char what[256];
  char path[PATH_BYTES];
  struct command command;

  format_path(path, "%s/client_ed25519", sshd_dir);
  client_path(key, toolchain, path);
  format_path(path, "%s/client_ed25519.pub", sshd_dir);
  client_path(public_key, toolchain, path);
  client_path(known_hosts, toolchain, server->known_hosts);
  client_path(local_argument, toolchain, local);
  snprintf(files, sizeof(files), "%ld", workload->files);
  snprintf(buffer, sizeof(buffer), "%ld", settings.buffer_bytes);
  snprintf(streams, sizeof(streams), "%ld", contender->streams);
  command_for_toolchain(&command, toolchain, contender->program);
  command_option(&command, "--host", "127.0.0.1");
  command_option(&command, "--port", server->port);
  command_option(&command, "--user", sshd_user);
  command_option(&command, "--private-key", key);
  command_option(&command, "--public-key", public_key);
  command_option(&command, "--known-hosts", known_hosts);
  command_option(&command, "--protocol", contender->protocol);
  command_option(&command, "--direction", direction_names[direction]);
  command_option(&command, "--local-dir", local_argument);
  command_option(&command, "--remote-dir", remote);
  command_option(&command, "--files", files);
  command_option(&command, "--buffer", buffer);
  command_option(&command, "--streams", streams);
  command_option(&command, "--cipher", settings.cipher);
  command_option(&command, "--mac", settings.mac);
  snprintf(what, sizeof(what), "%s (%s) %s %s against %s", contender->client,
           toolchain ? toolchain->name : "system", direction_names[direction], workload->name,
           server->name);
  run_client(&command, what, usage, result);
}

static void transfer_python(const struct contender *contender, const struct workload *workload,
                            int direction, const char *local, const char *remote,
                            struct transfer_result *result, struct rusage *usage)
{
  char script[PATH_BYTES];
  char key[PATH_BYTES];
  char known_hosts[PATH_BYTES];
  char files[32];
  char what[256];
  struct command command;

  format_path(script, "%s/bench/python_transfer.py", settings.source_root);
  format_path(key, "%s/client_ed25519", sshd_dir);
  format_path(known_hosts, "%s", servers[contender->server].known_hosts);
  snprintf(files, sizeof(files), "%ld", workload->files);
  memset(&command, 0, sizeof(command));
  command_add(&command, settings.python);
  command_option(&command, "-W", "ignore");
  command_add(&command, script);
  command_option(&command, "--library", contender->library);
  command_option(&command, "--host", "127.0.0.1");
  command_option(&command, "--port", servers[contender->server].port);
  command_option(&command, "--user", sshd_user);
  command_option(&command, "--private-key", key);
  command_option(&command, "--known-hosts", known_hosts);
  command_option(&command, "--direction", direction_names[direction]);
  command_option(&command, "--local-dir", local);
  command_option(&command, "--remote-dir", remote);
  command_option(&command, "--files", files);
  command_option(&command, "--cipher", settings.cipher);
  command_option(&command, "--mac", settings.mac);
  snprintf(what, sizeof(what), "%s %s %s", contender->client, direction_names[direction],
           workload->name);
  run_client(&command, what, usage, result);
}

/* Runs a client timed from the outside (scp, curl's FTP): result->seconds is its wall time. */
static void run_timed(struct command *command, const char *what, struct rusage *usage,
                      struct transfer_result *result)
{
  double started = monotonic_seconds();

  free(run_checked(command, what, usage));
  result->seconds = monotonic_seconds() - started;
}

/* Timestamps taken inside the session by sftp's own "!" command bracket the transfers; sftp runs
 * in the data folder, so the batch names only relative local paths. */
static void transfer_openssh_sftp(const struct server *server, const struct workload *workload,
                                  int direction, const char *remote,
                                  struct transfer_result *result, struct rusage *usage)
{
  char ssh_config[PATH_BYTES];
  char batch_path[PATH_BYTES];
  char stamps_path[PATH_BYTES];
  char cipher_option[128];
  char mac_option[128];
  char name[32];
  char what[128];
  struct command command;
  FILE *batch;
  char *output;
  char *stamps;
  char *second;
  long i;

  format_path(ssh_config, "%s", server->ssh_config);
  format_path(batch_path, "%s/batch", data_dir);
  format_path(stamps_path, "%s/stamps", data_dir);
  remove(stamps_path);
  batch = fopen(batch_path, "w");
  if(!batch)
    fail("cannot write %s: %s", batch_path, strerror(errno));
  fprintf(batch, "!date +%%s%%N >> stamps\n");
  for(i = 0; i < workload->files; i++) {
    file_name(name, i);
    if(direction == 0)
      fprintf(batch, "put src/%s/%s %s/%s\n", workload->name, name, remote, name);
    else
      fprintf(batch, "get %s/%s dst/%s/%s\n", remote, name, workload->name, name);
  }
  fprintf(batch, "!date +%%s%%N >> stamps\n");
  fclose(batch);
  memset(&command, 0, sizeof(command));
  command_add(&command, sftp_program);
  command_add(&command, "-q");
  add_ssh_options(&command, cipher_option, mac_option, ssh_config);
  command_option(&command, "-b", batch_path);
  command_add(&command, "stackprobe-loopback");
  command.directory = data_dir;
  snprintf(what, sizeof(what), "openssh-sftp %s %s against %s", direction_names[direction],
           workload->name, server->name);
  output = run_checked(&command, what, usage);
  if(slow_transfer_stopped) {
    free(output);
    return;
  }
  free(output);
  stamps = read_text_file(stamps_path);
  second = strchr(stamps, '\n');
  if(!second || !second[1])
    fail("openssh-sftp %s %s: its session wrote no time stamps (%s)", direction_names[direction],
         workload->name, stamps_path);
  /* Nanoseconds since the epoch: the difference fits a double's precision well. */
  result->seconds = (double)(strtoll(second + 1, NULL, 10) - strtoll(stamps, NULL, 10)) / 1e9;
  free(stamps);
  result->setup = server->setup_sftp;
  snprintf(result->cipher, sizeof(result->cipher), "%s", settings.cipher);
  snprintf(result->mac, sizeof(result->mac), "%s", settings.mac);
}

/* scp runs in the data folder: its local names are relative, and the remote folder is a plain path. */
static void transfer_openssh_scp(const struct workload *workload, int direction, const char *remote,
                                 struct master_connection *master, struct transfer_result *result,
                                 struct rusage *usage)
{
  char ssh_config[PATH_BYTES];
  char cipher_option[128];
  char mac_option[128];
  char target[PATH_BYTES];
  char destination[PATH_BYTES];
  char what[128];
  char **paths = NULL;
  char name[32];
  struct command command;
  long i;

  format_path(ssh_config, "%s/ssh_config", sshd_dir);
  memset(&command, 0, sizeof(command));
  command_add(&command, scp_program);
  command_add(&command, "-O");
  command_add(&command, "-q");
  add_ssh_options(&command, cipher_option, mac_option, ssh_config);
  command_option(&command, "-o", master->control_option);
  command_option(&command, "-o", "ControlMaster=no");
  if(direction == 0) {
    paths = allocate(sizeof(char *) * (size_t)workload->files);
    for(i = 0; i < workload->files; i++) {
      file_name(name, i);
      paths[i] = allocate(strlen(workload->name) + 40);
      sprintf(paths[i], "src/%s/%s", workload->name, name);
      command_add(&command, paths[i]);
    }
    format_path(target, "stackprobe-loopback:%s/", remote);
    command_add(&command, target);
  }
  else {
    format_path(target, "stackprobe-loopback:%s/file-*.bin", remote);
    format_path(destination, "dst/%s/", workload->name);
    command_add(&command, target);
    command_add(&command, destination);
  }
  command.directory = data_dir;
  snprintf(what, sizeof(what), "openssh-scp %s %s", direction_names[direction], workload->name);
  run_timed(&command, what, usage, result);
  if(paths) {
    for(i = 0; i < workload->files; i++)
      free(paths[i]);
    free(paths);
  }
  snprintf(result->cipher, sizeof(result->cipher), "%s", settings.cipher);
  snprintf(result->mac, sizeof(result->mac), "%s", settings.mac);
}

/* Python's ftplib against the FTP server, in one session. */
static void transfer_ftplib(const struct server *server, const struct workload *workload,
                            int direction, const char *local, const char *remote,
                            struct transfer_result *result, struct rusage *usage)
{
  char script[PATH_BYTES];
  char files[32];
  char what[128];
  struct command command;

  format_path(script, "%s/bench/ftp_transfer.py", settings.source_root);
  snprintf(files, sizeof(files), "%ld", workload->files);
  memset(&command, 0, sizeof(command));
  command_add(&command, settings.python);
  command_option(&command, "-W", "ignore");
  command_add(&command, script);
  command_option(&command, "--host", "127.0.0.1");
  command_option(&command, "--port", server->port);
  command_option(&command, "--user", "stackprobe");
  command_option(&command, "--password", server->password);
  command_option(&command, "--direction", direction_names[direction]);
  command_option(&command, "--local-dir", local);
  command_option(&command, "--remote-dir", remote);
  command_option(&command, "--files", files);
  snprintf(what, sizeof(what), "ftplib %s %s", direction_names[direction], workload->name);
  run_client(&command, what, usage, result);
}

/* One curl command moves a workload's files, named in a config file rather than on the command
 * line: Windows limits a command line to 32,767 characters, and under Wine a longer one (the
 * small workload's 500 names and URLs) makes the program exit 1 without a word. The file is
 * written in the data folder, the command's working folder; its values are quoted, with
 * backslashes and quotes escaped. */
static void write_curl_transfers(const char *config_name, const char *url_base,
                                 const struct workload *workload, int direction)
{
  char path[PATH_BYTES];
  char name[32];
  char local[PATH_BYTES];
  char url[PATH_BYTES];
  FILE *file;
  long i;

  format_path(path, "%s/%s", data_dir, config_name);
  file = fopen(path, "w");
  if(!file)
    fail("cannot write %s: %s", path, strerror(errno));
  for(i = 0; i < workload->files; i++) {
    const char *values[2];
    const char *keys[2];
    int k;

    file_name(name, i);
    format_path(local, "%s/%s/%s", direction == 0 ? "src" : "dst", workload->name, name);
    format_path(url, "%s/%s", url_base, name);
    keys[0] = direction == 0 ? "upload-file" : "output";
    values[0] = local;
    keys[1] = "url";
    values[1] = url;
    for(k = 0; k < 2; k++) {
      const char *c;

      fprintf(file, "%s = \"", keys[k]);
      for(c = values[k]; *c; c++) {
        if(*c == '\\' || *c == '"')
          fputc('\\', file);
        fputc(*c, file);
      }
      fputs("\"\n", file);
    }
  }
  if(fclose(file) != 0)
    fail("cannot write %s: %s", path, strerror(errno));
}

/* The system's curl, every file of the workload in one command (one connection); timed as a
 * whole, its login included (milliseconds on loopback). The paths are relative to the FTP
 * server's root, /, and sent whole (nocwd). */
static void transfer_curl_ftp(const struct server *server, const struct workload *workload,
                              int direction, const char *remote, struct transfer_result *result,
                              struct rusage *usage)
{
  char user[64];
  char what[128];
  char url_base[PATH_BYTES];
  struct command command;

  snprintf(user, sizeof(user), "stackprobe:%s", server->password);
  memset(&command, 0, sizeof(command));
  command_add(&command, curl_program);
  /* -q: no .curlrc; it must come first. */
  command_add(&command, "-q");
  command_add(&command, "--silent");
  command_add(&command, "--show-error");
  command_add(&command, "--fail");
  command_option(&command, "--ftp-method", "nocwd");
  /* Active mode: in passive mode Debian's curl (7.88.1) waits for its threaded resolver to name
   * 127.0.0.1 for each data connection, and misses the wake-up of one wait in two or three: a
   * one-second poll timeout (strace: poll on the resolver's socket, 1000 ms), 130 ms a file on
   * average. That is curl's resolver, not FTP. */
  command_option(&command, "--ftp-port", "127.0.0.1");
  command_option(&command, "--user", user);
  format_path(url_base, "ftp://127.0.0.1:%s%s", server->port, remote);
  write_curl_transfers("curl-transfers.config", url_base, workload, direction);
  command_option(&command, "--config", "curl-transfers.config");
  command.directory = data_dir;
  snprintf(what, sizeof(what), "curl-ftp %s %s", direction_names[direction], workload->name);
  run_timed(&command, what, usage, result);
  snprintf(result->cipher, sizeof(result->cipher), "none");
  snprintf(result->mac, sizeof(result->mac), "none");
}

/* curl against OpenSSH's server, every file in one command (one connection, reused); the host
 * key pinned by its SHA-256, no known_hosts or .curlrc read (-q, HOME is an empty folder). curl's
 * own timings per transfer (--write-out) separate the handshake from the transfers. A toolchain's
 * curl runs under its emulator, which reads the keys as Z:<path>. */
static void transfer_curl_ssh(const struct contender *contender, const struct workload *workload,
                              int direction, const char *remote, struct transfer_result *result,
                              struct rusage *usage)
{
  char user[300];
  char path[PATH_BYTES];
  char key[PATH_BYTES];
  char public_key[PATH_BYTES];
  char home[PATH_BYTES];
  char home_variable[PATH_BYTES + 8];
  char what[160];
  char url_base[PATH_BYTES];
  struct command command;
  char *output;
  char *line;
  double total = 0;
  double first_connect = -1;

  snprintf(user, sizeof(user), "%s:", sshd_user);
  format_path(path, "%s/client_ed25519", sshd_dir);
  client_path(key, contender->toolchain, path);
  format_path(path, "%s/client_ed25519.pub", sshd_dir);
  client_path(public_key, contender->toolchain, path);
  format_path(home, "%s/curl-home", data_dir);
  make_folders(home);
  snprintf(home_variable, sizeof(home_variable), "HOME=%s", home);
  command_for_toolchain(&command, contender->toolchain, contender->program);
  /* Under Wine, HOME also names the Wine prefix when none is given: keep the user's then. */
  if(!contender->toolchain || !contender->toolchain->emulator[0] || settings.wineprefix[0])
    command.environment[command.environment_count++] = home_variable;
  /* -q: no .curlrc; it must come first. */
  command_add(&command, "-q");
  command_add(&command, "--silent");
  command_add(&command, "--show-error");
  command_add(&command, "--fail");
  command_option(&command, "--user", user);
  command_option(&command, "--key", key);
  command_option(&command, "--pubkey", public_key);
  command_option(&command, "--hostpubsha256", host_key_sha256);
  command_option(&command, "--write-out", "%{time_appconnect} %{time_total}\\n");
  format_path(url_base, "%s://127.0.0.1:%s%s", contender->protocol, servers[0].port, remote);
  write_curl_transfers("curl-transfers.config", url_base, workload, direction);
  command_option(&command, "--config", "curl-transfers.config");
  command.directory = data_dir;
  snprintf(what, sizeof(what), "%s (%s) %s %s", contender->client, toolchain_name(contender),
           direction_names[direction], workload->name);
  output = run_checked(&command, what, usage);
  if(slow_transfer_stopped) {
    free(output);
    return;
  }
  for(line = output; line && *line; ) {
    char *end = NULL;
    double connect = strtod(line, &end);
    double seconds = end ? strtod(end, NULL) : 0;

    if(first_connect < 0)
      first_connect = connect;
    total += seconds;
    line = strchr(line, '\n');
    if(line)
      line++;
  }
  free(output);
  if(first_connect < 0)
    fail("%s printed no timings", what);
  result->setup = first_connect;
  result->seconds = total - first_connect;
  /* The server speaks the pinned pair only, so that is what curl negotiated. */
  snprintf(result->cipher, sizeof(result->cipher), "%s", settings.cipher);
  snprintf(result->mac, sizeof(result->mac), "%s", settings.mac);
}

/* The CPU time the server spent so far: OpenSSH's sessions once reaped by the listener, a Python
 * server's own. */
static double server_cpu(const struct server *server)
{
  if(server->kind == SERVER_OPENSSH)
    return process_cpu(sshd_pid, 1);
  return process_cpu(server->pid, 0);
}

static void copy_file(const char *from, const char *to)
{
  static unsigned char buffer[1 << 20];
  FILE *source = fopen(from, "rb");
  FILE *target = fopen(to, "wb");
  size_t got;

  if(!source || !target)
    fail("cannot copy %s to %s: %s", from, to, strerror(errno));
  while((got = fread(buffer, 1, sizeof(buffer), source)) > 0) {
    if(fwrite(buffer, 1, got, target) != got)
      fail("cannot write %s: %s", to, strerror(errno));
  }
  if(ferror(source) || fclose(target) != 0)
    fail("cannot copy %s to %s: %s", from, to, strerror(errno));
  fclose(source);
}

/* Puts the workload's files into its remote folder, as a put that succeeds leaves them. */
static void restore_remote(int workload_index)
{
  const struct workload *workload = &workloads[workload_index];
  char from[PATH_BYTES];
  char to[PATH_BYTES];
  char name[32];
  long i;

  format_path(to, "%s/remote/%s", data_dir, workload->name);
  remove_tree(to);
  make_folders(to);
  for(i = 0; i < workload->files; i++) {
    file_name(name, i);
    format_path(from, "%s/src/%s/%s", data_dir, workload->name, name);
    format_path(to, "%s/remote/%s/%s", data_dir, workload->name, name);
    copy_file(from, to);
  }
  remote_complete[workload_index] = 1;
}

/* Runs one contender in one direction on one workload and checks the files. */
static int transfer(const struct contender *contender, const struct workload *workload,
                    int direction, struct transfer_result *result)
{
  char source[PATH_BYTES];
  char remote[PATH_BYTES];
  char destination[PATH_BYTES];
  const char *local;
  const char *arrived;
  struct master_connection master;
  struct rusage usage;
  double server_before;
  double server_after;
  double master_before = 0;
  double master_server_before = 0;
  int is_scp = contender->kind == KIND_OPENSSH_SCP;
  const struct server *server = &servers[contender->server];

  memset(result, 0, sizeof(*result));
  memset(&usage, 0, sizeof(usage));
  memset(&master, 0, sizeof(master));
  format_path(source, "%s/src/%s", data_dir, workload->name);
  format_path(remote, "%s/remote/%s", data_dir, workload->name);
  format_path(destination, "%s/dst/%s", data_dir, workload->name);
  if(direction == 0) {
    remove_tree(remote);
    make_folders(remote);
    local = source;
    arrived = remote;
  }
  else {
    remove_tree(destination);
    make_folders(destination);
    local = destination;
    arrived = destination;
  }
  if(is_scp) {
    double started = monotonic_seconds();

    master_start(&master);
    result->setup = monotonic_seconds() - started;
    master_before = process_cpu(master.pid, 0);
    master_server_before = process_cpu(master.server_pid, 0) + process_cpu(master.server_pid, 1);
  }
  server_before = server_cpu(server);
  slow_transfer_stopped = 0;
  slow_timeout_seconds = contender->python && settings.slow_budget > 0 ? (int)settings.slow_budget * 2 : 0;
  if(contender->kind == KIND_TRANSFER_PROGRAM)
    transfer_program(contender, workload, direction, local, remote, result, &usage);
  else if(contender->kind == KIND_PYTHON)
    transfer_python(contender, workload, direction, local, remote, result, &usage);
  else if(contender->kind == KIND_OPENSSH_SFTP)
    transfer_openssh_sftp(server, workload, direction, remote, result, &usage);
  else if(contender->kind == KIND_OPENSSH_SCP)
    transfer_openssh_scp(workload, direction, remote, &master, result, &usage);
  else if(contender->kind == KIND_FTPLIB)
    transfer_ftplib(server, workload, direction, local, remote, result, &usage);
  else if(contender->kind == KIND_CURL_SSH)
    transfer_curl_ssh(contender, workload, direction, remote, result, &usage);
  else
    transfer_curl_ftp(server, workload, direction, remote, result, &usage);
  slow_timeout_seconds = 0;
  if(slow_transfer_stopped) {
    if(server->kind == SERVER_OPENSSH)
      wait_for_sessions(master.server_pid);
    if(is_scp)
      master_stop(&master);
    /* In the warm-up it is not a result: the measured rounds will say it, or predict it. */
    if(workload->measured)
      add_skipped("%s (%s) %s %s against %s: stopped after %ld s, twice the %ld s a slow "
                  "contender's transfer gets (slow_budget_seconds in bench/workloads.json)",
                  contender->client, toolchain_name(contender), direction_names[direction], workload->name, server->name,
                  settings.slow_budget * 2, settings.slow_budget);
    return 1;
  }
  if(result->seconds < 1e-6)
    result->seconds = 1e-6;
  if(server->kind == SERVER_OPENSSH)
    wait_for_sessions(master.server_pid);
  server_after = server_cpu(server);
  result->client_cpu = usage_seconds(&usage);
  result->server_cpu = server_after - server_before;
  if(is_scp) {
    /* Its encryption happens in the master connection's process, and the server's side of it
     * in that connection's session process. */
    result->client_cpu += process_cpu(master.pid, 0) - master_before;
    result->server_cpu += process_cpu(master.server_pid, 0) + process_cpu(master.server_pid, 1) -
                          master_server_before;
    master_stop(&master);
  }
  if(settings.aead && server->kind != SERVER_FTP)
    snprintf(result->mac, sizeof(result->mac), "implicit");
  verify_files(arrived, workload, contender, direction);
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Preparing the run */

static const struct toolchain *find_toolchain(const char *name)
{
  int i;

  for(i = 0; i < toolchain_count; i++) {
    if(strcmp(toolchains[i].name, name) == 0)
      return &toolchains[i];
  }
  return NULL;
}

static void add_skipped(const char *format, ...)
{
  char text[TEXT_BYTES];
  va_list arguments;

  va_start(arguments, format);
  vsnprintf(text, sizeof(text), format, arguments);
  va_end(arguments);
  if(skipped_count < MAX_SKIPPED)
    skipped[skipped_count++] = copy_text(text);
}

static struct contender *add_contender(enum contender_kind kind, const char *client,
                                       const struct toolchain *toolchain, long streams)
{
  struct contender *contender;

  if(contender_count >= MAX_CONTENDERS)
    fail("more than %d contenders", MAX_CONTENDERS);
  contender = &contenders[contender_count++];
  memset(contender, 0, sizeof(*contender));
  contender->kind = kind;
  snprintf(contender->client, sizeof(contender->client), "%s", client);
  contender->toolchain = toolchain;
  contender->streams = streams;
  return contender;
}

/* Sets out to the path of program on PATH, or "" . */
static void find_on_path(char *out, const char *program)
{
  const char *path = getenv("PATH");
  const char *start = path ? path : "/usr/bin:/bin";

  out[0] = '\0';
  while(*start) {
    const char *end = strchr(start, ':');
    size_t length = end ? (size_t)(end - start) : strlen(start);
    char candidate[PATH_BYTES];

    if(length > 0 && length + strlen(program) + 2 < PATH_BYTES) {
      memcpy(candidate, start, length);
      candidate[length] = '\0';
      strcat(candidate, "/");
      strcat(candidate, program);
      if(access(candidate, X_OK) == 0) {
        format_path(out, "%s", candidate);
        return;
      }
    }
    if(!end)
      break;
    start = end + 1;
  }
}

/* python_transfer.py --check: exit 0 when the library can be imported and speaks the pinned
 * algorithms; otherwise the reason it printed. */
static int python_library_usable(const char *library, char *reason, size_t size)
{
  char script[PATH_BYTES];
  char out_path[PATH_BYTES];
  char error_path[PATH_BYTES];
  struct command command;
  char *text;
  size_t length;
  int status;
  pid_t pid;

  format_path(script, "%s/bench/python_transfer.py", settings.source_root);
  format_path(out_path, "%s/check.out", data_dir);
  format_path(error_path, "%s/check.err", data_dir);
  memset(&command, 0, sizeof(command));
  command_add(&command, settings.python);
  command_option(&command, "-W", "ignore");
  command_add(&command, script);
  command_add(&command, "--check");
  command_option(&command, "--library", library);
  command_option(&command, "--cipher", settings.cipher);
  if(!settings.aead) {
    command_option(&command, "--mac", settings.mac);
  }
  command.stdout_path = out_path;
  command.stderr_path = error_path;
  pid = start_command(&command);
  status = wait_command(pid, "python_transfer.py --check", 120, NULL);
  command_free(&command);
  if(status == 0)
    return 1;
  text = read_text_file(error_path);
  length = strlen(text);
  while(length > 0 && (text[length - 1] == '\n' || text[length - 1] == '\r'))
    text[--length] = '\0';
  snprintf(reason, size, "%s", text[0] ? text : "python_transfer.py --check failed");
  free(text);
  return 0;
}

/* A Python server of the run: checked, given its own host key (SSH) or password (FTP), started
 * as our child, and known once it has written its port. One that cannot start is skipped with
 * the reason its log gives. */
static void start_python_server(enum server_kind kind, const char *name)
{
  char script[PATH_BYTES];
  char folder[PATH_BYTES];
  char host_key[PATH_BYTES];
  char public_key_path[PATH_BYTES];
  char authorized_keys[PATH_BYTES];
  char port_path[PATH_BYTES];
  char log_path[PATH_BYTES];
  char out_path[PATH_BYTES];
  char error_path[PATH_BYTES];
  char comment[64];
  struct server *server = &servers[server_count];
  struct command command;
  char *text;
  int status;
  int poll;
  pid_t pid;

  format_path(script, "%s/bench/python_servers.py", settings.source_root);
  format_path(folder, "%s/servers/%s", settings.out_dir, name);
  format_path(host_key, "%s/host_ed25519", folder);
  format_path(public_key_path, "%s/host_ed25519.pub", folder);
  format_path(authorized_keys, "%s/authorized_keys", sshd_dir);
  format_path(port_path, "%s/port", folder);
  format_path(log_path, "%s/server.log", folder);
  format_path(out_path, "%s/check.out", data_dir);
  format_path(error_path, "%s/check.err", data_dir);
  memset(server, 0, sizeof(*server));
  server->kind = kind;
  server->name = name;

  memset(&command, 0, sizeof(command));
  command_add(&command, settings.python);
  command_add(&command, script);
  command_add(&command, "--check");
  command_option(&command, "--kind", name);
  command.stdout_path = out_path;
  command.stderr_path = error_path;
  pid = start_command(&command);
  status = wait_command(pid, "python_servers.py --check", 120, NULL);
  command_free(&command);
  if(status != 0) {
    text = read_text_file(error_path);
    text[strcspn(text, "\r\n")] = '\0';
    add_skipped("the %s server: %s", name, text[0] ? text : "python_servers.py --check failed");
    free(text);
    return;
  }

  remove_tree(folder);
  make_folders(folder);
  memset(&command, 0, sizeof(command));
  if(kind == SERVER_FTP) {
    /* A password of this run only: the server is on loopback, for the run's length. */
    unsigned char random_bytes[16];
    FILE *random_source = fopen("/dev/urandom", "rb");
    int i;

    if(!random_source || fread(random_bytes, 1, sizeof(random_bytes), random_source) != sizeof(random_bytes))
      fail("cannot read /dev/urandom for the FTP server's password");
    fclose(random_source);
    for(i = 0; i < 16; i++)
      snprintf(server->password + 2 * i, 3, "%02x", random_bytes[i]);
  }
  else {
    snprintf(comment, sizeof(comment), "stackprobe-%s-host", name);
    command_add(&command, "ssh-keygen");
    command_add(&command, "-q");
    command_option(&command, "-t", "ed25519");
    command_option(&command, "-N", "");
    command_option(&command, "-C", comment);
    command_option(&command, "-f", host_key);
    free(run_checked(&command, "ssh-keygen for a server's host key", NULL));
  }

  memset(&command, 0, sizeof(command));
  command_add(&command, settings.python);
  command_option(&command, "-W", "ignore");
  command_add(&command, script);
  command_option(&command, "--kind", name);
  command_option(&command, "--port-file", port_path);
  if(kind == SERVER_FTP) {
    command_option(&command, "--user", "stackprobe");
    command_option(&command, "--password", server->password);
  }
  else {
    command_option(&command, "--host-key", host_key);
    command_option(&command, "--authorized-keys", authorized_keys);
    command_option(&command, "--cipher", settings.cipher);
    command_option(&command, "--mac", settings.aead ? "implicit" : settings.mac);
  }
  command.stdout_path = log_path;
  command.stderr_path = log_path;
  pid = start_command(&command);
  command_free(&command);
  for(poll = 0; poll < 1000 && !file_exists(port_path); poll++) {
    if(waitpid(pid, &status, WNOHANG) == pid) {
      forget_child(pid);
      text = read_text_file(log_path);
      add_skipped("the %s server did not start: %s", name, text);
      free(text);
      return;
    }
    sleep_seconds(0.02);
    stop_if_signalled();
  }
  if(!file_exists(port_path)) {
    kill(pid, SIGTERM);
    wait_command(pid, "a server that did not start", 30, NULL);
    add_skipped("the %s server did not listen within 20 s (%s)", name, log_path);
    return;
  }
  server->pid = pid;
  text = read_text_file(port_path);
  snprintf(server->port, sizeof(server->port), "%ld", strtol(text, NULL, 10));
  free(text);
  if(kind != SERVER_FTP) {
    char *public_key = read_text_file(public_key_path);
    char *space;
    FILE *file;

    /* "type blob": the comment is not part of the key. */
    space = strchr(public_key, ' ');
    if(space)
      space = strchr(space + 1, ' ');
    if(space)
      *space = '\0';
    public_key[strcspn(public_key, "\r\n")] = '\0';
    format_path(server->known_hosts, "%s/known_hosts", folder);
    file = fopen(server->known_hosts, "w");
    if(!file)
      fail("cannot write %s: %s", server->known_hosts, strerror(errno));
    fprintf(file, "[127.0.0.1]:%s %s\n", server->port, public_key);
    fclose(file);
    format_path(server->ssh_config, "%s/ssh_config", folder);
    file = fopen(server->ssh_config, "w");
    if(!file)
      fail("cannot write %s: %s", server->ssh_config, strerror(errno));
    fprintf(file,
            "Host stackprobe-loopback\n  HostName 127.0.0.1\n  Port %s\n  User %s\n"
            "  IdentityFile %s/client_ed25519\n  IdentitiesOnly yes\n  UserKnownHostsFile %s\n"
            "  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n  BatchMode yes\n"
            "  LogLevel ERROR\n", server->port, sshd_user, sshd_dir, server->known_hosts);
    fclose(file);
    free(public_key);
  }
  printf("bench: the %s server listens on 127.0.0.1:%s\n", name, server->port);
  server_count++;
}

/* Besides OpenSSH's: AsyncSSH's and paramiko's SFTP servers, and pyftpdlib's FTP server. */
static void start_other_servers(void)
{
  if(!settings.servers)
    return;
  if(!settings.python[0]) {
    add_skipped("the asyncssh, paramiko and pyftpdlib servers: no python3 (apt-get install python3)");
    return;
  }
  start_python_server(SERVER_ASYNCSSH, "asyncssh");
  start_python_server(SERVER_PARAMIKO, "paramiko");
  start_python_server(SERVER_FTP, "pyftpdlib");
}

/* Sets *out to what command printed (to free); 0 when it ran and exited 0. */
static int capture_output(struct command *command, const char *what, char **out)
{
  char out_path[PATH_BYTES];
  int status;
  pid_t pid;

  format_path(out_path, "%s/capture.out", data_dir);
  command->stdout_path = out_path;
  command->stderr_path = out_path;
  pid = start_command(command);
  status = wait_command(pid, what, 60, NULL);
  command_free(command);
  *out = read_text_file(out_path);
  return status;
}

/* Sets host_key_sha256 to the SHA-256 of OpenSSH's server's host key, as curl --hostpubsha256
 * takes it (what ssh-keygen -l prints after "SHA256:"); returns 0 when it could. */
static int read_host_key_sha256(void)
{
  char public_key[PATH_BYTES];
  struct command command;
  char *output;
  char *at;
  size_t length = 0;
  int status;

  format_path(public_key, "%s/host_ed25519.pub", sshd_dir);
  memset(&command, 0, sizeof(command));
  command_add(&command, "ssh-keygen");
  command_add(&command, "-l");
  command_option(&command, "-E", "sha256");
  command_option(&command, "-f", public_key);
  status = capture_output(&command, "ssh-keygen -l", &output);
  at = strstr(output, "SHA256:");
  if(at) {
    at += 7;
    while(at[length] && at[length] != ' ' && at[length] != '\n' && length + 1 < sizeof(host_key_sha256))
      length++;
    memcpy(host_key_sha256, at, length);
    host_key_sha256[length] = '\0';
  }
  free(output);
  return status == 0 && length > 0 ? 0 : -1;
}

static void add_curl_pair(const struct toolchain *toolchain, const char *program)
{
  struct contender *contender;

  contender = add_contender(KIND_CURL_SSH, "curl-sftp", toolchain, 1);
  snprintf(contender->protocol, sizeof(contender->protocol), "sftp");
  contender->program = program;
  contender = add_contender(KIND_CURL_SSH, "curl-scp", toolchain, 1);
  snprintf(contender->protocol, sizeof(contender->protocol), "scp");
  contender->program = program;
}

/* curl-sftp and curl-scp against OpenSSH's server, its host key pinned by the SHA-256 that
 * ssh-keygen gives: the curl each toolchain built on its own libssh2 (a row per toolchain), and
 * the system's (Debian's links its libssh2 1.10). */
static void add_curl_contenders(void)
{
  struct command command;
  char *output;
  char *at;
  int status;
  int i;

  if(!settings.curl)
    return;
  if(read_host_key_sha256() != 0) {
    add_skipped("curl-sftp, curl-scp: no SHA-256 of the server's host key to pin (ssh-keygen -l failed)");
    return;
  }
  for(i = 0; i < toolchain_count; i++) {
    if(toolchains[i].curl[0])
      add_curl_pair(&toolchains[i], toolchains[i].curl);
    else if(!toolchains[i].prefix[0])
      add_skipped("curl-sftp, curl-scp of %s: its prefix was not given (--prefix)", toolchains[i].name);
    else
      add_skipped("curl-sftp, curl-scp of %s: it built no curl (%s/bin has none; STACKPROBE_CURL "
                  "names the toolchains that build it)", toolchains[i].name, toolchains[i].prefix);
  }
  find_on_path(curl_program, "curl");
  if(!curl_program[0]) {
    add_skipped("curl-sftp, curl-scp (system): no curl (apt-get install curl)");
    return;
  }
  memset(&command, 0, sizeof(command));
  command_add(&command, curl_program);
  command_add(&command, "--version");
  status = capture_output(&command, "curl --version", &output);
  at = strstr(output, "Protocols:");
  if(status != 0 || !at || !strstr(at, " sftp") || !strstr(at, " scp")) {
    add_skipped("curl-sftp, curl-scp (system): this curl speaks neither SFTP nor SCP (built without libssh2 or libssh)");
    free(output);
    return;
  }
  free(output);
  add_curl_pair(NULL, curl_program);
}

/* The first toolchain whose client runs natively in the release profile: the one measured
 * against the other servers. */
static const struct toolchain *first_native_toolchain(void)
{
  int i;

  for(i = 0; i < toolchain_count; i++) {
    if(!toolchains[i].emulator[0] && !toolchains[i].release[0])
      return &toolchains[i];
  }
  return NULL;
}

static void choose_contenders(void)
{
  static const char *const python_libraries[] = {"paramiko", "asyncssh", "fabric", "spur"};
  int i;

  for(i = 0; i < toolchain_count; i++) {
    struct contender *contender;

    contender = add_contender(KIND_TRANSFER_PROGRAM, "libssh2-sftp", &toolchains[i], 1);
    snprintf(contender->protocol, sizeof(contender->protocol), "sftp");
    contender->program = toolchains[i].client;
    contender = add_contender(KIND_TRANSFER_PROGRAM, "libssh2-scp", &toolchains[i], 1);
    snprintf(contender->protocol, sizeof(contender->protocol), "scp");
    contender->program = toolchains[i].client;
    if(settings.streams > 1) {
      contender = add_contender(KIND_TRANSFER_PROGRAM, "libssh2-sftp", &toolchains[i], settings.streams);
      snprintf(contender->protocol, sizeof(contender->protocol), "sftp");
      contender->program = toolchains[i].client;
    }
  }
  if(settings.libssh_client[0]) {
    struct contender *contender = add_contender(KIND_TRANSFER_PROGRAM, "libssh-sftp", NULL, 1);

    snprintf(contender->protocol, sizeof(contender->protocol), "sftp");
    contender->program = settings.libssh_client;
  }
  add_curl_contenders();
  if(settings.peers) {
    find_on_path(sftp_program, "sftp");
    find_on_path(scp_program, "scp");
    find_on_path(ssh_program, "ssh");
    if(sftp_program[0] && scp_program[0] && ssh_program[0]) {
      add_contender(KIND_OPENSSH_SFTP, "openssh-sftp", NULL, 1);
      add_contender(KIND_OPENSSH_SCP, "openssh-scp", NULL, 1);
    }
    else {
      add_skipped("openssh: sftp, scp or ssh not found (apt-get install openssh-client)");
    }
  }
  /* Against the other servers: the native libssh2 client and OpenSSH's sftp over SFTP, ftplib
   * and curl over FTP. A Python server is as slow as a Python client: they are measured in the
   * first python_repetitions rounds only. */
  for(i = 1; i < server_count; i++) {
    struct contender *contender;

    if(servers[i].kind == SERVER_FTP) {
      contender = add_contender(KIND_FTPLIB, "ftplib", NULL, 1);
      contender->server = i;
      contender->python = 1;
      if(!settings.curl)
        continue;
      find_on_path(curl_program, "curl");
      if(curl_program[0]) {
        contender = add_contender(KIND_CURL_FTP, "curl-ftp", NULL, 1);
        contender->server = i;
        contender->python = 1;
      }
      else {
        add_skipped("curl-ftp: no curl (apt-get install curl)");
      }
      continue;
    }
    if(first_native_toolchain()) {
      contender = add_contender(KIND_TRANSFER_PROGRAM, "libssh2-sftp", first_native_toolchain(), 1);
      snprintf(contender->protocol, sizeof(contender->protocol), "sftp");
      contender->program = first_native_toolchain()->client;
      contender->server = i;
      contender->python = 1;
    }
    if(settings.peers && sftp_program[0] && scp_program[0] && ssh_program[0]) {
      contender = add_contender(KIND_OPENSSH_SFTP, "openssh-sftp", NULL, 1);
      contender->server = i;
      contender->python = 1;
    }
  }
  if(settings.python[0]) {
    for(i = 0; i < (int)(sizeof(python_libraries) / sizeof(python_libraries[0])); i++) {
      char reason[TEXT_BYTES];

      if(python_library_usable(python_libraries[i], reason, sizeof(reason))) {
        struct contender *contender = add_contender(KIND_PYTHON, python_libraries[i], NULL, 1);

        snprintf(contender->library, sizeof(contender->library), "%s", python_libraries[i]);
        contender->python = 1;
      }
      else {
        add_skipped("%s: %s", python_libraries[i], reason);
      }
    }
  }
}

/* The slow budget needs a contender's cost per file besides its speed: twenty tiny files, moved
 * once by every contender in the warm-up. */
static void add_files_probe(void)
{
  struct workload *workload;

  if(settings.warmup <= 0 || settings.slow_budget <= 0 || workload_count >= MAX_WORKLOADS)
    return;
  workload = &workloads[workload_count];
  memset(workload, 0, sizeof(*workload));
  workload->name = "files-probe";
  workload->files = 20;
  workload->bytes_per_file = 4096;
  workload->seed = 5;
  files_probe_workload = workload_count++;
}

/* The files once per workload, written by the first toolchain's make_files, and their hashes. */
static void prepare_workloads(void)
{
  const struct toolchain *generator = &toolchains[0];
  int w;

  for(w = 0; w < workload_count; w++) {
    struct workload *workload = &workloads[w];
    char folder[PATH_BYTES];
    char folder_argument[PATH_BYTES];
    char files[32];
    char bytes[32];
    char seed[32];
    char what[128];
    char path[PATH_BYTES];
    char name[32];
    struct command command;
    char *output;
    long i;

    format_path(folder, "%s/src/%s", data_dir, workload->name);
    make_folders(folder);
    client_path(folder_argument, generator, folder);
    snprintf(files, sizeof(files), "%ld", workload->files);
    snprintf(bytes, sizeof(bytes), "%lld", workload->bytes_per_file);
    snprintf(seed, sizeof(seed), "%ld", workload->seed);
    command_for_toolchain(&command, generator, generator->make_files);
    command_add(&command, folder_argument);
    command_add(&command, files);
    command_add(&command, bytes);
    command_add(&command, seed);
    snprintf(what, sizeof(what), "make_files for %s", workload->name);
    output = run_checked(&command, what, NULL);
    free(output);
    workload->hashes = allocate(sizeof(*workload->hashes) * (size_t)workload->files);
    for(i = 0; i < workload->files; i++) {
      file_name(name, i);
      format_path(path, "%s/%s", folder, name);
      if(file_sha256_hex(path, workload->hashes[i]) != 0)
        fail("make_files wrote no %s: %s", path, strerror(errno));
    }
    format_path(path, "%s/dst/%s", data_dir, workload->name);
    make_folders(path);
    printf("bench: workload %s: %ld file(s) of %lld bytes in %s\n", workload->name, workload->files,
           workload->bytes_per_file, folder);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Measuring */

static struct series *series_of(int contender, int workload, int direction)
{
  int i;

  for(i = 0; i < series_count; i++) {
    if(series[i].contender == contender && series[i].workload == workload &&
       series[i].direction == direction)
      return &series[i];
  }
  series[series_count].contender = contender;
  series[series_count].workload = workload;
  series[series_count].direction = direction;
  return &series[series_count++];
}

static void run_rounds(int workload_index, long rounds, int measured)
{
  const struct workload *workload = &workloads[workload_index];
  long round;

  for(round = 1; round <= rounds; round++) {
    /* The order rotates every round, so slow drift of the machine hits every contender alike. */
    long shift = (round - 1) % contender_count;
    double round_started = monotonic_seconds();
    int i;

    for(i = 0; i < contender_count; i++) {
      int index = (int)((i + shift) % contender_count);
      struct contender *contender = &contenders[index];
      int direction;

      /* Parallel streams split one file. */
      if(contender->streams > 1 && workload->files != 1)
        continue;
      /* The Python contenders are 3 to 30 times slower than the rest: measured in the first
       * python_repetitions rounds only (their "runs" says how many); the first warm-up round
       * gives their speed, which the slow budget reads. */
      if(contender->python && (measured ? round > settings.python_repetitions : round > 1))
        continue;
      /* The warm-up workload is for the slow budget's speed, which only the Python contenders'
       * prediction reads: the others were warmed by the files probe (their programs, libraries
       * and sessions), and moving their 6 MiB too took 9 s of every standard run. */
      if(!measured && workload_index == warmup_workload && !contender->python)
        continue;
      /* The files probe: every contender once (per-file costs differ a hundredfold: curl's SCP
       * starts a remote scp for each file). */
      for(direction = 0; direction < 2; direction++) {
        struct transfer_result result;
        double started;
        int stopped;

        if(measured && over_slow_budget(contender, workload_index, direction))
          continue;
        /* Over half the budget (curl's SCP on the small files, a remote scp per file: 8 s a
         * transfer, 100 s of a 220 s run), a contender is measured in the first
         * python_repetitions rounds only, as the Python ones are. */
        if(measured && round > settings.python_repetitions && settings.slow_budget > 0 &&
           predicted_seconds(contender, workload_index, direction) > (double)settings.slow_budget / 2)
          continue;
        /* The files probe moves its files one way: a contender's cost per file was within a few
         * per cent of it the other way (curl's SCP 27 and 28 ms, spur 17.5 and 17.6 ms), and the
         * get took another 6 s of every standard run. */
        if(!measured && workload_index == files_probe_workload && direction == 1) {
          contender->warm_up_seconds_per_file[1] = contender->warm_up_seconds_per_file[0];
          continue;
        }
        if(direction == 0)
          remote_complete[workload_index] = 0;
        else if(!remote_complete[workload_index])
          restore_remote(workload_index);
        started = monotonic_seconds();
        stopped = transfer(contender, workload, direction, &result);
        contender->spent_seconds += monotonic_seconds() - started;
        if(stopped != 0) {
          /* Stopped over the slow budget: not again on this workload and direction. */
          contender->over_budget[workload_index][direction] = 1;
          continue;
        }
        if(direction == 0)
          remote_complete[workload_index] = 1;
        if(!measured && workload_index == files_probe_workload)
          contender->warm_up_seconds_per_file[direction] = result.seconds / (double)workload->files;
        else if(!measured)
          contender->warm_up_bytes_per_second[direction] =
            (double)workload->files * (double)workload->bytes_per_file /
            (result.seconds > 1e-3 ? result.seconds : 1e-3);
        if(measured) {
          struct series *samples = series_of(index, workload_index, direction);

          samples->seconds[samples->runs] = result.seconds;
          samples->setup[samples->runs] = result.setup;
          samples->client_cpu[samples->runs] = result.client_cpu;
          samples->server_cpu[samples->runs] = result.server_cpu;
          samples->runs++;
          snprintf(samples->cipher, sizeof(samples->cipher), "%s", result.cipher);
          snprintf(samples->mac, sizeof(samples->mac), "%s", result.mac);
        }
      }
    }
    if(measured)
      printf("bench: %s: repetition %ld of %ld done in %.0f s\n", workload->name, round,
             settings.repetitions, monotonic_seconds() - round_started);
    else
      printf("bench: warm-up round %ld of %ld done in %.0f s (%s workload, discarded)\n", round,
             rounds, monotonic_seconds() - round_started, workload->name);
    fflush(stdout);
  }
}

/* A contender whose warm-up (its speed on the warm-up workload, its cost per file on the files
 * probe) predicts a transfer longer than the budget is skipped on that workload and direction,
 * and the skip says why: spur uploads at about 1 MB/s (paramiko's unpipelined writes), so 64 MiB
 * would take a minute; curl's SCP starts a remote scp per file, so 1000 files take 30 s. */
/* The time the warm-up predicts for one transfer of a workload. The cost per file predicts every
 * contender. Speed on the warm-up workload predicts only the slow ones, which are bound by it: a
 * C client's few MiB are mostly fixed costs (libssh2's SCP put showed 13 MB/s on 6 MiB and moves
 * 256 MiB at 107 MB/s). */
static double predicted_seconds(const struct contender *contender, int workload_index, int direction)
{
  const struct workload *workload = &workloads[workload_index];
  double speed = contender->warm_up_bytes_per_second[direction];
  double predicted = (double)workload->files * contender->warm_up_seconds_per_file[direction];

  if(contender->python && speed > 0)
    predicted += (double)workload->files * (double)workload->bytes_per_file / speed;
  return predicted;
}

static int over_slow_budget(struct contender *contender, int workload_index, int direction)
{
  const struct workload *workload = &workloads[workload_index];
  double bytes = (double)workload->files * (double)workload->bytes_per_file;
  double speed = contender->warm_up_bytes_per_second[direction];
  double predicted;
  char speed_text[64] = "";

  if(contender->over_budget[workload_index][direction])
    return 1;
  if(settings.slow_budget <= 0 || !workloads[workload_index].measured)
    return 0;
  predicted = predicted_seconds(contender, workload_index, direction);
  if(predicted <= (double)settings.slow_budget)
    return 0;
  contender->over_budget[workload_index][direction] = 1;
  if(contender->python && speed > 0)
    snprintf(speed_text, sizeof(speed_text), "%.1f MB/s and ", speed / 1e6);
  add_skipped("%s (%s) %s %s against %s: %s%.1f ms per file in the warm-up, so %ld "
              "file(s), %.0f MB would take about %.0f s, over the %ld s a "
              "transfer gets (slow_budget_seconds in bench/workloads.json)", contender->client,
              toolchain_name(contender), direction_names[direction], workload->name, servers[contender->server].name,
              speed_text, contender->warm_up_seconds_per_file[direction] * 1e3, workload->files,
              bytes / 1e6, predicted, settings.slow_budget);
  return 1;
}

/* ------------------------------------------------------------------------------------------ */
/* Results */

static double median_of(const double *values, int count)
{
  double median = 0;
  double min;
  double max;

  bench_median(values, (size_t)count, &median, &min, &max);
  return median;
}

static const char *toolchain_name(const struct contender *contender)
{
  return contender->toolchain ? contender->toolchain->name : "system";
}

/* The same client, streams, workload and direction measured on another toolchain. */
static const struct series *same_measurement(const struct series *of, const char *toolchain)
{
  const struct contender *contender = &contenders[of->contender];
  int i;

  for(i = 0; i < series_count; i++) {
    const struct contender *other = &contenders[series[i].contender];

    if(series[i].workload == of->workload && series[i].direction == of->direction &&
       other->server == contender->server &&
       strcmp(other->client, contender->client) == 0 && other->streams == contender->streams &&
       strcmp(toolchain_name(other), toolchain) == 0)
      return &series[i];
  }
  return NULL;
}

/* A natively run release build of the same client: what Wine costs. */
static const struct series *native_measurement(const struct series *of)
{
  int i;

  for(i = 0; i < toolchain_count; i++) {
    if(!toolchains[i].emulator[0] && !toolchains[i].release[0]) {
      const struct series *found = same_measurement(of, toolchains[i].name);

      if(found)
        return found;
    }
  }
  return NULL;
}

static int compare_series(const void *left_pointer, const void *right_pointer)
{
  const struct series *left = left_pointer;
  const struct series *right = right_pointer;
  const struct contender *left_contender = &contenders[left->contender];
  const struct contender *right_contender = &contenders[right->contender];
  int order = strcmp(workloads[left->workload].name, workloads[right->workload].name);

  if(order == 0)
    order = strcmp(direction_names[left->direction], direction_names[right->direction]);
  if(order == 0)
    order = left_contender->server - right_contender->server;
  if(order == 0)
    order = strcmp(left_contender->client, right_contender->client);
  if(order == 0)
    order = strcmp(toolchain_name(left_contender), toolchain_name(right_contender));
  if(order == 0)
    order = left_contender->streams < right_contender->streams ? -1
            : left_contender->streams > right_contender->streams;
  return order;
}

/* The build flags of each libssh2 measured: what a reader needs to compare figures. */
static void write_flags(struct bench_json *json)
{
  int i;

  bench_json_begin_object(json, "flags");
  for(i = 0; i < toolchain_count; i++) {
    char path[PATH_BYTES];
    char line[TEXT_BYTES * 4];
    FILE *file;

    bench_json_begin_object(json, toolchains[i].name);
    if(settings.state_root[0]) {
      format_path(path, "%s/%s/ep/src/libssh2-build/CMakeCache.txt", settings.state_root,
                  toolchains[i].name);
      file = fopen(path, "r");
      while(file && fgets(line, sizeof(line), file)) {
        static const char *const names[] = {"CMAKE_C_COMPILER", "CMAKE_BUILD_TYPE",
                                            "CMAKE_C_FLAGS_RELEASE", "CMAKE_C_FLAGS"};
        size_t n;

        line[strcspn(line, "\r\n")] = '\0';
        for(n = 0; n < sizeof(names) / sizeof(names[0]); n++) {
          size_t length = strlen(names[n]);
          char *equals = strchr(line, '=');

          if(strncmp(line, names[n], length) == 0 && line[length] == ':' && equals) {
            char key[64];

            snprintf(key, sizeof(key), "libssh2_%s", names[n]);
            bench_json_string(json, key, equals + 1);
          }
        }
      }
      if(file)
        fclose(file);
      format_path(path, "%s/%s/ep/src/openssl-build/Makefile", settings.state_root,
                  toolchains[i].name);
      file = fopen(path, "r");
      while(file && fgets(line, sizeof(line), file)) {
        if(strncmp(line, "CFLAGS=", 7) == 0) {
          line[strcspn(line, "\r\n")] = '\0';
          bench_json_string(json, "openssl_CFLAGS", line + 7);
          break;
        }
      }
      if(file)
        fclose(file);
    }
    bench_json_end_object(json);
  }
  bench_json_end_object(json);
}

static void pad(char *row, size_t size, const char *cell, int width)
{
  size_t length = strlen(row);

  snprintf(row + length, size - length, "%-*s ", width, cell);
}

/* Contender indices, the one that took the longest first. */
static int compare_spent(const void *left_pointer, const void *right_pointer)
{
  double left = contenders[*(const int *)left_pointer].spent_seconds;
  double right = contenders[*(const int *)right_pointer].spent_seconds;

  if(left != right)
    return left > right ? -1 : 1;
  return *(const int *)left_pointer - *(const int *)right_pointer;
}

/* Where the run's wall time went, per contender, longest first: the budget of the standard run
 * is kept by looking here. Written into bench.json, and printed when summary is not NULL. */
static void write_time_spent(struct bench_json *json, FILE *summary)
{
  int order[MAX_CONTENDERS];
  double total = 0;
  int i;

  for(i = 0; i < contender_count; i++) {
    order[i] = i;
    total += contenders[i].spent_seconds;
  }
  qsort(order, (size_t)contender_count, sizeof(order[0]), compare_spent);
  if(json)
    bench_json_begin_array(json, "time_spent");
  if(summary)
    fprintf(summary, "time spent per contender, with its warm-up, setup and checks: %.0f s in all\n", total);
  for(i = 0; i < contender_count; i++) {
    const struct contender *contender = &contenders[order[i]];

    if(json) {
      bench_json_begin_object(json, NULL);
      bench_json_string(json, "client", contender->client);
      bench_json_string(json, "toolchain", toolchain_name(contender));
      bench_json_string(json, "server", servers[contender->server].name);
      bench_json_integer(json, "streams", contender->streams);
      bench_json_number(json, "seconds", contender->spent_seconds, 1);
      bench_json_end_object(json);
    }
    if(summary)
      fprintf(summary, "  %6.1f s  %-14s %-18s %-9s %ld stream(s)\n", contender->spent_seconds,
              contender->client, toolchain_name(contender), servers[contender->server].name,
              contender->streams);
  }
  if(json)
    bench_json_end_array(json);
}

static void write_results(double wall_seconds)
{
  struct bench_json json;
  char path[PATH_BYTES];
  char generated[32];
  char address[64];
  char *table = NULL;
  size_t table_size = 0;
  FILE *table_stream;
  time_t now = time(NULL);
  int i;

  qsort(series, (size_t)series_count, sizeof(*series), compare_series);
  table_stream = open_memstream(&table, &table_size);
  if(!table_stream)
    fail("out of memory");
  strftime(generated, sizeof(generated), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
  snprintf(address, sizeof(address), "127.0.0.1:%s", sshd_port);
  bench_json_init(&json);
  bench_json_begin_object(&json, NULL);
  bench_json_integer(&json, "schema", 1);
  bench_json_string(&json, "generated", generated);
  bench_json_string(&json, "orchestrator", "stackprobe-bench");
  bench_json_string(&json, "cipher", settings.cipher);
  bench_json_string(&json, "mac", settings.mac);
  bench_json_integer(&json, "buffer_bytes", settings.buffer_bytes);
  bench_json_integer(&json, "repetitions", settings.repetitions);
  bench_json_integer(&json, "python_repetitions", settings.python_repetitions);
  bench_json_number(&json, "wall_seconds", wall_seconds, 1);
  bench_json_begin_object(&json, "server");
  bench_json_string(&json, "software", server_software);
  bench_json_string(&json, "address", address);
  bench_json_string(&json, "sftp", "internal-sftp");
  bench_json_boolean(&json, "tmpfs", settings.scratch[0] && strncmp(data_dir, settings.scratch,
                                                                     strlen(settings.scratch)) == 0);
  bench_json_end_object(&json);
  bench_json_begin_array(&json, "servers");
  for(i = 0; i < server_count; i++) {
    char server_address[64];

    snprintf(server_address, sizeof(server_address), "127.0.0.1:%s", servers[i].port);
    bench_json_begin_object(&json, NULL);
    bench_json_string(&json, "name", servers[i].name);
    bench_json_string(&json, "address", server_address);
    bench_json_string(&json, "protocol", servers[i].kind == SERVER_FTP ? "ftp" : "ssh");
    if(servers[i].kind != SERVER_FTP)
      bench_json_number(&json, "openssh_sftp_setup_seconds", servers[i].setup_sftp, 6);
    bench_json_end_object(&json);
  }
  bench_json_end_array(&json);
  bench_json_begin_object(&json, "openssh_setup_seconds");
  bench_json_number(&json, "sftp", setup_sftp_seconds, 6);
  bench_json_number(&json, "scp", setup_scp_seconds, 6);
  bench_json_end_object(&json);
  write_flags(&json);
  bench_json_begin_array(&json, "skipped");
  for(i = 0; i < skipped_count; i++)
    bench_json_string(&json, NULL, skipped[i]);
  bench_json_end_array(&json);
  write_time_spent(&json, NULL);
  bench_json_begin_array(&json, "results");
  for(i = 0; i < series_count; i++) {
    const struct series *samples = &series[i];
    const struct contender *contender = &contenders[samples->contender];
    const struct workload *workload = &workloads[samples->workload];
    const struct series *reference = NULL;
    const struct series *native = NULL;
    const struct series *release = NULL;
    double bytes = (double)workload->files * (double)workload->bytes_per_file;
    double median;
    double min;
    double max;
    double mbps;
    double files_per_second;
    char row[512];
    char streams[16];
    int r;

    bench_median(samples->seconds, (size_t)samples->runs, &median, &min, &max);
    mbps = bench_mbps(bytes, median);
    files_per_second = bench_files_per_second((double)workload->files, median);
    /* openssh-sftp on the same server; where it has none (FTP), on OpenSSH's. */
    for(r = 0; r < series_count; r++) {
      const struct contender *other = &contenders[series[r].contender];

      if(series[r].workload == samples->workload && series[r].direction == samples->direction &&
         other->kind == KIND_OPENSSH_SFTP &&
         (other->server == contender->server || (!reference && other->server == 0)))
        reference = &series[r];
    }
    if(contender->toolchain && contender->toolchain->emulator[0])
      native = native_measurement(samples);
    if(contender->toolchain && contender->toolchain->release[0])
      release = same_measurement(samples, contender->toolchain->release);

    bench_json_begin_object(&json, NULL);
    bench_json_string(&json, "client", contender->client);
    bench_json_string(&json, "toolchain", toolchain_name(contender));
    bench_json_string(&json, "server", servers[contender->server].name);
    bench_json_string(&json, "workload", workload->name);
    bench_json_string(&json, "direction", direction_names[samples->direction]);
    bench_json_string(&json, "cipher", samples->cipher);
    bench_json_string(&json, "mac", samples->mac);
    bench_json_integer(&json, "streams", contender->streams);
    bench_json_integer(&json, "bytes", (long long)bytes);
    bench_json_integer(&json, "files", workload->files);
    bench_json_integer(&json, "runs", samples->runs);
    bench_json_number(&json, "seconds_median", median, 6);
    bench_json_number(&json, "seconds_min", min, 6);
    bench_json_number(&json, "seconds_max", max, 6);
    bench_json_number(&json, "setup_seconds_median", median_of(samples->setup, samples->runs), 6);
    bench_json_number(&json, "mbps_median", mbps, 2);
    bench_json_number(&json, "files_per_s", files_per_second, 2);
    bench_json_number(&json, "client_cpu_seconds_per_gib",
                      bench_cpu_per_gib(median_of(samples->client_cpu, samples->runs), bytes), 3);
    bench_json_number(&json, "server_cpu_seconds_per_gib",
                      bench_cpu_per_gib(median_of(samples->server_cpu, samples->runs), bytes), 3);
    if(reference) {
      bench_json_number(&json, "ratio_to_openssh_sftp",
                        bench_ratio(median_of(reference->seconds, reference->runs), median), 2);
      bench_json_string(&json, "reference_server", servers[contenders[reference->contender].server].name);
    }
    if(native) {
      bench_json_number(&json, "ratio_to_native",
                        bench_ratio(median_of(native->seconds, native->runs), median), 2);
      bench_json_string(&json, "native_toolchain", toolchain_name(&contenders[native->contender]));
    }
    if(release) {
      bench_json_number(&json, "ratio_to_release",
                        bench_ratio(median_of(release->seconds, release->runs), median), 2);
      bench_json_string(&json, "release_toolchain", contender->toolchain->release);
    }
    bench_json_boolean(&json, "verified", 1);
    bench_json_end_object(&json);

    row[0] = '\0';
    snprintf(streams, sizeof(streams), "%ld", contender->streams);
    pad(row, sizeof(row), workload->name, 7);
    pad(row, sizeof(row), direction_names[samples->direction], 5);
    pad(row, sizeof(row), servers[contender->server].name, 9);
    pad(row, sizeof(row), contender->client, 14);
    pad(row, sizeof(row), toolchain_name(contender), 18);
    pad(row, sizeof(row), streams, 3);
    fprintf(table_stream, "%s%.3f s  %.2f MB/s  %.2f files/s  ", row, median, mbps, files_per_second);
    if(reference)
      fprintf(table_stream, "x%.2f", bench_ratio(median_of(reference->seconds, reference->runs), median));
    else
      fprintf(table_stream, "x-");
    if(native)
      fprintf(table_stream, "  x%.2f of %s", bench_ratio(median_of(native->seconds, native->runs), median),
              toolchain_name(&contenders[native->contender]));
    if(release)
      fprintf(table_stream, "  x%.2f of %s", bench_ratio(median_of(release->seconds, release->runs), median),
              contender->toolchain->release);
    if(samples->runs != settings.repetitions)
      fprintf(table_stream, "  (%d of %ld runs)", samples->runs, settings.repetitions);
    fputc('\n', table_stream);
  }
  bench_json_end_array(&json);
  bench_json_end_object(&json);
  fclose(table_stream);
  make_folders(settings.out_dir);
  format_path(path, "%s/bench.json", settings.out_dir);
  if(bench_json_write_file(&json, path) != 0)
    fail("cannot write %s: %s", path, json.failed ? "the JSON writer failed" : strerror(errno));
  bench_json_free(&json);
  printf("\nstackprobe benchmark: cipher %s, MAC %s, %ld repetitions, medians (%s)\n"
         "every file checked by SHA-256; x = speed relative to openssh-sftp in this run\n\n%s",
         settings.cipher, settings.mac, settings.repetitions, path, table ? table : "");
  for(i = 0; i < skipped_count; i++)
    printf("skipped: %s\n", skipped[i]);
  write_time_spent(NULL, stdout);
  printf("bench: the run took %.0f s\n", wall_seconds);
  free(table);
}

/* ------------------------------------------------------------------------------------------ */
/* Arguments */

static void usage(void)
{
  fprintf(stderr,
          "usage: stackprobe-bench --source-root DIR --out-dir DIR --cmake PROGRAM\n"
          "         --client TOOLCHAIN=BENCH_BUILD_DIR ... [--emulator TOOLCHAIN=PROGRAM ...]\n"
          "         [--prefix TOOLCHAIN=PREFIX ...] [--release TOOLCHAIN=RELEASE_TOOLCHAIN ...]\n"
          "         --workload NAME=FILES,BYTES,SEED ... [--warmup-workload NAME=FILES,BYTES,SEED]\n"
          "         [--warmup N] [--repetitions N] [--python-repetitions N] [--cipher C] [--mac M]\n"
          "         [--aead 0|1] [--buffer BYTES] [--streams N] [--peers 0|1] [--servers 0|1]\n"
          "         [--curl 0|1] [--python PROGRAM] [--slow-budget SECONDS]\n"
          "         [--libssh-client PROGRAM] [--scratch /dev/shm/stackprobe-bench-TAG]\n"
          "         [--state-root DIR] [--wineprefix DIR] [--skipped REASON ...]\n"
          "Runs the benchmark against a throwaway loopback sshd (bench/sshd.cmake) and writes\n"
          "OUT_DIR/bench.json. bench/run_bench.cmake is its usual caller.\n");
  exit(2);
}

static long parse_number(const char *option, const char *text, long minimum, long maximum)
{
  char *end = NULL;
  long value;

  errno = 0;
  value = strtol(text, &end, 10);
  if(errno != 0 || end == text || *end != '\0' || value < minimum || value > maximum) {
    fprintf(stderr, "bench: %s: '%s' is not a number from %ld to %ld\n", option, text, minimum, maximum);
    exit(2);
  }
  return value;
}

/* Splits NAME=VALUE in place; exits on a malformed one. */
static char *split_pair(const char *option, char *pair)
{
  char *equals = strchr(pair, '=');

  if(!equals || equals == pair) {
    fprintf(stderr, "bench: %s: '%s' is not NAME=VALUE\n", option, pair);
    exit(2);
  }
  *equals = '\0';
  return equals + 1;
}

static struct toolchain *toolchain_named(const char *option, const char *name)
{
  int i;

  for(i = 0; i < toolchain_count; i++) {
    if(strcmp(toolchains[i].name, name) == 0)
      return &toolchains[i];
  }
  if(strcmp(option, "--client") != 0) {
    fprintf(stderr, "bench: %s names %s, which no --client gives\n", option, name);
    exit(2);
  }
  if(toolchain_count >= MAX_TOOLCHAINS) {
    fprintf(stderr, "bench: more than %d toolchains\n", MAX_TOOLCHAINS);
    exit(2);
  }
  memset(&toolchains[toolchain_count], 0, sizeof(toolchains[0]));
  toolchains[toolchain_count].name = name;
  toolchains[toolchain_count].emulator = "";
  toolchains[toolchain_count].prefix = "";
  toolchains[toolchain_count].release = "";
  return &toolchains[toolchain_count++];
}

static void add_workload(const char *option, char *text, int measured)
{
  char *value = split_pair(option, text);
  struct workload *workload;
  char *first_comma = strchr(value, ',');
  char *second_comma = first_comma ? strchr(first_comma + 1, ',') : NULL;

  if(!first_comma || !second_comma) {
    fprintf(stderr, "bench: %s: '%s' is not NAME=FILES,BYTES,SEED\n", option, value);
    exit(2);
  }
  *first_comma = '\0';
  *second_comma = '\0';
  if(workload_count >= MAX_WORKLOADS) {
    fprintf(stderr, "bench: more than %d workloads\n", MAX_WORKLOADS);
    exit(2);
  }
  workload = &workloads[workload_count];
  memset(workload, 0, sizeof(*workload));
  workload->name = text;
  if(!plain_path(text) || strchr(text, '/')) {
    fprintf(stderr, "bench: %s: '%s' is not a plain name\n", option, text);
    exit(2);
  }
  workload->files = parse_number(option, value, 1, 100000);
  workload->bytes_per_file = parse_number(option, first_comma + 1, 0, 1L << 34);
  workload->seed = parse_number(option, second_comma + 1, 0, 1L << 30);
  workload->measured = measured;
  if(!measured)
    warmup_workload = workload_count;
  workload_count++;
}

/* The settings that are one text or one number, by option. */
struct text_setting {
  const char *option;
  const char **value;
};

struct number_setting {
  const char *option;
  long *value;
  long minimum;
  long maximum;
};

/* Sets the setting option names to value: 1, or 0 when option is not one of them. */
static int set_setting(const char *option, const char *value)
{
  const struct text_setting texts[] = {
    {"--source-root", &settings.source_root}, {"--out-dir", &settings.out_dir},
    {"--cmake", &settings.cmake}, {"--scratch", &settings.scratch},
    {"--state-root", &settings.state_root}, {"--wineprefix", &settings.wineprefix},
    {"--cipher", &settings.cipher}, {"--mac", &settings.mac}, {"--python", &settings.python},
    {"--libssh-client", &settings.libssh_client}};
  const struct number_setting numbers[] = {
    {"--repetitions", &settings.repetitions, 1, MAX_REPETITIONS},
    {"--python-repetitions", &settings.python_repetitions, 0, MAX_REPETITIONS},
    {"--warmup", &settings.warmup, 0, 100},
    {"--buffer", &settings.buffer_bytes, 1024, 64L * 1024 * 1024},
    {"--streams", &settings.streams, 1, 16},
    {"--slow-budget", &settings.slow_budget, 0, 86400},
    {"--peers", &settings.peers, 0, 1},
    {"--servers", &settings.servers, 0, 1},
    {"--curl", &settings.curl, 0, 1},
    {"--aead", &settings.aead, 0, 1}};
  size_t i;

  for(i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
    if(strcmp(option, texts[i].option) == 0) {
      *texts[i].value = value;
      return 1;
    }
  }
  for(i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
    if(strcmp(option, numbers[i].option) == 0) {
      *numbers[i].value = parse_number(option, value, numbers[i].minimum, numbers[i].maximum);
      return 1;
    }
  }
  return 0;
}

static void parse_arguments(int argc, char **argv)
{
  int i;

  settings.scratch = "";
  settings.state_root = "";
  settings.wineprefix = "";
  settings.python = "";
  settings.libssh_client = "";
  settings.cipher = "aes128-ctr";
  settings.mac = "hmac-sha2-256";
  settings.repetitions = 5;
  settings.python_repetitions = 1;
  settings.buffer_bytes = 960000;
  settings.streams = 4;
  settings.peers = 1;
  settings.servers = 1;
  settings.curl = 1;
  for(i = 1; i < argc; i++) {
    const char *option = argv[i];
    char *value;

    if(i + 1 >= argc)
      usage();
    value = argv[++i];
    if(set_setting(option, value))
      continue;
    if(strcmp(option, "--skipped") == 0)
      add_skipped("%s", value);
    else if(strcmp(option, "--workload") == 0)
      add_workload(option, value, 1);
    else if(strcmp(option, "--warmup-workload") == 0)
      add_workload(option, value, 0);
    else if(strcmp(option, "--client") == 0 || strcmp(option, "--emulator") == 0 ||
            strcmp(option, "--prefix") == 0 || strcmp(option, "--release") == 0) {
      char *pair_value = split_pair(option, value);
      struct toolchain *toolchain = toolchain_named(option, value);

      if(strcmp(option, "--client") == 0)
        toolchain->client_dir = pair_value;
      else if(strcmp(option, "--emulator") == 0)
        toolchain->emulator = pair_value;
      else if(strcmp(option, "--prefix") == 0)
        toolchain->prefix = pair_value;
      else
        toolchain->release = pair_value;
    }
    else {
      fprintf(stderr, "bench: unknown option %s\n", option);
      usage();
    }
  }
  if(!settings.source_root || !settings.out_dir || !settings.cmake)
    usage();
  if(settings.python_repetitions > settings.repetitions)
    settings.python_repetitions = settings.repetitions;
  if(settings.scratch[0] && strncmp(settings.scratch, "/dev/shm/stackprobe-", 20) != 0) {
    fprintf(stderr, "bench: --scratch must be a folder /dev/shm/stackprobe-<name>, not '%s'\n",
            settings.scratch);
    exit(2);
  }
}

/* The client programs of each toolchain: the ones that are missing are skipped with the reason. */
static void find_clients(void)
{
  int kept = 0;
  int i;

  for(i = 0; i < toolchain_count; i++) {
    struct toolchain *toolchain = &toolchains[i];
    const char *suffix = "";
    char probe[PATH_BYTES];

    format_path(probe, "%s/libssh2_transfer.exe", toolchain->client_dir);
    if(file_exists(probe))
      suffix = ".exe";
    format_path(toolchain->client, "%s/libssh2_transfer%s", toolchain->client_dir, suffix);
    format_path(toolchain->make_files, "%s/make_files%s", toolchain->client_dir, suffix);
    if(toolchain->prefix[0]) {
      format_path(toolchain->curl, "%s/bin/curl%s", toolchain->prefix, suffix);
      if(!file_exists(toolchain->curl))
        toolchain->curl[0] = '\0';
    }
    if(!file_exists(toolchain->client) || !file_exists(toolchain->make_files)) {
      add_skipped("libssh2 of %s: its client was not built (%s); see the toolchain's report",
                  toolchain->name, toolchain->client);
      continue;
    }
    if(kept != i) {
      toolchains[kept] = *toolchain;
      /* The copied entry's paths are arrays: they moved with it. */
    }
    kept++;
  }
  toolchain_count = kept;
  /* A release named by a build that stays must still be known: otherwise no ratio. */
  for(i = 0; i < toolchain_count; i++) {
    if(toolchains[i].release[0] && !find_toolchain(toolchains[i].release))
      toolchains[i].release = "";
  }
}

static void read_server_software(void)
{
  char out_path[PATH_BYTES];
  struct command command;
  char *text;
  pid_t pid;

  format_path(out_path, "%s/ssh-version", data_dir);
  memset(&command, 0, sizeof(command));
  command_add(&command, ssh_program[0] ? ssh_program : "ssh");
  command_add(&command, "-V");
  command.stdout_path = out_path;
  command.stderr_path = out_path;
  pid = start_command(&command);
  wait_command(pid, "ssh -V", 30, NULL);
  command_free(&command);
  text = read_text_file(out_path);
  text[strcspn(text, "\r\n")] = '\0';
  snprintf(server_software, sizeof(server_software), "%s", text);
  free(text);
}

int main(int argc, char **argv)
{
  double started = monotonic_seconds();
  int w;

  parse_arguments(argc, argv);
  install_signal_handlers();
  setvbuf(stdout, NULL, _IOLBF, 0);
  find_clients();
  if(toolchain_count == 0) {
    int i;

    for(i = 0; i < skipped_count; i++)
      fprintf(stderr, "skipped: %s\n", skipped[i]);
    fail("no toolchain has a built client, so there is nothing to measure. "
         "Build first (cmake --build build) and look at the report for what failed.");
  }
  /* The files live on tmpfs when there is one, so the disk is not what is measured. */
  if(settings.scratch[0]) {
    remove_tree(settings.scratch);
    format_path(data_dir, "%s", settings.scratch);
    if(mkdir(data_dir, 0700) != 0)
      format_path(data_dir, "%s/data", settings.out_dir);
  }
  else {
    format_path(data_dir, "%s/data", settings.out_dir);
  }
  if(!plain_path(data_dir))
    fail("the benchmark's data folder %s has characters other than letters, digits and /._-+; "
         "sftp batch lines and scp's remote shell would read them. Build in a folder with a plain path.",
         data_dir);
  remove_tree(data_dir);
  make_folders(data_dir);
  start_server();
  start_other_servers();
  choose_contenders();
  read_server_software();
  add_files_probe();
  prepare_workloads();
  if(settings.peers && sftp_program[0])
    measure_openssh_setup();
  series = allocate(sizeof(*series) * (size_t)contender_count * (size_t)workload_count * 2);
  if(files_probe_workload >= 0)
    run_rounds(files_probe_workload, 1, 0);
  if(settings.warmup > 0 && warmup_workload >= 0)
    run_rounds(warmup_workload, settings.warmup, 0);
  for(w = 0; w < workload_count; w++) {
    if(workloads[w].measured)
      run_rounds(w, settings.repetitions, 1);
  }
  write_results(monotonic_seconds() - started);
  finish(0);
  return 0;
}
