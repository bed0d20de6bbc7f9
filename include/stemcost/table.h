/* An in-memory CSV table with a header row, read through the strict reader
 * (csvin.h).  Columns are found by header name, in any order.
 *
 * Ownership: sc_table_read() allocates the table; free it with sc_table_free().
 * Strings returned by the accessors belong to the table.
 */
#ifndef STEMCOST_TABLE_H
#define STEMCOST_TABLE_H

#include <stdio.h>

#include "stemcost/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sc_table_row {
    char **cells;   /* ncols cells; a short row is refused, so all are present */
    long *lines;    /* physical line each cell starts on */
    long line;      /* physical line the row starts on */
} sc_table_row;

typedef struct sc_table {
    char *name;     /* file name used in diagnostics */
    size_t ncols;
    char **header;
    long header_line;
    sc_table_row *rows;
    size_t nrows;
    size_t cap;
    char delimiter;  /* the field separator it was read with */
} sc_table;

/* Maximum data rows in one table: a limit with a clear error instead of
 * exhausting memory on a runaway file. */
#define SC_TABLE_MAX_ROWS 20000u

/* Read a whole table.  Fails (with location) on a malformed file, an empty
 * file, a missing or duplicate header name, or a row whose field count differs
 * from the header's. */
sc_status sc_table_read(FILE *fp, const char *name, sc_table **out, sc_error *err);
/* The same with another field separator (';' or a tab); a header that looks
 * like another separator's is refused, naming it. */
sc_status sc_table_read_delim(FILE *fp, const char *name, char delimiter, sc_table **out,
                              sc_error *err);

/* Same, from a file path.  Only a regular file is read (symbolic links are
 * followed): a directory, FIFO, socket or device is refused, naming what it
 * is, without blocking; an unreadable file is an error. */
sc_status sc_table_read_path(const char *path, const char *display_name, sc_table **out,
                             sc_error *err);

void sc_table_free(sc_table *t);

/* Index of the column named `name` (exact, case-sensitive), or -1. */
int sc_table_column(const sc_table *t, const char *name);

#ifdef __cplusplus
}
#endif
#endif
