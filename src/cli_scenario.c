/* The scenario options shared by estimate and simulate (and the commands that
 * build on them): each maps to the sc_scenario field of the same name. */
#include <config.h>

#include <string.h>

#include "cli_scenario.h"

const char *const cli_scenario_names[CLI_NSCENARIO] = {
    "procedure", "condition", "country", "tier", "sites", "sessions", "home", "travelers",
    "insurance", "deductible", "deductible-met", "coinsurance", "copay", "oop-max", "oop-met",
    "contingency"};

const char cli_scenario_help[] =
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
    "      --contingency PCT   add PCT % of treatment, tax and travel for the unexpected\n"
    "      --today DATE        judge data staleness against DATE (default: today)\n\n"
    "Insurance (amounts in the plan's currency):\n"
    "      --insurance ID      self-pay (default), us-ppo, us-hdhp, ca-provincial,\n"
    "                          de-gkv, de-pkv, in-private, jp-nhi\n"
    "      --deductible AMT    the plan's deductible\n"
    "      --deductible-met AMT  already paid toward it this year\n"
    "      --coinsurance PCT   the patient's share after the deductible\n"
    "      --copay AMT         per unit of the plan's copay categories\n"
    "      --oop-max AMT       out-of-pocket maximum\n"
    "      --oop-met AMT       already paid toward it this year\n";

size_t cli_scenario_options(struct option *opts)
{
    size_t n = 0;
    for (size_t i = 0; i < CLI_NSCENARIO; i++)
        opts[n++] = (struct option){cli_scenario_names[i], required_argument, NULL,
                                    CLI_OPT_SCENARIO + (int)i};
    opts[n++] = (struct option){"today", required_argument, NULL, CLI_OPT_TODAY};
    return n;
}

void cli_scenario_init(sc_scenario *s, char today[11])
{
    memset(s, 0, sizeof *s);
    s->today = sc_today(today);
}

int cli_scenario_option(sc_scenario *s, int opt, const char *arg)
{
    sc_error err;
    if (opt >= CLI_OPT_SCENARIO && opt < CLI_OPT_SCENARIO + (int)CLI_NSCENARIO) {
        sc_scenario_set(s, cli_scenario_names[opt - CLI_OPT_SCENARIO], arg, &err);
        return 1;
    }
    if (opt == CLI_OPT_TODAY) {
        s->today = arg;
        return 1;
    }
    return 0;
}
