/* A quote request checked and priced: every rule of what a quote may say is
 * applied here, once, before anything is recorded.
 *
 *  - Text (patient, contact, reasons, provider fields) is valid UTF-8 with no
 *    control characters: the PDF renderer stops at the first byte it cannot
 *    draw, so nothing reaches it unchecked.
 *  - A quote is for a self-pay patient: insurance terms, contingency and
 *    travellers do not apply and are refused rather than ignored.
 *  - A US Good Faith Estimate is in US dollars (its $400 dispute threshold
 *    is); elsewhere a quote is in the currency of the country of care, the
 *    currency the provider bills in, whatever the patient's home.
 *  - The date of issue is today as the register records it; another date on
 *    the document needs a reason.
 *  - Diagnosis codes are the patient's (--icd10), checked for form and, for
 *    the first, against the condition; the side comes from the codes.
 *  - Each item goes to the co-provider or co-facility that lists it, else to
 *    the convening provider, at the party's own price where it gave one. */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "quote_internal.h"

#define TEXT_MAX 1024

static sc_status date_of(const char *text, const char *field, sc_date *out, sc_error *err)
{
    sc_error e;
    if (text[0] == '\0')
        return sc_error_field(err, SC_EUSAGE, SC_R_EMPTY, field, "empty date");
    if (sc_date_parse(text, out, &e) != SC_OK)
        return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, field, "%s", e.msg);
    return SC_OK;
}

/* Options of the estimate that have no meaning on a self-pay quote. */
static sc_status refuse_not_applicable(const sc_scenario *s, sc_error *err)
{
    const struct {
        const char *value, *field;
    } na[] = {{s->deductible, "deductible"},   {s->deductible_met, "deductible_met"},
              {s->coinsurance, "coinsurance"}, {s->copay, "copay"},
              {s->oop_max, "oop_max"},         {s->oop_met, "oop_met"},
              {s->contingency, "contingency"}, {s->travelers, "travelers"}};
    if (s->insurance && s->insurance[0] && strcmp(s->insurance, "self-pay") != 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_NOT_APPLICABLE, "insurance",
                              "a quote is for a self-pay patient (a Good Faith Estimate is "
                              "for the uninsured or those not using their insurance): "
                              "insurance does not apply");
    for (size_t i = 0; i < sizeof na / sizeof *na; i++)
        if (na[i].value != NULL)
            return sc_error_field(err, SC_EUSAGE, SC_R_NOT_APPLICABLE, na[i].field,
                                  "does not apply to a quote (it lists the provider's "
                                  "expected charges to a self-pay patient)");
    return SC_OK;
}

/* The 3-character categories named in a condition's code cell ("M17.0; M17.11"). */
static int category_of_condition(const char *cell, const char *code)
{
    int any = 0;
    for (const char *p = cell; p && *p; p++) {
        if ((p == cell || !isalnum((unsigned char)p[-1])) && isupper((unsigned char)p[0]) &&
            isdigit((unsigned char)p[1]) && isalnum((unsigned char)p[2])) {
            any = 1;
            if (strncmp(p, code, 3) == 0)
                return 1;
        }
    }
    return !any;
}

const char *quote_side_word(sc_side s)
{
    switch (s) {
    case SC_SIDE_RIGHT: return "right";
    case SC_SIDE_LEFT: return "left";
    case SC_SIDE_BOTH: return "both";
    default: return "";
    }
}

static sc_status diagnosis(const sc_quote_request *req, quote_content *c, sc_error *err)
{
    const sc_estimate_result *e = &c->est;
    if (req->nicd10 > SC_QUOTE_MAX_ICD10)
        return sc_error_field(err, SC_EUSAGE, SC_R_LIMIT, "icd10", "at most %d codes",
                              SC_QUOTE_MAX_ICD10);
    for (size_t i = 0; i < req->nicd10; i++) {
        if (sc_icd10_normalise(req->icd10[i], c->icd[i], err) != SC_OK)
            return SC_EUSAGE;
        for (size_t k = 0; k < i; k++)
            if (strcmp(c->icd[k], c->icd[i]) == 0)
                return sc_error_field(err, SC_EUSAGE, SC_R_CONFLICT, "icd10",
                                      "%s is given twice", c->icd[i]);
    }
    c->nicd = req->nicd10;
    if (c->nicd == 0) {
        if (c->us)
            return sc_error_field(err, SC_EUSAGE, SC_R_REQUIRED, "icd10",
                                  "a Good Faith Estimate lists the patient's diagnosis codes: "
                                  "give the ICD-10-CM code(s) (%s: e.g. %s)",
                                  e->condition->id, e->condition->icd10cm);
        return SC_OK;
    }
    if (!category_of_condition(e->condition->icd10cm, c->icd[0]))
        return sc_error_field(err, SC_EUSAGE, SC_R_CONFLICT, "icd10",
                              "%s (the first, primary code) is not a code of %s (%s)",
                              c->icd[0], e->condition->id, e->condition->icd10cm);
    /* The joints the codes name, from the codes of the primary's category. */
    int right = 0, left = 0, both = 0, one = 0;
    for (size_t i = 0; i < c->nicd; i++) {
        if (strncmp(c->icd[i], c->icd[0], 3) != 0)
            continue;
        switch (sc_icd10_side(c->icd[i], NULL)) {
        case SC_SIDE_RIGHT: right = 1; break;
        case SC_SIDE_LEFT: left = 1; break;
        case SC_SIDE_BOTH: both = 1; break;
        case SC_SIDE_UNSPECIFIED: one = 1; break;
        default: break;
        }
    }
    c->joints_named = both || (right && left) ? 2 : right + left + one;
    if (c->joints_named > 0 && e->sites > c->joints_named)
        return sc_error_field(err, SC_EUSAGE, SC_R_CONFLICT, "icd10",
                              "%s names %s, but %d %ss are to be treated (sites): give a "
                              "bilateral code or a code for each side",
                              c->icd[0], c->joints_named == 1 ? "one side" : "two sides",
                              e->sites, e->condition->site_unit);
    if (e->sites == 1 && right + left == 1 && !both)
        c->side = right ? SC_SIDE_RIGHT : SC_SIDE_LEFT;
    else if (e->sites == 2 && (both || (right && left)))
        c->side = SC_SIDE_BOTH;
    size_t n = 0;
    for (size_t i = 0; i < c->nicd; i++)
        n += (size_t)snprintf(c->diagnosis + n, sizeof c->diagnosis - n, "%s%s",
                              i ? "; " : "", c->icd[i]);
    return SC_OK;
}

static sc_status check_texts(const sc_quote_request *req, sc_error *err)
{
    const struct {
        const char *v, *field;
        int multiline;
    } t[] = {{req->patient, "patient", 0},          {req->contact, "contact", 1},
             {req->date_reason, "date_reason", 0},  {req->plan, "plan", 0}};
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        if (t[i].v && sc_text_check(t[i].v, t[i].field, t[i].multiline, TEXT_MAX, err) != SC_OK)
            return SC_EUSAGE;
    int lines = 1;
    for (const char *p = req->contact; p && *p; p++)
        lines += *p == '\n';
    if (lines > 8)
        return sc_error_field(err, SC_EUSAGE, SC_R_LIMIT, "contact", "%d lines; at most 8",
                              lines);
    if (req->patient == NULL || req->patient[0] == '\0')
        return sc_error_field(err, SC_EUSAGE, req->patient ? SC_R_EMPTY : SC_R_REQUIRED,
                              "patient", "required (the patient's name)");
    if (req->dob == NULL)
        return sc_error_field(err, SC_EUSAGE, SC_R_REQUIRED, "dob",
                              "required (the patient's date of birth)");
    if (req->nparties == 0 || req->parties[0].provider == NULL)
        return sc_error_field(err, SC_EUSAGE, SC_R_REQUIRED, "provider",
                              "required (the provider or facility giving the estimate)");
    if (req->nparties > SC_QUOTE_MAX_PARTIES)
        return sc_error_field(err, SC_EUSAGE, SC_R_LIMIT, "co_provider",
                              "at most %d providers and facilities", SC_QUOTE_MAX_PARTIES);
    return SC_OK;
}

static sc_status dates(const sc_quote_request *req, quote_content *c, sc_error *err)
{
    sc_date dob;
    c->issue_s[0] = '\0';
    sc_date_format(c->issue, c->issue_s);
    if (date_of(req->dob, "dob", &dob, err) != SC_OK)
        return SC_EUSAGE;
    c->doc = c->issue;
    if (req->document_date && date_of(req->document_date, "quote_date", &c->doc, err) != SC_OK)
        return SC_EUSAGE;
    if (sc_date_compare(c->doc, c->issue) != 0 &&
        (req->date_reason == NULL || req->date_reason[0] == '\0'))
        return sc_error_field(err, SC_EUSAGE, SC_R_CONFLICT, "quote_date",
                              "the date of issue is the date the register records (%s); a "
                              "different date on the document needs a reason (--date-reason)",
                              c->issue_s);
    if (sc_date_compare(c->doc, c->issue) == 0 && req->date_reason && req->date_reason[0])
        return sc_error_field(err, SC_EUSAGE, SC_R_NOT_APPLICABLE, "date_reason",
                              "the document is dated the day of issue; there is nothing to "
                              "explain");
    if (sc_date_compare(dob, c->doc) > 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "dob", "%s is after the quote date",
                              req->dob);
    if (sc_date_compare(dob, c->issue) > 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "dob",
                              "%s is after the date of issue %s", req->dob, c->issue_s);
    c->has_service = req->service_date != NULL;
    if (!c->has_service && !req->requested)
        return sc_error_field(err, SC_EUSAGE, SC_R_REQUIRED, "service_date",
                              "required (the scheduled date), unless the patient asked for an "
                              "estimate without scheduling (--requested)");
    if (c->has_service) {
        if (date_of(req->service_date, "service_date", &c->service, err) != SC_OK)
            return SC_EUSAGE;
        if (sc_date_compare(c->service, c->doc) < 0)
            return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "service_date",
                                  "%s is before the quote date %s", req->service_date,
                                  sc_date_format(c->doc, c->doc_s));
        sc_date_format(c->service, c->service_s);
    }
    c->scheduled = c->issue;
    if (req->scheduled && date_of(req->scheduled, "scheduled", &c->scheduled, err) != SC_OK)
        return SC_EUSAGE;
    if (sc_date_compare(c->scheduled, c->issue) > 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "scheduled",
                              "%s is after the date of issue %s", req->scheduled, c->issue_s);
    if (c->has_service && sc_date_compare(c->scheduled, c->service) > 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "scheduled",
                              "%s is after the service date", req->scheduled);
    int64_t valid = 30;
    sc_error e;
    if (req->valid_days &&
        (sc_decimal_parse(req->valid_days, 0, 0, 100000, &valid, &e) != SC_OK || valid < 1 ||
         valid > 365))
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "valid_days",
                              "'%s' must be a whole number from 1 to 365", req->valid_days);
    c->valid = sc_date_from_days(sc_date_days(c->doc) + (long)valid);
    if (!sc_date_writable(c->valid))
        return sc_error_field(err, SC_EUSAGE, SC_R_RANGE, "quote_date",
                              "valid %d days from it, the quote would stay valid past "
                              "9999-12-31", (int)valid);
    sc_date_format(c->doc, c->doc_s);
    sc_date_format(c->valid, c->valid_s);
    sc_date_format(c->scheduled, c->scheduled_s);
    return SC_OK;
}

static void notice(quote_content *c, const char *fmt, const char *a, const char *b)
{
    if (c->nnotices < SC_QUOTE_MAX_NOTICES)
        snprintf(c->notices[c->nnotices++], sizeof c->notices[0], fmt, a, b);
}

/* Does a party's `items` list ("imaging; 73721") name this line? */
static int names_line(const char *list, const sc_line *l)
{
    const char *cat = sc_category_name(l->category);
    for (const char *p = list; p && *p;) {
        while (*p == ' ' || *p == ';')
            p++;
        const char *end = strchr(p, ';');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        while (n > 0 && p[n - 1] == ' ')
            n--;
        if (n > 0 && ((strlen(l->id) == n && strncmp(l->id, p, n) == 0) ||
                      (strlen(cat) == n && strncmp(cat, p, n) == 0) ||
                      (l->code[0] && strlen(l->code) == n && strncmp(l->code, p, n) == 0)))
            return 1;
        p += n;
        while (*p == ' ')
            p++;
    }
    return 0;
}

static const sc_price_entry *own_price(const sc_price_list *pl, const sc_line *l)
{
    const char *cat = sc_category_name(l->category);
    const char *keys[3] = {l->id, l->code, cat};
    for (int k = 0; pl && k < 3; k++)
        for (size_t i = 0; keys[k][0] && i < pl->n; i++)
            if (strcmp(pl->entries[i].item, keys[k]) == 0)
                return &pl->entries[i];
    return NULL;
}

static sc_status add_range(sc_range *to, const sc_range *a, sc_error *err)
{
    if (sc_money_add(to->low, a->low, &to->low, err) != SC_OK ||
        sc_money_add(to->typical, a->typical, &to->typical, err) != SC_OK ||
        sc_money_add(to->high, a->high, &to->high, err) != SC_OK)
        return SC_EINPUT;
    return SC_OK;
}

static sc_status split_items(const sc_quote_request *req, quote_content *c, sc_error *err)
{
    const sc_estimate_result *e = &c->est;
    c->nparties = req->nparties;
    for (size_t k = 0; k < c->nparties; k++) {
        qparty *q = &c->parties[k];
        q->provider = req->parties[k].provider;
        q->prices = req->parties[k].prices;
        q->role = k == 0 ? SC_ROLE_CONVENING
                         : q->provider->role == SC_ROLE_CO_FACILITY ? SC_ROLE_CO_FACILITY
                                                                    : SC_ROLE_CO_PROVIDER;
        if (k > 0 && (q->provider->items == NULL || q->provider->items[0] == '\0'))
            return sc_error_field(err, SC_EUSAGE, SC_R_REQUIRED, "co_provider",
                                  "%s: a co-provider's file says which items it furnishes "
                                  "(items=imaging; labs)", q->provider->name);
        if (q->prices && q->prices->currency != c->cur)
            return sc_error_field(err, SC_EUSAGE, SC_R_CONFLICT, "provider",
                                  "%s: prices in %s, but this quote is in %s",
                                  q->prices->name, q->prices->currency->code, c->cur->code);
    }
    c->lines = calloc(e->nitems ? e->nitems : 1, sizeof *c->lines);
    if (c->lines == NULL)
        return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < e->nitems; i++) {
        const sc_line *l = &e->lines[i];
        qline *q = &c->lines[c->nlines++];
        q->src = l;
        q->code = l->code;
        q->quantity = l->quantity;
        q->amount = l->amount;
        for (size_t k = 1; k < c->nparties && q->party == 0; k++)
            if (names_line(c->parties[k].provider->items, l))
                q->party = k;
        qparty *party = &c->parties[q->party];
        const sc_price_entry *pe = own_price(party->prices, l);
        if (pe != NULL) {
            int64_t v;
            if (sc_money_mul(pe->price, l->quantity, &v, err) != SC_OK)
                return SC_EINPUT;
            q->amount = (sc_range){v, v, v};
            q->own_price = 1;
            if (pe->code != NULL)
                q->code = pe->code;
            party->nown++;
        }
        q->interpolated = !q->own_price && l->basis == SC_BASIS_INTERPOLATED;
        /* Culture-expanded cells are injected at a second visit weeks after
         * the harvest, booked when the cells are ready. */
        q->later_visit = e->procedure->culture_expanded && l->category == SC_CAT_INJECTION;
        party->nlines++;
        if (add_range(&party->items, &q->amount, err) != SC_OK)
            return SC_EINPUT;
    }
    for (size_t k = 1; k < c->nparties; k++)
        if (c->parties[k].nlines == 0)
            return sc_error_field(err, SC_EUSAGE, SC_R_CONFLICT, "co_provider",
                                  "%s furnishes none of this quote's items (items=%s)",
                                  c->parties[k].provider->name, c->parties[k].provider->items);
    /* Tax where the country taxes self-pay care: each provider bills its own,
     * rate x its items, rounded once (the estimate's rounding point 4). */
    for (size_t k = 0; k < c->nparties; k++) {
        qparty *q = &c->parties[k];
        q->tax = (sc_range){sc_estimate_tax(e, q->items.low), sc_estimate_tax(e, q->items.typical),
                            sc_estimate_tax(e, q->items.high)};
        q->total = q->items;
        if (add_range(&q->total, &q->tax, err) != SC_OK || add_range(&c->total, &q->total, err))
            return SC_EINPUT;
    }
    return SC_OK;
}

static void describe_fx(quote_content *c)
{
    const sc_estimate_result *e = &c->est;
    size_t n = 0;
    for (size_t i = 0; i < e->nfx; i++) {
        const sc_fx_used *f = &e->fx[i];
        int used = 0;
        for (size_t k = 0; k < c->nlines; k++)
            if (!c->lines[k].own_price && c->lines[k].src->price_currency == f->from)
                used = 1;
        if (!used)
            continue;
        char a[32], b[32];
        sc_decimal_format(f->from_per_usd, SC_RATE_DECIMALS, 1, a, sizeof a);
        sc_decimal_format(f->to_per_usd, SC_RATE_DECIMALS, 1, b, sizeof b);
        if (strcmp(f->to->code, "USD") == 0)
            n += (size_t)snprintf(c->fx + n, sizeof c->fx - n,
                                  "%sTable prices in %s converted to USD at %s %s per USD (rate "
                                  "as of %s).", n ? " " : "", f->from->code, a, f->from->code,
                                  f->from_as_of ? f->from_as_of : "");
        else if (strcmp(f->from->code, "USD") == 0)
            n += (size_t)snprintf(c->fx + n, sizeof c->fx - n,
                                  "%sTable prices in USD converted to %s at %s %s per USD (rate "
                                  "as of %s).", n ? " " : "", f->to->code, b, f->to->code,
                                  f->to_as_of ? f->to_as_of : "");
        else
            n += (size_t)snprintf(c->fx + n, sizeof c->fx - n,
                                  "%sTable prices in %s converted to %s through the US dollar: "
                                  "%s %s (as of %s) and %s %s (as of %s) per USD.",
                                  n ? " " : "", f->from->code, f->to->code, a, f->from->code,
                                  f->from_as_of ? f->from_as_of : "", b, f->to->code,
                                  f->to_as_of ? f->to_as_of : "");
        if (n >= sizeof c->fx)
            break;
    }
}

static void service_codes(quote_content *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nlines && n < sizeof c->service_codes; i++) {
        const char *code = c->lines[i].code;
        if (code[0] == '\0' || strstr(c->service_codes, code) != NULL)
            continue;
        n += (size_t)snprintf(c->service_codes + n, sizeof c->service_codes - n, "%s%s",
                              n ? "; " : "", code);
    }
}

static void scenario_text(const sc_scenario *s, char *out, size_t n)
{
    const char *v[] = {s->procedure, s->condition, s->country, s->tier, s->sites, s->sessions,
                       s->home, s->travelers, s->insurance, s->deductible, s->deductible_met,
                       s->coinsurance, s->copay, s->oop_max, s->oop_met, s->contingency,
                       s->currency};
    size_t k = 0;
    out[0] = '\0';
    for (size_t i = 0; sc_scenario_fields[i] && k < n; i++)
        if (v[i] && v[i][0])
            k += (size_t)snprintf(out + k, n - k, "%s=%s\n", sc_scenario_fields[i], v[i]);
}

static sc_status financing(const sc_pricing *p, const sc_quote_request *req, quote_content *c,
                           sc_error *err)
{
    if (req->plan == NULL)
        return SC_OK;
    const sc_plan *pl = sc_pricing_plan(p, req->plan);
    if (pl == NULL)
        return sc_error_field(err, SC_EUSAGE, SC_R_UNKNOWN_ID, "plan",
                              "unknown plan '%s'; run 'stemcost list plans'", req->plan);
    /* The plan's minimums are in its own currency: converted once, at the
     * tables' rates, like every other amount of the estimate. */
    int64_t min_amount, min_payment;
    if (sc_estimate_convert(p, &c->est, pl->min_amount, pl->currency, &min_amount, err) !=
            SC_OK ||
        sc_estimate_convert(p, &c->est, pl->min_payment, pl->currency, &min_payment, err) !=
            SC_OK)
        return SC_EINPUT;
    if (sc_finance_plan(pl, c->total.typical, min_amount, min_payment, c->issue, &c->plan,
                        err) != SC_OK)
        return SC_EINPUT;
    c->has_plan = 1;
    return SC_OK;
}

sc_status quote_prepare(const sc_pricing *p, const sc_quote_request *req, sc_date today,
                        quote_content *c, sc_error *err)
{
    sc_error local;
    if (err == NULL)
        err = &local;
    memset(c, 0, sizeof *c);
    c->req = req;
    c->issue = today;
    if (check_texts(req, err) != SC_OK || refuse_not_applicable(&req->scenario, err) != SC_OK ||
        dates(req, c, err) != SC_OK)
        return err->status;
    const sc_country *country = req->scenario.country ? sc_pricing_country(p, req->scenario.country)
                                                      : NULL;
    sc_scenario s = req->scenario;
    s.today = c->issue_s;
    if (country != NULL) {
        c->us = strcmp(country->id, "US") == 0;
        if (c->us && s.currency && sc_currency_find(s.currency) &&
            strcmp(sc_currency_find(s.currency)->code, "USD") != 0)
            return sc_error_field(err, SC_EUSAGE, SC_R_CONFLICT, "currency",
                                  "a US Good Faith Estimate is in US dollars (its $400 dispute "
                                  "threshold is); %s does not apply", s.currency);
        if (!c->us && s.currency && sc_currency_find(s.currency) &&
            sc_currency_find(s.currency) != country->currency)
            return sc_error_field(err, SC_EUSAGE, SC_R_CONFLICT, "currency",
                                  "a quote is in the currency the provider bills in (%s for "
                                  "%s); convert its total yourself with 'stemcost estimate'",
                                  country->currency->code, country->name);
        s.currency = country->currency->code;
    }
    if (sc_estimate(p, &s, &c->est, err) != SC_OK)
        return err->status;
    c->has_est = 1;
    c->cur = c->est.currency;
    for (size_t k = 0; k < req->nparties && k < SC_QUOTE_MAX_PARTIES; k++) {
        const sc_provider *pr = req->parties[k].provider;
        if (pr == NULL)
            return sc_error_field(err, SC_EUSAGE, SC_R_REQUIRED, "co_provider",
                                  "provider %zu is missing", k + 1);
        if (c->us && (pr->npi == NULL || !sc_npi_valid(pr->npi) || pr->tin == NULL ||
                      pr->tin[0] == '\0'))
            return sc_error_field(err, SC_EUSAGE, SC_R_REQUIRED, k ? "co_provider" : "provider",
                                  "%s: a US Good Faith Estimate needs each provider's NPI and "
                                  "TIN", pr->name ? pr->name : "?");
    }
    if (diagnosis(req, c, err) != SC_OK || split_items(req, c, err) != SC_OK ||
        financing(p, req, c, err) != SC_OK)
        return err->status;
    describe_fx(c);
    service_codes(c);
    scenario_text(&s, c->scenario, sizeof c->scenario);
    sc_pricing_checksum(p, c->checksum);
    sc_gfe_timing_of(c->scheduled, c->service, c->has_service, req->requested, c->issue,
                     &c->timing);
    if (c->has_service && sc_date_compare(c->valid, c->service) < 0)
        notice(c, "valid until %s, before the service on %s: the patient will need a new "
                  "estimate (--valid-days)", c->valid_s, c->service_s);
    /* A US Good Faith Estimate lists each item's expected service code (45
     * CFR 149.610(c)(1)(iv)); the tables do not know every code a provider
     * bills under, so the clerk is told which are missing and how to give
     * them (the price file's code column). */
    size_t uncoded = 0;
    for (size_t i = 0; i < c->nlines; i++)
        uncoded += c->lines[i].code[0] == '\0';
    if (c->us && uncoded > 0) {
        char a[24], b[24];
        snprintf(a, sizeof a, "%zu", uncoded);
        snprintf(b, sizeof b, "%zu", c->nlines);
        notice(c, "%s of the %s items have no service code, which a Good Faith Estimate lists "
                  "for each item: give the codes they are billed under in the provider's price "
                  "file (columns item, price, code)", a, b);
    }
    if (c->us && c->timing.missed) {
        char d[11];
        notice(c, "issued on %s, after its deadline of %s", c->issue_s,
               sc_date_format(c->timing.deadline, d));
    }
    return SC_OK;
}

void quote_content_free(quote_content *c)
{
    if (c->has_plan)
        sc_plan_result_free(&c->plan);
    if (c->has_est)
        sc_estimate_result_free(&c->est);
    free(c->lines);
    memset(c, 0, sizeof *c);
}
