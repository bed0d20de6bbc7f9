/* Scenario fields by name: see include/stemcost/scenario.h. */
#include <config.h>

#include <string.h>

#include "stemcost/scenario.h"

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

const char *sc_scenario_get_index(const sc_scenario *s, size_t index)
{
    return *field((sc_scenario *)s, index);
}

sc_status sc_scenario_set(sc_scenario *s, const char *name, const char *value, sc_error *err)
{
    char canon[32];
    size_t n = strlen(name);
    if (n >= sizeof canon)
        return sc_error_field(err, SC_EUSAGE, SC_R_UNKNOWN_ID, name, "unknown scenario field");
    for (size_t i = 0; i <= n; i++)
        canon[i] = name[i] == '-' ? '_' : name[i]; /* option or column spelling */
    for (size_t i = 0; sc_scenario_fields[i]; i++)
        if (strcmp(sc_scenario_fields[i], canon) == 0) {
            *field(s, i) = value;
            return SC_OK;
        }
    return sc_error_field(err, SC_EUSAGE, SC_R_UNKNOWN_ID, name, "unknown scenario field");
}

