/* Internal to the HTML pages (lib/html.c, lib/report_html_*.c): the frame,
 * links, values and form fields they share.  Everything that writes text
 * from outside the program escapes it with sc_html_escape. */
#ifndef STEMCOST_HTML_INTERNAL_H
#define STEMCOST_HTML_INTERNAL_H

#include <stdint.h>
#include <stdio.h>

#include "chart_text.h"
#include "stemcost/html.h"

/* A piece of a page gathered in memory and written with one fwrite when
 * flushed (or when full): pages are written in pieces of a few bytes, and a
 * stdio call per piece cost more than the piece.  The sc_html_put_*
 * functions are the FILE functions' rules (sc_html_escape, sc_url_escape,
 * ...) into a line; those are these, flushed. */
typedef struct sc_html_line {
    FILE *fp;
    size_t n;
    char buf[2048];
} sc_html_line;
void sc_html_line_init(sc_html_line *l, FILE *fp);
void sc_html_line_flush(sc_html_line *l);
void sc_html_put(sc_html_line *l, const char *s, size_t n);
void sc_html_puts(sc_html_line *l, const char *s);
/* A string literal (its length known when compiled). */
#define SC_HTML_LIT(l, s) sc_html_put((l), "" s, sizeof(s) - 1)
void sc_html_put_escaped(sc_html_line *l, const char *s);
void sc_html_put_url(sc_html_line *l, const char *s);
void sc_html_put_param(sc_html_line *l, int *first, const char *name, const char *value);
void sc_html_put_scenario_params(sc_html_line *l, int *first, const sc_scenario *s,
                                 unsigned skip);
void sc_html_put_money(sc_html_line *l, int64_t amount, const sc_currency *c);

/* <!DOCTYPE html> to <main>, and </main> to the end. */
void sc_html_begin(FILE *fp, const char *title);
void sc_html_end(FILE *fp);

/* One query parameter "name=value" (URL-escaped; "&amp;" before all but
 * the first, as written inside an href).  A NULL value writes nothing. */
void sc_html_param(FILE *fp, int *first, const char *name, const char *value);
/* The scenario's given fields, except those whose bit (1 << field index of
 * sc_scenario_fields) is set in `skip`. */
void sc_html_scenario_params(FILE *fp, int *first, const sc_scenario *s, unsigned skip);
/* The scenario and compare's own fields. */
void sc_html_query_params(FILE *fp, int *first, const sc_html_query *q, unsigned skip);
#define SC_HTML_SKIP_PLACE ((1u << 2) | (1u << 3)) /* country and tier */
#define SC_HTML_SKIP_CURRENCY (1u << 16)

/* A whole number (without printf: pages write hundreds of them). */
void sc_html_int(FILE *fp, long long v);

/* Money as people read it ("$1,234.50"), escaped; a range "$1 to $2". */
void sc_html_money(FILE *fp, int64_t amount, const sc_currency *c);
void sc_html_range(FILE *fp, const sc_range *r, const sc_currency *c);
/* Hundredths of a percent as text without trailing zeros ("12.5"). */
const char *sc_html_pct(int64_t hundredths, char *buf, size_t n);

/* Form fields: label, hint, the error for this field (when err names it),
 * and the control refilled with `value`. */
void sc_html_field_error(FILE *fp, const char *field, const sc_error *err);
void sc_html_field_attrs(FILE *fp, const char *field, const char *hint, const sc_error *err);
void sc_html_text_field(FILE *fp, const char *field, const char *label, const char *hint,
                        const char *value, const char *inputmode, const sc_error *err);
void sc_html_option(FILE *fp, const char *value, const char *text, const char *current);
int sc_html_in_list(const char *list, const char *id);
/* The error at the top of a form; `label` names the field it is about (a
 * link to it), or NULL when the form has no such field. */
void sc_html_error_summary(FILE *fp, const sc_error *err, const char *label);

/* An inline SVG chart (stemcost/chart.h: self-contained, no style
 * attributes, so the pages' Content-Security-Policy allows it): `draw`
 * makes it as text in memory (chart_text.h), then it is copied into the
 * page, so a chart that cannot be drawn (too many rows, out of memory)
 * leaves a sentence saying so, not half a drawing. */
typedef sc_status (*sc_html_draw)(sc_chart_text *out, const void *a, const void *b,
                                  sc_error *err);
void sc_html_chart(FILE *fp, sc_html_draw draw, const void *a, const void *b);

#endif
