/* stemcost validate [DIR]: check a pricing directory and report every problem. */
#include <config.h>

#include <stdio.h>

#include "cli.h"

static void help(void)
{
    printf("Usage: stemcost validate [DIR] [OPTIONS]\n"
           "Check a pricing directory (default: --pricing, $STEMCOST_PRICING, or the\n"
           "built-in tables): every file parses strictly, required columns exist, numbers\n"
           "are numbers and in range (low <= typical <= high), IDs are unique, every\n"
           "reference resolves, every price row has a source and an as-of date, and\n"
           "every currency has an exchange rate. It also recomputes every item row\n"
           "derived from fee-schedule codes (a written amount that disagrees with its\n"
           "formula is an error), and checks the evidence rules of pricing/README.md:\n"
           "no row dated after its source, interpolated ranges at least 0.8 x to\n"
           "1.25 x typical, evidence_conditions naming real conditions.\n\n"
           "Every problem is printed to standard error as FILE:LINE:COLUMN: message\n"
           "(COLUMN is the 1-based field number). Exit status 0 if clean, 1 if not.\n\n"
           "%s", cli_common_help);
}

int cmd_validate(int argc, char **argv)
{
    static const struct option opts[] = {CLI_COMMON_OPTIONS, {0, 0, 0, 0}};
    cli_common c;
    int opt, rc;
    cli_common_init(&c, "validate");
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS, opts, NULL)) != -1) {
        if ((rc = cli_other_option(&c, opt, optarg, argc, argv)) >= 0)
            return rc;
    }
    if (c.help) {
        help();
        return EXIT_OK;
    }
    if (optind + 1 < argc)
        return cli_usage_error(&c, "validate: one directory at a time ('%s' is extra)",
                               argv[optind + 1]);
    const char *dir = optind < argc ? argv[optind] : cli_pricing_dir(&c);

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
    if (st == SC_OK && (rc = cli_output_open(&c, &out)) == EXIT_OK) {
        fprintf(out.fp, "%s: ok (%zu sources, %zu countries, %zu procedures, %zu conditions, "
                        "%zu price rows of which %zu derived from %zu fee-schedule codes, %zu "
                        "travel rows; prices as of %s)\n",
                dir ? dir : "built-in tables", p->nsources, p->ncountries, p->nprocedures,
                p->nconditions, p->nitems, p->nderived, p->nfees, p->ntravel, p->pricing_as_of);
        rc = cli_output_commit(&out);
    } else if (d.count > 0) {
        fprintf(stderr, "%zu problem%s found\n", d.count, d.count == 1 ? "" : "s");
    }
    sc_pricing_free(p);
    sc_diags_free(&d);
    return rc;
}
