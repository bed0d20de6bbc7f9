/* The simulation as a chart: the histogram of the draws, p5 / p50 / p95, the
 * estimate's deterministic low / typical / high under it, and the
 * complication tail (see chart.h). */
#include <config.h>

#include <string.h>

#include "chart_internal.h"

#define HIST_WIDE 220.0
#define HIST_NARROW 170.0
#define TAG_ROW 15.0

sc_status chart_build_simulate(chart *c, const sc_sim_result *sim, const sc_estimate_result *e,
                               sc_error *err)
{
    (void)err;
    const sc_currency *cur = sim->currency;
    char title[512], sub[512], a[64], b[64], d[64], f[64];
    snprintf(title, sizeof title, "Simulated out of pocket: %s for %s in %s (%s tier)",
             e->procedure->name, e->condition->name, e->country->name, e->tier->id);
    snprintf(sub, sizeof sub, "%d %s%s · home %s · %d traveller%s · insurance %s · %s draws, "
                              "seed %lu · amounts in %s",
             e->sites, e->condition->site_unit, e->sites == 1 ? "" : "s", e->home->id,
             e->travelers, e->travelers == 1 ? "" : "s", e->insurance->id,
             chart_count(sim->draws, a, sizeof a), sim->seed, cur->code);
    double y = chart_heading(c, title, sub);

    /* Bins wholly above p95 hold only the dearest 5 % of draws: the tail.
     * A complication adds its cost to a draw, so those draws tend to lie
     * there; the label states the counts and the cost, not where each lies. */
    size_t first_tail = sim->nbins;
    for (size_t i = 0; i < sim->nbins && first_tail == sim->nbins; i++)
        if (sim->bins[i].lower >= sim->p95)
            first_tail = i;
    int tail = first_tail < sim->nbins;
    char k50[128], k595[160];
    snprintf(k50, sizeof k50, "p50 (median) %s", chart_money(sim->p50, cur, 0, a, sizeof a));
    snprintf(k595, sizeof k595, "p5 %s and p95 %s", chart_money(sim->p5, cur, 0, a, sizeof a),
             chart_money(sim->p95, cur, 0, b, sizeof b));
    const chart_key keys[] = {
        {KEY_FILL, CS_BIN, 0, 0, 0, "Draws in each band of cost"},
        {KEY_LINE, 0, INK, DASH_SOLID, 0, k50},
        {KEY_LINE, 0, INK, DASH_DASHED, 0, k595},
        {KEY_WHISKER, 0, INK, 0, 0, "Estimate: low to high"},
        {KEY_MARK, 0, PAPER, 0, SHAPE_DIAMOND, "Estimate: typical"},
        {KEY_FILL, CS_TAIL, 0, 0, 0, "Beyond p95: the dearest 5 % of draws"},
    };
    y = chart_legend(c, y, keys, tail ? 6 : 5);

    /* Scales: cost across (the bins and the estimate's range), draws up. */
    int64_t lo = sim->range.low, hi = sim->range.high, maxcount = 1;
    if (sim->nbins > 0) {
        if (sim->bins[0].lower < lo)
            lo = sim->bins[0].lower;
        if (sim->bins[sim->nbins - 1].upper > hi)
            hi = sim->bins[sim->nbins - 1].upper;
    }
    for (size_t i = 0; i < sim->nbins; i++)
        if ((int64_t)sim->bins[i].count > maxcount)
            maxcount = (int64_t)sim->bins[i].count;
    chart_scale ys;
    chart_nice(0, maxcount, 1, 4, &ys);
    double left = CHART_MARGIN + chart_y_label_width(&ys, NULL) + 4;
    double right = c->width - CHART_MARGIN - 8;
    chart_scale xs;
    chart_money_scale(&xs, lo, hi, cur, left, right);

    /* Percentile tags above the histogram (p5 left of its line, p95 right),
     * a tag that would touch the one before it a row higher; the histogram,
     * the estimate's range under it, then the axis. */
    double ytitle = y + 12;
    chart_text(c, "y-title", CHART_MARGIN, ytitle, CHART_SMALL_SIZE, 0, ANCHOR_START, INK_MUTED,
               "Draws");
    const struct {
        int64_t v;
        const char *tag, *cls;
        chart_anchor anchor;
        chart_dash dash;
        double width;
    } lines[] = {{sim->p5, "p5", "pct p5", ANCHOR_END, DASH_DASHED, 1.5},
                 {sim->p50, "p50", "pct p50", ANCHOR_MIDDLE, DASH_SOLID, 2},
                 {sim->p95, "p95", "pct p95", ANCHOR_START, DASH_DASHED, 1.5}};
    int row[3];
    double prev_end = -1e9;
    for (size_t i = 0; i < 3; i++) {
        double x = chart_px(&xs, lines[i].v), w = chart_text_width(lines[i].tag, CHART_SMALL_SIZE, 1);
        double x0 = lines[i].anchor == ANCHOR_END ? x - w - 3
                    : lines[i].anchor == ANCHOR_MIDDLE ? x - w / 2 : x + 3;
        row[i] = i > 0 && x0 < prev_end + 4 ? (row[i - 1] + 1) % 2 : 0;
        prev_end = x0 + w;
    }
    double hist_top = ytitle + 6 + 2 * TAG_ROW + 4;
    double hist_bottom = hist_top + (c->narrow ? HIST_NARROW : HIST_WIDE);
    ys.p0 = hist_bottom;
    ys.p1 = hist_top;
    double band = hist_bottom + 22;
    double xl = chart_px(&xs, sim->range.low), xt = chart_px(&xs, sim->range.typical),
           xh = chart_px(&xs, sim->range.high);
    char tl[96], tt[96], th[96];
    snprintf(tl, sizeof tl, "low %s", chart_money(sim->range.low, cur, 0, a, sizeof a));
    snprintf(tt, sizeof tt, "typical %s", chart_money(sim->range.typical, cur, 0, a, sizeof a));
    snprintf(th, sizeof th, "high %s", chart_money(sim->range.high, cur, 0, a, sizeof a));
    const chart_tag est[] = {{xl, "estimate-label", tl, 0},
                             {xt, "estimate-label", tt, 1},
                             {xh, "estimate-label", th, 0}};
    /* The axis and its gridlines go first, behind the bars: measure the
     * estimate's labels to know where it goes. */
    double band_bottom = chart_tags(NULL, est, 3, band + 10, TAG_ROW, 3, left, right) + 6;
    chart_y_axis(c, &ys, left, right, NULL);
    char axis_title[160];
    snprintf(axis_title, sizeof axis_title, "Out of pocket, %s (%s)", cur->code, cur->name);
    double after = chart_money_axis(c, &xs, hist_top, band_bottom, cur, axis_title);

    chart_group(c, "histogram", NULL);
    for (size_t i = 0; i < sim->nbins; i++) {
        const sc_sim_bin *bin = &sim->bins[i];
        double x0 = chart_px(&xs, bin->lower), x1 = chart_px(&xs, bin->upper);
        double top = chart_px(&ys, (int64_t)bin->count);
        chart_rect(c, i >= first_tail ? "tail" : "bin", x0, top, x1 - x0, hist_bottom - top,
                   i >= first_tail ? CS_TAIL : CS_BIN);
    }
    chart_line(c, NULL, left, hist_bottom, right, hist_bottom, INK, 1, DASH_SOLID);
    chart_end(c);
    if (tail) {
        /* The complication's facts from the result, over the tail. */
        double x0 = chart_px(&xs, sim->bins[first_tail].lower);
        double x1 = chart_px(&xs, sim->bins[sim->nbins - 1].upper);
        char label[3][160], n1[32], n2[32];
        snprintf(label[0], sizeof label[0], "Beyond p95, the dearest 5 %%.");
        snprintf(label[1], sizeof label[1], "%s of %s draws had a complication",
                 chart_count(sim->complications, n1, sizeof n1),
                 chart_count(sim->draws, n2, sizeof n2));
        if (e->complications.row != NULL)
            snprintf(label[2], sizeof label[2], "costing you %s to %s",
                     chart_money(e->complications.cost.low, cur, 0, a, sizeof a),
                     chart_money(e->complications.cost.high, cur, 0, b, sizeof b));
        else
            snprintf(label[2], sizeof label[2], "(the tables give no complication risk)");
        /* The words in the tail's own room (from its first bin to the right
         * edge), over the bracket that spans its bins. */
        double room = right - x0 - 8;
        if (room < 150)
            room = 150;
        double tx = x0 + 6 + room > right ? right - room : x0 + 6;
        double ly = hist_top + 4;
        for (int k = 0; k < 3; k++)
            ly = chart_wrap(c, "tail-label", tx, ly, room, CHART_SMALL_SIZE, k == 1, INK, 14,
                            label[k]);
        chart_whisker(c, "tail-bracket", x0, x1, ly + 8, 4, OI_VERMILLION);
    }
    for (size_t i = 0; i < 3; i++) {
        double x = chart_px(&xs, lines[i].v);
        double ty = hist_top - 6 - TAG_ROW * row[i];
        double dx = lines[i].anchor == ANCHOR_END ? -3 : lines[i].anchor == ANCHOR_START ? 3 : 0;
        chart_line(c, lines[i].cls, x, ty - CHART_SMALL_SIZE * (lines[i].anchor == ANCHOR_MIDDLE ? 1.1 : 0.3),
                   x, hist_bottom, INK, lines[i].width, lines[i].dash);
        chart_text(c, "pct-label", x + dx, ty - (lines[i].anchor == ANCHOR_MIDDLE ? CHART_SMALL_SIZE * 1.2 : 0),
                   CHART_SMALL_SIZE, 1, lines[i].anchor, INK, lines[i].tag);
    }

    /* The estimate: every price at its low, typical and high. */
    chart_group(c, "estimate", NULL);
    chart_whisker(c, "whisker", xl, xh, band, 7, INK);
    chart_mark(c, "typical", SHAPE_DIAMOND, xt, band, 5.5, PAPER);
    chart_tags(c, est, 3, band + 10, TAG_ROW, 3, left, right);
    chart_end(c);

    char stats[512], ip[256], asof[256], pc[32];
    snprintf(stats, sizeof stats, "Mean %s, standard deviation %s; the draws ran from %s to %s. "
                                  "Every draw without a complication lies between the "
                                  "estimate's low and high; percentiles interpolate between "
                                  "draws.",
             chart_money(sim->mean, cur, 0, a, sizeof a), chart_money(sim->sd, cur, 0, b, sizeof b),
             chart_money(sim->min, cur, 0, d, sizeof d), chart_money(sim->max, cur, 0, f, sizeof f));
    snprintf(ip, sizeof ip, "%s of the typical out of pocket rests on interpolated prices (no "
                            "source states them).",
             chart_pct(e->interpolated_pct, pc, sizeof pc));
    snprintf(asof, sizeof asof, "Prices as of %s (the oldest used). Made by stemcost simulate, "
                                "seed %lu: the same seed gives the same draws.",
             e->pricing_as_of, sim->seed);
    const char *foot[] = {stats, ip, asof};
    chart_footer(c, after, foot, 3);

    char desc[2048];
    snprintf(desc, sizeof desc, "%.400s. %.400s. %s; %s. Estimate %s, %s, %s. %.500s", title,
             sub, k50, k595, tl, tt, th, stats);
    chart_set_title(c, title, desc);
    return SC_OK;
}
