/* The form of `stemcost serve` (`/`), in plain language.  Every choice is
 * listed from the pricing tables; every value is refilled from the address,
 * so a result page's "change your answers" link brings the same form back. */
#include <config.h>

#include <string.h>

#include "html_internal.h"
#include "pricing_internal.h"

/* The form's fields and how the page names them (the error summary links to
 * the field by this label). */
static const struct {
    const char *field, *label;
} labels[] = {
    {"procedure", "Which treatment?"},
    {"condition", "What is it for?"},
    {"sites", "How many joints or spinal levels?"},
    {"sessions", "How many treatment sessions?"},
    {"home", "Where do you live?"},
    {"countries", "Which countries should be compared?"},
    {"travelers", "Travelling alone or with a companion?"},
    {"insurance", "Your insurance"},
    {"deductible", "Your plan's deductible"},
    {"deductible_met", "Deductible already paid this year"},
    {"coinsurance", "Your coinsurance (%)"},
    {"copay", "Your copay per visit"},
    {"oop_max", "Your out-of-pocket maximum"},
    {"oop_met", "Out of pocket already paid this year"},
    {"contingency", "A margin for the unexpected (%)"},
    {"plan", "How would you pay?"},
};

static const char *label_of(const char *field)
{
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        if (strcmp(labels[i].field, field) == 0)
            return labels[i].label;
    return NULL;
}

static const char *get(const sc_html_query *q, const char *field)
{
    const sc_scenario *s = q->scenario;
    if (s == NULL)
        return NULL;
    for (size_t i = 0; i < SC_SCENARIO_NFIELDS; i++)
        if (strcmp(sc_scenario_fields[i], field) == 0)
            return sc_scenario_get_index(s, i);
    return NULL;
}

static void text_field(FILE *fp, const sc_html_query *q, const char *field, const char *hint,
                       const char *inputmode, const sc_error *err)
{
    sc_html_text_field(fp, field, label_of(field), hint, get(q, field), inputmode, err);
}

/* A fieldset of radio buttons or check boxes: its legend is the label. */
static void group_begin(FILE *fp, const char *field, const char *hint, const sc_error *err)
{
    int bad = err != NULL && strcmp(err->field, field) == 0;
    fprintf(fp, "<fieldset id=\"f-%s\" class=\"%s\" tabindex=\"-1\"", field,
            bad ? "invalid" : "");
    if (hint != NULL || bad) {
        fputs(" aria-describedby=\"", fp);
        if (hint != NULL)
            fprintf(fp, "%s-hint", field);
        if (bad)
            fprintf(fp, "%s%s-error", hint != NULL ? " " : "", field);
        fputc('"', fp);
    }
    fputs(">\n<legend>", fp);
    sc_html_escape(fp, label_of(field));
    fputs("</legend>\n", fp);
    if (hint != NULL) {
        fprintf(fp, "<p class=\"hint\" id=\"%s-hint\">", field);
        sc_html_escape(fp, hint);
        fputs("</p>\n", fp);
    }
    sc_html_field_error(fp, field, err);
}

static void choice(FILE *fp, const char *type, const char *field, size_t index, const char *value,
                   const char *text, const char *explanation, int checked)
{
    fprintf(fp, "<div class=\"choice\"><input type=\"%s\" id=\"f-%s-%zu\" name=\"%s\" value=\"",
            type, field, index, field);
    sc_html_escape(fp, value);
    fputc('"', fp);
    if (explanation != NULL)
        fprintf(fp, " aria-describedby=\"%s-%zu-hint\"", field, index);
    if (checked)
        fputs(" checked", fp);
    fprintf(fp, "> <label for=\"f-%s-%zu\">", field, index);
    sc_html_escape(fp, text);
    fputs("</label>", fp);
    if (explanation != NULL) {
        fprintf(fp, "<p class=\"hint\" id=\"%s-%zu-hint\">", field, index);
        sc_html_escape(fp, explanation);
        fputs("</p>", fp);
    }
    fputs("</div>\n", fp);
}

/* The one-line explanation of a procedure's cells, from the tables' facts. */
static void cell_source_line(const sc_procedure *pr, char *buf, size_t n)
{
    snprintf(buf, n, "Cells from %s: %s, %s; %d visit%s to the clinic per session.",
             pr->cell_source, pr->autologous ? "your own" : "from a donor",
             pr->culture_expanded ? "grown in a laboratory over weeks"
                                  : "prepared and injected the same day",
             pr->visits, pr->visits == 1 ? "" : "s");
}

static void select_begin(FILE *fp, const char *field, const char *hint, const sc_error *err)
{
    int bad = err != NULL && strcmp(err->field, field) == 0;
    fprintf(fp, "<div class=\"field%s\">\n<label for=\"f-%s\">", bad ? " invalid" : "", field);
    sc_html_escape(fp, label_of(field));
    fputs("</label>\n", fp);
    if (hint != NULL) {
        fprintf(fp, "<p class=\"hint\" id=\"%s-hint\">", field);
        sc_html_escape(fp, hint);
        fputs("</p>\n", fp);
    }
    sc_html_field_error(fp, field, err);
    fputs("<select", fp);
    sc_html_field_attrs(fp, field, hint, err);
    fputs(">\n", fp);
}

static void select_end(FILE *fp)
{
    fputs("</select>\n</div>\n", fp);
}

void sc_html_form_page(FILE *fp, const sc_pricing *p, const sc_html_query *q,
                       const sc_error *err)
{
    char text[512];
    sc_html_begin(fp, err ? "Please check your answers" : "Compare what treatment costs you");
    fputs("<h1>What would stem cell therapy cost me?</h1>\n"
          "<p class=\"lede\">Answer what you know; leave the rest blank. You get every country "
          "side by side, in your own currency, travel included, with what is lawful where, "
          "and a link to each option's itemised estimate.</p>\n",
          fp);
    if (err != NULL)
        sc_html_error_summary(fp, err, err->field[0] ? label_of(err->field) : NULL);
    fputs("<form method=\"get\" action=\"/compare\" novalidate>\n", fp);

    fputs("<fieldset><legend>Your treatment</legend>\n", fp);
    const char *procedure = get(q, "procedure");
    group_begin(fp, "procedure", "Where the cells come from, in one line each.", err);
    for (size_t i = 0; i < p->nprocedures; i++) {
        const sc_procedure *pr = &p->procedures[i];
        cell_source_line(pr, text, sizeof text);
        choice(fp, "radio", "procedure", i + 1, pr->id, pr->name, text,
               procedure != NULL && strcmp(procedure, pr->id) == 0);
    }
    fputs("</fieldset>\n", fp);
    select_begin(fp, "condition", NULL, err);
    sc_html_option(fp, "", "Choose what it is for", get(q, "condition"));
    for (size_t i = 0; i < p->nconditions; i++)
        sc_html_option(fp, p->conditions[i].id, p->conditions[i].name, get(q, "condition"));
    select_end(fp);
    fputs("<div class=\"grid\">\n", fp);
    text_field(fp, q, "sites", "Blank means 1. Both knees: 2.", "numeric", err);
    text_field(fp, q, "sessions", "Blank means as many as the treatment usually needs.",
               "numeric", err);
    fputs("</div>\n</fieldset>\n", fp);

    fputs("<fieldset><legend>Where</legend>\n", fp);
    select_begin(fp, "home", "Prices are shown in its currency; travel is added abroad.", err);
    sc_html_option(fp, "", "Choose your country", get(q, "home"));
    for (size_t i = 0; i < p->ncountries; i++)
        sc_html_option(fp, p->countries[i].id, p->countries[i].name, get(q, "home"));
    select_end(fp);
    group_begin(fp, "countries", "Tick none to compare every country.", err);
    for (size_t i = 0; i < p->ncountries; i++)
        choice(fp, "checkbox", "countries", i + 1, p->countries[i].id, p->countries[i].name,
               NULL, sc_html_in_list(q->countries, p->countries[i].id));
    fputs("</fieldset>\n", fp);
    const char *travelers = get(q, "travelers");
    group_begin(fp, "travelers", "A companion's trip and meals are added when you travel.", err);
    choice(fp, "radio", "travelers", 1, "1", "Alone", NULL,
           travelers == NULL || strcmp(travelers, "1") == 0);
    choice(fp, "radio", "travelers", 2, "2", "With a companion", NULL,
           travelers != NULL && strcmp(travelers, "2") == 0);
    fputs("</fieldset>\n</fieldset>\n", fp);

    fputs("<fieldset><legend>Insurance</legend>\n", fp);
    select_begin(fp, "insurance", "Pick the kind of plan you have. Stem cell therapy is "
                                  "rarely covered; some tests and visits may be.", err);
    for (size_t i = 0; i < p->ninsurance; i++)
        sc_html_option(fp, p->insurance[i].id, p->insurance[i].name,
                       get(q, "insurance") ? get(q, "insurance") : SC_DEFAULT_INSURANCE);
    select_end(fp);
    fputs("<p class=\"hint\">Your own plan's figures, in the plan's currency. Leave blank to "
          "use the typical plan's.</p>\n<div class=\"grid\">\n",
          fp);
    text_field(fp, q, "deductible", NULL, "decimal", err);
    text_field(fp, q, "deductible_met", NULL, "decimal", err);
    text_field(fp, q, "coinsurance", "The share you pay after the deductible, e.g. 20.",
               "decimal", err);
    text_field(fp, q, "copay", NULL, "decimal", err);
    text_field(fp, q, "oop_max", NULL, "decimal", err);
    text_field(fp, q, "oop_met", "Blank: the deductible already paid.", "decimal", err);
    fputs("</div>\n</fieldset>\n", fp);

    fputs("<fieldset><legend>Paying</legend>\n<div class=\"grid\">\n", fp);
    text_field(fp, q, "contingency", "For example 10 adds 10 % of your share.", "decimal", err);
    select_begin(fp, "plan", "Adds the monthly payment to every option.", err);
    sc_html_option(fp, "", "Not decided yet", q->plan);
    for (size_t i = 0; i < p->nplans; i++)
        sc_html_option(fp, p->plans[i].id, p->plans[i].name, q->plan);
    select_end(fp);
    fputs("</div>\n</fieldset>\n", fp);
    /* Kept from the address so a bookmarked query gives the same figures. */
    const char *hidden[] = {"tiers", q->tiers, "currency", get(q, "currency"), "today",
                            q->today};
    for (size_t i = 0; i < sizeof hidden / sizeof *hidden; i += 2)
        if (hidden[i + 1] != NULL) {
            fprintf(fp, "<input type=\"hidden\" name=\"%s\" value=\"", hidden[i]);
            sc_html_escape(fp, hidden[i + 1]);
            fputs("\">\n", fp);
        }
    fputs("<p><button type=\"submit\">Compare my options</button></p>\n</form>\n", fp);
    sc_html_end(fp);
}
