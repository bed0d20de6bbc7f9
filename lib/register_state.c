/* Changes of state a billing office makes to a recorded quote: delivered
 * (how and when: the proof the deadline was met), void (why), superseded (by
 * which later quote, linked both ways).  Each is read, checked and changed
 * inside one write transaction. */
#include <config.h>

#include <string.h>

#include "quote_internal.h"

static sc_status update(sc_register *r, const char *sql, const char *const *vals, int n,
                        sc_error *err)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(r->db, sql, -1, &s, NULL);
    if (rc != SQLITE_OK)
        return reg_fail(r, rc, "cannot update the register", err);
    for (int i = 0; i < n; i++)
        reg_bind_text(s, i + 1, vals[i]);
    rc = reg_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SC_OK : reg_fail(r, rc, "cannot update the register", err);
}

static sc_status state_error(sc_error *err, const sc_quote_record *q, const char *want)
{
    sc_error_set(err, SC_EINPUT, NULL, 0, 0, "%s is %s%s%s: it cannot be %s", q->code,
                 sc_quote_state_name(q->state),
                 q->state == SC_QSTATE_SUPERSEDED ? " by " : "",
                 q->state == SC_QSTATE_SUPERSEDED ? q->superseded_by : "", want);
    return sc_error_reason(err, SC_R_CONFLICT);
}

/* Read the quote inside a write transaction, let fn check and change it,
 * commit (or roll back whatever fn did). */
typedef sc_status (*change_fn)(sc_register *r, const sc_quote_record *q, void *ctx,
                               sc_error *err);

static sc_status change(sc_register *r, const char *key, change_fn fn, void *ctx, sc_error *err)
{
    if (reg_begin(r, err) != SC_OK)
        return err->status;
    sc_quote_record q;
    sc_status st = sc_register_get(r, key, &q, err);
    if (st == SC_OK) {
        st = fn(r, &q, ctx, err);
        sc_quote_record_free(&q);
    }
    if (st != SC_OK) {
        reg_rollback(r);
        return st;
    }
    return reg_commit(r, err);
}

typedef struct delivery {
    const char *on, *method;
    sc_date d;
} delivery;

static sc_status deliver(sc_register *r, const sc_quote_record *q, void *ctx, sc_error *err)
{
    const delivery *dl = ctx;
    sc_date issued;
    sc_date_parse(q->issue_date, &issued, NULL);
    if (q->state != SC_QSTATE_ISSUED)
        return state_error(err, q, "delivered");
    if (sc_date_compare(dl->d, issued) < 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "on",
                              "%s is before the quote's date of issue %s", dl->on,
                              q->issue_date);
    const char *v[] = {dl->on, dl->method, q->code};
    return update(r, "UPDATE quotes SET state = 'delivered', delivered_on = ?,"
                     " delivery_method = ? WHERE code = ?", v, 3, err);
}

sc_status sc_register_deliver(sc_register *r, const char *key, const char *method,
                              const char *on, sc_error *err)
{
    sc_error local;
    if (err == NULL)
        err = &local;
    char today[11];
    sc_date_format(sc_date_today(), today);
    delivery dl = {on ? on : today, method, {0, 0, 0}};
    if (method == NULL || method[0] == '\0')
        return sc_error_field(err, SC_EUSAGE, SC_R_REQUIRED, "method",
                              "how the quote was delivered (in person, e-mail, post, portal)");
    if (sc_text_check(method, "method", 0, 256, err) != SC_OK)
        return SC_EUSAGE;
    if (sc_date_parse(dl.on, &dl.d, NULL) != SC_OK)
        return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, "on", "'%s' is not a date "
                              "(YYYY-MM-DD)", dl.on);
    if (strcmp(dl.on, today) > 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "on", "%s is in the future", dl.on);
    return change(r, key, deliver, &dl, err);
}

static sc_status void_it(sc_register *r, const sc_quote_record *q, void *ctx, sc_error *err)
{
    char today[11];
    if (q->state != SC_QSTATE_ISSUED && q->state != SC_QSTATE_DELIVERED)
        return state_error(err, q, "voided");
    const char *v[] = {sc_date_format(sc_date_today(), today), ctx, q->code};
    return update(r, "UPDATE quotes SET state = 'void', voided_on = ?, void_reason = ?"
                     " WHERE code = ?", v, 3, err);
}

sc_status sc_register_void(sc_register *r, const char *key, const char *reason, sc_error *err)
{
    sc_error local;
    if (err == NULL)
        err = &local;
    if (reason == NULL || reason[0] == '\0')
        return sc_error_field(err, SC_EUSAGE, SC_R_REQUIRED, "reason",
                              "why the quote is void (it stays in the register)");
    if (sc_text_check(reason, "reason", 0, 1024, err) != SC_OK)
        return SC_EUSAGE;
    return change(r, key, void_it, (void *)reason, err);
}

static sc_status supersede(sc_register *r, const sc_quote_record *a, void *ctx, sc_error *err)
{
    sc_quote_record b;
    sc_status st = sc_register_get(r, ctx, &b, err);
    if (st != SC_OK)
        return st;
    if (a->state != SC_QSTATE_ISSUED && a->state != SC_QSTATE_DELIVERED)
        st = state_error(err, a, "superseded");
    else if (b.number <= a->number)
        st = sc_error_field(err, SC_EUSAGE, SC_R_CONFLICT, "by",
                            "%s must be a quote issued after %s", b.code, a->code);
    else if (b.state == SC_QSTATE_VOID || b.state == SC_QSTATE_SUPERSEDED)
        st = state_error(err, &b, "the replacement");
    else if (strcmp(a->patient, b.patient) != 0 || strcmp(a->dob, b.dob) != 0)
        st = sc_error_field(err, SC_EUSAGE, SC_R_CONFLICT, "by",
                            "%s is for another patient (%s, born %s)", b.code, b.patient, b.dob);
    else if (b.supersedes[0])
        st = sc_error_field(err, SC_EUSAGE, SC_R_CONFLICT, "by", "%s already replaces %s",
                            b.code, b.supersedes);
    else {
        const char *v1[] = {b.code, a->code}, *v2[] = {a->code, b.code};
        st = update(r, "UPDATE quotes SET state = 'superseded', superseded_by = ? WHERE code = ?",
                    v1, 2, err);
        if (st == SC_OK)
            st = update(r, "UPDATE quotes SET supersedes = ? WHERE code = ?", v2, 2, err);
    }
    sc_quote_record_free(&b);
    return st;
}

sc_status sc_register_supersede(sc_register *r, const char *old, const char *by, sc_error *err)
{
    sc_error local;
    if (err == NULL)
        err = &local;
    if (by == NULL || by[0] == '\0')
        return sc_error_field(err, SC_EUSAGE, SC_R_REQUIRED, "by",
                              "the number of the quote that replaces it");
    return change(r, old, supersede, (void *)by, err);
}
