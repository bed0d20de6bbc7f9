/* Calendar arithmetic: see include/stemcost/dates.h.  Day numbers use the
 * well-known days-from-civil conversion (H. Hinnant, "chrono-Compatible
 * Low-Level Date Algorithms"). */
#include <config.h>

#include "stemcost/dates.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int sc_days_in_month(int y, int m)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return mdays[m - 1] + (m == 2 && leap);
}

/* Exactly YYYY-MM-DD, position by position: a shorter text fails at its NUL,
 * so nothing past it is read (batch parses a date every row).  1 when the
 * form is right, with its numbers in d (which may still be no day). */
static int parse_form(const char *s, sc_date *d)
{
#define DIGIT(i) ((unsigned)(s[i] - '0') <= 9u)
    if (!(s != NULL && DIGIT(0) && DIGIT(1) && DIGIT(2) && DIGIT(3) && s[4] == '-' &&
          DIGIT(5) && DIGIT(6) && s[7] == '-' && DIGIT(8) && DIGIT(9) && s[10] == '\0'))
        return 0;
#undef DIGIT
    *d = (sc_date){(s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'),
                   (s[5] - '0') * 10 + (s[6] - '0'), (s[8] - '0') * 10 + (s[9] - '0')};
    return 1;
}

static int is_day(sc_date d)
{
    return d.year >= 1 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           d.day <= sc_days_in_month(d.year, d.month);
}

const char *sc_date_problem(const char *s, char *buf, size_t n)
{
    static const char *const months[] = {"January", "February", "March",     "April",
                                         "May",     "June",     "July",      "August",
                                         "September", "October", "November", "December"};
    sc_date d;
    if (!parse_form(s, &d))
        return "is not a date in the form YYYY-MM-DD";
    if (is_day(d))
        return NULL;
    if (d.year < 1)
        return "is not a date: years start at 0001";
    if (d.month < 1 || d.month > 12)
        return "is not a date: the month is 01 to 12";
    if (d.day < 1)
        return "is not a date: days start at 01";
    snprintf(buf, n, "is not a date: %s %04d has %d days", months[d.month - 1], d.year,
             sc_days_in_month(d.year, d.month));
    return buf;
}

sc_status sc_date_parse(const char *s, sc_date *out, sc_error *err)
{
    sc_date d;
    if (parse_form(s, &d) && is_day(d)) {
        *out = d;
        return SC_OK;
    }
    if (err == NULL)
        return SC_EUSAGE;
    char why[64];
    return sc_error_set(err, SC_EUSAGE, NULL, 0, 0, "'%s' %s", s ? s : "",
                        sc_date_problem(s, why, sizeof why));
}

char *sc_date_format(sc_date d, char *buf)
{
    /* Digit by digit for the dates there are (every estimate formats
     * several); anything else as printf would, cut to 10 characters. */
    if (d.year >= 0 && d.year <= 9999 && d.month >= 0 && d.month <= 99 && d.day >= 0 &&
        d.day <= 99) {
        buf[0] = (char)('0' + d.year / 1000);
        buf[1] = (char)('0' + d.year / 100 % 10);
        buf[2] = (char)('0' + d.year / 10 % 10);
        buf[3] = (char)('0' + d.year % 10);
        buf[4] = '-';
        buf[5] = (char)('0' + d.month / 10);
        buf[6] = (char)('0' + d.month % 10);
        buf[7] = '-';
        buf[8] = (char)('0' + d.day / 10);
        buf[9] = (char)('0' + d.day % 10);
        buf[10] = '\0';
        return buf;
    }
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", d.year, d.month, d.day);
    memcpy(buf, tmp, 10);
    buf[10] = '\0';
    return buf;
}

int sc_date_writable(sc_date d)
{
    return d.year >= 1 && d.year <= 9999;
}

long sc_date_days(sc_date d)
{
    long y = d.year - (d.month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

sc_date sc_date_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    sc_date d;
    d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    d.year = (int)(yoe + era * 400 + (d.month <= 2));
    return d;
}

sc_date sc_date_add_months(sc_date d, int months)
{
    long m0 = (long)d.year * 12 + (d.month - 1) + months;
    sc_date r;
    r.year = (int)(m0 / 12);
    r.month = (int)(m0 % 12) + 1;
    int dim = sc_days_in_month(r.year, r.month);
    r.day = d.day > dim ? dim : d.day;
    return r;
}

int sc_date_compare(sc_date a, sc_date b)
{
    long x = sc_date_days(a), y = sc_date_days(b);
    return (x > y) - (x < y);
}

sc_date sc_date_today(void)
{
    /* The local calendar date: a clinic's date of issue and a patient's
     * "today" are the dates on their own calendars. */
    time_t now = time(NULL);
    struct tm tm;
    sc_date d = {1970, 1, 1};
    if (localtime_r(&now, &tm) != NULL)
        d = (sc_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    return d;
}

char *sc_today(char buf[11])
{
    return sc_date_format(sc_date_today(), buf);
}

int sc_date_valid(const char *text)
{
    sc_date d;
    return sc_date_parse(text, &d, NULL) == SC_OK;
}
