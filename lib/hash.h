/* Internal: FNV-1a, a small non-cryptographic hash (change detection and
 * table slots, never security).  http://www.isthe.com/chongo/tech/comp/fnv/ */
#ifndef STEMCOST_HASH_H
#define STEMCOST_HASH_H

#include <stddef.h>
#include <stdint.h>

#define SC_FNV_OFFSET UINT64_C(1469598103934665603)
#define SC_FNV_PRIME UINT64_C(1099511628211)

static inline uint64_t sc_fnv1a(uint64_t h, const void *data, size_t n)
{
    const unsigned char *s = data;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= SC_FNV_PRIME;
    }
    return h;
}

#endif
