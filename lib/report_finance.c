/* `stemcost finance` output: one way to pay (summary and schedule) or every
 * plan side by side. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "stemcost/report.h"

/* The APR as disclosed: two decimals (Regulation Z 1026.22(a)(2) tolerance is
 * 1/8 point; two decimals is the customary disclosure). */
/* An exact rate (millionths of a percent) with at least two decimals and no
 * trailing zeros beyond them: "15.90", "9.690125". */
static const char *rate_text(int64_t apr, char *buf, size_t n)
{
    sc_decimal_format(apr, SC_APR_DECIMALS, 0, buf, n);
    size_t len = strlen(buf);
    char *dot = strchr(buf, '.');
    while (dot && len > (size_t)(dot - buf) + 3 && buf[len - 1] == '0')
        buf[--len] = '\0';
    return buf;
}

static const char *plain(int64_t v, const sc_currency *c, char *buf, size_t n)
{
    return sc_money_format_plain(v, c, buf, n);
}

static const char *shown(int64_t v, const sc_currency *c, char *buf, size_t n)
{
    return sc_money_format_display(v, c, buf, n);
}

static const char *plan_label(const sc_plan_result *o)
{
    return o->plan ? o->plan->name : "Loan";
}

/* Paid before the financing starts: the buyer's down payment and the plan's
 * deposit (cash: the whole amount). */
static int64_t down_payment(const sc_plan_result *o)
{
    return o->down + o->deposit;
}

/* ---- CSV ------------------------------------------------------------------------- */

static void schedule_csv(FILE *fp, const sc_finance_result *r, const sc_plan_result *o)
{
    static const char *const head[] = {"period", "date", "payment", "interest", "principal",
                                       "balance", "deferred_interest_accrued",
                                       "deferred_interest_on_minimum"};
    const sc_currency *c = r->currency;
    const sc_schedule *s = &o->schedule;
    int d = o->has_deferred && o->deferred_rows != NULL;
    size_t ncols = d ? 8 : 6;
    sc_csv_row(fp, head, ncols);
    for (int k = 0; k < s->nrows; k++) {
        const sc_payment_row *row = &s->rows[k];
        char per[24], date[11], a[48], b[48], e[48], f[48], g[48], h[48];
        snprintf(per, sizeof per, "%d", row->period);
        const char *cells[8] = {per, sc_date_format(row->date, date),
                                plain(row->payment, c, a, sizeof a),
                                plain(row->interest, c, b, sizeof b),
                                plain(row->principal, c, e, sizeof e),
                                plain(row->balance, c, f, sizeof f), NULL, NULL};
        if (d) {
            cells[6] = plain(o->deferred_rows[k].accrued, c, g, sizeof g);
            cells[7] = plain(o->deferred_rows[k].accrued_on_minimum, c, h, sizeof h);
        }
        sc_csv_row(fp, cells, ncols);
    }
}

static void compare_csv(FILE *fp, const sc_finance_result *r)
{
    static const char *const head[] = {
        "plan", "kind", "available", "paid_up_front", "payment", "payments", "total_paid",
        "finance_charge", "apr", "deferred_interest_risk", "currency", "name", "last_payment",
        "min_amount", "minimum_payment", "balance_at_expiry_on_minimum"};
    const sc_currency *c = r->currency;
    sc_csv_row(fp, head, 16);
    for (size_t i = 0; i < r->noptions; i++) {
        const sc_plan_result *o = &r->options[i];
        const sc_schedule *s = &o->schedule;
        char cnt[24], a[48], b[48], d[48], e[48], f[48], g[48], h[48], k[48], m[48], n[48];
        snprintf(cnt, sizeof cnt, "%d", s->nrows);
        const char *row[] = {
            o->plan->id, sc_plan_kind_name(o->plan->kind), o->available ? "yes" : "no",
            plain(o->upfront, c, a, sizeof a), plain(sc_schedule_regular_payment(s), c, b, sizeof b), cnt,
            plain(o->total_paid, c, d, sizeof d), plain(s->finance_charge, c, e, sizeof e),
            sc_apr_format(s->apr_pct, f, sizeof f),
            plain(o->has_deferred ? o->deferred.back_interest : 0, c, g, sizeof g), c->code,
            o->plan->name, plain(sc_schedule_last_payment(s), c, h, sizeof h),
            plain(o->min_amount, c, k, sizeof k),
            o->has_deferred ? plain(o->deferred.min_payment, c, m, sizeof m) : "",
            o->has_deferred ? plain(o->deferred.balance_at_expiry, c, n, sizeof n) : ""};
        sc_csv_row(fp, row, 16);
    }
}

/* ---- JSON ------------------------------------------------------------------------ */

static void json_money(sc_json *j, const char *key, int64_t v, const sc_currency *c)
{
    char b[48];
    sc_json_key(j, key);
    sc_json_number_text(j, plain(v, c, b, sizeof b));
}

static void json_warnings(sc_json *j, const sc_finance_result *r)
{
    char w[SC_FINANCE_WARNING_MAX];
    sc_json_key(j, "warnings");
    sc_json_begin_array(j);
    for (size_t i = 0; i < r->nwarnings; i++)
        sc_json_string(j, sc_finance_warning_text(r, i, w, sizeof w));
    sc_json_end_array(j);
}

static void json_deferred(sc_json *j, const sc_deferred *d, const sc_currency *c)
{
    char b[48];
    sc_json_key(j, "deferred");
    sc_json_begin_object(j);
    sc_json_key(j, "promo_months");
    sc_json_int(j, d->promo_months);
    sc_json_key(j, "expiry");
    sc_json_string(j, sc_date_format(d->expiry, b));
    sc_json_key(j, "standard_apr");
    sc_json_number_text(j, rate_text(d->standard_apr, b, sizeof b));
    sc_json_key(j, "payments_in_time");
    sc_json_int(j, d->payments_in_time);
    json_money(j, "payment_to_avoid_interest", d->payoff_payment, c);
    json_money(j, "minimum_payment", d->min_payment, c);
    json_money(j, "balance_at_expiry_on_minimum", d->balance_at_expiry, c);
    json_money(j, "deferred_interest_on_minimum", d->back_interest, c);
    sc_json_key(j, "convention");
    sc_json_string(j, "simple interest accrued daily at the standard APR / 365 on each day's "
                      "balance from the purchase date, charged at expiry if any balance remains");
    sc_json_end_object(j);
}

static void finance_json(FILE *fp, const sc_finance_result *r)
{
    const sc_currency *c = r->currency;
    const sc_plan_result *o = &r->options[0];
    const sc_schedule *s = &o->schedule;
    char b[48];
    sc_json j;
    sc_json_init(&j, fp);
    sc_json_begin_object(&j);
    sc_json_key(&j, "currency");
    sc_json_string(&j, c->code);
    sc_json_key(&j, "plan");
    sc_json_string(&j, o->plan ? o->plan->id : NULL);
    sc_json_key(&j, "summary");
    sc_json_begin_object(&j);
    json_money(&j, "amount", r->amount, c);
    json_money(&j, "down_payment", down_payment(o), c);
    json_money(&j, "deposit", o->deposit, c);
    json_money(&j, "paid_up_front", o->upfront, c);
    json_money(&j, "loan", s->loan, c);
    json_money(&j, "prepaid_finance_charge", s->fee, c);
    json_money(&j, "payment", sc_schedule_regular_payment(s), c);
    sc_json_key(&j, "payments");
    sc_json_int(&j, s->nrows);
    json_money(&j, "last_payment", sc_schedule_last_payment(s), c);
    json_money(&j, "amount_financed", s->amount_financed, c);
    json_money(&j, "finance_charge", s->finance_charge, c);
    json_money(&j, "total_of_payments", s->total_of_payments, c);
    json_money(&j, "total_cost", o->total_paid, c);
    sc_json_key(&j, "apr");
    sc_json_number_text(&j, sc_apr_format(s->apr_pct, b, sizeof b));
    sc_json_key(&j, "note_rate");
    sc_json_number_text(&j, rate_text(s->note_apr, b, sizeof b));
    if (s->nrows > 0) {
        sc_json_key(&j, "start");
        sc_json_string(&j, sc_date_format(s->start, b));
        sc_json_key(&j, "first_payment");
        sc_json_string(&j, sc_date_format(s->rows[0].date, b));
        sc_json_key(&j, "payment_day");
        sc_json_int(&j, s->due.day);
        sc_json_key(&j, "first_period_months");
        sc_json_int(&j, s->first.months);
        sc_json_key(&j, "odd_days");
        sc_json_int(&j, s->first.odd_days);
    }
    if (o->baseline.nrows > 0) {
        json_money(&j, "extra_principal", s->extra, c);
        sc_json_key(&j, "payments_without_extra");
        sc_json_int(&j, o->baseline.nrows);
        json_money(&j, "interest_without_extra", o->baseline.total_interest, c);
        json_money(&j, "interest_saved", o->baseline.total_interest - s->total_interest, c);
    }
    sc_json_end_object(&j);
    sc_json_key(&j, "schedule");
    sc_json_begin_array(&j);
    for (int k = 0; k < s->nrows; k++) {
        const sc_payment_row *row = &s->rows[k];
        sc_json_begin_object(&j);
        sc_json_key(&j, "period");
        sc_json_int(&j, row->period);
        sc_json_key(&j, "date");
        sc_json_string(&j, sc_date_format(row->date, b));
        json_money(&j, "payment", row->payment, c);
        json_money(&j, "interest", row->interest, c);
        json_money(&j, "principal", row->principal, c);
        json_money(&j, "balance", row->balance, c);
        sc_json_end_object(&j);
    }
    sc_json_end_array(&j);
    if (o->has_deferred)
        json_deferred(&j, &o->deferred, c);
    json_warnings(&j, r);
    sc_json_end_object(&j);
    sc_json_finish(&j);
}

/* The plans span different horizons: their totals are not comparable as such. */
static void horizon(const sc_finance_result *r, int *lo, int *hi)
{
    *lo = *hi = 0;
    for (size_t i = 0; i < r->noptions; i++) {
        int n = r->options[i].schedule.nrows;
        if (i == 0 || n < *lo)
            *lo = n;
        if (n > *hi)
            *hi = n;
    }
}

static void compare_json(FILE *fp, const sc_finance_result *r)
{
    const sc_currency *c = r->currency;
    char a[48], note[256];
    int lo, hi;
    sc_json j;
    sc_json_init(&j, fp);
    sc_json_begin_object(&j);
    sc_json_key(&j, "currency");
    sc_json_string(&j, c->code);
    json_money(&j, "amount", r->amount, c);
    json_money(&j, "down_payment", r->down, c);
    json_money(&j, "financed", r->amount - r->down, c);
    sc_json_key(&j, "plans");
    sc_json_begin_array(&j);
    for (size_t i = 0; i < r->noptions; i++) {
        const sc_plan_result *o = &r->options[i];
        const sc_schedule *s = &o->schedule;
        sc_json_begin_object(&j);
        sc_json_key(&j, "plan");
        sc_json_string(&j, o->plan->id);
        sc_json_key(&j, "name");
        sc_json_string(&j, o->plan->name);
        sc_json_key(&j, "kind");
        sc_json_string(&j, sc_plan_kind_name(o->plan->kind));
        sc_json_key(&j, "available");
        sc_json_bool(&j, o->available);
        json_money(&j, "min_amount", o->min_amount, c);
        json_money(&j, "paid_up_front", o->upfront, c);
        json_money(&j, "payment", sc_schedule_regular_payment(s), c);
        sc_json_key(&j, "payments");
        sc_json_int(&j, s->nrows);
        json_money(&j, "last_payment", sc_schedule_last_payment(s), c);
        json_money(&j, "total_paid", o->total_paid, c);
        json_money(&j, "finance_charge", s->finance_charge, c);
        sc_json_key(&j, "apr");
        sc_json_number_text(&j, sc_apr_format(s->apr_pct, a, sizeof a));
        json_money(&j, "deferred_interest_risk", o->has_deferred ? o->deferred.back_interest : 0,
                   c);
        if (o->has_deferred) {
            sc_json_key(&j, "standard_apr");
            sc_json_number_text(&j, rate_text(o->deferred.standard_apr, a, sizeof a));
            sc_json_key(&j, "expiry");
            sc_json_string(&j, sc_date_format(o->deferred.expiry, a));
            json_money(&j, "minimum_payment", o->deferred.min_payment, c);
            json_money(&j, "balance_at_expiry_on_minimum", o->deferred.balance_at_expiry, c);
        }
        sc_json_end_object(&j);
    }
    sc_json_end_array(&j);
    horizon(r, &lo, &hi);
    sc_json_key(&j, "notes");
    sc_json_begin_array(&j);
    sc_json_string(&j, "paid_up_front + payment x payments, with the last payment's "
                       "difference, is total_paid");
    snprintf(note, sizeof note, "the plans run over different horizons (%d to %d monthly "
                                "payments): compare finance_charge (the cost of credit) and apr, "
                                "not total_paid", lo, hi);
    sc_json_string(&j, note);
    sc_json_string(&j, "deferred_interest_risk: the interest charged back to the purchase date "
                       "if only minimum_payment is paid");
    sc_json_end_array(&j);
    sc_json_end_object(&j);
    sc_json_finish(&j);
}

/* ---- tables ---------------------------------------------------------------------- */

static void print_warnings(FILE *fp, const sc_finance_result *r)
{
    char w[SC_FINANCE_WARNING_MAX];
    for (size_t i = 0; i < r->nwarnings; i++)
        fprintf(fp, "Warning: %s\n", sc_finance_warning_text(r, i, w, sizeof w));
}

static void deferred_table(FILE *fp, const sc_deferred *d, const sc_currency *c)
{
    char a[64], b[64], e[64], date[11], rate[32];
    fprintf(fp, "\nDeferred interest: no interest if paid in full by %s. %d payment date%s "
                "fall%s on or before it: pay %s a month.\n",
            sc_date_format(d->expiry, a), d->payments_in_time,
            d->payments_in_time == 1 ? "" : "s", d->payments_in_time == 1 ? "s" : "",
            shown(d->payoff_payment, c, b, sizeof b));
    if (d->back_interest > 0)
        fprintf(fp, "If promo missed: paying only the minimum of %s a month leaves %s owed on "
                    "%s, and %s of interest from the purchase date is charged (%s %% APR, "
                    "simple daily accrual).\n",
                shown(d->min_payment, c, a, sizeof a),
                shown(d->balance_at_expiry, c, b, sizeof b), sc_date_format(d->expiry, date),
                shown(d->back_interest, c, e, sizeof e),
                rate_text(d->standard_apr, rate, sizeof rate));
    else
        fprintf(fp, "The minimum payment of %s a month also clears it in time.\n",
                shown(d->min_payment, c, a, sizeof a));
}

static void schedule_grid(FILE *fp, const sc_schedule *s, const sc_currency *c)
{
    sc_grid g;
    if (!sc_grid_init(&g, 6))
        return;
    const char *head[] = {"#", "Date", "Payment", "Interest", "Principal", "Balance"};
    sc_grid_add(&g, head);
    for (size_t col = 0; col < 6; col++)
        if (col != 1)
            sc_grid_align_right(&g, col);
    for (int k = 0; k < s->nrows; k++) {
        const sc_payment_row *r = &s->rows[k];
        char per[24], date[11], p1[48], p2[48], p3[48], p4[48];
        snprintf(per, sizeof per, "%d", r->period);
        const char *cells[] = {per, sc_date_format(r->date, date),
                               shown(r->payment, c, p1, sizeof p1),
                               shown(r->interest, c, p2, sizeof p2),
                               shown(r->principal, c, p3, sizeof p3),
                               shown(r->balance, c, p4, sizeof p4)};
        sc_grid_add(&g, cells);
    }
    sc_grid_print(&g, fp, "");
    sc_grid_free(&g);
}

static void finance_table(FILE *fp, const sc_finance_result *r)
{
    const sc_currency *c = r->currency;
    const sc_plan_result *o = &r->options[0];
    const sc_schedule *s = &o->schedule;
    char a[64], b[64], d[64];
    if (o->plan)
        fprintf(fp, "%s (%s)\n", o->plan->name, o->plan->id);
    fprintf(fp, "Price %s", shown(r->amount, c, a, sizeof a));
    if (down_payment(o) > 0 && s->nrows > 0)
        fprintf(fp, ", paid before financing %s", shown(down_payment(o), c, a, sizeof a));
    /* Both a down payment and a plan's deposit: the deposit is taken on what
     * the down payment leaves, so say which is which. */
    if (o->down > 0 && o->deposit > 0 && s->nrows > 0)
        fprintf(fp, " (down payment %s, then the plan's deposit %s on the rest)",
                shown(o->down, c, b, sizeof b), shown(o->deposit, c, d, sizeof d));
    fputc('\n', fp);
    if (s->nrows == 0) {
        fprintf(fp, "Paid in full: no financing, no finance charge.\n");
        fprintf(fp, "Total cost %s, all paid up front\n", shown(o->total_paid, c, a, sizeof a));
        print_warnings(fp, r);
        return;
    }
    fprintf(fp, "Loan %s", shown(s->loan, c, a, sizeof a));
    if (s->fee > 0)
        fprintf(fp, ", prepaid finance charge (fee) %s paid at signing, amount financed %s",
                shown(s->fee, c, b, sizeof b), shown(s->amount_financed, c, d, sizeof d));
    fprintf(fp, "\n%d monthly payment%s of %s from %s", s->nrows, s->nrows == 1 ? "" : "s",
            shown(sc_schedule_regular_payment(s), c, a, sizeof a), sc_date_format(s->rows[0].date, b));
    if (sc_schedule_last_payment(s) != sc_schedule_regular_payment(s))
        fprintf(fp, " (last %s)", shown(sc_schedule_last_payment(s), c, d, sizeof d));
    if (s->due.day == 31)
        fprintf(fp, ", on the last day of each month");
    fprintf(fp, "\nTotal of payments %s; finance charge %s\n",
            shown(s->total_of_payments, c, a, sizeof a), shown(s->finance_charge, c, b, sizeof b));
    if (o->has_deferred)
        fprintf(fp, "ANNUAL PERCENTAGE RATE %s %% if paid in full by %s; after that the standard "
                    "APR of %s %% applies, charged back to the purchase date\n",
                sc_apr_format(s->apr_pct, a, sizeof a), sc_date_format(o->deferred.expiry, d),
                rate_text(o->deferred.standard_apr, b, sizeof b));
    else
        fprintf(fp, "ANNUAL PERCENTAGE RATE %s %% (note rate %s %%)\n",
                sc_apr_format(s->apr_pct, a, sizeof a), rate_text(s->note_apr, b, sizeof b));
    fprintf(fp, "Total cost %s: %s up front + %s in payments\n",
            shown(o->total_paid, c, a, sizeof a), shown(o->upfront, c, b, sizeof b),
            shown(s->total_of_payments, c, d, sizeof d));
    if (!o->has_deferred && (s->first.months != 1 || s->first.odd_days != 0))
        fprintf(fp, "Irregular first period: %d month%s and %ld odd day%s before the first "
                    "payment\n", s->first.months, s->first.months == 1 ? "" : "s",
                s->first.odd_days, s->first.odd_days == 1 ? "" : "s");
    if (o->baseline.nrows > 0)
        fprintf(fp, "Extra principal %s a month: %d payments instead of %d, interest %s instead "
                    "of %s\n",
                shown(s->extra, c, a, sizeof a), s->nrows, o->baseline.nrows,
                shown(s->total_interest, c, b, sizeof b),
                shown(o->baseline.total_interest, c, d, sizeof d));
    if (o->has_deferred)
        deferred_table(fp, &o->deferred, c);
    print_warnings(fp, r);
    fputc('\n', fp);
    schedule_grid(fp, s, c);
}

static void compare_table(FILE *fp, const sc_finance_result *r)
{
    const sc_currency *c = r->currency;
    char a[48], b[48], d[48], e[48], f[48], g2[48], h[48];
    int lo, hi;
    fprintf(fp, "Financing %s", shown(r->amount - r->down, c, a, sizeof a));
    if (r->down > 0)
        fprintf(fp, " (price %s less %s paid down)", shown(r->amount, c, a, sizeof a),
                shown(r->down, c, b, sizeof b));
    fprintf(fp, ": every plan in the tables\n\n");
    sc_grid g;
    if (!sc_grid_init(&g, 9))
        return;
    const char *head[] = {"Plan", "Up front", "Monthly", "Payments", "Total paid",
                          "Finance charge", "APR %", "If promo missed", "Note"};
    sc_grid_add(&g, head);
    for (size_t col = 1; col <= 7; col++)
        sc_grid_align_right(&g, col);
    for (size_t i = 0; i < r->noptions; i++) {
        const sc_plan_result *o = &r->options[i];
        const sc_schedule *s = &o->schedule;
        char cnt[24], note[96] = "";
        snprintf(cnt, sizeof cnt, "%d", s->nrows);
        if (!o->available)
            snprintf(note, sizeof note, "needs at least %s", shown(o->min_amount, c, h, sizeof h));
        else if (sc_schedule_last_payment(s) != sc_schedule_regular_payment(s))
            snprintf(note, sizeof note, "last payment %s", shown(sc_schedule_last_payment(s), c, h, sizeof h));
        const char *row[] = {plan_label(o), shown(o->upfront, c, a, sizeof a),
                             s->nrows ? shown(sc_schedule_regular_payment(s), c, b, sizeof b) : "",
                             s->nrows ? cnt : "", shown(o->total_paid, c, d, sizeof d),
                             shown(s->finance_charge, c, e, sizeof e),
                             sc_apr_format(s->apr_pct, f, sizeof f),
                             o->has_deferred ? shown(o->deferred.back_interest, c, g2, sizeof g2)
                                             : "",
                             note};
        sc_grid_add(&g, row);
    }
    sc_grid_print(&g, fp, "");
    sc_grid_free(&g);
    horizon(r, &lo, &hi);
    fprintf(fp, "\nUp front + monthly x payments (the last payment absorbs rounding) = total "
                "paid.\nThe plans run over different horizons (%d to %d monthly payments), so "
                "their totals add up payments made at\ndifferent times: compare the finance "
                "charge (the cost of credit) and the APR.\n", lo, hi);
    for (size_t i = 0; i < r->noptions; i++) {
        const sc_plan_result *o = &r->options[i];
        if (!o->has_deferred)
            continue;
        const sc_deferred *df = &o->deferred;
        fprintf(fp, "If promo missed: %s, not paid in full by %s: paying only the minimum "
                    "of %s a month leaves %s owed then, and %s of interest back to the "
                    "purchase date is charged (standard APR %s %%).\n",
                o->plan->name, sc_date_format(df->expiry, h),
                shown(df->min_payment, c, a, sizeof a),
                shown(df->balance_at_expiry, c, b, sizeof b),
                shown(df->back_interest, c, d, sizeof d),
                rate_text(df->standard_apr, e, sizeof e));
    }
    print_warnings(fp, r);
}

void sc_report_finance(FILE *fp, const sc_finance_result *r, sc_format fmt)
{
    if (r->noptions == 0)
        return;
    switch (fmt) {
    case SC_FORMAT_CSV:
        if (r->compare)
            compare_csv(fp, r);
        else
            schedule_csv(fp, r, &r->options[0]);
        break;
    case SC_FORMAT_JSON:
        if (r->compare)
            compare_json(fp, r);
        else
            finance_json(fp, r);
        break;
    default:
        if (r->compare)
            compare_table(fp, r);
        else
            finance_table(fp, r);
        break;
    }
}
