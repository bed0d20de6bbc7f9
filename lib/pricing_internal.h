/* Internal to the pricing module. */
#ifndef STEMCOST_PRICING_INTERNAL_H
#define STEMCOST_PRICING_INTERNAL_H

#include "stemcost/pricing.h"

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
