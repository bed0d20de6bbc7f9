/* A fault injector for the sweeps (tests/sweep/): an LD_PRELOAD library that
 * makes the N-th allocation, or the N-th write to an output, fail, the way
 * SQLite tests its out-of-memory and I/O error paths (sqlite.org/testing.html,
 * sections 3.1 and 3.2) but without changing the program: it calls the C
 * library's allocator and I/O functions, and a preloaded library comes first
 * when the dynamic linker resolves them.
 *
 * Counting starts when main is entered (the dynamic linker, the C library and
 * the sanitizer runtimes allocate before that, and those allocations are
 * nobody's bug here) and covers everything the program does from then on,
 * including what SQLite, libcsv, GSL and the C library allocate on its behalf.
 * AddressSanitizer's own allocations never pass through these functions.
 *
 * Environment:
 *   SC_FAULT_ALLOC=N     the N-th allocation (malloc, calloc, realloc, strdup,
 *                        strndup, reallocarray, posix_memalign, aligned_alloc)
 *                        returns NULL with errno ENOMEM
 *   SC_FAULT_PERSIST=1   ... and so does every allocation after it
 *   SC_FAULT_WRITE=N     the N-th output operation fails: a write to any file
 *                        descriptor but standard error (write, pwrite, writev,
 *                        and the buffered streams of standard output and of
 *                        fdopen'ed files), fsync, fdatasync, ftruncate, the
 *                        close of a descriptor written to, rename, link.
 *                        Setting it (0 counts only) routes standard output and
 *                        fdopen'ed streams through this library, because the C
 *                        library's streams call the kernel directly.
 *   SC_FAULT_ERRNO=NAME  the error of a failed output operation: ENOSPC
 *                        (default), EIO, EDQUOT or EPIPE
 *   SC_FAULT_COUNT=FILE  at exit, write "allocs A\nwrites W\ninjected I\n":
 *                        how many of each the run made, and whether (1) the
 *                        fault was injected (a sweep stops when it was not)
 *   SC_FAULT_TRACE=1     print the stack where the fault is injected (with
 *                        AddressSanitizer's symbolizer when it is there)
 *
 * Sweep server (one exec for many cases: starting a sanitized program costs
 * more than most runs):
 *   SC_FAULT_SERVE=DIR   instead of running once, fork one child per N from
 *                        SC_FAULT_FROM (default 1) to SC_FAULT_TO (default: until
 *                        a run makes fewer than N operations), failing the N-th
 *                        operation of the kind SC_FAULT_SWEEP names (alloc or
 *                        write).  Child N runs in the new directory DIR/N (so
 *                        relative output paths land there), after the files of
 *                        SC_FAULT_TEMPLATE (a directory) are copied into it, with
 *                        standard input /dev/null, standard output DIR/N.out,
 *                        standard error DIR/N.err, killed by SIGALRM after
 *                        SC_FAULT_TIMEOUT seconds (default 60).  DIR/N.status
 *                        gets "exit S" or "signal S", DIR/N.counts the counts.
 *                        The last N is the run with nothing injected.
 *
 * Build: cc -shared -fPIC -o faultshim.so faultshim.c -ldl
 * With an AddressSanitizer program: LD_PRELOAD=./faultshim.so and
 * ASAN_OPTIONS=verify_asan_link_order=0 (this library must come first so its
 * malloc is the one found; it passes every call on to the sanitizer's). */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <sys/uio.h>
#include <unistd.h>

/* ---- configuration and counters */

static long alloc_target, write_target;
static int persist, trace, fail_errno = ENOSPC, wrap_streams;
static long allocs, writes;
static int injected;
static const char *count_file;
static volatile int active;    /* inside main (and what exit runs after it) */
static __thread int internal;  /* a call made by this library itself */

/* ---- the next functions, found lazily; dlsym may allocate before that */

static void *(*next_malloc)(size_t);
static void *(*next_calloc)(size_t, size_t);
static void *(*next_realloc)(void *, size_t);
static void (*next_free)(void *);
static int (*next_posix_memalign)(void **, size_t, size_t);
static void *(*next_aligned_alloc)(size_t, size_t);
static ssize_t (*next_write)(int, const void *, size_t);
static ssize_t (*next_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*next_pwrite64)(int, const void *, size_t, off_t);
static ssize_t (*next_writev)(int, const struct iovec *, int);
static int (*next_fsync)(int);
static int (*next_fdatasync)(int);
static int (*next_ftruncate)(int, off_t);
static int (*next_ftruncate64)(int, off_t);
static int (*next_close)(int);
static int (*next_rename)(const char *, const char *);
static int (*next_link)(const char *, const char *);
static FILE *(*next_fdopen)(int, const char *);
static int (*next_fileno)(FILE *);

/* Allocations made while dlsym runs come from here and are never freed. */
static char arena[1 << 16] __attribute__((aligned(16)));
static size_t arena_used;
static int resolving;

static void *arena_alloc(size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n > sizeof arena - arena_used)
        return NULL;
    void *p = arena + arena_used;
    arena_used += n;
    return p;
}

static int in_arena(const void *p)
{
    return (const char *)p >= arena && (const char *)p < arena + sizeof arena;
}

#define FIND(name) next_##name = (__typeof__(next_##name))dlsym(RTLD_NEXT, #name)

static void resolve(void)
{
    if (next_malloc != NULL || resolving)
        return;
    resolving = 1;
    FIND(calloc);
    FIND(realloc);
    FIND(free);
    FIND(posix_memalign);
    FIND(aligned_alloc);
    FIND(write);
    FIND(pwrite);
    FIND(pwrite64);
    FIND(writev);
    FIND(fsync);
    FIND(fdatasync);
    FIND(ftruncate);
    FIND(ftruncate64);
    FIND(close);
    FIND(rename);
    FIND(link);
    FIND(fdopen);
    FIND(fileno);
    FIND(malloc); /* last: it marks the table complete */
    resolving = 0;
}

/* ---- injection */

static void print_trace(const char *what, long n)
{
    /* The sanitizers' printer symbolizes; otherwise raw addresses. */
    extern void __sanitizer_print_stack_trace(void) __attribute__((weak));
    char msg[96];
    int len = snprintf(msg, sizeof msg, "faultshim: failing %s #%ld here:\n", what, n);
    internal++;
    next_write(2, msg, (size_t)len);
    if (__sanitizer_print_stack_trace != NULL) {
        __sanitizer_print_stack_trace();
    } else {
        void *frames[64];
        int k = backtrace(frames, 64);
        backtrace_symbols_fd(frames, k, 2);
    }
    internal--;
}

/* Count one operation; true if it is the one to fail. */
static int should_fail(long *counter, long target, const char *what)
{
    if (!active || internal)
        return 0;
    long n = __atomic_add_fetch(counter, 1, __ATOMIC_RELAXED);
    if (target <= 0 || n < target || (n > target && !persist))
        return 0;
    injected = 1;
    if (trace)
        print_trace(what, n);
    return 1;
}

static int alloc_fails(void)
{
    return should_fail(&allocs, alloc_target, "allocation");
}

/* ---- allocation */

void *malloc(size_t n)
{
    resolve();
    if (next_malloc == NULL)
        return arena_alloc(n);
    if (alloc_fails()) {
        errno = ENOMEM;
        return NULL;
    }
    return next_malloc(n);
}

void *calloc(size_t n, size_t size)
{
    resolve();
    if (next_calloc == NULL) {
        if (size != 0 && n > SIZE_MAX / size)
            return NULL;
        return arena_alloc(n * size); /* static storage starts zeroed */
    }
    if (alloc_fails()) {
        errno = ENOMEM;
        return NULL;
    }
    return next_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
    resolve();
    if (in_arena(p)) {
        void *q = malloc(n);
        if (q != NULL) {
            size_t room = (size_t)(arena + sizeof arena - (char *)p);
            memcpy(q, p, n < room ? n : room);
        }
        return q;
    }
    if (next_realloc == NULL)
        return arena_alloc(n);
    if (alloc_fails()) {
        errno = ENOMEM;
        return NULL;
    }
    return next_realloc(p, n);
}

void free(void *p)
{
    if (p == NULL || in_arena(p))
        return;
    resolve();
    if (next_free != NULL)
        next_free(p);
}

void *reallocarray(void *p, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(p, n * size);
}

char *strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

char *strndup(const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    char *p = malloc(n + 1);
    if (p != NULL) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

int posix_memalign(void **out, size_t align, size_t n)
{
    resolve();
    if (alloc_fails())
        return ENOMEM;
    return next_posix_memalign(out, align, n);
}

void *aligned_alloc(size_t align, size_t n)
{
    resolve();
    if (alloc_fails()) {
        errno = ENOMEM;
        return NULL;
    }
    return next_aligned_alloc(align, n);
}

/* ---- output operations */

/* Descriptors written to (their close is an output operation too). */
static unsigned char written[4096];

static int write_fails(int fd, const char *what)
{
    if (fd == 2)
        return 0; /* messages must get out */
    if (fd >= 0 && fd < (int)sizeof written)
        written[fd] = 1;
    if (should_fail(&writes, write_target, what)) {
        errno = fail_errno;
        return 1;
    }
    return 0;
}

ssize_t write(int fd, const void *buf, size_t n)
{
    resolve();
    return write_fails(fd, "write") ? -1 : next_write(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
    resolve();
    return write_fails(fd, "pwrite") ? -1 : next_pwrite(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
    resolve();
    return write_fails(fd, "pwrite64") ? -1 : next_pwrite64(fd, buf, n, off);
}

ssize_t writev(int fd, const struct iovec *iov, int n)
{
    resolve();
    return write_fails(fd, "writev") ? -1 : next_writev(fd, iov, n);
}

int fsync(int fd)
{
    resolve();
    return write_fails(fd, "fsync") ? -1 : next_fsync(fd);
}

int fdatasync(int fd)
{
    resolve();
    return write_fails(fd, "fdatasync") ? -1 : next_fdatasync(fd);
}

int ftruncate(int fd, off_t len)
{
    resolve();
    return write_fails(fd, "ftruncate") ? -1 : next_ftruncate(fd, len);
}

int ftruncate64(int fd, off_t len)
{
    resolve();
    return write_fails(fd, "ftruncate64") ? -1 : next_ftruncate64(fd, len);
}

int close(int fd)
{
    resolve();
    int was_written = fd >= 0 && fd < (int)sizeof written && written[fd];
    if (was_written)
        written[fd] = 0;
    /* The descriptor is closed either way, as the kernel does on EIO. */
    int fail = was_written && write_fails(fd, "close");
    int rc = next_close(fd);
    if (fail) {
        errno = fail_errno;
        return -1;
    }
    return rc;
}

int rename(const char *from, const char *to)
{
    resolve();
    return write_fails(-1, "rename") ? -1 : next_rename(from, to);
}

int link(const char *from, const char *to)
{
    resolve();
    return write_fails(-1, "link") ? -1 : next_link(from, to);
}

/* ---- streams: the C library's stdio writes with internal calls no preload
 * can replace, so standard output and fdopen'ed output streams are rebuilt
 * as cookie streams over the descriptor, whose writes come through here. */

typedef struct stream {
    FILE *fp;
    int fd;
} stream;
static stream streams[64];

/* A failure returns a short count (0), never -1: glibc takes the result as
 * a size_t in new_do_write, and -1 makes a large fwrite copy past its
 * buffer (fopencookie(3): "must not return a negative value"); a short count
 * sets the stream's error flag. */
static ssize_t stream_write(void *cookie, const char *buf, size_t n)
{
    stream *s = cookie;
    size_t done = 0;
    if (write_fails(s->fd, "stream write"))
        return 0;
    internal++; /* the descriptor's own writes are this one operation */
    while (done < n) {
        ssize_t w = next_write(s->fd, buf + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    internal--;
    return (ssize_t)done;
}

static int stream_seek(void *cookie, off64_t *pos, int whence)
{
    stream *s = cookie;
    off_t r = lseek(s->fd, (off_t)*pos, whence);
    if (r < 0)
        return -1;
    *pos = r;
    return 0;
}

static int stream_close(void *cookie)
{
    stream *s = cookie;
    s->fp = NULL;
    return close(s->fd);
}

static FILE *wrap(int fd, const char *mode)
{
    for (size_t i = 0; i < sizeof streams / sizeof *streams; i++)
        if (streams[i].fp == NULL) {
            cookie_io_functions_t io = {NULL, stream_write, stream_seek, stream_close};
            streams[i].fd = fd;
            internal++;
            FILE *fp = fopencookie(&streams[i], mode, io);
            internal--;
            streams[i].fp = fp;
            return fp;
        }
    return NULL;
}

FILE *fdopen(int fd, const char *mode)
{
    resolve();
    if (wrap_streams && strpbrk(mode, "wa+") != NULL) {
        FILE *fp = wrap(fd, mode);
        if (fp != NULL)
            return fp;
    }
    return next_fdopen(fd, mode);
}

int fileno(FILE *fp)
{
    resolve();
    for (size_t i = 0; i < sizeof streams / sizeof *streams; i++)
        if (streams[i].fp != NULL && streams[i].fp == fp)
            return streams[i].fd;
    return next_fileno(fp);
}

/* ---- start and end */

static void report(void)
{
    /* What the C library would flush after this handler counts too: a
     * program that leaves its output to be flushed at exit never learns
     * whether it was written. */
    fflush(NULL);
    if (count_file == NULL)
        return;
    internal++;
    char buf[128];
    int len = snprintf(buf, sizeof buf, "allocs %ld\nwrites %ld\ninjected %d\n", allocs, writes,
                       injected);
    int fd = open(count_file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        next_write(fd, buf, (size_t)len);
        next_close(fd);
    }
    internal--;
}

static int (*program_main)(int, char **, char **);

static int run_main(int argc, char **argv, char **envp)
{
    if (wrap_streams) {
        FILE *out = wrap(1, "w");
        if (out != NULL)
            stdout = out;
    }
    atexit(report); /* runs after the handlers the program registers */
    active = 1;
    return program_main(argc, argv, envp);
}

/* ---- the sweep server */

static void die(const char *what, const char *path)
{
    fprintf(stderr, "faultshim: %s %s: %s\n", what, path, strerror(errno));
    _exit(125);
}

static void copy_file(const char *from, const char *to)
{
    char buf[65536];
    int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_EXCL, 0600);
    ssize_t n;
    if (in < 0 || out < 0)
        die("cannot copy", from);
    while ((n = read(in, buf, sizeof buf)) > 0)
        if (next_write(out, buf, (size_t)n) != n)
            die("cannot copy", from);
    next_close(in);
    next_close(out);
}

static void copy_template(const char *dir, const char *to)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char a[4400], b[4400];
    struct stat sb;
    if (d == NULL)
        die("cannot read", dir);
    while ((e = readdir(d)) != NULL) {
        snprintf(a, sizeof a, "%s/%s", dir, e->d_name);
        snprintf(b, sizeof b, "%s/%s", to, e->d_name);
        if (stat(a, &sb) == 0 && S_ISREG(sb.st_mode))
            copy_file(a, b);
    }
    closedir(d);
}

static void redirect(int fd, const char *path, int flags)
{
    int f = open(path, flags, 0644);
    if (f < 0 || dup2(f, fd) < 0)
        die("cannot open", path);
    if (f != fd)
        next_close(f);
}

static int serve(const char *dir, int argc, char **argv, char **envp)
{
    const char *v;
    long from = (v = getenv("SC_FAULT_FROM")) ? atol(v) : 1;
    long to = (v = getenv("SC_FAULT_TO")) ? atol(v) : 0;
    unsigned timeout = (v = getenv("SC_FAULT_TIMEOUT")) ? (unsigned)atoi(v) : 60;
    const char *template = getenv("SC_FAULT_TEMPLATE");
    int writes_sweep = (v = getenv("SC_FAULT_SWEEP")) != NULL && strcmp(v, "write") == 0;
    char path[4096], counts[4096];
    static char count_path[4096];
    for (long n = from; to <= 0 || n <= to; n++) {
        snprintf(path, sizeof path, "%s/%ld", dir, n);
        if (mkdir(path, 0700) != 0)
            die("cannot create", path);
        if (template != NULL && template[0] != '\0')
            copy_template(template, path);
        snprintf(count_path, sizeof count_path, "%s/%ld.counts", dir, n);
        fflush(NULL);
        pid_t pid = fork();
        if (pid < 0)
            die("cannot fork for", path);
        if (pid == 0) {
            if (chdir(path) != 0)
                die("cannot enter", path);
            redirect(0, "/dev/null", O_RDONLY);
            snprintf(counts, sizeof counts, "%s/%ld.out", dir, n);
            redirect(1, counts, O_WRONLY | O_CREAT | O_TRUNC);
            snprintf(counts, sizeof counts, "%s/%ld.err", dir, n);
            redirect(2, counts, O_WRONLY | O_CREAT | O_TRUNC);
            count_file = count_path;
            if (writes_sweep) {
                write_target = n;
                wrap_streams = 1;
            } else {
                alloc_target = n;
            }
            alarm(timeout);
            exit(run_main(argc, argv, envp));
        }
        int status;
        while (waitpid(pid, &status, 0) < 0)
            if (errno != EINTR)
                die("cannot wait for", path);
        snprintf(path, sizeof path, "%s/%ld.status", dir, n);
        FILE *fp = fopen(path, "w");
        if (fp == NULL)
            die("cannot write", path);
        if (WIFSIGNALED(status))
            fprintf(fp, "signal %d\n", WTERMSIG(status));
        else
            fprintf(fp, "exit %d\n", WEXITSTATUS(status));
        fclose(fp);
        /* The run made fewer than n operations: nothing left to fail. */
        fp = fopen(count_path, "r");
        int was_injected = 1;
        if (fp != NULL) {
            char line[64];
            while (fgets(line, sizeof line, fp) != NULL)
                if (strncmp(line, "injected ", 9) == 0)
                    was_injected = atoi(line + 9);
            fclose(fp);
        }
        if (!was_injected)
            break;
    }
    return 0;
}

static int wrapped_main(int argc, char **argv, char **envp)
{
    const char *dir = getenv("SC_FAULT_SERVE");
    if (dir != NULL && dir[0] != '\0')
        return serve(dir, argc, argv, envp);
    return run_main(argc, argv, envp);
}

typedef int (*start_fn)(int (*)(int, char **, char **), int, char **, void (*)(void),
                        void (*)(void), void (*)(void), void *);

int __libc_start_main(int (*main)(int, char **, char **), int argc, char **argv,
                      void (*init)(void), void (*fini)(void), void (*rtld_fini)(void),
                      void *stack_end)
{
    start_fn next = (start_fn)dlsym(RTLD_NEXT, "__libc_start_main");
    const char *v;
    resolve();
    if ((v = getenv("SC_FAULT_ALLOC")) != NULL)
        alloc_target = atol(v);
    if ((v = getenv("SC_FAULT_WRITE")) != NULL) {
        write_target = atol(v);
        wrap_streams = 1;
    }
    persist = (v = getenv("SC_FAULT_PERSIST")) != NULL && atoi(v) != 0;
    trace = (v = getenv("SC_FAULT_TRACE")) != NULL && atoi(v) != 0;
    count_file = getenv("SC_FAULT_COUNT");
    if ((v = getenv("SC_FAULT_ERRNO")) != NULL) {
        if (strcmp(v, "EIO") == 0)
            fail_errno = EIO;
        else if (strcmp(v, "EDQUOT") == 0)
            fail_errno = EDQUOT;
        else if (strcmp(v, "EPIPE") == 0)
            fail_errno = EPIPE;
    }
    program_main = main;
    return next(wrapped_main, argc, argv, init, fini, rtld_fini, stack_end);
}
