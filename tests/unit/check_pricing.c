/* The pricing model: the built-in tables load clean and say what their
 * sources say; the minimal fixture loads with the expected content; fee
 * arithmetic, derived rows, evidence, stays and complications behave as
 * pricing/README.md documents. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stemcost/estimate.h"
#include "stemcost/pricing.h"
#include "pricing_internal.h" /* the model's arrays, for tests that walk them */

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
    /* The probability's evidence defaults to the cost's. */
    ck_assert_int_eq(p->complications[0].prob_basis, SC_BASIS_INTERPOLATED);
    ck_assert_str_eq(p->complications[0].prob_source, "M");
    /* The optional tables are absent: they load empty. */
    ck_assert_uint_eq(p->nfees, 0);
    ck_assert_uint_eq(p->nstays, 0);
    ck_assert_uint_eq(p->nderived, 0);
    /* No evidence_conditions column: every row makes no narrower claim. */
    ck_assert_int_eq(sc_item_priced_for(&p->items[1], sc_pricing_condition(p, "knee-oa")), 1);
    ck_assert_ptr_null(p->items[1].derivation);
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


/* A hand-built fee row: points (x100), unit value (x10^7) or an amount, and
 * the factor range (x100). */
static sc_fee fee(const char *cur, int64_t points, int64_t unit_value, int64_t amount,
                  int64_t fmin, int64_t fthr, int64_t fmax)
{
    sc_fee f;
    memset(&f, 0, sizeof f);
    f.schedule = (char *)"T";
    f.code = (char *)"1";
    f.currency = sc_currency_find(cur);
    f.points = points;
    f.unit_value = unit_value;
    f.amount = amount;
    f.factor[0] = fmin;
    f.factor[1] = fthr;
    f.factor[2] = fmax;
    return f;
}

static int64_t fee_at(const sc_fee *f, sc_factor_level level)
{
    int64_t v = -1;
    ck_assert_int_eq(sc_fee_amount(f, level, &v, NULL), SC_OK);
    return v;
}

START_TEST(test_fee_amounts_match_published_figures)
{
    /* GOÄ: points x EUR 0.0582873 x factor, rounded to the cent (section 5).
     * Published figures (fee-schedule research): 5731 at 1.8 = 104.92 (RWF);
     * 5705 at 1.8 = 440.65 and 5733 at 1.0 = 46.63 (the 2003 court bill);
     * Nr. 1 at 2.3 = 10.72 and Nr. 284 at 2.3 = 12.07 (MMW 2016). */
    const int64_t pv = 582873; /* 0.0582873 x 10^7 */
    sc_fee f5731 = fee("EUR", 100000, pv, -1, 100, 180, 250);
    ck_assert_int_eq(fee_at(&f5731, SC_FACTOR_THRESHOLD), 10492);
    sc_fee f5705 = fee("EUR", 420000, pv, -1, 100, 180, 250);
    ck_assert_int_eq(fee_at(&f5705, SC_FACTOR_THRESHOLD), 44065);
    sc_fee f5733 = fee("EUR", 80000, pv, -1, 100, 100, 100);
    ck_assert_int_eq(fee_at(&f5733, SC_FACTOR_MAX), 4663);
    sc_fee f1 = fee("EUR", 8000, pv, -1, 100, 230, 350);
    ck_assert_int_eq(fee_at(&f1, SC_FACTOR_THRESHOLD), 1072);
    sc_fee f284 = fee("EUR", 9000, pv, -1, 100, 230, 350);
    ck_assert_int_eq(fee_at(&f284, SC_FACTOR_THRESHOLD), 1207);
    /* US PFS: RVU x conversion factor; published national amounts 99213 2026
     * 2.85 x 33.4009 = $95.19 and 73721 6.12 x 33.4009 = $204.41. */
    sc_fee f99213 = fee("USD", 285, 334009000, -1, 100, 135, 160);
    ck_assert_int_eq(fee_at(&f99213, SC_FACTOR_MIN), 9519);
    sc_fee f73721 = fee("USD", 612, 334009000, -1, 100, 135, 160);
    ck_assert_int_eq(fee_at(&f73721, SC_FACTOR_MIN), 20441);
    /* Japan: 291 points x JPY 10 = JPY 2,910 (no minor unit). */
    sc_fee a000 = fee("JPY", 29100, 100000000, -1, 100, 100, 100);
    ck_assert_int_eq(fee_at(&a000, SC_FACTOR_THRESHOLD), 2910);
    /* An amount schedule: CGHS Rs 317 at the NABH factor 1.15 = 364.55. */
    sc_fee cghs = fee("INR", -1, 0, 31700, 100, 100, 115);
    ck_assert_int_eq(fee_at(&cghs, SC_FACTOR_MAX), 36455);
}
END_TEST

START_TEST(test_fee_rounding_and_range)
{
    /* Half a cent rounds up (half away from zero): 1 point x EUR 0.005 = 0.5
     * cent -> 1 cent; 0.0049999 -> 0.  An amount of 1.01 at factor 0.50 is
     * 50.5 cents -> 51. */
    sc_fee half = fee("EUR", 100, 50000, -1, 100, 100, 100);
    ck_assert_int_eq(fee_at(&half, SC_FACTOR_MIN), 1);
    sc_fee below = fee("EUR", 100, 49999, -1, 100, 100, 100);
    ck_assert_int_eq(fee_at(&below, SC_FACTOR_MIN), 0);
    sc_fee amt = fee("EUR", -1, 0, 101, 50, 50, 50);
    ck_assert_int_eq(fee_at(&amt, SC_FACTOR_MIN), 51);
    /* The largest values the loader accepts (100,000 points at 1,000 a point,
     * factor 10) stay exact: 10^9 EUR = 10^11 cents. */
    sc_fee big = fee("EUR", INT64_C(10000000), INT64_C(10000000000), -1, 1000, 1000, 1000);
    ck_assert_int_eq(fee_at(&big, SC_FACTOR_MAX), INT64_C(100000000000));
    /* In yen the same is 10^9 yen. */
    sc_fee bigjp = fee("JPY", INT64_C(10000000), INT64_C(10000000000), -1, 1000, 1000, 1000);
    ck_assert_int_eq(fee_at(&bigjp, SC_FACTOR_MAX), INT64_C(1000000000));
}
END_TEST

static const sc_item *find_item(const sc_pricing *p, const char *country, const char *tier,
                                const char *procedure, const char *condition,
                                sc_category cat)
{
    for (size_t i = 0; i < p->nitems; i++) {
        const sc_item *it = &p->items[i];
        if (!strcmp(it->country, country) && !strcmp(it->tier, tier) &&
            !strcmp(it->procedure, procedure) && !strcmp(it->condition, condition) &&
            it->category == cat)
            return it;
    }
    ck_abort_msg("no item %s %s %s %s %d", country, tier, procedure, condition, (int)cat);
    return NULL;
}

START_TEST(test_derived_rows)
{
    sc_pricing *p = builtin();
    /* The German knee MRI at the specialist tier: GOÄ 5729 x 1.8 + 5731 x 1.8
     * + 5733 x 1.0 = 251.80 + 104.92 + 46.63 = EUR 403.35 (the research's
     * worked row); low at the simple rate 139.89 + 58.29 + 46.63 = 244.81;
     * high at the maximum 2.5: 349.72 + 145.72 + 46.63 = 542.07. */
    const sc_item *mri = find_item(p, "DE", "specialist", "*", "*", SC_CAT_IMAGING);
    ck_assert_int_eq(mri->price.low, 24481);
    ck_assert_int_eq(mri->price.typical, 40335);
    ck_assert_int_eq(mri->price.high, 54207);
    ck_assert_int_eq(mri->basis, SC_BASIS_DERIVED);
    ck_assert_uint_eq(mri->nterms, 3);
    ck_assert_str_eq(mri->derivation,
                     "GOÄ 5729: 2400 pts x EUR 0.0582873 x 1.8 = EUR 251.80; "
                     "GOÄ 5731: 1000 pts x EUR 0.0582873 x 1.8 = EUR 104.92; "
                     "GOÄ 5733: 800 pts x EUR 0.0582873 x 1.0 = EUR 46.63; "
                     "total EUR 403.35 at the threshold factors; "
                     "low EUR 244.81 at the min factors (1.0, 1.0, 1.0); "
                     "high EUR 542.07 at the max factors (2.5, 2.5, 1.0)");
    /* The spine MRI: 5705 x 1.8 + 5731 x 1.8 + 5733 = 440.65 + 104.92 + 46.63
     * = EUR 592.20 (the research's worked row). */
    ck_assert_int_eq(find_item(p, "DE", "specialist", "*", "ddd", SC_CAT_IMAGING)->price.typical,
                     59220);
    /* Pre-procedure labs at the threshold: 4.20 + 4.02 + 1.34 + 3.35 + 3.35 +
     * 2.68 + 2.01 + 2.01 + 2.68 = EUR 25.64 (the research's worked row). */
    ck_assert_int_eq(find_item(p, "DE", "specialist", "*", "*", SC_CAT_LABS)->price.typical,
                     2564);
    /* Community at the simple rate: GOÄ 3 + 7 at 1.0 = 8.74 + 9.33 = 18.07. */
    const sc_item *cons = find_item(p, "DE", "community", "*", "*", SC_CAT_CONSULTATION);
    ck_assert_int_eq(cons->price.typical, 1807);
    ck_assert_int_eq(cons->factors[1], SC_FACTOR_MIN);
    /* US consultation: 99204 5.05 RVU x $32.3465 = $163.35 (Medicare), x 1.35 =
     * 220.52, x 1.6 = 261.36. */
    const sc_item *us = find_item(p, "US", "specialist", "*", "*", SC_CAT_CONSULTATION);
    ck_assert_int_eq(us->price.low, 16335);
    ck_assert_int_eq(us->price.typical, 22052);
    ck_assert_int_eq(us->price.high, 26136);
    ck_assert_str_eq(us->derivation,
                     "US PFS 2025 99204: 5.05 RVU x USD 32.3465 x 1.35 = USD 220.52; "
                     "low USD 163.35 at the min factor (1.0); "
                     "high USD 261.36 at the max factor (1.6)");
    /* Every formula row is derived with a derivation; no other row has one. */
    size_t n = 0;
    for (size_t i = 0; i < p->nitems; i++) {
        const sc_item *it = &p->items[i];
        ck_assert_msg((it->formula != NULL) == (it->derivation != NULL), "items.csv:%ld", it->line);
        n += it->formula != NULL;
    }
    ck_assert_uint_eq(n, p->nderived);
    ck_assert_uint_gt(n, 0);
    sc_pricing_free(p);
}
END_TEST

START_TEST(test_priced_for)
{
    sc_pricing *p = builtin();
    const sc_condition *knee = sc_pricing_condition(p, "knee-oa"),
                       *hip = sc_pricing_condition(p, "hip-oa"),
                       *ddd = sc_pricing_condition(p, "ddd");
    /* S2 priced knee injections only: reused for the hip it is not priced. */
    const sc_item *bmac = find_item(p, "US", "specialist", "bmac", "*", SC_CAT_INJECTION);
    ck_assert_int_eq(sc_item_priced_for(bmac, knee), 1);
    ck_assert_int_eq(sc_item_priced_for(bmac, hip), 0);
    /* A row naming its condition is priced for that one only. */
    const sc_item *mri = find_item(p, "US", "*", "*", "knee-oa", SC_CAT_IMAGING);
    ck_assert_int_eq(sc_item_priced_for(mri, knee), 1);
    ck_assert_int_eq(sc_item_priced_for(mri, ddd), 0);
    /* A fee for any condition ("*" evidence). */
    const sc_item *cons = find_item(p, "US", "specialist", "*", "*", SC_CAT_CONSULTATION);
    ck_assert_int_eq(sc_item_priced_for(cons, ddd), 1);
    /* The German joint MRI covers joints and limbs, not the spine. */
    const sc_item *de = find_item(p, "DE", "specialist", "*", "*", SC_CAT_IMAGING);
    ck_assert_int_eq(sc_item_priced_for(de, hip), 1);
    ck_assert_int_eq(sc_item_priced_for(de, ddd), 0);
    ck_assert_int_eq(sc_item_priced_for(NULL, knee), 0);
    sc_pricing_free(p);
}
END_TEST

/* A scratch pricing directory: the minimal fixture's tables (every required
 * table) plus `stays` as stays.csv. */
static void scratch_dir(char *dir, size_t size, const char *stays)
{
    const char *src = getenv("TESTS_SRCDIR");
    snprintf(dir, size, "/tmp/stemcost-check-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    for (int id = 0; id < SC_T_COUNT; id++) {
        char from[4096], to[4096], buf[8192];
        if (sc_table_optional((sc_table_id)id))
            continue;
        snprintf(from, sizeof from, "%s/fixtures/minimal/%s.csv", src ? src : "tests",
                 sc_table_name((sc_table_id)id));
        snprintf(to, sizeof to, "%s/%s.csv", dir, sc_table_name((sc_table_id)id));
        FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
        ck_assert(in && out);
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, in)) > 0)
            ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
        fclose(in);
        fclose(out);
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/stays.csv", dir);
    FILE *fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    fputs(stays, fp);
    fclose(fp);
}

static void remove_dir(const char *dir)
{
    for (int id = 0; id < SC_T_COUNT; id++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.csv", dir, sc_table_name((sc_table_id)id));
        unlink(path);
    }
    rmdir(dir);
}

START_TEST(test_stays)
{
    char dir[64];
    scratch_dir(dir, sizeof dir,
                "origin,destination,procedure,nights_low,nights_typical,nights_high,basis,"
                "source,as_of\n"
                "*,JP,*,1,1,1,sourced,S1,2025-06-30\n"
                "US,JP,*,2,2,2,sourced,S1,2025-06-30\n"
                "*,JP,bmac,3,3,3,sourced,S1,2025-06-30\n");
    sc_pricing *p = NULL;
    sc_diags d;
    sc_diags_init(&d);
    ck_assert_int_eq(sc_pricing_load_dir(dir, &p, &d), SC_OK);
    const sc_country *us = sc_pricing_country(p, "US"), *jp = sc_pricing_country(p, "JP");
    const sc_procedure *bmac = sc_pricing_procedure(p, "bmac"), *prp = sc_pricing_procedure(p, "prp");
    /* A row naming the procedure outranks one naming the origin. */
    ck_assert_int_eq(sc_pricing_stay(p, us, jp, bmac)->nights_typical, 3);
    /* The origin row outranks the row for any origin. */
    ck_assert_int_eq(sc_pricing_stay(p, us, jp, prp)->nights_typical, 2);
    /* No row for trips to the US; no trip at home. */
    ck_assert_ptr_null(sc_pricing_stay(p, jp, us, bmac));
    ck_assert_ptr_null(sc_pricing_stay(p, jp, jp, bmac));
    sc_pricing_free(p);
    sc_diags_free(&d);
    remove_dir(dir);

    /* The bundled India rows: medical travellers stay 7-10 days (S30). */
    p = builtin();
    const sc_stay *in = sc_pricing_stay(p, sc_pricing_country(p, "US"),
                                        sc_pricing_country(p, "IN"),
                                        sc_pricing_procedure(p, "bmac"));
    ck_assert_ptr_nonnull(in);
    ck_assert_int_eq(in->nights_low, 7);
    ck_assert_int_eq(in->nights_high, 10);
    ck_assert_str_eq(in->source, "S30");
    /* PRP sessions are not a medical-travel package: the procedure's nights. */
    ck_assert_ptr_null(sc_pricing_stay(p, sc_pricing_country(p, "US"),
                                       sc_pricing_country(p, "IN"),
                                       sc_pricing_procedure(p, "prp")));
    sc_pricing_free(p);
}
END_TEST

START_TEST(test_complications_per_procedure)
{
    sc_pricing *p = builtin();
    /* Each procedure carries its own risk: no row applies to every procedure,
     * and PRP's chance is below the bone marrow registry's 1.5 % (S53). */
    const sc_complication *bmac = NULL, *prp = NULL;
    for (size_t i = 0; i < p->ncomplications; i++) {
        const sc_complication *k = &p->complications[i];
        ck_assert_str_ne(k->procedure, "*");
        if (!strcmp(k->country, "US") && !strcmp(k->procedure, "bmac"))
            bmac = k;
        if (!strcmp(k->country, "US") && !strcmp(k->procedure, "prp"))
            prp = k;
    }
    ck_assert(bmac && prp);
    ck_assert_int_eq(bmac->prob_typical, 15000);
    ck_assert_int_eq(bmac->prob_basis, SC_BASIS_SOURCED);
    ck_assert_str_eq(bmac->prob_source, "S53");
    ck_assert_int_lt(prp->prob_typical, bmac->prob_typical);
    /* The cost is a bill, not the gross charge: typical below S55's $55,345
     * charge, which is the most an uninsured patient is billed. */
    ck_assert_int_lt(bmac->cost.typical, 5534500);
    ck_assert_int_eq(bmac->cost.high, 5534500);
    sc_pricing_free(p);
}
END_TEST

/* The unit of each category (pricing/README.md, "Units"). */
START_TEST(test_units_follow_the_rule)
{
    sc_pricing *p = builtin();
    for (size_t i = 0; i < p->nitems; i++) {
        const sc_item *it = &p->items[i];
        int ok;
        switch (it->category) {
        case SC_CAT_IMAGING: ok = it->unit == SC_UNIT_SITE_EPISODE; break;
        case SC_CAT_INJECTION: ok = it->unit == SC_UNIT_SITE; break;
        case SC_CAT_HARVEST: ok = it->unit == SC_UNIT_SESSION; break;
        case SC_CAT_PROCESSING: ok = it->unit == SC_UNIT_SESSION || it->unit == SC_UNIT_SITE; break;
        case SC_CAT_FACILITY: ok = it->unit == SC_UNIT_SESSION; break;
        default: ok = it->unit == SC_UNIT_EPISODE; break;
        }
        ck_assert_msg(ok, "items.csv:%ld: %s per %s", it->line, sc_category_name(it->category),
                      sc_unit_name(it->unit));
    }
    sc_pricing_free(p);
}
END_TEST

/* Run every priced country x procedure x condition x tier of the bundled
 * tables (one site, at home) and check the codes that print. */
START_TEST(test_codes_fit_the_site)
{
    sc_pricing *p = builtin();
    static const char *const tiers[] = {"community", "specialist", "premium"};
    for (size_t c = 0; c < p->ncountries; c++)
        for (size_t k = 0; k < p->nconditions; k++)
            for (size_t j = 0; j < p->conditions[k].nprocedures; j++)
                for (size_t t = 0; t < 3; t++) {
                    sc_scenario s;
                    sc_estimate_result r;
                    memset(&s, 0, sizeof s);
                    s.procedure = p->conditions[k].procedures[j];
                    s.condition = p->conditions[k].id;
                    s.country = p->countries[c].id;
                    s.tier = tiers[t];
                    s.today = "2026-11-24";
                    sc_error e;
                    if (sc_estimate(p, &s, &r, &e) != SC_OK)
                        continue;
                    int knee = !strcmp(s.condition, "knee-oa");
                    int joint = knee || !strcmp(s.condition, "hip-oa");
                    for (size_t a = 0; a < r.nitems; a++) {
                        const char *code = r.lines[a].code;
                        if (code[0] == '\0')
                            continue;
                        /* 73721 is a lower-extremity joint MRI; 0565T/0566T are knee only. */
                        ck_assert_msg(strcmp(code, "73721") || joint, "%s for %s", code, s.condition);
                        ck_assert_msg((strcmp(code, "0565T") && strcmp(code, "0566T")) || knee,
                                      "%s for %s", code, s.condition);
                        /* One code, one line. */
                        for (size_t b = a + 1; b < r.nitems; b++)
                            ck_assert_msg(strcmp(code, r.lines[b].code), "%s on two lines (%s %s %s)",
                                          code, s.country, s.procedure, s.condition);
                    }
                    sc_estimate_result_free(&r);
                }
    sc_pricing_free(p);
}
END_TEST

START_TEST(test_confidence_grade)
{
    sc_pricing *p = builtin();
    /* S35 is a hospital price list (grade B), dated 2025-01-01: B on 2026-11-24. */
    ck_assert_int_eq(sc_confidence_grade(p, SC_BASIS_DERIVED, "S35", "2025-01-01", "2026-11-24"), 'B');
    /* S2 is a peer-reviewed survey (A) of 2019: more than two years before
     * 2026-11-24 (cutoff 2024-11-24), one grade lower. */
    ck_assert_int_eq(sc_confidence_grade(p, SC_BASIS_SOURCED, "S2", "2019-01-01", "2026-11-24"), 'B');
    ck_assert_int_eq(sc_confidence_grade(p, SC_BASIS_SOURCED, "S2", "2019-01-01", "2020-06-01"), 'A');
    /* Exactly two years is not more than two years. */
    ck_assert_int_eq(sc_confidence_grade(p, SC_BASIS_SOURCED, "S2", "2024-11-24", "2026-11-24"), 'A');
    ck_assert_int_eq(sc_confidence_grade(p, SC_BASIS_SOURCED, "S2", "2024-11-23", "2026-11-24"), 'B');
    /* An interpolated number is C whatever its anchor. */
    ck_assert_int_eq(sc_confidence_grade(p, SC_BASIS_INTERPOLATED, "S2", "2019-01-01", "2020-01-01"), 'C');
    /* A C source stays C when old; an unknown source counts as C. */
    ck_assert_int_eq(sc_confidence_grade(p, SC_BASIS_SOURCED, "S67", "2016-01-01", "2026-11-24"), 'C');
    ck_assert_int_eq(sc_confidence_grade(p, SC_BASIS_SOURCED, "nosuch", "2026-01-01", "2026-11-24"), 'C');
    sc_pricing_free(p);
}
END_TEST

static int64_t typical_oop(sc_pricing *p, const char *procedure, const char *country)
{
    sc_scenario s;
    sc_estimate_result r;
    memset(&s, 0, sizeof s);
    s.procedure = procedure;
    s.condition = "knee-oa";
    s.country = country;
    s.today = "2026-11-24";
    sc_error e;
    ck_assert_int_eq(sc_estimate(p, &s, &r, &e), SC_OK);
    int64_t v = r.out_of_pocket.typical;
    sc_estimate_result_free(&r);
    return v;
}

START_TEST(test_bundled_scenarios_by_hand)
{
    sc_pricing *p = builtin();
    /* US, specialist, one knee, self-pay, typical (the rows of items.csv):
     *   consultation 99204 220.52; MRI 950.00; labs 150.00; facility 0;
     *   follow-up 99213 128.51 x 2 = 257.02;
     *   BMAC: harvest 620 + processing 620 + injection 1,860 = 3,100 (S2)
     *     -> 220.52 + 950 + 150 + 3,100 + 257.02 = 4,677.54;
     *   PRP: 3 sessions x 897 (S2, per injection) = 2,691
     *     -> 220.52 + 950 + 150 + 2,691 + 257.02 = 4,268.54.
     * PRP below BMAC, as in the survey that priced both (S2). */
    ck_assert_int_eq(typical_oop(p, "bmac", "US"), 467754);
    ck_assert_int_eq(typical_oop(p, "prp", "US"), 426854);
    /* Japan, cultured adipose cells (S35): the screening is inside the price.
     *   harvest 110,909 + culture 332,727 + injection 418,182 = 861,818 and
     *   MRI 26,000 (S46); consultations, screening and follow-up 0 (S35)
     *   = 887,818; tax 10 % = 88,781.8 -> 88,782; total 976,600. */
    ck_assert_int_eq(typical_oop(p, "adipose-cultured", "JP"), 976600);
    sc_pricing_free(p);
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
    tcase_add_test(tc, test_fee_amounts_match_published_figures);
    tcase_add_test(tc, test_fee_rounding_and_range);
    tcase_add_test(tc, test_derived_rows);
    tcase_add_test(tc, test_priced_for);
    tcase_add_test(tc, test_stays);
    tcase_add_test(tc, test_complications_per_procedure);
    tcase_add_test(tc, test_units_follow_the_rule);
    tcase_add_test(tc, test_codes_fit_the_site);
    tcase_add_test(tc, test_bundled_scenarios_by_hand);
    tcase_add_test(tc, test_confidence_grade);
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
