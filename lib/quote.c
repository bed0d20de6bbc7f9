/* Building a quote document: every Good Faith Estimate element, once, for
 * the three renderers. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stemcost/quote.h"

static sc_status add(sc_quote_doc *d, sc_block_kind kind, int n, ...)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 64;
        sc_block *b = realloc(d->blocks, cap * sizeof *b);
        if (b == NULL)
            return SC_ENOMEM;
        d->blocks = b;
        d->cap = cap;
    }
    sc_block *b = &d->blocks[d->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->ncells = n;
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n && i < SC_BLOCK_CELLS; i++) {
        const char *s = va_arg(ap, const char *);
        b->cells[i] = strdup(s ? s : "");
        if (b->cells[i] == NULL) {
            va_end(ap);
            return SC_ENOMEM;
        }
    }
    va_end(ap);
    return SC_OK;
}

#define ADD(...)                                  \
    do {                                          \
        if (add(doc, __VA_ARGS__) != SC_OK)       \
            goto oom;                             \
    } while (0)

static const char *money(int64_t v, const sc_currency *c, char *b, size_t n)
{
    return sc_money_format_display(v, c, b, n);
}

sc_status sc_quote_build(const sc_quote_input *in, sc_quote_doc *doc, sc_error *err)
{
    const sc_estimate_result *e = in->estimate;
    const sc_currency *c = e->currency;
    char a[128], b[128], d1[11], d2[11], text[1024];
    memset(doc, 0, sizeof *doc);
    doc->us = strcmp(e->country->id, "US") == 0;
    doc->number = strdup(in->number);
    doc->date = in->quote_date;
    if (doc->number == NULL)
        goto oom;

    ADD(SC_BLOCK_TITLE, 1, doc->us ? "Good Faith Estimate for Health Care Items and Services"
                                   : "Cost estimate for self-pay treatment");
    ADD(SC_BLOCK_FIELD, 2, "Quote number", in->number);
    ADD(SC_BLOCK_FIELD, 2, "Date of this estimate", sc_date_format(in->quote_date, d1));
    ADD(SC_BLOCK_FIELD, 2, "Valid until", sc_date_format(in->valid_until, d1));

    ADD(SC_BLOCK_HEADING, 1, "Patient");
    ADD(SC_BLOCK_FIELD, 2, "Name", in->patient);
    ADD(SC_BLOCK_FIELD, 2, "Date of birth", in->dob);
    if (in->contact && in->contact[0])
        ADD(SC_BLOCK_FIELD, 2, "Contact", in->contact);

    ADD(SC_BLOCK_HEADING, 1, "Provider or facility");
    ADD(SC_BLOCK_FIELD, 2, "Name", in->provider->name);
    ADD(SC_BLOCK_FIELD, 2, "NPI", in->provider->npi);
    ADD(SC_BLOCK_FIELD, 2, "TIN", in->provider->tin);
    ADD(SC_BLOCK_FIELD, 2, "Location", in->provider->address);
    ADD(SC_BLOCK_FIELD, 2, "Phone", in->provider->phone);

    ADD(SC_BLOCK_HEADING, 1, "Primary service");
    snprintf(text, sizeof text, "%s for %s: %d %s%s, %d session%s (%s tier), in %s.",
             e->procedure->name, e->condition->name, e->sites, e->condition->site_unit,
             e->sites == 1 ? "" : "s", e->sessions, e->sessions == 1 ? "" : "s", e->tier->id,
             e->country->name);
    ADD(SC_BLOCK_TEXT, 1, text);
    ADD(SC_BLOCK_FIELD, 2, "Scheduled for", sc_date_format(in->service_date, d1));
    ADD(SC_BLOCK_FIELD, 2, "Diagnosis codes (ICD-10-CM)", e->condition->icd10cm);

    ADD(SC_BLOCK_HEADING, 1, "Itemised expected charges");
    snprintf(a, sizeof a, "Expected charge (%s)", c->code);
    ADD(SC_BLOCK_TABLE_HEAD, 5, "Item or service", "Service code", "Quantity", a, "Range");
    for (size_t i = 0; i < e->nitems; i++) {
        const sc_line *l = &e->lines[i];
        char qty[32], range[128], lo[48], hi[48];
        snprintf(qty, sizeof qty, "%ld", l->quantity);
        snprintf(range, sizeof range, "%s - %s", money(l->amount.low, c, lo, sizeof lo),
                 money(l->amount.high, c, hi, sizeof hi));
        ADD(SC_BLOCK_TABLE_ROW, 5, l->description,
            l->code[0] ? l->code : "no code: described", qty,
            money(l->amount.typical, c, b, sizeof b), range);
    }
    if (e->tax_pct > 0) {
        char pct[32], lo[48], hi[48], range[128];
        sc_decimal_format(e->tax_pct, 2, 1, pct, sizeof pct);
        snprintf(text, sizeof text, "Tax (%s%% on self-pay care)", pct);
        snprintf(range, sizeof range, "%s - %s", money(e->tax.low, c, lo, sizeof lo),
                 money(e->tax.high, c, hi, sizeof hi));
        ADD(SC_BLOCK_TABLE_ROW, 5, text, "", "", money(e->tax.typical, c, b, sizeof b), range);
    }
    {
        int64_t lo = e->treatment.low + e->tax.low, ty = e->treatment.typical + e->tax.typical,
                hi = e->treatment.high + e->tax.high;
        char l[48], h[48], range[128];
        snprintf(range, sizeof range, "%s - %s", money(lo, c, l, sizeof l),
                 money(hi, c, h, sizeof h));
        ADD(SC_BLOCK_TABLE_TOTAL, 5, "Total expected charges", "", "", money(ty, c, b, sizeof b),
            range);
    }
    if (e->home != e->country)
        ADD(SC_BLOCK_TEXT, 1, "Travel and lodging are not billed by the provider and are not "
                              "included here.");

    ADD(SC_BLOCK_HEADING, 1, "Items or services scheduled separately");
    ADD(SC_BLOCK_TEXT, 1, "Not included in this estimate and scheduled separately if needed: "
                          "rehabilitation or physical therapy after the procedure, further "
                          "imaging ordered later, repeat treatment sessions beyond those "
                          "listed, and treatment of complications.");

    if (in->plan != NULL && in->plan->schedule.nrows > 0) {
        const sc_schedule *s = &in->plan->schedule;
        ADD(SC_BLOCK_HEADING, 1, "Financing offer");
        char fc[48];
        snprintf(text, sizeof text,
                 "%s: %d monthly payments of %s; total of payments %s; finance charge %s; "
                 "annual percentage rate %.2f %%.",
                 in->plan->plan->name, s->nrows, money(s->payment, c, a, sizeof a),
                 money(s->total_of_payments, c, b, sizeof b),
                 money(s->finance_charge, c, fc, sizeof fc), s->apr_pct);
        ADD(SC_BLOCK_TEXT, 1, text);
        if (in->plan->has_deferred && in->plan->deferred.back_interest > 0) {
            snprintf(text, sizeof text,
                     "Deferred interest: if the balance is not paid in full by %s, interest of "
                     "about %s from the purchase date is charged (on minimum payments only).",
                     sc_date_format(in->plan->deferred.expiry, d1),
                     money(in->plan->deferred.back_interest, c, a, sizeof a));
            ADD(SC_BLOCK_TEXT, 1, text);
        }
    }

    if (doc->us) {
        sc_gfe_timing t;
        sc_gfe_timing_of(in->scheduled, in->service_date, in->requested, in->quote_date, &t);
        ADD(SC_BLOCK_HEADING, 1, "When this estimate is due");
        if (!t.required)
            snprintf(text, sizeof text, "Scheduled %s, %d business day%s before the service: "
                                        "a Good Faith Estimate is not required, but given.",
                     sc_date_format(in->scheduled, d1), t.business_days,
                     t.business_days == 1 ? "" : "s");
        else
            snprintf(text, sizeof text, "%s %s, %d business day%s before the service: due "
                                        "within %d business day%s, by %s.",
                     in->requested ? "Requested" : "Scheduled",
                     sc_date_format(in->scheduled, d1), t.business_days,
                     t.business_days == 1 ? "" : "s", t.allowed, t.allowed == 1 ? "" : "s",
                     sc_date_format(t.deadline, d2));
        ADD(SC_BLOCK_TEXT, 1, text);
        if (t.missed) {
            snprintf(text, sizeof text, "This estimate is dated after its deadline of %s.",
                     sc_date_format(t.deadline, d1));
            ADD(SC_BLOCK_WARNING, 1, text);
        }
    }

    ADD(SC_BLOCK_HEADING, 1, "Please note");
    ADD(SC_BLOCK_TEXT, 1, "This is an estimate, not a bill and not a contract: the actual items, "
                          "services and charges may differ from it. It does not require you to "
                          "obtain the listed items or services from these providers.");
    ADD(SC_BLOCK_TEXT, 1, "Other items or services may be recommended as part of your care; they "
                          "would be scheduled and estimated separately and are not included "
                          "here.");
    if (doc->us) {
        ADD(SC_BLOCK_TEXT, 1, "If you are billed for at least $400 more than this Good Faith "
                              "Estimate for any provider or facility, you have the right to "
                              "dispute the bill through the patient-provider dispute resolution "
                              "process. You must start it within 120 calendar days of the date "
                              "on the original bill, and there is a $25 fee. Disputing a bill "
                              "will not affect the quality of your care.");
        ADD(SC_BLOCK_TEXT, 1, "To learn more about your right to a Good Faith Estimate and how to "
                              "dispute a bill, visit www.cms.gov/nosurprises. Keep a copy or "
                              "photo of this estimate and of your bill.");
    }
    for (size_t i = 0; i < e->nwarnings; i++) {
        char w[SC_WARNING_MAX];
        if (e->warnings[i].kind <= SC_WARN_NOT_PERMITTED)
            ADD(SC_BLOCK_WARNING, 1, sc_estimate_warning_text(e, i, w, sizeof w));
    }
    snprintf(text, sizeof text, "Prepared with stemcost from pricing tables as of %s "
                                "(checksum %s). Amounts in %s.",
             e->pricing_as_of, in->pricing_checksum, c->code);
    ADD(SC_BLOCK_TEXT, 1, text);
    return SC_OK;
oom:
    sc_quote_doc_free(doc);
    return sc_error_set(err, SC_ENOMEM, NULL, 0, 0, "out of memory");
}

void sc_quote_doc_free(sc_quote_doc *doc)
{
    for (size_t i = 0; i < doc->n; i++)
        for (int k = 0; k < doc->blocks[i].ncells; k++)
            free(doc->blocks[i].cells[k]);
    free(doc->blocks);
    free(doc->number);
    memset(doc, 0, sizeof *doc);
}

void sc_pricing_checksum(const sc_pricing *p, char out[17])
{
    uint64_t h = UINT64_C(1469598103934665603);
    for (int t = 0; t < SC_T_COUNT; t++) {
        const sc_table *tb = p->raw[t];
        if (tb == NULL)
            continue;
        for (size_t r = 0; r <= tb->nrows; r++)
            for (size_t c = 0; c < tb->ncols; c++) {
                const char *s = r == 0 ? tb->header[c] : tb->rows[r - 1].cells[c];
                for (; *s; s++) {
                    h ^= (unsigned char)*s;
                    h *= UINT64_C(1099511628211);
                }
                h ^= 0x1f; /* cell separator */
                h *= UINT64_C(1099511628211);
            }
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}
