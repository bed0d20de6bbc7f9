/* The itemised estimate: see include/stemcost/estimate.h for the contract and
 * the rounding points. */
#include <config.h>

#include <stdio.h>
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
#include "estimate_internal.h"

/* Limits on user numbers: clear errors instead of absurd results. */
#define MAX_SESSIONS 12
#define MAX_TRAVELERS 10

static int blank(const char *s)
{
    return s == NULL || s[0] == '\0';
}

static void warn(sc_estimate_result *r, sc_warning_kind kind, size_t count, size_t of,
                 const char *date, const sc_currency *cur)
{
    if (r->nwarnings < SC_MAX_WARNINGS)
        r->warnings[r->nwarnings++] = (sc_warning){kind, count, of, date, cur};
}

/* ---- option values ---------------------------------------------------------- */

static sc_status opt_int(const char *text, const char *opt, int min, int max, const char *why,
                         int *out, sc_error *err)
{
    int64_t v;
    sc_error e;
    if (sc_decimal_parse(text, 0, 1, INT64_C(1000000000), &v, &e) != SC_OK || v < min ||
        v > max)
        return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, opt_field(opt),
                            "'%s' must be a whole number from %d to %d%s", text, min, max, why);
    *out = (int)v;
    return SC_OK;
}

static sc_status opt_pct(const char *text, const char *opt, int64_t *out, sc_error *err)
{
    sc_error e;
    int64_t v;
    if (sc_decimal_parse(text, SC_PCT_DECIMALS, 1, INT64_C(1000000000), &v, &e) != SC_OK ||
        v < 0 || v > 10000)
        return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, opt_field(opt),
                            "'%s' must be a percentage from 0 to 100 (at most two decimals)", text);
    *out = v;
    return SC_OK;
}

static sc_status opt_money(const char *text, const char *opt, const sc_currency *cur,
                           int64_t *out, sc_error *err)
{
    sc_error e;
    if (sc_money_parse(text, cur, 0, out, &e) != SC_OK)
        return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, opt_field(opt), "%s (an amount in %s)", e.msg, cur->code);
    return SC_OK;
}

/* An unknown ID: say so, suggest the closest, list the valid ones. */
static sc_status unknown_id(const char *opt, const char *what, const char *value,
                            const char *const *ids, size_t n, sc_error *err)
{
    char list[SC_MSG_MAX / 2] = "";
    for (size_t i = 0; i < n; i++) {
        strncat(list, ids[i], sizeof list - strlen(list) - 1);
        if (i + 1 < n)
            strncat(list, ", ", sizeof list - strlen(list) - 1);
    }
    const char *hint = sc_suggest(value, ids, n);
    if (hint != NULL)
        return sc_error_field(err, SC_EINPUT, SC_R_UNKNOWN_ID, opt_field(opt), "unknown %s '%s' (did you mean '%s'?); "
                            "valid: %s", what, value, hint, list);
    return sc_error_field(err, SC_EINPUT, SC_R_UNKNOWN_ID, opt_field(opt), "unknown %s '%s'; valid: %s", what, value,
                        list);
}

#define ID_LIST(arr, n, field, out)                      \
    const char *out[256];                                \
    size_t out##_n = 0;                                  \
    for (size_t i_ = 0; i_ < (n) && i_ < 256; i_++)      \
        out[out##_n++] = (arr)[i_].field

/* ---- currency conversion ------------------------------------------------------ */

sc_status sc_estimate_convert(const sc_pricing *p, sc_estimate_result *r, int64_t amount,
                              const sc_currency *from, int64_t *out, sc_error *err)
{
    if (from == r->currency) {
        *out = amount;
        return SC_OK;
    }
    const sc_fx *f = sc_pricing_fx(p, from);
    const sc_fx *t = r->display_fx ? r->display_fx : sc_pricing_fx(p, r->currency);
    if (f == NULL || t == NULL)
        return sc_error_set(err, SC_EINPUT, "fx.csv", 0, 0, "no exchange rate for %s",
                            f == NULL ? from->code : r->currency->code);
    size_t i;
    for (i = 0; i < r->nfx; i++)
        if (r->fx[i].from == from)
            break;
    if (i == r->nfx && r->nfx < sizeof r->fx / sizeof r->fx[0]) {
        r->fx[r->nfx] = (sc_fx_used){from, r->currency, f->per_usd, t->per_usd, f->as_of,
                                     t->as_of};
        r->nfx++;
    }
    if (sc_money_convert(amount, from, f->per_usd, r->currency, t->per_usd, out, err) != SC_OK)
        return SC_EINPUT;
    return SC_OK;
}

/* price x units, exact, then converted once (rounding points 1 and 2). */
static sc_status line_amount(const sc_pricing *p, sc_estimate_result *r, int64_t price,
                             long units, const sc_currency *cur, int64_t *out, sc_error *err)
{
    int64_t local;
    if (sc_money_mul(price, units, &local, err) != SC_OK)
        return SC_EINPUT;
    return sc_estimate_convert(p, r, local, cur, out, err);
}

/* The next travel line: build_items allocated room for three. */
static sc_line *new_line(sc_estimate_result *r)
{
    sc_line *l = &r->lines[r->nlines++];
    memset(l, 0, sizeof *l);
    return l;
}

/* ---- the scenario ------------------------------------------------------------- */

static int is_any(const char *s)
{
    return strcmp(s, "*") == 0;
}

/* Is the procedure priced for this country and tier (a row naming it)? */
static int priced(const sc_pricing *p, const sc_country *country, const sc_tier *tier,
                  const sc_procedure *procedure)
{
    int ci = (int)(country - p->countries), ti = (int)(tier - p->tiers),
        pi = (int)(procedure - p->procedures);
    for (size_t k = p->items_by_country_at[ci]; k < p->items_by_country_at[ci + 1]; k++) {
        const sc_item *it = &p->items[p->items_by_country[k]];
        if (it->procedure_i == pi && (it->tier_i < 0 || it->tier_i == ti))
            return 1;
    }
    return 0;
}

static sc_status not_offered(const sc_pricing *p, const sc_estimate_result *r, sc_error *err)
{
    char where[256] = "", here[256] = "";
    const char *proc = r->procedure->id, *country = r->country->id;
    for (size_t c = 0; c < p->ncountries; c++)
        if (priced(p, &p->countries[c], r->tier, r->procedure)) {
            if (where[0])
                strncat(where, ", ", sizeof where - strlen(where) - 1);
            strncat(where, p->countries[c].id, sizeof where - strlen(where) - 1);
        }
    for (size_t k = 0; k < r->condition->nprocedures; k++)
        if (sc_pricing_procedure(p, r->condition->procedures[k]) &&
            priced(p, r->country, r->tier, sc_pricing_procedure(p, r->condition->procedures[k]))) {
            if (here[0])
                strncat(here, ", ", sizeof here - strlen(here) - 1);
            strncat(here, r->condition->procedures[k], sizeof here - strlen(here) - 1);
        }
    return sc_error_field(err, SC_EINPUT, SC_R_NOT_PRICED, "procedure", "%s is not priced in %s at the %s tier; priced there for %s: %s; %s "
                        "is priced at this tier in: %s",
                        proc, country, r->tier->id, r->condition->id, here[0] ? here : "none",
                        proc, where[0] ? where : "no country");
}

static sc_status resolve(const sc_pricing *p, const sc_scenario *s, sc_estimate_result *r,
                         sc_error *err)
{
    if (blank(s->procedure))
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "procedure","required (e.g. bmac)");
    if (blank(s->condition))
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "condition","required (e.g. knee-oa)");
    if (blank(s->country))
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "country","required (e.g. US)");
    if (blank(s->today) || !sc_date_valid(s->today))
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "today","'%s' is not a date YYYY-MM-DD",
                            s->today ? s->today : "");

    if ((r->procedure = sc_pricing_procedure(p, s->procedure)) == NULL) {
        ID_LIST(p->procedures, p->nprocedures, id, ids);
        return unknown_id("--procedure", "procedure", s->procedure, ids, ids_n, err);
    }
    if ((r->condition = sc_pricing_condition(p, s->condition)) == NULL) {
        ID_LIST(p->conditions, p->nconditions, id, ids);
        return unknown_id("--condition", "condition", s->condition, ids, ids_n, err);
    }
    if ((r->country = sc_pricing_country(p, s->country)) == NULL) {
        ID_LIST(p->countries, p->ncountries, id, ids);
        return unknown_id("--country", "country", s->country, ids, ids_n, err);
    }
    const char *home = blank(s->home) ? s->country : s->home;
    if ((r->home = sc_pricing_country(p, home)) == NULL) {
        ID_LIST(p->countries, p->ncountries, id, ids);
        return unknown_id("--home", "country", home, ids, ids_n, err);
    }
    const char *tier = blank(s->tier) ? "specialist" : s->tier;
    if ((r->tier = sc_pricing_tier(p, tier)) == NULL) {
        ID_LIST(p->tiers, p->ntiers, id, ids);
        return unknown_id("--tier", "tier", tier, ids, ids_n, err);
    }
    const char *ins = blank(s->insurance) ? "self-pay" : s->insurance;
    if ((r->insurance = sc_pricing_insurance(p, ins)) == NULL) {
        ID_LIST(p->insurance, p->ninsurance, id, ids);
        return unknown_id("--insurance", "insurance plan", ins, ids, ids_n, err);
    }
    if (!blank(s->currency)) {
        if ((r->currency = sc_currency_find(s->currency)) == NULL)
            return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "currency","'%s' is not a known ISO 4217 currency code", s->currency);
    } else {
        r->currency = r->home->currency;
    }
    if ((r->display_fx = sc_pricing_fx(p, r->currency)) == NULL)
        return sc_error_field(err, SC_EINPUT, SC_R_DATA, "currency","the pricing tables have no exchange rate for %s", r->currency->code);

    /* Is the procedure used for the condition? */
    int applies = 0;
    for (size_t k = 0; k < r->condition->nprocedures; k++)
        applies |= strcmp(r->condition->procedures[k], r->procedure->id) == 0;
    if (!applies) {
        char list[256] = "";
        for (size_t k = 0; k < r->condition->nprocedures; k++) {
            strncat(list, r->condition->procedures[k], sizeof list - strlen(list) - 1);
            if (k + 1 < r->condition->nprocedures)
                strncat(list, ", ", sizeof list - strlen(list) - 1);
        }
        return sc_error_field(err, SC_EINPUT, SC_R_DATA, "procedure","%s is not used for %s in the tables; for %s: %s", r->procedure->id,
                            r->condition->id, r->condition->id, list);
    }

    char why[96];
    snprintf(why, sizeof why, " (%s: at most %d %s%s)", r->condition->id, r->condition->max_sites,
             r->condition->site_unit, r->condition->max_sites == 1 ? "" : "s");
    r->sites = 1;
    if (!blank(s->sites) &&
        opt_int(s->sites, "--sites", 1, r->condition->max_sites, why, &r->sites, err) != SC_OK)
        return SC_EUSAGE;
    r->sessions = r->procedure->sessions_typical;
    if (!blank(s->sessions) &&
        opt_int(s->sessions, "--sessions", 1, MAX_SESSIONS, "", &r->sessions, err) != SC_OK)
        return SC_EUSAGE;
    r->travelers = 1;
    if (!blank(s->travelers) &&
        opt_int(s->travelers, "--travelers", 1, MAX_TRAVELERS, " (the patient counts as one)",
                &r->travelers, err) != SC_OK)
        return SC_EUSAGE;
    if (!blank(s->contingency) &&
        opt_pct(s->contingency, "--contingency", &r->contingency_pct, err) != SC_OK)
        return SC_EUSAGE;
    r->visits = r->procedure->visits * r->sessions;

    if (!priced(p, r->country, r->tier, r->procedure))
        return not_offered(p, r, err);
    return SC_OK;
}

/* ---- treatment lines ---------------------------------------------------------- */

static int item_weight(const sc_item *it)
{
    return (it->procedure_i >= 0 ? 4 : 0) + (it->condition_i >= 0 ? 2 : 0) +
           (it->tier_i >= 0 ? 1 : 0);
}

long sc_item_units(sc_unit unit, int sites, int sessions, int visits)
{
    switch (unit) {
    case SC_UNIT_EPISODE: return 1;
    case SC_UNIT_SESSION: return sessions;
    case SC_UNIT_SITE: return (long)sites * sessions;
    case SC_UNIT_VISIT: return visits;
    case SC_UNIT_SITE_EPISODE: return sites;
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

static sc_status build_items(const sc_pricing *p, sc_estimate_result *r, sc_error *err)
{
    int ci = (int)(r->country - p->countries), ti = (int)(r->tier - p->tiers),
        pi = (int)(r->procedure - p->procedures), ki = (int)(r->condition - p->conditions);
    size_t from = p->items_by_country_at[ci], to = p->items_by_country_at[ci + 1];
    int best[SC_CAT_COUNT];
    for (int cat = 0; cat < SC_CAT_COUNT; cat++)
        best[cat] = -1;
    /* One pass: the rows that apply and, per category, the most specific weight. */
    const sc_item *match[256];
    size_t nmatch = 0;
    for (size_t k = from; k < to && nmatch < 256; k++) {
        const sc_item *it = &p->items[p->items_by_country[k]];
        if ((it->tier_i < 0 || it->tier_i == ti) && (it->procedure_i < 0 || it->procedure_i == pi) &&
            (it->condition_i < 0 || it->condition_i == ki)) {
            match[nmatch++] = it;
            if (item_weight(it) > best[it->category])
                best[it->category] = item_weight(it);
        }
    }
    r->lines = calloc(nmatch + 4, sizeof *r->lines); /* + 3 travel lines */
    if (r->lines == NULL)
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    for (int cat = 0; cat < SC_CAT_COUNT; cat++) {
        int n_in_cat = 0;
        for (size_t k = 0; best[cat] >= 0 && k < nmatch; k++) {
            const sc_item *it = match[k];
            if ((int)it->category != cat || item_weight(it) != best[cat])
                continue;
            sc_line *l = &r->lines[r->nlines++];
            n_in_cat++;
            const char *name = sc_category_name((sc_category)cat);
            size_t len = strlen(name);
            memcpy(l->id, name, len + 1); /* category names are short: id has room */
            if (n_in_cat > 1) {
                l->id[len] = '-';
                l->id[len + 1] = (char)('0' + (n_in_cat % 10));
                l->id[len + 2] = '\0';
            }
            l->kind = SC_LINE_ITEM;
            l->category = (sc_category)cat;
            l->description = it->description;
            l->code = it->code ? it->code : "";
            l->quantity = sc_item_units(it->unit, r->sites, r->sessions, r->visits) * it->quantity;
            l->unit = sc_unit_name(it->unit);
            l->basis = it->basis;
            l->source = it->source;
            l->as_of = it->as_of;
            l->price_currency = it->currency;
            l->item = it;
            if (line_amount(p, r, it->price.low, l->quantity, it->currency, &l->amount.low,
                            err) != SC_OK ||
                line_amount(p, r, it->price.typical, l->quantity, it->currency,
                            &l->amount.typical, err) != SC_OK ||
                line_amount(p, r, it->price.high, l->quantity, it->currency, &l->amount.high,
                            err) != SC_OK) {
                char msg[SC_MSG_MAX];
                snprintf(msg, sizeof msg, "%s", err->msg);
                return sc_error_set(err, SC_EINPUT, p->raw[SC_T_ITEMS]->name, it->line, 0,
                                    "%s", msg);
            }
        }
    }
    r->nitems = r->nlines;
    return SC_OK;
}

/* ---- travel ------------------------------------------------------------------- */

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
        if (is_any(t->origin) && any == NULL)
            any = t;
    }
    return any;
}

static sc_status build_travel(const sc_pricing *p, sc_estimate_result *r, sc_error *err)
{
    static const char *const kind_names[] = {"airfare", "lodging", "local"};
    static const char *const descriptions[] = {
        "Round-trip airfare", "Lodging", "Meals and local transport"};
    static const char *const unit_names[] = {"traveler-trip", "night", "traveler-night"};
    if (r->home == r->country)
        return SC_OK;
    const int nights[3] = {r->procedure->nights_low, r->procedure->nights_typical,
                           r->procedure->nights_high};
    for (int k = 0; k < 3; k++) {
        const sc_travel *t = find_travel(p, (sc_travel_kind)k, r->home->id, r->country->id);
        if (t == NULL)
            return sc_error_set(err, SC_EINPUT, "travel.csv", 0, 0,
                                "no %s row for a trip from %s to %s", kind_names[k], r->home->id,
                                r->country->id);
        sc_line *l = new_line(r);
        snprintf(l->id, sizeof l->id, "%s", kind_names[k]);
        l->kind = SC_LINE_TRAVEL;
        l->description = descriptions[k];
        l->code = "";
        l->unit = unit_names[t->unit];
        l->basis = t->basis;
        l->source = t->source;
        l->as_of = t->as_of;
        l->price_currency = t->currency;
        l->travel = t;
        const int64_t price[3] = {t->price.low, t->price.typical, t->price.high};
        for (int col = 0; col < 3; col++) {
            long units = sc_travel_units(t->unit, r->travelers, nights[col], r->visits);
            if (col == 1)
                l->quantity = units;
            if (line_amount(p, r, price[col], units, t->currency, sc_range_at(&l->amount, col),
                            err) != SC_OK)
                return SC_EINPUT;
        }
    }
    return SC_OK;
}

/* ---- insurance ---------------------------------------------------------------- */

static sc_status plan_terms(const sc_pricing *p, const sc_scenario *s, sc_estimate_result *r,
                            sc_plan_terms *t, sc_error *err)
{
    const sc_insurance *in = r->insurance;
    const sc_currency *cur = in->currency;
    int64_t deductible = in->deductible, met = 0, oop_max = in->oop_max, oop_met = 0,
            copay = in->copay;
    int64_t coins = in->coinsurance_pct;
    const char *given[] = {s->deductible, s->deductible_met, s->coinsurance, s->copay, s->oop_max,
                           s->oop_met};
    const char *names[] = {"--deductible", "--deductible-met", "--coinsurance", "--copay",
                           "--oop-max", "--oop-met"};
    if (in->covers == 0)
        for (int i = 0; i < 6; i++)
            if (!blank(given[i]))
                return sc_error_field(err, SC_EUSAGE, SC_R_NOT_APPLICABLE, opt_field(names[i]),
                                    "%s covers nothing; choose a plan with --insurance "
                                    "(e.g. us-ppo) to use plan amounts", in->id);
    if ((!blank(s->deductible) && opt_money(s->deductible, "--deductible", cur, &deductible,
                                            err) != SC_OK) ||
        (!blank(s->deductible_met) && opt_money(s->deductible_met, "--deductible-met", cur, &met,
                                                err) != SC_OK) ||
        (!blank(s->coinsurance) && opt_pct(s->coinsurance, "--coinsurance", &coins, err) != SC_OK) ||
        (!blank(s->copay) && opt_money(s->copay, "--copay", cur, &copay, err) != SC_OK) ||
        (!blank(s->oop_max) && opt_money(s->oop_max, "--oop-max", cur, &oop_max, err) != SC_OK) ||
        (!blank(s->oop_met) && opt_money(s->oop_met, "--oop-met", cur, &oop_met, err) != SC_OK))
        return SC_EUSAGE;
    char a[48], b[48];
    if (met > deductible)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "deductible_met","%s is more than the deductible of %s",
                            sc_money_format_plain(met, cur, a, sizeof a),
                            sc_money_format_plain(deductible, cur, b, sizeof b));
    if (oop_met > 0 && oop_max == 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "oop_met","%s has no out-of-pocket maximum; give --oop-max too", in->id);
    if (oop_max > 0 && oop_met > oop_max)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "oop_met","%s is more than the out-of-pocket maximum of %s",
                            sc_money_format_plain(oop_met, cur, a, sizeof a),
                            sc_money_format_plain(oop_max, cur, b, sizeof b));
    memset(t, 0, sizeof *t);
    r->insurance_applies = in->covers != 0 && (is_any(in->country) ||
                                               strcasecmp(in->country, r->country->id) == 0);
    if (!r->insurance_applies)
        return SC_OK; /* nothing to convert: the plan pays nothing here */
    /* Rounding point 3: the plan's amounts are converted once. */
    t->has_oop_max = oop_max > 0;
    t->coinsurance_pct = coins;
    t->copay_applies = in->copay_applies;
    if (sc_estimate_convert(p, r, deductible - met, cur, &t->deductible_left, err) != SC_OK ||
        sc_estimate_convert(p, r, oop_max - oop_met, cur, &t->oop_left, err) != SC_OK ||
        sc_estimate_convert(p, r, copay, cur, &t->copay, err) != SC_OK)
        return SC_EINPUT;
    return SC_OK;
}

/* Which lines the plan covers: its categories, in its own country, unless a
 * mixed-billing ban turns the whole course self-pay. */
static void decide_coverage(sc_estimate_result *r)
{
    const sc_insurance *in = r->insurance;
    if (in->covers != 0 && !r->insurance_applies)
        warn(r, SC_WARN_PLAN_ABROAD, 0, 0, NULL, NULL);
    if (!r->insurance_applies)
        return;
    int uncovered = 0;
    for (size_t i = 0; i < r->nitems; i++) {
        r->lines[i].covered = (in->covers & (1u << r->lines[i].category)) != 0;
        uncovered |= !r->lines[i].covered;
    }
    if (r->country->mixed_billing_banned && uncovered) {
        /* Japan: one uninsured item makes the whole course self-pay (S42). */
        for (size_t i = 0; i < r->nitems; i++)
            r->lines[i].covered = 0;
        r->mixed_billing_applied = 1;
        warn(r, SC_WARN_MIXED_BILLING, 0, 0, NULL, NULL);
    }
}

/* ---- totals and warnings ------------------------------------------------------ */

static void add_range(sc_range *sum, const sc_range *x)
{
    sum->low += x->low;
    sum->typical += x->typical;
    sum->high += x->high;
}

/* The date one year before `today` (YYYY-MM-DD; 29 February becomes the 28th). */
static void year_before(const char *today, char out[11])
{
    int y = atoi(today), m = atoi(today + 5), d = atoi(today + 8);
    if (m == 2 && d == 29)
        d = 28;
    y = y > 1 ? y - 1 : 1;
    out[0] = (char)('0' + y / 1000 % 10);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

static void data_warnings(sc_estimate_result *r, const sc_scenario *s)
{
    const sc_availability *a = r->availability;
    if (a == NULL)
        warn(r, SC_WARN_NO_STATUS, 0, 0, NULL, NULL);
    else if (a->status == SC_REG_EXEMPT)
        warn(r, SC_WARN_EXEMPT, 0, 0, NULL, NULL);
    else if (a->status == SC_REG_TRIAL_ONLY)
        warn(r, SC_WARN_TRIAL_ONLY, 0, 0, NULL, NULL);
    else if (a->status == SC_REG_NOT_PERMITTED)
        warn(r, SC_WARN_NOT_PERMITTED, 0, 0, NULL, NULL);

    char cutoff[11];
    year_before(s->today, cutoff);
    size_t interpolated = 0, stale = 0;
    const char *oldest = NULL;
    for (size_t i = 0; i < r->nlines; i++) {
        const sc_line *l = &r->lines[i];
        interpolated += l->basis == SC_BASIS_INTERPOLATED;
        stale += strcmp(l->as_of, cutoff) < 0;
        if (oldest == NULL || strcmp(l->as_of, oldest) < 0)
            oldest = l->as_of;
    }
    if (oldest != NULL) {
        memcpy(r->pricing_as_of, oldest, 10);
        r->pricing_as_of[10] = '\0';
    }
    if (interpolated > 0)
        warn(r, SC_WARN_INTERPOLATED, interpolated, r->nlines, NULL, NULL);
    if (stale > 0)
        warn(r, SC_WARN_STALE_PRICES, stale, r->nlines, oldest, NULL);
    for (size_t i = 0; i < r->nfx; i++) {
        const char *fx_as_of[2] = {r->fx[i].from_as_of, r->fx[i].to_as_of};
        for (int k = 0; k < 2; k++)
            if (fx_as_of[k][0] != '\0' && strcmp(fx_as_of[k], cutoff) < 0)
                warn(r, SC_WARN_STALE_FX, 0, 0, fx_as_of[k],
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
        "stale-prices:", "stale-fx:"};
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
        if (w->kind == SC_WARN_INTERPOLATED || w->kind == SC_WARN_STALE_PRICES) {
            used = append(buf, used, size, sc_decimal_format((int64_t)w->count, 0, 0, num, sizeof num));
            used = append(buf, used, size, "/");
            used = append(buf, used, size, sc_decimal_format((int64_t)w->of, 0, 0, num, sizeof num));
        } else if (w->kind == SC_WARN_STALE_FX) {
            used = append(buf, used, size, w->currency->code);
        }
    }
    return buf;
}

/* Totals from the lines (plus a quoted package, untaxed and uncovered). */
static void total_up(sc_estimate_result *r)
{
    sc_range taxable = {0, 0, 0};
    r->treatment = (sc_range){r->quote, r->quote, r->quote};
    r->travel = (sc_range){0, 0, 0};
    for (size_t i = 0; i < r->nlines; i++) {
        if (r->lines[i].kind == SC_LINE_ITEM) {
            add_range(&r->treatment, &r->lines[i].amount);
            if (!r->lines[i].covered)
                add_range(&taxable, &r->lines[i].amount);
        } else {
            add_range(&r->travel, &r->lines[i].amount);
        }
    }
    for (int col = 0; col < 3; col++) {
        /* Rounding point 4: tax on the self-pay subtotal; 5: contingency. */
        *sc_range_at(&r->tax, col) = sc_money_percent(*sc_range_at(&taxable, col), r->tax_pct);
        int64_t base = *sc_range_at(&r->treatment, col) + *sc_range_at(&r->tax, col) +
                       *sc_range_at(&r->travel, col);
        *sc_range_at(&r->contingency, col) = sc_money_percent(base, r->contingency_pct);
        *sc_range_at(&r->insurance_pays, col) =
            r->insurance_applies ? sc_insurance_apply(r->lines, r->nitems, &r->terms, col) : 0;
        *sc_range_at(&r->out_of_pocket, col) = base + *sc_range_at(&r->contingency, col) -
                                               *sc_range_at(&r->insurance_pays, col);
    }
}

void sc_estimate_apply_quote(sc_estimate_result *r, int64_t quote, unsigned includes)
{
    for (size_t i = 0; i < r->nitems; i++)
        if (includes & (1u << r->lines[i].category)) {
            r->lines[i].in_quote = 1;
            r->lines[i].amount = (sc_range){0, 0, 0};
            r->lines[i].insurance_pays = (sc_range){0, 0, 0};
        }
    r->quote = quote;
    total_up(r);
}

sc_status sc_estimate(const sc_pricing *p, const sc_scenario *s, sc_estimate_result *r,
                      sc_error *err)
{
    memset(r, 0, sizeof *r);
    if (resolve(p, s, r, err) != SC_OK || plan_terms(p, s, r, &r->terms, err) != SC_OK ||
        build_items(p, r, err) != SC_OK || build_travel(p, r, err) != SC_OK) {
        sc_estimate_result_free(r);
        return err->status;
    }
    r->availability = sc_pricing_availability(p, r->country->id, r->procedure->id);
    r->tax_pct = r->country->self_pay_tax_pct;
    decide_coverage(r);

    total_up(r);
    data_warnings(r, s);
    return SC_OK;
}

void sc_estimate_result_free(sc_estimate_result *r)
{
    free(r->lines);
    r->lines = NULL;
    r->nlines = r->nitems = 0;
}
