/* stemcost validate [DIR]: check a pricing directory and report every problem. */
#include <config.h>

#include <stdio.h>

#include "cli_command.h"

static int run(cli_ctx *ctx)
{
    cli_common *c = &ctx->common;
    int rc;
    const char *dir = ctx->nargs > 0 ? ctx->args[0] : cli_pricing_dir(c);

    sc_diags d;
    sc_pricing *p = NULL;
    sc_diags_init(&d);
    sc_status st = dir ? sc_pricing_load_dir(dir, &p, &d) : sc_pricing_load_builtin(&p, &d);
    for (size_t i = 0; i < d.count; i++)
        cli_report(&d.items[i]);
    if (st == SC_ENOMEM)
        cli_error(NULL, "out of memory");
    rc = EXIT_DATA;
    cli_output out;
    /* Through the output (-o, write errors reported), as every command's. */
    if (st == SC_OK) {
        if ((rc = cli_output_open(c, &out)) != EXIT_OK)
            goto done;
        fprintf(out.fp, "%s: ok (%zu sources, %zu countries, %zu procedures, %zu conditions, "
                        "%zu price rows of which %zu derived from %zu fee-schedule codes, %zu "
                        "travel rows; prices as of %s)\n",
                dir ? dir : "built-in tables", sc_pricing_count(p, SC_T_SOURCES),
                sc_pricing_count(p, SC_T_COUNTRIES), sc_pricing_count(p, SC_T_PROCEDURES),
                sc_pricing_count(p, SC_T_CONDITIONS), sc_pricing_count(p, SC_T_ITEMS),
                sc_pricing_derived_count(p), sc_pricing_count(p, SC_T_FEE_SCHEDULES),
                sc_pricing_count(p, SC_T_TRAVEL), sc_pricing_as_of(p));
        rc = cli_output_commit(&out);
    } else if (d.count > 0) {
        fprintf(stderr, "%zu problem%s found\n", d.count, d.count == 1 ? "" : "s");
    }
done:
    sc_pricing_free(p);
    sc_diags_free(&d);
    return rc;
}

const cli_command cli_cmd_validate = {
    "validate", "check a pricing directory and report every problem", "[DIR] [OPTIONS]",
    "Check a pricing directory (default: --pricing, $STEMCOST_PRICING, or the\n"
    "built-in tables): every file parses strictly, required columns exist, numbers\n"
    "are numbers and in range (low <= typical <= high), IDs are unique, every\n"
    "reference resolves, every price row has a source and an as-of date, and\n"
    "every currency has an exchange rate. It also recomputes every item row\n"
    "derived from fee-schedule codes (a written amount that disagrees with its\n"
    "formula is an error), and checks the evidence rules of pricing/README.md:\n"
    "no row dated after its source, interpolated ranges at least 0.8 x to\n"
    "1.25 x typical, evidence_conditions naming real conditions.",
    0, NULL, 0, 1,
    "Every problem is printed to standard error as FILE:LINE:COLUMN: message\n"
    "(COLUMN is the 1-based field number). Exit status 0 if clean, 1 if not.",
    run};
