/* SVG for a chart description, written as text: self-contained, no style
 * element or attribute (presentation attributes only), numbers written
 * without the locale, the same bytes for the same chart. */
#include <config.h>

#include <math.h>
#include <string.h>

#include "chart_internal.h"

/* A coordinate rounded to 0.01 and written without trailing zeros and
 * without the locale ("12.5", "-3", "0.07"). */
static const char *num(double v, char *buf)
{
    long long h = llround(v * 100.0);
    const char *sign = h < 0 ? "-" : "";
    unsigned long long a = h < 0 ? (unsigned long long)-h : (unsigned long long)h;
    if (a % 100 == 0)
        snprintf(buf, 32, "%s%llu", sign, a / 100);
    else if (a % 10 == 0)
        snprintf(buf, 32, "%s%llu.%llu", sign, a / 100, a % 100 / 10);
    else
        snprintf(buf, 32, "%s%llu.%02llu", sign, a / 100, a % 100);
    if (strcmp(buf, "-0") == 0)
        buf[1] = '\0', buf[0] = '0';
    return buf;
}

static void escape(FILE *fp, const char *s)
{
    for (; *s; s++)
        switch (*s) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\'': fputs("&#39;", fp); break;
        default: fputc(*s, fp);
        }
}

static void colour(FILE *fp, const char *attr, unsigned rgb)
{
    fprintf(fp, " %s=\"#%06X\"", attr, rgb & 0xFFFFFFu);
}

static void fill_attr(FILE *fp, const chart *c, chart_style st)
{
    const chart_fill *f = &chart_fills[st];
    if (st == CS_NONE)
        fputs(" fill=\"none\"", fp);
    else if (f->pattern == PAT_NONE)
        colour(fp, "fill", f->colour);
    else
        fprintf(fp, " fill=\"url(#sc-%s-%s)\"", c->kind, f->name);
    if (f->outline) {
        colour(fp, "stroke", f->outline);
        fputs(" stroke-width=\"1\"", fp);
        if (f->dashed_outline)
            fputs(" stroke-dasharray=\"4 2\"", fp);
    }
}

static void stroke_attr(FILE *fp, unsigned rgb, double width, chart_dash dash)
{
    char a[32];
    colour(fp, "stroke", rgb);
    fprintf(fp, " stroke-width=\"%s\"", num(width, a));
    switch (dash) {
    case DASH_DASHED: fputs(" stroke-dasharray=\"6 4\"", fp); break;
    case DASH_DOTTED: fputs(" stroke-dasharray=\"1 3\" stroke-linecap=\"round\"", fp); break;
    case DASH_DASHDOT: fputs(" stroke-dasharray=\"8 3 2 3\"", fp); break;
    default: break;
    }
}

static void cls_attr(FILE *fp, const char *cls)
{
    if (cls != NULL)
        fprintf(fp, " class=\"%s\"", cls);
}

/* One tile of a pattern, 6 px square in user space (the cairo renderer draws
 * the same tile). */
static void pattern_def(FILE *fp, const chart *c, const chart_fill *f)
{
    fprintf(fp, "<pattern id=\"sc-%s-%s\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">",
            c->kind, f->name);
    fputs("<rect width=\"6\" height=\"6\"", fp);
    colour(fp, "fill", f->colour);
    fputs("/>", fp);
    const char *rise = "M0,6L6,0M-1.5,1.5L1.5,-1.5M4.5,7.5L7.5,4.5";
    const char *fall = "M0,0L6,6M-1.5,4.5L1.5,7.5M4.5,-1.5L7.5,1.5";
    switch (f->pattern) {
    case PAT_HATCH:
    case PAT_BACK:
    case PAT_CROSS:
        fputs("<path d=\"", fp);
        if (f->pattern != PAT_BACK)
            fputs(rise, fp);
        if (f->pattern != PAT_HATCH)
            fputs(fall, fp);
        fputs("\" fill=\"none\"", fp);
        colour(fp, "stroke", f->ink);
        fputs(" stroke-width=\"1.2\"/>", fp);
        break;
    case PAT_DOTS:
        fputs("<circle cx=\"3\" cy=\"3\" r=\"1.3\"", fp);
        colour(fp, "fill", f->ink);
        fputs("/>", fp);
        break;
    default: break;
    }
    fputs("</pattern>\n", fp);
}

static void defs(FILE *fp, const chart *c)
{
    int used[CS_COUNT] = {0}, any = 0;
    for (size_t i = 0; i < c->n; i++)
        if ((c->items[i].kind == CI_RECT || c->items[i].kind == CI_PATH) &&
            chart_fills[c->items[i].fill].pattern != PAT_NONE)
            used[c->items[i].fill] = any = 1;
    if (!any)
        return;
    fputs("<defs>\n", fp);
    for (int st = 0; st < CS_COUNT; st++)
        if (used[st])
            pattern_def(fp, c, &chart_fills[st]);
    fputs("</defs>\n", fp);
}

static void mark(FILE *fp, const chart_item *it)
{
    char a[32], b[32], d[32], e[32], f[32], g[32], h[32], k[32];
    double x = it->x, y = it->y, r = it->w;
    switch (it->shape) {
    case SHAPE_CIRCLE:
        fprintf(fp, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\"", num(x, a), num(y, b), num(r, d));
        break;
    case SHAPE_SQUARE:
        fprintf(fp, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"", num(x - r, a),
                num(y - r, b), num(2 * r, d), num(2 * r, e));
        break;
    case SHAPE_TRIANGLE:
        fprintf(fp, "<path d=\"M%s,%sL%s,%sL%s,%sZ\"", num(x, a), num(y - r, b), num(x + r, d),
                num(y + r * 0.8, e), num(x - r, f), num(y + r * 0.8, g));
        break;
    default: /* diamond: the first point is straight above the centre */
        fprintf(fp, "<path d=\"M%s,%sL%s,%sL%s,%sL%s,%sZ\"", num(x, a), num(y - r, b),
                num(x + r, d), num(y, e), num(x, f), num(y + r, g), num(x - r, h), num(y, k));
        break;
    }
    cls_attr(fp, it->cls);
    colour(fp, "fill", it->colour);
    colour(fp, "stroke", INK);
    fputs(" stroke-width=\"1\"/>\n", fp);
}

static void item(FILE *fp, const chart *c, const chart_item *it)
{
    char a[32], b[32], d[32], e[32];
    switch (it->kind) {
    case CI_RECT:
        fprintf(fp, "<rect");
        cls_attr(fp, it->cls);
        fprintf(fp, " x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"", num(it->x, a), num(it->y, b),
                num(it->w, d), num(it->h, e));
        fill_attr(fp, c, it->fill);
        fputs("/>\n", fp);
        break;
    case CI_LINE:
        fprintf(fp, "<line");
        cls_attr(fp, it->cls);
        fprintf(fp, " x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"", num(it->x, a), num(it->y, b),
                num(it->w, d), num(it->h, e));
        stroke_attr(fp, it->colour, it->width, it->dash);
        fputs("/>\n", fp);
        break;
    case CI_PATH:
        fprintf(fp, "<%s", it->closed ? "polygon" : "polyline");
        cls_attr(fp, it->cls);
        fputs(" points=\"", fp);
        for (size_t k = 0; k < it->npts; k++)
            fprintf(fp, "%s%s,%s", k ? " " : "", num(it->pts[2 * k], a), num(it->pts[2 * k + 1], b));
        fputc('"', fp);
        if (it->fill == CS_NONE)
            fputs(" fill=\"none\"", fp);
        else
            fill_attr(fp, c, it->fill);
        if (it->width > 0)
            stroke_attr(fp, it->colour, it->width, it->dash);
        fputs(" stroke-linejoin=\"round\"/>\n", fp);
        break;
    case CI_MARK:
        mark(fp, it);
        break;
    case CI_TEXT:
        fprintf(fp, "<text");
        cls_attr(fp, it->cls);
        fprintf(fp, " x=\"%s\" y=\"%s\" font-size=\"%s\"", num(it->x, a), num(it->y, b),
                num(it->w, d));
        if (it->bold)
            fputs(" font-weight=\"bold\"", fp);
        if (it->anchor == ANCHOR_MIDDLE)
            fputs(" text-anchor=\"middle\"", fp);
        else if (it->anchor == ANCHOR_END)
            fputs(" text-anchor=\"end\"", fp);
        colour(fp, "fill", it->colour);
        fputc('>', fp);
        escape(fp, it->text);
        fputs("</text>\n", fp);
        break;
    case CI_GROUP:
        fprintf(fp, "<g");
        cls_attr(fp, it->cls);
        if (it->text != NULL) {
            fputs(" data-label=\"", fp);
            escape(fp, it->text);
            fputc('"', fp);
        }
        fputs(">\n", fp);
        break;
    case CI_END:
        fputs("</g>\n", fp);
        break;
    }
}

sc_status chart_write_svg(const chart *c, FILE *fp, sc_error *err)
{
    char w[32], h[32];
    num(c->width, w);
    num(c->height, h);
    fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sc-chart sc-chart-%s\" "
                "data-chart=\"%s\" width=\"%s\" height=\"%s\" viewBox=\"0 0 %s %s\" role=\"img\" "
                "aria-labelledby=\"sc-%s-title sc-%s-desc\" "
                "font-family=\"'DejaVu Sans', sans-serif\">\n",
            c->kind, c->kind, w, h, w, h, c->kind, c->kind);
    fprintf(fp, "<title id=\"sc-%s-title\">", c->kind);
    escape(fp, c->title ? c->title : "");
    fprintf(fp, "</title>\n<desc id=\"sc-%s-desc\">", c->kind);
    escape(fp, c->desc ? c->desc : "");
    fputs("</desc>\n", fp);
    defs(fp, c);
    fprintf(fp, "<rect class=\"paper\" width=\"%s\" height=\"%s\"", w, h);
    colour(fp, "fill", PAPER);
    fputs("/>\n", fp);
    for (size_t i = 0; i < c->n; i++)
        item(fp, c, &c->items[i]);
    fputs("</svg>\n", fp);
    if (fflush(fp) != 0 || ferror(fp))
        return sc_error_set(err, SC_EIO, NULL, 0, 0, "cannot write the chart");
    return SC_OK;
}
