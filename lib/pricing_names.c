/* The words for the pricing model's enumerations: what the tables spell and
 * what reports print.  (Below the loader and the checks, so that every file
 * that needs a name can reach it without a cycle.) */
#include <config.h>

#include "pricing_internal.h"

const char *const sc_basis_names[3] = {"sourced", "derived", "interpolated"};
const char *const sc_category_names[SC_CAT_COUNT] = {
    "consultation", "imaging", "labs", "harvest", "processing", "injection", "facility",
    "follow-up"};
const char *const sc_unit_names[5] = {"episode", "session", "site", "visit", "site-episode"};
const char *const sc_factor_level_names[3] = {"min", "threshold", "max"};
const char *const sc_reg_names[4] = {"approved", "exempt", "trial-only", "not-permitted"};
const char *const sc_plan_kind_names[5] = {"cash", "instalment", "deferred", "fixed", "loan"};
const char *const sc_travel_kind_names[3] = {"airfare", "lodging", "local"};
const char *const sc_travel_unit_names[3] = {"traveler-trip", "night", "traveler-night"};
const char *const sc_billing_names[2] = {"allowed", "banned"};
const char *const sc_grade_names[3] = {"A", "B", "C"};

const char *sc_category_name(sc_category c) { return sc_category_names[c]; }
const char *sc_unit_name(sc_unit u) { return sc_unit_names[u]; }
const char *sc_basis_name(sc_basis b) { return sc_basis_names[b]; }
const char *sc_reg_status_name(sc_status_reg s) { return sc_reg_names[s]; }
const char *sc_plan_kind_name(sc_plan_kind k) { return sc_plan_kind_names[k]; }
const char *sc_factor_level_name(sc_factor_level l) { return sc_factor_level_names[l]; }
