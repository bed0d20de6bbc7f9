/* stemcost serve: a web query (the fields of a GET address) mapped to the
 * same requests the command line builds, through the same library checks.
 *
 * Field names are the option names without dashes ("deductible_met"; the
 * dashed spelling is accepted too).  Rules the command line has, the web
 * has: an unknown field is refused, the last of a repeated field wins, a
 * list field (countries, tiers) may also be repeated (form check boxes) and
 * its values are joined with commas.  One rule only the web has: a blank
 * value (a form field left empty) means "not given"; a key or value whose
 * '%' is not followed by two hex digits is refused, never read as written
 * (sv_unescape).  Flags (compare, deferred, percentiles, explain) are
 * given as "1", "on" or blank.
 *
 * The query owns nothing: its strings point into the caller's pairs, which
 * must outlive it (the two list fields are copied into the query). */
#ifndef STEMCOST_SERVE_QUERY_H
#define STEMCOST_SERVE_QUERY_H

#include <stddef.h>

#include "stemcost/compare.h"
#include "stemcost/finance.h"
#include "stemcost/html.h"
#include "stemcost/scenario.h"

typedef enum sv_page {
    SV_PAGE_FORM,      /* /: the form's fields */
    SV_PAGE_COMPARE,   /* /compare, /api/compare */
    SV_PAGE_ESTIMATE,  /* /estimate, /api/estimate */
    SV_PAGE_SIMULATE,  /* /api/simulate */
    SV_PAGE_FINANCE    /* /finance, /api/finance */
} sv_page;

/* Limits (a clear error past them, never a truncated request). */
#define SV_MAX_PAIRS 64          /* fields in one query */
#define SV_MAX_VALUE 256         /* bytes of one value */
#define SV_MAX_LIST 64           /* IDs in a list field (as compare --countries) */
#define SV_LIST_BYTES 1024
/* A page answers while others wait: the web caps the simulation's draws
 * (the command line allows SC_SIM_MAX_DRAWS). */
#define SV_MAX_DRAWS 100000L

typedef struct sv_pair {
    const char *key;
    size_t key_len;       /* bytes, to see an embedded NUL */
    const char *value;    /* NULL: the key alone ("?compare") */
    size_t value_len;     /* bytes, to see an embedded NUL */
    /* A '%' not followed by two hex digits: that text is left as given and
     * the parser refuses the pair (naming its field when the value is bad). */
    int key_bad_escape, value_bad_escape;
} sv_pair;

typedef struct sv_query {
    sv_page page;
    sc_scenario scenario;         /* the estimate options, today always set */
    const char *today_given;      /* today, when the query gave it */
    const char *countries, *tiers, *plan;  /* compare's own, as given */
    int percentiles, explain;
    long draws;
    unsigned long seed;
    sc_compare_request compare;   /* SV_PAGE_COMPARE: ready for sc_compare */
    sc_finance_request finance;   /* SV_PAGE_FINANCE: ready for sc_finance_run */
    int finance_chosen;           /* a plan, compare or terms was given */
    const char *country_ids[SV_MAX_LIST], *tier_ids[SV_MAX_LIST];
    char list_text[2][SV_LIST_BYTES];  /* countries, tiers joined */
    char list_split[2][SV_LIST_BYTES]; /* the same, split in place */
} sv_query;

/* Decode the %XX escapes of the `n` bytes at `s` into `out` (room for n + 1
 * bytes; may be `s` itself), NUL-terminated, and set *len to the decoded
 * length, which may count NUL bytes (%00, which the parser refuses).
 * Returns 0 when a '%' is not followed by two hex digits: `out` then holds
 * the text as given.  libmicrohttpd's own decoder would keep such a '%'
 * silently ("down=10%" read as "10%"); every query key and value and the
 * path go through this one instead.  '+' is not decoded here: libmicrohttpd
 * turns it into a space in the query before. */
int sv_unescape(const char *s, size_t n, char *out, size_t *len);

/* Map the `n` pairs of a query for `page` into *q, with `today` (YYYY-MM-DD,
 * must outlive q) unless the query gives one.  On error, err names the field
 * as the library does (err->field, "" when no field is to blame) with the
 * message the command line prints; *q still holds what was read, to refill
 * the form. */
sc_status sv_query_parse(sv_query *q, sv_page page, const sv_pair *pairs, size_t n,
                         const char *today, sc_error *err);

/* The query as the HTML pages take it. */
sc_html_query sv_query_html(const sv_query *q);

#endif
