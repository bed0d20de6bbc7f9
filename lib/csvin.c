/* Strict streaming CSV reader over libcsv: see include/stemcost/csvin.h.
 *
 * libcsv has no notion of lines, so the input is fed to csv_parse one physical
 * line at a time (a chunk never spans a line end: LF, CR LF or a bare CR) and the reader keeps the current
 * line number.  A field callback fires while its last line is being parsed; the
 * line it started on is that line minus the newlines inside the field. */
#include <config.h>

#include "copy_short.h"
#include "stemcost/csvin.h"
#include "stemcost/text.h"
#include "text_control.h"

#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct reader {
    const char *name;
    size_t max_field;
    size_t max_fields;
    long line;          /* physical line currently being fed */
    int cr_pending;     /* the last byte fed was a CR (its LF may follow in the next read) */
    long number;        /* records completed */
    long record_start;  /* line on which the record in progress started */
    long field_end;     /* line on which the last completed field ended */
    /* the record being assembled */
    char *buf;          /* field bytes, each NUL-terminated */
    size_t buf_len, buf_cap;
    size_t *offsets, *lengths;
    long *lines;
    char **ptrs;
    size_t count, cap;
    /* outcome */
    sc_status status;
    sc_error *err;
    sc_csv_record_fn fn;
    void *ctx;
} reader;

static void fail(reader *r, sc_status st, long line, long column, const char *msg)
{
    if (r->status != SC_OK)
        return;
    r->status = sc_error_set(r->err, st, r->name, line, column, "%s", msg);
}

static int grow_fields(reader *r)
{
    size_t cap = r->cap ? r->cap * 2 : 16;
    size_t *o = realloc(r->offsets, cap * sizeof *o);
    if (o == NULL)
        return 0;
    r->offsets = o;
    size_t *l = realloc(r->lengths, cap * sizeof *l);
    if (l == NULL)
        return 0;
    r->lengths = l;
    long *ln = realloc(r->lines, cap * sizeof *ln);
    if (ln == NULL)
        return 0;
    r->lines = ln;
    char **p = realloc(r->ptrs, cap * sizeof *p);
    if (p == NULL)
        return 0;
    r->ptrs = p;
    r->cap = cap;
    return 1;
}

/* No byte above 0x7F (most cells: the UTF-8 check is then not needed),
 * eight bytes at a time. */
/* Is every byte printable ASCII (0x20 to 0x7E)?  Most cells are, and then
 * neither the UTF-8 nor the control-character rule needs a byte-by-byte
 * look: eight bytes at a time, a byte below 0x20 or at 0x7F or past 0x7F
 * sets its high bit in `bad` (the classic "has a byte less than n" word
 * tests; a false alarm only sends the cell to the exact checks). */
static int printable_ascii(const char *s, size_t n)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
    uint64_t bad = 0, w;
    size_t i = 0;
    for (; i + sizeof w <= n; i += sizeof w) {
        memcpy(&w, s + i, sizeof w);
        uint64_t del = w ^ (ones * 0x7F);
        bad |= w | ((w - ones * 0x20) & ~w) | ((del - ones) & ~del);
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c >= 0x7F)
            return 0;
    }
    return (bad & high) == 0;
}

/* The exact rules for a cell that is not all printable ASCII: UTF-8, and
 * no control character but a line break or a tab.  0 when it failed (said). */
static int cell_is_text(reader *r, const char *s, size_t len, long start_line, long column)
{
    if (!sc_utf8_valid(s, len)) {
        fail(r, SC_EINPUT, start_line, column, "invalid UTF-8 (save the file as UTF-8)");
        return 0;
    }
    long control = sc_text_control(s, len, "\n\r\t");
    if (control >= 0) {
        char msg[160];
        snprintf(msg, sizeof msg, "control character U+%04lX in a field (escape codes and "
                                  "other control characters are not text)",
                 (unsigned long)control);
        fail(r, SC_EINPUT, start_line, column, msg);
        return 0;
    }
    return 1;
}

static void on_field(void *data, size_t len, void *vr)
{
    reader *r = vr;
    if (r->status != SC_OK)
        return;
    const char *s = data ? data : "";
    /* A field starts where the one before it ended (the delimiter follows
     * it directly), the first where its record started. */
    long start_line = r->count == 0 ? r->record_start : r->field_end;
    long column = (long)r->count + 1;

    if (r->count >= r->max_fields) {
        char msg[128];
        snprintf(msg, sizeof msg, "more than %zu fields in a record", r->max_fields);
        fail(r, SC_ELIMIT, start_line, column, msg);
        return;
    }
    if (len > r->max_field) {
        char msg[128];
        snprintf(msg, sizeof msg, "field longer than %zu bytes", r->max_field);
        fail(r, SC_ELIMIT, start_line, column, msg);
        return;
    }
    /* One rule for what a cell may hold: UTF-8 text.  Not other encodings,
     * and no control characters, which a terminal would obey when the cell is
     * printed (see sc_text_control).  A line break is allowed (it can only be
     * inside a quoted field, where RFC 4180 allows it), and so is a tab:
     * white space, which batch carries through byte for byte. */
    if (!printable_ascii(s, len) && !cell_is_text(r, s, len, start_line, column))
        return;
    if (r->count == r->cap && !grow_fields(r)) {
        fail(r, SC_ENOMEM, start_line, column, "out of memory");
        return;
    }
    if (r->buf_len + len + 1 > r->buf_cap) {
        size_t cap = r->buf_cap ? r->buf_cap : 256;
        while (cap < r->buf_len + len + 1)
            cap *= 2;
        char *b = realloc(r->buf, cap);
        if (b == NULL) {
            fail(r, SC_ENOMEM, start_line, column, "out of memory");
            return;
        }
        r->buf = b;
        r->buf_cap = cap;
    }
    sc_copy_short(r->buf + r->buf_len, s, len);
    r->buf[r->buf_len + len] = '\0';
    r->offsets[r->count] = r->buf_len;
    r->lengths[r->count] = len;
    r->lines[r->count] = start_line;
    r->count++;
    r->buf_len += len + 1;
    r->field_end = r->line;
}

static void on_record(int term, void *vr)
{
    reader *r = vr;
    (void)term;
    if (r->status != SC_OK) {
        r->count = 0;
        r->buf_len = 0;
        return;
    }
    r->number++;
    for (size_t i = 0; i < r->count; i++)
        r->ptrs[i] = r->buf + r->offsets[i];
    sc_csv_record rec = {
        .count = r->count,
        .fields = r->ptrs,
        .lengths = r->lengths,
        .lines = r->lines,
        .line = r->count ? r->lines[0] : r->line,
        .number = r->number,
    };
    sc_status st = r->fn(&rec, r->ctx, r->err);
    if (st != SC_OK)
        r->status = st;
    r->count = 0;
    r->buf_len = 0;
}

/* Feed one piece of a physical line to libcsv; returns 0 to stop. */
static int feed(reader *r, struct csv_parser *p, const char *s, size_t n);
static int feed(reader *r, struct csv_parser *p, const char *s, size_t n)
{
    const char *nul = memchr(s, '\0', n);
    if (nul != NULL) {
        /* Parse up to the NUL first, so the message names the field it is in. */
        if (nul > s && !feed(r, p, s, (size_t)(nul - s)))
            return 0;
        fail(r, SC_EINPUT, r->line, (long)r->count + 1, "NUL byte in input (not a text file?)");
        return 0;
    }
    /* libcsv's parser struct is public: nothing buffered and not inside quotes
     * means any record that begins now begins on this line. */
    if (r->count == 0 && p->entry_pos == 0 && !p->quoted)
        r->record_start = r->line;
    size_t used = csv_parse(p, s, n, on_field, on_record, r);
    if (r->status != SC_OK)
        return 0;
    if (used < n) {
        /* csv_error must be read now: a later csv_fini would clear it. */
        int e = csv_error(p);
        if (e == CSV_EPARSE)
            fail(r, SC_EINPUT, r->line, (long)r->count + 1,
                 "malformed CSV: a quote inside an unquoted field, or text after a "
                 "closing quote (quote the whole field and double inner quotes)");
        else
            fail(r, SC_ENOMEM, r->line, (long)r->count + 1, csv_strerror(e));
        return 0;
    }
    if (csv_get_buffer_size(p) > r->max_field + 1) {
        char msg[128];
        snprintf(msg, sizeof msg, "field longer than %zu bytes", r->max_field);
        fail(r, SC_ELIMIT, r->line, (long)r->count + 1, msg);
        return 0;
    }
    return 1;
}

/* libcsv trims what this calls a space from unquoted fields: nothing is. */
static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

int sc_csv_guess_delimiter(const sc_csv_record *header, char delimiter)
{
    if (header->count != 1)
        return 0;
    const char *candidates = ";\t,";
    for (const char *c = candidates; *c; c++)
        if (*c != delimiter && strchr(header->fields[0], *c) != NULL)
            return *c;
    return 0;
}

char sc_csv_delimiter_parse(const char *text)
{
    if (text == NULL)
        return 0;
    if (strcmp(text, ",") == 0 || strcmp(text, ";") == 0 || strcmp(text, "\t") == 0)
        return text[0];
    if (strcmp(text, "tab") == 0 || strcmp(text, "\\t") == 0)
        return '\t';
    return 0;
}

const char *sc_csv_delimiter_name(char delimiter)
{
    return delimiter == '\t' ? "tab" : delimiter == ';' ? "';'" : "','";
}

sc_status sc_csv_read(FILE *fp, const char *name, const sc_csv_options *limits,
                      sc_csv_record_fn fn, void *ctx, sc_error *err)
{
    reader r = {0};
    struct csv_parser p;
    char chunk[65536];
    int first = 1;

    r.name = name;
    r.max_field = (limits && limits->max_field_bytes) ? limits->max_field_bytes
                                                      : SC_CSV_DEFAULT_MAX_FIELD;
    r.max_fields = (limits && limits->max_fields) ? limits->max_fields
                                                  : SC_CSV_DEFAULT_MAX_FIELDS;
    r.line = 1;
    r.err = err;
    r.fn = fn;
    r.ctx = ctx;

    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return sc_error_set(err, SC_ENOMEM, name, 0, 0, "out of memory");
    if (limits != NULL && limits->delimiter != 0)
        csv_set_delim(&p, (unsigned char)limits->delimiter);
    if (limits != NULL && limits->keep_spaces)
        csv_set_space_func(&p, no_space);

    for (;;) {
        size_t n = fread(chunk, 1, sizeof chunk, fp);
        if (n == 0)
            break;
        const char *s = chunk;
        if (first) {
            first = 0;
            /* A UTF-8 byte-order mark (spreadsheet exports) would stick to the first
             * header name.  (A BOM split across reads cannot happen: 64 KiB >= 3.) */
            if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
                s += 3;
                n -= 3;
            }
        }
        while (n > 0 && r.status == SC_OK) {
            /* A line ends at LF, CR LF or a bare CR (old Mac files: libcsv
             * ends records there too, so counting only LF put every error on
             * line 1).  A CR that ended the last chunk was counted then: the
             * LF that begins this one completes it and is no new line. */
            const char *lf = memchr(s, '\n', n);
            size_t span = lf ? (size_t)(lf - s) : n;
            const char *cr = memchr(s, '\r', span);
            size_t i = cr ? (size_t)(cr - s) : span;
            size_t piece = i < n ? i + 1 : n;
            int ends = i < n;
            if (i < n && s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
                piece++;
            if (i == 0 && s[0] == '\n' && r.cr_pending)
                ends = 0;
            if (!feed(&r, &p, s, piece))
                break;
            if (ends)
                r.line++;
            r.cr_pending = s[piece - 1] == '\r';
            s += piece;
            n -= piece;
        }
        if (r.status != SC_OK)
            break;
    }
    if (r.status == SC_OK && ferror(fp))
        r.status = sc_error_set(err, SC_EIO, name, 0, 0, "read error");
    if (r.status == SC_OK) {
        long open_field_line = r.count == 0 ? r.record_start : r.field_end;
        if (csv_fini(&p, on_field, on_record, &r) != 0 && r.status == SC_OK) {
            long line = open_field_line;
            r.status = sc_error_set(err, SC_EINPUT, name, line, (long)r.count + 1,
                                    "unterminated quoted field at end of file");
        }
    }
    csv_free(&p);
    free(r.buf);
    free(r.offsets);
    free(r.lengths);
    free(r.lines);
    free(r.ptrs);
    return r.status;
}
