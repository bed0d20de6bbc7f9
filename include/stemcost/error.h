/* Errors and diagnostics.
 *
 * The library never prints and never exits: every fallible function returns an
 * sc_status and, on failure, fills an sc_error that says where and why:
 *   - `status`: the class of failure (input, usage, memory, I/O, limit, busy);
 *   - `reason`: a code callers branch on (SC_R_NOT_PRICED, SC_R_UNKNOWN_ID, ...);
 *     no caller ever looks at the message text;
 *   - `field`: for an error in a caller-supplied value, the value's name as a
 *     scenario field ("sites", "deductible_met", "draws"): the command line shows
 *     it as an option ("--deductible-met"), batch as a column ("deductible_met"),
 *     the web form next to its input;
 *   - `file`, `line`, `column`: for an error in a file, where (1-based physical
 *     line where the record or field starts; field number within the record);
 *     either number is 0 when it does not apply;
 *   - `msg`: the words for people, without the location.
 *
 * Every function that takes `sc_error *err` accepts NULL there (the caller
 * does not want the details; the status is still returned).
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
    SC_ELIMIT,   /* a documented resource limit was exceeded */
    SC_EBUSY     /* a shared resource (the quote register) stayed locked: try later */
} sc_status;

/* Why, as a code.  Stable within a release; new codes are added at the end. */
typedef enum sc_reason {
    SC_R_NONE = 0,
    SC_R_REQUIRED,      /* a required value is missing */
    SC_R_EMPTY,         /* a value was given but is empty */
    SC_R_MALFORMED,     /* not a number, date, code... of the expected form */
    SC_R_RANGE,         /* well formed but outside the allowed range */
    SC_R_UNKNOWN_ID,    /* an identifier the tables do not have */
    SC_R_NOT_USED_FOR,  /* the procedure is not used for the condition */
    SC_R_NOT_PRICED,    /* the tables have no price for this combination */
    SC_R_CONFLICT,      /* values that contradict each other */
    SC_R_NO_RATE,       /* no exchange rate for a currency */
    SC_R_OVERFLOW,      /* an amount beyond the documented maximum */
    SC_R_NOT_APPLICABLE,/* a value that the rest of the request makes meaningless */
    SC_R_SYNTAX,        /* a file that is not well-formed (CSV, register) */
    SC_R_DATA,          /* a file that is well-formed but has wrong content */
    SC_R_NOMEM,         /* out of memory */
    SC_R_IO,            /* an operating-system I/O failure */
    SC_R_LIMIT,         /* a documented size limit */
    SC_R_BUSY,          /* locked by another process beyond the wait */
    SC_R_EXISTS,        /* the target exists (and may not be replaced) */
    SC_R_NOT_FOUND      /* a record (quote number, file) that does not exist */
} sc_reason;

#define SC_WHERE_MAX 512
#define SC_FIELD_MAX 64
#define SC_MSG_MAX 512

typedef struct sc_error {
    sc_status status;
    sc_reason reason;
    char field[SC_FIELD_MAX]; /* value name ("sites", "deductible_met"); "" if none */
    char file[SC_WHERE_MAX];  /* file name; "" if none */
    long line;                /* 0 if not applicable */
    long column;              /* 0 if not applicable */
    char msg[SC_MSG_MAX];
} sc_error;

/* Set an error about a file location (reason from the status: SC_R_DATA for
 * input, SC_R_NOMEM, SC_R_IO, SC_R_LIMIT, ...); returns `status` so callers can
 * `return sc_error_set(...)`. */
sc_status sc_error_set(sc_error *err, sc_status status, const char *file, long line,
                       long column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Set an error about a named value (a scenario field or request option). */
sc_status sc_error_field(sc_error *err, sc_status status, sc_reason reason, const char *field,
                         const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Change the reason of an error already set (after sc_error_set). */
sc_status sc_error_reason(sc_error *err, sc_reason reason);

void sc_error_clear(sc_error *err);

/* Format "FILE:LINE:COLUMN: MSG" or "FIELD: MSG" (parts that do not apply are
 * left out) into buf.  The field is written as stored; a command line shows
 * it as an option with sc_error_format_option. */
void sc_error_format(const sc_error *err, char *buf, size_t size);

/* As sc_error_format, but a field is written as a long option: "--deductible-met". */
void sc_error_format_option(const sc_error *err, char *buf, size_t size);

/* The short name of a reason code ("not-priced"), for machine-readable output. */
const char *sc_reason_name(sc_reason reason);

/* A growable list of diagnostics, for commands that report every problem
 * (validate) rather than stopping at the first.  Owned by the caller:
 * sc_diags_init() then sc_diags_free(). */
typedef struct sc_diags {
    sc_error *items;
    size_t count;
    size_t cap;
    int oom;  /* set when an append failed for lack of memory, or an
                 SC_ENOMEM diagnostic was added */
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
