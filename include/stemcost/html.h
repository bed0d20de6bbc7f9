/* HTML: the pages of `stemcost serve`, as reports (they format results the
 * library computed; they compute nothing).
 *
 * Every text that came from outside the program (a value the patient typed,
 * a name from the pricing tables) goes through sc_html_escape, the one
 * escaping function; every value put into a link goes through sc_url_escape.
 *
 * The pages link to each other by the server's paths (/compare, /estimate,
 * /finance, /api/...) and load their style sheet and script from /static/
 * (sc_html_asset), so they work under "Content-Security-Policy: default-src
 * 'self'": no inline style or script, no style attributes.  They work with
 * JavaScript off; the script only leaves blank fields out of the address.
 *
 * Ownership: the pages write to a FILE * the caller owns and keep nothing.
 * Write errors are left in the stream's error flag for the caller.
 */
#ifndef STEMCOST_HTML_H
#define STEMCOST_HTML_H

#include <stdio.h>

#include "stemcost/compare.h"
#include "stemcost/estimate.h"
#include "stemcost/finance.h"
#include "stemcost/simulate.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Write `s` with & < > " ' as character references (text and attribute
 * values alike).  NULL writes nothing. */
void sc_html_escape(FILE *fp, const char *s);

/* Write `s` percent-encoded as a URL query component (RFC 3986: letters,
 * digits and -._~ stay; everything else, '&' '=' '+' and spaces included,
 * becomes %XX). */
void sc_url_escape(FILE *fp, const char *s);

/* What the patient asked, as typed (NULL: not given).  It refills the forms
 * and makes the links between pages, so a page can be bookmarked, printed
 * or sent and gives the same figures again. */
typedef struct sc_html_query {
    const sc_scenario *scenario;        /* the estimate options (may be NULL) */
    const char *countries, *tiers, *plan; /* compare's own fields */
    const char *today;                  /* the date asked for, if one was */
    const sc_finance_request *finance;  /* the finance page's fields (may be NULL) */
} sc_html_query;

/* `/`: the form in plain language, refilled from `q`.  With `err` (a
 * request that failed) the message is shown next to the field it names
 * (err->field) and in a summary at the top; a message about no field of the
 * form is shown at the top only. */
void sc_html_form_page(FILE *fp, const sc_pricing *p, const sc_html_query *q,
                       const sc_error *err);

/* `/compare`: the ranked rows, lawful options first and the others apart
 * with their status and reasons; savings or extra cost against home; each
 * row links to its estimate. */
void sc_html_compare_page(FILE *fp, const sc_compare_result *r, const sc_html_query *q);

/* `/estimate`: warnings first, the totals, the simulated distribution
 * (`sim`, may be NULL), the itemised lines with codes, sources and basis,
 * the complication risk and what is not included. */
void sc_html_estimate_page(FILE *fp, const sc_estimate_result *r, const sc_sim_result *sim,
                           const sc_html_query *q);

/* `/finance`: one way to pay, or every plan side by side, with the
 * deferred-interest trap in words. */
void sc_html_finance_page(FILE *fp, const sc_pricing *p, const sc_finance_result *r,
                          const sc_html_query *q);

/* `/finance` refused: its form again with the message next to its field. */
void sc_html_finance_form_page(FILE *fp, const sc_pricing *p, const sc_html_query *q,
                               const sc_error *err);

/* A short page for the server's own answers (not found, refused): a title
 * and one sentence. */
void sc_html_message_page(FILE *fp, const char *title, const char *text);

/* The pages' static files by name ("stemcost.css", "stemcost.js"): the
 * bytes (static), their length and media type; NULL for another name. */
const char *sc_html_asset(const char *name, const char **media_type, size_t *length);

#ifdef __cplusplus
}
#endif
#endif
