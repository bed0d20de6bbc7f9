/* `stemcost finance` output: summaries, schedules and plan comparisons. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "stemcost/report.h"

/* The APR as disclosed: two decimals (Regulation Z 1026.22(a)(2) tolerance is
 * 1/8 point; two decimals is the customary disclosure). */
static const char *apr_text(double apr, char *buf, size_t n)
{
    snprintf(buf, n, "%.2f", round(apr * 100.0) / 100.0 + 0.0);
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

static void schedule_csv(FILE *fp, const sc_schedule *s, const sc_currency *c)
{
    static const char *const head[] = {"period", "date", "payment", "interest", "principal",
                                       "balance"};
    sc_csv_row(fp, head, 6);
    for (int k = 0; s && k < s->nrows; k++) {
        const sc_payment_row *r = &s->rows[k];
        char per[24], date[11], a[48], b[48], d[48], e[48];
        snprintf(per, sizeof per, "%d", r->period);
        const char *f[] = {per, sc_date_format(r->date, date), plain(r->payment, c, a, sizeof a),
                           plain(r->interest, c, b, sizeof b), plain(r->principal, c, d, sizeof d),
                           plain(r->balance, c, e, sizeof e)};
        sc_csv_row(fp, f, 6);
    }
}

static void json_money(sc_json *j, const char *key, int64_t v, const sc_currency *c)
{
    char b[48];
    sc_json_key(j, key);
    sc_json_number_text(j, plain(v, c, b, sizeof b));
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
    sc_json_number_text(j, apr_text(d->standard_apr_pct, b, sizeof b));
    json_money(j, "payment_to_avoid_interest", d->payoff_payment, c);
    json_money(j, "minimum_payment", d->min_payment, c);
    json_money(j, "balance_at_expiry_on_minimum", d->balance_at_expiry, c);
    json_money(j, "deferred_interest_on_minimum", d->back_interest, c);
    sc_json_key(j, "convention");
    sc_json_string(j, "simple interest accrued daily at the standard APR / 365 on each day's "
                      "balance from the purchase date, charged at expiry if any balance remains");
    sc_json_end_object(j);
}

static void finance_json(FILE *fp, const sc_finance_view *v)
{
    const sc_currency *c = v->currency;
    const sc_schedule *s = v->schedule;
    char b[48];
    sc_json j;
    sc_json_init(&j, fp);
    sc_json_begin_object(&j);
    sc_json_key(&j, "currency");
    sc_json_string(&j, c->code);
    sc_json_key(&j, "plan");
    sc_json_string(&j, v->plan ? v->plan->id : NULL);
    sc_json_key(&j, "summary");
    sc_json_begin_object(&j);
    json_money(&j, "amount", v->amount, c);
    json_money(&j, "down_payment", v->down, c);
    json_money(&j, "loan", s ? s->loan : 0, c);
    json_money(&j, "prepaid_finance_charge", s ? s->fee : 0, c);
    json_money(&j, "payment", s ? s->payment + s->extra : 0, c);
    sc_json_key(&j, "payments");
    sc_json_int(&j, s ? s->nrows : 0);
    json_money(&j, "amount_financed", s ? s->amount_financed : 0, c);
    json_money(&j, "finance_charge", s ? s->finance_charge : 0, c);
    json_money(&j, "total_of_payments", s ? s->total_of_payments : 0, c);
    json_money(&j, "total_cost", v->down + (s ? s->total_of_payments + s->fee : 0), c);
    sc_json_key(&j, "apr");
    sc_json_number_text(&j, apr_text(s ? s->apr_pct : 0.0, b, sizeof b));
    sc_json_key(&j, "note_rate");
    sc_json_number_text(&j, apr_text(s ? s->note_apr_pct : 0.0, b, sizeof b));
    if (s) {
        sc_json_key(&j, "first_payment");
        sc_json_string(&j, sc_date_format(s->rows[0].date, b));
        sc_json_key(&j, "odd_days");
        sc_json_int(&j, s->first.odd_days);
    }
    if (v->baseline) {
        json_money(&j, "extra_principal", s->extra, c);
        sc_json_key(&j, "payments_without_extra");
        sc_json_int(&j, v->baseline->nrows);
        json_money(&j, "interest_without_extra", v->baseline->total_interest, c);
        json_money(&j, "interest_saved", v->baseline->total_interest - s->total_interest, c);
    }
    sc_json_end_object(&j);
    sc_json_key(&j, "schedule");
    sc_json_begin_array(&j);
    for (int k = 0; s && k < s->nrows; k++) {
        const sc_payment_row *r = &s->rows[k];
        sc_json_begin_object(&j);
        sc_json_key(&j, "period");
        sc_json_int(&j, r->period);
        sc_json_key(&j, "date");
        sc_json_string(&j, sc_date_format(r->date, b));
        json_money(&j, "payment", r->payment, c);
        json_money(&j, "interest", r->interest, c);
        json_money(&j, "principal", r->principal, c);
        json_money(&j, "balance", r->balance, c);
        sc_json_end_object(&j);
    }
    sc_json_end_array(&j);
    if (v->deferred)
        json_deferred(&j, v->deferred, c);
    sc_json_end_object(&j);
    sc_json_finish(&j);
}

static void finance_table(FILE *fp, const sc_finance_view *v)
{
    const sc_currency *c = v->currency;
    const sc_schedule *s = v->schedule;
    char a[64], b[64], d[64];
    if (v->plan)
        fprintf(fp, "%s (%s)\n", v->plan->name, v->plan->id);
    fprintf(fp, "Price %s", shown(v->amount, c, a, sizeof a));
    if (v->down > 0)
        fprintf(fp, ", paid up front %s", shown(v->down, c, a, sizeof a));
    fputc('\n', fp);
    if (s == NULL) {
        fprintf(fp, "Paid in full: no financing, no finance charge.\n");
        return;
    }
    fprintf(fp, "Loan %s", shown(s->loan, c, a, sizeof a));
    if (s->fee > 0)
        fprintf(fp, ", prepaid finance charge (fee) %s, amount financed %s",
                shown(s->fee, c, b, sizeof b), shown(s->amount_financed, c, d, sizeof d));
    fprintf(fp, "\n%d monthly payments of %s from %s", s->nrows,
            shown(s->payment + s->extra, c, a, sizeof a), sc_date_format(s->rows[0].date, b));
    if (s->rows[s->nrows - 1].payment != s->payment + s->extra)
        fprintf(fp, " (last %s)", shown(s->rows[s->nrows - 1].payment, c, d, sizeof d));
    fprintf(fp, "\nTotal of payments %s; finance charge %s\n",
            shown(s->total_of_payments, c, a, sizeof a), shown(s->finance_charge, c, b, sizeof b));
    fprintf(fp, "ANNUAL PERCENTAGE RATE %s %% (note rate %s %%)\n", apr_text(s->apr_pct, a, sizeof a),
            apr_text(s->note_apr_pct, b, sizeof b));
    if (s->first.months != 1 || s->first.odd_days != 0)
        fprintf(fp, "Irregular first period: %d month%s and %ld odd day%s before the first "
                    "payment\n", s->first.months, s->first.months == 1 ? "" : "s",
                s->first.odd_days, s->first.odd_days == 1 ? "" : "s");
    if (v->baseline)
        fprintf(fp, "Extra principal %s a month: %d payments instead of %d, interest %s instead "
                    "of %s\n",
                shown(s->extra, c, a, sizeof a), s->nrows, v->baseline->nrows,
                shown(s->total_interest, c, b, sizeof b),
                shown(v->baseline->total_interest, c, d, sizeof d));
    if (v->deferred) {
        const sc_deferred *df = v->deferred;
        char rate[32];
        fprintf(fp, "\nDeferred interest: no interest if paid in full by %s: pay %s a month.\n",
                sc_date_format(df->expiry, a), shown(df->payoff_payment, c, b, sizeof b));
        if (df->back_interest > 0)
            fprintf(fp, "On the minimum payment of %s only, %s is still owed at expiry and "
                        "%s of interest from the purchase date is charged (%s %% APR, simple "
                        "daily accrual).\n",
                    shown(df->min_payment, c, a, sizeof a),
                    shown(df->balance_at_expiry, c, b, sizeof b),
                    shown(df->back_interest, c, d, sizeof d),
                    apr_text(df->standard_apr_pct, rate, sizeof rate));
    }
    fputc('\n', fp);
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
        const char *cells[] = {per, sc_date_format(r->date, date), shown(r->payment, c, p1, sizeof p1),
                               shown(r->interest, c, p2, sizeof p2),
                               shown(r->principal, c, p3, sizeof p3), shown(r->balance, c, p4, sizeof p4)};
        sc_grid_add(&g, cells);
    }
    sc_grid_print(&g, fp, "");
    sc_grid_free(&g);
}

void sc_report_finance(FILE *fp, const sc_finance_view *v, sc_format fmt)
{
    switch (fmt) {
    case SC_FORMAT_CSV: schedule_csv(fp, v->schedule, v->currency); break;
    case SC_FORMAT_JSON: finance_json(fp, v); break;
    default: finance_table(fp, v); break;
    }
}

/* One plan's figures for the comparison. */
typedef struct plan_figures {
    int64_t payment, total_paid, finance_charge, risk;
    int payments;
    double apr;
} plan_figures;

static plan_figures figures(const sc_plan_result *r)
{
    plan_figures f = {0, r->deposit, 0, 0, 0, 0.0};
    const sc_schedule *s = &r->schedule;
    if (s->nrows > 0) {
        f.payment = s->payment;
        f.payments = s->nrows;
        f.total_paid = r->deposit + s->total_of_payments + s->fee;
        f.finance_charge = s->finance_charge;
        f.apr = s->apr_pct;
    }
    if (r->has_deferred)
        f.risk = r->deferred.back_interest;
    return f;
}

void sc_report_finance_compare(FILE *fp, const sc_currency *c, int64_t amount,
                               const sc_plan_result *plans, size_t n, sc_format fmt)
{
    char a[48], b[48], d[48], e[48], f[48], g2[48], h[48];
    if (fmt == SC_FORMAT_CSV) {
        static const char *const head[] = {
            "plan", "kind", "available", "paid_up_front", "payment", "payments", "total_paid",
            "finance_charge", "apr", "deferred_interest_risk", "currency"};
        sc_csv_row(fp, head, 11);
        for (size_t i = 0; i < n; i++) {
            plan_figures x = figures(&plans[i]);
            char cnt[24];
            snprintf(cnt, sizeof cnt, "%d", x.payments);
            const char *row[] = {plans[i].plan->id, sc_plan_kind_name(plans[i].plan->kind),
                                 plans[i].available ? "yes" : "no", plain(plans[i].deposit, c, a, sizeof a),
                                 plain(x.payment, c, b, sizeof b), cnt, plain(x.total_paid, c, d, sizeof d),
                                 plain(x.finance_charge, c, e, sizeof e), apr_text(x.apr, f, sizeof f),
                                 plain(x.risk, c, g2, sizeof g2), c->code};
            sc_csv_row(fp, row, 11);
        }
        return;
    }
    if (fmt == SC_FORMAT_JSON) {
        sc_json j;
        sc_json_init(&j, fp);
        sc_json_begin_object(&j);
        sc_json_key(&j, "currency");
        sc_json_string(&j, c->code);
        json_money(&j, "amount", amount, c);
        sc_json_key(&j, "plans");
        sc_json_begin_array(&j);
        for (size_t i = 0; i < n; i++) {
            plan_figures x = figures(&plans[i]);
            sc_json_begin_object(&j);
            sc_json_key(&j, "plan");
            sc_json_string(&j, plans[i].plan->id);
            sc_json_key(&j, "name");
            sc_json_string(&j, plans[i].plan->name);
            sc_json_key(&j, "kind");
            sc_json_string(&j, sc_plan_kind_name(plans[i].plan->kind));
            sc_json_key(&j, "available");
            sc_json_bool(&j, plans[i].available);
            json_money(&j, "paid_up_front", plans[i].deposit, c);
            json_money(&j, "payment", x.payment, c);
            sc_json_key(&j, "payments");
            sc_json_int(&j, x.payments);
            json_money(&j, "total_paid", x.total_paid, c);
            json_money(&j, "finance_charge", x.finance_charge, c);
            sc_json_key(&j, "apr");
            sc_json_number_text(&j, apr_text(x.apr, a, sizeof a));
            json_money(&j, "deferred_interest_risk", x.risk, c);
            sc_json_end_object(&j);
        }
        sc_json_end_array(&j);
        sc_json_end_object(&j);
        sc_json_finish(&j);
        return;
    }
    fprintf(fp, "Financing %s: every plan in the tables\n\n", shown(amount, c, a, sizeof a));
    sc_grid g;
    if (!sc_grid_init(&g, 9))
        return;
    const char *head[] = {"Plan", "Up front", "Monthly", "Payments", "Total paid",
                          "Finance charge", "APR %", "If promo missed", "Note"};
    sc_grid_add(&g, head);
    for (size_t col = 1; col <= 7; col++)
        sc_grid_align_right(&g, col);
    for (size_t i = 0; i < n; i++) {
        plan_figures x = figures(&plans[i]);
        char cnt[24], note[96] = "";
        snprintf(cnt, sizeof cnt, "%d", x.payments);
        if (!plans[i].available)
            snprintf(note, sizeof note, "needs at least %s",
                     shown(plans[i].min_amount, c, h, sizeof h));
        const char *row[] = {plans[i].plan->id, shown(plans[i].deposit, c, a, sizeof a),
                             x.payments ? shown(x.payment, c, b, sizeof b) : "",
                             x.payments ? cnt : "", shown(x.total_paid, c, d, sizeof d),
                             shown(x.finance_charge, c, e, sizeof e), apr_text(x.apr, f, sizeof f),
                             plans[i].has_deferred ? shown(x.risk, c, g2, sizeof g2) : "", note};
        sc_grid_add(&g, row);
    }
    sc_grid_print(&g, fp, "");
    sc_grid_free(&g);
    fprintf(fp, "\n\"If promo missed\": the deferred interest charged from the purchase date "
                "when only the minimum is paid.\n");
}
