/* Financing: level-payment loans, schedules to the cent, the true APR under
 * US Regulation Z Appendix J (actuarial method), deferred-interest promotions
 * and the plans of the pricing tables.
 *
 * Conventions (see doc/stemcost.1 and the comments in lib/finance.c):
 *   - monthly unit periods; the periodic rate is the annual rate / 12;
 *   - the payment is rounded to the minor unit, half away from zero; each
 *     period's interest is rounded likewise; the balance is carried in minor
 *     units; the last payment is the remaining balance plus its interest, so
 *     principal sums exactly to the loan (the financial-calculator method);
 *   - an irregular first period (first payment not one month after the
 *     start) has t whole months plus f = odd days / 30 (Appendix J (b)(5));
 *     its interest is balance x ((1 + f r)(1 + r)^t - 1);
 *   - a prepaid finance charge (fee) is paid up front: amount financed =
 *     loan - fee; the APR is solved from the amount financed and the payments.
 *
 * Ownership: sc_schedule_build() and sc_finance_plan() fill caller structs
 * whose arrays are freed with sc_schedule_free().  Nothing here prints. */
#ifndef STEMCOST_FINANCE_H
#define STEMCOST_FINANCE_H

#include <stdint.h>

#include "stemcost/dates.h"
#include "stemcost/error.h"
#include "stemcost/money.h"
#include "stemcost/pricing.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Limits: a clear error instead of an absurd schedule. */
#define SC_FINANCE_MAX_MONTHS 600
#define SC_FINANCE_MAX_APR 100.0 /* percent */

/* Where the first payment falls relative to the start: t whole months plus
 * f = odd days / 30 (Appendix J). A regular first period is t = 1, f = 0. */
typedef struct sc_first_period {
    int months;
    double fraction;
    long odd_days;
} sc_first_period;

/* From the start (advance) date and first payment date; the first payment
 * must come after the start. */
sc_status sc_first_period_of(sc_date start, sc_date first_payment, sc_first_period *out,
                             sc_error *err);

/* The level payment that repays `principal` minor units in n monthly payments
 * at annual rate apr_pct, rounded half away from zero to the minor unit.
 * Numerically sound for a zero or tiny rate (expm1/log1p) and long terms. */
int64_t sc_level_payment(int64_t principal, double apr_pct, int n, sc_first_period fp);

typedef struct sc_payment_row {
    int period;
    sc_date date;
    int64_t payment, interest, principal, balance;
} sc_payment_row;

typedef struct sc_schedule {
    sc_payment_row *rows;
    int nrows;
    int64_t loan;             /* the note amount the schedule repays */
    int64_t fee;              /* prepaid finance charge */
    int64_t down;             /* paid before financing (not part of the loan) */
    int64_t payment;          /* the regular payment (before any extra) */
    int64_t extra;            /* extra principal each month */
    int64_t total_of_payments;
    int64_t total_interest;
    int64_t amount_financed;  /* loan - fee */
    int64_t finance_charge;   /* total of payments - amount financed */
    double note_apr_pct;
    double apr_pct;           /* Regulation Z APR, full precision */
    sc_first_period first;
} sc_schedule;

/* Amortize `loan` at apr_pct with the given level payment (plus `extra`
 * principal each month), payments monthly from first_payment.  Fails when the
 * payment can never repay the loan (the message gives the smallest that
 * would in `months` payments). */
sc_status sc_schedule_build(int64_t loan, int64_t fee, double apr_pct, int months,
                            int64_t payment, int64_t extra, sc_date start, sc_date first_payment,
                            sc_schedule *out, sc_error *err);
void sc_schedule_free(sc_schedule *s);

/* Regulation Z Appendix J actuarial APR (percent) for an amount financed
 * repaid by payments[k] at t = fp.months + k whole months plus fp.fraction,
 * solved with a bracketing root finder (GSL Brent). */
sc_status sc_apr_solve(int64_t amount_financed, const int64_t *payments, int n,
                       sc_first_period fp, double *apr_pct, sc_error *err);

/* A deferred-interest promotion: no interest if the balance is paid within
 * promo_months; otherwise interest accrued from the purchase date on the
 * daily balance at the standard APR (simple, APR / 365 a day) is charged. */
typedef struct sc_deferred {
    int promo_months;
    double standard_apr_pct;
    int64_t min_payment;
    int64_t payoff_payment;    /* pays it off in time: max(ceil(amount / months), minimum) */
    int64_t balance_at_expiry; /* on minimum payments only */
    int64_t back_interest;     /* charged at expiry on minimum payments only */
    sc_date expiry;
} sc_deferred;

sc_status sc_deferred_eval(int64_t amount, int promo_months, double standard_apr_pct,
                           int64_t min_payment, sc_date start, sc_date first_payment,
                           sc_deferred *out, sc_error *err);

/* A plan from plans.csv applied to an amount (in `cur`, the plan's money
 * thresholds converted from the plan's currency by the caller). */
typedef struct sc_plan_result {
    const sc_plan *plan;
    int available;            /* amount at or above the plan's minimum */
    int64_t min_amount;       /* that minimum, in the amount's currency */
    int64_t deposit;
    sc_schedule schedule;     /* empty for cash */
    int has_deferred;
    sc_deferred deferred;
} sc_plan_result;

sc_status sc_finance_plan(const sc_plan *plan, int64_t amount, int64_t min_amount,
                          int64_t min_payment, sc_date start, sc_plan_result *out,
                          sc_error *err);
void sc_plan_result_free(sc_plan_result *r);

#ifdef __cplusplus
}
#endif
#endif
