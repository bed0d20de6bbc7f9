/* Every option side by side: see include/stemcost/compare.h.  The scenario is
 * resolved once; each row only swaps the country and tier (sc_resolved_at)
 * and takes the estimate's one path to its totals. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cells.h"
#include "stemcost/compare.h"
#include "stemcost/episode_cache.h"
#include "stemcost/dates.h"
#include "pricing_internal.h"

static sc_compare_group group_of(const sc_availability *a)
{
    if (a == NULL)
        return SC_GROUP_NOT_PERMITTED;
    switch (a->status) {
    case SC_REG_APPROVED:
    case SC_REG_EXEMPT: return SC_GROUP_LAWFUL;
    case SC_REG_TRIAL_ONLY: return SC_GROUP_TRIAL;
    default: return SC_GROUP_NOT_PERMITTED;
    }
}

/* The weakest basis of the lines a row rests on. */
static void row_basis(sc_compare_row *row)
{
    const sc_estimate_result *e = &row->est;
    row->basis = SC_BASIS_SOURCED;
    for (size_t i = 0; i < e->nlines; i++)
        if (!e->lines[i].in_quote && e->lines[i].basis > row->basis)
            row->basis = e->lines[i].basis;
}

/* The plan's offer for the row's typical out of pocket (finance.h). */
static sc_status add_offer(const sc_pricing *p, const sc_plan *plan, sc_compare_row *row,
                           sc_date start, sc_error *err)
{
    if (sc_plan_offer_for(p, plan, row->est.out_of_pocket.typical, row->est.currency, start,
                          &row->offer, err) != SC_OK)
        return SC_EINPUT;
    row->has_offer = 1;
    return SC_OK;
}

static void add_reason(sc_compare_row *row, const char *text)
{
    size_t used = strlen(row->reason);
    snprintf(row->reason + used, sizeof row->reason - used, "%s%s", used ? "; " : "", text);
}

/* A clinic quote on top of its reference estimate: flags, what it leaves out. */
static sc_status apply_clinic(const sc_pricing *p, const sc_compare_result *cr,
                              const char *clinics_file, sc_compare_row *row, sc_date today,
                              sc_error *err)
{
    const sc_clinic_quote *q = row->clinic;
    sc_estimate_result *e = &row->est;
    int64_t quote;
    if (sc_estimate_convert(p, e, q->amount, q->currency, &quote, NULL) != SC_OK) {
        /* The file's amount was in range; converted it is not (the reader
         * cannot know the display currency): say where it came from. */
        char a[48];
        return sc_error_set(err, SC_EINPUT, clinics_file, q->line, q->amount_column,
                            "%s %s is out of range once converted to %s (more than 10^15 "
                            "minor units)",
                            sc_money_format_plain(q->amount, q->currency, a, sizeof a),
                            q->currency->code, e->currency->code);
    }
    int64_t inc_low = 0, inc_high = 0;
    for (size_t i = 0; i < e->nitems; i++) {
        const sc_line *l = &e->lines[i];
        if (q->includes & (1u << l->category)) {
            inc_low += l->amount.low;
            inc_high += l->amount.high;
        } else if (l->amount.typical > 0) {
            const char *name = sc_category_name(l->category);
            if (strstr(row->omitted, name) == NULL) {
                size_t used = strlen(row->omitted);
                snprintf(row->omitted + used, sizeof row->omitted - used, "%s%s",
                         used ? ", " : "", name);
            }
            row->omitted_typical += l->amount.typical;
        }
    }
    /* Below the low end of what it claims to include; far above the high end. */
    row->too_cheap = quote < inc_low;
    row->too_dear = (__int128)quote * 100 > (__int128)inc_high * SC_QUOTE_HIGH_PCT;
    sc_estimate_apply_quote(e, quote, q->includes);

    sc_date qd, vu;
    if (sc_date_parse(q->quote_date, &qd, err) != SC_OK ||
        sc_date_parse(q->valid_until, &vu, err) != SC_OK)
        return SC_EINPUT;
    row->expired = sc_date_compare(vu, today) < 0;
    row->stale = sc_date_days(today) - sc_date_days(qd) > SC_QUOTE_STALE_DAYS;
    row->other_procedure = row->procedure != cr->procedure;
    row->other_sites = q->sites > 0 && q->sites != e->sites;
    row->other_sessions = q->sessions > 0 && q->sessions != e->sessions;
    char text[160];
    if (row->other_procedure) {
        snprintf(text, sizeof text, "a quote for %s, not %s", row->procedure->id,
                 cr->procedure->id);
        add_reason(row, text);
    }
    if (row->other_sites) {
        snprintf(text, sizeof text, "quoted for %d %s%s, compared for %d", q->sites,
                 e->condition->site_unit, q->sites == 1 ? "" : "s", e->sites);
        add_reason(row, text);
    }
    if (row->other_sessions) {
        snprintf(text, sizeof text, "quoted for %d session%s, compared for %d", q->sessions,
                 q->sessions == 1 ? "" : "s", e->sessions);
        add_reason(row, text);
    }
    if (row->expired)
        add_reason(row, "the quote has expired");
    if (row->too_cheap)
        add_reason(row, "below the lowest published price of what it includes");
    if (row->reason[0] != '\0')
        row->group = SC_GROUP_NOT_COMPARABLE;
    return SC_OK;
}

static int compare_rows(const void *pa, const void *pb)
{
    const sc_compare_row *a = pa, *b = pb;
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    if (a->priced && b->priced && a->est.out_of_pocket.typical != b->est.out_of_pocket.typical)
        return a->est.out_of_pocket.typical < b->est.out_of_pocket.typical ? -1 : 1;
    int c = strcmp(a->country->id, b->country->id);
    if (c != 0)
        return c;
    c = strcmp(a->tier->id, b->tier->id);
    if (c != 0)
        return c;
    if ((a->clinic == NULL) != (b->clinic == NULL))
        return a->clinic == NULL ? -1 : 1;
    return a->clinic ? (a->clinic->line < b->clinic->line ? -1 : 1) : 0;
}

/* Build one row; a combination the tables do not price becomes an unpriced row. */
static sc_status build_row(const sc_pricing *p, sc_episode_cache *cache,
                           const sc_compare_request *req, const sc_resolved *base,
                           sc_compare_result *r,
                           const sc_country *country, const sc_tier *tier,
                           const sc_procedure *procedure, const sc_clinic_quote *q, sc_error *err)
{
    sc_compare_row *row = &r->rows[r->nrows];
    memset(row, 0, sizeof *row);
    row->country = country;
    row->tier = tier;
    row->procedure = procedure;
    row->clinic = q;
    row->is_home = country == r->home;
    sc_resolved s = *base;
    s.procedure = procedure;
    sc_error e;
    sc_error_clear(&e);
    if (sc_resolved_at(p, &s, country, tier, &s, &e) != SC_OK ||
        (cache != NULL ? sc_episode_cache_estimate(cache, &s, &row->est, &e)
                       : sc_estimate_resolved(p, &s, &row->est, &e)) != SC_OK) {
        /* Only "not priced here" makes a row; every other error is the user's. */
        if (e.reason != SC_R_NOT_PRICED) {
            if (err != NULL)
                *err = e;
            return e.status;
        }
        row->availability = sc_pricing_availability(p, country->id, procedure->id);
        row->group = SC_GROUP_NOT_PRICED;
        snprintf(row->reason, sizeof row->reason, "%s", e.msg);
        r->nrows++;
        return SC_OK;
    }
    /* The estimate looked the status up for the same country and procedure. */
    row->availability = row->est.availability;
    row->group = group_of(row->availability);
    row->priced = 1;
    r->nrows++;
    if (q != NULL && apply_clinic(p, r, req->clinics->name, row, base->today, err) != SC_OK)
        return SC_EINPUT;
    row_basis(row);
    if (r->plan != NULL && add_offer(p, r->plan, row, base->today, err) != SC_OK)
        return SC_EINPUT;
    if (req->percentiles && q == NULL) {
        sc_sim_result sim;
        if (sc_simulate_resolved(p, &s, req->draws, req->seed, &sim, err) != SC_OK)
            return SC_EINPUT;
        row->has_percentiles = 1;
        row->p10 = sim.p10;
        row->p50 = sim.p50;
        row->p90 = sim.p90;
        sc_sim_result_free(&sim);
    }
    return SC_OK;
}

/* A country or tier list: every entry must be known, and listed once (a
 * repeated entry would be a second, identical row ranked against itself,
 * and each row costs a simulation: 64 x 64 repeats made one web request
 * run for minutes). */
static sc_status check_list(const sc_pricing *p, const char *field, const char *const *list,
                            size_t n, int tiers, sc_error *err)
{
    if (list != NULL && n == 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_EMPTY, field, "the list is empty");
    const char *ids[256];
    size_t nids = 0;
    for (size_t i = 0; i < (tiers ? p->ntiers : p->ncountries) && nids < 256; i++)
        ids[nids++] = tiers ? p->tiers[i].id : p->countries[i].id;
    for (size_t i = 0; list != NULL && i < n; i++) {
        int known = tiers ? sc_pricing_tier(p, list[i]) != NULL
                          : sc_pricing_country(p, list[i]) != NULL;
        if (!known)
            return sc_unknown_id(err, field, tiers ? "tier" : "country", list[i], ids, nids);
        for (size_t j = 0; j < i; j++)
            if (tiers ? sc_pricing_tier(p, list[j]) == sc_pricing_tier(p, list[i])
                      : sc_pricing_country(p, list[j]) == sc_pricing_country(p, list[i]))
                return sc_error_field(err, SC_EUSAGE, SC_R_CONFLICT, field,
                                      "'%s' is listed twice", list[i]);
    }
    return SC_OK;
}

sc_status sc_compare(const sc_pricing *p, const sc_compare_request *req, sc_compare_result *r,
                     sc_error *err)
{
    return sc_compare_cached(p, NULL, req, r, err);
}

sc_status sc_compare_cached(const sc_pricing *p, sc_episode_cache *cache,
                            const sc_compare_request *req, sc_compare_result *r, sc_error *err)
{
    sc_error local;
    if (err == NULL)
        err = &local;
    memset(r, 0, sizeof *r);
    if (cache != NULL && sc_episode_cache_pricing(cache) != p)
        return sc_error_set(err, SC_EUSAGE, NULL, 0, 0,
                            "the episode cache was made for other pricing tables");
    const sc_scenario *b = &req->base;
    if (b->home == NULL)
        return sc_error_field(err, SC_EUSAGE, SC_R_REQUIRED, "home",
                              "required: the patient's country");
    /* The shared parts once: the scenario as if treated at home (a home that
     * does not price it still resolves every field: only the combination is
     * missing, and its row says so). */
    sc_scenario at_home = *b;
    at_home.country = b->home;
    sc_resolved base;
    if (sc_scenario_resolve(p, &at_home, &base, err) != SC_OK && err->reason != SC_R_NOT_PRICED) {
        if (strcmp(err->field, "country") == 0)
            snprintf(err->field, sizeof err->field, "home");
        return err->status;
    }
    if (check_list(p, "countries", req->countries, req->ncountries, 0, err) != SC_OK ||
        check_list(p, "tiers", req->tiers, req->ntiers, 1, err) != SC_OK)
        return err->status;
    if (req->plan != NULL && (r->plan = sc_pricing_plan(p, req->plan)) == NULL) {
        const char *ids[256];
        size_t n = 0;
        for (size_t i = 0; i < p->nplans && n < 256; i++)
            ids[n++] = p->plans[i].id;
        return sc_unknown_id(err, "plan", "plan", req->plan, ids, n);
    }
    r->scenario = base;
    r->home = base.home;
    r->procedure = base.procedure;
    r->condition = base.condition;
    r->currency = base.currency;

    size_t nc = req->countries ? req->ncountries : p->ncountries;
    size_t ntr = req->tiers ? req->ntiers : p->ntiers;
    size_t nq = req->clinics ? req->clinics->n : 0;
    /* The home option is always present when the procedure is priced at home. */
    int home_listed = 0;
    for (size_t i = 0; i < nc; i++)
        home_listed |= strcasecmp(req->countries ? req->countries[i] : p->countries[i].id,
                                  r->home->id) == 0;
    size_t cap = (nc + !home_listed) * ntr + nq;
    /* Not zeroed here: build_row clears each row it fills (rows are some 3 kB). */
    r->rows = malloc((cap ? cap : 1) * sizeof *r->rows);
    if (r->rows == NULL)
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");

    sc_status st = SC_OK;
    for (size_t i = 0; st == SC_OK && i < nc + !home_listed; i++) {
        const sc_country *country =
            i < nc ? (req->countries ? sc_pricing_country(p, req->countries[i]) : &p->countries[i])
                   : r->home;
        for (size_t t = 0; st == SC_OK && t < ntr; t++)
            st = build_row(p, cache, req, &base, r, country,
                           req->tiers ? sc_pricing_tier(p, req->tiers[t]) : &p->tiers[t],
                           base.procedure, NULL, err);
    }
    for (size_t k = 0; st == SC_OK && k < nq; k++) {
        const sc_clinic_quote *q = &req->clinics->quotes[k];
        st = build_row(p, cache, req, &base, r, sc_pricing_country(p, q->country),
                       sc_pricing_tier(p, q->tier), sc_pricing_procedure(p, q->procedure), q, err);
    }
    if (st != SC_OK) {
        sc_compare_result_free(r);
        return st;
    }

    qsort(r->rows, r->nrows, sizeof *r->rows, compare_rows);
    /* The baseline: the cheapest lawful home reference row, else the cheapest
     * priced home reference row (rows are sorted, so the first found wins). */
    for (int pass = 0; pass < 2 && r->baseline == NULL; pass++)
        for (size_t i = 0; i < r->nrows && r->baseline == NULL; i++) {
            const sc_compare_row *row = &r->rows[i];
            if (row->is_home && row->priced && row->clinic == NULL &&
                (pass == 1 || row->group == SC_GROUP_LAWFUL))
                r->baseline = row;
        }
    for (size_t i = 0; i < r->nrows; i++) {
        sc_compare_row *row = &r->rows[i];
        row->rank = (int)i + 1;
        if (row->priced && r->baseline != NULL && r->baseline->est.out_of_pocket.typical > 0) {
            int64_t base_oop = r->baseline->est.out_of_pocket.typical;
            row->has_saving = 1;
            row->saving = base_oop - row->est.out_of_pocket.typical;
            row->saving_pct = sc_money_share(row->saving, base_oop);
        }
    }
    return SC_OK;
}

void sc_compare_result_free(sc_compare_result *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->nrows; i++)
        if (r->rows[i].priced)
            sc_estimate_result_free(&r->rows[i].est);
    free(r->rows);
    r->rows = NULL;
    r->nrows = 0;
}
