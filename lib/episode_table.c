/* Prepared episodes kept per combination: see episode_table.h. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "episode_table.h"
#include "hash.h"

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
};

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

static void entry_free(entry *x)
{
    if (x == NULL)
        return;
    if (x->e.status == SC_OK)
        sc_estimate_result_free(&x->e.prepared);
    if (x->e.user_free != NULL)
        x->e.user_free(x->e.user);
    free(x);
}

static void clear(sc_episode_table *t)
{
    for (size_t i = 0; i < t->nbuckets; i++) {
        entry_free(t->slots[i]);
        t->slots[i] = NULL;
    }
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

/* A new entry for `s`: the combination checked, then the episode prepared;
 * NULL out of memory. */
static entry *make(const sc_episode_table *t, const sc_resolved *s, const episode_key *k)
{
    /* Not zeroed (an entry is some 3 kB, most of it the episode and the
     * error): `prepared` is set by preparing, `error` only when the
     * combination fails, and neither is read otherwise. */
    entry *x = malloc(sizeof *x);
    if (x == NULL)
        return NULL;
    x->key = *k;
    x->e.user = NULL;
    x->e.user_free = NULL;
    sc_resolved at;
    sc_status st = sc_resolved_at(t->p, s, s->country, s->tier, &at, &x->e.error);
    if (st == SC_OK)
        st = sc_estimate_prepare(t->p, &at, &x->e.prepared, &x->e.error);
    if (st == SC_ENOMEM) { /* a failed prepare keeps nothing */
        free(x);
        return NULL;
    }
    x->e.status = st;
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
