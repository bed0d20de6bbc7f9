/* Rules about the evidence behind the numbers (pricing/README.md, "Evidence
 * rules"):
 *   1. no row (a price, a rate, a status) is dated after the source it rests
 *      on (it cannot be known before the source that states it was published);
 *   2. an interpolated range is at least as wide as the method says: low at
 *      most 0.8 x typical and high at least 1.25 x typical (no false
 *      precision for a number no source states);
 *   3. evidence_conditions name real conditions, and a row that is not
 *      interpolated and applies to any condition says which its evidence
 *      priced. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cells.h"
#include "stemcost/dates.h"
#include "pricing_internal.h"

static void at_cell(sc_diags *d, const sc_table *t, size_t row, const char *column,
                    const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void at_cell(sc_diags *d, const sc_table *t, size_t row, const char *column,
                    const char *fmt, ...)
{
    sc_cells c = {t, &t->rows[row], d};
    char msg[SC_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sc_cells_error(&c, column, "%s", msg);
}

/* The last day a free-text source date can stand for: "2019-03-05" itself,
 * "2021-06" its last day, "c. 2017", "2020-2025" or "Oct 2019" the last day
 * of the latest year named.  0 when the text names no year ("n.d."). */
static int period_end(const char *date, char out[11])
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const char *s = strncmp(date, "c. ", 3) == 0 ? date + 3 : date;
    if (sc_date_valid(s)) {
        snprintf(out, 11, "%s", s);
        return 1;
    }
    if (strlen(s) == 7 && s[4] == '-') {
        char full[11];
        snprintf(full, sizeof full, "%s-01", s);
        if (sc_date_valid(full)) {
            int y = atoi(s), m = atoi(s + 5);
            int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            snprintf(out, 11, "%.7s-%02d", s, mdays[m - 1] + (m == 2 && leap));
            return 1;
        }
    }
    int best = 0;
    for (const char *p = date; *p; p++) {
        int starts = (p == date || p[-1] < '0' || p[-1] > '9');
        if (!starts || strspn(p, "0123456789") != 4)
            continue;
        int y = atoi(p);
        if (y > best)
            best = y;
    }
    if (best == 0)
        return 0;
    snprintf(out, 11, "%04d-12-31", best);
    return 1;
}

/* Rule 1 for one row. */
static void not_after_source(const sc_pricing *p, sc_diags *d, sc_table_id id, size_t row,
                             const char *as_of, const char *source)
{
    const sc_source *s;
    char end[11];
    if (as_of == NULL || source == NULL || !sc_date_valid(as_of) ||
        (s = sc_pricing_source(p, source)) == NULL || s->date == NULL ||
        !period_end(s->date, end) || strcmp(as_of, end) <= 0)
        return;
    at_cell(d, p->raw[id], row, "as_of", "as_of %s is newer than its source %s (dated %s): a "
                                         "row keeps the date of the evidence it rests on",
            as_of, source, s->date);
}

/* Rule 2: 5 x low <= 4 x typical and 4 x high >= 5 x typical. */
static void wide_enough(sc_diags *d, const sc_table *t, size_t row, const sc_range *r,
                        const sc_currency *cur, const char *lo, const char *hi)
{
    char a[48], b[48];
    /* A range out of order (or with a bad cell) was reported by the loader. */
    if (cur == NULL || r->typical <= 0 || !(r->low <= r->typical && r->typical <= r->high))
        return;
    if (r->low * 5 > r->typical * 4)
        at_cell(d, t, row, lo, "an interpolated range must reach down to 0.8 x typical: %s "
                               "%s is above %s (pricing/README.md, evidence rules)", lo,
                sc_money_format_plain(r->low, cur, a, sizeof a),
                sc_money_format_plain(r->typical * 4 / 5, cur, b, sizeof b));
    if (r->high * 4 < r->typical * 5)
        at_cell(d, t, row, hi, "an interpolated range must reach up to 1.25 x typical: %s "
                               "%s is below %s (pricing/README.md, evidence rules)", hi,
                sc_money_format_plain(r->high, cur, a, sizeof a),
                sc_money_format_plain((r->typical * 5 + 3) / 4, cur, b, sizeof b));
}

/* Rule 3 for one item row. */
static void evidence_conditions(const sc_pricing *p, sc_diags *d, size_t row)
{
    const sc_item *it = &p->items[row];
    const sc_table *t = p->raw[SC_T_ITEMS];
    int column = sc_table_column(t, "evidence_conditions") >= 0;
    const char *cell = column ? t->rows[row].cells[sc_table_column(t, "evidence_conditions")] : "";
    int any_condition = it->condition && strcmp(it->condition, "*") == 0;
    if (!any_condition && cell[0] != '\0')
        at_cell(d, t, row, "evidence_conditions", "a row for %s is priced for it: leave "
                                                  "evidence_conditions empty (it is for rows "
                                                  "that apply to any condition, '*')",
                it->condition);
    if (column && any_condition && cell[0] == '\0' && it->basis != SC_BASIS_INTERPOLATED)
        at_cell(d, t, row, "evidence_conditions", "a %s row for any condition must say which "
                                                  "conditions its evidence priced ('*' if "
                                                  "all)", sc_basis_name(it->basis));
    if (p->raw[SC_T_CONDITIONS] == NULL)
        return;
    for (size_t k = 0; k < it->nevidence; k++)
        if (sc_pricing_condition(p, it->evidence[k]) == NULL)
            at_cell(d, t, row, "evidence_conditions", "unknown condition '%s'", it->evidence[k]);
}

void sc_pricing_check_evidence(sc_pricing *p, sc_diags *d)
{
    const sc_table *const *raw = (const sc_table *const *)p->raw;
    if (raw[SC_T_SOURCES] != NULL) {
        for (size_t i = 0; raw[SC_T_ITEMS] && i < p->nitems; i++)
            not_after_source(p, d, SC_T_ITEMS, i, p->items[i].as_of, p->items[i].source);
        for (size_t i = 0; raw[SC_T_TRAVEL] && i < p->ntravel; i++)
            not_after_source(p, d, SC_T_TRAVEL, i, p->travel[i].as_of, p->travel[i].source);
        for (size_t i = 0; raw[SC_T_AVAILABILITY] && i < p->navailability; i++)
            not_after_source(p, d, SC_T_AVAILABILITY, i, p->availability[i].as_of,
                             p->availability[i].source);
        for (size_t i = 0; raw[SC_T_COMPLICATIONS] && i < p->ncomplications; i++)
            not_after_source(p, d, SC_T_COMPLICATIONS, i, p->complications[i].as_of,
                             p->complications[i].source);
        for (size_t i = 0; raw[SC_T_FEE_SCHEDULES] && i < p->nfees; i++)
            not_after_source(p, d, SC_T_FEE_SCHEDULES, i, p->fees[i].as_of, p->fees[i].source);
        for (size_t i = 0; raw[SC_T_STAYS] && i < p->nstays; i++)
            not_after_source(p, d, SC_T_STAYS, i, p->stays[i].as_of, p->stays[i].source);
        /* Rates too: the newest rate of a currency is the one used, so a
         * mistyped date would otherwise choose the rate. */
        for (size_t i = 0; raw[SC_T_FX] && i < p->nfx; i++)
            not_after_source(p, d, SC_T_FX, i, p->fx[i].as_of, p->fx[i].source);
    }
    for (size_t i = 0; raw[SC_T_ITEMS] && i < p->nitems; i++) {
        const sc_item *it = &p->items[i];
        if (it->basis == SC_BASIS_INTERPOLATED)
            wide_enough(d, raw[SC_T_ITEMS], i, &it->price, it->currency, "low", "high");
        evidence_conditions(p, d, i);
    }
    for (size_t i = 0; raw[SC_T_TRAVEL] && i < p->ntravel; i++)
        if (p->travel[i].basis == SC_BASIS_INTERPOLATED)
            wide_enough(d, raw[SC_T_TRAVEL], i, &p->travel[i].price, p->travel[i].currency,
                        "low", "high");
    for (size_t i = 0; raw[SC_T_COMPLICATIONS] && i < p->ncomplications; i++)
        if (p->complications[i].basis == SC_BASIS_INTERPOLATED)
            wide_enough(d, raw[SC_T_COMPLICATIONS], i, &p->complications[i].cost,
                        p->complications[i].currency, "cost_low", "cost_high");
}
