/* Quotes: NPI check digits, business-day deadlines, provider files and the
 * Good Faith Estimate elements of the document. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stemcost/quote.h"

static sc_date D(int y, int m, int d)
{
    sc_date x = {y, m, d};
    return x;
}

START_TEST(test_npi_luhn)
{
    /* 1234567893: the worked example of the CMS NPI check-digit note: Luhn over
     * 80840123456789 gives 3. */
    ck_assert(sc_npi_valid("1234567893"));
    ck_assert(!sc_npi_valid("1234567890"));
    ck_assert(!sc_npi_valid("123456789"));
    ck_assert(!sc_npi_valid("12345678930"));
    ck_assert(!sc_npi_valid("123456789X"));
    ck_assert(!sc_npi_valid(""));
}
END_TEST

START_TEST(test_business_days)
{
    /* Friday 2026-11-20: the next business day is Monday 2026-11-23. */
    char b[11];
    ck_assert_str_eq(sc_date_format(sc_add_business_days(D(2026, 11, 20), 1), b), "2026-11-23");
    ck_assert_str_eq(sc_date_format(sc_add_business_days(D(2026, 11, 20), 3), b), "2026-11-25");
    /* From Friday 11-20 to Friday 12-04: Mon-Fri twice = 10 business days. */
    ck_assert_int_eq(sc_business_days_between(D(2026, 11, 20), D(2026, 12, 4)), 10);
    ck_assert_int_eq(sc_business_days_between(D(2026, 11, 20), D(2026, 11, 22)), 0);
    sc_gfe_timing t;
    /* 10 business days ahead: 3 business days to give it: Wednesday 11-25. */
    sc_gfe_timing_of(D(2026, 11, 20), D(2026, 12, 4), 0, D(2026, 11, 20), &t);
    ck_assert(t.required);
    ck_assert_int_eq(t.allowed, 3);
    ck_assert_str_eq(sc_date_format(t.deadline, b), "2026-11-25");
    ck_assert(!t.missed);
    /* 3 business days ahead (service Wednesday 11-25): 1 business day, Monday
     * 11-23, across the weekend; a quote dated Tuesday misses it. */
    sc_gfe_timing_of(D(2026, 11, 20), D(2026, 11, 25), 0, D(2026, 11, 24), &t);
    ck_assert_int_eq(t.business_days, 3);
    ck_assert_int_eq(t.allowed, 1);
    ck_assert_str_eq(sc_date_format(t.deadline, b), "2026-11-23");
    ck_assert(t.missed);
    /* 2 business days ahead: not required. */
    sc_gfe_timing_of(D(2026, 11, 20), D(2026, 11, 24), 0, D(2026, 11, 24), &t);
    ck_assert(!t.required);
    ck_assert(!t.missed);
    /* Requested while shopping: 3 business days whatever the service date. */
    sc_gfe_timing_of(D(2026, 11, 20), D(2026, 11, 26), 1, D(2026, 11, 20), &t);
    ck_assert(t.required);
    ck_assert_int_eq(t.allowed, 3);
}
END_TEST

static sc_status read_provider(const char *text, sc_provider *p, sc_diags *d)
{
    FILE *fp = fmemopen((void *)text, strlen(text), "rb");
    sc_status st = sc_provider_read(fp, "prov", p, d);
    fclose(fp);
    return st;
}

START_TEST(test_provider_files)
{
    sc_provider p;
    sc_diags d;
    char buf[1024];
    sc_diags_init(&d);
    ck_assert_int_eq(read_provider("name=A\nnpi=1234567893\ntin=12-3456789\naddress=X\n"
                                   "phone=1\n", &p, &d), SC_OK);
    ck_assert_str_eq(p.tin, "123456789");
    sc_provider_free(&p);
    ck_assert_int_eq(read_provider("name,npi,tin,address,phone\nB,1234567893,123456789,Y,2\n",
                                   &p, &d), SC_OK);
    ck_assert_str_eq(p.name, "B");
    sc_provider_free(&p);
    /* A bad NPI is reported where it stands: line 2, column 2 of the CSV. */
    ck_assert_int_eq(read_provider("name,npi,tin,address,phone\nB,1234567890,123456789,Y,2\n",
                                   &p, &d), SC_EINPUT);
    sc_error_format(&d.items[0], buf, sizeof buf);
    ck_assert_str_eq(buf, "prov:2:2: NPI '1234567890' is not valid (10 digits with a Luhn "
                          "check digit)");
    sc_provider_free(&p);
    sc_diags_free(&d);
    sc_diags_init(&d);
    ck_assert_int_eq(read_provider("name=A\nnpi=1234567893\ntin=1234\n", &p, &d), SC_EINPUT);
    sc_error_format(&d.items[0], buf, sizeof buf);
    ck_assert_str_eq(buf, "prov: the provider's address is missing"); /* a missing key: the file */
    sc_provider_free(&p);
    sc_diags_free(&d);
}
END_TEST

static int has(const sc_quote_doc *doc, const char *text)
{
    for (size_t i = 0; i < doc->n; i++)
        for (int k = 0; k < doc->blocks[i].ncells; k++)
            if (strstr(doc->blocks[i].cells[k], text))
                return 1;
    return 0;
}

START_TEST(test_gfe_elements)
{
    char path[4096];
    const char *src = getenv("TESTS_SRCDIR");
    snprintf(path, sizeof path, "%s/fixtures/minimal", src ? src : "tests");
    sc_pricing *p;
    sc_diags d;
    sc_diags_init(&d);
    ck_assert_int_eq(sc_pricing_load_dir(path, &p, &d), SC_OK);
    sc_scenario s;
    memset(&s, 0, sizeof s);
    s.procedure = "bmac";
    s.condition = "knee-oa";
    s.country = "US";
    s.today = "2026-11-20";
    sc_estimate_result e;
    sc_error err;
    ck_assert_int_eq(sc_estimate(p, &s, &e, &err), SC_OK);
    sc_provider prov = {"Lakeside Orthopaedics", "1234567893", "123456789", "100 Main St",
                        "555 0100"};
    sc_quote_input in = {"SC-2026-000007", D(2026, 11, 20), D(2026, 12, 20), D(2026, 12, 4),
                         D(2026, 11, 20), 0, "Jane Doe", "1960-04-02", NULL, &prov, &e, NULL,
                         "0123456789abcdef"};
    sc_quote_doc doc;
    ck_assert_int_eq(sc_quote_build(&in, &doc, &err), SC_OK);
    /* 45 CFR 149.610(c): patient and date of birth; the primary service and its
     * date; the items with service and diagnosis codes and expected charges;
     * provider name, NPI, TIN, location; items scheduled separately; the
     * disclaimers, among them the $400 / 120-day dispute right. */
    const char *required[] = {"Jane Doe", "1960-04-02", "Bone marrow aspirate concentrate",
                              "2026-12-04", "M17.0", "99204", "73721", "20611",
                              "Lakeside Orthopaedics", "1234567893", "123456789",
                              "100 Main St", "scheduled separately", "not a contract",
                              "may be recommended", "$400", "120 calendar days",
                              "www.cms.gov/nosurprises", "SC-2026-000007", "2026-12-20",
                              "$4,400.00" /* the total: 200 + 1,000 + 500 + 500 + 2,000 + 200 */};
    for (size_t i = 0; i < sizeof required / sizeof *required; i++)
        ck_assert_msg(has(&doc, required[i]), "missing '%s'", required[i]);
    sc_quote_doc_free(&doc);
    sc_estimate_result_free(&e);

    /* Japan: the local currency and tax, no US legal text. */
    s.procedure = "adipose-cultured";
    s.country = "JP";
    ck_assert_int_eq(sc_estimate(p, &s, &e, &err), SC_OK);
    ck_assert_int_eq(sc_quote_build(&in, &doc, &err), SC_OK);
    ck_assert(has(&doc, "Tax (10% on self-pay care)"));
    ck_assert(has(&doc, "\xc2\xa5" "903,100")); /* JPY 821,000 + 82,100 tax */
    ck_assert(!has(&doc, "$400"));
    ck_assert(!has(&doc, "Good Faith Estimate"));
    sc_quote_doc_free(&doc);
    sc_estimate_result_free(&e);
    sc_pricing_free(p);
    sc_diags_free(&d);
}
END_TEST

static Suite *quote_suite(void)
{
    Suite *s = suite_create("quote");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_npi_luhn);
    tcase_add_test(tc, test_business_days);
    tcase_add_test(tc, test_provider_files);
    tcase_add_test(tc, test_gfe_elements);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(quote_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
