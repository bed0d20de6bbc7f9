/* Errors and diagnostics.
 *
 * The library never prints and never exits: every fallible function returns an
 * sc_status and, on failure, fills an sc_error that says where (file, line,
 * column) and what.  The command-line tool decides how to show it.
 *
 * Locations: `line` is the 1-based physical line of the file where the record or
 * field starts; `column` is the 1-based field number within the record.  Either
 * is 0 when it does not apply (an error about a whole file, or a whole record).
 */
#ifndef STEMCOST_ERROR_H
#define STEMCOST_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sc_status {
    SC_OK = 0,
    SC_EINPUT,   /* bad input data: a file, a cell, a value */
    SC_EUSAGE,   /* a caller-supplied option value is malformed or out of range */
    SC_ENOMEM,   /* out of memory */
    SC_EIO,      /* an operating-system I/O failure */
    SC_ELIMIT    /* a documented resource limit was exceeded */
} sc_status;

#define SC_WHERE_MAX 512
#define SC_MSG_MAX 512

typedef struct sc_error {
    sc_status status;
    char file[SC_WHERE_MAX]; /* file name or option name ("--sites"); "" if none */
    long line;               /* 0 if not applicable */
    long column;             /* 0 if not applicable */
    char msg[SC_MSG_MAX];
} sc_error;

/* Set an error; returns `status` so callers can `return sc_error_set(...)`. */
sc_status sc_error_set(sc_error *err, sc_status status, const char *file, long line,
                       long column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

void sc_error_clear(sc_error *err);

/* Format "FILE:LINE:COLUMN: MSG" (parts that do not apply are left out) into buf. */
void sc_error_format(const sc_error *err, char *buf, size_t size);

/* A growable list of diagnostics, for commands that report every problem
 * (validate) rather than stopping at the first.  Owned by the caller:
 * sc_diags_init() then sc_diags_free(). */
typedef struct sc_diags {
    sc_error *items;
    size_t count;
    size_t cap;
    int oom;  /* set when an append failed for lack of memory */
} sc_diags;

void sc_diags_init(sc_diags *d);
void sc_diags_free(sc_diags *d);
void sc_diags_add(sc_diags *d, const sc_error *e);
void sc_diags_addf(sc_diags *d, sc_status status, const char *file, long line, long column,
                   const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/* Sort by file, line, column, then message text (a deterministic order). */
void sc_diags_sort(sc_diags *d);

#ifdef __cplusplus
}
#endif
#endif
