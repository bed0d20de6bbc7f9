/* `stemcost compare` output: a ranked table with range bars, CSV and JSON. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "stemcost/report.h"

#define BAR 24

static const char *const group_titles[] = {
    "", "Lawfully available (approved, or marketed under an exemption)",
    "Only inside a clinical trial: flagged, not an equal option",
    "Not lawfully offered: flagged, not an equal option",
    "Clinic quotes that cannot be ranked with the options above (see why)",
    "Not priced in the tables"};

static const char *group_name(sc_compare_group g)
{
    static const char *const names[] = {"", "lawful", "trial-only", "not-permitted",
                                        "not-comparable", "not-priced"};
    return names[g];
}

static const char *status_text(const sc_compare_row *r)
{
    return r->availability ? sc_reg_status_name(r->availability->status) : "unknown";
}

static void option_name(const sc_compare_row *r, char *buf, size_t n)
{
    if (r->clinic)
        snprintf(buf, n, "%s (%s %s quote)", r->clinic->clinic, r->country->id, r->tier->id);
    else
        snprintf(buf, n, "%s %s%s", r->country->id, r->tier->id, r->is_home ? " (home)" : "");
}

/* Flags as short words, "expired stale too-cheap". */
static void flags_text(const sc_compare_row *r, char *buf, size_t n)
{
    buf[0] = '\0';
    const char *words[] = {r->expired ? "expired" : NULL, r->stale ? "stale" : NULL,
                           r->too_cheap ? "implausibly-cheap" : NULL,
                           r->too_dear ? "far-above-range" : NULL,
                           r->omitted[0] ? "omits-items" : NULL};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (words[i]) {
            if (buf[0])
                strncat(buf, " ", n - strlen(buf) - 1);
            strncat(buf, words[i], n - strlen(buf) - 1);
        }
}

static void bar(const sc_range *r, int64_t lo, int64_t hi, char *out)
{
    int a = 0, b = 0, m = 0;
    if (hi > lo) {
        a = (int)((r->low - lo) * (BAR - 1) / (hi - lo));
        b = (int)((r->high - lo) * (BAR - 1) / (hi - lo));
        m = (int)((r->typical - lo) * (BAR - 1) / (hi - lo));
    }
    for (int i = 0; i < BAR; i++)
        out[i] = (i == m) ? '|' : (i >= a && i <= b) ? '-' : ' ';
    out[BAR] = '\0';
}

/* What the patient pays besides treatment and travel: tax and contingency,
 * less what the plan pays (so the columns add up to the out of pocket). */
static int64_t other_typical(const sc_estimate_result *e)
{
    return e->tax.typical + e->contingency.typical - e->insurance_pays.typical;
}

/* "saves $1,234.00 (25.2 %)" or "costs $500.00 more (10.2 %)": never a
 * negative saving. */
static void saving_text(const sc_compare_row *row, const sc_currency *c, char *buf, size_t n)
{
    char m[64], pc[32];
    if (!row->has_saving) {
        snprintf(buf, n, "-");
        return;
    }
    if (row->saving == 0) {
        snprintf(buf, n, "the same");
        return;
    }
    int64_t amount = row->saving > 0 ? row->saving : -row->saving;
    int64_t pct = row->saving_pct > 0 ? row->saving_pct : -row->saving_pct;
    sc_money_format_display(amount, c, m, sizeof m);
    sc_decimal_format(pct, 2, 0, pc, sizeof pc);
    snprintf(buf, n, row->saving > 0 ? "saves %s (%s%%)" : "costs %s more (%s%%)", m, pc);
}

/* The scenario the rows share, in words: what a reader needs to trust the
 * figures (sites, sessions, travellers, insurance, contingency). */
static void scenario_line(FILE *fp, const sc_compare_result *r)
{
    const sc_resolved *s = &r->scenario;
    char pct[32];
    fprintf(fp, "%d %s%s; ", s->sites, s->condition->site_unit, s->sites == 1 ? "" : "s");
    if (s->sessions_given)
        fprintf(fp, "%d session%s; ", s->sessions, s->sessions == 1 ? "" : "s");
    else
        fprintf(fp, "sessions as the procedure needs (%d to %d); ", s->procedure->sessions_low,
                s->procedure->sessions_high);
    fprintf(fp, "%d traveller%s when abroad; insurance %s", s->travelers,
            s->travelers == 1 ? "" : "s", s->insurance->id);
    if (s->contingency_pct > 0)
        fprintf(fp, "; contingency %s%%",
                sc_decimal_format(s->contingency_pct, SC_PCT_DECIMALS, 1, pct, sizeof pct));
    fputs(".\n", fp);
}

static void offer_text(const sc_plan_offer *o, const sc_currency *c, char *buf, size_t n)
{
    char up[64], mo[64], last[64], tot[64], late[64], aprs[32];
    if (o->reason != SC_OFFER_OK) {
        snprintf(buf, n, "does not apply: %s", o->why);
        return;
    }
    sc_money_format_display(o->total_paid, c, tot, sizeof tot);
    if (o->months == 0) {
        snprintf(buf, n, "%s paid in full", tot);
        return;
    }
    sc_money_format_display(o->upfront_payment, c, up, sizeof up);
    sc_money_format_display(o->monthly_payment, c, mo, sizeof mo);
    sc_money_format_display(o->last_payment, c, last, sizeof last);
    size_t used = (size_t)snprintf(buf, n, "%s up front, then %d x %s", up, o->months, mo);
    if (o->last_payment != o->monthly_payment && used < n)
        used += (size_t)snprintf(buf + used, n - used, " (last %s)", last);
    if (used < n)
        used += (size_t)snprintf(buf + used, n - used, "; APR %s %%; total %s",
                                 sc_apr_format(o->apr, aprs, sizeof aprs), tot);
    if (o->deferred && used < n)
        snprintf(buf + used, n - used,
                 "; deferred interest: if not paid off by the promotion's end, %s of interest",
                 sc_money_format_display(o->deferred_interest_if_late, c, late, sizeof late));
}

static void compare_table(FILE *fp, const sc_compare_result *r)
{
    const sc_currency *c = r->currency;
    char a[64], b2[64];
    fprintf(fp, "%s for %s, patient at home in %s: every option in %s, ranked by typical "
                "out of pocket\n",
            r->procedure->name, r->condition->name, r->home->name, c->code);
    scenario_line(fp, r);
    if (r->baseline)
        fprintf(fp, "Baseline (savings and extra costs are against it): %s %s at home, %s "
                    "typical.\n",
                r->baseline->country->id, r->baseline->tier->id,
                sc_money_format_display(r->baseline->est.out_of_pocket.typical, c, a, sizeof a));
    else
        fprintf(fp, "No priced option at home: no savings to show.\n");
    int64_t lo = 0, hi = 0;
    int first = 1;
    for (size_t i = 0; i < r->nrows; i++)
        if (r->rows[i].priced) {
            const sc_range *x = &r->rows[i].est.out_of_pocket;
            if (first || x->low < lo)
                lo = x->low;
            if (first || x->high > hi)
                hi = x->high;
            first = 0;
        }
    sc_compare_group shown = 0;
    sc_grid g;
    int open = 0;
    for (size_t i = 0; i <= r->nrows; i++) {
        const sc_compare_row *row = i < r->nrows ? &r->rows[i] : NULL;
        if (row == NULL || row->group != shown) {
            if (open) {
                sc_grid_print(&g, fp, "  ");
                sc_grid_free(&g);
                open = 0;
            }
            if (row == NULL)
                break;
            shown = row->group;
            fprintf(fp, "\n%s\n", group_titles[shown]);
            if (shown != SC_GROUP_NOT_PRICED) {
                const char *head[] = {"#", "Option", "Status", "Treatment", "Travel", "Other",
                                      "Out of pocket: low", "typical", "high", "Against home",
                                      "Interp.", "Range", "Flags"};
                sc_grid_init(&g, 13);
                sc_grid_add(&g, head);
                for (size_t col = 3; col <= 8; col++)
                    sc_grid_align_right(&g, col);
                sc_grid_align_right(&g, 0);
                sc_grid_align_right(&g, 10);
                open = 1;
            }
        }
        char name[SC_ROW_TEXT + 64];
        option_name(row, name, sizeof name);
        if (!row->priced) {
            fprintf(fp, "  %s: %s: %s\n", name, status_text(row), row->reason);
            continue;
        }
        const sc_estimate_result *e = &row->est;
        char rank[24], tr[48], tv[48], ot[48], l[48], t[48], h[48], sv[96], ip[32],
             rb[BAR + 1], fl[96];
        snprintf(rank, sizeof rank, "%d", row->rank);
        sc_money_format_display(e->treatment.typical, c, tr, sizeof tr);
        sc_money_format_display(e->travel.typical, c, tv, sizeof tv);
        sc_money_format_display(other_typical(e), c, ot, sizeof ot);
        sc_money_format_display(e->out_of_pocket.low, c, l, sizeof l);
        sc_money_format_display(e->out_of_pocket.typical, c, t, sizeof t);
        sc_money_format_display(e->out_of_pocket.high, c, h, sizeof h);
        saving_text(row, c, sv, sizeof sv);
        snprintf(ip, sizeof ip, "%s%%",
                 sc_decimal_format(sc_money_scale(e->interpolated_pct, 1, 100), 0, 0, b2,
                                   sizeof b2));
        bar(&e->out_of_pocket, lo, hi, rb);
        flags_text(row, fl, sizeof fl);
        const char *cells[] = {rank, name, status_text(row), tr, tv, ot, l, t, h, sv, ip, rb, fl};
        sc_grid_add(&g, cells);
        if (row->group == SC_GROUP_NOT_COMPARABLE) {
            char why[SC_MSG_MAX + 8];
            snprintf(why, sizeof why, "  why: %s", row->reason);
            const char *note[] = {"", why, "", "", "", "", "", "", "", "", "", "", ""};
            sc_grid_add(&g, note);
        }
    }
    int notes = 0;
    for (size_t i = 0; i < r->nrows; i++) {
        const sc_compare_row *row = &r->rows[i];
        if (row->clinic == NULL || !row->priced)
            continue;
        if (!notes++)
            fprintf(fp, "\nClinic quotes:\n");
        fprintf(fp, "  - %s (%s, %s): %s, quoted %s", row->clinic->clinic, row->country->name,
                row->clinic->city && row->clinic->city[0] ? row->clinic->city : "city not given",
                row->procedure->id,
                sc_money_format_display(row->clinic->amount, row->clinic->currency, a, sizeof a));
        if (row->omitted[0])
            fprintf(fp, "; leaves out %s: +%s estimated", row->omitted,
                    sc_money_format_display(row->omitted_typical, c, b2, sizeof b2));
        if (row->expired)
            fprintf(fp, "; EXPIRED (valid until %s)", row->clinic->valid_until);
        if (row->stale)
            fprintf(fp, "; stale (quoted %s, over %d days ago)", row->clinic->quote_date,
                    SC_QUOTE_STALE_DAYS);
        if (row->too_cheap)
            fprintf(fp, "; below the lowest published price of what it claims to include: "
                        "ask what is left out");
        if (row->too_dear)
            fprintf(fp, "; far above the reference range for what it includes");
        fputs("\n", fp);
    }
    if (r->plan) {
        fprintf(fp, "\nPaying with %s (%s), on the typical out of pocket:\n", r->plan->name,
                r->plan->id);
        for (size_t i = 0; i < r->nrows; i++)
            if (r->rows[i].has_offer) {
                char name[SC_ROW_TEXT + 64], text[512];
                option_name(&r->rows[i], name, sizeof name);
                offer_text(&r->rows[i].offer, c, text, sizeof text);
                fprintf(fp, "  %s: %s\n", name, text);
            }
    }
    int pct = 0;
    for (size_t i = 0; i < r->nrows; i++)
        if (r->rows[i].has_percentiles) {
            char name[SC_ROW_TEXT + 64];
            if (!pct++)
                fprintf(fp, "\nSimulated out of pocket p10 / p50 / p90:\n");
            option_name(&r->rows[i], name, sizeof name);
            fprintf(fp, "  %s: %s", name,
                    sc_money_format_display(r->rows[i].p10, c, a, sizeof a));
            fprintf(fp, " / %s", sc_money_format_display(r->rows[i].p50, c, a, sizeof a));
            fprintf(fp, " / %s\n", sc_money_format_display(r->rows[i].p90, c, a, sizeof a));
        }
    fprintf(fp, "\nTreatment + Travel + Other = out of pocket (typical); Other is tax and "
                "contingency less what insurance pays. Interp.: the share of the typical out of "
                "pocket resting on interpolated prices. Range bars span %s to %s; | marks the "
                "typical cost. Complication risks are not in these figures: see stemcost "
                "estimate --country CC --tier ID.\n",
            sc_money_format_display(lo, c, a, sizeof a), sc_money_format_display(hi, c, b2, sizeof b2));
}

static const char *plain(int64_t v, const sc_currency *c, char *b, size_t n)
{
    return sc_money_format_plain(v, c, b, n);
}

static void json_range(sc_json *j, const char *key, const sc_range *x, const sc_currency *c)
{
    char b[48];
    sc_json_key(j, key);
    sc_json_begin_object(j);
    sc_json_key(j, "low");
    sc_json_number_text(j, plain(x->low, c, b, sizeof b));
    sc_json_key(j, "typical");
    sc_json_number_text(j, plain(x->typical, c, b, sizeof b));
    sc_json_key(j, "high");
    sc_json_number_text(j, plain(x->high, c, b, sizeof b));
    sc_json_end_object(j);
}

/* The plan columns: the offer's figures, or null with why it does not apply. */
static void json_offer(sc_json *j, const sc_compare_row *row, const sc_currency *c)
{
    char b[64];
    const sc_plan_offer *o = &row->offer;
    int ok = row->has_offer && o->reason == SC_OFFER_OK;
    const char *keys[] = {"upfront_payment", "monthly_payment", "total_paid"};
    const int64_t vals[] = {o->upfront_payment, o->monthly_payment, o->total_paid};
    for (int i = 0; i < 3; i++) {
        sc_json_key(j, keys[i]);
        if (ok)
            sc_json_number_text(j, plain(vals[i], c, b, sizeof b));
        else
            sc_json_null(j);
    }
    sc_json_key(j, "months");
    if (ok)
        sc_json_int(j, o->months);
    else
        sc_json_null(j);
    sc_json_key(j, "apr");
    if (ok) {
        sc_json_number_text(j, sc_apr_format(o->apr, b, sizeof b));
    } else {
        sc_json_null(j);
    }
    sc_json_key(j, "deferred_interest_if_late");
    if (ok && o->deferred)
        sc_json_number_text(j, plain(o->deferred_interest_if_late, c, b, sizeof b));
    else
        sc_json_null(j);
    sc_json_key(j, "plan_note");
    sc_json_string(j, row->has_offer && o->reason != SC_OFFER_OK ? o->why : NULL);
}

static void compare_json(FILE *fp, const sc_compare_result *r)
{
    const sc_currency *c = r->currency;
    char b[64];
    sc_json j;
    sc_json_init(&j, fp);
    sc_json_begin_object(&j);
    sc_json_key(&j, "currency");
    sc_json_string(&j, c->code);
    sc_json_key(&j, "home");
    sc_json_string(&j, r->home->id);
    sc_json_key(&j, "procedure");
    sc_json_string(&j, r->procedure->id);
    sc_json_key(&j, "condition");
    sc_json_string(&j, r->condition->id);
    sc_json_key(&j, "plan");
    sc_json_string(&j, r->plan ? r->plan->id : NULL);
    const sc_resolved *s = &r->scenario;
    sc_json_key(&j, "scenario");
    sc_json_begin_object(&j);
    sc_json_key(&j, "sites");
    sc_json_int(&j, s->sites);
    sc_json_key(&j, "sessions");
    if (s->sessions_given)
        sc_json_int(&j, s->sessions);
    else
        sc_json_null(&j); /* as the procedure needs: each row's range */
    sc_json_key(&j, "travelers");
    sc_json_int(&j, s->travelers);
    sc_json_key(&j, "insurance");
    sc_json_string(&j, s->insurance->id);
    sc_json_key(&j, "contingency_pct");
    sc_json_number_text(&j, sc_decimal_format(s->contingency_pct, SC_PCT_DECIMALS, 1, b, sizeof b));
    sc_json_end_object(&j);
    sc_json_key(&j, "baseline");
    if (r->baseline != NULL) {
        sc_json_begin_object(&j);
        sc_json_key(&j, "country");
        sc_json_string(&j, r->baseline->country->id);
        sc_json_key(&j, "tier");
        sc_json_string(&j, r->baseline->tier->id);
        sc_json_key(&j, "out_of_pocket_typical");
        sc_json_number_text(&j, plain(r->baseline->est.out_of_pocket.typical, c, b, sizeof b));
        sc_json_end_object(&j);
    } else {
        sc_json_null(&j);
    }
    sc_json_key(&j, "rows");
    sc_json_begin_array(&j);
    for (size_t i = 0; i < r->nrows; i++) {
        const sc_compare_row *row = &r->rows[i];
        const sc_estimate_result *e = &row->est;
        sc_json_begin_object(&j);
        sc_json_key(&j, "rank");
        sc_json_int(&j, row->rank);
        sc_json_key(&j, "group");
        sc_json_string(&j, group_name(row->group));
        sc_json_key(&j, "country");
        sc_json_string(&j, row->country->id);
        sc_json_key(&j, "tier");
        sc_json_string(&j, row->tier->id);
        sc_json_key(&j, "procedure");
        sc_json_string(&j, row->procedure->id);
        sc_json_key(&j, "clinic");
        sc_json_string(&j, row->clinic ? row->clinic->clinic : NULL);
        sc_json_key(&j, "home");
        sc_json_bool(&j, row->is_home);
        sc_json_key(&j, "status");
        sc_json_string(&j, status_text(row));
        sc_json_key(&j, "priced");
        sc_json_bool(&j, row->priced);
        if (!row->priced) {
            sc_json_key(&j, "reason");
            sc_json_string(&j, row->reason);
            sc_json_key(&j, "treatment");
            sc_json_null(&j);
            sc_json_key(&j, "travel");
            sc_json_null(&j);
            sc_json_key(&j, "out_of_pocket");
            sc_json_null(&j);
            sc_json_key(&j, "saving");
            sc_json_null(&j);
            sc_json_key(&j, "saving_pct");
            sc_json_null(&j);
            sc_json_key(&j, "monthly_payment");
            sc_json_null(&j);
            sc_json_key(&j, "warnings");
            sc_json_begin_array(&j);
            sc_json_end_array(&j);
            sc_json_end_object(&j);
            continue;
        }
        json_range(&j, "treatment", &e->treatment, c);
        json_range(&j, "tax", &e->tax, c);
        json_range(&j, "travel", &e->travel, c);
        json_range(&j, "insurance_pays", &e->insurance_pays, c);
        json_range(&j, "contingency", &e->contingency, c);
        json_range(&j, "out_of_pocket", &e->out_of_pocket, c);
        sc_json_key(&j, "saving");
        if (row->has_saving)
            sc_json_number_text(&j, plain(row->saving, c, b, sizeof b));
        else
            sc_json_null(&j);
        sc_json_key(&j, "saving_pct");
        if (row->has_saving)
            sc_json_number_text(&j, sc_decimal_format(row->saving_pct, 2, 0, b, sizeof b));
        else
            sc_json_null(&j);
        sc_json_key(&j, "basis");
        sc_json_string(&j, sc_basis_name(row->basis));
        sc_json_key(&j, "interpolated_pct");
        sc_json_number_text(&j, sc_decimal_format(row->est.interpolated_pct, 2, 0, b, sizeof b));
        sc_json_key(&j, "complications");
        if (e->complications.row != NULL) {
            sc_json_begin_object(&j);
            sc_json_key(&j, "probability_pct");
            sc_json_number_text(&j, sc_decimal_format(e->complications.probability,
                                                      SC_PROB_DECIMALS, 1, b, sizeof b));
            json_range(&j, "cost", &e->complications.cost, c);
            sc_json_key(&j, "expected");
            sc_json_number_text(&j, plain(e->complications.expected, c, b, sizeof b));
            sc_json_end_object(&j);
        } else {
            sc_json_null(&j);
        }
        json_offer(&j, row, c);
        sc_json_key(&j, "percentiles");
        if (row->has_percentiles) {
            sc_json_begin_object(&j);
            sc_json_key(&j, "p10");
            sc_json_number_text(&j, plain(row->p10, c, b, sizeof b));
            sc_json_key(&j, "p50");
            sc_json_number_text(&j, plain(row->p50, c, b, sizeof b));
            sc_json_key(&j, "p90");
            sc_json_number_text(&j, plain(row->p90, c, b, sizeof b));
            sc_json_end_object(&j);
        } else {
            sc_json_null(&j);
        }
        if (row->clinic) {
            const sc_clinic_quote *q = row->clinic;
            sc_json_key(&j, "quote");
            sc_json_begin_object(&j);
            sc_json_key(&j, "amount");
            sc_json_number_text(&j, sc_money_format_plain(q->amount, q->currency, b, sizeof b));
            sc_json_key(&j, "currency");
            sc_json_string(&j, q->currency->code);
            sc_json_key(&j, "city");
            sc_json_string(&j, q->city);
            sc_json_key(&j, "quote_date");
            sc_json_string(&j, q->quote_date);
            sc_json_key(&j, "valid_until");
            sc_json_string(&j, q->valid_until);
            sc_json_key(&j, "accreditation");
            sc_json_string(&j, q->accreditation);
            sc_json_key(&j, "omitted");
            sc_json_string(&j, row->omitted);
            sc_json_key(&j, "omitted_estimate");
            sc_json_number_text(&j, plain(row->omitted_typical, c, b, sizeof b));
            sc_json_key(&j, "expired");
            sc_json_bool(&j, row->expired);
            sc_json_key(&j, "stale");
            sc_json_bool(&j, row->stale);
            sc_json_key(&j, "implausibly_cheap");
            sc_json_bool(&j, row->too_cheap);
            sc_json_key(&j, "far_above_range");
            sc_json_bool(&j, row->too_dear);
            sc_json_end_object(&j);
        }
        sc_json_key(&j, "warnings");
        sc_json_begin_array(&j);
        for (size_t w = 0; w < e->nwarnings; w++) {
            char text[SC_WARNING_MAX];
            sc_json_string(&j, sc_estimate_warning_text(e, w, text, sizeof text));
        }
        sc_json_end_array(&j);
        sc_json_end_object(&j);
    }
    sc_json_end_array(&j);
    sc_json_end_object(&j);
    sc_json_finish(&j);
}

static void compare_csv(FILE *fp, const sc_compare_result *r)
{
    static const char *const head[] = {
        "rank", "group", "country", "tier", "procedure", "clinic", "home", "status", "priced",
        "treatment_low", "treatment_typical", "treatment_high", "tax_typical", "travel_low",
        "travel_typical", "travel_high", "insurance_pays_typical", "out_of_pocket_low",
        "out_of_pocket_typical", "out_of_pocket_high", "saving", "saving_pct", "basis",
        "interpolated_pct", "monthly_payment", "p10", "p50", "p90", "omitted",
        "omitted_estimate", "flags", "currency", "note", "contingency_typical", "other_typical",
        "upfront_payment", "months", "apr", "total_paid", "deferred_interest_if_late",
        "plan_note", "complication_pct", "complication_expected"};
    enum { NCOL = sizeof head / sizeof *head };
    const sc_currency *c = r->currency;
    sc_csv_row(fp, head, NCOL);
    for (size_t i = 0; i < r->nrows; i++) {
        const sc_compare_row *row = &r->rows[i];
        const sc_estimate_result *e = &row->est;
        char v[NCOL][64];
        const char *f[NCOL];
        memset(v, 0, sizeof v);
        for (int k = 0; k < NCOL; k++)
            f[k] = v[k];
        snprintf(v[0], 64, "%d", row->rank);
        f[1] = group_name(row->group);
        f[2] = row->country->id;
        f[3] = row->tier->id;
        f[4] = row->procedure->id;
        f[5] = row->clinic ? row->clinic->clinic : "";
        f[6] = row->is_home ? "yes" : "no";
        f[7] = status_text(row);
        f[8] = row->priced ? "yes" : "no";
        if (row->priced) {
            const int64_t m[] = {e->treatment.low, e->treatment.typical, e->treatment.high,
                                 e->tax.typical, e->travel.low, e->travel.typical,
                                 e->travel.high, e->insurance_pays.typical,
                                 e->out_of_pocket.low, e->out_of_pocket.typical,
                                 e->out_of_pocket.high};
            for (int k = 0; k < 11; k++)
                plain(m[k], c, v[9 + k], 64);
            if (row->has_saving) {
                plain(row->saving, c, v[20], 64);
                sc_decimal_format(row->saving_pct, 2, 0, v[21], 64);
            }
            f[22] = sc_basis_name(row->basis);
            sc_decimal_format(row->est.interpolated_pct, 2, 0, v[23], 64);
            const sc_plan_offer *o = &row->offer;
            if (row->has_offer && o->reason == SC_OFFER_OK) {
                plain(o->monthly_payment, c, v[24], 64);
                plain(o->upfront_payment, c, v[35], 64);
                snprintf(v[36], 64, "%d", o->months);
                sc_apr_format(o->apr, v[37], 64);
                plain(o->total_paid, c, v[38], 64);
                if (o->deferred)
                    plain(o->deferred_interest_if_late, c, v[39], 64);
            } else if (row->has_offer) {
                f[40] = o->why;
            }
            plain(e->contingency.typical, c, v[33], 64);
            plain(other_typical(e), c, v[34], 64);
            if (e->complications.row != NULL) {
                sc_decimal_format(e->complications.probability, SC_PROB_DECIMALS, 1, v[41], 64);
                plain(e->complications.expected, c, v[42], 64);
            }
            if (row->has_percentiles) {
                plain(row->p10, c, v[25], 64);
                plain(row->p50, c, v[26], 64);
                plain(row->p90, c, v[27], 64);
            }
            f[28] = row->omitted;
            if (row->clinic)
                plain(row->omitted_typical, c, v[29], 64);
            flags_text(row, v[30], 64);
        }
        f[31] = c->code;
        f[32] = row->priced ? "" : row->reason;
        sc_csv_row(fp, f, NCOL);
    }
}

void sc_report_compare(FILE *fp, const sc_compare_result *r, sc_format fmt)
{
    switch (fmt) {
    case SC_FORMAT_CSV: compare_csv(fp, r); break;
    case SC_FORMAT_JSON: compare_json(fp, r); break;
    default: compare_table(fp, r); break;
    }
}
