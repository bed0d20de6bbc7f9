/* Level-payment loans, schedules to the cent and the Regulation Z APR.
 * See include/stemcost/finance.h for the conventions. */
#include <config.h>

#include "stemcost/finance.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Regulation Z Appendix J (b)(5): when the unit period is a month, an odd
 * fraction of a period is the odd days divided by 30. */
#define DAYS_PER_MONTH_FRACTION 30.0

sc_status sc_first_period_of(sc_date start, sc_date first_payment, sc_first_period *out,
                             sc_error *err)
{
    if (sc_date_compare(first_payment, start) <= 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "first_payment","the first payment must come after the start date");
    /* Count whole months back from the first payment, then the odd days left. */
    int m = 0;
    while (m < SC_FINANCE_MAX_MONTHS &&
           sc_date_compare(sc_date_add_months(first_payment, -(m + 1)), start) >= 0)
        m++;
    if (m >= SC_FINANCE_MAX_MONTHS)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "first_payment","the first payment is too far after the start");
    out->months = m;
    out->odd_days = sc_date_days(sc_date_add_months(first_payment, -m)) - sc_date_days(start);
    out->fraction = (double)out->odd_days / DAYS_PER_MONTH_FRACTION;
    return SC_OK;
}

/* (1 + r)^x for real x, through log1p so that tiny rates keep their digits. */
static double grow(double r, double x)
{
    return exp(x * gsl_log1p(r));
}

/* The factor by which the balance grows over the first period:
 * (1 + f r)(1 + r)^t  (Appendix J's general equation, inverted). */
static double first_growth(double r, sc_first_period fp)
{
    return (1.0 + fp.fraction * r) * grow(r, fp.months);
}

int64_t sc_level_payment(int64_t principal, double apr_pct, int n, sc_first_period fp)
{
    if (n <= 0)
        return 0;
    double r = apr_pct / 1200.0;
    /* Present value of 1 per period for n periods: (1 - (1+r)^-n) / r, written
     * with expm1/log1p: a rate of 1e-16 still gives n, not 0/0 or noise. */
    double annuity = (r == 0.0) ? n : -gsl_expm1(-n * gsl_log1p(r)) / r;
    /* Payments fall at t + k - 1 whole periods plus f: scale for the first period. */
    double payment = (double)principal * first_growth(r, fp) / grow(r, 1.0) / annuity;
    return (int64_t)llround(payment);
}

/* Interest for one period on `balance`, rounded half away from zero
 * (long double keeps the product exact enough at the largest balances). */
static int64_t period_interest(int64_t balance, double factor)
{
    return (int64_t)llroundl((long double)balance * (long double)factor);
}

static sc_status too_small(int64_t loan, double apr_pct, int months, sc_first_period fp,
                           sc_error *err)
{
    int64_t need = sc_level_payment(loan, apr_pct, months, fp);
    return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "payment","the payment never repays the loan (it does not cover the interest); "
                        "%d payments need at least %lld.%02lld",
                        months, (long long)(need / 100), (long long)(need % 100));
}

sc_status sc_schedule_build(int64_t loan, int64_t fee, double apr_pct, int months,
                            int64_t payment, int64_t extra, sc_date start, sc_date first_payment,
                            sc_schedule *s, sc_error *err)
{
    memset(s, 0, sizeof *s);
    if (loan <= 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "amount","nothing to finance (the amount must be more than any down payment)");
    if (months < 1 || months > SC_FINANCE_MAX_MONTHS)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "months","must be from 1 to %d",
                            SC_FINANCE_MAX_MONTHS);
    if (apr_pct < 0 || apr_pct > SC_FINANCE_MAX_APR)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "apr","must be from 0 to 100");
    if (fee < 0 || fee >= loan)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "fee","the fee must be less than the amount financed");
    if (sc_first_period_of(start, first_payment, &s->first, err) != SC_OK)
        return SC_EUSAGE;
    double r = apr_pct / 1200.0;
    s->rows = calloc((size_t)months, sizeof *s->rows);
    if (s->rows == NULL)
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    s->loan = loan;
    s->fee = fee;
    s->payment = payment;
    s->extra = extra;
    s->note_apr_pct = apr_pct;

    int64_t balance = loan;
    for (int k = 1; k <= months && balance > 0; k++) {
        double factor = (k == 1) ? first_growth(r, s->first) - 1.0 : r;
        int64_t interest = period_interest(balance, factor);
        int64_t pay = payment + extra;
        /* The last payment is the remaining balance plus its interest. */
        if (k == months || pay >= balance + interest)
            pay = balance + interest;
        else if (pay < interest && k > 1) {
            /* A regular period whose payment does not cover its interest: the
             * balance would only grow.  (A long first period may accrue more
             * than one payment; the level payment accounts for that.) */
            sc_schedule_free(s);
            return too_small(loan, apr_pct, months, s->first, err);
        }
        sc_payment_row *row = &s->rows[s->nrows++];
        row->period = k;
        row->date = sc_date_add_months(first_payment, k - 1);
        row->payment = pay;
        row->interest = interest;
        row->principal = pay - interest;
        balance -= row->principal;
        row->balance = balance;
        s->total_of_payments += pay;
        s->total_interest += interest;
    }
    s->amount_financed = loan - fee;
    s->finance_charge = s->total_of_payments - s->amount_financed;
    int64_t *pays = malloc((size_t)s->nrows * sizeof *pays);
    if (pays == NULL) {
        sc_schedule_free(s);
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (int k = 0; k < s->nrows; k++)
        pays[k] = s->rows[k].payment;
    sc_status st = sc_apr_solve(s->amount_financed, pays, s->nrows, s->first, &s->apr_pct, err);
    free(pays);
    if (st != SC_OK)
        sc_schedule_free(s);
    return st;
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
    double v = 1.0 / (1.0 + i), disc = grow(i, p->fp.months);
    double sum = 0.0;
    disc = 1.0 / disc; /* (1+i)^-t for the first payment */
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
    for (int k = 0; k < n; k++)
        total += payments[k];
    if (amount_financed <= 0 || n <= 0)
        return sc_error_set(err, SC_EUSAGE, NULL, 0, 0, "nothing is financed");
    if (total < amount_financed)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "payment","the payments add up to less than the amount financed: they never "
                            "repay it");
    if (total == amount_financed && fp.fraction == 0.0) {
        *apr_pct = 0.0;
        return SC_OK;
    }
    /* Bracket the monthly rate: f(0) >= 0; grow the upper end until f < 0. */
    double lo = 0.0, hi = 0.01;
    while (apr_equation(hi, &p) > 0.0) {
        hi *= 2.0;
        if (hi > 100.0)
            return sc_error_set(err, SC_EUSAGE, NULL, 0, 0, "the APR is beyond any sense");
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
