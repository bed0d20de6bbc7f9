/* Quotes: written cost estimates billing staff hand to self-pay patients;
 * in the US a Good Faith Estimate (No Surprises Act, 45 CFR 149.610; the
 * CMS standard form CMS-10791).
 *
 * The library issues a quote whole (sc_quote_issue): it checks the request
 * (every text is valid UTF-8, dates are real and in order, options that do
 * not apply to a self-pay estimate are refused), computes the estimate,
 * splits the items among the convening provider and its co-providers and
 * co-facilities (each at its own prices where it gave them), builds the
 * document (an ordered list of blocks), renders it, and records it in the
 * register, all or nothing: a quote is in the register exactly when its
 * document could be produced.  The register keeps the document's content, so
 * sc_quote_reissue reproduces it from the register alone, marked
 * "COPY - reissued on DATE", whatever has happened to the pricing tables.
 *
 * The date of issue is the date the register records (the local date when
 * the quote is recorded); a different date on the document needs a reason,
 * which is recorded and printed.
 *
 * Ownership: every *_free function releases what its builder allocated. */
#ifndef STEMCOST_QUOTE_H
#define STEMCOST_QUOTE_H

#include <stdint.h>
#include <stdio.h>

#include "stemcost/dates.h"
#include "stemcost/estimate.h"
#include "stemcost/text.h"
#include "stemcost/finance.h"

#ifdef __cplusplus
extern "C" {
#endif


/* ---- the provider or facility ----------------------------------------------------- */

typedef enum sc_provider_role {
    SC_ROLE_CONVENING,      /* schedules the service and gives the estimate */
    SC_ROLE_CO_PROVIDER,    /* another practitioner furnishing some items */
    SC_ROLE_CO_FACILITY     /* another facility furnishing some items */
} sc_provider_role;

typedef struct sc_provider {
    char *name, *address, *phone;
    char *npi, *tin;                 /* US providers (required in the US) */
    char *registration;              /* elsewhere: the provider's registration number */
    char *registration_label;        /* what that number is ("Registration number") */
    char *lanr, *bsnr;               /* Germany: physician (LANR) and practice (BSNR) numbers */
    sc_provider_role role;
    char *items;      /* co-providers: the items they furnish ("imaging; labs"): line
                       * ids, categories or service codes, separated by ';' */
    char *prices;     /* the provider's price file, as written in the provider file */
} sc_provider;

/* Read a provider file: a CSV with a header row and one data row, or key=value
 * lines (# comments allowed).  Keys (= CSV columns): name, address, phone,
 * npi, tin, registration, registration_label, lanr, bsnr, role (convening,
 * co-provider, co-facility), items, prices.  A value may hold a line break
 * (a quoted CSV cell) only in address.  `country` is the country of care:
 * in the US, npi (10 digits whose last is the Luhn check digit over "80840"
 * and the first nine, 45 CFR 162.406) and tin (9 digits; 12-3456789 is
 * accepted) are required; elsewhere a registration number (or, in Germany, a
 * LANR or BSNR of 9 digits) is.  Problems go to diags as FILE:LINE:COLUMN. */
sc_status sc_provider_read(FILE *fp, const char *name, const char *country, sc_provider *out,
                           sc_diags *diags);
void sc_provider_free(sc_provider *p);
/* Is this a valid NPI (10 digits, Luhn check digit with the 80840 prefix)? */
int sc_npi_valid(const char *npi);

/* A provider's own cash prices: CSV with columns item,price (item: a line id
 * such as "imaging", a category, or a service code such as 73721; price: per
 * unit, in the quote's currency; an optional currency column must say so). */
typedef struct sc_price_entry {
    char *item;
    int64_t price;          /* minor units of the list's currency */
    long line;
    char *code;             /* the service code it is billed under, or NULL */
} sc_price_entry;

typedef struct sc_price_list {
    char *name;             /* the file, for messages and the document */
    const sc_currency *currency;
    sc_price_entry *entries;
    size_t n;
} sc_price_list;

sc_status sc_price_list_read(FILE *fp, const char *name, const sc_currency *currency,
                             sc_price_list *out, sc_diags *diags);
void sc_price_list_free(sc_price_list *l);

/* ---- diagnosis codes -------------------------------------------------------------- */

typedef enum sc_side { SC_SIDE_NONE, SC_SIDE_RIGHT, SC_SIDE_LEFT, SC_SIDE_BOTH,
                       SC_SIDE_UNSPECIFIED } sc_side;

/* Normalise an ICD-10-CM code into out (at least 9 bytes): upper case, the
 * point after the third character ("m1711" -> "M17.11").  The form is a
 * letter, a digit, a letter or digit, then up to four letters or digits.
 * Codes of the categories the built-in list knows (knee and hip
 * osteoarthritis, M16 and M17) must be billable codes of that list. */
sc_status sc_icd10_normalise(const char *code, char out[9], sc_error *err);
/* The side a code names, where its category encodes one (M16, M17, and the
 * right/left character of M65, M70, M75, M76, M77); SC_SIDE_NONE otherwise.
 * *title, when the code is in the built-in list, its title (else NULL). */
sc_side sc_icd10_side(const char *code, const char **title);

/* ---- Good Faith Estimate timing ------------------------------------------------------ */

/* Business days are Monday to Friday (federal holidays are not modelled:
 * give the dates with them in mind). */
int sc_business_days_between(sc_date from, sc_date to); /* days after `from`, up to `to` */
sc_date sc_add_business_days(sc_date d, int n);

typedef struct sc_gfe_timing {
    int required;          /* 0 when scheduled less than 3 business days ahead */
    int business_days;     /* from scheduling to the service */
    int allowed;           /* 1 or 3 business days to give the estimate */
    sc_date deadline;
    int missed;            /* issued after the deadline */
} sc_gfe_timing;

/* The deadline: scheduled at least 3 business days ahead, within 1 business
 * day; at least 10 ahead, or requested by the patient, within 3.  A request
 * without a service date (shopping) has no `service`: pass has_service 0. */
void sc_gfe_timing_of(sc_date scheduled, sc_date service, int has_service, int requested,
                      sc_date issued, sc_gfe_timing *out);

/* ---- the document ----------------------------------------------------------------- */

typedef enum sc_block_kind {
    SC_BLOCK_TITLE,
    SC_BLOCK_HEADING,
    SC_BLOCK_FIELD,        /* cells[0]: label, cells[1]: value */
    SC_BLOCK_TEXT,         /* cells[0] */
    SC_BLOCK_WARNING,      /* cells[0] */
    SC_BLOCK_TABLE_HEAD,   /* cells: the column titles */
    SC_BLOCK_TABLE_ROW,
    SC_BLOCK_TABLE_TOTAL,
    SC_BLOCK_SIGNATURE     /* cells: the labels of lines to fill in by hand */
} sc_block_kind;

#define SC_BLOCK_CELLS 6

typedef struct sc_block {
    sc_block_kind kind;
    char *cells[SC_BLOCK_CELLS];
    int ncells;
} sc_block;

typedef struct sc_quote_doc {
    sc_block *blocks;
    size_t n, cap;
    char *number;       /* the quote number, on every page */
    char *patient;      /* the patient's name, on every page */
    sc_date date;       /* the document date (PDF metadata: a reissue is reproducible) */
    char reissued[11];  /* "" for the original, else the date of the copy */
    char *state_note;   /* for a reissued copy: "void since ...", or NULL */
} sc_quote_doc;

void sc_quote_doc_free(sc_quote_doc *doc);

typedef enum sc_quote_format { SC_QUOTE_TEXT, SC_QUOTE_HTML, SC_QUOTE_PDF } sc_quote_format;

/* Which copies a document is rendered as: each is the whole document, its
 * pages labelled "Patient copy" or "Provider copy". */
typedef enum sc_quote_copies { SC_COPIES_BOTH, SC_COPIES_PATIENT, SC_COPIES_PROVIDER } sc_quote_copies;

/* Render to a stream.  PDF (cairo, A4): "Page x of y", the quote number, the
 * patient and the copy on every page; the items table's header repeated on
 * each page it continues on; no row split across pages; amounts aligned
 * right; text in DejaVu Sans, with any character it lacks (CJK, Devanagari)
 * drawn in a font fontconfig finds for it.  Every cairo status is checked. */
sc_status sc_quote_render(const sc_quote_doc *doc, sc_quote_format fmt, sc_quote_copies copies,
                          FILE *fp, sc_error *err);

/* Release the font caches cairo and fontconfig keep for the life of the
 * process.  For a program about to exit, so that leak checkers see nothing
 * left; nothing that renders a PDF may run after it. */
void sc_quote_release_fonts(void);


/* ---- the register ----------------------------------------------------------------- */

typedef struct sc_register sc_register;

typedef struct sc_register_options {
    long wait_ms;   /* how long to wait for another process's lock (< 0: the default, 15 s) */
    /* Called once, when a wait begins: `holder` says who holds the register
     * ("process 4242 (sqlite3)"), or is "" when that cannot be told. */
    void (*on_wait)(void *ctx, const char *path, const char *holder);
    void *ctx;
} sc_register_options;

#define SC_REGISTER_WAIT_DEFAULT_MS 15000L

/* Open the register, creating it if absent: mode 0600, or 0660 in a
 * directory that is group-writable (a register shared by a group of clerks).
 * An existing register that others (not owner, not group) may read or write
 * is fixed (o-rwx) when we own it, else refused (SC_EINPUT); *fixed, if not
 * NULL, says whether it was fixed.  A register locked beyond the wait gives
 * SC_EBUSY (SC_R_BUSY) naming the holder.  Registers of the first version
 * are upgraded in place (their quotes keep no document and cannot be
 * reissued).  opt may be NULL (the defaults). */
sc_status sc_register_open(const char *path, const sc_register_options *opt,
                           sc_register **out, int *fixed, sc_error *err);
/* The same for a register that must already exist (to read it, or to change
 * a recorded quote): no file is created, and no file at path is SC_EINPUT
 * (SC_R_NOT_FOUND) naming the path. */
sc_status sc_register_open_existing(const char *path, const sc_register_options *opt,
                                    sc_register **out, int *fixed, sc_error *err);
void sc_register_close(sc_register *r);
const char *sc_register_path(const sc_register *r);

typedef enum sc_quote_state {
    SC_QSTATE_ISSUED, SC_QSTATE_DELIVERED, SC_QSTATE_SUPERSEDED, SC_QSTATE_VOID
} sc_quote_state;
const char *sc_quote_state_name(sc_quote_state s);

/* A recorded quote, as the register lists it. */
typedef struct sc_quote_record {
    long number;
    char *code, *issued_at, *issue_date, *document_date, *date_reason, *valid_until,
        *service_date, *scheduled, *patient, *dob, *contact, *provider, *provider_npi,
        *provider_tin, *provider_registration, *country, *procedure, *condition, *diagnosis,
        *service_codes, *currency, *fx, *checksum, *scenario, *plan, *delivered_on,
        *delivery_method, *voided_on, *void_reason, *superseded_by, *supersedes;
    int requested, sites, sessions;
    sc_quote_state state;
    int expired;            /* valid_until before today, and not void or superseded */
    int64_t total, total_low, total_high;   /* minor units of currency */
    long nlines;
    const sc_currency *cur;
} sc_quote_record;
void sc_quote_record_free(sc_quote_record *rec);

/* One line item of a recorded quote. */
typedef struct sc_quote_line_record {
    const char *code_of_quote, *provider, *npi, *item, *description, *service_code, *basis;
    long seq, quantity;
    int64_t charge;
    const sc_currency *cur;
} sc_quote_line_record;

/* Which quotes: every field may be NULL (no filter).  Dates are the date of
 * issue, inclusive; patient and provider match a part of the name (any
 * case), provider also the NPI; code is one quote (its code or number). */
typedef struct sc_quote_filter {
    const char *from, *to, *patient, *provider, *state, *code;
    int expired_only;
} sc_quote_filter;

/* Check a filter's values (dates, state, texts), errors naming the option:
 * the walks and the export check it too, but a caller that writes a header or
 * opens a register first checks here, so a bad filter writes nothing. */
sc_status sc_quote_filter_check(const sc_quote_filter *f, sc_error *err);

sc_status sc_register_get(sc_register *r, const char *code_or_number, sc_quote_record *rec,
                          sc_error *err);
/* Call fn for every record that passes the filter, oldest first (fn may stop
 * the walk by returning non-zero). */
sc_status sc_register_each(sc_register *r, const sc_quote_filter *f,
                           int (*fn)(const sc_quote_record *, void *), void *ctx,
                           sc_error *err);
sc_status sc_register_each_line(sc_register *r, const sc_quote_filter *f,
                                int (*fn)(const sc_quote_line_record *, void *), void *ctx,
                                sc_error *err);

/* State changes.  deliver: issued -> delivered, with how (text) and when
 * (YYYY-MM-DD, not before the date of issue nor after today; NULL: today).
 * void: issued or delivered -> void, with a reason.  supersede: the quote
 * `old` -> superseded by `by` (issued later, for the same patient and date
 * of birth), linked both ways. */
sc_status sc_register_deliver(sc_register *r, const char *key, const char *method,
                              const char *on, sc_error *err);
sc_status sc_register_void(sc_register *r, const char *key, const char *reason, sc_error *err);
sc_status sc_register_supersede(sc_register *r, const char *old, const char *by,
                                sc_error *err);

/* Export: one row per quote (flat columns) or one row per line item, as CSV
 * (text cells starting with = + - @ or a tab or CR are prefixed with ' so a
 * spreadsheet takes them as text) or JSON (amounts and counts as numbers). */
typedef enum sc_export_kind { SC_EXPORT_QUOTES, SC_EXPORT_LINES } sc_export_kind;
sc_status sc_register_export(sc_register *r, const sc_quote_filter *f, sc_export_kind kind,
                             int json, FILE *fp, sc_error *err);

/* ---- issuing ---------------------------------------------------------------------- */

#define SC_QUOTE_MAX_PARTIES 8
#define SC_QUOTE_MAX_ICD10 12

typedef struct sc_quote_party {
    const sc_provider *provider;     /* parties[0] is the convening provider */
    const sc_price_list *prices;     /* its own prices, or NULL */
} sc_quote_party;

/* What a clerk asks for, as text (each value checked here, errors naming the
 * option).  NULL means not given. */
typedef struct sc_quote_request {
    sc_scenario scenario;            /* the estimate options; today is set here */
    const char *patient, *dob, *contact;
    const char *service_date;        /* required unless requested (shopping) */
    const char *scheduled;           /* default: the date of issue */
    int requested;
    const char *document_date;       /* default: the date of issue */
    const char *date_reason;         /* required when document_date differs */
    const char *valid_days;          /* 1 to 365, default 30 */
    const char *icd10[SC_QUOTE_MAX_ICD10];
    size_t nicd10;                   /* at least one for a US Good Faith Estimate */
    const char *plan;                /* a financing offer */
    sc_quote_party parties[SC_QUOTE_MAX_PARTIES];
    size_t nparties;
} sc_quote_request;

/* What the clerk should know about an issued quote (not errors). */
#define SC_QUOTE_MAX_NOTICES 4
typedef struct sc_issued_quote {
    char code[32];
    long number;
    char issue_date[11];
    char *data;             /* the rendered document */
    size_t size;
    char notices[SC_QUOTE_MAX_NOTICES][256];
    size_t nnotices;
} sc_issued_quote;

/* sc_quote_issue's first step alone: check and price the request, touching no
 * register and writing nothing.  A front end calls it before it creates or
 * locks a register or opens an output, so a refused request leaves nothing
 * behind (the same rules: sc_quote_issue refuses exactly what this refuses,
 * bar what the register says). */
sc_status sc_quote_check(const sc_pricing *p, const sc_quote_request *req, sc_error *err);
sc_status sc_quote_issue(const sc_pricing *p, sc_register *reg, const sc_quote_request *req,
                         sc_quote_format fmt, sc_quote_copies copies, sc_issued_quote *out,
                         sc_error *err);
/* Reproduce a recorded quote from the register alone, marked as a copy
 * reissued today (and, if so, as void or superseded). */
sc_status sc_quote_reissue(sc_register *reg, const char *code_or_number, sc_quote_format fmt,
                           sc_quote_copies copies, sc_issued_quote *out, sc_error *err);
void sc_issued_quote_free(sc_issued_quote *q);

#ifdef __cplusplus
}
#endif
#endif
