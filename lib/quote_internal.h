/* Inside the quote modules: a request checked and priced (the content of a
 * quote), shared by the document builder, the issuer and the register. */
#ifndef STEMCOST_QUOTE_INTERNAL_H
#define STEMCOST_QUOTE_INTERNAL_H

#include <sqlite3.h>

#include "stemcost/quote.h"

/* One item of the quote, furnished by one party. */
typedef struct qline {
    const sc_line *src;         /* the estimate's line */
    const char *code;           /* its service code: the party's own, else the tables', or "" */
    long quantity;
    sc_range amount;            /* the quote's currency */
    int own_price;              /* the party's own price, not the tables' */
    int interpolated;           /* a table price resting on interpolated numbers */
    int later_visit;            /* given at a visit scheduled separately */
    size_t party;
} qline;

typedef struct qparty {
    const sc_provider *provider;
    sc_provider_role role;
    const sc_price_list *prices;
    sc_range items, tax, total;
    size_t nlines, nown;
} qparty;

typedef struct quote_content {
    const sc_quote_request *req;
    sc_estimate_result est;
    int has_est;
    sc_plan_result plan;
    int has_plan;
    int us;
    const sc_currency *cur;
    sc_date issue, doc, valid, service, scheduled;
    int has_service;
    char issue_s[11], doc_s[11], valid_s[11], service_s[11], scheduled_s[11];
    char icd[SC_QUOTE_MAX_ICD10][9];
    size_t nicd;
    int joints_named;           /* joints the codes name (0: they name none) */
    sc_side side;               /* of the treated site(s), from the codes and sites */
    qline *lines;
    size_t nlines;
    qparty parties[SC_QUOTE_MAX_PARTIES];
    size_t nparties;
    sc_range total;
    sc_gfe_timing timing;
    char checksum[17];
    char scenario[1024];        /* the estimate options, key=value lines */
    char diagnosis[128];        /* "M17.11; E66.9" */
    char service_codes[256];    /* "99204; 73721; 20611" */
    char fx[512];               /* the rates used, in words; "" if none */
    char notices[SC_QUOTE_MAX_NOTICES][256];
    size_t nnotices;
} quote_content;

/* Check the request and price it (no register, no I/O).  `today` is the date
 * of issue. */
sc_status quote_prepare(const sc_pricing *p, const sc_quote_request *req, sc_date today,
                        quote_content *c, sc_error *err);
void quote_content_free(quote_content *c);
/* "right", "left", "both" or "". */
const char *quote_side_word(sc_side s);

/* The document of a prepared quote numbered `code`. */
sc_status quote_build_doc(const quote_content *c, const char *code, sc_quote_doc *doc,
                          sc_error *err);
sc_status quote_doc_add(sc_quote_doc *d, sc_block_kind kind, int n, const char *const *cells);

/* Warm the PDF fonts (fontconfig's caches) before a lock is taken. */
void quote_pdf_warm(void);
sc_status quote_render_pdf(const sc_quote_doc *doc, sc_quote_copies copies, FILE *fp,
                           sc_error *err);

/* ---- the register, inside ---- */
struct sc_register {
    sqlite3 *db;
    char *path;
    long wait_ms;
    void (*on_wait)(void *, const char *, const char *);
    void *ctx;
    int told;                   /* on_wait called already */
    long long wait_start_ms;
    char holder[128];           /* who held it when we last waited */
};

/* A failed SQLite call as an sc_error: SQLITE_BUSY/LOCKED beyond the wait is
 * SC_EBUSY naming the holder; anything else SC_EIO. */
sc_status reg_fail(sc_register *r, int rc, const char *what, sc_error *err);
sc_status reg_begin(sc_register *r, sc_error *err);
sc_status reg_commit(sc_register *r, sc_error *err);
void reg_rollback(sc_register *r);
/* Inside a transaction: record the quote and its lines, number it. */
sc_status reg_insert(sc_register *r, const quote_content *c, long *number, char code[32],
                     sc_error *err);
sc_status reg_store_doc(sc_register *r, long number, const sc_quote_doc *doc, sc_error *err);
/* The stored document of a quote and its record. */
sc_status reg_load_doc(sc_register *r, const char *key, sc_quote_doc *doc,
                       sc_quote_record *rec, sc_error *err);
void reg_bind_text(sqlite3_stmt *s, int i, const char *v); /* NULL binds "" */
/* sqlite3_step, or the failure of a text bind since the last step (out of
 * memory): every statement with text parameters steps through it. */
int reg_step(sqlite3_stmt *s);
/* Who holds the register's lock ("process 4242 (sqlite3)"), or "". */
void reg_lock_holder(const char *path, char *out, size_t size);

#endif
