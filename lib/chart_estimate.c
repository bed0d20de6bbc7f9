/* The estimate as a chart: the typical out of pocket as a stacked bar, one
 * segment per line in bill order, then tax, travel and contingency; what the
 * insurance pays apart, in the same segments (see chart.h). */
#include <config.h>

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "chart_internal.h"

#define BAR_H 26.0
#define ENTRY_H 19.0
#define ENTRY_SIZE 11.5

/* One segment of the bars and its line in the key. */
typedef struct part {
    chart_style fill;
    char name[160];
    int64_t amount;       /* what the line charges (typical) */
    int64_t pays;         /* what the plan pays of it */
    int number;
} part;

#define MAX_PARTS 64

static void capitalised(const char *s, char *buf, size_t n)
{
    snprintf(buf, n, "%s", s);
    if (buf[0])
        buf[0] = (char)toupper((unsigned char)buf[0]);
}

static size_t collect(const sc_estimate_result *r, part *parts)
{
    size_t n = 0, nother = 0;
    int64_t other = 0, other_pays = 0;
    char pct[32], cat[64];
    for (size_t i = 0; i < r->nitems; i++) {
        const sc_line *l = &r->lines[i];
        if (l->amount.typical == 0)
            continue;
        /* Past what a bar can show, the rest of the lines are drawn as one
         * part, so the bar still adds up to the total it states. */
        if (n >= MAX_PARTS - 5) {
            nother++;
            other += l->amount.typical;
            other_pays += l->insurance_pays.typical;
            continue;
        }
        part *p = &parts[n++];
        p->fill = CS_CAT0 + (l->category < CHART_CAT_STYLES - 1 ? (int)l->category
                                                                 : CHART_CAT_STYLES - 1);
        capitalised(sc_category_name(l->category), cat, sizeof cat);
        if (strcasecmp(cat, l->description) == 0)
            snprintf(p->name, sizeof p->name, "%s", cat);
        else
            snprintf(p->name, sizeof p->name, "%s: %s", cat, l->description);
        p->amount = l->amount.typical;
        p->pays = l->insurance_pays.typical;
    }
    if (nother > 0) {
        part *p = &parts[n++];
        *p = (part){CS_CAT0 + CHART_CAT_STYLES - 1, "", other, other_pays, 0};
        snprintf(p->name, sizeof p->name, "%zu other item%s", nother, nother == 1 ? "" : "s");
    }
    if (r->quote > 0)
        parts[n++] = (part){CS_CAT0 + CHART_CAT_STYLES - 1, "The clinic's quoted price",
                            r->quote, 0, 0};
    if (r->tax.typical > 0) {
        part *p = &parts[n++];
        *p = (part){CS_TAX, "", r->tax.typical, 0, 0};
        snprintf(p->name, sizeof p->name, "Tax: %s on self-pay care",
                 chart_pct(r->tax_pct, pct, sizeof pct));
    }
    if (r->travel.typical > 0)
        parts[n++] = (part){CS_TRAVEL, "Travel: airfare, lodging, meals and local transport",
                            r->travel.typical, 0, 0};
    if (r->contingency.typical > 0) {
        part *p = &parts[n++];
        *p = (part){CS_CONTINGENCY, "", r->contingency.typical, 0, 0};
        snprintf(p->name, sizeof p->name, "Contingency: %s of your share",
                 chart_pct(r->contingency_pct, pct, sizeof pct));
    }
    for (size_t i = 0; i < n; i++)
        parts[i].number = (int)i + 1;
    return n;
}

/* One stacked bar: segment k is `width(k)` pixels wide. */
static void bar(chart *c, const chart_scale *s, const part *parts, size_t n, int insurer,
                double y)
{
    double x = chart_px(s, 0), x0 = x;
    char num[16];
    chart_group(c, insurer ? "bar insurance" : "bar patient", NULL);
    for (size_t i = 0; i < n; i++) {
        const part *p = &parts[i];
        /* The patient's part is the line less what the plan pays of it: a
         * difference of two widths on the scale, not of two amounts. */
        double w = insurer ? chart_px(s, p->pays) - x0
                           : (chart_px(s, p->amount) - x0) - (chart_px(s, p->pays) - x0);
        if (w <= 0)
            continue;
        chart_rect(c, "segment", x, y, w, BAR_H, p->fill);
        if (w >= 14) {
            snprintf(num, sizeof num, "%d", p->number);
            chart_text(c, "segment-number", x + w / 2, y + BAR_H + 13, CHART_SMALL_SIZE, 0,
                       ANCHOR_MIDDLE, INK, num);
        }
        x += w;
    }
    chart_end(c);
}

/* A bar's title, on paper over the gridlines. */
static void bar_label(chart *c, double x, double y, const char *text)
{
    chart_rect(c, NULL, x, y - CHART_TEXT_SIZE, chart_text_width(text, CHART_TEXT_SIZE, 1) + 6,
               CHART_TEXT_SIZE + 4, CS_PAPER);
    chart_text(c, "bar-label", x, y, CHART_TEXT_SIZE, 1, ANCHOR_START, INK, text);
}

static const char *coverage_note(const sc_estimate_result *r, char *buf, size_t n)
{
    for (size_t i = 0; i < r->nwarnings; i++)
        if (r->warnings[i].kind == SC_WARN_PLAN_ABROAD ||
            r->warnings[i].kind == SC_WARN_MIXED_BILLING) {
            char w[SC_WARNING_MAX];
            snprintf(buf, n, "Insurance pays nothing here: %s.",
                     sc_estimate_warning_text(r, i, w, sizeof w));
            return buf;
        }
    snprintf(buf, n, r->insurance_applies ? "Insurance pays nothing of this estimate (%s)."
                                          : "No insurance: %s.",
             r->insurance->id);
    return buf;
}

sc_status chart_build_estimate(chart *c, const sc_estimate_result *r, sc_error *err)
{
    (void)err;
    const sc_currency *cur = r->currency;
    part parts[MAX_PARTS];
    size_t n = collect(r, parts);
    char title[512], sub[512], sessions[96], a[64], b[64], d[64], label[256];

    snprintf(title, sizeof title, "%s for %s in %s (%s tier): what you pay, by category",
             r->procedure->name, r->condition->name, r->country->name, r->tier->id);
    if (r->sessions_col[0] != r->sessions_col[2])
        snprintf(sessions, sizeof sessions, "%d session%s (low %d, high %d)", r->sessions,
                 r->sessions == 1 ? "" : "s", r->sessions_col[0], r->sessions_col[2]);
    else
        snprintf(sessions, sizeof sessions, "%d session%s", r->sessions,
                 r->sessions == 1 ? "" : "s");
    snprintf(sub, sizeof sub, "%d %s%s · %s · home %s · %d traveller%s · insurance %s · "
                              "amounts in %s",
             r->sites, r->condition->site_unit, r->sites == 1 ? "" : "s", sessions, r->home->id,
             r->travelers, r->travelers == 1 ? "" : "s", r->insurance->id, cur->code);
    double y = chart_heading(c, title, sub);

    double left = CHART_MARGIN, right = c->width - CHART_MARGIN - 8;
    int64_t hi = r->out_of_pocket.typical > r->insurance_pays.typical ? r->out_of_pocket.typical
                                                                      : r->insurance_pays.typical;
    chart_scale s;
    chart_money_scale(&s, 0, hi, cur, left, right);
    int insured = r->insurance_pays.typical > 0;
    double top = y + 4, bar1 = top + 22, bar2 = bar1 + BAR_H + 44;
    double bottom = (insured ? bar2 : bar1) + BAR_H + 20;
    char axis_title[160];
    snprintf(axis_title, sizeof axis_title, "Typical, %s (%s)", cur->code, cur->name);
    double after = chart_money_axis(c, &s, top, bottom, cur, axis_title);

    snprintf(label, sizeof label, "You pay, typical: %s",
             chart_money(r->out_of_pocket.typical, cur, 0, a, sizeof a));
    bar_label(c, left, bar1 - 7, label);
    bar(c, &s, parts, n, 0, bar1);
    if (insured) {
        snprintf(label, sizeof label, "Insurance pays, typical: %s",
                 chart_money(r->insurance_pays.typical, cur, 0, a, sizeof a));
        bar_label(c, left, bar2 - 7, label);
        bar(c, &s, parts, n, 1, bar2);
    } else {
        char note[SC_WARNING_MAX + 64];
        after = chart_wrap(c, "insurance-note", left, after, c->width - 2 * CHART_MARGIN,
                           CHART_SMALL_SIZE + 0.5, 0, INK, 16, coverage_note(r, note, sizeof note));
    }

    /* The key: every segment, numbered in bar order, with its line's amount. */
    y = after + 6;
    chart_group(c, "legend", NULL);
    double full = c->width - 2 * CHART_MARGIN;
    for (size_t i = 0; i < n; i++) {
        const part *p = &parts[i];
        double mid = y + ENTRY_H / 2;
        char amount[160], num[16], name[160];
        chart_money(p->amount, cur, 0, a, sizeof a);
        if (p->pays > 0)
            snprintf(amount, sizeof amount, "%s, plan pays %s", a,
                     chart_money(p->pays, cur, 0, b, sizeof b));
        else
            snprintf(amount, sizeof amount, "%s", a);
        snprintf(num, sizeof num, "%d", p->number);
        chart_rect(c, "key", left, mid - 6, 16, 12, p->fill);
        chart_text(c, NULL, left + 36, mid + 4, ENTRY_SIZE, 1, ANCHOR_END, INK, num);
        double aw = chart_text_width(amount, ENTRY_SIZE, 0);
        chart_fit(p->name, ENTRY_SIZE, 0, full - 44 - aw - 12, name, sizeof name);
        chart_text(c, NULL, left + 44, mid + 4, ENTRY_SIZE, 0, ANCHOR_START, INK, name);
        chart_text(c, "key-amount", left + full, mid + 4, ENTRY_SIZE, 0, ANCHOR_END, INK,
                   amount);
        y += ENTRY_H;
    }
    chart_end(c);

    char range[256], risk[SC_MSG_MAX], ip[256], asof[128], pc[32];
    snprintf(range, sizeof range, "Each line at its typical amount, stacked in bill order. Out of "
                                  "pocket ranges from %s (every price at its low) to %s.",
             chart_money(r->out_of_pocket.low, cur, 0, a, sizeof a),
             chart_money(r->out_of_pocket.high, cur, 0, b, sizeof b));
    risk[0] = '\0';
    if (r->complications.row != NULL)
        snprintf(risk, sizeof risk, "Not included: a %s %% chance of a complication (%s); if it "
                                    "happens you would pay %s.",
                 sc_decimal_format(r->complications.probability, SC_PROB_DECIMALS, 1, pc,
                                   sizeof pc),
                 r->complications.row->description,
                 chart_money(r->complications.cost.typical, cur, 0, d, sizeof d));
    snprintf(ip, sizeof ip, "%s of the typical out of pocket rests on interpolated prices (no "
                            "source states them).",
             chart_pct(r->interpolated_pct, pc, sizeof pc));
    snprintf(asof, sizeof asof, "Prices as of %s (the oldest used). Made by stemcost estimate.",
             r->pricing_as_of);
    const char *foot[] = {range, risk, ip, asof};
    chart_footer(c, y, foot, 4);

    char desc[4096];
    size_t dn = (size_t)snprintf(desc, sizeof desc, "%.400s. %.400s. You pay %s typical.", title,
                                 sub, chart_money(r->out_of_pocket.typical, cur, 0, b, sizeof b));
    for (size_t i = 0; i < n && dn < sizeof desc; i++)
        dn += (size_t)snprintf(desc + dn, sizeof desc - dn, " %d %s: %s.", parts[i].number,
                               parts[i].name, chart_money(parts[i].amount, cur, 0, a, sizeof a));
    chart_set_title(c, title, desc);
    return SC_OK;
}
