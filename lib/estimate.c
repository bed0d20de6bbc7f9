/* The estimate: resolve, prepare, finish.  See include/stemcost/estimate.h for
 * the contract, the columns and the rounding points; each step lives in its
 * own file (resolve.c, episode.c, insurance.c, complications.c, totals.c,
 * warnings.c). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "estimate_internal.h"

sc_status sc_estimate_prepare(const sc_pricing *p, const sc_resolved *s, sc_estimate_result *r,
                              sc_error *err)
{
    sc_error local;
    if (err == NULL)
        err = &local;
    memset(r, 0, sizeof *r);
    r->scenario = *s;
    r->currency = s->currency;
    r->display_fx = sc_pricing_fx(p, s->currency);
    r->country = s->country;
    r->home = s->home;
    r->procedure = s->procedure;
    r->condition = s->condition;
    r->tier = s->tier;
    r->insurance = s->insurance;
    r->sites = s->sites;
    r->travelers = s->travelers;
    r->tax_pct = s->country->self_pay_tax_pct;
    r->availability = sc_pricing_availability(p, s->country->id, s->procedure->id);
    sc_episode_columns(p, r);
    if (sc_episode_items(p, r, err) != SC_OK || sc_episode_travel(p, r, err) != SC_OK ||
        sc_complication_block(p, r, err) != SC_OK) {
        sc_estimate_result_free(r);
        return err->status;
    }
    sc_warnings_regulatory(r);
    sc_coverage_decide(r);
    sc_warnings_data(r);
    return SC_OK;
}

sc_status sc_estimate_finish(const sc_pricing *p, const sc_resolved *s, sc_estimate_result *r,
                             sc_error *err)
{
    r->scenario.plan = s->plan;
    r->scenario.contingency_pct = s->contingency_pct;
    r->contingency_pct = s->contingency_pct;
    if (sc_plan_terms_convert(p, s, r, err) != SC_OK)
        return SC_EINPUT;
    /* The one plan-dependent warning: replace it when a prepared episode is reused. */
    size_t kept = 0;
    for (size_t i = 0; i < r->nwarnings; i++)
        if (r->warnings[i].kind != SC_WARN_OOP_MET_ASSUMED)
            r->warnings[kept++] = r->warnings[i];
    r->nwarnings = kept;
    if (s->plan.oop_met_assumed && r->insurance_applies)
        sc_warn(r, SC_WARN_OOP_MET_ASSUMED, 0, 0, NULL, NULL);
    sc_estimate_total_up(r);
    return SC_OK;
}

sc_status sc_estimate_resolved(const sc_pricing *p, const sc_resolved *s, sc_estimate_result *r,
                               sc_error *err)
{
    sc_status st = sc_estimate_prepare(p, s, r, err);
    if (st == SC_OK && (st = sc_estimate_finish(p, s, r, err)) != SC_OK)
        sc_estimate_result_free(r);
    return st;
}

sc_status sc_estimate(const sc_pricing *p, const sc_scenario *s, sc_estimate_result *r,
                      sc_error *err)
{
    sc_resolved resolved;
    memset(r, 0, sizeof *r);
    sc_status st = sc_scenario_resolve(p, s, &resolved, err);
    if (st != SC_OK)
        return st;
    return sc_estimate_resolved(p, &resolved, r, err);
}

void sc_estimate_result_free(sc_estimate_result *r)
{
    if (r == NULL)
        return;
    free(r->lines);
    r->lines = NULL;
    r->nlines = r->nitems = 0;
}
