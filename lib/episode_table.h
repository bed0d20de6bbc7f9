/* Internal: prepared episodes kept per combination, for the callers that
 * estimate many scenarios over the same tables (batch's rows, the server's
 * comparisons through stemcost/episode_cache.h).
 *
 * A combination is every field of sc_resolved that sc_estimate_prepare
 * reads: all but the plan's amounts and the contingency, which
 * sc_estimate_finish takes.  Its entry holds the prepared (not finished)
 * episode, or why the tables cannot price it (sc_resolved_at's checks, then
 * preparing): a row or a request that asks for it again fails the same way
 * without the work.  The caller may keep its own data on an entry (`user`,
 * released with `user_free`).
 *
 * An open-addressing table (linear probing, never more than half full);
 * at most `max` entries: when full it starts again empty, so memory stays
 * bounded (a prepared episode takes some 4 kB with its lines, in blocks the
 * table owns and releases together).  It holds
 * pointers into the pricing tables, which must outlive it; not locked. */
#ifndef STEMCOST_EPISODE_TABLE_H
#define STEMCOST_EPISODE_TABLE_H

#include <stddef.h>

#include "stemcost/estimate.h"

typedef struct sc_episode_table sc_episode_table;

typedef struct sc_episode_entry {
    sc_status status;              /* SC_OK: `prepared` holds the episode */
    sc_estimate_result prepared;   /* not finished */
    void *user;                    /* the caller's, or NULL */
    void (*user_free)(void *user); /* called on `user` when the entry goes */
    const sc_error *error;         /* otherwise why (its status is `status`), else NULL */
} sc_episode_entry;

/* NULL out of memory. */
sc_episode_table *sc_episode_table_new(const sc_pricing *p, size_t max);
void sc_episode_table_free(sc_episode_table *t);

/* The entry of `s`'s combination, made now if it is not kept (checking the
 * combination with sc_resolved_at, then preparing).  NULL only out of memory
 * (err says so); a combination the tables cannot price is an entry. */
sc_episode_entry *sc_episode_table_get(sc_episode_table *t, const sc_resolved *s, sc_error *err);

const sc_pricing *sc_episode_table_pricing(const sc_episode_table *t);
size_t sc_episode_table_count(const sc_episode_table *t);

#endif
