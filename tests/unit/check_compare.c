/* compare: ranking, savings and clinic quotes, hand-computed on the fixture
 * tests/fixtures/compare (round prices; INR 80 and JPY 150 per USD; bmac: one
 * visit, one session, two nights; India trial-only, US and Japan lawful). */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stemcost/compare.h"

static sc_pricing *fx;
static sc_clinics clinics;

static void load(void)
{
    char path[4096];
    const char *src = getenv("TESTS_SRCDIR");
    sc_diags d;
    sc_diags_init(&d);
    snprintf(path, sizeof path, "%s/fixtures/compare", src ? src : "tests");
    ck_assert_int_eq(sc_pricing_load_dir(path, &fx, &d), SC_OK);
    snprintf(path, sizeof path, "%s/fixtures/clinics.csv", src ? src : "tests");
    FILE *fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(sc_clinics_read(fp, "clinics.csv", fx, &clinics, &d), SC_OK);
    fclose(fp);
    sc_diags_free(&d);
}

static void unload(void)
{
    sc_clinics_free(&clinics);
    sc_pricing_free(fx);
}

static sc_compare_request request(const char *home)
{
    sc_compare_request q;
    memset(&q, 0, sizeof q);
    q.base.procedure = "bmac";
    q.base.condition = "knee-oa";
    q.base.home = home;
    q.base.today = "2026-11-24";
    return q;
}

static const sc_compare_row *find(const sc_compare_result *r, const char *country,
                                  const char *tier, const char *clinic)
{
    for (size_t i = 0; i < r->nrows; i++) {
        const sc_compare_row *row = &r->rows[i];
        if (strcmp(row->country->id, country) == 0 && strcmp(row->tier->id, tier) == 0 &&
            ((clinic == NULL && row->clinic == NULL) ||
             (clinic && row->clinic && strcmp(row->clinic->clinic, clinic) == 0)))
            return row;
    }
    ck_abort_msg("no row %s %s %s", country, tier, clinic ? clinic : "");
    return NULL;
}

#define ck_oop(row, lo, ty, hi)                                   \
    do {                                                          \
        ck_assert_int_eq((row)->est.out_of_pocket.low, (lo));     \
        ck_assert_int_eq((row)->est.out_of_pocket.typical, (ty)); \
        ck_assert_int_eq((row)->est.out_of_pocket.high, (hi));    \
    } while (0)

START_TEST(test_us_patient_ranking_and_savings)
{
    /* A US patient, one knee, self-pay, in USD:
     *  US specialist: 200 + 1,000 + 2 x 100 + 4,000/5,000/6,000 = 5,400/6,400/7,400
     *  US community:  200 + 1,000 + 200 + 3,000/3,500/4,000      = 4,400/4,900/5,400
     *  IN specialist: Rs 8,000 = $100; Rs 1.6/2.0/2.4 lakh = $2,000/2,500/3,000;
     *    travel: airfare 800/1,000/1,200 + lodging Rs 4,000 x 2 nights = $100 +
     *    local Rs 1,600 x 2 = $40: 940/1,140/1,340; total 3,040/3,740/4,440
     *  IN community:  100 + 1,500/2,000/2,500 + travel = 2,540/3,240/3,940
     *  JP specialist: JPY 15,000 = $100; JPY 450k/600k/750k = $3,000/4,000/5,000;
     *    tax 10 % = 310/410/510; travel 1,200/1,500/1,800 + JPY 30,000 = $200 +
     *    JPY 9,000 = $60: 1,460/1,760/2,060; total 4,870/6,270/7,670
     *  JP community: not priced (no community row).
     * Lawful (US, JP) ranked first: US community 4,900, JP 6,270, US specialist
     * 6,400; then trial-only India: IN community 3,240, IN specialist 3,740.
     * Savings against US community (4,900): JP -1,370 (-27.96 %), US specialist
     * -1,500 (-30.61 %), IN community +1,660 (33.88 %), IN specialist +1,160
     * (23.67 %). */
    sc_compare_request q = request("US");
    sc_compare_result r;
    sc_error e;
    ck_assert_msg(sc_compare(fx, &q, &r, &e) == SC_OK, "%s", e.msg);
    ck_assert_uint_eq(r.nrows, 6);
    ck_assert_str_eq(r.currency->code, "USD");
    const sc_compare_row *usc = find(&r, "US", "community", NULL);
    const sc_compare_row *uss = find(&r, "US", "specialist", NULL);
    const sc_compare_row *ins = find(&r, "IN", "specialist", NULL);
    const sc_compare_row *inc = find(&r, "IN", "community", NULL);
    const sc_compare_row *jps = find(&r, "JP", "specialist", NULL);
    const sc_compare_row *jpc = find(&r, "JP", "community", NULL);
    ck_oop(uss, 540000, 640000, 740000);
    ck_oop(usc, 440000, 490000, 540000);
    ck_oop(ins, 304000, 374000, 444000);
    ck_oop(inc, 254000, 324000, 394000);
    ck_oop(jps, 487000, 627000, 767000);
    ck_assert_int_eq(jps->est.travel.typical, 176000);
    ck_assert(!jpc->priced);
    ck_assert_int_eq(jpc->group, SC_GROUP_NOT_PRICED);
    ck_assert_ptr_eq(r.baseline, usc);
    /* the order */
    ck_assert_ptr_eq(&r.rows[0], usc);
    ck_assert_ptr_eq(&r.rows[1], jps);
    ck_assert_ptr_eq(&r.rows[2], uss);
    ck_assert_ptr_eq(&r.rows[3], inc);
    ck_assert_ptr_eq(&r.rows[4], ins);
    ck_assert_ptr_eq(&r.rows[5], jpc);
    ck_assert_int_eq(inc->group, SC_GROUP_TRIAL);
    ck_assert_int_eq(usc->saving, 0);
    ck_assert_int_eq(jps->saving, -137000);
    ck_assert_int_eq(jps->saving_pct, -2796);
    ck_assert_int_eq(uss->saving_pct, -3061);
    ck_assert_int_eq(inc->saving, 166000);
    ck_assert_int_eq(inc->saving_pct, 3388);
    ck_assert_int_eq(ins->saving_pct, 2367);
    sc_compare_result_free(&r);
}
END_TEST

START_TEST(test_japanese_patient_comparing_india)
{
    /* A Japanese patient, in JPY (150 per USD, INR 80 per USD: Rs 1 = JPY 1.875):
     *  JP specialist: 15,000 + 450k/600k/750k = 465,000/615,000/765,000,
     *    tax 46,500/61,500/76,500: 511,500/676,500/841,500 (home, the baseline)
     *  IN specialist: Rs 8,000 = 15,000; Rs 1.6/2.0/2.4 lakh = 300,000/375,000/
     *    450,000; travel: airfare 60,000/75,000/90,000 + Rs 8,000 = 15,000 +
     *    Rs 3,200 = 6,000: 81,000/96,000/111,000; total 396,000/486,000/576,000
     *  IN community: 15,000 + 225,000/300,000/375,000 + travel = 321,000/411,000/501,000
     * Savings against 676,500: IN community 265,500 (39.25 %), IN specialist
     * 190,500 (28.16 %). */
    sc_compare_request q = request("JP");
    static const char *const countries[] = {"JP", "IN"};
    q.countries = countries;
    q.ncountries = 2;
    sc_compare_result r;
    sc_error e;
    ck_assert_msg(sc_compare(fx, &q, &r, &e) == SC_OK, "%s", e.msg);
    ck_assert_str_eq(r.currency->code, "JPY");
    const sc_compare_row *jps = find(&r, "JP", "specialist", NULL);
    const sc_compare_row *ins = find(&r, "IN", "specialist", NULL);
    const sc_compare_row *inc = find(&r, "IN", "community", NULL);
    ck_oop(jps, 511500, 676500, 841500);
    ck_oop(ins, 396000, 486000, 576000);
    ck_oop(inc, 321000, 411000, 501000);
    ck_assert_ptr_eq(r.baseline, jps);
    ck_assert_int_eq(inc->saving, 265500);
    ck_assert_int_eq(inc->saving_pct, 3925);
    ck_assert_int_eq(ins->saving_pct, 2816);
    sc_compare_result_free(&r);
}
END_TEST

START_TEST(test_clinic_quotes)
{
    /* Against the US patient's baseline of 4,900:
     *  Complete Clinic: $5,600 including everything (reference 5,400 / 6,400 /
     *    7,400): out of pocket 5,600, -700 (-14.29 %)
     *  Partial Clinic: $4,500 without imaging (1,000) and follow-up (2 x 100):
     *    +1,200 estimated = 5,700 (-16.33 %)
     *  Expired Clinic: valid until 2025-09-01 (expired) and quoted 2025-06-01
     *    (over 180 days): flagged, listed apart (not comparable); 5,200 (-6.12 %)
     *  Bargain Clinic: Rs 20,000 = $250 for consultation and injection, whose
     *    reference low is $100 + $2,000: below it, implausibly cheap, listed
     *    apart; out of pocket 250 + travel 940/1,140/1,340 = 1,190/1,390/1,590
     *    (+3,510, 71.63 %).
     *  Two-knee Clinic: quoted for 2 joints while the comparison is for 1:
     *    listed apart. */
    sc_compare_request q = request("US");
    q.clinics = &clinics;
    q.plan = "clinic-10";
    sc_compare_result r;
    sc_error e;
    ck_assert_msg(sc_compare(fx, &q, &r, &e) == SC_OK, "%s", e.msg);
    ck_assert_uint_eq(r.nrows, 11);
    const sc_compare_row *c1 = find(&r, "US", "specialist", "Complete Clinic");
    const sc_compare_row *c2 = find(&r, "US", "specialist", "Partial Clinic");
    const sc_compare_row *c3 = find(&r, "US", "specialist", "Expired Clinic");
    const sc_compare_row *c4 = find(&r, "IN", "specialist", "Bargain Clinic");
    const sc_compare_row *c5 = find(&r, "US", "specialist", "Two-knee Clinic");
    ck_oop(c1, 560000, 560000, 560000);
    ck_assert_str_eq(c1->omitted, "");
    ck_assert(!c1->expired && !c1->stale && !c1->too_cheap && !c1->too_dear);
    ck_assert_int_ne(c1->group, SC_GROUP_NOT_COMPARABLE);
    ck_assert_int_eq(c1->saving_pct, -1429);
    ck_oop(c2, 570000, 570000, 570000);
    ck_assert_str_eq(c2->omitted, "imaging, follow-up");
    ck_assert_int_eq(c2->omitted_typical, 120000);
    ck_assert_int_eq(c2->saving_pct, -1633);
    ck_assert(c3->expired && c3->stale);
    ck_assert_int_eq(c3->group, SC_GROUP_NOT_COMPARABLE);
    ck_assert_ptr_nonnull(strstr(c3->reason, "expired"));
    ck_assert_int_eq(c3->saving_pct, -612);
    ck_oop(c4, 119000, 139000, 159000);
    ck_assert(c4->too_cheap);
    ck_assert_int_eq(c4->group, SC_GROUP_NOT_COMPARABLE);
    ck_assert_int_eq(c4->saving_pct, 7163);
    ck_assert(c5->other_sites);
    ck_assert_int_eq(c5->group, SC_GROUP_NOT_COMPARABLE);
    ck_assert_str_eq(c5->reason, "quoted for 2 joints, compared for 1");
    /* Comparable rows rank before every row listed apart. */
    ck_assert_int_lt(c1->rank, c3->rank);
    ck_assert_int_lt(c2->rank, c4->rank);
    /* clinic-10: 10 payments at 0 %: the Partial Clinic's 5,700 is 570 a month. */
    ck_assert(c2->has_offer);
    ck_assert_int_eq(c2->offer.reason, SC_OFFER_OK);
    ck_assert_int_eq(c2->offer.upfront_payment, 0);
    ck_assert_int_eq(c2->offer.monthly_payment, 57000);
    ck_assert_int_eq(c2->offer.months, 10);
    ck_assert_int_eq(c2->offer.total_paid, 570000); /* 0 + 10 x 570 */
    /* The baseline stays the reference home row, not a quote. */
    ck_assert_ptr_null(r.baseline->clinic);
    sc_compare_result_free(&r);
}
END_TEST

START_TEST(test_plan_that_does_not_apply)
{
    /* big-min finances purchases of $10,000 or more: the US baseline's 4,900
     * is below it, so the row says the plan does not apply instead of showing
     * a payment. */
    sc_compare_request q = request("US");
    q.plan = "big-min";
    sc_compare_result r;
    sc_error e;
    ck_assert_msg(sc_compare(fx, &q, &r, &e) == SC_OK, "%s", e.msg);
    const sc_compare_row *row = find(&r, "US", "community", NULL);
    ck_assert(row->has_offer);
    ck_assert_int_eq(row->offer.reason, SC_OFFER_BELOW_MINIMUM);
    ck_assert_int_eq(row->offer.monthly_payment, 0);
    ck_assert_ptr_nonnull(strstr(row->offer.why, "at least 10000.00 USD"));
    sc_compare_result_free(&r);
    /* cash: the whole amount up front, no monthly figure. */
    q.plan = "cash";
    ck_assert(sc_compare(fx, &q, &r, &e) == SC_OK);
    row = find(&r, "US", "community", NULL);
    ck_assert_int_eq(row->offer.reason, SC_OFFER_OK);
    ck_assert_int_eq(row->offer.upfront_payment, row->est.out_of_pocket.typical);
    ck_assert_int_eq(row->offer.months, 0);
    ck_assert_int_eq(row->offer.total_paid, row->est.out_of_pocket.typical);
    sc_compare_result_free(&r);
}
END_TEST

START_TEST(test_bad_requests)
{
    sc_compare_request q = request("US");
    sc_compare_result r;
    sc_error e;
    static const char *const bad_country[] = {"US", "XX"};
    q.countries = bad_country;
    q.ncountries = 2;
    ck_assert_int_eq(sc_compare(fx, &q, &r, &e), SC_EINPUT);
    ck_assert_str_eq(e.field, "countries");
    q.ncountries = 0;
    ck_assert_int_eq(sc_compare(fx, &q, &r, &e), SC_EUSAGE);
    /* Listed twice (in any case): one row each, or the request is refused. */
    static const char *const twice[] = {"US", "us"};
    q.countries = twice;
    q.ncountries = 2;
    ck_assert_int_eq(sc_compare(fx, &q, &r, &e), SC_EUSAGE);
    ck_assert_str_eq(e.field, "countries");
    ck_assert_int_eq(e.reason, SC_R_CONFLICT);
    q = request("US");
    static const char *const tiers_twice[] = {"specialist", "community", "specialist"};
    q.tiers = tiers_twice;
    q.ntiers = 3;
    ck_assert_int_eq(sc_compare(fx, &q, &r, &e), SC_EUSAGE);
    ck_assert_str_eq(e.field, "tiers");
    ck_assert_str_eq(e.msg, "'specialist' is listed twice");
    q = request("XX");
    ck_assert_int_eq(sc_compare(fx, &q, &r, &e), SC_EINPUT);
    ck_assert_str_eq(e.field, "home");
    q = request("US");
    q.base.procedure = "bmc";
    ck_assert_int_eq(sc_compare(fx, &q, &r, &e), SC_EINPUT);
    ck_assert_ptr_nonnull(strstr(e.msg, "did you mean 'bmac'"));
    q = request("US");
    q.plan = "nosuch";
    ck_assert_int_eq(sc_compare(fx, &q, &r, &e), SC_EINPUT);
}
END_TEST

static void expect_clinic_error(const char *csv, const char *message)
{
    FILE *fp = fmemopen((void *)csv, strlen(csv), "rb");
    sc_clinics c;
    sc_diags d;
    sc_diags_init(&d);
    ck_assert_int_eq(sc_clinics_read(fp, "q.csv", fx, &c, &d), SC_EINPUT);
    fclose(fp);
    char buf[1024];
    sc_error_format(&d.items[0], buf, sizeof buf);
    ck_assert_msg(strcmp(buf, message) == 0, "got '%s', expected '%s'", buf, message);
    sc_clinics_free(&c);
    sc_diags_free(&d);
}

START_TEST(test_clinic_file_errors)
{
    const char *head = "clinic,country,city,tier,procedure,currency,amount,includes,quote_date,"
                       "valid_until,accreditation,notes\n";
    char csv[1024];
    expect_clinic_error("clinic,country\nA,US\n", "q.csv:1: missing column 'tier'");
    snprintf(csv, sizeof csv, "%sA,XX,,specialist,bmac,USD,100,injection,2026-01-01,2026-02-01,,\n", head);
    expect_clinic_error(csv, "q.csv:2:2: unknown country 'XX'");
    snprintf(csv, sizeof csv, "%sA,US,,specialist,bmac,USD,-100,injection,2026-01-01,2026-02-01,,\n", head);
    expect_clinic_error(csv, "q.csv:2:7: amount: '-100' is negative");
    snprintf(csv, sizeof csv, "%sA,US,,specialist,bmac,XYZ,100,injection,2026-01-01,2026-02-01,,\n", head);
    expect_clinic_error(csv, "q.csv:2:6: currency 'XYZ' is not a known ISO 4217 code (upper case)");
    snprintf(csv, sizeof csv, "%sA,US,,specialist,bmac,USD,100,injection,2026-02-30,2026-03-01,,\n", head);
    expect_clinic_error(csv, "q.csv:2:9: quote_date '2026-02-30' is not a date: February 2026 has 28 days");
    snprintf(csv, sizeof csv, "%sA,US,,specialist,bmac,USD,100,injection,2026-03-01,2026-02-01,,\n", head);
    expect_clinic_error(csv, "q.csv:2:10: valid_until 2026-02-01 is before quote_date 2026-03-01");
    snprintf(csv, sizeof csv, "%sA,US,,specialist,bmac,USD,100,surgery,2026-01-01,2026-02-01,,\n", head);
    expect_clinic_error(csv, "q.csv:2:8: includes: 'surgery' is not a category (consultation, imaging, labs, harvest, processing, injection, facility, follow-up)");
    snprintf(csv, sizeof csv, "%sA,US,,specialist,bmac,JPY,100.5,injection,2026-01-01,2026-02-01,,\n", head);
    expect_clinic_error(csv, "q.csv:2:7: amount: '100.5': JPY amounts have no decimal places");
    snprintf(csv, sizeof csv, "%sA,US,,specialist,bmac,EUR,100,injection,2026-01-01,2026-02-01,,\n", head);
    expect_clinic_error(csv, "q.csv:2:6: no exchange rate for EUR in the pricing tables");
}
END_TEST

static Suite *compare_suite(void)
{
    Suite *s = suite_create("compare");
    TCase *tc = tcase_create("hand-computed");
    tcase_add_unchecked_fixture(tc, load, unload);
    tcase_add_test(tc, test_us_patient_ranking_and_savings);
    tcase_add_test(tc, test_japanese_patient_comparing_india);
    tcase_add_test(tc, test_clinic_quotes);
    tcase_add_test(tc, test_bad_requests);
    tcase_add_test(tc, test_plan_that_does_not_apply);
    tcase_add_test(tc, test_clinic_file_errors);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(compare_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
