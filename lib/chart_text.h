/* Charts as SVG text in memory, for the HTML pages that put them inline
 * (lib/html.c): the same bytes sc_chart_* write in SVG, without a stream
 * to go through (a comparison's chart is some 20 kB, and copying it through
 * a memory stream into the page cost more than writing it). */
#ifndef STEMCOST_CHART_TEXT_H
#define STEMCOST_CHART_TEXT_H

#include <stddef.h>

#include "stemcost/chart.h"

typedef struct sc_chart_text {
    char *data;   /* malloc'd, not NUL-terminated; the caller frees it */
    size_t len;
} sc_chart_text;

/* As sc_chart_compare (and so on) in SVG: on SC_OK `out` holds the text;
 * on failure it holds nothing to free. */
sc_status sc_chart_compare_text(const sc_compare_result *r, const sc_chart_options *opt,
                                sc_chart_text *out, sc_error *err);
sc_status sc_chart_simulate_text(const sc_sim_result *sim, const sc_estimate_result *est,
                                 const sc_chart_options *opt, sc_chart_text *out, sc_error *err);
sc_status sc_chart_estimate_text(const sc_estimate_result *r, const sc_chart_options *opt,
                                 sc_chart_text *out, sc_error *err);
sc_status sc_chart_finance_text(const sc_finance_result *r, const sc_chart_options *opt,
                                sc_chart_text *out, sc_error *err);

#endif
