/* Prepared episodes kept across estimates: a server (stemcost serve) answers
 * many requests over the same tables, and each comparison prepares one
 * episode per country and tier (sc_estimate_prepare: the items, travel,
 * conversion, coverage and warnings).  The cache keeps each prepared episode
 * of a combination and finishes a copy of it per estimate (the plan's
 * amounts, the contingency and the totals: sc_estimate_finish), so the
 * result is the same, byte for byte, as sc_estimate_resolved's.
 *
 * A combination is every field of sc_resolved that preparing reads: all but
 * the plan's amounts and the contingency, which finishing takes (see
 * estimate.h).  A combination the tables cannot price (sc_resolved_at's
 * checks, or preparing) is kept too, and fails the same way again.
 *
 * Bounded: at most `max_episodes` combinations (a prepared episode takes some
 * 4 kB with its lines); when full, the cache starts again empty.
 *
 * Ownership and threads: the cache belongs to the caller, holds pointers into
 * the pricing tables `p` (which must outlive it) and is not locked: use one
 * per thread. */
#ifndef STEMCOST_EPISODE_CACHE_H
#define STEMCOST_EPISODE_CACHE_H

#include <stddef.h>

#include "stemcost/estimate.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sc_episode_cache sc_episode_cache;

/* A cache for the tables `p` (max_episodes 0: SC_EPISODE_CACHE_DEFAULT);
 * NULL out of memory. */
#define SC_EPISODE_CACHE_DEFAULT 2048
sc_episode_cache *sc_episode_cache_new(const sc_pricing *p, size_t max_episodes);
void sc_episode_cache_free(sc_episode_cache *c);

/* The estimate of `s` (already checked with sc_resolved_at): the same as
 * sc_estimate_resolved(p, s, r, err) with the cache's tables, preparing the
 * episode only when its combination is not kept yet.  Release `r` with
 * sc_estimate_result_free (also after a failure). */
sc_status sc_episode_cache_estimate(sc_episode_cache *c, const sc_resolved *s,
                                    sc_estimate_result *r, sc_error *err);

/* The tables the cache was made for; how many episodes it holds now. */
const sc_pricing *sc_episode_cache_pricing(const sc_episode_cache *c);
size_t sc_episode_cache_count(const sc_episode_cache *c);

#ifdef __cplusplus
}
#endif
#endif
