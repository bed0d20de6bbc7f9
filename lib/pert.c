/* PERT distributions for the simulation: see lib/pert.h. */
#include <config.h>

#include "pert.h"

#include "stemcost/simulate.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>

void sc_pert_shape(double a, double m, double b, double *alpha, double *beta)
{
    if (!(b > a)) {
        *alpha = *beta = 1.0;
        return;
    }
    *alpha = 1.0 + 4.0 * (m - a) / (b - a);
    *beta = 1.0 + 4.0 * (b - m) / (b - a);
}

double sc_pert(void *rng, double a, double m, double b)
{
    if (!(b > a))
        return a;
    double alpha, beta;
    sc_pert_shape(a, m, b, &alpha, &beta);
    return a + (b - a) * gsl_ran_beta((gsl_rng *)rng, alpha, beta);
}

int sc_pert_table_init(sc_pert_table *t, double alpha, double beta)
{
    t->alpha = alpha;
    t->beta = beta;
    for (int k = 0; k <= SC_PERT_TABLE_STEPS; k++) {
        double z = -SC_PERT_TABLE_Z + 2.0 * SC_PERT_TABLE_Z * k / SC_PERT_TABLE_STEPS;
        double x = gsl_cdf_beta_Pinv(gsl_cdf_ugaussian_P(z), alpha, beta);
        if (!isfinite(x))
            return 0;
        t->x[k] = x < 0 ? 0 : x > 1 ? 1 : x;
    }
    /* Monotone by construction; rounding inside Pinv must not break it. */
    for (int k = 1; k <= SC_PERT_TABLE_STEPS; k++)
        if (t->x[k] < t->x[k - 1])
            t->x[k] = t->x[k - 1];
    return 1;
}

double sc_pert_table_at(const sc_pert_table *t, double z)
{
    double pos = (z + SC_PERT_TABLE_Z) * (SC_PERT_TABLE_STEPS / (2.0 * SC_PERT_TABLE_Z));
    if (pos <= 0)
        return t->x[0];
    if (pos >= SC_PERT_TABLE_STEPS)
        return t->x[SC_PERT_TABLE_STEPS];
    int k = (int)pos;
    double f = pos - k;
    return t->x[k] + f * (t->x[k + 1] - t->x[k]);
}

int sc_pert_discrete_init(sc_pert_discrete *d, int lo, int mode, int hi)
{
    if (hi < lo || mode < lo || mode > hi || hi - lo >= SC_PERT_DISCRETE_MAX)
        return 0;
    d->lo = lo;
    d->n = hi - lo + 1;
    if (hi == lo) {
        d->cdf[0] = 1.0;
        return 1;
    }
    double alpha, beta;
    sc_pert_shape(lo, mode, hi, &alpha, &beta);
    /* round(X) = k exactly when X is in [k - 0.5, k + 0.5) (X >= 0). */
    for (int k = 0; k < d->n; k++) {
        double upper = (k + 0.5) / (hi - lo);
        d->cdf[k] = upper >= 1 ? 1.0 : gsl_cdf_beta_P(upper, alpha, beta);
    }
    d->cdf[d->n - 1] = 1.0;
    return 1;
}

int sc_pert_discrete_draw(const sc_pert_discrete *d, double u)
{
    int k = 0;
    while (k < d->n - 1 && u >= d->cdf[k])
        k++;
    return d->lo + k;
}
