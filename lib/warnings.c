/* What an estimate warns about: decided as facts (kind, counts, dates), put
 * into words or codes only when shown.  Regulatory status comes first, then
 * what the plan does abroad, then the quality of the data. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "estimate_internal.h"

void sc_warn(sc_estimate_result *r, sc_warning_kind kind, size_t count, size_t of,
             const char *date, const sc_currency *cur)
{
    if (r->nwarnings < SC_MAX_WARNINGS)
        r->warnings[r->nwarnings++] = (sc_warning){kind, count, of, date, cur};
}

void sc_warnings_regulatory(sc_estimate_result *r)
{
    const sc_availability *a = r->availability;
    if (a == NULL)
        sc_warn(r, SC_WARN_NO_STATUS, 0, 0, NULL, NULL);
    else if (a->status == SC_REG_EXEMPT)
        sc_warn(r, SC_WARN_EXEMPT, 0, 0, NULL, NULL);
    else if (a->status == SC_REG_TRIAL_ONLY)
        sc_warn(r, SC_WARN_TRIAL_ONLY, 0, 0, NULL, NULL);
    else if (a->status == SC_REG_NOT_PERMITTED)
        sc_warn(r, SC_WARN_NOT_PERMITTED, 0, 0, NULL, NULL);
}

void sc_warnings_data(sc_estimate_result *r)
{
    /* Older than a year before today: the same cut-off for prices and rates. */
    sc_date y = r->scenario.today;
    y.year = y.year > 1 ? y.year - 1 : 1;
    if (y.month == 2 && y.day == 29)
        y.day = 28;
    char cutoff[11];
    sc_date_format(y, cutoff);
    size_t interpolated = 0, stale = 0, reused = 0;
    const char *oldest = NULL;
    for (size_t i = 0; i < r->nlines; i++) {
        const sc_line *l = &r->lines[i];
        interpolated += l->basis == SC_BASIS_INTERPOLATED;
        reused += l->item != NULL && l->basis == SC_BASIS_INTERPOLATED &&
                  l->item->basis != SC_BASIS_INTERPOLATED;
        stale += strcmp(l->as_of, cutoff) < 0;
        if (oldest == NULL || strcmp(l->as_of, oldest) < 0)
            oldest = l->as_of;
    }
    if (oldest != NULL)
        snprintf(r->pricing_as_of, sizeof r->pricing_as_of, "%s", oldest);
    if (interpolated > 0)
        sc_warn(r, SC_WARN_INTERPOLATED, interpolated, r->nlines, NULL, NULL);
    if (reused > 0)
        sc_warn(r, SC_WARN_REUSED_ROWS, reused, r->nlines, NULL, NULL);
    if (stale > 0)
        sc_warn(r, SC_WARN_STALE_PRICES, stale, r->nlines, oldest, NULL);
    for (size_t i = 0; i < r->nfx; i++) {
        const char *fx_as_of[2] = {r->fx[i].from_as_of, r->fx[i].to_as_of};
        for (int k = 0; k < 2; k++)
            if (fx_as_of[k][0] != '\0' && strcmp(fx_as_of[k], cutoff) < 0)
                sc_warn(r, SC_WARN_STALE_FX, 0, 0, fx_as_of[k],
                        k == 0 ? r->fx[i].from : r->fx[i].to);
    }
}

/* A list of the lines matching `want` (their ids, or their categories), "a, b". */
static void list_lines(const sc_estimate_result *r, int interpolated, char *out, size_t n)
{
    out[0] = '\0';
    for (size_t i = 0; i < r->nlines; i++) {
        const sc_line *l = &r->lines[i];
        const char *name;
        if (interpolated) {
            if (l->basis != SC_BASIS_INTERPOLATED)
                continue;
            name = l->id;
        } else {
            /* the categories the plan does not cover */
            if (l->kind != SC_LINE_ITEM || (r->insurance->covers & (1u << l->category)))
                continue;
            name = sc_category_name(l->category);
            if (strstr(out, name))
                continue;
        }
        if (out[0])
            strncat(out, ", ", n - strlen(out) - 1);
        strncat(out, name, n - strlen(out) - 1);
    }
}

char *sc_estimate_warning_text(const sc_estimate_result *r, size_t i, char *buf, size_t size)
{
    const sc_warning *w = &r->warnings[i];
    const sc_availability *a = r->availability;
    char list[256];
    switch (w->kind) {
    case SC_WARN_NO_STATUS:
        snprintf(buf, size, "The tables give no regulatory status for %s in %s", r->procedure->id,
                 r->country->id);
        break;
    case SC_WARN_EXEMPT:
        snprintf(buf, size, "Regulatory status in %s: marketed under an exemption, not an "
                            "approval: %s [%s]", r->country->id, a->note, a->source);
        break;
    case SC_WARN_TRIAL_ONLY:
        snprintf(buf, size, "Regulatory status in %s: lawful only inside an authorised clinical "
                            "trial: %s [%s]", r->country->id, a->note, a->source);
        break;
    case SC_WARN_NOT_PERMITTED:
        snprintf(buf, size, "Regulatory status in %s: not lawfully offered: %s [%s]",
                 r->country->id, a->note, a->source);
        break;
    case SC_WARN_PLAN_ABROAD:
        snprintf(buf, size, "%s covers care in %s only: for treatment in %s it pays nothing here",
                 r->insurance->id, r->insurance->country, r->country->id);
        break;
    case SC_WARN_MIXED_BILLING:
        list_lines(r, 0, list, sizeof list);
        snprintf(buf, size, "%s bans mixed billing: because %s %s not covered, the whole course "
                            "is self-pay, including what %s normally covers",
                 r->country->name, list, strchr(list, ',') ? "are" : "is", r->insurance->id);
        break;
    case SC_WARN_INTERPOLATED:
        list_lines(r, 1, list, sizeof list);
        snprintf(buf, size, "%zu of %zu lines rest on interpolated numbers that no source "
                            "states: %s", w->count, w->of, list);
        break;
    case SC_WARN_STALE_PRICES:
        snprintf(buf, size, "%zu of %zu prices are more than a year old (oldest as of %s)",
                 w->count, w->of, w->date);
        break;
    case SC_WARN_STALE_FX:
        snprintf(buf, size, "The exchange rate for %s is more than a year old (as of %s)",
                 w->currency->code, w->date);
        break;
    case SC_WARN_OOP_MET_ASSUMED:
        snprintf(buf, size, "--oop-met was not given: taken as the deductible already met, "
                            "which counts toward the out-of-pocket maximum");
        break;
    case SC_WARN_REUSED_ROWS:
        snprintf(buf, size, "%zu of %zu lines reuse a price its source gave for another "
                            "condition; counted as interpolated for %s",
                 w->count, w->of, r->condition->id);
        break;
    }
    return buf;
}

/* Append text to buf (size bytes), keeping it terminated; returns the new length. */
static size_t append(char *buf, size_t used, size_t size, const char *text)
{
    size_t n = strlen(text);
    if (used + n >= size)
        n = used < size - 1 ? size - 1 - used : 0;
    memcpy(buf + used, text, n);
    buf[used + n] = '\0';
    return used + n;
}

char *sc_estimate_warning_codes(const sc_estimate_result *r, char *buf, size_t size)
{
    static const char *const names[] = {
        "regulatory:unknown", "regulatory:exempt", "regulatory:trial-only",
        "regulatory:not-permitted", "plan-abroad", "mixed-billing", "interpolated:",
        "stale-prices:", "stale-fx:", "oop-met-assumed", "reused:"};
    size_t used = 0;
    char num[48];
    if (size == 0)
        return buf;
    buf[0] = '\0';
    for (size_t i = 0; i < r->nwarnings; i++) {
        const sc_warning *w = &r->warnings[i];
        if (i > 0)
            used = append(buf, used, size, ";");
        used = append(buf, used, size, names[w->kind]);
        if (w->kind == SC_WARN_REUSED_ROWS) {
            used = append(buf, used, size, sc_decimal_format((int64_t)w->count, 0, 0, num, sizeof num));
        } else if (w->kind == SC_WARN_INTERPOLATED || w->kind == SC_WARN_STALE_PRICES) {
            used = append(buf, used, size, sc_decimal_format((int64_t)w->count, 0, 0, num, sizeof num));
            used = append(buf, used, size, "/");
            used = append(buf, used, size, sc_decimal_format((int64_t)w->of, 0, 0, num, sizeof num));
        } else if (w->kind == SC_WARN_STALE_FX) {
            used = append(buf, used, size, w->currency->code);
        }
    }
    return buf;
}

