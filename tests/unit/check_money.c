/* Money parsing, formatting, rounding, conversion and overflow for the five
 * currencies.  Every expected value is worked out by hand in the comments. */
#include <config.h>

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stemcost/money.h"
#include "stemcost/output.h"

static const sc_currency *cur(const char *code)
{
    const sc_currency *c = sc_currency_find(code);
    ck_assert_ptr_nonnull(c);
    return c;
}

static int64_t parse_ok(const char *text, const char *code)
{
    int64_t v = -12345;
    sc_error e;
    ck_assert_msg(sc_money_parse(text, cur(code), 1, &v, &e) == SC_OK, "%s %s: %s", text, code,
                  e.msg);
    return v;
}

static void parse_bad(const char *text, const char *code, const char *fragment)
{
    int64_t v;
    sc_error e;
    sc_error_clear(&e);
    ck_assert_msg(sc_money_parse(text, cur(code), 0, &v, &e) == SC_EINPUT, "'%s' accepted", text);
    ck_assert_msg(strstr(e.msg, fragment) != NULL, "'%s': message '%s' lacks '%s'", text, e.msg,
                  fragment);
}

START_TEST(test_iso4217_digits)
{
    /* ISO 4217 minor units: JPY has none, the others two. */
    ck_assert_int_eq(cur("USD")->digits, 2);
    ck_assert_int_eq(cur("CAD")->digits, 2);
    ck_assert_int_eq(cur("EUR")->digits, 2);
    ck_assert_int_eq(cur("INR")->digits, 2);
    ck_assert_int_eq(cur("JPY")->digits, 0);
    ck_assert_str_eq(cur("jpy")->code, "JPY"); /* case-insensitive lookup */
    ck_assert_ptr_null(sc_currency_find("XYZ"));
    ck_assert_ptr_null(sc_currency_find(""));
}
END_TEST

START_TEST(test_parse_valid)
{
    ck_assert_int_eq(parse_ok("1037.03", "USD"), 103703);  /* 1037 dollars 3 cents */
    ck_assert_int_eq(parse_ok("158.67", "USD"), 15867);
    ck_assert_int_eq(parse_ok("3500", "CAD"), 350000);      /* whole dollars */
    ck_assert_int_eq(parse_ok("139.89", "EUR"), 13989);
    ck_assert_int_eq(parse_ok("0.5", "EUR"), 50);           /* one decimal: 50 cents */
    ck_assert_int_eq(parse_ok(".05", "EUR"), 5);
    ck_assert_int_eq(parse_ok("125000.50", "INR"), 12500050);
    ck_assert_int_eq(parse_ok("948000", "JPY"), 948000);    /* yen are the minor unit */
    ck_assert_int_eq(parse_ok("007", "JPY"), 7);
    ck_assert_int_eq(parse_ok("-12.50", "USD"), -1250);     /* negatives when allowed */
    ck_assert_int_eq(parse_ok("-0", "USD"), 0);
    /* The largest accepted: 10^13 dollars = 10^15 cents. */
    ck_assert_int_eq(parse_ok("10000000000000", "USD"), INT64_C(1000000000000000));
}
END_TEST

START_TEST(test_parse_invalid)
{
    parse_bad("", "USD", "empty");
    parse_bad("+4", "USD", "not a number"); /* one spelling per value: no plus sign */
    parse_bad("1,000", "USD", "thousands separators");
    parse_bad("1 000", "USD", "thousands separators");
    parse_bad("1.234", "USD", "USD amounts have at most 2 decimal places");
    parse_bad("10.5", "JPY", "JPY amounts have no decimal places");
    parse_bad("948000.00", "JPY", "JPY amounts have no decimal places");
    parse_bad("-5", "USD", "negative");
    parse_bad("1e3", "USD", "not a number");
    parse_bad("NaN", "USD", "not a number");
    parse_bad("inf", "USD", "not a number");
    parse_bad("1e400", "USD", "not a number");
    parse_bad("12.", "USD", "decimal point");
    parse_bad(".", "USD", "not a number");
    parse_bad("-", "USD", "not a number");
    parse_bad("$5", "USD", "not a number");
    parse_bad(" 5", "USD", "not a plain number");
    parse_bad("5 ", "USD", "not a plain number");
    parse_bad("10000000000000.01", "USD", "too large");       /* 10^15 + 1 cents */
    parse_bad("9223372036854775808", "JPY", "too large");     /* INT64_MAX + 1 */
    parse_bad("99999999999999999999999999", "JPY", "too large");
}
END_TEST

START_TEST(test_format_plain)
{
    char b[64];
    ck_assert_str_eq(sc_money_format_plain(103703, cur("USD"), b, sizeof b), "1037.03");
    ck_assert_str_eq(sc_money_format_plain(5, cur("USD"), b, sizeof b), "0.05");
    ck_assert_str_eq(sc_money_format_plain(-50, cur("EUR"), b, sizeof b), "-0.50");
    ck_assert_str_eq(sc_money_format_plain(0, cur("INR"), b, sizeof b), "0.00");
    ck_assert_str_eq(sc_money_format_plain(948000, cur("JPY"), b, sizeof b), "948000");
    ck_assert_str_eq(sc_money_format_plain(INT64_MIN, cur("JPY"), b, sizeof b),
                     "-9223372036854775808");
}
END_TEST

START_TEST(test_format_display)
{
    char b[64];
    ck_assert_str_eq(sc_money_format_display(103703, cur("USD"), b, sizeof b), "$1,037.03");
    ck_assert_str_eq(sc_money_format_display(99, cur("USD"), b, sizeof b), "$0.99");
    ck_assert_str_eq(sc_money_format_display(350000, cur("CAD"), b, sizeof b), "CA$3,500.00");
    ck_assert_str_eq(sc_money_format_display(-1250, cur("EUR"), b, sizeof b), "-\xe2\x82\xac" "12.50");
    ck_assert_str_eq(sc_money_format_display(1408000, cur("JPY"), b, sizeof b), "\xc2\xa5" "1,408,000");
    ck_assert_str_eq(sc_money_format_display(123456789, cur("USD"), b, sizeof b), "$1,234,567.89");
    /* Indian grouping: first group of three, then twos (1,25,000 = 1.25 lakh). */
    ck_assert_str_eq(sc_money_format_display(12500000, cur("INR"), b, sizeof b), "\xe2\x82\xb9" "1,25,000.00");
    ck_assert_str_eq(sc_money_format_display(1234567800, cur("INR"), b, sizeof b), "\xe2\x82\xb9" "1,23,45,678.00");
    ck_assert_str_eq(sc_money_format_display(99900, cur("INR"), b, sizeof b), "\xe2\x82\xb9" "999.00");
    /* Zero, the extremes, and a buffer too small (cut as snprintf cuts). */
    ck_assert_str_eq(sc_money_format_display(0, cur("JPY"), b, sizeof b), "\xc2\xa5" "0");
    ck_assert_str_eq(sc_money_format_display(-INT64_MAX, cur("USD"), b, sizeof b),
                     "-$92,233,720,368,547,758.07");
    ck_assert_str_eq(sc_money_format_display(-98765432101, cur("INR"), b, sizeof b),
                     "-\xe2\x82\xb9" "98,76,54,321.01");
    char small[6];
    ck_assert_str_eq(sc_money_format_display(123456789, cur("USD"), small, sizeof small), "$1,23");
}
END_TEST

START_TEST(test_percent_rounding)
{
    /* 10% of 861,818 yen = 86,181.8 -> 86,182 (half away from zero). */
    ck_assert_int_eq(sc_money_percent(861818, 1000), 86182);
    /* 10% of 1,280,000 = 128,000 exactly. */
    ck_assert_int_eq(sc_money_percent(1280000, 1000), 128000);
    /* 50% of 5 = 2.5 -> 3; of -5 = -2.5 -> -3 (away from zero, not banker's). */
    ck_assert_int_eq(sc_money_percent(5, 5000), 3);
    ck_assert_int_eq(sc_money_percent(-5, 5000), -3);
    /* 20% of $1,234.57 = $246.914 -> $246.91. */
    ck_assert_int_eq(sc_money_percent(123457, 2000), 24691);
    /* 9.69% of $1,000.00 = $96.90. */
    ck_assert_int_eq(sc_money_percent(100000, 969), 9690);
}
END_TEST

START_TEST(test_scale_rounding)
{
    /* 5/3 = 1.67 -> 2; -5/3 -> -2; 1/2 = 0.5 -> 1; -1/2 -> -1 (away from zero). */
    ck_assert_int_eq(sc_money_scale(5, 1, 3), 2);
    ck_assert_int_eq(sc_money_scale(-5, 1, 3), -2);
    ck_assert_int_eq(sc_money_scale(1, 1, 2), 1);
    ck_assert_int_eq(sc_money_scale(-1, 1, 2), -1);
    /* 7 x 2 / 4 = 3.5 -> 4; 4/3 = 1.33 -> 1. */
    ck_assert_int_eq(sc_money_scale(7, 2, 4), 4);
    ck_assert_int_eq(sc_money_scale(4, 1, 3), 1);
    /* A PERT mean: (100 + 4 x 250 + 700) / 6 = 1800 / 6 = 300 exactly. */
    ck_assert_int_eq(sc_money_scale(1800, 1, 6), 300);
    /* Past 2^63 before dividing: (10^15 + 1) x 10,001 = 10,001,000,000,000,010,001,
     * halved 5,000,500,000,000,005,000.5 -> ...5,001 and its negative. */
    ck_assert_int_eq(sc_money_scale(1000000000000001, 10001, 2), INT64_C(5000500000000005001));
    ck_assert_int_eq(sc_money_scale(-1000000000000001, 10001, 2), -INT64_C(5000500000000005001));
    /* A zero factor or amount is zero. */
    ck_assert_int_eq(sc_money_scale(0, 7, 3), 0);
    ck_assert_int_eq(sc_money_scale(12345, 0, 3), 0);
}
END_TEST

START_TEST(test_convert)
{
    int64_t out;
    sc_error e;
    const int64_t S = SC_RATE_SCALE;
    /* 948,000 yen at 158 per USD = $6,000.00 exactly. */
    ck_assert(sc_money_convert(948000, cur("JPY"), 158 * S, cur("USD"), S, &out, &e) == SC_OK);
    ck_assert_int_eq(out, 600000);
    /* 1,000 yen at 158 = $6.329113... -> $6.33. */
    sc_money_convert(1000, cur("JPY"), 158 * S, cur("USD"), S, &out, &e);
    ck_assert_int_eq(out, 633);
    /* Rs 125,000 at 89.98 = $1,389.1976 -> $1,389.20. */
    sc_money_convert(12500000, cur("INR"), 89980000, cur("USD"), S, &out, &e);
    ck_assert_int_eq(out, 138920);
    /* EUR 100.00 at 0.8403 EUR/USD into JPY at 158: 100 / 0.8403 * 158 = 18,802.808 -> 18,803. */
    sc_money_convert(10000, cur("EUR"), 840300, cur("JPY"), 158 * S, &out, &e);
    ck_assert_int_eq(out, 18803);
    /* $6,000.00 into JPY at 158 = 948,000. */
    sc_money_convert(600000, cur("USD"), S, cur("JPY"), 158 * S, &out, &e);
    ck_assert_int_eq(out, 948000);
    /* A half yen: 1 yen at 200 per USD = $0.005 -> $0.01 (half away from zero). */
    sc_money_convert(1, cur("JPY"), 200 * S, cur("USD"), S, &out, &e);
    ck_assert_int_eq(out, 1);
    sc_money_convert(-1, cur("JPY"), 200 * S, cur("USD"), S, &out, &e);
    ck_assert_int_eq(out, -1);
    /* Amounts whose product with the rate passes 2^63 (the 128-bit path):
     * 99,999,999,999,999 yen at 200 per USD = $499,999,999,999.995, a half
     * cent, -> 50,000,000,000,000 cents (away from zero), both signs. */
    ck_assert(sc_money_convert(INT64_C(99999999999999), cur("JPY"), 200 * S, cur("USD"), S, &out,
                               &e) == SC_OK);
    ck_assert_int_eq(out, INT64_C(50000000000000));
    sc_money_convert(-INT64_C(99999999999999), cur("JPY"), 200 * S, cur("USD"), S, &out, &e);
    ck_assert_int_eq(out, -INT64_C(50000000000000));
    /* Same currency, same rate: unchanged. */
    sc_money_convert(123456, cur("CAD"), 1391700, cur("CAD"), 1391700, &out, &e);
    ck_assert_int_eq(out, 123456);
    /* A zero rate is refused; an out-of-range result is refused. */
    ck_assert(sc_money_convert(1, cur("USD"), 0, cur("JPY"), S, &out, &e) == SC_EINPUT);
    ck_assert(sc_money_convert(SC_MONEY_MAX, cur("USD"), S, cur("JPY"), 158 * S, &out, &e) ==
              SC_EINPUT);
}
END_TEST

START_TEST(test_overflow)
{
    int64_t out;
    sc_error e;
    ck_assert(sc_money_mul(INT64_MAX, 2, &out, &e) == SC_EINPUT);
    ck_assert(sc_money_mul(SC_MONEY_MAX, 2, &out, &e) == SC_EINPUT);
    ck_assert(sc_money_mul(250000, 3, &out, &e) == SC_OK);
    ck_assert_int_eq(out, 750000);
    ck_assert(sc_money_add(SC_MONEY_MAX, 1, &out, &e) == SC_EINPUT);
    ck_assert(sc_money_add(INT64_MAX, 1, &out, &e) == SC_EINPUT);
    ck_assert(sc_money_add(-5, 3, &out, &e) == SC_OK);
    ck_assert_int_eq(out, -2);
}
END_TEST

START_TEST(test_decimal)
{
    int64_t v;
    sc_error e;
    char b[40];
    /* Percentages in hundredths: "9.69" -> 969; rates in millionths. */
    ck_assert(sc_decimal_parse("9.69", 2, 0, 10000, &v, &e) == SC_OK);
    ck_assert_int_eq(v, 969);
    ck_assert(sc_decimal_parse("158.0", 6, 0, INT64_C(10000000000000), &v, &e) == SC_OK);
    ck_assert_int_eq(v, 158000000);
    ck_assert(sc_decimal_parse("100.01", 2, 0, 10000, &v, &e) == SC_EINPUT);
    ck_assert_str_eq(sc_decimal_format(969, 2, 0, b, sizeof b), "9.69");
    ck_assert_str_eq(sc_decimal_format(1000, 2, 1, b, sizeof b), "10");
    ck_assert_str_eq(sc_decimal_format(840300, 6, 1, b, sizeof b), "0.8403");
}
END_TEST

/* The CSV writer's amounts and blanks, as a report row: digits from the right,
 * two at a time (the boundaries 9/10, 99/100), the sign, the smallest int64,
 * blanks at the start of a row and after a field, quoting. */
START_TEST(test_csv_writer)
{
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(fp);
    sc_csv_writer w;
    sc_csvw_init(&w, fp, ',');
    sc_csvw_blanks(&w, 2);                 /* ",": two empty fields start the row */
    sc_csvw_decimal(&w, 0, 2);             /* 0.00 */
    sc_csvw_decimal(&w, -5, 2);            /* -0.05 */
    sc_csvw_decimal(&w, 9, 0);             /* 9 */
    sc_csvw_decimal(&w, 10, 0);            /* 10 */
    sc_csvw_decimal(&w, 99, 0);            /* 99 */
    sc_csvw_decimal(&w, 100, 0);           /* 100 */
    sc_csvw_decimal(&w, 123456789, 2);     /* 1234567.89 */
    sc_csvw_decimal(&w, 1234, 3);          /* 1.234 */
    sc_csvw_decimal(&w, INT64_MIN, 2);     /* -9223372036854775808 / 100 */
    sc_csvw_decimal(&w, INT64_MAX, 0);
    sc_csvw_end_row(&w);
    sc_csvw_field(&w, "a,b", 3);
    sc_csvw_blanks(&w, 2);                 /* two more fields: ",," */
    sc_csvw_field(&w, " x", 2);            /* a leading space is kept: quoted */
    sc_csvw_blanks(&w, 0);
    sc_csvw_end_row(&w);
    ck_assert_int_eq(sc_csvw_flush(&w), 0);
    sc_csvw_free(&w);
    fclose(fp);
    ck_assert_str_eq(text, ",,0.00,-0.05,9,10,99,100,1234567.89,1.234,-92233720368547758.08,"
                           "9223372036854775807\r\n\"a,b\",,,\" x\"\r\n");
    free(text);
}
END_TEST

/* The JSON writer: escapes (RFC 8259 section 7: quote, backslash and the
 * controls; the rest as is), nesting and indentation, written by hand. */
START_TEST(test_json_writer)
{
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(fp);
    sc_json j;
    sc_json_init(&j, fp);
    sc_json_begin_object(&j);
    sc_json_key(&j, "k\"ey");
    sc_json_string(&j, "a\"b\\c\nd\te\x01" "f\x1fg\x7f M\xc3\xbcller");
    sc_json_key(&j, "list");
    sc_json_begin_array(&j);
    sc_json_int(&j, -12);
    sc_json_begin_array(&j);
    sc_json_end_array(&j);
    sc_json_begin_object(&j);
    sc_json_key(&j, "x");
    sc_json_null(&j);
    sc_json_end_object(&j);
    sc_json_end_array(&j);
    sc_json_key(&j, "");
    sc_json_string(&j, "");
    sc_json_end_object(&j);
    sc_json_finish(&j);
    fclose(fp);
    ck_assert_str_eq(text, "{\n"
                           "  \"k\\\"ey\": \"a\\\"b\\\\c\\nd\\te\\u0001f\\u001fg\x7f M\xc3\xbcller\",\n"
                           "  \"list\": [\n"
                           "    -12,\n"
                           "    [],\n"
                           "    {\n"
                           "      \"x\": null\n"
                           "    }\n"
                           "  ],\n"
                           "  \"\": \"\"\n"
                           "}\n");
    free(text);
}
END_TEST

static Suite *money_suite(void)
{
    Suite *s = suite_create("money");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_iso4217_digits);
    tcase_add_test(tc, test_parse_valid);
    tcase_add_test(tc, test_parse_invalid);
    tcase_add_test(tc, test_json_writer);
    tcase_add_test(tc, test_format_plain);
    tcase_add_test(tc, test_format_display);
    tcase_add_test(tc, test_percent_rounding);
    tcase_add_test(tc, test_scale_rounding);
    tcase_add_test(tc, test_convert);
    tcase_add_test(tc, test_overflow);
    tcase_add_test(tc, test_decimal);
    tcase_add_test(tc, test_csv_writer);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(money_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
