/* The chart description: what a chart shows, laid out once in CSS pixels
 * (origin at the top left, y down), then written by a renderer: SVG as text
 * (chart_svg.c) or PNG / PDF through cairo (chart_cairo.c).  The builders
 * (chart_compare.c, chart_simulate.c, chart_estimate.c, chart_finance.c)
 * read a result and add items; the shared pieces (title, legend, axis,
 * footer) are in chart_layout.c; text widths in chart_font.c. */
#ifndef STEMCOST_CHART_INTERNAL_H
#define STEMCOST_CHART_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "stemcost/chart.h"
#include "stemcost/money.h"

/* ---- styles ----------------------------------------------------------------------- */

/* The Okabe-Ito palette (Okabe & Ito, "Color Universal Design", 2008): hues
 * that people with any common form of colour blindness tell apart. */
#define OI_ORANGE 0xE69F00u
#define OI_SKY 0x56B4E9u
#define OI_GREEN 0x009E73u
#define OI_YELLOW 0xF0E442u
#define OI_BLUE 0x0072B2u
#define OI_VERMILLION 0xD55E00u
#define OI_PURPLE 0xCC79A7u
#define INK 0x1A1A1Au       /* text and axes */
#define INK_MUTED 0x555555u /* secondary text: 7.5:1 on white */
#define INK_GRID 0xDDDDDDu
#define PAPER 0xFFFFFFu

typedef enum chart_pattern {
    PAT_NONE,
    PAT_HATCH,  /* diagonal lines, rising */
    PAT_BACK,   /* diagonal lines, falling */
    PAT_CROSS,  /* both */
    PAT_DOTS
} chart_pattern;

/* A fill: a colour, and a pattern drawn over it in `ink`, so that fills a
 * reader must tell apart differ in more than hue. */
typedef enum chart_style {
    CS_NONE,
    CS_PAPER,               /* the background: covers what is behind */
    /* compare: treatment and other costs / travel, per group */
    CS_LAWFUL, CS_LAWFUL_TRAVEL, CS_TRIAL, CS_TRIAL_TRAVEL, CS_BANNED, CS_BANNED_TRAVEL,
    CS_QUOTE, CS_QUOTE_TRAVEL,
    /* simulate */
    CS_BIN, CS_TAIL,
    /* estimate: a cycle of category fills, then travel, tax, contingency */
    CS_CAT0, CS_CAT1, CS_CAT2, CS_CAT3, CS_CAT4, CS_CAT5, CS_CAT6, CS_CAT7, CS_CAT8,
    CS_TRAVEL, CS_TAX, CS_CONTINGENCY,
    /* finance */
    CS_AREA, CS_PRICE, CS_CREDIT, CS_CLIFF,
    CS_COUNT
} chart_style;
#define CHART_CAT_STYLES 9

typedef struct chart_fill {
    const char *name;       /* in ids: sc-KIND-NAME */
    unsigned colour;
    chart_pattern pattern;
    unsigned ink;
    unsigned outline;       /* 0: none */
    int dashed_outline;
} chart_fill;

extern const chart_fill chart_fills[CS_COUNT];

typedef enum chart_dash { DASH_SOLID, DASH_DASHED, DASH_DOTTED, DASH_DASHDOT } chart_dash;
typedef enum chart_anchor { ANCHOR_START, ANCHOR_MIDDLE, ANCHOR_END } chart_anchor;
typedef enum chart_shape { SHAPE_DIAMOND, SHAPE_CIRCLE, SHAPE_TRIANGLE, SHAPE_SQUARE } chart_shape;

/* ---- items ------------------------------------------------------------------------ */

typedef enum chart_kind {
    CI_RECT, CI_LINE, CI_PATH, CI_MARK, CI_TEXT, CI_GROUP, CI_END
} chart_kind;

typedef struct chart_item {
    chart_kind kind;
    const char *cls;        /* class for SVG (static text), or NULL */
    double x, y, w, h;      /* rect: box; line: x,y to w,h (x2, y2); mark: centre, w = radius;
                               text: anchor point on the baseline, w = font size */
    chart_style fill;       /* rect, path (CS_NONE: no fill) */
    unsigned colour;        /* line, path stroke, mark fill, text */
    double width;           /* stroke width (0: none) */
    chart_dash dash;
    chart_shape shape;
    chart_anchor anchor;
    int bold, closed;
    char *text;             /* text; group: its label (data-label), or NULL; in the
                               chart's text blocks */
    double *pts;            /* path: x0 y0 x1 y1 ...; owned */
    size_t npts;
} chart_item;

typedef struct chart_text_block chart_text_block;

typedef struct chart {
    const char *kind;       /* "compare", ... (ids and the data-chart attribute) */
    double width, height;
    int narrow;             /* width < SC_CHART_NARROW */
    char *title, *desc;     /* in the text blocks */
    chart_item *items;
    size_t n, cap;
    int oom;                /* an allocation failed: the chart is not drawn */
    chart_text_block *texts; /* every text's copy (chart_model.c), owned */
} chart;

void chart_init(chart *c, const char *kind, const sc_chart_options *opt);
void chart_free(chart *c);
/* The options' width, checked: SC_OK or SC_EUSAGE (field "width"). */
sc_status chart_width(const sc_chart_options *opt, double *width, sc_error *err);

void chart_rect(chart *c, const char *cls, double x, double y, double w, double h,
                chart_style fill);
void chart_line(chart *c, const char *cls, double x1, double y1, double x2, double y2,
                unsigned colour, double width, chart_dash dash);
void chart_path(chart *c, const char *cls, const double *pts, size_t npts, int closed,
                chart_style fill, unsigned colour, double width, chart_dash dash);
void chart_mark(chart *c, const char *cls, chart_shape shape, double x, double y, double r,
                unsigned fill);
/* One line of text (invalid UTF-8 becomes U+FFFD, control characters spaces). */
void chart_text(chart *c, const char *cls, double x, double y, double size, int bold,
                chart_anchor anchor, unsigned colour, const char *text);
void chart_group(chart *c, const char *cls, const char *label);
void chart_end(chart *c);
void chart_set_title(chart *c, const char *title, const char *desc);

/* ---- text ------------------------------------------------------------------------- */

/* The next code point of UTF-8 text at *p (advanced); U+FFFD for a byte
 * that does not start a well-formed sequence. */
unsigned chart_utf8_next(const unsigned char **p);
/* Append `s` to the `used` bytes of text in buf (n bytes), cut to n - 1
 * bytes as snprintf cuts: the new length.  (Labels are made of a few
 * strings; printf's parsing cost more than the rest of a label.) */
size_t chart_cat(char *buf, size_t n, size_t used, const char *s);
/* Width of `s` in DejaVu Sans at `size` px (the font's advances, chart_font.c). */
double chart_text_width(const char *s, double size, int bold);
/* The same for the `n` bytes at `s` (a word of a longer text). */
double chart_span_width(const char *s, size_t n, double size, int bold);
/* `s`, shortened with an ellipsis to fit `maxw` px, into buf. */
char *chart_fit(const char *s, double size, int bold, double maxw, char *buf, size_t n);
/* Text split at spaces into lines of at most `maxw` px (a word too long for
 * a line is shortened): the number of lines, at most `max`. */
#define CHART_LINE 512
#define CHART_MAX_LINES 24
size_t chart_lines(const char *text, double size, int bold, double maxw, char (*lines)[CHART_LINE],
                   size_t max);
/* Text wrapped into lines of at most `maxw` px from (x, y), one `lead` each:
 * returns the y below the last (with `c` NULL, only measures).  The paper
 * variant puts the background behind each line (over gridlines). */
double chart_wrap(chart *c, const char *cls, double x, double y, double maxw, double size,
                  int bold, unsigned colour, double lead, const char *text);
double chart_paper_wrap(chart *c, const char *cls, double x, double y, double maxw, double size,
                        int bold, unsigned colour, double lead, const char *text);

/* ---- numbers and scales ----------------------------------------------------------- */

/* A linear scale from values (minor units, or counts) to pixels. */
typedef struct chart_scale {
    int64_t d0, d1, step;   /* domain and tick step */
    double p0, p1;          /* pixels */
} chart_scale;

/* A domain [d0, d1] of whole ticks covering [lo, hi]: the step is 1, 2, 2.5
 * or 5 x 10^k times `unit` (2.5 only when it stays a whole number of units),
 * the smallest giving at most `max_ticks` intervals. */
void chart_nice(int64_t lo, int64_t hi, int64_t unit, int max_ticks, chart_scale *s);
double chart_px(const chart_scale *s, int64_t v);

/* Minor units in one major unit of `cur` (100 for USD, 1 for JPY). */
int64_t chart_minor_unit(const sc_currency *cur);
/* An amount for people: sc_money_format_display, without the minor digits when
 * they are all zero and `whole` is set (tick labels). */
char *chart_money(int64_t v, const sc_currency *cur, int whole, char *buf, size_t n);
/* Hundredths of a percent as "72.05 %" (trailing zeros dropped). */
char *chart_pct(int64_t hundredths, char *buf, size_t n);
/* Digits grouped by thousands, for counts ("10,000"). */
char *chart_count(long long v, char *buf, size_t n);

/* ---- shared layout (chart_layout.c) ----------------------------------------------- */

#define CHART_MARGIN 16.0
#define CHART_TITLE_SIZE 16.0
#define CHART_TEXT_SIZE 12.5
#define CHART_SMALL_SIZE 11.0

/* Title and subtitle lines from the top: the y below them. */
double chart_heading(chart *c, const char *title, const char *subtitle);

typedef enum chart_key_kind { KEY_FILL, KEY_LINE, KEY_MARK, KEY_LINE_MARK, KEY_WHISKER } chart_key_kind;
typedef struct chart_key {
    chart_key_kind kind;
    chart_style fill;
    unsigned colour;
    chart_dash dash;
    chart_shape shape;
    const char *label;
} chart_key;
/* The legend, entries left to right and wrapped: the y below it. */
double chart_legend(chart *c, double y, const chart_key *keys, size_t n);

/* A tick's label centred on x, moved inside the chart at its edges. */
void chart_tick_label(chart *c, double x, double y, const char *text);
/* A money scale from p0 to p1 over [lo, hi] in whole units of `cur`, with as
 * many ticks as their labels leave room for. */
void chart_money_scale(chart_scale *s, int64_t lo, int64_t hi, const sc_currency *cur, double p0,
                       double p1);
/* A horizontal money axis under a plot [top, bottom]: gridlines, ticks and
 * labels at each step, and the axis title below. Returns the y below it. */
double chart_money_axis(chart *c, const chart_scale *s, double top, double bottom,
                        const sc_currency *cur, const char *title);
/* A vertical axis (values d0 at p0, the bottom, to d1 at p1): labels left of
 * x0, gridlines to x1; money in `cur`, or counts when it is NULL.  The
 * labels' room: chart_y_label_width. */
void chart_y_axis(chart *c, const chart_scale *s, double x0, double x1, const sc_currency *cur);
double chart_y_label_width(const chart_scale *s, const sc_currency *cur);
/* Footer lines (muted, wrapped), then the final height is set. */
void chart_footer(chart *c, double y, const char *const *lines, size_t n);

/* Labels placed along a line without overlapping: each goes in the first of
 * up to `rows` rows (row_h apart from y down) where it clears the labels
 * before it; x is kept within [x0, x1].  Returns the y below the rows used;
 * with `c` NULL only measures. */
typedef struct chart_tag {
    double x;
    const char *cls;
    const char *text;
    int bold;
} chart_tag;
double chart_tags(chart *c, const chart_tag *tags, size_t n, double y, double row_h, int rows,
                  double x0, double x1);

/* A whisker from x1 to x2 at y with end caps of half-height h. */
void chart_whisker(chart *c, const char *cls, double x1, double x2, double y, double h,
                   unsigned colour);

/* ---- renderers -------------------------------------------------------------------- */

sc_status chart_write_svg(const chart *c, FILE *fp, sc_error *err);
/* The same SVG in memory: *text (malloc'd, *len bytes, not terminated). */
sc_status chart_svg_text(const chart *c, char **text, size_t *len, sc_error *err);
sc_status chart_write_cairo(const chart *c, FILE *fp, sc_chart_format fmt, sc_error *err);
/* Render in `fmt`, checking the model first (out of memory); in chart.c,
 * above the model and the renderers. */
sc_status chart_render(const chart *c, FILE *fp, sc_chart_format fmt, sc_error *err);

/* ---- builders (one per chart) ----------------------------------------------------- */

sc_status chart_build_compare(chart *c, const sc_compare_result *r, sc_error *err);
sc_status chart_build_simulate(chart *c, const sc_sim_result *sim, const sc_estimate_result *e,
                               sc_error *err);
sc_status chart_build_estimate(chart *c, const sc_estimate_result *r, sc_error *err);
sc_status chart_build_finance(chart *c, const sc_finance_result *r, sc_error *err);

#endif
