/* `/compare` of `stemcost serve`: the figures of `stemcost compare` as a page.
 * Lawful options first; trial-only, not permitted and unpriced ones apart
 * with their status and reasons; each row links to its itemised estimate. */
#include <config.h>

#include <string.h>

#include "html_internal.h"
#include "stemcost/chart.h"

static const char *const group_titles[] = {
    "", "Lawfully available here or abroad",
    "Only inside a clinical trial (not an equal option)",
    "Not lawfully offered (not an equal option)",
    "Clinic quotes that cannot be ranked with the options above",
    "Not priced in the tables"};

static const char *const group_notes[] = {
    "", "Approved, or marketed under an exemption. Ranked by what you would typically pay.",
    "These are lawful only as part of an authorised clinical trial; a clinic selling them "
    "outside one is acting unlawfully. Shown so you can see what such offers cost.",
    "These are not lawfully offered in the country, although some clinics sell them anyway. "
    "Shown so you can recognise such offers.",
    "See the reason in each row.", "The tables have no price for these; the reason is given."};

static sc_status draw_compare(sc_chart_text *out, const void *a, const void *b, sc_error *err)
{
    (void)b;
    return sc_chart_compare_text(a, NULL, out, err);
}

/* The chart of `stemcost compare --chart`, inline. */
static void compare_chart(FILE *fp, const sc_compare_result *r)
{
    sc_html_chart(fp, draw_compare, r, NULL);
}

static const char *status_of(const sc_compare_row *row)
{
    return row->availability ? sc_reg_status_name(row->availability->status) : "unknown";
}

/* The row's name as the patient reads it. */
static void put_option_name(sc_html_line *l, const sc_compare_row *row)
{
    if (row->clinic) {
        sc_html_put_escaped(l, row->clinic->clinic);
        SC_HTML_LIT(l, " (");
        sc_html_put_escaped(l, row->country->name);
        SC_HTML_LIT(l, " quote)");
        return;
    }
    sc_html_put_escaped(l, row->country->name);
    SC_HTML_LIT(l, ", ");
    sc_html_put_escaped(l, row->tier->id);
    if (row->is_home)
        SC_HTML_LIT(l, " (home)");
}

static void option_name(FILE *fp, const sc_compare_row *row)
{
    sc_html_line l;
    sc_html_line_init(&l, fp);
    put_option_name(&l, row);
    sc_html_line_flush(&l);
}

/* The estimate of a reference row: the same scenario in its country and tier. */
static void estimate_link(sc_html_line *l, const sc_compare_row *row, const sc_html_query *q)
{
    int first = 1;
    SC_HTML_LIT(l, "<a href=\"/estimate?");
    sc_html_put_scenario_params(l, &first, q->scenario, SC_HTML_SKIP_PLACE);
    sc_html_put_param(l, &first, "country", row->country->id);
    sc_html_put_param(l, &first, "tier", row->tier->id);
    sc_html_put_param(l, &first, "today", q->today);
    SC_HTML_LIT(l, "\">");
    put_option_name(l, row);
    SC_HTML_LIT(l, "</a>");
}

/* "saves $1,234.00 (25.2 %)" or "costs $500.00 more (10.2 %)", as the
 * command's table says it: never a negative saving. */
static void saving_cell(sc_html_line *l, const sc_compare_row *row, const sc_currency *c)
{
    char pc[32];
    if (!row->has_saving) {
        SC_HTML_LIT(l, "<td data-label=\"Against home\">-</td>");
        return;
    }
    if (row->saving == 0) {
        SC_HTML_LIT(l, "<td data-label=\"Against home\" class=\"saving\">the same</td>");
        return;
    }
    int64_t amount = row->saving > 0 ? row->saving : -row->saving;
    int64_t pct = row->saving_pct > 0 ? row->saving_pct : -row->saving_pct;
    sc_decimal_format(pct, 2, 0, pc, sizeof pc);
    if (row->saving > 0)
        SC_HTML_LIT(l, "<td data-label=\"Against home\" class=\"saving saves\">"
                       "<span class=\"amount\">saves ");
    else
        SC_HTML_LIT(l, "<td data-label=\"Against home\" class=\"saving dearer\">"
                       "<span class=\"amount\">costs ");
    sc_html_put_money(l, amount, c);
    if (row->saving > 0)
        SC_HTML_LIT(l, "</span> <span class=\"pct\">(");
    else
        SC_HTML_LIT(l, " more</span> <span class=\"pct\">(");
    sc_html_puts(l, pc);
    SC_HTML_LIT(l, "%)</span></td>");
}

static void money_cell(sc_html_line *l, const char *cls, const char *label, int64_t v,
                       const sc_currency *c)
{
    SC_HTML_LIT(l, "<td class=\"num ");
    sc_html_puts(l, cls);
    SC_HTML_LIT(l, "\" data-label=\"");
    sc_html_puts(l, label);
    SC_HTML_LIT(l, "\">");
    sc_html_put_money(l, v, c);
    SC_HTML_LIT(l, "</td>");
}

/* The plan's offer in short (the monthly payment), in the row. */
static void plan_cell(sc_html_line *l, const sc_compare_row *row, const sc_currency *c)
{
    const sc_plan_offer *o = &row->offer;
    SC_HTML_LIT(l, "<td class=\"num plan\" data-label=\"Monthly with the plan\">");
    if (!row->has_offer) {
        SC_HTML_LIT(l, "</td>");
        return;
    }
    if (o->reason != SC_OFFER_OK) {
        SC_HTML_LIT(l, "does not apply");
    } else if (o->months == 0) {
        SC_HTML_LIT(l, "paid in full");
    } else {
        char months[24];
        sc_html_puts(l, sc_decimal_format(o->months, 0, 0, months, sizeof months));
        SC_HTML_LIT(l, " x ");
        sc_html_put_money(l, o->monthly_payment, c);
        if (o->deferred)
            SC_HTML_LIT(l, "*");
    }
    SC_HTML_LIT(l, "</td>");
}

/* The plan's offer in full, for the list under the table. */
static void offer_text(FILE *fp, const sc_compare_row *row, const sc_currency *c)
{
    const sc_plan_offer *o = &row->offer;
    char apr[32];
    if (o->reason != SC_OFFER_OK) {
        fputs("does not apply: ", fp);
        sc_html_escape(fp, o->why);
        return;
    }
    if (o->months == 0) {
        sc_html_money(fp, o->total_paid, c);
        fputs(" paid in full", fp);
        return;
    }
    sc_html_money(fp, o->upfront_payment, c);
    fprintf(fp, " up front, then %d x ", o->months);
    sc_html_money(fp, o->monthly_payment, c);
    if (o->last_payment != o->monthly_payment) {
        fputs(" (last ", fp);
        sc_html_money(fp, o->last_payment, c);
        fputs(")", fp);
    }
    sc_apr_format(o->apr, apr, sizeof apr);
    fprintf(fp, "; APR %s %%; total ", apr);
    sc_html_money(fp, o->total_paid, c);
    if (o->deferred) {
        fputs(". <strong>If it is not paid off by the end of the promotion, ", fp);
        sc_html_money(fp, o->deferred_interest_if_late, c);
        fputs(" of interest back to the purchase date is charged.</strong>", fp);
    }
}

static void plan_section(FILE *fp, const sc_compare_result *r)
{
    int deferred = r->plan->kind == SC_PLAN_DEFERRED;
    fputs("<section class=\"plan-offers\">\n<h2>Paying with ", fp);
    sc_html_escape(fp, r->plan->name);
    fputs("</h2>\n<p>On each option's typical cost.", fp);
    if (deferred)
        fputs(" * A deferred-interest promotion: \"no interest\" only if the whole balance is "
              "paid by the end of the promotion; otherwise the interest of every month is "
              "charged at once.",
              fp);
    fputs("</p>\n<ul>\n", fp);
    for (size_t i = 0; i < r->nrows; i++) {
        const sc_compare_row *row = &r->rows[i];
        if (!row->has_offer)
            continue;
        fputs("<li>", fp);
        option_name(fp, row);
        fputs(": ", fp);
        offer_text(fp, row, r->currency);
        fputs("</li>\n", fp);
    }
    fputs("</ul>\n", fp);
    fputs("</section>\n", fp);
}

static void table_head(FILE *fp, const sc_compare_result *r, sc_compare_group g)
{
    fprintf(fp, "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"g%d\" "
                "tabindex=\"0\">\n<table class=\"cards compare\">\n<thead><tr>"
                "<th scope=\"col\" class=\"num\">#</th><th scope=\"col\">Option</th>"
                "<th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Treatment</th>"
                "<th scope=\"col\" class=\"num\">Travel</th><th scope=\"col\" class=\"num\">"
                "Other</th><th scope=\"col\" class=\"num\">You pay: low</th>"
                "<th scope=\"col\" class=\"num\">typical</th><th scope=\"col\" class=\"num\">"
                "high</th><th scope=\"col\">Against home</th>"
                "<th scope=\"col\" class=\"num\">Guessed</th>",
            (int)g);
    if (r->plan != NULL)
        fputs("<th scope=\"col\" class=\"num\">Monthly</th>", fp);
    fputs("</tr></thead>\n<tbody>\n", fp);
}

static void priced_row(FILE *fp, const sc_compare_result *r, const sc_compare_row *row,
                       const sc_html_query *q)
{
    const sc_currency *c = r->currency;
    const sc_estimate_result *e = &row->est;
    char b[32];
    sc_html_line l;
    sc_html_line_init(&l, fp);
    SC_HTML_LIT(&l, "<tr data-country=\"");
    sc_html_put_escaped(&l, row->country->id);
    SC_HTML_LIT(&l, "\" data-tier=\"");
    sc_html_put_escaped(&l, row->tier->id);
    SC_HTML_LIT(&l, "\"><td class=\"num rank\" data-label=\"Rank\">");
    sc_html_puts(&l, sc_decimal_format(row->rank, 0, 0, b, sizeof b));
    SC_HTML_LIT(&l, "</td><th scope=\"row\" class=\"option\" data-label=\"Option\">");
    if (row->clinic)
        put_option_name(&l, row);
    else
        estimate_link(&l, row, q);
    SC_HTML_LIT(&l, "</th><td class=\"status\" data-label=\"Status\">");
    sc_html_puts(&l, status_of(row));
    SC_HTML_LIT(&l, "</td>");
    money_cell(&l, "treatment", "Treatment", e->treatment.typical, c);
    money_cell(&l, "travel", "Travel", e->travel.typical, c);
    /* Other: tax and contingency less what insurance pays, so the columns
     * add up to the typical out of pocket (as the command's table). */
    money_cell(&l, "other", "Other",
               e->tax.typical + e->contingency.typical - e->insurance_pays.typical, c);
    money_cell(&l, "oop-low", "You pay: low", e->out_of_pocket.low, c);
    money_cell(&l, "oop-typical", "You pay: typical", e->out_of_pocket.typical, c);
    money_cell(&l, "oop-high", "You pay: high", e->out_of_pocket.high, c);
    saving_cell(&l, row, c);
    SC_HTML_LIT(&l, "<td class=\"num interpolated\" data-label=\"Guessed\">");
    sc_html_puts(&l, sc_decimal_format(sc_money_scale(e->interpolated_pct, 1, 100), 0, 0, b,
                                       sizeof b));
    SC_HTML_LIT(&l, "%</td>");
    if (r->plan != NULL)
        plan_cell(&l, row, c);
    SC_HTML_LIT(&l, "</tr>\n");
    sc_html_line_flush(&l);
    if (row->group == SC_GROUP_NOT_COMPARABLE && row->reason[0]) {
        fprintf(fp, "<tr class=\"why\"><td></td><td colspan=\"%d\">Why: ", r->plan ? 11 : 10);
        sc_html_escape(fp, row->reason);
        fputs("</td></tr>\n", fp);
    }
}

static void group_end(FILE *fp, sc_compare_group g)
{
    fputs(g == SC_GROUP_NOT_PRICED ? "</ul>\n</section>\n" : "</tbody>\n</table>\n</div>\n</section>\n",
          fp);
}

static void scenario_summary(FILE *fp, const sc_compare_result *r)
{
    const sc_resolved *s = &r->scenario;
    char pct[32];
    fprintf(fp, "<p>%d ", s->sites);
    sc_html_escape(fp, s->condition->site_unit);
    fprintf(fp, "%s; ", s->sites == 1 ? "" : "s");
    if (s->sessions_given)
        fprintf(fp, "%d session%s; ", s->sessions, s->sessions == 1 ? "" : "s");
    else
        fprintf(fp, "as many sessions as the treatment needs (%d to %d); ",
                s->procedure->sessions_low, s->procedure->sessions_high);
    fprintf(fp, "%s when abroad; insurance: ", s->travelers == 1 ? "travelling alone"
                                                                : "travelling with company");
    sc_html_escape(fp, s->insurance->name);
    if (s->contingency_pct > 0)
        fprintf(fp, "; a margin of %s %% for the unexpected",
                sc_html_pct(s->contingency_pct, pct, sizeof pct));
    fputs(". Amounts in ", fp);
    sc_html_escape(fp, r->currency->name);
    fputs(" (", fp);
    sc_html_escape(fp, r->currency->code);
    fputs(").</p>\n", fp);
}

void sc_html_compare_page(FILE *fp, const sc_compare_result *r, const sc_html_query *q)
{
    char title[512];
    int first;
    snprintf(title, sizeof title, "%s for %s: every option", r->procedure->name,
             r->condition->name);
    sc_html_begin(fp, title);
    fputs("<h1>", fp);
    sc_html_escape(fp, r->procedure->name);
    fputs(" for ", fp);
    sc_html_escape(fp, r->condition->name);
    fputs(": what each option costs you</h1>\n<p class=\"lede\">Living in ", fp);
    sc_html_escape(fp, r->home->name);
    fputs(". Every option side by side, travel included, ranked by what you would typically "
          "pay.</p>\n",
          fp);
    scenario_summary(fp, r);
    if (r->baseline != NULL) {
        fputs("<p>Savings and extra costs are measured against the cheapest lawful option at "
              "home: ",
              fp);
        sc_html_escape(fp, r->baseline->country->name);
        fputs(", ", fp);
        sc_html_escape(fp, r->baseline->tier->id);
        fputs(", typically ", fp);
        sc_html_money(fp, r->baseline->est.out_of_pocket.typical, r->currency);
        fputs(".</p>\n", fp);
    } else {
        fputs("<p>No option at home is priced: there are no savings to show.</p>\n", fp);
    }
    fputs("<p class=\"links\">", fp);
    first = 1;
    fputs("<a href=\"/?", fp);
    sc_html_query_params(fp, &first, q, 0);
    fputs("\">Change your answers</a>", fp);
    first = 1;
    fputs("<a href=\"/api/compare?", fp);
    sc_html_query_params(fp, &first, q, 0);
    fputs("\">The same as data (JSON)</a></p>\n", fp);

    fputs("<figure class=\"chart\" id=\"chart-compare\">", fp);
    compare_chart(fp, r);
    fputs("</figure>\n", fp);

    sc_compare_group shown = 0;
    for (size_t i = 0; i < r->nrows; i++) {
        const sc_compare_row *row = &r->rows[i];
        if (row->group != shown) {
            if (shown != 0)
                group_end(fp, shown);
            shown = row->group;
            fprintf(fp, "<section class=\"group group-%d\">\n<h2 id=\"g%d\">%s</h2>\n<p>%s</p>\n",
                    (int)shown, (int)shown, group_titles[shown], group_notes[shown]);
            if (shown == SC_GROUP_NOT_PRICED)
                fputs("<ul class=\"not-priced\">\n", fp);
            else
                table_head(fp, r, shown);
        }
        if (row->priced) {
            priced_row(fp, r, row, q);
            continue;
        }
        fputs("<li>", fp);
        option_name(fp, row);
        fprintf(fp, " (%s): ", status_of(row));
        sc_html_escape(fp, row->reason);
        fputs("</li>\n", fp);
    }
    if (shown != 0)
        group_end(fp, shown);
    if (r->plan != NULL)
        plan_section(fp, r);
    fputs("<h2>How to read this</h2>\n<ul>\n"
          "<li>Treatment + Travel + Other = what you typically pay. Other is tax and the "
          "margin for the unexpected, less what insurance pays.</li>\n"
          "<li>Low and high price every item at its lowest and highest published price at "
          "once: the real cost is very likely between them.</li>\n"
          "<li>Guessed: the share of the typical cost that no source states (the tables "
          "interpolate it).</li>\n"
          "<li>Monthly: what the plan you chose asks each month (the list under the table "
          "gives each plan offer in full).</li>\n"
          "<li>Complications are not in these figures: each option's estimate shows their "
          "chance and cost.</li>\n</ul>\n",
          fp);
    sc_html_end(fp);
}
