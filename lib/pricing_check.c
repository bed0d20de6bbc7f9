/* Cross-table checks of a pricing model: unique IDs, references that resolve,
 * an FX rate for every currency in use. */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cells.h"
#include "stemcost/dates.h"
#include "stemcost/scenario.h"
#include "pricing_internal.h"

static void at_row(sc_diags *d, const sc_table *t, size_t row, const char *column,
                   const char *fmt, const char *a, const char *b)
{
    int col = sc_table_column(t, column);
    char msg[SC_MSG_MAX];
    snprintf(msg, sizeof msg, fmt, a, b ? b : "");
    sc_diags_addf(d, SC_EINPUT, t->name, col >= 0 ? t->rows[row].lines[col] : t->rows[row].line,
                  col >= 0 ? col + 1 : 0, "%s", msg);
}

/* IDs must be unique; `key(i)` is row i's ID (NULL when it could not be read). */
static void unique(sc_diags *d, const sc_table *t, const char *column, size_t n,
                   const char *(*key)(const sc_pricing *, size_t), const sc_pricing *p)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        const char *ki = key(p, i);
        if (ki == NULL || ki[0] == '\0')
            continue;
        for (size_t j = 0; j < i; j++) {
            const char *kj = key(p, j);
            if (kj != NULL && strcasecmp(ki, kj) == 0) {
                char other[32];
                snprintf(other, sizeof other, "%ld", t->rows[j].line);
                at_row(d, t, i, column, "duplicate id '%s' (first defined on line %s)", ki, other);
                break;
            }
        }
    }
}

#define KEYFN(name, arr, field) \
    static const char *name(const sc_pricing *p, size_t i) { return p->arr[i].field; }
KEYFN(key_source, sources, id)
KEYFN(key_country, countries, id)
KEYFN(key_procedure, procedures, id)
KEYFN(key_condition, conditions, id)
KEYFN(key_tier, tiers, id)
KEYFN(key_insurance, insurance, id)
KEYFN(key_plan, plans, id)
KEYFN(key_complication, complications, id)

static int is_any(const char *s)
{
    return s != NULL && strcmp(s, "*") == 0;
}

/* Report a reference that does not resolve.  `what` names the table referred
 * to; `target` is that table, NULL when it failed to load (reported already, so
 * its references are not checked: one broken file, one message). */
static void ref(sc_diags *d, const sc_table *t, size_t row, const char *column, const char *value,
                int found, const char *what, const sc_table *target)
{
    if (target == NULL || value == NULL || value[0] == '\0' || found)
        return;
    at_row(d, t, row, column, "unknown %s '%s'", what, value);
}

static void ref_source(const sc_pricing *p, sc_diags *d, sc_table_id id, size_t row,
                       const char *value)
{
    if (p->raw[SC_T_SOURCES] == NULL)
        return; /* sources.csv itself failed: it was reported once */
    if (value != NULL && value[0] != '\0' && sc_pricing_source(p, value) == NULL) {
        char msg[SC_MSG_MAX];
        snprintf(msg, sizeof msg, "unknown source '%s' (not in sources.csv)", value);
        int col = sc_table_column(p->raw[id], "source");
        sc_diags_addf(d, SC_EINPUT, p->raw[id]->name, p->raw[id]->rows[row].lines[col], col + 1,
                      "%s", msg);
    }
}

static void ref_currency(const sc_pricing *p, sc_diags *d, sc_table_id id, size_t row,
                         const sc_currency *cur)
{
    if (p->raw[SC_T_FX] == NULL)
        return;
    if (cur != NULL && sc_pricing_fx(p, cur) == NULL)
        at_row(d, p->raw[id], row, "currency", "currency '%s' has no exchange rate in fx.csv",
               cur->code, NULL);
}

void sc_pricing_cross_check(sc_pricing *p, sc_diags *d)
{
    const sc_table *const *raw = (const sc_table *const *)p->raw;

    unique(d, raw[SC_T_SOURCES], "id", p->nsources, key_source, p);
    unique(d, raw[SC_T_COUNTRIES], "id", p->ncountries, key_country, p);
    unique(d, raw[SC_T_PROCEDURES], "id", p->nprocedures, key_procedure, p);
    unique(d, raw[SC_T_CONDITIONS], "id", p->nconditions, key_condition, p);
    unique(d, raw[SC_T_TIERS], "id", p->ntiers, key_tier, p);
    unique(d, raw[SC_T_INSURANCE], "id", p->ninsurance, key_insurance, p);
    unique(d, raw[SC_T_PLANS], "id", p->nplans, key_plan, p);
    unique(d, raw[SC_T_COMPLICATIONS], "id", p->ncomplications, key_complication, p);

    for (size_t i = 0; raw[SC_T_COUNTRIES] && i < p->ncountries; i++) {
        ref_currency(p, d, SC_T_COUNTRIES, i, p->countries[i].currency);
        ref_source(p, d, SC_T_COUNTRIES, i, p->countries[i].source);
    }
    for (size_t i = 0; raw[SC_T_AVAILABILITY] && i < p->navailability; i++) {
        const sc_availability *a = &p->availability[i];
        ref(d, raw[SC_T_AVAILABILITY], i, "country", a->country,
            sc_pricing_country(p, a->country) != NULL, "country", raw[SC_T_COUNTRIES]);
        ref(d, raw[SC_T_AVAILABILITY], i, "procedure", a->procedure,
            sc_pricing_procedure(p, a->procedure) != NULL, "procedure", raw[SC_T_PROCEDURES]);
        ref_source(p, d, SC_T_AVAILABILITY, i, a->source);
        for (size_t j = 0; j < i; j++)
            if (a->country && a->procedure && p->availability[j].country &&
                p->availability[j].procedure &&
                strcasecmp(a->country, p->availability[j].country) == 0 &&
                strcmp(a->procedure, p->availability[j].procedure) == 0) {
                at_row(d, raw[SC_T_AVAILABILITY], i, "procedure",
                       "duplicate status for %s in %s", a->procedure, a->country);
                break;
            }
    }
    for (size_t i = 0; raw[SC_T_PROCEDURES] && i < p->nprocedures; i++)
        ref_source(p, d, SC_T_PROCEDURES, i, p->procedures[i].source);
    for (size_t i = 0; raw[SC_T_CONDITIONS] && i < p->nconditions; i++) {
        const sc_condition *c = &p->conditions[i];
        for (size_t k = 0; k < c->nprocedures; k++)
            ref(d, raw[SC_T_CONDITIONS], i, "procedures", c->procedures[k],
                sc_pricing_procedure(p, c->procedures[k]) != NULL, "procedure", raw[SC_T_PROCEDURES]);
        ref_source(p, d, SC_T_CONDITIONS, i, c->source);
    }
    for (size_t i = 0; raw[SC_T_ITEMS] && i < p->nitems; i++) {
        const sc_item *it = &p->items[i];
        const sc_table *t = raw[SC_T_ITEMS];
        ref(d, t, i, "country", it->country, sc_pricing_country(p, it->country) != NULL,
            "country", raw[SC_T_COUNTRIES]);
        if (!is_any(it->tier))
            ref(d, t, i, "tier", it->tier, sc_pricing_tier(p, it->tier) != NULL, "tier", raw[SC_T_TIERS]);
        if (!is_any(it->procedure))
            ref(d, t, i, "procedure", it->procedure,
                sc_pricing_procedure(p, it->procedure) != NULL, "procedure", raw[SC_T_PROCEDURES]);
        if (!is_any(it->condition))
            ref(d, t, i, "condition", it->condition,
                sc_pricing_condition(p, it->condition) != NULL, "condition", raw[SC_T_CONDITIONS]);
        ref_source(p, d, SC_T_ITEMS, i, it->source);
        ref_currency(p, d, SC_T_ITEMS, i, it->currency);
        for (size_t j = 0; j < i; j++) {
            const sc_item *o = &p->items[j];
            if (it->country && o->country && it->tier && o->tier && it->procedure &&
                o->procedure && it->description && o->description &&
                strcasecmp(it->country, o->country) == 0 && strcmp(it->tier, o->tier) == 0 &&
                strcmp(it->procedure, o->procedure) == 0 && it->condition && o->condition &&
                strcmp(it->condition, o->condition) == 0 && it->category == o->category &&
                /* Descriptions differing only in letter case are the same item
                 * (ASCII case folding: "MRI" and "mri"; not Unicode folding,
                 * "É" and "é" differ); white space around them is trimmed at
                 * load (pricing_load.c). */
                strcasecmp(it->description, o->description) == 0) {
                char other[32];
                snprintf(other, sizeof other, "%ld", o->line);
                at_row(d, t, i, "description",
                       "duplicate line item '%s' (same country, tier, procedure, condition and "
                       "category as line %s)", it->description, other);
                break;
            }
        }
    }
    for (size_t i = 0; raw[SC_T_FX] && i < p->nfx; i++) {
        ref_source(p, d, SC_T_FX, i, p->fx[i].source);
        for (size_t j = 0; j < i; j++)
            if (p->fx[i].currency && p->fx[i].currency == p->fx[j].currency &&
                p->fx[i].as_of && p->fx[j].as_of && strcmp(p->fx[i].as_of, p->fx[j].as_of) == 0) {
                at_row(d, raw[SC_T_FX], i, "as_of", "duplicate rate for %s on %s",
                       p->fx[i].currency->code, p->fx[i].as_of);
                break;
            }
    }
    for (size_t i = 0; raw[SC_T_TRAVEL] && i < p->ntravel; i++) {
        const sc_travel *tr = &p->travel[i];
        const sc_table *t = raw[SC_T_TRAVEL];
        if (!is_any(tr->origin))
            ref(d, t, i, "origin", tr->origin, sc_pricing_country(p, tr->origin) != NULL,
                "country", raw[SC_T_COUNTRIES]);
        ref(d, t, i, "destination", tr->destination,
            sc_pricing_country(p, tr->destination) != NULL, "country", raw[SC_T_COUNTRIES]);
        ref_source(p, d, SC_T_TRAVEL, i, tr->source);
        ref_currency(p, d, SC_T_TRAVEL, i, tr->currency);
        for (size_t j = 0; j < i; j++) {
            const sc_travel *o = &p->travel[j];
            if (tr->origin && o->origin && tr->destination && o->destination &&
                tr->kind == o->kind && strcasecmp(tr->origin, o->origin) == 0 &&
                strcasecmp(tr->destination, o->destination) == 0) {
                at_row(d, t, i, "destination", "duplicate travel cost for %s -> %s",
                       tr->origin, tr->destination);
                break;
            }
        }
    }
    for (size_t i = 0; raw[SC_T_INSURANCE] && i < p->ninsurance; i++) {
        const sc_insurance *in = &p->insurance[i];
        if (!is_any(in->country))
            ref(d, raw[SC_T_INSURANCE], i, "country", in->country,
                sc_pricing_country(p, in->country) != NULL, "country", raw[SC_T_COUNTRIES]);
        ref_source(p, d, SC_T_INSURANCE, i, in->source);
        ref_currency(p, d, SC_T_INSURANCE, i, in->currency);
    }
    for (size_t i = 0; raw[SC_T_PLANS] && i < p->nplans; i++) {
        ref_source(p, d, SC_T_PLANS, i, p->plans[i].source);
        ref_currency(p, d, SC_T_PLANS, i, p->plans[i].currency);
    }
    for (size_t i = 0; raw[SC_T_COMPLICATIONS] && i < p->ncomplications; i++) {
        const sc_complication *k = &p->complications[i];
        const sc_table *t = raw[SC_T_COMPLICATIONS];
        if (!is_any(k->procedure))
            ref(d, t, i, "procedure", k->procedure, sc_pricing_procedure(p, k->procedure) != NULL,
                "procedure", raw[SC_T_PROCEDURES]);
        if (!is_any(k->country))
            ref(d, t, i, "country", k->country, sc_pricing_country(p, k->country) != NULL,
                "country", raw[SC_T_COUNTRIES]);
        ref_source(p, d, SC_T_COMPLICATIONS, i, k->source);
        if (k->prob_source && k->source && strcmp(k->prob_source, k->source) != 0 &&
            p->raw[SC_T_SOURCES] && sc_pricing_source(p, k->prob_source) == NULL)
            at_row(d, t, i, "probability_source", "unknown source '%s' (not in sources.csv)",
                   k->prob_source, NULL);
        ref_currency(p, d, SC_T_COMPLICATIONS, i, k->currency);
    }
    for (size_t i = 0; raw[SC_T_FEE_SCHEDULES] && i < p->nfees; i++) {
        const sc_fee *f = &p->fees[i];
        ref_source(p, d, SC_T_FEE_SCHEDULES, i, f->source);
        ref_currency(p, d, SC_T_FEE_SCHEDULES, i, f->currency);
        for (size_t j = 0; j < i; j++)
            if (f->schedule && f->code && p->fees[j].schedule && p->fees[j].code &&
                strcmp(f->schedule, p->fees[j].schedule) == 0 &&
                strcmp(f->code, p->fees[j].code) == 0) {
                at_row(d, raw[SC_T_FEE_SCHEDULES], i, "code", "duplicate code %s in schedule %s",
                       f->code, f->schedule);
                break;
            }
    }
    for (size_t i = 0; raw[SC_T_STAYS] && i < p->nstays; i++) {
        const sc_stay *s = &p->stays[i];
        const sc_table *t = raw[SC_T_STAYS];
        if (!is_any(s->origin))
            ref(d, t, i, "origin", s->origin, sc_pricing_country(p, s->origin) != NULL,
                "country", raw[SC_T_COUNTRIES]);
        ref(d, t, i, "destination", s->destination,
            sc_pricing_country(p, s->destination) != NULL, "country", raw[SC_T_COUNTRIES]);
        if (!is_any(s->procedure))
            ref(d, t, i, "procedure", s->procedure, sc_pricing_procedure(p, s->procedure) != NULL,
                "procedure", raw[SC_T_PROCEDURES]);
        ref_source(p, d, SC_T_STAYS, i, s->source);
        for (size_t j = 0; j < i; j++) {
            const sc_stay *o = &p->stays[j];
            if (s->origin && o->origin && s->destination && o->destination && s->procedure &&
                o->procedure && strcasecmp(s->origin, o->origin) == 0 &&
                strcasecmp(s->destination, o->destination) == 0 &&
                strcmp(s->procedure, o->procedure) == 0) {
                char other[32];
                snprintf(other, sizeof other, "%ld", t->rows[j].line);
                at_row(d, t, i, "procedure", "duplicate stay for %s on this route (first on "
                                             "line %s)", s->procedure, other);
                break;
            }
        }
    }

    /* The defaults a scenario takes (scenario.h) must be rows: without them
     * the tables pass and then every command that names no tier or plan fails
     * as if the user had typed a wrong option.  The table is named, at its
     * header line; a table that did not load was reported already. */
    int has_tier = 0, has_insurance = 0;
    for (size_t i = 0; i < p->ntiers; i++)
        has_tier |= p->tiers[i].id && strcmp(p->tiers[i].id, SC_DEFAULT_TIER) == 0;
    for (size_t i = 0; i < p->ninsurance; i++)
        has_insurance |= p->insurance[i].id &&
                         strcmp(p->insurance[i].id, SC_DEFAULT_INSURANCE) == 0;
    if (raw[SC_T_TIERS] && !has_tier)
        sc_diags_addf(d, SC_EINPUT, raw[SC_T_TIERS]->name, 0, 0,
                      "no row '%s' (the default tier, used when none is given)",
                      SC_DEFAULT_TIER);
    if (raw[SC_T_INSURANCE] && !has_insurance)
        sc_diags_addf(d, SC_EINPUT, raw[SC_T_INSURANCE]->name, 0, 0,
                      "no row '%s' (the default insurance plan, used when none is given)",
                      SC_DEFAULT_INSURANCE);

    /* The newest as-of date of any price row: what `pricing_as_of` reports. */
    for (size_t i = 0; i < p->nitems; i++)
        if (p->items[i].as_of && sc_date_valid(p->items[i].as_of) &&
            strcmp(p->items[i].as_of, p->pricing_as_of) > 0)
            snprintf(p->pricing_as_of, sizeof p->pricing_as_of, "%s", p->items[i].as_of);
}
