/* The episode: which price rows make up a course of treatment and its travel,
 * how many of each unit it has in each column, and what they cost in the
 * display currency (rounding points 1 and 2 of estimate.h). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "estimate_internal.h"
#include "pricing_internal.h"

long sc_item_units(sc_unit unit, int sites, int sessions, int visits)
{
    switch (unit) {
    case SC_UNIT_EPISODE: return 1;
    case SC_UNIT_SESSION: return sessions;
    case SC_UNIT_SITE: return (long)sites * sessions;
    case SC_UNIT_SITE_EPISODE: return sites;
    case SC_UNIT_VISIT: return visits;
    }
    return 1;
}

long sc_travel_units(sc_travel_unit unit, int travelers, int nights, int visits)
{
    switch (unit) {
    case SC_TUNIT_TRAVELER_TRIP: return (long)travelers * visits;
    case SC_TUNIT_NIGHT: return (long)nights * visits;
    case SC_TUNIT_TRAVELER_NIGHT: return (long)travelers * nights * visits;
    }
    return 1;
}

void sc_episode_columns(const sc_pricing *p, sc_estimate_result *r)
{
    const sc_procedure *proc = r->procedure;
    const int sessions[3] = {proc->sessions_low, proc->sessions_typical, proc->sessions_high};
    /* Nights per visit: the route's (long-haul recovery, stays.csv) where the
     * tables give one, else the procedure's. */
    const sc_stay *stay = sc_pricing_stay(p, r->home, r->country, proc);
    r->stay = stay;
    const int nights[3] = {stay ? stay->nights_low : proc->nights_low,
                           stay ? stay->nights_typical : proc->nights_typical,
                           stay ? stay->nights_high : proc->nights_high};
    for (int col = 0; col < 3; col++) {
        r->sessions_col[col] = r->scenario.sessions_given ? r->scenario.sessions : sessions[col];
        r->nights_col[col] = nights[col];
        r->visits_col[col] = proc->visits * r->sessions_col[col];
    }
    r->sessions = r->sessions_col[1];
    r->visits = r->visits_col[1];
}

/* ---- treatment lines ----------------------------------------------------------------- */

/* The more a row names, the more specific it is: procedure, then condition,
 * then tier. */
static int item_weight(const sc_item_key *k)
{
    return (k->procedure >= 0 ? 4 : 0) + (k->condition >= 0 ? 2 : 0) + (k->tier >= 0 ? 1 : 0);
}

/* price x units, exact, then converted once. */
static sc_status line_amount(const sc_pricing *p, sc_estimate_result *r, int64_t price,
                             long units, const sc_currency *cur, int64_t *out, sc_error *err)
{
    int64_t local;
    if (sc_money_mul(price, units, &local, err) != SC_OK)
        return SC_EINPUT;
    return sc_estimate_convert(p, r, local, cur, out, err);
}
/* A line's id from a category or travel name (short words; cut to fit). */
static void copy_id(char *dst, size_t n, const char *src)
{
    size_t len = strlen(src);
    if (len > n - 1)
        len = n - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
}


/* The weight of item row `idx` for this scenario, or -1 when it does not apply. */
static int item_match(const sc_pricing *p, size_t idx, int ti, int pi, int ki)
{
    const sc_item_key *key = &p->item_keys[idx];
    if ((key->tier < 0 || key->tier == ti) && (key->procedure < 0 || key->procedure == pi) &&
        (key->condition < 0 || key->condition == ki))
        return item_weight(key);
    return -1;
}

sc_status sc_episode_items(const sc_pricing *p, sc_estimate_result *r, sc_error *err)
{
    int ci = (int)(r->country - p->countries), ti = (int)(r->tier - p->tiers),
        pi = (int)(r->procedure - p->procedures), ki = (int)(r->condition - p->conditions);
    size_t from = p->items_by_country_at[ci], to = p->items_by_country_at[ci + 1];
    int best[SC_CAT_COUNT];
    for (int cat = 0; cat < SC_CAT_COUNT; cat++)
        best[cat] = -1;
    /* The rows that apply and their weights, however many (a fixed list
     * dropped rows past it: a table may give hundreds of rows to one
     * scenario, and any dropped would price it silently short); per
     * category, the most specific weight. */
    size_t nmatch = 0, cap = to - from;
    size_t *match = malloc((cap ? cap : 1) * sizeof *match);
    int *weight = malloc((cap ? cap : 1) * sizeof *weight);
    if (match == NULL || weight == NULL) {
        free(match);
        free(weight);
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t k = from; k < to; k++) {
        size_t idx = p->items_by_country[k];
        int w = item_match(p, idx, ti, pi, ki);
        if (w < 0)
            continue;
        match[nmatch] = idx;
        weight[nmatch++] = w;
        if (w > best[p->items[idx].category])
            best[p->items[idx].category] = w;
    }
    /* Only the most specific rows of each category become lines. */
    size_t nlines = 0;
    for (size_t k = 0; k < nmatch; k++)
        nlines += weight[k] == best[p->items[match[k]].category];
    r->lines = calloc(nlines + 4, sizeof *r->lines); /* + 3 travel lines */
    if (r->lines == NULL) {
        free(match);
        free(weight);
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    sc_status st = SC_OK;
    for (int cat = 0; cat < SC_CAT_COUNT; cat++) {
        int n_in_cat = 0;
        for (size_t k = 0; best[cat] >= 0 && k < nmatch && st == SC_OK; k++) {
            const sc_item *it = &p->items[match[k]];
            if ((int)it->category != cat || weight[k] != best[cat])
                continue;
            sc_line *l = &r->lines[r->nlines++];
            n_in_cat++;
            const char *name = sc_category_name((sc_category)cat);
            if (n_in_cat > 1)
                snprintf(l->id, sizeof l->id, "%s-%d", name, n_in_cat);
            else
                copy_id(l->id, sizeof l->id, name);
            l->kind = SC_LINE_ITEM;
            l->category = (sc_category)cat;
            l->description = it->description;
            l->code = it->code ? it->code : "";
            l->unit = sc_unit_name(it->unit);
            l->unit_price = it->price;
            /* A row reused for a condition its source did not price is a guess here. */
            l->basis = sc_item_priced_for(it, r->condition) ? it->basis : SC_BASIS_INTERPOLATED;
            l->grade = sc_grade_of(p->item_keys[it - p->items].source, l->basis, it->as_of,
                                   r->scenario.today_text);
            l->derivation = it->derivation;
            l->source = it->source;
            l->as_of = it->as_of;
            l->price_currency = it->currency;
            l->item = it;
            long *qty[3] = {&l->quantity_low, &l->quantity, &l->quantity_high};
            for (int col = 0; col < 3; col++) {
                *qty[col] = sc_item_units(it->unit, r->sites, r->sessions_col[col],
                                          r->visits_col[col]) *
                            it->quantity;
                if (st == SC_OK &&
                    line_amount(p, r, sc_range_get(&it->price, col), *qty[col], it->currency,
                                sc_range_at(&l->amount, col), err) != SC_OK) {
                    char msg[SC_MSG_MAX];
                    snprintf(msg, sizeof msg, "%s", err ? err->msg : "");
                    st = sc_error_set(err, SC_EINPUT, p->raw[SC_T_ITEMS]->name, it->line, 0,
                                      "%s", msg);
                }
            }
        }
    }
    free(match);
    free(weight);
    r->nitems = r->nlines;
    return st;
}

/* ---- travel lines ------------------------------------------------------------------ */

static const sc_travel *find_travel(const sc_pricing *p, sc_travel_kind kind, const char *home,
                                    const char *dest)
{
    const sc_travel *any = NULL;
    for (size_t i = 0; i < p->ntravel; i++) {
        const sc_travel *t = &p->travel[i];
        if (t->kind != kind || strcasecmp(t->destination, dest) != 0)
            continue;
        if (strcasecmp(t->origin, home) == 0)
            return t;
        if (strcmp(t->origin, "*") == 0 && any == NULL)
            any = t;
    }
    return any;
}

sc_status sc_episode_travel(const sc_pricing *p, sc_estimate_result *r, sc_error *err)
{
    static const char *const descriptions[] = {
        "Round-trip airfare", "Lodging", "Meals and local transport"};
    if (r->home == r->country)
        return SC_OK;
    for (int k = 0; k < 3; k++) {
        const sc_travel *t = find_travel(p, (sc_travel_kind)k, r->home->id, r->country->id);
        if (t == NULL) {
            sc_error_set(err, SC_EINPUT, "travel.csv", 0, 0, "no %s row for a trip from %s to %s",
                         sc_travel_kind_names[k], r->home->id, r->country->id);
            return sc_error_reason(err, SC_R_NOT_PRICED);
        }
        sc_line *l = &r->lines[r->nlines++];
        memset(l, 0, sizeof *l);
        copy_id(l->id, sizeof l->id, sc_travel_kind_names[k]);
        l->kind = SC_LINE_TRAVEL;
        l->description = descriptions[k];
        l->code = "";
        l->unit = sc_travel_unit_names[t->unit];
        l->unit_price = t->price;
        l->basis = t->basis;
        l->grade = sc_confidence_grade(p, t->basis, t->source, t->as_of, r->scenario.today_text);
        l->source = t->source;
        l->as_of = t->as_of;
        l->price_currency = t->currency;
        l->travel = t;
        long *qty[3] = {&l->quantity_low, &l->quantity, &l->quantity_high};
        for (int col = 0; col < 3; col++) {
            *qty[col] = sc_travel_units(t->unit, r->travelers, r->nights_col[col],
                                        r->visits_col[col]);
            if (line_amount(p, r, sc_range_get(&t->price, col), *qty[col], t->currency,
                            sc_range_at(&l->amount, col), err) != SC_OK)
                return SC_EINPUT;
        }
    }
    return SC_OK;
}
