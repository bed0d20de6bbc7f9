/* stemcost serve: the query parser (see serve_query.h).  It only maps text to
 * the library's request structs; every value is checked by the library,
 * which gives the same message whether it was typed as an option or a field. */
#include <config.h>

#include "serve_query.h"

#include <stddef.h>
#include <string.h>

#include "stemcost/money.h"
#include "stemcost/simulate.h"
#include "stemcost/text.h"

/* The finance request's text fields by name (its member names). */
static const struct {
    const char *name;
    size_t offset;
} finance_fields[] = {
    {"amount", offsetof(sc_finance_request, amount)},
    {"currency", offsetof(sc_finance_request, currency)},
    {"plan", offsetof(sc_finance_request, plan)},
    {"apr", offsetof(sc_finance_request, apr)},
    {"months", offsetof(sc_finance_request, months)},
    {"payment", offsetof(sc_finance_request, payment)},
    {"promo_months", offsetof(sc_finance_request, promo_months)},
    {"down", offsetof(sc_finance_request, down)},
    {"fee", offsetof(sc_finance_request, fee)},
    {"extra", offsetof(sc_finance_request, extra)},
    {"start", offsetof(sc_finance_request, start)},
    {"first_payment", offsetof(sc_finance_request, first_payment)},
    {"min_payment", offsetof(sc_finance_request, min_payment)},
};

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

int sv_unescape(const char *s, size_t n, char *out, size_t *len)
{
    /* Check every '%' before writing: `out` may be `s`, and a bad text is
     * kept as given. */
    for (size_t i = 0; i < n; i++)
        if (s[i] == '%' && (i + 2 >= n || hex_digit(s[i + 1]) < 0 || hex_digit(s[i + 2]) < 0)) {
            memmove(out, s, n);
            out[n] = '\0';
            *len = n;
            return 0;
        }
    size_t o = 0;
    for (size_t i = 0; i < n; i++, o++) {
        if (s[i] == '%') {
            out[o] = (char)(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
            i += 2;
        } else {
            out[o] = s[i];
        }
    }
    out[o] = '\0';
    *len = o;
    return 1;
}

static int scenario_index(const char *key)
{
    for (size_t i = 0; i < SC_SCENARIO_NFIELDS; i++)
        if (strcmp(sc_scenario_fields[i], key) == 0)
            return (int)i;
    return -1;
}

/* "1", "on" or blank: set; "0", "off": not set. */
static sc_status flag_value(const char *key, const char *v, int *out, sc_error *err)
{
    if (v[0] == '\0' || strcmp(v, "1") == 0 || strcmp(v, "on") == 0) {
        *out = 1;
        return SC_OK;
    }
    if (strcmp(v, "0") == 0 || strcmp(v, "off") == 0) {
        *out = 0;
        return SC_OK;
    }
    return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, key,
                          "'%s' is not 1, on, 0 or off (a yes-or-no field)", v);
}

/* --draws and --seed: whole numbers, as the command line reads them. */
static sc_status sim_value(const char *key, const char *v, long *draws, unsigned long *seed,
                           sc_error *err)
{
    int is_draws = strcmp(key, "draws") == 0;
    int64_t min = is_draws ? 1 : 0, max = is_draws ? SV_MAX_DRAWS : INT64_C(4294967295), n;
    if (sc_decimal_parse(v, 0, 0, INT64_C(100000000000000000), &n, NULL) != SC_OK || n < min ||
        n > max)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, key,
                              "'%s' must be a whole number from %lld to %lld", v,
                              (long long)min, (long long)max);
    if (is_draws)
        *draws = (long)n;
    else
        *seed = (unsigned long)n;
    return SC_OK;
}

/* A list field: repeated values are joined with commas. */
static sc_status list_add(char *buf, const char *key, const char *v, sc_error *err)
{
    size_t used = strlen(buf), len = strlen(v);
    if (used + (used > 0) + len >= SV_LIST_BYTES)
        return sc_error_field(err, SC_EUSAGE, SC_R_LIMIT, key,
                              "give a comma-separated list (at most %d, no empty entries)",
                              SV_MAX_LIST);
    if (used > 0)
        buf[used++] = ',';
    memcpy(buf + used, v, len + 1);
    return SC_OK;
}

/* Split "US,IN,JP" as compare --countries does: no empty entry, at most
 * SV_MAX_LIST; returns the count or -1. */
static int list_split(char *s, const char **out)
{
    size_t len = strlen(s);
    int n = 0;
    if (len == 0 || s[0] == ',' || s[len - 1] == ',' || strstr(s, ",,") != NULL)
        return -1;
    for (char *p = s; p != NULL;) {
        char *comma = strchr(p, ',');
        if (comma != NULL)
            *comma = '\0';
        if (n == SV_MAX_LIST)
            return -1;
        out[n++] = p;
        p = comma ? comma + 1 : NULL;
    }
    return n;
}

static int page_has_compare_fields(sv_page page)
{
    return page == SV_PAGE_COMPARE || page == SV_PAGE_FORM;
}

static int page_has_sim_fields(sv_page page)
{
    return page == SV_PAGE_COMPARE || page == SV_PAGE_ESTIMATE || page == SV_PAGE_SIMULATE;
}

static sc_status unknown_field(const char *key, sc_error *err)
{
    for (const char *p = key; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return sc_error_field(err, SC_EUSAGE, SC_R_UNKNOWN_ID, "",
                                  "a field of the address is not one this page takes");
    return sc_error_field(err, SC_EUSAGE, SC_R_UNKNOWN_ID, "",
                          "unknown field '%s' (field names are the command's option names "
                          "without dashes, e.g. deductible_met)",
                          key);
}

static int is_finance_field(const char *key)
{
    for (size_t i = 0; i < sizeof finance_fields / sizeof *finance_fields; i++)
        if (strcmp(finance_fields[i].name, key) == 0)
            return 1;
    return strcmp(key, "compare") == 0 || strcmp(key, "deferred") == 0;
}

/* Does `page` take field `key`?  (Asked before a value is looked at, so that
 * a bad value is refused naming its field and an unknown field as such.) */
static int known_field(sv_page page, const char *key)
{
    if (page == SV_PAGE_FINANCE)
        return is_finance_field(key);
    if (scenario_index(key) >= 0 || strcmp(key, "today") == 0)
        return 1;
    if (page_has_compare_fields(page) &&
        (strcmp(key, "countries") == 0 || strcmp(key, "tiers") == 0 || strcmp(key, "plan") == 0))
        return 1;
    if ((page == SV_PAGE_COMPARE || page == SV_PAGE_ESTIMATE) && strcmp(key, "percentiles") == 0)
        return 1;
    if (page == SV_PAGE_ESTIMATE && strcmp(key, "explain") == 0)
        return 1;
    return page_has_sim_fields(page) && (strcmp(key, "draws") == 0 || strcmp(key, "seed") == 0);
}

/* One field of a finance query. */
static sc_status finance_field(sv_query *q, const char *key, const char *v, sc_error *err)
{
    if (strcmp(key, "compare") == 0)
        return flag_value(key, v, &q->finance.compare, err);
    if (strcmp(key, "deferred") == 0)
        return flag_value(key, v, &q->finance.deferred, err);
    for (size_t i = 0; i < sizeof finance_fields / sizeof *finance_fields; i++)
        if (strcmp(finance_fields[i].name, key) == 0) {
            if (v[0] != '\0')
                *(const char **)((char *)&q->finance + finance_fields[i].offset) = v;
            return SC_OK;
        }
    return unknown_field(key, err);
}

/* One field of a scenario page (the form, compare, estimate, simulate). */
static sc_status scenario_field(sv_query *q, const char *key, const char *v, sc_error *err)
{
    sv_page page = q->page;
    int i = scenario_index(key);
    if (i >= 0) {
        if (v[0] != '\0')
            sc_scenario_set_index(&q->scenario, (size_t)i, v);
        return SC_OK;
    }
    if (strcmp(key, "today") == 0) {
        if (v[0] != '\0')
            q->scenario.today = q->today_given = v;
        return SC_OK;
    }
    if (page_has_compare_fields(page)) {
        if (strcmp(key, "countries") == 0 || strcmp(key, "tiers") == 0)
            return v[0] ? list_add(q->list_text[key[0] == 't'], key, v, err) : SC_OK;
        if (strcmp(key, "plan") == 0) {
            if (v[0] != '\0')
                q->plan = v;
            return SC_OK;
        }
    }
    if ((page == SV_PAGE_COMPARE || page == SV_PAGE_ESTIMATE) && strcmp(key, "percentiles") == 0)
        return flag_value(key, v, &q->percentiles, err);
    if (page == SV_PAGE_ESTIMATE && strcmp(key, "explain") == 0)
        return flag_value(key, v, &q->explain, err);
    if (page_has_sim_fields(page) && (strcmp(key, "draws") == 0 || strcmp(key, "seed") == 0))
        return v[0] ? sim_value(key, v, &q->draws, &q->seed, err) : SC_OK;
    return unknown_field(key, err);
}

/* What compare's command line checks itself before the library. */
static sc_status compare_request(sv_query *q, sc_error *err)
{
    sc_compare_request *r = &q->compare;
    if (q->scenario.country != NULL)
        return sc_error_field(err, SC_EUSAGE, SC_R_NOT_APPLICABLE, "country",
                              "compare covers every country; narrow it with --countries CC,...");
    if (q->scenario.tier != NULL)
        return sc_error_field(err, SC_EUSAGE, SC_R_NOT_APPLICABLE, "tier",
                              "narrow the comparison with --tiers ID,...");
    r->base = q->scenario;
    r->plan = q->plan;
    r->percentiles = q->percentiles;
    r->draws = q->draws;
    r->seed = q->seed;
    for (int k = 0; k < 2; k++) {
        if (q->list_text[k][0] == '\0')
            continue;
        memcpy(q->list_split[k], q->list_text[k], SV_LIST_BYTES);
        const char **ids = k == 0 ? q->country_ids : q->tier_ids;
        int n = list_split(q->list_split[k], ids);
        if (n <= 0)
            return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, k == 0 ? "countries" : "tiers",
                                  "give a comma-separated list (at most %d, no empty entries)",
                                  SV_MAX_LIST);
        if (k == 0) {
            r->countries = ids;
            r->ncountries = (size_t)n;
        } else {
            r->tiers = ids;
            r->ntiers = (size_t)n;
        }
    }
    return SC_OK;
}

sc_status sv_query_parse(sv_query *q, sv_page page, const sv_pair *pairs, size_t n,
                         const char *today, sc_error *err)
{
    memset(q, 0, sizeof *q);
    q->page = page;
    q->draws = SC_SIM_DEFAULT_DRAWS;
    q->seed = SC_SIM_DEFAULT_SEED;
    q->scenario.today = today;
    q->finance.today = today;
    if (n > SV_MAX_PAIRS)
        return sc_error_field(err, SC_ELIMIT, SC_R_LIMIT, "",
                              "too many fields in the address (at most %d)", SV_MAX_PAIRS);
    for (size_t i = 0; i < n; i++) {
        char key[32];
        const char *v = pairs[i].value ? pairs[i].value : "";
        size_t vlen = pairs[i].value ? pairs[i].value_len : 0;
        size_t klen = pairs[i].key ? pairs[i].key_len : 0;
        if (pairs[i].key_bad_escape) /* not a name: not echoed, as unknown_field */
            return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, "",
                                  "a field name in the address has a '%%' not followed by "
                                  "two hexadecimal digits");
        /* A NUL byte (%00) would end the name early: "home%00x" is not home. */
        if (klen == 0 || klen >= sizeof key || memchr(pairs[i].key, '\0', klen) != NULL)
            return unknown_field("?", err);
        for (size_t k = 0; k <= klen; k++)
            key[k] = pairs[i].key[k] == '-' ? '_' : pairs[i].key[k];
        if (!known_field(page, key))
            return unknown_field(key, err);
        /* Check the value before it is stored: one that cannot be text is
         * refused naming its field, never cut short or read otherwise. */
        if (pairs[i].value_bad_escape)
            return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, key,
                                  "a '%%' in the value is not followed by two hexadecimal "
                                  "digits (a percent sign itself is written %%25)");
        if (memchr(v, '\0', vlen) != NULL)
            return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, key, "the value holds a NUL "
                                                                       "byte");
        if (vlen > SV_MAX_VALUE)
            return sc_error_field(err, SC_ELIMIT, SC_R_LIMIT, key,
                                  "the value is longer than %d bytes", SV_MAX_VALUE);
        if (!sc_utf8_valid(v, vlen)) /* echoed into pages and JSON: must stay text */
            return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, key,
                                  "the value is not valid UTF-8 text");
        sc_status st = page == SV_PAGE_FINANCE ? finance_field(q, key, v, err)
                                               : scenario_field(q, key, v, err);
        if (st != SC_OK)
            return st;
    }
    q->countries = q->list_text[0][0] ? q->list_text[0] : NULL;
    q->tiers = q->list_text[1][0] ? q->list_text[1] : NULL;
    if (page == SV_PAGE_FINANCE) {
        const sc_finance_request *f = &q->finance;
        q->finance_chosen = f->plan || f->compare || f->apr || f->payment || f->months ||
                            f->promo_months || f->deferred;
    }
    if (page == SV_PAGE_COMPARE)
        return compare_request(q, err);
    return SC_OK;
}

sc_html_query sv_query_html(const sv_query *q)
{
    sc_html_query h;
    memset(&h, 0, sizeof h);
    h.scenario = &q->scenario;
    h.countries = q->countries;
    h.tiers = q->tiers;
    h.plan = q->plan;
    h.today = q->today_given;
    h.finance = q->page == SV_PAGE_FINANCE ? &q->finance : NULL;
    return h;
}
