/* stemcost estimate: the itemised out-of-pocket range for one scenario. */
#include <config.h>

#include "cli_chart.h"
#include "cli_command.h"
#include "stemcost/report.h"
#include "stemcost/simulate.h"

static const cli_option options[] = {
    {"percentiles", CLI_FLAG, NULL, "add the simulated p10 / p50 / p90 (see stemcost simulate)"},
    {"explain", CLI_FLAG, NULL, "show how each derived price was computed (fee-schedule codes)"},
    {"chart", CLI_FILE, "FILE",
     "draw the typical out of pocket by category into FILE (with\n"
     "--percentiles: the simulated distribution, as simulate --chart):\n"
     ".svg, .png or .pdf (atomically; an existing FILE needs --force)"},
    {NULL, 0, NULL, NULL}};

typedef struct view {
    const sc_estimate_result *est;
    const sc_sim_result *sim;
    sc_format format;
    int explain;
} view;

static void write_view(FILE *fp, void *arg)
{
    const view *v = arg;
    sc_report_estimate(fp, v->est, v->sim, v->format, v->explain);
}

/* The stacked bar by category; with --percentiles, the histogram the
 * percentiles come from (the same chart as simulate --chart). */
static sc_status draw_chart(FILE *fp, const void *arg, sc_chart_format fmt, sc_error *err)
{
    const view *v = arg;
    if (v->sim != NULL)
        return sc_chart_simulate(fp, v->sim, v->est, fmt, NULL, err);
    return sc_chart_estimate(fp, v->est, fmt, NULL, err);
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
    sc_estimate_result r;
    sc_sim_result sim;
    sc_error err;
    int percentiles = cli_flag(ctx, "percentiles");
    if (sc_scenario_resolve(p, &ctx->scenario, &s, &err) != SC_OK ||
        sc_estimate_resolved(p, &s, &r, &err) != SC_OK) {
        sc_pricing_free(p);
        return cli_fail(&ctx->common, &err);
    }
    if (percentiles && sc_simulate_resolved(p, &s, ctx->draws, ctx->seed, &sim, &err) != SC_OK) {
        sc_estimate_result_free(&r);
        sc_pricing_free(p);
        return cli_fail(&ctx->common, &err);
    }
    view v = {&r, percentiles ? &sim : NULL, ctx->common.format, cli_flag(ctx, "explain")};
    rc = cli_chart_ready(&chart);
    if (rc == EXIT_OK)
        rc = cli_write(&ctx->common, write_view, &v);
    if (rc == EXIT_OK)
        rc = cli_chart_write(&chart, draw_chart, &v);
    if (percentiles)
        sc_sim_result_free(&sim);
    sc_estimate_result_free(&r);
    sc_pricing_free(p);
    return rc;
}

const cli_command cli_cmd_estimate = {
    "estimate", "itemised out-of-pocket range for one scenario",
    "--procedure ID --condition ID --country CC [OPTIONS]",
    "Itemise a treatment episode and give its low / typical / high cost to the patient\n"
    "after tax, travel, insurance and currency conversion, with its regulatory status,\n"
    "its complication risk and how much of it rests on interpolated prices.\n"
    "Money is shown in the home country's currency unless --currency says otherwise.",
    CLI_SET_SCENARIO | CLI_SET_SIM, options, 0, 0, NULL, run};
