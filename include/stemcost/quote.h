/* Quotes: written cost estimates billing staff hand to self-pay patients;
 * in the US a Good Faith Estimate (No Surprises Act, 45 CFR 149.610).
 *
 * A quote is built once as a document (an ordered list of blocks: titles,
 * fields, the itemised table, paragraphs) and rendered by three renderers:
 * plain text, a self-contained printable HTML page, and PDF through cairo.
 * Quotes are numbered and recorded in an SQLite register so that numbers stay
 * unique when several clerks issue quotes at once, and so that a quote can be
 * reissued identically while the pricing tables are unchanged.
 *
 * Ownership: every *_free function releases what its builder allocated. */
#ifndef STEMCOST_QUOTE_H
#define STEMCOST_QUOTE_H

#include <stdint.h>
#include <stdio.h>

#include "stemcost/dates.h"
#include "stemcost/estimate.h"
#include "stemcost/finance.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the provider or facility ----------------------------------------------------- */

typedef struct sc_provider {
    char *name, *npi, *tin, *address, *phone;
} sc_provider;

/* Read a provider file: either a CSV with a header row (name, npi, tin,
 * address, phone) and one data row, or key=value lines (# comments allowed).
 * NPI: 10 digits whose last is the Luhn check digit computed over "80840" and
 * the first nine (the NPI standard, 45 CFR 162.406); TIN: 9 digits (a hyphen
 * as in 12-3456789 is accepted and dropped).  Problems go to diags as
 * FILE:LINE:COLUMN. */
sc_status sc_provider_read(FILE *fp, const char *name, sc_provider *out, sc_diags *diags);
void sc_provider_free(sc_provider *p);
/* Is this a valid NPI (10 digits, Luhn check digit with the 80840 prefix)? */
int sc_npi_valid(const char *npi);

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
    int missed;            /* the quote date is after the deadline */
} sc_gfe_timing;

/* The deadline: scheduled at least 3 business days ahead, within 1 business
 * day; at least 10 ahead, or requested by the patient, within 3. */
void sc_gfe_timing_of(sc_date scheduled, sc_date service, int requested, sc_date quote_date,
                      sc_gfe_timing *out);

/* ---- the quote -------------------------------------------------------------------- */

typedef struct sc_quote_input {
    const char *number;            /* "SC-2026-000001" */
    sc_date quote_date, valid_until, service_date, scheduled;
    int requested;
    const char *patient, *dob, *contact;
    const sc_provider *provider;
    const sc_estimate_result *estimate;
    const sc_plan_result *plan;    /* or NULL */
    const char *pricing_checksum;
} sc_quote_input;

typedef enum sc_block_kind {
    SC_BLOCK_TITLE,
    SC_BLOCK_HEADING,
    SC_BLOCK_FIELD,     /* cells[0]: label, cells[1]: value */
    SC_BLOCK_TEXT,      /* cells[0] */
    SC_BLOCK_WARNING,   /* cells[0] */
    SC_BLOCK_TABLE_HEAD,
    SC_BLOCK_TABLE_ROW,
    SC_BLOCK_TABLE_TOTAL
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
    int us;             /* carries the US Good Faith Estimate text */
    char *number;
    sc_date date;       /* the quote date (PDF metadata uses it: reproducible) */
} sc_quote_doc;

sc_status sc_quote_build(const sc_quote_input *in, sc_quote_doc *doc, sc_error *err);
void sc_quote_doc_free(sc_quote_doc *doc);

typedef enum sc_quote_format { SC_QUOTE_TEXT, SC_QUOTE_HTML, SC_QUOTE_PDF } sc_quote_format;

/* Render to a stream.  PDF uses cairo with the DejaVu Sans font (it has the
 * $ CA$ EUR INR JPY symbols). */
sc_status sc_quote_render(const sc_quote_doc *doc, sc_quote_format fmt, FILE *fp, sc_error *err);

/* Release the font caches cairo and fontconfig keep for the life of the
 * process.  For a program about to exit, so that leak checkers see nothing
 * left; nothing that renders a PDF may run after it. */
void sc_quote_release_fonts(void);

/* A checksum of the pricing tables in use (FNV-1a, 64 bits, over every cell
 * of every table in order), as 16 hex digits. */
void sc_pricing_checksum(const sc_pricing *p, char out[17]);

/* ---- the register ----------------------------------------------------------------- */

typedef struct sc_register sc_register;

/* Open (creating with mode 0600 if absent: it holds personal data). */
sc_status sc_register_open(const char *path, sc_register **out, sc_error *err);
void sc_register_close(sc_register *r);

/* A recorded quote: everything needed to reissue it. */
typedef struct sc_quote_record {
    long number;
    char *code, *issued_at, *quote_date, *valid_until, *service_date, *scheduled, *patient,
        *dob, *contact, *provider, *scenario, *plan, *currency, *total_low, *total_typical,
        *total_high, *checksum;
    int requested;
} sc_quote_record;

/* Allocate the next number inside a transaction and record the quote;
 * rec->code and rec->number are set. */
sc_status sc_register_issue(sc_register *r, sc_quote_record *rec, sc_error *err);
sc_status sc_register_get(sc_register *r, const char *code_or_number, sc_quote_record *rec,
                          sc_error *err);
/* Call fn for every record, oldest first. */
sc_status sc_register_each(sc_register *r, void (*fn)(const sc_quote_record *, void *), void *ctx,
                           sc_error *err);
void sc_quote_record_free(sc_quote_record *rec);

#ifdef __cplusplus
}
#endif
#endif
