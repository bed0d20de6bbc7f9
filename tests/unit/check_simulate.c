/* Simulation: PERT sampling against its closed forms, quantiles against hand
 * computation, and the behaviour of whole simulations on the minimal fixture. */
#include <config.h>

#include <check.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pert.h"
#include "stemcost/simulate.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sort.h>

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

/* Kolmogorov-Smirnov: the positions the simulation draws (a standard normal
 * through the tabulated quantile function) against GSL's Beta CDF.  With
 * n = 200,000 the 1 % critical value of D is 1.63 / sqrt(n) = 0.0036. */
static void check_ks(double alpha, double beta)
{
    const size_t n = 200000;
    sc_pert_table t;
    ck_assert(sc_pert_table_init(&t, alpha, beta));
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 11);
    double *x = malloc(n * sizeof *x);
    for (size_t i = 0; i < n; i++)
        x[i] = sc_pert_table_at(&t, gsl_ran_gaussian_ziggurat(rng, 1.0));
    gsl_sort(x, 1, n);
    double d = 0;
    for (size_t i = 0; i < n; i++) {
        double f = gsl_cdf_beta_P(x[i], alpha, beta);
        double lo = f - (double)i / n, hi = (double)(i + 1) / n - f;
        d = fmax(d, fmax(lo, hi));
    }
    ck_assert_msg(d < 1.63 / sqrt((double)n), "Beta(%g, %g): KS D = %g", alpha, beta, d);
    free(x);
    gsl_rng_free(rng);
}

START_TEST(test_pert_table_ks)
{
    check_ks(3, 3);      /* PERT with the mode in the middle */
    check_ks(1.4, 4.6);  /* mode near the low end: the common price shape */
    check_ks(4.8, 1.2);  /* mode near the high end */
    check_ks(1, 5);      /* mode at the low end (density unbounded slope) */
    check_ks(5, 1);
}
END_TEST

/* The Gaussian copula's correlation shows as Spearman's rank correlation
 * 6/pi asin(rho/2) between two lines' positions (for rho = 0.6: 0.5819).
 * Measured here on 100,000 pairs drawn the way the simulation draws them. */
START_TEST(test_clinic_factor_rank_correlation)
{
    const size_t n = 100000;
    sc_pert_table a, b;
    ck_assert(sc_pert_table_init(&a, 1.5, 4.5));
    ck_assert(sc_pert_table_init(&b, 3, 3));
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 5);
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    double rho = SC_SIM_CLINIC_CORRELATION;
    for (size_t i = 0; i < n; i++) {
        double shared = gsl_ran_gaussian_ziggurat(rng, 1.0);
        x[i] = sc_pert_table_at(&a, sqrt(rho) * shared +
                                        sqrt(1 - rho) * gsl_ran_gaussian_ziggurat(rng, 1.0));
        y[i] = sc_pert_table_at(&b, sqrt(rho) * shared +
                                        sqrt(1 - rho) * gsl_ran_gaussian_ziggurat(rng, 1.0));
    }
    double *work = malloc(2 * n * sizeof *work);
    double r = gsl_stats_spearman(x, 1, y, 1, n, work);
    free(work);
    double expected = 6 / M_PI * asin(rho / 2);
    ck_assert_msg(fabs(r - expected) < 0.01, "Spearman %g, expected %g", r, expected);
    free(x);
    free(y);
    gsl_rng_free(rng);
}
END_TEST

START_TEST(test_discrete_pert)
{
    /* round(PERT(1, 1, 3)): alpha 1, beta 5 on [1, 3]; P(X < 1.5) is the Beta(1, 5)
     * CDF at 0.25 = 1 - 0.75^5 = 0.7626953125; P(X < 2.5) at 0.75 = 1 - 0.25^5. */
    sc_pert_discrete d;
    ck_assert(sc_pert_discrete_init(&d, 1, 1, 3));
    ck_assert_double_eq_tol(d.cdf[0], 1 - pow(0.75, 5), 1e-12);
    ck_assert_double_eq_tol(d.cdf[1], 1 - pow(0.25, 5), 1e-12);
    ck_assert_int_eq(sc_pert_discrete_draw(&d, 0.76), 1);
    ck_assert_int_eq(sc_pert_discrete_draw(&d, 0.77), 2);
    ck_assert_int_eq(sc_pert_discrete_draw(&d, 0.9999), 3);
    ck_assert(!sc_pert_discrete_init(&d, 3, 1, 2));
}
END_TEST

START_TEST(test_percentiles_by_selection)
{
    /* The percentiles from selection equal those of a full sort (GSL's
     * gsl_stats_quantile_from_sorted_data), for sizes that put the
     * interpolation points next to each other. */
    const size_t sizes[] = {1, 2, 3, 7, 10, 21, 1000, 12345};
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        size_t n = sizes[z];
        sc_sim_result r;
        memset(&r, 0, sizeof r);
        r.draws = (long)n;
        r.values = malloc(n * sizeof *r.values);
        double *sorted = malloc(n * sizeof *sorted);
        for (size_t i = 0; i < n; i++)
            r.values[i] = sorted[i] = (double)gsl_rng_uniform_int(rng, 500000);
        gsl_sort(sorted, 1, n);
        ck_assert_int_eq(sc_sim_summarise(&r, NULL), SC_OK);
        const double f[7] = {0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95};
        const int64_t got[7] = {r.p5, r.p10, r.p25, r.p50, r.p75, r.p90, r.p95};
        for (int i = 0; i < 7; i++)
            ck_assert_int_eq(got[i],
                             llround(gsl_stats_quantile_from_sorted_data(sorted, 1, n, f[i])));
        free(sorted);
        sc_sim_result_free(&r);
    }
    gsl_rng_free(rng);
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
    tcase_add_test(tc, test_pert_table_ks);
    tcase_add_test(tc, test_clinic_factor_rank_correlation);
    tcase_add_test(tc, test_discrete_pert);
    tcase_add_test(tc, test_percentiles_by_selection);
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
