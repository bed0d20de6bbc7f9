/* The pricing model: the built-in tables load clean and say what their
 * sources say; the minimal fixture loads with the expected content. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stemcost/pricing.h"

static sc_pricing *builtin(void)
{
    sc_pricing *p = NULL;
    sc_diags d;
    sc_diags_init(&d);
    sc_status st = sc_pricing_load_builtin(&p, &d);
    ck_assert_msg(st == SC_OK, "built-in tables: %zu problems, first: %s", d.count,
                  d.count ? d.items[0].msg : "-");
    sc_diags_free(&d);
    return p;
}

START_TEST(test_builtin_loads_and_covers_the_contract)
{
    sc_pricing *p = builtin();
    /* The identifiers the spec fixes. */
    const char *countries[] = {"US", "CA", "DE", "IN", "JP", "us", "jp"};
    for (size_t i = 0; i < sizeof countries / sizeof *countries; i++)
        ck_assert_ptr_nonnull(sc_pricing_country(p, countries[i]));
    const char *procs[] = {"bmac", "adipose", "adipose-cultured", "cord", "allogeneic-msc", "prp"};
    for (size_t i = 0; i < 6; i++)
        ck_assert_msg(sc_pricing_procedure(p, procs[i]) != NULL, "%s", procs[i]);
    const char *conds[] = {"knee-oa", "hip-oa", "ddd", "spinal-stenosis", "overuse"};
    for (size_t i = 0; i < 5; i++)
        ck_assert_ptr_nonnull(sc_pricing_condition(p, conds[i]));
    const char *tiers[] = {"community", "specialist", "premium"};
    for (size_t i = 0; i < 3; i++)
        ck_assert_ptr_nonnull(sc_pricing_tier(p, tiers[i]));
    const char *ins[] = {"self-pay", "us-ppo", "us-hdhp", "ca-provincial", "de-gkv", "de-pkv",
                         "in-private", "jp-nhi"};
    for (size_t i = 0; i < 8; i++)
        ck_assert_msg(sc_pricing_insurance(p, ins[i]) != NULL, "%s", ins[i]);
    const char *plans[] = {"cash", "clinic-6", "promo-12", "promo-24", "fixed-36", "fixed-60",
                           "loan-36"};
    for (size_t i = 0; i < 7; i++)
        ck_assert_msg(sc_pricing_plan(p, plans[i]) != NULL, "%s", plans[i]);
    /* Every country x procedure has a regulatory status. */
    for (size_t c = 0; c < p->ncountries; c++)
        for (size_t k = 0; k < p->nprocedures; k++)
            ck_assert_msg(sc_pricing_availability(p, p->countries[c].id, p->procedures[k].id),
                          "no status for %s in %s", p->procedures[k].id, p->countries[c].id);
    /* Airfare for every home -> destination pair. */
    for (size_t a = 0; a < p->ncountries; a++)
        for (size_t b = 0; b < p->ncountries; b++) {
            if (a == b)
                continue;
            int found = 0;
            for (size_t i = 0; i < p->ntravel; i++)
                found |= p->travel[i].kind == SC_TRAVEL_AIRFARE &&
                         strcmp(p->travel[i].origin, p->countries[a].id) == 0 &&
                         strcmp(p->travel[i].destination, p->countries[b].id) == 0;
            ck_assert_msg(found, "no airfare %s -> %s", p->countries[a].id, p->countries[b].id);
        }
    sc_pricing_free(p);
}
END_TEST

START_TEST(test_builtin_facts)
{
    sc_pricing *p = builtin();
    /* Japan bans mixed billing and taxes self-pay care at 10% (1000 hundredths). */
    ck_assert_int_eq(sc_pricing_country(p, "JP")->mixed_billing_banned, 1);
    ck_assert_int_eq(sc_pricing_country(p, "JP")->self_pay_tax_pct, 1000);
    ck_assert_int_eq(sc_pricing_country(p, "US")->mixed_billing_banned, 0);
    /* The newest JPY rate is used: 158.0 on 2026-01-23 (S61), not 148.54 (2024). */
    const sc_fx *jpy = sc_pricing_fx(p, sc_currency_find("JPY"));
    ck_assert_int_eq(jpy->per_usd, 158000000);
    ck_assert_str_eq(jpy->as_of, "2026-01-23");
    /* USD needs no row: 1 by definition. */
    ck_assert_int_eq(sc_pricing_fx(p, sc_currency_find("USD"))->per_usd, SC_RATE_SCALE);
    /* The S35 list price: one knee JPY 948,000 and both JPY 1,408,000, tax included.
     * The tables hold tax-exclusive harvest + processing (per session) and
     * injection (per site): one knee = session + site, both = session + 2 site. */
    int64_t session = 0, site = 0;
    for (size_t i = 0; i < p->nitems; i++) {
        const sc_item *it = &p->items[i];
        if (strcmp(it->country, "JP") || strcmp(it->tier, "specialist") ||
            strcmp(it->procedure, "adipose-cultured"))
            continue;
        if (it->category == SC_CAT_HARVEST || it->category == SC_CAT_PROCESSING)
            session += it->price.typical;
        if (it->category == SC_CAT_INJECTION)
            site += it->price.typical;
    }
    int64_t one = session + site, two = session + 2 * site;
    ck_assert_int_eq(one + sc_money_percent(one, 1000), 948000);
    ck_assert_int_eq(two + sc_money_percent(two, 1000), 1408000);
    /* StemOne at Rs 1.25 lakh per dose (S27). */
    int found = 0;
    for (size_t i = 0; i < p->nitems; i++)
        if (!strcmp(p->items[i].procedure, "allogeneic-msc") &&
            p->items[i].category == SC_CAT_PROCESSING) {
            ck_assert_int_eq(p->items[i].price.typical, 12500000);
            found = 1;
        }
    ck_assert(found);
    ck_assert_str_eq(p->pricing_as_of, "2026-01-01");
    sc_pricing_free(p);
}
END_TEST

START_TEST(test_fixture_dir)
{
    char path[4096];
    const char *src = getenv("TESTS_SRCDIR");
    snprintf(path, sizeof path, "%s/fixtures/minimal", src ? src : "tests");
    sc_pricing *p = NULL;
    sc_diags d;
    sc_diags_init(&d);
    ck_assert_int_eq(sc_pricing_load_dir(path, &p, &d), SC_OK);
    ck_assert_int_eq(d.count, 0);
    ck_assert_int_eq(p->nitems, 11);
    ck_assert_int_eq(p->ncountries, 2);
    const sc_insurance *ppo = sc_pricing_insurance(p, "us-ppo");
    ck_assert_int_eq(ppo->deductible, 100000);
    ck_assert_int_eq(ppo->coinsurance_pct, 2000);
    ck_assert_int_eq(ppo->copay, 4000);
    ck_assert_uint_eq(ppo->covers, (1u << SC_CAT_CONSULTATION) | (1u << SC_CAT_IMAGING));
    const sc_procedure *prp = sc_pricing_procedure(p, "prp");
    ck_assert_int_eq(prp->sessions_typical, 3);
    ck_assert_int_eq(sc_pricing_plan(p, "promo-12")->standard_apr_pct, 2999);
    ck_assert_int_eq(p->complications[0].prob_typical, 15000); /* 1.5 % in 10^-4 % */
    sc_pricing_free(p);
    sc_diags_free(&d);
}
END_TEST

START_TEST(test_missing_dir)
{
    sc_pricing *p = NULL;
    sc_diags d;
    sc_diags_init(&d);
    ck_assert_int_eq(sc_pricing_load_dir("/nonexistent/stemcost", &p, &d), SC_EINPUT);
    ck_assert_ptr_null(p);
    ck_assert_int_eq(d.count, 1);
    sc_diags_free(&d);
}
END_TEST

static Suite *pricing_suite(void)
{
    Suite *s = suite_create("pricing");
    TCase *tc = tcase_create("load");
    tcase_add_test(tc, test_builtin_loads_and_covers_the_contract);
    tcase_add_test(tc, test_builtin_facts);
    tcase_add_test(tc, test_fixture_dir);
    tcase_add_test(tc, test_missing_dir);
    tcase_set_timeout(tc, 30);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(pricing_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
