/* Shared by `quote` and `quotes`: document format and the register's place. */
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
    const char *dot = c->output ? strrchr(c->output, '.') : NULL;
    if (dot != NULL) {
        if (strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0)
            *out = SC_QUOTE_HTML;
        else if (strcmp(dot, ".pdf") == 0)
            *out = SC_QUOTE_PDF;
    }
    return EXIT_OK;
}

int cli_open_register(const char *path, sc_register **out)
{
    char buf[4096];
    if (path == NULL)
        path = getenv("STEMCOST_REGISTER");
    if (path == NULL || path[0] == '\0') {
        const char *home = getenv("HOME");
        if (home == NULL || home[0] == '\0') {
            cli_error("--register", "no HOME: give the register's path with --register");
            return EXIT_DATA;
        }
        snprintf(buf, sizeof buf, "%s/.local", home);
        mkdir(buf, 0700);
        snprintf(buf, sizeof buf, "%s/.local/share", home);
        mkdir(buf, 0700);
        snprintf(buf, sizeof buf, "%s/.local/share/stemcost", home);
        if (mkdir(buf, 0700) != 0 && errno != EEXIST) {
            cli_error(buf, "cannot create: %s", strerror(errno));
            return EXIT_DATA;
        }
        snprintf(buf, sizeof buf, "%s/.local/share/stemcost/quotes.sqlite", home);
        path = buf;
    }
    sc_error err;
    if (sc_register_open(path, out, &err) != SC_OK) {
        cli_report(&err);
        return EXIT_DATA;
    }
    return EXIT_OK;
}
