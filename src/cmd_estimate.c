/* stemcost estimate: the itemised out-of-pocket range for one scenario. */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "stemcost/estimate.h"
#include "stemcost/report.h"

static void help(void)
{
    printf(
        "Usage: stemcost estimate --procedure ID --condition ID --country CC [OPTIONS]\n"
        "Itemise a treatment episode and give its low / typical / high cost to the patient\n"
        "after tax, travel, insurance and currency conversion.\n\n"
        "Scenario:\n"
        "      --procedure ID      bmac, adipose, adipose-cultured, cord, allogeneic-msc, prp\n"
        "      --condition ID      knee-oa, hip-oa, ddd, spinal-stenosis, overuse\n"
        "      --country CC        where treatment happens: US, CA, DE, IN, JP\n"
        "      --tier ID           community, specialist (default), premium\n"
        "      --sites N           treated sites: joints, spinal levels, tendons (default 1)\n"
        "      --sessions N        treatment sessions (default: the procedure's typical)\n"
        "      --home CC           the patient's home; travel is added when it differs\n"
        "                          (default: the treatment country)\n"
        "      --travelers N       people travelling, the patient included (default 1)\n"
        "      --contingency PCT   add PCT %% of treatment, tax and travel for the unexpected\n"
        "      --today DATE        judge data staleness against DATE (default: today)\n\n"
        "Insurance (amounts in the plan's currency):\n"
        "      --insurance ID      self-pay (default), us-ppo, us-hdhp, ca-provincial,\n"
        "                          de-gkv, de-pkv, in-private, jp-nhi\n"
        "      --deductible AMT    the plan's deductible\n"
        "      --deductible-met AMT  already paid toward it this year\n"
        "      --coinsurance PCT   the patient's share after the deductible\n"
        "      --copay AMT         per unit of the plan's copay categories\n"
        "      --oop-max AMT       out-of-pocket maximum\n"
        "      --oop-met AMT       already paid toward it this year\n\n"
        "Money is shown in the home country's currency unless --currency says otherwise.\n\n"
        "%s",
        cli_common_help);
}

/* Scenario options: each maps to the sc_scenario field of the same name. */
static const char *const scenario_options[] = {
    "procedure", "condition", "country", "tier", "sites", "sessions", "home", "travelers",
    "insurance", "deductible", "deductible-met", "coinsurance", "copay", "oop-max", "oop-met",
    "contingency"};
#define NSCENARIO (sizeof scenario_options / sizeof scenario_options[0])
enum { OPT_TODAY = OPT_COMMAND_BASE + 50 };

int cmd_estimate(int argc, char **argv)
{
    struct option opts[NSCENARIO + 8] = {CLI_COMMON_OPTIONS};
    size_t n = 6; /* CLI_COMMON_OPTIONS entries */
    for (size_t i = 0; i < NSCENARIO; i++)
        opts[n++] = (struct option){scenario_options[i], required_argument, NULL,
                                    OPT_COMMAND_BASE + (int)i};
    opts[n++] = (struct option){"today", required_argument, NULL, OPT_TODAY};
    opts[n] = (struct option){0, 0, 0, 0};

    cli_common c;
    sc_scenario s;
    sc_error err;
    char today[11];
    int opt, rc;
    memset(&s, 0, sizeof s);
    cli_common_init(&c, "estimate");
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    s.today = today;

    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS, opts, NULL)) != -1) {
        if (opt >= OPT_COMMAND_BASE && opt < OPT_COMMAND_BASE + (int)NSCENARIO) {
            sc_scenario_set(&s, scenario_options[opt - OPT_COMMAND_BASE], optarg, &err);
            continue;
        }
        if (opt == OPT_TODAY) {
            s.today = optarg;
            continue;
        }
        int r = cli_common_option(&c, opt, optarg);
        if (r < 0)
            return EXIT_USAGE;
        if (r == 0)
            return cli_bad_option(&c, opt, argv);
    }
    if (c.help) {
        help();
        return EXIT_OK;
    }
    if (optind < argc)
        return cli_usage_error(&c, "estimate: unexpected argument '%s'", argv[optind]);
    s.currency = c.currency;

    sc_pricing *p = NULL;
    if ((rc = cli_load_pricing(&c, &p)) != EXIT_OK)
        return rc;
    sc_estimate_result r;
    sc_error_clear(&err);
    if (sc_estimate(p, &s, &r, &err) != SC_OK) {
        cli_report(&err);
        if (err.status == SC_EUSAGE)
            fprintf(stderr, "Try 'stemcost estimate --help'.\n");
        sc_pricing_free(p);
        return err.status == SC_EUSAGE ? EXIT_USAGE : EXIT_DATA;
    }
    cli_output out;
    if ((rc = cli_output_open(&c, &out)) == EXIT_OK) {
        sc_report_estimate(out.fp, &r, c.format);
        rc = cli_output_commit(&out);
    }
    sc_estimate_result_free(&r);
    sc_pricing_free(p);
    return rc;
}
