/* The totals of an estimate: the one place the money rules between the lines
 * and the out-of-pocket figure live (rounding points 4-6 of estimate.h).
 * Estimate, compare, batch, quote and every simulated draw come through here. */
#include <config.h>

#include <stdio.h>

#include "estimate_internal.h"

int64_t sc_estimate_tax(const sc_estimate_result *r, int64_t taxable)
{
    return sc_money_percent(taxable, r->tax_pct);
}

const char *sc_estimate_tax_label(const sc_estimate_result *r, char *buf, size_t n)
{
    char pct[48];
    sc_decimal_format(r->tax_pct, SC_PCT_DECIMALS, 1, pct, sizeof pct);
    snprintf(buf, n, "Tax (%s%% on self-pay care)", pct);
    return buf;
}

/* The patient's part of complication care after the episode, from the plan's
 * state the episode left. */
static int64_t complication_share(const sc_estimate_result *r, sc_plan_state st,
                                  int64_t complication)
{
    if (complication > 0 && r->insurance_applies)
        return sc_plan_patient_share(&r->terms, &st, complication, 1, 0);
    return complication;
}

/* sc_totals_column, also giving the plan's state after the episode. */
static void column(const sc_estimate_result *r, sc_line *lines, int col, int64_t complication,
                   sc_column_totals *out, sc_plan_state *after)
{
    sc_column_totals t = {0};
    t.treatment = r->quote;  /* a clinic's quoted package: untaxed, uninsured */
    for (size_t i = 0; i < r->nlines; i++) {
        int64_t amount = sc_range_get(&lines[i].amount, col);
        if (lines[i].kind == SC_LINE_ITEM) {
            t.treatment += amount;
            if (!lines[i].covered)
                t.taxable += amount; /* tax falls on self-pay care only */
        } else {
            t.travel += amount;
        }
    }
    sc_plan_state st = {r->terms.deductible_left, r->terms.oop_left};
    if (r->insurance_applies)
        t.insurance_pays = sc_insurance_apply(lines, r->nitems, &r->terms, col, &st);
    else
        for (size_t i = 0; i < r->nitems; i++)
            *sc_range_at(&lines[i].insurance_pays, col) = 0;
    t.tax = sc_estimate_tax(r, t.taxable);
    int64_t share = t.treatment + t.tax + t.travel - t.insurance_pays;
    t.contingency = sc_money_percent(share, r->contingency_pct);
    t.out_of_pocket = share + t.contingency;
    /* Complication care comes after the episode: what is left of the
     * deductible and the maximum applies to it. */
    t.complication_patient = complication_share(r, st, complication);
    *out = t;
    if (after != NULL)
        *after = st;
}

void sc_totals_column(const sc_estimate_result *r, sc_line *lines, int col, int64_t complication,
                      sc_column_totals *out)
{
    column(r, lines, col, complication, out, NULL);
}

/* The share of the patient's typical bill (before tax and contingency) that
 * rests on interpolated prices. */
static int64_t interpolated_share(const sc_estimate_result *r)
{
    int64_t interpolated = 0, all = r->quote;
    for (size_t i = 0; i < r->nlines; i++) {
        const sc_line *l = &r->lines[i];
        int64_t patient = l->amount.typical - l->insurance_pays.typical;
        all += patient;
        if (l->basis == SC_BASIS_INTERPOLATED)
            interpolated += patient;
    }
    return sc_money_share(interpolated, all);
}

void sc_estimate_total_up(sc_estimate_result *r)
{
    sc_complication_risk *c = &r->complications;
    sc_plan_state after_typical = {0, 0};
    for (int col = 0; col < 3; col++) {
        sc_column_totals t;
        column(r, r->lines, col, 0, &t, col == 1 ? &after_typical : NULL);
        *sc_range_at(&r->treatment, col) = t.treatment;
        *sc_range_at(&r->tax, col) = t.tax;
        *sc_range_at(&r->travel, col) = t.travel;
        *sc_range_at(&r->insurance_pays, col) = t.insurance_pays;
        *sc_range_at(&r->contingency, col) = t.contingency;
        *sc_range_at(&r->out_of_pocket, col) = t.out_of_pocket;
    }
    if (c->row != NULL) {
        /* What the patient pays for the care at its low, typical and high
         * charge, and at its mean, after the typical episode (the lines' own
         * insurance_pays do not change: complication care comes after them).
         * The probability is a fraction x 10^6 (percent x 10^4). */
        for (int col = 0; col < 3; col++)
            *sc_range_at(&c->cost, col) =
                complication_share(r, after_typical, sc_range_get(&c->charge, col));
        c->expected = sc_money_scale(complication_share(r, after_typical, c->mean_charge),
                                     c->probability, 1000000);
    }
    r->interpolated_pct = interpolated_share(r);
}

void sc_estimate_apply_quote(sc_estimate_result *r, int64_t quote, unsigned includes)
{
    for (size_t i = 0; i < r->nitems; i++)
        if (includes & (1u << r->lines[i].category)) {
            r->lines[i].in_quote = 1;
            r->lines[i].amount = (sc_range){0, 0, 0};
            r->lines[i].insurance_pays = (sc_range){0, 0, 0};
        }
    r->quote = quote;
    sc_estimate_total_up(r);
}
