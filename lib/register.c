/* The quote register: SQLite, so quote numbers stay unique when several
 * clerks issue quotes at once (numbers are allocated inside an IMMEDIATE
 * transaction, which takes the write lock first) and a crash never leaves a
 * half-written record (SQLite's journal rolls an unfinished one back). */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stemcost/quote.h"

struct sc_register {
    sqlite3 *db;
    char *path;
};

/* The text columns of a record, in table order (see the schema below). */
#define NTEXT 17

static char **field(sc_quote_record *r, int i)
{
    char **f[NTEXT] = {&r->code, &r->issued_at, &r->quote_date, &r->valid_until,
                       &r->service_date, &r->scheduled, &r->patient, &r->dob, &r->contact,
                       &r->provider, &r->scenario, &r->plan, &r->currency, &r->total_low,
                       &r->total_typical, &r->total_high, &r->checksum};
    return f[i];
}

static sc_status db_error(sc_register *r, const char *what, sc_error *err)
{
    return sc_error_set(err, SC_EIO, r->path, 0, 0, "%s: %s", what, sqlite3_errmsg(r->db));
}

/* A bind that failed leaves no message on the connection: say its code's. */
static sc_status bind_error(sc_register *r, int rc, const char *what, sc_error *err)
{
    return sc_error_set(err, rc == SQLITE_NOMEM ? SC_ENOMEM : SC_EIO, r->path, 0, 0, "%s: %s",
                        what, sqlite3_errstr(rc));
}

sc_status sc_register_open(const char *path, sc_register **out, sc_error *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        /* Create it private before SQLite touches it: it holds personal data. */
        int fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0600);
        if (fd < 0 && errno != EEXIST)
            return sc_error_set(err, SC_EIO, path, 0, 0, "cannot create the register: %s",
                                strerror(errno));
        if (fd >= 0)
            close(fd);
    } else if (S_ISDIR(sb.st_mode)) {
        return sc_error_set(err, SC_EINPUT, path, 0, 0, "is a directory, not a register file");
    }
    sc_register *r = calloc(1, sizeof *r);
    if (r == NULL || (r->path = strdup(path)) == NULL) {
        free(r);
        return sc_error_set(err, SC_ENOMEM, path, 0, 0, "out of memory");
    }
    if (sqlite3_open_v2(path, &r->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        sc_status st = db_error(r, "cannot open the register", err);
        sc_register_close(r);
        return st;
    }
    sqlite3_busy_timeout(r->db, 15000); /* wait for another clerk's transaction */
    const char *schema =
        "CREATE TABLE IF NOT EXISTS quotes ("
        " number INTEGER PRIMARY KEY AUTOINCREMENT,"
        " code TEXT UNIQUE, issued_at TEXT, quote_date TEXT, valid_until TEXT,"
        " service_date TEXT, scheduled TEXT, patient TEXT, dob TEXT, contact TEXT,"
        " provider TEXT, scenario TEXT, plan TEXT, currency TEXT, total_low TEXT,"
        " total_typical TEXT, total_high TEXT, checksum TEXT, requested INTEGER)";
    char *msg = NULL;
    int rc = sqlite3_exec(r->db, schema, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        /* Out of memory says nothing about the file. */
        sc_status st = rc == SQLITE_NOMEM
                           ? sc_error_set(err, SC_ENOMEM, path, 0, 0, "out of memory")
                           : sc_error_set(err, SC_EIO, path, 0, 0, "not a stemcost register: %s",
                                          msg ? msg : "?");
        sqlite3_free(msg);
        sc_register_close(r);
        return st;
    }
    *out = r;
    return SC_OK;
}

void sc_register_close(sc_register *r)
{
    if (r == NULL)
        return;
    sqlite3_close(r->db);
    free(r->path);
    free(r);
}

sc_status sc_register_issue(sc_register *r, sc_quote_record *rec, sc_error *err)
{
    sqlite3_stmt *ins = NULL, *upd = NULL;
    sc_status st = SC_OK;
    if (sqlite3_exec(r->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return db_error(r, "cannot lock the register", err);
    const char *sql =
        "INSERT INTO quotes (code, issued_at, quote_date, valid_until, service_date, scheduled,"
        " patient, dob, contact, provider, scenario, plan, currency, total_low, total_typical,"
        " total_high, checksum, requested) VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    if (sqlite3_prepare_v2(r->db, sql, -1, &ins, NULL) != SQLITE_OK) {
        st = db_error(r, "cannot record the quote", err);
        goto rollback;
    }
    /* A bind that fails (out of memory) would leave its column NULL: a quote
     * recorded without its totals or its number. */
    int rc = SQLITE_OK;
    for (int i = 1; i < NTEXT && rc == SQLITE_OK; i++)
        rc = sqlite3_bind_text(ins, i, *field(rec, i) ? *field(rec, i) : "", -1,
                               SQLITE_TRANSIENT);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int(ins, NTEXT, rec->requested);
    if (rc != SQLITE_OK) {
        st = bind_error(r, rc, "cannot record the quote", err);
        goto rollback;
    }
    if (sqlite3_step(ins) != SQLITE_DONE) {
        st = db_error(r, "cannot record the quote", err);
        goto rollback;
    }
    rec->number = (long)sqlite3_last_insert_rowid(r->db);
    /* The code shows the year of the quote and the register's number. */
    char code[40];
    snprintf(code, sizeof code, "SC-%.4s-%06ld", rec->quote_date ? rec->quote_date : "0000",
             rec->number);
    if (sqlite3_prepare_v2(r->db, "UPDATE quotes SET code = ? WHERE number = ?", -1, &upd,
                           NULL) != SQLITE_OK) {
        st = db_error(r, "cannot number the quote", err);
        goto rollback;
    }
    if ((rc = sqlite3_bind_text(upd, 1, code, -1, SQLITE_TRANSIENT)) != SQLITE_OK ||
        (rc = sqlite3_bind_int64(upd, 2, rec->number)) != SQLITE_OK) {
        st = bind_error(r, rc, "cannot number the quote", err);
        goto rollback;
    }
    if (sqlite3_step(upd) != SQLITE_DONE) {
        st = db_error(r, "cannot number the quote", err);
        goto rollback;
    }
    /* The caller's copy of the number before the commit: a quote recorded is
     * always a quote the caller can name. */
    char *copy = strdup(code);
    if (copy == NULL) {
        st = sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
        goto rollback;
    }
    if (sqlite3_exec(r->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        free(copy);
        st = db_error(r, "cannot commit the quote", err);
        goto rollback;
    }
    free(rec->code);
    rec->code = copy;
    sqlite3_finalize(ins);
    sqlite3_finalize(upd);
    return SC_OK;
rollback:
    sqlite3_finalize(ins);
    sqlite3_finalize(upd);
    sqlite3_exec(r->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

static sc_status read_row(sqlite3_stmt *s, sc_quote_record *rec)
{
    memset(rec, 0, sizeof *rec);
    rec->number = (long)sqlite3_column_int64(s, 0);
    for (int i = 0; i < NTEXT; i++) {
        const unsigned char *t = sqlite3_column_text(s, i + 1);
        *field(rec, i) = strdup(t ? (const char *)t : "");
        if (*field(rec, i) == NULL)
            return SC_ENOMEM;
    }
    rec->requested = sqlite3_column_int(s, NTEXT + 1);
    return SC_OK;
}

static const char select_all[] =
    "SELECT number, code, issued_at, quote_date, valid_until, service_date, scheduled, patient,"
    " dob, contact, provider, scenario, plan, currency, total_low, total_typical, total_high,"
    " checksum, requested FROM quotes";

sc_status sc_register_get(sc_register *r, const char *key, sc_quote_record *rec, sc_error *err)
{
    sqlite3_stmt *s = NULL;
    char sql[sizeof select_all + 64];
    snprintf(sql, sizeof sql, "%s WHERE code = ?1 OR CAST(number AS TEXT) = ?1", select_all);
    if (sqlite3_prepare_v2(r->db, sql, -1, &s, NULL) != SQLITE_OK)
        return db_error(r, "cannot read the register", err);
    sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
    sc_status st;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        st = read_row(s, rec) == SC_OK ? SC_OK
                                       : sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    else if (rc == SQLITE_DONE)
        st = sc_error_set(err, SC_EINPUT, r->path, 0, 0, "no quote '%s' in the register", key);
    else
        st = db_error(r, "cannot read the register", err);
    sqlite3_finalize(s);
    return st;
}

sc_status sc_register_each(sc_register *r, void (*fn)(const sc_quote_record *, void *), void *ctx,
                           sc_error *err)
{
    sqlite3_stmt *s = NULL;
    char sql[sizeof select_all + 32];
    snprintf(sql, sizeof sql, "%s ORDER BY number", select_all);
    if (sqlite3_prepare_v2(r->db, sql, -1, &s, NULL) != SQLITE_OK)
        return db_error(r, "cannot read the register", err);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        sc_quote_record rec;
        if (read_row(s, &rec) != SC_OK) {
            sc_quote_record_free(&rec);
            sqlite3_finalize(s);
            return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
        }
        fn(&rec, ctx);
        sc_quote_record_free(&rec);
    }
    sc_status st = rc == SQLITE_DONE ? SC_OK : db_error(r, "cannot read the register", err);
    sqlite3_finalize(s);
    return st;
}

void sc_quote_record_free(sc_quote_record *rec)
{
    for (int i = 0; i < NTEXT; i++)
        free(*field(rec, i));
    memset(rec, 0, sizeof *rec);
}

