/* Monte Carlo out-of-pocket: the estimate as a distribution.
 *
 * The simulation prepares the estimate once (the same resolved scenario and
 * the same priced, converted lines) and, per draw, varies only what the
 * scenario leaves open:
 *   - each line's price: a PERT distribution on its low / typical / high
 *     amount (for the draw's quantity), drawn as the line's position between
 *     its low and high amounts;
 *   - prices of one clinic move together: the positions of the treatment
 *     lines are joined by a Gaussian copula with correlation
 *     SC_SIM_CLINIC_CORRELATION (a clinic that is dear for one item tends to be
 *     dear for the others); travel lines vary on their own;
 *   - the number of sessions (only when --sessions was not given) and the
 *     nights per visit: PERT on the procedure's (or route's) spread, rounded
 *     to whole numbers;
 *   - complications: one Bernoulli draw at the PERT mean of the chance (the
 *     same distribution as drawing the chance first); if one happens its cost
 *     is PERT-distributed and paid through the plan, after the episode;
 * then every draw goes through the estimate's one totals function
 * (sc_totals_column): the same tax, insurance, contingency.
 *
 * So every draw lies within the estimate's low..high out-of-pocket, plus the
 * complication cost when one is drawn.  The percentiles are narrower than
 * low..high, which prices every line at its extreme at once.
 *
 * Random numbers: GSL's mt19937, seeded with `seed` (SC_SIM_DEFAULT_SEED by
 * default, so reports reproduce).  Same seed, same tables: the same draws.
 *
 * Ownership: sc_simulate() fills a caller struct; sc_sim_result_free()
 * releases its arrays.  `err` may be NULL. */
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
/* The correlation of the normal scores behind two treatment lines' prices
 * (an assumption of the project's method, SC-METHOD: no source measures it;
 * 0 would make a clinic's prices independent, 1 would tie them). */
#define SC_SIM_CLINIC_CORRELATION 0.6

typedef struct sc_sim_bin {
    int64_t lower, upper; /* [lower, upper) in minor units of the display currency */
    size_t count;
} sc_sim_bin;

typedef struct sc_sim_result {
    const sc_currency *currency;
    long draws;
    unsigned long seed;
    int64_t mean, sd, min, max;  /* rounded to the minor unit; sd is the sample (n-1) sd */
    /* quantiles by linear interpolation between order statistics (R type 7,
     * as gsl_stats_quantile_from_sorted_data), rounded to the minor unit */
    int64_t p5, p10, p25, p50, p75, p90, p95;
    sc_sim_bin bins[SC_SIM_BINS];
    size_t nbins;
    sc_range range;              /* the estimate's low / typical / high out of pocket */
    long complications;          /* draws in which a complication happened */
    double *values;              /* the draws (minor units), in no particular order; owned */
} sc_sim_result;

/* Run `draws` draws of the scenario.  Errors as sc_estimate's, plus the
 * field "draws" out of range. */
sc_status sc_simulate(const sc_pricing *p, const sc_scenario *s, long draws, unsigned long seed,
                      sc_sim_result *r, sc_error *err);
/* The same from a resolved scenario. */
sc_status sc_simulate_resolved(const sc_pricing *p, const sc_resolved *s, long draws,
                               unsigned long seed, sc_sim_result *r, sc_error *err);
void sc_sim_result_free(sc_sim_result *r);

/* Fill the statistics, percentiles and histogram from r->values (r->draws of
 * them; reordered): GSL's mean, sd, minmax, select and histogram. */
sc_status sc_sim_summarise(sc_sim_result *r, sc_error *err);

/* One PERT(a, m, b) variate: a + (b - a) x Beta(1 + 4(m - a)/(b - a),
 * 1 + 4(b - m)/(b - a)); exactly a when a == b.  `rng` is a gsl_rng *. */
double sc_pert(void *rng, double a, double m, double b);

#ifdef __cplusplus
}
#endif
#endif
