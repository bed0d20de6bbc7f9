/* Batch: a stream of scenario rows through the estimate into a CSV report.
 *
 * The input is a CSV whose columns are named after the estimate options
 * (procedure, condition, country, tier, sites, sessions, home, travelers,
 * insurance, deductible, deductible_met, coinsurance, copay, oop_max, oop_met,
 * contingency, currency; procedure, condition and country are required, the
 * rest may be absent or blank; surrounding spaces in them are ignored).  Each
 * input row gives one output row, in order: the input columns exactly as
 * given (byte for byte: spaces, quotes and line breaks inside quoted fields
 * are kept; a field is quoted when it needs it), then SC_BATCH_RESULT_COLUMNS
 * (and p10, p50, p90 with percentiles).  A row that fails gets its message
 * in `error` and blank results; the run goes on unless fail_fast.
 *
 * Each row takes the estimate's one path (resolve, prepare, finish): the
 * prepared episode of a (procedure, condition, country, home, tier, sites,
 * sessions, travelers, insurance, currency) combination is kept in a
 * fixed-size table and reused, so a row usually costs only its plan's
 * amounts and the totals.  Memory is constant whatever the input size: rows
 * are read with libcsv incrementally and written as they are done.
 */
#ifndef STEMCOST_BATCH_H
#define STEMCOST_BATCH_H

#include <stdio.h>

#include "stemcost/estimate.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The columns add up: out_of_pocket = treatment + tax + travel -
 * insurance_pays + contingency (typical); interpolated_pct is the share of the
 * typical out of pocket resting on interpolated prices; complication_pct and
 * complication_expected are the complication risk (see estimate.h). */
#define SC_BATCH_RESULT_COLUMNS                                                              \
    "treatment_low", "treatment_typical", "treatment_high", "tax_typical", "travel_typical", \
        "insurance_pays_typical", "contingency_typical", "out_of_pocket_low",                \
        "out_of_pocket_typical", "out_of_pocket_high", "result_currency", "interpolated_pct",\
        "complication_pct", "complication_expected", "warnings", "error"

typedef struct sc_batch_options {
    const char *today;       /* YYYY-MM-DD for staleness warnings */
    int fail_fast;           /* stop at the first bad row */
    int percentiles;         /* add simulated p10 / p50 / p90 per row */
    long draws;
    unsigned long seed;
    char delimiter;          /* of the input and the report: 0 or ',', ';', '\t' */
    /* Called now and then (every few thousand rows) with the rows done; may be NULL. */
    void (*progress)(void *ctx, long rows);
    void *progress_ctx;
    const char *output_name; /* the report's name in messages (NULL: "the report") */
} sc_batch_options;

typedef struct sc_batch_stats {
    long rows;    /* data rows read */
    long failed;  /* rows with an error */
} sc_batch_stats;

/* Run the batch.  Returns SC_OK when the input was read to the end (rows may
 * still have failed: see stats->failed); an error for an input that cannot be
 * read as CSV, lacks a required column, or (fail_fast) a bad row, with the
 * location in *err; SC_EIO when the report cannot be written (naming
 * output_name), SC_ENOMEM out of memory. */
sc_status sc_batch_run(const sc_pricing *p, FILE *in, const char *name, FILE *out,
                       const sc_batch_options *o, sc_batch_stats *stats, sc_error *err);

#ifdef __cplusplus
}
#endif
#endif
