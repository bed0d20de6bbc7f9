/* Shared command-line plumbing: common options, messages, pricing loading. */
#include <config.h>

#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "stemcost/csvin.h"
#include "stemcost/money.h"
#include "stemcost/simulate.h"

void cli_common_init(cli_common *c, const char *command)
{
    memset(c, 0, sizeof *c);
    c->command = command;
    c->format = SC_FORMAT_TABLE;
}

void cli_error(const char *where, const char *fmt, ...)
{
    va_list ap;
    fputs("stemcost: ", stderr);
    if (where != NULL && where[0] != '\0')
        fprintf(stderr, "%s: ", where);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_report(const sc_error *err)
{
    char buf[SC_WHERE_MAX + SC_MSG_MAX + 64];
    sc_error_format_option(err, buf, sizeof buf);
    fprintf(stderr, "stemcost: %s\n", buf);
}

int cli_usage_error(const cli_common *c, const char *fmt, ...)
{
    va_list ap;
    fputs("stemcost: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'stemcost %s --help'.\n", c->command);
    return EXIT_USAGE;
}

void cli_getopt_reset(void)
{
#ifdef __GLIBC__
    optind = 0; /* glibc: 0 re-initialises getopt fully (a second scan starts clean) */
#else
    optind = 1;
#endif
    opterr = 0; /* messages are ours, in the stemcost: WHERE: WHAT form */
}

int cli_bad_option(const cli_common *c, int opt, int argc, char **argv)
{
    /* getopt leaves optind past the offending word; it can be past the end. */
    const char *arg = (optind >= 1 && optind - 1 < argc && argv[optind - 1] != NULL)
                          ? argv[optind - 1]
                          : "?";
    if (opt == ':')
        return cli_usage_error(c, "%s: option '%s' needs a value", c->command, arg);
    if (optopt != 0 && strncmp(arg, "--", 2) != 0)
        return cli_usage_error(c, "%s: unknown option '-%c'", c->command, optopt);
    /* getopt_long sets optopt for a known long option given a value it
     * does not take ("--help=x"); an unknown one leaves it 0. */
    const char *eq = strchr(arg, '=');
    if (optopt != 0 && eq != NULL)
        return cli_usage_error(c, "%s: option '%.*s' takes no value", c->command,
                               (int)(eq - arg), arg);
    return cli_usage_error(c, "%s: unknown option '%s'", c->command, arg);
}

int cli_common_option(cli_common *c, int opt, const char *arg)
{
    switch (opt) {
    case OPT_PRICING:
        c->pricing_dir = arg;
        return 1;
    case OPT_FORMAT: {
        int f = sc_format_parse(arg);
        if (f < 0) {
            cli_usage_error(c, "--format: '%s' is not one of table, csv, json", arg);
            return -1;
        }
        c->format = (sc_format)f;
        return 1;
    }
    case 'o':
        if (arg[0] == '\0') {
            cli_usage_error(c, "--output: empty file name");
            return -1;
        }
        c->output = arg;
        return 1;
    case OPT_FORCE:
        c->force = 1;
        return 1;
    case OPT_CURRENCY:
        if (sc_currency_find(arg) == NULL) {
            cli_usage_error(c, "--currency: '%s' is not a known ISO 4217 currency code", arg);
            return -1;
        }
        c->currency = arg;
        return 1;
    case OPT_HELP:
        c->help = 1;
        return 1;
    default:
        return 0;
    }
}

const char *cli_pricing_dir(const cli_common *c)
{
    if (c->pricing_dir != NULL)
        return c->pricing_dir;
    const char *env = getenv("STEMCOST_PRICING");
    if (env != NULL && env[0] != '\0')
        return env;
    return NULL;
}

/* At most this many problems are printed when a command (other than validate)
 * cannot load its tables; validate prints them all. */
#define LOAD_ERRORS_SHOWN 10

int cli_load_pricing(const cli_common *c, sc_pricing **out)
{
    sc_diags d;
    const char *dir = cli_pricing_dir(c);
    sc_diags_init(&d);
    sc_status st = dir ? sc_pricing_load_dir(dir, out, &d) : sc_pricing_load_builtin(out, &d);
    if (st == SC_OK) {
        sc_diags_free(&d);
        return EXIT_OK;
    }
    if (st == SC_ENOMEM) {
        /* Not the tables' fault: no list of problems, no pointer to validate. */
        cli_error(NULL, "out of memory while loading the pricing tables");
        sc_diags_free(&d);
        return EXIT_DATA;
    }
    for (size_t i = 0; i < d.count && i < LOAD_ERRORS_SHOWN; i++)
        cli_report(&d.items[i]);
    if (d.count > LOAD_ERRORS_SHOWN)
        cli_error(NULL, "... and %zu more problems", d.count - LOAD_ERRORS_SHOWN);
    /* Point to validate unless the one problem is the directory itself. */
    if (d.count > 1 || (d.count == 1 && (dir == NULL || strcmp(d.items[0].file, dir) != 0)))
        cli_error(dir ? dir : "built-in tables",
                  "the pricing tables have errors; run 'stemcost validate%s%s' for the full list",
                  dir ? " " : "", dir ? dir : "");
    sc_diags_free(&d);
    return EXIT_DATA;
}

int cli_fail(const cli_common *c, const sc_error *err)
{
    cli_report(err);
    /* An option whose value is malformed, out of range or not an identifier
     * the tables know is a usage error (2); a valid value the tables cannot
     * serve (not priced, no rate) is a data error (1). */
    if (err->status == SC_EBUSY)
        return EXIT_TEMPFAIL;
    if (err->status == SC_EUSAGE || (err->field[0] != '\0' && err->reason == SC_R_UNKNOWN_ID)) {
        fprintf(stderr, "Try 'stemcost %s --help'.\n", c->command);
        return EXIT_USAGE;
    }
    return EXIT_DATA;
}

int cli_sim_option(const cli_common *c, int opt, const char *text, long *draws,
                   unsigned long *seed)
{
    if (opt != OPT_DRAWS && opt != OPT_SEED)
        return 0;
    int is_draws = opt == OPT_DRAWS;
    int64_t v;
    sc_error e;
    int64_t max = is_draws ? SC_SIM_MAX_DRAWS : INT64_C(4294967295);
    int64_t min = is_draws ? 1 : 0;
    if (sc_decimal_parse(text, 0, 0, INT64_C(100000000000000000), &v, &e) != SC_OK || v < min ||
        v > max) {
        cli_usage_error(c, "%s: '%s' must be a whole number from %lld to %lld",
                        is_draws ? "--draws" : "--seed", text, (long long)min, (long long)max);
        return -1;
    }
    if (is_draws)
        *draws = (long)v;
    else
        *seed = (unsigned long)v;
    return 1;
}

FILE *cli_open_input(const char *path, const char *what)
{
    struct stat sb;
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        cli_error(path, "cannot open: %s", strerror(errno));
        return NULL;
    }
    if (fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        fclose(fp);
        cli_error(path, "is a directory, not %s", what);
        return NULL;
    }
    return fp;
}

int cli_write(const cli_common *c, void (*write)(FILE *fp, void *arg), void *arg)
{
    cli_output out;
    int rc = cli_output_open(c, &out);
    if (rc != EXIT_OK)
        return rc;
    write(out.fp, arg);
    return cli_output_commit(&out);
}

int cli_delimiter(const cli_common *c, const char *text, int *out)
{
    if (text == NULL)
        return EXIT_OK;
    char d = sc_csv_delimiter_parse(text);
    if (d == 0) {
        cli_usage_error(c, "--delimiter: '%s' is not one of ',', ';' or tab", text);
        return EXIT_USAGE;
    }
    *out = d;
    return EXIT_OK;
}
