/* Reports: turn loaded data and result structs into table, CSV or JSON text.
 * Reports format; they never compute. */
#ifndef STEMCOST_REPORT_H
#define STEMCOST_REPORT_H

#include <stdio.h>

#include "stemcost/estimate.h"
#include "stemcost/output.h"
#include "stemcost/pricing.h"

#ifdef __cplusplus
extern "C" {
#endif

/* `stemcost list TABLE`: the table's rows, all columns in file order.  In JSON,
 * money is a number with the row currency's minor digits and other numeric
 * columns are numbers; in the text table, cells longer than
 * SC_LIST_CELL_MAX code points are shortened with "..." (csv and json carry
 * them whole). */
#define SC_LIST_CELL_MAX 48
void sc_report_list(FILE *fp, const sc_pricing *p, sc_table_id id, sc_format fmt);

/* `stemcost estimate`: the itemised lines, totals, exchange rates and
 * warnings.  CSV is long-format: one record per line (section item or
 * travel) and per total (section total). */
void sc_report_estimate(FILE *fp, const sc_estimate_result *r, sc_format fmt);

#ifdef __cplusplus
}
#endif
#endif
