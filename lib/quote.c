/* The document of a quote: every Good Faith Estimate element (45 CFR
 * 149.610(c), laid out as the CMS standard form CMS-10791 lays it out: the
 * patient, the primary service, one table per provider or facility with its
 * identifiers, location, items and subtotal, a summary of totals, the items
 * scheduled separately, and the disclaimers), once, for the three renderers.
 * The register keeps these blocks: a reissue prints them as they were. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "estimate_internal.h"
#include "quote_internal.h"

/* The federal help line for No Surprises Act questions and disputes (CMS). */
#define CMS_HELP_LINE "1-800-985-3059"

sc_status quote_doc_add(sc_quote_doc *d, sc_block_kind kind, int n, const char *const *cells)
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
    for (int i = 0; i < n && i < SC_BLOCK_CELLS; i++) {
        b->cells[i] = strdup(cells[i] ? cells[i] : "");
        if (b->cells[i] == NULL)
            return SC_ENOMEM;
        b->ncells = i + 1;
    }
    return SC_OK;
}

static sc_status add(sc_quote_doc *d, sc_block_kind kind, int n, ...)
{
    const char *cells[SC_BLOCK_CELLS] = {0};
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n && i < SC_BLOCK_CELLS; i++)
        cells[i] = va_arg(ap, const char *);
    va_end(ap);
    return quote_doc_add(d, kind, n, cells);
}

#define ADD(...)                                  \
    do {                                          \
        if (add(doc, __VA_ARGS__) != SC_OK)       \
            goto oom;                             \
    } while (0)

/* A text of `len` bytes that was written into buf[n]: when it did not fit,
 * cut it at a character boundary and end it in "...", never in half a UTF-8
 * character (a document must stay valid UTF-8 to be drawn and reissued).
 * Provider values are bounded (provider.c) so that the sentences naming
 * them always fit; only an overlong text from a user's tables is cut. */
static void doc_fit(char *buf, size_t n, size_t len)
{
    if (len < n || n < 4)
        return;
    size_t end = n - 4;
    while (end > 0 && ((unsigned char)buf[end] & 0xC0) == 0x80)
        end--;
    memcpy(buf + end, "...", 4);
}

static void doc_textf(char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void doc_textf(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    if (len < 0)
        buf[0] = '\0';
    else
        doc_fit(buf, n, (size_t)len);
}

static const char *money(int64_t v, const sc_currency *c, char *b, size_t n)
{
    return sc_money_format_display(v, c, b, n);
}

static const char *role_name(sc_provider_role r)
{
    return r == SC_ROLE_CO_FACILITY ? "Co-facility"
           : r == SC_ROLE_CO_PROVIDER ? "Co-provider"
                                      : "Convening provider";
}

static sc_status party_block(const quote_content *c, size_t k, sc_quote_doc *doc)
{
    const qparty *q = &c->parties[k];
    const sc_provider *pv = q->provider;
    const sc_currency *cur = c->cur;
    char text[1024], a[64];
    doc_textf(text, sizeof text, "%s: %s", role_name(q->role), pv->name);
    ADD(SC_BLOCK_HEADING, 1, text);
    if (pv->npi && pv->npi[0])
        ADD(SC_BLOCK_FIELD, 2, "NPI", pv->npi);
    if (pv->tin && pv->tin[0])
        ADD(SC_BLOCK_FIELD, 2, "TIN", pv->tin);
    if (pv->lanr && pv->lanr[0])
        ADD(SC_BLOCK_FIELD, 2, "LANR (physician number)", pv->lanr);
    if (pv->bsnr && pv->bsnr[0])
        ADD(SC_BLOCK_FIELD, 2, "BSNR (practice number)", pv->bsnr);
    if (pv->registration && pv->registration[0])
        ADD(SC_BLOCK_FIELD, 2,
            pv->registration_label && pv->registration_label[0] ? pv->registration_label
                                                                : "Registration number",
            pv->registration);
    ADD(SC_BLOCK_FIELD, 2, "Location", pv->address);
    ADD(SC_BLOCK_FIELD, 2, "Phone", pv->phone);
    snprintf(a, sizeof a, "Expected charge (%s)", cur->code);
    ADD(SC_BLOCK_TABLE_HEAD, 4, "Item or service", "Service code", "Quantity", a);
    for (size_t i = 0; i < c->nlines; i++) {
        const qline *l = &c->lines[i];
        if (l->party != k)
            continue;
        char qty[32], amt[64];
        snprintf(qty, sizeof qty, "%ld", l->quantity);
        doc_textf(text, sizeof text, "%s%s%s", l->src->description,
                 l->later_visit ? " (second visit, scheduled separately)" : "",
                 l->interpolated ? " *" : "");
        ADD(SC_BLOCK_TABLE_ROW, 4, text, l->code[0] ? l->code : "-", qty,
            money(l->amount.typical, cur, amt, sizeof amt));
    }
    if (c->est.tax_pct > 0) {
        char amt[64];
        sc_estimate_tax_label(&c->est, text, sizeof text);
        ADD(SC_BLOCK_TABLE_ROW, 4, text, "", "", money(q->tax.typical, cur, amt, sizeof amt));
    }
    doc_textf(text, sizeof text, c->nparties > 1 ? "Subtotal, %s" : "Total expected charges",
             pv->name);
    ADD(SC_BLOCK_TABLE_TOTAL, 4, text, "", "", money(q->total.typical, cur, a, sizeof a));
    if (q->nown > 0) {
        doc_textf(text, sizeof text, "%zu of these %zu charges are %s's own cash prices (%s); "
                                    "the others are estimated from the pricing tables.",
                 q->nown, q->nlines, pv->name, q->prices->name);
        ADD(SC_BLOCK_TEXT, 1, text);
    }
    return SC_OK;
oom:
    return SC_ENOMEM;
}

static sc_status summary(const quote_content *c, sc_quote_doc *doc)
{
    char a[64], b[64], text[1024];
    const sc_currency *cur = c->cur;
    if (c->nparties > 1) {
        ADD(SC_BLOCK_HEADING, 1, "Summary of expected charges");
        snprintf(a, sizeof a, "Expected charge (%s)", cur->code);
        ADD(SC_BLOCK_TABLE_HEAD, 4, "Provider or facility", "Identifier", "Items", a);
        for (size_t k = 0; k < c->nparties; k++) {
            const sc_provider *pv = c->parties[k].provider;
            char n[32];
            snprintf(n, sizeof n, "%zu", c->parties[k].nlines);
            ADD(SC_BLOCK_TABLE_ROW, 4, pv->name,
                pv->npi && pv->npi[0] ? pv->npi
                : pv->registration && pv->registration[0] ? pv->registration
                : pv->lanr && pv->lanr[0] ? pv->lanr : pv->bsnr ? pv->bsnr : "",
                n, money(c->parties[k].total.typical, cur, b, sizeof b));
        }
        ADD(SC_BLOCK_TABLE_TOTAL, 4, "Total expected charges", "", "",
            money(c->total.typical, cur, b, sizeof b));
    }
    if (c->us)
        doc_textf(text, sizeof text,
                 "The expected charges above are the figures of this Good Faith Estimate: the "
                 "$400 dispute threshold below is measured against each provider's or "
                 "facility's total expected charges, not against a range. For planning only, "
                 "the charges could range from %s to %s in total.",
                 money(c->total.low, cur, a, sizeof a), money(c->total.high, cur, b, sizeof b));
    else
        doc_textf(text, sizeof text, "For planning only, the charges could range from %s to %s "
                                    "in total.",
                 money(c->total.low, cur, a, sizeof a), money(c->total.high, cur, b, sizeof b));
    ADD(SC_BLOCK_TEXT, 1, text);
    size_t interp = 0;
    for (size_t i = 0; i < c->nlines; i++)
        interp += (size_t)c->lines[i].interpolated;
    if (interp > 0) {
        doc_textf(text, sizeof text, "* %zu of the %zu charges rest on interpolated prices in "
                                    "the pricing tables (no published source states them), "
                                    "not on the provider's own price list.",
                 interp, c->nlines);
        ADD(SC_BLOCK_WARNING, 1, text);
    }
    for (size_t i = 0; i < c->est.nwarnings; i++) {
        sc_warning_kind k = c->est.warnings[i].kind;
        char w[SC_WARNING_MAX];
        /* Insurance warnings cannot arise (self-pay); interpolated prices are
         * marked line by line above (a provider's own prices replace some). */
        if (k == SC_WARN_PLAN_ABROAD || k == SC_WARN_MIXED_BILLING || k == SC_WARN_INTERPOLATED)
            continue;
        ADD(SC_BLOCK_WARNING, 1, sc_estimate_warning_text(&c->est, i, w, sizeof w));
    }
    if (c->fx[0])
        ADD(SC_BLOCK_TEXT, 1, c->fx);
    if (c->est.home != c->est.country)
        ADD(SC_BLOCK_TEXT, 1, "Travel and lodging are not billed by the provider and are not "
                              "included here.");
    return SC_OK;
oom:
    return SC_ENOMEM;
}

static sc_status separate(const quote_content *c, sc_quote_doc *doc)
{
    const sc_estimate_result *e = &c->est;
    const sc_provider *conv = c->parties[0].provider;
    char text[1024];
    ADD(SC_BLOCK_HEADING, 1, "Items or services scheduled separately");
    if (e->procedure->culture_expanded) {
        doc_textf(text, sizeof text, "The injection of the cultured cells is given at a second "
                                    "visit, weeks after the harvest, scheduled once the cells "
                                    "are ready; its items are marked in the table above and "
                                    "included in the totals.");
        ADD(SC_BLOCK_TEXT, 1, text);
    }
    if (e->sessions > 1) {
        doc_textf(text, sizeof text, "Sessions 2 to %d are each scheduled separately; their "
                                    "items are included above.", e->sessions);
        ADD(SC_BLOCK_TEXT, 1, text);
    }
    /* What the tables say a quote for this procedure leaves out (procedures.csv,
     * not_included), else the usual list. */
    const sc_procedure *proc = e->procedure;
    size_t used = (size_t)snprintf(text, sizeof text,
                                   "Not included here, and scheduled separately if you need "
                                   "them: ");
    if (proc->nnot_included == 0)
        used += (size_t)snprintf(text + used, sizeof text - used,
                                 "rehabilitation or physical therapy after the procedure, "
                                 "imaging ordered later, treatment sessions beyond those listed");
    for (size_t i = 0; i < proc->nnot_included && used < sizeof text; i++)
        used += (size_t)snprintf(text + used, sizeof text - used, "%s%s", i ? "; " : "",
                                 proc->not_included[i]);
    if (used < sizeof text)
        used += (size_t)snprintf(text + used, sizeof text - used,
                                 "; and treatment of complications.");
    doc_fit(text, sizeof text, used);
    ADD(SC_BLOCK_TEXT, 1, text);
    doc_textf(text, sizeof text, "%s will give you a separate %s for any of these when it is "
                                "scheduled, or when you ask for one: ask %s at %s.",
             conv->name, c->us ? "Good Faith Estimate" : "estimate", conv->name, conv->phone);
    ADD(SC_BLOCK_TEXT, 1, text);
    return SC_OK;
oom:
    return SC_ENOMEM;
}

/* The offer as Regulation Z discloses a closed-end credit sale (12 CFR
 * 1026.18): what is paid at signing (the plan's deposit, a loan's prepaid
 * fee), the amount financed, the payment schedule with a last payment that
 * differs, the total of payments, the finance charge, the APR and the total
 * cost.  Every figure is the schedule's own (sc_schedule_regular_payment,
 * sc_schedule_last_payment), so they add up as the finance command's do. */
static sc_status financing(const quote_content *c, sc_quote_doc *doc)
{
    if (!c->has_plan || c->plan.schedule.nrows == 0)
        return SC_OK;
    const sc_plan_result *o = &c->plan;
    const sc_schedule *s = &o->schedule;
    char text[1024], signing[256] = "", payments[256], a[64], b[64], f[64], t[64], d[11];
    char apr[32];
    ADD(SC_BLOCK_HEADING, 1, "Financing offer");
    if (o->upfront > 0) {
        const char *what = o->deposit > 0 && s->fee > 0 ? "the plan's deposit and the loan's fee"
                           : o->deposit > 0            ? "the plan's deposit"
                           : s->fee > 0 ? "the loan's fee, a prepaid finance charge"
                                        : "paid down";
        snprintf(signing, sizeof signing, "%s paid at signing (%s); ",
                 money(o->upfront, c->cur, a, sizeof a), what);
    }
    int64_t regular = sc_schedule_regular_payment(s), last = sc_schedule_last_payment(s);
    if (s->nrows > 1 && last != regular)
        snprintf(payments, sizeof payments, "%d monthly payments from %s: %d of %s and a last "
                                            "of %s",
                 s->nrows, sc_date_format(s->rows[0].date, d), s->nrows - 1,
                 money(regular, c->cur, a, sizeof a), money(last, c->cur, b, sizeof b));
    else
        snprintf(payments, sizeof payments, "%d monthly payment%s of %s from %s", s->nrows,
                 s->nrows == 1 ? "" : "s", money(regular, c->cur, a, sizeof a),
                 sc_date_format(s->rows[0].date, d));
    doc_textf(text, sizeof text, "%s: %samount financed %s; %s; total of payments %s; finance "
                                "charge %s; annual percentage rate %s %%; total cost %s.",
             o->plan->name, signing, money(s->amount_financed, c->cur, b, sizeof b), payments,
             money(s->total_of_payments, c->cur, f, sizeof f),
             money(s->finance_charge, c->cur, a, sizeof a),
             sc_apr_format(s->apr_pct, apr, sizeof apr),
             money(o->total_paid, c->cur, t, sizeof t));
    ADD(SC_BLOCK_TEXT, 1, text);
    if (c->plan.has_deferred && c->plan.deferred.back_interest > 0) {
        doc_textf(text, sizeof text,
                 "Deferred interest: if the balance is not paid in full by %s, interest of "
                 "about %s from the purchase date is charged (on minimum payments only).",
                 sc_date_format(c->plan.deferred.expiry, d),
                 money(c->plan.deferred.back_interest, c->cur, a, sizeof a));
        ADD(SC_BLOCK_TEXT, 1, text);
    }
    return SC_OK;
oom:
    return SC_ENOMEM;
}

static sc_status timing(const quote_content *c, sc_quote_doc *doc)
{
    const sc_gfe_timing *t = &c->timing;
    char text[512], d[11];
    if (!c->us)
        return SC_OK;
    ADD(SC_BLOCK_HEADING, 1, "When this estimate is due");
    if (!c->has_service)
        doc_textf(text, sizeof text, "Requested on %s without a scheduled service: due within 3 "
                                    "business days, by %s.",
                 c->scheduled_s, sc_date_format(t->deadline, d));
    else if (!t->required)
        doc_textf(text, sizeof text, "Scheduled %s, %d business day%s before the service: a "
                                    "Good Faith Estimate is not required, but given.",
                 c->scheduled_s, t->business_days, t->business_days == 1 ? "" : "s");
    else
        doc_textf(text, sizeof text, "%s %s, %d business day%s before the service: due within "
                                    "%d business day%s, by %s.",
                 c->req->requested ? "Requested" : "Scheduled", c->scheduled_s,
                 t->business_days, t->business_days == 1 ? "" : "s", t->allowed,
                 t->allowed == 1 ? "" : "s", sc_date_format(t->deadline, d));
    ADD(SC_BLOCK_TEXT, 1, text);
    if (t->missed) {
        doc_textf(text, sizeof text, "This estimate was issued on %s, after its deadline of %s.",
                 c->issue_s, sc_date_format(t->deadline, d));
        ADD(SC_BLOCK_WARNING, 1, text);
    }
    return SC_OK;
oom:
    return SC_ENOMEM;
}

static sc_status notes(const quote_content *c, sc_quote_doc *doc)
{
    const sc_estimate_result *e = &c->est;
    char text[1024];
    if (c->has_service && sc_date_compare(c->valid, c->service) < 0) {
        doc_textf(text, sizeof text, "This estimate is valid until %s, before the scheduled "
                                    "service on %s: ask for a new estimate before then.",
                 c->valid_s, c->service_s);
        ADD(SC_BLOCK_WARNING, 1, text);
    }
    ADD(SC_BLOCK_HEADING, 1, "Please note");
    ADD(SC_BLOCK_TEXT, 1, "This is an estimate, not a bill and not a contract: the actual items, "
                          "services and charges may differ from it. It does not require you to "
                          "obtain the listed items or services from these providers.");
    ADD(SC_BLOCK_TEXT, 1, "Other items or services may be recommended as part of your care; they "
                          "would be scheduled and estimated separately and are not included "
                          "here.");
    if (c->us) {
        ADD(SC_BLOCK_TEXT, 1, "If you are billed for at least $400 more than the total expected "
                              "charges of this Good Faith Estimate for any one provider or "
                              "facility, you have the right to dispute the bill through the "
                              "patient-provider dispute resolution process. You must start it "
                              "within 120 calendar days of the date on the original bill, and "
                              "there is a $25 fee. Disputing a bill will not affect the quality "
                              "of your care.");
        ADD(SC_BLOCK_TEXT, 1, "To learn more about your right to a Good Faith Estimate and how to "
                              "dispute a bill, visit www.cms.gov/nosurprises or call the federal "
                              "help line at " CMS_HELP_LINE ". Keep a copy or photo of this "
                              "estimate and of your bill.");
    }
    ADD(SC_BLOCK_HEADING, 1, "Acknowledgement of receipt");
    ADD(SC_BLOCK_TEXT, 1, "I received a copy of this estimate. Signing does not agree to any "
                          "treatment or charge.");
    ADD(SC_BLOCK_SIGNATURE, 3, "Patient or representative (name)", "Signature",
        "Date received");
    doc_textf(text, sizeof text, "Prepared with stemcost from pricing tables as of %s "
                                "(checksum %s). Amounts in %s.",
             e->pricing_as_of, c->checksum, c->cur->code);
    ADD(SC_BLOCK_TEXT, 1, text);
    return SC_OK;
oom:
    return SC_ENOMEM;
}

sc_status quote_build_doc(const quote_content *c, const char *code, sc_quote_doc *doc,
                          sc_error *err)
{
    const sc_estimate_result *e = &c->est;
    const sc_quote_request *req = c->req;
    char text[1024], d1[11];
    memset(doc, 0, sizeof *doc);
    doc->number = strdup(code);
    doc->patient = strdup(req->patient);
    doc->date = c->doc;
    if (doc->number == NULL || doc->patient == NULL)
        goto oom;

    ADD(SC_BLOCK_TITLE, 1, c->us ? "Good Faith Estimate for Health Care Items and Services"
                                 : "Cost estimate for self-pay treatment");
    ADD(SC_BLOCK_FIELD, 2, "Quote number", code);
    ADD(SC_BLOCK_FIELD, 2, "Date of this estimate", c->doc_s);
    if (sc_date_compare(c->doc, c->issue) != 0) {
        ADD(SC_BLOCK_FIELD, 2, "Date of issue (register)", c->issue_s);
        ADD(SC_BLOCK_FIELD, 2, "Why the dates differ", req->date_reason);
    }
    ADD(SC_BLOCK_FIELD, 2, "Valid until", c->valid_s);

    ADD(SC_BLOCK_HEADING, 1, "Patient");
    ADD(SC_BLOCK_FIELD, 2, "Name", req->patient);
    ADD(SC_BLOCK_FIELD, 2, "Date of birth", req->dob);
    if (req->contact && req->contact[0])
        ADD(SC_BLOCK_FIELD, 2, "Contact", req->contact);

    ADD(SC_BLOCK_HEADING, 1, "Primary service");
    const char *side = quote_side_word(c->side);
    doc_textf(text, sizeof text, "%s for %s: %d %s%s%s%s%s, %d session%s (%s tier), in %s.",
             e->procedure->name, e->condition->name, e->sites, e->condition->site_unit,
             e->sites == 1 ? "" : "s", side[0] ? " (" : "", side, side[0] ? ")" : "",
             e->sessions, e->sessions == 1 ? "" : "s", e->tier->id, e->country->name);
    ADD(SC_BLOCK_TEXT, 1, text);
    ADD(SC_BLOCK_FIELD, 2, "Scheduled for",
        c->has_service ? c->service_s : "not yet scheduled (estimate requested by the patient)");
    if (c->nicd > 0) {
        size_t n = 0;
        text[0] = '\0';
        for (size_t i = 0; i < c->nicd && n < sizeof text; i++) {
            const char *title;
            sc_icd10_side(c->icd[i], &title);
            n += (size_t)snprintf(text + n, sizeof text - n, "%s%s%s%s%s", i ? "; " : "",
                                  c->icd[i], title ? " " : "", title ? title : "",
                                  i == 0 && c->nicd > 1 ? " (primary)" : "");
        }
        ADD(SC_BLOCK_FIELD, 2, c->us ? "Diagnosis codes (ICD-10-CM)" : "Diagnosis codes (ICD-10)",
            text);
    }
    for (size_t k = 0; k < c->nparties; k++)
        if (party_block(c, k, doc) != SC_OK)
            goto oom;
    if (summary(c, doc) != SC_OK || separate(c, doc) != SC_OK || financing(c, doc) != SC_OK ||
        timing(c, doc) != SC_OK || notes(c, doc) != SC_OK)
        goto oom;
    (void)d1;
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
    free(doc->patient);
    free(doc->state_note);
    memset(doc, 0, sizeof *doc);
}

