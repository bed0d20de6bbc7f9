/* stemcost: what stem cell therapy for chronic pain really costs a patient.
 * Dispatches to one small file per command (cmd_*.c). */
#include <config.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_command.h"

/* Commands written as descriptors run through the framework (cli_command.c);
 * the others still parse their own options. */
static const cli_command *const described[] = {&cli_cmd_batch,    &cli_cmd_compare,
                                               &cli_cmd_estimate, &cli_cmd_list,
                                               &cli_cmd_quote,    &cli_cmd_quotes,
                                               &cli_cmd_serve,    &cli_cmd_simulate,
                                               &cli_cmd_validate};

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} legacy[] = {
    {"finance", cmd_finance, "payment schedules and the true APR (loans, plans, promotions)"},
};

#define NDESCRIBED (sizeof described / sizeof *described)
#define NLEGACY (sizeof legacy / sizeof *legacy)

static void usage(FILE *fp)
{
    fprintf(fp, "Usage: stemcost COMMAND [OPTIONS]\n"
                "Estimate what stem cell therapy for chronic pain costs a patient.\n\n"
                "Commands:\n");
    /* In alphabetical order across both lists. */
    const char *last = "";
    for (;;) {
        const char *next = NULL, *summary = NULL;
        for (size_t i = 0; i < NDESCRIBED; i++)
            if (strcmp(described[i]->name, last) > 0 &&
                (next == NULL || strcmp(described[i]->name, next) < 0))
                next = described[i]->name, summary = described[i]->summary;
        for (size_t i = 0; i < NLEGACY; i++)
            if (strcmp(legacy[i].name, last) > 0 && (next == NULL || strcmp(legacy[i].name, next) < 0))
                next = legacy[i].name, summary = legacy[i].summary;
        if (next == NULL)
            break;
        fprintf(fp, "  %-10s %s\n", next, summary);
        last = next;
    }
    fprintf(fp, "\nRun 'stemcost COMMAND --help' for a command's options.\n"
                "Other options: --help, --version.\n"
                "Exit status: 0 success, 1 bad input or data, 2 usage error.\n"
                "See stemcost(1) for details.\n");
}

int main(int argc, char **argv)
{
    /* Output and parsing never depend on the user's locale: numbers always use
     * '.' as the decimal separator.  (The C locale is the default; say so.) */
    setlocale(LC_ALL, "C");

    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("stemcost %s\n"
               "Copyright (C) 2026 the stemcost authors.\n"
               "License GPL-3.0-or-later <https://www.gnu.org/licenses/gpl-3.0.html>\n"
               "(as GNU GSL, which it links, requires).  This is free software: you are free\n"
               "to change and redistribute it.  There is NO WARRANTY, to the extent permitted\n"
               "by law.  Its estimates are not medical, legal or financial advice.\n",
               PACKAGE_VERSION);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--option-table") == 0) {
        /* For the tests that attack every option (tests/cli/options.sh). */
        cli_option_table(stdout, described, NDESCRIBED);
        return EXIT_OK;
    }
    for (size_t i = 0; i < NDESCRIBED; i++)
        if (strcmp(argv[1], described[i]->name) == 0)
            return cli_command_main(described[i], argc - 1, argv + 1);
    for (size_t i = 0; i < NLEGACY; i++)
        if (strcmp(argv[1], legacy[i].name) == 0)
            return legacy[i].run(argc - 1, argv + 1);
    cli_error(NULL, "unknown command '%s'", argv[1]);
    fprintf(stderr, "Try 'stemcost --help'.\n");
    return EXIT_USAGE;
}
