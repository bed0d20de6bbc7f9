/* stemcost: what stem cell therapy for chronic pain really costs a patient.
 * Dispatches to one small file per command (cmd_*.c). */
#include <config.h>

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_command.h"

/* Every command is a descriptor (cli_command.h) run by one framework
 * (cli_command.c), in alphabetical order for `stemcost --help`. */
static const cli_command *const described[] = {
    &cli_cmd_batch, &cli_cmd_compare, &cli_cmd_estimate, &cli_cmd_finance, &cli_cmd_list,
    &cli_cmd_quote, &cli_cmd_quotes,  &cli_cmd_serve,    &cli_cmd_simulate, &cli_cmd_validate};

#define NDESCRIBED (sizeof described / sizeof *described)

static void usage(FILE *fp)
{
    fprintf(fp, "Usage: stemcost COMMAND [OPTIONS]\n"
                "Estimate what stem cell therapy for chronic pain costs a patient.\n\n"
                "Commands:\n");
    for (size_t i = 0; i < NDESCRIBED; i++)
        fprintf(fp, "  %-10s %s\n", described[i]->name, described[i]->summary);
    fprintf(fp, "\nRun 'stemcost COMMAND --help' for a command's options.\n"
                "Other options: --help, --version.\n"
                "Exit status: 0 success, 1 bad input or data, 2 usage error, 75 the quote\n"
                "register stayed busy (try again later).\n"
                "See stemcost(1) for details.\n");
}

/* Whatever went to standard output (help and --version too) must have been
 * written: a write error there fails the run, unless a command already
 * reported its own failure. */
static int finish(int rc)
{
    if ((fflush(stdout) != 0 || ferror(stdout)) && rc == EXIT_OK) {
        cli_error("standard output", "write error: %s", strerror(errno));
        return EXIT_DATA;
    }
    return rc;
}

static int run(int argc, char **argv);

int main(int argc, char **argv)
{
    /* A closed pipe is a write error like a full disk: said, exit 1 (not a
     * silent death by SIGPIPE). */
    signal(SIGPIPE, SIG_IGN);
    return finish(run(argc, argv));
}

static int run(int argc, char **argv)
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
    cli_error(NULL, "unknown command '%s'", argv[1]);
    fprintf(stderr, "Try 'stemcost --help'.\n");
    return EXIT_USAGE;
}
