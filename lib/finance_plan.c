/* The financing plans of plans.csv applied to an amount, and the offer a
 * comparison shows for one plan. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stemcost/finance.h"

/* plans.csv holds rates in hundredths of a percent; APRs here are millionths. */
#define PLAN_RATE_TO_APR (SC_APR_SCALE / 100)

sc_status sc_plan_minimums(const sc_pricing *p, const sc_plan *plan, const sc_currency *cur,
                           int64_t *min_amount, int64_t *min_payment, sc_error *err)
{
    *min_amount = plan->min_amount;
    *min_payment = plan->min_payment;
    if (plan->currency == cur)
        return SC_OK;
    const sc_fx *from = sc_pricing_fx(p, plan->currency), *to = sc_pricing_fx(p, cur);
    if (from == NULL || to == NULL)
        return sc_error_field(err, SC_EINPUT, SC_R_NO_RATE, "currency",
                              "the tables have no exchange rate for %s: the minimums of plan "
                              "%s (in %s) cannot be converted",
                              (from == NULL ? plan->currency : cur)->code, plan->id,
                              plan->currency->code);
    if (sc_money_convert(plan->min_amount, plan->currency, from->per_usd, cur, to->per_usd,
                         min_amount, err) != SC_OK ||
        sc_money_convert(plan->min_payment, plan->currency, from->per_usd, cur, to->per_usd,
                         min_payment, err) != SC_OK)
        return SC_EINPUT;
    return SC_OK;
}

/* A level-payment loan of the plan's terms. */
static sc_status level_loan(int64_t loan, int64_t fee, int64_t apr, int months, sc_date start,
                            sc_due_dates due, sc_schedule *s, sc_error *err)
{
    sc_first_period fp;
    sc_loan_terms t = {.loan = loan, .fee = fee, .apr = apr, .months = months, .start = start,
                       .due = due};
    sc_status st = sc_first_period_of(start, due, &fp, err);
    if (st == SC_OK)
        st = sc_level_payment(loan, apr, months, fp, &t.payment, err);
    if (st == SC_OK)
        st = sc_schedule_build(&t, s, err);
    return st;
}

static sc_status plan_schedule(const sc_plan *plan, int64_t amount, int64_t min_payment,
                               sc_date start, sc_due_dates due, sc_plan_result *r,
                               sc_error *err)
{
    int64_t apr = plan->apr_pct * PLAN_RATE_TO_APR;
    switch (plan->kind) {
    case SC_PLAN_CASH:
        r->deposit = amount;
        return SC_OK;
    case SC_PLAN_INSTALMENT: {
        r->deposit = sc_money_percent(amount, plan->deposit_pct);
        if (r->deposit >= amount) { /* a 100 % deposit: paid in full */
            r->deposit = amount;
            return SC_OK;
        }
        return level_loan(amount - r->deposit, 0, apr, plan->months, start, due, &r->schedule,
                          err);
    }
    case SC_PLAN_DEFERRED: {
        r->has_deferred = 1;
        sc_status st = sc_deferred_eval(amount, plan->promo_months,
                                        plan->standard_apr_pct * PLAN_RATE_TO_APR, min_payment,
                                        start, due, &r->deferred, err);
        if (st != SC_OK)
            return st;
        return sc_deferred_schedule(amount, &r->deferred, start, due, &r->schedule,
                                    &r->deferred_rows, err);
    }
    case SC_PLAN_FIXED:
    case SC_PLAN_LOAN: {
        /* A loan's origination fee is a prepaid finance charge (Regulation Z
         * 1026.4), paid at signing: the amount financed is smaller than the
         * note and the APR exceeds the note rate. */
        int64_t fee = plan->kind == SC_PLAN_LOAN ? sc_money_percent(amount, plan->fee_pct) : 0;
        return level_loan(amount, fee, apr, plan->months, start, due, &r->schedule, err);
    }
    }
    return sc_error_set(err, SC_EINPUT, NULL, 0, 0, "unknown plan kind");
}

sc_status sc_finance_plan_from(const sc_plan *plan, int64_t amount, int64_t min_amount,
                               int64_t min_payment, sc_date start, sc_due_dates due,
                               sc_plan_result *r, sc_error *err)
{
    memset(r, 0, sizeof *r);
    r->plan = plan;
    r->available = amount >= min_amount;
    r->min_amount = min_amount;
    if (amount < 0 || amount > SC_MONEY_MAX)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "amount", "must be from 0 to %lld",
                              (long long)SC_MONEY_MAX);
    if (amount == 0) /* nothing to pay, nothing to finance */
        return SC_OK;
    sc_status st = plan_schedule(plan, amount, min_payment, start, due, r, err);
    if (st != SC_OK) {
        sc_plan_result_free(r);
        return st;
    }
    /* Up front: the deposit and the prepaid fee; then the payments. */
    r->upfront = r->deposit + r->schedule.fee;
    r->total_paid = r->upfront + r->schedule.total_of_payments;
    return SC_OK;
}

sc_status sc_finance_plan(const sc_plan *plan, int64_t amount, int64_t min_amount,
                          int64_t min_payment, sc_date start, sc_plan_result *r, sc_error *err)
{
    return sc_finance_plan_from(plan, amount, min_amount, min_payment, start,
                                sc_due_dates_default(start), r, err);
}

void sc_plan_result_free(sc_plan_result *r)
{
    sc_schedule_free(&r->schedule);
    sc_schedule_free(&r->baseline);
    free(r->deferred_rows);
    r->deferred_rows = NULL;
}

sc_status sc_plan_offer_for(const sc_pricing *p, const sc_plan *plan, int64_t amount,
                            const sc_currency *cur, sc_date start, sc_plan_offer *o,
                            sc_error *err)
{
    memset(o, 0, sizeof *o);
    o->plan = plan;
    o->currency = cur;
    sc_status st = sc_plan_minimums(p, plan, cur, &o->min_amount, &o->min_payment, err);
    if (st != SC_OK)
        return st;
    if (amount <= 0) {
        o->reason = SC_OFFER_NOTHING_TO_FINANCE;
        snprintf(o->why, sizeof o->why, "nothing to finance");
        return SC_OK;
    }
    if (amount < o->min_amount) {
        char b[48];
        o->reason = SC_OFFER_BELOW_MINIMUM;
        snprintf(o->why, sizeof o->why, "%s needs a purchase of at least %s %s", plan->id,
                 sc_money_format_plain(o->min_amount, cur, b, sizeof b), cur->code);
        return SC_OK;
    }
    sc_plan_result r;
    if ((st = sc_finance_plan(plan, amount, o->min_amount, o->min_payment, start, &r, err)) !=
        SC_OK)
        return st;
    const sc_schedule *s = &r.schedule;
    o->upfront_payment = r.upfront;
    o->total_paid = r.total_paid;
    if (s->nrows > 0) {
        o->monthly_payment = sc_schedule_regular_payment(s);
        o->months = s->nrows;
        o->last_payment = sc_schedule_last_payment(s);
        o->apr = s->apr_pct;
        o->finance_charge = s->finance_charge;
    }
    if (r.has_deferred) {
        o->deferred = 1;
        o->deferred_interest_if_late = r.deferred.back_interest;
        o->balance_at_expiry = r.deferred.balance_at_expiry;
        o->expiry = r.deferred.expiry;
    }
    sc_plan_result_free(&r);
    return SC_OK;
}
