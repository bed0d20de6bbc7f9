/* Simulation: PERT sampling against its closed forms, quantiles against hand
 * computation, and the behaviour of whole simulations on the minimal fixture. */
#include <config.h>

#include <check.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stemcost/simulate.h"

static sc_pricing *fixture;

static void load(void)
{
    char path[4096];
    const char *src = getenv("TESTS_SRCDIR");
    sc_diags d;
    sc_diags_init(&d);
    snprintf(path, sizeof path, "%s/fixtures/minimal", src ? src : "tests");
    ck_assert_int_eq(sc_pricing_load_dir(path, &fixture, &d), SC_OK);
    sc_diags_free(&d);
}

static void unload(void)
{
    sc_pricing_free(fixture);
}

/* PERT(a, m, b): mean (a + 4m + b) / 6 and variance (mean - a)(b - mean) / 7
 * (the beta with alpha + beta = 6).  With n draws the sample mean is within
 * 5 standard errors (sd / sqrt n) and the sample variance within 3 %. */
static void check_pert(double a, double m, double b)
{
    const int n = 200000;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 7);
    double sum = 0, sumsq = 0;
    for (int i = 0; i < n; i++) {
        double x = sc_pert(rng, a, m, b);
        ck_assert(x >= a && x <= b);
        sum += x;
        sumsq += x * x;
    }
    gsl_rng_free(rng);
    double mean = sum / n, var = (sumsq - n * mean * mean) / (n - 1);
    double mu = (a + 4 * m + b) / 6, sigma2 = (mu - a) * (b - mu) / 7;
    ck_assert_msg(fabs(mean - mu) < 5 * sqrt(sigma2 / n), "PERT(%g,%g,%g) mean %g, expected %g", a,
                  m, b, mean, mu);
    ck_assert_msg(fabs(var / sigma2 - 1) < 0.03, "PERT(%g,%g,%g) variance %g, expected %g", a, m, b,
                  var, sigma2);
}

START_TEST(test_pert_moments)
{
    check_pert(0, 0.5, 1);        /* symmetric */
    check_pert(0, 0.1, 1);        /* skewed right */
    check_pert(100, 400, 2000);   /* a price range */
    check_pert(50, 95, 100);      /* skewed left */
    /* Degenerate: exactly the value, no randomness consumed. */
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    ck_assert(sc_pert(rng, 5, 5, 5) == 5.0);
    gsl_rng_free(rng);
}
END_TEST

START_TEST(test_quantiles_hand_computed)
{
    /* Ten values 100 ... 1000 (cents), shuffled.  Linear interpolation
     * between order statistics (R type 7): h = (n - 1) p.
     *   p5:  h = 0.45 -> 100 + 0.45 x 100 = 145
     *   p25: h = 2.25 -> 300 + 0.25 x 100 = 325
     *   p50: h = 4.5  -> 550;  p75: h = 6.75 -> 775;  p90: h = 8.1 -> 910
     *   p95: h = 8.55 -> 955;  mean 550; sd sqrt(sum (x - 550)^2 / 9) = 302.77 */
    static const double data[10] = {700, 100, 1000, 300, 500, 900, 200, 800, 400, 600};
    sc_sim_result r;
    memset(&r, 0, sizeof r);
    r.values = malloc(sizeof data);
    memcpy(r.values, data, sizeof data);
    r.draws = 10;
    ck_assert_int_eq(sc_sim_summarise(&r, NULL), SC_OK);
    ck_assert_int_eq(r.p5, 145);
    ck_assert_int_eq(r.p25, 325);
    ck_assert_int_eq(r.p50, 550);
    ck_assert_int_eq(r.p75, 775);
    ck_assert_int_eq(r.p90, 910);
    ck_assert_int_eq(r.p95, 955);
    ck_assert_int_eq(r.mean, 550);
    ck_assert_int_eq(r.sd, 303); /* 302.765 rounded */
    ck_assert_int_eq(r.min, 100);
    ck_assert_int_eq(r.max, 1000);
    /* Every value lands in a bin, the maximum included. */
    size_t counted = 0;
    for (size_t b = 0; b < r.nbins; b++)
        counted += r.bins[b].count;
    ck_assert_uint_eq(counted, 10);
    sc_sim_result_free(&r);
}
END_TEST

static sc_scenario base(const char *procedure, const char *country)
{
    sc_scenario s;
    memset(&s, 0, sizeof s);
    s.procedure = procedure;
    s.condition = "knee-oa";
    s.country = country;
    s.today = "2026-11-24";
    return s;
}

START_TEST(test_no_uncertainty)
{
    /* Japan's fixture prices have low = typical = high, one session, no travel
     * and no complication row: every draw is the deterministic JPY 903,100. */
    sc_scenario s = base("adipose-cultured", "JP");
    sc_sim_result r;
    sc_error e;
    ck_assert(sc_simulate(fixture, &s, 2000, 1, &r, &e) == SC_OK);
    int64_t p[] = {r.p5, r.p10, r.p25, r.p50, r.p75, r.p90, r.p95, r.mean, r.min, r.max};
    for (size_t i = 0; i < sizeof p / sizeof *p; i++)
        ck_assert_int_eq(p[i], 903100);
    ck_assert_int_eq(r.sd, 0);
    ck_assert_uint_eq(r.nbins, 1);
    ck_assert_uint_eq(r.bins[0].count, 2000);
    sc_sim_result_free(&r);
}
END_TEST

START_TEST(test_insurance_bends_the_tail)
{
    /* us-ppo with 2,950 of its 3,000 maximum met: the covered lines can cost
     * the patient at most the $50 left.  The uncovered lines are at most
     * 2 sessions x (600 + 600 + 3,000) + 2 x 150 = 8,700, so p95 <= $8,750
     * (a complication, 1.5 %, cannot reach the 95th percentile). */
    sc_scenario s = base("bmac", "US");
    s.insurance = "us-ppo";
    s.oop_met = "2950";
    sc_sim_result r, selfpay;
    sc_error e;
    ck_assert(sc_simulate(fixture, &s, 20000, 3, &r, &e) == SC_OK);
    ck_assert_int_le(r.p95, 875000);
    s.insurance = NULL;
    s.oop_met = NULL;
    ck_assert(sc_simulate(fixture, &s, 20000, 3, &selfpay, &e) == SC_OK);
    ck_assert_int_lt(r.p50, selfpay.p50);
    ck_assert_int_lt(r.p95, selfpay.p95);
    sc_sim_result_free(&r);
    sc_sim_result_free(&selfpay);
}
END_TEST

START_TEST(test_reproducible)
{
    sc_scenario s = base("bmac", "US");
    sc_sim_result a, b, c;
    sc_error e;
    ck_assert(sc_simulate(fixture, &s, 5000, 42, &a, &e) == SC_OK);
    ck_assert(sc_simulate(fixture, &s, 5000, 42, &b, &e) == SC_OK);
    ck_assert(sc_simulate(fixture, &s, 5000, 43, &c, &e) == SC_OK);
    ck_assert(memcmp(a.values, b.values, 5000 * sizeof(double)) == 0);
    ck_assert(memcmp(a.values, c.values, 5000 * sizeof(double)) != 0);
    ck_assert_int_eq(a.p50, b.p50);
    /* The percentiles sit inside the deterministic low..high range of the
     * self-pay episode (1 to 2 sessions: 2,500 to 2 x 4,200 + 300 + 2,000 + 300). */
    ck_assert_int_ge(a.p5, 250000);
    ck_assert_int_le(a.p50, 1100000);
    sc_sim_result_free(&a);
    sc_sim_result_free(&b);
    sc_sim_result_free(&c);
}
END_TEST

START_TEST(test_bad_draws)
{
    sc_scenario s = base("bmac", "US");
    sc_sim_result r;
    sc_error e;
    ck_assert_int_eq(sc_simulate(fixture, &s, 0, 1, &r, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_simulate(fixture, &s, -5, 1, &r, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_simulate(fixture, &s, SC_SIM_MAX_DRAWS + 1, 1, &r, &e), SC_EUSAGE);
    ck_assert_str_eq(e.field, "draws");
}
END_TEST

static Suite *simulate_suite(void)
{
    Suite *s = suite_create("simulate");
    TCase *tc = tcase_create("core");
    tcase_add_unchecked_fixture(tc, load, unload);
    tcase_add_test(tc, test_pert_moments);
    tcase_add_test(tc, test_quantiles_hand_computed);
    tcase_add_test(tc, test_no_uncertainty);
    tcase_add_test(tc, test_insurance_bends_the_tail);
    tcase_add_test(tc, test_reproducible);
    tcase_add_test(tc, test_bad_draws);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(simulate_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
