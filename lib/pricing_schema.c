/* The pricing tables' names and required columns (the contract documented in
 * pricing/README.md), and which columns hold numbers. */
#include <config.h>

#include <string.h>

#include "stemcost/pricing.h"

static const char *const names[SC_T_COUNT] = {
    "sources", "countries", "availability", "procedures", "conditions", "tiers",
    "items", "fx", "travel", "insurance", "plans", "complications", "fee-schedules", "stays",
};

static const char *const c_sources[] = {"id", "title", "publisher", "address", "date",
                                        "grade", NULL};
static const char *const c_countries[] = {"id", "name", "currency", "self_pay_tax_pct",
                                          "tax_note", "mixed_billing", "source", NULL};
static const char *const c_availability[] = {"country", "procedure", "status", "note",
                                             "source", "as_of", NULL};
static const char *const c_procedures[] = {
    "id", "name", "cell_source", "autologous", "culture_expanded", "visits",
    "sessions_low", "sessions_typical", "sessions_high", "nights_low", "nights_typical",
    "nights_high", "us_codes", "code_note", "source", NULL};
static const char *const c_conditions[] = {"id", "name", "icd10cm", "site_unit",
                                           "max_sites", "procedures", "source", NULL};
static const char *const c_tiers[] = {"id", "name", "description", NULL};
static const char *const c_items[] = {"country", "tier", "procedure", "condition", "category",
                                      "description", "code", "unit", "quantity", "low",
                                      "typical", "high", "currency", "basis", "source",
                                      "as_of", NULL};
static const char *const c_fx[] = {"currency", "per_usd", "as_of", "basis", "source", NULL};
static const char *const c_travel[] = {"origin", "destination", "kind", "unit", "low",
                                       "typical", "high", "currency", "basis", "source",
                                       "as_of", NULL};
static const char *const c_insurance[] = {
    "id", "name", "country", "covers", "deductible", "coinsurance_pct", "copay",
    "copay_applies", "oop_max", "currency", "basis", "source", NULL};
static const char *const c_plans[] = {
    "id", "name", "kind", "apr_pct", "months", "promo_months", "standard_apr_pct",
    "deposit_pct", "fee_pct", "min_amount", "min_payment", "currency", "basis", "source",
    NULL};
static const char *const c_complications[] = {
    "id", "procedure", "country", "description", "probability_low_pct",
    "probability_typical_pct", "probability_high_pct", "cost_low", "cost_typical",
    "cost_high", "currency", "basis", "source", "as_of", NULL};

static const char *const c_fee_schedules[] = {
    "schedule", "schedule_name", "code", "description", "section", "points", "points_unit",
    "unit_value", "amount", "currency", "factor_min", "factor_threshold", "factor_max",
    "edition", "basis", "source", "as_of", NULL};
static const char *const c_stays[] = {"origin", "destination", "procedure", "nights_low",
                                      "nights_typical", "nights_high", "basis", "source",
                                      "as_of", NULL};

static const char *const *const columns[SC_T_COUNT] = {
    c_sources, c_countries, c_availability, c_procedures, c_conditions, c_tiers,
    c_items, c_fx, c_travel, c_insurance, c_plans, c_complications, c_fee_schedules, c_stays,
};

/* Columns printed as JSON numbers: money (with the row's currency digits) and
 * plain numbers. Everything else is a string. */
static const char *const money_cols[] = {"low", "typical", "high", "deductible", "copay",
                                         "oop_max", "min_amount", "min_payment",
                                         "cost_low", "cost_typical", "cost_high", "amount",
                                         NULL};
static const char *const number_cols[] = {
    "self_pay_tax_pct", "visits", "sessions_low", "sessions_typical", "sessions_high",
    "nights_low", "nights_typical", "nights_high", "max_sites", "quantity", "per_usd",
    "coinsurance_pct", "apr_pct", "months", "promo_months", "standard_apr_pct",
    "deposit_pct", "fee_pct", "probability_low_pct", "probability_typical_pct",
    "probability_high_pct", "points", "unit_value", "factor_min", "factor_threshold",
    "factor_max", NULL};

const char *sc_table_name(sc_table_id id)
{
    return (id >= 0 && id < SC_T_COUNT) ? names[id] : NULL;
}

int sc_table_optional(sc_table_id id)
{
    return id == SC_T_FEE_SCHEDULES || id == SC_T_STAYS;
}

int sc_table_lookup(const char *name)
{
    for (int i = 0; i < SC_T_COUNT; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}

const char *const *sc_table_columns(sc_table_id id)
{
    return columns[id];
}

static int in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return 1;
    return 0;
}

sc_column_kind sc_table_column_kind(sc_table_id id, const char *column)
{
    if (!in_list(columns[id], column))
        return SC_COL_TEXT; /* extra columns a user added are kept as text */
    if (in_list(money_cols, column))
        return SC_COL_MONEY;
    if (in_list(number_cols, column))
        return SC_COL_NUMBER;
    return SC_COL_TEXT;
}

const char *sc_table_money_currency_column(sc_table_id id)
{
    (void)id;
    return "currency"; /* every table with money names its currency so */
}
