/* Internal: PERT distributions as the simulation draws them.
 *
 * PERT(a, m, b) = a + (b - a) x Beta(alpha, beta) with alpha = 1 + 4(m-a)/(b-a)
 * and beta = 1 + 4(b-m)/(b-a) (mean (a + 4m + b) / 6).
 *
 * Continuous draws go through a table of the Beta quantile function composed
 * with the standard normal CDF, x(z) = F^-1(Phi(z)), at SC_PERT_TABLE_STEPS + 1
 * points on [-Z, Z] (GSL's gsl_cdf_beta_Pinv and gsl_cdf_ugaussian_P, once per
 * shape), read by linear interpolation.  Fed a standard normal z, it gives the
 * Beta marginal (tested against gsl_cdf_beta_P by Kolmogorov-Smirnov), and
 * normals that are correlated give positions that move together (a Gaussian
 * copula: how the clinic-level price factor is modelled).
 *
 * Whole-number quantities (sessions, nights) are PERT draws rounded to the
 * nearest whole number; their probabilities are computed exactly once from
 * the Beta CDF, so a draw is one uniform. */
#ifndef STEMCOST_PERT_H
#define STEMCOST_PERT_H

#define SC_PERT_TABLE_STEPS 1024
#define SC_PERT_TABLE_Z 6.0 /* Phi(-6) = 1e-9: beyond, the ends of the range */

typedef struct sc_pert_table {
    double alpha, beta;
    double x[SC_PERT_TABLE_STEPS + 1];
} sc_pert_table;

void sc_pert_shape(double a, double m, double b, double *alpha, double *beta);
/* 1 on success, 0 if GSL could not invert the CDF. */
int sc_pert_table_init(sc_pert_table *t, double alpha, double beta);
/* The Beta(alpha, beta) position (0..1) for a standard normal z. */
double sc_pert_table_at(const sc_pert_table *t, double z);

#define SC_PERT_DISCRETE_MAX 64
typedef struct sc_pert_discrete {
    int lo, n;
    double cdf[SC_PERT_DISCRETE_MAX]; /* P(X <= lo + k) */
} sc_pert_discrete;

/* 0 if the range is empty, the mode outside it, or wider than the table. */
int sc_pert_discrete_init(sc_pert_discrete *d, int lo, int mode, int hi);
/* The whole number for a uniform u in [0, 1). */
int sc_pert_discrete_draw(const sc_pert_discrete *d, double u);

#endif
