/* Internal to the pricing module. */
#ifndef STEMCOST_PRICING_INTERNAL_H
#define STEMCOST_PRICING_INTERNAL_H

#include "stemcost/pricing.h"

/* An item row's country, tier, procedure and condition as indices into the
 * model's arrays (-1 for "*"), set once the model is valid, so that matching
 * compares integers. */
typedef struct sc_item_key {
    int country, tier, procedure, condition;
    const sc_source *source;  /* the row of its source (NULL if the tables lack it) */
} sc_item_key;

struct sc_pricing {
    char *origin;  /* "built-in" or the directory it was loaded from */
    sc_table *raw[SC_T_COUNT];
    sc_source *sources;           size_t nsources;
    sc_country *countries;        size_t ncountries;
    sc_availability *availability; size_t navailability;
    sc_procedure *procedures;     size_t nprocedures;
    sc_condition *conditions;     size_t nconditions;
    sc_tier *tiers;               size_t ntiers;
    sc_item *items;               size_t nitems;
    sc_fx *fx;                    size_t nfx;
    sc_travel *travel;            size_t ntravel;
    sc_insurance *insurance;      size_t ninsurance;
    sc_plan *plans;               size_t nplans;
    sc_complication *complications; size_t ncomplications;
    sc_fee *fees;                 size_t nfees;
    sc_stay *stays;               size_t nstays;
    size_t nderived;              /* item rows derived from fee-schedule codes */
    char pricing_as_of[11];       /* the newest as-of date of any price row */
    /* Indexes built once the model is valid (lookups, not data): */
    sc_item_key *item_keys;       /* per item row: the indices it names */
    size_t *items_by_country;     /* item indices grouped by country */
    size_t *items_by_country_at;  /* ncountries + 1 offsets into items_by_country */
    const sc_fx *fx_newest[16];   /* the newest rate of each currency in fx.csv */
    size_t nfx_newest;
};

/* sc_confidence_grade with the source's row already found (NULL: none). */
char sc_grade_of(const sc_source *source, sc_basis basis, const char *as_of, const char *today);

/* pricing_names.c: the words of the enumerations, in enum order. */
extern const char *const sc_basis_names[3];
extern const char *const sc_category_names[SC_CAT_COUNT];
extern const char *const sc_unit_names[5];
extern const char *const sc_factor_level_names[3];
extern const char *const sc_reg_names[4];
extern const char *const sc_plan_kind_names[5];
extern const char *const sc_travel_kind_names[3];
extern const char *const sc_travel_unit_names[3];
extern const char *const sc_billing_names[2];
extern const char *const sc_grade_names[3];
#define SC_NNAMES(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Opens and reads one table from wherever the pricing data lives. */
typedef sc_status (*sc_table_opener)(void *ctx, sc_table_id id, sc_table **out, sc_error *err);

/* Read every table through `open`, convert and check it. */
sc_status sc_pricing_load_with(const char *origin, sc_table_opener open, void *ctx,
                               sc_pricing **out, sc_diags *diags);

/* Cross-table checks: unique IDs, references, FX coverage. */
void sc_pricing_cross_check(sc_pricing *p, sc_diags *d);

/* Item rows priced by a formula over fee-schedule codes: resolve the codes,
 * compute the amounts (filling empty ones, reporting written ones that
 * disagree), build the derivation text (fee_schedule.c). */
void sc_pricing_derive(sc_pricing *p, sc_diags *d);

/* Rules about the evidence behind the numbers (pricing_evidence.c): no row
 * dated after its source, interpolated ranges at least as wide as the method
 * says, evidence_conditions that name real conditions. */
void sc_pricing_check_evidence(sc_pricing *p, sc_diags *d);

/* Build the lookup indexes of a valid model (item indices by country, the
 * newest FX rate per currency). */
sc_status sc_pricing_index(sc_pricing *p);

/* The pricing CSV files compiled into the library (generated at build time). */
typedef struct sc_builtin_file {
    const char *name;            /* "items.csv" */
    const unsigned char *data;
    unsigned long size;
} sc_builtin_file;
extern const sc_builtin_file sc_builtin_files[];
extern const unsigned long sc_builtin_file_count;

#endif
