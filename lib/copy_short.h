/* Internal: copying the short strings CSV fields mostly are.
 *
 * A batch report copies every cell twice (the reader keeps it, the writer
 * writes it), a few to a few dozen bytes each: a call to memcpy, whose size
 * classes the processor must guess afresh for every cell, costs more than the
 * copy.  Up to 16 bytes are moved here as two fixed-size pieces that overlap
 * as needed (each piece inside the n bytes, so nothing past either end is
 * read or written); longer ones go to memcpy. */
#ifndef STEMCOST_COPY_SHORT_H
#define STEMCOST_COPY_SHORT_H

#include <stdint.h>
#include <string.h>

static inline void sc_copy_short(char *dst, const char *src, size_t n)
{
    if (n >= 8 && n <= 16) {
        uint64_t a, b;
        memcpy(&a, src, 8);
        memcpy(&b, src + n - 8, 8);
        memcpy(dst, &a, 8);
        memcpy(dst + n - 8, &b, 8);
    } else if (n >= 4 && n < 8) {
        uint32_t a, b;
        memcpy(&a, src, 4);
        memcpy(&b, src + n - 4, 4);
        memcpy(dst, &a, 4);
        memcpy(dst + n - 4, &b, 4);
    } else if (n > 0 && n < 4) {
        /* 1 to 3 bytes: the first, the middle and the last (some the same). */
        char a = src[0], b = src[n / 2], c = src[n - 1];
        dst[0] = a;
        dst[n / 2] = b;
        dst[n - 1] = c;
    } else if (n > 16) {
        memcpy(dst, src, n);
    }
}

#endif
