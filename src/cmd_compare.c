/* stemcost compare: every country and tier (and every clinic quote) side by side. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_scenario.h"
#include "stemcost/compare.h"
#include "stemcost/report.h"

enum { O_COUNTRIES = CLI_OPT_COMMAND, O_TIERS, O_CLINICS, O_PLAN, O_PERCENTILES };

#define MAX_LIST 64

static void help(void)
{
    printf("Usage: stemcost compare --procedure ID --condition ID --home CC [OPTIONS]\n"
           "Every country and provider tier side by side in the home currency, travel\n"
           "included, ranked by typical out of pocket; savings against the best home option;\n"
           "regulatory status flagged; clinic quotes made comparable.\n\n"
           "      --countries CC,...  only these countries (default: all in the tables)\n"
           "      --tiers ID,...      only these tiers (default: all)\n"
           "      --clinics FILE      quotes received (CSV: clinic, country, city, tier,\n"
           "                          procedure, currency, amount, includes, quote_date,\n"
           "                          valid_until, accreditation, notes; see stemcost(1))\n"
           "      --plan ID           add the monthly payment under a financing plan\n"
           "      --percentiles       add simulated p10 / p50 / p90 per row\n"
           "      --draws N, --seed S for --percentiles (defaults %ld and %lu)\n\n"
           "%s\n%s",
           SC_SIM_DEFAULT_DRAWS, SC_SIM_DEFAULT_SEED, cli_scenario_help, cli_common_help);
}

/* Split "US,IN,JP" in place into `out`; returns the count, or -1 on an empty
 * entry or too many. */
static int split(char *s, const char **out)
{
    int n = 0;
    char *save = NULL;
    if (s[0] == '\0')
        return 0;
    if (s[0] == ',' || s[strlen(s) - 1] == ',' || strstr(s, ",,"))
        return -1;
    for (char *tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (n == MAX_LIST)
            return -1;
        out[n++] = tok;
    }
    return n;
}

static int load_clinics(const char *path, const sc_pricing *p, sc_clinics *out)
{
    FILE *fp = cli_open_input(path, "a clinics CSV file");
    if (fp == NULL)
        return EXIT_DATA;
    sc_diags d;
    sc_diags_init(&d);
    sc_status st = sc_clinics_read(fp, path, p, out, &d);
    fclose(fp);
    for (size_t i = 0; i < d.count; i++)
        cli_report(&d.items[i]);
    sc_diags_free(&d);
    if (st != SC_OK) {
        sc_clinics_free(out);
        return EXIT_DATA;
    }
    return EXIT_OK;
}

int cmd_compare(int argc, char **argv)
{
    struct option opts[CLI_NSCENARIO + 24] = {CLI_COMMON_OPTIONS};
    size_t n = 6;
    n += cli_scenario_options(opts + n);
    opts[n++] = (struct option){"countries", required_argument, NULL, O_COUNTRIES};
    opts[n++] = (struct option){"tiers", required_argument, NULL, O_TIERS};
    opts[n++] = (struct option){"clinics", required_argument, NULL, O_CLINICS};
    opts[n++] = (struct option){"plan", required_argument, NULL, O_PLAN};
    opts[n++] = (struct option){"percentiles", no_argument, NULL, O_PERCENTILES};
    opts[n++] = (struct option){"draws", required_argument, NULL, OPT_DRAWS};
    opts[n++] = (struct option){"seed", required_argument, NULL, OPT_SEED};
    opts[n] = (struct option){0, 0, 0, 0};

    cli_common c;
    sc_compare_request req;
    char today[11];
    char *countries_arg = NULL, *tiers_arg = NULL;
    const char *countries[MAX_LIST], *tiers[MAX_LIST], *clinics_path = NULL;
    int opt, rc;
    memset(&req, 0, sizeof req);
    req.draws = SC_SIM_DEFAULT_DRAWS;
    req.seed = SC_SIM_DEFAULT_SEED;
    cli_common_init(&c, "compare");
    cli_scenario_init(&req.base, today);
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS, opts, NULL)) != -1) {
        if (cli_scenario_option(&req.base, opt, optarg))
            continue;
        int sim = cli_sim_option(&c, opt, optarg, &req.draws, &req.seed);
        if (sim < 0)
            return EXIT_USAGE;
        if (sim > 0)
            continue;
        switch (opt) {
        case O_COUNTRIES: countries_arg = optarg; continue;
        case O_TIERS: tiers_arg = optarg; continue;
        case O_CLINICS: clinics_path = optarg; continue;
        case O_PLAN: req.plan = optarg; continue;
        case O_PERCENTILES: req.percentiles = 1; continue;
        default: break;
        }
        if ((rc = cli_other_option(&c, opt, optarg, argc, argv)) >= 0)
            return rc;
    }
    if (c.help) {
        help();
        return EXIT_OK;
    }
    if (optind < argc)
        return cli_usage_error(&c, "compare: unexpected argument '%s'", argv[optind]);
    if (req.base.country != NULL)
        return cli_usage_error(&c, "--country: compare covers every country; narrow it with "
                                   "--countries CC,...");
    if (req.base.tier != NULL)
        return cli_usage_error(&c, "--tier: narrow the comparison with --tiers ID,...");
    if (countries_arg != NULL) {
        int k = split(countries_arg, countries);
        if (k <= 0)
            return cli_usage_error(&c, "--countries: give a comma-separated list of country "
                                       "codes (at most %d, no empty entries)", MAX_LIST);
        req.countries = countries;
        req.ncountries = (size_t)k;
    }
    if (tiers_arg != NULL) {
        int k = split(tiers_arg, tiers);
        if (k <= 0)
            return cli_usage_error(&c, "--tiers: give a comma-separated list of tiers");
        req.tiers = tiers;
        req.ntiers = (size_t)k;
    }
    req.base.currency = c.currency;

    sc_pricing *p = NULL;
    sc_clinics clinics;
    memset(&clinics, 0, sizeof clinics);
    if ((rc = cli_load_pricing(&c, &p)) != EXIT_OK)
        return rc;
    if (clinics_path != NULL) {
        if ((rc = load_clinics(clinics_path, p, &clinics)) != EXIT_OK) {
            sc_pricing_free(p);
            return rc;
        }
        req.clinics = &clinics;
    }
    sc_compare_result r;
    sc_error err;
    sc_error_clear(&err);
    if (sc_compare(p, &req, &r, &err) != SC_OK) {
        rc = cli_fail(&c, &err);
    } else {
        cli_output out;
        if ((rc = cli_output_open(&c, &out)) == EXIT_OK) {
            sc_report_compare(out.fp, &r, c.format);
            rc = cli_output_commit(&out);
        }
        sc_compare_result_free(&r);
    }
    sc_clinics_free(&clinics);
    sc_pricing_free(p);
    return rc;
}
