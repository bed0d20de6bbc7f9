/* "Did you mean" suggestions and the one unknown-identifier error. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "stemcost/scenario.h"

/* Levenshtein distance, capped: IDs are short. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 64;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = (a[i - 1] | 0x20) == (b[j - 1] | 0x20) ? 0 : 1;
            size_t best = diag + cost;
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *sc_suggest(const char *wanted, const char *const *candidates, size_t n)
{
    const char *best = NULL;
    size_t best_d = 0;
    for (size_t i = 0; i < n; i++) {
        size_t d = distance(wanted, candidates[i]);
        /* A prefix ("adipose" for "adipose-cultured") is a good hint too. */
        if (strncmp(candidates[i], wanted, strlen(wanted)) == 0 && strlen(wanted) >= 3)
            d = d < 2 ? d : 2;
        if (best == NULL || d < best_d) {
            best = candidates[i];
            best_d = d;
        }
    }
    /* Close means at most a third of the word changed (and at least one edit allowed). */
    size_t limit = strlen(wanted) / 3 + 1;
    return (best != NULL && best_d <= limit) ? best : NULL;
}

sc_status sc_unknown_id(sc_error *err, const char *field, const char *what, const char *value,
                        const char *const *ids, size_t n)
{
    char list[SC_MSG_MAX / 2] = "";
    size_t used = 0;
    for (size_t i = 0; i < n && used + 1 < sizeof list; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", ids[i]);
    const char *hint = sc_suggest(value, ids, n);
    if (hint != NULL)
        return sc_error_field(err, SC_EINPUT, SC_R_UNKNOWN_ID, field,
                              "unknown %s '%s' (did you mean '%s'?); valid: %s", what, value,
                              hint, list);
    return sc_error_field(err, SC_EINPUT, SC_R_UNKNOWN_ID, field, "unknown %s '%s'; valid: %s",
                          what, value, list);
}
