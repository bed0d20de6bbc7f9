/* A finance request, as typed, to its result: parse and check every value,
 * apply the one rule on options, convert the plans' minimums into the
 * amount's currency, and build the schedules.
 *
 * The rule on options: every option given either changes the result or is
 * refused (SC_EUSAGE, SC_R_NOT_APPLICABLE, naming it).  The terms of a loan
 * (--apr/--payment, --months, --fee, --extra) apply to a loan built from
 * them; a plan of the tables brings its own terms; a deferred-interest
 * promotion has no fee, no extra and no term beyond the promotion;
 * --min-payment applies only to promotions. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stemcost/scenario.h" /* sc_suggest */
#include "stemcost/finance.h"
#include "pricing_internal.h"

typedef enum mode { MODE_LOAN, MODE_DEFERRED, MODE_PLAN, MODE_COMPARE } mode;

static const char *const mode_words[] = {
    "a loan built from --apr or --payment", "a deferred-interest promotion",
    "--plan (the plan's terms come from the tables)",
    "--compare (each plan's terms come from the tables)"};

/* ---- values ------------------------------------------------------------------------ */

static sc_status empty(const char *field, sc_error *err)
{
    return sc_error_field(err, SC_EUSAGE, SC_R_EMPTY, field, "the value is empty");
}

static sc_status money_value(const char *text, const char *field, const sc_currency *cur,
                             int64_t *out, sc_error *err)
{
    sc_error e;
    if (*text == '\0')
        return empty(field, err);
    if (sc_money_parse(text, cur, 0, out, &e) != SC_OK)
        return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, field, "%s (an amount in %s)",
                              e.msg, cur->code);
    return SC_OK;
}

/* AMT, or PCT% of `base` rounded half away from zero. */
static sc_status money_or_pct(const char *text, const char *field, const sc_currency *cur,
                              int64_t base, int64_t *out, sc_error *err)
{
    size_t n = strlen(text);
    if (n == 0 || text[n - 1] != '%')
        return money_value(text, field, cur, out, err);
    char buf[64];
    int64_t pct;
    if (n < sizeof buf) {
        memcpy(buf, text, n - 1);
        buf[n - 1] = '\0';
        if (sc_decimal_parse(buf, SC_PCT_DECIMALS, 0, 10000, &pct, NULL) == SC_OK) {
            *out = sc_money_percent(base, pct);
            return SC_OK;
        }
    }
    return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, field,
                          "'%s' must be an amount or a percentage from 0%% to 100%% (at most "
                          "two decimals)", text);
}

/* An APR: up to six decimals of a percent, 0 to 100, held exactly. */
static sc_status apr_value(const char *text, const char *field, int64_t *out, sc_error *err)
{
    if (*text == '\0')
        return empty(field, err);
    if (sc_decimal_parse(text, SC_APR_DECIMALS, 0, SC_FINANCE_MAX_APR, out, NULL) != SC_OK)
        return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, field,
                              "'%s' must be a percentage from 0 to 100 (at most six decimals)",
                              text);
    return SC_OK;
}

static sc_status count_value(const char *text, const char *field, int max, int *out,
                             sc_error *err)
{
    int64_t v;
    if (*text == '\0')
        return empty(field, err);
    if (sc_decimal_parse(text, 0, 0, 1000000, &v, NULL) != SC_OK || v < 1 || v > max)
        return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, field,
                              "'%s' must be a whole number of months from 1 to %d", text, max);
    *out = (int)v;
    return SC_OK;
}

static sc_status date_value(const char *text, const char *field, sc_date *out, sc_error *err)
{
    sc_error e;
    if (*text == '\0')
        return empty(field, err);
    if (sc_date_parse(text, out, &e) != SC_OK)
        return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, field, "%s", e.msg);
    return SC_OK;
}

/* ---- the rule on options ------------------------------------------------------------- */

typedef struct option_use {
    const char *field;
    size_t offset;     /* of the text in sc_finance_request */
    unsigned modes;    /* bit (1 << mode) where the option applies */
    const char *only;  /* where it applies, in words; NULL: say where it does not */
} option_use;

#define IN(m) (1u << (m))
#define OPT(name, modes, only) {#name, offsetof(sc_finance_request, name), modes, only}
static const option_use option_uses[] = {
    OPT(apr, IN(MODE_LOAN) | IN(MODE_DEFERRED), NULL),
    OPT(months, IN(MODE_LOAN), NULL),
    OPT(payment, IN(MODE_LOAN), NULL),
    OPT(fee, IN(MODE_LOAN), NULL),
    OPT(extra, IN(MODE_LOAN), NULL),
    OPT(min_payment, IN(MODE_DEFERRED) | IN(MODE_PLAN) | IN(MODE_COMPARE),
        "deferred-interest promotions"),
};

static sc_status not_used(const char *field, const char *only, mode m, sc_error *err)
{
    if (only != NULL)
        return sc_error_field(err, SC_EUSAGE, SC_R_NOT_APPLICABLE, field, "applies only to %s",
                              only);
    return sc_error_field(err, SC_EUSAGE, SC_R_NOT_APPLICABLE, field, "not used with %s",
                          mode_words[m]);
}

static sc_status pick_mode(const sc_finance_request *q, mode *m, sc_error *err)
{
    if (q->plan && q->compare)
        return sc_error_field(err, SC_EUSAGE, SC_R_CONFLICT, "compare",
                              "--plan and --compare exclude each other");
    *m = q->plan ? MODE_PLAN : q->compare ? MODE_COMPARE
       : (q->deferred || q->promo_months) ? MODE_DEFERRED : MODE_LOAN;
    if ((*m == MODE_PLAN || *m == MODE_COMPARE) && (q->promo_months || q->deferred))
        return not_used(q->promo_months ? "promo_months" : "deferred", NULL, *m, err);
    for (size_t i = 0; i < sizeof option_uses / sizeof *option_uses; i++) {
        const option_use *u = &option_uses[i];
        const char *value = *(const char *const *)((const char *)q + u->offset);
        if (value != NULL && !(u->modes & IN(*m)))
            return not_used(u->field, u->only, *m, err);
    }
    return SC_OK;
}

/* ---- the common part: amount, down payment, dates ------------------------------------ */

typedef struct common {
    const sc_currency *cur;
    int64_t amount, down, loan;
    sc_date start;
    sc_due_dates due;
} common;

static sc_status read_common(const sc_finance_request *q, common *c, sc_error *err)
{
    sc_status st;
    c->cur = sc_currency_find(q->currency ? q->currency : "USD");
    if (q->currency && *q->currency == '\0')
        return empty("currency", err);
    if (c->cur == NULL)
        return sc_error_field(err, SC_EUSAGE, SC_R_UNKNOWN_ID, "currency",
                              "'%s' is not a known ISO 4217 currency code", q->currency);
    if (q->amount == NULL)
        return sc_error_field(err, SC_EUSAGE, SC_R_REQUIRED, "amount",
                              "required (the price to finance)");
    if ((st = money_value(q->amount, "amount", c->cur, &c->amount, err)) != SC_OK)
        return st;
    if (c->amount <= 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "amount",
                              "'%s' must be more than zero", q->amount);
    c->down = 0;
    if (q->down && (st = money_or_pct(q->down, "down", c->cur, c->amount, &c->down, err)) !=
                       SC_OK)
        return st;
    if (c->down >= c->amount)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "down",
                              "'%s' leaves nothing to finance", q->down);
    c->loan = c->amount - c->down;
    if (q->start)
        st = date_value(q->start, "start", &c->start, err);
    else if (q->today)
        st = date_value(q->today, "today", &c->start, err);
    else
        st = sc_error_field(err, SC_EUSAGE, SC_R_REQUIRED, "start", "required");
    if (st != SC_OK)
        return st;
    c->due = sc_due_dates_default(c->start);
    if (q->first_payment) {
        sc_date first;
        if ((st = date_value(q->first_payment, "first_payment", &first, err)) != SC_OK)
            return st;
        if (sc_date_compare(first, c->start) <= 0)
            return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "first_payment",
                                  "'%s' must come after the start date", q->first_payment);
        c->due = sc_due_dates_from(c->start, first);
    }
    return SC_OK;
}

/* ---- warnings ------------------------------------------------------------------------- */

static void warn(sc_finance_result *r, sc_finance_warning_kind kind, const sc_plan *plan,
                 int64_t amount, int64_t other)
{
    if (r->nwarnings < SC_FINANCE_MAX_WARNINGS)
        r->warnings[r->nwarnings++] = (sc_finance_warning){kind, plan, amount, other};
}

/* Rounding to the cent distorts a loan that is tiny for its term; a long
 * first period at a high rate accrues more than a payment. */
static void schedule_warnings(sc_finance_result *r, const sc_schedule *s)
{
    if (s->nrows == 0)
        return;
    int64_t last = s->rows[s->nrows - 1].payment;
    if (s->extra == 0 && s->nrows > 1 && llabs(last - s->payment) * 10 > s->payment)
        warn(r, SC_FWARN_LAST_PAYMENT, NULL, last, s->payment);
    if (s->rows[0].interest > s->rows[0].payment)
        warn(r, SC_FWARN_FIRST_PERIOD, NULL, s->rows[0].interest, s->rows[0].payment);
}

char *sc_finance_warning_text(const sc_finance_result *r, size_t i, char *buf, size_t size)
{
    const sc_finance_warning *w = &r->warnings[i];
    char a[48], b[48];
    sc_money_format_display(w->amount, r->currency, a, sizeof a);
    sc_money_format_display(w->other, r->currency, b, sizeof b);
    switch (w->kind) {
    case SC_FWARN_BELOW_MINIMUM:
        snprintf(buf, size, "%s needs a purchase of at least %s: the figures show its terms, "
                            "but the amount is below what it accepts", w->plan->name, a);
        break;
    case SC_FWARN_LAST_PAYMENT:
        snprintf(buf, size, "rounding to the cent: the last payment (%s) differs from the "
                            "others (%s) by more than 10 %%; the loan is very small for its "
                            "term", a, b);
        break;
    case SC_FWARN_FIRST_PERIOD:
        snprintf(buf, size, "the interest accrued before the first payment (%s) is more than "
                            "that payment (%s): the balance grows until the second payment",
                 a, b);
        break;
    }
    return buf;
}

/* ---- the kinds of request ------------------------------------------------------------ */

static sc_status add_option(sc_finance_result *r, sc_plan_result **out, sc_error *err)
{
    sc_plan_result *o = realloc(r->options, (r->noptions + 1) * sizeof *o);
    if (o == NULL)
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    r->options = o;
    *out = &o[r->noptions++];
    memset(*out, 0, sizeof **out);
    return SC_OK;
}

/* An APR above what this program discloses: say what it would be and which
 * value made it so. */
static sc_status apr_too_high(const char *field, double apr_pct, sc_error *err)
{
    const char *why = strcmp(field, "fee") == 0 ? "the fee leaves so little financed that "
                      : strcmp(field, "amount") == 0 ? "rounding this small loan to the cent "
                                                       "means "
                                                     : "";
    if (apr_pct >= SC_APR_SOLVE_MAX)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, field,
                              "%sthe APR would be above %.0f %%; at most 100 %% is accepted",
                              why, SC_APR_SOLVE_MAX);
    return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, field,
                          "%sthe APR would be %s %%; at most 100 %% is accepted", why,
                          sc_apr_format(apr_pct, (char[32]){0}, 32));
}

/* The note rate that n payments of `payment` imply on the loan (root
 * finding; then held on the exact decimal grid). */
static sc_status rate_of_payment(const common *c, int months, int64_t payment,
                                 sc_first_period fp, int64_t *apr, sc_error *err)
{
    int64_t *pays = malloc((size_t)months * sizeof *pays);
    if (pays == NULL)
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    for (int k = 0; k < months; k++)
        pays[k] = payment;
    double pct = 0;
    sc_error e;
    sc_status st = sc_apr_solve(c->loan, pays, months, fp, &pct, &e);
    free(pays);
    if (st != SC_OK && e.reason == SC_R_RANGE) {
        char a[48], b[48], d[48];
        int64_t least = (c->loan + months - 1) / months;
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "payment",
                              "%d payments of %s never repay %s; at 0 %% it takes at least "
                              "%s a month", months,
                              sc_money_format_plain(payment, c->cur, a, sizeof a),
                              sc_money_format_plain(c->loan, c->cur, b, sizeof b),
                              sc_money_format_plain(least, c->cur, d, sizeof d));
    }
    if (st != SC_OK && e.reason == SC_R_LIMIT)
        return apr_too_high("payment", SC_APR_SOLVE_MAX, err);
    if (st != SC_OK) {
        if (err)
            *err = e;
        return st;
    }
    if (pct > 100.0)
        return apr_too_high("payment", pct, err);
    *apr = llround(pct * (double)SC_APR_SCALE);
    if (*apr > SC_FINANCE_MAX_APR)
        *apr = SC_FINANCE_MAX_APR;
    return SC_OK;
}

static sc_status run_loan(const sc_finance_request *q, const common *c, sc_finance_result *r,
                          sc_error *err)
{
    sc_status st;
    int months;
    sc_loan_terms t;
    memset(&t, 0, sizeof t);
    if (q->months == NULL)
        return sc_error_field(err, SC_EUSAGE, SC_R_REQUIRED, "months",
                              "required: the number of monthly payments (or use --plan)");
    if ((st = count_value(q->months, "months", SC_FINANCE_MAX_MONTHS, &months, err)) != SC_OK)
        return st;
    if ((q->apr == NULL) == (q->payment == NULL))
        return sc_error_field(err, SC_EUSAGE, q->apr ? SC_R_CONFLICT : SC_R_REQUIRED, "apr",
                              "give either --apr (to compute the payment) or --payment (to "
                              "compute the APR)");
    if (q->fee && (st = money_or_pct(q->fee, "fee", c->cur, c->loan, &t.fee, err)) != SC_OK)
        return st;
    if (t.fee >= c->loan)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "fee",
                              "'%s' is not less than the amount financed", q->fee);
    if (q->extra && (st = money_value(q->extra, "extra", c->cur, &t.extra, err)) != SC_OK)
        return st;
    sc_first_period fp;
    if ((st = sc_first_period_of(c->start, c->due, &fp, err)) != SC_OK)
        return st;
    t.currency = c->cur;
    t.loan = c->loan;
    t.months = months;
    t.start = c->start;
    t.due = c->due;
    if (q->apr) {
        if ((st = apr_value(q->apr, "apr", &t.apr, err)) != SC_OK ||
            (st = sc_level_payment(c->loan, t.apr, months, fp, &t.payment, err)) != SC_OK)
            return st;
    } else {
        if ((st = money_value(q->payment, "payment", c->cur, &t.payment, err)) != SC_OK)
            return st;
        if (t.payment <= 0)
            return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "payment",
                                  "'%s' must be more than zero", q->payment);
        if ((st = rate_of_payment(c, months, t.payment, fp, &t.apr, err)) != SC_OK)
            return st;
        t.payment_given = 1;
    }
    sc_plan_result *o;
    if ((st = add_option(r, &o, err)) != SC_OK)
        return st;
    o->down = c->down;
    const char *culprit = t.fee > 0 ? "fee" : t.payment_given ? "payment" : "amount";
    if ((st = sc_schedule_build(&t, &o->schedule, err)) != SC_OK)
        return err->reason == SC_R_LIMIT ? apr_too_high(culprit, SC_APR_SOLVE_MAX, err) : st;
    if (t.extra > 0) {
        sc_loan_terms base = t;
        base.extra = 0;
        if ((st = sc_schedule_build(&base, &o->baseline, err)) != SC_OK)
            return st;
    }
    if (o->schedule.apr_pct > 100.0)
        return apr_too_high(culprit, o->schedule.apr_pct, err);
    o->upfront = c->down + t.fee;
    o->total_paid = o->upfront + o->schedule.total_of_payments;
    schedule_warnings(r, &o->schedule);
    return SC_OK;
}

/* The promotional plans' minimum payment, as the default for --deferred. */
static sc_status default_min_payment(const sc_pricing *p, const sc_currency *cur,
                                     int64_t *out, sc_error *err)
{
    for (size_t i = 0; i < p->nplans; i++)
        if (p->plans[i].kind == SC_PLAN_DEFERRED) {
            int64_t min_amount;
            return sc_plan_minimums(p, &p->plans[i], cur, &min_amount, out, err);
        }
    return sc_error_field(err, SC_EUSAGE, SC_R_REQUIRED, "min_payment",
                          "the tables have no deferred-interest plan to take a minimum "
                          "payment from: give one");
}

static sc_status run_deferred(const sc_pricing *p, const sc_finance_request *q,
                              const common *c, sc_finance_result *r, sc_error *err)
{
    sc_status st;
    int promo;
    int64_t apr, min_payment;
    if (!q->deferred)
        return sc_error_field(err, SC_EUSAGE, SC_R_REQUIRED, "deferred",
                              "give --promo-months N and --deferred together");
    if (q->promo_months == NULL)
        return sc_error_field(err, SC_EUSAGE, SC_R_REQUIRED, "promo_months",
                              "give --promo-months N and --deferred together");
    if (q->apr == NULL)
        return sc_error_field(err, SC_EUSAGE, SC_R_REQUIRED, "apr",
                              "required with --deferred: the standard APR after the promotion");
    if ((st = apr_value(q->apr, "apr", &apr, err)) != SC_OK ||
        (st = count_value(q->promo_months, "promo_months", SC_PROMO_MAX_MONTHS, &promo, err)) !=
            SC_OK)
        return st;
    if (q->min_payment)
        st = money_value(q->min_payment, "min_payment", c->cur, &min_payment, err);
    else
        st = default_min_payment(p, c->cur, &min_payment, err);
    if (st != SC_OK)
        return st;
    sc_plan_result *o;
    if ((st = add_option(r, &o, err)) != SC_OK)
        return st;
    o->down = c->down;
    o->has_deferred = 1;
    if ((st = sc_deferred_eval(c->loan, promo, apr, min_payment, c->start, c->due,
                               &o->deferred, err)) != SC_OK)
        return st;
    if ((st = sc_deferred_schedule(c->loan, &o->deferred, c->start, c->due, &o->schedule,
                                   &o->deferred_rows, err)) != SC_OK)
        return st;
    o->upfront = c->down;
    o->total_paid = o->upfront + o->schedule.total_of_payments;
    return SC_OK;
}

static sc_status run_plan(const sc_pricing *p, const sc_finance_request *q, const common *c,
                          const sc_plan *plan, sc_finance_result *r, sc_error *err)
{
    int64_t min_amount, min_payment;
    sc_status st = sc_plan_minimums(p, plan, c->cur, &min_amount, &min_payment, err);
    if (st != SC_OK)
        return st;
    if (q->min_payment && plan->kind == SC_PLAN_DEFERRED &&
        (st = money_value(q->min_payment, "min_payment", c->cur, &min_payment, err)) != SC_OK)
        return st;
    sc_plan_result *o;
    if ((st = add_option(r, &o, err)) != SC_OK)
        return st;
    if ((st = sc_finance_plan_from(plan, c->loan, min_amount, min_payment, c->start, c->due, o,
                                   err)) != SC_OK)
        return st;
    o->down = c->down;
    o->upfront += c->down;
    o->total_paid += c->down;
    return SC_OK;
}

static sc_status unknown_plan(const sc_pricing *p, const char *id, sc_error *err)
{
    const char *ids[64];
    size_t n = 0;
    for (size_t i = 0; i < p->nplans && n < sizeof ids / sizeof *ids; i++)
        ids[n++] = p->plans[i].id;
    return sc_unknown_id(err, "plan", "plan", id, ids, n);
}

sc_status sc_finance_run(const sc_pricing *p, const sc_finance_request *q,
                         sc_finance_result *r, sc_error *err)
{
    sc_error local;
    if (err == NULL)
        err = &local;
    memset(r, 0, sizeof *r);
    mode m = MODE_LOAN;
    common c;
    sc_status st = pick_mode(q, &m, err);
    if (st == SC_OK)
        st = read_common(q, &c, err);
    if (st != SC_OK)
        return st;
    r->currency = c.cur;
    r->amount = c.amount;
    r->down = c.down;
    switch (m) {
    case MODE_LOAN:
        st = run_loan(q, &c, r, err);
        break;
    case MODE_DEFERRED:
        st = run_deferred(p, q, &c, r, err);
        break;
    case MODE_PLAN: {
        if (*q->plan == '\0') {
            st = empty("plan", err);
            break;
        }
        const sc_plan *plan = sc_pricing_plan(p, q->plan);
        if (plan == NULL) {
            st = unknown_plan(p, q->plan, err);
            break;
        }
        if (q->min_payment && plan->kind != SC_PLAN_DEFERRED) {
            st = not_used("min_payment", "deferred-interest promotions, and this plan is not "
                                         "one", m, err);
            break;
        }
        st = run_plan(p, q, &c, plan, r, err);
        if (st == SC_OK && !r->options[0].available)
            warn(r, SC_FWARN_BELOW_MINIMUM, plan, r->options[0].min_amount, 0);
        if (st == SC_OK && !r->options[0].has_deferred)
            schedule_warnings(r, &r->options[0].schedule);
        break;
    }
    case MODE_COMPARE:
        r->compare = 1;
        for (size_t i = 0; st == SC_OK && i < p->nplans; i++)
            st = run_plan(p, q, &c, &p->plans[i], r, err);
        break;
    }
    if (st != SC_OK)
        sc_finance_result_free(r);
    return st;
}

void sc_finance_result_free(sc_finance_result *r)
{
    for (size_t i = 0; i < r->noptions; i++)
        sc_plan_result_free(&r->options[i]);
    free(r->options);
    r->options = NULL;
    r->noptions = 0;
}
