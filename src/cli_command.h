/* Commands as descriptors (after tmux's cmd_entry): a command names its
 * options once, with the kind of value each takes and a line of help; the
 * framework builds the getopt table, refuses empty values, stores every
 * value, prints --help from the same table, and calls the command's handler,
 * which only maps values to library calls.
 *
 * One rule for a repeated option, in every command: the last one wins.
 * An empty or blank value (--tier '', --patient '  ') is a usage error naming
 * the option.
 * `stemcost --option-table` prints every command's options and kinds, for
 * the tests that attack each option with generated bad values. */
#ifndef STEMCOST_CLI_COMMAND_H
#define STEMCOST_CLI_COMMAND_H

#include "cli.h"
#include "stemcost/scenario.h"

/* What an option's value is (help text, and the generated attack cases). */
typedef enum cli_kind {
    CLI_FLAG,      /* no value */
    CLI_TEXT,      /* free text */
    CLI_WORD,      /* one of a few words (',' ';' tab; patient, provider, both) */
    CLI_ID,        /* an identifier from the tables */
    CLI_ID_LIST,   /* identifiers separated by commas */
    CLI_COUNT,     /* a whole number */
    CLI_MONEY,     /* an amount */
    CLI_PERCENT,   /* a percentage */
    CLI_DATE,      /* YYYY-MM-DD */
    CLI_FILE,      /* a path */
    CLI_CURRENCY,  /* an ISO 4217 code */
    CLI_FORMAT,    /* table, csv, json */
    CLI_SEED,      /* a whole number from 0 */
    CLI_RATE       /* an annual rate in percent, to six decimals (an APR) */
} cli_kind;

/* Or'ed into a kind: every value of a repeated option is kept, in order
 * (--icd10 A --icd10 B), instead of the last one winning. */
#define CLI_REPEAT 0x100
#define CLI_KIND(k) ((cli_kind)((k) & 0xff))

typedef struct cli_option {
    const char *name;    /* long name, no dashes; NULL ends a table */
    int kind;            /* a cli_kind, maybe | CLI_REPEAT */
    const char *arg;     /* the value's name in --help ("ID", "N", "AMT") */
    const char *help;    /* one line (more lines separated by '\n') */
} cli_option;

/* Shared option sets a command takes besides the common ones. */
enum {
    CLI_SET_SCENARIO = 1 << 0, /* the estimate options (and --today) */
    CLI_SET_SIM = 1 << 1,      /* --draws, --seed */
    CLI_SET_TODAY = 1 << 2,    /* --today alone (commands without a scenario) */
    /* A command that loads no pricing tables and converts no money (the
     * quote register keeps each quote as issued) leaves out the common
     * --pricing and --currency: given, they are refused as unknown instead of
     * being accepted and ignored, and --help does not list them. */
    CLI_SET_NO_TABLES = 1 << 3
};

#define CLI_MAX_OWN 32
#define CLI_MAX_REPEAT 16

struct cli_command;

typedef struct cli_ctx {
    const struct cli_command *cmd;
    cli_common common;
    sc_scenario scenario;         /* CLI_SET_SCENARIO (today always set) */
    char today[11];
    long draws;                   /* CLI_SET_SIM */
    unsigned long seed;
    const char *value[CLI_MAX_OWN]; /* the command's own options, by index; NULL if absent */
    int given[CLI_MAX_OWN];       /* how many times each was given */
    const char *all[CLI_MAX_OWN][CLI_MAX_REPEAT]; /* a repeatable option's values */
    char **args;                  /* positional arguments */
    int nargs;
} cli_ctx;

typedef struct cli_command {
    const char *name;
    const char *summary;          /* for `stemcost --help` */
    const char *usage;            /* after "stemcost NAME " */
    const char *description;      /* paragraphs for --help */
    unsigned sets;
    const cli_option *options;    /* the command's own options */
    int min_args, max_args;       /* positional arguments */
    const char *notes;            /* printed after the options in --help, or NULL */
    int (*run)(cli_ctx *ctx);
} cli_command;

/* Parse argv for `cmd` and run it: the exit status. */
int cli_command_main(const cli_command *cmd, int argc, char **argv);

/* The index of own option `name` in cmd->options (programming error: -1). */
int cli_own(const cli_ctx *ctx, const char *name);
/* The value of own option `name`, or NULL. */
const char *cli_value(const cli_ctx *ctx, const char *name);
/* Was flag `name` given? */
int cli_flag(const cli_ctx *ctx, const char *name);
/* A repeatable option's values (*n of them). */
const char *const *cli_values(const cli_ctx *ctx, const char *name, size_t *n);
/* Was any scenario option given (for commands where some modes take none)? */
int cli_scenario_given(const cli_ctx *ctx);

/* Print every command's options as "command<TAB>option<TAB>kind" lines. */
void cli_option_table(FILE *fp, const cli_command *const *cmds, size_t n);

/* A command's own option with the name of a common one (quote's --format
 * text|html|pdf) replaces it: the command reads its value itself. */

/* The commands written as descriptors. */
extern const cli_command cli_cmd_estimate, cli_cmd_simulate, cli_cmd_compare, cli_cmd_batch,
    cli_cmd_finance, cli_cmd_list, cli_cmd_validate, cli_cmd_quote, cli_cmd_quotes, cli_cmd_serve;

#endif
