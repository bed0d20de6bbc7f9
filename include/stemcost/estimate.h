/* The itemised out-of-pocket estimate: the one path from a resolved scenario
 * to its totals, which compare, simulate, quote and batch all take.
 *
 *   sc_scenario (text) --sc_scenario_resolve--> sc_resolved
 *       --sc_estimate_prepare--> priced, converted lines; coverage; warnings
 *       --sc_estimate_finish---> the plan's terms and the totals (sc_totals_column)
 *
 * sc_estimate() does all three.  Batch caches prepared episodes and finishes
 * each row; the simulation reprices the prepared lines per draw and calls the
 * same totals function.
 *
 * Columns: every line and total has a low, a typical and a high value.  When
 * the scenario leaves the number of sessions open, the low column prices the
 * procedure's lowest count of sessions at low prices and the high column its
 * highest count at high prices (so the simulated spread, which draws the
 * count, stays inside the range); travel nights likewise.
 *
 * Rounding points (half away from zero, each once):
 *   1. a line's amount is its unit price x quantity, exact, in the price's currency;
 *   2. it is converted to the display currency, rounded once per line;
 *   3. the plan's deductible, copay, maximum and "met" amounts are converted once;
 *   4. coinsurance is applied per covered line;
 *   5. tax = rate x the self-pay (uncovered) treatment subtotal as displayed;
 *   6. contingency = rate x the patient's share before it (treatment + tax +
 *      travel - what the plan pays): nothing is added on what the insurer pays.
 * Totals are sums of displayed lines, so a reader can add a column to the cent:
 *   out_of_pocket = treatment + tax + travel - insurance_pays + contingency.
 *
 * Complications are not in out_of_pocket: they are a risk, shown as their own
 * block (chance, cost to the patient if it happens, expected cost) and drawn
 * by the simulation.  Complication care is medically necessary: a plan that
 * applies pays it like other covered care, after the episode's lines.
 *
 * Ownership: sc_estimate() fills a caller-provided sc_estimate_result; release
 * it with sc_estimate_result_free() (also safe after a failed call).  Pointers
 * into the pricing model stay valid while the model lives.  `err` may be NULL.
 */
#ifndef STEMCOST_ESTIMATE_H
#define STEMCOST_ESTIMATE_H

#include <stdint.h>

#include "stemcost/error.h"
#include "stemcost/money.h"
#include "stemcost/pricing.h"
#include "stemcost/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sc_line_kind { SC_LINE_ITEM, SC_LINE_TRAVEL } sc_line_kind;

/* Confidence in a line's price, 'A', 'B' or 'C': sc_confidence_grade (the
 * source's grade, C for a guess, one lower for an old price). */
typedef char sc_grade;

typedef struct sc_line {
    /* What the totals read for every estimate first, together (batch and
     * the server finish thousands of kept episodes: fewer cache lines). */
    sc_line_kind kind;
    sc_category category;     /* items only */
    int covered;              /* the plan covers this category (and it applies) */
    sc_basis basis;           /* for this estimate (a row reused for a condition its
                                 source did not price counts as interpolated) */
    long quantity;            /* units x the row's quantity, typical column */
    long quantity_low, quantity_high; /* the same in the low and high columns */
    sc_range amount;          /* display currency */
    sc_range insurance_pays;  /* display currency; items only */
    char id[32];              /* "harvest", "imaging-2", "airfare", "lodging" */
    const char *description;
    const char *code;         /* CPT/HCPCS or "" */
    const char *unit;         /* "episode", "session", "site", "visit", "traveler-trip", ... */
    sc_range unit_price;      /* per unit, in price_currency */
    sc_grade grade;
    const char *source, *as_of;
    const char *derivation;   /* the fee-schedule arithmetic, or NULL */
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

/* The complication risk of the episode (one row of the complications table:
 * the most specific for the procedure and country). */
typedef struct sc_complication_risk {
    const sc_complication *row;   /* NULL: the tables give no risk for it */
    int64_t probability;          /* PERT mean chance, percent x 10^4 (SC_PROB_DECIMALS) */
    sc_range charge;              /* what the care costs (display currency), per column */
    int64_t mean_charge;          /* its PERT mean, (low + 4 typical + high) / 6 */
    sc_range cost;                /* what the patient pays if it happens, at the low,
                                     typical and high charge, after the typical episode */
    int64_t expected;             /* probability x the patient's part of the mean charge */
} sc_complication_risk;

#define SC_MAX_WARNINGS 16

/* What an estimate warns about.  Warnings are kept as facts and put into
 * words only when shown (sc_estimate_warning_text), or as short codes for
 * machine-readable reports (sc_estimate_warning_codes).  Regulatory warnings
 * come first. */
typedef enum sc_warning_kind {
    SC_WARN_NO_STATUS,      /* the tables give no regulatory status */
    SC_WARN_EXEMPT,         /* marketed under an exemption, not an approval */
    SC_WARN_TRIAL_ONLY,     /* lawful only inside a clinical trial */
    SC_WARN_NOT_PERMITTED,  /* not lawfully offered */
    SC_WARN_PLAN_ABROAD,    /* the insurance plan does not cover care in this country */
    SC_WARN_MIXED_BILLING,  /* the mixed-billing ban made the whole course self-pay */
    SC_WARN_INTERPOLATED,   /* `count` of `of` lines rest on interpolated numbers */
    SC_WARN_STALE_PRICES,   /* `count` of `of` prices older than a year; oldest `date` */
    SC_WARN_STALE_FX,       /* the rate of `currency` is older than a year (`date`) */
    SC_WARN_OOP_MET_ASSUMED,/* --oop-met taken as --deductible-met */
    SC_WARN_REUSED_ROWS     /* `count` lines reuse prices their source gave for another condition */
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
    sc_resolved scenario;      /* what was asked, resolved */
    /* The scenario's parts, for reports (the same as in `scenario`): */
    const sc_currency *currency;
    const sc_fx *display_fx;   /* the rate of `currency` */
    const sc_country *country, *home;
    const sc_procedure *procedure;
    const sc_condition *condition;
    const sc_tier *tier;
    const sc_insurance *insurance;
    const sc_availability *availability;  /* NULL if the tables give no status */
    int sites, sessions, travelers, visits;  /* typical column */
    int sessions_col[3], nights_col[3], visits_col[3]; /* low, typical, high */
    const sc_stay *stay;       /* the route's nights when the tables give them, or NULL */
    int insurance_applies;     /* 0 when treated outside the plan's country */
    sc_plan_terms terms;       /* when insurance_applies */
    int mixed_billing_applied; /* 1 when the ban made the whole course self-pay */
    int64_t tax_pct, contingency_pct;
    sc_line *lines;            /* items, then travel */
    size_t nlines, nitems;
    sc_range treatment, tax, travel, contingency, insurance_pays, out_of_pocket;
    int64_t quote;             /* a clinic's quoted price in treatment (0 for reference) */
    sc_complication_risk complications;
    int64_t interpolated_pct;  /* share of typical out of pocket (before tax and
                                  contingency) on interpolated lines, hundredths of % */
    sc_fx_used fx[8];
    size_t nfx;
    char pricing_as_of[11];    /* the oldest as-of date among the prices used */
    sc_warning warnings[SC_MAX_WARNINGS];
    size_t nwarnings;
} sc_estimate_result;

/* Resolve, prepare and finish (see the file comment). */
sc_status sc_estimate(const sc_pricing *p, const sc_scenario *s, sc_estimate_result *r,
                      sc_error *err);

/* The same from an already resolved scenario. */
sc_status sc_estimate_resolved(const sc_pricing *p, const sc_resolved *s, sc_estimate_result *r,
                               sc_error *err);

/* Price and convert the episode's lines, decide coverage and the warnings
 * that do not depend on the plan's amounts.  The result is not finished:
 * call sc_estimate_finish. */
sc_status sc_estimate_prepare(const sc_pricing *p, const sc_resolved *s, sc_estimate_result *r,
                              sc_error *err);

/* Convert the plan's amounts of `s` (rounding point 3), take its contingency,
 * and compute every total and the complication block.  `s` must match the
 * scenario `r` was prepared for in everything but the plan's amounts and the
 * contingency (batch reuses one prepared episode for many such rows). */
sc_status sc_estimate_finish(const sc_pricing *p, const sc_resolved *s, sc_estimate_result *r,
                             sc_error *err);

/* Turn a reference estimate into a clinic quote's: the lines of the
 * categories in `includes` (bit 1 << sc_category) are covered by the quoted
 * price `quote` (display currency) and zeroed; the rest stay as estimated
 * additions.  The quote is taken as the clinic's final price: no tax is added
 * to it and no insurance pays it.  Totals are recomputed. */
void sc_estimate_apply_quote(sc_estimate_result *r, int64_t quote, unsigned includes);

/* One column's totals: the rules of the file comment, in one place. */
typedef struct sc_column_totals {
    int64_t treatment, taxable, tax, travel, insurance_pays, contingency, out_of_pocket;
    int64_t complication_patient;  /* the patient's part of `complication` */
} sc_column_totals;

/* Totals of column `col` (0 low, 1 typical, 2 high) of `lines` (r->nlines of
 * them, laid out as r->lines: items then travel; their insurance_pays for the
 * column is written).  `complication` (display currency, 0 for none) is care
 * after the episode, paid through the plan when it applies. */
void sc_totals_column(const sc_estimate_result *r, sc_line *lines, int col, int64_t complication,
                      sc_column_totals *out);

/* The tax on a self-pay subtotal of r's country, rounded once (rounding
 * point 5): the rule sc_totals_column applies, for documents that split the
 * subtotal among providers who each bill their own (quotes). */
int64_t sc_estimate_tax(const sc_estimate_result *r, int64_t taxable);

/* Convert an amount into the result's display currency at the tables' rates,
 * rounded once (recording the rate used). */
sc_status sc_estimate_convert(const sc_pricing *p, sc_estimate_result *r, int64_t amount,
                              const sc_currency *from, int64_t *out, sc_error *err);
void sc_estimate_result_free(sc_estimate_result *r);

/* Warning `i` of `r` in words, for people (buf of SC_WARNING_MAX). */
char *sc_estimate_warning_text(const sc_estimate_result *r, size_t i, char *buf, size_t size);

/* All warnings as short codes separated by ';' for CSV reports:
 * regulatory:exempt|trial-only|not-permitted|unknown, plan-abroad, mixed-billing,
 * interpolated:N/M, stale-prices:N/M, stale-fx:CUR, oop-met-assumed, reused:N. */
char *sc_estimate_warning_codes(const sc_estimate_result *r, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
