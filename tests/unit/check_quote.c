/* Quotes: NPI check digits, business-day deadlines, provider and price files,
 * ICD-10-CM codes, text checks, and issuing a Good Faith Estimate through
 * the library (every element, co-providers, own prices, currency and date
 * rules, the register's states and export). */
#include <config.h>

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "stemcost/quote.h"

static sc_date D(int y, int m, int d)
{
    sc_date x = {y, m, d};
    return x;
}

/* Today (local, as the register records it) plus n days. */
static const char *day(int n, char buf[11])
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    sc_date t = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    return sc_date_format(sc_date_from_days(sc_date_days(t) + n), buf);
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
    sc_gfe_timing_of(D(2026, 11, 20), D(2026, 12, 4), 1, 0, D(2026, 11, 20), &t);
    ck_assert(t.required);
    ck_assert_int_eq(t.allowed, 3);
    ck_assert_str_eq(sc_date_format(t.deadline, b), "2026-11-25");
    ck_assert(!t.missed);
    /* 3 business days ahead (service Wednesday 11-25): 1 business day, Monday
     * 11-23, across the weekend; issued Tuesday, it misses it. */
    sc_gfe_timing_of(D(2026, 11, 20), D(2026, 11, 25), 1, 0, D(2026, 11, 24), &t);
    ck_assert_int_eq(t.business_days, 3);
    ck_assert_int_eq(t.allowed, 1);
    ck_assert_str_eq(sc_date_format(t.deadline, b), "2026-11-23");
    ck_assert(t.missed);
    /* 2 business days ahead: not required. */
    sc_gfe_timing_of(D(2026, 11, 20), D(2026, 11, 24), 1, 0, D(2026, 11, 24), &t);
    ck_assert(!t.required);
    ck_assert(!t.missed);
    /* Requested while shopping, no service date: 3 business days from the request. */
    sc_gfe_timing_of(D(2026, 11, 20), D(2026, 11, 20), 0, 1, D(2026, 11, 20), &t);
    ck_assert(t.required);
    ck_assert_int_eq(t.allowed, 3);
    ck_assert_str_eq(sc_date_format(t.deadline, b), "2026-11-25");
}
END_TEST

static sc_status read_provider(const char *text, const char *country, sc_provider *p,
                               sc_diags *d)
{
    FILE *fp = fmemopen((void *)text, strlen(text), "rb");
    sc_status st = sc_provider_read(fp, "prov", country, p, d);
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
                                   "phone=1\n", "US", &p, &d), SC_OK);
    ck_assert_str_eq(p.tin, "123456789");
    sc_provider_free(&p);
    /* A CSV address may hold a line break (a quoted cell). */
    ck_assert_int_eq(read_provider("name,npi,tin,address,phone\nB,1234567893,123456789,"
                                   "\"1 Main St\nSpringfield, IL\",2\n", "US", &p, &d), SC_OK);
    ck_assert_str_eq(p.address, "1 Main St\nSpringfield, IL");
    sc_provider_free(&p);
    /* A bad NPI is reported where it stands: line 2, column 2 of the CSV. */
    ck_assert_int_eq(read_provider("name,npi,tin,address,phone\nB,1234567890,123456789,Y,2\n",
                                   "US", &p, &d), SC_EINPUT);
    sc_error_format(&d.items[0], buf, sizeof buf);
    ck_assert_str_eq(buf, "prov:2:2: NPI '1234567890' is not valid (10 digits with a Luhn "
                          "check digit)");
    sc_provider_free(&p);
    sc_diags_free(&d);
    sc_diags_init(&d);
    ck_assert_int_eq(read_provider("name=A\nnpi=1234567893\ntin=1234\n", "US", &p, &d),
                     SC_EINPUT);
    sc_error_format(&d.items[0], buf, sizeof buf);
    ck_assert_str_eq(buf, "prov: the provider's address is missing"); /* a missing key: the file */
    sc_provider_free(&p);
    sc_diags_free(&d);
    /* Latin-1 "Müller": refused, naming the line and the key. */
    sc_diags_init(&d);
    ck_assert_int_eq(read_provider("name=Dr M\xfcller\naddress=X\nphone=1\nlanr=123456701\n",
                                   "DE", &p, &d), SC_EINPUT);
    sc_error_format(&d.items[0], buf, sizeof buf);
    ck_assert_msg(strstr(buf, "prov:1: the provider's name: not valid UTF-8") == buf, "%s", buf);
    sc_provider_free(&p);
    sc_diags_free(&d);
    /* Germany: no NPI or TIN needed; a LANR of 9 digits is the identifier. */
    sc_diags_init(&d);
    ck_assert_int_eq(read_provider("name=Praxis\naddress=Hauptstr. 1, Berlin\nphone=030\n"
                                   "lanr=123456701\nbsnr=987654300\n", "DE", &p, &d), SC_OK);
    ck_assert_str_eq(p.lanr, "123456701");
    sc_provider_free(&p);
    ck_assert_int_eq(read_provider("name=Praxis\naddress=B\nphone=0\n", "DE", &p, &d),
                     SC_EINPUT);
    sc_provider_free(&p);
    sc_diags_free(&d);
}
END_TEST

START_TEST(test_icd10)
{
    char out[9];
    sc_error e;
    const char *title;
    ck_assert_int_eq(sc_icd10_normalise("m1711", out, &e), SC_OK);
    ck_assert_str_eq(out, "M17.11");
    ck_assert_int_eq(sc_icd10_normalise("E66.9", out, &e), SC_OK);
    ck_assert_str_eq(out, "E66.9");
    ck_assert_int_eq(sc_icd10_normalise("M75.101", out, &e), SC_OK);
    /* M17.1 is a header of the tabular list, not a billable code. */
    ck_assert_int_eq(sc_icd10_normalise("M17.1", out, &e), SC_EUSAGE);
    ck_assert_str_eq(e.field, "icd10");
    ck_assert_int_eq(sc_icd10_normalise("17.11", out, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_icd10_normalise("M17.11111", out, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_icd10_normalise("M75.1-", out, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_icd10_normalise("M76.*", out, &e), SC_EUSAGE);
    /* Sides as the tabular list titles them. */
    ck_assert_int_eq(sc_icd10_side("M17.11", &title), SC_SIDE_RIGHT);
    ck_assert_str_eq(title, "Unilateral primary osteoarthritis, right knee");
    ck_assert_int_eq(sc_icd10_side("M17.12", NULL), SC_SIDE_LEFT);
    ck_assert_int_eq(sc_icd10_side("M17.0", NULL), SC_SIDE_BOTH);
    ck_assert_int_eq(sc_icd10_side("M16.9", NULL), SC_SIDE_NONE);
    ck_assert_int_eq(sc_icd10_side("M75.102", NULL), SC_SIDE_LEFT);
    ck_assert_int_eq(sc_icd10_side("E66.9", &title), SC_SIDE_NONE);
    ck_assert_ptr_null(title);
}
END_TEST

START_TEST(test_text_check)
{
    sc_error e;
    ck_assert_int_eq(sc_text_check("Jane Doe", "patient", 0, 100, &e), SC_OK);
    ck_assert_int_eq(sc_text_check("山田太郎", "patient", 0, 100, &e), SC_OK);
    ck_assert_int_eq(sc_text_check("M\xfcller", "patient", 0, 100, &e), SC_EUSAGE);
    ck_assert_str_eq(e.field, "patient");
    ck_assert_int_eq(e.reason, SC_R_MALFORMED);
    ck_assert_int_eq(sc_text_check("a\nb", "patient", 0, 100, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_text_check("a\nb", "address", 1, 100, &e), SC_OK);
    ck_assert_int_eq(sc_text_check("a\x1b[31m", "contact", 1, 100, &e), SC_EUSAGE);
    ck_assert_int_eq(sc_text_check("\xed\xa0\x80", "patient", 0, 100, &e), SC_EUSAGE); /* surrogate */
    ck_assert_int_eq(sc_text_check("abcdef", "patient", 0, 5, &e), SC_EUSAGE);
    ck_assert_int_eq(e.reason, SC_R_LIMIT);
}
END_TEST

/* ---- issuing through the library ---- */

static sc_pricing *P;
static sc_register *R;
static char regpath[64];
static sc_provider PROV = {"Lakeside Orthopaedics", "100 Main St", "555 0100", "1234567893",
                           "123456789", NULL, NULL, NULL, NULL, SC_ROLE_CONVENING, NULL, NULL};

static void setup(void)
{
    char path[4096];
    const char *src = getenv("TESTS_SRCDIR");
    snprintf(path, sizeof path, "%s/fixtures/minimal", src ? src : "tests");
    sc_diags d;
    sc_diags_init(&d);
    ck_assert_int_eq(sc_pricing_load_dir(path, &P, &d), SC_OK);
    sc_diags_free(&d);
    snprintf(regpath, sizeof regpath, "/tmp/check_quote.XXXXXX");
    int fd = mkstemp(regpath);
    ck_assert_int_ge(fd, 0);
    close(fd);
    unlink(regpath);
    ck_assert_int_eq(sc_register_open(regpath, NULL, &R, NULL, NULL), SC_OK);
}

static void teardown(void)
{
    char p[128];
    sc_register_close(R);
    sc_pricing_free(P);
    unlink(regpath);
    snprintf(p, sizeof p, "%s-wal", regpath);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", regpath);
    unlink(p);
}

static char service[11];

static void base(sc_quote_request *q)
{
    memset(q, 0, sizeof *q);
    q->scenario.procedure = "bmac";
    q->scenario.condition = "knee-oa";
    q->scenario.country = "US";
    q->patient = "Jane Doe";
    q->dob = "1960-04-02";
    q->service_date = day(20, service);
    q->icd10[0] = "M17.11";
    q->nicd10 = 1;
    q->parties[0].provider = &PROV;
    q->nparties = 1;
}

/* Every request is first checked alone (sc_quote_check, which the command
 * line calls before it makes a register): it must refuse exactly what
 * issuing refuses, with the same field and reason. */
static sc_status issue(const sc_quote_request *q, sc_issued_quote *out, sc_error *e)
{
    sc_error checked;
    sc_status cs = sc_quote_check(P, q, &checked);
    sc_status st = sc_quote_issue(P, R, q, SC_QUOTE_TEXT, SC_COPIES_PATIENT, out, e);
    ck_assert_int_eq(cs, st);
    if (st != SC_OK) {
        ck_assert_str_eq(checked.field, e->field);
        ck_assert_int_eq(checked.reason, e->reason);
        ck_assert_str_eq(checked.msg, e->msg);
    }
    return st;
}

/* Does the document say `text` (line breaks and indents of wrapped text
 * count as one space)? */
static int has(const sc_issued_quote *q, const char *text)
{
    char *flat = malloc(q->size + 1);
    size_t n = 0;
    for (size_t i = 0; i < q->size; i++) {
        char ch = q->data[i] == '\n' ? ' ' : q->data[i];
        if (ch == ' ' && n > 0 && flat[n - 1] == ' ')
            continue;
        flat[n++] = ch;
    }
    flat[n] = '\0';
    int found = strstr(flat, text) != NULL;
    free(flat);
    return found;
}

START_TEST(test_gfe_elements)
{
    sc_quote_request q;
    sc_issued_quote out;
    sc_error e;
    char today[11];
    base(&q);
    ck_assert_int_eq(issue(&q, &out, &e), SC_OK);
    ck_assert_str_eq(out.code + 8, "000001");
    ck_assert_str_eq(out.issue_date, day(0, today));
    /* 45 CFR 149.610(c): patient and date of birth; the primary service and its
     * date; the items with service and diagnosis codes and expected charges;
     * provider name, NPI, TIN, location; items scheduled separately; the
     * disclaimers, among them the $400 / 120-day dispute right and the help
     * line; the $400 measured against the expected charges. */
    const char *required[] = {"Jane Doe", "1960-04-02", "Bone marrow aspirate concentrate",
                              service, "M17.11 Unilateral primary osteoarthritis, right knee",
                              "1 joint (right)", "99204", "73721", "20611",
                              "Lakeside Orthopaedics", "1234567893", "123456789",
                              "100 Main St", "scheduled separately", "not a contract",
                              "may be recommended", "$400", "120 calendar days",
                              "www.cms.gov/nosurprises", "1-800-985-3059",
                              "measured against each provider's or facility's total expected "
                              "charges", "Signature", "Patient copy",
                              "$4,400.00" /* 200 + 1,000 + 500 + 500 + 2,000 + 200 */};
    for (size_t i = 0; i < sizeof required / sizeof *required; i++)
        ck_assert_msg(has(&out, required[i]), "missing '%s'", required[i]);
    /* Only the patient's code, never the condition's list of candidates. */
    ck_assert(!has(&out, "M17.0"));
    /* Interpolated table prices are marked: consultation and follow-up. */
    ck_assert(has(&out, "Consultation *"));
    ck_assert(has(&out, "2 of the 6 charges rest on interpolated prices"));
    sc_issued_quote_free(&out);

    /* Reissued from the register alone: the same document, marked a copy. */
    ck_assert_int_eq(sc_quote_reissue(R, "1", SC_QUOTE_TEXT, SC_COPIES_PATIENT, &out, &e), SC_OK);
    char mark[64];
    snprintf(mark, sizeof mark, "COPY - reissued on %s", today);
    ck_assert(has(&out, mark));
    ck_assert(has(&out, "$4,400.00"));
    sc_issued_quote_free(&out);
}
END_TEST

START_TEST(test_refusals)
{
    sc_quote_request q;
    sc_issued_quote out;
    sc_error e;
    char d[11];
    const struct {
        const char *field;
    } cases[] = {{"insurance"}, {"deductible"}, {"contingency"}, {"travelers"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        base(&q);
        sc_scenario_set(&q.scenario, cases[i].field, i == 0 ? "us-ppo" : "10", NULL);
        ck_assert_int_eq(issue(&q, &out, &e), SC_EUSAGE);
        ck_assert_str_eq(e.field, cases[i].field);
        ck_assert_int_eq(e.reason, i == 0 ? SC_R_NOT_APPLICABLE : SC_R_NOT_APPLICABLE);
    }
    base(&q);
    q.contact = "1\n2\n3\n4\n5\n6\n7\n8\n9"; /* more lines than a document shows */
    ck_assert_int_eq(issue(&q, &out, &e), SC_EUSAGE);
    ck_assert_str_eq(e.field, "contact");
    base(&q);
    q.patient = "M\xfcller";
    ck_assert_int_eq(issue(&q, &out, &e), SC_EUSAGE);
    ck_assert_str_eq(e.field, "patient");
    /* A US GFE is in dollars. */
    base(&q);
    q.scenario.currency = "EUR";
    ck_assert_int_eq(issue(&q, &out, &e), SC_EUSAGE);
    ck_assert_str_eq(e.field, "currency");
    /* Another date on the document needs a reason. */
    base(&q);
    q.document_date = day(-10, d);
    ck_assert_int_eq(issue(&q, &out, &e), SC_EUSAGE);
    ck_assert_str_eq(e.field, "quote_date");
    /* A patient born after the date of issue, on a document dated later. */
    base(&q);
    char later[11], born[11];
    q.document_date = day(30, later);
    q.date_reason = "prepared ahead";
    q.service_date = day(40, service);
    q.dob = day(10, born);
    ck_assert_int_eq(issue(&q, &out, &e), SC_EUSAGE);
    ck_assert_str_eq(e.field, "dob");
    ck_assert_int_eq(e.reason, SC_R_RANGE);
    /* The diagnosis: required in the US; the right knee only, for two knees, conflicts. */
    base(&q);
    q.nicd10 = 0;
    ck_assert_int_eq(issue(&q, &out, &e), SC_EUSAGE);
    ck_assert_str_eq(e.field, "icd10");
    base(&q);
    q.scenario.sites = "2";
    ck_assert_int_eq(issue(&q, &out, &e), SC_EUSAGE);
    ck_assert_int_eq(e.reason, SC_R_CONFLICT);
    base(&q);
    q.icd10[0] = "M16.11"; /* a hip code for a knee */
    ck_assert_int_eq(issue(&q, &out, &e), SC_EUSAGE);
    ck_assert_int_eq(e.reason, SC_R_CONFLICT);
    /* Nothing refused was recorded: the next number is 1. */
    base(&q);
    q.scenario.sites = "2";
    q.icd10[0] = "M17.0";
    ck_assert_int_eq(issue(&q, &out, &e), SC_OK);
    ck_assert_int_eq(out.number, 1);
    ck_assert(has(&out, "2 joints (both)"));
    sc_issued_quote_free(&out);
}
END_TEST

START_TEST(test_dates_and_shopping)
{
    sc_quote_request q;
    sc_issued_quote out;
    sc_error e;
    char d[11], today[11];
    /* Backdated with a reason: both dates and the reason are printed; the
     * deadline is judged on the date of issue. */
    base(&q);
    q.document_date = day(-3, d);
    q.date_reason = "given in person; written copy today";
    q.scheduled = day(-10, d);
    ck_assert_int_eq(issue(&q, &out, &e), SC_OK);
    ck_assert(has(&out, "Date of issue (register): "));
    ck_assert(has(&out, day(0, today)));
    ck_assert(has(&out, "given in person; written copy today"));
    ck_assert(has(&out, "after its deadline"));
    ck_assert_uint_ge(out.nnotices, 1);
    sc_issued_quote_free(&out);
    /* A shopping estimate without a service date. */
    base(&q);
    q.service_date = NULL;
    q.requested = 1;
    ck_assert_int_eq(issue(&q, &out, &e), SC_OK);
    ck_assert(has(&out, "not yet scheduled"));
    ck_assert(has(&out, "due within 3 business days"));
    sc_issued_quote_free(&out);
    base(&q);
    q.service_date = NULL;
    ck_assert_int_eq(issue(&q, &out, &e), SC_EUSAGE);
    ck_assert_str_eq(e.field, "service_date");
    /* Valid until before the service: said on the document and to the clerk. */
    base(&q);
    q.valid_days = "5";
    ck_assert_int_eq(issue(&q, &out, &e), SC_OK);
    ck_assert(has(&out, "before the scheduled service"));
    /* To the clerk: the validity, and the fixture's 3 items without a code. */
    ck_assert_uint_eq(out.nnotices, 2);
    ck_assert_ptr_nonnull(strstr(out.notices[0], "the patient will need a new estimate"));
    ck_assert_ptr_nonnull(strstr(out.notices[1], "3 of the 6 items have no service code"));
    sc_issued_quote_free(&out);
}
END_TEST

START_TEST(test_co_provider_and_own_prices)
{
    sc_quote_request q;
    sc_issued_quote out;
    sc_error e;
    sc_provider imaging = {"Imaging Centre", "2 Elm St", "555 0200", "1234567893", "987654321",
                           NULL, NULL, NULL, NULL, SC_ROLE_CO_FACILITY, "imaging", NULL};
    sc_price_entry own[] = {{"consultation", 25000, 1}, {"20611", 180000, 2}};
    sc_price_list prices = {"lakeside-prices.csv", sc_currency_find("USD"), own, 2};
    base(&q);
    q.parties[0].prices = &prices;
    q.parties[1].provider = &imaging;
    q.nparties = 2;
    ck_assert_int_eq(issue(&q, &out, &e), SC_OK);
    /* Lakeside: consultation 250 (own) + aspiration 500 + concentration 500 +
     * injection 1,800 (own, by code 20611) + follow-up 2 x 100 = 3,250;
     * Imaging Centre: MRI 1,000; total 4,250. */
    ck_assert(has(&out, "Co-facility: Imaging Centre"));
    ck_assert(has(&out, "Subtotal, Lakeside Orthopaedics"));
    ck_assert(has(&out, "$3,250.00"));
    ck_assert(has(&out, "Subtotal, Imaging Centre"));
    ck_assert(has(&out, "$1,000.00"));
    ck_assert(has(&out, "Summary of expected charges"));
    ck_assert(has(&out, "$4,250.00"));
    ck_assert(has(&out, "2 of these 5 charges are Lakeside Orthopaedics's own cash prices"));
    /* The follow-up is still a table price resting on interpolation; the
     * consultation no longer is. */
    ck_assert(has(&out, "Follow-up visit *"));
    ck_assert(!has(&out, "Consultation *"));
    sc_issued_quote_free(&out);
    /* A co-provider must furnish something. */
    imaging.items = "labs";
    ck_assert_int_eq(issue(&q, &out, &e), SC_EUSAGE);
    ck_assert_str_eq(e.field, "co_provider");
}
END_TEST

START_TEST(test_outside_us)
{
    sc_quote_request q;
    sc_issued_quote out;
    sc_error e;
    sc_provider jp = {"Tokyo Clinic", "1-1 Chiyoda, Tokyo", "+81 3", NULL, NULL, "12345",
                      "Clinic registration", NULL, NULL, SC_ROLE_CONVENING, NULL, NULL};
    base(&q);
    q.scenario.procedure = "adipose-cultured";
    q.scenario.country = "JP";
    q.scenario.home = "US";
    q.nicd10 = 0;
    q.parties[0].provider = &jp;
    ck_assert_int_eq(issue(&q, &out, &e), SC_OK);
    /* Local currency and tax: JPY 821,000 + 10% = 82,100, total 903,100;
     * for a US patient too (the provider bills in yen). */
    ck_assert(has(&out, "Tax (10% on self-pay care)"));
    ck_assert(has(&out, "\xc2\xa5" "903,100"));
    ck_assert(has(&out, "Clinic registration: 12345"));
    ck_assert(has(&out, "second visit, scheduled separately"));
    ck_assert(!has(&out, "$400"));
    ck_assert(!has(&out, "Good Faith Estimate"));
    sc_issued_quote_free(&out);
    q.scenario.currency = "USD";
    ck_assert_int_eq(issue(&q, &out, &e), SC_EUSAGE);
    ck_assert_str_eq(e.field, "currency");
}
END_TEST

static int count_rows(const sc_quote_record *r, void *ctx)
{
    (void)r;
    (*(int *)ctx)++;
    return 0;
}

START_TEST(test_register_states_and_export)
{
    sc_quote_request q;
    sc_issued_quote out;
    sc_error e;
    base(&q);
    for (int i = 0; i < 2; i++) {
        ck_assert_int_eq(issue(&q, &out, &e), SC_OK);
        sc_issued_quote_free(&out);
    }
    q.patient = "=HYPERLINK(\"http://x\")";
    ck_assert_int_eq(issue(&q, &out, &e), SC_OK);
    sc_issued_quote_free(&out);
    ck_assert_int_eq(sc_register_deliver(R, "1", "e-mail", NULL, &e), SC_OK);
    ck_assert_int_eq(sc_register_deliver(R, "1", "post", NULL, &e), SC_EINPUT); /* already */
    ck_assert_int_eq(sc_register_supersede(R, "1", "2", &e), SC_OK);
    ck_assert_int_eq(sc_register_supersede(R, "2", "3", &e), SC_EUSAGE); /* another patient */
    ck_assert_int_eq(sc_register_void(R, "3", "", &e), SC_EUSAGE);
    ck_assert_int_eq(sc_register_void(R, "3", "wrong patient name", &e), SC_OK);
    sc_quote_record r;
    ck_assert_int_eq(sc_register_get(R, "1", &r, &e), SC_OK);
    ck_assert_int_eq(r.state, SC_QSTATE_SUPERSEDED);
    ck_assert_str_eq(r.delivery_method, "e-mail");
    ck_assert_str_eq(r.superseded_by + 8, "000002");
    sc_quote_record_free(&r);
    ck_assert_int_eq(sc_register_get(R, "2", &r, &e), SC_OK);
    ck_assert_str_eq(r.supersedes + 8, "000001");
    ck_assert_int_eq(r.total, 440000);
    sc_quote_record_free(&r);
    /* A reissued void quote says so. */
    ck_assert_int_eq(sc_quote_reissue(R, "3", SC_QUOTE_TEXT, SC_COPIES_PATIENT, &out, &e), SC_OK);
    ck_assert(has(&out, "VOID since"));
    sc_issued_quote_free(&out);
    /* Filters. */
    int n = 0;
    sc_quote_filter f = {0};
    f.state = "void";
    ck_assert_int_eq(sc_register_each(R, &f, count_rows, &n, &e), SC_OK);
    ck_assert_int_eq(n, 1);
    n = 0;
    memset(&f, 0, sizeof f);
    f.patient = "jane";
    ck_assert_int_eq(sc_register_each(R, &f, count_rows, &n, &e), SC_OK);
    ck_assert_int_eq(n, 2);
    /* Export: formula cells neutralised in CSV; numbers as numbers in JSON. */
    char *buf = NULL;
    size_t size = 0;
    FILE *fp = open_memstream(&buf, &size);
    ck_assert_int_eq(sc_register_export(R, NULL, SC_EXPORT_QUOTES, 0, fp, &e), SC_OK);
    fclose(fp);
    ck_assert_msg(strstr(buf, ",\"'=HYPERLINK(\"\"http://x\"\")\",") != NULL, "%s", buf);
    ck_assert(strstr(buf, ",4400.00,") != NULL);
    free(buf);
    fp = open_memstream(&buf, &size);
    ck_assert_int_eq(sc_register_export(R, NULL, SC_EXPORT_LINES, 1, fp, &e), SC_OK);
    fclose(fp);
    ck_assert(strstr(buf, "\"charge\": 2000.00") != NULL);
    ck_assert(strstr(buf, "\"quantity\": 2") != NULL);
    free(buf);
    /* A bad filter is refused before the CSV header or JSON '[' is written:
     * nothing at all, in every form of export. */
    const char *bad[][2] = {{"from", "2026-11-31"}, {"to", "2026-02-30"}, {"state", "lost"}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        for (int kind = 0; kind < 2; kind++)
            for (int json = 0; json < 2; json++) {
                memset(&f, 0, sizeof f);
                *(i == 0 ? &f.from : i == 1 ? &f.to : &f.state) = bad[i][1];
                fp = open_memstream(&buf, &size);
                ck_assert_int_eq(sc_register_export(R, &f, (sc_export_kind)kind, json, fp, &e),
                                 SC_EUSAGE);
                fclose(fp);
                ck_assert_str_eq(e.field, bad[i][0]);
                ck_assert_msg(size == 0, "--%s %s wrote '%s'", bad[i][0], bad[i][1], buf);
                free(buf);
            }
}
END_TEST

/* Reading a register never makes one: a path with nothing there (or under a
 * file, not a directory) is SC_EINPUT, SC_R_NOT_FOUND, naming the path, and
 * nothing is created; the register setup() made opens and reads as it is. */
START_TEST(test_register_open_existing)
{
    char missing[96], under[96], side[112];
    snprintf(missing, sizeof missing, "%s-typo", regpath);
    snprintf(under, sizeof under, "%s/quotes.sqlite", regpath);
    sc_register *reg = NULL;
    sc_error e;
    ck_assert_int_eq(sc_register_open_existing(missing, NULL, &reg, NULL, &e), SC_EINPUT);
    ck_assert_int_eq(e.reason, SC_R_NOT_FOUND);
    ck_assert_str_eq(e.file, missing);
    ck_assert_ptr_null(reg);
    ck_assert_int_ne(access(missing, F_OK), 0);
    snprintf(side, sizeof side, "%s-wal", missing);
    ck_assert_int_ne(access(side, F_OK), 0);
    ck_assert_int_eq(sc_register_open_existing(under, NULL, &reg, NULL, &e), SC_EINPUT);
    ck_assert_int_eq(e.reason, SC_R_NOT_FOUND);
    ck_assert_int_eq(sc_register_open_existing(missing, NULL, &reg, NULL, NULL), SC_EINPUT);
    ck_assert_int_ne(access(missing, F_OK), 0);
    /* An empty file (made by `touch`, or a mistyped name) is not a register
     * and is not made one by reading it; the first quote may make it one. */
    int fd = open(missing, O_CREAT | O_WRONLY, 0600);
    ck_assert_int_ge(fd, 0);
    close(fd);
    ck_assert_int_eq(sc_register_open_existing(missing, NULL, &reg, NULL, &e), SC_EINPUT);
    ck_assert_int_eq(e.reason, SC_R_NOT_FOUND);
    ck_assert_ptr_null(reg);
    struct stat sb;
    ck_assert_int_eq(stat(missing, &sb), 0);
    ck_assert_int_eq(sb.st_size, 0);
    ck_assert_int_eq(sc_register_open(missing, NULL, &reg, NULL, &e), SC_OK);
    sc_register_close(reg);
    reg = NULL;
    ck_assert_int_eq(sc_register_open_existing(missing, NULL, &reg, NULL, &e), SC_OK);
    sc_register_close(reg);
    reg = NULL;
    unlink(missing);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", missing);
    unlink(side);

    sc_quote_request q;
    sc_issued_quote out;
    base(&q);
    ck_assert_int_eq(issue(&q, &out, &e), SC_OK);
    sc_issued_quote_free(&out);
    ck_assert_int_eq(sc_register_open_existing(regpath, NULL, &reg, NULL, &e), SC_OK);
    int n = 0;
    ck_assert_int_eq(sc_register_each(reg, NULL, count_rows, &n, &e), SC_OK);
    ck_assert_int_eq(n, 1);
    sc_register_close(reg);
}
END_TEST

static Suite *quote_suite(void)
{
    Suite *s = suite_create("quote");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_npi_luhn);
    tcase_add_test(tc, test_business_days);
    tcase_add_test(tc, test_provider_files);
    tcase_add_test(tc, test_icd10);
    tcase_add_test(tc, test_text_check);
    suite_add_tcase(s, tc);
    TCase *ti = tcase_create("issue");
    tcase_add_checked_fixture(ti, setup, teardown);
    tcase_set_timeout(ti, 60);
    tcase_add_test(ti, test_gfe_elements);
    tcase_add_test(ti, test_refusals);
    tcase_add_test(ti, test_dates_and_shopping);
    tcase_add_test(ti, test_co_provider_and_own_prices);
    tcase_add_test(ti, test_outside_us);
    tcase_add_test(ti, test_register_states_and_export);
    tcase_add_test(ti, test_register_open_existing);
    suite_add_tcase(s, ti);
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
