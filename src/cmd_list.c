/* stemcost list TABLE: print a pricing table. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "cli_command.h"
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

typedef struct view {
    const sc_pricing *p;
    sc_table_id id;
    sc_format format;
} view;

static void write_view(FILE *fp, void *arg)
{
    const view *v = arg;
    sc_report_list(fp, v->p, v->id, v->format);
}

static int run(cli_ctx *ctx)
{
    cli_common *c = &ctx->common;
    int id = sc_table_lookup(ctx->args[0]);
    if (id < 0)
        return cli_usage_error(c, "list: unknown table '%s' (tables: %s)", ctx->args[0],
                               table_names());
    sc_pricing *p = NULL;
    int rc;
    if ((rc = cli_load_pricing(c, &p)) != EXIT_OK)
        return rc;
    view v = {p, (sc_table_id)id, c->format};
    rc = cli_write(c, write_view, &v);
    sc_pricing_free(p);
    return rc;
}

const cli_command cli_cmd_list = {
    "list", "print a pricing table (countries, procedures, items, fee-schedules, ...)",
    "TABLE [OPTIONS]",
    "Print a pricing table. The IDs shown are what other commands accept.\n"
    "fee-schedules lists the official fee-schedule codes that derived item rows\n"
    "are priced from; stays the nights away that depend on the route.\n\n"
    "Tables: sources, countries, availability, procedures, conditions, tiers,\n"
    "items, fx, travel, insurance, plans, complications, fee-schedules, stays.",
    0, NULL, 1, 1, NULL, run};
