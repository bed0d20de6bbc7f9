/* The quote register: an SQLite file.
 *
 * Numbers stay unique when several clerks issue quotes at once: a number is
 * allocated inside an IMMEDIATE transaction (which takes the write lock
 * first), with the quote's record, lines and document, and committed at once;
 * a crash or kill -9 rolls an unfinished one back (SQLite's write-ahead log),
 * so no quote is ever half recorded and no number used twice.
 *
 * The register runs in WAL mode: readers (quotes list, a backup, a clerk's
 * sqlite3 session) never block a clerk issuing a quote, and a clerk never
 * blocks them.  Only another writer, or a process holding the whole file
 * (locking_mode=exclusive), makes us wait: up to the wait given (default 15
 * s), telling the caller once who holds it (from /proc/locks, where the system
 * has it), then failing with SC_EBUSY.  The register must be on a local file
 * system: SQLite's WAL mode does not work over a network share.
 *
 * It holds patients' personal data: created 0600 (0660 in a group-writable
 * directory, for a register shared by a group of clerks), and never used while
 * other users can read it. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "quote_internal.h"

#define SCHEMA_VERSION 2

static const char schema[] =
    "CREATE TABLE quotes ("
    " number INTEGER PRIMARY KEY AUTOINCREMENT,"
    " code TEXT UNIQUE,"
    " state TEXT NOT NULL DEFAULT 'issued',"
    " issued_at TEXT NOT NULL, issue_date TEXT NOT NULL, document_date TEXT NOT NULL,"
    " date_reason TEXT NOT NULL DEFAULT '', valid_until TEXT NOT NULL,"
    " service_date TEXT NOT NULL DEFAULT '', scheduled TEXT NOT NULL DEFAULT '',"
    " requested INTEGER NOT NULL DEFAULT 0,"
    " patient TEXT NOT NULL, dob TEXT NOT NULL, contact TEXT NOT NULL DEFAULT '',"
    " provider TEXT NOT NULL DEFAULT '', provider_npi TEXT NOT NULL DEFAULT '',"
    " provider_tin TEXT NOT NULL DEFAULT '', provider_registration TEXT NOT NULL DEFAULT '',"
    " country TEXT NOT NULL DEFAULT '', procedure TEXT NOT NULL DEFAULT '',"
    " condition TEXT NOT NULL DEFAULT '', sites INTEGER NOT NULL DEFAULT 0,"
    " sessions INTEGER NOT NULL DEFAULT 0, diagnosis TEXT NOT NULL DEFAULT '',"
    " service_codes TEXT NOT NULL DEFAULT '', currency TEXT NOT NULL,"
    " total INTEGER NOT NULL, total_low INTEGER NOT NULL, total_high INTEGER NOT NULL,"
    " fx TEXT NOT NULL DEFAULT '', checksum TEXT NOT NULL DEFAULT '',"
    " scenario TEXT NOT NULL DEFAULT '', plan TEXT NOT NULL DEFAULT '',"
    " nblocks INTEGER NOT NULL DEFAULT 0, nlines INTEGER NOT NULL DEFAULT 0,"
    " delivered_on TEXT NOT NULL DEFAULT '', delivery_method TEXT NOT NULL DEFAULT '',"
    " voided_on TEXT NOT NULL DEFAULT '', void_reason TEXT NOT NULL DEFAULT '',"
    " superseded_by TEXT NOT NULL DEFAULT '', supersedes TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE quote_lines ("
    " number INTEGER NOT NULL REFERENCES quotes(number), seq INTEGER NOT NULL,"
    " provider TEXT NOT NULL, npi TEXT NOT NULL, item TEXT NOT NULL,"
    " description TEXT NOT NULL, code TEXT NOT NULL, quantity INTEGER NOT NULL,"
    " charge INTEGER NOT NULL, currency TEXT NOT NULL, basis TEXT NOT NULL,"
    " PRIMARY KEY (number, seq)) WITHOUT ROWID;"
    "CREATE TABLE quote_blocks ("
    " number INTEGER NOT NULL REFERENCES quotes(number), seq INTEGER NOT NULL,"
    " kind INTEGER NOT NULL, ncells INTEGER NOT NULL,"
    " c0 TEXT, c1 TEXT, c2 TEXT, c3 TEXT, c4 TEXT, c5 TEXT,"
    " PRIMARY KEY (number, seq)) WITHOUT ROWID;"
    "CREATE INDEX quotes_issue_date ON quotes(issue_date);"
    "PRAGMA user_version = 2;";

/* The first version kept one row per quote, totals as decimal text and the
 * provider as key=value lines; its quotes keep no document (nblocks 0). */
static const char migrate_v1[] =
    "ALTER TABLE quotes RENAME TO quotes_v1;"
    "%s"
    "INSERT INTO quotes (number, code, state, issued_at, issue_date, document_date,"
    " valid_until, service_date, scheduled, requested, patient, dob, contact, provider,"
    " provider_npi, scenario, plan, currency, total, total_low, total_high, checksum)"
    " SELECT number, code, 'issued', issued_at, substr(issued_at, 1, 10), quote_date,"
    " valid_until, service_date, scheduled, requested, patient, dob, contact,"
    " substr(provider, 6, instr(provider, char(10)) - 6),"
    " substr(provider, instr(provider, 'npi=') + 4, 10), scenario, plan, currency,"
    " CAST(replace(total_typical, '.', '') AS INTEGER),"
    " CAST(replace(total_low, '.', '') AS INTEGER),"
    " CAST(replace(total_high, '.', '') AS INTEGER), checksum FROM quotes_v1;"
    "DROP TABLE quotes_v1;";

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}


/* Wait for another process's lock: short sleeps up to the wait, telling the
 * caller once (after a second, so brief waits between clerks stay quiet). */
static int busy_handler(void *arg, int count)
{
    sc_register *r = arg;
    long long now = now_ms();
    if (count == 0)
        r->wait_start_ms = now;
    long long waited = now - r->wait_start_ms;
    if (waited >= r->wait_ms) {
        reg_lock_holder(r->path, r->holder, sizeof r->holder);
        return 0;
    }
    if (!r->told && waited >= 1000 && r->on_wait != NULL) {
        reg_lock_holder(r->path, r->holder, sizeof r->holder);
        r->on_wait(r->ctx, r->path, r->holder);
        r->told = 1;
    }
    long step = count < 10 ? 5 + count * 5 : 50;
    if (step > r->wait_ms - waited)
        step = (long)(r->wait_ms - waited);
    sqlite3_sleep((int)(step > 0 ? step : 1));
    return 1;
}

sc_status reg_fail(sc_register *r, int rc, const char *what, sc_error *err)
{
    int primary = rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
        if (r->holder[0] == '\0')
            reg_lock_holder(r->path, r->holder, sizeof r->holder);
        sc_error_set(err, SC_EBUSY, r->path, 0, 0,
                     "the register is busy: %s has held it for more than %ld second%s; try "
                     "again later (or wait longer with --wait SECONDS)",
                     r->holder[0] ? r->holder : "another process", r->wait_ms / 1000,
                     r->wait_ms / 1000 == 1 ? "" : "s");
        return sc_error_reason(err, SC_R_BUSY);
    }
    if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
        return sc_error_set(err, SC_EINPUT, r->path, 0, 0, "%s: not a stemcost register (%s)",
                            what, sqlite3_errstr(rc));
    if (primary == SQLITE_NOMEM)
        return sc_error_set(err, SC_ENOMEM, r->path, 0, 0, "%s: out of memory", what);
    return sc_error_set(err, SC_EIO, r->path, 0, 0, "%s: %s", what, sqlite3_errmsg(r->db));
}

static sc_status exec(sc_register *r, const char *sql, const char *what, sc_error *err)
{
    int rc = sqlite3_exec(r->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? SC_OK : reg_fail(r, rc, what, err);
}

sc_status reg_begin(sc_register *r, sc_error *err)
{
    return exec(r, "BEGIN IMMEDIATE", "cannot lock the register", err);
}

sc_status reg_commit(sc_register *r, sc_error *err)
{
    sc_status st = exec(r, "COMMIT", "cannot commit to the register", err);
    if (st != SC_OK)
        reg_rollback(r);
    return st;
}

void reg_rollback(sc_register *r)
{
    if (!sqlite3_get_autocommit(r->db))
        sqlite3_exec(r->db, "ROLLBACK", NULL, NULL, NULL);
}

static int int_query(sc_register *r, const char *sql, long *out)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(r->db, sql, -1, &s, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *out = (long)sqlite3_column_int64(s, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(s);
    return rc;
}

/* Create the tables, or upgrade the first version's, under the write lock. */
static sc_status ensure_schema(sc_register *r, sc_error *err)
{
    long version = 0, tables = 0, quotes = 0;
    int rc = int_query(r, "PRAGMA user_version", &version);
    if (rc != SQLITE_OK)
        return reg_fail(r, rc, "cannot read the register", err);
    if (version == SCHEMA_VERSION)
        return SC_OK;
    if (version > SCHEMA_VERSION)
        return sc_error_set(err, SC_EINPUT, r->path, 0, 0,
                            "written by a newer stemcost (register version %ld); use that "
                            "version", version);
    if (reg_begin(r, err) != SC_OK)
        return err ? err->status : SC_EBUSY;
    if ((rc = int_query(r, "PRAGMA user_version", &version)) != SQLITE_OK ||
        (rc = int_query(r, "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                        &tables)) != SQLITE_OK ||
        (rc = int_query(r, "SELECT count(*) FROM sqlite_master WHERE name = 'quotes'",
                        &quotes)) != SQLITE_OK) {
        reg_rollback(r);
        return reg_fail(r, rc, "cannot read the register", err);
    }
    sc_status st = SC_OK;
    if (version == SCHEMA_VERSION) {
        /* another process created it meanwhile */
    } else if (quotes) {
        char *sql = sqlite3_mprintf(migrate_v1, schema);
        st = sql ? exec(r, sql, "cannot upgrade the register", err)
                 : sc_error_set(err, SC_ENOMEM, r->path, 0, 0, "out of memory");
        sqlite3_free(sql);
    } else if (tables > 1 || (tables == 1 && quotes == 0)) {
        st = sc_error_set(err, SC_EINPUT, r->path, 0, 0,
                          "an SQLite database, but not a stemcost register");
    } else {
        st = exec(r, schema, "cannot create the register", err);
    }
    if (st != SC_OK) {
        reg_rollback(r);
        return st;
    }
    return reg_commit(r, err);
}

/* Others (not the owner, not the group) must have no access: fix it if the
 * file is ours, else refuse.  The WAL files get the same mode from SQLite. */
static sc_status check_mode(const char *path, int *fixed, sc_error *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return sc_error_set(err, SC_EIO, path, 0, 0, "cannot read the register: %s",
                            strerror(errno));
    if (S_ISDIR(sb.st_mode))
        return sc_error_set(err, SC_EINPUT, path, 0, 0, "is a directory, not a register file");
    if (!S_ISREG(sb.st_mode))
        return sc_error_set(err, SC_EINPUT, path, 0, 0, "is not a regular file");
    if ((sb.st_mode & 0007) == 0)
        return SC_OK;
    if (sb.st_uid == geteuid() && chmod(path, sb.st_mode & 0770) == 0) {
        static const char *const side[] = {"-wal", "-shm", "-journal"};
        for (size_t i = 0; i < sizeof side / sizeof *side; i++) {
            char p[4096];
            snprintf(p, sizeof p, "%s%s", path, side[i]);
            struct stat ss;
            if (stat(p, &ss) == 0 && S_ISREG(ss.st_mode))
                chmod(p, ss.st_mode & 0770);
        }
        if (fixed)
            *fixed = 1;
        return SC_OK;
    }
    return sc_error_set(err, SC_EINPUT, path, 0, 0,
                        "other users of this machine can read it (mode %04o) and it holds "
                        "patients' personal data: its owner must run 'chmod o-rwx %s'",
                        (unsigned)(sb.st_mode & 07777), path);
}

/* Create an absent register: 0600, or 0660 in a directory its group may
 * write (a register shared by a group of clerks). */
static sc_status create_file(const char *path, sc_error *err)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) + 1 : 1, slash ? path : ".");
    struct stat ds;
    mode_t mode = (stat(dir, &ds) == 0 && (ds.st_mode & S_IWGRP)) ? 0660 : 0600;
    int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, mode);
    if (fd < 0 && errno != EEXIST)
        return sc_error_set(err, SC_EIO, path, 0, 0, "cannot create the register: %s",
                            strerror(errno));
    if (fd >= 0) {
        fchmod(fd, mode); /* exactly, whatever the umask */
        close(fd);
    }
    return SC_OK;
}

/* No file at path: create one, or (create 0) say there is no register. */
static sc_status absent(const char *path, int create, sc_error *err)
{
    if (create)
        return create_file(path, err);
    if (errno != ENOENT && errno != ENOTDIR)
        return sc_error_set(err, SC_EIO, path, 0, 0, "cannot read the register: %s",
                            strerror(errno));
    sc_error_set(err, SC_EINPUT, path, 0, 0,
                 "no quote register here (it is made by the first 'stemcost quote')");
    return sc_error_reason(err, SC_R_NOT_FOUND);
}

static sc_status open_register(const char *path, const sc_register_options *opt, int create,
                               sc_register **out, int *fixed, sc_error *err)
{
    sc_error local;
    if (err == NULL)
        err = &local;
    *out = NULL;
    if (fixed)
        *fixed = 0;
    if (path == NULL || path[0] == '\0')
        return sc_error_field(err, SC_EUSAGE, SC_R_EMPTY, "register", "empty path");
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (absent(path, create, err) != SC_OK)
            return err->status;
    } else if (!create && S_ISREG(sb.st_mode) && sb.st_size == 0) {
        /* SQLite would take an empty file for an empty database and make it a
         * register; reading one must not (a mistyped name made by `touch`). */
        sc_error_set(err, SC_EINPUT, path, 0, 0,
                     "is empty: not a quote register (one is made by the first 'stemcost "
                     "quote')");
        return sc_error_reason(err, SC_R_NOT_FOUND);
    }
    if (check_mode(path, fixed, err) != SC_OK)
        return err->status;
    sc_register *r = calloc(1, sizeof *r);
    if (r == NULL || (r->path = strdup(path)) == NULL) {
        free(r);
        return sc_error_set(err, SC_ENOMEM, path, 0, 0, "out of memory");
    }
    r->wait_ms = opt && opt->wait_ms >= 0 ? opt->wait_ms : SC_REGISTER_WAIT_DEFAULT_MS;
    r->on_wait = opt ? opt->on_wait : NULL;
    r->ctx = opt ? opt->ctx : NULL;
    int rc = sqlite3_open_v2(path, &r->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
    if (rc != SQLITE_OK) {
        sc_status st = r->db ? reg_fail(r, rc, "cannot open the register", err)
                             : sc_error_set(err, SC_ENOMEM, path, 0, 0, "out of memory");
        sc_register_close(r);
        return st;
    }
    sqlite3_extended_result_codes(r->db, 1);
    sqlite3_busy_handler(r->db, busy_handler, r);
    /* WAL: readers and the writer do not block each other; FULL: a committed
     * quote survives a power cut, not only a crash. */
    sc_status st = exec(r, "PRAGMA journal_mode = WAL", "cannot open the register", err);
    if (st == SC_OK)
        st = exec(r, "PRAGMA synchronous = FULL", "cannot open the register", err);
    if (st == SC_OK)
        st = ensure_schema(r, err);
    if (st != SC_OK) {
        sc_register_close(r);
        return st;
    }
    *out = r;
    return SC_OK;
}

sc_status sc_register_open(const char *path, const sc_register_options *opt, sc_register **out,
                           int *fixed, sc_error *err)
{
    return open_register(path, opt, 1, out, fixed, err);
}

sc_status sc_register_open_existing(const char *path, const sc_register_options *opt,
                                    sc_register **out, int *fixed, sc_error *err)
{
    return open_register(path, opt, 0, out, fixed, err);
}

void sc_register_close(sc_register *r)
{
    if (r == NULL)
        return;
    sqlite3_close(r->db);
    free(r->path);
    free(r);
}

const char *sc_register_path(const sc_register *r)
{
    return r->path;
}

/* ---- who holds the lock -------------------------------------------------------------- */

/* SQLite's unix locks (os_unix.c): the WAL writer lock is byte 120 of the
 * -shm file; in rollback mode, the lock bytes of the database file start at
 * 2^30 (PENDING, RESERVED, then 510 SHARED bytes). */
#define SHM_WRITE_LOCK 120LL
#define DB_LOCK_FIRST 0x40000000LL
#define DB_LOCK_LAST (0x40000000LL + 511)

static int lock_on(const char *line, dev_t dev, ino_t ino, long long lo, long long hi,
                   int want_write, long *pid)
{
    char kind[16], adv[16], type[16], end[24];
    unsigned maj, min;
    unsigned long inode;
    long long start;
    long p;
    if (strstr(line, "->") != NULL)
        return 0; /* a process waiting for the lock, not holding it */
    if (sscanf(line, "%*d: %15s %15s %15s %ld %x:%x:%lu %lld %23s", kind, adv, type, &p, &maj,
               &min, &inode, &start, end) != 9)
        return 0;
    if (strcmp(kind, "POSIX") != 0 || major(dev) != maj || minor(dev) != min ||
        (ino_t)inode != ino || p <= 0 || p == (long)getpid())
        return 0;
    long long stop = strcmp(end, "EOF") == 0 ? -1 : atoll(end);
    if (start > hi || (stop >= 0 && stop < lo))
        return 0;
    if (want_write && strcmp(type, "WRITE") != 0)
        return 0;
    *pid = p;
    return 1;
}

void reg_lock_holder(const char *path, char *out, size_t size)
{
    out[0] = '\0';
    char shm[4096];
    snprintf(shm, sizeof shm, "%s-shm", path);
    struct stat db, sh;
    int have_db = stat(path, &db) == 0, have_shm = stat(shm, &sh) == 0;
    FILE *fp = fopen("/proc/locks", "r");
    if (fp == NULL)
        return;
    char line[256];
    long pid = 0, fallback = 0;
    while (pid == 0 && fgets(line, sizeof line, fp) != NULL) {
        long p;
        if (have_shm && lock_on(line, sh.st_dev, sh.st_ino, SHM_WRITE_LOCK, SHM_WRITE_LOCK, 1, &p))
            pid = p;
        else if (have_db && fallback == 0 &&
                 lock_on(line, db.st_dev, db.st_ino, DB_LOCK_FIRST, DB_LOCK_LAST, 0, &p))
            fallback = p;
    }
    fclose(fp);
    if (pid == 0)
        pid = fallback;
    if (pid == 0)
        return;
    char comm[64] = "", cpath[64];
    snprintf(cpath, sizeof cpath, "/proc/%ld/comm", pid);
    FILE *c = fopen(cpath, "r");
    if (c != NULL) {
        if (fgets(comm, sizeof comm, c) != NULL)
            comm[strcspn(comm, "\n")] = '\0';
        fclose(c);
    }
    if (comm[0])
        snprintf(out, size, "process %ld (%s)", pid, comm);
    else
        snprintf(out, size, "process %ld", pid);
}
