/* The chart description: items, text, scales and number labels (see
 * chart_internal.h).  Nothing here draws. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "chart_internal.h"

/* Fills: colour, pattern, pattern ink, outline.  Tints are the palette's hue
 * mixed with white, for the parts of a bar that are hatched. */
const chart_fill chart_fills[CS_COUNT] = {
    [CS_NONE] = {"none", PAPER, PAT_NONE, 0, 0, 0},
    [CS_PAPER] = {"paper", PAPER, PAT_NONE, 0, 0, 0},
    [CS_LAWFUL] = {"lawful", OI_BLUE, PAT_NONE, 0, 0, 0},
    [CS_LAWFUL_TRAVEL] = {"lawful-travel", 0xBFDDF0u, PAT_HATCH, OI_BLUE, OI_BLUE, 0},
    [CS_TRIAL] = {"trial", OI_ORANGE, PAT_NONE, 0, INK, 1},
    [CS_TRIAL_TRAVEL] = {"trial-travel", 0xF8E0A8u, PAT_HATCH, 0x8A5F00u, INK, 1},
    [CS_BANNED] = {"banned", OI_VERMILLION, PAT_DOTS, PAPER, INK, 1},
    [CS_BANNED_TRAVEL] = {"banned-travel", 0xF3C6A6u, PAT_HATCH, 0x8A3D00u, INK, 1},
    [CS_QUOTE] = {"quote", OI_PURPLE, PAT_NONE, 0, INK, 0},
    [CS_QUOTE_TRAVEL] = {"quote-travel", 0xEDCFE0u, PAT_HATCH, 0x8E4A70u, INK, 0},
    [CS_BIN] = {"bin", OI_SKY, PAT_NONE, 0, OI_BLUE, 0},
    [CS_TAIL] = {"tail", 0xF3C6A6u, PAT_HATCH, OI_VERMILLION, OI_VERMILLION, 0},
    [CS_CAT0] = {"consultation", OI_SKY, PAT_NONE, 0, 0, 0},
    [CS_CAT0 + 1] = {"imaging", OI_BLUE, PAT_DOTS, PAPER, 0, 0},
    [CS_CAT0 + 2] = {"labs", OI_YELLOW, PAT_NONE, 0, 0, 0},
    [CS_CAT0 + 3] = {"harvest", OI_VERMILLION, PAT_BACK, PAPER, 0, 0},
    [CS_CAT0 + 4] = {"processing", OI_GREEN, PAT_NONE, 0, 0, 0},
    [CS_CAT0 + 5] = {"injection", OI_PURPLE, PAT_CROSS, PAPER, 0, 0},
    [CS_CAT0 + 6] = {"facility", OI_ORANGE, PAT_NONE, 0, 0, 0},
    [CS_CAT0 + 7] = {"follow-up", 0x999999u, PAT_DOTS, PAPER, 0, 0},
    [CS_CAT0 + 8] = {"other", 0xCCCCCCu, PAT_NONE, 0, 0, 0},
    [CS_TRAVEL] = {"travel", 0xBFDDF0u, PAT_HATCH, OI_BLUE, 0, 0},
    [CS_TAX] = {"tax", 0x444444u, PAT_NONE, 0, 0, 0},
    [CS_CONTINGENCY] = {"contingency", PAPER, PAT_CROSS, 0x777777u, 0x777777u, 0},
    [CS_AREA] = {"area", 0xD9EBF7u, PAT_NONE, 0, 0, 0},
    [CS_PRICE] = {"price", OI_BLUE, PAT_NONE, 0, 0, 0},
    [CS_CREDIT] = {"credit", 0xF8E0A8u, PAT_BACK, 0x8A5F00u, 0x8A5F00u, 0},
    [CS_CLIFF] = {"cliff", 0xF3C6A6u, PAT_CROSS, OI_VERMILLION, OI_VERMILLION, 1},
};

/* ---- the model --------------------------------------------------------------------- */

/* A block of the chart's texts (text_alloc). */
struct chart_text_block {
    chart_text_block *next;
    size_t used, cap;
    char data[];
};


sc_status chart_width(const sc_chart_options *opt, double *width, sc_error *err)
{
    int w = opt != NULL && opt->width != 0 ? opt->width : SC_CHART_WIDTH;
    if (w < SC_CHART_MIN_WIDTH || w > SC_CHART_MAX_WIDTH)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "width",
                              "a chart is %d to %d pixels wide, not %d", SC_CHART_MIN_WIDTH,
                              SC_CHART_MAX_WIDTH, w);
    *width = w;
    return SC_OK;
}

void chart_init(chart *c, const char *kind, const sc_chart_options *opt)
{
    memset(c, 0, sizeof *c);
    c->kind = kind;
    if (chart_width(opt, &c->width, NULL) != SC_OK)
        c->width = SC_CHART_WIDTH;
    c->narrow = c->width < SC_CHART_NARROW;
}

void chart_free(chart *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->items[i].pts);
    free(c->items);
    while (c->texts != NULL) {
        chart_text_block *next = c->texts->next;
        free(c->texts);
        c->texts = next;
    }
    memset(c, 0, sizeof *c);
}

static chart_item *add(chart *c, chart_kind kind, const char *cls)
{
    if (c->oom)
        return NULL;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        chart_item *items = realloc(c->items, cap * sizeof *items);
        if (items == NULL) {
            c->oom = 1;
            return NULL;
        }
        c->items = items;
        c->cap = cap;
    }
    chart_item *it = &c->items[c->n++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->cls = cls;
    return it;
}

/* Texts live in blocks of the chart, freed with it, not in an allocation
 * each: a chart has a few hundred short labels. */
#define TEXT_BLOCK 8192

static char *text_alloc(chart *c, size_t n)
{
    chart_text_block *b = c->texts;
    if (b == NULL || b->cap - b->used < n) {
        size_t cap = n > TEXT_BLOCK ? n : TEXT_BLOCK;
        if ((b = malloc(sizeof *b + cap)) == NULL) {
            c->oom = 1;
            return NULL;
        }
        b->next = c->texts;
        b->used = 0;
        b->cap = cap;
        c->texts = b;
    }
    char *p = b->data + b->used;
    b->used += n;
    return p;
}

/* A copy that is safe in XML and for cairo: well-formed UTF-8 (U+FFFD for
 * what is not), control characters and non-characters replaced. */
static char *clean_copy(chart *c, const char *s)
{
    size_t len = strlen(s), plain = 0;
    while (plain < len && (unsigned char)s[plain] >= 0x20 && (unsigned char)s[plain] < 0x7F)
        plain++;
    if (plain == len) { /* printable ASCII, the usual case: nothing to clean */
        char *out = text_alloc(c, len + 1);
        if (out != NULL)
            memcpy(out, s, len + 1);
        return out;
    }
    char *out = text_alloc(c, len * 3 + 1); /* U+FFFD is 3 bytes for every 1 replaced */
    if (out == NULL)
        return NULL;
    const unsigned char *p = (const unsigned char *)s;
    size_t o = 0;
    while (*p) {
        if (*p >= 0x20 && *p < 0x7F) { /* printable ASCII */
            out[o++] = (char)*p++;
            continue;
        }
        const unsigned char *start = p;
        unsigned cp = chart_utf8_next(&p);
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
            out[o++] = ' ';
        } else if (cp == 0xFFFD || cp == 0xFFFE || cp == 0xFFFF) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
        } else {
            memcpy(out + o, start, (size_t)(p - start));
            o += (size_t)(p - start);
        }
    }
    out[o] = '\0';
    return out;
}

void chart_set_title(chart *c, const char *title, const char *desc)
{
    c->title = clean_copy(c, title);
    c->desc = clean_copy(c, desc);
}

void chart_rect(chart *c, const char *cls, double x, double y, double w, double h,
                chart_style fill)
{
    chart_item *it = add(c, CI_RECT, cls);
    if (it == NULL)
        return;
    it->x = x;
    it->y = y;
    it->w = w < 0 ? 0 : w;
    it->h = h < 0 ? 0 : h;
    it->fill = fill;
}

void chart_line(chart *c, const char *cls, double x1, double y1, double x2, double y2,
                unsigned colour, double width, chart_dash dash)
{
    chart_item *it = add(c, CI_LINE, cls);
    if (it == NULL)
        return;
    it->x = x1;
    it->y = y1;
    it->w = x2;
    it->h = y2;
    it->colour = colour;
    it->width = width;
    it->dash = dash;
}

void chart_path(chart *c, const char *cls, const double *pts, size_t npts, int closed,
                chart_style fill, unsigned colour, double width, chart_dash dash)
{
    chart_item *it = add(c, CI_PATH, cls);
    if (it == NULL)
        return;
    it->pts = malloc((npts ? npts : 1) * 2 * sizeof *it->pts);
    if (it->pts == NULL) {
        c->oom = 1;
        return;
    }
    memcpy(it->pts, pts, npts * 2 * sizeof *pts);
    it->npts = npts;
    it->closed = closed;
    it->fill = fill;
    it->colour = colour;
    it->width = width;
    it->dash = dash;
}

void chart_mark(chart *c, const char *cls, chart_shape shape, double x, double y, double r,
                unsigned fill)
{
    chart_item *it = add(c, CI_MARK, cls);
    if (it == NULL)
        return;
    it->shape = shape;
    it->x = x;
    it->y = y;
    it->w = r;
    it->colour = fill;
}

void chart_text(chart *c, const char *cls, double x, double y, double size, int bold,
                chart_anchor anchor, unsigned colour, const char *text)
{
    chart_item *it = add(c, CI_TEXT, cls);
    if (it == NULL)
        return;
    it->x = x;
    it->y = y;
    it->w = size;
    it->bold = bold;
    it->anchor = anchor;
    it->colour = colour;
    it->text = clean_copy(c, text);
}

void chart_group(chart *c, const char *cls, const char *label)
{
    chart_item *it = add(c, CI_GROUP, cls);
    if (it != NULL && label != NULL)
        it->text = clean_copy(c, label);
}

void chart_end(chart *c)
{
    add(c, CI_END, NULL);
}

/* ---- text ------------------------------------------------------------------------- */

size_t chart_cat(char *buf, size_t n, size_t used, const char *s)
{
    if (n == 0 || used + 1 >= n)
        return used;
    size_t len = strlen(s);
    if (len > n - 1 - used)
        len = n - 1 - used;
    memcpy(buf + used, s, len);
    buf[used + len] = '\0';
    return used + len;
}

char *chart_fit(const char *s, double size, int bold, double maxw, char *buf, size_t n)
{
    if (s != buf) /* buf may be s itself */
        chart_cat(buf, n, 0, s);
    if (chart_text_width(buf, size, bold) <= maxw)
        return buf;
    /* Drop whole code points from the end until it fits with the ellipsis. */
    size_t len = strlen(buf);
    while (len > 0) {
        do
            len--;
        while (len > 0 && ((unsigned char)buf[len] & 0xC0) == 0x80);
        while (len > 0 && buf[len - 1] == ' ')
            len--;
        if (len + 4 > n)
            continue;
        memcpy(buf + len, "\xE2\x80\xA6", 4); /* … */
        if (chart_text_width(buf, size, bold) <= maxw)
            return buf;
    }
    snprintf(buf, n, "\xE2\x80\xA6");
    return buf;
}

size_t chart_lines(const char *text, double size, int bold, double maxw, char (*lines)[CHART_LINE],
                   size_t max)
{
    /* Widths add up (the table has no kerning): a line's width is its
     * words' widths and the spaces between them, measured once each. */
    double space = chart_text_width(" ", size, bold);
    size_t n = 0;
    const char *s = text;
    while (*s == ' ')
        s++;
    while (*s && n < max) {
        char *line = lines[n++];
        size_t len = 0;
        double w = 0;
        while (*s) {
            size_t wl = 0;
            while (s[wl] != '\0' && s[wl] != ' ')
                wl++;
            /* Measured up to the length of a line (a longer word is cut below). */
            double ww = chart_span_width(s, wl < CHART_LINE - 1 ? wl : CHART_LINE - 1, size, bold);
            if (len > 0 && (w + space + ww > maxw || len + 1 + wl >= CHART_LINE))
                break;
            if (len > 0) {
                line[len++] = ' ';
                w += space;
            }
            /* A first word too long for the buffer is cut (chart_fit below
             * shortens it to the width). */
            size_t take = len + wl < CHART_LINE ? wl : CHART_LINE - 1 - len;
            while (take > 0 && take < wl && ((unsigned char)s[take] & 0xC0) == 0x80)
                take--;
            memcpy(line + len, s, take);
            len += take;
            w += ww;
            s += wl;
            while (*s == ' ')
                s++;
        }
        line[len] = '\0';
        if (w > maxw)
            chart_fit(line, size, bold, maxw, line, CHART_LINE);
    }
    return n;
}

/* Where a wrapped line's baseline falls in its band of `lead` from y. */
static double baseline_in(double y, double lead, double size)
{
    return y + lead - (lead - size) / 2 - size * 0.2;
}

double chart_wrap(chart *c, const char *cls, double x, double y, double maxw, double size,
                  int bold, unsigned colour, double lead, const char *text)
{
    char lines[CHART_MAX_LINES][CHART_LINE];
    size_t n = chart_lines(text, size, bold, maxw, lines, CHART_MAX_LINES);
    for (size_t i = 0; i < n; i++, y += lead)
        if (c != NULL)
            chart_text(c, cls, x, baseline_in(y, lead, size), size, bold, ANCHOR_START, colour,
                       lines[i]);
    return y;
}

double chart_paper_wrap(chart *c, const char *cls, double x, double y, double maxw, double size,
                        int bold, unsigned colour, double lead, const char *text)
{
    char lines[CHART_MAX_LINES][CHART_LINE];
    size_t n = chart_lines(text, size, bold, maxw, lines, CHART_MAX_LINES);
    for (size_t i = 0; i < n; i++, y += lead) {
        double b = baseline_in(y, lead, size);
        chart_rect(c, NULL, x - 1, b - size, chart_text_width(lines[i], size, bold) + 3,
                   size * 1.3, CS_PAPER);
        chart_text(c, cls, x, b, size, bold, ANCHOR_START, colour, lines[i]);
    }
    return y;
}

/* ---- numbers ---------------------------------------------------------------------- */

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

void chart_nice(int64_t lo, int64_t hi, int64_t unit, int max_ticks, chart_scale *s)
{
    static const int64_t tenths[] = {10, 20, 25, 50};
    if (hi < lo) {
        int64_t t = lo;
        lo = hi;
        hi = t;
    }
    if (max_ticks < 1)
        max_ticks = 1;
    if (unit < 1)
        unit = 1;
    for (int64_t mag = unit; mag <= INT64_C(1000000000000000000) / 50; mag *= 10)
        for (size_t k = 0; k < sizeof tenths / sizeof *tenths; k++) {
            if ((mag * tenths[k]) % 10 != 0 || ((mag * tenths[k]) / 10) % unit != 0)
                continue;
            int64_t step = mag * tenths[k] / 10;
            int64_t d0 = floor_div(lo, step) * step;
            int64_t d1 = -floor_div(-hi, step) * step;
            if (d1 == d0)
                d1 = d0 + step;
            if ((d1 - d0) / step <= max_ticks) {
                s->d0 = d0;
                s->d1 = d1;
                s->step = step;
                return;
            }
        }
    s->d0 = lo;
    s->d1 = hi > lo ? hi : lo + 1;
    s->step = s->d1 - s->d0;
}

double chart_px(const chart_scale *s, int64_t v)
{
    return s->p0 + (double)(v - s->d0) * (s->p1 - s->p0) / (double)(s->d1 - s->d0);
}

int64_t chart_minor_unit(const sc_currency *cur)
{
    int64_t unit = 1;
    for (int i = 0; i < cur->digits; i++)
        unit *= 10;
    return unit;
}

char *chart_money(int64_t v, const sc_currency *cur, int whole, char *buf, size_t n)
{
    sc_money_format_display(v, cur, buf, n);
    char *dot = strrchr(buf, '.');
    if (whole && cur->digits > 0 && v % chart_minor_unit(cur) == 0 && dot != NULL)
        *dot = '\0';
    return buf;
}

char *chart_pct(int64_t hundredths, char *buf, size_t n)
{
    char num[48];
    size_t used = chart_cat(buf, n, 0, sc_decimal_format(hundredths, SC_PCT_DECIMALS, 1, num,
                                                         sizeof num));
    chart_cat(buf, n, used, " %");
    return buf;
}

char *chart_count(long long v, char *buf, size_t n)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%lld", v < 0 ? -v : v);
    size_t len = strlen(digits), o = 0;
    if (v < 0 && o + 1 < n)
        buf[o++] = '-';
    for (size_t i = 0; i < len && o + 2 < n; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}
