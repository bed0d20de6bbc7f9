/* stemcost simulate: the out-of-pocket cost as a distribution. */
#include <config.h>

#include "cli_chart.h"
#include "cli_command.h"
#include "stemcost/report.h"
#include "stemcost/simulate.h"

static const cli_option options[] = {
    {"chart", CLI_FILE, "FILE", CLI_CHART_HELP},
    {NULL, 0, NULL, NULL}};

typedef struct view {
    const sc_sim_result *sim;
    const sc_estimate_result *est;
    sc_format format;
} view;

static void write_view(FILE *fp, void *arg)
{
    const view *v = arg;
    sc_report_simulate(fp, v->sim, v->est, v->format);
}

static sc_status draw_chart(FILE *fp, const void *arg, sc_chart_format fmt, sc_error *err)
{
    const view *v = arg;
    return sc_chart_simulate(fp, v->sim, v->est, fmt, NULL, err);
}

static int run(cli_ctx *ctx)
{
    sc_pricing *p = NULL;
    cli_chart chart;
    int rc;
    if ((rc = cli_chart_begin(&ctx->common, cli_value(ctx, "chart"), &chart)) != EXIT_OK)
        return rc;
    if ((rc = cli_load_pricing(&ctx->common, &p)) != EXIT_OK)
        return rc;
    sc_resolved s;
    sc_estimate_result e;
    sc_sim_result r;
    sc_error err;
    if (sc_scenario_resolve(p, &ctx->scenario, &s, &err) != SC_OK ||
        sc_estimate_resolved(p, &s, &e, &err) != SC_OK) {
        sc_pricing_free(p);
        return cli_fail(&ctx->common, &err);
    }
    if (sc_simulate_resolved(p, &s, ctx->draws, ctx->seed, &r, &err) != SC_OK) {
        sc_estimate_result_free(&e);
        sc_pricing_free(p);
        return cli_fail(&ctx->common, &err);
    }
    view v = {&r, &e, ctx->common.format};
    rc = cli_chart_ready(&chart);
    if (rc == EXIT_OK)
        rc = cli_write(&ctx->common, write_view, &v);
    if (rc == EXIT_OK)
        rc = cli_chart_write(&chart, draw_chart, &v);
    sc_sim_result_free(&r);
    sc_estimate_result_free(&e);
    sc_pricing_free(p);
    return rc;
}

const cli_command cli_cmd_simulate = {
    "simulate", "out-of-pocket as a distribution: percentiles and a histogram",
    "--procedure ID --condition ID --country CC [OPTIONS]",
    "Monte Carlo over price uncertainty (PERT on every low / typical / high, prices of\n"
    "one clinic moving together), the number of sessions when --sessions is not given,\n"
    "travel nights and complications, with insurance applied to each draw: mean,\n"
    "standard deviation, percentiles and a histogram of the out-of-pocket total.",
    CLI_SET_SCENARIO | CLI_SET_SIM, options, 0, 0, NULL, run};
