/* Errors and diagnostic lists: see include/stemcost/error.h. */
#include <config.h>

#include "stemcost/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy_text(char *dst, size_t size, const char *src)
{
    if (src == NULL) {
        dst[0] = '\0';
        return;
    }
    snprintf(dst, size, "%s", src);
}

/* The reason an error set by location alone most likely has. */
static sc_reason default_reason(sc_status status)
{
    switch (status) {
    case SC_OK: return SC_R_NONE;
    case SC_EINPUT: return SC_R_DATA;
    case SC_EUSAGE: return SC_R_MALFORMED;
    case SC_ENOMEM: return SC_R_NOMEM;
    case SC_EIO: return SC_R_IO;
    case SC_ELIMIT: return SC_R_LIMIT;
    case SC_EBUSY: return SC_R_BUSY;
    }
    return SC_R_NONE;
}

static void fill(sc_error *err, sc_status status, sc_reason reason, const char *field,
                 const char *file, long line, long column, const char *fmt, va_list ap)
{
    err->status = status;
    err->reason = reason;
    copy_text(err->field, sizeof err->field, field);
    copy_text(err->file, sizeof err->file, file);
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
        fill(err, status, default_reason(status), NULL, file, line, column, fmt, ap);
        va_end(ap);
    }
    return status;
}

sc_status sc_error_field(sc_error *err, sc_status status, sc_reason reason, const char *field,
                         const char *fmt, ...)
{
    if (err != NULL) {
        va_list ap;
        va_start(ap, fmt);
        fill(err, status, reason, field, NULL, 0, 0, fmt, ap);
        va_end(ap);
    }
    return status;
}

sc_status sc_error_reason(sc_error *err, sc_reason reason)
{
    if (err == NULL)
        return SC_EINPUT;
    err->reason = reason;
    return err->status;
}

void sc_error_clear(sc_error *err)
{
    if (err != NULL)
        memset(err, 0, sizeof *err);
}

static void format(const sc_error *err, int as_option, char *buf, size_t size)
{
    if (size == 0)
        return;
    if (err->file[0] == '\0' && err->field[0] != '\0') {
        char opt[SC_FIELD_MAX + 2];
        size_t n = 0;
        if (as_option) {
            opt[n++] = '-';
            opt[n++] = '-';
        }
        for (size_t i = 0; err->field[i] && n + 1 < sizeof opt; i++)
            opt[n++] = as_option && err->field[i] == '_' ? '-' : err->field[i];
        opt[n] = '\0';
        snprintf(buf, size, "%s: %s", opt, err->msg);
    } else if (err->file[0] == '\0')
        snprintf(buf, size, "%s", err->msg);
    else if (err->line <= 0)
        snprintf(buf, size, "%s: %s", err->file, err->msg);
    else if (err->column <= 0)
        snprintf(buf, size, "%s:%ld: %s", err->file, err->line, err->msg);
    else
        snprintf(buf, size, "%s:%ld:%ld: %s", err->file, err->line, err->column, err->msg);
}

void sc_error_format(const sc_error *err, char *buf, size_t size)
{
    format(err, 0, buf, size);
}

void sc_error_format_option(const sc_error *err, char *buf, size_t size)
{
    format(err, 1, buf, size);
}

const char *sc_reason_name(sc_reason reason)
{
    static const char *const names[] = {
        "none", "required", "empty", "malformed", "range", "unknown-id", "not-used-for",
        "not-priced", "conflict", "no-rate", "overflow", "not-applicable", "syntax", "data",
        "nomem", "io", "limit", "busy", "exists", "not-found"};
    if ((size_t)reason < sizeof names / sizeof *names)
        return names[reason];
    return "unknown";
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
    if (e->status == SC_ENOMEM)
        d->oom = 1;
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
    fill(&e, status, default_reason(status), NULL, file, line, column, fmt, ap);
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
