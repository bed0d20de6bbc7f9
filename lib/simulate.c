/* Monte Carlo over the estimate: see include/stemcost/simulate.h. */
#include <config.h>

#include "stemcost/simulate.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "estimate_internal.h"
#include "pert.h"

/* A line's amount for each (sessions, nights) pair the draws can take: the
 * exact low and high amounts of the estimate's rule for that quantity, so a
 * draw is low + position x (high - low), rounded once. */
typedef struct sim_line {
    int shape;        /* index into sim.shapes; -1 when the price is fixed */
    int clinic;       /* moves with the clinic factor (treatment lines) */
    int64_t *lo, *hi; /* per (sessions index x nights index) */
    long *units;
} sim_line;

typedef struct sim {
    sc_estimate_result e;
    sc_line *scratch;         /* the lines as repriced by a draw */
    sim_line *lines;
    sc_pert_table *shapes;
    size_t nshapes;
    sc_pert_discrete sessions, nights;
    int nsessions, nnights;   /* values the draws can take */
    int has_complication;
    double chance;            /* of a complication, per episode */
    int64_t comp_lo, comp_hi;
    int comp_shape;
    double shared_weight, own_weight; /* sqrt(rho), sqrt(1 - rho) */
    gsl_rng *rng;
} sim;

static int shape_index(sim *m, const sc_range *price)
{
    if (price->high <= price->low)
        return -1;
    double alpha, beta;
    sc_pert_shape((double)price->low, (double)price->typical, (double)price->high, &alpha, &beta);
    for (size_t i = 0; i < m->nshapes; i++)
        if (m->shapes[i].alpha == alpha && m->shapes[i].beta == beta)
            return (int)i;
    if (!sc_pert_table_init(&m->shapes[m->nshapes], alpha, beta))
        return -2;
    return (int)m->nshapes++;
}

static sc_status convert_line(const sc_pricing *p, sim *m, const sc_line *l, long units,
                              int64_t *lo, int64_t *hi, sc_error *err)
{
    int64_t a, b;
    if (sc_money_mul(l->unit_price.low, units, &a, err) != SC_OK ||
        sc_money_mul(l->unit_price.high, units, &b, err) != SC_OK ||
        sc_estimate_convert(p, &m->e, a, l->price_currency, lo, err) != SC_OK ||
        sc_estimate_convert(p, &m->e, b, l->price_currency, hi, err) != SC_OK)
        return SC_EINPUT;
    return SC_OK;
}

static sc_status setup(const sc_pricing *p, sim *m, sc_error *err)
{
    sc_estimate_result *e = &m->e;
    const sc_procedure *proc = e->procedure;
    if (!sc_pert_discrete_init(&m->sessions, e->sessions_col[0], e->sessions_col[1],
                               e->sessions_col[2]) ||
        !sc_pert_discrete_init(&m->nights, e->nights_col[0], e->nights_col[1], e->nights_col[2]))
        return sc_error_set(err, SC_EINPUT, "procedures.csv", 0, 0,
                            "%s: sessions or nights out of order", proc->id);
    m->shared_weight = sqrt(SC_SIM_CLINIC_CORRELATION);
    m->own_weight = sqrt(1.0 - SC_SIM_CLINIC_CORRELATION);
    m->nsessions = m->sessions.n;
    m->nnights = m->nights.n;
    size_t ncells = (size_t)m->nsessions * (size_t)m->nnights;
    m->scratch = malloc((e->nlines + 1) * sizeof *m->scratch);
    m->lines = calloc(e->nlines + 1, sizeof *m->lines);
    m->shapes = malloc((e->nlines + 1) * sizeof *m->shapes);
    if (m->scratch == NULL || m->lines == NULL || m->shapes == NULL)
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    memcpy(m->scratch, e->lines, e->nlines * sizeof *m->scratch);
    for (size_t i = 0; i < e->nlines; i++) {
        const sc_line *l = &e->lines[i];
        sim_line *sl = &m->lines[i];
        sl->lo = malloc(ncells * sizeof *sl->lo);
        sl->hi = malloc(ncells * sizeof *sl->hi);
        sl->units = malloc(ncells * sizeof *sl->units);
        if (sl->lo == NULL || sl->hi == NULL || sl->units == NULL)
            return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
        sl->clinic = l->kind == SC_LINE_ITEM;
        if ((sl->shape = shape_index(m, &l->unit_price)) == -2)
            return sc_error_set(err, SC_EINPUT, NULL, 0, 0,
                                "cannot tabulate the price distribution of %s", l->id);
        for (int si = 0; si < m->nsessions; si++)
            for (int ni = 0; ni < m->nnights; ni++) {
                int sessions = m->sessions.lo + si, nights = m->nights.lo + ni;
                int visits = proc->visits * sessions;
                size_t c = (size_t)si * m->nnights + ni;
                sl->units[c] = l->item ? sc_item_units(l->item->unit, e->sites, sessions, visits) *
                                             l->item->quantity
                                       : sc_travel_units(l->travel->unit, e->travelers, nights,
                                                         visits);
                if (convert_line(p, m, l, sl->units[c], &sl->lo[c], &sl->hi[c], err) != SC_OK)
                    return SC_EINPUT;
            }
    }
    const sc_complication_risk *k = &e->complications;
    if (k->row != NULL && k->probability > 0) {
        m->has_complication = 1;
        m->chance = (double)(k->row->prob_low + 4 * k->row->prob_typical + k->row->prob_high) /
                    6.0 / 1e6; /* percent x 10^4 -> fraction */
        m->comp_lo = k->charge.low;
        m->comp_hi = k->charge.high;
        sc_range charge = k->charge;
        if ((m->comp_shape = shape_index(m, &charge)) == -2)
            return sc_error_set(err, SC_EINPUT, NULL, 0, 0,
                                "cannot tabulate the complication cost distribution");
    }
    return SC_OK;
}

/* Between lo and hi by a position from the shape's table, rounded half up
 * (the offset is never negative, so this is half away from zero). */
static int64_t place(const sim *m, int shape, int64_t lo, int64_t hi, double z)
{
    if (shape < 0 || hi <= lo)
        return lo;
    return lo + (int64_t)(sc_pert_table_at(&m->shapes[shape], z) * (double)(hi - lo) + 0.5);
}

static int64_t one_draw(sim *m, long *complications)
{
    const sc_estimate_result *e = &m->e;
    int si = m->nsessions > 1
                 ? sc_pert_discrete_draw(&m->sessions, gsl_rng_uniform(m->rng)) - m->sessions.lo
                 : 0;
    int ni = m->nnights > 1 && e->nlines > e->nitems
                 ? sc_pert_discrete_draw(&m->nights, gsl_rng_uniform(m->rng)) - m->nights.lo
                 : 0;
    size_t c = (size_t)si * m->nnights + ni;
    double shared = gsl_ran_gaussian_ziggurat(m->rng, 1.0);
    for (size_t i = 0; i < e->nlines; i++) {
        const sim_line *sl = &m->lines[i];
        double z = 0;
        if (sl->shape >= 0) {
            z = gsl_ran_gaussian_ziggurat(m->rng, 1.0);
            if (sl->clinic)
                z = m->shared_weight * shared + m->own_weight * z;
        }
        m->scratch[i].amount.typical = place(m, sl->shape, sl->lo[c], sl->hi[c], z);
        m->scratch[i].quantity = sl->units[c];
    }
    int64_t complication = 0;
    if (m->has_complication && gsl_rng_uniform(m->rng) < m->chance) {
        complication = place(m, m->comp_shape, m->comp_lo, m->comp_hi,
                             gsl_ran_gaussian_ziggurat(m->rng, 1.0));
        (*complications)++;
    }
    sc_column_totals t;
    sc_totals_column(e, m->scratch, 1, complication, &t);
    return t.out_of_pocket + t.complication_patient;
}

static void sim_free(sim *m)
{
    if (m->rng != NULL)
        gsl_rng_free(m->rng);
    for (size_t i = 0; m->lines != NULL && i < m->e.nlines; i++) {
        free(m->lines[i].lo);
        free(m->lines[i].hi);
        free(m->lines[i].units);
    }
    free(m->lines);
    free(m->scratch);
    free(m->shapes);
    sc_estimate_result_free(&m->e);
}

sc_status sc_simulate_resolved(const sc_pricing *p, const sc_resolved *s, long draws,
                               unsigned long seed, sc_sim_result *r, sc_error *err)
{
    sc_error local;
    if (err == NULL)
        err = &local;
    memset(r, 0, sizeof *r);
    if (draws < 1 || draws > SC_SIM_MAX_DRAWS)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "draws", "must be from 1 to %ld",
                              SC_SIM_MAX_DRAWS);
    gsl_set_error_handler_off(); /* report, never abort */
    sim m;
    memset(&m, 0, sizeof m);
    sc_status st = sc_estimate_resolved(p, s, &m.e, err);
    if (st != SC_OK)
        return st;
    if ((st = setup(p, &m, err)) != SC_OK)
        goto done;
    r->values = malloc((size_t)draws * sizeof *r->values);
    m.rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (r->values == NULL || m.rng == NULL) {
        st = sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory for %ld draws", draws);
        goto done;
    }
    gsl_rng_set(m.rng, seed);
    r->currency = m.e.currency;
    r->draws = draws;
    r->seed = seed;
    r->range = m.e.out_of_pocket;
    for (long d = 0; d < draws; d++)
        r->values[d] = (double)one_draw(&m, &r->complications);
    st = sc_sim_summarise(r, err);
done:
    sim_free(&m);
    if (st != SC_OK)
        sc_sim_result_free(r);
    return st;
}

sc_status sc_simulate(const sc_pricing *p, const sc_scenario *s, long draws, unsigned long seed,
                      sc_sim_result *r, sc_error *err)
{
    sc_resolved resolved;
    memset(r, 0, sizeof *r);
    sc_status st = sc_scenario_resolve(p, s, &resolved, err);
    if (st != SC_OK)
        return st;
    return sc_simulate_resolved(p, &resolved, draws, seed, r, err);
}

void sc_sim_result_free(sc_sim_result *r)
{
    if (r == NULL)
        return;
    free(r->values);
    r->values = NULL;
}
