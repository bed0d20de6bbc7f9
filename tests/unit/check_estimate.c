/* estimate: hand-computed cases on the minimal fixture (tests/fixtures/minimal,
 * whose prices are round numbers chosen for hand arithmetic), error cases, and
 * invariants over every combination in the bundled tables. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stemcost/estimate.h"
#include "pricing_internal.h" /* the model's arrays, for tests that walk them */

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
     * high: the scenario leaves the sessions open, so the high column prices
     *       the procedure's highest count (2) at high prices:
     *          300 + 2000 + 2 x 600 + 2 x 600 + 2 x 3000 + 2 x 150 = 11,000.00 */
    sc_scenario s = base("bmac", "US");
    sc_estimate_result r;
    run(&s, &r);
    ck_assert_str_eq(r.currency->code, "USD");
    ck_assert_int_eq(r.nitems, 6);
    ck_range(r.treatment, 250000, 440000, 1100000);
    ck_range(r.tax, 0, 0, 0);
    ck_range(r.travel, 0, 0, 0);
    ck_range(r.insurance_pays, 0, 0, 0);
    ck_range(r.out_of_pocket, 250000, 440000, 1100000);
    ck_assert_int_eq(r.sessions_col[0], 1);
    ck_assert_int_eq(r.sessions_col[2], 2);
    ck_assert_int_eq(r.lines[5].quantity_high, 2); /* the injection, 1 site x 2 sessions */
    ck_assert_str_eq(r.pricing_as_of, "2025-06-30");
    sc_estimate_result_free(&r);
}
END_TEST

START_TEST(test_bilateral)
{
    /* Two knees: only the per-site injection doubles: 4,400 + 2,000 = 6,400 typical;
     * 2,500 + 1,000 = 3,500 low; high (2 sessions): 300 + 2000 + 2 x 600 + 2 x 600
     * + 2 sites x 2 sessions x 3000 + 2 x 150 = 17,000.  More than one knee
     * (4,400), less than two (8,800). */
    sc_scenario s = base("bmac", "US");
    s.sites = "2";
    sc_estimate_result r;
    run(&s, &r);
    ck_range(r.treatment, 350000, 640000, 1700000);
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
     * insurance pays 60 / 320 / 1,220; out of pocket 2,500 - 60 = 2,440,
     * 4,400 - 320 = 4,080, 11,000 - 1,220 = 9,780. */
    sc_scenario s = base("bmac", "US");
    s.insurance = "us-ppo";
    s.deductible_met = "200";
    sc_estimate_result r;
    run(&s, &r);
    ck_range(r.insurance_pays, 6000, 32000, 122000);
    ck_range(r.out_of_pocket, 244000, 408000, 978000);
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

START_TEST(test_oop_max_zero)
{
    /* A given maximum of 0 is a maximum already reached (in the plan tables 0
     * means "no maximum", but an amount the user gives is an amount): the
     * patient pays nothing of the covered lines, copay included.
     * Consultation 100 / 200 / 300 and MRI 500 / 1,000 / 2,000 are covered:
     * the plan pays 600 / 1,200 / 2,300; out of pocket 2,500 - 600 = 1,900,
     * 4,400 - 1,200 = 3,200, 11,000 - 2,300 = 8,700. */
    sc_scenario s = base("bmac", "US");
    s.insurance = "us-ppo";
    s.oop_max = "0";
    sc_estimate_result r;
    run(&s, &r);
    ck_range(r.insurance_pays, 60000, 120000, 230000);
    ck_range(r.out_of_pocket, 190000, 320000, 870000);
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
    /* Self-pay: the patient's share is the whole treatment, 2,500 / 4,400 / 11,000:
     * 15 % = 375 / 660 / 1,650. */
    sc_scenario s = base("bmac", "US");
    s.contingency = "15";
    sc_estimate_result r;
    run(&s, &r);
    ck_range(r.contingency, 37500, 66000, 165000);
    ck_range(r.out_of_pocket, 287500, 506000, 1265000);
    sc_estimate_result_free(&r);
}
END_TEST

START_TEST(test_usd_to_jpy)
{
    /* The US episode shown in yen at 150: 4,400 x 150 = JPY 660,000 exactly;
     * 2,500 x 150 = 375,000; 11,000 x 150 = 1,650,000. */
    sc_scenario s = base("bmac", "US");
    s.currency = "JPY";
    sc_estimate_result r;
    run(&s, &r);
    ck_range(r.treatment, 375000, 660000, 1650000);
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


/* A private copy of the fixture, for tests that change a rule in memory. */
static sc_pricing *fixture_copy(void)
{
    char path[4096];
    const char *src = getenv("TESTS_SRCDIR");
    sc_pricing *p = NULL;
    sc_diags d;
    sc_diags_init(&d);
    snprintf(path, sizeof path, "%s/fixtures/minimal", src ? src : "tests");
    ck_assert_int_eq(sc_pricing_load_dir(path, &p, &d), SC_OK);
    sc_diags_free(&d);
    return p;
}

static void run_on(const sc_pricing *p, const sc_scenario *s, sc_estimate_result *r)
{
    sc_error e;
    sc_error_clear(&e);
    ck_assert_msg(sc_estimate(p, s, r, &e) == SC_OK, "estimate failed: %s: %s", e.field, e.msg);
}

START_TEST(test_sessions_given_fix_every_column)
{
    /* --sessions 1 fixes the count in every column: the high column is one
     * session at high prices: 300 + 2000 + 600 + 600 + 3000 + 2 x 150 = 6,800. */
    sc_scenario s = base("bmac", "US");
    s.sessions = "1";
    sc_estimate_result r;
    run(&s, &r);
    ck_range(r.treatment, 250000, 440000, 680000);
    ck_assert_int_eq(r.sessions_col[2], 1);
    sc_estimate_result_free(&r);
}
END_TEST

START_TEST(test_contingency_on_patient_share)
{
    /* us-ppo (deductible 1,000, 20 %, $40 copay on consultations, max 3,000),
     * 10 % contingency, typical column:
     *   consultation 200: copay 40, the plan pays 160;
     *   MRI 1,000: all deductible, the plan pays 0;
     *   the plan pays 160; the patient's share 4,400 - 160 = 4,240;
     *   contingency 10 % of 4,240 = 424 (not of 4,400: nothing on what the
     *   insurer pays); out of pocket 4,240 + 424 = 4,664. */
    sc_scenario s = base("bmac", "US");
    s.insurance = "us-ppo";
    s.contingency = "10";
    sc_estimate_result r;
    run(&s, &r);
    ck_assert_int_eq(r.insurance_pays.typical, 16000);
    ck_assert_int_eq(r.contingency.typical, 42400);
    ck_assert_int_eq(r.out_of_pocket.typical, 466400);
    sc_estimate_result_free(&r);
}
END_TEST

START_TEST(test_contingency_includes_travel)
{
    /* Cultured cells in Japan for a US patient alone, 10 % contingency, shown in
     * USD at 150 JPY per USD.  Treatment 5,473.34 (see the companion test's
     * lines), tax 547.33; travel, typical, one traveller, 2 visits of 3 nights:
     *   airfare $1,500 x 2 = 3,000.00; lodging JPY 20,000 x 3 x 2 = 120,000 = 800.00;
     *   local JPY 8,000 x 1 x 3 x 2 = 48,000 = 320.00; travel 4,120.00.
     * share 5,473.34 + 547.33 + 4,120.00 = 10,140.67; 10 % = 1,014.067 -> 1,014.07. */
    sc_scenario s = base("adipose-cultured", "JP");
    s.home = "US";
    s.contingency = "10";
    sc_estimate_result r;
    run(&s, &r);
    ck_assert_int_eq(r.travel.typical, 412000);
    ck_assert_int_eq(r.contingency.typical, 101407);
    ck_assert_int_eq(r.out_of_pocket.typical, 1014067 + 101407);
    sc_estimate_result_free(&r);
}
END_TEST

START_TEST(test_tax_only_on_uncovered_lines)
{
    /* The fixture's US with a 10 % tax on self-pay care (changed in memory),
     * us-ppo covering consultation and imaging: the taxable subtotal is
     * what the plan does not cover: 4,400 - 200 - 1,000 = 3,200; tax 320.00
     * (10 % of all 4,400 would be 440). */
    sc_pricing *p = fixture_copy();
    ((sc_country *)sc_pricing_country(p, "US"))->self_pay_tax_pct = 1000;
    sc_scenario s = base("bmac", "US");
    s.insurance = "us-ppo";
    sc_estimate_result r;
    run_on(p, &s, &r);
    ck_assert_int_eq(r.tax.typical, 32000);
    /* out of pocket = 4,400 + 320 - 160 (see the contingency test) = 4,560 */
    ck_assert_int_eq(r.out_of_pocket.typical, 456000);
    sc_estimate_result_free(&r);
    sc_pricing_free(p);
}
END_TEST

START_TEST(test_copay_per_unit)
{
    /* A plan that covers follow-up visits with a $40 copay per visit (changed
     * in memory).  The episode has 2 follow-ups at 100 = 200 typical: the
     * patient pays 2 x 40 = 80, the plan 120.  Consultation: copay 40, plan 160.
     * MRI: 1,000 deductible, plan 0.  The plan pays 160 + 120 = 280. */
    sc_pricing *p = fixture_copy();
    sc_insurance *in = (sc_insurance *)sc_pricing_insurance(p, "us-ppo");
    in->covers |= 1u << SC_CAT_FOLLOW_UP;
    in->copay_applies |= 1u << SC_CAT_FOLLOW_UP;
    sc_scenario s = base("bmac", "US");
    s.insurance = "us-ppo";
    sc_estimate_result r;
    run_on(p, &s, &r);
    ck_assert_int_eq(r.lines[5].category, SC_CAT_FOLLOW_UP);
    ck_assert_int_eq(r.lines[5].insurance_pays.typical, 12000);
    ck_assert_int_eq(r.insurance_pays.typical, 28000);
    sc_estimate_result_free(&r);
    sc_pricing_free(p);
}
END_TEST

START_TEST(test_copay_never_above_the_charge)
{
    /* us-ppo with a $250 copay on consultations: the consultation costs 100 /
     * 200 / 300, so the patient pays 100 / 200 / 250 (never more than the
     * charge) and the plan 0 / 0 / 50 (never less than nothing). */
    sc_scenario s = base("bmac", "US");
    s.insurance = "us-ppo";
    s.copay = "250";
    sc_estimate_result r;
    run(&s, &r);
    ck_assert_int_eq(r.lines[0].category, SC_CAT_CONSULTATION);
    ck_range(r.lines[0].insurance_pays, 0, 0, 5000);
    sc_estimate_result_free(&r);
}
END_TEST

START_TEST(test_complication_block)
{
    /* The fixture's US risk: chance 1.0 / 1.5 / 2.0 %, PERT mean
     * (1 + 6 + 2) / 6 = 1.5 %; cost 20,000 / 50,000 / 100,000, mean
     * (20,000 + 200,000 + 100,000) / 6 = 53,333.33.
     * Self-pay: the patient pays it all; expected 1.5 % x 53,333.33 = 800.00. */
    sc_scenario s = base("bmac", "US");
    sc_estimate_result r;
    run(&s, &r);
    ck_assert_ptr_nonnull(r.complications.row);
    ck_assert_int_eq(r.complications.probability, 15000);
    ck_range(r.complications.cost, 2000000, 5000000, 10000000);
    ck_assert_int_eq(r.complications.expected, 80000);
    sc_estimate_result_free(&r);

    /* us-ppo, nothing met: the episode's typical lines used the whole
     * deductible (MRI 1,000) and 40 + 1,000 = 1,040 of the 3,000 maximum.
     * A 50,000 complication: no deductible left, 20 % = 10,000, capped at
     * the 1,960 left of the maximum: the patient pays 1,960.  At the mean
     * 53,333.33 the same cap: 1.5 % x 1,960 = 29.40. */
    s.insurance = "us-ppo";
    run(&s, &r);
    ck_assert_int_eq(r.complications.cost.typical, 196000);
    ck_assert_int_eq(r.complications.expected, 2940);
    sc_estimate_result_free(&r);
}
END_TEST

START_TEST(test_interpolated_share)
{
    /* Typical self-pay lines: consultation 200 and follow-up 200 are
     * interpolated, the rest (4,000) is not: 400 / 4,400 = 9.09 %. */
    sc_scenario s = base("bmac", "US");
    sc_estimate_result r;
    run(&s, &r);
    ck_assert_int_eq(r.interpolated_pct, 909);
    ck_assert_int_eq(r.lines[0].grade, 'C');
    sc_estimate_result_free(&r);
}
END_TEST

START_TEST(test_oop_met_taken_from_deductible_met)
{
    /* us-ppo with 200 of the deductible met and no --oop-met: the 200 counts
     * toward the maximum too, so 2,800 of it is left, and the result says so.
     * --oop-met below --deductible-met contradicts it: a usage error. */
    sc_scenario s = base("bmac", "US");
    s.insurance = "us-ppo";
    s.deductible_met = "200";
    sc_estimate_result r;
    run(&s, &r);
    ck_assert_int_eq(r.terms.oop_left, 280000);
    int said = 0;
    for (size_t i = 0; i < r.nwarnings; i++)
        said |= r.warnings[i].kind == SC_WARN_OOP_MET_ASSUMED;
    ck_assert(said);
    sc_estimate_result_free(&r);
    s.oop_met = "100";
    expect_error(&s, SC_EUSAGE, "--oop-met", "less than --deductible-met");
}
END_TEST

START_TEST(test_copay_without_copay_categories)
{
    sc_scenario s = base("adipose-cultured", "JP");
    s.insurance = "jp-nhi";
    s.copay = "100";
    expect_error(&s, SC_EUSAGE, "--copay", "charges no copay");
}
END_TEST

START_TEST(test_staleness_boundary)
{
    /* The MRI row is as of 2025-06-30 and the oldest price.  On 2026-06-30 it
     * is exactly a year old: not stale; on 2026-07-01 it is. */
    sc_scenario s = base("bmac", "US");
    sc_estimate_result r;
    s.today = "2026-06-30";
    run(&s, &r);
    for (size_t i = 0; i < r.nwarnings; i++)
        ck_assert_int_ne(r.warnings[i].kind, SC_WARN_STALE_PRICES);
    sc_estimate_result_free(&r);
    s.today = "2026-07-01";
    run(&s, &r);
    int stale = 0;
    for (size_t i = 0; i < r.nwarnings; i++)
        if (r.warnings[i].kind == SC_WARN_STALE_PRICES)
            stale = (int)r.warnings[i].count;
    ck_assert_int_eq(stale, 4); /* MRI, harvest, processing, injection */
    sc_estimate_result_free(&r);
}
END_TEST

START_TEST(test_null_error_allowed)
{
    /* Every entry point accepts err == NULL and still returns the status. */
    sc_scenario s = base("bmac", "XX");
    sc_estimate_result r;
    ck_assert_int_eq(sc_estimate(fixture, &s, &r, NULL), SC_EINPUT);
    s = base("bmac", "US");
    s.sites = "nine";
    ck_assert_int_eq(sc_estimate(fixture, &s, &r, NULL), SC_EUSAGE);
    s = base("prp", "US");
    ck_assert_int_eq(sc_estimate(fixture, &s, &r, NULL), SC_EINPUT);
    sc_resolved res;
    ck_assert_int_eq(sc_scenario_resolve(fixture, &s, &res, NULL), SC_EINPUT);
}
END_TEST

START_TEST(test_reason_codes)
{
    sc_scenario s = base("prp", "US");
    sc_estimate_result r;
    sc_error e;
    ck_assert_int_eq(sc_estimate(fixture, &s, &r, &e), SC_EINPUT);
    ck_assert_int_eq(e.reason, SC_R_NOT_PRICED);
    ck_assert_str_eq(e.field, "procedure");
    s = base("bmc", "US");
    sc_estimate(fixture, &s, &r, &e);
    ck_assert_int_eq(e.reason, SC_R_UNKNOWN_ID);
    s = base("bmac", "US");
    s.sites = "3";
    sc_estimate(fixture, &s, &r, &e);
    ck_assert_int_eq(e.reason, SC_R_RANGE);
    ck_assert_str_eq(e.field, "sites");
    s.sites = "";
    sc_estimate(fixture, &s, &r, &e);
    ck_assert_int_eq(e.reason, SC_R_EMPTY);
    s = base("bmac", "US");
    s.deductible_met = "1";
    sc_estimate(fixture, &s, &r, &e);
    ck_assert_int_eq(e.reason, SC_R_NOT_APPLICABLE);
    ck_assert_str_eq(e.field, "deductible_met");
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
                            ck_assert_msg(e.reason == SC_R_NOT_PRICED, "%s", e.msg);
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
    tcase_add_test(tc, test_oop_max_zero);
    tcase_add_test(tc, test_japan_mixed_billing);
    tcase_add_test(tc, test_contingency);
    tcase_add_test(tc, test_usd_to_jpy);
    tcase_add_test(tc, test_bad_input);
    tcase_add_test(tc, test_sessions_given_fix_every_column);
    tcase_add_test(tc, test_contingency_on_patient_share);
    tcase_add_test(tc, test_contingency_includes_travel);
    tcase_add_test(tc, test_tax_only_on_uncovered_lines);
    tcase_add_test(tc, test_copay_per_unit);
    tcase_add_test(tc, test_copay_never_above_the_charge);
    tcase_add_test(tc, test_complication_block);
    tcase_add_test(tc, test_interpolated_share);
    tcase_add_test(tc, test_oop_met_taken_from_deductible_met);
    tcase_add_test(tc, test_copay_without_copay_categories);
    tcase_add_test(tc, test_staleness_boundary);
    tcase_add_test(tc, test_null_error_allowed);
    tcase_add_test(tc, test_reason_codes);
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
