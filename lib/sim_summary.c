/* Summary statistics of simulated draws: GSL's mean, sample sd, min/max,
 * order statistics by selection, and a histogram.
 *
 * Percentiles are R's type 7 (numpy's default, and GSL's
 * gsl_stats_quantile_from_sorted_data): with h = (n - 1) f, the value
 * x(floor h) + (h - floor h) (x(floor h + 1) - x(floor h)) of the sorted
 * draws.  The order statistics needed are found with gsl_stats_select, which
 * leaves the array partitioned around the k-th value (smaller before, larger
 * after), so each next one is selected from what lies after the previous:
 * no full sort. */
#include <config.h>

#include "stemcost/simulate.h"

#include <gsl/gsl_histogram.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>

static int64_t to_minor(double v)
{
    return (int64_t)llround(v);
}

#define NPCT 7

/* Order statistics asked for in non-decreasing order. */
typedef struct selection {
    double *v;
    size_t n;
    size_t start;       /* v[0 .. start) are the start smallest draws */
    size_t known_k[2];  /* the last two selected positions and values */
    double known_x[2];
} selection;

static double order_stat(selection *s, size_t q)
{
    for (int j = 0; j < 2; j++)
        if (s->known_k[j] == q)
            return s->known_x[j];
    double x = gsl_stats_select(s->v + s->start, 1, s->n - s->start, q - s->start);
    s->start = q + 1;
    s->known_k[0] = s->known_k[1];
    s->known_x[0] = s->known_x[1];
    s->known_k[1] = q;
    s->known_x[1] = x;
    return x;
}

sc_status sc_sim_summarise(sc_sim_result *r, sc_error *err)
{
    double *v = r->values;
    size_t n = (size_t)r->draws;
    if (v == NULL || n == 0)
        return sc_error_set(err, SC_EINPUT, NULL, 0, 0, "no draws to summarise");
    double mean = gsl_stats_mean(v, 1, n);
    r->mean = to_minor(mean);
    r->sd = n > 1 ? to_minor(gsl_stats_sd_m(v, 1, n, mean)) : 0;
    double lo, hi;
    gsl_stats_minmax(&lo, &hi, v, 1, n);
    r->min = to_minor(lo);
    r->max = to_minor(hi);

    /* Histogram bins are [lower, upper): the top is nudged up so the maximum
     * is counted (GSL drops a value equal to the upper end).  Filled before
     * selection reorders the draws (the order does not matter to it). */
    size_t bins = hi > lo ? SC_SIM_BINS : 1;
    gsl_histogram *h = gsl_histogram_alloc(bins);
    if (h == NULL)
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    gsl_histogram_set_ranges_uniform(h, lo, nextafter(hi, INFINITY));
    for (size_t i = 0; i < n; i++)
        gsl_histogram_increment(h, v[i]);
    r->nbins = bins;
    for (size_t b = 0; b < bins; b++) {
        double a, z;
        gsl_histogram_get_range(h, b, &a, &z);
        r->bins[b].lower = to_minor(a);
        r->bins[b].upper = to_minor(z);
        r->bins[b].count = (size_t)gsl_histogram_get(h, b);
    }
    gsl_histogram_free(h);

    static const double f[NPCT] = {0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95};
    int64_t *out[NPCT] = {&r->p5, &r->p10, &r->p25, &r->p50, &r->p75, &r->p90, &r->p95};
    selection sel = {v, n, 0, {(size_t)-1, (size_t)-1}, {0, 0}};
    for (int i = 0; i < NPCT; i++) {
        double pos = (double)(n - 1) * f[i];
        size_t k = (size_t)floor(pos);
        double frac = pos - (double)k;
        double xk = order_stat(&sel, k);
        double x = frac > 0 && k + 1 < n ? xk + frac * (order_stat(&sel, k + 1) - xk) : xk;
        *out[i] = to_minor(x);
    }
    return SC_OK;
}
