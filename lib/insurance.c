/* Insurance, item by item: which lines a plan covers, its terms in the
 * display currency, and what it pays.
 *
 * For each covered charge, in the order a bill lists them:
 *   - a category with a copay: the patient pays the copay per unit (never more
 *     than the line), and no deductible or coinsurance;
 *   - otherwise the deductible takes min(charge, deductible still to meet):
 *     never the whole remaining deductible for a cheaper item; coinsurance
 *     applies to the rest of the charge (rounded per charge);
 *   - what the patient owes on covered charges is capped by what remains of
 *     the out-of-pocket maximum (maximum - already met), not by the full
 *     maximum.
 * Uncovered lines are the patient's and do not count toward the maximum.
 * (The naive formulas these rules replace are a known bug in public cost
 * calculators: see the project's standards notes, finding 10.) */
#include <config.h>

#include <string.h>
#include <strings.h>

#include "estimate_internal.h"

void sc_coverage_decide(sc_estimate_result *r)
{
    const sc_insurance *in = r->insurance;
    r->insurance_applies = in->covers != 0 && (strcmp(in->country, "*") == 0 ||
                                               strcasecmp(in->country, r->country->id) == 0);
    if (in->covers != 0 && !r->insurance_applies)
        sc_warn(r, SC_WARN_PLAN_ABROAD, 0, 0, NULL, NULL);
    if (!r->insurance_applies)
        return;
    int uncovered = 0;
    for (size_t i = 0; i < r->nitems; i++) {
        r->lines[i].covered = (in->covers & (1u << r->lines[i].category)) != 0;
        uncovered |= !r->lines[i].covered;
    }
    if (r->country->mixed_billing_banned && uncovered) {
        /* Japan: one uninsured item makes the whole course self-pay (S42). */
        for (size_t i = 0; i < r->nitems; i++)
            r->lines[i].covered = 0;
        r->mixed_billing_applied = 1;
        sc_warn(r, SC_WARN_MIXED_BILLING, 0, 0, NULL, NULL);
    }
}

sc_status sc_plan_terms_convert(const sc_pricing *p, const sc_resolved *s, sc_estimate_result *r,
                                sc_error *err)
{
    const sc_plan_amounts *a = &s->plan;
    sc_plan_terms *t = &r->terms;
    memset(t, 0, sizeof *t);
    if (!r->insurance_applies)
        return SC_OK; /* nothing to convert: the plan pays nothing here */
    const sc_currency *cur = r->insurance->currency;
    t->has_oop_max = a->has_oop_max;
    t->coinsurance_pct = a->coinsurance_pct;
    t->copay_applies = r->insurance->copay_applies;
    if (sc_estimate_convert(p, r, a->deductible - a->deductible_met, cur, &t->deductible_left,
                            err) != SC_OK ||
        sc_estimate_convert(p, r, a->oop_max - a->oop_met, cur, &t->oop_left, err) != SC_OK ||
        sc_estimate_convert(p, r, a->copay, cur, &t->copay, err) != SC_OK)
        return SC_EINPUT;
    return SC_OK;
}

int64_t sc_plan_patient_share(const sc_plan_terms *t, sc_plan_state *st, int64_t allowed,
                              long quantity, int copay)
{
    int64_t patient;
    if (copay) {
        /* copay x units, never more than the charge (and without overflow). */
        if (quantity > 0 && t->copay > allowed / quantity)
            patient = allowed;
        else
            patient = t->copay * quantity;
    } else {
        int64_t d = allowed < st->deductible_left ? allowed : st->deductible_left;
        st->deductible_left -= d;
        patient = d + sc_money_percent(allowed - d, t->coinsurance_pct);
    }
    if (t->has_oop_max) {
        if (patient > st->oop_left)
            patient = st->oop_left;
        st->oop_left -= patient;
    }
    return patient;
}

int64_t sc_insurance_apply(sc_line *lines, size_t nitems, const sc_plan_terms *t, int col,
                           sc_plan_state *st)
{
    int64_t total = 0;
    for (size_t i = 0; i < nitems; i++) {
        sc_line *l = &lines[i];
        int64_t *pays = sc_range_at(&l->insurance_pays, col);
        *pays = 0;
        if (!l->covered)
            continue;
        int64_t allowed = sc_range_get(&l->amount, col);
        long quantity = col == 0 ? l->quantity_low : col == 1 ? l->quantity : l->quantity_high;
        int copay = (t->copay_applies & (1u << l->category)) != 0;
        *pays = allowed - sc_plan_patient_share(t, st, allowed, quantity, copay);
        total += *pays;
    }
    return total;
}
