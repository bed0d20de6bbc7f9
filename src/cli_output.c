/* Atomic output files.
 *
 * Output goes to a temporary file in the target's directory (so the final
 * rename stays on one file system), is flushed and fsync'd, and only then
 * takes the target's name.  Without --force the name is taken with link(2),
 * which fails if the target exists, so an existing file is never replaced,
 * even one that appeared while we were writing.  SIGINT and SIGTERM remove the
 * temporary file before the program dies: an interrupted run leaves nothing. */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

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
        if (!c->force) {
            cli_error(c->output, "already exists; use --force to replace it");
            return EXIT_DATA;
        }
    }
    const char *slash = strrchr(c->output, '/');
    size_t dirlen = slash ? (size_t)(slash - c->output) + 1 : 0;
    size_t need = dirlen + sizeof ".stemcost-XXXXXX";
    o->path = strdup(c->output);
    o->tmp = malloc(need);
    if (o->path == NULL || o->tmp == NULL) {
        cli_error(c->output, "out of memory");
        cli_output_abort(o);
        return EXIT_DATA;
    }
    memcpy(o->tmp, c->output, dirlen);
    strcpy(o->tmp + dirlen, ".stemcost-XXXXXX");
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        cli_error(c->output, "cannot create a file in its directory: %s", strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        cli_output_abort(o);
        return EXIT_DATA;
    }
    /* mkstemp makes the file 0600; give an output file the usual mode. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
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
    const char *target = o->path;
    int failed = lost || fflush(o->fp) != 0 || ferror(o->fp) || fsync(fileno(o->fp)) != 0;
    int saved = lost ? ENOMEM : errno;
    if (fclose(o->fp) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    o->fp = NULL;
    if (!failed) {
        if (o->force) {
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
