/* Shared by `quote` and `quotes`: document format, copies, the register's
 * place and wait, and what a busy register exits with. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli_quote.h"

int cli_quote_format(const cli_common *c, const char *format, sc_quote_format *out)
{
    *out = SC_QUOTE_TEXT;
    if (format != NULL) {
        if (strcmp(format, "text") == 0 || strcmp(format, "table") == 0)
            *out = SC_QUOTE_TEXT;
        else if (strcmp(format, "html") == 0)
            *out = SC_QUOTE_HTML;
        else if (strcmp(format, "pdf") == 0)
            *out = SC_QUOTE_PDF;
        else
            return cli_usage_error(c, "--format: '%s' is not one of text, html, pdf", format);
        return EXIT_OK;
    }
    static const char *const exts[] = {".html", ".htm", ".pdf"};
    static const sc_quote_format fmts[] = {SC_QUOTE_HTML, SC_QUOTE_HTML, SC_QUOTE_PDF};
    int k = sc_path_extension(c->output, exts, sizeof exts / sizeof *exts);
    if (k >= 0)
        *out = fmts[k];
    return EXIT_OK;
}

int cli_quote_copies(const cli_common *c, const char *text, sc_quote_copies *out)
{
    *out = SC_COPIES_BOTH;
    if (text == NULL || strcmp(text, "both") == 0)
        return EXIT_OK;
    if (strcmp(text, "patient") == 0)
        *out = SC_COPIES_PATIENT;
    else if (strcmp(text, "provider") == 0)
        *out = SC_COPIES_PROVIDER;
    else
        return cli_usage_error(c, "--copy: '%s' is not one of patient, provider, both", text);
    return EXIT_OK;
}

int cli_register_wait(const cli_common *c, const char *text, long *wait_ms)
{
    const char *what = "--wait";
    *wait_ms = SC_REGISTER_WAIT_DEFAULT_MS;
    if (text == NULL) {
        text = getenv("STEMCOST_REGISTER_WAIT");
        what = "STEMCOST_REGISTER_WAIT";
        if (text == NULL || text[0] == '\0')
            return EXIT_OK;
    }
    int64_t v;
    sc_error e;
    if (sc_decimal_parse(text, 0, 0, 100000, &v, &e) != SC_OK || v > 3600)
        return cli_usage_error(c, "%s: '%s' must be a whole number of seconds from 0 to 3600",
                               what, text);
    *wait_ms = (long)v * 1000;
    return EXIT_OK;
}

/* The directories of the user's own register, each made 0700 if absent.
 * EXIT_OK or EXIT_DATA (said). */
static int make_own_dirs(const char *home)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/.local", home);
    mkdir(dir, 0700);
    snprintf(dir, sizeof dir, "%s/.local/share", home);
    mkdir(dir, 0700);
    snprintf(dir, sizeof dir, "%s/.local/share/stemcost", home);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        cli_error(dir, "cannot create: %s", strerror(errno));
        return EXIT_DATA;
    }
    return EXIT_OK;
}

static void on_wait(void *ctx, const char *path, const char *holder)
{
    long wait_ms = *(const long *)ctx;
    cli_error(path, "the register is busy%s%s; waiting up to %ld s (--wait SECONDS)",
              holder[0] ? ": held by " : "", holder, wait_ms / 1000);
}

int cli_open_register(const char *path, long wait_ms, int create, sc_register **out)
{
    static long wait_for_message;
    char buf[4096];
    struct stat sb;
    if (path == NULL)
        path = getenv("STEMCOST_REGISTER");
    if ((path == NULL || path[0] == '\0') && stat(SC_SHARED_REGISTER, &sb) == 0)
        path = SC_SHARED_REGISTER;
    if (path == NULL || path[0] == '\0') {
        const char *home = getenv("HOME");
        if (home == NULL || home[0] == '\0') {
            cli_error("--register", "no HOME: give the register's path with --register");
            return EXIT_DATA;
        }
        if (create && make_own_dirs(home) != EXIT_OK)
            return EXIT_DATA;
        snprintf(buf, sizeof buf, "%s/.local/share/stemcost/quotes.sqlite", home);
        path = buf;
    }
    wait_for_message = wait_ms;
    sc_register_options opt = {wait_ms, on_wait, &wait_for_message};
    sc_error err;
    int fixed = 0;
    sc_status st = create ? sc_register_open(path, &opt, out, &fixed, &err)
                          : sc_register_open_existing(path, &opt, out, &fixed, &err);
    if (st != SC_OK) {
        cli_report(&err);
        return err.status == SC_EBUSY ? EXIT_TEMPFAIL : EXIT_DATA;
    }
    if (fixed)
        cli_error(path, "other users could read the register (it holds patients' personal "
                        "data): their access is now removed");
    return EXIT_OK;
}

int cli_quote_write(cli_output *out, const sc_issued_quote *q)
{
    fwrite(q->data, 1, q->size, out->fp);
    return cli_output_commit(out);
}
