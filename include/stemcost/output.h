/* Low-level writers for the three output formats: CSV fields (through libcsv),
 * JSON values, and aligned text grids for people.  They write to a FILE *
 * the caller owns; they compute nothing.  Write errors are left in the
 * stream's error flag for the caller to check (ferror) once at the end; a
 * writer that ran out of memory marks the stream with sc_output_fail, for the
 * caller to check with sc_output_failed beside ferror. */
#ifndef STEMCOST_OUTPUT_H
#define STEMCOST_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sc_format { SC_FORMAT_TABLE, SC_FORMAT_CSV, SC_FORMAT_JSON } sc_format;

/* Out of memory while writing to fp: the output is incomplete. */
void sc_output_fail(FILE *fp);
/* Did a writer fail on fp (since the last call)?  1 once, then 0. */
int sc_output_failed(FILE *fp);

/* "table", "csv", "json" -> format; -1 if unknown. */
int sc_format_parse(const char *name);

/* The one rule for choosing a format by a file's extension (quote -o FILE.pdf,
 * --chart FILE.svg): the index in exts[0..n) (".pdf", ...) of the extension
 * of path's last component, in any case (a camera or Windows habit writes
 * .PDF); -1 when it is none of them, or the path has none (no dot in the last
 * component, or a name that is only a dot and the extension: ".pdf"). */
int sc_path_extension(const char *path, const char *const *exts, size_t n);

/* ---- CSV (RFC 4180: CRLF line ends; a field is quoted only when it holds a comma,
 * quote, CR, LF, or leading/trailing space, and then libcsv writes it). */
void sc_csv_field(FILE *fp, const char *s, int first);
void sc_csv_end_row(FILE *fp);
void sc_csv_row(FILE *fp, const char *const *fields, size_t n);
/* The one quoting rule: a field is quoted when it holds the delimiter, a
 * quote, CR or LF, or begins or ends with a space or tab (so readers that
 * trim keep them). */
int sc_csv_needs_quotes(const char *s, size_t n, char delimiter);

/* Buffered CSV rows for long streams (batch): fields go into one buffer,
 * written with fwrite when it fills and by sc_csvw_flush.  A write or
 * allocation failure sets `failed` and stops output. */
typedef struct sc_csv_writer {
    FILE *fp;
    char *buf;
    size_t len, cap;
    char delimiter;
    int first;   /* the next field starts a row */
    int failed;
    int error;   /* why: errno of the failed write, ENOMEM out of memory */
    unsigned char special[256]; /* bytes that force quotes */
} sc_csv_writer;
void sc_csvw_init(sc_csv_writer *w, FILE *fp, char delimiter);
void sc_csvw_field(sc_csv_writer *w, const char *s, size_t n);
/* A field the caller knows needs no quotes (a number, a code). */
void sc_csvw_plain(sc_csv_writer *w, const char *s, size_t n);
/* value / 10^decimals as plain text ("1037.03"), as sc_decimal_format writes it
 * (decimals at most 18). */
void sc_csvw_decimal(sc_csv_writer *w, int64_t value, int decimals);
/* `n` empty fields. */
void sc_csvw_blanks(sc_csv_writer *w, size_t n);
void sc_csvw_end_row(sc_csv_writer *w);
int sc_csvw_flush(sc_csv_writer *w);   /* 0, or -1 after a failure */
void sc_csvw_free(sc_csv_writer *w);

/* ---- JSON (UTF-8, two-space indentation, keys in the order written) */
typedef struct sc_json {
    FILE *fp;
    int depth;
    int need_comma[64];
    int after_key;
} sc_json;

void sc_json_init(sc_json *j, FILE *fp);
void sc_json_begin_object(sc_json *j);
void sc_json_end_object(sc_json *j);
void sc_json_begin_array(sc_json *j);
void sc_json_end_array(sc_json *j);
void sc_json_key(sc_json *j, const char *key);
void sc_json_string(sc_json *j, const char *s); /* NULL writes null */
void sc_json_number_text(sc_json *j, const char *number); /* already-formatted number */
void sc_json_int(sc_json *j, long long v);
void sc_json_bool(sc_json *j, int v);
void sc_json_null(sc_json *j);
/* Ends the document with a newline. */
void sc_json_finish(sc_json *j);

/* ---- Text grids: columns padded to their widest cell (counted in UTF-8 code
 * points), numbers right-aligned.  Out of memory, a grid is marked failed
 * and printing it prints nothing and marks the stream (sc_output_fail). */
typedef struct sc_grid {
    size_t ncols, nrows, cap;
    char **cells;      /* nrows x ncols, owned */
    int *right;        /* per column: right-align (NULL: none yet) */
    int failed;        /* a row or an alignment was lost for lack of memory */
} sc_grid;

/* Always succeeds (returns 1): nothing is allocated before the first row. */
int sc_grid_init(sc_grid *g, size_t ncols);
/* Append a row of ncols cells (copied). Returns 0 when out of memory. */
int sc_grid_add(sc_grid *g, const char *const *cells);
void sc_grid_align_right(sc_grid *g, size_t col);
/* Print with a rule under the first row (the header). */
void sc_grid_print(const sc_grid *g, FILE *fp, const char *indent);
void sc_grid_free(sc_grid *g);

/* Display width of a UTF-8 string in terminal columns: a CJK character
 * takes 2 (wcwidth), a combining mark 0, any other code point 1. */
size_t sc_utf8_width(const char *s);

#ifdef __cplusplus
}
#endif
#endif
