/* The financing plans of plans.csv applied to an amount. */
#include <config.h>

#include <string.h>

#include "stemcost/finance.h"

sc_status sc_finance_plan(const sc_plan *plan, int64_t amount, int64_t min_amount,
                          int64_t min_payment, sc_date start, sc_plan_result *r, sc_error *err)
{
    memset(r, 0, sizeof *r);
    r->plan = plan;
    r->available = amount >= min_amount;
    r->min_amount = min_amount;
    double apr = plan->apr_pct / 100.0;
    sc_date first = sc_date_add_months(start, 1);
    switch (plan->kind) {
    case SC_PLAN_CASH:
        r->deposit = amount;
        return SC_OK;
    case SC_PLAN_INSTALMENT: {
        r->deposit = sc_money_percent(amount, plan->deposit_pct);
        int64_t loan = amount - r->deposit;
        sc_first_period fp = {1, 0.0, 0};
        int64_t pay = sc_level_payment(loan, apr, plan->months, fp);
        return sc_schedule_build(loan, 0, apr, plan->months, pay, 0, start, first, &r->schedule,
                                 err);
    }
    case SC_PLAN_DEFERRED: {
        r->has_deferred = 1;
        if (sc_deferred_eval(amount, plan->promo_months, plan->standard_apr_pct / 100.0,
                             min_payment, start, first, &r->deferred, err) != SC_OK)
            return err->status;
        /* Paid off in time: no interest, so the schedule is at 0 %. */
        return sc_schedule_build(amount, 0, 0.0, plan->promo_months, r->deferred.payoff_payment,
                                 0, start, first, &r->schedule, err);
    }
    case SC_PLAN_FIXED:
    case SC_PLAN_LOAN: {
        /* A loan's origination fee is a prepaid finance charge (Regulation Z
         * 1026.4): deducted up front, so the amount financed is smaller than
         * the note and the APR exceeds the note rate. */
        int64_t fee = plan->kind == SC_PLAN_LOAN ? sc_money_percent(amount, plan->fee_pct) : 0;
        sc_first_period fp = {1, 0.0, 0};
        int64_t pay = sc_level_payment(amount, apr, plan->months, fp);
        return sc_schedule_build(amount, fee, apr, plan->months, pay, 0, start, first,
                                 &r->schedule, err);
    }
    }
    return sc_error_set(err, SC_EINPUT, NULL, 0, 0, "unknown plan kind");
}

void sc_plan_result_free(sc_plan_result *r)
{
    sc_schedule_free(&r->schedule);
}
