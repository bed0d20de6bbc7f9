/* Loading and validating a pricing directory: see include/stemcost/pricing.h.
 *
 * Every table is read (a table that fails to parse is reported and skipped),
 * every row is converted cell by cell with all bad cells reported, and then
 * the tables are checked against each other (unique IDs, references that
 * resolve, FX rates for every currency).  Rows with bad cells are kept for the
 * cross-checks so that one typo does not cascade into many messages. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cells.h"
#include "pricing_internal.h"
#include "stemcost/pricing.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Grow an array by one zeroed element; NULL when out of memory. */
static void *push(void **arr, size_t *n, size_t size, sc_diags *d)
{
    void *p = realloc(*arr, (*n + 1) * size);
    if (p == NULL) {
        d->oom = 1;
        return NULL;
    }
    *arr = p;
    char *e = (char *)p + *n * size;
    memset(e, 0, size);
    (*n)++;
    return e;
}
#define PUSH(arr, n, d) push((void **)&(arr), &(n), sizeof *(arr), (d))

/* low <= typical <= high, each a money amount in `cur`. */
static int cell_range(const sc_cells *c, const char *lo, const char *ty, const char *hi,
                      const sc_currency *cur, sc_range *r)
{
    int ok = sc_cells_money(c, lo, cur, &r->low);
    ok &= sc_cells_money(c, ty, cur, &r->typical);
    ok &= sc_cells_money(c, hi, cur, &r->high);
    if (ok && !(r->low <= r->typical && r->typical <= r->high)) {
        sc_cells_error(c, r->low > r->typical ? lo : hi,
                       "%s %s, %s %s, %s %s: must be in order %s <= %s <= %s", lo,
                       sc_cells_text(c, lo), ty, sc_cells_text(c, ty), hi, sc_cells_text(c, hi),
                       lo, ty, hi);
        return 0;
    }
    return ok;
}

/* A price row must say where its number comes from and when. */
static void cell_provenance(const sc_cells *c, sc_basis *basis)
{
    int b = 0;
    if (sc_cells_enum(c, "basis", sc_basis_names, SC_NNAMES(sc_basis_names), &b))
        *basis = (sc_basis)b;
    sc_cells_id(c, "source");
    sc_cells_date(c, "as_of");
}

static void load_sources(sc_pricing *p, const sc_cells *c)
{
    sc_source *s = PUSH(p->sources, p->nsources, c->diags);
    int g;
    if (s == NULL)
        return;
    sc_cells_id(c, "id");
    sc_cells_required(c, "title");
    sc_cells_enum(c, "grade", sc_grade_names, SC_NNAMES(sc_grade_names), &g);
    s->id = sc_cells_dup(c, "id");
    s->title = sc_cells_dup(c, "title");
    s->publisher = sc_cells_dup(c, "publisher");
    s->address = sc_cells_dup(c, "address");
    s->date = sc_cells_dup(c, "date");
    s->grade = sc_cells_dup(c, "grade");
}

static void load_countries(sc_pricing *p, const sc_cells *c)
{
    sc_country *k = PUSH(p->countries, p->ncountries, c->diags);
    int banned = 0;
    if (k == NULL)
        return;
    if (sc_cells_id(c, "id")) {
        const char *id = sc_cells_text(c, "id");
        if (strlen(id) != 2 || id[0] < 'A' || id[0] > 'Z' || id[1] < 'A' || id[1] > 'Z')
            sc_cells_error(c, "id", "country id '%s' must be an ISO 3166 alpha-2 code in "
                                    "upper case", id);
    }
    sc_cells_required(c, "name");
    sc_cells_currency(c, "currency", &k->currency);
    sc_cells_decimal(c, "self_pay_tax_pct", SC_PCT_DECIMALS, 0, 10000, &k->self_pay_tax_pct);
    if (sc_cells_enum(c, "mixed_billing", sc_billing_names, SC_NNAMES(sc_billing_names), &banned))
        k->mixed_billing_banned = banned;
    sc_cells_id(c, "source");
    k->id = sc_cells_dup(c, "id");
    k->name = sc_cells_dup(c, "name");
    k->tax_note = sc_cells_dup(c, "tax_note");
    k->source = sc_cells_dup(c, "source");
}

static void load_availability(sc_pricing *p, const sc_cells *c)
{
    sc_availability *a = PUSH(p->availability, p->navailability, c->diags);
    int st = 0;
    if (a == NULL)
        return;
    sc_cells_id(c, "country");
    sc_cells_id(c, "procedure");
    if (sc_cells_enum(c, "status", sc_reg_names, SC_NNAMES(sc_reg_names), &st))
        a->status = (sc_status_reg)st;
    sc_cells_required(c, "note");
    sc_cells_id(c, "source");
    sc_cells_date(c, "as_of");
    a->country = sc_cells_dup(c, "country");
    a->procedure = sc_cells_dup(c, "procedure");
    a->note = sc_cells_dup(c, "note");
    a->source = sc_cells_dup(c, "source");
    a->as_of = sc_cells_dup(c, "as_of");
}

static void int_triple(const sc_cells *c, const char *lo, const char *ty, const char *hi,
                       int min, int max, int *l, int *t, int *h)
{
    int ok = sc_cells_int(c, lo, min, max, l);
    ok &= sc_cells_int(c, ty, min, max, t);
    ok &= sc_cells_int(c, hi, min, max, h);
    if (ok && !(*l <= *t && *t <= *h))
        sc_cells_error(c, *l > *t ? lo : hi, "%s, %s, %s must be in order low <= typical <= high",
                       lo, ty, hi);
}

static void split_list(const sc_cells *c, const char *column, char ***out, size_t *n);

static void load_procedures(sc_pricing *p, const sc_cells *c)
{
    sc_procedure *r = PUSH(p->procedures, p->nprocedures, c->diags);
    if (r == NULL)
        return;
    sc_cells_id(c, "id");
    sc_cells_required(c, "name");
    sc_cells_bool(c, "autologous", &r->autologous);
    sc_cells_bool(c, "culture_expanded", &r->culture_expanded);
    sc_cells_int(c, "visits", 1, 4, &r->visits);
    int_triple(c, "sessions_low", "sessions_typical", "sessions_high", 1, 12, &r->sessions_low,
               &r->sessions_typical, &r->sessions_high);
    int_triple(c, "nights_low", "nights_typical", "nights_high", 0, 60, &r->nights_low,
               &r->nights_typical, &r->nights_high);
    sc_cells_id(c, "source");
    r->id = sc_cells_dup(c, "id");
    r->name = sc_cells_dup(c, "name");
    r->cell_source = sc_cells_dup(c, "cell_source");
    r->us_codes = sc_cells_dup(c, "us_codes");
    r->code_note = sc_cells_dup(c, "code_note");
    r->source = sc_cells_dup(c, "source");
    split_list(c, "not_included", &r->not_included, &r->nnot_included);
    r->evidence_note = sc_cells_dup(c, "evidence_note");
}

/* Split "a;b;c" into a NULL-free array of copies (empty tokens skipped). */
static void split_list(const sc_cells *c, const char *column, char ***out, size_t *n)
{
    char *list = sc_cells_dup(c, column);
    char *save = NULL;
    for (char *tok = list ? strtok_r(list, ";", &save) : NULL; tok;
         tok = strtok_r(NULL, ";", &save)) {
        while (*tok == ' ')
            tok++;
        if (*tok == '\0')
            continue;
        char **slot = PUSH(*out, *n, c->diags);
        if (slot == NULL)
            break;
        *slot = strdup(tok);
        if (*slot == NULL)
            c->diags->oom = 1;
    }
    free(list);
}

static void load_conditions(sc_pricing *p, const sc_cells *c)
{
    sc_condition *r = PUSH(p->conditions, p->nconditions, c->diags);
    static const char *const units[] = {"joint", "spinal-level", "tendon"};
    int u;
    if (r == NULL)
        return;
    sc_cells_id(c, "id");
    sc_cells_required(c, "name");
    sc_cells_required(c, "icd10cm");
    sc_cells_enum(c, "site_unit", units, COUNT(units), &u);
    sc_cells_int(c, "max_sites", 1, 10, &r->max_sites);
    sc_cells_required(c, "procedures");
    sc_cells_id(c, "source");
    r->id = sc_cells_dup(c, "id");
    r->name = sc_cells_dup(c, "name");
    r->icd10cm = sc_cells_dup(c, "icd10cm");
    r->site_unit = sc_cells_dup(c, "site_unit");
    r->source = sc_cells_dup(c, "source");
    split_list(c, "procedures", &r->procedures, &r->nprocedures); /* "bmac;adipose;prp" */
}

static void load_tiers(sc_pricing *p, const sc_cells *c)
{
    sc_tier *t = PUSH(p->tiers, p->ntiers, c->diags);
    if (t == NULL)
        return;
    sc_cells_id(c, "id");
    sc_cells_required(c, "name");
    sc_cells_required(c, "description");
    t->id = sc_cells_dup(c, "id");
    t->name = sc_cells_dup(c, "name");
    t->description = sc_cells_dup(c, "description");
}

/* "min/threshold/max": the factor level of the low, typical and high amounts. */
static void cell_factor_levels(const sc_cells *c, sc_factor_level out[3])
{
    const char *s = sc_cells_text(c, "factors");
    int n = 0, ok = 1;
    for (const char *p = s; ok; n++) {
        size_t len = strcspn(p, "/");
        int found = -1;
        for (int i = 0; i < SC_NNAMES(sc_factor_level_names); i++)
            if (strlen(sc_factor_level_names[i]) == len &&
                strncmp(p, sc_factor_level_names[i], len) == 0)
                found = i;
        if (found < 0 || n == 3) {
            ok = 0;
            break;
        }
        out[n] = (sc_factor_level)found;
        if (p[len] == '\0') {
            n++;
            break;
        }
        p += len + 1;
    }
    if (!ok || n != 3)
        sc_cells_error(c, "factors", "factors '%s' must be three of min, threshold, max "
                                     "separated by '/' (for low/typical/high)", s);
    else if (!(out[0] <= out[1] && out[1] <= out[2]))
        sc_cells_error(c, "factors", "factors '%s' must be in order low <= typical <= high", s);
}

/* The derived-price columns: a formula needs factor levels, and its amounts
 * may be left empty (the loader computes them; fee_schedule.c). */
static int load_item_formula(sc_item *it, const sc_cells *c)
{
    const char *formula = sc_cells_text(c, "formula");
    const char *factors = sc_cells_text(c, "factors");
    if (formula[0] == '\0') {
        if (factors[0] != '\0')
            sc_cells_error(c, "factors", "factors are the levels of a formula: this row has "
                                         "no formula");
        return 0;
    }
    it->formula = sc_cells_dup(c, "formula");
    if (factors[0] == '\0')
        sc_cells_error(c, "factors", "a row with a formula needs factors (e.g. "
                                     "min/threshold/max)");
    else
        cell_factor_levels(c, it->factors);
    const char *basis = sc_cells_text(c, "basis");
    if (strcmp(basis, "sourced") == 0 || strcmp(basis, "interpolated") == 0)
        sc_cells_error(c, "basis", "a row priced by a formula is derived: basis must be "
                                   "'derived'");
    return sc_cells_text(c, "low")[0] == '\0' && sc_cells_text(c, "typical")[0] == '\0' &&
           sc_cells_text(c, "high")[0] == '\0';
}

/* evidence_conditions: "*", a list "knee-oa;hip-oa", or empty (no narrower claim). */
static void load_item_evidence(sc_item *it, const sc_cells *c)
{
    const char *s = sc_cells_text(c, "evidence_conditions");
    it->evidence_any = s[0] == '\0' || strcmp(s, "*") == 0;
    if (!it->evidence_any)
        split_list(c, "evidence_conditions", &it->evidence, &it->nevidence);
}

static void load_items(sc_pricing *p, const sc_cells *c)
{
    sc_item *it = PUSH(p->items, p->nitems, c->diags);
    int cat = 0, unit = 0;
    if (it == NULL)
        return;
    it->line = c->row->line;
    sc_cells_id(c, "country");
    if (strcmp(sc_cells_text(c, "tier"), "*") != 0)
        sc_cells_id(c, "tier");
    if (strcmp(sc_cells_text(c, "procedure"), "*") != 0)
        sc_cells_id(c, "procedure");
    if (strcmp(sc_cells_text(c, "condition"), "*") != 0)
        sc_cells_id(c, "condition");
    if (sc_cells_enum(c, "category", sc_category_names, SC_NNAMES(sc_category_names), &cat))
        it->category = (sc_category)cat;
    sc_cells_required(c, "description");
    if (sc_cells_enum(c, "unit", sc_unit_names, SC_NNAMES(sc_unit_names), &unit))
        it->unit = (sc_unit)unit;
    sc_cells_int(c, "quantity", 1, 100, &it->quantity);
    cell_provenance(c, &it->basis);
    int computed = load_item_formula(it, c);
    if (sc_cells_currency(c, "currency", &it->currency) && !computed)
        cell_range(c, "low", "typical", "high", it->currency, &it->price);
    load_item_evidence(it, c);
    it->country = sc_cells_dup(c, "country");
    it->tier = sc_cells_dup(c, "tier");
    it->procedure = sc_cells_dup(c, "procedure");
    it->condition = sc_cells_dup(c, "condition");
    it->description = sc_cells_dup(c, "description");
    it->code = sc_cells_dup(c, "code");
    it->source = sc_cells_dup(c, "source");
    it->as_of = sc_cells_dup(c, "as_of");
    it->notes = sc_cells_dup(c, "notes");
}

static void load_fx(sc_pricing *p, const sc_cells *c)
{
    sc_fx *f = PUSH(p->fx, p->nfx, c->diags);
    int b = 0;
    if (f == NULL)
        return;
    sc_cells_currency(c, "currency", &f->currency);
    /* Rates from 0.000001 to 10^7 units per USD cover every currency in use. */
    sc_cells_decimal(c, "per_usd", SC_RATE_DECIMALS, 1, INT64_C(10000000) * SC_RATE_SCALE,
                     &f->per_usd);
    if (f->currency != NULL && strcmp(f->currency->code, "USD") == 0 &&
        f->per_usd != SC_RATE_SCALE)
        sc_cells_error(c, "per_usd", "the USD rate is 1 by definition");
    sc_cells_date(c, "as_of");
    if (sc_cells_enum(c, "basis", sc_basis_names, SC_NNAMES(sc_basis_names), &b))
        f->basis = (sc_basis)b;
    sc_cells_id(c, "source");
    f->as_of = sc_cells_dup(c, "as_of");
    f->source = sc_cells_dup(c, "source");
}

static void load_travel(sc_pricing *p, const sc_cells *c)
{
    sc_travel *t = PUSH(p->travel, p->ntravel, c->diags);
    int kind = 0, unit = 0;
    if (t == NULL)
        return;
    if (strcmp(sc_cells_text(c, "origin"), "*") != 0)
        sc_cells_id(c, "origin");
    sc_cells_id(c, "destination");
    if (sc_cells_enum(c, "kind", sc_travel_kind_names, SC_NNAMES(sc_travel_kind_names), &kind))
        t->kind = (sc_travel_kind)kind;
    if (sc_cells_enum(c, "unit", sc_travel_unit_names, SC_NNAMES(sc_travel_unit_names), &unit))
        t->unit = (sc_travel_unit)unit;
    if (sc_cells_currency(c, "currency", &t->currency))
        cell_range(c, "low", "typical", "high", t->currency, &t->price);
    cell_provenance(c, &t->basis);
    t->origin = sc_cells_dup(c, "origin");
    t->destination = sc_cells_dup(c, "destination");
    t->source = sc_cells_dup(c, "source");
    t->as_of = sc_cells_dup(c, "as_of");
    if (t->origin && t->kind == SC_TRAVEL_AIRFARE && strcmp(t->origin, "*") == 0)
        sc_cells_error(c, "origin", "an airfare needs an origin country, not '*'");
    if (t->origin && t->kind != SC_TRAVEL_AIRFARE && strcmp(t->origin, "*") != 0)
        sc_cells_error(c, "origin", "lodging and local costs apply to any origin: use '*'");
}

static void load_insurance(sc_pricing *p, const sc_cells *c)
{
    sc_insurance *in = PUSH(p->insurance, p->ninsurance, c->diags);
    int b = 0;
    if (in == NULL)
        return;
    sc_cells_id(c, "id");
    sc_cells_required(c, "name");
    if (strcmp(sc_cells_text(c, "country"), "*") != 0)
        sc_cells_id(c, "country");
    sc_cells_categories(c, "covers", &in->covers);
    sc_cells_categories(c, "copay_applies", &in->copay_applies);
    if (sc_cells_currency(c, "currency", &in->currency)) {
        sc_cells_money(c, "deductible", in->currency, &in->deductible);
        sc_cells_money(c, "copay", in->currency, &in->copay);
        sc_cells_money(c, "oop_max", in->currency, &in->oop_max);
    }
    sc_cells_decimal(c, "coinsurance_pct", SC_PCT_DECIMALS, 0, 10000, &in->coinsurance_pct);
    if (sc_cells_enum(c, "basis", sc_basis_names, SC_NNAMES(sc_basis_names), &b))
        in->basis = (sc_basis)b;
    sc_cells_id(c, "source");
    in->id = sc_cells_dup(c, "id");
    in->name = sc_cells_dup(c, "name");
    in->country = sc_cells_dup(c, "country");
    in->source = sc_cells_dup(c, "source");
}

static void load_plans(sc_pricing *p, const sc_cells *c)
{
    sc_plan *pl = PUSH(p->plans, p->nplans, c->diags);
    int kind = 0, b = 0;
    if (pl == NULL)
        return;
    sc_cells_id(c, "id");
    sc_cells_required(c, "name");
    if (sc_cells_enum(c, "kind", sc_plan_kind_names, SC_NNAMES(sc_plan_kind_names), &kind))
        pl->kind = (sc_plan_kind)kind;
    sc_cells_decimal(c, "apr_pct", SC_PCT_DECIMALS, 0, 10000, &pl->apr_pct);
    sc_cells_int(c, "months", 0, 600, &pl->months);
    sc_cells_int(c, "promo_months", 0, 120, &pl->promo_months);
    sc_cells_decimal(c, "standard_apr_pct", SC_PCT_DECIMALS, 0, 10000, &pl->standard_apr_pct);
    sc_cells_decimal(c, "deposit_pct", SC_PCT_DECIMALS, 0, 10000, &pl->deposit_pct);
    sc_cells_decimal(c, "fee_pct", SC_PCT_DECIMALS, 0, 9999, &pl->fee_pct);
    if (sc_cells_currency(c, "currency", &pl->currency)) {
        sc_cells_money(c, "min_amount", pl->currency, &pl->min_amount);
        sc_cells_money(c, "min_payment", pl->currency, &pl->min_payment);
    }
    if (sc_cells_enum(c, "basis", sc_basis_names, SC_NNAMES(sc_basis_names), &b))
        pl->basis = (sc_basis)b;
    sc_cells_id(c, "source");
    if (pl->kind != SC_PLAN_CASH && pl->months == 0)
        sc_cells_error(c, "months", "a %s plan needs months > 0", sc_plan_kind_names[pl->kind]);
    if (pl->kind == SC_PLAN_DEFERRED &&
        (pl->promo_months == 0 || pl->promo_months > pl->months))
        sc_cells_error(c, "promo_months", "a deferred-interest plan needs promo_months between "
                                          "1 and months");
    pl->id = sc_cells_dup(c, "id");
    pl->name = sc_cells_dup(c, "name");
    pl->source = sc_cells_dup(c, "source");
}

static void load_complications(sc_pricing *p, const sc_cells *c)
{
    sc_complication *k = PUSH(p->complications, p->ncomplications, c->diags);
    int b = 0;
    if (k == NULL)
        return;
    sc_cells_id(c, "id");
    if (strcmp(sc_cells_text(c, "procedure"), "*") != 0)
        sc_cells_id(c, "procedure");
    if (strcmp(sc_cells_text(c, "country"), "*") != 0)
        sc_cells_id(c, "country");
    sc_cells_required(c, "description");
    int64_t hundred = INT64_C(100) * 10000; /* 100 % with four decimals */
    int ok = sc_cells_decimal(c, "probability_low_pct", SC_PROB_DECIMALS, 0, hundred, &k->prob_low);
    ok &= sc_cells_decimal(c, "probability_typical_pct", SC_PROB_DECIMALS, 0, hundred,
                           &k->prob_typical);
    ok &= sc_cells_decimal(c, "probability_high_pct", SC_PROB_DECIMALS, 0, hundred,
                           &k->prob_high);
    if (ok && !(k->prob_low <= k->prob_typical && k->prob_typical <= k->prob_high))
        sc_cells_error(c, "probability_typical_pct",
                       "probabilities must be in order low <= typical <= high");
    if (sc_cells_currency(c, "currency", &k->currency))
        cell_range(c, "cost_low", "cost_typical", "cost_high", k->currency, &k->cost);
    if (sc_cells_enum(c, "basis", sc_basis_names, SC_NNAMES(sc_basis_names), &b))
        k->basis = (sc_basis)b;
    sc_cells_id(c, "source");
    sc_cells_date(c, "as_of");
    /* The probability's own evidence; the cost's when not given. */
    k->prob_basis = k->basis;
    if (sc_cells_text(c, "probability_basis")[0] != '\0' &&
        sc_cells_enum(c, "probability_basis", sc_basis_names, SC_NNAMES(sc_basis_names), &b))
        k->prob_basis = (sc_basis)b;
    const char *ps = sc_cells_text(c, "probability_source");
    if (ps[0] != '\0')
        sc_cells_id(c, "probability_source");
    k->prob_source = sc_cells_dup(c, ps[0] != '\0' ? "probability_source" : "source");
    k->id = sc_cells_dup(c, "id");
    k->procedure = sc_cells_dup(c, "procedure");
    k->country = sc_cells_dup(c, "country");
    k->description = sc_cells_dup(c, "description");
    k->source = sc_cells_dup(c, "source");
    k->as_of = sc_cells_dup(c, "as_of");
}

/* A points schedule fills points, points_unit and unit_value and leaves amount
 * empty; an amount schedule the other way round. */
static void load_fee_schedules(sc_pricing *p, const sc_cells *c)
{
    sc_fee *f = PUSH(p->fees, p->nfees, c->diags);
    int b = 0;
    if (f == NULL)
        return;
    sc_cells_id(c, "schedule");
    sc_cells_required(c, "schedule_name");
    sc_cells_id(c, "code");
    sc_cells_required(c, "description");
    f->points = -1;
    f->amount = -1;
    int has_points = sc_cells_text(c, "points")[0] != '\0';
    int has_amount = sc_cells_text(c, "amount")[0] != '\0';
    int cur_ok = sc_cells_currency(c, "currency", &f->currency);
    if (has_points == has_amount) {
        sc_cells_error(c, has_points ? "amount" : "points",
                       "give either points (with points_unit and unit_value) or an amount");
    } else if (has_points) {
        /* Up to 100,000 points at up to 1,000 currency units a point. */
        sc_cells_decimal(c, "points", SC_FEE_POINT_DECIMALS, 1, INT64_C(10000000), &f->points);
        sc_cells_required(c, "points_unit");
        sc_cells_decimal(c, "unit_value", SC_FEE_UNIT_DECIMALS, 1, INT64_C(10000000000),
                         &f->unit_value);
    } else if (cur_ok) {
        sc_cells_money(c, "amount", f->currency, &f->amount);
        if (sc_cells_text(c, "unit_value")[0] != '\0')
            sc_cells_error(c, "unit_value", "an amount schedule has no unit value");
    }
    static const char *const cols[3] = {"factor_min", "factor_threshold", "factor_max"};
    int ok = 1;
    for (int i = 0; i < 3; i++) /* factors from 0.01 to 10 */
        ok &= sc_cells_decimal(c, cols[i], SC_FEE_FACTOR_DECIMALS, 1, 1000, &f->factor[i]);
    if (ok && !(f->factor[0] <= f->factor[1] && f->factor[1] <= f->factor[2]))
        sc_cells_error(c, "factor_threshold",
                       "factors must be in order factor_min <= factor_threshold <= factor_max");
    sc_cells_date(c, "edition");
    if (sc_cells_enum(c, "basis", sc_basis_names, SC_NNAMES(sc_basis_names), &b))
        f->basis = (sc_basis)b;
    sc_cells_id(c, "source");
    sc_cells_date(c, "as_of");
    f->schedule = sc_cells_dup(c, "schedule");
    f->schedule_name = sc_cells_dup(c, "schedule_name");
    f->code = sc_cells_dup(c, "code");
    f->description = sc_cells_dup(c, "description");
    f->section = sc_cells_dup(c, "section");
    f->points_unit = sc_cells_dup(c, "points_unit");
    f->edition = sc_cells_dup(c, "edition");
    f->source = sc_cells_dup(c, "source");
    f->as_of = sc_cells_dup(c, "as_of");
}

static void load_stays(sc_pricing *p, const sc_cells *c)
{
    sc_stay *s = PUSH(p->stays, p->nstays, c->diags);
    if (s == NULL)
        return;
    if (strcmp(sc_cells_text(c, "origin"), "*") != 0)
        sc_cells_id(c, "origin");
    sc_cells_id(c, "destination");
    if (strcmp(sc_cells_text(c, "procedure"), "*") != 0)
        sc_cells_id(c, "procedure");
    int_triple(c, "nights_low", "nights_typical", "nights_high", 0, 60, &s->nights_low,
               &s->nights_typical, &s->nights_high);
    cell_provenance(c, &s->basis);
    s->origin = sc_cells_dup(c, "origin");
    s->destination = sc_cells_dup(c, "destination");
    s->procedure = sc_cells_dup(c, "procedure");
    s->source = sc_cells_dup(c, "source");
    s->as_of = sc_cells_dup(c, "as_of");
    if (s->origin && s->destination && strcasecmp(s->origin, s->destination) == 0)
        sc_cells_error(c, "destination", "a stay is a trip abroad: origin and destination "
                                         "must differ");
}

typedef void (*row_loader)(sc_pricing *, const sc_cells *);
static const row_loader loaders[SC_T_COUNT] = {
    load_sources, load_countries, load_availability, load_procedures, load_conditions,
    load_tiers, load_items, load_fx, load_travel, load_insurance, load_plans,
    load_complications, load_fee_schedules, load_stays,
};

/* White space around a pricing cell is not part of its value, quoted or not:
 * libcsv already trims unquoted cells, and a quoted "MRI " must not be a
 * different line item, name or ID from MRI (it once priced the same row
 * twice).  Trimmed once here, in the raw table, so that every reader (the
 * typed cells, the duplicate checks, list) sees the same text. */
static void trim_cells(sc_table *t)
{
    for (size_t i = 0; i < t->nrows; i++)
        for (size_t k = 0; k < t->ncols; k++) {
            char *s = t->rows[i].cells[k];
            size_t n = strlen(s), lead = strspn(s, " \t\r\n");
            while (n > lead && strchr(" \t\r\n", s[n - 1]) != NULL)
                n--;
            memmove(s, s + lead, n - lead);
            s[n - lead] = '\0';
        }
}

static void load_table(sc_pricing *p, sc_table_id id, sc_diags *d)
{
    sc_table *t = p->raw[id];
    trim_cells(t);
    for (const char *const *col = sc_table_columns(id); *col; col++)
        if (sc_table_column(t, *col) < 0)
            sc_diags_addf(d, SC_EINPUT, t->name, t->header_line, 0, "missing column '%s'", *col);
    for (size_t i = 0; i < t->nrows; i++) {
        sc_cells c = {t, &t->rows[i], d};
        loaders[id](p, &c);
    }
}

sc_status sc_pricing_load_with(const char *origin, sc_table_opener open, void *ctx,
                               sc_pricing **out, sc_diags *diags)
{
    sc_pricing *p = calloc(1, sizeof *p);
    if (p == NULL || (p->origin = strdup(origin)) == NULL) {
        free(p);
        diags->oom = 1;
        return SC_ENOMEM;
    }
    size_t before = diags->count;
    for (int id = 0; id < SC_T_COUNT; id++) {
        sc_error err;
        sc_error_clear(&err);
        if (open(ctx, (sc_table_id)id, &p->raw[id], &err) != SC_OK) {
            sc_diags_add(diags, &err);
            continue;
        }
        load_table(p, (sc_table_id)id, diags);
    }
    /* Out of memory while loading, the model has holes (names left NULL):
     * the checks that walk it cannot run. */
    if (!diags->oom) {
        sc_pricing_cross_check(p, diags);
        sc_pricing_derive(p, diags);
        sc_pricing_check_evidence(p, diags);
    }
    sc_diags_sort(diags);
    if (diags->oom) {
        sc_pricing_free(p);
        return SC_ENOMEM;
    }
    if (diags->count > before) {
        sc_pricing_free(p);
        return SC_EINPUT;
    }
    if (sc_pricing_index(p) != SC_OK) {
        diags->oom = 1;
        sc_pricing_free(p);
        return SC_ENOMEM;
    }
    *out = p;
    return SC_OK;
}
