/* Errors and diagnostic lists: see include/stemcost/error.h. */
#include <config.h>

#include "stemcost/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy_where(char *dst, const char *src)
{
    if (src == NULL) {
        dst[0] = '\0';
        return;
    }
    snprintf(dst, SC_WHERE_MAX, "%s", src);
}

static void fill(sc_error *err, sc_status status, const char *file, long line, long column,
                 const char *fmt, va_list ap)
{
    err->status = status;
    copy_where(err->file, file);
    err->line = line;
    err->column = column;
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
}

sc_status sc_error_set(sc_error *err, sc_status status, const char *file, long line,
                       long column, const char *fmt, ...)
{
    if (err != NULL) {
        va_list ap;
        va_start(ap, fmt);
        fill(err, status, file, line, column, fmt, ap);
        va_end(ap);
    }
    return status;
}

void sc_error_clear(sc_error *err)
{
    memset(err, 0, sizeof *err);
}

void sc_error_format(const sc_error *err, char *buf, size_t size)
{
    if (err->file[0] == '\0')
        snprintf(buf, size, "%s", err->msg);
    else if (err->line <= 0)
        snprintf(buf, size, "%s: %s", err->file, err->msg);
    else if (err->column <= 0)
        snprintf(buf, size, "%s:%ld: %s", err->file, err->line, err->msg);
    else
        snprintf(buf, size, "%s:%ld:%ld: %s", err->file, err->line, err->column, err->msg);
}

void sc_diags_init(sc_diags *d)
{
    memset(d, 0, sizeof *d);
}

void sc_diags_free(sc_diags *d)
{
    free(d->items);
    memset(d, 0, sizeof *d);
}

void sc_diags_add(sc_diags *d, const sc_error *e)
{
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        sc_error *p = realloc(d->items, cap * sizeof *p);
        if (p == NULL) {
            d->oom = 1;
            return;
        }
        d->items = p;
        d->cap = cap;
    }
    d->items[d->count++] = *e;
}

void sc_diags_addf(sc_diags *d, sc_status status, const char *file, long line, long column,
                   const char *fmt, ...)
{
    sc_error e;
    va_list ap;
    va_start(ap, fmt);
    fill(&e, status, file, line, column, fmt, ap);
    va_end(ap);
    sc_diags_add(d, &e);
}

static int compare_diag(const void *pa, const void *pb)
{
    const sc_error *a = pa, *b = pb;
    int c = strcmp(a->file, b->file);
    if (c != 0)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->column != b->column)
        return a->column < b->column ? -1 : 1;
    return strcmp(a->msg, b->msg); /* ties broken by text: the order is deterministic */
}

void sc_diags_sort(sc_diags *d)
{
    if (d->count > 1)
        qsort(d->items, d->count, sizeof *d->items, compare_diag);
}
