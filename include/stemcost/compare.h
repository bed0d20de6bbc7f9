/* Every option side by side: one row per country x tier from the tables, and
 * one per clinic quote, in the home currency, ranked.
 *
 * Ranking: rows are grouped by what the patient may lawfully get (1: approved
 * or marketed under an exemption; 2: only in a trial; 3: not permitted; 4: not
 * priced in the tables) and ranked by typical out-of-pocket within a group,
 * so an unapproved option is never ranked as an equal of a lawful one, nor
 * silently dropped.  Savings are against the best (lowest typical) lawful
 * reference row in the home country, or the best priced home row if none is
 * lawful.
 *
 * Ownership: sc_compare() fills a caller struct; sc_compare_result_free()
 * releases it.  The clinic quotes belong to the caller (sc_clinics_read). */
#ifndef STEMCOST_COMPARE_H
#define STEMCOST_COMPARE_H

#include <stdio.h>

#include "stemcost/episode_cache.h"
#include "stemcost/estimate.h"
#include "stemcost/finance.h"
#include "stemcost/simulate.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A quote a patient received (one row of a clinics CSV). */
typedef struct sc_clinic_quote {
    char *clinic, *country, *city, *tier, *procedure, *quote_date, *valid_until,
        *accreditation, *notes;
    const sc_currency *currency;
    int64_t amount;      /* minor units of currency */
    unsigned includes;   /* categories the quote covers (bit 1 << sc_category) */
    int sites, sessions; /* what the quote is for; 0 when the file does not say */
    long line;           /* where it came from */
    long amount_column;  /* the amount's column there (1-based) */
} sc_clinic_quote;

typedef struct sc_clinics {
    char *name;
    sc_clinic_quote *quotes;
    size_t n;
} sc_clinics;

/* Read a clinics CSV.  Columns (by name, any order): clinic, country, tier,
 * procedure, currency, amount, includes, quote_date, valid_until (required);
 * sites, sessions, city, accreditation, notes (optional; a blank sites or
 * sessions cell means the quote is taken as being for the compared scenario's).  Every problem goes to `diags` as
 * FILE:LINE:COLUMN; SC_EINPUT if there was any. */
sc_status sc_clinics_read(FILE *fp, const char *name, const sc_pricing *p, sc_clinics *out,
                          sc_diags *diags);
/* The same with another field separator (';' or a tab). */
sc_status sc_clinics_read_delim(FILE *fp, const char *name, char delimiter, const sc_pricing *p,
                                sc_clinics *out, sc_diags *diags);
void sc_clinics_free(sc_clinics *c);

/* Quote checks: a quote whose validity ended before today is expired; one
 * dated more than SC_QUOTE_STALE_DAYS before today is stale; one whose price
 * is below the low end of the reference lines it claims to include (the
 * published minimum where those lines are anchored on published prices) is
 * implausibly cheap; one over SC_QUOTE_HIGH_PCT % of their high end is far
 * above the range.  Expired, implausibly cheap quotes, quotes for another
 * procedure and quotes for another number of sites or sessions are listed
 * apart (group "not comparable"), never ranked among the comparable options. */
#define SC_QUOTE_STALE_DAYS 180
#define SC_QUOTE_HIGH_PCT 150

typedef enum sc_compare_group {
    SC_GROUP_LAWFUL = 1,
    SC_GROUP_TRIAL = 2,
    SC_GROUP_NOT_PERMITTED = 3,
    SC_GROUP_NOT_COMPARABLE = 4,  /* clinic quotes that cannot be ranked (see above) */
    SC_GROUP_NOT_PRICED = 5
} sc_compare_group;

#define SC_ROW_TEXT 256

typedef struct sc_compare_row {
    int rank;                        /* 1-based, over all rows */
    sc_compare_group group;
    const sc_country *country;
    const sc_tier *tier;             /* NULL when a quote names an unknown... never */
    const sc_procedure *procedure;
    const sc_clinic_quote *clinic;   /* NULL for reference rows */
    const sc_availability *availability;
    int priced;                      /* 0: only status and reason are meaningful */
    char reason[SC_MSG_MAX];         /* why not priced, or why not comparable */
    sc_estimate_result est;          /* treatment, tax, travel, out_of_pocket, warnings */
    int is_home;
    int has_saving;
    int64_t saving;                  /* home best typical - this typical (negative: dearer) */
    int64_t saving_pct;              /* hundredths of a percent */
    sc_basis basis;                  /* the weakest basis of the row's lines */
    int has_offer;                   /* under --plan: the plan's offer for the typical
                                        out of pocket (it may say it does not apply) */
    sc_plan_offer offer;
    int has_percentiles;
    int64_t p10, p50, p90;
    char omitted[SC_ROW_TEXT];       /* categories a quote leaves out, "imaging, follow-up" */
    int64_t omitted_typical;         /* what they add, typical */
    int expired, stale, too_cheap, too_dear;
    int other_procedure, other_sites, other_sessions;
} sc_compare_row;

typedef struct sc_compare_request {
    sc_scenario base;                /* procedure, condition, home and estimate options */
    const char *const *countries;    /* NULL: every country in the tables */
    size_t ncountries;
    const char *const *tiers;        /* NULL: every tier */
    size_t ntiers;
    const sc_clinics *clinics;       /* or NULL */
    const char *plan;                /* or NULL */
    int percentiles;
    long draws;
    unsigned long seed;
} sc_compare_request;

typedef struct sc_compare_result {
    sc_resolved scenario;            /* the shared parts, resolved once (country = home) */
    const sc_currency *currency;
    const sc_country *home;
    const sc_procedure *procedure;
    const sc_condition *condition;
    const sc_plan *plan;
    sc_compare_row *rows;
    size_t nrows;
    const sc_compare_row *baseline;  /* the home row savings are measured against, or NULL */
} sc_compare_result;

sc_status sc_compare(const sc_pricing *p, const sc_compare_request *req, sc_compare_result *r,
                     sc_error *err);
/* The same, with each row's episode prepared once per combination and kept
 * in `cache` (stemcost/episode_cache.h; made for `p`, else SC_EUSAGE) for
 * later comparisons: the same result.  `cache` NULL: sc_compare. */
sc_status sc_compare_cached(const sc_pricing *p, sc_episode_cache *cache,
                            const sc_compare_request *req, sc_compare_result *r, sc_error *err);
void sc_compare_result_free(sc_compare_result *r);

#ifdef __cplusplus
}
#endif
#endif
