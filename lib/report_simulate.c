/* `stemcost simulate` output. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "stemcost/report.h"

#define BAR_WIDTH 40

static const char *plain(int64_t v, const sc_currency *c, char *b, size_t n)
{
    return sc_money_format_plain(v, c, b, n);
}

static const char *const pct_names[7] = {"p5", "p10", "p25", "p50", "p75", "p90", "p95"};

static void pct_values(const sc_sim_result *r, int64_t out[7])
{
    out[0] = r->p5;
    out[1] = r->p10;
    out[2] = r->p25;
    out[3] = r->p50;
    out[4] = r->p75;
    out[5] = r->p90;
    out[6] = r->p95;
}

static void sim_json(FILE *fp, const sc_sim_result *r)
{
    const sc_currency *c = r->currency;
    char b[48];
    int64_t p[7];
    sc_json j;
    sc_json_init(&j, fp);
    sc_json_begin_object(&j);
    sc_json_key(&j, "draws");
    sc_json_int(&j, r->draws);
    sc_json_key(&j, "seed");
    sc_json_int(&j, (long long)r->seed);
    sc_json_key(&j, "currency");
    sc_json_string(&j, c->code);
    const char *names[] = {"mean", "sd", "min", "max"};
    const int64_t vals[] = {r->mean, r->sd, r->min, r->max};
    for (int i = 0; i < 4; i++) {
        sc_json_key(&j, names[i]);
        sc_json_number_text(&j, plain(vals[i], c, b, sizeof b));
    }
    pct_values(r, p);
    sc_json_key(&j, "percentiles");
    sc_json_begin_object(&j);
    for (int i = 0; i < 7; i++) {
        sc_json_key(&j, pct_names[i]);
        sc_json_number_text(&j, plain(p[i], c, b, sizeof b));
    }
    sc_json_end_object(&j);
    /* What the percentiles mean next to the estimate's range. */
    sc_json_key(&j, "deterministic_range");
    sc_json_begin_object(&j);
    sc_json_key(&j, "low");
    sc_json_number_text(&j, plain(r->range.low, c, b, sizeof b));
    sc_json_key(&j, "typical");
    sc_json_number_text(&j, plain(r->range.typical, c, b, sizeof b));
    sc_json_key(&j, "high");
    sc_json_number_text(&j, plain(r->range.high, c, b, sizeof b));
    sc_json_end_object(&j);
    sc_json_key(&j, "clinic_price_correlation");
    snprintf(b, sizeof b, "%.2f", SC_SIM_CLINIC_CORRELATION);
    sc_json_number_text(&j, b);
    sc_json_key(&j, "draws_with_complication");
    sc_json_int(&j, r->complications);
    sc_json_key(&j, "histogram");
    sc_json_begin_array(&j);
    for (size_t i = 0; i < r->nbins; i++) {
        sc_json_begin_object(&j);
        sc_json_key(&j, "lower");
        sc_json_number_text(&j, plain(r->bins[i].lower, c, b, sizeof b));
        sc_json_key(&j, "upper");
        sc_json_number_text(&j, plain(r->bins[i].upper, c, b, sizeof b));
        sc_json_key(&j, "count");
        sc_json_int(&j, (long long)r->bins[i].count);
        sc_json_end_object(&j);
    }
    sc_json_end_array(&j);
    sc_json_end_object(&j);
    sc_json_finish(&j);
}

static void sim_csv(FILE *fp, const sc_sim_result *r)
{
    const sc_currency *c = r->currency;
    static const char *const head[] = {"kind", "name", "value", "lower", "upper", "count",
                                       "currency"};
    char v[48], lo[48], hi[48], cnt[32];
    int64_t p[7];
    sc_csv_row(fp, head, 7);
    snprintf(v, sizeof v, "%ld", r->draws);
    const char *draws[] = {"summary", "draws", v, "", "", "", ""};
    sc_csv_row(fp, draws, 7);
    snprintf(v, sizeof v, "%lu", r->seed);
    const char *seed[] = {"summary", "seed", v, "", "", "", ""};
    sc_csv_row(fp, seed, 7);
    const char *names[] = {"mean", "sd", "min", "max"};
    const int64_t vals[] = {r->mean, r->sd, r->min, r->max};
    for (int i = 0; i < 4; i++) {
        const char *row[] = {"summary", names[i], plain(vals[i], c, v, sizeof v), "", "", "",
                             c->code};
        sc_csv_row(fp, row, 7);
    }
    pct_values(r, p);
    for (int i = 0; i < 7; i++) {
        const char *row[] = {"summary", pct_names[i], plain(p[i], c, v, sizeof v), "", "", "",
                             c->code};
        sc_csv_row(fp, row, 7);
    }
    for (size_t i = 0; i < r->nbins; i++) {
        char idx[24];
        snprintf(idx, sizeof idx, "%zu", i + 1);
        snprintf(cnt, sizeof cnt, "%zu", r->bins[i].count);
        const char *row[] = {"bin", idx, "", plain(r->bins[i].lower, c, lo, sizeof lo),
                             plain(r->bins[i].upper, c, hi, sizeof hi), cnt, c->code};
        sc_csv_row(fp, row, 7);
    }
}

static void sim_table(FILE *fp, const sc_sim_result *r, const sc_estimate_result *e)
{
    const sc_currency *c = r->currency;
    char a[64], b[64];
    int64_t p[7];
    fprintf(fp, "%s for %s in %s (%s tier): out of pocket, %ld draws, seed %lu\n",
            e->procedure->name, e->condition->name, e->country->name, e->tier->id, r->draws,
            r->seed);
    fprintf(fp, "Deterministic range: %s / ", sc_money_format_display(e->out_of_pocket.low, c, a, sizeof a));
    fprintf(fp, "%s / ", sc_money_format_display(e->out_of_pocket.typical, c, a, sizeof a));
    fprintf(fp, "%s (low / typical / high)\n", sc_money_format_display(e->out_of_pocket.high, c, b, sizeof b));
    fprintf(fp, "The range prices every line at its low or high end at once; the draws vary each\n"
                "line's price (a clinic's prices moving together, correlation %.1f), %s,\n"
                "nights and complications, so the percentiles sit inside it, a complication\n"
                "aside (%ld of %ld draws had one, paid %s).\n\n",
            SC_SIM_CLINIC_CORRELATION,
            e->scenario.sessions_given ? "not the sessions (given)" : "the number of sessions",
            r->complications, r->draws,
            e->insurance_applies ? "through the plan" : "out of pocket");
    fprintf(fp, "mean %s", sc_money_format_display(r->mean, c, a, sizeof a));
    fprintf(fp, "   sd %s", sc_money_format_display(r->sd, c, a, sizeof a));
    fprintf(fp, "   min %s", sc_money_format_display(r->min, c, a, sizeof a));
    fprintf(fp, "   max %s\n\n", sc_money_format_display(r->max, c, a, sizeof a));
    sc_grid g;
    if (!sc_grid_init(&g, 2))
        return;
    const char *head[] = {"Percentile", "Out of pocket"};
    sc_grid_add(&g, head);
    sc_grid_align_right(&g, 1);
    pct_values(r, p);
    for (int i = 0; i < 7; i++) {
        const char *row[] = {pct_names[i], sc_money_format_display(p[i], c, a, sizeof a)};
        sc_grid_add(&g, row);
    }
    sc_grid_print(&g, fp, "");
    sc_grid_free(&g);

    size_t top = 1;
    for (size_t i = 0; i < r->nbins; i++)
        if (r->bins[i].count > top)
            top = r->bins[i].count;
    fprintf(fp, "\nDistribution (each # is up to %zu draws):\n", (top + BAR_WIDTH - 1) / BAR_WIDTH);
    sc_grid h;
    if (!sc_grid_init(&h, 3))
        return;
    for (size_t i = 0; i < r->nbins; i++) {
        char range[160], bar[BAR_WIDTH + 1], cnt[32];
        size_t len = (r->bins[i].count * BAR_WIDTH + top - 1) / top;
        memset(bar, '#', len);
        bar[len] = '\0';
        snprintf(range, sizeof range, "%s - %s",
                 sc_money_format_display(r->bins[i].lower, c, a, sizeof a),
                 sc_money_format_display(r->bins[i].upper, c, b, sizeof b));
        snprintf(cnt, sizeof cnt, "%zu", r->bins[i].count);
        const char *row[] = {range, cnt, bar};
        sc_grid_add(&h, row);
    }
    sc_grid_align_right(&h, 1);
    if (h.failed)
        sc_output_fail(fp); /* a bar was lost for lack of memory */
    /* No header row for the bars: print without the rule. */
    for (size_t row = 0; row < h.nrows; row++) {
        size_t w0 = 0, w1 = 0;
        for (size_t k = 0; k < h.nrows; k++) {
            size_t x = sc_utf8_width(h.cells[k * 3]), y = strlen(h.cells[k * 3 + 1]);
            w0 = x > w0 ? x : w0;
            w1 = y > w1 ? y : w1;
        }
        const char *range = h.cells[row * 3], *cnt = h.cells[row * 3 + 1];
        fprintf(fp, "  %s%*s  %*s  %s\n", range, (int)(w0 - sc_utf8_width(range)), "", (int)w1,
                cnt, h.cells[row * 3 + 2]);
    }
    sc_grid_free(&h);
}

void sc_report_simulate(FILE *fp, const sc_sim_result *r, const sc_estimate_result *e,
                        sc_format fmt)
{
    switch (fmt) {
    case SC_FORMAT_CSV: sim_csv(fp, r); break;
    case SC_FORMAT_JSON: sim_json(fp, r); break;
    default: sim_table(fp, r, e); break;
    }
}
