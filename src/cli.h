/* The stemcost command-line front end: shared pieces.  This is the only code
 * that prints to stderr or decides exit statuses; the library does neither. */
#ifndef STEMCOST_CLI_H
#define STEMCOST_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "stemcost/error.h"
#include "stemcost/output.h"
#include "stemcost/pricing.h"

/* Exit statuses (spec): 0 success, 1 bad input or data, 2 usage error, 75
 * a shared resource (the quote register) busy beyond the wait: try again
 * later (sysexits.h EX_TEMPFAIL). */
enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2, EXIT_TEMPFAIL = 75 };

/* Long-option codes shared by every command (values above any short option). */
enum {
    OPT_PRICING = 1000,
    OPT_FORMAT,
    OPT_FORCE,
    OPT_CURRENCY,
    OPT_HELP,
    OPT_DRAWS, /* --draws and --seed, for the commands that simulate */
    OPT_SEED
};

typedef struct cli_common {
    const char *command;
    const char *pricing_dir; /* NULL: STEMCOST_PRICING, else the built-in tables */
    sc_format format;
    const char *output;      /* NULL or "-": standard output */
    int force;
    const char *currency;
    int help;
} cli_common;

void cli_common_init(cli_common *c, const char *command);

/* Handle a common option; returns 1 if `opt` was one, 0 if not, -1 on a bad
 * value (message printed). */
int cli_common_option(cli_common *c, int opt, const char *arg);

/* Print "stemcost: WHERE: WHAT" to stderr. */
void cli_error(const char *where, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void cli_report(const sc_error *err);

/* Usage error for this command: prints the message and a pointer to --help;
 * returns EXIT_USAGE. */
int cli_usage_error(const cli_common *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* After getopt_long (run with opterr = 0 and an optstring starting with ':')
 * returned '?' or ':': report the unknown option or the missing value as a
 * usage error. */
int cli_bad_option(const cli_common *c, int opt, int argc, char **argv);

/* Option string and getopt set-up shared by every command. */
#define CLI_SHORT_OPTIONS ":o:"
void cli_getopt_reset(void);

/* Report a library error and map it to an exit status (usage errors get a
 * pointer to --help). */
int cli_fail(const cli_common *c, const sc_error *err);

/* The simulation options, for inclusion in a command's option table. */
#define CLI_SIM_OPTIONS                                    \
    {"draws", required_argument, NULL, OPT_DRAWS},         \
    {"seed", required_argument, NULL, OPT_SEED}

/* --draws (1 .. SC_SIM_MAX_DRAWS) or --seed (0 .. 2^32-1), strict whole
 * numbers: returns 1 if `opt` was one (stored), 0 if not, -1 on a bad value
 * (said). */
int cli_sim_option(const cli_common *c, int opt, const char *text, long *draws,
                   unsigned long *seed);

/* Open an input file for reading: a missing, unreadable or directory path is
 * reported ("stemcost: PATH: ...", naming what was expected) and NULL
 * returned. */
FILE *cli_open_input(const char *path, const char *what);

/* Load the pricing tables selected by --pricing, STEMCOST_PRICING or the
 * built-in copy.  On failure prints what is wrong and returns EXIT_DATA. */
int cli_load_pricing(const cli_common *c, sc_pricing **out);
/* The directory that would be loaded (NULL for the built-in tables). */
const char *cli_pricing_dir(const cli_common *c);

/* Atomic output: write to a temporary file beside the target, then rename.
 * An existing target is never replaced without --force. */
typedef struct cli_output {
    FILE *fp;
    char *path;       /* target; NULL for standard output */
    char *tmp;        /* temporary file while writing */
    int force;
} cli_output;

int cli_output_open(const cli_common *c, cli_output *o);    /* EXIT_OK or EXIT_DATA */
int cli_output_commit(cli_output *o);                       /* EXIT_OK or EXIT_DATA */
void cli_output_abort(cli_output *o);                       /* discard the temporary */
/* Do two paths name one file: the same file when both exist (another name,
 * a link), else the same name in the same directory ("./a.svg", "a.svg")? */
int cli_same_file(const char *a, const char *b);

/* Open the output (-o or standard output), let `write` fill it, commit it
 * atomically: EXIT_OK or EXIT_DATA (said). */
int cli_write(const cli_common *c, void (*write)(FILE *fp, void *arg), void *arg);

/* --delimiter: NULL leaves *out alone; ',', ';', tab or "tab" -> EXIT_OK;
 * anything else is a usage error (said): EXIT_USAGE. */
int cli_delimiter(const cli_common *c, const char *text, int *out);

#endif
