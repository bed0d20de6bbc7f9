/* Charts: a result drawn for people, as SVG, PNG or PDF.
 *
 * Each function takes a result the library already computed and draws it; a
 * chart computes nothing the result does not hold.  Every amount written on a
 * chart is a figure of the result, formatted with sc_money_format_display;
 * only pixel coordinates are computed (a linear scale from amounts to pixels,
 * and the positions of stacked segments, which add widths, not amounts).
 * The result is first turned into a chart description (scales, bars, marks,
 * lines, labels, legend and footer, laid out once), which a renderer then
 * writes: SVG as text, PNG and PDF through cairo.
 *
 * What each chart shows:
 *   - sc_chart_compare: one row per priced option, in the comparison's rank
 *     order and groups (lawful, trial only, not permitted, clinic quotes that
 *     cannot be ranked), each group under its own heading and in its own
 *     colour and outline; per row a bar from zero to the typical out of
 *     pocket, split into treatment and other costs (solid) and travel
 *     (hatched), a whisker from low to high and a diamond at the typical; the
 *     home baseline as a dashed vertical line; options not priced are named
 *     below the rows.  At most SC_CHART_MAX_ROWS rows (SC_ELIMIT beyond).
 *   - sc_chart_simulate: the histogram of the simulated out of pocket, p5 /
 *     p50 / p95 as vertical lines, the estimate's deterministic low / typical
 *     / high as a whisker under it, and the bins above the estimate's high
 *     (where only draws with a complication fall) hatched and labelled.
 *   - sc_chart_estimate: the typical out of pocket as a stacked bar, one
 *     segment per line (in bill order, coloured and patterned by category,
 *     numbered as in the legend), then tax, travel and contingency; what the
 *     insurance pays is a second bar apart, in the same segments.
 *   - sc_chart_finance: for one way to pay, the balance after each payment and
 *     the interest paid so far (for a deferred-interest promotion also the
 *     balance on the minimum payment only and the interest charged at the
 *     expiry if it is not cleared: the cliff); with compare, each plan's total
 *     paid as a bar split at the price (the rest is the cost of credit), and a
 *     promotion's cliff as a hatched extension.
 * Every chart has a title naming the scenario, a legend, axis labels in the
 * result's currency with its digit grouping, and a footer with the share of
 * the figures resting on interpolated prices and the pricing as-of date
 * (finance: the sources of the plans' terms).  Colours are the Okabe-Ito
 * palette, told apart by colour-blind readers; fills that must be told apart
 * also differ in pattern (solid, hatched, dotted) and lines in dash, so a
 * greyscale print keeps them distinct.
 *
 * Sizes: the layout is made for a width in CSS pixels (SC_CHART_WIDTH by
 * default, 16.9 cm on paper; SC_CHART_MIN_WIDTH fits a phone held upright:
 * the layout moves labels above the bars below SC_CHART_NARROW); the height
 * follows the content.  SVG: that size, with a viewBox, so it scales.  PNG:
 * twice that size in pixels (sharp on high-density screens and in print).
 * PDF: one page of that size at 0.75 pt a pixel (the CSS ratio).
 *
 * SVG for inline use (a web page): self-contained (no external references,
 * scripts, fonts or images), no <style> element and no style attributes (so
 * a Content-Security-Policy without 'unsafe-inline' allows it); the font is
 * named in the root's font-family attribute, "DejaVu Sans" with the generic
 * sans-serif after it.  Ids start with "sc-KIND-" (sc-compare-, sc-simulate-,
 * sc-estimate-, sc-finance-): charts of different kinds can share a page.
 * Elements carry classes (row, bar, travel, whisker, typical, baseline,
 * tick, bin, tail, pct, segment, balance, interest, cliff, ...) for tests
 * and style sheets.
 *
 * Deterministic: the same result and options give the same bytes (no
 * timestamps; coordinates rounded to 0.01 px and written without the
 * locale; text widths from a table of DejaVu Sans advances, not the fonts
 * installed).  PDF carries no creation date.  PNG and PDF draw text with the
 * installed DejaVu Sans through fontconfig.
 *
 * Errors: a write error (SC_EIO), a cairo failure (SC_EIO, with cairo's
 * words), memory (SC_ENOMEM), too many rows (SC_ELIMIT, field "chart"), a
 * width outside the limits (SC_EUSAGE, field "width").  After an error the
 * stream may hold part of a chart: write to a temporary file and discard it
 * (the command line does).  Nothing is printed.
 *
 * Ownership: the functions read the result and write to `fp`, which the
 * caller owns (and flushes or closes: SVG is written with stdio, the error
 * flag checked at the end); they keep nothing.  `opt` may be NULL for the
 * defaults; `err` may be NULL. */
#ifndef STEMCOST_CHART_H
#define STEMCOST_CHART_H

#include <stdio.h>

#include "stemcost/compare.h"
#include "stemcost/error.h"
#include "stemcost/estimate.h"
#include "stemcost/finance.h"
#include "stemcost/simulate.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sc_chart_format { SC_CHART_SVG, SC_CHART_PNG, SC_CHART_PDF } sc_chart_format;

#define SC_CHART_WIDTH 640      /* CSS pixels */
#define SC_CHART_MIN_WIDTH 320
#define SC_CHART_MAX_WIDTH 1600
#define SC_CHART_NARROW 560     /* below it, labels go above the bars */
#define SC_CHART_MAX_ROWS 120   /* compare rows or finance plans in one chart */

typedef struct sc_chart_options {
    int width;                  /* layout width in CSS pixels; 0: SC_CHART_WIDTH */
} sc_chart_options;

/* The format named by a file name's extension, ".svg", ".png" or ".pdf" (any
 * case); -1 for any other name. */
int sc_chart_format_from_path(const char *path);

sc_status sc_chart_compare(FILE *fp, const sc_compare_result *r, sc_chart_format fmt,
                           const sc_chart_options *opt, sc_error *err);
/* `est` is the estimate of the simulated scenario (its low / typical / high,
 * interpolated share and as-of date). */
sc_status sc_chart_simulate(FILE *fp, const sc_sim_result *sim, const sc_estimate_result *est,
                            sc_chart_format fmt, const sc_chart_options *opt, sc_error *err);
sc_status sc_chart_estimate(FILE *fp, const sc_estimate_result *r, sc_chart_format fmt,
                            const sc_chart_options *opt, sc_error *err);
sc_status sc_chart_finance(FILE *fp, const sc_finance_result *r, sc_chart_format fmt,
                           const sc_chart_options *opt, sc_error *err);

/* Release cairo's and fontconfig's caches (PNG and PDF load fonts), for
 * memory checkers, once no chart or quote is drawn any more. */
void sc_chart_release_fonts(void);

#ifdef __cplusplus
}
#endif
#endif
