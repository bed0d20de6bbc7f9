/* Output files, written atomically.
 *
 * A regular file is written to a temporary file in the target's directory (so
 * the final rename stays on one file system), flushed and fsync'd, and only
 * then takes the target's name.  Without --force the name is taken with
 * link(2), which fails if the target exists, so an existing file is never
 * replaced, even one that appeared while we were writing.
 *
 * The temporary file is created 0600 and keeps that mode until it is complete:
 * a document with a patient's data is never readable by others while it is
 * written, nor if the program dies half way.  SIGINT, SIGTERM and SIGHUP remove
 * it; a SIGKILL cannot be caught, so the temporaries of dead runs (named
 * .stemcost-PID-XXXXXX) are removed by the next run that writes into the same
 * directory (see clean_stale).
 *
 * Standard output ("-"), a character device (/dev/null, a terminal) and a FIFO
 * are not files that can be replaced: they are written directly, and nothing is
 * ever renamed over them.  Any other kind of file (a block device, a socket) is
 * refused. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define TMP_PREFIX ".stemcost-"

/* A temporary whose writer is gone is removed only once it is this old, so a
 * run in another PID namespace sharing the directory (whose PID we cannot
 * see) is never robbed of the file it is writing. */
#define STALE_SECONDS (10 * 60)

/* The temporary file to remove if a signal arrives (one output per run). */
static volatile sig_atomic_t have_pending;
static char pending_tmp[4096];

static void on_signal(int sig)
{
    if (have_pending)
        unlink(pending_tmp); /* async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);
}

static void watch(const char *tmp)
{
    snprintf(pending_tmp, sizeof pending_tmp, "%s", tmp);
    have_pending = 1;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
}

static void unwatch(void)
{
    have_pending = 0;
}

/* Remove the temporaries that runs killed outright left in `dir`: only names
 * of our own pattern with a PID, regular files (not followed through a
 * symbolic link) owned by us, whose process no longer exists, untouched for
 * STALE_SECONDS.  Best effort: nothing here is an error. */
static void clean_stale(const char *dir)
{
    DIR *d = opendir(dir[0] ? dir : ".");
    if (d == NULL)
        return;
    int dfd = dirfd(d);
    time_t now = time(NULL);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, TMP_PREFIX, sizeof TMP_PREFIX - 1) != 0)
            continue;
        const char *p = e->d_name + sizeof TMP_PREFIX - 1;
        char *end;
        errno = 0;
        long pid = strtol(p, &end, 10);
        if (errno != 0 || end == p || *end != '-' || strlen(end + 1) != 6 || pid <= 0)
            continue;
        struct stat sb;
        if (fstatat(dfd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(sb.st_mode) ||
            sb.st_uid != geteuid() || now - sb.st_mtime < STALE_SECONDS)
            continue;
        if (pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        unlinkat(dfd, e->d_name, 0);
    }
    closedir(d);
}

/* Write straight into a character device or FIFO (no temporary, no rename). */
static int open_direct(const char *path, cli_output *o)
{
    int fd = open(path, O_WRONLY | O_NOCTTY);
    struct stat sb;
    if (fd < 0) {
        cli_error(path, "cannot write: %s", strerror(errno));
        return EXIT_DATA;
    }
    /* It may have been swapped for something else since we looked. */
    if (fstat(fd, &sb) != 0 || !(S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode))) {
        close(fd);
        cli_error(path, "is no longer a device or FIFO; not written");
        return EXIT_DATA;
    }
    o->fp = fdopen(fd, "w");
    o->path = strdup(path);
    if (o->fp == NULL || o->path == NULL) {
        if (o->fp == NULL)
            close(fd);
        cli_error(path, "cannot write: %s", strerror(errno ? errno : ENOMEM));
        cli_output_abort(o);
        return EXIT_DATA;
    }
    return EXIT_OK;
}

/* The directory part of `path` resolved, with its last component: NULL
 * when the directory cannot be resolved (then the names are compared). */
static char *resolved_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash == NULL ? strdup(".") : strndup(path, (size_t)(slash - path) + 1);
    char *real = dir ? realpath(dir, NULL) : NULL;
    char *out = NULL;
    const char *base = slash == NULL ? path : slash + 1;
    if (real != NULL && (out = malloc(strlen(real) + strlen(base) + 2)) != NULL)
        sprintf(out, "%s/%s", real, base);
    free(dir);
    free(real);
    return out;
}

int cli_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    int ea = stat(a, &sa) == 0, eb = stat(b, &sb) == 0;
    if (ea && eb)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    if (ea != eb)
        return 0; /* one exists, the other not: two files */
    char *ra = resolved_name(a), *rb = resolved_name(b);
    int same = ra && rb ? strcmp(ra, rb) == 0 : strcmp(a, b) == 0;
    free(ra);
    free(rb);
    return same;
}

int cli_output_open(const cli_common *c, cli_output *o)
{
    struct stat sb;
    memset(o, 0, sizeof *o);
    o->force = c->force;
    if (c->output == NULL || strcmp(c->output, "-") == 0) {
        o->fp = stdout;
        return EXIT_OK;
    }
    if (stat(c->output, &sb) == 0) {
        if (S_ISDIR(sb.st_mode)) {
            cli_error(c->output, "is a directory; give a file name for --output");
            return EXIT_DATA;
        }
        if (S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode))
            return open_direct(c->output, o);
        if (!S_ISREG(sb.st_mode)) {
            cli_error(c->output, "is not a regular file, a character device or a FIFO; "
                                 "not written");
            return EXIT_DATA;
        }
        if (!c->force) {
            cli_error(c->output, "already exists; use --force to replace it");
            return EXIT_DATA;
        }
    }
    const char *slash = strrchr(c->output, '/');
    size_t dirlen = slash ? (size_t)(slash - c->output) + 1 : 0;
    char name[64];
    snprintf(name, sizeof name, TMP_PREFIX "%ld-XXXXXX", (long)getpid());
    o->path = strdup(c->output);
    o->tmp = malloc(dirlen + strlen(name) + 1);
    if (o->path == NULL || o->tmp == NULL) {
        cli_error(c->output, "out of memory");
        cli_output_abort(o);
        return EXIT_DATA;
    }
    memcpy(o->tmp, c->output, dirlen);
    o->tmp[dirlen] = '\0';
    clean_stale(o->tmp);
    strcpy(o->tmp + dirlen, name);
    int fd = mkstemp(o->tmp); /* mode 0600, kept until the file is complete */
    if (fd < 0) {
        cli_error(c->output, "cannot create a file in its directory: %s", strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        cli_output_abort(o);
        return EXIT_DATA;
    }
    watch(o->tmp);
    o->fp = fdopen(fd, "w");
    if (o->fp == NULL) {
        close(fd);
        cli_error(c->output, "cannot write: %s", strerror(errno));
        cli_output_abort(o);
        return EXIT_DATA;
    }
    return EXIT_OK;
}

void cli_output_abort(cli_output *o)
{
    if (o->fp != NULL && o->fp != stdout)
        fclose(o->fp);
    if (o->tmp != NULL)
        unlink(o->tmp);
    unwatch();
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
}

/* The mode the finished file gets: that of the file it replaces, else the
 * usual mode of a new file (0666 less the umask). */
static mode_t final_mode(const char *target)
{
    struct stat sb;
    if (lstat(target, &sb) == 0 && S_ISREG(sb.st_mode))
        return sb.st_mode & 07777;
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

static int finish_stream(cli_output *o, const char *what)
{
    int failed = fflush(o->fp) != 0 || ferror(o->fp);
    int saved = errno;
    if (fclose(o->fp) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    o->fp = NULL;
    if (failed) {
        cli_error(what, "write error: %s", strerror(saved));
        return EXIT_DATA;
    }
    return EXIT_OK;
}

int cli_output_commit(cli_output *o)
{
    /* A report that ran out of memory is incomplete: never commit it. */
    int lost = sc_output_failed(o->fp);
    if (o->fp == stdout) {
        if (lost) {
            cli_error("standard output", "out of memory while writing: the output is "
                                         "incomplete");
            return EXIT_DATA;
        }
        if (fflush(stdout) != 0 || ferror(stdout)) {
            cli_error("standard output", "write error: %s", strerror(errno));
            return EXIT_DATA;
        }
        return EXIT_OK;
    }
    if (o->tmp == NULL) { /* a device or FIFO, written directly */
        int rc = finish_stream(o, o->path);
        cli_output_abort(o);
        return rc;
    }
    const char *target = o->path;
    int fd = fileno(o->fp);
    int failed = lost || fflush(o->fp) != 0 || ferror(o->fp) ||
                 fchmod(fd, final_mode(target)) != 0 || fsync(fd) != 0;
    int saved = lost ? ENOMEM : errno;
    if (fclose(o->fp) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    o->fp = NULL;
    if (!failed) {
        struct stat sb;
        if (o->force) {
            /* Never rename over something that is not a regular file (it may
             * have become a device or FIFO since we looked). */
            if (lstat(target, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISLNK(sb.st_mode)) {
                cli_error(target, "is no longer a regular file; not replaced");
                cli_output_abort(o);
                return EXIT_DATA;
            }
            failed = rename(o->tmp, target) != 0;
            saved = errno;
        } else if (link(o->tmp, target) != 0) {
            failed = 1;
            saved = errno;
        } else {
            unlink(o->tmp);
        }
    }
    if (failed) {
        if (saved == EEXIST)
            cli_error(target, "already exists; use --force to replace it");
        else
            cli_error(target, "cannot write: %s", strerror(saved));
        cli_output_abort(o);
        return EXIT_DATA;
    }
    unwatch();
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
    return EXIT_OK;
}
