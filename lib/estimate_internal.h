/* Internal to the estimate module. */
#ifndef STEMCOST_ESTIMATE_INTERNAL_H
#define STEMCOST_ESTIMATE_INTERNAL_H

#include "stemcost/estimate.h"

/* The low (0), typical (1) or high (2) member of a range. */
static inline int64_t *sc_range_at(sc_range *r, int col)
{
    return col == 0 ? &r->low : col == 1 ? &r->typical : &r->high;
}

/* How many of a priced unit an episode has. */
long sc_item_units(sc_unit unit, int sites, int sessions, int visits);
long sc_travel_units(sc_travel_unit unit, int travelers, int nights, int visits);

#endif
