/* Good Faith Estimate timing (45 CFR 149.610(b), as the CMS model-form
 * instructions put it): scheduled at least 3 business days before the
 * service, the estimate is due within 1 business day of scheduling; at least
 * 10 business days before, or requested by the patient, within 3; scheduled
 * less than 3 business days ahead, none is required.  The date that counts
 * is the date of issue the register records, never a date typed on the
 * document. */
#include <config.h>

#include "stemcost/quote.h"

/* 0 Monday ... 6 Sunday (1970-01-01 was a Thursday). */
static int weekday(sc_date d)
{
    long days = sc_date_days(d);
    return (int)(((days % 7) + 7 + 3) % 7);
}

int sc_business_days_between(sc_date from, sc_date to)
{
    long a = sc_date_days(from), b = sc_date_days(to);
    int n = 0;
    for (long x = a + 1; x <= b; x++)
        if (weekday(sc_date_from_days(x)) < 5)
            n++;
    return n;
}

sc_date sc_add_business_days(sc_date d, int n)
{
    long x = sc_date_days(d);
    while (n > 0) {
        x++;
        if (weekday(sc_date_from_days(x)) < 5)
            n--;
    }
    return sc_date_from_days(x);
}

void sc_gfe_timing_of(sc_date scheduled, sc_date service, int has_service, int requested,
                      sc_date issued, sc_gfe_timing *t)
{
    /* A shopping request without a service date is due 3 business days after it. */
    t->business_days = has_service ? sc_business_days_between(scheduled, service) : 0;
    t->required = requested || t->business_days >= 3;
    t->allowed = (requested || t->business_days >= 10) ? 3 : 1;
    t->deadline = sc_add_business_days(scheduled, t->allowed);
    t->missed = t->required && sc_date_compare(issued, t->deadline) > 0;
}
