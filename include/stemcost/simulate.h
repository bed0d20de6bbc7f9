/* Monte Carlo out-of-pocket: the estimate as a distribution.
 *
 * Each draw reprices the estimate's episode: every line item's and travel
 * price from a PERT distribution on its low / typical / high (GSL's beta), the
 * number of sessions and the nights per visit from the procedure's spreads
 * (PERT, rounded to whole numbers), complications from the complications
 * table (a Bernoulli draw at the PERT mean of the chance, which is the same
 * distribution as drawing the chance first; if one happens its treatment cost
 * is PERT-distributed and paid out of pocket, untaxed and uninsured); then
 * the same tax, contingency and item-by-item insurance as sc_estimate, so a
 * deductible and an out-of-pocket maximum shape the result.
 *
 * Random numbers: GSL's mt19937, seeded with `seed` (SC_SIM_DEFAULT_SEED by
 * default, so reports reproduce).  Same seed, same tables: the same draws on
 * any machine.
 *
 * Ownership: sc_simulate() fills a caller struct; sc_sim_result_free()
 * releases its arrays. */
#ifndef STEMCOST_SIMULATE_H
#define STEMCOST_SIMULATE_H

#include <stddef.h>
#include <stdint.h>

#include "stemcost/estimate.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SC_SIM_DEFAULT_SEED 20261124UL
#define SC_SIM_DEFAULT_DRAWS 10000L
#define SC_SIM_MAX_DRAWS 10000000L /* 80 MB of draws: a clear error above */
#define SC_SIM_BINS 20

typedef struct sc_sim_bin {
    int64_t lower, upper; /* [lower, upper) in minor units of the display currency */
    size_t count;
} sc_sim_bin;

typedef struct sc_sim_result {
    const sc_currency *currency;
    long draws;
    unsigned long seed;
    int64_t mean, sd, min, max;  /* rounded to the minor unit; sd is the sample (n-1) sd */
    /* quantiles by linear interpolation between order statistics (GSL's
     * gsl_stats_quantile_from_sorted_data, R type 7), rounded to the minor unit */
    int64_t p5, p10, p25, p50, p75, p90, p95;
    sc_sim_bin bins[SC_SIM_BINS];
    size_t nbins;
    double *values;              /* the sorted draws (minor units); owned */
} sc_sim_result;

/* Run `draws` draws of the scenario.  Errors as sc_estimate's, plus --draws
 * out of range. */
sc_status sc_simulate(const sc_pricing *p, const sc_scenario *s, long draws, unsigned long seed,
                      sc_sim_result *r, sc_error *err);
void sc_sim_result_free(sc_sim_result *r);

/* Sort r->values (r->draws of them) and fill the statistics, percentiles and
 * histogram from them (GSL: gsl_sort, gsl_stats_*, gsl_histogram). */
void sc_sim_summarise(sc_sim_result *r);

/* One PERT(a, m, b) variate: a + (b - a) x Beta(1 + 4(m - a)/(b - a),
 * 1 + 4(b - m)/(b - a)); exactly a when a == b.  `rng` is a gsl_rng *. */
double sc_pert(void *rng, double a, double m, double b);

#ifdef __cplusplus
}
#endif
#endif
