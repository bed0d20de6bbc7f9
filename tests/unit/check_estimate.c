/* estimate: hand-computed cases on the minimal fixture (tests/fixtures/minimal,
 * whose prices are round numbers chosen for hand arithmetic), error cases, and
 * invariants over every combination in the bundled tables. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stemcost/estimate.h"

static sc_pricing *fixture;
static sc_pricing *bundled;

static void load(void)
{
    char path[4096];
    const char *src = getenv("TESTS_SRCDIR");
    sc_diags d;
    sc_diags_init(&d);
    snprintf(path, sizeof path, "%s/fixtures/minimal", src ? src : "tests");
    ck_assert_int_eq(sc_pricing_load_dir(path, &fixture, &d), SC_OK);
    ck_assert_int_eq(sc_pricing_load_builtin(&bundled, &d), SC_OK);
    sc_diags_free(&d);
}

static void unload(void)
{
    sc_pricing_free(fixture);
    sc_pricing_free(bundled);
}

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

static void run(const sc_scenario *s, sc_estimate_result *r)
{
    sc_error e;
    sc_error_clear(&e);
    ck_assert_msg(sc_estimate(fixture, s, r, &e) == SC_OK, "estimate failed: %s: %s", e.field,
                  e.msg);
}

#define ck_range(rg, lo, ty, hi)                 \
    do {                                         \
        ck_assert_int_eq((rg).low, (lo));        \
        ck_assert_int_eq((rg).typical, (ty));    \
        ck_assert_int_eq((rg).high, (hi));       \
    } while (0)

START_TEST(test_single_site)
{
    /* bmac, knee, US, specialist, self-pay; amounts in cents.
     * typical: consultation 200 + MRI 1000 + harvest 500 + processing 500
     *          + injection 2000 + follow-up 2 x 100      = 4,400.00
     * low:     100 + 500 + 400 + 400 + 1000 + 2 x 50      = 2,500.00
     * high:    300 + 2000 + 600 + 600 + 3000 + 2 x 150    = 6,800.00 */
    sc_scenario s = base("bmac", "US");
    sc_estimate_result r;
    run(&s, &r);
    ck_assert_str_eq(r.currency->code, "USD");
    ck_assert_int_eq(r.nitems, 6);
    ck_range(r.treatment, 250000, 440000, 680000);
    ck_range(r.tax, 0, 0, 0);
    ck_range(r.travel, 0, 0, 0);
    ck_range(r.insurance_pays, 0, 0, 0);
    ck_range(r.out_of_pocket, 250000, 440000, 680000);
    ck_assert_str_eq(r.pricing_as_of, "2025-06-30");
    sc_estimate_result_free(&r);
}
END_TEST

START_TEST(test_bilateral)
{
    /* Two knees: only the per-site injection doubles: 4,400 + 2,000 = 6,400 typical;
     * 2,500 + 1,000 = 3,500 low; 6,800 + 3,000 = 9,800 high.  More than one knee
     * (4,400), less than two (8,800). */
    sc_scenario s = base("bmac", "US");
    s.sites = "2";
    sc_estimate_result r;
    run(&s, &r);
    ck_range(r.treatment, 350000, 640000, 980000);
    ck_assert_int_gt(r.treatment.typical, 440000);
    ck_assert_int_lt(r.treatment.typical, 2 * 440000);
    sc_estimate_result_free(&r);
}
END_TEST

START_TEST(test_second_session)
{
    /* Two sessions: harvest, processing and the injection happen twice;
     * consultation, MRI and follow-up once:
     * 200 + 1000 + 2 x 500 + 2 x 500 + 2 x 2000 + 200 = 7,400 typical. */
    sc_scenario s = base("bmac", "US");
    s.sessions = "2";
    sc_estimate_result r;
    run(&s, &r);
    ck_assert_int_eq(r.treatment.typical, 740000);
    sc_estimate_result_free(&r);
}
END_TEST

START_TEST(test_travel_two_visits_companion_jpy_to_usd)
{
    /* Cultured adipose cells in Japan for a US patient with a companion; shown in
     * USD at 150 JPY per USD, each line rounded once:
     *   consultation  5,000 / 150 =    33.333 ->    33.33
     *   labs         16,000 / 150 =   106.667 ->   106.67
     *   harvest     100,000 / 150 =   666.667 ->   666.67
     *   processing  300,000 / 150 = 2,000.000 -> 2,000.00
     *   injection   400,000 / 150 = 2,666.667 -> 2,666.67
     *   treatment (sum of lines)               = 5,473.34
     *   tax 10 % of 5,473.34 = 547.334          ->   547.33
     * Travel: 2 visits (harvest, then injection) x 2 travellers:
     *   airfare  $1,000 / 1,500 / 2,000 x 4                  = 4,000 / 6,000 / 8,000
     *   lodging  JPY 15,000 x 2 nights x 2 visits =  60,000  ->   400.00
     *            JPY 20,000 x 3 x 2               = 120,000  ->   800.00
     *            JPY 30,000 x 4 x 2               = 240,000  -> 1,600.00
     *   local    JPY 5,000 x 2 travellers x 2 nights x 2 =  40,000 -> 266.67
     *            JPY 8,000 x 2 x 3 x 2                   =  96,000 -> 640.00
     *            JPY 10,000 x 2 x 4 x 2                  = 160,000 -> 1,066.67
     *   travel = 4,666.67 / 7,440.00 / 10,666.67
     * out of pocket = 5,473.34 + 547.33 + travel
     *               = 10,687.34 / 13,460.67 / 16,687.34 */
    sc_scenario s = base("adipose-cultured", "JP");
    s.home = "US";
    s.travelers = "2";
    sc_estimate_result r;
    run(&s, &r);
    ck_assert_str_eq(r.currency->code, "USD");
    ck_assert_int_eq(r.visits, 2);
    ck_assert_int_eq(r.lines[0].amount.typical, 3333);
    ck_assert_int_eq(r.lines[1].amount.typical, 10667);
    ck_range(r.treatment, 547334, 547334, 547334);
    ck_range(r.tax, 54733, 54733, 54733);
    ck_range(r.travel, 466667, 744000, 1066667);
    ck_range(r.out_of_pocket, 1068734, 1346067, 1668734);
    ck_assert_int_eq(r.nfx, 1);
    ck_assert_str_eq(r.fx[0].from->code, "JPY");
    sc_estimate_result_free(&r);
}
END_TEST

START_TEST(test_deductible_partly_met)
{
    /* us-ppo: deductible 1,000, 200 already met (800 left), 20 % coinsurance,
     * $40 copay on consultations, maximum 3,000.
     * Consultation (copay): the patient pays 40; the plan 60 / 160 / 260.
     * MRI low 500 is cheaper than the 800 left: the deductible takes 500, not 800;
     *   the plan pays 0.
     * MRI typical 1,000: deductible 800, 20 % of 200 = 40: patient 840, plan 160.
     * MRI high 2,000: deductible 800, 20 % of 1,200 = 240: patient 1,040, plan 960.
     * insurance pays 60 / 320 / 1,220; out of pocket 2,440 / 4,080 / 5,580. */
    sc_scenario s = base("bmac", "US");
    s.insurance = "us-ppo";
    s.deductible_met = "200";
    sc_estimate_result r;
    run(&s, &r);
    ck_range(r.insurance_pays, 6000, 32000, 122000);
    ck_range(r.out_of_pocket, 244000, 408000, 558000);
    ck_assert_int_eq(r.lines[1].insurance_pays.low, 0);
    sc_estimate_result_free(&r);
}
END_TEST

START_TEST(test_oop_max_reached)
{
    /* us-ppo with 2,950 of the 3,000 maximum already met: 50 left.
     * typical: consultation copay 40 (10 left), plan 160; MRI 1,000 all deductible,
     *   but the patient's share is capped at the 10 left: plan pays 990.
     *   insurance 1,150; out of pocket 4,400 - 1,150 = 3,250.
     * low: consultation plan 60 (10 left); MRI 500 -> patient 10, plan 490;
     *   insurance 550; out of pocket 2,500 - 550 = 1,950. */
    sc_scenario s = base("bmac", "US");
    s.insurance = "us-ppo";
    s.oop_met = "2950";
    sc_estimate_result r;
    run(&s, &r);
    ck_assert_int_eq(r.insurance_pays.typical, 115000);
    ck_assert_int_eq(r.out_of_pocket.typical, 325000);
    ck_assert_int_eq(r.insurance_pays.low, 55000);
    ck_assert_int_eq(r.out_of_pocket.low, 195000);
    sc_estimate_result_free(&r);
}
END_TEST

START_TEST(test_japan_mixed_billing)
{
    /* jp-nhi covers consultation, imaging and labs at 30 %, but the cell therapy is
     * not covered, so the whole course is self-pay (mixed-billing ban):
     * items 5,000 + 16,000 + 100,000 + 300,000 + 400,000 = JPY 821,000;
     * tax 10 % = 82,100; out of pocket 903,100; the plan pays nothing. */
    sc_scenario s = base("adipose-cultured", "JP");
    s.insurance = "jp-nhi";
    sc_estimate_result r;
    run(&s, &r);
    ck_assert_str_eq(r.currency->code, "JPY");
    ck_assert_int_eq(r.mixed_billing_applied, 1);
    ck_range(r.treatment, 821000, 821000, 821000);
    ck_range(r.tax, 82100, 82100, 82100);
    ck_range(r.insurance_pays, 0, 0, 0);
    ck_range(r.out_of_pocket, 903100, 903100, 903100);
    int said = 0;
    for (size_t i = 0; i < r.nwarnings; i++) {
        char w[SC_WARNING_MAX];
        said |= strstr(sc_estimate_warning_text(&r, i, w, sizeof w),
                       "because harvest, processing, injection are not covered, the whole "
                       "course is self-pay") == NULL
                    ? 0
                    : 1;
    }
    ck_assert(said);
    sc_estimate_result_free(&r);
}
END_TEST

START_TEST(test_contingency)
{
    /* 15 % of 2,500 / 4,400 / 6,800 = 375 / 660 / 1,020. */
    sc_scenario s = base("bmac", "US");
    s.contingency = "15";
    sc_estimate_result r;
    run(&s, &r);
    ck_range(r.contingency, 37500, 66000, 102000);
    ck_range(r.out_of_pocket, 287500, 506000, 782000);
    sc_estimate_result_free(&r);
}
END_TEST

START_TEST(test_usd_to_jpy)
{
    /* The US episode shown in yen at 150: 4,400 x 150 = JPY 660,000 exactly. */
    sc_scenario s = base("bmac", "US");
    s.currency = "JPY";
    sc_estimate_result r;
    run(&s, &r);
    ck_range(r.treatment, 375000, 660000, 1020000);
    sc_estimate_result_free(&r);
}
END_TEST

static void expect_error(sc_scenario *s, sc_status status, const char *where,
                         const char *fragment)
{
    sc_estimate_result r;
    sc_error e;
    sc_error_clear(&e);
    ck_assert_int_eq(sc_estimate(fixture, s, &r, &e), status);
    /* The error names the field; a command line shows it as an option. */
    char shown[SC_WHERE_MAX + SC_MSG_MAX + 64], prefix[80];
    sc_error_format_option(&e, shown, sizeof shown);
    snprintf(prefix, sizeof prefix, "%s: ", where);
    ck_assert_msg(strncmp(shown, prefix, strlen(prefix)) == 0, "'%s' is not at '%s'", shown, where);
    ck_assert_str_eq(e.file, "");
    ck_assert_msg(strstr(e.msg, fragment) != NULL, "'%s' lacks '%s'", e.msg, fragment);
}

START_TEST(test_bad_input)
{
    sc_scenario s = base("bmc", "US");
    expect_error(&s, SC_EINPUT, "--procedure", "did you mean 'bmac'");
    s = base("prp", "US");
    expect_error(&s, SC_EINPUT, "--procedure", "not priced in US");
    s = base("bmac", "XX");
    expect_error(&s, SC_EINPUT, "--country", "unknown country 'XX'");
    s = base("bmac", "US");
    s.sites = "0";
    expect_error(&s, SC_EUSAGE, "--sites", "from 1 to 2");
    s.sites = "3";
    expect_error(&s, SC_EUSAGE, "--sites", "from 1 to 2");
    s.sites = "1.5";
    expect_error(&s, SC_EUSAGE, "--sites", "whole number");
    s = base("bmac", "US");
    s.insurance = "us-ppo";
    s.coinsurance = "140";
    expect_error(&s, SC_EUSAGE, "--coinsurance", "percentage from 0 to 100");
    s = base("bmac", "US");
    s.insurance = "us-ppo";
    s.deductible_met = "1500";
    expect_error(&s, SC_EUSAGE, "--deductible-met", "more than the deductible of 1000.00");
    s = base("bmac", "US");
    s.insurance = "us-ppo";
    s.oop_met = "3000.01";
    expect_error(&s, SC_EUSAGE, "--oop-met", "more than the out-of-pocket maximum");
    s = base("bmac", "US");
    s.deductible = "500";
    expect_error(&s, SC_EUSAGE, "--deductible", "self-pay covers nothing");
    s = base("bmac", "US");
    s.insurance = "us-ppo";
    s.copay = "1,000";
    expect_error(&s, SC_EUSAGE, "--copay", "thousands separators");
    s = base("bmac", "US");
    s.contingency = "-5";
    expect_error(&s, SC_EUSAGE, "--contingency", "percentage");
    s = base("bmac", "US");
    s.tier = "luxury";
    expect_error(&s, SC_EINPUT, "--tier", "unknown tier 'luxury'");
}
END_TEST

/* Invariants over every valid combination of the bundled tables, at home and
 * from every other home country. */
START_TEST(test_invariants_bundled)
{
    const sc_pricing *p = bundled;
    size_t ok = 0;
    for (size_t c = 0; c < p->ncountries; c++)
        for (size_t t = 0; t < p->ntiers; t++)
            for (size_t k = 0; k < p->nconditions; k++)
                for (size_t x = 0; x < p->conditions[k].nprocedures; x++)
                    for (size_t h = 0; h < p->ncountries; h++) {
                        sc_scenario s;
                        memset(&s, 0, sizeof s);
                        s.procedure = p->conditions[k].procedures[x];
                        s.condition = p->conditions[k].id;
                        s.country = p->countries[c].id;
                        s.tier = p->tiers[t].id;
                        s.home = p->countries[h].id;
                        s.today = "2026-11-24";
                        sc_estimate_result r;
                        sc_error e;
                        if (sc_estimate(p, &s, &r, &e) != SC_OK) {
                            /* Only "not priced here" may fail. */
                            ck_assert_msg(strstr(e.msg, "not priced") != NULL, "%s", e.msg);
                            continue;
                        }
                        ok++;
                        sc_range sum = {0, 0, 0};
                        for (size_t i = 0; i < r.nitems; i++) {
                            const sc_range *a = &r.lines[i].amount;
                            ck_assert(a->low <= a->typical && a->typical <= a->high);
                            sum.low += a->low;
                            sum.typical += a->typical;
                            sum.high += a->high;
                        }
                        ck_assert_int_eq(sum.typical, r.treatment.typical);
                        const sc_range *tot[] = {&r.treatment, &r.tax, &r.travel,
                                                 &r.out_of_pocket};
                        for (int i = 0; i < 4; i++)
                            ck_assert(tot[i]->low <= tot[i]->typical &&
                                      tot[i]->typical <= tot[i]->high);
                        ck_assert_int_eq(r.out_of_pocket.typical,
                                         r.treatment.typical + r.tax.typical + r.travel.typical +
                                             r.contingency.typical - r.insurance_pays.typical);
                        ck_assert_int_eq(r.insurance_pays.typical, 0); /* self-pay */
                        ck_assert_int_eq(h == c, r.travel.high == 0);
                        ck_assert(r.treatment.low > 0);
                        sc_estimate_result_free(&r);
                    }
    /* Most combinations are priced. */
    ck_assert_int_gt(ok, 500);
}
END_TEST

static Suite *estimate_suite(void)
{
    Suite *s = suite_create("estimate");
    TCase *tc = tcase_create("hand-computed");
    tcase_add_unchecked_fixture(tc, load, unload);
    tcase_add_test(tc, test_single_site);
    tcase_add_test(tc, test_bilateral);
    tcase_add_test(tc, test_second_session);
    tcase_add_test(tc, test_travel_two_visits_companion_jpy_to_usd);
    tcase_add_test(tc, test_deductible_partly_met);
    tcase_add_test(tc, test_oop_max_reached);
    tcase_add_test(tc, test_japan_mixed_billing);
    tcase_add_test(tc, test_contingency);
    tcase_add_test(tc, test_usd_to_jpy);
    tcase_add_test(tc, test_bad_input);
    tcase_add_test(tc, test_invariants_bundled);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(estimate_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
