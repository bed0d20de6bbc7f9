/* `/estimate` of `stemcost serve`: the figures of `stemcost estimate` as a
 * page.  Warnings first (what is lawful comes before any price), then what
 * the patient would pay, the simulated spread, every line with its code,
 * source and basis, the complication risk and what is not included. */
#include <config.h>

#include <string.h>

#include "html_internal.h"
#include "stemcost/chart.h"

static sc_status draw_estimate(sc_chart_text *out, const void *a, const void *b, sc_error *err)
{
    (void)b;
    return sc_chart_estimate_text(a, NULL, out, err);
}

static sc_status draw_simulate(sc_chart_text *out, const void *a, const void *b, sc_error *err)
{
    return sc_chart_simulate_text(b, a, NULL, out, err);
}

/* The charts of `stemcost estimate --chart` (where the typical out of
 * pocket goes) and, when simulated, of `simulate --chart`, inline. */
static void estimate_chart(FILE *fp, const sc_estimate_result *r, const sc_sim_result *sim)
{
    sc_html_chart(fp, draw_estimate, r, NULL);
    if (sim != NULL)
        sc_html_chart(fp, draw_simulate, r, sim);
}

static void warnings(FILE *fp, const sc_estimate_result *r)
{
    char w[SC_WARNING_MAX];
    if (r->nwarnings == 0)
        return;
    fputs("<section class=\"warnings\" aria-labelledby=\"warnings\">\n"
          "<h2 id=\"warnings\">Read this first</h2>\n",
          fp);
    for (size_t i = 0; i < r->nwarnings; i++) {
        fputs("<p class=\"warning\">", fp);
        sc_html_escape(fp, sc_estimate_warning_text(r, i, w, sizeof w));
        fputs("</p>\n", fp);
    }
    fputs("</section>\n", fp);
}

static void money_cells(FILE *fp, const sc_range *x, const sc_currency *c)
{
    const char *labels[] = {"Low", "Typical", "High"};
    const int64_t v[] = {x->low, x->typical, x->high};
    for (int k = 0; k < 3; k++) {
        fprintf(fp, "<td class=\"num\" data-label=\"%s\">", labels[k]);
        sc_html_money(fp, v[k], c);
        fputs("</td>", fp);
    }
}

static void line_row(FILE *fp, const sc_estimate_result *r, const sc_line *l)
{
    const sc_currency *c = r->currency;
    fputs("<tr><th scope=\"row\" data-label=\"Item\">", fp);
    sc_html_escape(fp, l->description);
    if (l->derivation != NULL) {
        fputs("<br><small>", fp);
        sc_html_escape(fp, l->derivation);
        fputs("</small>", fp);
    }
    fputs("</th><td data-label=\"Code\">", fp);
    sc_html_escape(fp, l->code);
    fprintf(fp, "</td><td class=\"num\" data-label=\"Quantity\">%ld ", l->quantity);
    sc_html_escape(fp, l->unit);
    fputs("</td>", fp);
    money_cells(fp, &l->amount, c);
    fputs("<td class=\"num\" data-label=\"Insurance pays\">", fp);
    if (l->kind == SC_LINE_ITEM && r->insurance_applies)
        sc_html_money(fp, l->insurance_pays.typical, c);
    fprintf(fp, "</td><td data-label=\"Basis\">%s</td><td data-label=\"Grade\">%c</td>"
                "<td data-label=\"Source\">",
            sc_basis_name(l->basis), l->grade ? l->grade : ' ');
    sc_html_escape(fp, l->source);
    fputs(" (", fp);
    sc_html_escape(fp, l->as_of);
    fputs(")</td></tr>\n", fp);
}

static void total_row(FILE *fp, const char *label, const sc_range *x, const sc_currency *c,
                      int sum)
{
    fprintf(fp, "<tr%s><th scope=\"row\" data-label=\"Total\">", sum ? " class=\"sum\"" : "");
    sc_html_escape(fp, label);
    fputs("</th><td></td><td></td>", fp);
    money_cells(fp, x, c);
    fputs("<td></td><td></td><td></td><td></td></tr>\n", fp);
}

static void lines_table(FILE *fp, const sc_estimate_result *r)
{
    const sc_currency *c = r->currency;
    char pct[32], label[128];
    fputs("<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"lines\" tabindex=\"0\">\n"
          "<table class=\"cards lines\">\n<thead><tr><th scope=\"col\">Item</th>"
          "<th scope=\"col\">Code</th><th scope=\"col\" class=\"num\">Quantity</th>"
          "<th scope=\"col\" class=\"num\">Low</th><th scope=\"col\" class=\"num\">Typical</th>"
          "<th scope=\"col\" class=\"num\">High</th><th scope=\"col\" class=\"num\">Insurance "
          "pays</th><th scope=\"col\">Basis</th><th scope=\"col\">Grade</th>"
          "<th scope=\"col\">Source (as of)</th></tr></thead>\n<tbody>\n",
          fp);
    for (size_t i = 0; i < r->nlines; i++)
        line_row(fp, r, &r->lines[i]);
    fputs("</tbody>\n<tbody class=\"totals\">\n", fp);
    total_row(fp, "Treatment", &r->treatment, c, 0);
    if (r->tax_pct > 0) {
        snprintf(label, sizeof label, "Tax (%s %% on self-pay care)",
                 sc_html_pct(r->tax_pct, pct, sizeof pct));
        total_row(fp, label, &r->tax, c, 0);
    }
    if (r->home != r->country)
        total_row(fp, "Travel", &r->travel, c, 0);
    if (r->insurance_applies) {
        sc_range pays = {-r->insurance_pays.low, -r->insurance_pays.typical,
                         -r->insurance_pays.high};
        total_row(fp, "Insurance pays", &pays, c, 0);
    }
    if (r->contingency_pct > 0) {
        snprintf(label, sizeof label, "Margin for the unexpected (%s %% of your share)",
                 sc_html_pct(r->contingency_pct, pct, sizeof pct));
        total_row(fp, label, &r->contingency, c, 0);
    }
    total_row(fp, "You pay", &r->out_of_pocket, c, 1);
    fputs("</tbody>\n</table>\n</div>\n", fp);
}

static void distribution(FILE *fp, const sc_estimate_result *r, const sc_sim_result *sim)
{
    const sc_currency *c = r->currency;
    if (sim == NULL)
        return;
    fputs("<h2>How the cost spreads</h2>\n<p>Drawing every price, the number of sessions, "
          "travel nights and complications at random ",
          fp);
    fprintf(fp, "%ld times (seed %lu): in 8 cases out of 10 you would pay between ", sim->draws,
            sim->seed);
    sc_html_money(fp, sim->p10, c);
    fputs(" and ", fp);
    sc_html_money(fp, sim->p90, c);
    fputs("; half the time less than ", fp);
    sc_html_money(fp, sim->p50, c);
    fputs(".</p>\n<dl class=\"facts percentiles\">", fp);
    const struct {
        const char *name;
        int64_t v;
    } p[] = {{"p5", sim->p5},   {"p10", sim->p10}, {"p25", sim->p25}, {"p50", sim->p50},
             {"p75", sim->p75}, {"p90", sim->p90}, {"p95", sim->p95}, {"mean", sim->mean}};
    for (size_t i = 0; i < sizeof p / sizeof *p; i++) {
        fprintf(fp, "<dt>%s</dt><dd>", p[i].name);
        sc_html_money(fp, p[i].v, c);
        fputs("</dd>", fp);
    }
    fputs("</dl>\n", fp);
}

static void complications(FILE *fp, const sc_estimate_result *r)
{
    const sc_complication_risk *k = &r->complications;
    char p[32];
    if (k->row == NULL)
        return;
    fputs("<h2>If something goes wrong</h2>\n<p>", fp);
    sc_html_escape(fp, k->row->description);
    fprintf(fp, ": a %s %% chance. If it happens you would pay about ",
            sc_decimal_format(k->probability, SC_PROB_DECIMALS, 1, p, sizeof p));
    sc_html_money(fp, k->cost.typical, r->currency);
    fputs(" (", fp);
    sc_html_range(fp, &k->cost, r->currency);
    fputs(")", fp);
    if (r->insurance_applies)
        fputs(" after your plan", fp);
    fputs("; on average that is ", fp);
    sc_html_money(fp, k->expected, r->currency);
    fputs(" per treatment. [", fp);
    sc_html_escape(fp, k->row->source);
    fputs("]</p>\n", fp);
}

static void not_included(FILE *fp, const sc_estimate_result *r)
{
    fputs("<h2>What is not included</h2>\n<ul class=\"not-included\">\n", fp);
    if (r->complications.row != NULL)
        fputs("<li>Treating a complication (its chance and cost are above, not in the "
              "total).</li>\n",
              fp);
    if (r->home == r->country)
        fputs("<li>Getting to the clinic and back: treatment at home adds no travel.</li>\n",
              fp);
    fputs("<li>Physical therapy or rehabilitation afterwards, medicines, and imaging ordered "
          "later.</li>\n"
          "<li>Sessions beyond those counted here, and a second course of treatment.</li>\n"
          "<li>Time off work, insurance premiums, and anything the clinic adds to its own "
          "quote.</li>\n</ul>\n",
          fp);
}

static void rates(FILE *fp, const sc_estimate_result *r)
{
    char b[48];
    fputs("<p>Prices as of ", fp);
    sc_html_escape(fp, r->pricing_as_of);
    fputs(" (the oldest price used).", fp);
    for (size_t i = 0; i < r->nfx; i++) {
        const sc_fx_used *f = &r->fx[i];
        const sc_currency *cs[2] = {f->from, f->to};
        const int64_t per_usd[2] = {f->from_per_usd, f->to_per_usd};
        const char *dates[2] = {f->from_as_of, f->to_as_of};
        for (int k = 0; k < 2; k++) {
            if (strcmp(cs[k]->code, "USD") == 0)
                continue;
            fprintf(fp, " %s %s per US dollar (as of ",
                    sc_decimal_format(per_usd[k], SC_RATE_DECIMALS, 1, b, sizeof b),
                    cs[k]->code);
            sc_html_escape(fp, dates[k]);
            fputs(").", fp);
        }
    }
    fputs("</p>\n", fp);
}

void sc_html_estimate_page(FILE *fp, const sc_estimate_result *r, const sc_sim_result *sim,
                           const sc_html_query *q)
{
    const sc_currency *c = r->currency;
    char title[512], pct[32];
    int first;
    snprintf(title, sizeof title, "%s for %s in %s", r->procedure->name, r->condition->name,
             r->country->name);
    sc_html_begin(fp, title);
    fputs("<h1>", fp);
    sc_html_escape(fp, r->procedure->name);
    fputs(" for ", fp);
    sc_html_escape(fp, r->condition->name);
    fputs(" in ", fp);
    sc_html_escape(fp, r->country->name);
    fputs(" (", fp);
    sc_html_escape(fp, r->tier->id);
    fputs(" tier)</h1>\n", fp);
    warnings(fp, r);
    if (r->availability != NULL && r->availability->status == SC_REG_APPROVED) {
        fputs("<p>Regulatory status: approved (", fp);
        sc_html_escape(fp, r->availability->note);
        fputs(").</p>\n", fp);
    }
    fputs("<p class=\"total\">You would typically pay <strong class=\"oop-typical\">", fp);
    sc_html_money(fp, r->out_of_pocket.typical, c);
    fputs("</strong>, from <span class=\"oop-low\">", fp);
    sc_html_money(fp, r->out_of_pocket.low, c);
    fputs("</span> to <span class=\"oop-high\">", fp);
    sc_html_money(fp, r->out_of_pocket.high, c);
    fputs("</span>.</p>\n<p>", fp);
    fprintf(fp, "%d ", r->sites);
    sc_html_escape(fp, r->condition->site_unit);
    fprintf(fp, "%s; %d session%s", r->sites == 1 ? "" : "s", r->sessions,
            r->sessions == 1 ? "" : "s");
    if (r->sessions_col[0] != r->sessions_col[2])
        fprintf(fp, " (low %d, high %d)", r->sessions_col[0], r->sessions_col[2]);
    fprintf(fp, "; %d visit%s; %d traveller%s; insurance: ", r->visits, r->visits == 1 ? "" : "s",
            r->travelers, r->travelers == 1 ? "" : "s");
    sc_html_escape(fp, r->insurance->name);
    fputs("; amounts in ", fp);
    sc_html_escape(fp, c->code);
    fprintf(fp, ". %s %% of the typical cost rests on prices no source states (grade C).</p>\n",
            sc_decimal_format(r->interpolated_pct, SC_PCT_DECIMALS, 0, pct, sizeof pct));

    fputs("<p class=\"links\">", fp);
    first = 1;
    fputs("<a href=\"/compare?", fp);
    sc_html_scenario_params(fp, &first, q->scenario, SC_HTML_SKIP_PLACE);
    if (q->scenario != NULL && q->scenario->home == NULL)
        sc_html_param(fp, &first, "home", r->home->id);
    sc_html_param(fp, &first, "today", q->today);
    fputs("\">Compare with other countries</a>", fp);
    first = 1;
    fputs("<a href=\"/finance?", fp);
    char amount[48];
    sc_html_param(fp, &first, "amount",
                  sc_money_format_plain(r->out_of_pocket.typical, c, amount, sizeof amount));
    sc_html_param(fp, &first, "currency", c->code);
    sc_html_param(fp, &first, "compare", "1");
    fputs("\">Ways to pay for it</a>", fp);
    first = 1;
    fputs("<a href=\"/api/estimate?", fp);
    sc_html_scenario_params(fp, &first, q->scenario, 0);
    sc_html_param(fp, &first, "today", q->today);
    fputs("\">The same as data (JSON)</a></p>\n", fp);

    fputs("<figure class=\"chart\" id=\"chart-estimate\">", fp);
    estimate_chart(fp, r, sim);
    fputs("</figure>\n", fp);
    distribution(fp, r, sim);
    fputs("<h2 id=\"lines\">Item by item</h2>\n", fp);
    lines_table(fp, r);
    if (r->sessions_col[0] != r->sessions_col[2])
        fprintf(fp, "<p>Low and high price %d and %d sessions.</p>\n", r->sessions_col[0],
                r->sessions_col[2]);
    fputs("<p>Basis: <em>sourced</em> prices are stated by the source named; <em>derived</em> "
          "ones are computed from sourced numbers (a fee schedule, a rate); "
          "<em>interpolated</em> ones are assumptions no source states. Grade A to C: how far "
          "to trust the line.</p>\n",
          fp);
    complications(fp, r);
    not_included(fp, r);
    rates(fp, r);
    sc_html_end(fp);
}
