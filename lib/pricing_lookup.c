/* Pricing model lookups, names and release. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hash.h"
#include "pricing_internal.h"

/* A linear search: the tables hold a handful of each.  The first bytes are
 * compared before the call (a batch looks up seven IDs a row).  `fold` is
 * 0x20 for the country codes, compared without case: two codes that are
 * equal have the same first byte once bit 5 (ASCII's case bit) is set. */
#define FIND_FOLD(arr, n, field, cmp, fold)                                    \
    for (size_t i_ = 0; i_ < p->n; i_++)                                       \
        if (p->arr[i_].field && (p->arr[i_].field[0] | (fold)) == (id[0] | (fold)) && \
            cmp(p->arr[i_].field, id) == 0)                                    \
            return &p->arr[i_];                                                \
    return NULL
#define FIND(arr, n, field, cmp) FIND_FOLD(arr, n, field, cmp, 0)

const sc_country *sc_pricing_country(const sc_pricing *p, const char *id)
{
    FIND_FOLD(countries, ncountries, id, strcasecmp, 0x20);
}
const sc_procedure *sc_pricing_procedure(const sc_pricing *p, const char *id)
{
    FIND(procedures, nprocedures, id, strcmp);
}
const sc_condition *sc_pricing_condition(const sc_pricing *p, const char *id)
{
    FIND(conditions, nconditions, id, strcmp);
}
const sc_tier *sc_pricing_tier(const sc_pricing *p, const char *id)
{
    FIND(tiers, ntiers, id, strcmp);
}
const sc_insurance *sc_pricing_insurance(const sc_pricing *p, const char *id)
{
    FIND(insurance, ninsurance, id, strcmp);
}
const sc_plan *sc_pricing_plan(const sc_pricing *p, const char *id)
{
    FIND(plans, nplans, id, strcmp);
}
const sc_source *sc_pricing_source(const sc_pricing *p, const char *id)
{
    FIND(sources, nsources, id, strcmp);
}

const sc_availability *sc_pricing_availability(const sc_pricing *p, const char *country,
                                               const char *procedure)
{
    for (size_t i = 0; i < p->navailability; i++) {
        const sc_availability *a = &p->availability[i];
        if (a->country && a->procedure && strcasecmp(a->country, country) == 0 &&
            strcmp(a->procedure, procedure) == 0)
            return a;
    }
    return NULL;
}

const sc_fee *sc_pricing_fee(const sc_pricing *p, const char *schedule, const char *code)
{
    for (size_t i = 0; i < p->nfees; i++) {
        const sc_fee *f = &p->fees[i];
        if (f->schedule && f->code && strcmp(f->schedule, schedule) == 0 &&
            strcmp(f->code, code) == 0)
            return f;
    }
    return NULL;
}

/* A row naming the procedure outranks one naming the origin (weights 2 and
 * 1), as item rows rank procedure first. */
const sc_stay *sc_pricing_stay(const sc_pricing *p, const sc_country *home,
                               const sc_country *dest, const sc_procedure *proc)
{
    const sc_stay *best = NULL;
    int best_w = -1;
    if (home == NULL || dest == NULL || proc == NULL || home == dest)
        return NULL;
    for (size_t i = 0; i < p->nstays; i++) {
        const sc_stay *s = &p->stays[i];
        int any_origin = strcmp(s->origin, "*") == 0, any_proc = strcmp(s->procedure, "*") == 0;
        if (strcasecmp(s->destination, dest->id) != 0 ||
            (!any_origin && strcasecmp(s->origin, home->id) != 0) ||
            (!any_proc && strcmp(s->procedure, proc->id) != 0))
            continue;
        int w = (any_proc ? 0 : 2) + (any_origin ? 0 : 1);
        if (w > best_w) {
            best = s;
            best_w = w;
        }
    }
    return best;
}

int sc_item_priced_for(const sc_item *it, const sc_condition *c)
{
    if (it == NULL || c == NULL)
        return 0;
    if (strcmp(it->condition, "*") != 0)
        return strcmp(it->condition, c->id) == 0;
    if (it->evidence_any)
        return 1;
    for (size_t k = 0; k < it->nevidence; k++)
        if (strcmp(it->evidence[k], c->id) == 0)
            return 1;
    return 0;
}

char sc_confidence_grade(const sc_pricing *p, sc_basis basis, const char *source,
                         const char *as_of, const char *today)
{
    /* Interpolated is C whatever its source: no lookup (most lines are). */
    if (basis == SC_BASIS_INTERPOLATED)
        return 'C';
    return sc_grade_of(source ? sc_pricing_source(p, source) : NULL, basis, as_of, today);
}

char sc_grade_of(const sc_source *s, sc_basis basis, const char *as_of, const char *today)
{
    if (basis == SC_BASIS_INTERPOLATED)
        return 'C';
    char grade = s && s->grade && s->grade[0] >= 'A' && s->grade[0] <= 'C' ? s->grade[0] : 'C';
    /* More than SC_GRADE_AGE_YEARS years old: as_of before today with the
     * year lowered.  Dates are YYYY-MM-DD (validated at load): the years
     * compare as numbers, then the rest as text. */
    if (grade < 'C' && as_of && today && strlen(today) == 10 && strlen(as_of) == 10) {
        int year = atoi(as_of), cutoff = atoi(today) - SC_GRADE_AGE_YEARS;
        if (year < cutoff || (year == cutoff && strcmp(as_of + 4, today + 4) < 0))
            grade++;
    }
    return grade;
}

static int index_of(const char *id, const char *const *ids, size_t n, int ci)
{
    if (strcmp(id, "*") == 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if ((ci ? strcasecmp(ids[i], id) : strcmp(ids[i], id)) == 0)
            return (int)i;
    return -2; /* cannot happen in a validated model */
}

static const sc_fx *newest_fx(const sc_pricing *p, const sc_currency *cur);

sc_status sc_pricing_index(sc_pricing *p)
{
    const char **c = calloc(p->ncountries + 1, sizeof *c), **t = calloc(p->ntiers + 1, sizeof *t),
               **pr = calloc(p->nprocedures + 1, sizeof *pr),
               **k = calloc(p->nconditions + 1, sizeof *k);
    p->items_by_country = calloc(p->nitems + 1, sizeof *p->items_by_country);
    p->items_by_country_at = calloc(p->ncountries + 2, sizeof *p->items_by_country_at);
    p->item_keys = calloc(p->nitems + 1, sizeof *p->item_keys);
    sc_status st = SC_OK;
    if (!c || !t || !pr || !k || !p->items_by_country || !p->items_by_country_at ||
        !p->item_keys) {
        st = SC_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < p->ncountries; i++)
        c[i] = p->countries[i].id;
    for (size_t i = 0; i < p->ntiers; i++)
        t[i] = p->tiers[i].id;
    for (size_t i = 0; i < p->nprocedures; i++)
        pr[i] = p->procedures[i].id;
    for (size_t i = 0; i < p->nconditions; i++)
        k[i] = p->conditions[i].id;
    for (size_t i = 0; i < p->nitems; i++) {
        const sc_item *it = &p->items[i];
        sc_item_key *key = &p->item_keys[i];
        key->country = index_of(it->country, c, p->ncountries, 1);
        key->tier = index_of(it->tier, t, p->ntiers, 0);
        key->procedure = index_of(it->procedure, pr, p->nprocedures, 0);
        key->condition = index_of(it->condition, k, p->nconditions, 0);
        key->source = it->source ? sc_pricing_source(p, it->source) : NULL;
    }
    /* Counting sort of item indices by country. */
    size_t n = 0;
    for (size_t ci = 0; ci < p->ncountries; ci++) {
        p->items_by_country_at[ci] = n;
        for (size_t i = 0; i < p->nitems; i++)
            if (p->item_keys[i].country == (int)ci)
                p->items_by_country[n++] = i;
    }
    p->items_by_country_at[p->ncountries] = n;
    for (size_t i = 0; i < p->nfx && p->nfx_newest < 16; i++) {
        const sc_fx *f = newest_fx(p, p->fx[i].currency);
        int seen = 0;
        for (size_t j = 0; j < p->nfx_newest; j++)
            seen |= p->fx_newest[j] == f;
        if (!seen)
            p->fx_newest[p->nfx_newest++] = f;
    }
done:
    free(c);
    free(t);
    free(pr);
    free(k);
    return st;
}

const sc_fx *sc_pricing_fx(const sc_pricing *p, const sc_currency *cur)
{
    /* USD is the base of every rate: 1 by definition. */
    static const sc_fx usd = {NULL, SC_RATE_SCALE, (char *)"", (char *)"", SC_BASIS_DERIVED};
    for (size_t i = 0; i < p->nfx_newest; i++)
        if (p->fx_newest[i]->currency == cur)
            return p->fx_newest[i];
    const sc_fx *f = newest_fx(p, cur);
    if (f == NULL && cur != NULL && strcmp(cur->code, "USD") == 0)
        return &usd;
    return f;
}

static const sc_fx *newest_fx(const sc_pricing *p, const sc_currency *cur)
{
    const sc_fx *best = NULL;
    if (cur == NULL)
        return NULL;
    for (size_t i = 0; i < p->nfx; i++) {
        const sc_fx *f = &p->fx[i];
        if (f->currency == cur && f->as_of && (best == NULL || strcmp(f->as_of, best->as_of) > 0))
            best = f;
    }
    return best;
}

#define FREE_EACH(arr, n, ...)                                  \
    do {                                                        \
        for (size_t i_ = 0; i_ < p->n; i_++) {                  \
            char *fields_[] = {__VA_ARGS__};                    \
            for (size_t k_ = 0; k_ < sizeof fields_ / sizeof *fields_; k_++) \
                free(fields_[k_]);                              \
        }                                                       \
        free(p->arr);                                           \
    } while (0)

void sc_pricing_free(sc_pricing *p)
{
    if (p == NULL)
        return;
#define S(f) p->sources[i_].f
    FREE_EACH(sources, nsources, S(id), S(title), S(publisher), S(address), S(date), S(grade));
#undef S
#define C(f) p->countries[i_].f
    FREE_EACH(countries, ncountries, C(id), C(name), C(tax_note), C(source));
#undef C
#define A(f) p->availability[i_].f
    FREE_EACH(availability, navailability, A(country), A(procedure), A(note), A(source), A(as_of));
#undef A
    for (size_t i = 0; i < p->nprocedures; i++) {
        for (size_t k = 0; k < p->procedures[i].nnot_included; k++)
            free(p->procedures[i].not_included[k]);
        free(p->procedures[i].not_included);
    }
#define P(f) p->procedures[i_].f
    FREE_EACH(procedures, nprocedures, P(id), P(name), P(cell_source), P(us_codes), P(code_note),
              P(source), P(evidence_note));
#undef P
    for (size_t i = 0; i < p->nconditions; i++) {
        for (size_t k = 0; k < p->conditions[i].nprocedures; k++)
            free(p->conditions[i].procedures[k]);
        free(p->conditions[i].procedures);
    }
#define K(f) p->conditions[i_].f
    FREE_EACH(conditions, nconditions, K(id), K(name), K(icd10cm), K(site_unit), K(source));
#undef K
#define T(f) p->tiers[i_].f
    FREE_EACH(tiers, ntiers, T(id), T(name), T(description));
#undef T
    for (size_t i = 0; i < p->nitems; i++) {
        for (size_t k = 0; k < p->items[i].nevidence; k++)
            free(p->items[i].evidence[k]);
        free(p->items[i].evidence);
    }
#define I(f) p->items[i_].f
    FREE_EACH(items, nitems, I(country), I(tier), I(procedure), I(condition), I(description), I(code),
              I(source), I(as_of), I(notes), I(formula), (char *)I(terms), I(derivation));
#undef I
#define F(f) p->fx[i_].f
    FREE_EACH(fx, nfx, F(as_of), F(source));
#undef F
#define R(f) p->travel[i_].f
    FREE_EACH(travel, ntravel, R(origin), R(destination), R(source), R(as_of));
#undef R
#define N(f) p->insurance[i_].f
    FREE_EACH(insurance, ninsurance, N(id), N(name), N(country), N(source));
#undef N
#define L(f) p->plans[i_].f
    FREE_EACH(plans, nplans, L(id), L(name), L(source));
#undef L
#define X(f) p->complications[i_].f
    FREE_EACH(complications, ncomplications, X(id), X(procedure), X(country), X(description),
              X(source), X(as_of), X(prob_source));
#undef X
#define E(f) p->fees[i_].f
    FREE_EACH(fees, nfees, E(schedule), E(schedule_name), E(code), E(description), E(section),
              E(points_unit), E(edition), E(source), E(as_of));
#undef E
#define Y(f) p->stays[i_].f
    FREE_EACH(stays, nstays, Y(origin), Y(destination), Y(procedure), Y(source), Y(as_of));
#undef Y
    for (int t = 0; t < SC_T_COUNT; t++)
        sc_table_free(p->raw[t]);
    free(p->items_by_country);
    free(p->item_keys);
    free(p->items_by_country_at);
    free(p->origin);
    free(p);
}

void sc_pricing_checksum(const sc_pricing *p, char out[17])
{
    uint64_t h = SC_FNV_OFFSET;
    for (int t = 0; t < SC_T_COUNT; t++) {
        const sc_table *tb = p->raw[t];
        if (tb == NULL)
            continue;
        for (size_t r = 0; r <= tb->nrows; r++)
            for (size_t c = 0; c < tb->ncols; c++) {
                const char *s = r == 0 ? tb->header[c] : tb->rows[r - 1].cells[c];
                h = sc_fnv1a(h, s, strlen(s));
                h = sc_fnv1a(h, "\x1f", 1); /* cell separator */
            }
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* ---- the opaque model's accessors ------------------------------------------------- */

size_t sc_pricing_count(const sc_pricing *p, sc_table_id t)
{
    switch (t) {
    case SC_T_SOURCES: return p->nsources;
    case SC_T_COUNTRIES: return p->ncountries;
    case SC_T_AVAILABILITY: return p->navailability;
    case SC_T_PROCEDURES: return p->nprocedures;
    case SC_T_CONDITIONS: return p->nconditions;
    case SC_T_TIERS: return p->ntiers;
    case SC_T_ITEMS: return p->nitems;
    case SC_T_FX: return p->nfx;
    case SC_T_TRAVEL: return p->ntravel;
    case SC_T_INSURANCE: return p->ninsurance;
    case SC_T_PLANS: return p->nplans;
    case SC_T_COMPLICATIONS: return p->ncomplications;
    case SC_T_FEE_SCHEDULES: return p->nfees;
    case SC_T_STAYS: return p->nstays;
    default: return 0;
    }
}

#define AT(type, name, arr, n) \
    const type *name(const sc_pricing *p, size_t i) { return i < p->n ? &p->arr[i] : NULL; }
AT(sc_source, sc_pricing_source_at, sources, nsources)
AT(sc_country, sc_pricing_country_at, countries, ncountries)
AT(sc_availability, sc_pricing_availability_at, availability, navailability)
AT(sc_procedure, sc_pricing_procedure_at, procedures, nprocedures)
AT(sc_condition, sc_pricing_condition_at, conditions, nconditions)
AT(sc_tier, sc_pricing_tier_at, tiers, ntiers)
AT(sc_item, sc_pricing_item_at, items, nitems)
AT(sc_fx, sc_pricing_fx_at, fx, nfx)
AT(sc_travel, sc_pricing_travel_at, travel, ntravel)
AT(sc_insurance, sc_pricing_insurance_at, insurance, ninsurance)
AT(sc_plan, sc_pricing_plan_at, plans, nplans)
AT(sc_complication, sc_pricing_complication_at, complications, ncomplications)
AT(sc_fee, sc_pricing_fee_at, fees, nfees)
AT(sc_stay, sc_pricing_stay_at, stays, nstays)
#undef AT

const char *sc_pricing_origin(const sc_pricing *p)
{
    return p->origin;
}

const char *sc_pricing_as_of(const sc_pricing *p)
{
    return p->pricing_as_of;
}

size_t sc_pricing_derived_count(const sc_pricing *p)
{
    return p->nderived;
}

const sc_table *sc_pricing_table(const sc_pricing *p, sc_table_id t)
{
    return (int)t >= 0 && t < SC_T_COUNT ? p->raw[t] : NULL;
}
