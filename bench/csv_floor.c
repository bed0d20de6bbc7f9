/* The floor for any CSV-in, CSV-out tool built on libcsv: tokenise a file with
 * libcsv (strict, as stemcost reads) and write every field back out through
 * one buffer, quoting only what needs it.  bench/bench_batch.sh runs it on the
 * same file as `stemcost batch` and reports the ratio.
 * With EXTRA, each row also gets EXTRA fields of a fixed amount ("1234567.89"):
 * the floor for a report as wide as batch's (which adds 16 result columns),
 * for context beside the floor.
 * Usage: csv_floor IN OUT [EXTRA] */
#include <config.h>

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct out {
    FILE *fp;
    char buf[1 << 16];
    size_t len;
    int first;
    int extra;
} out;

static void flush(out *o)
{
    fwrite(o->buf, 1, o->len, o->fp);
    o->len = 0;
}

static void on_field(void *data, size_t n, void *ctx)
{
    out *o = ctx;
    const char *s = data ? data : "";
    size_t need = csv_write(NULL, 0, s, n) + 2;
    if (o->len + need > sizeof o->buf)
        flush(o);
    if (!o->first)
        o->buf[o->len++] = ',';
    o->first = 0;
    if (memchr(s, ',', n) || memchr(s, '"', n) || memchr(s, '\n', n) || memchr(s, '\r', n)) {
        o->len += csv_write(o->buf + o->len, sizeof o->buf - o->len, s, n);
    } else {
        memcpy(o->buf + o->len, s, n);
        o->len += n;
    }
}

static void on_record(int c, void *ctx)
{
    out *o = ctx;
    static const char amount[] = ",1234567.89";
    (void)c;
    if (o->len + 2 + (size_t)o->extra * (sizeof amount - 1) > sizeof o->buf)
        flush(o);
    for (int k = 0; k < o->extra; k++) {
        memcpy(o->buf + o->len, amount, sizeof amount - 1);
        o->len += sizeof amount - 1;
    }
    o->buf[o->len++] = '\r';
    o->buf[o->len++] = '\n';
    o->first = 1;
}

int main(int argc, char **argv)
{
    if (argc != 3 && !(argc == 4 && atoi(argv[3]) >= 0 && atoi(argv[3]) <= 256)) {
        fprintf(stderr, "usage: csv_floor IN OUT [EXTRA (0-256)]\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    static out o;
    o.fp = fopen(argv[2], "wb");
    o.first = 1;
    o.extra = argc == 4 ? atoi(argv[3]) : 0;
    if (in == NULL || o.fp == NULL) {
        perror("csv_floor");
        return 1;
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return 1;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
        if (csv_parse(&p, chunk, n, on_field, on_record, &o) != n) {
            fprintf(stderr, "csv_floor: %s\n", csv_strerror(csv_error(&p)));
            return 1;
        }
    csv_fini(&p, on_field, on_record, &o);
    csv_free(&p);
    flush(&o);
    fclose(in);
    return fclose(o.fp) == 0 ? 0 : 1;
}
