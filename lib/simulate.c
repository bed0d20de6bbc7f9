/* Monte Carlo over the estimate: see include/stemcost/simulate.h. */
#include <config.h>

#include "stemcost/simulate.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_histogram.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "estimate_internal.h"

double sc_pert(void *rng, double a, double m, double b)
{
    if (!(b > a))
        return a;
    double alpha = 1.0 + 4.0 * (m - a) / (b - a);
    double beta = 1.0 + 4.0 * (b - m) / (b - a);
    return a + (b - a) * gsl_ran_beta((gsl_rng *)rng, alpha, beta);
}

/* A whole number from a PERT on [lo, hi] with mode mid, rounded to nearest. */
static int pert_int(gsl_rng *rng, int lo, int mid, int hi)
{
    return (int)lround(sc_pert(rng, lo, mid, hi));
}

/* A line's price, per unit, as a PERT draw in the price's minor units. */
static double draw_price(gsl_rng *rng, const sc_range *r)
{
    return sc_pert(rng, (double)r->low, (double)r->typical, (double)r->high);
}

typedef struct sim_complication {
    const sc_complication *row;
    /* A Bernoulli draw whose chance is itself PERT-distributed is, in
     * distribution, a Bernoulli draw at the PERT mean (a + 4m + b) / 6: one
     * uniform per draw instead of a beta and a uniform. */
    double chance;
    int64_t from_rate, to_rate; /* per USD, for converting its cost */
} sim_complication;

/* Per-line constants, computed once. */
typedef struct sim_line {
    const sc_range *price;
    const sc_currency *cur;
    int64_t from_rate, to_rate;
} sim_line;

/* One draw: reprice every line into `lines` (typical column) and return the
 * out-of-pocket total in display minor units. */
static sc_status one_draw(sc_estimate_result *e, sc_line *lines, const sim_line *sl,
                          const sim_complication *comps, size_t ncomps, gsl_rng *rng,
                          int64_t *oop, sc_error *err)
{
    const sc_procedure *proc = e->procedure;
    int sessions = pert_int(rng, proc->sessions_low, proc->sessions_typical, proc->sessions_high);
    int nights = e->nlines > e->nitems
                     ? pert_int(rng, proc->nights_low, proc->nights_typical, proc->nights_high)
                     : 0;
    int visits = proc->visits * sessions;
    int64_t treatment = 0, taxable = 0, travel = 0;
    for (size_t i = 0; i < e->nlines; i++) {
        sc_line *l = &lines[i];
        long units = l->item != NULL
                         ? sc_item_units(l->item->unit, e->sites, sessions, visits) *
                               l->item->quantity
                         : sc_travel_units(l->travel->unit, e->travelers, nights, visits);
        l->quantity = units;
        double local = draw_price(rng, sl[i].price) * (double)units;
        if (sc_money_convert((int64_t)llround(local), sl[i].cur, sl[i].from_rate, e->currency,
                             sl[i].to_rate, &l->amount.typical, err) != SC_OK)
            return SC_EINPUT;
        if (l->kind == SC_LINE_ITEM) {
            treatment += l->amount.typical;
            if (!l->covered)
                taxable += l->amount.typical;
        } else {
            travel += l->amount.typical;
        }
    }
    int64_t tax = sc_money_percent(taxable, e->tax_pct);
    int64_t base = treatment + tax + travel;
    int64_t total = base + sc_money_percent(base, e->contingency_pct);
    if (e->insurance_applies)
        total -= sc_insurance_apply(lines, e->nitems, &e->terms, 1);
    for (size_t k = 0; k < ncomps; k++) {
        if (gsl_rng_uniform(rng) < comps[k].chance) {
            const sc_complication *c = comps[k].row;
            int64_t cost;
            if (sc_money_convert((int64_t)llround(draw_price(rng, &c->cost)), c->currency,
                                 comps[k].from_rate, e->currency, comps[k].to_rate, &cost,
                                 err) != SC_OK)
                return SC_EINPUT;
            total += cost;
        }
    }
    *oop = total;
    return SC_OK;
}

/* The per-USD rates of `cur` and the display currency (recorded as used). */
static sc_status rates_for(const sc_pricing *p, sc_estimate_result *e, const sc_currency *cur,
                           int64_t *from, int64_t *to, sc_error *err)
{
    const sc_fx *f = sc_pricing_fx(p, cur), *t = sc_pricing_fx(p, e->currency);
    int64_t ignored;
    if (f == NULL || t == NULL)
        return sc_error_set(err, SC_EINPUT, "fx.csv", 0, 0, "no exchange rate for %s",
                            f == NULL ? cur->code : e->currency->code);
    *from = f->per_usd;
    *to = t->per_usd;
    return sc_estimate_convert(p, e, 0, cur, &ignored, err);
}

static int64_t to_minor(double v)
{
    return (int64_t)llround(v);
}

void sc_sim_summarise(sc_sim_result *r)
{
    double *v = r->values;
    size_t n = (size_t)r->draws;
    if (v == NULL || n == 0)
        return;
    gsl_sort(v, 1, n);
    r->mean = to_minor(gsl_stats_mean(v, 1, n));
    r->sd = n > 1 ? to_minor(gsl_stats_sd(v, 1, n)) : 0;
    r->min = to_minor(v[0]);
    r->max = to_minor(v[n - 1]);
    const double f[7] = {0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95};
    int64_t *out[7] = {&r->p5, &r->p10, &r->p25, &r->p50, &r->p75, &r->p90, &r->p95};
    for (int i = 0; i < 7; i++)
        *out[i] = to_minor(gsl_stats_quantile_from_sorted_data(v, 1, n, f[i]));
    /* Histogram bins are [lower, upper): the top is nudged up so the maximum
     * is counted (GSL drops a value equal to the upper end). */
    double lo = v[0], hi = nextafter(v[n - 1], INFINITY);
    size_t bins = (v[n - 1] > v[0]) ? SC_SIM_BINS : 1;
    gsl_histogram *h = gsl_histogram_alloc(bins);
    if (h == NULL)
        return;
    gsl_histogram_set_ranges_uniform(h, lo, hi);
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
}

sc_status sc_simulate(const sc_pricing *p, const sc_scenario *s, long draws, unsigned long seed,
                      sc_sim_result *r, sc_error *err)
{
    memset(r, 0, sizeof *r);
    if (draws < 1 || draws > SC_SIM_MAX_DRAWS)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "draws","must be from 1 to %ld",
                            SC_SIM_MAX_DRAWS);
    gsl_set_error_handler_off(); /* report, never abort */
    sc_estimate_result e;
    if (sc_estimate(p, s, &e, err) != SC_OK)
        return err->status;
    sc_status st = SC_OK;
    sim_complication *comps = calloc(p->ncomplications + 1, sizeof *comps);
    sc_line *lines = malloc((e.nlines + 1) * sizeof *lines);
    sim_line *sl = calloc(e.nlines + 1, sizeof *sl);
    r->values = malloc((size_t)draws * sizeof *r->values);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (comps == NULL || lines == NULL || sl == NULL || r->values == NULL || rng == NULL) {
        st = sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory for %ld draws", draws);
        goto done;
    }
    gsl_rng_set(rng, seed);
    size_t ncomps = 0;
    for (size_t i = 0; i < p->ncomplications; i++) {
        const sc_complication *c = &p->complications[i];
        if ((strcmp(c->procedure, "*") == 0 || strcmp(c->procedure, e.procedure->id) == 0) &&
            (strcmp(c->country, "*") == 0 || strcasecmp(c->country, e.country->id) == 0)) {
            comps[ncomps].row = c;
            /* probabilities are percent x 10^4 (1.5 % is 15000): a fraction of 10^6 */
            comps[ncomps].chance =
                ((double)c->prob_low + 4.0 * c->prob_typical + c->prob_high) / 6.0 / 1e6;
            if ((st = rates_for(p, &e, c->currency, &comps[ncomps].from_rate,
                                &comps[ncomps].to_rate, err)) != SC_OK)
                goto done;
            ncomps++;
        }
    }
    memcpy(lines, e.lines, e.nlines * sizeof *lines);
    for (size_t i = 0; i < e.nlines; i++) {
        sl[i].price = lines[i].item ? &lines[i].item->price : &lines[i].travel->price;
        sl[i].cur = lines[i].item ? lines[i].item->currency : lines[i].travel->currency;
        if ((st = rates_for(p, &e, sl[i].cur, &sl[i].from_rate, &sl[i].to_rate, err)) != SC_OK)
            goto done;
    }
    r->currency = e.currency;
    r->draws = draws;
    r->seed = seed;
    for (long d = 0; d < draws; d++) {
        int64_t oop;
        if ((st = one_draw(&e, lines, sl, comps, ncomps, rng, &oop, err)) != SC_OK)
            goto done;
        r->values[d] = (double)oop;
    }
    sc_sim_summarise(r);
done:
    if (rng != NULL)
        gsl_rng_free(rng);
    free(lines);
    free(sl);
    free(comps);
    sc_estimate_result_free(&e);
    if (st != SC_OK)
        sc_sim_result_free(r);
    return st;
}

void sc_sim_result_free(sc_sim_result *r)
{
    free(r->values);
    r->values = NULL;
}
