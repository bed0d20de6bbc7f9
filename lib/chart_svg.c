/* SVG for a chart description, written as text: self-contained, no style
 * element or attribute (presentation attributes only), numbers written
 * without the locale, the same bytes for the same chart.
 *
 * The text is built in memory, then written with one fwrite or handed to the
 * HTML pages as it is (chart_text.h): a comparison's chart is some 20 kB of
 * short attributes, and the local web page draws one per request.  Literal
 * pieces are copied with their length known when compiled (LIT), numbers
 * formatted without printf. */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chart_internal.h"
#include "markup_escape.h"

typedef struct out {
    char *p;
    size_t n, cap;
    int oom;
} out;

static int grow(out *o, size_t n)
{
    if (o->oom)
        return 0;
    size_t cap = o->cap ? o->cap : 32768;
    while (cap < o->n + n)
        cap *= 2;
    char *p = realloc(o->p, cap);
    if (p == NULL) {
        o->oom = 1;
        return 0;
    }
    o->p = p;
    o->cap = cap;
    return 1;
}

/* Inline, so that a literal's copy (LIT) is a few moves. */
static inline void put(out *o, const char *s, size_t n)
{
    if (o->n + n > o->cap && !grow(o, n))
        return;
    memcpy(o->p + o->n, s, n);
    o->n += n;
}

/* A string literal: its length is known when compiled. */
#define LIT(o, s) put((o), "" s, sizeof(s) - 1)

static void puts_(out *o, const char *s)
{
    put(o, s, strlen(s));
}

/* v rounded to a whole number, half away from zero: llround's result,
 * without the library call for the coordinates a chart has (x - trunc(x)
 * is exact there: Sterbenz's lemma). */
static long long round_half_away(double v)
{
    if (!(v > -1e15 && v < 1e15))
        return llround(v);
    long long t = (long long)v;
    double f = v - (double)t;
    if (f >= 0.5)
        t++;
    else if (f <= -0.5)
        t--;
    return t;
}

static const char digit_pairs[201] = "00010203040506070809101112131415161718192021222324"
                                     "25262728293031323334353637383940414243444546474849"
                                     "50515253545556575859606162636465666768697071727374"
                                     "75767778798081828384858687888990919293949596979899";

/* The decimal digits of `a` ending at `end`: where they start.  In 32 bits
 * when they fit (every coordinate of a chart: cheaper division). */
static char *digits(char *end, unsigned long long a)
{
    char *p = end;
    while (a > UINT32_MAX) {
        p -= 2;
        memcpy(p, digit_pairs + 2 * (a % 100), 2);
        a /= 100;
    }
    uint32_t w = (uint32_t)a;
    while (w >= 100) {
        p -= 2;
        memcpy(p, digit_pairs + 2 * (w % 100), 2);
        w /= 100;
    }
    if (w >= 10) {
        p -= 2;
        memcpy(p, digit_pairs + 2 * w, 2);
    } else {
        *--p = (char)('0' + w);
    }
    return p;
}

/* A coordinate rounded to 0.01 and written without trailing zeros and
 * without the locale: "12.5", "-3", "0.07"; never "-0". */
static void num(out *o, double v)
{
    char buf[32], *end = buf + sizeof buf, *p = end;
    long long h = round_half_away(v * 100.0);
    unsigned long long a = h < 0 ? 0ULL - (unsigned long long)h : (unsigned long long)h;
    unsigned frac;
    if (a <= UINT32_MAX) { /* every coordinate of a chart: cheaper division */
        uint32_t w = (uint32_t)a;
        frac = w % 100;
        a = w / 100;
    } else {
        frac = (unsigned)(a % 100);
        a /= 100;
    }
    if (frac % 10 != 0) {
        p -= 2;
        memcpy(p, digit_pairs + 2 * frac, 2);
        *--p = '.';
    } else if (frac != 0) {
        *--p = (char)('0' + frac / 10);
        *--p = '.';
    }
    p = digits(p, a);
    if (h < 0)
        *--p = '-';
    put(o, p, (size_t)(end - p));
}

/* ` NAME="VALUE"` with a number; NAME a literal with its leading space and
 * `="` (NUM_ATTR(o, " x=\"", v)). */
#define NUM_ATTR(o, name, v) (LIT((o), name), num((o), (v)), LIT((o), "\""))

static void colour_hex(out *o, unsigned rgb)
{
    static const char hex[] = "0123456789ABCDEF";
    char buf[8] = {'#',
                   hex[(rgb >> 20) & 0xF],
                   hex[(rgb >> 16) & 0xF],
                   hex[(rgb >> 12) & 0xF],
                   hex[(rgb >> 8) & 0xF],
                   hex[(rgb >> 4) & 0xF],
                   hex[rgb & 0xF],
                   '"'};
    put(o, buf, 8);
}

/* ` ATTR="#RRGGBB"`; ATTR a literal with its leading space and `="`. */
#define COLOUR(o, attr, rgb) (LIT((o), attr), colour_hex((o), (rgb)))

/* Text in an element or an attribute: the five XML specials escaped, runs of
 * other bytes copied as they are (the model holds clean UTF-8). */
static void escape(out *o, const char *s)
{
    for (;;) {
        size_t run = sc_markup_plain_run(s);
        put(o, s, run);
        s += run;
        if (*s == '\0')
            return;
        puts_(o, sc_markup_ref(*s++));
    }
}

/* The id of a fill's pattern, as `url(#...)` refers to it. */
static void pattern_id(out *o, const chart *c, const chart_fill *f)
{
    LIT(o, "sc-");
    puts_(o, c->kind);
    LIT(o, "-");
    puts_(o, f->name);
}

static void fill_attr(out *o, const chart *c, chart_style st)
{
    const chart_fill *f = &chart_fills[st];
    if (st == CS_NONE) {
        LIT(o, " fill=\"none\"");
    } else if (f->pattern == PAT_NONE) {
        COLOUR(o, " fill=\"", f->colour);
    } else {
        LIT(o, " fill=\"url(#");
        pattern_id(o, c, f);
        LIT(o, ")\"");
    }
    if (f->outline) {
        COLOUR(o, " stroke=\"", f->outline);
        LIT(o, " stroke-width=\"1\"");
        if (f->dashed_outline)
            LIT(o, " stroke-dasharray=\"4 2\"");
    }
}

static void stroke_attr(out *o, unsigned rgb, double width, chart_dash dash)
{
    COLOUR(o, " stroke=\"", rgb);
    NUM_ATTR(o, " stroke-width=\"", width);
    switch (dash) {
    case DASH_DASHED: LIT(o, " stroke-dasharray=\"6 4\""); break;
    case DASH_DOTTED: LIT(o, " stroke-dasharray=\"1 3\" stroke-linecap=\"round\""); break;
    case DASH_DASHDOT: LIT(o, " stroke-dasharray=\"8 3 2 3\""); break;
    default: break;
    }
}

/* The class, if any (classes are static text of the builders). */
static void class_attr(out *o, const char *cls)
{
    if (cls != NULL) {
        LIT(o, " class=\"");
        puts_(o, cls);
        LIT(o, "\"");
    }
}

/* `<NAME` (a literal) and the class. */
#define OPEN_TAG(o, name, cls) (LIT((o), "<" name), class_attr((o), (cls)))

/* One tile of a pattern, 6 px square in user space (the cairo renderer draws
 * the same tile). */
static void pattern_def(out *o, const chart *c, const chart_fill *f)
{
    LIT(o, "<pattern id=\"");
    pattern_id(o, c, f);
    puts_(o, "\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" "
             "height=\"6\"");
    COLOUR(o, " fill=\"", f->colour);
    LIT(o, "/>");
    const char *rise = "M0,6L6,0M-1.5,1.5L1.5,-1.5M4.5,7.5L7.5,4.5";
    const char *fall = "M0,0L6,6M-1.5,4.5L1.5,7.5M4.5,-1.5L7.5,1.5";
    switch (f->pattern) {
    case PAT_HATCH:
    case PAT_BACK:
    case PAT_CROSS:
        LIT(o, "<path d=\"");
        if (f->pattern != PAT_BACK)
            puts_(o, rise);
        if (f->pattern != PAT_HATCH)
            puts_(o, fall);
        LIT(o, "\" fill=\"none\"");
        COLOUR(o, " stroke=\"", f->ink);
        LIT(o, " stroke-width=\"1.2\"/>");
        break;
    case PAT_DOTS:
        LIT(o, "<circle cx=\"3\" cy=\"3\" r=\"1.3\"");
        COLOUR(o, " fill=\"", f->ink);
        LIT(o, "/>");
        break;
    default: break;
    }
    LIT(o, "</pattern>\n");
}

static void defs(out *o, const chart *c)
{
    int used[CS_COUNT] = {0}, any = 0;
    for (size_t i = 0; i < c->n; i++)
        if ((c->items[i].kind == CI_RECT || c->items[i].kind == CI_PATH) &&
            chart_fills[c->items[i].fill].pattern != PAT_NONE)
            used[c->items[i].fill] = any = 1;
    if (!any)
        return;
    LIT(o, "<defs>\n");
    for (int st = 0; st < CS_COUNT; st++)
        if (used[st])
            pattern_def(o, c, &chart_fills[st]);
    LIT(o, "</defs>\n");
}

/* "x,y" for path data and point lists. */
static void point(out *o, const char *before, double x, double y)
{
    puts_(o, before);
    num(o, x);
    LIT(o, ",");
    num(o, y);
}

static void mark(out *o, const chart_item *it)
{
    double x = it->x, y = it->y, r = it->w;
    switch (it->shape) {
    case SHAPE_CIRCLE:
        OPEN_TAG(o, "circle", it->cls);
        NUM_ATTR(o, " cx=\"", x);
        NUM_ATTR(o, " cy=\"", y);
        NUM_ATTR(o, " r=\"", r);
        break;
    case SHAPE_SQUARE:
        OPEN_TAG(o, "rect", it->cls);
        NUM_ATTR(o, " x=\"", x - r);
        NUM_ATTR(o, " y=\"", y - r);
        NUM_ATTR(o, " width=\"", 2 * r);
        NUM_ATTR(o, " height=\"", 2 * r);
        break;
    case SHAPE_TRIANGLE:
        OPEN_TAG(o, "path", it->cls);
        point(o, " d=\"M", x, y - r);
        point(o, "L", x + r, y + r * 0.8);
        point(o, "L", x - r, y + r * 0.8);
        LIT(o, "Z\"");
        break;
    default: /* diamond: the path starts at the top point, straight above the centre */
        OPEN_TAG(o, "path", it->cls);
        point(o, " d=\"M", x, y - r);
        point(o, "L", x + r, y);
        point(o, "L", x, y + r);
        point(o, "L", x - r, y);
        LIT(o, "Z\"");
        break;
    }
    COLOUR(o, " fill=\"", it->colour);
    COLOUR(o, " stroke=\"", INK);
    LIT(o, " stroke-width=\"1\"/>\n");
}

static void item(out *o, const chart *c, const chart_item *it)
{
    switch (it->kind) {
    case CI_RECT:
        OPEN_TAG(o, "rect", it->cls);
        NUM_ATTR(o, " x=\"", it->x);
        NUM_ATTR(o, " y=\"", it->y);
        NUM_ATTR(o, " width=\"", it->w);
        NUM_ATTR(o, " height=\"", it->h);
        fill_attr(o, c, it->fill);
        LIT(o, "/>\n");
        break;
    case CI_LINE:
        OPEN_TAG(o, "line", it->cls);
        NUM_ATTR(o, " x1=\"", it->x);
        NUM_ATTR(o, " y1=\"", it->y);
        NUM_ATTR(o, " x2=\"", it->w);
        NUM_ATTR(o, " y2=\"", it->h);
        stroke_attr(o, it->colour, it->width, it->dash);
        LIT(o, "/>\n");
        break;
    case CI_PATH:
        if (it->closed)
            OPEN_TAG(o, "polygon", it->cls);
        else
            OPEN_TAG(o, "polyline", it->cls);
        for (size_t k = 0; k < it->npts; k++)
            point(o, k ? " " : " points=\"", it->pts[2 * k], it->pts[2 * k + 1]);
        LIT(o, "\"");
        fill_attr(o, c, it->fill);
        if (it->width > 0)
            stroke_attr(o, it->colour, it->width, it->dash);
        LIT(o, " stroke-linejoin=\"round\"/>\n");
        break;
    case CI_MARK:
        mark(o, it);
        break;
    case CI_TEXT:
        OPEN_TAG(o, "text", it->cls);
        NUM_ATTR(o, " x=\"", it->x);
        NUM_ATTR(o, " y=\"", it->y);
        NUM_ATTR(o, " font-size=\"", it->w);
        if (it->bold)
            LIT(o, " font-weight=\"bold\"");
        if (it->anchor == ANCHOR_MIDDLE)
            LIT(o, " text-anchor=\"middle\"");
        else if (it->anchor == ANCHOR_END)
            LIT(o, " text-anchor=\"end\"");
        COLOUR(o, " fill=\"", it->colour);
        LIT(o, ">");
        escape(o, it->text);
        LIT(o, "</text>\n");
        break;
    case CI_GROUP:
        OPEN_TAG(o, "g", it->cls);
        if (it->text != NULL) {
            LIT(o, " data-label=\"");
            escape(o, it->text);
            LIT(o, "\"");
        }
        LIT(o, ">\n");
        break;
    case CI_END:
        LIT(o, "</g>\n");
        break;
    }
}

static void id_attr(out *o, const chart *c, const char *what)
{
    LIT(o, " id=\"sc-");
    puts_(o, c->kind);
    LIT(o, "-");
    puts_(o, what);
    LIT(o, "\"");
}

sc_status chart_svg_text(const chart *c, char **text, size_t *len, sc_error *err)
{
    out o = {NULL, 0, 0, 0};
    *text = NULL;
    *len = 0;
    LIT(&o, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sc-chart sc-chart-");
    puts_(&o, c->kind);
    LIT(&o, "\" data-chart=\"");
    puts_(&o, c->kind);
    LIT(&o, "\"");
    NUM_ATTR(&o, " width=\"", c->width);
    NUM_ATTR(&o, " height=\"", c->height);
    LIT(&o, " viewBox=\"0 0 ");
    num(&o, c->width);
    LIT(&o, " ");
    num(&o, c->height);
    LIT(&o, "\" role=\"img\" aria-labelledby=\"sc-");
    puts_(&o, c->kind);
    LIT(&o, "-title sc-");
    puts_(&o, c->kind);
    LIT(&o, "-desc\" font-family=\"'DejaVu Sans', sans-serif\">\n<title");
    id_attr(&o, c, "title");
    LIT(&o, ">");
    escape(&o, c->title ? c->title : "");
    LIT(&o, "</title>\n<desc");
    id_attr(&o, c, "desc");
    LIT(&o, ">");
    escape(&o, c->desc ? c->desc : "");
    LIT(&o, "</desc>\n");
    defs(&o, c);
    OPEN_TAG(&o, "rect", "paper");
    NUM_ATTR(&o, " width=\"", c->width);
    NUM_ATTR(&o, " height=\"", c->height);
    COLOUR(&o, " fill=\"", PAPER);
    LIT(&o, "/>\n");
    for (size_t i = 0; i < c->n; i++)
        item(&o, c, &c->items[i]);
    LIT(&o, "</svg>\n");
    if (o.oom) {
        free(o.p);
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory writing the chart");
    }
    *text = o.p;
    *len = o.n;
    return SC_OK;
}

sc_status chart_write_svg(const chart *c, FILE *fp, sc_error *err)
{
    char *text;
    size_t len;
    sc_status st = chart_svg_text(c, &text, &len, err);
    if (st != SC_OK)
        return st;
    if (fwrite(text, 1, len, fp) != len || fflush(fp) != 0 || ferror(fp))
        st = sc_error_set(err, SC_EIO, NULL, 0, 0, "cannot write the chart");
    free(text);
    return st;
}
