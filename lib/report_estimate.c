/* `stemcost estimate` output: a readable itemised table, a long-format CSV (one
 * record per line and per total) and the JSON of the product contract. */
#include <config.h>

#include <string.h>

#include "stemcost/report.h"

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
    sc_json_key(j, "source");
    sc_json_string(j, l->source);
    sc_json_key(j, "as_of");
    sc_json_string(j, l->as_of);
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
                       const char *basis, const char *source, const char *as_of)
{
    char q[32] = "", lo[48], ty[48], hi[48], pt[48] = "";
    if (qty >= 0)
        snprintf(q, sizeof q, "%ld", qty);
    money(amt->low, c, lo, sizeof lo);
    money(amt->typical, c, ty, sizeof ty);
    money(amt->high, c, hi, sizeof hi);
    if (pays)
        money(pays->typical, c, pt, sizeof pt);
    const char *f[] = {section, id, desc, code, category, q, unit, lo, ty, hi, pt, c->code,
                       basis, source, as_of};
    sc_csv_row(fp, f, sizeof f / sizeof *f);
}

static void estimate_csv(FILE *fp, const sc_estimate_result *r, const sc_sim_result *sim)
{
    static const char *const header[] = {
        "section", "id", "description", "code", "category", "quantity", "unit", "low",
        "typical", "high", "insurance_pays_typical", "currency", "basis", "source", "as_of"};
    const sc_currency *c = r->currency;
    sc_csv_row(fp, header, sizeof header / sizeof *header);
    for (size_t i = 0; i < r->nlines; i++) {
        const sc_line *l = &r->lines[i];
        int item = l->kind == SC_LINE_ITEM;
        csv_record(fp, item ? "item" : "travel", l->id, l->description, l->code,
                   item ? sc_category_name(l->category) : "", l->quantity, l->unit, &l->amount,
                   item ? &l->insurance_pays : NULL, c, sc_basis_name(l->basis), l->source,
                   l->as_of);
    }
    const struct { const char *id; const sc_range *r; } totals[] = {
        {"treatment", &r->treatment}, {"tax", &r->tax}, {"travel", &r->travel},
        {"contingency", &r->contingency}, {"insurance_pays", &r->insurance_pays},
        {"out_of_pocket", &r->out_of_pocket}};
    for (size_t i = 0; i < sizeof totals / sizeof *totals; i++)
        csv_record(fp, "total", totals[i].id, "", "", "", -1, "", totals[i].r, NULL, c, "", "",
                   "");
    if (sim != NULL) {
        /* The simulated p10 / p50 / p90 in the low / typical / high columns. */
        sc_range pct = {sim->p10, sim->p50, sim->p90};
        csv_record(fp, "simulated", "out_of_pocket_p10_p50_p90", "", "", "", -1, "", &pct, NULL, c,
                   "", "", "");
    }
}

static void grid_money_row(sc_grid *g, const char *label, const char *code, const char *qty,
                           const sc_range *amt, const char *pays, const char *basis,
                           const char *source, const sc_currency *c)
{
    char lo[64], ty[64], hi[64];
    sc_money_format_display(amt->low, c, lo, sizeof lo);
    sc_money_format_display(amt->typical, c, ty, sizeof ty);
    sc_money_format_display(amt->high, c, hi, sizeof hi);
    const char *cells[] = {label, code, qty, lo, ty, hi, pays, basis, source};
    sc_grid_add(g, cells);
}

static void estimate_table(FILE *fp, const sc_estimate_result *r, const sc_sim_result *sim)
{
    const sc_currency *c = r->currency;
    char b[128], pct[32];
    fprintf(fp, "%s for %s in %s (%s tier)\n", r->procedure->name, r->condition->name,
            r->country->name, r->tier->id);
    fprintf(fp, "%d %s%s, %d session%s, %d visit%s; home %s; %d traveller%s; insurance %s; "
                "amounts in %s\n\n",
            r->sites, r->condition->site_unit, r->sites == 1 ? "" : "s", r->sessions,
            r->sessions == 1 ? "" : "s", r->visits, r->visits == 1 ? "" : "s", r->home->id,
            r->travelers, r->travelers == 1 ? "" : "s", r->insurance->id, c->code);

    sc_grid g;
    if (!sc_grid_init(&g, 9))
        return;
    const char *head[] = {"Item", "Code", "Qty", "Low", "Typical", "High", "Plan pays",
                          "Basis", "Source"};
    sc_grid_add(&g, head);
    for (size_t col = 2; col <= 6; col++)
        sc_grid_align_right(&g, col);
    for (size_t i = 0; i < r->nlines; i++) {
        const sc_line *l = &r->lines[i];
        char qty[32], pays[64] = "";
        snprintf(qty, sizeof qty, "%ld", l->quantity);
        if (l->kind == SC_LINE_ITEM && r->insurance_applies)
            sc_money_format_display(l->insurance_pays.typical, c, pays, sizeof pays);
        grid_money_row(&g, l->description, l->code, qty, &l->amount, pays,
                       sc_basis_name(l->basis), l->source, c);
    }
    const char *blank_row[] = {"", "", "", "", "", "", "", "", ""};
    sc_grid_add(&g, blank_row);
    grid_money_row(&g, "Treatment", "", "", &r->treatment, "", "", "", c);
    sc_decimal_format(r->tax_pct, SC_PCT_DECIMALS, 1, pct, sizeof pct);
    snprintf(b, sizeof b, "Tax (%s%% on self-pay care)", pct);
    if (r->tax_pct > 0)
        grid_money_row(&g, b, "", "", &r->tax, "", "", "", c);
    if (r->home != r->country)
        grid_money_row(&g, "Travel", "", "", &r->travel, "", "", "", c);
    sc_decimal_format(r->contingency_pct, SC_PCT_DECIMALS, 1, pct, sizeof pct);
    snprintf(b, sizeof b, "Contingency (%s%%)", pct);
    if (r->contingency_pct > 0)
        grid_money_row(&g, b, "", "", &r->contingency, "", "", "", c);
    sc_range minus = {-r->insurance_pays.low, -r->insurance_pays.typical,
                      -r->insurance_pays.high};
    if (r->insurance_applies)
        grid_money_row(&g, "Insurance pays", "", "", &minus, "", "", "", c);
    grid_money_row(&g, "Out of pocket", "", "", &r->out_of_pocket, "", "", "", c);
    if (sim != NULL) {
        sc_range sim_pct = {sim->p10, sim->p50, sim->p90};
        grid_money_row(&g, "Simulated p10 / p50 / p90", "", "", &sim_pct, "", "", "", c);
    }
    sc_grid_print(&g, fp, "");
    sc_grid_free(&g);

    fprintf(fp, "\nPrices as of %s (the oldest price used).\n", r->pricing_as_of);
    /* Each currency involved, with its dated rate per US dollar. */
    const sc_currency *shown[16];
    size_t nshown = 0;
    for (size_t i = 0; i < r->nfx; i++) {
        const sc_currency *cs[2] = {r->fx[i].from, r->fx[i].to};
        const int64_t rates[2] = {r->fx[i].from_per_usd, r->fx[i].to_per_usd};
        const char *dates[2] = {r->fx[i].from_as_of, r->fx[i].to_as_of};
        for (int k = 0; k < 2; k++) {
            int seen = strcmp(cs[k]->code, "USD") == 0;
            for (size_t m = 0; m < nshown; m++)
                seen |= shown[m] == cs[k];
            if (seen || nshown == sizeof shown / sizeof *shown)
                continue;
            shown[nshown++] = cs[k];
            fprintf(fp, "%s %s %s per USD (as of %s)", nshown == 1 ? "Exchange rates:" : ";",
                    sc_decimal_format(rates[k], SC_RATE_DECIMALS, 1, b, sizeof b), cs[k]->code,
                    dates[k]);
        }
    }
    if (nshown > 0)
        fputs(".\n", fp);
    if (r->nwarnings > 0) {
        fprintf(fp, "\nWarnings:\n");
        for (size_t i = 0; i < r->nwarnings; i++) {
            char w[SC_WARNING_MAX];
            fprintf(fp, "  - %s\n", sc_estimate_warning_text(r, i, w, sizeof w));
        }
    }
}

void sc_report_estimate(FILE *fp, const sc_estimate_result *r, const sc_sim_result *sim,
                        sc_format fmt)
{
    switch (fmt) {
    case SC_FORMAT_CSV: estimate_csv(fp, r, sim); break;
    case SC_FORMAT_JSON: estimate_json(fp, r, sim); break;
    default: estimate_table(fp, r, sim); break;
    }
    if (sim != NULL && fmt == SC_FORMAT_TABLE)
        fprintf(fp, "\nSimulated percentiles: %ld draws, seed %lu (see stemcost simulate).\n",
                sim->draws, sim->seed);
}
