/* Calendar dates (proleptic Gregorian), as day numbers for arithmetic.
 * Used for payment schedules and Regulation Z odd-day counting. */
#ifndef STEMCOST_DATES_H
#define STEMCOST_DATES_H

#include <stddef.h>

#include "stemcost/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sc_date {
    int year, month, day;
} sc_date;

/* Parse YYYY-MM-DD (an existing date, year 1 to 9999). */
sc_status sc_date_parse(const char *text, sc_date *out, sc_error *err);
/* Format as YYYY-MM-DD into buf (at least 11 bytes). */
char *sc_date_format(sc_date d, char *buf);
/* Days since 1970-01-01 (negative before). */
long sc_date_days(sc_date d);
sc_date sc_date_from_days(long days);
/* Add months, keeping the day of month, clamped to the month's last day
 * (January 31 + 1 month = February 28 or 29). */
sc_date sc_date_add_months(sc_date d, int months);
int sc_date_compare(sc_date a, sc_date b);
int sc_days_in_month(int year, int month);
/* Why text is not an existing date YYYY-MM-DD, as the end of a sentence
 * ("is not a date: February 2026 has 28 days"; buf: 64 bytes), or NULL when
 * it is one. */
const char *sc_date_problem(const char *text, char *buf, size_t n);
/* Is text an existing date YYYY-MM-DD (year 1 to 9999)?  The one date check. */
int sc_date_valid(const char *text);
/* Is d a date that can be written YYYY-MM-DD (year 1 to 9999)?  Dates
 * computed from others (payment days, a promotion's end, a quote's validity)
 * must be, or the request that made them is refused. */
int sc_date_writable(sc_date d);
/* Today's local calendar date: the one place the clock is read for a date. */
sc_date sc_date_today(void);
/* The same as YYYY-MM-DD into buf (11 bytes); returns buf. */
char *sc_today(char buf[11]);

#ifdef __cplusplus
}
#endif
#endif
