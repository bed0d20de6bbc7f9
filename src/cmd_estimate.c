/* stemcost estimate: the itemised out-of-pocket range for one scenario. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_scenario.h"
#include "stemcost/report.h"
#include "stemcost/simulate.h"

enum { O_PERCENTILES = CLI_OPT_COMMAND };

static void help(void)
{
    printf("Usage: stemcost estimate --procedure ID --condition ID --country CC [OPTIONS]\n"
           "Itemise a treatment episode and give its low / typical / high cost to the patient\n"
           "after tax, travel, insurance and currency conversion.\n\n%s\n"
           "Simulation:\n"
           "      --percentiles       add the simulated p10 / p50 / p90 (see stemcost simulate)\n"
           "      --draws N           draws for --percentiles (default %ld)\n"
           "      --seed S            random seed for --percentiles (default %lu)\n\n"
           "Money is shown in the home country's currency unless --currency says otherwise.\n\n"
           "%s",
           cli_scenario_help, SC_SIM_DEFAULT_DRAWS, SC_SIM_DEFAULT_SEED, cli_common_help);
}

int cmd_estimate(int argc, char **argv)
{
    struct option opts[CLI_NSCENARIO + 16] = {CLI_COMMON_OPTIONS};
    size_t n = 6;
    n += cli_scenario_options(opts + n);
    opts[n++] = (struct option){"percentiles", no_argument, NULL, O_PERCENTILES};
    opts[n++] = (struct option){"draws", required_argument, NULL, OPT_DRAWS};
    opts[n++] = (struct option){"seed", required_argument, NULL, OPT_SEED};
    opts[n] = (struct option){0, 0, 0, 0};

    cli_common c;
    sc_scenario s;
    sc_error err;
    char today[11];
    int opt, rc, percentiles = 0;
    long draws = SC_SIM_DEFAULT_DRAWS;
    unsigned long seed = SC_SIM_DEFAULT_SEED;
    cli_common_init(&c, "estimate");
    cli_scenario_init(&s, today);
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS, opts, NULL)) != -1) {
        if (cli_scenario_option(&s, opt, optarg))
            continue;
        if (opt == O_PERCENTILES) {
            percentiles = 1;
            continue;
        }
        int sim = cli_sim_option(&c, opt, optarg, &draws, &seed);
        if (sim < 0)
            return EXIT_USAGE;
        if (sim > 0)
            continue;
        if ((rc = cli_other_option(&c, opt, optarg, argc, argv)) >= 0)
            return rc;
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
    sc_sim_result sim;
    sc_error_clear(&err);
    if (sc_estimate(p, &s, &r, &err) != SC_OK) {
        sc_pricing_free(p);
        return cli_fail(&c, &err);
    }
    if (percentiles && sc_simulate(p, &s, draws, seed, &sim, &err) != SC_OK) {
        sc_estimate_result_free(&r);
        sc_pricing_free(p);
        return cli_fail(&c, &err);
    }
    cli_output out;
    if ((rc = cli_output_open(&c, &out)) == EXIT_OK) {
        sc_report_estimate(out.fp, &r, percentiles ? &sim : NULL, c.format);
        rc = cli_output_commit(&out);
    }
    if (percentiles)
        sc_sim_result_free(&sim);
    sc_estimate_result_free(&r);
    sc_pricing_free(p);
    return rc;
}
