/* Scenario fields by name: see include/stemcost/scenario.h. */
#include <config.h>

#include <stddef.h>
#include <string.h>

#include "stemcost/scenario.h"

const char *const sc_scenario_fields[] = {
    "procedure", "condition", "country", "tier", "sites", "sessions", "home", "travelers",
    "insurance", "deductible", "deductible_met", "coinsurance", "copay", "oop_max", "oop_met",
    "contingency", "currency", NULL};

/* Where each field lives, in the order of sc_scenario_fields. */
static const size_t offsets[] = {
    offsetof(sc_scenario, procedure),   offsetof(sc_scenario, condition),
    offsetof(sc_scenario, country),     offsetof(sc_scenario, tier),
    offsetof(sc_scenario, sites),       offsetof(sc_scenario, sessions),
    offsetof(sc_scenario, home),        offsetof(sc_scenario, travelers),
    offsetof(sc_scenario, insurance),   offsetof(sc_scenario, deductible),
    offsetof(sc_scenario, deductible_met), offsetof(sc_scenario, coinsurance),
    offsetof(sc_scenario, copay),       offsetof(sc_scenario, oop_max),
    offsetof(sc_scenario, oop_met),     offsetof(sc_scenario, contingency),
    offsetof(sc_scenario, currency)};

static const char **field(sc_scenario *s, size_t i)
{
    return (const char **)(void *)((char *)s + offsets[i]);
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

