/* stemcost finance: schedules and the true APR for every way patients pay. */
#include <config.h>

#include <stdio.h>

#include "cli_chart.h"
#include "cli_command.h"
#include "stemcost/finance.h"
#include "stemcost/report.h"

static const cli_option options[] = {
    {"amount", CLI_MONEY, "AMT", "the price to pay (required)"},
    {"plan", CLI_ID, "ID",
     "a plan from the tables: cash, clinic-6, promo-12, promo-24,\nfixed-36, fixed-60, loan-36"},
    {"compare", CLI_FLAG, NULL, "every plan side by side for this amount"},
    {"apr", CLI_RATE, "PCT",
     "annual rate of a loan, exact to six decimals (after a\npromotion: the standard APR)"},
    {"months", CLI_COUNT, "N", "number of monthly payments (1 to 600)"},
    {"payment", CLI_MONEY, "AMT",
     "the monthly payment: solves the APR instead; every\npayment is this amount"},
    {"down", CLI_TEXT, "AMT|PCT%", "paid up front; the rest is financed"},
    {"fee", CLI_TEXT, "AMT|PCT%",
     "prepaid finance charge (origination fee) paid at signing:\nthe amount financed is the "
     "loan less the fee"},
    {"extra", CLI_MONEY, "AMT", "extra principal each month (fewer payments, less interest)"},
    {"start", CLI_DATE, "DATE", "the purchase or loan date (default: --today)"},
    {"first-payment", CLI_DATE, "DATE",
     "default: one month after the start; another date makes\nan irregular first period (odd "
     "days / 30); payments keep\nits day of the month (month-end loans: the last day)"},
    {"promo-months", CLI_COUNT, "N", "length of a deferred-interest promotion ..."},
    {"deferred", CLI_FLAG, NULL, "... with interest back to the purchase date if unpaid"},
    {"min-payment", CLI_MONEY, "AMT",
     "minimum monthly payment on a promotion (default: the\npromotional plans' minimum in the "
     "tables)"},
    {"chart", CLI_FILE, "FILE",
     "draw the balance and interest over time (with --compare:\neach plan's total paid) into "
     "FILE: .svg, .png or .pdf\n(atomically; an existing FILE needs --force)"},
    {NULL, 0, NULL, NULL}};

/* Warnings travel in the table and JSON reports; CSV carries only the
 * schedule, so they go to standard error there. */
static void warn_csv(const cli_common *c, const sc_finance_result *r)
{
    char w[SC_FINANCE_WARNING_MAX];
    if (c->format != SC_FORMAT_CSV)
        return;
    for (size_t i = 0; i < r->nwarnings; i++)
        fprintf(stderr, "stemcost: warning: %s\n", sc_finance_warning_text(r, i, w, sizeof w));
}

typedef struct view {
    const sc_finance_result *r;
    sc_format format;
} view;

static void write_view(FILE *fp, void *arg)
{
    const view *v = arg;
    sc_report_finance(fp, v->r, v->format);
}

static sc_status draw_chart(FILE *fp, const void *arg, sc_chart_format fmt, sc_error *err)
{
    return sc_chart_finance(fp, arg, fmt, NULL, err);
}

static int run(cli_ctx *ctx)
{
    cli_common *c = &ctx->common;
    sc_finance_request q = {
        .amount = cli_value(ctx, "amount"),
        .plan = cli_value(ctx, "plan"),
        .compare = cli_flag(ctx, "compare"),
        .apr = cli_value(ctx, "apr"),
        .months = cli_value(ctx, "months"),
        .payment = cli_value(ctx, "payment"),
        .down = cli_value(ctx, "down"),
        .fee = cli_value(ctx, "fee"),
        .extra = cli_value(ctx, "extra"),
        .start = cli_value(ctx, "start"),
        .first_payment = cli_value(ctx, "first-payment"),
        .promo_months = cli_value(ctx, "promo-months"),
        .deferred = cli_flag(ctx, "deferred"),
        .min_payment = cli_value(ctx, "min-payment"),
        .today = ctx->scenario.today,
        .currency = c->currency,
    };
    cli_chart chart;
    int rc;
    if ((rc = cli_chart_begin(c, cli_value(ctx, "chart"), &chart)) != EXIT_OK)
        return rc;
    sc_pricing *p = NULL;
    if ((rc = cli_load_pricing(c, &p)) != EXIT_OK)
        return rc;
    sc_finance_result r;
    sc_error err;
    if (sc_finance_run(p, &q, &r, &err) != SC_OK) {
        sc_pricing_free(p);
        return cli_fail(c, &err);
    }
    view v = {&r, c->format};
    rc = cli_chart_ready(&chart);
    if (rc == EXIT_OK)
        rc = cli_write(c, write_view, &v);
    if (rc == EXIT_OK) {
        warn_csv(c, &r);
        rc = cli_chart_write(&chart, draw_chart, &r);
    }
    sc_finance_result_free(&r);
    sc_pricing_free(p);
    return rc;
}

const cli_command cli_cmd_finance = {
    "finance", "payment schedules and the true APR (loans, plans, promotions)",
    "--amount AMT [--currency CUR] (--plan ID | --compare |\n"
    "                        --apr PCT --months N | --payment AMT --months N |\n"
    "                        --promo-months N --deferred --apr PCT) [OPTIONS]",
    "Payment schedules to the cent and the annual percentage rate (Regulation Z,\n"
    "Appendix J actuarial method) for a treatment's price.",
    CLI_SET_TODAY, options, 0, 0,
    "Every option given changes the result or is refused: --fee, --extra, --months and\n"
    "--payment apply to a loan from --apr or --payment only; --min-payment to\n"
    "promotions only.",
    run};
