/* A stdio stream into a growing memory buffer that reports every failure.
 *
 * glibc's open_memstream drops what it cannot store when its buffer cannot
 * grow and sets neither the stream's error flag nor fclose's result
 * (libio/strops.c), so a document rendered into it under memory pressure
 * comes back silently truncated.  This stream's write function fails
 * instead, which sets the error flag. */
#ifndef STEMCOST_MEMBUF_H
#define STEMCOST_MEMBUF_H

#include <stddef.h>
#include <stdio.h>

#include "stemcost/error.h"

typedef struct sc_membuf {
    FILE *fp;     /* write here */
    char *data;   /* NUL-terminated once closed */
    size_t len, cap;
    int failed;
} sc_membuf;

/* Open; NULL out of memory (then nothing to close). */
FILE *sc_membuf_open(sc_membuf *m);

/* Close the stream; SC_OK with m->data (the caller frees it) and m->len,
 * else SC_ENOMEM (set in err; nothing to free) when any write failed or a
 * writer marked the stream failed (sc_output_fail). */
sc_status sc_membuf_close(sc_membuf *m, sc_error *err);

#endif
