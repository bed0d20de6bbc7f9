/* Prepared episodes kept per combination: see episode_table.h. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "episode_table.h"
#include "hash.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif

/* Where entries live.  A table is read at random (each batch row, each
 * request meets a different combination), some 4 kB per entry over
 * megabytes, so the entries and their lines are kept in 2 MB blocks the
 * table owns, which Linux may back with huge pages (MADV_HUGEPAGE): fewer
 * TLB misses per row (batch on 1,000,000 distinct rows: some 5-10 % less CPU
 * time in paired runs; the same with glibc's own huge-page tunable).  They
 * are all released at once when the table starts again or goes.  Under
 * AddressSanitizer every piece is a block of its own, so an overrun still
 * lands in a red zone. */
#if defined(__SANITIZE_ADDRESS__)
#define PIECE_BLOCKS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PIECE_BLOCKS 0
#endif
#endif
#ifndef PIECE_BLOCKS
#define PIECE_BLOCKS 1
#endif
#define BLOCK_BYTES ((size_t)2 << 20) /* a huge page on x86-64 and arm64 (4 kB pages) */
#define PIECE_ALIGN 64                /* a cache line */

typedef struct block {
    struct block *next;
    size_t used, cap; /* bytes of the block, this header included */
} block;

#define HEADER_BYTES ((sizeof(block) + PIECE_ALIGN - 1) / PIECE_ALIGN * PIECE_ALIGN)

/* Every field of sc_resolved that preparing reads (it copies the whole
 * scenario into the result): all but `plan` and `contingency_pct`.
 * Compared and hashed as bytes, so it is cleared, padding too, before it is
 * filled. */
typedef struct episode_key {
    const void *procedure, *condition, *country, *home, *tier, *insurance, *currency;
    int sites, travelers, sessions, sessions_given;
    sc_date today;
    char today_text[sizeof ((sc_resolved *)0)->today_text];
} episode_key;

typedef struct entry {
    episode_key key;
    sc_episode_entry e;
} entry;

struct sc_episode_table {
    const sc_pricing *p;
    size_t max, nbuckets; /* nbuckets: a power of two, at least 2 x max */
    size_t count;
    entry **slots;
    block *blocks;        /* the newest first; pieces are taken from it */
};

/* n bytes from the table's blocks (aligned to a cache line); NULL out of memory. */
static void *piece(sc_episode_table *t, size_t n)
{
    n = (n + PIECE_ALIGN - 1) / PIECE_ALIGN * PIECE_ALIGN;
    block *b = t->blocks;
    if (b == NULL || b->cap - b->used < n) {
        size_t cap = HEADER_BYTES + n;
#if PIECE_BLOCKS
        cap = (cap + BLOCK_BYTES - 1) / BLOCK_BYTES * BLOCK_BYTES;
        b = aligned_alloc(BLOCK_BYTES, cap);
#if defined(MADV_HUGEPAGE)
        if (b != NULL)
            (void)madvise(b, cap, MADV_HUGEPAGE); /* advice: fine if refused */
#endif
#else
        b = malloc(cap);
#endif
        if (b == NULL)
            return NULL;
        b->next = t->blocks;
        b->used = HEADER_BYTES;
        b->cap = cap;
        t->blocks = b;
    }
    void *at = (char *)b + b->used;
    b->used += n;
    return at;
}

static void blocks_free(sc_episode_table *t)
{
    while (t->blocks != NULL) {
        block *next = t->blocks->next;
        free(t->blocks);
        t->blocks = next;
    }
}

static void key_of(const sc_resolved *s, episode_key *k)
{
    memset(k, 0, sizeof *k);
    k->procedure = s->procedure;
    k->condition = s->condition;
    k->country = s->country;
    k->home = s->home;
    k->tier = s->tier;
    k->insurance = s->insurance;
    k->currency = s->currency;
    k->sites = s->sites;
    k->travelers = s->travelers;
    k->sessions = s->sessions;
    k->sessions_given = s->sessions_given;
    k->today = s->today;
    memcpy(k->today_text, s->today_text, sizeof k->today_text);
}

/* FNV-1a a word at a time, then the high bits folded in: the table takes
 * the low ones. */
static size_t slot_of(const sc_episode_table *t, const episode_key *k)
{
    uint64_t h = SC_FNV_OFFSET, w;
    const unsigned char *bytes = (const unsigned char *)k;
    size_t i = 0;
    for (; i + sizeof w <= sizeof *k; i += sizeof w) {
        memcpy(&w, bytes + i, sizeof w);
        h = (h ^ w) * SC_FNV_PRIME;
    }
    h = sc_fnv1a(h, bytes + i, sizeof *k - i);
    return (size_t)(h ^ (h >> 29) ^ (h >> 47)) & (t->nbuckets - 1);
}

sc_episode_table *sc_episode_table_new(const sc_pricing *p, size_t max)
{
    if (max == 0)
        max = 1;
    if (max > ((size_t)1 << 24))
        max = (size_t)1 << 24;
    sc_episode_table *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->p = p;
    t->max = max;
    t->nbuckets = 2;
    while (t->nbuckets < 2 * max)
        t->nbuckets *= 2;
    t->slots = calloc(t->nbuckets, sizeof *t->slots);
    if (t->slots == NULL) {
        free(t);
        return NULL;
    }
    return t;
}

/* Every entry goes (the caller's data released), and the blocks with them. */
static void clear(sc_episode_table *t)
{
    for (size_t i = 0; i < t->nbuckets; i++) {
        entry *x = t->slots[i];
        if (x != NULL && x->e.user_free != NULL)
            x->e.user_free(x->e.user);
        t->slots[i] = NULL;
    }
    blocks_free(t);
    t->count = 0;
}

void sc_episode_table_free(sc_episode_table *t)
{
    if (t == NULL)
        return;
    clear(t);
    free(t->slots);
    free(t);
}

const sc_pricing *sc_episode_table_pricing(const sc_episode_table *t)
{
    return t->p;
}

size_t sc_episode_table_count(const sc_episode_table *t)
{
    return t->count;
}

/* A new entry for `s`: the combination checked, then the episode prepared
 * and its lines moved beside it; NULL out of memory (nothing kept). */
static entry *make(sc_episode_table *t, const sc_resolved *s, const episode_key *k)
{
    /* Prepared on the stack, then copied into the table's blocks: the
     * error (1 kB) only when the combination fails, the episode and its
     * lines only when it does not. */
    sc_error error;
    sc_estimate_result prepared;
    sc_resolved at;
    sc_status st = sc_resolved_at(t->p, s, s->country, s->tier, &at, &error);
    if (st == SC_OK)
        st = sc_estimate_prepare(t->p, &at, &prepared, &error);
    if (st == SC_ENOMEM) /* a failed prepare keeps nothing */
        return NULL;
    size_t more = st == SC_OK ? prepared.nlines * sizeof *prepared.lines : sizeof error;
    entry *x = piece(t, sizeof *x + more);
    if (x == NULL) {
        if (st == SC_OK)
            sc_estimate_result_free(&prepared);
        return NULL;
    }
    x->key = *k;
    x->e.user = NULL;
    x->e.user_free = NULL;
    x->e.status = st;
    x->e.error = NULL;
    if (st == SC_OK) { /* the lines right after the entry */
        x->e.prepared = prepared;
        x->e.prepared.lines = (sc_line *)(x + 1);
        if (more > 0)
            memcpy(x->e.prepared.lines, prepared.lines, more);
        sc_estimate_result_free(&prepared);
    } else { /* the error there instead */
        sc_error *kept = (sc_error *)(x + 1);
        *kept = error;
        x->e.error = kept;
    }
    return x;
}

sc_episode_entry *sc_episode_table_get(sc_episode_table *t, const sc_resolved *s, sc_error *err)
{
    episode_key k;
    key_of(s, &k);
    size_t at = slot_of(t, &k);
    entry *x;
    while ((x = t->slots[at]) != NULL && memcmp(&x->key, &k, sizeof k) != 0)
        at = (at + 1) & (t->nbuckets - 1);
    if (x == NULL) {
        if (t->count == t->max) { /* full: start again */
            clear(t);
            at = slot_of(t, &k);
        }
        if ((x = make(t, s, &k)) == NULL) {
            sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
            return NULL;
        }
        t->slots[at] = x;
        t->count++;
    }
    return &x->e;
}
