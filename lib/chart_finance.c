/* Financing as a chart: one way to pay over time, or every plan's total paid
 * side by side (see chart.h). */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_internal.h"

#define PLOT_WIDE 260.0
#define PLOT_NARROW 200.0
#define BAR_H 14.0
#define NOTE_MAX 320
#define NOTE_LEAD 14.0

/* The APR as disclosed, with its percent sign. */
static const char *apr_text(double apr, char *buf, size_t n)
{
    char a[32];
    snprintf(buf, n, "%s %%", sc_apr_format(apr, a, sizeof a));
    return buf;
}

/* Where the plans' terms come from, for the footer. */
static void sources(const sc_finance_result *r, char *buf, size_t n)
{
    size_t used = (size_t)snprintf(buf, n, "Plan terms from the pricing tables:");
    int any = 0;
    for (size_t i = 0; i < r->noptions && used < n; i++) {
        const sc_plan *p = r->options[i].plan;
        if (p == NULL)
            continue;
        used += (size_t)snprintf(buf + used, n - used, "%s %s [%s, %s]", any ? ";" : "", p->id,
                                 p->source, sc_basis_name(p->basis));
        any = 1;
    }
    if (!any)
        snprintf(buf, n, "Loan terms as given; the APR is solved by Regulation Z, Appendix J.");
    else if (used < n)
        snprintf(buf + used, n - used, ".");
}

/* ---- one way to pay, over time ------------------------------------------------------ */

typedef struct timeline {
    double left, right;
    int periods;
} timeline;

static double tx(const timeline *t, double k)
{
    return t->left + (t->right - t->left) * k / (t->periods > 0 ? t->periods : 1);
}

/* The date of payment k (0: the start), from the schedule or the baseline. */
static sc_date date_of(const sc_plan_result *o, int k)
{
    if (k == 0)
        return o->schedule.start;
    if (k <= o->schedule.nrows)
        return o->schedule.rows[k - 1].date;
    return o->baseline.rows[k - 1].date;
}

static void paid_in_full(chart *c, const sc_finance_result *r, const sc_plan_result *o)
{
    char title[256], text[256], a[64];
    snprintf(title, sizeof title, "%s: %s", o->plan ? o->plan->name : "Payment",
             r->amount > 0 ? "paid in full, no financing" : "nothing to finance");
    double y = chart_heading(c, title, NULL);
    snprintf(text, sizeof text, "Total cost %s, all paid up front: no finance charge.",
             chart_money(o->total_paid, r->currency, 0, a, sizeof a));
    y = chart_wrap(c, "note", CHART_MARGIN, y, c->width - 2 * CHART_MARGIN, CHART_TEXT_SIZE, 0,
                   INK, 18, text);
    char src[1024];
    sources(r, src, sizeof src);
    const char *foot[] = {src};
    chart_footer(c, y, foot, 1);
    chart_set_title(c, title, text);
}

static void schedule_chart(chart *c, const sc_finance_result *r, const sc_plan_result *o)
{
    const sc_currency *cur = r->currency;
    const sc_schedule *s = &o->schedule;
    const sc_deferred *d = o->has_deferred ? &o->deferred : NULL;
    int cliff = d != NULL && d->back_interest > 0;
    char title[256], sub[512], a[64], b[64], e[64], f[64], g[64], date[11], extra[96] = "";

    snprintf(title, sizeof title, "%s: what you owe and the interest you pay, month by month",
             o->plan ? o->plan->name : "Loan");
    /* The payment as disclosed; the extra principal apart when every payment
     * but the last carries it (extra that repays the loan at once does not). */
    int64_t payment = sc_schedule_regular_payment(s);
    if (s->extra > 0 && payment == s->payment + s->extra) {
        payment = s->payment;
        snprintf(extra, sizeof extra, " + %s extra principal",
                 chart_money(s->extra, cur, 0, a, sizeof a));
    }
    snprintf(sub, sizeof sub, "Price %s · loan %s · %d monthly payment%s of %s%s from %s · APR %s "
                              "· total cost %s",
             chart_money(r->amount, cur, 0, a, sizeof a), chart_money(s->loan, cur, 0, b, sizeof b),
             s->nrows, s->nrows == 1 ? "" : "s", chart_money(payment, cur, 0, e, sizeof e), extra,
             sc_date_format(s->rows[0].date, date), apr_text(s->apr_pct, f, sizeof f),
             chart_money(o->total_paid, cur, 0, g, sizeof g));
    double y = chart_heading(c, title, sub);

    char k_cliff[160], k_min[160];
    snprintf(k_min, sizeof k_min, "Balance paying only the minimum %s",
             d ? chart_money(d->min_payment, cur, 0, a, sizeof a) : "");
    snprintf(k_cliff, sizeof k_cliff, "Interest charged if not paid off by %s",
             d ? sc_date_format(d->expiry, date) : "");
    chart_key keys[6];
    size_t nk = 0;
    keys[nk++] = (chart_key){KEY_LINE, 0, OI_BLUE, DASH_SOLID, 0, "Balance owed after each payment"};
    keys[nk++] = (chart_key){KEY_LINE_MARK, 0, OI_VERMILLION, DASH_DASHED, SHAPE_TRIANGLE,
                             "Interest paid so far"};
    if (o->baseline.nrows > 0)
        keys[nk++] = (chart_key){KEY_LINE, 0, 0x777777u, DASH_DOTTED, 0,
                                 "Balance without the extra payments"};
    if (cliff) {
        keys[nk++] = (chart_key){KEY_LINE, 0, OI_ORANGE, DASH_DASHDOT, 0, k_min};
        keys[nk++] = (chart_key){KEY_LINE_MARK, 0, OI_VERMILLION, DASH_DOTTED, SHAPE_CIRCLE,
                                 "Deferred interest building up on the minimum"};
        keys[nk++] = (chart_key){KEY_FILL, CS_CLIFF, 0, 0, 0, k_cliff};
    }
    y = chart_legend(c, y, keys, nk);

    /* Scales: payments across, money up. */
    int periods = s->nrows > o->baseline.nrows ? s->nrows : o->baseline.nrows;
    int64_t top_value = s->loan > o->baseline.loan ? s->loan : o->baseline.loan;
    if (s->total_interest > top_value)
        top_value = s->total_interest;
    if (cliff && d->balance_at_expiry + d->back_interest > top_value)
        top_value = d->balance_at_expiry + d->back_interest; /* the scale's reach, not a figure */
    chart_scale ys;
    chart_nice(0, top_value, chart_minor_unit(cur), 5, &ys);
    double left = CHART_MARGIN + chart_y_label_width(&ys, cur) + 4;
    timeline t = {left, c->width - CHART_MARGIN - 12, periods};
    double plot_top = y + 12, plot_bottom = plot_top + (c->narrow ? PLOT_NARROW : PLOT_WIDE);
    ys.p0 = plot_bottom;
    ys.p1 = plot_top;
    chart_y_axis(c, &ys, left, t.right, cur);

    /* Time ticks: every `step` payments, dates from the schedule. */
    static const int steps[] = {1, 2, 3, 6, 12, 24, 36, 60, 120};
    int step = 120;
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        if (periods / steps[i] <= (int)((t.right - left) / 74)) {
            step = steps[i];
            break;
        }
    chart_group(c, "axis x", NULL);
    for (int k = 0; k <= periods; k += step) {
        double x = tx(&t, k);
        sc_date_format(date_of(o, k), date);
        date[7] = '\0'; /* YYYY-MM */
        chart_line(c, NULL, x, plot_bottom, x, plot_bottom + 5, INK, 1, DASH_SOLID);
        chart_tick_label(c, x, plot_bottom + 18, date);
    }
    chart_line(c, NULL, left, plot_bottom, t.right, plot_bottom, INK, 1, DASH_SOLID);
    chart_text(c, "axis-title", (left + t.right) / 2, plot_bottom + 36, CHART_SMALL_SIZE + 0.5, 0,
               ANCHOR_MIDDLE, INK_MUTED, "Payment date (year-month)");
    chart_end(c);

    /* The balance, its area, and the interest paid so far (stacked in pixels:
     * each payment's interest raises the line by its own height). */
    size_t np = (size_t)s->nrows + 1;
    double *pts = malloc((np + 2) * 2 * sizeof *pts), *ipts = malloc(np * 2 * sizeof *ipts);
    if (pts == NULL || ipts == NULL) {
        free(pts);
        free(ipts);
        c->oom = 1;
        return;
    }
    double base = chart_px(&ys, 0);
    pts[0] = tx(&t, 0), pts[1] = chart_px(&ys, s->loan);
    ipts[0] = tx(&t, 0), ipts[1] = base;
    for (int k = 1; k <= s->nrows; k++) {
        pts[2 * k] = tx(&t, k);
        pts[2 * k + 1] = chart_px(&ys, s->rows[k - 1].balance);
        ipts[2 * k] = tx(&t, k);
        ipts[2 * k + 1] = ipts[2 * k - 1] - (base - chart_px(&ys, s->rows[k - 1].interest));
    }
    pts[2 * np] = tx(&t, s->nrows), pts[2 * np + 1] = base;
    pts[2 * np + 2] = tx(&t, 0), pts[2 * np + 3] = base;
    chart_path(c, "balance-area", pts, np + 2, 1, CS_AREA, 0, 0, DASH_SOLID);
    if (o->baseline.nrows > 0) {
        double *bp = malloc(((size_t)o->baseline.nrows + 1) * 2 * sizeof *bp);
        if (bp == NULL) {
            c->oom = 1;
        } else {
            bp[0] = tx(&t, 0), bp[1] = chart_px(&ys, o->baseline.loan);
            for (int k = 1; k <= o->baseline.nrows; k++)
                bp[2 * k] = tx(&t, k), bp[2 * k + 1] = chart_px(&ys, o->baseline.rows[k - 1].balance);
            chart_path(c, "baseline-balance", bp, (size_t)o->baseline.nrows + 1, 0, CS_NONE,
                       0x777777u, 2, DASH_DOTTED);
            free(bp);
        }
    }
    chart_path(c, "balance", pts, np, 0, CS_NONE, OI_BLUE, 2.5, DASH_SOLID);
    chart_path(c, "interest", ipts, np, 0, CS_NONE, OI_VERMILLION, 2, DASH_DASHED);
    for (int k = step; k <= s->nrows; k += step)
        chart_mark(c, "interest-mark", SHAPE_TRIANGLE, ipts[2 * k], ipts[2 * k + 1], 4.5,
                   OI_VERMILLION);
    double ix = ipts[2 * s->nrows], iy = ipts[2 * s->nrows + 1];
    snprintf(sub, sizeof sub, "Interest %s", chart_money(s->total_interest, cur, 0, a, sizeof a));
    chart_text(c, "interest-label", ix - 6, iy - 8, CHART_SMALL_SIZE, 1, ANCHOR_END, INK, sub);
    free(pts);
    free(ipts);

    if (cliff && d->payments_in_time > 0 && d->payments_in_time <= s->nrows) {
        int k = d->payments_in_time;
        double mp[4] = {tx(&t, 0), chart_px(&ys, s->loan), tx(&t, k),
                        chart_px(&ys, d->balance_at_expiry)};
        chart_path(c, "minimum", mp, 2, 0, CS_NONE, OI_ORANGE, 2, DASH_DASHDOT);
        if (o->deferred_rows != NULL) {
            double *dp = malloc(((size_t)k + 1) * 2 * sizeof *dp);
            if (dp == NULL) {
                c->oom = 1;
            } else {
                dp[0] = tx(&t, 0), dp[1] = base;
                for (int j = 1; j <= k; j++)
                    dp[2 * j] = tx(&t, j),
                    dp[2 * j + 1] = chart_px(&ys, o->deferred_rows[j - 1].accrued_on_minimum);
                chart_path(c, "deferred-interest", dp, (size_t)k + 1, 0, CS_NONE, OI_VERMILLION,
                           2, DASH_DOTTED);
                chart_mark(c, "deferred-interest-mark", SHAPE_CIRCLE, dp[2 * k], dp[2 * k + 1], 4,
                           OI_VERMILLION);
                free(dp);
            }
        }
        /* The cliff: at the expiry (drawn at the last payment on or before
         * it), the deferred interest lands on the balance. */
        double x = tx(&t, k), y0 = chart_px(&ys, d->balance_at_expiry);
        double h = base - chart_px(&ys, d->back_interest);
        chart_rect(c, "cliff", x - 5, y0 - h, 10, h, CS_CLIFF);
        char l1[160];
        snprintf(l1, sizeof l1, "+%s if not paid off by %s",
                 chart_money(d->back_interest, cur, 0, a, sizeof a), sc_date_format(d->expiry, date));
        /* Left of the cliff, ending beside it; wrapped when the room is short. */
        double room = x - 10 - (left + 4), w = chart_text_width(l1, CHART_SMALL_SIZE, 1);
        double lx = w <= room ? x - 10 - w : left + 4;
        chart_paper_wrap(c, "cliff-label", lx, y0 - h + 1, w <= room ? w + 1 : room,
                         CHART_SMALL_SIZE, 1, INK, 14, l1);
    }

    char how[512], dnote[512] = "", src[1024], aprs[32];
    snprintf(how, sizeof how, "The balance is the schedule's after each payment; interest paid "
                              "so far adds each payment's interest (%s in all). APR %s "
                              "(Regulation Z, Appendix J).",
             chart_money(s->total_interest, cur, 0, a, sizeof a), apr_text(s->apr_pct, aprs, sizeof aprs));
    if (d != NULL && cliff)
        snprintf(dnote, sizeof dnote, "Deferred interest: paying %s a month clears it by %s at "
                                      "no interest; paying only the minimum %s leaves %s owed "
                                      "then, and %s of interest from the purchase date is "
                                      "charged.",
                 chart_money(d->payoff_payment, cur, 0, a, sizeof a), sc_date_format(d->expiry, date),
                 chart_money(d->min_payment, cur, 0, b, sizeof b),
                 chart_money(d->balance_at_expiry, cur, 0, e, sizeof e),
                 chart_money(d->back_interest, cur, 0, f, sizeof f));
    sources(r, src, sizeof src);
    const char *foot[] = {how, dnote, src};
    chart_footer(c, plot_bottom + 44, foot, 3);
    char desc[2048];
    snprintf(desc, sizeof desc, "%.250s. %.500s. %.500s %.600s", title, sub, how, dnote);
    chart_set_title(c, title, desc);
}

/* ---- every plan: total paid ---------------------------------------------------------- */

/* A plan's terms in words, under its bar. */
static void plan_note(const sc_plan_result *o, const sc_currency *cur, char *note, size_t n)
{
    const sc_schedule *sc = &o->schedule;
    char a[64], b[64], aprs[32], date[11];
    if (!o->available)
        snprintf(note, n, "Not available: needs at least %s",
                 chart_money(o->min_amount, cur, 0, a, sizeof a));
    else if (sc->nrows == 0)
        snprintf(note, n, "paid in full up front");
    else if (o->has_deferred && o->deferred.back_interest > 0)
        snprintf(note, n, "%d × %s · 0 %% if paid off by %s; if not, +%s of interest", sc->nrows,
                 chart_money(sc->payment, cur, 0, a, sizeof a),
                 sc_date_format(o->deferred.expiry, date),
                 chart_money(o->deferred.back_interest, cur, 0, b, sizeof b));
    else
        snprintf(note, n, "%s%s%d × %s · APR %s",
                 o->upfront > 0 ? chart_money(o->upfront, cur, 0, b, sizeof b) : "",
                 o->upfront > 0 ? " up front · " : "", sc->nrows,
                 chart_money(sc->payment, cur, 0, a, sizeof a),
                 apr_text(sc->apr_pct, aprs, sizeof aprs));
}

/* A plan's name, wrapped beside its total. */
static void plan_name(const sc_plan_result *o, const sc_currency *cur, double width, char *name,
                      size_t n, char *value, size_t vn, double *name_w)
{
    snprintf(name, n, "%s", o->plan ? o->plan->name : "Loan");
    chart_money(o->total_paid, cur, 0, value, vn);
    *name_w = width - (o->available ? chart_text_width(value, CHART_TEXT_SIZE, 1) + 10 : 0);
}

static double row_height(const sc_plan_result *o, const sc_currency *cur, const char *note,
                         double width)
{
    char name[160], value[64];
    double name_w;
    plan_name(o, cur, width, name, sizeof name, value, sizeof value, &name_w);
    return chart_wrap(NULL, NULL, 0, 0, name_w, CHART_TEXT_SIZE, 0, INK, 17, name) +
           (o->available ? BAR_H + 4 : 0) +
           chart_wrap(NULL, NULL, 0, 0, width, CHART_SMALL_SIZE, 0, INK, NOTE_LEAD, note) + 10;
}

static void compare_chart(chart *c, const sc_finance_result *r)
{
    const sc_currency *cur = r->currency;
    char title[256], sub[256], a[64], b[64];
    snprintf(title, sizeof title, "Paying %s: total paid under each plan",
             chart_money(r->amount, cur, 0, a, sizeof a));
    if (r->down > 0)
        snprintf(sub, sizeof sub, "Price %s less %s paid down · amounts in %s",
                 chart_money(r->amount, cur, 0, a, sizeof a),
                 chart_money(r->down, cur, 0, b, sizeof b), cur->code);
    else
        snprintf(sub, sizeof sub, "Every plan in the tables · amounts in %s", cur->code);
    double y = chart_heading(c, title, sub);
    const chart_key keys[] = {
        {KEY_FILL, CS_PRICE, 0, 0, 0, "The price"},
        {KEY_FILL, CS_CREDIT, 0, 0, 0, "Cost of credit (finance charge)"},
        {KEY_FILL, CS_CLIFF, 0, 0, 0, "Deferred interest if the promotion is missed"},
    };
    int any_cliff = 0;
    int64_t hi = r->amount;
    for (size_t i = 0; i < r->noptions; i++) {
        const sc_plan_result *o = &r->options[i];
        if (!o->available)
            continue;
        int64_t reach = o->total_paid;
        if (o->has_deferred && o->deferred.back_interest > 0) {
            any_cliff = 1;
            reach += o->deferred.back_interest; /* the scale's reach, not a figure */
        }
        if (reach > hi)
            hi = reach;
    }
    y = chart_legend(c, y, keys, any_cliff ? 3 : 2);

    double left = CHART_MARGIN, right = c->width - CHART_MARGIN - 8;
    chart_scale s;
    chart_money_scale(&s, 0, hi, cur, left, right);
    /* Rows: the name and total, the bar, then the terms in words (wrapped:
     * measured first, so the axis and its gridlines go behind). */
    double note_w = right - left;
    double top = y + 18, bottom = top + 4;
    for (size_t i = 0; i < r->noptions; i++) {
        char note[NOTE_MAX];
        plan_note(&r->options[i], cur, note, sizeof note);
        bottom += row_height(&r->options[i], cur, note, note_w);
    }
    double after = chart_money_axis(c, &s, top - 4, bottom, cur, "Total paid");
    double xp = chart_px(&s, r->amount);
    chart_line(c, "price", xp, top - 6, xp, bottom, INK, 1.5, DASH_DASHED);
    snprintf(sub, sizeof sub, "Price %s", chart_money(r->amount, cur, 0, a, sizeof a));
    chart_text(c, "price-label", xp, top - 9, CHART_SMALL_SIZE, 0,
               xp > (left + right) / 2 ? ANCHOR_END : ANCHOR_START, INK, sub);

    double yy = top;
    for (size_t i = 0; i < r->noptions; i++) {
        const sc_plan_result *o = &r->options[i];
        char name[160], note[NOTE_MAX], value[64];
        double name_w;
        plan_note(o, cur, note, sizeof note);
        plan_name(o, cur, note_w, name, sizeof name, value, sizeof value, &name_w);
        chart_group(c, o->available ? "row plan" : "row plan unavailable", name);
        double ny = chart_paper_wrap(c, "name", left, yy, name_w, CHART_TEXT_SIZE, 0, INK, 17,
                                     name);
        if (o->available) {
            chart_text(c, "value", right, yy + 13, CHART_TEXT_SIZE, 1, ANCHOR_END, INK, value);
            double x0 = chart_px(&s, 0), xt = chart_px(&s, o->total_paid);
            double mid = ny + BAR_H / 2, xprice = xp < xt ? xp : xt;
            chart_rect(c, "bar", x0, mid - BAR_H / 2, xprice - x0, BAR_H, CS_PRICE);
            if (xt > xprice)
                chart_rect(c, "credit", xprice, mid - BAR_H / 2, xt - xprice, BAR_H, CS_CREDIT);
            if (o->has_deferred && o->deferred.back_interest > 0)
                chart_rect(c, "cliff", xt, mid - BAR_H / 2,
                           chart_px(&s, o->deferred.back_interest) - x0, BAR_H, CS_CLIFF);
            ny = mid + BAR_H / 2 + 2;
        }
        chart_paper_wrap(c, "note", left, ny, note_w, CHART_SMALL_SIZE, 0, INK_MUTED, NOTE_LEAD,
                         note);
        chart_end(c);
        yy += row_height(o, cur, note, note_w);
    }

    int lo_n = 0, hi_n = 0;
    for (size_t i = 0; i < r->noptions; i++) {
        int n = r->options[i].schedule.nrows;
        if (i == 0 || n < lo_n)
            lo_n = n;
        if (n > hi_n)
            hi_n = n;
    }
    char horizon[320], src[1024];
    snprintf(horizon, sizeof horizon, "The plans run over %d to %d monthly payments, so their "
                                      "totals add up payments made at different times: compare "
                                      "the cost of credit and the APR (Regulation Z, Appendix J).",
             lo_n, hi_n);
    sources(r, src, sizeof src);
    const char *foot[] = {horizon, src};
    chart_footer(c, after, foot, 2);
    char desc[2048];
    snprintf(desc, sizeof desc, "%.250s. %.250s. %.320s", title, sub, horizon);
    chart_set_title(c, title, desc);
}

sc_status chart_build_finance(chart *c, const sc_finance_result *r, sc_error *err)
{
    if (r->noptions > SC_CHART_MAX_ROWS)
        return sc_error_field(err, SC_ELIMIT, SC_R_LIMIT, "chart",
                              "%zu plans are too many for one chart (at most %d)", r->noptions,
                              SC_CHART_MAX_ROWS);
    if (r->noptions == 0) {
        chart_heading(c, "Nothing to finance", NULL);
        chart_footer(c, 60, NULL, 0);
        chart_set_title(c, "Nothing to finance", "Nothing to finance.");
    } else if (r->compare) {
        compare_chart(c, r);
    } else if (r->options[0].schedule.nrows == 0) {
        paid_in_full(c, r, &r->options[0]);
    } else {
        schedule_chart(c, r, &r->options[0]);
    }
    return SC_OK;
}
