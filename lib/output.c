/* CSV, JSON and text-grid writers: see include/stemcost/output.h. */
#include <config.h>

#include "stemcost/output.h"

#include <csv.h>
#include <locale.h>
#include <wchar.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "copy_short.h"

int sc_format_parse(const char *name)
{
    if (strcmp(name, "table") == 0)
        return SC_FORMAT_TABLE;
    if (strcmp(name, "csv") == 0)
        return SC_FORMAT_CSV;
    if (strcmp(name, "json") == 0)
        return SC_FORMAT_JSON;
    return -1;
}

/* ---- CSV */

int sc_csv_needs_quotes(const char *s, size_t n, char delimiter)
{
    if (n == 0)
        return 0;
    if (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
        return 1;
    /* Every character that forces quotes (',' ';' '"' CR LF TAB: 0x2c 0x3b
     * 0x22 0x0d 0x0a 0x09) is at most ';' in ASCII: one comparison skips most
     * bytes. */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c > 0x3b)
            continue;
        if (c == (unsigned char)delimiter || c == '"' || c == '\r' || c == '\n')
            return 1;
    }
    return 0;
}

static int needs_quotes(const char *s)
{
    return sc_csv_needs_quotes(s, strlen(s), ',');
}

/* ---- buffered CSV rows */

void sc_csvw_init(sc_csv_writer *w, FILE *fp, char delimiter)
{
    memset(w, 0, sizeof *w);
    w->fp = fp;
    w->delimiter = delimiter ? delimiter : ',';
    w->first = 1;
    /* sc_csv_needs_quotes as a table, for speed on long streams. */
    w->special[(unsigned char)w->delimiter] = 1;
    w->special['"'] = w->special['\r'] = w->special['\n'] = 1;
}

static void csvw_grow(sc_csv_writer *w, size_t n)
{
    if (w->len > 0 && sc_csvw_flush(w) != 0)
        return;
    if (n > w->cap) {
        size_t cap = w->cap ? w->cap : 65536;
        while (cap < n)
            cap *= 2;
        char *b = realloc(w->buf, cap);
        if (b == NULL) {
            w->failed = 1;
            w->error = ENOMEM;
            return;
        }
        w->buf = b;
        w->cap = cap;
    }
}

/* Room for n more bytes (or w->failed set). */
static inline void csvw_reserve(sc_csv_writer *w, size_t n)
{
    if (w->len + n > w->cap)
        csvw_grow(w, n);
}

/* The delimiter before a field, unless it starts the row (room reserved). */
static inline void csvw_separate(sc_csv_writer *w)
{
    if (!w->first)
        w->buf[w->len++] = w->delimiter;
    w->first = 0;
}

static int csvw_needs_quotes(const sc_csv_writer *w, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    if (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
        return 1;
    for (size_t i = 0; i < n; i++)
        if (w->special[(unsigned char)s[i]])
            return 1;
    return 0;
}

void sc_csvw_plain(sc_csv_writer *w, const char *s, size_t n)
{
    csvw_reserve(w, n + 1);
    if (w->failed)
        return;
    csvw_separate(w);
    sc_copy_short(w->buf + w->len, s, n);
    w->len += n;
}

/* Two decimal digits at a time ("00" to "99"). */
static const char digit_pairs[] = "00010203040506070809101112131415161718192021222324252627282930"
                                  "31323334353637383940414243444546474849505152535455565758596061"
                                  "62636465666768697071727374757677787980818283848586878889909192"
                                  "939495969798" "99";

void sc_csvw_decimal(sc_csv_writer *w, int64_t value, int decimals)
{
    /* The formatting of sc_decimal_format (no grouping, exactly `decimals`
     * digits, at most 18), written from the right into `tmp` and copied as
     * one block of COPY bytes: a report writes millions of amounts.  `tmp`
     * ends COPY bytes after the number, so the block stays inside it. */
    enum { COPY = 32 };
    char tmp[2 * COPY];
    char *end = tmp + COPY, *p = end;
    uint64_t mag = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    if (decimals > 18)
        decimals = 18;
    for (int i = 0; i < decimals; i++) {
        *--p = (char)('0' + mag % 10);
        mag /= 10;
    }
    if (decimals > 0)
        *--p = '.';
    while (mag >= 100) {
        const char *d = digit_pairs + 2 * (mag % 100);
        mag /= 100;
        *--p = d[1];
        *--p = d[0];
    }
    if (mag >= 10) {
        const char *d = digit_pairs + 2 * mag;
        *--p = d[1];
        *--p = d[0];
    } else {
        *--p = (char)('0' + mag);
    }
    if (value < 0)
        *--p = '-';
    size_t n = (size_t)(end - p);
    csvw_reserve(w, COPY + 1);
    if (w->failed)
        return;
    csvw_separate(w);
    memcpy(w->buf + w->len, p, COPY); /* the bytes past n are overwritten later */
    w->len += n;
}

void sc_csvw_blanks(sc_csv_writer *w, size_t n)
{
    if (n == 0)
        return;
    csvw_reserve(w, n);
    if (w->failed)
        return;
    /* n empty fields are n - 1 delimiters, one more unless they start the row. */
    size_t k = w->first ? n - 1 : n;
    memset(w->buf + w->len, w->delimiter, k);
    w->len += k;
    w->first = 0;
}

void sc_csvw_field(sc_csv_writer *w, const char *s, size_t n)
{
    int quote = csvw_needs_quotes(w, s, n);
    /* Quoted, a field is at most twice as long plus its two quotes. */
    size_t need = (quote ? 2 * n + 2 : n) + 1;
    csvw_reserve(w, need);
    if (w->failed)
        return;
    csvw_separate(w);
    if (quote) {
        w->len += csv_write(w->buf + w->len, w->cap - w->len, s, n);
    } else {
        sc_copy_short(w->buf + w->len, s, n);
        w->len += n;
    }
}

void sc_csvw_end_row(sc_csv_writer *w)
{
    csvw_reserve(w, 2);
    if (w->failed)
        return;
    w->buf[w->len++] = '\r';
    w->buf[w->len++] = '\n';
    w->first = 1;
}

int sc_csvw_flush(sc_csv_writer *w)
{
    if (w->len > 0 && !w->failed && fwrite(w->buf, 1, w->len, w->fp) != w->len) {
        w->failed = 1;
        w->error = errno ? errno : EIO;
    }
    w->len = 0;
    return w->failed ? -1 : 0;
}

void sc_csvw_free(sc_csv_writer *w)
{
    free(w->buf);
    w->buf = NULL;
    w->cap = w->len = 0;
}

int sc_path_extension(const char *path, const char *const *exts, size_t n)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    const char *slash = path ? strrchr(path, '/') : NULL;
    const char *name = slash ? slash + 1 : path;
    if (dot == NULL || dot <= name)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(dot, exts[i]) == 0)
            return (int)i;
    return -1;
}

void sc_csv_field(FILE *fp, const char *s, int first)
{
    if (s == NULL)
        s = "";
    if (!first)
        fputc(',', fp);
    if (needs_quotes(s))
        csv_fwrite(fp, s, strlen(s));
    else
        fputs(s, fp);
}

void sc_csv_end_row(FILE *fp)
{
    fputs("\r\n", fp);
}

void sc_csv_row(FILE *fp, const char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sc_csv_field(fp, fields[i], i == 0);
    sc_csv_end_row(fp);
}

/* ---- JSON */

void sc_json_init(sc_json *j, FILE *fp)
{
    memset(j, 0, sizeof *j);
    j->fp = fp;
}

/* A new line and two spaces a level (depth is at most 63). */
static void indent(sc_json *j)
{
    static const char line[] = "\n"
                               "                                                                "
                               "                                                              ";
    _Static_assert(sizeof line >= 1 + 2 * 63 + 1, "a line for the deepest level");
    fwrite(line, 1, 1 + 2 * (size_t)j->depth, j->fp);
}

/* Called before every value or key. */
static void before_value(sc_json *j)
{
    if (j->after_key) {
        j->after_key = 0;
        return;
    }
    if (j->depth > 0) {
        if (j->need_comma[j->depth])
            fputc(',', j->fp);
        indent(j);
    }
    j->need_comma[j->depth] = 1;
}

static void open_container(sc_json *j, char c)
{
    before_value(j);
    fputc(c, j->fp);
    if (j->depth < 63)
        j->depth++;
    j->need_comma[j->depth] = 0;
}

static void close_container(sc_json *j, char c)
{
    int had_items = j->need_comma[j->depth];
    if (j->depth > 0)
        j->depth--;
    if (had_items)
        indent(j);
    fputc(c, j->fp);
}

void sc_json_begin_object(sc_json *j) { open_container(j, '{'); }
void sc_json_end_object(sc_json *j) { close_container(j, '}'); }
void sc_json_begin_array(sc_json *j) { open_container(j, '['); }
void sc_json_end_array(sc_json *j) { close_container(j, ']'); }

/* A JSON string: runs of characters that need no escape written whole (the
 * server writes thousands of strings a second). */
static void write_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    const unsigned char *run = (const unsigned char *)s, *p = run;
    for (; *p; p++) {
        if (*p >= 0x20 && *p != '"' && *p != '\\')
            continue;
        fwrite(run, 1, (size_t)(p - run), fp);
        run = p + 1;
        switch (*p) {
        case '"': fputs("\\\"", fp); break;
        case '\\': fputs("\\\\", fp); break;
        case '\n': fputs("\\n", fp); break;
        case '\r': fputs("\\r", fp); break;
        case '\t': fputs("\\t", fp); break;
        case '\b': fputs("\\b", fp); break;
        case '\f': fputs("\\f", fp); break;
        default:
            fprintf(fp, "\\u%04x", *p); /* the other controls; the rest is validated UTF-8 */
        }
    }
    fwrite(run, 1, (size_t)(p - run), fp);
    fputc('"', fp);
}

void sc_json_key(sc_json *j, const char *key)
{
    before_value(j);
    write_string(j->fp, key);
    fputs(": ", j->fp);
    j->after_key = 1;
}

void sc_json_string(sc_json *j, const char *s)
{
    if (s == NULL) {
        sc_json_null(j);
        return;
    }
    before_value(j);
    write_string(j->fp, s);
}

void sc_json_number_text(sc_json *j, const char *number)
{
    before_value(j);
    fputs(number, j->fp);
}

void sc_json_int(sc_json *j, long long v)
{
    before_value(j);
    fprintf(j->fp, "%lld", v);
}

void sc_json_bool(sc_json *j, int v)
{
    before_value(j);
    fputs(v ? "true" : "false", j->fp);
}

void sc_json_null(sc_json *j)
{
    before_value(j);
    fputs("null", j->fp);
}

void sc_json_finish(sc_json *j)
{
    fputc('\n', j->fp);
}

/* ---- text grids */

/* Columns of code point c on a terminal.  wcwidth knows the East Asian wide
 * characters (2) and combining marks (0), but only under a UTF-8 LC_CTYPE,
 * and the program runs in the C locale (numbers with '.'): a C.UTF-8 locale
 * object is put in place for this thread only, for the call, so neither the
 * caller's locale nor another thread's changes.  Without one (no C.UTF-8 on
 * the system) the Unicode wide blocks are counted by hand. */
static int cp_width(locale_t utf8, uint32_t c)
{
    if (c < 0x80)
        return 1;
    if (utf8 != (locale_t)0) {
        locale_t old = uselocale(utf8);
        int w = wcwidth((wchar_t)c);
        uselocale(old);
        return w < 0 ? 1 : w; /* unassigned or a control: as one column */
    }
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) ||
                   (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
                   (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                   (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
                   (c >= 0x20000 && c <= 0x3FFFD)
               ? 2
               : 1;
}

static locale_t utf8_locale(void)
{
    static _Thread_local int tried;
    static _Thread_local locale_t loc;
    if (!tried) {
        tried = 1;
        loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
        if (loc == (locale_t)0)
            loc = newlocale(LC_CTYPE_MASK, "C.utf8", (locale_t)0);
    }
    return loc;
}

size_t sc_utf8_width(const char *s)
{
    locale_t utf8 = NULL;
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        uint32_t c = *p;
        int n = c < 0x80 ? 0 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        if (n > 0) {
            c &= 0x3Fu >> n;
            for (int k = 1; k <= n && (p[k] & 0xC0) == 0x80; k++)
                c = (c << 6) | (p[k] & 0x3Fu);
            if (utf8 == NULL)
                utf8 = utf8_locale();
        }
        w += (size_t)cp_width(utf8, c);
        /* a byte that starts no sequence (not UTF-8) counts as one column */
        p++;
        while (n-- > 0 && (*p & 0xC0) == 0x80)
            p++;
    }
    return w;
}

/* ---- writers that run out of memory */

/* The reports cannot return an error, so a writer that runs out of memory
 * records its stream, as a write error would be recorded in the stream's
 * error flag, and the caller asks once at the end.  One output at a time. */
static _Thread_local FILE *failed_stream;

void sc_output_fail(FILE *fp)
{
    failed_stream = fp;
}

int sc_output_failed(FILE *fp)
{
    if (fp == NULL || fp != failed_stream)
        return 0;
    failed_stream = NULL;
    return 1;
}

/* ---- text grids.  Nothing is allocated before the first row, so that
 * sc_grid_init cannot fail; a failure later marks the grid, and printing a
 * marked grid marks the stream (sc_output_fail). */

int sc_grid_init(sc_grid *g, size_t ncols)
{
    memset(g, 0, sizeof *g);
    g->ncols = ncols;
    return 1;
}

int sc_grid_add(sc_grid *g, const char *const *cells)
{
    if (g->nrows == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 16;
        char **c = realloc(g->cells, cap * g->ncols * sizeof *c);
        if (c == NULL) {
            g->failed = 1;
            return 0;
        }
        g->cells = c;
        g->cap = cap;
    }
    char **row = g->cells + g->nrows * g->ncols;
    for (size_t i = 0; i < g->ncols; i++) {
        const char *s = cells[i] ? cells[i] : "";
        row[i] = strdup(s);
        if (row[i] == NULL) {
            while (i-- > 0)
                free(row[i]);
            g->failed = 1;
            return 0;
        }
    }
    g->nrows++;
    return 1;
}

void sc_grid_align_right(sc_grid *g, size_t col)
{
    if (col >= g->ncols)
        return;
    if (g->right == NULL && (g->right = calloc(g->ncols, sizeof *g->right)) == NULL) {
        g->failed = 1;
        return;
    }
    g->right[col] = 1;
}

static void pad(FILE *fp, size_t n)
{
    while (n-- > 0)
        fputc(' ', fp);
}

void sc_grid_print(const sc_grid *g, FILE *fp, const char *prefix)
{
    size_t *w = g->failed ? NULL : calloc(g->ncols ? g->ncols : 1, sizeof *w);
    if (w == NULL) {
        sc_output_fail(fp);
        return;
    }
    for (size_t r = 0; r < g->nrows; r++)
        for (size_t c = 0; c < g->ncols; c++) {
            size_t cw = sc_utf8_width(g->cells[r * g->ncols + c]);
            if (cw > w[c])
                w[c] = cw;
        }
    for (size_t r = 0; r < g->nrows; r++) {
        /* Stop after the last non-empty cell: no trailing spaces. */
        size_t last = 0;
        for (size_t c = 0; c < g->ncols; c++)
            if (g->cells[r * g->ncols + c][0] != '\0')
                last = c;
        fputs(prefix ? prefix : "", fp);
        for (size_t c = 0; c <= last; c++) {
            const char *s = g->cells[r * g->ncols + c];
            size_t gap = w[c] - sc_utf8_width(s);
            int right = g->right != NULL && g->right[c];
            if (right)
                pad(fp, gap);
            fputs(s, fp);
            if (c < last) {
                if (!right)
                    pad(fp, gap);
                fputs("  ", fp);
            }
        }
        fputc('\n', fp);
        if (r == 0) {
            fputs(prefix ? prefix : "", fp);
            for (size_t c = 0; c < g->ncols; c++) {
                for (size_t k = 0; k < w[c]; k++)
                    fputc('-', fp);
                if (c + 1 < g->ncols)
                    fputs("  ", fp);
            }
            fputc('\n', fp);
        }
    }
    free(w);
}

void sc_grid_free(sc_grid *g)
{
    for (size_t i = 0; i < g->nrows * g->ncols; i++)
        free(g->cells[i]);
    free(g->cells);
    free(g->right);
    memset(g, 0, sizeof *g);
}
