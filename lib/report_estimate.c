/* `stemcost estimate` output: a readable itemised table, a long-format CSV (one
 * record per line and per total) and the JSON of the product contract. */
#include <config.h>

#include <string.h>

#include "stemcost/report.h"
#include "estimate_internal.h"

static const char *money(int64_t v, const sc_currency *c, char *buf, size_t n)
{
    return sc_money_format_plain(v, c, buf, n);
}

static void json_range(sc_json *j, const char *key, const sc_range *r, const sc_currency *c)
{
    char b[64];
    sc_json_key(j, key);
    sc_json_begin_object(j);
    sc_json_key(j, "low");
    sc_json_number_text(j, money(r->low, c, b, sizeof b));
    sc_json_key(j, "typical");
    sc_json_number_text(j, money(r->typical, c, b, sizeof b));
    sc_json_key(j, "high");
    sc_json_number_text(j, money(r->high, c, b, sizeof b));
    sc_json_end_object(j);
}

static void json_line(sc_json *j, const sc_line *l, const sc_currency *c)
{
    char b[64];
    sc_json_begin_object(j);
    sc_json_key(j, "id");
    sc_json_string(j, l->id);
    sc_json_key(j, "description");
    sc_json_string(j, l->description);
    sc_json_key(j, "code");
    sc_json_string(j, l->code);
    if (l->kind == SC_LINE_ITEM) {
        sc_json_key(j, "category");
        sc_json_string(j, sc_category_name(l->category));
    }
    sc_json_key(j, "quantity");
    sc_json_int(j, l->quantity);
    sc_json_key(j, "unit");
    sc_json_string(j, l->unit);
    sc_json_key(j, "low");
    sc_json_number_text(j, money(l->amount.low, c, b, sizeof b));
    sc_json_key(j, "typical");
    sc_json_number_text(j, money(l->amount.typical, c, b, sizeof b));
    sc_json_key(j, "high");
    sc_json_number_text(j, money(l->amount.high, c, b, sizeof b));
    if (l->kind == SC_LINE_ITEM) {
        sc_json_key(j, "covered");
        sc_json_bool(j, l->covered);
        json_range(j, "insurance_pays", &l->insurance_pays, c);
    }
    sc_json_key(j, "price_currency");
    sc_json_string(j, l->price_currency->code);
    sc_json_key(j, "basis");
    sc_json_string(j, sc_basis_name(l->basis));
    sc_json_key(j, "grade");
    char g[2] = {l->grade, '\0'};
    sc_json_string(j, g);
    sc_json_key(j, "source");
    sc_json_string(j, l->source);
    sc_json_key(j, "as_of");
    sc_json_string(j, l->as_of);
    sc_json_key(j, "derivation");
    sc_json_string(j, l->derivation); /* null unless derived from fee-schedule codes */
    sc_json_end_object(j);
}

/* The regulatory status, first of all: what the patient may lawfully get. */
static void json_regulatory(sc_json *j, const sc_estimate_result *r)
{
    const sc_availability *a = r->availability;
    sc_json_key(j, "regulatory");
    sc_json_begin_object(j);
    sc_json_key(j, "status");
    sc_json_string(j, a ? sc_reg_status_name(a->status) : "unknown");
    sc_json_key(j, "note");
    sc_json_string(j, a ? a->note : NULL);
    sc_json_key(j, "source");
    sc_json_string(j, a ? a->source : NULL);
    sc_json_end_object(j);
}

static void json_complications(sc_json *j, const sc_estimate_result *r)
{
    const sc_complication_risk *k = &r->complications;
    char b[64];
    sc_json_key(j, "complications");
    if (k->row == NULL) {
        sc_json_null(j);
        return;
    }
    sc_json_begin_object(j);
    sc_json_key(j, "id");
    sc_json_string(j, k->row->id);
    sc_json_key(j, "description");
    sc_json_string(j, k->row->description);
    sc_json_key(j, "probability_pct");
    sc_json_number_text(j, sc_decimal_format(k->probability, SC_PROB_DECIMALS, 1, b, sizeof b));
    json_range(j, "cost", &k->cost, r->currency);
    sc_json_key(j, "expected");
    sc_json_number_text(j, money(k->expected, r->currency, b, sizeof b));
    sc_json_key(j, "included_in_out_of_pocket");
    sc_json_bool(j, 0);
    sc_json_key(j, "basis");
    sc_json_string(j, sc_basis_name(k->row->basis));
    sc_json_key(j, "source");
    sc_json_string(j, k->row->source);
    sc_json_end_object(j);
}

static void rate_text(const sc_fx_used *f, char *buf, size_t n)
{
    /* The rate as "1 FROM = X TO", from the two USD rates. */
    char r[48];
    __int128 scaled = (__int128)f->to_per_usd * SC_RATE_SCALE;
    int64_t q = (int64_t)((scaled + f->from_per_usd / 2) / f->from_per_usd);
    sc_decimal_format(q, SC_RATE_DECIMALS, 1, r, sizeof r);
    snprintf(buf, n, "%s", r);
}

static void json_fx(sc_json *j, const sc_fx_used *f)
{
    char b[64];
    sc_json_begin_object(j);
    sc_json_key(j, "from");
    sc_json_string(j, f->from->code);
    sc_json_key(j, "to");
    sc_json_string(j, f->to->code);
    rate_text(f, b, sizeof b);
    sc_json_key(j, "rate");
    sc_json_number_text(j, b);
    sc_json_key(j, "as_of");
    /* The older of the two dated rates (USD needs none). */
    const char *as_of = f->from_as_of[0] ? f->from_as_of : f->to_as_of;
    if (f->from_as_of[0] && f->to_as_of[0] && strcmp(f->to_as_of, f->from_as_of) < 0)
        as_of = f->to_as_of;
    sc_json_string(j, as_of);
    sc_json_end_object(j);
}

static void estimate_json(FILE *fp, const sc_estimate_result *r, const sc_sim_result *sim)
{
    const sc_currency *c = r->currency;
    sc_json j;
    char b[64];
    sc_json_init(&j, fp);
    sc_json_begin_object(&j);
    json_regulatory(&j, r);
    sc_json_key(&j, "currency");
    sc_json_string(&j, c->code);
    sc_json_key(&j, "scenario");
    sc_json_begin_object(&j);
    sc_json_key(&j, "procedure");
    sc_json_string(&j, r->procedure->id);
    sc_json_key(&j, "condition");
    sc_json_string(&j, r->condition->id);
    sc_json_key(&j, "country");
    sc_json_string(&j, r->country->id);
    sc_json_key(&j, "tier");
    sc_json_string(&j, r->tier->id);
    sc_json_key(&j, "home");
    sc_json_string(&j, r->home->id);
    sc_json_key(&j, "sites");
    sc_json_int(&j, r->sites);
    sc_json_key(&j, "sessions");
    sc_json_int(&j, r->sessions);
    sc_json_key(&j, "sessions_given");
    sc_json_bool(&j, r->scenario.sessions_given);
    sc_json_key(&j, "sessions_range");
    sc_json_begin_object(&j);
    sc_json_key(&j, "low");
    sc_json_int(&j, r->sessions_col[0]);
    sc_json_key(&j, "typical");
    sc_json_int(&j, r->sessions_col[1]);
    sc_json_key(&j, "high");
    sc_json_int(&j, r->sessions_col[2]);
    sc_json_end_object(&j);
    sc_json_key(&j, "visits");
    sc_json_int(&j, r->visits);
    sc_json_key(&j, "travelers");
    sc_json_int(&j, r->travelers);
    sc_json_key(&j, "insurance");
    sc_json_string(&j, r->insurance->id);
    sc_json_key(&j, "insurance_applies");
    sc_json_bool(&j, r->insurance_applies && !r->mixed_billing_applied);
    sc_json_key(&j, "tax_pct");
    sc_json_number_text(&j, sc_decimal_format(r->tax_pct, SC_PCT_DECIMALS, 1, b, sizeof b));
    sc_json_key(&j, "contingency_pct");
    sc_json_number_text(&j,
                        sc_decimal_format(r->contingency_pct, SC_PCT_DECIMALS, 1, b, sizeof b));
    sc_json_end_object(&j);
    sc_json_key(&j, "items");
    sc_json_begin_array(&j);
    for (size_t i = 0; i < r->nitems; i++)
        json_line(&j, &r->lines[i], c);
    sc_json_end_array(&j);
    sc_json_key(&j, "travel_items");
    sc_json_begin_array(&j);
    for (size_t i = r->nitems; i < r->nlines; i++)
        json_line(&j, &r->lines[i], c);
    sc_json_end_array(&j);
    json_range(&j, "treatment", &r->treatment, c);
    json_range(&j, "tax", &r->tax, c);
    json_range(&j, "travel", &r->travel, c);
    json_range(&j, "contingency", &r->contingency, c);
    json_range(&j, "insurance_pays", &r->insurance_pays, c);
    json_range(&j, "out_of_pocket", &r->out_of_pocket, c);
    sc_json_key(&j, "interpolated_pct");
    sc_json_number_text(&j, sc_decimal_format(r->interpolated_pct, SC_PCT_DECIMALS, 0, b, sizeof b));
    json_complications(&j, r);
    sc_json_key(&j, "not_included");
    sc_json_begin_array(&j);
    for (size_t i = 0; i < r->procedure->nnot_included; i++)
        sc_json_string(&j, r->procedure->not_included[i]);
    sc_json_end_array(&j);
    sc_json_key(&j, "evidence_note");
    sc_json_string(&j, r->procedure->evidence_note && r->procedure->evidence_note[0]
                           ? r->procedure->evidence_note
                           : NULL);
    /* fx: the conversion of the treatment's prices (the contract's "rate and
     * as-of date"), null when nothing was converted; fx_all: every conversion. */
    const sc_fx_used *main_fx = NULL;
    for (size_t i = 0; i < r->nfx; i++)
        if (main_fx == NULL || r->fx[i].from == r->country->currency)
            main_fx = &r->fx[i];
    sc_json_key(&j, "fx");
    if (main_fx == NULL)
        sc_json_null(&j);
    else
        json_fx(&j, main_fx);
    sc_json_key(&j, "fx_all");
    sc_json_begin_array(&j);
    for (size_t i = 0; i < r->nfx; i++)
        json_fx(&j, &r->fx[i]);
    sc_json_end_array(&j);
    if (sim != NULL) {
        sc_json_key(&j, "percentiles");
        sc_json_begin_object(&j);
        sc_json_key(&j, "draws");
        sc_json_int(&j, sim->draws);
        sc_json_key(&j, "seed");
        sc_json_int(&j, (long long)sim->seed);
        sc_json_key(&j, "p10");
        sc_json_number_text(&j, money(sim->p10, c, b, sizeof b));
        sc_json_key(&j, "p50");
        sc_json_number_text(&j, money(sim->p50, c, b, sizeof b));
        sc_json_key(&j, "p90");
        sc_json_number_text(&j, money(sim->p90, c, b, sizeof b));
        sc_json_end_object(&j);
    }
    sc_json_key(&j, "pricing_as_of");
    sc_json_string(&j, r->pricing_as_of);
    sc_json_key(&j, "warnings");
    sc_json_begin_array(&j);
    for (size_t i = 0; i < r->nwarnings; i++) {
        char w[SC_WARNING_MAX];
        sc_json_string(&j, sc_estimate_warning_text(r, i, w, sizeof w));
    }
    sc_json_end_array(&j);
    sc_json_end_object(&j);
    sc_json_finish(&j);
}

static void csv_record(FILE *fp, const char *section, const char *id, const char *desc,
                       const char *code, const char *category, long qty, const char *unit,
                       const sc_range *amt, const sc_range *pays, const sc_currency *c,
                       const char *basis, const char *source, const char *as_of, char grade)
{
    char q[32] = "", lo[48], ty[48], hi[48], pt[48] = "", g[2] = {grade, '\0'};
    if (qty >= 0)
        snprintf(q, sizeof q, "%ld", qty);
    money(amt->low, c, lo, sizeof lo);
    money(amt->typical, c, ty, sizeof ty);
    money(amt->high, c, hi, sizeof hi);
    if (pays)
        money(pays->typical, c, pt, sizeof pt);
    const char *f[] = {section, id, desc, code, category, q, unit, lo, ty, hi, pt, c->code,
                       basis, source, as_of, g};
    sc_csv_row(fp, f, sizeof f / sizeof *f);
}

/* A record with one number in the typical column (a share, a chance). */
static void csv_value(FILE *fp, const char *section, const char *id, const char *desc,
                      const char *value)
{
    const char *f[] = {section, id, desc, "", "", "", "", "", value, "", "", "", "", "", "", ""};
    sc_csv_row(fp, f, sizeof f / sizeof *f);
}

static void estimate_csv(FILE *fp, const sc_estimate_result *r, const sc_sim_result *sim)
{
    static const char *const header[] = {
        "section", "id", "description", "code", "category", "quantity", "unit", "low",
        "typical", "high", "insurance_pays_typical", "currency", "basis", "source", "as_of",
        "grade"};
    const sc_currency *c = r->currency;
    sc_csv_row(fp, header, sizeof header / sizeof *header);
    for (size_t i = 0; i < r->nlines; i++) {
        const sc_line *l = &r->lines[i];
        int item = l->kind == SC_LINE_ITEM;
        csv_record(fp, item ? "item" : "travel", l->id, l->description, l->code,
                   item ? sc_category_name(l->category) : "", l->quantity, l->unit, &l->amount,
                   item ? &l->insurance_pays : NULL, c, sc_basis_name(l->basis), l->source,
                   l->as_of, l->grade);
    }
    const struct { const char *id; const sc_range *r; } totals[] = {
        {"treatment", &r->treatment}, {"tax", &r->tax}, {"travel", &r->travel},
        {"contingency", &r->contingency}, {"insurance_pays", &r->insurance_pays},
        {"out_of_pocket", &r->out_of_pocket}};
    for (size_t i = 0; i < sizeof totals / sizeof *totals; i++)
        csv_record(fp, "total", totals[i].id, "", "", "", -1, "", totals[i].r, NULL, c, "", "",
                   "", '\0');
    char b[64];
    csv_value(fp, "share", "interpolated_pct", "share of the typical out of pocket on interpolated prices",
              sc_decimal_format(r->interpolated_pct, SC_PCT_DECIMALS, 0, b, sizeof b));
    const sc_complication_risk *k = &r->complications;
    if (k->row != NULL) {
        csv_value(fp, "risk", "complication_probability_pct", k->row->description,
                  sc_decimal_format(k->probability, SC_PROB_DECIMALS, 1, b, sizeof b));
        csv_record(fp, "risk", "complication_cost", k->row->description, "", "", -1, "",
                   &k->cost, NULL, c, sc_basis_name(k->row->basis), k->row->source,
                   k->row->as_of, '\0');
        csv_value(fp, "risk", "complication_expected", "chance x cost at the mean",
                  money(k->expected, c, b, sizeof b));
    }
    if (sim != NULL) {
        /* The simulated p10 / p50 / p90 in the low / typical / high columns. */
        sc_range pct = {sim->p10, sim->p50, sim->p90};
        csv_record(fp, "simulated", "out_of_pocket_p10_p50_p90", "", "", "", -1, "", &pct, NULL, c,
                   "", "", "", '\0');
    }
}

/* The regulatory warning in words, or NULL when the status is plain approval. */
static const char *regulatory_text(const sc_estimate_result *r, char *buf, size_t size)
{
    for (size_t i = 0; i < r->nwarnings; i++)
        if (r->warnings[i].kind <= SC_WARN_NOT_PERMITTED)
            return sc_estimate_warning_text(r, i, buf, size);
    return NULL;
}

static void estimate_table(FILE *fp, const sc_estimate_result *r, const sc_sim_result *sim,
                           int explain)
{
    const sc_currency *c = r->currency;
    char b[128], pct[32], w[SC_WARNING_MAX];
    fprintf(fp, "%s for %s in %s (%s tier)\n", r->procedure->name, r->condition->name,
            r->country->name, r->tier->id);
    const char *status = regulatory_text(r, w, sizeof w);
    if (status != NULL)
        fprintf(fp, "%s\n", status);
    else if (r->availability != NULL)
        fprintf(fp, "Regulatory status in %s: approved (%s) [%s]\n", r->country->id,
                r->availability->note, r->availability->source);
    char sessions[64];
    if (r->sessions_col[0] != r->sessions_col[2])
        snprintf(sessions, sizeof sessions, "%d session%s (low %d, high %d)", r->sessions,
                 r->sessions == 1 ? "" : "s", r->sessions_col[0], r->sessions_col[2]);
    else
        snprintf(sessions, sizeof sessions, "%d session%s", r->sessions,
                 r->sessions == 1 ? "" : "s");
    fprintf(fp, "%d %s%s, %s, %d visit%s; home %s; %d traveller%s; insurance %s; "
                "amounts in %s\n\n",
            r->sites, r->condition->site_unit, r->sites == 1 ? "" : "s", sessions, r->visits,
            r->visits == 1 ? "" : "s", r->home->id, r->travelers, r->travelers == 1 ? "" : "s",
            r->insurance->id, c->code);

    sc_grid g;
    if (!sc_grid_init(&g, 10))
        return;
    const char *head[] = {"Item", "Code", "Qty", "Low", "Typical", "High", "Plan pays",
                          "Basis", "Grade", "Source"};
    sc_grid_add(&g, head);
    for (size_t col = 2; col <= 6; col++)
        sc_grid_align_right(&g, col);
    for (size_t i = 0; i < r->nlines; i++) {
        const sc_line *l = &r->lines[i];
        char qty[32], pays[64] = "", grade[2] = {l->grade, '\0'}, lo[64], ty[64], hi[64];
        snprintf(qty, sizeof qty, "%ld", l->quantity);
        if (l->kind == SC_LINE_ITEM && r->insurance_applies)
            sc_money_format_display(l->insurance_pays.typical, c, pays, sizeof pays);
        const char *cells[] = {l->description, l->code, qty,
                               sc_money_format_display(l->amount.low, c, lo, sizeof lo),
                               sc_money_format_display(l->amount.typical, c, ty, sizeof ty),
                               sc_money_format_display(l->amount.high, c, hi, sizeof hi),
                               pays, sc_basis_name(l->basis), grade, l->source};
        sc_grid_add(&g, cells);
    }
    const char *blank_row[] = {"", "", "", "", "", "", "", "", "", ""};
    sc_grid_add(&g, blank_row);
    struct total {
        const char *label;
        sc_range value;
        int shown;
    } totals[6];
    size_t nt = 0;
    totals[nt++] = (struct total){"Treatment", r->treatment, 1};
    char tax_label[96], cont_label[96];
    sc_estimate_tax_label(r, tax_label, sizeof tax_label);
    totals[nt++] = (struct total){tax_label, r->tax, r->tax_pct > 0};
    totals[nt++] = (struct total){"Travel", r->travel, r->home != r->country};
    totals[nt++] = (struct total){"Insurance pays",
                                  {-r->insurance_pays.low, -r->insurance_pays.typical,
                                   -r->insurance_pays.high},
                                  r->insurance_applies};
    sc_decimal_format(r->contingency_pct, SC_PCT_DECIMALS, 1, pct, sizeof pct);
    snprintf(cont_label, sizeof cont_label, "Contingency (%s%% of your share)", pct);
    totals[nt++] = (struct total){cont_label, r->contingency, r->contingency_pct > 0};
    totals[nt++] = (struct total){"Out of pocket", r->out_of_pocket, 1};
    for (size_t i = 0; i < nt; i++) {
        if (!totals[i].shown)
            continue;
        char lo[64], ty[64], hi[64];
        const char *cells[] = {totals[i].label, "", "",
                               sc_money_format_display(totals[i].value.low, c, lo, sizeof lo),
                               sc_money_format_display(totals[i].value.typical, c, ty, sizeof ty),
                               sc_money_format_display(totals[i].value.high, c, hi, sizeof hi),
                               "", "", "", ""};
        sc_grid_add(&g, cells);
    }
    if (sim != NULL) {
        char lo[64], ty[64], hi[64];
        const char *cells[] = {"Simulated p10 / p50 / p90", "", "",
                               sc_money_format_display(sim->p10, c, lo, sizeof lo),
                               sc_money_format_display(sim->p50, c, ty, sizeof ty),
                               sc_money_format_display(sim->p90, c, hi, sizeof hi), "", "", "", ""};
        sc_grid_add(&g, cells);
    }
    sc_grid_print(&g, fp, "");
    sc_grid_free(&g);
    if (r->sessions_col[0] != r->sessions_col[2])
        fprintf(fp, "Low and high price %d and %d sessions (give --sessions to fix the count).\n",
                r->sessions_col[0], r->sessions_col[2]);

    const sc_complication_risk *k = &r->complications;
    if (k->row != NULL) {
        char p[32], lo[64], ty[64], hi[64], ex[64];
        fprintf(fp, "\nComplication risk, not in the out of pocket above: %s [%s], a %s%% "
                    "chance; if it happens you would pay %s (%s to %s)%s; expected cost %s.\n",
                k->row->description, k->row->source,
                sc_decimal_format(k->probability, SC_PROB_DECIMALS, 1, p, sizeof p),
                sc_money_format_display(k->cost.typical, c, ty, sizeof ty),
                sc_money_format_display(k->cost.low, c, lo, sizeof lo),
                sc_money_format_display(k->cost.high, c, hi, sizeof hi),
                r->insurance_applies ? " after the plan" : "",
                sc_money_format_display(k->expected, c, ex, sizeof ex));
    }
    fprintf(fp, "\nInterpolated: %s%% of the typical out of pocket rests on prices no source "
                "states (grade C lines).\n",
            sc_decimal_format(r->interpolated_pct, SC_PCT_DECIMALS, 0, pct, sizeof pct));
    const sc_procedure *proc = r->procedure;
    if (proc->nnot_included > 0) {
        fprintf(fp, "Not included: ");
        for (size_t i = 0; i < proc->nnot_included; i++)
            fprintf(fp, "%s%s", i ? "; " : "", proc->not_included[i]);
        fprintf(fp, ".\n");
    }
    if (proc->evidence_note != NULL && proc->evidence_note[0] != '\0')
        fprintf(fp, "Evidence: %s.\n", proc->evidence_note);

    if (explain) {
        int any = 0;
        for (size_t i = 0; i < r->nlines; i++) {
            const sc_line *l = &r->lines[i];
            if (l->derivation == NULL)
                continue;
            if (!any)
                fprintf(fp, "\nHow derived prices were computed:\n");
            any = 1;
            fprintf(fp, "  %s: %s\n", l->description, l->derivation);
        }
        if (!any)
            fprintf(fp, "\nNo line of this estimate is derived from fee-schedule codes.\n");
    }

    fprintf(fp, "\nPrices as of %s (the oldest price used).\n", r->pricing_as_of);
    /* Each currency involved, with its dated rate per US dollar. */
    const sc_currency *shown[16];
    size_t nshown = 0;
    for (size_t i = 0; i < r->nfx; i++) {
        const sc_currency *cs[2] = {r->fx[i].from, r->fx[i].to};
        const int64_t rates[2] = {r->fx[i].from_per_usd, r->fx[i].to_per_usd};
        const char *dates[2] = {r->fx[i].from_as_of, r->fx[i].to_as_of};
        for (int k2 = 0; k2 < 2; k2++) {
            int seen = strcmp(cs[k2]->code, "USD") == 0;
            for (size_t m = 0; m < nshown; m++)
                seen |= shown[m] == cs[k2];
            if (seen || nshown == sizeof shown / sizeof *shown)
                continue;
            shown[nshown++] = cs[k2];
            fprintf(fp, "%s %s %s per USD (as of %s)", nshown == 1 ? "Exchange rates:" : ";",
                    sc_decimal_format(rates[k2], SC_RATE_DECIMALS, 1, b, sizeof b),
                    cs[k2]->code, dates[k2]);
        }
    }
    if (nshown > 0)
        fputs(".\n", fp);
    int header = 0;
    for (size_t i = 0; i < r->nwarnings; i++) {
        if (r->warnings[i].kind <= SC_WARN_NOT_PERMITTED)
            continue; /* shown first, above */
        if (!header)
            fprintf(fp, "\nNotes:\n");
        header = 1;
        fprintf(fp, "  - %s\n", sc_estimate_warning_text(r, i, w, sizeof w));
    }
}

void sc_report_estimate(FILE *fp, const sc_estimate_result *r, const sc_sim_result *sim,
                        sc_format fmt, int explain)
{
    switch (fmt) {
    case SC_FORMAT_CSV: estimate_csv(fp, r, sim); break;
    case SC_FORMAT_JSON: estimate_json(fp, r, sim); break;
    default: estimate_table(fp, r, sim, explain); break;
    }
    if (sim != NULL && fmt == SC_FORMAT_TABLE)
        fprintf(fp, "\nSimulated percentiles: %ld draws, seed %lu (see stemcost simulate).\n",
                sim->draws, sim->seed);
}
