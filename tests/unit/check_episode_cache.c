/* The episode cache (stemcost/episode_cache.h) computes exactly what the
 * estimate computes without it: over every priced combination of the bundled
 * tables, each finished with several plans' amounts and contingencies from
 * one prepared episode, the cached result is the uncached one, line for
 * line and in every report; compare with a cache is compare without one,
 * byte for byte, from a cold and from a warm cache; a small cache stays
 * within its bound.  The expected results are sc_estimate_resolved's and
 * sc_compare's own (the paths the cache must agree with). */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stemcost/compare.h"
#include "stemcost/episode_cache.h"
#include "stemcost/report.h"
#include "pricing_internal.h" /* the model's arrays, for tests that walk them */

static sc_pricing *p;

static void load(void)
{
    sc_diags d;
    sc_diags_init(&d);
    ck_assert_int_eq(sc_pricing_load_builtin(&p, &d), SC_OK);
    sc_diags_free(&d);
}

static void unload(void)
{
    sc_pricing_free(p);
}

/* What finishing takes, varied over one prepared episode: the plan's
 * amounts and the contingency (oop_met left out: taken as deductible_met,
 * the plan-dependent warning). */
typedef struct finishing {
    const char *deductible, *deductible_met, *oop_met, *contingency;
} finishing;

static const finishing finishings[] = {
    {NULL, NULL, NULL, NULL},
    {NULL, NULL, NULL, "10"},
    {"2000", "300", NULL, "12.5"},
    {"2000", "300", "900", NULL},
    {"500", "500", "4000", "33.33"},
};
#define NFINISHINGS (sizeof finishings / sizeof *finishings)

/* The scenario settings every combination is tried with: each changes the
 * prepared episode in one field of the combination (a cache that left the
 * field out of its key would hand one setting's episode to another). */
typedef struct setting {
    const char *home, *travelers, *sessions, *insurance, *currency, *today;
} setting;

static const setting settings[] = {
    {NULL, NULL, NULL, NULL, NULL, "2026-11-24"},
    {"US", NULL, NULL, NULL, NULL, "2026-11-24"},
    {"IN", "2", NULL, NULL, NULL, "2026-11-24"},
    {NULL, NULL, "2", NULL, NULL, "2026-11-24"},
    {NULL, NULL, NULL, "us-ppo", NULL, "2026-11-24"},
    {NULL, NULL, NULL, NULL, "EUR", "2026-11-24"},
    {NULL, NULL, NULL, NULL, NULL, "2028-01-31"},
};
#define NSETTINGS (sizeof settings / sizeof *settings)

/* A report of `r` as text (the caller frees it). */
static char *report(const sc_estimate_result *r, sc_format fmt)
{
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(fp);
    sc_report_estimate(fp, r, NULL, fmt, 1);
    ck_assert_int_eq(fclose(fp), 0);
    return text;
}

static void same_estimate(const sc_estimate_result *a, const sc_estimate_result *b,
                          const char *what)
{
    ck_assert_msg(a->nlines == b->nlines && a->nitems == b->nitems, "%s: lines", what);
    /* Both line arrays were zeroed before they were filled (padding too). */
    ck_assert_msg(memcmp(a->lines, b->lines, a->nlines * sizeof *a->lines) == 0, "%s: a line",
                  what);
    const sc_range *ra[] = {&a->treatment, &a->tax, &a->travel, &a->contingency,
                            &a->insurance_pays, &a->out_of_pocket, &a->complications.cost};
    const sc_range *rb[] = {&b->treatment, &b->tax, &b->travel, &b->contingency,
                            &b->insurance_pays, &b->out_of_pocket, &b->complications.cost};
    for (size_t i = 0; i < sizeof ra / sizeof *ra; i++)
        ck_assert_msg(ra[i]->low == rb[i]->low && ra[i]->typical == rb[i]->typical &&
                          ra[i]->high == rb[i]->high,
                      "%s: total %zu", what, i);
    ck_assert_int_eq(a->complications.expected, b->complications.expected);
    ck_assert_int_eq(a->interpolated_pct, b->interpolated_pct);
    ck_assert_int_eq(a->contingency_pct, b->contingency_pct);
    ck_assert_int_eq(a->nwarnings, b->nwarnings);
    ck_assert_int_eq(a->nfx, b->nfx);
    ck_assert_str_eq(a->pricing_as_of, b->pricing_as_of);
    for (int fmt = 0; fmt < 3; fmt++) {
        char *ta = report(a, (sc_format)fmt), *tb = report(b, (sc_format)fmt);
        ck_assert_msg(strcmp(ta, tb) == 0, "%s: report %d differs", what, fmt);
        free(ta);
        free(tb);
    }
}

START_TEST(test_cached_estimate_is_the_estimate)
{
    sc_episode_cache *cache = sc_episode_cache_new(p, 0);
    ck_assert_ptr_nonnull(cache);
    size_t checked = 0, reused = 0;
    char what[256];
    for (size_t c = 0; c < p->ncountries; c++)
        for (size_t k = 0; k < p->nconditions; k++)
            for (size_t x = 0; x < p->conditions[k].nprocedures; x++)
                for (size_t t = 0; t < p->ntiers; t++)
                    for (int sites = 1; sites <= 2 && sites <= p->conditions[k].max_sites; sites++)
                    for (size_t z = 0; z < NSETTINGS; z++)
                        for (size_t f = 0; f < NFINISHINGS; f++) {
                            const setting *set = &settings[z];
                            const finishing *fin = &finishings[f];
                            sc_scenario s;
                            memset(&s, 0, sizeof s);
                            s.procedure = p->conditions[k].procedures[x];
                            s.condition = p->conditions[k].id;
                            s.country = p->countries[c].id;
                            s.tier = p->tiers[t].id;
                            s.sites = sites == 1 ? "1" : "2";
                            s.home = set->home;
                            s.travelers = set->travelers;
                            s.sessions = set->sessions;
                            s.insurance = set->insurance;
                            s.currency = set->currency;
                            s.today = set->today;
                            s.contingency = fin->contingency;
                            if (set->insurance != NULL) {
                                s.deductible = fin->deductible;
                                s.deductible_met = fin->deductible_met;
                                s.oop_met = fin->oop_met;
                            }
                            sc_resolved r;
                            sc_error e;
                            if (sc_scenario_resolve(p, &s, &r, &e) != SC_OK) {
                                ck_assert_msg(e.reason == SC_R_NOT_PRICED, "%s: %s", e.field,
                                              e.msg);
                                continue;
                            }
                            snprintf(what, sizeof what, "%s %s %s %s sites %d setting %zu finishing %zu",
                                     s.country, s.procedure, s.condition, s.tier, sites, z, f);
                            size_t before = sc_episode_cache_count(cache);
                            sc_estimate_result want, got;
                            ck_assert_int_eq(sc_estimate_resolved(p, &r, &want, &e), SC_OK);
                            ck_assert_int_eq(sc_episode_cache_estimate(cache, &r, &got, &e),
                                             SC_OK);
                            reused += sc_episode_cache_count(cache) == before;
                            same_estimate(&got, &want, what);
                            sc_estimate_result_free(&want);
                            sc_estimate_result_free(&got);
                            checked++;
                        }
    /* Every combination was finished from a kept episode four times in five. */
    ck_assert_uint_gt(checked, 2000);
    ck_assert_uint_ge(reused * 5, checked * 4);
    sc_episode_cache_free(cache);
}
END_TEST

/* A comparison's report as text (the caller frees it). */
static char *compare_text(const sc_compare_result *r, sc_format fmt)
{
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(fp);
    sc_report_compare(fp, r, fmt);
    ck_assert_int_eq(fclose(fp), 0);
    return text;
}

/* Every comparison with a cache of `max` episodes, twice (cold, then warm),
 * against the comparison without one. */
static void compare_with_cache(size_t max)
{
    static const char *const contingencies[] = {NULL, "10"};
    static const char *const plans[] = {NULL, "promo-12"};
    sc_episode_cache *cache = sc_episode_cache_new(p, max);
    ck_assert_ptr_nonnull(cache);
    size_t compared = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < p->nconditions; k++)
            for (size_t x = 0; x < p->conditions[k].nprocedures; x++)
                for (size_t h = 0; h < p->ncountries; h++) {
                    sc_compare_request q;
                    memset(&q, 0, sizeof q);
                    q.base.procedure = p->conditions[k].procedures[x];
                    q.base.condition = p->conditions[k].id;
                    q.base.home = p->countries[h].id;
                    q.base.contingency = contingencies[(pass + h) % 2];
                    q.base.today = "2026-11-24";
                    q.plan = plans[(pass + k) % 2];
                    sc_compare_result want, got;
                    sc_error e;
                    ck_assert_msg(sc_compare(p, &q, &want, &e) == SC_OK, "%s", e.msg);
                    ck_assert_msg(sc_compare_cached(p, cache, &q, &got, &e) == SC_OK, "%s",
                                  e.msg);
                    ck_assert_uint_le(sc_episode_cache_count(cache), max);
                    for (int fmt = 0; fmt < 3; fmt++) {
                        char *a = compare_text(&want, (sc_format)fmt);
                        char *b = compare_text(&got, (sc_format)fmt);
                        ck_assert_msg(strcmp(a, b) == 0, "%s %s %s: compare report %d differs",
                                      q.base.procedure, q.base.condition, q.base.home, fmt);
                        free(a);
                        free(b);
                    }
                    for (size_t i = 0; i < want.nrows; i++)
                        if (want.rows[i].priced)
                            same_estimate(&got.rows[i].est, &want.rows[i].est, "compare row");
                    sc_compare_result_free(&want);
                    sc_compare_result_free(&got);
                    compared++;
                }
    ck_assert_uint_gt(compared, 100);
    sc_episode_cache_free(cache);
}

START_TEST(test_cached_compare_is_the_compare)
{
    compare_with_cache(SC_EPISODE_CACHE_DEFAULT);
}
END_TEST

START_TEST(test_small_cache_stays_bounded)
{
    compare_with_cache(7); /* fewer than one comparison's rows: it starts again often */
}
END_TEST

START_TEST(test_cache_of_other_tables_is_refused)
{
    sc_pricing *other;
    sc_diags d;
    sc_diags_init(&d);
    ck_assert_int_eq(sc_pricing_load_builtin(&other, &d), SC_OK);
    sc_diags_free(&d);
    sc_episode_cache *cache = sc_episode_cache_new(other, 0);
    ck_assert_ptr_nonnull(cache);
    ck_assert_ptr_eq(sc_episode_cache_pricing(cache), other);
    sc_compare_request q;
    memset(&q, 0, sizeof q);
    q.base.procedure = "bmac";
    q.base.condition = "knee-oa";
    q.base.home = "US";
    q.base.today = "2026-11-24";
    sc_compare_result r;
    ck_assert_int_eq(sc_compare_cached(p, cache, &q, &r, NULL), SC_EUSAGE);
    ck_assert_uint_eq(r.nrows, 0);
    ck_assert_uint_eq(sc_episode_cache_count(cache), 0);
    sc_episode_cache_free(cache);
    sc_episode_cache_free(NULL);
    sc_pricing_free(other);
}
END_TEST

static Suite *episode_cache_suite(void)
{
    Suite *s = suite_create("episode_cache");
    TCase *tc = tcase_create("bundled");
    tcase_add_unchecked_fixture(tc, load, unload);
    tcase_add_test(tc, test_cached_estimate_is_the_estimate);
    tcase_add_test(tc, test_cached_compare_is_the_compare);
    tcase_add_test(tc, test_small_cache_stays_bounded);
    tcase_add_test(tc, test_cache_of_other_tables_is_refused);
    tcase_set_timeout(tc, 600);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(episode_cache_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
