/* Reports: turn loaded data and result structs into table, CSV or JSON text.
 * Reports format; they never compute. */
#ifndef STEMCOST_REPORT_H
#define STEMCOST_REPORT_H

#include <stdio.h>

#include "stemcost/compare.h"
#include "stemcost/estimate.h"
#include "stemcost/finance.h"
#include "stemcost/output.h"
#include "stemcost/simulate.h"
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

/* `stemcost estimate`: the regulatory status first, then the itemised lines,
 * totals, the complication risk, the interpolated share, exchange rates and
 * notes.  CSV is long-format: one record per line (section item or travel),
 * per total (section total), the interpolated share (section share) and the
 * complication risk (section risk).  `sim` (may be NULL) adds the simulated
 * p10 / p50 / p90 of the out-of-pocket total; `explain` (table only) adds the
 * arithmetic of every price derived from fee-schedule codes. */
void sc_report_estimate(FILE *fp, const sc_estimate_result *r, const sc_sim_result *sim,
                        sc_format fmt, int explain);

/* `stemcost simulate`: summary statistics, percentiles and a histogram.  CSV
 * is long-format: kind,name,value,lower,upper,count,currency with kind
 * `summary` (draws, seed, mean, sd, min, max, p5 ... p95) or `bin`. */
void sc_report_simulate(FILE *fp, const sc_sim_result *r, const sc_estimate_result *e,
                        sc_format fmt);

/* `stemcost compare`: the ranked rows, grouped by lawful availability; the
 * table adds a text range bar per row and notes on clinic quotes. */
void sc_report_compare(FILE *fp, const sc_compare_result *r, sc_format fmt);

/* `stemcost finance`: one way to pay, or with compare every plan side by side.
 * CSV: the schedule (period,date,payment,interest,principal,balance, and for
 * a deferred-interest promotion deferred_interest_accrued and
 * deferred_interest_on_minimum), or one row per plan; JSON: the summary, the
 * schedule, what missing a promotion costs, and the warnings; the table says
 * all of it in words. */
void sc_report_finance(FILE *fp, const sc_finance_result *r, sc_format fmt);

#ifdef __cplusplus
}
#endif
#endif
