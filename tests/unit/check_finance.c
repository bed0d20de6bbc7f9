/* Financing against independently published worked examples (each cited),
 * hand calculations written out below, and properties of random loans
 * checked with the test's own integer arithmetic. */
#include <config.h>

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stemcost/finance.h"

static const sc_first_period REGULAR = {1, 0.0, 0};

/* An APR of num/den percent, in millionths of a percent (exact). */
#define PCT(num, den) ((int64_t)(num) * SC_APR_SCALE / (den))

static sc_date D(int y, int m, int d)
{
    sc_date x = {y, m, d};
    return x;
}

static double apr_of(int64_t financed, const int64_t *pays, int n, sc_first_period fp)
{
    double apr = -1;
    sc_error e;
    ck_assert_msg(sc_apr_solve(financed, pays, n, fp, &apr, &e) == SC_OK, "%s", e.msg);
    return apr;
}

/* APR rounded to two decimals, as disclosed. */
static double round2(double x)
{
    return round(x * 100.0) / 100.0;
}

static int64_t pmt(int64_t principal, int64_t apr, int n, sc_first_period fp)
{
    int64_t p = -1;
    sc_error e;
    ck_assert_msg(sc_level_payment(principal, apr, n, fp, &p, &e) == SC_OK, "%s", e.msg);
    return p;
}

/* A schedule with payments from `first` (its day of the month). */
static void build(int64_t loan, int64_t fee, int64_t apr, int months, int64_t payment,
                  int64_t extra, sc_date start, sc_date first, sc_schedule *s)
{
    sc_error e;
    sc_loan_terms t = {.loan = loan, .fee = fee, .apr = apr, .months = months,
                       .payment = payment, .extra = extra, .start = start,
                       .due = sc_due_dates_from(start, first)};
    ck_assert_msg(sc_schedule_build(&t, s, &e) == SC_OK, "%s", e.msg);
}

static sc_status try_build(int64_t loan, int64_t fee, int64_t apr, int months, int64_t payment,
                           sc_schedule *s, sc_error *e)
{
    sc_loan_terms t = {.loan = loan, .fee = fee, .apr = apr, .months = months,
                       .payment = payment, .start = D(2026, 1, 1),
                       .due = sc_due_dates_from(D(2026, 1, 1), D(2026, 2, 1))};
    return sc_schedule_build(&t, s, e);
}

START_TEST(test_level_payment_published)
{
    /* Microsoft Excel, PMT function documentation: PMT(8%/12, 10, 10000) = -1,037.03. */
    ck_assert_int_eq(pmt(1000000, PCT(8, 1), 10, REGULAR), 103703);
    /* Microsoft Visual FoxPro, PAYMENT() documentation: $100,000 at 10.5 % for
     * 20 years of monthly payments displays 998.38. */
    ck_assert_int_eq(pmt(10000000, PCT(105, 10), 240, REGULAR), 99838);
    /* HP 12c platinum user's guide, section 3 (amortization): $250,000 at 5.25 %
     * for 25 years requires $1,498.12; for 30 years $1,380.51. */
    ck_assert_int_eq(pmt(25000000, PCT(525, 100), 300, REGULAR), 149812);
    ck_assert_int_eq(pmt(25000000, PCT(525, 100), 360, REGULAR), 138051);
    /* HP-12C owner's handbook: $50,000 at 13.25 % for 25 years: $573.35. */
    ck_assert_int_eq(pmt(5000000, PCT(1325, 100), 300, REGULAR), 57335);
}
END_TEST

/* The APR as disclosed: two decimals, half away from zero.  12.125 is exact in
 * binary, so printf alone would round it to even (12.12); the rule gives 12.13. */
START_TEST(test_apr_format)
{
    char b[32];
    ck_assert_str_eq(sc_apr_format(12.125, b, sizeof b), "12.13");
    ck_assert_str_eq(sc_apr_format(9.69, b, sizeof b), "9.69");
    ck_assert_str_eq(sc_apr_format(13.354999, b, sizeof b), "13.35");
    ck_assert_str_eq(sc_apr_format(0.0, b, sizeof b), "0.00");
    ck_assert_str_eq(sc_apr_format(-0.0, b, sizeof b), "0.00"); /* no "-0.00" */
    ck_assert_str_eq(sc_apr_format(100.0, b, sizeof b), "100.00");
}
END_TEST

START_TEST(test_zero_and_tiny_rates)
{
    /* 0 %: $1,200 over 12 months is $100.00 exactly. */
    ck_assert_int_eq(pmt(120000, 0, 12, REGULAR), 10000);
    /* The smallest rate, 0.000001 %: the payment exceeds $100 by about
     * 1200 x 10^-8 / 12 x 6.5 cents, far below half a cent: still $100.00. */
    ck_assert_int_eq(pmt(120000, 1, 12, REGULAR), 10000);
    /* $1,000 over 3 months at 0 %: 333.33, 333.33 and a last payment of 333.34. */
    sc_schedule s;
    ck_assert_int_eq(pmt(100000, 0, 3, REGULAR), 33333);
    build(100000, 0, 0, 3, 33333, 0, D(2026, 1, 15), D(2026, 2, 15), &s);
    ck_assert_int_eq(s.nrows, 3);
    ck_assert_int_eq(s.rows[2].payment, 33334);
    ck_assert_int_eq(s.total_interest, 0);
    ck_assert_double_eq_tol(s.apr_pct, 0.0, 1e-9);
    sc_schedule_free(&s);
    /* 0 %, half a cent: 1 cent over 2 months is 0.5 -> 1 (half away from zero). */
    ck_assert_int_eq(pmt(1, 0, 2, REGULAR), 1);
}
END_TEST

START_TEST(test_half_cent_ties)
{
    /* $6,500 at 15.9 % for 36 months (issue 19; Gnumeric IPMT/CUMIPMT).  The
     * monthly rate is 0.159 / 12 = 0.01325 exactly, so the first month's
     * interest is 6,500 x 0.01325 = 86.125: a tie, 86.13 half away from zero.
     * The payment: 86.125 / (1 - 1.01325^-36) = 86.125 / 0.377417 = 228.196
     * -> 228.20, and the rounded schedule ends on 228.20: total of payments
     * 36 x 228.20 = 8,215.20. */
    sc_schedule s;
    int64_t apr = PCT(159, 10);
    ck_assert_int_eq(sc_period_interest(650000, apr), 8613);
    ck_assert_int_eq(pmt(650000, apr, 36, REGULAR), 22820);
    build(650000, 0, apr, 36, 22820, 0, D(2026, 1, 15), D(2026, 2, 15), &s);
    ck_assert_int_eq(s.rows[0].interest, 8613);
    ck_assert_int_eq(s.rows[0].principal, 14207);
    ck_assert_int_eq(s.total_of_payments, 821520);
    ck_assert_int_eq(s.finance_charge, 171520);
    sc_schedule_free(&s);
    /* More ties, by hand:
     *   2.50 x 12 % / 12 = 0.025 -> 0.03;  1.00 at 6 % for one month is
     *   100 x 1.005 = 100.5 cents -> 1.01;
     *   two payments at 1 % a month on 100.50: P = 10050 x 1.01^2 x 0.01 /
     *   (1.01^2 - 1) = 10050 x 10201 / 20100 = 5100.5 cents -> 51.01. */
    ck_assert_int_eq(sc_period_interest(250, PCT(12, 1)), 3);
    ck_assert_int_eq(pmt(100, PCT(6, 1), 1, REGULAR), 101);
    ck_assert_int_eq(pmt(10050, PCT(12, 1), 2, REGULAR), 5101);
}
END_TEST

START_TEST(test_first_period_exact)
{
    sc_error e;
    int64_t i;
    /* Three whole months at 1 % a month: 5,000 x (1.01^3 - 1) = 5,000 x
     * 0.030301 = 151.505 -> 151.51 (a tie). */
    sc_first_period three = {3, 0.0, 0};
    ck_assert(sc_first_period_interest(500000, PCT(12, 1), three, &i, &e) == SC_OK);
    ck_assert_int_eq(i, 15151);
    /* One month and 15 odd days (f = 1/2) at 1 %: 100 x ((1 + 0.005) x 1.01 - 1)
     * = 100 x 0.01505 = 1.505 -> 1.51. */
    sc_first_period half = {1, 0.5, 15};
    ck_assert(sc_first_period_interest(10000, PCT(12, 1), half, &i, &e) == SC_OK);
    ck_assert_int_eq(i, 151);
    /* Appendix J (c)(1)(ii)'s period (1 month, 19 odd days) at 12 % on $6,000:
     * 6,000 x ((1 + 19/30 x 0.01) x 1.01 - 1) = 6,000 x 0.0163966... = 98.38. */
    sc_first_period j = {1, 19.0 / 30.0, 19};
    ck_assert(sc_first_period_interest(600000, PCT(12, 1), j, &i, &e) == SC_OK);
    ck_assert_int_eq(i, 9838);
    /* A regular period is one month's interest. */
    ck_assert(sc_first_period_interest(650000, PCT(159, 10), REGULAR, &i, &e) == SC_OK);
    ck_assert_int_eq(i, 8613);
    /* Beyond any amount: 600 months at 100 % grow a balance 10^20-fold. */
    sc_first_period far = {599, 0.0, 0};
    ck_assert_int_eq(sc_first_period_interest(100000000, PCT(100, 1), far, &i, NULL),
                     SC_EUSAGE);
}
END_TEST

static int64_t sum_field(const sc_schedule *s, int from, int to, int which)
{
    int64_t t = 0;
    for (int k = from; k < to; k++)
        t += which == 0 ? s->rows[k].interest : s->rows[k].principal;
    return t;
}

START_TEST(test_schedule_hp12c)
{
    /* HP 12c platinum user's guide, section 3: $250,000 at 5.25 %, payment
     * $1,498.12, amounts rounded every period:
     *   payment 1: interest 1,093.75, principal 404.37
     *   payment 2: interest 1,091.98, principal 406.14
     *   year 1: interest 13,006.53, principal 4,970.91, balance 245,029.09
     *   year 2: interest 12,739.18, principal 5,238.26, balance 239,790.83 */
    sc_schedule s;
    build(25000000, 0, PCT(525, 100), 300, 149812, 0, D(2026, 1, 1), D(2026, 2, 1), &s);
    ck_assert_int_eq(s.rows[0].interest, 109375);
    ck_assert_int_eq(s.rows[0].principal, 40437);
    ck_assert_int_eq(s.rows[1].interest, 109198);
    ck_assert_int_eq(s.rows[1].principal, 40614);
    ck_assert_int_eq(sum_field(&s, 0, 12, 0), 1300653);
    ck_assert_int_eq(sum_field(&s, 0, 12, 1), 497091);
    ck_assert_int_eq(s.rows[11].balance, 24502909);
    ck_assert_int_eq(sum_field(&s, 12, 24, 0), 1273918);
    ck_assert_int_eq(sum_field(&s, 12, 24, 1), 523826);
    ck_assert_int_eq(s.rows[23].balance, 23979083);
    sc_schedule_free(&s);

    /* Same guide, 30 years: payment 1,380.51; first payment interest 1,093.75,
     * principal 286.76, remaining balance 249,713.24. */
    build(25000000, 0, PCT(525, 100), 360, 138051, 0, D(2026, 1, 1), D(2026, 2, 1), &s);
    ck_assert_int_eq(s.rows[0].principal, 28676);
    ck_assert_int_eq(s.rows[0].balance, 24971324);
    sc_schedule_free(&s);

    /* HP-12C owner's handbook: $50,000 at 13.25 %, payment 573.35: payment 1
     * interest 552.08, principal 21.27; payment 2 interest 551.85, principal
     * 21.50; year 2 interest 6,570.72, principal 309.48, balance 49,419.21. */
    build(5000000, 0, PCT(1325, 100), 300, 57335, 0, D(2026, 1, 1), D(2026, 2, 1), &s);
    ck_assert_int_eq(s.rows[0].interest, 55208);
    ck_assert_int_eq(s.rows[0].principal, 2127);
    ck_assert_int_eq(s.rows[1].interest, 55185);
    ck_assert_int_eq(s.rows[1].principal, 2150);
    ck_assert_int_eq(sum_field(&s, 12, 24, 0), 657072);
    ck_assert_int_eq(sum_field(&s, 12, 24, 1), 30948);
    ck_assert_int_eq(s.rows[23].balance, 4941921);
    sc_schedule_free(&s);
}
END_TEST

START_TEST(test_regz_appendix_j)
{
    /* Regulation Z, 12 CFR 1026 Appendix J (c) examples. */
    int64_t p[36];
    sc_first_period fp;
    sc_error e;
    /* (c)(1)(i) Monthly payments, regular first period: $5,000 advanced
     * 1978-01-10, 24 payments of $230 from 1978-02-10: APR 9.69 %. */
    ck_assert(sc_first_period_of(D(1978, 1, 10), sc_due_dates_default(D(1978, 1, 10)), &fp,
                                 &e) == SC_OK);
    ck_assert_int_eq(fp.months, 1);
    ck_assert_int_eq(fp.odd_days, 0);
    for (int k = 0; k < 24; k++)
        p[k] = 23000;
    ck_assert_double_eq_tol(round2(apr_of(500000, p, 24, fp)), 9.69, 1e-9);
    /* (c)(1)(ii) Long first period: $6,000 advanced 1978-02-10, 36 payments of
     * $200 from 1978-04-01: one whole month plus 19 odd days: APR 11.82 %. */
    ck_assert(sc_first_period_of(D(1978, 2, 10), sc_due_dates_from(D(1978, 2, 10),
                                                                   D(1978, 4, 1)),
                                 &fp, &e) == SC_OK);
    ck_assert_int_eq(fp.months, 1);
    ck_assert_int_eq(fp.odd_days, 19);
    for (int k = 0; k < 36; k++)
        p[k] = 20000;
    ck_assert_double_eq_tol(round2(apr_of(600000, p, 36, fp)), 11.82, 1e-9);
    /* (c)(2)(i) Irregular first payment: $250 then 23 x $230: APR 10.08 %. */
    fp = REGULAR;
    p[0] = 25000;
    for (int k = 1; k < 24; k++)
        p[k] = 23000;
    ck_assert_double_eq_tol(round2(apr_of(500000, p, 24, fp)), 10.08, 1e-9);
    /* (c)(3)(i) Irregular final payment: 23 x $230 then $280: APR 10.50 %. */
    for (int k = 0; k < 23; k++)
        p[k] = 23000;
    p[23] = 28000;
    ck_assert_double_eq_tol(round2(apr_of(500000, p, 24, fp)), 10.50, 1e-9);
    /* (c)(4)(i) Both: $250, 22 x $230, $280: APR 10.90 %. */
    p[0] = 25000;
    ck_assert_double_eq_tol(round2(apr_of(500000, p, 24, fp)), 10.90, 1e-9);
}
END_TEST

START_TEST(test_rate_published)
{
    int64_t p[360];
    /* Microsoft Excel, RATE function documentation: a 4-year $8,000 loan with
     * monthly payments of $200: annual rate 9.24 %. */
    for (int k = 0; k < 48; k++)
        p[k] = 20000;
    ck_assert_double_eq_tol(round2(apr_of(800000, p, 48, REGULAR)), 9.24, 1e-9);
    /* Adobe FormCalc reference, Apr(35000, 269.50, 360) = 0.08515404566, i.e.
     * 8.52 % to two decimals.  (Solving the annuity equation exactly gives
     * 8.515327 %; FormCalc's figure is 0.0001 point off, far inside the
     * 1/8-point Regulation Z tolerance.) */
    for (int k = 0; k < 360; k++)
        p[k] = 26950;
    ck_assert_double_eq_tol(round2(apr_of(3500000, p, 360, REGULAR)), 8.52, 1e-9);
    ck_assert_double_eq_tol(apr_of(3500000, p, 360, REGULAR), 8.515404566, 0.001);
}
END_TEST

START_TEST(test_schedule_properties)
{
    /* For several rates, terms and first periods: principal sums to the loan,
     * the balance never goes negative and ends at zero, and a fee-free loan's
     * APR equals its note rate within 0.01 point.  (A long first period at a
     * high rate may accrue more interest than the first payment: only later
     * payments must reduce principal.) */
    const int64_t rates[] = {0, 10000, PCT(45, 10), PCT(999, 100), PCT(179, 10),
                             PCT(2999, 100), PCT(60, 1)};
    const int terms[] = {1, 6, 12, 36, 60, 360};
    const sc_date firsts[] = {{2026, 2, 15}, {2026, 3, 1}, {2026, 2, 20}};
    for (size_t a = 0; a < sizeof rates / sizeof *rates; a++)
        for (size_t b = 0; b < sizeof terms / sizeof *terms; b++)
            for (size_t c = 0; c < 3; c++) {
                sc_schedule s;
                sc_error e;
                sc_first_period fp;
                sc_due_dates due = sc_due_dates_from(D(2026, 1, 15), firsts[c]);
                ck_assert(sc_first_period_of(D(2026, 1, 15), due, &fp, &e) == SC_OK);
                int64_t loan = 987654;
                int64_t pay = pmt(loan, rates[a], terms[b], fp);
                if (rates[a] == PCT(60, 1) && terms[b] == 360) {
                    /* 5 % a month for 30 years: the exact payment, 493.827..., is
                     * the month's interest to a hundredth of a cent; rounded, it
                     * never reduces the balance.  Refused, not a balloon. */
                    sc_loan_terms t = {.loan = loan, .apr = rates[a], .months = terms[b],
                                       .payment = pay, .start = D(2026, 1, 15), .due = due};
                    ck_assert_int_eq(sc_schedule_build(&t, &s, &e), SC_EUSAGE);
                    ck_assert_str_eq(e.field, "amount");
                    continue;
                }
                build(loan, 0, rates[a], terms[b], pay, 0, D(2026, 1, 15), firsts[c], &s);
                int64_t principal = 0;
                for (int k = 0; k < s.nrows; k++) {
                    principal += s.rows[k].principal;
                    ck_assert_int_ge(s.rows[k].balance, 0);
                    if (k > 0)
                        ck_assert_int_ge(s.rows[k].principal, 0);
                }
                ck_assert_int_eq(principal, loan);
                ck_assert_int_eq(s.rows[s.nrows - 1].balance, 0);
                ck_assert_int_le(s.nrows, terms[b]); /* a rounded-up payment may finish early */
                double note = (double)rates[a] / SC_APR_SCALE;
                ck_assert_msg(fabs(s.apr_pct - note) < 0.01, "rate %g term %d: APR %g", note,
                              terms[b], s.apr_pct);
                /* The last payment absorbs rounding.  Each period's payment and
                 * interest are each off by at most half a cent, and that error
                 * compounds at the periodic rate until the end: the last payment
                 * differs from the others by at most the future value of one
                 * cent per period, ((1 + r)^n - 1) / r, plus one. */
                double r = note / 1200.0;
                double bound = (r > 0 ? (pow(1 + r, terms[b]) - 1) / r : terms[b]) + 1;
                ck_assert_msg(llabs(s.rows[s.nrows - 1].payment - pay) <= bound,
                              "rate %g term %d: last %lld vs %lld", note, terms[b],
                              (long long)s.rows[s.nrows - 1].payment, (long long)pay);
                sc_schedule_free(&s);
            }
}
END_TEST

START_TEST(test_fee_raises_apr)
{
    /* $10,000 at 12 % for 36 months: payment 10,000 x 0.01 / (1 - 1.01^-36) =
     * 332.14.  With a $500 prepaid fee the amount financed is $9,500, so the
     * APR exceeds 12 %; at the solved APR the payments' present value is the
     * amount financed (Appendix J's equation). */
    sc_schedule s;
    int64_t pay = pmt(1000000, PCT(12, 1), 36, REGULAR);
    ck_assert_int_eq(pay, 33214);
    build(1000000, 50000, PCT(12, 1), 36, pay, 0, D(2026, 1, 1), D(2026, 2, 1), &s);
    ck_assert_int_eq(s.amount_financed, 950000);
    ck_assert_int_eq(s.finance_charge, s.total_of_payments - 950000);
    ck_assert_double_gt(s.apr_pct, 12.0 + 3.0); /* a 5 % fee over 3 years adds over 3 points */
    double i = s.apr_pct / 1200.0, pv = 0;
    for (int k = 0; k < s.nrows; k++)
        pv += s.rows[k].payment / pow(1 + i, k + 1);
    ck_assert_double_eq_tol(pv, 950000.0, 0.01);
    sc_schedule_free(&s);
}
END_TEST

START_TEST(test_extra_principal)
{
    /* Extra principal each month: fewer payments and less interest. */
    sc_schedule base, fast;
    int64_t pay = pmt(1000000, PCT(12, 1), 36, REGULAR);
    build(1000000, 0, PCT(12, 1), 36, pay, 0, D(2026, 1, 1), D(2026, 2, 1), &base);
    build(1000000, 0, PCT(12, 1), 36, pay, 10000, D(2026, 1, 1), D(2026, 2, 1), &fast);
    ck_assert_int_lt(fast.nrows, base.nrows);
    ck_assert_int_lt(fast.total_interest, base.total_interest);
    int64_t principal = 0;
    for (int k = 0; k < fast.nrows; k++)
        principal += fast.rows[k].principal;
    ck_assert_int_eq(principal, 1000000);
    sc_schedule_free(&base);
    sc_schedule_free(&fast);
}
END_TEST

START_TEST(test_deferred_interest)
{
    /* $1,200 on a 12-month deferred-interest promotion at 29.99 %, $30 minimum,
     * bought 2026-01-01, payments on the 1st from 2026-02-01; expiry 2027-01-01.
     * To pay it off in time: 12 payment dates fall on or before the expiry,
     * $100.00 a month.  On the minimum only, 12 payments of $30 (the last on
     * the expiry date) leave $840.00, and the interest from the purchase date
     * is 29.99 % / 365 on each day's balance:
     *   31 x 1200 + 28 x 1170 + 31 x 1140 + 30 x 1110 + 31 x 1080 + 30 x 1050
     *   + 31 x 1020 + 31 x 990 + 30 x 960 + 31 x 930 + 30 x 900 + 31 x 870
     *   = 377,490 dollar-days; x 0.2999 / 365 = 310.1623 -> $310.16. */
    sc_deferred d;
    sc_error e;
    sc_due_dates due = sc_due_dates_default(D(2026, 1, 1));
    ck_assert(sc_deferred_eval(120000, 12, PCT(2999, 100), 3000, D(2026, 1, 1), due, &d, &e) ==
              SC_OK);
    ck_assert_int_eq(d.payments_in_time, 12);
    ck_assert_int_eq(d.payoff_payment, 10000);
    ck_assert_int_eq(d.balance_at_expiry, 84000);
    ck_assert_int_eq(d.back_interest, 31016);
    /* Paying $100 a month clears it: nothing charged. */
    ck_assert(sc_deferred_eval(120000, 12, PCT(2999, 100), 10000, D(2026, 1, 1), due, &d, &e) ==
              SC_OK);
    ck_assert_int_eq(d.balance_at_expiry, 0);
    ck_assert_int_eq(d.back_interest, 0);
    /* A small purchase: $250 over 12 months is $20.84 (rounded up), but the $30
     * minimum is higher. */
    ck_assert(sc_deferred_eval(25000, 12, PCT(2999, 100), 3000, D(2026, 1, 1), due, &d, &e) ==
              SC_OK);
    ck_assert_int_eq(d.payoff_payment, 3000);
}
END_TEST

START_TEST(test_deferred_advice_dates)
{
    /* Issue 19: $3,000, 6 months, 26.99 %, bought 2026-01-20, first payment
     * 2026-03-01.  The promotion ends 2026-07-20; the payments fall on Mar 1,
     * Apr 1, May 1, Jun 1 and Jul 1 (Aug 1 is too late): 5 payments, so
     * 3,000 / 5 = $600.00 a month. */
    sc_deferred d;
    sc_error e;
    int64_t apr = PCT(2699, 100), bal, interest;
    sc_due_dates due = sc_due_dates_from(D(2026, 1, 20), D(2026, 3, 1));
    ck_assert(sc_deferred_eval(300000, 6, apr, 3000, D(2026, 1, 20), due, &d, &e) == SC_OK);
    ck_assert_str_eq(sc_date_format(d.expiry, (char[11]){0}), "2026-07-20");
    ck_assert_int_eq(d.payments_in_time, 5);
    ck_assert_int_eq(d.payoff_payment, 60000);
    /* Following the advice: nothing left, no deferred interest. */
    sc_deferred_follow(300000, 60000, apr, D(2026, 1, 20), due, d.expiry, &bal, &interest);
    ck_assert_int_eq(bal, 0);
    /* The old advice, $500.00 a month, leaves $500 at expiry and is charged
     * interest on the balances 3000 x 40 days (Jan 20 - Mar 1) + 2500 x 31 +
     * 2000 x 30 + 1500 x 31 + 1000 x 30 + 500 x 19 = 343,500 dollar-days;
     * x 0.2699 / 365 = 254.0013 -> $254.00 (the figure). */
    sc_deferred_follow(300000, 50000, apr, D(2026, 1, 20), due, d.expiry, &bal, &interest);
    ck_assert_int_eq(bal, 50000);
    ck_assert_int_eq(interest, 25400);

    /* $6,500, 12 months, bought 2026-01-15, first payment 2026-03-15: the
     * promotion ends 2027-01-15; payments Mar 15 2026 ... Jan 15 2027 are 11,
     * so 6,500 / 11 = 590.909... -> $590.91 (rounded up: ten of 590.91 and a
     * last of 590.90 clear it). */
    due = sc_due_dates_from(D(2026, 1, 15), D(2026, 3, 15));
    ck_assert(sc_deferred_eval(650000, 12, apr, 3000, D(2026, 1, 15), due, &d, &e) == SC_OK);
    ck_assert_int_eq(d.payments_in_time, 11);
    ck_assert_int_eq(d.payoff_payment, 59091);
    sc_schedule s;
    sc_deferred_row *rows;
    ck_assert(sc_deferred_schedule(650000, &d, D(2026, 1, 15), due, &s, &rows, &e) == SC_OK);
    ck_assert_int_eq(s.nrows, 11);
    ck_assert_int_eq(s.rows[10].payment, 59090);
    ck_assert_int_eq(s.rows[10].balance, 0);
    ck_assert_int_le(sc_date_compare(s.rows[10].date, d.expiry), 0);
    /* At stake on the first payment date: 6,500 x 59 days (Jan 15 - Mar 15)
     * = 383,500 dollar-days x 0.2699 / 365 = 283.5799 -> 283.58 on either
     * path. */
    ck_assert_int_eq(rows[0].accrued, 28358);
    ck_assert_int_eq(rows[0].accrued_on_minimum, 28358);
    free(rows);
    sc_schedule_free(&s);

    /* No payment before the end: refused, naming the first payment. */
    due = sc_due_dates_from(D(2026, 1, 15), D(2026, 3, 1));
    ck_assert_int_eq(sc_deferred_eval(650000, 1, apr, 3000, D(2026, 1, 15), due, &d, &e),
                     SC_EUSAGE);
    ck_assert_str_eq(e.field, "first_payment");
}
END_TEST

START_TEST(test_bad_input)
{
    sc_schedule s;
    sc_error e;
    sc_first_period fp;
    /* A payment below the month's interest never repays: $10,000 at 24 %
     * accrues $200 a month; a payment of $150 is refused after the first. */
    ck_assert_int_eq(try_build(1000000, 0, PCT(24, 1), 36, 15000, &s, &e), SC_EUSAGE);
    ck_assert_str_eq(e.field, "amount");
    ck_assert_int_eq(try_build(0, 0, PCT(5, 1), 12, 100, &s, &e), SC_EUSAGE);
    ck_assert_int_eq(try_build(100000, 100000, PCT(5, 1), 12, 9000, &s, &e), SC_EUSAGE);
    ck_assert_str_eq(e.field, "fee");
    ck_assert_int_eq(try_build(100000, 0, PCT(150, 1), 12, 9000, &s, &e), SC_EUSAGE);
    ck_assert_str_eq(e.field, "apr");
    ck_assert_int_eq(try_build(100000, 0, PCT(5, 1), 0, 9000, &s, &e), SC_EUSAGE);
    ck_assert_str_eq(e.field, "months");
    /* A payment of nothing. */
    ck_assert_int_eq(try_build(3, 0, PCT(5, 1), 600, 0, &s, &e), SC_EUSAGE);
    ck_assert_ptr_null(s.rows);
    /* err may be NULL. */
    ck_assert_int_eq(try_build(0, 0, PCT(5, 1), 12, 100, &s, NULL), SC_EUSAGE);
    ck_assert_int_eq(sc_first_period_of(D(2026, 2, 1), sc_due_dates_from(D(2026, 2, 1),
                                                                         D(2026, 1, 1)),
                                        &fp, &e),
                     SC_EUSAGE);
    int64_t p[2] = {100, 100};
    double apr;
    ck_assert_int_eq(sc_apr_solve(1000, p, 2, REGULAR, &apr, &e), SC_EUSAGE);
    ck_assert_int_eq(e.reason, SC_R_RANGE);
    /* Two payments of $100 for one cent financed: far beyond any APR. */
    p[0] = p[1] = 10000;
    ck_assert_int_eq(sc_apr_solve(1, p, 2, REGULAR, &apr, &e), SC_EUSAGE);
    ck_assert_int_eq(e.reason, SC_R_LIMIT);
}
END_TEST

START_TEST(test_dates)
{
    char b[11];
    sc_date d;
    sc_error e;
    /* Month ends clamp: 31 January + 1 month = 28 February (2026), 29 in 2028. */
    ck_assert_str_eq(sc_date_format(sc_date_add_months(D(2026, 1, 31), 1), b), "2026-02-28");
    ck_assert_str_eq(sc_date_format(sc_date_add_months(D(2028, 1, 31), 1), b), "2028-02-29");
    ck_assert_str_eq(sc_date_format(sc_date_add_months(D(2026, 11, 30), 3), b), "2027-02-28");
    ck_assert_int_eq(sc_date_days(D(1970, 1, 1)), 0);
    ck_assert_int_eq(sc_date_days(D(2000, 3, 1)) - sc_date_days(D(2000, 2, 28)), 2);
    ck_assert_str_eq(sc_date_format(sc_date_from_days(sc_date_days(D(2024, 2, 29))), b),
                     "2024-02-29");
    ck_assert_int_eq(sc_date_parse("2026-02-30", &d, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_date_parse("0000-01-01", &d, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_date_parse("2026/01/01", &d, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_date_parse("2024-02-29", &d, &e), SC_OK);
    ck_assert_int_eq(d.year, 2024);
    ck_assert_int_eq(d.month, 2);
    ck_assert_int_eq(d.day, 29);
    /* Exactly ten characters in that shape. */
    ck_assert_int_eq(sc_date_parse("2026-01-0", &d, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_date_parse("2026-01-011", &d, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_date_parse("2026-1-01", &d, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_date_parse("", &d, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_date_parse("2026-01-01 ", &d, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_date_parse("2026-13-01", &d, &e), SC_EUSAGE);
}
END_TEST

START_TEST(test_month_end_loans)
{
    char b[11];
    sc_first_period fp;
    sc_error e;
    /* A loan started on January 31 pays on the last day of every month, not on
     * the 28th after February. */
    sc_due_dates due = sc_due_dates_default(D(2026, 1, 31));
    const char *want[] = {"2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30"};
    for (int k = 0; k < 5; k++)
        ck_assert_str_eq(sc_date_format(sc_due_date(due, k + 1), b), want[k]);
    /* Counting back a whole month from February 28 on month ends reaches
     * January 31: a regular first period (Appendix J: all months equal). */
    ck_assert(sc_first_period_of(D(2026, 1, 31), due, &fp, &e) == SC_OK);
    ck_assert_int_eq(fp.months, 1);
    ck_assert_int_eq(fp.odd_days, 0);
    /* So is a first payment given as February 28 after January 31. */
    due = sc_due_dates_from(D(2026, 1, 31), D(2026, 2, 28));
    ck_assert_int_eq(due.day, 31);
    ck_assert_str_eq(sc_date_format(sc_due_date(due, 2), b), "2026-03-31");
    /* April 30 is a month end too: May 31, June 30. */
    due = sc_due_dates_default(D(2026, 4, 30));
    ck_assert_str_eq(sc_date_format(sc_due_date(due, 1), b), "2026-05-31");
    ck_assert_str_eq(sc_date_format(sc_due_date(due, 2), b), "2026-06-30");
    /* January 30 is not: February 28, then March 30. */
    due = sc_due_dates_default(D(2026, 1, 30));
    ck_assert_str_eq(sc_date_format(sc_due_date(due, 1), b), "2026-02-28");
    ck_assert_str_eq(sc_date_format(sc_due_date(due, 2), b), "2026-03-30");
    ck_assert(sc_first_period_of(D(2026, 1, 30), due, &fp, &e) == SC_OK);
    ck_assert_int_eq(fp.months, 1);
    ck_assert_int_eq(fp.odd_days, 0);
    /* A first payment on the 28th chosen after the 20th keeps the 28th. */
    due = sc_due_dates_from(D(2026, 1, 20), D(2026, 2, 28));
    ck_assert_str_eq(sc_date_format(sc_due_date(due, 2), b), "2026-03-28");
    /* A schedule of a month-end loan: its first interest is a regular month's
     * (6,500 x 0.01325 = 86.125 -> 86.13). */
    sc_schedule s;
    build(650000, 0, PCT(159, 10), 6, 100000, 0, D(2026, 1, 31), D(2026, 2, 28), &s);
    ck_assert_int_eq(s.rows[0].interest, 8613);
    ck_assert_str_eq(sc_date_format(s.rows[5].date, b), "2026-07-31");
    sc_schedule_free(&s);
}
END_TEST

/* ---- random loans, checked with the test's own integer arithmetic ------------------- */

static uint64_t rng_state;

static uint64_t rng(void)
{
    /* xorshift64* (Vigna): reproducible across machines. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * UINT64_C(2685821657736338717);
}

static int64_t between(int64_t lo, int64_t hi)
{
    return lo + (int64_t)(rng() % (uint64_t)(hi - lo + 1));
}

/* round(num / den) half away from zero, for num >= 0. */
static int64_t half_up(__int128 num, __int128 den)
{
    return (int64_t)(num / den + (2 * (num % den) >= den));
}

/* The first period's interest for t <= 1 whole months and d odd days:
 *   B ((30 D + d a)(D + a)^t - 30 D^(t+1)) / (30 D^(t+1)),  D = 1,200,000,000
 * which fits in 128 bits for the balances used here. */
static int64_t own_first_interest(int64_t b, int64_t a, int t, long d)
{
    const __int128 den = 1200000000;
    __int128 lead = 30 * den + (__int128)d * a, base = 30 * den;
    if (t == 1) {
        lead *= den + a;
        base *= den;
    }
    return half_up((__int128)b * (lead - base), base);
}

static const char *text_of(int64_t v, int decimals, char *buf, size_t n)
{
    return sc_decimal_format(v, decimals, 1, buf, n);
}

START_TEST(test_property_random_loans)
{
    sc_pricing *p;
    sc_diags dg;
    sc_diags_init(&dg);
    ck_assert(sc_pricing_load_builtin(&p, &dg) == SC_OK);
    rng_state = UINT64_C(0x5eed19);
    int checked = 0, refused = 0;
    for (int n = 0; n < 400; n++) {
        /* An APR with 0 to 6 decimals, an amount from $100 to $1,000,000, a
         * term, sometimes a fee and a down payment, any start date, and a
         * first payment one month later or 1 to 59 days after the start. */
        static const int64_t steps[] = {1000000, 100000, 10000, 1000, 1};
        int64_t step = steps[rng() % 5];
        int64_t top = rng() % 4 ? PCT(36, 1) : SC_FINANCE_MAX_APR; /* mostly usual rates */
        int64_t apr = between(0, top / step) * step;
        int64_t amount = between(10000, 100000000);
        int64_t down = rng() % 3 == 0 ? between(0, amount / 2) : 0;
        int64_t fee = rng() % 3 == 0 ? between(0, (amount - down) / 33) : 0;
        int months = (int)between(1, 360);
        sc_date start = sc_date_from_days(between(sc_date_days(D(2020, 1, 1)),
                                                  sc_date_days(D(2030, 12, 31))));
        int default_first = rng() % 2;
        sc_date first = sc_date_from_days(sc_date_days(start) + between(1, 59));
        char tapr[32], tamount[32], tdown[32], tfee[32], tmonths[16], tstart[11], tfirst[11];
        snprintf(tmonths, sizeof tmonths, "%d", months);
        sc_finance_request q = {0};
        q.amount = text_of(amount, 2, tamount, sizeof tamount);
        q.apr = text_of(apr, 6, tapr, sizeof tapr);
        q.months = tmonths;
        q.down = down ? text_of(down, 2, tdown, sizeof tdown) : NULL;
        q.fee = fee ? text_of(fee, 2, tfee, sizeof tfee) : NULL;
        q.start = sc_date_format(start, tstart);
        q.first_payment = default_first ? NULL : sc_date_format(first, tfirst);
        q.today = "2026-01-01";
        sc_finance_result r;
        sc_error e;
        if (sc_finance_run(p, &q, &r, &e) != SC_OK) {
            /* Refused only as documented: a loan too small for its rate and
             * term, or a fee that puts the APR above 100 %. */
            ck_assert_msg(e.status == SC_EUSAGE && e.reason == SC_R_RANGE &&
                              (strcmp(e.field, "amount") == 0 || strcmp(e.field, "fee") == 0),
                          "loan %d refused: %s: %s", n, e.field, e.msg);
            if (getenv("SHOW_REFUSED"))
                fprintf(stderr, "refused: %s %s %s fee %s: %s\n", q.amount, q.apr, q.months,
                        q.fee ? q.fee : "-", e.msg);
            refused++;
            continue;
        }
        const sc_plan_result *o = &r.options[0];
        const sc_schedule *s = &o->schedule;
        int64_t balance = amount - down, principal = 0, paid = 0;
        for (int k = 0; k < s->nrows; k++) {
            const sc_payment_row *row = &s->rows[k];
            int64_t want;
            if (k > 0)
                want = half_up((__int128)balance * apr, 1200000000);
            else if (s->first.months <= 1)
                want = own_first_interest(balance, apr, s->first.months, s->first.odd_days);
            else
                want = row->interest; /* a period longer than two months: see the exact tests */
            ck_assert_msg(row->interest == want, "loan %d period %d: interest %lld, want %lld",
                          n, k + 1, (long long)row->interest, (long long)want);
            if (k == s->nrows - 1)
                ck_assert_int_eq(row->payment, balance + row->interest);
            ck_assert_int_eq(row->principal, row->payment - row->interest);
            balance -= row->principal;
            ck_assert_int_eq(row->balance, balance);
            principal += row->principal;
            paid += row->payment;
        }
        ck_assert_int_eq(principal, amount - down);
        ck_assert_int_eq(balance, 0);
        ck_assert_int_eq(s->total_of_payments, paid);
        ck_assert_int_eq(o->upfront, down + fee);
        ck_assert_int_eq(o->total_paid, down + fee + paid);
        ck_assert_int_eq(s->finance_charge, paid - (amount - down - fee));
        checked++;
        sc_finance_result_free(&r);
    }
    /* Most random loans are ordinary; the refused ones are high rates over
     * long terms (interest only) or fees on very short ones. */
    ck_assert_int_ge(checked, 370);
    ck_assert_int_eq(checked + refused, 400);
    sc_pricing_free(p);
    sc_diags_free(&dg);
}
END_TEST

START_TEST(test_property_payoff_advice)
{
    /* Every advice, followed through its schedule, leaves nothing owed at the
     * end of the promotion (no deferred interest), and one minor unit less a
     * month would leave something (the smallest such payment), unless the
     * minimum payment set it. */
    rng_state = UINT64_C(0xad71ce);
    for (int n = 0; n < 500; n++) {
        int promo = (int)between(1, 24);
        int64_t amount = between(1, 5000000), min_payment = between(0, 5000);
        int64_t apr = between(0, PCT(36, 1));
        sc_date start = sc_date_from_days(between(sc_date_days(D(2020, 1, 1)),
                                                  sc_date_days(D(2030, 12, 31))));
        if (rng() % 4 == 0) /* month ends */
            start.day = sc_days_in_month(start.year, start.month);
        sc_due_dates due = rng() % 2 ? sc_due_dates_default(start)
                                     : sc_due_dates_from(start, sc_date_from_days(
                                           sc_date_days(start) + between(1, 75)));
        sc_deferred d;
        sc_error e;
        if (sc_deferred_eval(amount, promo, apr, min_payment, start, due, &d, &e) != SC_OK) {
            /* only when no payment falls before the end */
            ck_assert_str_eq(e.field, "first_payment");
            ck_assert_int_gt(sc_date_compare(due.first, sc_due_date(sc_due_dates_default(start),
                                                                    promo)),
                             0);
            continue;
        }
        sc_schedule s;
        sc_deferred_row *rows;
        ck_assert(sc_deferred_schedule(amount, &d, start, due, &s, &rows, &e) == SC_OK);
        int64_t paid = 0;
        for (int k = 0; k < s.nrows; k++) {
            ck_assert_int_le(sc_date_compare(s.rows[k].date, d.expiry), 0);
            ck_assert_int_eq(s.rows[k].interest, 0);
            paid += s.rows[k].payment;
        }
        ck_assert_int_eq(paid, amount);
        ck_assert_int_eq(s.rows[s.nrows - 1].balance, 0);
        int64_t bal, interest;
        sc_deferred_follow(amount, d.payoff_payment, apr, start, due, d.expiry, &bal, &interest);
        ck_assert_int_eq(bal, 0);
        if (d.payoff_payment > min_payment && d.payoff_payment > 1) {
            sc_deferred_follow(amount, d.payoff_payment - 1, apr, start, due, d.expiry, &bal,
                               &interest);
            ck_assert_int_gt(bal, 0);
        }
        free(rows);
        sc_schedule_free(&s);
    }
}
END_TEST

/* ---- requests ---------------------------------------------------------------------- */

static sc_pricing *pricing(void)
{
    sc_pricing *p;
    sc_diags dg;
    sc_diags_init(&dg);
    ck_assert(sc_pricing_load_builtin(&p, &dg) == SC_OK);
    sc_diags_free(&dg);
    return p;
}

static sc_status run_req(const sc_pricing *p, sc_finance_request q, sc_finance_result *r,
                         sc_error *e)
{
    q.today = "2026-01-15";
    return sc_finance_run(p, &q, r, e);
}

START_TEST(test_payment_given)
{
    /* Appendix J (c)(1)(i): $5,000 repaid by 24 payments of $230: the
     * disclosed total of payments is $5,520.00 and the finance charge $520.00.
     * Every payment is the $230 given; the rounding left over goes into the
     * last period's interest. */
    sc_pricing *p = pricing();
    sc_finance_result r;
    sc_error e;
    sc_finance_request q = {.amount = "5000", .payment = "230", .months = "24",
                            .start = "1978-01-10"};
    ck_assert_msg(run_req(p, q, &r, &e) == SC_OK, "%s", e.msg);
    const sc_schedule *s = &r.options[0].schedule;
    ck_assert_int_eq(s->nrows, 24);
    for (int k = 0; k < 24; k++)
        ck_assert_int_eq(s->rows[k].payment, 23000);
    ck_assert_int_eq(s->total_of_payments, 552000);
    ck_assert_int_eq(s->finance_charge, 52000);
    ck_assert_int_eq(s->rows[23].balance, 0);
    ck_assert_double_eq_tol(round2(s->apr_pct), 9.69, 1e-9);
    sc_finance_result_free(&r);
    sc_pricing_free(p);
}
END_TEST

START_TEST(test_request_rules)
{
    sc_pricing *p = pricing();
    sc_finance_result r;
    sc_error e;
    struct {
        sc_finance_request q;
        sc_status status;
        sc_reason reason;
        const char *field;
    } cases[] = {
        /* options that would be ignored are refused, naming them */
        {{.amount = "5000", .plan = "fixed-36", .fee = "100"}, SC_EUSAGE, SC_R_NOT_APPLICABLE, "fee"},
        {{.amount = "5000", .compare = 1, .extra = "10"}, SC_EUSAGE, SC_R_NOT_APPLICABLE, "extra"},
        {{.amount = "5000", .promo_months = "6", .deferred = 1, .apr = "26.99", .months = "6"},
         SC_EUSAGE, SC_R_NOT_APPLICABLE, "months"},
        {{.amount = "5000", .promo_months = "6", .deferred = 1, .apr = "26.99", .payment = "500"},
         SC_EUSAGE, SC_R_NOT_APPLICABLE, "payment"},
        {{.amount = "5000", .promo_months = "6", .deferred = 1, .apr = "26.99", .fee = "5%"},
         SC_EUSAGE, SC_R_NOT_APPLICABLE, "fee"},
        {{.amount = "5000", .apr = "5", .months = "12", .min_payment = "30"}, SC_EUSAGE,
         SC_R_NOT_APPLICABLE, "min_payment"},
        {{.amount = "5000", .plan = "fixed-36", .min_payment = "30"}, SC_EUSAGE,
         SC_R_NOT_APPLICABLE, "min_payment"},
        {{.amount = "5000", .plan = "cash", .apr = "5"}, SC_EUSAGE, SC_R_NOT_APPLICABLE, "apr"},
        {{.amount = "5000", .plan = "cash", .compare = 1}, SC_EUSAGE, SC_R_CONFLICT, "compare"},
        /* values */
        {{.amount = "", .apr = "5", .months = "12"}, SC_EUSAGE, SC_R_EMPTY, "amount"},
        {{.amount = "5000", .apr = "5.1234567", .months = "12"}, SC_EUSAGE, SC_R_MALFORMED, "apr"},
        {{.amount = "5000", .apr = "101", .months = "12"}, SC_EUSAGE, SC_R_MALFORMED, "apr"},
        {{.amount = "5000", .apr = "5"}, SC_EUSAGE, SC_R_REQUIRED, "months"},
        {{.amount = "5000", .months = "12"}, SC_EUSAGE, SC_R_REQUIRED, "apr"},
        {{.amount = "5000", .plan = "nosuch"}, SC_EINPUT, SC_R_UNKNOWN_ID, "plan"},
        /* the plans' minimums cannot be put into pounds: no rate */
        {{.amount = "5000", .currency = "GBP", .compare = 1}, SC_EINPUT, SC_R_NO_RATE, "currency"},
        {{.amount = "5000", .currency = "GBP", .promo_months = "6", .deferred = 1,
          .apr = "26.99"}, SC_EINPUT, SC_R_NO_RATE, "currency"},
        /* a fee leaving a cent financed: the APR is said, naming the fee */
        {{.amount = "10000", .apr = "5", .months = "12", .fee = "9999.99"}, SC_EUSAGE, SC_R_RANGE,
         "fee"},
        /* 12 payments of $700 on $5,000 imply an APR over 100 % */
        {{.amount = "5000", .payment = "700", .months = "12"}, SC_EUSAGE, SC_R_RANGE, "payment"},
        {{.amount = "5000", .payment = "100", .months = "12"}, SC_EUSAGE, SC_R_RANGE, "payment"},
        /* degenerate loans */
        {{.amount = "0.03", .apr = "5", .months = "600"}, SC_EUSAGE, SC_R_RANGE, "amount"},
        {{.amount = "1", .apr = "100", .months = "600"}, SC_EUSAGE, SC_R_RANGE, "amount"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ck_assert_msg(run_req(p, cases[i].q, &r, &e) == cases[i].status, "case %zu: %s", i,
                      e.msg);
        ck_assert_msg(e.reason == cases[i].reason, "case %zu: reason %d: %s", i, e.reason,
                      e.msg);
        ck_assert_msg(strcmp(e.field, cases[i].field) == 0, "case %zu: field %s: %s", i,
                      e.field, e.msg);
        ck_assert_int_eq(run_req(p, cases[i].q, &r, NULL), cases[i].status); /* err optional */
    }
    /* The APR refused is said: 12 x $700 on $5,000 solves to 12 x 5.78... %. */
    ck_assert_int_eq(run_req(p, cases[18].q, &r, &e), SC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(e.msg, "would be 1"));
    sc_pricing_free(p);
}
END_TEST

START_TEST(test_request_totals)
{
    /* Up front + payments = total paid for every plan, and the figures of
     * the cash plan are the amount. */
    sc_pricing *p = pricing();
    sc_finance_result r;
    sc_error e;
    sc_finance_request q = {.amount = "6500", .compare = 1, .start = "2026-01-15"};
    ck_assert(run_req(p, q, &r, &e) == SC_OK);
    ck_assert_int_eq(r.noptions, 7);
    for (size_t i = 0; i < r.noptions; i++) {
        const sc_plan_result *o = &r.options[i];
        ck_assert_int_eq(o->total_paid, o->upfront + o->schedule.total_of_payments);
        if (strcmp(o->plan->id, "cash") == 0) {
            ck_assert_int_eq(o->upfront, 650000);
            ck_assert_int_eq(o->total_paid, 650000);
        }
        /* loan-36: the 5 % origination fee, $325.00, is paid at signing. */
        if (strcmp(o->plan->id, "loan-36") == 0)
            ck_assert_int_eq(o->upfront, 32500);
    }
    sc_finance_result_free(&r);
    /* A long first period at 80 % is accepted, with a warning that its
     * interest exceeds the first payment. */
    sc_finance_request longq = {.amount = "5000", .apr = "80", .months = "12",
                                .start = "2026-01-01", .first_payment = "2026-03-15"};
    ck_assert_msg(run_req(p, longq, &r, &e) == SC_OK, "%s", e.msg);
    ck_assert_int_eq(r.nwarnings, 1);
    ck_assert_int_eq(r.warnings[0].kind, SC_FWARN_FIRST_PERIOD);
    sc_finance_result_free(&r);
    /* Euros: the plan minimums are converted (fixed-36 needs $1,000 =
     * 1,000 x 0.8403 = EUR 840.30). */
    sc_finance_request eur = {.amount = "800", .currency = "EUR", .plan = "fixed-36",
                              .start = "2026-01-15"};
    ck_assert(run_req(p, eur, &r, &e) == SC_OK);
    ck_assert_int_eq(r.options[0].min_amount, 84030);
    ck_assert(!r.options[0].available);
    ck_assert_int_eq(r.warnings[0].kind, SC_FWARN_BELOW_MINIMUM);
    sc_finance_result_free(&r);
    sc_pricing_free(p);
}
END_TEST

START_TEST(test_plan_offer)
{
    sc_pricing *p = pricing();
    const sc_currency *usd = sc_currency_find("USD"), *gbp = sc_currency_find("GBP");
    sc_plan_offer o;
    sc_error e;
    sc_date start = D(2026, 1, 15);
    /* loan-36 on $6,500: 12 % for 36 months, payment 6,500 x 0.01 /
     * (1 - 1.01^-36) = 65 / 0.301075 = 215.893 -> 215.89; the 5 % fee, $325.00,
     * is paid up front. */
    ck_assert(sc_plan_offer_for(p, sc_pricing_plan(p, "loan-36"), 650000, usd, start, &o, &e) ==
              SC_OK);
    ck_assert_int_eq(o.reason, SC_OFFER_OK);
    ck_assert_int_eq(o.upfront_payment, 32500);
    ck_assert_int_eq(o.monthly_payment, 21589);
    ck_assert_int_eq(o.months, 36);
    ck_assert_int_eq(o.total_paid,
                     o.upfront_payment + o.monthly_payment * (o.months - 1) + o.last_payment);
    ck_assert_int_eq(o.finance_charge, o.total_paid - 650000);
    ck_assert_double_gt(o.apr, 12.0);
    /* promo-12 on $6,500 from 2026-01-15, $30 minimum: 12 payments of $30 on
     * the 15th (the last on the expiry, 2027-01-15) leave $6,140.00, and the
     * daily balances 6500 x 31 + 6470 x 28 + 6440 x 31 + 6410 x 30 + 6380 x 31
     * + 6350 x 30 + 6320 x 31 + 6290 x 31 + 6260 x 30 + 6230 x 31 + 6200 x 30
     * + 6170 x 31 = 2,311,990 dollar-days x 0.2999 / 365 = 1,899.632 ->
     * $1,899.63 of deferred interest. */
    ck_assert(sc_plan_offer_for(p, sc_pricing_plan(p, "promo-12"), 650000, usd, start, &o, &e) ==
              SC_OK);
    ck_assert(o.deferred);
    ck_assert_int_eq(o.deferred_interest_if_late, 189963);
    ck_assert_int_eq(o.balance_at_expiry, 614000);
    ck_assert_int_eq(o.min_payment, 3000);
    ck_assert_int_eq(o.total_paid, 650000);
    /* cash: the whole amount up front. */
    ck_assert(sc_plan_offer_for(p, sc_pricing_plan(p, "cash"), 650000, usd, start, &o, &e) ==
              SC_OK);
    ck_assert_int_eq(o.upfront_payment, 650000);
    ck_assert_int_eq(o.total_paid, 650000);
    ck_assert_int_eq(o.months, 0);
    /* Not applicable: below the plan's $200 minimum, or nothing to finance. */
    ck_assert(sc_plan_offer_for(p, sc_pricing_plan(p, "promo-12"), 15000, usd, start, &o, &e) ==
              SC_OK);
    ck_assert_int_eq(o.reason, SC_OFFER_BELOW_MINIMUM);
    ck_assert_int_eq(o.min_amount, 20000);
    ck_assert_ptr_nonnull(strstr(o.why, "200.00"));
    ck_assert(sc_plan_offer_for(p, sc_pricing_plan(p, "fixed-36"), 0, usd, start, &o, NULL) ==
              SC_OK);
    ck_assert_int_eq(o.reason, SC_OFFER_NOTHING_TO_FINANCE);
    /* Nothing to pay under a plan (an out-of-pocket cost fully covered): an
     * empty result, not an error. */
    sc_plan_result pr;
    ck_assert(sc_finance_plan(sc_pricing_plan(p, "fixed-36"), 0, 100000, 0, start, &pr, &e) ==
              SC_OK);
    ck_assert_int_eq(pr.schedule.nrows, 0);
    ck_assert_int_eq(pr.total_paid, 0);
    sc_plan_result_free(&pr);
    /* A currency without a rate is an error, never the same digits. */
    ck_assert_int_eq(sc_plan_offer_for(p, sc_pricing_plan(p, "fixed-36"), 500000, gbp, start, &o,
                                       &e),
                     SC_EINPUT);
    ck_assert_int_eq(e.reason, SC_R_NO_RATE);
    sc_pricing_free(p);
}
END_TEST

static Suite *finance_suite(void)
{
    Suite *s = suite_create("finance");
    TCase *tc = tcase_create("published");
    tcase_add_test(tc, test_level_payment_published);
    tcase_add_test(tc, test_zero_and_tiny_rates);
    tcase_add_test(tc, test_apr_format);
    tcase_add_test(tc, test_half_cent_ties);
    tcase_add_test(tc, test_first_period_exact);
    tcase_add_test(tc, test_schedule_hp12c);
    tcase_add_test(tc, test_regz_appendix_j);
    tcase_add_test(tc, test_rate_published);
    tcase_add_test(tc, test_schedule_properties);
    tcase_add_test(tc, test_fee_raises_apr);
    tcase_add_test(tc, test_extra_principal);
    tcase_add_test(tc, test_deferred_interest);
    tcase_add_test(tc, test_deferred_advice_dates);
    tcase_add_test(tc, test_bad_input);
    tcase_add_test(tc, test_dates);
    tcase_add_test(tc, test_month_end_loans);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    TCase *props = tcase_create("properties");
    tcase_add_test(props, test_property_random_loans);
    tcase_add_test(props, test_property_payoff_advice);
    tcase_set_timeout(props, 120);
    suite_add_tcase(s, props);
    TCase *req = tcase_create("requests");
    tcase_add_test(req, test_payment_given);
    tcase_add_test(req, test_request_rules);
    tcase_add_test(req, test_request_totals);
    tcase_add_test(req, test_plan_offer);
    tcase_set_timeout(req, 60);
    suite_add_tcase(s, req);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(finance_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
