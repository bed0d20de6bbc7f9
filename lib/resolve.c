/* Scenario text -> resolved scenario: see include/stemcost/scenario.h.
 * This is the only place a scenario value is parsed or an identifier of the
 * scenario is looked up by name. */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "stemcost/scenario.h"
#include "pricing_internal.h"

/* ---- number fields --------------------------------------------------------- */

/* A whole number in [min, max]; `why` explains the limit ("" if obvious). */
static sc_status whole(const char *text, const char *field, int min, int max, const char *why,
                       int *out, sc_error *err)
{
    int64_t v;
    if (sc_decimal_parse(text, 0, 0, INT64_C(1000000000), &v, NULL) != SC_OK)
        return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, field,
                              "'%s' must be a whole number from %d to %d%s", text, min, max, why);
    if (v < min || v > max)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, field,
                              "'%s' must be a whole number from %d to %d%s", text, min, max, why);
    *out = (int)v;
    return SC_OK;
}

/* A percentage from 0 to 100 with at most two decimals, in hundredths. */
static sc_status percent(const char *text, const char *field, int64_t *out, sc_error *err)
{
    int64_t v;
    if (sc_decimal_parse(text, SC_PCT_DECIMALS, 1, INT64_C(1000000000), &v, NULL) != SC_OK)
        return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, field,
                              "'%s' must be a percentage from 0 to 100 (at most two decimals)",
                              text);
    if (v < 0 || v > 10000)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, field,
                              "'%s' must be a percentage from 0 to 100 (at most two decimals)",
                              text);
    *out = v;
    return SC_OK;
}

static sc_status amount(const char *text, const char *field, const sc_currency *cur, int64_t *out,
                        sc_error *err)
{
    sc_error e;
    if (sc_money_parse(text, cur, 0, out, &e) != SC_OK)
        return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, field, "%s (an amount in %s)",
                              e.msg, cur->code);
    return SC_OK;
}

static int given(const char *s)
{
    return s != NULL;
}

/* ---- identifiers ------------------------------------------------------------- */

#define MAX_IDS 256

#define ID_LIST(arr, count, out, n)                          \
    const char *out[MAX_IDS];                                \
    size_t n = 0;                                            \
    for (size_t i_ = 0; i_ < (count) && n < MAX_IDS; i_++)   \
        out[n++] = (arr)[i_].id

/* ---- the combination ----------------------------------------------------------- */

int sc_pricing_offers(const sc_pricing *p, const sc_country *country, const sc_tier *tier,
                      const sc_procedure *procedure)
{
    int ci = (int)(country - p->countries), ti = (int)(tier - p->tiers),
        pi = (int)(procedure - p->procedures);
    for (size_t k = p->items_by_country_at[ci]; k < p->items_by_country_at[ci + 1]; k++) {
        const sc_item_key *key = &p->item_keys[p->items_by_country[k]];
        if (key->procedure == pi && (key->tier < 0 || key->tier == ti))
            return 1;
    }
    return 0;
}

/* "a, b, c" into out (truncated to fit). */
/* Append ", item" (or "item" to an empty list), cut to fit n bytes. */
static void join(char *out, size_t n, const char *item)
{
    size_t used = strlen(out);
    if (used > 0 && used + 2 < n) {
        memcpy(out + used, ", ", 3);
        used += 2;
    }
    size_t len = strlen(item);
    if (used + 1 >= n)
        return;
    if (len > n - used - 1)
        len = n - used - 1;
    memcpy(out + used, item, len);
    out[used + len] = '\0';
}

/* The tables use `procedure` for `condition` (the condition row lists it). */
static sc_status used_for(const sc_resolved *r, sc_error *err)
{
    const sc_condition *c = r->condition;
    for (size_t k = 0; k < c->nprocedures; k++)
        if (strcmp(c->procedures[k], r->procedure->id) == 0)
            return SC_OK;
    char list[256] = "";
    for (size_t k = 0; k < c->nprocedures; k++)
        join(list, sizeof list, c->procedures[k]);
    return sc_error_field(err, SC_EINPUT, SC_R_NOT_USED_FOR, "procedure",
                          "%s is not used for %s in the tables; for %s: %s", r->procedure->id,
                          c->id, c->id, list);
}

static sc_status not_offered(const sc_pricing *p, const sc_resolved *r, sc_error *err)
{
    char where[256] = "", here[256] = "";
    for (size_t c = 0; c < p->ncountries; c++)
        if (sc_pricing_offers(p, &p->countries[c], r->tier, r->procedure))
            join(where, sizeof where, p->countries[c].id);
    for (size_t k = 0; k < r->condition->nprocedures; k++) {
        const sc_procedure *alt = sc_pricing_procedure(p, r->condition->procedures[k]);
        if (alt != NULL && sc_pricing_offers(p, r->country, r->tier, alt))
            join(here, sizeof here, alt->id);
    }
    return sc_error_field(err, SC_EINPUT, SC_R_NOT_PRICED, "procedure",
                          "%s is not priced in %s at the %s tier; priced there for %s: %s; %s "
                          "is priced at this tier in: %s",
                          r->procedure->id, r->country->id, r->tier->id, r->condition->id,
                          here[0] ? here : "none", r->procedure->id,
                          where[0] ? where : "no country");
}

sc_status sc_resolved_at(const sc_pricing *p, const sc_resolved *base, const sc_country *country,
                         const sc_tier *tier, sc_resolved *out, sc_error *err)
{
    if (out != base)
        *out = *base;
    out->country = country;
    out->tier = tier;
    if (used_for(out, err) != SC_OK)
        return SC_EINPUT;
    if (!sc_pricing_offers(p, country, tier, out->procedure))
        return not_offered(p, out, err);
    return SC_OK;
}

/* ---- the plan's amounts ---------------------------------------------------------- */

static sc_status plan_amounts(const sc_scenario *s, sc_resolved *r, sc_error *err)
{
    const sc_insurance *in = r->insurance;
    const sc_currency *cur = in->currency;
    sc_plan_amounts *a = &r->plan;
    static const char *const fields[] = {"deductible", "deductible_met", "coinsurance",
                                         "copay", "oop_max", "oop_met"};
    const char *text[] = {s->deductible, s->deductible_met, s->coinsurance,
                          s->copay, s->oop_max, s->oop_met};
    memset(a, 0, sizeof *a);
    a->deductible = in->deductible;
    a->copay = in->copay;
    a->oop_max = in->oop_max;
    a->coinsurance_pct = in->coinsurance_pct;
    if (in->covers == 0)
        for (int i = 0; i < 6; i++)
            if (given(text[i]))
                return sc_error_field(err, SC_EUSAGE, SC_R_NOT_APPLICABLE, fields[i],
                                      "%s covers nothing; choose a plan with --insurance "
                                      "(e.g. us-ppo) to use plan amounts",
                                      in->id);
    if ((given(s->deductible) && amount(s->deductible, "deductible", cur, &a->deductible,
                                        err) != SC_OK) ||
        (given(s->deductible_met) && amount(s->deductible_met, "deductible_met", cur,
                                            &a->deductible_met, err) != SC_OK) ||
        (given(s->coinsurance) && percent(s->coinsurance, "coinsurance", &a->coinsurance_pct,
                                          err) != SC_OK) ||
        (given(s->copay) && amount(s->copay, "copay", cur, &a->copay, err) != SC_OK) ||
        (given(s->oop_max) && amount(s->oop_max, "oop_max", cur, &a->oop_max, err) != SC_OK) ||
        (given(s->oop_met) && amount(s->oop_met, "oop_met", cur, &a->oop_met, err) != SC_OK))
        return SC_EUSAGE;
    /* In the plan tables 0 means "no maximum"; given by the user, 0 is a
     * maximum already reached. */
    a->has_oop_max = in->oop_max > 0 || given(s->oop_max);
    char x[48], y[48];
    if (given(s->copay) && in->copay_applies == 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_NOT_APPLICABLE, "copay",
                              "%s charges no copay on any category of this treatment; "
                              "leave --copay out",
                              in->id);
    if (a->deductible_met > a->deductible)
        return sc_error_field(err, SC_EUSAGE, SC_R_CONFLICT, "deductible_met",
                              "%s is more than the deductible of %s",
                              sc_money_format_plain(a->deductible_met, cur, x, sizeof x),
                              sc_money_format_plain(a->deductible, cur, y, sizeof y));
    if (a->oop_met > 0 && !a->has_oop_max)
        return sc_error_field(err, SC_EUSAGE, SC_R_CONFLICT, "oop_met",
                              "%s has no out-of-pocket maximum; give --oop-max too", in->id);
    if (a->has_oop_max && a->oop_met > a->oop_max)
        return sc_error_field(err, SC_EUSAGE, SC_R_CONFLICT, "oop_met",
                              "%s is more than the out-of-pocket maximum of %s",
                              sc_money_format_plain(a->oop_met, cur, x, sizeof x),
                              sc_money_format_plain(a->oop_max, cur, y, sizeof y));
    /* What was paid toward the deductible counts toward the out-of-pocket
     * maximum too (45 CFR 156.130 for US plans; the archetypes here follow
     * it): the met amounts must agree.  Left out, oop_met is taken as
     * deductible_met, and the result says so. */
    if (a->has_oop_max && a->oop_met < a->deductible_met) {
        if (given(s->oop_met))
            return sc_error_field(err, SC_EUSAGE, SC_R_CONFLICT, "oop_met",
                                  "%s is less than --deductible-met %s; what was paid toward "
                                  "the deductible counts toward the out-of-pocket maximum",
                                  sc_money_format_plain(a->oop_met, cur, x, sizeof x),
                                  sc_money_format_plain(a->deductible_met, cur, y, sizeof y));
        a->oop_met = a->deductible_met;
        a->oop_met_assumed = 1;
    }
    return SC_OK;
}

/* ---- the whole scenario ------------------------------------------------------------ */

static sc_status required(const char *value, const char *field, const char *example,
                          sc_error *err)
{
    if (value == NULL)
        return sc_error_field(err, SC_EUSAGE, SC_R_REQUIRED, field, "required (e.g. %s)",
                              example);
    return SC_OK;
}

/* Every given field must hold something: blank means "not given" only where
 * the caller says so by passing NULL. */
static sc_status no_empty(const sc_scenario *s, sc_error *err)
{
    const char *const values[SC_SCENARIO_NFIELDS] = {
        s->procedure, s->condition, s->country, s->tier, s->sites, s->sessions,
        s->home, s->travelers, s->insurance, s->deductible, s->deductible_met,
        s->coinsurance, s->copay, s->oop_max, s->oop_met, s->contingency, s->currency};
    for (size_t i = 0; i < SC_SCENARIO_NFIELDS; i++)
        if (values[i] != NULL && values[i][0] == '\0')
            return sc_error_field(err, SC_EUSAGE, SC_R_EMPTY, sc_scenario_fields[i],
                                  "empty value");
    return SC_OK;
}

sc_status sc_scenario_resolve(const sc_pricing *p, const sc_scenario *s, sc_resolved *r,
                              sc_error *err)
{
    sc_status st = sc_scenario_parse(p, s, r, err);
    if (st != SC_OK)
        return st;
    return sc_resolved_at(p, r, r->country, r->tier, r, err);
}

/* The limit on sites, in words, for the message. */
static sc_status sites_field(const char *text, const sc_condition *c, int *out, sc_error *err)
{
    char why[96];
    int64_t v;
    if (sc_decimal_parse(text, 0, 0, INT64_C(1000000000), &v, NULL) == SC_OK && v >= 1 &&
        v <= c->max_sites) {
        *out = (int)v;
        return SC_OK;
    }
    snprintf(why, sizeof why, " (%s: at most %d %s%s)", c->id, c->max_sites, c->site_unit,
             c->max_sites == 1 ? "" : "s");
    return whole(text, "sites", 1, c->max_sites, why, out, err);
}

sc_status sc_scenario_parse(const sc_pricing *p, const sc_scenario *s, sc_resolved *r,
                            sc_error *err)
{
    memset(r, 0, sizeof *r);
    if (required(s->procedure, "procedure", "bmac", err) != SC_OK ||
        required(s->condition, "condition", "knee-oa", err) != SC_OK ||
        required(s->country, "country", "US", err) != SC_OK || no_empty(s, err) != SC_OK)
        return SC_EUSAGE;
    if (s->today == NULL || sc_date_parse(s->today, &r->today, NULL) != SC_OK)
        return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, "today",
                              "'%s' is not a date YYYY-MM-DD", s->today ? s->today : "");
    memcpy(r->today_text, s->today, 11); /* parsed: exactly YYYY-MM-DD */

    if ((r->procedure = sc_pricing_procedure(p, s->procedure)) == NULL) {
        ID_LIST(p->procedures, p->nprocedures, ids, n);
        return sc_unknown_id(err, "procedure", "procedure", s->procedure, ids, n);
    }
    if ((r->condition = sc_pricing_condition(p, s->condition)) == NULL) {
        ID_LIST(p->conditions, p->nconditions, ids, n);
        return sc_unknown_id(err, "condition", "condition", s->condition, ids, n);
    }
    if ((r->country = sc_pricing_country(p, s->country)) == NULL) {
        ID_LIST(p->countries, p->ncountries, ids, n);
        return sc_unknown_id(err, "country", "country", s->country, ids, n);
    }
    const char *home = given(s->home) ? s->home : s->country;
    if ((r->home = sc_pricing_country(p, home)) == NULL) {
        ID_LIST(p->countries, p->ncountries, ids, n);
        return sc_unknown_id(err, "home", "country", home, ids, n);
    }
    const char *tier = given(s->tier) ? s->tier : SC_DEFAULT_TIER;
    if ((r->tier = sc_pricing_tier(p, tier)) == NULL) {
        ID_LIST(p->tiers, p->ntiers, ids, n);
        return sc_unknown_id(err, "tier", "tier", tier, ids, n);
    }
    const char *ins = given(s->insurance) ? s->insurance : SC_DEFAULT_INSURANCE;
    if ((r->insurance = sc_pricing_insurance(p, ins)) == NULL) {
        ID_LIST(p->insurance, p->ninsurance, ids, n);
        return sc_unknown_id(err, "insurance", "insurance plan", ins, ids, n);
    }
    if (given(s->currency)) {
        if ((r->currency = sc_currency_find(s->currency)) == NULL)
            return sc_error_field(err, SC_EUSAGE, SC_R_UNKNOWN_ID, "currency",
                                  "'%s' is not a known ISO 4217 currency code", s->currency);
    } else {
        r->currency = r->home->currency;
    }
    if (sc_pricing_fx(p, r->currency) == NULL)
        return sc_error_field(err, SC_EINPUT, SC_R_NO_RATE, "currency",
                              "the pricing tables have no exchange rate for %s",
                              r->currency->code);

    r->sites = 1;
    if (given(s->sites) && sites_field(s->sites, r->condition, &r->sites, err) != SC_OK)
        return SC_EUSAGE;
    r->sessions = r->procedure->sessions_typical;
    if (given(s->sessions)) {
        if (whole(s->sessions, "sessions", 1, SC_MAX_SESSIONS, "", &r->sessions, err) != SC_OK)
            return SC_EUSAGE;
        r->sessions_given = 1;
    }
    r->travelers = 1;
    if (given(s->travelers) &&
        whole(s->travelers, "travelers", 1, SC_MAX_TRAVELERS, " (the patient counts as one)",
              &r->travelers, err) != SC_OK)
        return SC_EUSAGE;
    if (given(s->contingency) &&
        percent(s->contingency, "contingency", &r->contingency_pct, err) != SC_OK)
        return SC_EUSAGE;
    if (plan_amounts(s, r, err) != SC_OK)
        return SC_EUSAGE;
    return SC_OK;
}
