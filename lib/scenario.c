/* Scenario fields by name, and "did you mean" suggestions. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "stemcost/estimate.h"

const char *const sc_scenario_fields[] = {
    "procedure", "condition", "country", "tier", "sites", "sessions", "home", "travelers",
    "insurance", "deductible", "deductible_met", "coinsurance", "copay", "oop_max", "oop_met",
    "contingency", "currency", NULL};

static const char **field(sc_scenario *s, size_t i)
{
    const char **slots[] = {
        &s->procedure, &s->condition, &s->country, &s->tier, &s->sites, &s->sessions,
        &s->home, &s->travelers, &s->insurance, &s->deductible, &s->deductible_met,
        &s->coinsurance, &s->copay, &s->oop_max, &s->oop_met, &s->contingency, &s->currency};
    return slots[i];
}

void sc_scenario_set_index(sc_scenario *s, size_t index, const char *value)
{
    *field(s, index) = value;
}

sc_status sc_scenario_set(sc_scenario *s, const char *name, const char *value, sc_error *err)
{
    char canon[32];
    size_t n = strlen(name);
    if (n >= sizeof canon)
        return sc_error_set(err, SC_EUSAGE, name, 0, 0, "unknown scenario field");
    for (size_t i = 0; i <= n; i++)
        canon[i] = name[i] == '-' ? '_' : name[i]; /* option or column spelling */
    for (size_t i = 0; sc_scenario_fields[i]; i++)
        if (strcmp(sc_scenario_fields[i], canon) == 0) {
            *field(s, i) = value;
            return SC_OK;
        }
    return sc_error_set(err, SC_EUSAGE, name, 0, 0, "unknown scenario field");
}

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
