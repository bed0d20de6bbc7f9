/* Exporting the register for other tools: one row per quote with flat
 * columns, or one row per line item; CSV or JSON.
 *
 * CSV cells of text that begin with = + - @ (or a tab or carriage return)
 * are prefixed with an apostrophe, so that a spreadsheet opening the file
 * takes them as text and never as a formula (the OWASP "CSV injection"
 * advice).  Amounts and counts are never touched: they are plain numbers.
 * In JSON, amounts and counts are numbers, flags booleans. */
#include <config.h>

#include <string.h>

#include "quote_internal.h"
#include "stemcost/output.h"

typedef enum { TEXT, NUMBER, MONEY, FLAG } col_kind;

typedef struct col {
    const char *name;
    col_kind k;
} col;

static const col quote_cols[] = {
    {"code", TEXT}, {"number", NUMBER}, {"state", TEXT}, {"expired", FLAG},
    {"issue_date", TEXT}, {"document_date", TEXT}, {"date_reason", TEXT},
    {"valid_until", TEXT}, {"service_date", TEXT}, {"scheduled", TEXT}, {"requested", FLAG},
    {"patient", TEXT}, {"dob", TEXT}, {"contact", TEXT}, {"provider", TEXT},
    {"provider_npi", TEXT}, {"provider_tin", TEXT}, {"provider_registration", TEXT},
    {"country", TEXT}, {"procedure", TEXT}, {"condition", TEXT}, {"sites", NUMBER},
    {"sessions", NUMBER}, {"diagnosis", TEXT}, {"service_codes", TEXT}, {"currency", TEXT},
    {"total", MONEY}, {"total_low", MONEY}, {"total_high", MONEY}, {"lines", NUMBER},
    {"fx", TEXT}, {"delivered_on", TEXT}, {"delivery_method", TEXT}, {"voided_on", TEXT},
    {"void_reason", TEXT}, {"superseded_by", TEXT}, {"supersedes", TEXT}, {"plan", TEXT},
    {"checksum", TEXT}, {"issued_at", TEXT}};
#define NQ (sizeof quote_cols / sizeof *quote_cols)

static const col line_cols[] = {
    {"quote", TEXT}, {"seq", NUMBER}, {"provider", TEXT}, {"npi", TEXT}, {"item", TEXT},
    {"description", TEXT}, {"service_code", TEXT}, {"quantity", NUMBER}, {"charge", MONEY},
    {"currency", TEXT}, {"basis", TEXT}};
#define NL (sizeof line_cols / sizeof *line_cols)

typedef struct sink {
    FILE *fp;
    int json;
    sc_json j;
    const col *cols;
    size_t ncols;
} sink;

static int formula_start(const char *s)
{
    return s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

static void put(sink *s, const char *const *v, size_t n)
{
    if (s->json) {
        sc_json_begin_object(&s->j);
        for (size_t i = 0; i < n; i++) {
            sc_json_key(&s->j, s->cols[i].name);
            if (s->cols[i].k == NUMBER || s->cols[i].k == MONEY)
                sc_json_number_text(&s->j, v[i]);
            else if (s->cols[i].k == FLAG)
                sc_json_bool(&s->j, strcmp(v[i], "yes") == 0);
            else
                sc_json_string(&s->j, v[i]);
        }
        sc_json_end_object(&s->j);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char buf[4096];
        const char *cell = v[i];
        if (s->cols[i].k == TEXT && formula_start(cell)) {
            snprintf(buf, sizeof buf, "'%s", cell);
            cell = buf;
        }
        sc_csv_field(s->fp, cell, i == 0);
    }
    sc_csv_end_row(s->fp);
}

static int quote_row(const sc_quote_record *r, void *ctx)
{
    sink *s = ctx;
    char num[24], sites[16], sessions[16], lines[24], t[48], lo[48], hi[48];
    snprintf(num, sizeof num, "%ld", r->number);
    snprintf(sites, sizeof sites, "%d", r->sites);
    snprintf(sessions, sizeof sessions, "%d", r->sessions);
    snprintf(lines, sizeof lines, "%ld", r->nlines);
    if (r->cur) {
        sc_money_format_plain(r->total, r->cur, t, sizeof t);
        sc_money_format_plain(r->total_low, r->cur, lo, sizeof lo);
        sc_money_format_plain(r->total_high, r->cur, hi, sizeof hi);
    } else {
        snprintf(t, sizeof t, "0");
        snprintf(lo, sizeof lo, "0");
        snprintf(hi, sizeof hi, "0");
    }
    const char *v[NQ] = {r->code, num, sc_quote_state_name(r->state), r->expired ? "yes" : "no",
                         r->issue_date, r->document_date, r->date_reason, r->valid_until,
                         r->service_date, r->scheduled, r->requested ? "yes" : "no",
                         r->patient, r->dob, r->contact, r->provider, r->provider_npi,
                         r->provider_tin, r->provider_registration, r->country, r->procedure,
                         r->condition, sites, sessions, r->diagnosis, r->service_codes,
                         r->currency, t, lo, hi, lines, r->fx, r->delivered_on,
                         r->delivery_method, r->voided_on, r->void_reason, r->superseded_by,
                         r->supersedes, r->plan, r->checksum, r->issued_at};
    put(s, v, NQ);
    return 0;
}

static int line_row(const sc_quote_line_record *l, void *ctx)
{
    sink *s = ctx;
    char seq[24], qty[24], charge[48];
    snprintf(seq, sizeof seq, "%ld", l->seq);
    snprintf(qty, sizeof qty, "%ld", l->quantity);
    if (l->cur)
        sc_money_format_plain(l->charge, l->cur, charge, sizeof charge);
    else
        snprintf(charge, sizeof charge, "0");
    const char *v[NL] = {l->code_of_quote, seq, l->provider, l->npi, l->item, l->description,
                         l->service_code, qty, charge, l->cur ? l->cur->code : "", l->basis};
    put(s, v, NL);
    return 0;
}

sc_status sc_register_export(sc_register *r, const sc_quote_filter *f, sc_export_kind kind,
                             int json, FILE *fp, sc_error *err)
{
    sink s;
    /* Before the header or '[': a bad filter leaves the output empty. */
    if (sc_quote_filter_check(f, err) != SC_OK)
        return SC_EUSAGE;
    memset(&s, 0, sizeof s);
    s.fp = fp;
    s.json = json;
    s.cols = kind == SC_EXPORT_LINES ? line_cols : quote_cols;
    s.ncols = kind == SC_EXPORT_LINES ? NL : NQ;
    if (json) {
        sc_json_init(&s.j, fp);
        sc_json_begin_array(&s.j);
    } else {
        for (size_t i = 0; i < s.ncols; i++)
            sc_csv_field(fp, s.cols[i].name, i == 0);
        sc_csv_end_row(fp);
    }
    sc_status st = kind == SC_EXPORT_LINES ? sc_register_each_line(r, f, line_row, &s, err)
                                           : sc_register_each(r, f, quote_row, &s, err);
    if (json && st == SC_OK) {
        sc_json_end_array(&s.j);
        sc_json_finish(&s.j);
    }
    return st;
}
