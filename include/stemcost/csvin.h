/* Strict, streaming CSV input over libcsv.
 *
 * Every CSV that stemcost reads comes through here.  It parses in libcsv's
 * strict mode (a stray or unterminated quote is an error, never a silently
 * merged field), strips a UTF-8 byte-order mark, accepts CRLF line ends and
 * quoted fields holding commas and newlines, refuses NUL bytes and invalid
 * UTF-8, and enforces field-size and field-count limits.  It counts physical
 * lines itself (libcsv does not), so every record and field carries the real
 * line it starts on.  Blank lines are skipped (libcsv's behaviour); unquoted
 * fields are trimmed of surrounding spaces and tabs, quoted ones are kept as is.
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

typedef struct sc_csv_limits {
    size_t max_field_bytes; /* 0: the default, SC_CSV_DEFAULT_MAX_FIELD */
    size_t max_fields;      /* 0: the default, SC_CSV_DEFAULT_MAX_FIELDS */
} sc_csv_limits;

#define SC_CSV_DEFAULT_MAX_FIELD (64u * 1024u)
#define SC_CSV_DEFAULT_MAX_FIELDS 256u

/* Read all of `fp`; `name` is used in error locations.  `limits` may be NULL. */
sc_status sc_csv_read(FILE *fp, const char *name, const sc_csv_limits *limits,
                      sc_csv_record_fn fn, void *ctx, sc_error *err);

#ifdef __cplusplus
}
#endif
#endif
