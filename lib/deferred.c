/* Deferred-interest promotions ("no interest if paid in full in N months").
 *
 * Convention, stated because issuers differ: if any of the promotional balance
 * remains at expiry, the interest charged is simple interest accrued daily at
 * the standard APR / 365 on each day's balance from the purchase (start) date
 * to the expiry date (start + N months; a purchase on the last day of a month
 * expires on the last day of a month), summed exactly and rounded once, half
 * away from zero.  Payments fall on the loan's payment dates (sc_due_date);
 * a payment on the expiry date counts as in time.  With a single purchase
 * every payment goes to the promotional balance, as Regulation Z
 * 1026.53(b)(1) requires of payments above the minimum in the two cycles
 * before expiry.
 *
 * The advice is the smallest level payment that clears the balance with the
 * payments that fall on or before the expiry: the amount divided by their
 * number, rounded up to the minor unit, and never below the minimum. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "stemcost/finance.h"

/* Days a year for the daily rate, and the APR's scale: the daily rate is
 * apr / (365 x 100 x SC_APR_SCALE). */
#define DAILY_DEN ((__int128)365 * 100 * SC_APR_SCALE)

static int64_t round_half_up(__int128 num, __int128 den)
{
    __int128 q = num / den, r = num % den;
    return (int64_t)(q + (2 * r >= den));
}

void sc_deferred_follow(int64_t amount, int64_t payment, int64_t standard_apr, sc_date start,
                        sc_due_dates due, sc_date until, int64_t *balance_out,
                        int64_t *interest_out)
{
    long end = sc_date_days(until), day = sc_date_days(start);
    __int128 balance_days = 0; /* the sum of each day's balance, minor-unit days */
    int64_t balance = amount;
    for (int k = 1; balance > 0 && payment > 0; k++) {
        long pay_day = sc_date_days(sc_due_date(due, k));
        if (pay_day > end)
            break;
        if (pay_day > day) {
            balance_days += (__int128)balance * (pay_day - day);
            day = pay_day;
        }
        balance -= payment < balance ? payment : balance;
    }
    if (balance > 0 && end > day)
        balance_days += (__int128)balance * (end - day);
    *balance_out = balance;
    *interest_out = round_half_up(balance_days * standard_apr, DAILY_DEN);
}

/* The promotion ends promo_months after the purchase, on the purchase's day
 * of the month (clamped), or at a month end for a month-end purchase. */
static sc_date expiry_of(sc_date start, int promo_months)
{
    return sc_due_date(sc_due_dates_default(start), promo_months);
}

sc_status sc_deferred_eval(int64_t amount, int promo_months, int64_t standard_apr,
                           int64_t min_payment, sc_date start, sc_due_dates due,
                           sc_deferred *d, sc_error *err)
{
    char b[11];
    memset(d, 0, sizeof *d);
    if (amount <= 0 || amount > SC_MONEY_MAX)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "amount",
                              "nothing to finance (the amount must be more than any down "
                              "payment)");
    if (promo_months < 1 || promo_months > SC_PROMO_MAX_MONTHS)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "promo_months",
                              "must be from 1 to %d", SC_PROMO_MAX_MONTHS);
    if (standard_apr < 0 || standard_apr > SC_FINANCE_MAX_APR)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "apr", "must be from 0 to 100");
    if (min_payment < 0 || min_payment > SC_MONEY_MAX)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "min_payment",
                              "must be from 0 to %lld", (long long)SC_MONEY_MAX);
    if (sc_date_compare(due.first, start) <= 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "first_payment",
                              "the first payment must come after the start date");
    d->promo_months = promo_months;
    d->standard_apr = standard_apr;
    d->min_payment = min_payment;
    d->expiry = expiry_of(start, promo_months);
    if (!sc_date_writable(d->expiry))
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "start",
                              "the promotion would end after 9999-12-31");
    while (d->payments_in_time < SC_PROMO_MAX_MONTHS + 1 &&
           sc_date_compare(sc_due_date(due, d->payments_in_time + 1), d->expiry) <= 0)
        d->payments_in_time++;
    if (d->payments_in_time == 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "first_payment",
                              "the first payment comes after the promotion ends (%s): no "
                              "payment would count toward it", sc_date_format(d->expiry, b));
    int64_t n = d->payments_in_time;
    d->payoff_payment = (amount + n - 1) / n;
    if (d->payoff_payment < min_payment)
        d->payoff_payment = min_payment;
    sc_deferred_follow(amount, min_payment, standard_apr, start, due, d->expiry,
                       &d->balance_at_expiry, &d->back_interest);
    if (d->balance_at_expiry == 0)
        d->back_interest = 0; /* paid in time: nothing is charged */
    return SC_OK;
}

sc_status sc_deferred_schedule(int64_t amount, const sc_deferred *d, sc_date start,
                               sc_due_dates due, sc_schedule *s, sc_deferred_row **rows,
                               sc_error *err)
{
    *rows = NULL;
    sc_loan_terms t = {.loan = amount, .months = d->payments_in_time,
                       .payment = d->payoff_payment, .start = start, .due = due};
    sc_status st = sc_schedule_build(&t, s, err);
    if (st != SC_OK)
        return st;
    *rows = calloc((size_t)s->nrows, sizeof **rows);
    if (*rows == NULL) {
        sc_schedule_free(s);
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (int k = 0; k < s->nrows; k++) {
        int64_t balance;
        sc_date on = s->rows[k].date;
        sc_deferred_follow(amount, d->payoff_payment, d->standard_apr, start, due, on, &balance,
                           &(*rows)[k].accrued);
        sc_deferred_follow(amount, d->min_payment, d->standard_apr, start, due, on, &balance,
                           &(*rows)[k].accrued_on_minimum);
    }
    return SC_OK;
}
