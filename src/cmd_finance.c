/* stemcost finance: schedules and the true APR for every way patients pay. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
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
        "      --apr PCT           annual rate of a loan (after a promotion: the standard APR)\n"
        "      --months N          number of monthly payments (1 to 600)\n"
        "      --payment AMT       the monthly payment: solves the APR instead\n"
        "      --down AMT|PCT%%     paid up front; the rest is financed\n"
        "      --fee AMT|PCT%%      prepaid finance charge (origination fee): the amount\n"
        "                          financed is the loan less the fee, so the APR rises\n"
        "      --extra AMT         extra principal each month (fewer payments, less interest)\n"
        "      --start DATE        the purchase or loan date (default: today)\n"
        "      --first-payment DATE  default: one month after the start; another date makes\n"
        "                          an irregular first period (odd days / 30)\n"
        "      --promo-months N    length of a deferred-interest promotion ...\n"
        "      --deferred          ... with interest back to the purchase date if unpaid\n"
        "      --min-payment AMT   minimum monthly payment on a promotion (default: the\n"
        "                          promotional plans' minimum in the tables)\n\n"
        "%s",
        cli_common_help);
}

enum {
    O_AMOUNT = OPT_COMMAND_BASE, O_PLAN, O_COMPARE, O_APR, O_MONTHS, O_PAYMENT, O_DOWN, O_FEE,
    O_EXTRA, O_START, O_FIRST, O_PROMO, O_DEFERRED, O_MINPAY
};

typedef struct finance_args {
    const char *amount, *plan, *apr, *months, *payment, *down, *fee, *extra, *start, *first,
        *promo, *minpay;
    int compare, deferred;
} finance_args;

static int bad(const char *opt, const char *fmt, const char *value)
{
    fprintf(stderr, "stemcost: %s: ", opt);
    fprintf(stderr, fmt, value);
    fprintf(stderr, "\nTry 'stemcost finance --help'.\n");
    return EXIT_USAGE;
}

static int money_opt(const char *opt, const char *text, const sc_currency *cur, int64_t *out)
{
    sc_error e;
    if (sc_money_parse(text, cur, 0, out, &e) != SC_OK)
        return bad(opt, "%s", e.msg);
    return EXIT_OK;
}

/* AMT or PCT% of `base`, rounded half away from zero. */
static int amount_or_pct(const char *opt, const char *text, const sc_currency *cur, int64_t base,
                         int64_t *out)
{
    size_t n = strlen(text);
    if (n > 0 && text[n - 1] == '%') {
        char buf[64];
        int64_t pct;
        sc_error e;
        if (n >= sizeof buf)
            return bad(opt, "'%s' is too long", text);
        memcpy(buf, text, n - 1);
        buf[n - 1] = '\0';
        if (sc_decimal_parse(buf, SC_PCT_DECIMALS, 0, 10000, &pct, &e) != SC_OK)
            return bad(opt, "'%s' must be an amount or a percentage from 0%% to 100%%", text);
        *out = sc_money_percent(base, pct);
        return EXIT_OK;
    }
    return money_opt(opt, text, cur, out);
}

static int rate_opt(const char *opt, const char *text, double *out)
{
    int64_t v;
    sc_error e;
    /* Up to four decimals of a percent; 0 to 100. */
    if (sc_decimal_parse(text, 4, 0, 1000000, &v, &e) != SC_OK)
        return bad(opt, "'%s' must be a percentage from 0 to 100 (at most four decimals)", text);
    *out = (double)v / 10000.0;
    return EXIT_OK;
}

static int months_opt(const char *opt, const char *text, int max, int *out)
{
    int64_t v;
    sc_error e;
    if (sc_decimal_parse(text, 0, 0, 1000000, &v, &e) != SC_OK || v < 1 || v > max) {
        char msg[96];
        snprintf(msg, sizeof msg, "'%%s' must be a whole number of months from 1 to %d", max);
        return bad(opt, msg, text);
    }
    *out = (int)v;
    return EXIT_OK;
}

static int date_opt(const char *opt, const char *text, sc_date *out)
{
    sc_error e;
    if (sc_date_parse(text, out, &e) != SC_OK)
        return bad(opt, "%s", e.msg);
    return EXIT_OK;
}

/* A plan amount from its own currency into the amount's. */
static int64_t plan_money(const sc_pricing *p, const sc_plan *pl, int64_t v, const sc_currency *to)
{
    const sc_fx *f = sc_pricing_fx(p, pl->currency), *t = sc_pricing_fx(p, to);
    int64_t out = v;
    sc_error e;
    if (f != NULL && t != NULL)
        sc_money_convert(v, pl->currency, f->per_usd, to, t->per_usd, &out, &e);
    return out;
}

static int emit(const cli_common *c, const sc_finance_view *v, const sc_plan_result *plans,
                size_t nplans, int64_t amount)
{
    cli_output out;
    int rc = cli_output_open(c, &out);
    if (rc != EXIT_OK)
        return rc;
    if (plans != NULL)
        sc_report_finance_compare(out.fp, v->currency, amount, plans, nplans, c->format);
    else
        sc_report_finance(out.fp, v, c->format);
    return cli_output_commit(&out);
}

static int fail(const sc_error *e)
{
    cli_report(e);
    if (e->status == SC_EUSAGE) {
        fprintf(stderr, "Try 'stemcost finance --help'.\n");
        return EXIT_USAGE;
    }
    return EXIT_DATA;
}

static int run(const cli_common *c, const finance_args *a, const sc_pricing *p)
{
    const sc_currency *cur = sc_currency_find(c->currency ? c->currency : "USD");
    sc_error err;
    int rc;
    int64_t amount, down = 0, fee = 0, extra = 0;
    sc_date start, first;
    char today[11];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);

    if (a->amount == NULL)
        return bad("--amount", "%s", "required (the price to finance)");
    if ((rc = money_opt("--amount", a->amount, cur, &amount)) != EXIT_OK)
        return rc;
    if (amount <= 0)
        return bad("--amount", "'%s' must be more than zero", a->amount);
    if (a->down && (rc = amount_or_pct("--down", a->down, cur, amount, &down)) != EXIT_OK)
        return rc;
    if (down >= amount)
        return bad("--down", "'%s' leaves nothing to finance", a->down);
    int64_t loan = amount - down;
    if (a->fee && (rc = amount_or_pct("--fee", a->fee, cur, loan, &fee)) != EXIT_OK)
        return rc;
    if (fee >= loan)
        return bad("--fee", "'%s' is not less than the amount financed", a->fee);
    if (a->extra && (rc = money_opt("--extra", a->extra, cur, &extra)) != EXIT_OK)
        return rc;
    if ((rc = date_opt("--start", a->start ? a->start : today, &start)) != EXIT_OK)
        return rc;
    first = sc_date_add_months(start, 1);
    if (a->first && (rc = date_opt("--first-payment", a->first, &first)) != EXIT_OK)
        return rc;
    if (sc_date_compare(first, start) <= 0)
        return bad("--first-payment", "'%s' must come after the start date", a->first);

    /* The promotional plans' minimum payment, as the default for --deferred. */
    int64_t min_payment = 0;
    for (size_t i = 0; i < p->nplans; i++)
        if (p->plans[i].kind == SC_PLAN_DEFERRED && min_payment == 0)
            min_payment = plan_money(p, &p->plans[i], p->plans[i].min_payment, cur);
    if (a->minpay && (rc = money_opt("--min-payment", a->minpay, cur, &min_payment)) != EXIT_OK)
        return rc;

    sc_finance_view v = {cur, NULL, amount, down, NULL, NULL, NULL};

    if (a->compare || a->plan) {
        size_t n = 0;
        sc_plan_result *res = calloc(p->nplans ? p->nplans : 1, sizeof *res);
        if (res == NULL)
            return EXIT_DATA;
        for (size_t i = 0; i < p->nplans; i++) {
            const sc_plan *pl = &p->plans[i];
            if (a->plan && strcmp(pl->id, a->plan) != 0)
                continue;
            int64_t pmin = pl->min_payment ? plan_money(p, pl, pl->min_payment, cur) : 0;
            if (a->minpay)
                pmin = min_payment;
            if (sc_finance_plan(pl, loan, plan_money(p, pl, pl->min_amount, cur), pmin, start,
                                &res[n], &err) != SC_OK) {
                for (size_t k = 0; k < n; k++)
                    sc_plan_result_free(&res[k]);
                free(res);
                return fail(&err);
            }
            n++;
        }
        if (a->plan && n == 0) {
            free(res);
            cli_error("--plan", "unknown plan '%s'; run 'stemcost list plans'", a->plan);
            return EXIT_DATA;
        }
        if (a->plan) {
            v.plan = res[0].plan;
            v.down = down + (res[0].plan->kind == SC_PLAN_CASH ? 0 : res[0].deposit);
            v.schedule = res[0].schedule.nrows ? &res[0].schedule : NULL;
            v.deferred = res[0].has_deferred ? &res[0].deferred : NULL;
            if (!res[0].available)
                fprintf(stderr, "stemcost: warning: %s needs at least %s %s\n", res[0].plan->id,
                        sc_money_format_plain(res[0].min_amount, cur, today, sizeof today) ? today : "",
                        cur->code);
            rc = emit(c, &v, NULL, 0, loan);
        } else {
            rc = emit(c, &v, res, n, loan);
        }
        for (size_t k = 0; k < n; k++)
            sc_plan_result_free(&res[k]);
        free(res);
        return rc;
    }

    double apr = 0.0;
    int months = 0;
    sc_schedule s, base;
    sc_deferred d;
    if (a->deferred || a->promo) {
        if (!a->deferred || !a->promo)
            return bad("--deferred", "%s", "give --promo-months N and --deferred together");
        if (a->apr == NULL)
            return bad("--apr", "%s", "required with --deferred: the standard APR after the promotion");
        if ((rc = rate_opt("--apr", a->apr, &apr)) != EXIT_OK ||
            (rc = months_opt("--promo-months", a->promo, 120, &months)) != EXIT_OK)
            return rc;
        if (sc_deferred_eval(loan, months, apr, min_payment, start, first, &d, &err) != SC_OK ||
            sc_schedule_build(loan, 0, 0.0, months, d.payoff_payment, 0, start, first, &s, &err) !=
                SC_OK)
            return fail(&err);
        v.schedule = &s;
        v.deferred = &d;
        rc = emit(c, &v, NULL, 0, loan);
        sc_schedule_free(&s);
        return rc;
    }

    if (a->months == NULL)
        return bad("--months", "%s", "required: the number of monthly payments (or use --plan)");
    if ((rc = months_opt("--months", a->months, SC_FINANCE_MAX_MONTHS, &months)) != EXIT_OK)
        return rc;
    if ((a->apr == NULL) == (a->payment == NULL))
        return bad("--apr", "%s", "give either --apr (to compute the payment) or --payment "
                                   "(to compute the APR)");
    sc_first_period fp;
    if (sc_first_period_of(start, first, &fp, &err) != SC_OK)
        return fail(&err);
    int64_t payment;
    if (a->apr) {
        if ((rc = rate_opt("--apr", a->apr, &apr)) != EXIT_OK)
            return rc;
        payment = sc_level_payment(loan, apr, months, fp);
    } else {
        if ((rc = money_opt("--payment", a->payment, cur, &payment)) != EXIT_OK)
            return rc;
        /* The note rate that these payments repay; the APR follows from the
         * amount financed (which a fee makes smaller). */
        int64_t *pays = malloc((size_t)months * sizeof *pays);
        if (pays == NULL)
            return EXIT_DATA;
        for (int k = 0; k < months; k++)
            pays[k] = payment;
        sc_status st = sc_apr_solve(loan, pays, months, fp, &apr, &err);
        free(pays);
        if (st != SC_OK) {
            char need[48];
            int64_t least = (loan + months - 1) / months;
            fprintf(stderr, "stemcost: --payment: %s; at 0 %% it takes at least %s a month\n",
                    err.msg, sc_money_format_plain(least, cur, need, sizeof need));
            return EXIT_USAGE;
        }
        if (apr > SC_FINANCE_MAX_APR)
            return bad("--payment", "'%s' implies an APR above 100 %%", a->payment);
    }
    if (sc_schedule_build(loan, fee, apr, months, payment, extra, start, first, &s, &err) != SC_OK)
        return fail(&err);
    v.schedule = &s;
    if (extra > 0) {
        if (sc_schedule_build(loan, fee, apr, months, payment, 0, start, first, &base, &err) !=
            SC_OK) {
            sc_schedule_free(&s);
            return fail(&err);
        }
        v.baseline = &base;
    }
    rc = emit(c, &v, NULL, 0, loan);
    sc_schedule_free(&s);
    if (extra > 0)
        sc_schedule_free(&base);
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
        {0, 0, 0, 0}};
    cli_common c;
    finance_args a;
    int opt, rc;
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
        case O_FIRST: a.first = optarg; break;
        case O_PROMO: a.promo = optarg; break;
        case O_DEFERRED: a.deferred = 1; break;
        case O_MINPAY: a.minpay = optarg; break;
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
    if (a.plan && a.compare)
        return cli_usage_error(&c, "finance: --plan and --compare exclude each other");
    if ((a.plan || a.compare) && (a.apr || a.months || a.payment || a.promo || a.deferred))
        return cli_usage_error(&c, "finance: --plan and --compare take their terms from the "
                                   "tables; drop --apr, --months, --payment and --promo-months");
    sc_pricing *p = NULL;
    if ((rc = cli_load_pricing(&c, &p)) != EXIT_OK)
        return rc;
    rc = run(&c, &a, p);
    sc_pricing_free(p);
    return rc;
}
