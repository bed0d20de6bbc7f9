/* `/finance` of `stemcost serve`: the figures of `stemcost finance` as a page,
 * every plan side by side (or one plan and its schedule), with the trap of a
 * deferred-interest promotion spelled out. */
#include <config.h>

#include <math.h>
#include <string.h>

#include "html_internal.h"
#include "stemcost/chart.h"
#include "pricing_internal.h"

static sc_status draw_finance(sc_chart_text *out, const void *a, const void *b, sc_error *err)
{
    (void)b;
    return sc_chart_finance_text(a, NULL, out, err);
}

/* The chart of `stemcost finance --chart` (one plan's balance and interest,
 * or every plan's total paid), inline. */
static void finance_chart(FILE *fp, const sc_finance_result *r)
{
    sc_html_chart(fp, draw_finance, r, NULL);
}

static void money_cell(FILE *fp, const char *label, int64_t v, const sc_currency *c)
{
    fprintf(fp, "<td class=\"num\" data-label=\"%s\">", label);
    sc_html_money(fp, v, c);
    fputs("</td>", fp);
}

/* The trap in words: what "no interest" really means, and what it costs to
 * pay only the minimum. */
static void deferred_trap(FILE *fp, const sc_plan_result *o, const sc_currency *c)
{
    const sc_deferred *d = &o->deferred;
    char date[11], rate[48];
    sc_decimal_format(d->standard_apr, SC_APR_DECIMALS, 1, rate, sizeof rate);
    fputs("<section class=\"warning trap\">\n<h3>", fp);
    sc_html_escape(fp, o->plan ? o->plan->name : "Deferred-interest promotion");
    fputs(": the deferred-interest trap</h3>\n<p>\"No interest\" holds only if you pay "
          "<strong>the whole balance</strong> by <strong>",
          fp);
    sc_html_escape(fp, sc_date_format(d->expiry, date));
    fprintf(fp, "</strong>. %d payment date%s fall%s before then: pay <strong>", d->payments_in_time,
            d->payments_in_time == 1 ? "" : "s", d->payments_in_time == 1 ? "s" : "");
    sc_html_money(fp, d->payoff_payment, c);
    fputs(" a month</strong>, not the minimum.</p>\n<p>", fp);
    if (d->back_interest > 0) {
        fputs("If you pay only the minimum of ", fp);
        sc_html_money(fp, d->min_payment, c);
        fputs(" a month, you still owe ", fp);
        sc_html_money(fp, d->balance_at_expiry, c);
        fputs(" on that day, and <strong>", fp);
        sc_html_money(fp, d->back_interest, c);
        fputs(" of interest</strong> is charged at once, counted back to the day of purchase "
              "at ",
              fp);
        sc_html_escape(fp, rate);
        fputs(" % a year. Missing the date by one day costs the same.</p>\n", fp);
    } else {
        fputs("The minimum payment of ", fp);
        sc_html_money(fp, d->min_payment, c);
        fputs(" a month also clears it in time.</p>\n", fp);
    }
    fputs("</section>\n", fp);
}

static void warnings(FILE *fp, const sc_finance_result *r)
{
    char w[SC_FINANCE_WARNING_MAX];
    for (size_t i = 0; i < r->nwarnings; i++) {
        fputs("<p class=\"warning\">", fp);
        sc_html_escape(fp, sc_finance_warning_text(r, i, w, sizeof w));
        fputs("</p>\n", fp);
    }
}

static void plans_table(FILE *fp, const sc_finance_result *r)
{
    const sc_currency *c = r->currency;
    char a[48];
    fputs("<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"plans\" tabindex=\"0\">\n"
          "<table class=\"cards plans\">\n<thead><tr><th scope=\"col\">Plan</th>"
          "<th scope=\"col\" class=\"num\">Up front</th><th scope=\"col\" class=\"num\">"
          "Monthly</th><th scope=\"col\" class=\"num\">Payments</th><th scope=\"col\" "
          "class=\"num\">Total paid</th><th scope=\"col\" class=\"num\">Cost of credit</th>"
          "<th scope=\"col\" class=\"num\">APR</th><th scope=\"col\" class=\"num\">If the "
          "promotion is missed</th><th scope=\"col\">Note</th></tr></thead>\n<tbody>\n",
          fp);
    for (size_t i = 0; i < r->noptions; i++) {
        const sc_plan_result *o = &r->options[i];
        const sc_schedule *s = &o->schedule;
        fputs("<tr><th scope=\"row\" data-label=\"Plan\">", fp);
        sc_html_escape(fp, o->plan ? o->plan->name : "Loan");
        fputs("</th>", fp);
        money_cell(fp, "Up front", o->upfront, c);
        if (s->nrows > 0) {
            money_cell(fp, "Monthly", sc_schedule_regular_payment(s), c);
            fprintf(fp, "<td class=\"num\" data-label=\"Payments\">%d</td>", s->nrows);
        } else {
            fputs("<td></td><td></td>", fp);
        }
        money_cell(fp, "Total paid", o->total_paid, c);
        money_cell(fp, "Cost of credit", s->finance_charge, c);
        fprintf(fp, "<td class=\"num\" data-label=\"APR\">%s %%</td>",
                sc_apr_format(s->apr_pct, a, sizeof a));
        if (o->has_deferred)
            money_cell(fp, "If the promotion is missed", o->deferred.back_interest, c);
        else
            fputs("<td></td>", fp);
        fputs("<td data-label=\"Note\">", fp);
        if (!o->available) {
            fputs("needs at least ", fp);
            sc_html_money(fp, o->min_amount, c);
        } else if (sc_schedule_last_payment(s) != sc_schedule_regular_payment(s)) {
            fputs("last payment ", fp);
            sc_html_money(fp, sc_schedule_last_payment(s), c);
        }
        fputs("</td></tr>\n", fp);
    }
    fputs("</tbody>\n</table>\n</div>\n"
          "<p>Up front + monthly x payments (the last payment absorbs rounding) = total paid. "
          "The plans run over different lengths of time: compare the cost of credit and the "
          "APR rather than the totals.</p>\n",
          fp);
}

static void one_plan(FILE *fp, const sc_finance_result *r)
{
    const sc_currency *c = r->currency;
    const sc_plan_result *o = &r->options[0];
    const sc_schedule *s = &o->schedule;
    char a[48], date[11];
    fputs("<dl class=\"facts summary\">\n<dt>Price</dt><dd>", fp);
    sc_html_money(fp, r->amount, c);
    fputs("</dd>\n<dt>Paid up front</dt><dd>", fp);
    sc_html_money(fp, o->upfront, c);
    fputs("</dd>\n", fp);
    if (s->nrows > 0) {
        /* The disclosures of finance's text and JSON (Regulation Z): what
         * is lent net of a prepaid fee, and what the payments add up to. */
        fputs("<dt>Amount financed</dt><dd>", fp);
        sc_html_money(fp, s->amount_financed, c);
        fprintf(fp, "</dd>\n<dt>Monthly payments</dt><dd>%d x ", s->nrows);
        sc_html_money(fp, sc_schedule_regular_payment(s), c);
        if (sc_schedule_last_payment(s) != sc_schedule_regular_payment(s)) {
            fputs(" (last ", fp);
            sc_html_money(fp, sc_schedule_last_payment(s), c);
            fputs(")", fp);
        }
        fputs(" from ", fp);
        sc_html_escape(fp, sc_date_format(s->rows[0].date, date));
        fputs("</dd>\n<dt>Total of payments</dt><dd>", fp);
        sc_html_money(fp, s->total_of_payments, c);
        fputs("</dd>\n<dt>Cost of credit (finance charge)</dt><dd>", fp);
        sc_html_money(fp, s->finance_charge, c);
        fprintf(fp, "</dd>\n<dt>Annual percentage rate</dt><dd>%s %%</dd>\n",
                sc_apr_format(s->apr_pct, a, sizeof a));
    }
    fputs("<dt>Total paid</dt><dd>", fp);
    sc_html_money(fp, o->total_paid, c);
    fputs("</dd>\n</dl>\n", fp);
    if (o->has_deferred)
        deferred_trap(fp, o, c);
    if (s->nrows == 0)
        return;
    fputs("<details class=\"schedule\"><summary>Every payment</summary>\n"
          "<div class=\"table-wrap\"><table class=\"cards\">\n<thead><tr>"
          "<th scope=\"col\" class=\"num\">#</th><th scope=\"col\">Date</th>"
          "<th scope=\"col\" class=\"num\">Payment</th><th scope=\"col\" class=\"num\">Interest"
          "</th><th scope=\"col\" class=\"num\">Principal</th><th scope=\"col\" class=\"num\">"
          "Balance</th></tr></thead>\n<tbody>\n",
          fp);
    for (int k = 0; k < s->nrows; k++) {
        const sc_payment_row *row = &s->rows[k];
        fprintf(fp, "<tr><td class=\"num\" data-label=\"#\">%d</td><td data-label=\"Date\">%s"
                    "</td>",
                row->period, sc_date_format(row->date, date));
        money_cell(fp, "Payment", row->payment, c);
        money_cell(fp, "Interest", row->interest, c);
        money_cell(fp, "Principal", row->principal, c);
        money_cell(fp, "Balance", row->balance, c);
        fputs("</tr>\n", fp);
    }
    fputs("</tbody>\n</table></div>\n</details>\n", fp);
}

/* The small form that changes the amount or the plan. */
static void finance_form(FILE *fp, const sc_pricing *p, const sc_html_query *q,
                         const sc_error *err)
{
    const sc_finance_request *f = q->finance;
    fputs("<form method=\"get\" action=\"/finance\" class=\"no-print\" novalidate>\n"
          "<fieldset><legend>Amount and plan</legend>\n<div class=\"grid\">\n",
          fp);
    sc_html_text_field(fp, "amount", "Amount to pay", "For example the typical cost of an "
                       "option.", f ? f->amount : NULL, "decimal", err);
    sc_html_text_field(fp, "down", "Paid down yourself (optional)", "An amount, or a "
                       "percentage such as 10%.", f ? f->down : NULL, "decimal", err);
    sc_html_text_field(fp, "start", "Date of purchase (optional)", "YYYY-MM-DD; blank: today.",
                       f ? f->start : NULL, NULL, err);
    int bad = err != NULL && strcmp(err->field, "plan") == 0;
    fprintf(fp, "<div class=\"field%s\">\n<label for=\"f-plan\">Plan</label>\n",
            bad ? " invalid" : "");
    sc_html_field_error(fp, "plan", err);
    fputs("<select", fp);
    sc_html_field_attrs(fp, "plan", NULL, err);
    fputs(">\n", fp);
    sc_html_option(fp, "", "Every plan side by side", f ? f->plan : NULL);
    for (size_t i = 0; i < p->nplans; i++)
        sc_html_option(fp, p->plans[i].id, p->plans[i].name, f ? f->plan : NULL);
    fputs("</select>\n</div>\n</div>\n", fp);
    if (f != NULL && f->currency != NULL) {
        fputs("<input type=\"hidden\" name=\"currency\" value=\"", fp);
        sc_html_escape(fp, f->currency);
        fputs("\">\n", fp);
    }
    fputs("<p><button type=\"submit\">Show the payments</button></p>\n</fieldset>\n</form>\n",
          fp);
}

void sc_html_finance_form_page(FILE *fp, const sc_pricing *p, const sc_html_query *q,
                               const sc_error *err)
{
    sc_html_begin(fp, "Ways to pay: please check your answers");
    fputs("<h1>Ways to pay for treatment</h1>\n", fp);
    const char *label = NULL;
    if (err != NULL) {
        const char *known[] = {"amount", "Amount to pay", "down", "Paid down yourself",
                               "start", "Date of purchase", "plan", "Plan"};
        for (size_t i = 0; i < sizeof known / sizeof *known; i += 2)
            if (strcmp(err->field, known[i]) == 0)
                label = known[i + 1];
    }
    sc_html_error_summary(fp, err, label);
    finance_form(fp, p, q, err);
    sc_html_end(fp);
}

void sc_html_finance_page(FILE *fp, const sc_pricing *p, const sc_finance_result *r,
                          const sc_html_query *q)
{
    const sc_currency *c = r->currency;
    const sc_plan_result *o = r->noptions > 0 ? &r->options[0] : NULL;
    sc_html_begin(fp, "Ways to pay");
    fputs("<h1>", fp);
    if (r->compare || o == NULL) {
        fputs("Paying ", fp);
        sc_html_money(fp, r->amount - r->down, c);
        fputs(": every plan side by side</h1>\n", fp);
        if (r->down > 0) {
            fputs("<p>The price ", fp);
            sc_html_money(fp, r->amount, c);
            fputs(" less ", fp);
            sc_html_money(fp, r->down, c);
            fputs(" you pay down yourself.</p>\n", fp);
        }
    } else {
        fputs("Paying ", fp);
        sc_html_money(fp, r->amount, c);
        fputs(" with ", fp);
        sc_html_escape(fp, o->plan ? o->plan->name : "a loan");
        fputs("</h1>\n", fp);
    }
    warnings(fp, r);
    finance_form(fp, p, q, NULL);
    fputs("<figure class=\"chart\" id=\"chart-finance\">", fp);
    finance_chart(fp, r);
    fputs("</figure>\n", fp);
    if (r->compare) {
        fputs("<h2 id=\"plans\">The plans</h2>\n", fp);
        plans_table(fp, r);
        for (size_t i = 0; i < r->noptions; i++)
            if (r->options[i].has_deferred)
                deferred_trap(fp, &r->options[i], c);
    } else if (o != NULL) {
        one_plan(fp, r);
    }
    fputs("<p class=\"links\">", fp);
    int first = 1;
    fputs("<a href=\"/api/finance?", fp);
    const sc_finance_request *f = q->finance;
    if (f != NULL) {
        const struct {
            const char *name, *value;
        } fields[] = {{"amount", f->amount},
                      {"currency", f->currency},
                      {"plan", f->plan},
                      {"compare", f->compare ? "1" : NULL},
                      {"apr", f->apr},
                      {"months", f->months},
                      {"payment", f->payment},
                      {"promo_months", f->promo_months},
                      {"deferred", f->deferred ? "1" : NULL},
                      {"down", f->down},
                      {"fee", f->fee},
                      {"extra", f->extra},
                      {"start", f->start},
                      {"first_payment", f->first_payment},
                      {"min_payment", f->min_payment}};
        for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
            sc_html_param(fp, &first, fields[i].name, fields[i].value);
    }
    fputs("\">The same as data (JSON)</a><a href=\"/\">Start again</a></p>\n", fp);
    sc_html_end(fp);
}
