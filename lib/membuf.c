/* A memory output stream that reports failure (membuf.h). */
#include <config.h>

#include "membuf.h"

#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "stemcost/output.h"

static ssize_t membuf_write(void *cookie, const char *data, size_t n)
{
    sc_membuf *m = cookie;
    if (m->len + n + 1 > m->cap) {
        size_t cap = m->cap ? m->cap : 4096;
        while (cap < m->len + n + 1)
            cap *= 2;
        char *grown = realloc(m->data, cap);
        if (grown == NULL) {
            m->failed = 1;
            /* A short count sets the stream's error flag; never -1, which
             * glibc takes as a size_t and overruns its buffer with
             * (fopencookie(3): "must not return a negative value"). */
            return 0;
        }
        m->data = grown;
        m->cap = cap;
    }
    memcpy(m->data + m->len, data, n);
    m->len += n;
    return (ssize_t)n;
}

FILE *sc_membuf_open(sc_membuf *m)
{
    memset(m, 0, sizeof *m);
    cookie_io_functions_t io = {NULL, membuf_write, NULL, NULL};
    m->fp = fopencookie(m, "w", io);
    return m->fp;
}

sc_status sc_membuf_close(sc_membuf *m, sc_error *err)
{
    int failed = sc_output_failed(m->fp) || ferror(m->fp);
    if (fclose(m->fp) != 0 || m->failed)
        failed = 1;
    m->fp = NULL;
    if (!failed && m->data == NULL && (m->data = malloc(1)) == NULL)
        failed = 1;
    if (failed) {
        free(m->data);
        m->data = NULL;
        m->len = 0;
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    m->data[m->len] = '\0';
    return SC_OK;
}
