/* Internal: typed reading of one table row's cells, reporting every bad cell
 * as FILE:LINE:COLUMN into a diagnostics list.  Each getter returns 1 when the
 * cell was good and 0 after adding a diagnostic. */
#ifndef STEMCOST_CELLS_H
#define STEMCOST_CELLS_H

#include <stdint.h>

#include "stemcost/error.h"
#include "stemcost/money.h"
#include "stemcost/table.h"

typedef struct sc_cells {
    const sc_table *table;
    const sc_table_row *row;
    sc_diags *diags;
} sc_cells;

/* Add a diagnostic at the cell of `column` (or at the row if column is NULL). */
void sc_cells_error(const sc_cells *c, const char *column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The cell's text ("" if the column is absent: absence is reported once per table). */
const char *sc_cells_text(const sc_cells *c, const char *column);
/* A copy of the cell text (NULL only when out of memory, which is recorded). */
char *sc_cells_dup(const sc_cells *c, const char *column);
/* The cell must not be empty. */
int sc_cells_required(const sc_cells *c, const char *column);
/* An identifier: letters, digits, '-', '_' and '.', 1 to 64 characters. */
int sc_cells_id(const sc_cells *c, const char *column);
/* One of `values` (exact); *out is its index. */
int sc_cells_enum(const sc_cells *c, const char *column, const char *const *values, int n,
                  int *out);
/* yes or no. */
int sc_cells_bool(const sc_cells *c, const char *column, int *out);
/* A whole number in [min, max]. */
int sc_cells_int(const sc_cells *c, const char *column, int min, int max, int *out);
/* A decimal with at most `decimals` places, in [min, max] (scaled values). */
int sc_cells_decimal(const sc_cells *c, const char *column, int decimals, int64_t min,
                     int64_t max, int64_t *out);
/* A non-negative money amount in `cur`. */
int sc_cells_money(const sc_cells *c, const char *column, const sc_currency *cur,
                   int64_t *out);
/* A known ISO 4217 code. */
int sc_cells_currency(const sc_cells *c, const char *column, const sc_currency **out);
/* An ISO 8601 calendar date YYYY-MM-DD that exists. */
int sc_cells_date(const sc_cells *c, const char *column);

/* A list of item categories "consultation;imaging" (empty: none) as a bit
 * set, bit 1 << sc_category, in the order of sc_category. */
int sc_cells_categories(const sc_cells *c, const char *column, unsigned *out);

#endif
