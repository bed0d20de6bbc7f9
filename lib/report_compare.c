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

static void compare_table(FILE *fp, const sc_compare_result *r)
{
    const sc_currency *c = r->currency;
    char a[64], b2[64], d[64];
    fprintf(fp, "%s for %s, patient at home in %s: every option in %s, ranked by typical "
                "out of pocket\n",
            r->procedure->name, r->condition->name, r->home->name, c->code);
    if (r->baseline)
        fprintf(fp, "Savings are against %s %s at home: %s typical.\n", r->baseline->country->id,
                r->baseline->tier->id,
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
                const char *head[] = {"#", "Option", "Treatment", "Travel", "Low", "Typical",
                                      "High", "Saving", "%", "Range", "Basis", "Flags"};
                sc_grid_init(&g, 12);
                sc_grid_add(&g, head);
                for (size_t col = 2; col <= 8; col++)
                    sc_grid_align_right(&g, col);
                sc_grid_align_right(&g, 0);
                open = 1;
            }
        }
        char name[SC_ROW_TEXT + 64];
        option_name(row, name, sizeof name);
        if (!row->priced) {
            fprintf(fp, "  %s: %s\n", name, row->reason);
            continue;
        }
        const sc_estimate_result *e = &row->est;
        char rank[24], tr[48], tv[48], l[48], t[48], h[48], sv[48] = "", pc[32] = "",
             rb[BAR + 1], fl[96];
        snprintf(rank, sizeof rank, "%d", row->rank);
        sc_money_format_display(e->treatment.typical, c, tr, sizeof tr);
        sc_money_format_display(e->travel.typical, c, tv, sizeof tv);
        sc_money_format_display(e->out_of_pocket.low, c, l, sizeof l);
        sc_money_format_display(e->out_of_pocket.typical, c, t, sizeof t);
        sc_money_format_display(e->out_of_pocket.high, c, h, sizeof h);
        if (row->has_saving) {
            sc_money_format_display(row->saving, c, sv, sizeof sv);
            sc_decimal_format(row->saving_pct, 2, 0, pc, sizeof pc);
        }
        bar(&e->out_of_pocket, lo, hi, rb);
        flags_text(row, fl, sizeof fl);
        const char *cells[] = {rank, name, tr, tv, l, t, h, sv, pc, rb,
                               sc_basis_name(row->basis), fl};
        sc_grid_add(&g, cells);
    }
    int notes = 0;
    for (size_t i = 0; i < r->nrows; i++) {
        const sc_compare_row *row = &r->rows[i];
        if (row->clinic == NULL || !row->priced)
            continue;
        if (!notes++)
            fprintf(fp, "\nClinic quotes:\n");
        fprintf(fp, "  - %s (%s, %s): quoted %s", row->clinic->clinic, row->country->name,
                row->clinic->city && row->clinic->city[0] ? row->clinic->city : "city not given",
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
            fprintf(fp, "; implausibly cheap for what it claims to include: ask what is left out");
        if (row->too_dear)
            fprintf(fp, "; far above the reference range for what it includes");
        fputs("\n", fp);
    }
    if (r->plan) {
        fprintf(fp, "\nMonthly payment under %s (%s), on the typical out of pocket:\n", r->plan->id,
                r->plan->name);
        for (size_t i = 0; i < r->nrows; i++)
            if (r->rows[i].has_payment) {
                char name[SC_ROW_TEXT + 64];
                option_name(&r->rows[i], name, sizeof name);
                fprintf(fp, "  %s: %s\n", name,
                        sc_money_format_display(r->rows[i].monthly_payment, c, d, sizeof d));
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
    fprintf(fp, "\nRange bars span %s to %s; | marks the typical cost. Basis: the weakest "
                "evidence behind a row's numbers. Details: stemcost estimate --country CC "
                "--tier ID.\n",
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
        sc_json_key(&j, "monthly_payment");
        if (row->has_payment)
            sc_json_number_text(&j, plain(row->monthly_payment, c, b, sizeof b));
        else
            sc_json_null(&j);
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
        "omitted_estimate", "flags", "currency", "note"};
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
            if (row->has_payment)
                plain(row->monthly_payment, c, v[24], 64);
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
