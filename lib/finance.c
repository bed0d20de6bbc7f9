/* Payment dates, schedules to the cent and the Regulation Z APR.
 * See include/stemcost/finance.h for the conventions; the exact interest and
 * payment arithmetic is in lib/rate.c. */
#include <config.h>

#include "stemcost/finance.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Regulation Z Appendix J (b)(5)(ii): when the unit period is a month, an odd
 * fraction of a period is the odd days divided by 30. */
#define DAYS_PER_MONTH_FRACTION 30.0

/* ---- payment dates ------------------------------------------------------------- */

static int month_end(sc_date d)
{
    return d.day == sc_days_in_month(d.year, d.month);
}

sc_date sc_due_date(sc_due_dates due, int k)
{
    /* sc_date_add_months clamps a day past the month's end to its last day. */
    sc_date anchor = {due.first.year, due.first.month, due.day};
    return sc_date_add_months(anchor, k - 1);
}

sc_due_dates sc_due_dates_default(sc_date start)
{
    sc_due_dates due;
    due.day = month_end(start) ? 31 : start.day;
    sc_date anchor = {start.year, start.month, due.day};
    due.first = sc_date_add_months(anchor, 1);
    return due;
}

sc_due_dates sc_due_dates_from(sc_date start, sc_date first_payment)
{
    sc_due_dates due = {first_payment, first_payment.day};
    if (month_end(first_payment) && month_end(start))
        due.day = 31;
    return due;
}

sc_status sc_first_period_of(sc_date start, sc_due_dates due, sc_first_period *out,
                             sc_error *err)
{
    if (sc_date_compare(due.first, start) <= 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "first_payment",
                              "the first payment must come after the start date");
    /* Whole months counted back from the first payment on the loan's payment
     * days (a month-end loan counts back to month ends), then the odd days. */
    int m = 0;
    while (m < SC_FINANCE_MAX_MONTHS && sc_date_compare(sc_due_date(due, -m), start) >= 0)
        m++;
    if (m >= SC_FINANCE_MAX_MONTHS)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "first_payment",
                              "the first payment is more than %d months after the start",
                              SC_FINANCE_MAX_MONTHS);
    out->months = m;
    out->odd_days = sc_date_days(sc_due_date(due, 1 - m)) - sc_date_days(start);
    out->fraction = (double)out->odd_days / DAYS_PER_MONTH_FRACTION;
    return SC_OK;
}

/* ---- schedules ------------------------------------------------------------------- */

static const char *money_text(const sc_loan_terms *t, int64_t v, char *buf, size_t n)
{
    return sc_decimal_format(v, t->currency ? t->currency->digits : 2, 0, buf, n);
}

static sc_status check_terms(const sc_loan_terms *t, sc_error *err)
{
    if (t->loan <= 0 || t->loan > SC_MONEY_MAX)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "amount",
                              "nothing to finance (the amount must be more than any down "
                              "payment)");
    if (t->months < 1 || t->months > SC_FINANCE_MAX_MONTHS)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "months", "must be from 1 to %d",
                              SC_FINANCE_MAX_MONTHS);
    if (t->apr < 0 || t->apr > SC_FINANCE_MAX_APR)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "apr", "must be from 0 to 100");
    if (t->fee < 0 || t->fee >= t->loan)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "fee",
                              "the fee must be less than the amount financed");
    if (t->extra < 0 || t->extra > SC_MONEY_MAX || t->payment < 0 ||
        t->payment > SC_MONEY_MAX)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, t->extra < 0 ? "extra" : "payment",
                              "must be from 0 to %lld", (long long)SC_MONEY_MAX);
    if (!sc_date_writable(sc_due_date(t->due, t->months)))
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "start",
                              "the last payment would fall after 9999-12-31");
    if (t->payment + t->extra < 1)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE,
                              t->payment_given ? "payment" : "amount",
                              "%s over %d months is less than the smallest unit of money a "
                              "month: finance over fewer months",
                              money_text(t, t->loan, (char[48]){0}, 48), t->months);
    return SC_OK;
}

/* A regular payment that does not reduce the balance: only interest is paid
 * and the whole loan would fall due with the last payment. */
static sc_status never_shrinks(const sc_loan_terms *t, int64_t pay, int64_t interest,
                               sc_error *err)
{
    char a[48], b[48];
    return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, t->payment_given ? "payment" : "amount",
                          "a monthly payment of %s does not reduce the balance (the interest "
                          "is %s a month): only interest would be paid and the whole loan "
                          "would fall due at the end; finance over fewer months%s",
                          money_text(t, pay, a, sizeof a), money_text(t, interest, b, sizeof b),
                          t->payment_given ? " or pay more" : " or at a lower rate");
}

sc_status sc_schedule_build(const sc_loan_terms *t, sc_schedule *s, sc_error *err)
{
    memset(s, 0, sizeof *s);
    sc_status st = check_terms(t, err);
    if (st != SC_OK || (st = sc_first_period_of(t->start, t->due, &s->first, err)) != SC_OK)
        return st;
    s->rows = calloc((size_t)t->months, sizeof *s->rows);
    if (s->rows == NULL)
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    s->loan = t->loan;
    s->fee = t->fee;
    s->payment = t->payment;
    s->extra = t->extra;
    s->note_apr = t->apr;
    s->start = t->start;
    s->due = t->due;

    int64_t balance = t->loan;
    for (int k = 1; k <= t->months && balance > 0; k++) {
        int64_t interest;
        if (k == 1) {
            if ((st = sc_first_period_interest(balance, t->apr, s->first, &interest, err)) !=
                SC_OK)
                goto fail;
        } else {
            interest = sc_period_interest(balance, t->apr);
        }
        int64_t pay = t->payment + t->extra;
        if (k == t->months && t->payment_given && t->extra == 0 && pay >= balance) {
            /* The given payment is the contract: its interest absorbs the
             * rounding left over. */
            interest = pay - balance;
        } else if (k == t->months || pay >= balance + interest) {
            /* The last payment is the remaining balance plus its interest. */
            pay = balance + interest;
        } else if (k > 1 && pay <= interest) {
            st = never_shrinks(t, pay, interest, err);
            goto fail;
        }
        sc_payment_row *row = &s->rows[s->nrows++];
        row->period = k;
        row->date = sc_due_date(t->due, k);
        row->payment = pay;
        row->interest = interest;
        row->principal = pay - interest;
        balance -= row->principal;
        row->balance = balance;
        s->total_of_payments += pay;
        s->total_interest += interest;
    }
    s->amount_financed = t->loan - t->fee;
    s->finance_charge = s->total_of_payments - s->amount_financed;
    int64_t *pays = malloc((size_t)s->nrows * sizeof *pays);
    if (pays == NULL) {
        st = sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
        goto fail;
    }
    for (int k = 0; k < s->nrows; k++)
        pays[k] = s->rows[k].payment;
    st = sc_apr_solve(s->amount_financed, pays, s->nrows, s->first, &s->apr_pct, err);
    free(pays);
    if (st == SC_OK)
        return SC_OK;
fail:
    sc_schedule_free(s);
    return st;
}

int64_t sc_schedule_regular_payment(const sc_schedule *s)
{
    return s->nrows > 0 ? s->rows[0].payment : 0;
}

int64_t sc_schedule_last_payment(const sc_schedule *s)
{
    return s->nrows > 0 ? s->rows[s->nrows - 1].payment : 0;
}

char *sc_apr_format(double apr_pct, char *buf, size_t n)
{
    /* round() is half away from zero; printf's own rounding of "%.2f" is
     * of the binary value and can go the other way at a half (12.125). */
    snprintf(buf, n, "%.2f", round(apr_pct * 100.0) / 100.0 + 0.0);
    return buf;
}

void sc_schedule_free(sc_schedule *s)
{
    free(s->rows);
    s->rows = NULL;
    s->nrows = 0;
}

/* ---- Regulation Z APR ---------------------------------------------------------- */

typedef struct apr_problem {
    double amount;
    const int64_t *payments;
    int n;
    sc_first_period fp;
} apr_problem;

/* Appendix J (b)(8): A = sum_k P_k / ((1 + f i)(1 + i)^t_k), as f(i) = sum - A,
 * which falls as i rises. */
static double apr_equation(double i, void *vp)
{
    const apr_problem *p = vp;
    double lead = 1.0 + p->fp.fraction * i;
    double v = 1.0 / (1.0 + i);
    double disc = exp(-p->fp.months * gsl_log1p(i)); /* (1+i)^-t for the first payment */
    double sum = 0.0;
    for (int k = 0; k < p->n; k++) {
        sum += (double)p->payments[k] * disc;
        disc *= v;
    }
    return sum / lead - p->amount;
}

sc_status sc_apr_solve(int64_t amount_financed, const int64_t *payments, int n,
                       sc_first_period fp, double *apr_pct, sc_error *err)
{
    apr_problem p = {(double)amount_financed, payments, n, fp};
    int64_t total = 0;
    /* GSL's default handler aborts; the library reports errors instead. */
    gsl_set_error_handler_off();
    if (amount_financed <= 0 || n <= 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "amount", "nothing is financed");
    for (int k = 0; k < n; k++)
        total += payments[k];
    if (total < amount_financed)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "payment",
                              "the payments add up to less than the amount financed: they "
                              "never repay it");
    if (total == amount_financed && fp.fraction == 0.0) {
        *apr_pct = 0.0;
        return SC_OK;
    }
    /* Bracket the monthly rate: f(0) >= 0; grow the upper end until f < 0. */
    double lo = 0.0, hi = 0.01, max = SC_APR_SOLVE_MAX / 1200.0;
    while (apr_equation(hi, &p) > 0.0) {
        if (hi >= max)
            return sc_error_field(err, SC_EUSAGE, SC_R_LIMIT, "", "the APR is above %.0f %%",
                                  SC_APR_SOLVE_MAX);
        hi = hi * 2.0 < max ? hi * 2.0 : max;
    }
    if (apr_equation(lo, &p) <= 0.0) {
        *apr_pct = 0.0;
        return SC_OK;
    }
    gsl_function F = {apr_equation, &p};
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (s == NULL)
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    double root = 0.0;
    int status = gsl_root_fsolver_set(s, &F, lo, hi), iter = 0;
    while (status == GSL_SUCCESS || status == GSL_CONTINUE) {
        if (++iter > 200) {
            status = GSL_EMAXITER;
            break;
        }
        if ((status = gsl_root_fsolver_iterate(s)) != GSL_SUCCESS)
            break;
        root = gsl_root_fsolver_root(s);
        status = gsl_root_test_interval(gsl_root_fsolver_x_lower(s),
                                        gsl_root_fsolver_x_upper(s), 1e-15, 1e-13);
        if (status == GSL_SUCCESS)
            break;
    }
    gsl_root_fsolver_free(s);
    if (status != GSL_SUCCESS)
        return sc_error_set(err, SC_EINPUT, NULL, 0, 0, "the APR did not converge (%s)",
                            gsl_strerror(status));
    *apr_pct = root * 12.0 * 100.0;
    return SC_OK;
}
