/* Every option side by side: see include/stemcost/compare.h. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cells.h"

/* "--deductible-met" -> "deductible_met" (transitional). */
static const char *opt_field(const char *opt)
{
    static _Thread_local char buf[64];
    size_t n = 0;
    for (const char *s = opt[0] == '-' && opt[1] == '-' ? opt + 2 : opt; *s && n < 63; s++)
        buf[n++] = *s == '-' ? '_' : *s;
    buf[n] = '\0';
    return buf;
}
#include "stemcost/compare.h"
#include "stemcost/dates.h"

/* num / den in hundredths of a percent, rounded half away from zero (den > 0). */
static int64_t pct_hundredths(int64_t num, int64_t den)
{
    __int128 n = (__int128)num * 10000 * 2;
    __int128 q = (n + (num >= 0 ? den : -den)) / (2 * (__int128)den);
    return (int64_t)q;
}

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

static sc_status check_id(const char *what, const char *opt, const char *value, int found,
                          const char *const *ids, size_t n, sc_error *err)
{
    if (found)
        return SC_OK;
    const char *hint = sc_suggest(value, ids, n);
    if (hint)
        return sc_error_field(err, SC_EINPUT, SC_R_UNKNOWN_ID, opt_field(opt), "unknown %s '%s' (did you mean '%s'?)",
                            what, value, hint);
    return sc_error_field(err, SC_EINPUT, SC_R_UNKNOWN_ID, opt_field(opt), "unknown %s '%s'", what, value);
}

/* Row statistics that do not depend on the ranking. */
static void row_basis(sc_compare_row *row)
{
    const sc_estimate_result *e = &row->est;
    int64_t interp = 0, all = e->treatment.typical + e->travel.typical;
    row->basis = SC_BASIS_SOURCED;
    for (size_t i = 0; i < e->nlines; i++) {
        const sc_line *l = &e->lines[i];
        if (l->in_quote)
            continue;
        if (l->basis > row->basis)
            row->basis = l->basis;
        if (l->basis == SC_BASIS_INTERPOLATED)
            interp += l->amount.typical;
    }
    row->interpolated_pct = all > 0 ? pct_hundredths(interp, all) : 0;
}

static sc_status add_payment(const sc_pricing *p, const sc_plan *plan, sc_compare_row *row,
                             const char *today, sc_error *err)
{
    sc_date start;
    int64_t min_amount, min_payment;
    if (sc_date_parse(today, &start, err) != SC_OK)
        return SC_EUSAGE;
    if (sc_estimate_convert(p, &row->est, plan->min_amount, plan->currency, &min_amount, err) !=
            SC_OK ||
        sc_estimate_convert(p, &row->est, plan->min_payment, plan->currency, &min_payment, err) !=
            SC_OK)
        return SC_EINPUT;
    sc_plan_result pr;
    if (sc_finance_plan(plan, row->est.out_of_pocket.typical, min_amount, min_payment, start,
                        &pr, err) != SC_OK)
        return err->status;
    row->has_payment = 1;
    row->monthly_payment = pr.schedule.nrows > 0 ? pr.schedule.payment : 0;
    sc_plan_result_free(&pr);
    return SC_OK;
}

/* A clinic quote on top of its reference estimate: flags, what it leaves out. */
static sc_status apply_clinic(const sc_pricing *p, sc_compare_row *row, const char *today,
                              sc_error *err)
{
    const sc_clinic_quote *q = row->clinic;
    sc_estimate_result *e = &row->est;
    int64_t quote;
    if (sc_estimate_convert(p, e, q->amount, q->currency, &quote, err) != SC_OK)
        return SC_EINPUT;
    int64_t inc_low = 0, inc_high = 0;
    for (size_t i = 0; i < e->nitems; i++) {
        const sc_line *l = &e->lines[i];
        if (q->includes & (1u << l->category)) {
            inc_low += l->amount.low;
            inc_high += l->amount.high;
        } else if (l->amount.typical > 0 && !strstr(row->omitted, sc_category_name(l->category))) {
            if (row->omitted[0])
                strncat(row->omitted, ", ", sizeof row->omitted - strlen(row->omitted) - 1);
            strncat(row->omitted, sc_category_name(l->category),
                    sizeof row->omitted - strlen(row->omitted) - 1);
            row->omitted_typical += l->amount.typical;
        } else if (l->amount.typical > 0) {
            row->omitted_typical += l->amount.typical;
        }
    }
    /* Far outside the reference range of what it claims to include. */
    row->too_cheap = (double)quote < SC_QUOTE_LOW_RATIO * (double)inc_low;
    row->too_dear = (double)quote > SC_QUOTE_HIGH_RATIO * (double)inc_high;
    sc_estimate_apply_quote(e, quote, q->includes);

    sc_date t, qd, vu;
    if (sc_date_parse(today, &t, err) != SC_OK || sc_date_parse(q->quote_date, &qd, err) != SC_OK ||
        sc_date_parse(q->valid_until, &vu, err) != SC_OK)
        return SC_EINPUT;
    row->expired = sc_date_compare(vu, t) < 0;
    row->stale = sc_date_days(t) - sc_date_days(qd) > SC_QUOTE_STALE_DAYS;
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

/* Build one row; a procedure not priced for it becomes an unpriced row. */
static sc_status build_row(const sc_pricing *p, const sc_compare_request *req,
                           sc_compare_result *r, const char *country, const char *tier,
                           const char *procedure, const sc_clinic_quote *q, sc_error *err)
{
    sc_compare_row *row = &r->rows[r->nrows];
    memset(row, 0, sizeof *row);
    sc_scenario s = req->base;
    s.country = country;
    s.tier = tier;
    s.procedure = procedure;
    row->country = sc_pricing_country(p, country);
    row->tier = sc_pricing_tier(p, tier);
    row->procedure = sc_pricing_procedure(p, procedure);
    row->clinic = q;
    row->availability = sc_pricing_availability(p, country, procedure);
    row->group = group_of(row->availability);
    row->is_home = row->country == r->home;
    sc_error e;
    sc_error_clear(&e);
    if (sc_estimate(p, &s, &row->est, &e) != SC_OK) {
        /* Only "not priced here" makes a row; every other error is the user's. */
        if (e.reason != SC_R_NOT_PRICED) {
            *err = e;
            return e.status;
        }
        row->group = SC_GROUP_NOT_PRICED;
        snprintf(row->reason, sizeof row->reason, "%s", e.msg);
        r->nrows++;
        return SC_OK;
    }
    row->priced = 1;
    r->nrows++;
    if (q != NULL && apply_clinic(p, row, req->base.today, err) != SC_OK)
        return err->status;
    row_basis(row);
    if (r->plan != NULL && add_payment(p, r->plan, row, req->base.today, err) != SC_OK)
        return err->status;
    if (req->percentiles && q == NULL) {
        sc_sim_result sim;
        if (sc_simulate(p, &s, req->draws, req->seed, &sim, err) != SC_OK)
            return err->status;
        row->has_percentiles = 1;
        row->p10 = sim.p10;
        row->p50 = sim.p50;
        row->p90 = sim.p90;
        sc_sim_result_free(&sim);
    }
    return SC_OK;
}

sc_status sc_compare(const sc_pricing *p, const sc_compare_request *req, sc_compare_result *r,
                     sc_error *err)
{
    const sc_scenario *b = &req->base;
    const char *ids[256];
    size_t n;
    memset(r, 0, sizeof *r);

    if (b->procedure == NULL || b->procedure[0] == '\0')
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "procedure","required (e.g. bmac)");
    if (b->condition == NULL || b->condition[0] == '\0')
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "condition","required (e.g. knee-oa)");
    if (b->home == NULL || b->home[0] == '\0')
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "home","required: the patient's country");
    for (n = 0; n < p->nprocedures && n < 256; n++)
        ids[n] = p->procedures[n].id;
    if (check_id("procedure", "--procedure", b->procedure,
                 sc_pricing_procedure(p, b->procedure) != NULL, ids, n, err) != SC_OK)
        return SC_EINPUT;
    for (n = 0; n < p->nconditions && n < 256; n++)
        ids[n] = p->conditions[n].id;
    if (check_id("condition", "--condition", b->condition,
                 sc_pricing_condition(p, b->condition) != NULL, ids, n, err) != SC_OK)
        return SC_EINPUT;
    for (n = 0; n < p->ncountries && n < 256; n++)
        ids[n] = p->countries[n].id;
    if (check_id("country", "--home", b->home, sc_pricing_country(p, b->home) != NULL, ids, n,
                 err) != SC_OK)
        return SC_EINPUT;
    if (req->countries != NULL && req->ncountries == 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "countries","the list is empty");
    for (size_t i = 0; req->countries && i < req->ncountries; i++)
        if (check_id("country", "--countries", req->countries[i],
                     sc_pricing_country(p, req->countries[i]) != NULL, ids, n, err) != SC_OK)
            return SC_EINPUT;
    const char *tier_ids[64];
    size_t nt;
    for (nt = 0; nt < p->ntiers && nt < 64; nt++)
        tier_ids[nt] = p->tiers[nt].id;
    if (req->tiers != NULL && req->ntiers == 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "tiers","the list is empty");
    for (size_t i = 0; req->tiers && i < req->ntiers; i++)
        if (check_id("tier", "--tiers", req->tiers[i], sc_pricing_tier(p, req->tiers[i]) != NULL,
                     tier_ids, nt, err) != SC_OK)
            return SC_EINPUT;
    if (req->plan != NULL && (r->plan = sc_pricing_plan(p, req->plan)) == NULL)
        return sc_error_field(err, SC_EINPUT, SC_R_DATA, "plan","unknown plan '%s'; run 'stemcost list plans'", req->plan);

    r->home = sc_pricing_country(p, b->home);
    r->procedure = sc_pricing_procedure(p, b->procedure);
    r->condition = sc_pricing_condition(p, b->condition);
    r->currency = b->currency && b->currency[0] ? sc_currency_find(b->currency)
                                                : r->home->currency;
    if (r->currency == NULL)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "currency","unknown currency '%s'",
                            b->currency);

    size_t nc = req->countries ? req->ncountries : p->ncountries;
    size_t ntr = req->tiers ? req->ntiers : p->ntiers;
    size_t nq = req->clinics ? req->clinics->n : 0;
    /* The home option is always present when the procedure is priced at home. */
    int home_listed = 0;
    for (size_t i = 0; i < nc; i++)
        home_listed |= strcasecmp(req->countries ? req->countries[i] : p->countries[i].id,
                                  r->home->id) == 0;
    size_t cap = (nc + !home_listed) * ntr + nq;
    r->rows = calloc(cap ? cap : 1, sizeof *r->rows);
    if (r->rows == NULL)
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");

    sc_status st = SC_OK;
    for (size_t i = 0; st == SC_OK && i < nc + !home_listed; i++) {
        const char *country = i < nc ? (req->countries ? req->countries[i] : p->countries[i].id)
                                     : r->home->id;
        for (size_t t = 0; st == SC_OK && t < ntr; t++)
            st = build_row(p, req, r, country, req->tiers ? req->tiers[t] : p->tiers[t].id,
                           b->procedure, NULL, err);
    }
    for (size_t k = 0; st == SC_OK && k < nq; k++) {
        const sc_clinic_quote *q = &req->clinics->quotes[k];
        st = build_row(p, req, r, q->country, q->tier, q->procedure, q, err);
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
            int64_t base = r->baseline->est.out_of_pocket.typical;
            row->has_saving = 1;
            row->saving = base - row->est.out_of_pocket.typical;
            row->saving_pct = pct_hundredths(row->saving, base);
        }
    }
    return SC_OK;
}

void sc_compare_result_free(sc_compare_result *r)
{
    for (size_t i = 0; i < r->nrows; i++)
        if (r->rows[i].priced)
            sc_estimate_result_free(&r->rows[i].est);
    free(r->rows);
    r->rows = NULL;
    r->nrows = 0;
}
