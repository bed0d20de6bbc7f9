/* Prepared episodes kept across estimates (stemcost/episode_cache.h): the
 * episode table of episode_table.h (the one batch uses), each estimate
 * finishing a copy of its combination's prepared episode. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "episode_table.h"
#include "stemcost/episode_cache.h"

struct sc_episode_cache {
    sc_episode_table *table;
};

sc_episode_cache *sc_episode_cache_new(const sc_pricing *p, size_t max_episodes)
{
    sc_episode_cache *c = calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    c->table = sc_episode_table_new(p, max_episodes ? max_episodes : SC_EPISODE_CACHE_DEFAULT);
    if (c->table == NULL) {
        free(c);
        return NULL;
    }
    return c;
}

void sc_episode_cache_free(sc_episode_cache *c)
{
    if (c == NULL)
        return;
    sc_episode_table_free(c->table);
    free(c);
}

const sc_pricing *sc_episode_cache_pricing(const sc_episode_cache *c)
{
    return sc_episode_table_pricing(c->table);
}

size_t sc_episode_cache_count(const sc_episode_cache *c)
{
    return sc_episode_table_count(c->table);
}

sc_status sc_episode_cache_estimate(sc_episode_cache *c, const sc_resolved *s,
                                    sc_estimate_result *r, sc_error *err)
{
    sc_error local;
    if (err == NULL)
        err = &local;
    memset(r, 0, sizeof *r);
    const sc_episode_entry *e = sc_episode_table_get(c->table, s, err);
    if (e == NULL)
        return err->status;
    if (e->status != SC_OK) { /* the combination fails as it did when first met */
        *err = *e->error;
        return e->status;
    }
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
    sc_status st = sc_estimate_finish(sc_episode_table_pricing(c->table), s, r, err);
    if (st != SC_OK)
        sc_estimate_result_free(r);
    return st;
}
