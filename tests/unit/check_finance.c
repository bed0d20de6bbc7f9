/* Financing against independently published worked examples (each cited),
 * hand calculations, and properties of every schedule. */
#include <config.h>

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stemcost/finance.h"

static const sc_first_period REGULAR = {1, 0.0, 0};

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

START_TEST(test_level_payment_published)
{
    /* Microsoft Excel, PMT function documentation: PMT(8%/12, 10, 10000) = -1,037.03. */
    ck_assert_int_eq(sc_level_payment(1000000, 8.0, 10, REGULAR), 103703);
    /* Microsoft Visual FoxPro, PAYMENT() documentation: $100,000 at 10.5 % for
     * 20 years of monthly payments displays 998.38. */
    ck_assert_int_eq(sc_level_payment(10000000, 10.5, 240, REGULAR), 99838);
    /* HP 12c platinum user's guide, section 3 (amortization): $250,000 at 5.25 %
     * for 25 years requires $1,498.12; for 30 years $1,380.51. */
    ck_assert_int_eq(sc_level_payment(25000000, 5.25, 300, REGULAR), 149812);
    ck_assert_int_eq(sc_level_payment(25000000, 5.25, 360, REGULAR), 138051);
    /* HP-12C owner's handbook: $50,000 at 13.25 % for 25 years: $573.35. */
    ck_assert_int_eq(sc_level_payment(5000000, 13.25, 300, REGULAR), 57335);
}
END_TEST

START_TEST(test_zero_and_tiny_rates)
{
    /* 0 %: $1,200 over 12 months is $100.00 exactly. */
    ck_assert_int_eq(sc_level_payment(120000, 0.0, 12, REGULAR), 10000);
    /* A rate of 1e-14 % must not cancel catastrophically: still $100.00. */
    ck_assert_int_eq(sc_level_payment(120000, 1e-14, 12, REGULAR), 10000);
    ck_assert_int_eq(sc_level_payment(120000, 1e-9, 12, REGULAR), 10000);
    /* $1,000 over 3 months at 0 %: 333.33, 333.33 and a last payment of 333.34. */
    sc_schedule s;
    sc_error e;
    int64_t pay = sc_level_payment(100000, 0.0, 3, REGULAR);
    ck_assert_int_eq(pay, 33333);
    ck_assert(sc_schedule_build(100000, 0, 0.0, 3, pay, 0, D(2026, 1, 15), D(2026, 2, 15), &s,
                                &e) == SC_OK);
    ck_assert_int_eq(s.nrows, 3);
    ck_assert_int_eq(s.rows[2].payment, 33334);
    ck_assert_int_eq(s.total_interest, 0);
    ck_assert_double_eq_tol(s.apr_pct, 0.0, 1e-9);
    sc_schedule_free(&s);
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
    sc_error e;
    ck_assert(sc_schedule_build(25000000, 0, 5.25, 300, 149812, 0, D(2026, 1, 1), D(2026, 2, 1),
                                &s, &e) == SC_OK);
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
    ck_assert(sc_schedule_build(25000000, 0, 5.25, 360, 138051, 0, D(2026, 1, 1), D(2026, 2, 1),
                                &s, &e) == SC_OK);
    ck_assert_int_eq(s.rows[0].principal, 28676);
    ck_assert_int_eq(s.rows[0].balance, 24971324);
    sc_schedule_free(&s);

    /* HP-12C owner's handbook: $50,000 at 13.25 %, payment 573.35: payment 1
     * interest 552.08, principal 21.27; payment 2 interest 551.85, principal
     * 21.50; year 2 interest 6,570.72, principal 309.48, balance 49,419.21. */
    ck_assert(sc_schedule_build(5000000, 0, 13.25, 300, 57335, 0, D(2026, 1, 1), D(2026, 2, 1),
                                &s, &e) == SC_OK);
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
    ck_assert(sc_first_period_of(D(1978, 1, 10), D(1978, 2, 10), &fp, &e) == SC_OK);
    ck_assert_int_eq(fp.months, 1);
    ck_assert_int_eq(fp.odd_days, 0);
    for (int k = 0; k < 24; k++)
        p[k] = 23000;
    ck_assert_double_eq_tol(round2(apr_of(500000, p, 24, fp)), 9.69, 1e-9);
    /* (c)(1)(ii) Long first period: $6,000 advanced 1978-02-10, 36 payments of
     * $200 from 1978-04-01: one whole month plus 19 odd days: APR 11.82 %. */
    ck_assert(sc_first_period_of(D(1978, 2, 10), D(1978, 4, 1), &fp, &e) == SC_OK);
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
    const double rates[] = {0.0, 0.01, 4.5, 9.99, 17.9, 29.99, 60.0};
    const int terms[] = {1, 6, 12, 36, 60, 360};
    const sc_date firsts[] = {{2026, 2, 15}, {2026, 3, 1}, {2026, 2, 20}};
    for (size_t a = 0; a < sizeof rates / sizeof *rates; a++)
        for (size_t b = 0; b < sizeof terms / sizeof *terms; b++)
            for (size_t c = 0; c < 3; c++) {
                sc_schedule s;
                sc_error e;
                sc_first_period fp;
                ck_assert(sc_first_period_of(D(2026, 1, 15), firsts[c], &fp, &e) == SC_OK);
                int64_t loan = 987654;
                int64_t pay = sc_level_payment(loan, rates[a], terms[b], fp);
                ck_assert_msg(sc_schedule_build(loan, 0, rates[a], terms[b], pay, 0, D(2026, 1, 15),
                                                firsts[c], &s, &e) == SC_OK, "%s", e.msg);
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
                ck_assert_msg(fabs(s.apr_pct - rates[a]) < 0.01, "rate %g term %d: APR %g",
                              rates[a], terms[b], s.apr_pct);
                /* The last payment absorbs rounding.  Each period's payment and
                 * interest are each off by at most half a cent, and that error
                 * compounds at the periodic rate until the end: the last payment
                 * differs from the others by at most the future value of one
                 * cent per period, ((1 + r)^n - 1) / r, plus one. */
                double r = rates[a] / 1200.0;
                double bound = (r > 0 ? (pow(1 + r, terms[b]) - 1) / r : terms[b]) + 1;
                ck_assert_msg(llabs(s.rows[s.nrows - 1].payment - pay) <= bound,
                              "rate %g term %d: last %lld vs %lld", rates[a], terms[b],
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
    sc_error e;
    int64_t pay = sc_level_payment(1000000, 12.0, 36, REGULAR);
    ck_assert_int_eq(pay, 33214);
    ck_assert(sc_schedule_build(1000000, 50000, 12.0, 36, pay, 0, D(2026, 1, 1), D(2026, 2, 1), &s,
                                &e) == SC_OK);
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
    sc_error e;
    int64_t pay = sc_level_payment(1000000, 12.0, 36, REGULAR);
    ck_assert(sc_schedule_build(1000000, 0, 12.0, 36, pay, 0, D(2026, 1, 1), D(2026, 2, 1), &base,
                                &e) == SC_OK);
    ck_assert(sc_schedule_build(1000000, 0, 12.0, 36, pay, 10000, D(2026, 1, 1), D(2026, 2, 1),
                                &fast, &e) == SC_OK);
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
     * To pay it off in time: $100.00 a month.  On the minimum only, 12 payments
     * of $30 (the last on the expiry date) leave $840.00, and the interest from
     * the purchase date is 29.99 % / 365 on each day's balance:
     *   31 x 1200 + 28 x 1170 + 31 x 1140 + 30 x 1110 + 31 x 1080 + 30 x 1050
     *   + 31 x 1020 + 31 x 990 + 30 x 960 + 31 x 930 + 30 x 900 + 31 x 870
     *   = 377,490 dollar-days; x 0.2999 / 365 = 310.1623 -> $310.16. */
    sc_deferred d;
    sc_error e;
    ck_assert(sc_deferred_eval(120000, 12, 29.99, 3000, D(2026, 1, 1), D(2026, 2, 1), &d, &e) ==
              SC_OK);
    ck_assert_int_eq(d.payoff_payment, 10000);
    ck_assert_int_eq(d.balance_at_expiry, 84000);
    ck_assert_int_eq(d.back_interest, 31016);
    /* Paying $100 a month clears it: nothing charged. */
    ck_assert(sc_deferred_eval(120000, 12, 29.99, 10000, D(2026, 1, 1), D(2026, 2, 1), &d, &e) ==
              SC_OK);
    ck_assert_int_eq(d.balance_at_expiry, 0);
    ck_assert_int_eq(d.back_interest, 0);
    /* A small purchase: $250 over 12 months is $20.84 (rounded up), but the $30
     * minimum is higher. */
    ck_assert(sc_deferred_eval(25000, 12, 29.99, 3000, D(2026, 1, 1), D(2026, 2, 1), &d, &e) ==
              SC_OK);
    ck_assert_int_eq(d.payoff_payment, 3000);
}
END_TEST

START_TEST(test_bad_input)
{
    sc_schedule s;
    sc_error e;
    sc_first_period fp;
    /* A payment below the first month's interest never repays: $10,000 at 24 %
     * accrues $200 a month. */
    ck_assert_int_eq(sc_schedule_build(1000000, 0, 24.0, 36, 15000, 0, D(2026, 1, 1),
                                       D(2026, 2, 1), &s, &e), SC_EUSAGE);
    ck_assert_ptr_nonnull(strstr(e.msg, "need at least 392.33"));
    ck_assert_int_eq(sc_schedule_build(0, 0, 5.0, 12, 100, 0, D(2026, 1, 1), D(2026, 2, 1), &s,
                                       &e), SC_EUSAGE);
    ck_assert_int_eq(sc_schedule_build(100000, 100000, 5.0, 12, 9000, 0, D(2026, 1, 1),
                                       D(2026, 2, 1), &s, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_schedule_build(100000, 0, 150.0, 12, 9000, 0, D(2026, 1, 1),
                                       D(2026, 2, 1), &s, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_schedule_build(100000, 0, 5.0, 0, 9000, 0, D(2026, 1, 1), D(2026, 2, 1),
                                       &s, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_first_period_of(D(2026, 2, 1), D(2026, 1, 1), &fp, &e), SC_EUSAGE);
    int64_t p[2] = {100, 100};
    double apr;
    ck_assert_int_eq(sc_apr_solve(1000, p, 2, REGULAR, &apr, &e), SC_EUSAGE);
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
}
END_TEST

static Suite *finance_suite(void)
{
    Suite *s = suite_create("finance");
    TCase *tc = tcase_create("published");
    tcase_add_test(tc, test_level_payment_published);
    tcase_add_test(tc, test_zero_and_tiny_rates);
    tcase_add_test(tc, test_schedule_hp12c);
    tcase_add_test(tc, test_regz_appendix_j);
    tcase_add_test(tc, test_rate_published);
    tcase_add_test(tc, test_schedule_properties);
    tcase_add_test(tc, test_fee_raises_apr);
    tcase_add_test(tc, test_extra_principal);
    tcase_add_test(tc, test_deferred_interest);
    tcase_add_test(tc, test_bad_input);
    tcase_add_test(tc, test_dates);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
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
