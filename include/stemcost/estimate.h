/* The itemised out-of-pocket estimate: the core calculation that compare,
 * simulate, quote and batch reuse.
 *
 * A scenario holds the user's choices as text, exactly as typed on the command
 * line or in a batch CSV cell (amounts can only be parsed once the insurance
 * plan's currency is known); sc_estimate() checks every value, builds the
 * episode and returns a result whose every money amount is in one display
 * currency.  Errors name the option at fault ("--sites") as their location.
 *
 * Rounding points (half away from zero, each once):
 *   1. a line's amount is its unit price x quantity, exact, in the price's currency;
 *   2. it is converted to the display currency, rounded once per line;
 *   3. the plan's deductible, copay, maximum and "met" amounts are converted once;
 *   4. tax = rate x the self-pay treatment subtotal as displayed;
 *   5. contingency = rate x (treatment + tax + travel) as displayed;
 *   6. coinsurance is applied per covered line.
 * Totals are sums of displayed lines, so a reader can add a column to the cent.
 *
 * Ownership: sc_estimate() fills a caller-provided sc_estimate_result; release
 * it with sc_estimate_result_free().  Pointers into the pricing model stay
 * valid while the model lives.
 */
#ifndef STEMCOST_ESTIMATE_H
#define STEMCOST_ESTIMATE_H

#include <stdint.h>

#include "stemcost/error.h"
#include "stemcost/money.h"
#include "stemcost/pricing.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sc_scenario {
    /* required */
    const char *procedure, *condition, *country;
    /* optional: NULL or "" means the default */
    const char *tier;           /* default "specialist" */
    const char *sites;          /* default 1 */
    const char *sessions;       /* default: the procedure's typical count */
    const char *home;           /* default: the treatment country */
    const char *travelers;      /* default 1 (the patient) */
    const char *insurance;      /* default "self-pay" */
    const char *deductible, *deductible_met, *coinsurance, *copay, *oop_max, *oop_met;
    const char *contingency;    /* percent; default none */
    const char *currency;       /* default: the home country's currency */
    const char *today;          /* YYYY-MM-DD, for staleness warnings; required */
} sc_scenario;

/* Set a scenario field by its option name without dashes ("deductible-met")
 * or its batch column name ("deductible_met").  The value is not copied. */
sc_status sc_scenario_set(sc_scenario *s, const char *name, const char *value, sc_error *err);

/* The names sc_scenario_set accepts, as batch column names, NULL-terminated. */
extern const char *const sc_scenario_fields[];

/* Set field number `index` of sc_scenario_fields (no name lookup: for
 * callers that map names once, like batch). */
void sc_scenario_set_index(sc_scenario *s, size_t index, const char *value);

typedef enum sc_line_kind { SC_LINE_ITEM, SC_LINE_TRAVEL } sc_line_kind;

typedef struct sc_line {
    char id[32];              /* "harvest", "imaging-2", "airfare", "lodging" */
    sc_line_kind kind;
    sc_category category;     /* items only */
    const char *description;
    const char *code;         /* CPT/HCPCS or "" */
    long quantity;            /* units x the row's quantity (typical count) */
    const char *unit;         /* "episode", "session", "site", "visit", "traveler-trip", ... */
    sc_range amount;          /* display currency */
    sc_range insurance_pays;  /* display currency; items only */
    int covered;              /* the plan covers this category (and it applies) */
    sc_basis basis;
    const char *source, *as_of;
    const sc_currency *price_currency;
    const sc_item *item;      /* the priced row (items), or NULL */
    const sc_travel *travel;  /* the priced row (travel), or NULL */
    int in_quote;             /* included in a clinic's quoted price (amount zeroed) */
} sc_line;

/* A plan's terms for one estimate, converted to the display currency. */
typedef struct sc_plan_terms {
    int64_t deductible_left;  /* deductible - deductible met */
    int64_t oop_left;         /* oop max - oop met; meaningful when has_oop_max */
    int has_oop_max;
    int64_t coinsurance_pct;  /* hundredths of a percent the patient pays */
    int64_t copay;            /* per unit of a copay category */
    unsigned copay_applies;   /* category bits */
} sc_plan_terms;

typedef struct sc_fx_used {
    const sc_currency *from, *to;
    int64_t from_per_usd, to_per_usd;  /* scaled by SC_RATE_SCALE */
    const char *from_as_of, *to_as_of;
} sc_fx_used;

#define SC_MAX_WARNINGS 16

/* What an estimate warns about.  Warnings are kept as facts and put into
 * words only when shown (sc_estimate_warning_text), or as short codes for
 * machine-readable reports (sc_estimate_warning_codes). */
typedef enum sc_warning_kind {
    SC_WARN_NO_STATUS,      /* the tables give no regulatory status */
    SC_WARN_EXEMPT,         /* marketed under an exemption, not an approval */
    SC_WARN_TRIAL_ONLY,     /* lawful only inside a clinical trial */
    SC_WARN_NOT_PERMITTED,  /* not lawfully offered */
    SC_WARN_PLAN_ABROAD,    /* the insurance plan does not cover care in this country */
    SC_WARN_MIXED_BILLING,  /* the mixed-billing ban made the whole course self-pay */
    SC_WARN_INTERPOLATED,   /* `count` of `of` lines rest on interpolated numbers */
    SC_WARN_STALE_PRICES,   /* `count` of `of` prices older than a year; oldest `date` */
    SC_WARN_STALE_FX        /* the rate of `currency` is older than a year (`date`) */
} sc_warning_kind;

typedef struct sc_warning {
    sc_warning_kind kind;
    size_t count, of;
    const char *date;
    const sc_currency *currency;
} sc_warning;

/* Longest text sc_estimate_warning_text writes. */
#define SC_WARNING_MAX 1024

typedef struct sc_estimate_result {
    const sc_currency *currency;
    const sc_fx *display_fx;   /* the rate of `currency` */
    const sc_country *country, *home;
    const sc_procedure *procedure;
    const sc_condition *condition;
    const sc_tier *tier;
    const sc_insurance *insurance;
    const sc_availability *availability;  /* NULL if the tables give no status */
    int sites, sessions, travelers, visits;
    int insurance_applies;     /* 0 when treated outside the plan's country */
    sc_plan_terms terms;       /* when insurance_applies */
    int mixed_billing_applied; /* 1 when the ban made the whole course self-pay */
    int64_t tax_pct, contingency_pct;
    sc_line *lines;            /* items, then travel */
    size_t nlines, nitems;
    sc_range treatment, tax, travel, contingency, insurance_pays, out_of_pocket;
    int64_t quote;             /* a clinic's quoted price in treatment (0 for reference) */
    sc_fx_used fx[8];
    size_t nfx;
    char pricing_as_of[11];    /* the oldest as-of date among the prices used */
    sc_warning warnings[SC_MAX_WARNINGS];
    size_t nwarnings;
} sc_estimate_result;

sc_status sc_estimate(const sc_pricing *p, const sc_scenario *s, sc_estimate_result *r,
                      sc_error *err);

/* Turn a reference estimate into a clinic quote's: the lines of the
 * categories in `includes` (bit 1 << sc_category) are covered by the quoted
 * price `quote` (display currency) and zeroed; the rest stay as estimated
 * additions.  The quote is taken as the clinic's final price: no tax is added
 * to it and no insurance pays it.  Totals are recomputed. */
void sc_estimate_apply_quote(sc_estimate_result *r, int64_t quote, unsigned includes);

/* Apply the plan to the covered item lines, in bill order, for one column of
 * the ranges (0 low, 1 typical, 2 high); sets each line's insurance_pays for
 * that column and returns the total the plan pays.  (Used by sc_estimate and
 * by the simulation, which reprices the lines of each draw.) */
int64_t sc_insurance_apply(sc_line *lines, size_t nitems, const sc_plan_terms *terms, int col);

/* Convert an amount into the result's display currency at the tables' rates,
 * rounded once (recording the rate used). */
sc_status sc_estimate_convert(const sc_pricing *p, sc_estimate_result *r, int64_t amount,
                              const sc_currency *from, int64_t *out, sc_error *err);
void sc_estimate_result_free(sc_estimate_result *r);

/* Warning `i` of `r` in words, for people (buf of SC_WARNING_MAX). */
char *sc_estimate_warning_text(const sc_estimate_result *r, size_t i, char *buf, size_t size);

/* All warnings as short codes separated by ';' for CSV reports:
 * regulatory:exempt|trial-only|not-permitted|unknown, plan-abroad, mixed-billing,
 * interpolated:N/M, stale-prices:N/M, stale-fx:CUR. */
char *sc_estimate_warning_codes(const sc_estimate_result *r, char *buf, size_t size);

/* The closest of `n` candidate IDs to `wanted` (edit distance), for "did you
 * mean" hints; NULL if none is close. */
const char *sc_suggest(const char *wanted, const char *const *candidates, size_t n);

#ifdef __cplusplus
}
#endif
#endif
