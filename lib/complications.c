/* The complication risk of an episode: one row of the complications table,
 * the most specific for the procedure and the country of treatment (a row
 * naming the procedure beats "*", then one naming the country beats "*"), so
 * each procedure carries its own risk.  The estimate shows it as a block; the
 * simulation draws it (see simulate.h). */
#include <config.h>

#include <string.h>
#include <strings.h>

#include "estimate_internal.h"
#include "pricing_internal.h"

const sc_complication *sc_complication_for(const sc_pricing *p, const sc_procedure *proc,
                                           const sc_country *country)
{
    const sc_complication *best = NULL;
    int best_weight = -1;
    for (size_t i = 0; i < p->ncomplications; i++) {
        const sc_complication *c = &p->complications[i];
        int any_proc = strcmp(c->procedure, "*") == 0, any_country = strcmp(c->country, "*") == 0;
        if ((!any_proc && strcmp(c->procedure, proc->id) != 0) ||
            (!any_country && strcasecmp(c->country, country->id) != 0))
            continue;
        int weight = (any_proc ? 0 : 2) + (any_country ? 0 : 1);
        if (weight > best_weight) {
            best = c;
            best_weight = weight;
        }
    }
    return best;
}

sc_status sc_complication_block(const sc_pricing *p, sc_estimate_result *r, sc_error *err)
{
    sc_complication_risk *k = &r->complications;
    memset(k, 0, sizeof *k);
    const sc_complication *c = sc_complication_for(p, r->procedure, r->country);
    if (c == NULL)
        return SC_OK;
    /* The chance that is itself PERT-distributed, as one number: its mean
     * (a + 4m + b) / 6, rounded to the table's precision. */
    k->probability = sc_money_scale(c->prob_low + 4 * c->prob_typical + c->prob_high, 1, 6);
    for (int col = 0; col < 3; col++)
        if (sc_estimate_convert(p, r, sc_range_get(&c->cost, col), c->currency,
                                sc_range_at(&k->charge, col), err) != SC_OK)
            return SC_EINPUT;
    /* The mean of the distribution the simulation draws from (display currency). */
    k->mean_charge = sc_money_scale(k->charge.low + 4 * k->charge.typical + k->charge.high, 1, 6);
    k->row = c;
    return SC_OK;
}
