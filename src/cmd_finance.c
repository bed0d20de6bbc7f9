/* stemcost finance: schedules and the true APR for every way patients pay. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "cli_chart.h"
#include "stemcost/finance.h"
#include "stemcost/report.h"

static void help(void)
{
    printf(
        "Usage: stemcost finance --amount AMT [--currency CUR] (--plan ID | --compare |\n"
        "                        --apr PCT --months N | --payment AMT --months N |\n"
        "                        --promo-months N --deferred --apr PCT) [OPTIONS]\n"
        "Payment schedules to the cent and the annual percentage rate (Regulation Z,\n"
        "Appendix J actuarial method) for a treatment's price.\n\n"
        "      --amount AMT        the price to pay (required)\n"
        "      --plan ID           a plan from the tables: cash, clinic-6, promo-12, promo-24,\n"
        "                          fixed-36, fixed-60, loan-36\n"
        "      --compare           every plan side by side for this amount\n"
        "      --apr PCT           annual rate of a loan, exact to six decimals (after a\n"
        "                          promotion: the standard APR)\n"
        "      --months N          number of monthly payments (1 to 600)\n"
        "      --payment AMT       the monthly payment: solves the APR instead; every\n"
        "                          payment is this amount\n"
        "      --down AMT|PCT%%     paid up front; the rest is financed\n"
        "      --fee AMT|PCT%%      prepaid finance charge (origination fee) paid at signing:\n"
        "                          the amount financed is the loan less the fee\n"
        "      --extra AMT         extra principal each month (fewer payments, less interest)\n"
        "      --start DATE        the purchase or loan date (default: today)\n"
        "      --first-payment DATE  default: one month after the start; another date makes\n"
        "                          an irregular first period (odd days / 30); payments keep\n"
        "                          its day of the month (month-end loans: the last day)\n"
        "      --promo-months N    length of a deferred-interest promotion ...\n"
        "      --deferred          ... with interest back to the purchase date if unpaid\n"
        "      --min-payment AMT   minimum monthly payment on a promotion (default: the\n"
        "                          promotional plans' minimum in the tables)\n"
        "      --chart FILE        draw the balance and interest over time (with --compare:\n"
        "                          each plan's total paid) into FILE: .svg, .png or .pdf\n"
        "                          (atomically; an existing FILE needs --force)\n"
        "Every option given changes the result or is refused: --fee, --extra, --months and\n"
        "--payment apply to a loan from --apr or --payment only; --min-payment to\n"
        "promotions only.\n\n"
        "%s",
        cli_common_help);
}

enum {
    O_AMOUNT = OPT_COMMAND_BASE, O_PLAN, O_COMPARE, O_APR, O_MONTHS, O_PAYMENT, O_DOWN, O_FEE,
    O_EXTRA, O_START, O_FIRST, O_PROMO, O_DEFERRED, O_MINPAY, O_CHART
};

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

static sc_status draw_chart(FILE *fp, const void *arg, sc_chart_format fmt, sc_error *err)
{
    return sc_chart_finance(fp, arg, fmt, NULL, err);
}

static int run(const cli_common *c, const sc_finance_request *q, const sc_pricing *p,
               const cli_chart *chart)
{
    sc_finance_result r;
    sc_error err;
    cli_output out;
    if (sc_finance_run(p, q, &r, &err) != SC_OK)
        return cli_fail(c, &err);
    int rc = cli_chart_ready(chart);
    if (rc == EXIT_OK)
        rc = cli_output_open(c, &out);
    if (rc == EXIT_OK) {
        sc_report_finance(out.fp, &r, c->format);
        rc = cli_output_commit(&out);
        warn_csv(c, &r);
    }
    if (rc == EXIT_OK)
        rc = cli_chart_write(chart, draw_chart, &r);
    sc_finance_result_free(&r);
    return rc;
}

int cmd_finance(int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        {"amount", required_argument, NULL, O_AMOUNT},
        {"plan", required_argument, NULL, O_PLAN},
        {"compare", no_argument, NULL, O_COMPARE},
        {"apr", required_argument, NULL, O_APR},
        {"months", required_argument, NULL, O_MONTHS},
        {"payment", required_argument, NULL, O_PAYMENT},
        {"down", required_argument, NULL, O_DOWN},
        {"fee", required_argument, NULL, O_FEE},
        {"extra", required_argument, NULL, O_EXTRA},
        {"start", required_argument, NULL, O_START},
        {"first-payment", required_argument, NULL, O_FIRST},
        {"promo-months", required_argument, NULL, O_PROMO},
        {"deferred", no_argument, NULL, O_DEFERRED},
        {"min-payment", required_argument, NULL, O_MINPAY},
        {"chart", required_argument, NULL, O_CHART},
        {0, 0, 0, 0}};
    cli_common c;
    sc_finance_request a;
    const char *chart_path = NULL;
    cli_chart chart;
    int opt, rc;
    char today[11];
    memset(&a, 0, sizeof a);
    cli_common_init(&c, "finance");
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS, opts, NULL)) != -1) {
        switch (opt) {
        case O_AMOUNT: a.amount = optarg; break;
        case O_PLAN: a.plan = optarg; break;
        case O_COMPARE: a.compare = 1; break;
        case O_APR: a.apr = optarg; break;
        case O_MONTHS: a.months = optarg; break;
        case O_PAYMENT: a.payment = optarg; break;
        case O_DOWN: a.down = optarg; break;
        case O_FEE: a.fee = optarg; break;
        case O_EXTRA: a.extra = optarg; break;
        case O_START: a.start = optarg; break;
        case O_FIRST: a.first_payment = optarg; break;
        case O_PROMO: a.promo_months = optarg; break;
        case O_DEFERRED: a.deferred = 1; break;
        case O_MINPAY: a.min_payment = optarg; break;
        case O_CHART:
            if (optarg[0] == '\0')
                return cli_usage_error(&c, "--chart: empty value");
            chart_path = optarg;
            break;
        default: {
            if ((rc = cli_other_option(&c, opt, optarg, argc, argv)) >= 0)
                return rc;
        }
        }
    }
    if (c.help) {
        help();
        return EXIT_OK;
    }
    if (optind < argc)
        return cli_usage_error(&c, "finance: unexpected argument '%s'", argv[optind]);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    a.today = today;
    a.currency = c.currency;
    if ((rc = cli_chart_begin(&c, chart_path, &chart)) != EXIT_OK)
        return rc;
    sc_pricing *p = NULL;
    if ((rc = cli_load_pricing(&c, &p)) != EXIT_OK)
        return rc;
    rc = run(&c, &a, p, &chart);
    sc_pricing_free(p);
    return rc;
}
