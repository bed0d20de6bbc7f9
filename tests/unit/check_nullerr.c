/* Every public function that reports errors accepts err == NULL (error.h):
 * each is called here on input that makes it fail, with NULL for err, and
 * must return its failure status without crashing (Check's fork mode turns a
 * crash into a failed test). */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stemcost/batch.h"
#include "stemcost/compare.h"
#include "stemcost/csvin.h"
#include "stemcost/finance.h"
#include "stemcost/quote.h"
#include "stemcost/simulate.h"
#include "stemcost/text.h"

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

static sc_scenario bad_scenario(void)
{
    sc_scenario s;
    memset(&s, 0, sizeof s);
    s.procedure = "no-such-procedure";
    s.condition = "knee-oa";
    s.country = "US";
    s.today = "2026-11-24";
    return s;
}

START_TEST(test_money_dates_text)
{
    int64_t v;
    const sc_currency *usd = sc_currency_find("USD");
    ck_assert_int_ne(sc_decimal_parse("x", 2, 0, 100, &v, NULL), SC_OK);
    ck_assert_int_ne(sc_money_parse("1.234", usd, 0, &v, NULL), SC_OK);
    ck_assert_int_ne(sc_money_mul(INT64_MAX, 2, &v, NULL), SC_OK);
    ck_assert_int_ne(sc_money_add(SC_MONEY_MAX, SC_MONEY_MAX, &v, NULL), SC_OK);
    ck_assert_int_ne(sc_money_convert(SC_MONEY_MAX, usd, 1, sc_currency_find("JPY"),
                                      INT64_C(1000000000000), &v, NULL),
                     SC_OK);
    sc_date d;
    ck_assert_int_ne(sc_date_parse("2026-02-30", &d, NULL), SC_OK);
    ck_assert_int_ne(sc_text_check("bad \x01 text", "patient", 0, 100, NULL), SC_OK);
    char code[9];
    ck_assert_int_ne(sc_icd10_normalise("not a code", code, NULL), SC_OK);
    sc_error_clear(NULL);
}
END_TEST

static sc_status no_record(const sc_csv_record *rec, void *ctx, sc_error *err)
{
    (void)rec, (void)ctx, (void)err;
    return SC_OK;
}

START_TEST(test_tables)
{
    const char bad[] = "a,\"b\nc";
    FILE *fp = fmemopen((void *)bad, sizeof bad - 1, "rb");
    ck_assert_int_ne(sc_csv_read(fp, "x.csv", NULL, no_record, NULL, NULL), SC_OK);
    fclose(fp);
    sc_table *t = NULL;
    fp = fmemopen((void *)bad, sizeof bad - 1, "rb");
    ck_assert_int_ne(sc_table_read(fp, "x.csv", &t, NULL), SC_OK);
    fclose(fp);
    fp = fmemopen((void *)bad, sizeof bad - 1, "rb");
    ck_assert_int_ne(sc_table_read_delim(fp, "x.csv", ';', &t, NULL), SC_OK);
    fclose(fp);
    ck_assert_int_ne(sc_table_read_path("/nonexistent/x.csv", NULL, &t, NULL), SC_OK);
    const sc_fee *f = sc_pricing_fee_at(p, 0);
    int64_t v;
    if (f != NULL)
        (void)sc_fee_amount(f, (sc_factor_level)99, &v, NULL);
}
END_TEST

START_TEST(test_scenario_estimate_simulate)
{
    sc_scenario s = bad_scenario();
    sc_resolved r;
    sc_estimate_result e;
    sc_sim_result sim;
    ck_assert_int_ne(sc_scenario_set(&s, "no_such_field", "1", NULL), SC_OK);
    ck_assert_int_ne(sc_scenario_parse(p, &s, &r, NULL), SC_OK);
    ck_assert_int_ne(sc_scenario_resolve(p, &s, &r, NULL), SC_OK);
    ck_assert_int_ne(sc_estimate(p, &s, &e, NULL), SC_OK);
    ck_assert_int_ne(sc_simulate(p, &s, 100, 1, &sim, NULL), SC_OK);
    /* A valid scenario, then functions that fail on it. */
    s.procedure = "prp";
    s.country = "DE";
    ck_assert_int_eq(sc_scenario_parse(p, &s, &r, NULL), SC_OK);
    const sc_country *jp = sc_pricing_country(p, "JP");
    (void)sc_resolved_at(p, &r, jp, sc_pricing_tier(p, "premium"), &r, NULL);
    s.country = "US";
    ck_assert_int_eq(sc_scenario_resolve(p, &s, &r, NULL), SC_OK);
    ck_assert_int_ne(sc_simulate_resolved(p, &r, 0, 1, &sim, NULL), SC_OK);
    ck_assert_int_eq(sc_estimate_resolved(p, &r, &e, NULL), SC_OK);
    int64_t out;
    const sc_currency *xau = sc_currency_find("KRW"); /* no rate in the tables */
    ck_assert_int_ne(sc_estimate_convert(p, &e, 100, xau, &out, NULL), SC_OK);
    sc_estimate_result_free(&e);
    ck_assert_int_eq(sc_estimate_prepare(p, &r, &e, NULL), SC_OK);
    ck_assert_int_eq(sc_estimate_finish(p, &r, &e, NULL), SC_OK);
    sc_estimate_result_free(&e);
    memset(&sim, 0, sizeof sim);
    ck_assert_int_ne(sc_sim_summarise(&sim, NULL), SC_OK);
}
END_TEST

START_TEST(test_compare_batch)
{
    sc_compare_request q;
    sc_compare_result cr;
    memset(&q, 0, sizeof q);
    q.base = bad_scenario();
    q.base.country = NULL;
    q.base.home = "US";
    ck_assert_int_ne(sc_compare(p, &q, &cr, NULL), SC_OK);
    q.base.procedure = "bmac";
    q.base.home = NULL;
    ck_assert_int_ne(sc_compare(p, &q, &cr, NULL), SC_OK);
    const char bad[] = "procedure,country\nbmac,US\n";
    FILE *in = fmemopen((void *)bad, sizeof bad - 1, "rb");
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    sc_batch_options o;
    memset(&o, 0, sizeof o);
    o.today = "2026-11-24";
    sc_batch_stats stats;
    ck_assert_int_ne(sc_batch_run(p, in, "b.csv", out, &o, &stats, NULL), SC_OK);
    fclose(in);
    fclose(out);
    free(text);
}
END_TEST

START_TEST(test_finance)
{
    sc_first_period fp = {1, 0, 0};
    int64_t v;
    double apr;
    const int64_t payments[] = {1, 1};
    ck_assert_int_ne(sc_level_payment(-1, 1000000, 12, fp, &v, NULL), SC_OK);
    ck_assert_int_ne(sc_apr_solve(100000, payments, 2, fp, &apr, NULL), SC_OK);
    ck_assert_int_ne(sc_first_period_interest(-1, 1000000, fp, &v, NULL), SC_OK);
    sc_date start = {2026, 1, 31};
    sc_due_dates due = {{2025, 1, 1}, 1};
    sc_first_period out;
    ck_assert_int_ne(sc_first_period_of(start, due, &out, NULL), SC_OK);
    sc_deferred d;
    ck_assert_int_ne(sc_deferred_eval(0, 12, 2699000, 0, start, sc_due_dates_default(start), &d,
                                      NULL),
                     SC_OK);
    sc_loan_terms t;
    memset(&t, 0, sizeof t);
    t.loan = -5;
    sc_schedule s;
    ck_assert_int_ne(sc_schedule_build(&t, &s, NULL), SC_OK);
    const sc_plan *plan = sc_pricing_plan(p, "fixed-36");
    sc_plan_result pr;
    ck_assert_int_ne(sc_finance_plan(plan, -5, 0, 0, start, &pr, NULL), SC_OK);
    ck_assert_int_ne(sc_finance_plan_from(plan, -5, 0, 0, start, sc_due_dates_default(start), &pr,
                                          NULL),
                     SC_OK);
    int64_t a, b;
    ck_assert_int_ne(sc_plan_minimums(p, plan, sc_currency_find("KRW"), &a, &b, NULL), SC_OK);
    sc_plan_offer offer;
    ck_assert_int_ne(sc_plan_offer_for(p, plan, 100000, sc_currency_find("KRW"), start, &offer,
                                       NULL),
                     SC_OK);
    sc_finance_request q;
    memset(&q, 0, sizeof q);
    q.amount = "not money";
    q.today = "2026-11-24";
    sc_finance_result r;
    ck_assert_int_ne(sc_finance_run(p, &q, &r, NULL), SC_OK);
}
END_TEST

START_TEST(test_register_quote)
{
    sc_register *reg = NULL;
    int fixed = 0;
    ck_assert_int_ne(sc_register_open("/nonexistent-dir/x/quotes.sqlite", NULL, &reg, &fixed, NULL),
                     SC_OK);
    ck_assert_int_eq(sc_register_open_existing("/nonexistent-dir/x/quotes.sqlite", NULL, &reg,
                                               &fixed, NULL),
                     SC_EINPUT);
    char dir[] = "/tmp/stemcost-null-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/q.sqlite", dir);
    ck_assert_int_eq(sc_register_open(path, NULL, &reg, &fixed, NULL), SC_OK);
    sc_quote_record rec;
    ck_assert_int_ne(sc_register_get(reg, "SC-0000-000009", &rec, NULL), SC_OK);
    ck_assert_int_ne(sc_register_deliver(reg, "SC-0000-000009", "post", NULL, NULL), SC_OK);
    ck_assert_int_ne(sc_register_void(reg, "SC-0000-000009", "typo", NULL), SC_OK);
    ck_assert_int_ne(sc_register_supersede(reg, "SC-0000-000009", "SC-0000-000010", NULL), SC_OK);
    sc_issued_quote iq;
    ck_assert_int_ne(sc_quote_reissue(reg, "SC-0000-000009", SC_QUOTE_TEXT, SC_COPIES_BOTH, &iq,
                                      NULL),
                     SC_OK);
    sc_quote_request q;
    memset(&q, 0, sizeof q);
    q.scenario = bad_scenario();
    ck_assert_int_ne(sc_quote_issue(p, reg, &q, SC_QUOTE_TEXT, SC_COPIES_BOTH, &iq, NULL), SC_OK);
    FILE *full = fopen("/dev/full", "wb");
    if (full != NULL) {
        sc_quote_filter f;
        memset(&f, 0, sizeof f);
        f.from = "not a date";
        ck_assert_int_ne(sc_register_export(reg, &f, SC_EXPORT_QUOTES, 0, full, NULL), SC_OK);
        fclose(full);
    }
    sc_register_close(reg);
    char f2[160];
    unlink(path);
    snprintf(f2, sizeof f2, "%s-wal", path);
    unlink(f2);
    snprintf(f2, sizeof f2, "%s-shm", path);
    unlink(f2);
    rmdir(dir);
}
END_TEST

static Suite *nullerr_suite(void)
{
    Suite *s = suite_create("nullerr");
    TCase *tc = tcase_create("public API");
    tcase_add_unchecked_fixture(tc, load, unload);
    tcase_add_test(tc, test_money_dates_text);
    tcase_add_test(tc, test_tables);
    tcase_add_test(tc, test_scenario_estimate_simulate);
    tcase_add_test(tc, test_compare_batch);
    tcase_add_test(tc, test_finance);
    tcase_add_test(tc, test_register_quote);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(nullerr_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
