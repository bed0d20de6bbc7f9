/* stemcost simulate: the out-of-pocket cost as a distribution. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_scenario.h"
#include "stemcost/report.h"
#include "stemcost/simulate.h"


static void help(void)
{
    printf("Usage: stemcost simulate --procedure ID --condition ID --country CC [OPTIONS]\n"
           "Monte Carlo over price uncertainty (PERT on every low / typical / high), the\n"
           "number of sessions, complications and travel, with insurance applied to each\n"
           "draw: mean, standard deviation, percentiles and a histogram of the\n"
           "out-of-pocket total.\n\n"
           "      --draws N           number of draws, 1 to %ld (default %ld)\n"
           "      --seed S            random seed (default %lu; always printed): the same\n"
           "                          seed and tables give the same output on any machine\n\n"
           "%s\n%s",
           SC_SIM_MAX_DRAWS, SC_SIM_DEFAULT_DRAWS, SC_SIM_DEFAULT_SEED, cli_scenario_help,
           cli_common_help);
}

int cmd_simulate(int argc, char **argv)
{
    struct option opts[CLI_NSCENARIO + 16] = {CLI_COMMON_OPTIONS};
    size_t n = 6;
    n += cli_scenario_options(opts + n);
    opts[n++] = (struct option){"draws", required_argument, NULL, OPT_DRAWS};
    opts[n++] = (struct option){"seed", required_argument, NULL, OPT_SEED};
    opts[n] = (struct option){0, 0, 0, 0};

    cli_common c;
    sc_scenario s;
    sc_error err;
    char today[11];
    int opt, rc;
    long draws = SC_SIM_DEFAULT_DRAWS;
    unsigned long seed = SC_SIM_DEFAULT_SEED;
    cli_common_init(&c, "simulate");
    cli_scenario_init(&s, today);
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS, opts, NULL)) != -1) {
        if (cli_scenario_option(&s, opt, optarg))
            continue;
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
        return cli_usage_error(&c, "simulate: unexpected argument '%s'", argv[optind]);
    s.currency = c.currency;

    sc_pricing *p = NULL;
    if ((rc = cli_load_pricing(&c, &p)) != EXIT_OK)
        return rc;
    sc_estimate_result e;
    sc_sim_result r;
    if (sc_estimate(p, &s, &e, &err) != SC_OK) {
        sc_pricing_free(p);
        return cli_fail(&c, &err);
    }
    if (sc_simulate(p, &s, draws, seed, &r, &err) != SC_OK) {
        sc_estimate_result_free(&e);
        sc_pricing_free(p);
        return cli_fail(&c, &err);
    }
    cli_output out;
    if ((rc = cli_output_open(&c, &out)) == EXIT_OK) {
        sc_report_simulate(out.fp, &r, &e, c.format);
        rc = cli_output_commit(&out);
    }
    sc_sim_result_free(&r);
    sc_estimate_result_free(&e);
    sc_pricing_free(p);
    return rc;
}
