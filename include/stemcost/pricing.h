/* The pricing model: typed, validated contents of a pricing directory.
 *
 * Tables (one CSV file each; columns documented in pricing/README.md):
 *   sources, countries, availability, procedures, conditions, tiers, items,
 *   fx, travel, insurance, plans, complications, and two optional tables
 *   (a directory without them loads as if they were empty): fee-schedules
 *   (official fee-schedule codes that item rows may derive their price from)
 *   and stays (nights away per visit that depend on the route).
 *
 * Loading reads every table, checks every cell and every cross-reference, and
 * collects *all* problems into an sc_diags list (`stemcost validate` prints
 * them).  A model with any error diagnostic is not returned.
 *
 * Ownership: sc_pricing_load*() allocate the model; free it with
 * sc_pricing_free().  All strings and arrays inside belong to the model.
 */
#ifndef STEMCOST_PRICING_H
#define STEMCOST_PRICING_H

#include <stdint.h>

#include "stemcost/error.h"
#include "stemcost/money.h"
#include "stemcost/table.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Evidence behind a number. */
typedef enum sc_basis {
    SC_BASIS_SOURCED,      /* stated in the cited source */
    SC_BASIS_DERIVED,      /* computed from sourced numbers (FX, ratio, split) */
    SC_BASIS_INTERPOLATED  /* an assumption or interpolation; no source states it */
} sc_basis;

/* Line-item categories, in the order a bill lists them. */
typedef enum sc_category {
    SC_CAT_CONSULTATION,
    SC_CAT_IMAGING,
    SC_CAT_LABS,
    SC_CAT_HARVEST,
    SC_CAT_PROCESSING,  /* cell processing, or the cell product itself */
    SC_CAT_INJECTION,   /* injection with image guidance */
    SC_CAT_FACILITY,
    SC_CAT_FOLLOW_UP,
    SC_CAT_COUNT
} sc_category;

/* What a line item's price is per. */
typedef enum sc_unit {
    SC_UNIT_EPISODE,      /* once per course of treatment */
    SC_UNIT_SESSION,      /* once per treatment session */
    SC_UNIT_SITE,         /* per treated site (joint, spinal level, tendon) per session */
    SC_UNIT_VISIT,        /* per trip to the clinic (two for culture-expanded cells) */
    SC_UNIT_SITE_EPISODE  /* once per treated site per course (an MRI of each treated knee):
                             units = sites */
} sc_unit;

/* Which factor of a fee-schedule code's range a derived price uses
 * (GOÄ § 5: the simple rate, the threshold, the maximum). */
typedef enum sc_factor_level {
    SC_FACTOR_MIN,
    SC_FACTOR_THRESHOLD,
    SC_FACTOR_MAX
} sc_factor_level;

typedef enum sc_status_reg {
    SC_REG_APPROVED,      /* an authorised product or procedure */
    SC_REG_EXEMPT,        /* lawfully marketed under an exemption or notified plan */
    SC_REG_TRIAL_ONLY,    /* lawful only inside an authorised clinical trial */
    SC_REG_NOT_PERMITTED  /* not lawfully offered (sold anyway by some clinics) */
} sc_status_reg;

typedef enum sc_plan_kind {
    SC_PLAN_CASH,
    SC_PLAN_INSTALMENT,  /* clinic plan: deposit + equal monthly payments */
    SC_PLAN_DEFERRED,    /* deferred-interest promotion */
    SC_PLAN_FIXED,       /* reduced-APR fixed payments */
    SC_PLAN_LOAN         /* personal loan, usually with an origination fee */
} sc_plan_kind;

typedef enum sc_travel_kind { SC_TRAVEL_AIRFARE, SC_TRAVEL_LODGING, SC_TRAVEL_LOCAL } sc_travel_kind;
typedef enum sc_travel_unit {
    SC_TUNIT_TRAVELER_TRIP,   /* per traveller per visit (a round trip) */
    SC_TUNIT_NIGHT,           /* per night, shared by the party */
    SC_TUNIT_TRAVELER_NIGHT   /* per traveller per night */
} sc_travel_unit;

/* low <= typical <= high, in minor units of `currency`. */
typedef struct sc_range {
    int64_t low, typical, high;
} sc_range;

typedef struct sc_source {
    char *id, *title, *publisher, *address, *date, *grade;
} sc_source;

typedef struct sc_country {
    char *id, *name;
    const sc_currency *currency;
    int64_t self_pay_tax_pct;  /* hundredths of a percent; 0 if self-pay care is untaxed */
    char *tax_note;
    int mixed_billing_banned;  /* one uninsured item makes the whole course self-pay */
    char *source;
} sc_country;

typedef struct sc_procedure {
    char *id, *name, *cell_source;
    int autologous, culture_expanded;
    int visits;                  /* trips needed per session */
    int sessions_low, sessions_typical, sessions_high;
    int nights_low, nights_typical, nights_high; /* nights away per visit, when travelling */
    char *us_codes, *code_note, *source;
    /* What a quote for it usually leaves out (optional column not_included,
     * ';'-separated), and a note on the evidence a patient should weigh
     * (optional column evidence_note, citing its source). */
    char **not_included;
    size_t nnot_included;
    char *evidence_note;
} sc_procedure;

typedef struct sc_condition {
    char *id, *name, *icd10cm, *site_unit;
    int max_sites;
    char **procedures;  /* procedure IDs this condition is treated with */
    size_t nprocedures;
    char *source;
} sc_condition;

typedef struct sc_tier {
    char *id, *name, *description;
} sc_tier;

typedef struct sc_availability {
    char *country, *procedure;
    sc_status_reg status;
    char *note, *source, *as_of;
} sc_availability;

/* One code of an official fee schedule (fee-schedules.csv).  The fee at a
 * factor f is points x unit_value x f (a points schedule: GOÄ points, Medicare
 * RVUs, Japanese NHI points) or amount x f (an amount schedule: CGHS rates),
 * rounded once to the currency's minor unit, half away from zero (GOÄ § 5
 * Abs. 1 rounds so; it is also the project's invoice convention). */
typedef struct sc_fee {
    char *schedule;       /* ID, e.g. "GOAE", "US-PFS-2026" */
    char *schedule_name;  /* as printed in derivations, e.g. "GOÄ" */
    char *code, *description, *section;
    int64_t points;       /* scaled by 10^SC_FEE_POINT_DECIMALS; -1 for an amount schedule */
    char *points_unit;    /* "pts", "RVU" */
    int64_t unit_value;   /* major units of `currency` per point, scaled by
                             10^SC_FEE_UNIT_DECIMALS; 0 for an amount schedule */
    int64_t amount;       /* fee at factor 1 in minor units (amount schedules); -1 otherwise */
    const sc_currency *currency;
    int64_t factor[3];    /* by sc_factor_level, scaled by 10^SC_FEE_FACTOR_DECIMALS */
    char *edition;        /* date of the schedule's version */
    sc_basis basis;
    char *source, *as_of; /* as_of: when the source shows this version in force */
} sc_fee;

#define SC_FEE_POINT_DECIMALS 2
#define SC_FEE_UNIT_DECIMALS 7
#define SC_FEE_FACTOR_DECIMALS 2

/* One term of a derived price: `quantity` x the fee of `fee`. */
typedef struct sc_fee_term {
    const sc_fee *fee;
    int quantity;
} sc_fee_term;

typedef struct sc_item {
    char *country;
    char *tier;       /* a tier ID or "*" (any tier) */
    char *procedure;  /* a procedure ID or "*" (any procedure) */
    char *condition;  /* a condition ID or "*" (any condition) */
    sc_category category;
    char *description, *code;
    sc_unit unit;
    int quantity;     /* count per unit */
    sc_range price;
    const sc_currency *currency;
    sc_basis basis;
    char *source, *as_of, *notes;
    long line;        /* where it came from, for messages */
    /* A derived row states its price as fee-schedule codes (column `formula`,
     * "GOAE:5729 + GOAE:5731 + GOAE:5733") at a factor level per amount
     * (column `factors`, "min/threshold/max" for low/typical/high); the loader
     * computes the amounts and checks any written ones.  NULL / 0 otherwise. */
    char *formula;
    sc_factor_level factors[3];
    sc_fee_term *terms;
    size_t nterms;
    /* NULL unless the row is derived from fee-schedule codes; otherwise the
     * arithmetic in words for the typical amount and the factors for low and
     * high: "GOÄ 5729: 2400 pts x EUR 0.0582873 x 1.8 = EUR 251.80; ...". */
    char *derivation;
    /* The conditions the row's evidence priced (column `evidence_conditions`):
     * every condition when evidence_any (a "*" cell, or an empty cell or absent
     * column, which make no narrower claim), else the `nevidence` IDs. */
    int evidence_any;
    char **evidence;
    size_t nevidence;
} sc_item;

typedef struct sc_fx {
    const sc_currency *currency;
    int64_t per_usd;  /* scaled by SC_RATE_SCALE */
    char *as_of, *source;
    sc_basis basis;
} sc_fx;

typedef struct sc_travel {
    char *origin;       /* home country, or "*" for lodging and local costs */
    char *destination;
    sc_travel_kind kind;
    sc_travel_unit unit;
    sc_range price;
    const sc_currency *currency;
    sc_basis basis;
    char *source, *as_of;
} sc_travel;

typedef struct sc_insurance {
    char *id, *name, *country;  /* country "*" for self-pay */
    unsigned covers;            /* bit (1u << sc_category) per covered category */
    int64_t deductible, copay, oop_max; /* minor units of currency; oop_max 0 = none */
    int64_t coinsurance_pct;    /* hundredths of a percent the patient pays */
    unsigned copay_applies;     /* categories charged a copay per unit */
    const sc_currency *currency;
    char *source;
    sc_basis basis;
} sc_insurance;

typedef struct sc_plan {
    char *id, *name;
    sc_plan_kind kind;
    int64_t apr_pct;            /* hundredths of a percent */
    int months, promo_months;
    int64_t standard_apr_pct;   /* after a deferred-interest promotion */
    int64_t deposit_pct, fee_pct;
    int64_t min_amount, min_payment;
    const sc_currency *currency;
    char *source;
    sc_basis basis;
} sc_plan;

/* The chance of a serious adverse event per course of one procedure, and what
 * treating it is billed in a country (payments, not gross hospital charges).
 * `basis` and `source` are the cost's; the probability has its own (columns
 * probability_basis and probability_source, which default to the cost's). */
typedef struct sc_complication {
    char *id, *procedure, *country, *description;
    int64_t prob_low, prob_typical, prob_high; /* per episode, in 10^-4 percent units */
    sc_basis prob_basis;
    char *prob_source;
    sc_range cost;
    const sc_currency *currency;
    sc_basis basis;
    char *source, *as_of;
} sc_complication;

/* Nights away per visit on a route (stays.csv), when they differ from the
 * procedure's own (procedures.csv): a long-haul trip for treatment abroad is
 * longer than the procedure needs (India: 7-10 days for medical travellers,
 * S30). */
typedef struct sc_stay {
    char *origin;       /* the patient's home country, or "*" for any home abroad */
    char *destination;  /* the treatment country */
    char *procedure;    /* a procedure ID or "*" */
    int nights_low, nights_typical, nights_high;
    sc_basis basis;
    char *source, *as_of;
} sc_stay;

/* Probabilities are percentages with up to four decimals ("1.5" -> 15000). */
#define SC_PROB_DECIMALS 4

/* The raw tables, in the order `stemcost list` knows them. */
typedef enum sc_table_id {
    SC_T_SOURCES,
    SC_T_COUNTRIES,
    SC_T_AVAILABILITY,
    SC_T_PROCEDURES,
    SC_T_CONDITIONS,
    SC_T_TIERS,
    SC_T_ITEMS,
    SC_T_FX,
    SC_T_TRAVEL,
    SC_T_INSURANCE,
    SC_T_PLANS,
    SC_T_COMPLICATIONS,
    SC_T_FEE_SCHEDULES,  /* optional */
    SC_T_STAYS,          /* optional */
    SC_T_COUNT
} sc_table_id;

/* The model is opaque: its tables are read through the functions below, its
 * indexes stay inside the library (so they can change without breaking
 * programs built against it). */
typedef struct sc_pricing sc_pricing;

/* Rows of a table in the model (for SC_T_ITEMS: price rows; fee schedules:
 * codes), and the i-th row of each (NULL past the end). */
size_t sc_pricing_count(const sc_pricing *p, sc_table_id t);
const sc_source *sc_pricing_source_at(const sc_pricing *p, size_t i);
const sc_country *sc_pricing_country_at(const sc_pricing *p, size_t i);
const sc_availability *sc_pricing_availability_at(const sc_pricing *p, size_t i);
const sc_procedure *sc_pricing_procedure_at(const sc_pricing *p, size_t i);
const sc_condition *sc_pricing_condition_at(const sc_pricing *p, size_t i);
const sc_tier *sc_pricing_tier_at(const sc_pricing *p, size_t i);
const sc_item *sc_pricing_item_at(const sc_pricing *p, size_t i);
const sc_fx *sc_pricing_fx_at(const sc_pricing *p, size_t i);
const sc_travel *sc_pricing_travel_at(const sc_pricing *p, size_t i);
const sc_insurance *sc_pricing_insurance_at(const sc_pricing *p, size_t i);
const sc_plan *sc_pricing_plan_at(const sc_pricing *p, size_t i);
const sc_complication *sc_pricing_complication_at(const sc_pricing *p, size_t i);
const sc_fee *sc_pricing_fee_at(const sc_pricing *p, size_t i);
const sc_stay *sc_pricing_stay_at(const sc_pricing *p, size_t i);
/* Where the model came from ("built-in" or a directory), the newest as-of
 * date of any price row, and how many item rows are derived from fee codes. */
const char *sc_pricing_origin(const sc_pricing *p);
const char *sc_pricing_as_of(const sc_pricing *p);
size_t sc_pricing_derived_count(const sc_pricing *p);
/* The raw table (the file's cells as read), for `stemcost list`. */
const sc_table *sc_pricing_table(const sc_pricing *p, sc_table_id t);


/* Name of a table ("items", "fee-schedules"); its file is the name + ".csv". */
const char *sc_table_name(sc_table_id id);
/* Whether a directory may leave the table out (it then loads empty). */
int sc_table_optional(sc_table_id id);
/* Look up a table by name; -1 if unknown. */
int sc_table_lookup(const char *name);

/* Columns a table must have, NULL-terminated; and whether a column holds money
 * or another number (for typed JSON output). */
const char *const *sc_table_columns(sc_table_id id);
typedef enum sc_column_kind { SC_COL_TEXT, SC_COL_NUMBER, SC_COL_MONEY } sc_column_kind;
sc_column_kind sc_table_column_kind(sc_table_id id, const char *column);
/* For a money column: the name of the column holding its currency. */
const char *sc_table_money_currency_column(sc_table_id id);

/* Load from a directory of CSV files.  Returns SC_OK with *out set when there
 * are no errors; otherwise SC_EINPUT, with every problem in *diags. */
sc_status sc_pricing_load_dir(const char *dir, sc_pricing **out, sc_diags *diags);

/* Load the tables compiled into the library (the default). */
sc_status sc_pricing_load_builtin(sc_pricing **out, sc_diags *diags);

void sc_pricing_free(sc_pricing *p);

/* Lookups (case-insensitive for country and currency codes); NULL if absent. */
const sc_country *sc_pricing_country(const sc_pricing *p, const char *id);
const sc_procedure *sc_pricing_procedure(const sc_pricing *p, const char *id);
const sc_condition *sc_pricing_condition(const sc_pricing *p, const char *id);
const sc_tier *sc_pricing_tier(const sc_pricing *p, const char *id);
const sc_insurance *sc_pricing_insurance(const sc_pricing *p, const char *id);
const sc_plan *sc_pricing_plan(const sc_pricing *p, const char *id);
const sc_source *sc_pricing_source(const sc_pricing *p, const char *id);
const sc_availability *sc_pricing_availability(const sc_pricing *p, const char *country,
                                               const char *procedure);
/* The newest FX row for a currency (USD is 1 by definition and needs no row). */
const sc_fx *sc_pricing_fx(const sc_pricing *p, const sc_currency *cur);

/* A fee-schedule code ("GOAE", "5729"); NULL if absent. */
const sc_fee *sc_pricing_fee(const sc_pricing *p, const char *schedule, const char *code);

/* The fee of `f` at a factor level, in minor units of f->currency: exact
 * integer arithmetic, rounded once (see sc_fee).  SC_EINPUT beyond
 * SC_MONEY_MAX. */
sc_status sc_fee_amount(const sc_fee *f, sc_factor_level level, int64_t *out, sc_error *err);

/* The nights away per visit for a trip from `home` to `dest` for `proc`: the
 * most specific row of stays.csv (one naming the procedure outranks one naming
 * the origin, which outranks "*" for both), or NULL when no row applies or
 * home is dest (no trip); the estimate then uses the procedure's nights. */
const sc_stay *sc_pricing_stay(const sc_pricing *p, const sc_country *home,
                               const sc_country *dest, const sc_procedure *proc);

/* 1 when the row's evidence priced condition `c`: a row naming c, or a "*" row
 * whose evidence_conditions cover c; 0 when the row is reused for a condition
 * its source did not price (the estimate then counts that line as
 * interpolated), or names another condition. */
int sc_item_priced_for(const sc_item *it, const sc_condition *c);

/* Years after which a price's confidence drops one grade (sc_confidence_grade). */
#define SC_GRADE_AGE_YEARS 2

/* A line's confidence grade, 'A', 'B' or 'C' (pricing/README.md, "Confidence
 * grades"): the grade of its source in sources.csv ('C' for a source without
 * one); 'C' for an interpolated number; one grade lower (at most 'C') when its
 * as_of is more than SC_GRADE_AGE_YEARS years before `today` (YYYY-MM-DD).
 * Pass the line's basis, which may be weaker than its row's (a row reused for
 * a condition its evidence did not price is interpolated there). */
char sc_confidence_grade(const sc_pricing *p, sc_basis basis, const char *source,
                         const char *as_of, const char *today);

/* A checksum of the pricing tables in use (FNV-1a, 64 bits, over every cell
 * of every table in order), as 16 hex digits: recorded with each quote. */
void sc_pricing_checksum(const sc_pricing *p, char out[17]);

const char *sc_category_name(sc_category c);
const char *sc_unit_name(sc_unit u);
const char *sc_basis_name(sc_basis b);
const char *sc_reg_status_name(sc_status_reg s);
const char *sc_plan_kind_name(sc_plan_kind k);
const char *sc_factor_level_name(sc_factor_level l);

#ifdef __cplusplus
}
#endif
#endif
