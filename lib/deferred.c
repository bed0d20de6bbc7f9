/* Deferred-interest promotions ("no interest if paid in full in N months").
 *
 * Convention, stated because issuers differ: if any of the promotional balance
 * remains at expiry, the interest charged is simple interest accrued daily at
 * the standard APR / 365 on each day's balance from the purchase (start) date
 * to the expiry date (start + N months), summed and rounded once, half away
 * from zero.  Payments fall monthly from the first payment date; a payment on
 * the expiry date counts as in time.  With a single purchase every payment
 * goes to the promotional balance, as Regulation Z 1026.53(b)(1) requires of
 * payments above the minimum in the two cycles before expiry. */
#include <config.h>

#include <math.h>
#include <string.h>

#include "stemcost/finance.h"

sc_status sc_deferred_eval(int64_t amount, int promo_months, double standard_apr_pct,
                           int64_t min_payment, sc_date start, sc_date first_payment,
                           sc_deferred *d, sc_error *err)
{
    memset(d, 0, sizeof *d);
    if (amount <= 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "amount","must be more than zero");
    if (promo_months < 1 || promo_months > 120)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "promo_months","must be from 1 to 120");
    if (standard_apr_pct < 0 || standard_apr_pct > SC_FINANCE_MAX_APR)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "apr","must be from 0 to 100");
    if (sc_date_compare(first_payment, start) <= 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "first_payment","the first payment must come after the start date");
    d->promo_months = promo_months;
    d->standard_apr_pct = standard_apr_pct;
    d->min_payment = min_payment;
    d->expiry = sc_date_add_months(start, promo_months);
    /* Paying it off in time: the amount over the months, rounded up to the
     * minor unit so the last payment is not short, and never below the minimum. */
    d->payoff_payment = (amount + promo_months - 1) / promo_months;
    if (d->payoff_payment < min_payment)
        d->payoff_payment = min_payment;

    /* Minimum payments only: walk the days between payments. */
    long expiry = sc_date_days(d->expiry), day = sc_date_days(start);
    long double balance_days = 0; /* sum of each day's balance, minor-unit days */
    int64_t balance = amount;
    for (int k = 0; balance > 0; k++) {
        long pay_day = sc_date_days(sc_date_add_months(first_payment, k));
        if (pay_day > expiry)
            break;
        balance_days += (long double)balance * (pay_day - day);
        day = pay_day;
        balance -= min_payment < balance ? min_payment : balance;
    }
    if (balance > 0)
        balance_days += (long double)balance * (expiry - day);
    d->balance_at_expiry = balance;
    if (balance > 0)
        d->back_interest =
            (int64_t)llroundl(balance_days * (long double)standard_apr_pct / 100.0L / 365.0L);
    return SC_OK;
}
