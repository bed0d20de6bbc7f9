/* Internal to the estimate module. */
#ifndef STEMCOST_ESTIMATE_INTERNAL_H
#define STEMCOST_ESTIMATE_INTERNAL_H

#include "stemcost/estimate.h"

/* The low (0), typical (1) or high (2) member of a range. */
static inline int64_t *sc_range_at(sc_range *r, int col)
{
    return col == 0 ? &r->low : col == 1 ? &r->typical : &r->high;
}

/* A plan's terms for one estimate, converted to the display currency. */
typedef struct sc_plan_terms {
    int64_t deductible_left;  /* deductible - deductible met */
    int64_t oop_left;         /* oop max - oop met; meaningful when has_oop_max */
    int has_oop_max;
    int64_t coinsurance_pct;  /* hundredths of a percent the patient pays */
    int64_t copay;            /* per unit of a copay category */
    unsigned copay_applies;   /* category bits */
} sc_plan_terms;

/* Apply the plan to the covered item lines, in bill order, for one column of
 * the ranges; sets each line's insurance_pays for that column and returns the
 * total the plan pays. */
int64_t sc_insurance_apply(sc_line *lines, size_t nitems, const sc_plan_terms *terms, int col);

#endif
