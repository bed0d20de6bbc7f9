/* Strict, streaming CSV input over libcsv.
 *
 * Every CSV that stemcost reads comes through here.  It parses in libcsv's
 * strict mode (a stray or unterminated quote is an error, never a silently
 * merged field), strips a UTF-8 byte-order mark, accepts CRLF and bare-CR
 * line ends (each one line for the count) and quoted fields holding commas
 * and newlines, refuses NUL bytes, invalid UTF-8 and control characters (C0
 * but a tab or a line break in a quoted field, DEL, C1: the rule of
 * sc_text_check, whose typed text allows no tab), and enforces field-size and field-count limits.  It counts physical
 * lines itself (libcsv does not), so every record and field carries the real
 * line it starts on.  Blank lines are skipped (libcsv's behaviour).  By
 * default unquoted fields are trimmed of surrounding spaces and tabs (quoted
 * ones are kept as is); with keep_spaces every field comes back byte for byte
 * (RFC 4180: spaces are part of a field), CR LF inside a quoted field included.
 */
#ifndef STEMCOST_CSVIN_H
#define STEMCOST_CSVIN_H

#include <stdio.h>

#include "stemcost/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sc_csv_record {
    size_t count;       /* number of fields */
    char **fields;      /* NUL-terminated; owned by the reader, valid during the callback */
    size_t *lengths;
    long *lines;        /* physical line on which each field starts */
    long line;          /* physical line on which the record starts */
    long number;        /* 1-based record number (the header, if any, is record 1) */
} sc_csv_record;

/* Called once per record.  Return SC_OK to go on; anything else stops the read
 * and is returned by sc_csv_read (with *err as the callback left it). */
typedef sc_status (*sc_csv_record_fn)(const sc_csv_record *rec, void *ctx, sc_error *err);

typedef struct sc_csv_options {
    size_t max_field_bytes; /* 0: the default, SC_CSV_DEFAULT_MAX_FIELD */
    size_t max_fields;      /* 0: the default, SC_CSV_DEFAULT_MAX_FIELDS */
    char delimiter;         /* 0: ','; or ';' or '\t' (what spreadsheets write in many locales) */
    int keep_spaces;        /* 1: no trimming of unquoted fields */
} sc_csv_options;

#define SC_CSV_DEFAULT_MAX_FIELD (64u * 1024u)
#define SC_CSV_DEFAULT_MAX_FIELDS 256u

/* Read all of `fp`; `name` is used in error locations.  `options` may be NULL. */
sc_status sc_csv_read(FILE *fp, const char *name, const sc_csv_options *options,
                      sc_csv_record_fn fn, void *ctx, sc_error *err);

/* A header record that looks like another separator's: its one field holds
 * ';' or a tab between names.  Returns that separator (';' or '\t'), else 0:
 * callers say "the file looks ;-separated: use --delimiter ';'" instead of
 * "missing column". */
int sc_csv_guess_delimiter(const sc_csv_record *header, char delimiter);

/* ',' ";" "tab" or a tab character -> the separator; 0 if none of them. */
char sc_csv_delimiter_parse(const char *text);
/* "','", "';'" or "tab", for messages. */
const char *sc_csv_delimiter_name(char delimiter);

#ifdef __cplusplus
}
#endif
#endif
