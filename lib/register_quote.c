/* The quote register's records: recording a quote (record, lines, document,
 * in the caller's transaction) and reading them back. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "estimate_internal.h"
#include "quote_internal.h"

/* ---- recording ------------------------------------------------------------------------ */

static const char *const state_names[] = {"issued", "delivered", "superseded", "void"};

const char *sc_quote_state_name(sc_quote_state s)
{
    return (unsigned)s < 4 ? state_names[s] : "?";
}

/* A text bind copies its value (SQLITE_TRANSIENT) and fails only out of
 * memory, leaving the parameter NULL: a quote recorded without a field, a
 * lookup that finds nothing.  The failure is kept for the next reg_step,
 * which reports it instead of running the statement (integer binds do not
 * allocate).  One connection per thread. */
static _Thread_local int bind_failure;

void reg_bind_text(sqlite3_stmt *s, int i, const char *v)
{
    int rc = sqlite3_bind_text(s, i, v ? v : "", -1, SQLITE_TRANSIENT);
    if (rc != SQLITE_OK && bind_failure == SQLITE_OK)
        bind_failure = rc;
}

int reg_step(sqlite3_stmt *s)
{
    int rc = bind_failure;
    if (rc != SQLITE_OK) {
        bind_failure = SQLITE_OK;
        return rc;
    }
    return sqlite3_step(s);
}
#define bind_text reg_bind_text

static const char *basis_of(const qline *l)
{
    return l->own_price ? "provider" : sc_basis_name(l->src->basis);
}

static sc_status insert_lines(sc_register *r, const quote_content *c, long number,
                              sc_error *err)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(r->db,
                                "INSERT INTO quote_lines (number, seq, provider, npi, item,"
                                " description, code, quantity, charge, currency, basis)"
                                " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                                -1, &s, NULL);
    if (rc != SQLITE_OK)
        return reg_fail(r, rc, "cannot record the quote", err);
    for (size_t i = 0; i < c->nlines; i++) {
        const qline *l = &c->lines[i];
        const sc_provider *pv = c->parties[l->party].provider;
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, number);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i + 1);
        bind_text(s, 3, pv->name);
        bind_text(s, 4, pv->npi);
        bind_text(s, 5, l->src->id);
        bind_text(s, 6, l->src->description);
        bind_text(s, 7, l->code);
        sqlite3_bind_int64(s, 8, l->quantity);
        sqlite3_bind_int64(s, 9, l->amount.typical);
        bind_text(s, 10, c->cur->code);
        bind_text(s, 11, basis_of(l));
        if ((rc = reg_step(s)) != SQLITE_DONE) {
            sqlite3_finalize(s);
            return reg_fail(r, rc, "cannot record the quote", err);
        }
    }
    /* Where the country taxes self-pay care, each party's tax is a line of
     * its own (item and basis "tax", after all the items, worded as on
     * the document): without it a quote's lines do not add up to its total,
     * and a planner importing --lines would under-count it by the tax. */
    size_t seq = c->nlines;
    for (size_t k = 0; c->est.tax_pct > 0 && k < c->nparties; k++) {
        const sc_provider *pv = c->parties[k].provider;
        char text[96];
        sc_estimate_tax_label(&c->est, text, sizeof text);
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, number);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)++seq);
        bind_text(s, 3, pv->name);
        bind_text(s, 4, pv->npi);
        bind_text(s, 5, "tax");
        bind_text(s, 6, text);
        bind_text(s, 7, "");
        sqlite3_bind_int64(s, 8, 1);
        sqlite3_bind_int64(s, 9, c->parties[k].tax.typical);
        bind_text(s, 10, c->cur->code);
        bind_text(s, 11, "tax");
        if ((rc = reg_step(s)) != SQLITE_DONE) {
            sqlite3_finalize(s);
            return reg_fail(r, rc, "cannot record the quote", err);
        }
    }
    sqlite3_finalize(s);
    return SC_OK;
}

sc_status reg_insert(sc_register *r, const quote_content *c, long *number, char code[32],
                     sc_error *err)
{
    const sc_quote_request *q = c->req;
    const sc_provider *pv = c->parties[0].provider;
    char issued_at[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(issued_at, sizeof issued_at, "%Y-%m-%dT%H:%M:%SZ", &tm);
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(
        r->db,
        "INSERT INTO quotes (issued_at, issue_date, document_date, date_reason, valid_until,"
        " service_date, scheduled, requested, patient, dob, contact, provider, provider_npi,"
        " provider_tin, provider_registration, country, procedure, condition, sites, sessions,"
        " diagnosis, service_codes, currency, total, total_low, total_high, fx, checksum,"
        " scenario, plan, nlines)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        -1, &s, NULL);
    if (rc != SQLITE_OK)
        return reg_fail(r, rc, "cannot record the quote", err);
    const char *reg = pv->registration && pv->registration[0] ? pv->registration
                      : pv->lanr && pv->lanr[0]               ? pv->lanr
                                                              : pv->bsnr;
    const char *text[] = {issued_at,     c->issue_s,       c->doc_s,
                          q->date_reason, c->valid_s,      c->has_service ? c->service_s : "",
                          c->scheduled_s};
    int i = 1;
    for (size_t k = 0; k < sizeof text / sizeof *text; k++)
        bind_text(s, i++, text[k]);
    sqlite3_bind_int(s, i++, q->requested);
    const char *more[] = {q->patient, q->dob, q->contact, pv->name, pv->npi, pv->tin, reg,
                          c->est.country->id, c->est.procedure->id, c->est.condition->id};
    for (size_t k = 0; k < sizeof more / sizeof *more; k++)
        bind_text(s, i++, more[k]);
    sqlite3_bind_int(s, i++, c->est.sites);
    sqlite3_bind_int(s, i++, c->est.sessions);
    bind_text(s, i++, c->diagnosis);
    bind_text(s, i++, c->service_codes);
    bind_text(s, i++, c->cur->code);
    sqlite3_bind_int64(s, i++, c->total.typical);
    sqlite3_bind_int64(s, i++, c->total.low);
    sqlite3_bind_int64(s, i++, c->total.high);
    bind_text(s, i++, c->fx);
    bind_text(s, i++, c->checksum);
    bind_text(s, i++, c->scenario);
    bind_text(s, i++, q->plan);
    sqlite3_bind_int64(s, i++, (sqlite3_int64)c->nlines);
    rc = reg_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return reg_fail(r, rc, "cannot record the quote", err);
    *number = (long)sqlite3_last_insert_rowid(r->db);
    /* The code shows the year of issue and the register's number. */
    snprintf(code, 32, "SC-%04d-%06ld", c->issue.year, *number);
    if ((rc = sqlite3_prepare_v2(r->db, "UPDATE quotes SET code = ? WHERE number = ?", -1, &s,
                                 NULL)) != SQLITE_OK)
        return reg_fail(r, rc, "cannot number the quote", err);
    bind_text(s, 1, code);
    sqlite3_bind_int64(s, 2, *number);
    rc = reg_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return reg_fail(r, rc, "cannot number the quote", err);
    return insert_lines(r, c, *number, err);
}

sc_status reg_store_doc(sc_register *r, long number, const sc_quote_doc *doc, sc_error *err)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(r->db,
                                "INSERT INTO quote_blocks (number, seq, kind, ncells, c0, c1,"
                                " c2, c3, c4, c5) VALUES (?,?,?,?,?,?,?,?,?,?)",
                                -1, &s, NULL);
    if (rc != SQLITE_OK)
        return reg_fail(r, rc, "cannot record the document", err);
    for (size_t i = 0; i < doc->n; i++) {
        const sc_block *b = &doc->blocks[i];
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        sqlite3_bind_int64(s, 1, number);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
        sqlite3_bind_int(s, 3, (int)b->kind);
        sqlite3_bind_int(s, 4, b->ncells);
        for (int k = 0; k < b->ncells; k++)
            bind_text(s, 5 + k, b->cells[k]);
        if ((rc = reg_step(s)) != SQLITE_DONE) {
            sqlite3_finalize(s);
            return reg_fail(r, rc, "cannot record the document", err);
        }
    }
    sqlite3_finalize(s);
    if ((rc = sqlite3_prepare_v2(r->db, "UPDATE quotes SET nblocks = ? WHERE number = ?", -1,
                                 &s, NULL)) != SQLITE_OK)
        return reg_fail(r, rc, "cannot record the document", err);
    sqlite3_bind_int64(s, 1, (sqlite3_int64)doc->n);
    sqlite3_bind_int64(s, 2, number);
    rc = reg_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SC_OK : reg_fail(r, rc, "cannot record the document", err);
}

/* ---- reading ------------------------------------------------------------------------- */

#define COLUMNS                                                                               \
    "number, code, issued_at, issue_date, document_date, date_reason, valid_until,"           \
    " service_date, scheduled, patient, dob, contact, provider, provider_npi, provider_tin,"   \
    " provider_registration, country, procedure, condition, diagnosis, service_codes,"        \
    " currency, fx, checksum, scenario, plan, delivered_on, delivery_method, voided_on,"      \
    " void_reason, superseded_by, supersedes, requested, sites, sessions, state, total,"      \
    " total_low, total_high, nlines, nblocks"
#define NTEXT 31

static char **text_field(sc_quote_record *r, int i)
{
    char **f[NTEXT] = {&r->code,          &r->issued_at,     &r->issue_date,
                       &r->document_date, &r->date_reason,   &r->valid_until,
                       &r->service_date,  &r->scheduled,     &r->patient,
                       &r->dob,           &r->contact,       &r->provider,
                       &r->provider_npi,  &r->provider_tin,  &r->provider_registration,
                       &r->country,       &r->procedure,     &r->condition,
                       &r->diagnosis,     &r->service_codes, &r->currency,
                       &r->fx,            &r->checksum,      &r->scenario,
                       &r->plan,          &r->delivered_on,  &r->delivery_method,
                       &r->voided_on,     &r->void_reason,   &r->superseded_by,
                       &r->supersedes};
    return f[i];
}

static sc_status read_row(sqlite3_stmt *s, const char *today, sc_quote_record *rec,
                          long *nblocks)
{
    memset(rec, 0, sizeof *rec);
    rec->number = (long)sqlite3_column_int64(s, 0);
    for (int i = 0; i < NTEXT; i++) {
        const unsigned char *t = sqlite3_column_text(s, i + 1);
        *text_field(rec, i) = strdup(t ? (const char *)t : "");
        if (*text_field(rec, i) == NULL)
            return SC_ENOMEM;
    }
    int c = NTEXT + 1;
    rec->requested = sqlite3_column_int(s, c++);
    rec->sites = sqlite3_column_int(s, c++);
    rec->sessions = sqlite3_column_int(s, c++);
    const unsigned char *st = sqlite3_column_text(s, c++);
    for (int k = 0; k < 4; k++)
        if (st && strcmp((const char *)st, state_names[k]) == 0)
            rec->state = (sc_quote_state)k;
    rec->total = sqlite3_column_int64(s, c++);
    rec->total_low = sqlite3_column_int64(s, c++);
    rec->total_high = sqlite3_column_int64(s, c++);
    rec->nlines = (long)sqlite3_column_int64(s, c++);
    if (nblocks)
        *nblocks = (long)sqlite3_column_int64(s, c);
    rec->cur = sc_currency_find(rec->currency);
    rec->expired = (rec->state == SC_QSTATE_ISSUED || rec->state == SC_QSTATE_DELIVERED) &&
                   strcmp(rec->valid_until, today) < 0;
    return SC_OK;
}

static sc_status get(sc_register *r, const char *key, sc_quote_record *rec, long *nblocks,
                     sc_error *err)
{
    sqlite3_stmt *s;
    char today[11];
    sc_date_format(sc_date_today(), today);
    memset(rec, 0, sizeof *rec);
    int rc = sqlite3_prepare_v2(r->db,
                                "SELECT " COLUMNS " FROM quotes WHERE code = ?1"
                                " OR CAST(number AS TEXT) = ?1",
                                -1, &s, NULL);
    if (rc != SQLITE_OK)
        return reg_fail(r, rc, "cannot read the register", err);
    bind_text(s, 1, key);
    sc_status st;
    rc = reg_step(s);
    if (rc == SQLITE_ROW)
        st = read_row(s, today, rec, nblocks) == SC_OK
                 ? SC_OK
                 : sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    else if (rc == SQLITE_DONE) {
        sc_error_set(err, SC_EINPUT, r->path, 0, 0, "no quote '%s' in the register", key);
        st = sc_error_reason(err, SC_R_NOT_FOUND);
    } else
        st = reg_fail(r, rc, "cannot read the register", err);
    sqlite3_finalize(s);
    return st;
}

sc_status sc_register_get(sc_register *r, const char *key, sc_quote_record *rec, sc_error *err)
{
    return get(r, key, rec, NULL, err);
}

/* The WHERE clause of a filter, with named parameters (bind_filter). */
static void where(const sc_quote_filter *f, const char *prefix, char *out, size_t n)
{
    size_t k = (size_t)snprintf(out, n, " WHERE 1");
    if (f == NULL)
        return;
    if (f->from)
        k += (size_t)snprintf(out + k, n - k, " AND %sissue_date >= :from", prefix);
    if (f->to)
        k += (size_t)snprintf(out + k, n - k, " AND %sissue_date <= :to", prefix);
    if (f->patient)
        k += (size_t)snprintf(out + k, n - k, " AND instr(lower(%spatient), lower(:patient)) > 0",
                              prefix);
    if (f->provider)
        k += (size_t)snprintf(out + k, n - k,
                              " AND (instr(lower(%sprovider), lower(:provider)) > 0 OR"
                              " %sprovider_npi = :provider)",
                              prefix, prefix);
    if (f->state)
        k += (size_t)snprintf(out + k, n - k, " AND %sstate = :state", prefix);
    if (f->code)
        k += (size_t)snprintf(out + k, n - k,
                              " AND (%scode = :code OR CAST(%snumber AS TEXT) = :code)", prefix,
                              prefix);
    if (f->expired_only)
        snprintf(out + k, n - k,
                 " AND %sstate IN ('issued', 'delivered') AND %svalid_until < :today", prefix,
                 prefix);
}

static void bind_filter(sqlite3_stmt *s, const sc_quote_filter *f, const char *today)
{
    if (f == NULL)
        return;
    const char *names[] = {":from", ":to", ":patient", ":provider", ":state", ":code", ":today"};
    const char *vals[] = {f->from, f->to, f->patient, f->provider, f->state, f->code, today};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        int k = sqlite3_bind_parameter_index(s, names[i]);
        if (k > 0)
            bind_text(s, k, vals[i]);
    }
}

sc_status sc_quote_filter_check(const sc_quote_filter *f, sc_error *err)
{
    sc_date d;
    if (f == NULL)
        return SC_OK;
    if (f->from && sc_date_parse(f->from, &d, NULL) != SC_OK)
        return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, "from", "'%s' is not a date "
                              "(YYYY-MM-DD)", f->from);
    if (f->to && sc_date_parse(f->to, &d, NULL) != SC_OK)
        return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, "to", "'%s' is not a date "
                              "(YYYY-MM-DD)", f->to);
    if (f->state) {
        int ok = 0;
        for (int k = 0; k < 4; k++)
            ok |= strcmp(f->state, state_names[k]) == 0;
        if (!ok)
            return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, "state", "'%s' is not one "
                                  "of issued, delivered, superseded, void", f->state);
    }
    if ((f->patient && sc_text_check(f->patient, "patient", 0, 1024, err) != SC_OK) ||
        (f->provider && sc_text_check(f->provider, "provider", 0, 1024, err) != SC_OK))
        return SC_EUSAGE;
    return SC_OK;
}

sc_status sc_register_each(sc_register *r, const sc_quote_filter *f,
                           int (*fn)(const sc_quote_record *, void *), void *ctx, sc_error *err)
{
    sqlite3_stmt *s;
    char today[11], w[512], sql[sizeof COLUMNS + 640];
    if (sc_quote_filter_check(f, err) != SC_OK)
        return SC_EUSAGE;
    sc_date_format(sc_date_today(), today);
    where(f, "", w, sizeof w);
    snprintf(sql, sizeof sql, "SELECT " COLUMNS " FROM quotes%s ORDER BY number", w);
    int rc = sqlite3_prepare_v2(r->db, sql, -1, &s, NULL);
    if (rc != SQLITE_OK)
        return reg_fail(r, rc, "cannot read the register", err);
    bind_filter(s, f, today);
    while ((rc = reg_step(s)) == SQLITE_ROW) {
        sc_quote_record rec;
        if (read_row(s, today, &rec, NULL) != SC_OK) {
            sc_quote_record_free(&rec);
            sqlite3_finalize(s);
            return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
        }
        int stop = fn(&rec, ctx);
        sc_quote_record_free(&rec);
        if (stop) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sc_status st = rc == SQLITE_DONE ? SC_OK : reg_fail(r, rc, "cannot read the register", err);
    sqlite3_finalize(s);
    return st;
}

sc_status sc_register_each_line(sc_register *r, const sc_quote_filter *f,
                                int (*fn)(const sc_quote_line_record *, void *), void *ctx,
                                sc_error *err)
{
    sqlite3_stmt *s;
    char today[11], w[512], sql[1024];
    if (sc_quote_filter_check(f, err) != SC_OK)
        return SC_EUSAGE;
    sc_date_format(sc_date_today(), today);
    where(f, "q.", w, sizeof w);
    snprintf(sql, sizeof sql,
             "SELECT q.code, l.seq, l.provider, l.npi, l.item, l.description, l.code,"
             " l.quantity, l.charge, l.currency, l.basis FROM quote_lines l"
             " JOIN quotes q ON q.number = l.number%s ORDER BY l.number, l.seq", w);
    int rc = sqlite3_prepare_v2(r->db, sql, -1, &s, NULL);
    if (rc != SQLITE_OK)
        return reg_fail(r, rc, "cannot read the register", err);
    bind_filter(s, f, today);
    while ((rc = reg_step(s)) == SQLITE_ROW) {
        sc_quote_line_record l;
#define T(i) ((const char *)sqlite3_column_text(s, i) ? (const char *)sqlite3_column_text(s, i) : "")
        l.code_of_quote = T(0);
        l.seq = (long)sqlite3_column_int64(s, 1);
        l.provider = T(2);
        l.npi = T(3);
        l.item = T(4);
        l.description = T(5);
        l.service_code = T(6);
        l.quantity = (long)sqlite3_column_int64(s, 7);
        l.charge = sqlite3_column_int64(s, 8);
        l.cur = sc_currency_find(T(9));
        l.basis = T(10);
#undef T
        if (fn(&l, ctx)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sc_status st = rc == SQLITE_DONE ? SC_OK : reg_fail(r, rc, "cannot read the register", err);
    sqlite3_finalize(s);
    return st;
}

void sc_quote_record_free(sc_quote_record *rec)
{
    for (int i = 0; i < NTEXT; i++)
        free(*text_field(rec, i));
    memset(rec, 0, sizeof *rec);
}

sc_status reg_load_doc(sc_register *r, const char *key, sc_quote_doc *doc,
                       sc_quote_record *rec, sc_error *err)
{
    long nblocks = 0;
    memset(doc, 0, sizeof *doc);
    if (get(r, key, rec, &nblocks, err) != SC_OK)
        return err ? err->status : SC_EINPUT;
    if (nblocks == 0) {
        sc_error_set(err, SC_EINPUT, r->path, 0, 0,
                     "%s was recorded by an earlier stemcost that did not keep the document: "
                     "it cannot be reproduced; issue a new quote and supersede this one",
                     rec->code);
        return sc_error_reason(err, SC_R_DATA);
    }
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(r->db,
                                "SELECT kind, ncells, c0, c1, c2, c3, c4, c5 FROM quote_blocks"
                                " WHERE number = ? ORDER BY seq",
                                -1, &s, NULL);
    if (rc != SQLITE_OK)
        return reg_fail(r, rc, "cannot read the register", err);
    sqlite3_bind_int64(s, 1, rec->number);
    while ((rc = reg_step(s)) == SQLITE_ROW) {
        const char *cells[SC_BLOCK_CELLS] = {0};
        int kind = sqlite3_column_int(s, 0), n = sqlite3_column_int(s, 1);
        if (kind < SC_BLOCK_TITLE || kind > SC_BLOCK_SIGNATURE || n < 0 || n > SC_BLOCK_CELLS)
            break;
        for (int k = 0; k < n; k++)
            cells[k] = (const char *)sqlite3_column_text(s, 2 + k);
        if (quote_doc_add(doc, (sc_block_kind)kind, n, cells) != SC_OK) {
            sqlite3_finalize(s);
            sc_quote_doc_free(doc);
            return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
        }
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        sc_quote_doc_free(doc);
        return reg_fail(r, rc, "cannot read the register", err);
    }
    if ((long)doc->n != nblocks) {
        sc_quote_doc_free(doc);
        sc_error_set(err, SC_EINPUT, r->path, 0, 0,
                     "%s: the register's copy of the document is damaged (%zu of %ld parts "
                     "readable)", rec->code, doc->n, nblocks);
        return sc_error_reason(err, SC_R_DATA);
    }
    sc_date d;
    doc->number = strdup(rec->code);
    doc->patient = strdup(rec->patient);
    if (sc_date_parse(rec->document_date, &d, NULL) == SC_OK)
        doc->date = d;
    if (doc->number == NULL || doc->patient == NULL) {
        sc_quote_doc_free(doc);
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    return SC_OK;
}
