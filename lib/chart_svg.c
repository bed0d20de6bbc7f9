/* SVG for a chart description, written as text: self-contained, no style
 * element or attribute (presentation attributes only), numbers written
 * without the locale, the same bytes for the same chart.
 *
 * The text is built in memory and written with one fwrite: a comparison's
 * chart is some 20 kB of short attributes, and stdio's formatting per
 * attribute cost more than the rest of the chart (the local web page draws
 * one per request). */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_internal.h"

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

/* Most pieces are a few bytes: copied in a loop, not through memcpy. */
static inline void put(out *o, const char *s, size_t n)
{
    if (o->n + n > o->cap && !grow(o, n))
        return;
    char *d = o->p + o->n;
    if (n <= 16)
        for (size_t i = 0; i < n; i++)
            d[i] = s[i];
    else
        memcpy(d, s, n);
    o->n += n;
}

static void puts_(out *o, const char *s)
{
    put(o, s, strlen(s));
}

/* A coordinate rounded to 0.01 and written without trailing zeros and
 * without the locale: "12.5", "-3", "0.07"; never "-0". */
static void num(out *o, double v)
{
    char buf[32], *end = buf + sizeof buf, *p = end;
    long long h = llround(v * 100.0);
    unsigned long long a = h < 0 ? 0ULL - (unsigned long long)h : (unsigned long long)h;
    unsigned frac = (unsigned)(a % 100);
    if (frac % 10 != 0)
        *--p = (char)('0' + frac % 10);
    if (frac != 0) {
        *--p = (char)('0' + frac / 10);
        *--p = '.';
    }
    a /= 100;
    do
        *--p = (char)('0' + a % 10);
    while ((a /= 10) != 0);
    if (h < 0)
        *--p = '-';
    put(o, p, (size_t)(end - p));
}

/* ` NAME="VALUE"` with a number. */
static void num_attr(out *o, const char *name, double v)
{
    put(o, " ", 1);
    puts_(o, name);
    put(o, "=\"", 2);
    num(o, v);
    put(o, "\"", 1);
}

static void colour(out *o, const char *attr, unsigned rgb)
{
    static const char hex[] = "0123456789ABCDEF";
    char buf[9] = {'#'};
    for (int i = 0; i < 6; i++)
        buf[6 - i] = hex[(rgb >> (4 * i)) & 0xF];
    put(o, " ", 1);
    puts_(o, attr);
    put(o, "=\"", 2);
    put(o, buf, 7);
    put(o, "\"", 1);
}

/* Text in an element or an attribute: the five XML specials escaped, runs of
 * other bytes copied as they are (the model holds clean UTF-8). */
static void escape(out *o, const char *s)
{
    const char *run = s;
    for (; *s; s++) {
        const char *rep;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        put(o, run, (size_t)(s - run));
        puts_(o, rep);
        run = s + 1;
    }
    put(o, run, (size_t)(s - run));
}

/* The id of a fill's pattern, as `url(#...)` refers to it. */
static void pattern_id(out *o, const chart *c, const chart_fill *f)
{
    puts_(o, "sc-");
    puts_(o, c->kind);
    put(o, "-", 1);
    puts_(o, f->name);
}

static void fill_attr(out *o, const chart *c, chart_style st)
{
    const chart_fill *f = &chart_fills[st];
    if (st == CS_NONE) {
        puts_(o, " fill=\"none\"");
    } else if (f->pattern == PAT_NONE) {
        colour(o, "fill", f->colour);
    } else {
        puts_(o, " fill=\"url(#");
        pattern_id(o, c, f);
        puts_(o, ")\"");
    }
    if (f->outline) {
        colour(o, "stroke", f->outline);
        puts_(o, " stroke-width=\"1\"");
        if (f->dashed_outline)
            puts_(o, " stroke-dasharray=\"4 2\"");
    }
}

static void stroke_attr(out *o, unsigned rgb, double width, chart_dash dash)
{
    colour(o, "stroke", rgb);
    num_attr(o, "stroke-width", width);
    switch (dash) {
    case DASH_DASHED: puts_(o, " stroke-dasharray=\"6 4\""); break;
    case DASH_DOTTED: puts_(o, " stroke-dasharray=\"1 3\" stroke-linecap=\"round\""); break;
    case DASH_DASHDOT: puts_(o, " stroke-dasharray=\"8 3 2 3\""); break;
    default: break;
    }
}

/* `<NAME` and the class, if any (classes are static text of the builders). */
static void open_tag(out *o, const char *name, const char *cls)
{
    put(o, "<", 1);
    puts_(o, name);
    if (cls != NULL) {
        puts_(o, " class=\"");
        puts_(o, cls);
        put(o, "\"", 1);
    }
}

/* One tile of a pattern, 6 px square in user space (the cairo renderer draws
 * the same tile). */
static void pattern_def(out *o, const chart *c, const chart_fill *f)
{
    puts_(o, "<pattern id=\"");
    pattern_id(o, c, f);
    puts_(o, "\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" "
             "height=\"6\"");
    colour(o, "fill", f->colour);
    puts_(o, "/>");
    const char *rise = "M0,6L6,0M-1.5,1.5L1.5,-1.5M4.5,7.5L7.5,4.5";
    const char *fall = "M0,0L6,6M-1.5,4.5L1.5,7.5M4.5,-1.5L7.5,1.5";
    switch (f->pattern) {
    case PAT_HATCH:
    case PAT_BACK:
    case PAT_CROSS:
        puts_(o, "<path d=\"");
        if (f->pattern != PAT_BACK)
            puts_(o, rise);
        if (f->pattern != PAT_HATCH)
            puts_(o, fall);
        puts_(o, "\" fill=\"none\"");
        colour(o, "stroke", f->ink);
        puts_(o, " stroke-width=\"1.2\"/>");
        break;
    case PAT_DOTS:
        puts_(o, "<circle cx=\"3\" cy=\"3\" r=\"1.3\"");
        colour(o, "fill", f->ink);
        puts_(o, "/>");
        break;
    default: break;
    }
    puts_(o, "</pattern>\n");
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
    puts_(o, "<defs>\n");
    for (int st = 0; st < CS_COUNT; st++)
        if (used[st])
            pattern_def(o, c, &chart_fills[st]);
    puts_(o, "</defs>\n");
}

/* "x,y" for path data and point lists. */
static void point(out *o, const char *before, double x, double y)
{
    puts_(o, before);
    num(o, x);
    put(o, ",", 1);
    num(o, y);
}

static void mark(out *o, const chart_item *it)
{
    double x = it->x, y = it->y, r = it->w;
    switch (it->shape) {
    case SHAPE_CIRCLE:
        open_tag(o, "circle", it->cls);
        num_attr(o, "cx", x);
        num_attr(o, "cy", y);
        num_attr(o, "r", r);
        break;
    case SHAPE_SQUARE:
        open_tag(o, "rect", it->cls);
        num_attr(o, "x", x - r);
        num_attr(o, "y", y - r);
        num_attr(o, "width", 2 * r);
        num_attr(o, "height", 2 * r);
        break;
    case SHAPE_TRIANGLE:
        open_tag(o, "path", it->cls);
        point(o, " d=\"M", x, y - r);
        point(o, "L", x + r, y + r * 0.8);
        point(o, "L", x - r, y + r * 0.8);
        puts_(o, "Z\"");
        break;
    default: /* diamond: the path starts at the top point, straight above the centre */
        open_tag(o, "path", it->cls);
        point(o, " d=\"M", x, y - r);
        point(o, "L", x + r, y);
        point(o, "L", x, y + r);
        point(o, "L", x - r, y);
        puts_(o, "Z\"");
        break;
    }
    colour(o, "fill", it->colour);
    colour(o, "stroke", INK);
    puts_(o, " stroke-width=\"1\"/>\n");
}

static void item(out *o, const chart *c, const chart_item *it)
{
    switch (it->kind) {
    case CI_RECT:
        open_tag(o, "rect", it->cls);
        num_attr(o, "x", it->x);
        num_attr(o, "y", it->y);
        num_attr(o, "width", it->w);
        num_attr(o, "height", it->h);
        fill_attr(o, c, it->fill);
        puts_(o, "/>\n");
        break;
    case CI_LINE:
        open_tag(o, "line", it->cls);
        num_attr(o, "x1", it->x);
        num_attr(o, "y1", it->y);
        num_attr(o, "x2", it->w);
        num_attr(o, "y2", it->h);
        stroke_attr(o, it->colour, it->width, it->dash);
        puts_(o, "/>\n");
        break;
    case CI_PATH:
        open_tag(o, it->closed ? "polygon" : "polyline", it->cls);
        for (size_t k = 0; k < it->npts; k++)
            point(o, k ? " " : " points=\"", it->pts[2 * k], it->pts[2 * k + 1]);
        put(o, "\"", 1);
        fill_attr(o, c, it->fill);
        if (it->width > 0)
            stroke_attr(o, it->colour, it->width, it->dash);
        puts_(o, " stroke-linejoin=\"round\"/>\n");
        break;
    case CI_MARK:
        mark(o, it);
        break;
    case CI_TEXT:
        open_tag(o, "text", it->cls);
        num_attr(o, "x", it->x);
        num_attr(o, "y", it->y);
        num_attr(o, "font-size", it->w);
        if (it->bold)
            puts_(o, " font-weight=\"bold\"");
        if (it->anchor == ANCHOR_MIDDLE)
            puts_(o, " text-anchor=\"middle\"");
        else if (it->anchor == ANCHOR_END)
            puts_(o, " text-anchor=\"end\"");
        colour(o, "fill", it->colour);
        put(o, ">", 1);
        escape(o, it->text);
        puts_(o, "</text>\n");
        break;
    case CI_GROUP:
        open_tag(o, "g", it->cls);
        if (it->text != NULL) {
            puts_(o, " data-label=\"");
            escape(o, it->text);
            put(o, "\"", 1);
        }
        puts_(o, ">\n");
        break;
    case CI_END:
        puts_(o, "</g>\n");
        break;
    }
}

static void id_attr(out *o, const chart *c, const char *what)
{
    puts_(o, " id=\"sc-");
    puts_(o, c->kind);
    put(o, "-", 1);
    puts_(o, what);
    put(o, "\"", 1);
}

sc_status chart_write_svg(const chart *c, FILE *fp, sc_error *err)
{
    out o = {NULL, 0, 0, 0};
    puts_(&o, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sc-chart sc-chart-");
    puts_(&o, c->kind);
    puts_(&o, "\" data-chart=\"");
    puts_(&o, c->kind);
    put(&o, "\"", 1);
    num_attr(&o, "width", c->width);
    num_attr(&o, "height", c->height);
    puts_(&o, " viewBox=\"0 0 ");
    num(&o, c->width);
    put(&o, " ", 1);
    num(&o, c->height);
    puts_(&o, "\" role=\"img\" aria-labelledby=\"sc-");
    puts_(&o, c->kind);
    puts_(&o, "-title sc-");
    puts_(&o, c->kind);
    puts_(&o, "-desc\" font-family=\"'DejaVu Sans', sans-serif\">\n<title");
    id_attr(&o, c, "title");
    put(&o, ">", 1);
    escape(&o, c->title ? c->title : "");
    puts_(&o, "</title>\n<desc");
    id_attr(&o, c, "desc");
    put(&o, ">", 1);
    escape(&o, c->desc ? c->desc : "");
    puts_(&o, "</desc>\n");
    defs(&o, c);
    open_tag(&o, "rect", "paper");
    num_attr(&o, "width", c->width);
    num_attr(&o, "height", c->height);
    colour(&o, "fill", PAPER);
    puts_(&o, "/>\n");
    for (size_t i = 0; i < c->n; i++)
        item(&o, c, &c->items[i]);
    puts_(&o, "</svg>\n");
    sc_status st = SC_OK;
    if (o.oom)
        st = sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory writing the chart");
    else if (fwrite(o.p, 1, o.n, fp) != o.n || fflush(fp) != 0 || ferror(fp))
        st = sc_error_set(err, SC_EIO, NULL, 0, 0, "cannot write the chart");
    free(o.p);
    return st;
}
