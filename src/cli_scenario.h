/* Scenario options for the commands that estimate (estimate, simulate). */
#ifndef STEMCOST_CLI_SCENARIO_H
#define STEMCOST_CLI_SCENARIO_H

#include "cli.h"
#include "stemcost/dates.h"
#include "stemcost/estimate.h"

#define CLI_NSCENARIO 16
enum { CLI_OPT_SCENARIO = OPT_COMMAND_BASE, CLI_OPT_TODAY = OPT_COMMAND_BASE + 40,
       CLI_OPT_COMMAND = OPT_COMMAND_BASE + 50 /* a command's own options from here */ };

extern const char *const cli_scenario_names[CLI_NSCENARIO];
extern const char cli_scenario_help[];

/* Append the scenario options to `opts` (room for CLI_NSCENARIO + 1); returns
 * how many were added. */
size_t cli_scenario_options(struct option *opts);
/* Empty scenario dated today (`today` must outlive it). */
void cli_scenario_init(sc_scenario *s, char today[11]);
/* 1 if `opt` was a scenario option (and was stored), else 0. */
int cli_scenario_option(sc_scenario *s, int opt, const char *arg);

#endif
