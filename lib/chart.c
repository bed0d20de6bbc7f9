/* The chart API (stemcost/chart.h): build a chart's description from a
 * result, render it in the format asked for, release it. */
#include <config.h>

#include <string.h>

#include "chart_internal.h"
#include "stemcost/output.h"
#include "chart_text.h"

int sc_chart_format_from_path(const char *path)
{
    /* In the order of sc_chart_format. */
    static const char *const exts[] = {".svg", ".png", ".pdf"};
    return sc_path_extension(path, exts, sizeof exts / sizeof *exts);
}

/* Render in `fmt`, checking the model first (out of memory).  Here, above
 * the model and the renderers, so that neither depends on the other. */
sc_status chart_render(const chart *c, FILE *fp, sc_chart_format fmt, sc_error *err)
{
    if (c->oom)
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory drawing the chart");
    if (fmt == SC_CHART_SVG)
        return chart_write_svg(c, fp, err);
    return chart_write_cairo(c, fp, fmt, err);
}

/* Render what was built (unless building failed), then release it. */
static sc_status finish(chart *c, sc_status st, FILE *fp, sc_chart_format fmt, sc_error *err)
{
    if (st == SC_OK)
        st = chart_render(c, fp, fmt, err);
    chart_free(c);
    return st;
}

/* A chart of `kind`, once the format and the options are checked. */
static sc_status start(chart *c, const char *kind, sc_chart_format fmt,
                       const sc_chart_options *opt, sc_error *err)
{
    double w;
    chart_init(c, kind, opt);
    if (fmt != SC_CHART_SVG && fmt != SC_CHART_PNG && fmt != SC_CHART_PDF)
        return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, "chart",
                              "the format is SVG, PNG or PDF");
    return chart_width(opt, &w, err);
}

sc_status sc_chart_compare(FILE *fp, const sc_compare_result *r, sc_chart_format fmt,
                           const sc_chart_options *opt, sc_error *err)
{
    chart c;
    sc_status st = start(&c, "compare", fmt, opt, err);
    if (st == SC_OK)
        st = chart_build_compare(&c, r, err);
    return finish(&c, st, fp, fmt, err);
}

sc_status sc_chart_simulate(FILE *fp, const sc_sim_result *sim, const sc_estimate_result *est,
                            sc_chart_format fmt, const sc_chart_options *opt, sc_error *err)
{
    chart c;
    sc_status st = start(&c, "simulate", fmt, opt, err);
    if (st == SC_OK)
        st = chart_build_simulate(&c, sim, est, err);
    return finish(&c, st, fp, fmt, err);
}

sc_status sc_chart_estimate(FILE *fp, const sc_estimate_result *r, sc_chart_format fmt,
                            const sc_chart_options *opt, sc_error *err)
{
    chart c;
    sc_status st = start(&c, "estimate", fmt, opt, err);
    if (st == SC_OK)
        st = chart_build_estimate(&c, r, err);
    return finish(&c, st, fp, fmt, err);
}

sc_status sc_chart_finance(FILE *fp, const sc_finance_result *r, sc_chart_format fmt,
                           const sc_chart_options *opt, sc_error *err)
{
    chart c;
    sc_status st = start(&c, "finance", fmt, opt, err);
    if (st == SC_OK)
        st = chart_build_finance(&c, r, err);
    return finish(&c, st, fp, fmt, err);
}

/* ---- SVG text in memory (chart_text.h) ------------------------------------------ */

/* What was built (unless building failed) as SVG text, then released. */
static sc_status finish_text(chart *c, sc_status st, sc_chart_text *out, sc_error *err)
{
    out->data = NULL;
    out->len = 0;
    if (st == SC_OK)
        st = c->oom ? sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory drawing the chart")
                    : chart_svg_text(c, &out->data, &out->len, err);
    chart_free(c);
    return st;
}

sc_status sc_chart_compare_text(const sc_compare_result *r, const sc_chart_options *opt,
                                sc_chart_text *out, sc_error *err)
{
    chart c;
    sc_status st = start(&c, "compare", SC_CHART_SVG, opt, err);
    if (st == SC_OK)
        st = chart_build_compare(&c, r, err);
    return finish_text(&c, st, out, err);
}

sc_status sc_chart_simulate_text(const sc_sim_result *sim, const sc_estimate_result *est,
                                 const sc_chart_options *opt, sc_chart_text *out, sc_error *err)
{
    chart c;
    sc_status st = start(&c, "simulate", SC_CHART_SVG, opt, err);
    if (st == SC_OK)
        st = chart_build_simulate(&c, sim, est, err);
    return finish_text(&c, st, out, err);
}

sc_status sc_chart_estimate_text(const sc_estimate_result *r, const sc_chart_options *opt,
                                 sc_chart_text *out, sc_error *err)
{
    chart c;
    sc_status st = start(&c, "estimate", SC_CHART_SVG, opt, err);
    if (st == SC_OK)
        st = chart_build_estimate(&c, r, err);
    return finish_text(&c, st, out, err);
}

sc_status sc_chart_finance_text(const sc_finance_result *r, const sc_chart_options *opt,
                                sc_chart_text *out, sc_error *err)
{
    chart c;
    sc_status st = start(&c, "finance", SC_CHART_SVG, opt, err);
    if (st == SC_OK)
        st = chart_build_finance(&c, r, err);
    return finish_text(&c, st, out, err);
}
