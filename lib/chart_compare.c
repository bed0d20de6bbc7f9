/* The comparison as a chart: one row per priced option, grouped as the
 * comparison ranks them (see chart.h). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "chart_internal.h"

#define BAR_H 14.0
#define CAP_H 8.0
#define HEADING_LEAD 17.0
#define ROW_WIDE 32.0
#define ROW_NARROW 50.0
#define VALUE_SIZE 11.5
#define NOTE_SIZE 10.5
#define NOTE_LEAD 13.0

static const struct {
    const char *heading;
    const char *cls;
    chart_style treatment, travel;
} groups[] = {
    [SC_GROUP_LAWFUL] = {"Lawfully available", "row lawful", CS_LAWFUL, CS_LAWFUL_TRAVEL},
    [SC_GROUP_TRIAL] = {"Only inside a clinical trial: not an equal option", "row trial",
                        CS_TRIAL, CS_TRIAL_TRAVEL},
    [SC_GROUP_NOT_PERMITTED] = {"Not lawfully offered: not an equal option", "row banned",
                                CS_BANNED, CS_BANNED_TRAVEL},
    [SC_GROUP_NOT_COMPARABLE] = {"Clinic quotes that cannot be ranked with the options above",
                                 "row quote", CS_QUOTE, CS_QUOTE_TRAVEL},
    [SC_GROUP_NOT_PRICED] = {"Not priced", "row", CS_PAPER, CS_PAPER},
};

/* A row's texts, made once per chart. */
typedef struct row_text {
    char name[SC_ROW_TEXT + 64];
    char amounts[3][48];  /* low, typical, high */
    char note[256];
    double height;        /* of the row, its note wrapped */
} row_text;

static void option_name(const sc_compare_row *row, char *buf, size_t n)
{
    size_t used;
    if (row->clinic != NULL) {
        used = chart_cat(buf, n, 0, row->clinic->clinic);
        used = chart_cat(buf, n, used, " (");
        used = chart_cat(buf, n, used, row->country->id);
        chart_cat(buf, n, used, " quote)");
    } else {
        used = chart_cat(buf, n, 0, row->country->name);
        used = chart_cat(buf, n, used, ", ");
        chart_cat(buf, n, used, row->tier->id);
    }
}

/* What is under an option's name: its interpolated share, and for a clinic
 * quote what makes it doubtful. */
static void option_note(const sc_compare_row *row, char *buf, size_t n)
{
    char pct[32];
    size_t used = chart_cat(buf, n, 0, row->is_home ? "home · " : "");
    used = chart_cat(buf, n, used, chart_pct(row->est.interpolated_pct, pct, sizeof pct));
    used = chart_cat(buf, n, used, " interpolated");
    const char *flags[] = {row->expired ? "expired" : NULL, row->stale ? "stale" : NULL,
                           row->too_cheap ? "implausibly cheap" : NULL,
                           row->too_dear ? "far above the range" : NULL,
                           row->other_procedure ? "another procedure" : NULL,
                           row->other_sites || row->other_sessions ? "another course" : NULL,
                           row->omitted[0] ? "leaves items out" : NULL};
    for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
        if (flags[i] != NULL) {
            used = chart_cat(buf, n, used, " · ");
            used = chart_cat(buf, n, used, flags[i]);
        }
}

/* A row's height: its name, bar and note (wrapped to `note_w`). */
static double row_height(const char *note, double base, double note_w)
{
    double lines = chart_wrap(NULL, NULL, 0, 0, note_w, NOTE_SIZE, 0, INK, NOTE_LEAD, note) /
                   NOTE_LEAD;
    return base + NOTE_LEAD * (lines > 1 ? lines - 1 : 0);
}

/* A group heading's height: its lines wrapped to the chart's width. */
static double heading_h(const chart *c, sc_compare_group g)
{
    double w = c->width - 2 * CHART_MARGIN - 20;
    return chart_wrap(NULL, NULL, 0, 0, w, CHART_TEXT_SIZE, 1, INK, HEADING_LEAD,
                      groups[g].heading) + 9;
}

/* Paper behind a line of text drawn at (x, baseline y), over the gridlines
 * and the baseline. */
static void on_paper(chart *c, double x, double y, double size, const char *text)
{
    chart_rect(c, NULL, x - 1, y - size, chart_text_width(text, size, 0) + 3, size * 1.3,
               CS_PAPER);
}

static void subtitle(const sc_compare_result *r, char *buf, size_t n)
{
    const sc_resolved *s = &r->scenario;
    char sessions[96], cont[64] = "", pct[32];
    if (s->sessions_given)
        snprintf(sessions, sizeof sessions, "%d session%s", s->sessions,
                 s->sessions == 1 ? "" : "s");
    else
        snprintf(sessions, sizeof sessions, "sessions as needed (%d to %d)",
                 r->procedure->sessions_low, r->procedure->sessions_high);
    if (s->contingency_pct > 0)
        snprintf(cont, sizeof cont, " · contingency %s", chart_pct(s->contingency_pct, pct, sizeof pct));
    snprintf(buf, n, "Home %s · %d %s%s · %s · %d traveller%s abroad · insurance %s%s · "
                     "amounts in %s",
             r->home->name, s->sites, r->condition->site_unit, s->sites == 1 ? "" : "s",
             sessions, s->travelers, s->travelers == 1 ? "" : "s", s->insurance->id, cont,
             r->currency->code);
}

sc_status chart_build_compare(chart *c, const sc_compare_result *r, sc_error *err)
{
    const sc_currency *cur = r->currency;
    char title[512], sub[512], buf[512], money[64];
    size_t npriced = 0;
    int64_t hi = 0, ip_lo = 0, ip_hi = 0;
    const char *as_of = NULL;
    for (size_t i = 0; i < r->nrows; i++) {
        const sc_compare_row *row = &r->rows[i];
        if (!row->priced)
            continue;
        if (npriced == 0 || row->est.interpolated_pct < ip_lo)
            ip_lo = row->est.interpolated_pct;
        if (npriced == 0 || row->est.interpolated_pct > ip_hi)
            ip_hi = row->est.interpolated_pct;
        if (as_of == NULL || strcmp(row->est.pricing_as_of, as_of) < 0)
            as_of = row->est.pricing_as_of;
        if (row->est.out_of_pocket.high > hi)
            hi = row->est.out_of_pocket.high;
        npriced++;
    }
    if (npriced > SC_CHART_MAX_ROWS)
        return sc_error_field(err, SC_ELIMIT, SC_R_LIMIT, "chart",
                              "%zu options are too many for one chart (at most %d)", npriced,
                              SC_CHART_MAX_ROWS);
    /* Each row's texts, made once: its name, its low, typical and high for
     * people and (priced) the note under it. */
    row_text *texts = calloc(r->nrows ? r->nrows : 1, sizeof *texts);
    if (texts == NULL)
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory drawing the chart");
    for (size_t i = 0; i < r->nrows; i++) {
        option_name(&r->rows[i], texts[i].name, sizeof texts[i].name);
        if (r->rows[i].priced) {
            const sc_range *oop = &r->rows[i].est.out_of_pocket;
            chart_money(oop->low, cur, 0, texts[i].amounts[0], sizeof texts[i].amounts[0]);
            chart_money(oop->typical, cur, 0, texts[i].amounts[1], sizeof texts[i].amounts[1]);
            chart_money(oop->high, cur, 0, texts[i].amounts[2], sizeof texts[i].amounts[2]);
            option_note(&r->rows[i], texts[i].note, sizeof texts[i].note);
        }
    }

    snprintf(title, sizeof title, "%s for %s: what each option costs you", r->procedure->name,
             r->condition->name);
    subtitle(r, sub, sizeof sub);
    double y = chart_heading(c, title, sub);

    char base_key[256], base_label[128];
    const sc_compare_row *base = r->baseline;
    if (base != NULL) {
        chart_money(base->est.out_of_pocket.typical, cur, 0, money, sizeof money);
        snprintf(base_key, sizeof base_key, "Home baseline: %s, %s", base->country->name,
                 base->tier->id);
        snprintf(base_label, sizeof base_label, "Home %s", money);
    }
    const chart_key keys[] = {
        {KEY_FILL, CS_LAWFUL, 0, 0, 0, "Treatment and other costs"},
        {KEY_FILL, CS_LAWFUL_TRAVEL, 0, 0, 0, "Travel"},
        {KEY_MARK, 0, PAPER, 0, SHAPE_DIAMOND, "Typical"},
        {KEY_WHISKER, 0, INK, 0, 0, "Low to high"},
        {KEY_LINE, 0, INK, DASH_DASHED, 0, base_key},
    };
    y = chart_legend(c, y, keys, base != NULL ? 5 : 4);

    /* Columns: names and values beside the bars, or above them when narrow. */
    double left = CHART_MARGIN, right = c->width - CHART_MARGIN;
    double name_w = 0, value_w = 0;
    for (size_t i = 0; i < r->nrows; i++) {
        if (!r->rows[i].priced)
            continue;
        double w = chart_text_width(texts[i].name, CHART_TEXT_SIZE, 0);
        name_w = w > name_w ? w : name_w;
        w = chart_text_width(texts[i].amounts[1], VALUE_SIZE, 1);
        value_w = w > value_w ? w : value_w;
    }
    double plot0 = left, plot1 = right, row_h = ROW_NARROW;
    if (!c->narrow) {
        name_w = name_w + 12 < c->width * 0.32 ? name_w + 12 : c->width * 0.32;
        plot0 = left + name_w;
        plot1 = right - value_w - 10;
        row_h = ROW_WIDE;
    }
    chart_scale s;
    chart_money_scale(&s, 0, hi, cur, plot0, plot1);

    /* Rows (and group headings) top to bottom: positions first, so the axis
     * gridlines can be drawn behind the bars. */
    double top = y + (base != NULL ? 18 : 4), yy = top;
    sc_compare_group shown = 0;
    double note_w = c->narrow ? right - left : name_w - 10;
    for (size_t i = 0; i < r->nrows; i++)
        if (r->rows[i].priced) {
            if (r->rows[i].group != shown)
                yy += heading_h(c, r->rows[i].group), shown = r->rows[i].group;
            yy += texts[i].height = row_height(texts[i].note, row_h, note_w);
        }
    double bottom = yy + 4;
    char axis_title[160];
    snprintf(axis_title, sizeof axis_title, "Out of pocket, %s (%s)", cur->code, cur->name);
    double after = chart_money_axis(c, &s, top - 4, bottom, cur, axis_title);
    if (base != NULL) {
        double x = chart_px(&s, base->est.out_of_pocket.typical);
        chart_line(c, "baseline", x, top - 6, x, bottom, INK, 1.5, DASH_DASHED);
        chart_text(c, "baseline-label", x, top - 9, CHART_SMALL_SIZE, 0,
                   x > (plot0 + plot1) / 2 ? ANCHOR_END : ANCHOR_START, INK, base_label);
    }

    shown = 0;
    yy = top;
    for (size_t i = 0; i < r->nrows; i++) {
        const sc_compare_row *row = &r->rows[i];
        if (!row->priced)
            continue;
        if (row->group != shown) {
            shown = row->group;
            /* on paper, over the gridlines and the baseline */
            double h = heading_h(c, shown);
            chart_rect(c, NULL, left, yy + 4, right - left, h - 6, CS_PAPER);
            chart_rect(c, "group-key", left, yy + 6, 14, 11, groups[shown].treatment);
            chart_wrap(c, "group", left + 20, yy + 3, right - left - 20, CHART_TEXT_SIZE, 1, INK,
                       HEADING_LEAD, groups[shown].heading);
            yy += h;
        }
        const sc_range *oop = &row->est.out_of_pocket;
        const char *name = texts[i].name, *note = texts[i].note;
        const char *value = texts[i].amounts[1];
        chart_group(c, groups[row->group].cls, name);
        /* The note wraps (a quote's flags are never cut); the row grows. */
        double mid;
        char fitted[SC_ROW_TEXT + 64];
        if (c->narrow) {
            double vw = chart_text_width(value, VALUE_SIZE, 1);
            chart_fit(name, CHART_TEXT_SIZE, 0, right - left - vw - 10, fitted, sizeof fitted);
            on_paper(c, left, yy + 12, CHART_TEXT_SIZE, fitted);
            chart_text(c, "name", left, yy + 12, CHART_TEXT_SIZE, 0, ANCHOR_START, INK, fitted);
            chart_text(c, "value", right, yy + 12, VALUE_SIZE, 1, ANCHOR_END, INK, value);
            mid = yy + 25;
            chart_paper_wrap(c, "note", left, yy + 34, note_w, NOTE_SIZE, 0, INK_MUTED,
                             NOTE_LEAD, note);
        } else {
            chart_fit(name, CHART_TEXT_SIZE, 0, name_w - 10, fitted, sizeof fitted);
            chart_text(c, "name", left, yy + 13, CHART_TEXT_SIZE, 0, ANCHOR_START, INK, fitted);
            chart_wrap(c, "note", left, yy + 16, note_w, NOTE_SIZE, 0, INK_MUTED, NOTE_LEAD, note);
            mid = yy + 14;
            chart_text(c, "value", right, mid + 4, VALUE_SIZE, 1, ANCHOR_END, INK, value);
        }
        /* Typical as two segments from zero: the travel part ends at the typical. */
        double x0 = chart_px(&s, 0), xt = chart_px(&s, oop->typical);
        double tw = chart_px(&s, row->est.travel.typical) - x0;
        if (tw > xt - x0)
            tw = xt - x0;
        chart_rect(c, "bar", x0, mid - BAR_H / 2, xt - x0 - tw, BAR_H,
                   groups[row->group].treatment);
        if (tw > 0)
            chart_rect(c, "travel", xt - tw, mid - BAR_H / 2, tw, BAR_H,
                       groups[row->group].travel);
        chart_whisker(c, "whisker", chart_px(&s, oop->low), chart_px(&s, oop->high), mid,
                      CAP_H, INK);
        chart_mark(c, "typical", SHAPE_DIAMOND, xt, mid, 5.5, PAPER);
        chart_end(c);
        yy += texts[i].height;
    }
    if (npriced == 0)
        chart_text(c, "empty", left, top + 16, CHART_TEXT_SIZE, 0, ANCHOR_START, INK,
                   "No option could be priced from the tables.");

    /* Options the tables cannot price, by name. */
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < r->nrows; i++) {
        if (r->rows[i].priced)
            continue;
        used = chart_cat(buf, sizeof buf, used,
                         used == 0 ? "Not priced in the tables (the table says why): " : "; ");
        used = chart_cat(buf, sizeof buf, used, texts[i].name);
        if (used + 1 >= sizeof buf)
            break;
    }
    if (buf[0])
        after = chart_wrap(c, "not-priced", left, after, right - left, CHART_SMALL_SIZE + 0.5, 0,
                           INK, 16, buf);

    char ip[160], lo_pct[32], hi_pct[32], dates[256];
    if (ip_lo == ip_hi)
        snprintf(ip, sizeof ip, "%s of each option's typical rests on interpolated prices "
                                "(no source states them).",
                 chart_pct(ip_lo, lo_pct, sizeof lo_pct));
    else
        snprintf(ip, sizeof ip, "From %s to %s of an option's typical rests on interpolated "
                                "prices (no source states them): under each option.",
                 chart_pct(ip_lo, lo_pct, sizeof lo_pct), chart_pct(ip_hi, hi_pct, sizeof hi_pct));
    snprintf(dates, sizeof dates, "Prices as of %s (the oldest used), converted at the tables' "
                                  "dated exchange rates. Made by stemcost compare.",
             as_of ? as_of : "-");
    const char *foot[] = {
        "Bars: the typical out of pocket, travel hatched at the end; whiskers: low (every "
        "price at its low) to high. Complication risks are not included.",
        npriced ? ip : NULL, dates};
    chart_footer(c, after, foot, 3);

    /* For screen readers: every option's figures in words. */
    char desc[8192];
    size_t dn = chart_cat(desc, sizeof desc, 0, title);
    dn = chart_cat(desc, sizeof desc, dn, ". ");
    dn = chart_cat(desc, sizeof desc, dn, sub);
    dn = chart_cat(desc, sizeof desc, dn, ".");
    for (size_t i = 0; i < r->nrows && dn + 1 < sizeof desc; i++) {
        const sc_compare_row *row = &r->rows[i];
        dn = chart_cat(desc, sizeof desc, dn, " ");
        dn = chart_cat(desc, sizeof desc, dn, texts[i].name);
        if (!row->priced) {
            dn = chart_cat(desc, sizeof desc, dn, ": not priced.");
            continue;
        }
        const char *texts_in[] = {
            " (",
            row->group == SC_GROUP_LAWFUL ? "lawful"
            : row->group == SC_GROUP_TRIAL ? "trial only"
            : row->group == SC_GROUP_NOT_PERMITTED ? "not permitted"
                                                   : "quote apart",
            "): ", texts[i].amounts[1], " typical, ", texts[i].amounts[0], " to ",
            texts[i].amounts[2], "."};
        for (size_t k = 0; k < sizeof texts_in / sizeof *texts_in; k++)
            dn = chart_cat(desc, sizeof desc, dn, texts_in[k]);
    }
    free(texts);
    chart_set_title(c, title, desc);
    return SC_OK;
}
