/* Internal to the estimate: the pieces sc_estimate_prepare and
 * sc_estimate_finish are made of, one file each. */
#ifndef STEMCOST_ESTIMATE_INTERNAL_H
#define STEMCOST_ESTIMATE_INTERNAL_H

#include "stemcost/estimate.h"

/* The low (0), typical (1) or high (2) member of a range. */
static inline int64_t *sc_range_at(sc_range *r, int col)
{
    return col == 0 ? &r->low : col == 1 ? &r->typical : &r->high;
}
static inline int64_t sc_range_get(const sc_range *r, int col)
{
    return col == 0 ? r->low : col == 1 ? r->typical : r->high;
}

/* totals.c: the words of the tax line, "Tax (10% on self-pay care)", the
 * same on the estimate, a quote and the register's lines. */
const char *sc_estimate_tax_label(const sc_estimate_result *r, char *buf, size_t n);

/* episode.c: how many of a priced unit an episode has. */
long sc_item_units(sc_unit unit, int sites, int sessions, int visits);
long sc_travel_units(sc_travel_unit unit, int travelers, int nights, int visits);
/* The sessions, nights and visits of each column (see estimate.h). */
void sc_episode_columns(const sc_pricing *p, sc_estimate_result *r);
/* The treatment lines (the most specific row per category) and the travel
 * lines, priced and converted, with their basis and grade. */
sc_status sc_episode_items(const sc_pricing *p, sc_estimate_result *r, sc_error *err);
sc_status sc_episode_travel(const sc_pricing *p, sc_estimate_result *r, sc_error *err);

/* insurance.c */
typedef struct sc_plan_state {
    int64_t deductible_left, oop_left;
} sc_plan_state;
/* Which lines the plan covers (and the mixed-billing ban). */
void sc_coverage_decide(sc_estimate_result *r);
/* Rounding point 3: the plan's amounts in the display currency. */
sc_status sc_plan_terms_convert(const sc_pricing *p, const sc_resolved *s, sc_estimate_result *r,
                                sc_error *err);
/* The patient's share of one covered charge, advancing the plan's state. */
int64_t sc_plan_patient_share(const sc_plan_terms *t, sc_plan_state *st, int64_t allowed,
                              long quantity, int copay);
/* Apply the plan to the covered item lines in bill order for one column;
 * sets each line's insurance_pays there and returns what the plan pays. */
int64_t sc_insurance_apply(sc_line *lines, size_t nitems, const sc_plan_terms *t, int col,
                           sc_plan_state *st);

/* totals.c: every total of every column from r->lines. */
void sc_estimate_total_up(sc_estimate_result *r);

/* warnings.c */
void sc_warn(sc_estimate_result *r, sc_warning_kind kind, size_t count, size_t of,
             const char *date, const sc_currency *cur);
/* Regulatory status first, then the data-quality warnings of the lines. */
void sc_warnings_regulatory(sc_estimate_result *r);
void sc_warnings_data(sc_estimate_result *r);

/* complications.c: the risk row for the episode, and its block (after totals). */
const sc_complication *sc_complication_for(const sc_pricing *p, const sc_procedure *proc,
                                           const sc_country *country);
sc_status sc_complication_block(const sc_pricing *p, sc_estimate_result *r, sc_error *err);

#endif
