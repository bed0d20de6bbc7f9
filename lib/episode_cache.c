/* Prepared episodes kept across estimates (stemcost/episode_cache.h): an
 * open-addressing table (linear probing, never more than half full) keyed
 * by the combination, each episode prepared when first met. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "stemcost/episode_cache.h"

/* Every field of sc_resolved that sc_estimate_prepare reads (it copies the
 * whole scenario into the result): all but `plan` and `contingency_pct`,
 * which sc_estimate_finish sets.  Compared and hashed as bytes, so it is
 * cleared (padding too) before it is filled. */
typedef struct episode_key {
    const void *procedure, *condition, *country, *home, *tier, *insurance, *currency;
    int sites, travelers, sessions, sessions_given;
    sc_date today;
    char today_text[sizeof ((sc_resolved *)0)->today_text];
} episode_key;

typedef struct episode {
    episode_key key;
    sc_estimate_result prepared; /* not finished: each estimate finishes a copy */
} episode;

struct sc_episode_cache {
    const sc_pricing *p;
    size_t max, nbuckets; /* nbuckets: a power of two, at least 2 x max */
    size_t count;
    episode **slots;
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

static size_t slot_of(const sc_episode_cache *c, const episode_key *k)
{
    uint64_t h = sc_fnv1a(SC_FNV_OFFSET, k, sizeof *k);
    return (size_t)(h ^ (h >> 29) ^ (h >> 47)) & (c->nbuckets - 1);
}

sc_episode_cache *sc_episode_cache_new(const sc_pricing *p, size_t max_episodes)
{
    if (max_episodes == 0)
        max_episodes = SC_EPISODE_CACHE_DEFAULT;
    if (max_episodes > ((size_t)1 << 24))
        max_episodes = (size_t)1 << 24;
    sc_episode_cache *c = calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    c->p = p;
    c->max = max_episodes;
    c->nbuckets = 2;
    while (c->nbuckets < 2 * max_episodes)
        c->nbuckets *= 2;
    c->slots = calloc(c->nbuckets, sizeof *c->slots);
    if (c->slots == NULL) {
        free(c);
        return NULL;
    }
    return c;
}

static void clear(sc_episode_cache *c)
{
    for (size_t i = 0; i < c->nbuckets; i++)
        if (c->slots[i] != NULL) {
            sc_estimate_result_free(&c->slots[i]->prepared);
            free(c->slots[i]);
            c->slots[i] = NULL;
        }
    c->count = 0;
}

void sc_episode_cache_free(sc_episode_cache *c)
{
    if (c == NULL)
        return;
    clear(c);
    free(c->slots);
    free(c);
}

const sc_pricing *sc_episode_cache_pricing(const sc_episode_cache *c)
{
    return c->p;
}

size_t sc_episode_cache_count(const sc_episode_cache *c)
{
    return c->count;
}

/* The prepared episode of `s`, from the table or prepared now; NULL when
 * preparing failed (err says why). */
static const episode *find(sc_episode_cache *c, const sc_resolved *s, sc_error *err)
{
    episode_key k;
    key_of(s, &k);
    size_t at = slot_of(c, &k);
    episode *e;
    while ((e = c->slots[at]) != NULL && memcmp(&e->key, &k, sizeof k) != 0)
        at = (at + 1) & (c->nbuckets - 1);
    if (e != NULL)
        return e;
    if ((e = malloc(sizeof *e)) == NULL) {
        sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    e->key = k;
    if (sc_estimate_prepare(c->p, s, &e->prepared, err) != SC_OK) {
        free(e); /* a failed prepare keeps nothing */
        return NULL;
    }
    if (c->count == c->max) { /* full: start again */
        clear(c);
        at = slot_of(c, &k);
    }
    c->slots[at] = e;
    c->count++;
    return e;
}

sc_status sc_episode_cache_estimate(sc_episode_cache *c, const sc_resolved *s,
                                    sc_estimate_result *r, sc_error *err)
{
    sc_error local;
    if (err == NULL)
        err = &local;
    memset(r, 0, sizeof *r);
    const episode *e = find(c, s, err);
    if (e == NULL)
        return err->status;
    /* A copy of the prepared episode with its own lines, finished as
     * sc_estimate_resolved finishes the one it prepares. */
    *r = e->prepared;
    r->lines = NULL;
    if (e->prepared.nlines > 0) {
        r->lines = malloc(e->prepared.nlines * sizeof *r->lines);
        if (r->lines == NULL) {
            memset(r, 0, sizeof *r);
            return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
        }
        memcpy(r->lines, e->prepared.lines, e->prepared.nlines * sizeof *r->lines);
    }
    sc_status st = sc_estimate_finish(c->p, s, r, err);
    if (st != SC_OK)
        sc_estimate_result_free(r);
    return st;
}
