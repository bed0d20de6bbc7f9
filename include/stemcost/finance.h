/* Financing: level-payment loans, schedules to the cent, the true APR under
 * US Regulation Z Appendix J (actuarial method), deferred-interest promotions
 * and the plans of the pricing tables.
 *
 * Conventions (see doc/stemcost.1 and the comments in lib/rate.c):
 *   - rates are exact decimals: an APR is held in millionths of a percent
 *     (SC_APR_SCALE; 15.9 % is 15900000), so every rate with up to six
 *     decimals is exact; the monthly rate is the APR / 12, an exact fraction;
 *   - each period's interest is balance x monthly rate computed exactly in
 *     integers and rounded once to the minor unit, half away from zero;
 *   - the level payment is the exact annuity payment, rounded once likewise;
 *   - the balance is carried in minor units; the last payment is the remaining
 *     balance plus its interest, so principal sums exactly to the loan (the
 *     financial-calculator method).  When the payment itself was given (the
 *     caller knows the payment and solves the rate), every payment is that
 *     payment and the last period's interest absorbs the cents that rounding
 *     left over (unless that interest is too small to absorb them: then the
 *     last payment does);
 *   - an irregular first period (first payment not one month after the
 *     start) has t whole months counted back from the first payment plus
 *     f = odd days / 30 (Appendix J (b)(5)(ii)); its interest is
 *     balance x ((1 + f r)(1 + r)^t - 1), exact, rounded once;
 *   - payment dates: see sc_due_dates;
 *   - a prepaid finance charge (fee) is paid at signing: amount financed =
 *     loan - fee; the APR is solved from the amount financed and the payments;
 *   - floating point is used only to solve the APR (GSL's Brent root finder).
 *
 * Errors: every function taking `sc_error *err` accepts NULL there.  Errors
 * about a caller's value name it as a field (option name without dashes).
 *
 * Ownership: sc_schedule_build(), sc_finance_plan(), sc_finance_plan_from()
 * and sc_finance_run() fill caller structs whose arrays are released with
 * sc_schedule_free(), sc_plan_result_free() and sc_finance_result_free().
 * sc_plan_offer_for() allocates nothing.  Nothing here prints. */
#ifndef STEMCOST_FINANCE_H
#define STEMCOST_FINANCE_H

#include <stddef.h>
#include <stdint.h>

#include "stemcost/dates.h"
#include "stemcost/error.h"
#include "stemcost/money.h"
#include "stemcost/pricing.h"

#ifdef __cplusplus
extern "C" {
#endif

/* APRs: millionths of a percent. */
#define SC_APR_DECIMALS 6
#define SC_APR_SCALE INT64_C(1000000)

/* Limits: a clear error instead of an absurd schedule. */
#define SC_FINANCE_MAX_MONTHS 600
#define SC_FINANCE_MAX_APR (100 * SC_APR_SCALE) /* 100 % */
#define SC_PROMO_MAX_MONTHS 120

/* ---- payment dates -------------------------------------------------------------- */

/* Payments fall monthly from `first`, on day `day` of each month, or on the
 * month's last day when the month is shorter (day 31: always the last day).
 *   - By default the first payment is one month after the start and `day` is
 *     the start's day, so a loan started on January 30 pays on February 28,
 *     March 30, April 30, ...;
 *   - a start on the last day of a month is a month-end loan: its payments
 *     fall on the last day of each month (January 31 -> February 28,
 *     March 31; April 30 -> May 31, June 30);
 *   - a first payment given by the caller sets `day` to its own day, except
 *     that a first payment on the last day of its month after a start on the
 *     last day of a month keeps the loan a month-end loan. */
typedef struct sc_due_dates {
    sc_date first;
    int day; /* 1 to 31 */
} sc_due_dates;

sc_due_dates sc_due_dates_default(sc_date start);
sc_due_dates sc_due_dates_from(sc_date start, sc_date first_payment);
/* Payment k: k = 1 is the first payment, k = 0 a month before it, ... */
sc_date sc_due_date(sc_due_dates due, int k);

/* Where the first payment falls relative to the start (Appendix J
 * (b)(5)(ii)): t whole months counted back from the first payment (on the
 * loan's payment days) plus f = odd days / 30.  A regular first period is
 * t = 1, f = 0.  `fraction` (odd_days / 30) is for the APR solver only. */
typedef struct sc_first_period {
    int months;
    double fraction;
    long odd_days;
} sc_first_period;

/* The first payment must come after the start and within
 * SC_FINANCE_MAX_MONTHS of it. */
sc_status sc_first_period_of(sc_date start, sc_due_dates due, sc_first_period *out,
                             sc_error *err);

/* ---- exact interest (lib/rate.c) ------------------------------------------------ */

/* One regular month's interest on `balance` at `apr` (millionths of a
 * percent): balance x apr / 1,200,000,000, rounded once, half away from zero. */
int64_t sc_period_interest(int64_t balance, int64_t apr);

/* The first period's interest: balance x ((1 + f r)(1 + r)^t - 1), exact,
 * rounded once.  Fails only when it exceeds SC_MONEY_MAX. */
sc_status sc_first_period_interest(int64_t balance, int64_t apr, sc_first_period fp,
                                   int64_t *out, sc_error *err);

/* The level payment that repays `principal` in n monthly payments at `apr`
 * after the first period fp: the exact annuity payment
 *   principal x (1 + f r)(1 + r)^(t-1) x r / (1 - (1 + r)^-n)
 * rounded once, half away from zero (at 0 %: principal / n, rounded). */
sc_status sc_level_payment(int64_t principal, int64_t apr, int n, sc_first_period fp,
                           int64_t *out, sc_error *err);

/* ---- schedules ------------------------------------------------------------------ */

typedef struct sc_loan_terms {
    int64_t loan;        /* the note amount the schedule repays */
    int64_t fee;         /* prepaid finance charge, paid at signing (0 to loan - 1) */
    int64_t apr;         /* note rate, millionths of a percent */
    int months;          /* at most this many payments */
    int64_t payment;     /* the level payment */
    int64_t extra;       /* extra principal with each payment (0: none) */
    int payment_given;   /* the payment is the contract: see the conventions */
    sc_date start;
    sc_due_dates due;
    const sc_currency *currency; /* for messages; NULL: two decimals */
} sc_loan_terms;

typedef struct sc_payment_row {
    int period;
    sc_date date;
    int64_t payment, interest, principal, balance;
} sc_payment_row;

typedef struct sc_schedule {
    sc_payment_row *rows;
    int nrows;
    int64_t loan;              /* the note amount */
    int64_t fee;               /* prepaid finance charge */
    int64_t payment;           /* the regular payment (before any extra) */
    int64_t extra;             /* extra principal each month */
    int64_t total_of_payments;
    int64_t total_interest;
    int64_t amount_financed;   /* loan - fee */
    int64_t finance_charge;    /* total of payments - amount financed */
    int64_t note_apr;          /* millionths of a percent */
    double apr_pct;            /* Regulation Z APR in percent, full precision */
    sc_date start;             /* the loan or purchase date */
    sc_first_period first;
    sc_due_dates due;
} sc_schedule;

/* Amortize the terms.  Refused (SC_EUSAGE) when the loan is degenerate:
 * a payment below one minor unit, or a regular payment that does not reduce
 * the balance (it only covers the interest, or less): the error names
 * "payment" when the payment was given, "amount" otherwise.  On failure the
 * schedule is empty. */
sc_status sc_schedule_build(const sc_loan_terms *t, sc_schedule *out, sc_error *err);
void sc_schedule_free(sc_schedule *s);
/* What a disclosure states: the payment of every period but the last (the
 * first payment's: with extra principal that pays the loan off at once, the
 * only payment, not payment + extra), and the last payment; 0 without
 * payments. */
int64_t sc_schedule_regular_payment(const sc_schedule *s);
int64_t sc_schedule_last_payment(const sc_schedule *s);
/* The APR as disclosed: a percentage to two decimals, half away from zero
 * ("13.35"), the one rounding of every APR stemcost prints (finance,
 * compare's offers, quotes, the web page and charts agree to the digit).
 * Returns buf (16 bytes are enough for any APR accepted). */
char *sc_apr_format(double apr_pct, char *buf, size_t n);

/* Regulation Z Appendix J actuarial APR (percent) for an amount financed
 * repaid by payments[k] at t = fp.months + k whole months plus fp.fraction,
 * solved with a bracketing root finder (GSL Brent).  Fails with SC_R_RANGE
 * when the payments add up to less than the amount financed, and with
 * SC_R_LIMIT when the APR is above SC_APR_SOLVE_MAX percent. */
#define SC_APR_SOLVE_MAX 1200000.0
sc_status sc_apr_solve(int64_t amount_financed, const int64_t *payments, int n,
                       sc_first_period fp, double *apr_pct, sc_error *err);

/* ---- deferred-interest promotions (lib/deferred.c) ------------------------------ */

/* No interest if the balance is paid in full by the expiry (start +
 * promo_months, a month-end purchase expiring at a month end); otherwise the
 * interest accrued from the purchase date on each day's balance at the
 * standard APR (simple, APR / 365 a day) is charged, rounded once. */
typedef struct sc_deferred {
    int promo_months;
    int64_t standard_apr;      /* millionths of a percent */
    sc_date expiry;
    int payments_in_time;      /* payment dates on or before the expiry */
    /* The advice: the smallest level payment that clears the balance with the
     * payments in time, and never below the minimum. */
    int64_t payoff_payment;
    int64_t min_payment;       /* assumed for the risk figures below */
    int64_t balance_at_expiry; /* on the minimum payment only */
    int64_t back_interest;     /* charged at expiry on the minimum payment only */
} sc_deferred;

/* Fails (SC_EUSAGE, field "first_payment") when no payment falls on or before
 * the expiry. */
sc_status sc_deferred_eval(int64_t amount, int promo_months, int64_t standard_apr,
                           int64_t min_payment, sc_date start, sc_due_dates due,
                           sc_deferred *out, sc_error *err);

/* Level payments of `payment` (the last one what is left) from `due`: the
 * balance left after the payments on or before `until`, and the deferred
 * interest accrued from the start to `until` on each day's balance (what
 * would be charged if the promotion ended then unpaid), rounded once. */
void sc_deferred_follow(int64_t amount, int64_t payment, int64_t standard_apr, sc_date start,
                        sc_due_dates due, sc_date until, int64_t *balance, int64_t *interest);

/* What is at stake on each payment date of a promotion: the deferred interest
 * accrued since the purchase on the schedule's balances, and on the minimum
 * payment only (charged in full if any balance remains at expiry). */
typedef struct sc_deferred_row {
    int64_t accrued, accrued_on_minimum;
} sc_deferred_row;

/* The schedule that follows the advice (at 0 %: payments_in_time payments of
 * payoff_payment, the last what is left) and its rows' figures (*rows has
 * s->nrows entries; free() it). */
sc_status sc_deferred_schedule(int64_t amount, const sc_deferred *d, sc_date start,
                               sc_due_dates due, sc_schedule *s, sc_deferred_row **rows,
                               sc_error *err);

/* ---- the plans of the tables (lib/finance_plan.c) ------------------------------- */

/* A plan applied to an amount. */
typedef struct sc_plan_result {
    const sc_plan *plan;      /* NULL for terms given by the caller */
    int available;            /* amount at or above the plan's minimum */
    int64_t min_amount;       /* that minimum, in the amount's currency */
    int64_t down;             /* the buyer's own down payment, before the plan */
    int64_t deposit;          /* the plan's deposit (cash: the whole amount) */
    int64_t upfront;          /* down + deposit + prepaid fee: paid at signing */
    int64_t total_paid;       /* upfront + total of payments */
    sc_schedule schedule;     /* empty for cash */
    sc_schedule baseline;     /* the same loan without extra principal, or empty */
    int has_deferred;
    sc_deferred deferred;
    sc_deferred_row *deferred_rows; /* one per schedule row, for a promotion */
} sc_plan_result;

/* The plan's minimum amount and minimum payment converted from the plan's
 * currency into `cur` at the tables' rates (rounded once); fails with
 * SC_R_NO_RATE (field "currency") when a rate is missing. */
sc_status sc_plan_minimums(const sc_pricing *p, const sc_plan *plan, const sc_currency *cur,
                           int64_t *min_amount, int64_t *min_payment, sc_error *err);

/* `amount` (after any down payment, in the caller's currency) under `plan`,
 * with the plan's thresholds already converted (sc_plan_minimums); payments
 * from `due`.  An amount of 0 gives an empty result (nothing paid, no
 * schedule).  sc_finance_plan() uses the default payment dates. */
sc_status sc_finance_plan_from(const sc_plan *plan, int64_t amount, int64_t min_amount,
                               int64_t min_payment, sc_date start, sc_due_dates due,
                               sc_plan_result *out, sc_error *err);
sc_status sc_finance_plan(const sc_plan *plan, int64_t amount, int64_t min_amount,
                          int64_t min_payment, sc_date start, sc_plan_result *out,
                          sc_error *err);
void sc_plan_result_free(sc_plan_result *r);

/* One plan's offer for an amount, as a comparison shows it (compare --plan).
 *   - Money is in the amount's currency (`cur`, minor units).  The plan's
 *     minimum purchase and minimum payment are converted from the plan's
 *     currency at the tables' rates, rounded once, half away from zero
 *     (sc_plan_minimums); a missing rate is an error, never the same digits.
 *   - The figures are exactly those of sc_finance_plan (so of `stemcost
 *     finance --plan`), rounded as the conventions above say:
 *     upfront_payment + monthly_payment x (months - 1) + last_payment is
 *     total_paid; finance_charge = total_paid - the amount.
 *   - Ownership: the offer is a plain struct filled in place; `plan` and
 *     `currency` point into the pricing model and the currency table.
 *   - Not applicable (reason != SC_OFFER_OK, `why` in words, figures 0):
 *     an amount below the plan's minimum purchase, or nothing to finance. */
typedef enum sc_offer_reason {
    SC_OFFER_OK = 0,
    SC_OFFER_BELOW_MINIMUM,      /* the amount is below the plan's minimum purchase */
    SC_OFFER_NOTHING_TO_FINANCE  /* the amount is zero or less */
} sc_offer_reason;

typedef struct sc_plan_offer {
    const sc_plan *plan;
    const sc_currency *currency;
    sc_offer_reason reason;      /* not SC_OFFER_OK: not applicable, see `why` */
    char why[160];               /* the reason in words, "" when applicable */
    int64_t min_amount;          /* the plan's minimum, converted */
    int64_t upfront_payment;     /* deposit and prepaid fee; cash: the amount */
    int64_t monthly_payment;     /* 0 for cash */
    int months;                  /* number of payments (0 for cash) */
    int64_t last_payment;        /* the last one (it absorbs rounding) */
    double apr;                  /* Regulation Z APR, percent */
    int64_t total_paid;
    int64_t finance_charge;
    int deferred;                /* a deferred-interest promotion: */
    int64_t deferred_interest_if_late; /* charged if only the minimum is paid */
    int64_t min_payment;         /* that minimum */
    int64_t balance_at_expiry;   /* owed at expiry on the minimum */
    sc_date expiry;
} sc_plan_offer;

/* Fails only on a missing exchange rate (SC_R_NO_RATE) or a plan whose terms
 * cannot be amortized; a plan that does not apply is SC_OK with a reason. */
sc_status sc_plan_offer_for(const sc_pricing *p, const sc_plan *plan, int64_t amount,
                            const sc_currency *cur, sc_date start, sc_plan_offer *out,
                            sc_error *err);

/* ---- a finance request (lib/finance_request.c) ---------------------------------- */

/* The choices as text, exactly as typed (an option's value or a form field);
 * NULL means not given, "" is refused.  Field names in errors are these
 * member names.  One rule for options: every option given either changes the
 * result or is refused (SC_EUSAGE, SC_R_NOT_APPLICABLE, naming it). */
typedef struct sc_finance_request {
    const char *amount;         /* required */
    const char *currency;       /* default USD */
    const char *plan;           /* a plan of the tables, or */
    int compare;                /* every plan, or */
    const char *apr, *months, *payment; /* terms: --apr and --months, or --payment and --months, or */
    const char *promo_months;   /* a deferred-interest promotion (with deferred and apr) */
    int deferred;
    const char *down, *fee, *extra, *start, *first_payment, *min_payment;
    const char *today;          /* YYYY-MM-DD: the default start; required */
} sc_finance_request;

typedef enum sc_finance_warning_kind {
    SC_FWARN_BELOW_MINIMUM,     /* the plan needs at least `amount` */
    SC_FWARN_LAST_PAYMENT,      /* rounding: the last payment `amount` differs from `other` by over 10 % */
    SC_FWARN_FIRST_PERIOD       /* the first period's interest `amount` exceeds the first payment `other` */
} sc_finance_warning_kind;

typedef struct sc_finance_warning {
    sc_finance_warning_kind kind;
    const sc_plan *plan;
    int64_t amount, other;
} sc_finance_warning;

#define SC_FINANCE_MAX_WARNINGS 8
/* Longest text sc_finance_warning_text writes. */
#define SC_FINANCE_WARNING_MAX 256

typedef struct sc_finance_result {
    const sc_currency *currency;
    int64_t amount;             /* the price */
    int64_t down;               /* the buyer's own down payment */
    int compare;                /* options[] holds every plan */
    sc_plan_result *options;    /* one, or every plan with compare */
    size_t noptions;
    sc_finance_warning warnings[SC_FINANCE_MAX_WARNINGS];
    size_t nwarnings;
} sc_finance_result;

sc_status sc_finance_run(const sc_pricing *p, const sc_finance_request *req,
                         sc_finance_result *out, sc_error *err);
void sc_finance_result_free(sc_finance_result *r);
char *sc_finance_warning_text(const sc_finance_result *r, size_t i, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
