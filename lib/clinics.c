/* Reading the clinic quotes a patient received (a CSV; see compare.h). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "cells.h"
#include "stemcost/compare.h"

static const char *const required[] = {"clinic", "country", "tier", "procedure", "currency",
                                       "amount", "includes", "quote_date", "valid_until", NULL};
/* What the quote covers: a non-empty list of item categories. */
static int cell_includes(const sc_cells *c, unsigned *out)
{
    if (sc_cells_text(c, "includes")[0] == '\0') {
        sc_cells_error(c, "includes", "includes is empty: list what the quote covers, e.g. "
                                      "consultation;harvest;processing;injection");
        return 0;
    }
    return sc_cells_categories(c, "includes", out);
}

sc_status sc_clinics_read(FILE *fp, const char *name, const sc_pricing *p, sc_clinics *out,
                          sc_diags *diags)
{
    return sc_clinics_read_delim(fp, name, ',', p, out, diags);
}

sc_status sc_clinics_read_delim(FILE *fp, const char *name, char delimiter, const sc_pricing *p,
                                sc_clinics *out, sc_diags *diags)
{
    sc_table *t = NULL;
    sc_error err;
    size_t before = diags->count;
    memset(out, 0, sizeof *out);
    if (sc_table_read_delim(fp, name, delimiter, &t, &err) != SC_OK) {
        sc_diags_add(diags, &err);
        return SC_EINPUT;
    }
    int missing = 0;
    for (const char *const *col = required; *col; col++)
        if (sc_table_column(t, *col) < 0) {
            sc_diags_addf(diags, SC_EINPUT, t->name, t->header_line, 0, "missing column '%s'",
                          *col);
            missing = 1;
        }
    out->name = strdup(name);
    out->quotes = calloc(t->nrows ? t->nrows : 1, sizeof *out->quotes);
    if (out->name == NULL || out->quotes == NULL) {
        diags->oom = 1;
        sc_table_free(t);
        return SC_ENOMEM;
    }
    for (size_t i = 0; !missing && i < t->nrows; i++) {
        sc_cells c = {t, &t->rows[i], diags};
        sc_clinic_quote *q = &out->quotes[out->n++];
        q->line = t->rows[i].line;
        q->amount_column = sc_table_column(t, "amount") + 1;
        sc_cells_required(&c, "clinic");
        if (sc_cells_id(&c, "country") && sc_pricing_country(p, sc_cells_text(&c, "country")) == NULL)
            sc_cells_error(&c, "country", "unknown country '%s'", sc_cells_text(&c, "country"));
        if (sc_cells_id(&c, "tier") && sc_pricing_tier(p, sc_cells_text(&c, "tier")) == NULL)
            sc_cells_error(&c, "tier", "unknown tier '%s'", sc_cells_text(&c, "tier"));
        if (sc_cells_id(&c, "procedure") &&
            sc_pricing_procedure(p, sc_cells_text(&c, "procedure")) == NULL)
            sc_cells_error(&c, "procedure", "unknown procedure '%s'",
                           sc_cells_text(&c, "procedure"));
        if (sc_cells_currency(&c, "currency", &q->currency)) {
            if (sc_pricing_fx(p, q->currency) == NULL)
                sc_cells_error(&c, "currency", "no exchange rate for %s in the pricing tables",
                               q->currency->code);
            else if (sc_cells_money(&c, "amount", q->currency, &q->amount) && q->amount == 0)
                sc_cells_error(&c, "amount", "amount is zero");
        }
        cell_includes(&c, &q->includes);
        if (sc_cells_text(&c, "sites")[0] != '\0')
            sc_cells_int(&c, "sites", 1, 100, &q->sites);
        if (sc_cells_text(&c, "sessions")[0] != '\0')
            sc_cells_int(&c, "sessions", 1, SC_MAX_SESSIONS, &q->sessions);
        int dates = sc_cells_date(&c, "quote_date");
        dates &= sc_cells_date(&c, "valid_until");
        if (dates && strcmp(sc_cells_text(&c, "valid_until"), sc_cells_text(&c, "quote_date")) < 0)
            sc_cells_error(&c, "valid_until", "valid_until %s is before quote_date %s",
                           sc_cells_text(&c, "valid_until"), sc_cells_text(&c, "quote_date"));
        q->clinic = sc_cells_dup(&c, "clinic");
        q->country = sc_cells_dup(&c, "country");
        q->city = sc_cells_dup(&c, "city");
        q->tier = sc_cells_dup(&c, "tier");
        q->procedure = sc_cells_dup(&c, "procedure");
        q->quote_date = sc_cells_dup(&c, "quote_date");
        q->valid_until = sc_cells_dup(&c, "valid_until");
        q->accreditation = sc_cells_dup(&c, "accreditation");
        q->notes = sc_cells_dup(&c, "notes");
    }
    sc_table_free(t);
    if (diags->oom)
        return SC_ENOMEM;
    return diags->count > before ? SC_EINPUT : SC_OK;
}

void sc_clinics_free(sc_clinics *c)
{
    for (size_t i = 0; i < c->n; i++) {
        sc_clinic_quote *q = &c->quotes[i];
        free(q->clinic);
        free(q->country);
        free(q->city);
        free(q->tier);
        free(q->procedure);
        free(q->quote_date);
        free(q->valid_until);
        free(q->accreditation);
        free(q->notes);
    }
    free(c->quotes);
    free(c->name);
    memset(c, 0, sizeof *c);
}
