/* stemcost: what stem cell therapy for chronic pain really costs a patient.
 * Dispatches to one small file per command (cmd_*.c). */
#include <config.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"batch", cmd_batch, "a CSV of scenarios in, a CSV report out (streaming)"},
    {"compare", cmd_compare, "every country and tier side by side, ranked; clinic quotes compared"},
    {"estimate", cmd_estimate, "itemised out-of-pocket range for one scenario"},
    {"finance", cmd_finance, "payment schedules and the true APR (loans, plans, promotions)"},
    {"list", cmd_list, "print a pricing table (countries, procedures, items, ...)"},
    {"quote", cmd_quote, "a Good Faith Estimate (text, HTML or PDF), numbered and registered"},
    {"quotes", cmd_quotes, "the quote register: list, show NUMBER, export"},
    {"simulate", cmd_simulate, "out-of-pocket as a distribution: percentiles and a histogram"},
    {"validate", cmd_validate, "check a pricing directory and report every problem"},
};

static void usage(FILE *fp)
{
    fprintf(fp, "Usage: stemcost COMMAND [OPTIONS]\n"
                "Estimate what stem cell therapy for chronic pain costs a patient.\n\n"
                "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
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
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    cli_error(NULL, "unknown command '%s'", argv[1]);
    fprintf(stderr, "Try 'stemcost --help'.\n");
    return EXIT_USAGE;
}
