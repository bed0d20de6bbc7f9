/* Issuing and reissuing quotes: the library's whole operation, so that any
 * front end (the command line, a batch, a web form) issues a quote the same
 * way.
 *
 * Issue: check and price the request (outside any lock), then, inside one
 * write transaction of the register: take the next number, build the
 * document with it, record the quote, its lines and its document, render the
 * document into memory, and commit.  A request that cannot be rendered is
 * never recorded, and a recorded quote always has its document.  The caller
 * writes the rendered bytes where it wants; if that fails, the quote can be
 * reissued. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "quote_internal.h"
#include "membuf.h"

static sc_status render_mem(const sc_quote_doc *doc, sc_quote_format fmt,
                            sc_quote_copies copies, sc_issued_quote *out, sc_error *err)
{
    sc_membuf m;
    if (sc_membuf_open(&m) == NULL)
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    sc_status st = sc_quote_render(doc, fmt, copies, m.fp, err);
    /* Out of memory while rendering loses part of the document: never
     * recorded or handed out so (membuf.h).  A write that failed here failed
     * for want of memory, whatever the renderer made of it. */
    sc_status closed = sc_membuf_close(&m, NULL);
    if (closed != SC_OK)
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    if (st != SC_OK) {
        free(m.data);
        return st;
    }
    out->data = m.data;
    out->size = m.len;
    return SC_OK;
}

sc_status sc_quote_check(const sc_pricing *p, const sc_quote_request *req, sc_error *err)
{
    sc_error local;
    if (err == NULL)
        err = &local;
    quote_content c;
    sc_status st = quote_prepare(p, req, sc_date_today(), &c, err);
    quote_content_free(&c);
    return st;
}

sc_status sc_quote_issue(const sc_pricing *p, sc_register *reg, const sc_quote_request *req,
                         sc_quote_format fmt, sc_quote_copies copies, sc_issued_quote *out,
                         sc_error *err)
{
    sc_error local;
    if (err == NULL)
        err = &local;
    memset(out, 0, sizeof *out);
    quote_content c;
    if (quote_prepare(p, req, sc_date_today(), &c, err) != SC_OK) {
        quote_content_free(&c);
        return err->status;
    }
    if (fmt == SC_QUOTE_PDF)
        quote_pdf_warm(); /* load fonts before taking the lock, not while holding it */
    sc_quote_doc doc;
    memset(&doc, 0, sizeof doc);
    long number = 0;
    char code[32];
    sc_status st = reg_begin(reg, err);
    if (st == SC_OK && (st = reg_insert(reg, &c, &number, code, err)) == SC_OK &&
        (st = quote_build_doc(&c, code, &doc, err)) == SC_OK &&
        (st = reg_store_doc(reg, number, &doc, err)) == SC_OK &&
        (st = render_mem(&doc, fmt, copies, out, err)) == SC_OK)
        st = reg_commit(reg, err);
    else
        reg_rollback(reg);
    if (st == SC_OK) {
        snprintf(out->code, sizeof out->code, "%s", code);
        out->number = number;
        memcpy(out->issue_date, c.issue_s, sizeof out->issue_date);
        for (size_t i = 0; i < c.nnotices; i++)
            memcpy(out->notices[i], c.notices[i], sizeof out->notices[i]);
        out->nnotices = c.nnotices;
    } else {
        sc_issued_quote_free(out);
    }
    sc_quote_doc_free(&doc);
    quote_content_free(&c);
    return st;
}

sc_status sc_quote_reissue(sc_register *reg, const char *key, sc_quote_format fmt,
                           sc_quote_copies copies, sc_issued_quote *out, sc_error *err)
{
    sc_error local;
    if (err == NULL)
        err = &local;
    memset(out, 0, sizeof *out);
    sc_quote_doc doc;
    sc_quote_record rec;
    if (reg_load_doc(reg, key, &doc, &rec, err) != SC_OK) {
        sc_quote_record_free(&rec);
        return err->status;
    }
    sc_date_format(sc_date_today(), doc.reissued);
    char note[1200] = "";
    if (rec.state == SC_QSTATE_VOID)
        snprintf(note, sizeof note, "VOID since %s: %s", rec.voided_on, rec.void_reason);
    else if (rec.state == SC_QSTATE_SUPERSEDED)
        snprintf(note, sizeof note, "SUPERSEDED by %s", rec.superseded_by);
    sc_status st = SC_OK;
    if (note[0] && (doc.state_note = strdup(note)) == NULL)
        st = sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    if (st == SC_OK)
        st = render_mem(&doc, fmt, copies, out, err);
    if (st == SC_OK) {
        snprintf(out->code, sizeof out->code, "%s", rec.code);
        out->number = rec.number;
        snprintf(out->issue_date, sizeof out->issue_date, "%s", rec.issue_date);
    }
    sc_quote_doc_free(&doc);
    sc_quote_record_free(&rec);
    return st;
}

void sc_issued_quote_free(sc_issued_quote *q)
{
    free(q->data);
    memset(q, 0, sizeof *q);
}
