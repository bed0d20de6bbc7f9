/* Scenarios: what a patient asks about, as typed and as resolved.
 *
 * A scenario arrives as text (command-line options, a batch CSV row, a web
 * form).  sc_scenario_resolve() checks every value once and turns it into an
 * sc_resolved: pointers into the pricing model and numbers in minor units.
 * Everything that computes (estimate, simulate, compare, batch, quote) works
 * on the resolved form, so a value is parsed and checked in one place only
 * and its error message is the same wherever it was typed.
 *
 * Errors name the field (sc_error.field: "sites", "deductible_met") with a
 * reason code; the command line shows it as an option (--deductible-met),
 * batch as a column, the web page next to its input.
 *
 * Ownership: an sc_scenario only points at the caller's strings (nothing is
 * copied); an sc_resolved points into the pricing model and stays valid while
 * the model lives.  Neither needs freeing.
 */
#ifndef STEMCOST_SCENARIO_H
#define STEMCOST_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "stemcost/dates.h"
#include "stemcost/error.h"
#include "stemcost/money.h"
#include "stemcost/pricing.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The IDs a scenario takes when it names no tier or insurance plan.  A pricing
 * directory must have both rows (validate and every load check it), so that a
 * command the user gave no --tier or --insurance never fails on them. */
#define SC_DEFAULT_TIER "specialist"
#define SC_DEFAULT_INSURANCE "self-pay"

typedef struct sc_scenario {
    /* required */
    const char *procedure, *condition, *country;
    /* optional: NULL means the default.  An empty string is an error (the
     * command line refuses it before; batch passes NULL for a blank cell). */
    const char *tier;           /* default SC_DEFAULT_TIER */
    const char *sites;          /* default 1 */
    const char *sessions;       /* default: the procedure's low / typical / high */
    const char *home;           /* default: the treatment country */
    const char *travelers;      /* default 1 (the patient) */
    const char *insurance;      /* default SC_DEFAULT_INSURANCE */
    const char *deductible, *deductible_met, *coinsurance, *copay, *oop_max, *oop_met;
    const char *contingency;    /* percent; default none */
    const char *currency;       /* default: the home country's currency */
    const char *today;          /* YYYY-MM-DD, for staleness warnings; required */
} sc_scenario;

/* The scenario fields by name (batch column names, option names with '_'
 * for '-'), NULL-terminated, in the order of sc_scenario's members. */
extern const char *const sc_scenario_fields[];
#define SC_SCENARIO_NFIELDS 17

/* Set a field by its option name ("deductible-met") or column name
 * ("deductible_met").  The value is not copied. */
sc_status sc_scenario_set(sc_scenario *s, const char *name, const char *value, sc_error *err);
/* Set field number `index` of sc_scenario_fields (no name lookup). */
void sc_scenario_set_index(sc_scenario *s, size_t index, const char *value);
/* Field number `index`'s value (NULL when unset). */
const char *sc_scenario_get_index(const sc_scenario *s, size_t index);

/* Limits on user numbers: clear errors instead of absurd results. */
#define SC_MAX_SESSIONS 12
#define SC_MAX_TRAVELERS 10

/* The plan's amounts as the scenario states them (the plan's currency;
 * percentages in hundredths). */
typedef struct sc_plan_amounts {
    int64_t deductible, deductible_met, copay, oop_max, oop_met;
    int64_t coinsurance_pct;
    int has_oop_max;      /* the plan's table gives a maximum, or oop_max was given: a
                             given 0 is a maximum of nothing (the plan pays the rest) */
    int oop_met_assumed;  /* oop_met was not given and was taken as deductible_met */
} sc_plan_amounts;

typedef struct sc_resolved {
    const sc_procedure *procedure;
    const sc_condition *condition;
    const sc_country *country, *home;
    const sc_tier *tier;
    const sc_insurance *insurance;
    const sc_currency *currency;  /* what money is shown in */
    int sites, travelers;
    int sessions;                 /* the typical count: given, or the procedure's */
    int sessions_given;           /* 1: fixed by the user (every column, every draw) */
    int64_t contingency_pct;      /* hundredths of a percent */
    sc_plan_amounts plan;
    sc_date today;
    char today_text[11];
} sc_resolved;

/* Check every field of `s` and resolve it (see the file comment).  Fails with
 * SC_EUSAGE (a malformed value or one out of range), SC_EINPUT (an unknown
 * ID, a procedure not used for the condition, SC_R_NOT_PRICED when the
 * tables have no price for the combination). */
sc_status sc_scenario_resolve(const sc_pricing *p, const sc_scenario *s, sc_resolved *out,
                              sc_error *err);

/* Check and resolve every field, but not the combination (whether the
 * tables use the procedure for the condition and price it in the country at
 * the tier): sc_scenario_resolve is this, then sc_resolved_at.  (Batch checks
 * the combination once per distinct one.) */
sc_status sc_scenario_parse(const sc_pricing *p, const sc_scenario *s, sc_resolved *out,
                            sc_error *err);

/* The same scenario in another country and tier (compare's rows), with the
 * checks of the combination: SC_R_NOT_USED_FOR when the tables do not use the
 * procedure for the condition, SC_R_NOT_PRICED when they have no price for it
 * in the country at the tier (*out is complete even then).  `base` and
 * `out` may be the same. */
sc_status sc_resolved_at(const sc_pricing *p, const sc_resolved *base, const sc_country *country,
                         const sc_tier *tier, sc_resolved *out, sc_error *err);

/* Is `procedure` priced in `country` at `tier` (a price row names it)? */
int sc_pricing_offers(const sc_pricing *p, const sc_country *country, const sc_tier *tier,
                      const sc_procedure *procedure);

/* The closest of `n` candidate IDs to `wanted` (edit distance), for "did you
 * mean" hints; NULL if none is close. */
const char *sc_suggest(const char *wanted, const char *const *candidates, size_t n);

/* The one "unknown identifier" error: names the field, suggests the closest
 * valid ID and lists the valid ones.  Returns SC_EINPUT. */
sc_status sc_unknown_id(sc_error *err, const char *field, const char *what, const char *value,
                        const char *const *ids, size_t n);

#ifdef __cplusplus
}
#endif
#endif
