/* libFuzzer harness: calendar arithmetic (dates.h) and the Good Faith
 * Estimate deadlines built on it (quote.h).  The input holds two dates as
 * text (bytes 0-9 and 10-19, as the command line and batch give them), then a
 * month count (2 bytes, signed), a business-day count (1 byte) and a flag.
 * Beyond not crashing, every rule below must hold (abort() is a finding):
 *   - a date that parses formats back to the same text, and its day number
 *     converts back to it; dates compare as their day numbers do;
 *   - adding months gives an existing date (the day clamped to the month's
 *     last), and taking them off again gives the date back when its day is at
 *     most 28;
 *   - n business days after a date are n business days after it, on a weekday;
 *   - a GFE deadline is 1 or 3 business days after scheduling, never before it,
 *     and a deadline is missed only when an estimate is required. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stemcost/dates.h"
#include "stemcost/quote.h"

static void check_date(sc_date d)
{
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > sc_days_in_month(d.year, d.month))
        abort();
}

static void one_date(const char *text, sc_date *out, int *ok)
{
    sc_error e;
    *ok = sc_date_parse(text, out, &e) == SC_OK;
    if (!*ok)
        return;
    char back[11];
    sc_date_format(*out, back);
    if (strcmp(back, text) != 0 || !sc_date_valid(back))
        abort();
    sc_date again = sc_date_from_days(sc_date_days(*out));
    if (again.year != out->year || again.month != out->month || again.day != out->day)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char a_text[11] = "", b_text[11] = "";
    if (size < 24)
        return 0;
    memcpy(a_text, data, 10);
    memcpy(b_text, data + 10, 10);
    int months = (int16_t)(data[20] | data[21] << 8) % 1200;
    int n = data[22] % 64;
    int requested = data[23] & 1;

    sc_date a, b;
    int a_ok, b_ok;
    one_date(a_text, &a, &a_ok);
    one_date(b_text, &b, &b_ok);
    if (!a_ok)
        return 0;

    /* Months, within the years a date may have. */
    long target = (long)a.year * 12 + a.month - 1 + months;
    if (target >= 12 && target < 10000L * 12) {
        sc_date m = sc_date_add_months(a, months);
        check_date(m);
        if (m.year * 12L + m.month - 1 != target || m.day > a.day)
            abort();
        sc_date back = sc_date_add_months(m, -months);
        if (a.day <= 28 && sc_date_compare(back, a) != 0)
            abort();
    }

    /* Business days (years kept away from the calendar's ends). */
    if (a.year > 1 && a.year < 9999) {
        sc_date after = sc_add_business_days(a, n);
        check_date(after);
        if (sc_business_days_between(a, after) != n || sc_date_compare(after, a) < 0)
            abort();
        long wd = ((sc_date_days(after) % 7) + 7 + 3) % 7; /* 0 Monday (1970-01-01: Thursday) */
        if (n > 0 && wd >= 5)
            abort();
    }
    if (!b_ok)
        return 0;

    int c = sc_date_compare(a, b);
    long da = sc_date_days(a), db = sc_date_days(b);
    if (c != (da > db) - (da < db) || sc_date_compare(b, a) != -c)
        abort();

    /* Scheduled a, service b, quoted on b (when b is not before a, within a year). */
    if (c <= 0 && db - da <= 366 && a.year > 1 && b.year < 9999) {
        sc_gfe_timing t;
        sc_gfe_timing_of(a, b, 1, requested, b, &t);
        if ((t.allowed != 1 && t.allowed != 3) || sc_date_compare(t.deadline, a) <= 0 ||
            sc_business_days_between(a, t.deadline) != t.allowed || (t.missed && !t.required) ||
            t.business_days != sc_business_days_between(a, b))
            abort();
    }
    return 0;
}
