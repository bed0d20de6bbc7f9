/* Insurance, item by item.
 *
 * For each covered line, in the order a bill lists them:
 *   - a category with a copay: the patient pays the copay per unit (never more
 *     than the line), and no deductible or coinsurance;
 *   - otherwise the deductible takes min(line, deductible still to meet): never
 *     the whole remaining deductible for a cheaper item; coinsurance applies to
 *     the rest of the line (rounded per line);
 *   - what the patient owes on covered lines is capped by what remains of the
 *     out-of-pocket maximum (maximum - already met), not by the full maximum.
 * Uncovered lines are the patient's and do not count toward the maximum.
 * (The naive formulas these rules replace are a known bug in public cost
 * calculators: see the project's standards notes, finding 10.) */
#include <config.h>

#include "estimate_internal.h"

int64_t sc_insurance_apply(sc_line *lines, size_t nitems, const sc_plan_terms *t, int col)
{
    int64_t deductible_left = t->deductible_left;
    int64_t oop_left = t->oop_left;
    int64_t total = 0;
    for (size_t i = 0; i < nitems; i++) {
        sc_line *l = &lines[i];
        int64_t *pays = sc_range_at(&l->insurance_pays, col);
        *pays = 0;
        if (!l->covered)
            continue;
        int64_t allowed = *sc_range_at(&l->amount, col);
        int64_t patient;
        if (t->copay_applies & (1u << l->category)) {
            /* copay x units, never more than the line (and without overflow). */
            if (l->quantity > 0 && t->copay > allowed / l->quantity)
                patient = allowed;
            else
                patient = t->copay * l->quantity;
        } else {
            int64_t d = allowed < deductible_left ? allowed : deductible_left;
            deductible_left -= d;
            patient = d + sc_money_percent(allowed - d, t->coinsurance_pct);
        }
        if (t->has_oop_max) {
            if (patient > oop_left)
                patient = oop_left;
            oop_left -= patient;
        }
        *pays = allowed - patient;
        total += *pays;
    }
    return total;
}
