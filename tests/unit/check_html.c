/* The HTML pages' escaping and their form: the one escaping function, query
 * links, and a refused field's message next to its input.  Expected texts are
 * written out by hand from the HTML and RFC 3986 rules. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stemcost/html.h"

static char *buf;
static size_t len;

static FILE *open_buf(void)
{
    free(buf);
    buf = NULL;
    FILE *fp = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(fp);
    return fp;
}

START_TEST(test_escape)
{
    /* & < > " ' are the five characters that end text or an attribute. */
    FILE *fp = open_buf();
    sc_html_escape(fp, "a<b>&\"c'd");
    sc_html_escape(fp, NULL);
    sc_html_escape(fp, "");
    sc_html_escape(fp, "<script>alert(1)</script>");
    fclose(fp);
    ck_assert_str_eq(buf, "a&lt;b&gt;&amp;&quot;c&#39;d"
                          "&lt;script&gt;alert(1)&lt;/script&gt;");
}
END_TEST

START_TEST(test_url_escape)
{
    /* Unreserved (ALPHA DIGIT - . _ ~) stay; space, & = / + and each byte of
     * UTF-8 "é" (C3 A9) become %XX, upper-case hex (RFC 3986 2.1, 2.3). */
    FILE *fp = open_buf();
    sc_url_escape(fp, "a b&c=d/e+f~g.h-i_jé");
    fclose(fp);
    ck_assert_str_eq(buf, "a%20b%26c%3Dd%2Fe%2Bf~g.h-i_j%C3%A9");
}
END_TEST

START_TEST(test_assets)
{
    const char *type;
    size_t n;
    const char *css = sc_html_asset("stemcost.css", &type, &n);
    ck_assert_ptr_nonnull(css);
    ck_assert_uint_eq(n, strlen(css));
    ck_assert_str_eq(type, "text/css; charset=utf-8");
    ck_assert_ptr_nonnull(sc_html_asset("stemcost.js", &type, &n));
    ck_assert_ptr_null(sc_html_asset("../etc/passwd", &type, &n));
    ck_assert_ptr_null(sc_html_asset("", &type, &n));
}
END_TEST

START_TEST(test_form_error_next_to_field)
{
    sc_pricing *p = NULL;
    sc_diags d;
    sc_diags_init(&d);
    ck_assert_int_eq(sc_pricing_load_builtin(&p, &d), SC_OK);
    sc_diags_free(&d);
    sc_scenario s;
    memset(&s, 0, sizeof s);
    s.sites = "<b>x";
    s.procedure = "bmac";
    sc_html_query q;
    memset(&q, 0, sizeof q);
    q.scenario = &s;
    sc_error err;
    sc_error_field(&err, SC_EUSAGE, SC_R_MALFORMED, "sites", "'%s' is not a number", s.sites);
    FILE *fp = open_buf();
    sc_html_form_page(fp, p, &q, &err);
    fclose(fp);
    /* The message beside the input, escaped; the input refilled, escaped,
     * marked invalid and pointing at its message; the summary links to it. */
    ck_assert_ptr_nonnull(strstr(buf, "<p class=\"error\" id=\"sites-error\"><span "
                                      "class=\"visually-hidden\">Error: </span>&#39;&lt;b&gt;x&#39; "
                                      "is not a number</p>"));
    ck_assert_ptr_nonnull(strstr(buf, "id=\"f-sites\" name=\"sites\" aria-invalid=\"true\" "
                                      "aria-describedby=\"sites-hint sites-error\""));
    ck_assert_ptr_nonnull(strstr(buf, "value=\"&lt;b&gt;x\""));
    ck_assert_ptr_nonnull(strstr(buf, "<a href=\"#f-sites\">"));
    ck_assert_ptr_null(strstr(buf, "<b>x"));
    /* The procedure's radio button is checked. */
    ck_assert_ptr_nonnull(strstr(buf, "value=\"bmac\" aria-describedby=\"procedure-1-hint\" "
                                      "checked>"));
    sc_pricing_free(p);
}
END_TEST

static Suite *html_suite(void)
{
    Suite *s = suite_create("html");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_escape);
    tcase_add_test(tc, test_url_escape);
    tcase_add_test(tc, test_assets);
    tcase_add_test(tc, test_form_error_next_to_field);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(html_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    free(buf);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
