/* stemcost list TABLE: print a pricing table. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "stemcost/report.h"

/* "sources, countries, ..., stays" */
static const char *table_names(void)
{
    static char list[512];
    list[0] = '\0';
    for (int i = 0; i < SC_T_COUNT; i++) {
        if (i > 0)
            strncat(list, ", ", sizeof list - strlen(list) - 1);
        strncat(list, sc_table_name((sc_table_id)i), sizeof list - strlen(list) - 1);
    }
    return list;
}

static void help(void)
{
    printf("Usage: stemcost list TABLE [OPTIONS]\n"
           "Print a pricing table. The IDs shown are what other commands accept.\n"
           "fee-schedules lists the official fee-schedule codes that derived item rows\n"
           "are priced from; stays the nights away that depend on the route.\n\n"
           "Tables: %s\n\n%s", table_names(), cli_common_help);
}

int cmd_list(int argc, char **argv)
{
    static const struct option opts[] = {CLI_COMMON_OPTIONS, {0, 0, 0, 0}};
    cli_common c;
    int opt, rc;
    cli_common_init(&c, "list");
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS, opts, NULL)) != -1) {
        if ((rc = cli_other_option(&c, opt, optarg, argc, argv)) >= 0)
            return rc;
    }
    if (c.help) {
        help();
        return EXIT_OK;
    }
    if (optind >= argc)
        return cli_usage_error(&c, "list: which table? (%s)", table_names());
    if (optind + 1 < argc)
        return cli_usage_error(&c, "list: one table at a time ('%s' is extra)", argv[optind + 1]);
    int id = sc_table_lookup(argv[optind]);
    if (id < 0)
        return cli_usage_error(&c, "list: unknown table '%s' (tables: %s)", argv[optind],
                               table_names());

    sc_pricing *p = NULL;
    if ((rc = cli_load_pricing(&c, &p)) != EXIT_OK)
        return rc;
    cli_output out;
    if ((rc = cli_output_open(&c, &out)) == EXIT_OK) {
        sc_report_list(out.fp, p, (sc_table_id)id, c.format);
        rc = cli_output_commit(&out);
    }
    sc_pricing_free(p);
    return rc;
}
