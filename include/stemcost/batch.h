/* Batch: a stream of scenario rows through the estimate into a CSV report.
 *
 * The input is a CSV whose columns are named after the estimate options
 * (procedure, condition, country, tier, sites, sessions, home, travelers,
 * insurance, deductible, deductible_met, coinsurance, copay, oop_max, oop_met,
 * contingency, currency; procedure, condition and country are required, the
 * rest may be absent or blank; other columns are carried through).  Each
 * input row gives one output row, in order: the input columns as given, then
 * SC_BATCH_RESULT_COLUMNS (and p10, p50, p90 with percentiles).  A row that
 * fails gets its message in `error` and blank results; the run goes on unless
 * fail_fast.
 *
 * Memory is constant whatever the input size: rows are read with libcsv
 * incrementally and written as they are done.
 */
#ifndef STEMCOST_BATCH_H
#define STEMCOST_BATCH_H

#include <stdio.h>

#include "stemcost/estimate.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SC_BATCH_RESULT_COLUMNS                                                              \
    "treatment_low", "treatment_typical", "treatment_high", "tax_typical", "travel_typical", \
        "insurance_pays_typical", "out_of_pocket_low", "out_of_pocket_typical",              \
        "out_of_pocket_high", "currency", "warnings", "error"

typedef struct sc_batch_options {
    const char *today;       /* YYYY-MM-DD for staleness warnings */
    int fail_fast;           /* stop at the first bad row */
    int percentiles;         /* add simulated p10 / p50 / p90 per row */
    long draws;
    unsigned long seed;
    /* Called now and then (every few thousand rows) with the rows done; may be NULL. */
    void (*progress)(void *ctx, long rows);
    void *progress_ctx;
} sc_batch_options;

typedef struct sc_batch_stats {
    long rows;    /* data rows read */
    long failed;  /* rows with an error */
} sc_batch_stats;

/* Run the batch.  Returns SC_OK when the input was read to the end (rows may
 * still have failed: see stats->failed); an error for an input that cannot be
 * read as CSV, lacks a required column, or (fail_fast) a bad row, with the
 * location in *err. */
sc_status sc_batch_run(const sc_pricing *p, FILE *in, const char *name, FILE *out,
                       const sc_batch_options *o, sc_batch_stats *stats, sc_error *err);

#ifdef __cplusplus
}
#endif
#endif
