/* The pieces every chart shares: the heading, the legend, a money axis, the
 * footer and the whisker of a low..high range. */
#include <config.h>

#include <math.h>

#include "chart_internal.h"

#define TITLE_LEAD 21.0
#define TEXT_LEAD 17.0
#define SMALL_LEAD 15.0
#define KEY_SIZE 11.5
#define KEY_ROW 19.0
#define KEY_LEAD 14.0
#define KEY_SYMBOL 22.0

double chart_heading(chart *c, const char *title, const char *subtitle)
{
    double w = c->width - 2 * CHART_MARGIN;
    double y = CHART_MARGIN - 4;
    y = chart_wrap(c, "title", CHART_MARGIN, y, w, CHART_TITLE_SIZE, 1, INK, TITLE_LEAD, title);
    if (subtitle != NULL && subtitle[0])
        y = chart_wrap(c, "subtitle", CHART_MARGIN, y + 2, w, CHART_TEXT_SIZE, 0, INK_MUTED,
                       TEXT_LEAD, subtitle);
    return y + 8;
}

static void key_symbol(chart *c, const chart_key *k, double x, double mid)
{
    switch (k->kind) {
    case KEY_FILL:
        chart_rect(c, NULL, x + 2, mid - 6, KEY_SYMBOL - 4, 12, k->fill);
        break;
    case KEY_LINE:
        chart_line(c, NULL, x, mid, x + KEY_SYMBOL, mid, k->colour, 2, k->dash);
        break;
    case KEY_MARK:
        chart_mark(c, NULL, k->shape, x + KEY_SYMBOL / 2, mid, 5.5, k->colour);
        break;
    case KEY_LINE_MARK:
        chart_line(c, NULL, x, mid, x + KEY_SYMBOL, mid, k->colour, 2, k->dash);
        chart_mark(c, NULL, k->shape, x + KEY_SYMBOL / 2, mid, 4.5, k->colour);
        break;
    case KEY_WHISKER:
        chart_whisker(c, NULL, x + 2, x + KEY_SYMBOL - 2, mid, 5, k->colour);
        break;
    }
}

double chart_legend(chart *c, double y, const chart_key *keys, size_t n)
{
    double x = CHART_MARGIN, right = c->width - CHART_MARGIN, row_h = KEY_ROW;
    double room = right - CHART_MARGIN - KEY_SYMBOL - 6;
    char lines[3][CHART_LINE];
    chart_group(c, "legend", NULL);
    for (size_t i = 0; i < n; i++) {
        /* An entry too long for the width takes more lines, never loses words. */
        size_t nl = chart_lines(keys[i].label, KEY_SIZE, 0, room, lines, 3);
        double tw = 0;
        for (size_t k = 0; k < nl; k++) {
            double w = chart_text_width(lines[k], KEY_SIZE, 0);
            tw = w > tw ? w : tw;
        }
        double w = KEY_SYMBOL + 6 + tw, h = KEY_ROW + KEY_LEAD * (double)(nl ? nl - 1 : 0);
        if (x > CHART_MARGIN && x + w > right) {
            x = CHART_MARGIN;
            y += row_h;
            row_h = KEY_ROW;
        }
        row_h = h > row_h ? h : row_h;
        double mid = y + KEY_ROW / 2;
        key_symbol(c, &keys[i], x, mid);
        for (size_t k = 0; k < nl; k++)
            chart_text(c, NULL, x + KEY_SYMBOL + 6, mid + KEY_SIZE * 0.36 + KEY_LEAD * (double)k,
                       KEY_SIZE, 0, ANCHOR_START, INK, lines[k]);
        x += w + 16;
    }
    chart_end(c);
    return y + row_h + 8;
}

void chart_tick_label(chart *c, double x, double y, const char *text)
{
    /* Centred under the tick, kept inside the chart at its edges. */
    double half = chart_text_width(text, CHART_SMALL_SIZE, 0) / 2;
    if (x + half > c->width - 4)
        x = c->width - 4 - half;
    if (x - half < 4)
        x = 4 + half;
    chart_text(c, "tick-label", x, y, CHART_SMALL_SIZE, 0, ANCHOR_MIDDLE, INK, text);
}

void chart_money_scale(chart_scale *s, int64_t lo, int64_t hi, const sc_currency *cur, double p0,
                       double p1)
{
    int64_t unit = chart_minor_unit(cur);
    s->p0 = p0;
    s->p1 = p1;
    /* As many ticks as labels as wide as the widest (the last) fit. */
    int ticks = (int)((p1 - p0) / 70);
    for (int pass = 0; pass < 3; pass++) {
        chart_nice(lo, hi, unit, ticks, s);
        char label[64];
        double lw = chart_text_width(chart_money(s->d1, cur, 1, label, sizeof label),
                                     CHART_SMALL_SIZE, 0) + 14;
        int fit = (int)((p1 - p0) / lw);
        if (fit >= (int)((s->d1 - s->d0) / s->step) || ticks <= 1)
            break;
        ticks = fit < 1 ? 1 : fit;
    }
}

double chart_money_axis(chart *c, const chart_scale *s, double top, double bottom,
                        const sc_currency *cur, const char *title)
{
    char label[64];
    chart_group(c, "axis", NULL);
    for (int64_t v = s->d0; v <= s->d1; v += s->step) {
        double x = chart_px(s, v);
        chart_group(c, "tick", NULL);
        chart_line(c, "grid", x, top, x, bottom, INK_GRID, 1, DASH_SOLID);
        chart_line(c, NULL, x, bottom, x, bottom + 5, INK, 1, DASH_SOLID);
        chart_tick_label(c, x, bottom + 18, chart_money(v, cur, 1, label, sizeof label));
        chart_end(c);
        if (s->step <= 0)
            break;
    }
    chart_line(c, "baseline-axis", s->p0, bottom, s->p1, bottom, INK, 1, DASH_SOLID);
    double y = bottom + 22;
    if (title != NULL && chart_text_width(title, CHART_SMALL_SIZE + 0.5, 0) <= s->p1 - s->p0) {
        chart_text(c, "axis-title", (s->p0 + s->p1) / 2, y + 12, CHART_SMALL_SIZE + 0.5, 0,
                   ANCHOR_MIDDLE, INK_MUTED, title);
        y += SMALL_LEAD;
    } else if (title != NULL)
        y = chart_wrap(c, "axis-title", CHART_MARGIN, y, c->width - 2 * CHART_MARGIN,
                       CHART_SMALL_SIZE + 0.5, 0, INK_MUTED, SMALL_LEAD, title);
    chart_end(c);
    return y + 4;
}

double chart_y_label_width(const chart_scale *s, const sc_currency *cur)
{
    char label[64];
    if (cur != NULL)
        chart_money(s->d1, cur, 1, label, sizeof label);
    else
        chart_count(s->d1, label, sizeof label);
    return chart_text_width(label, CHART_SMALL_SIZE, 0) + 8;
}

void chart_y_axis(chart *c, const chart_scale *s, double x0, double x1, const sc_currency *cur)
{
    char label[64];
    chart_group(c, "axis y", NULL);
    for (int64_t v = s->d0; v <= s->d1 && s->step > 0; v += s->step) {
        double y = chart_px(s, v);
        if (cur != NULL)
            chart_money(v, cur, 1, label, sizeof label);
        else
            chart_count(v, label, sizeof label);
        chart_group(c, "tick", NULL);
        chart_line(c, "grid", x0, y, x1, y, INK_GRID, 1, DASH_SOLID);
        chart_text(c, "tick-label", x0 - 6, y + 4, CHART_SMALL_SIZE, 0, ANCHOR_END, INK, label);
        chart_end(c);
    }
    chart_line(c, NULL, x0, s->p0, x0, s->p1, INK, 1, DASH_SOLID);
    chart_end(c);
}

void chart_footer(chart *c, double y, const char *const *lines, size_t n)
{
    double w = c->width - 2 * CHART_MARGIN;
    y += 6;
    chart_group(c, "footer", NULL);
    chart_line(c, NULL, CHART_MARGIN, y, c->width - CHART_MARGIN, y, INK_GRID, 1, DASH_SOLID);
    y += 3;
    for (size_t i = 0; i < n; i++)
        if (lines[i] != NULL && lines[i][0])
            y = chart_wrap(c, NULL, CHART_MARGIN, y, w, CHART_SMALL_SIZE, 0, INK_MUTED,
                           SMALL_LEAD, lines[i]);
    chart_end(c);
    c->height = ceil(y + CHART_MARGIN - 4);
}

void chart_whisker(chart *c, const char *cls, double x1, double x2, double y, double h,
                   unsigned colour)
{
    chart_line(c, cls, x1, y, x2, y, colour, 1.5, DASH_SOLID);
    chart_line(c, NULL, x1, y - h, x1, y + h, colour, 1.5, DASH_SOLID);
    chart_line(c, NULL, x2, y - h, x2, y + h, colour, 1.5, DASH_SOLID);
}

double chart_tags(chart *c, const chart_tag *tags, size_t n, double y, double row_h, int rows,
                  double x0, double x1)
{
    double end[8];
    int used = 1;
    if (rows > 8)
        rows = 8;
    for (int r = 0; r < rows; r++)
        end[r] = -1e9;
    for (size_t i = 0; i < n; i++) {
        double w = chart_text_width(tags[i].text, CHART_SMALL_SIZE, tags[i].bold);
        double left = tags[i].x - w / 2;
        if (left < x0)
            left = x0;
        if (left + w > x1)
            left = x1 - w;
        int r = 0;
        while (r < rows - 1 && left < end[r] + 8)
            r++;
        end[r] = left + w;
        if (r + 1 > used)
            used = r + 1;
        if (c != NULL)
            chart_text(c, tags[i].cls, left + w / 2, y + row_h * r + CHART_SMALL_SIZE,
                       CHART_SMALL_SIZE, tags[i].bold, ANCHOR_MIDDLE, INK, tags[i].text);
    }
    return y + row_h * used;
}

