/* stemcost quote: a Good Faith Estimate (or, outside the US, a cost estimate)
 * for a self-pay patient, numbered and recorded in the quote register.  The
 * library checks, prices, records and renders; this maps options. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_command.h"
#include "cli_quote.h"
#include "stemcost/quote.h"

static const cli_option options[] = {
    {"patient", CLI_TEXT, "NAME", "the patient (required)"},
    {"dob", CLI_DATE, "DATE", "date of birth (required)"},
    {"contact", CLI_TEXT, "TEXT", "address, phone or e-mail (optional)"},
    {"provider", CLI_FILE, "FILE",
     "the convening provider or facility: key=value lines or\n"
     "a CSV (name, address, phone, npi, tin, registration,\n"
     "registration_label, lanr, bsnr, items, prices)"},
    {"co-provider", CLI_FILE | CLI_REPEAT, "FILE",
     "a co-provider or co-facility (role=co-facility) and the\n"
     "items it furnishes (items=imaging; labs); repeatable"},
    {"icd10", CLI_TEXT | CLI_REPEAT, "CODE",
     "the patient's ICD-10-CM diagnosis code, primary first;\nrepeatable; required in the US"},
    {"service-date", CLI_DATE, "DATE",
     "the scheduled date of the primary service (required\nunless --requested)"},
    {"scheduled", CLI_DATE, "DATE",
     "when the service was scheduled or the estimate asked\nfor (default: today): sets the deadline"},
    {"requested", CLI_FLAG, NULL,
     "the patient asked for an estimate (3 business days);\na service date is then optional"},
    {"quote-date", CLI_DATE, "DATE", "a document date other than today, with"},
    {"date-reason", CLI_TEXT, "TEXT", "why (recorded and printed)"},
    {"valid-days", CLI_COUNT, "N", "validity, 1 to 365 days (default 30)"},
    {"plan", CLI_ID, "ID", "add a financing offer"},
    {"copy", CLI_WORD, "WHICH", "patient, provider or both (default both)"},
    {"register", CLI_FILE, "FILE",
     "the quote register, made by the first quote\n(default: $STEMCOST_REGISTER, else\n"
     SC_SHARED_REGISTER " if it exists,\nelse ~/.local/share/stemcost/quotes.sqlite)"},
    {"wait", CLI_COUNT, "SECONDS",
     "how long to wait for a busy register (default 15, or\n$STEMCOST_REGISTER_WAIT); then exit 75"},
    {"reissue", CLI_TEXT, "NUMBER",
     "reproduce a recorded quote from the register (which\nmust exist), marked "
     "\"COPY - reissued on DATE\""},
    {"format", CLI_WORD, "FMT",
     "text (default), html or pdf; -o FILE.html (.htm) or\nFILE.pdf, in any case, chooses it too"},
    {NULL, 0, NULL, NULL}};

typedef struct quote_args {
    const char *provider, *co[SC_QUOTE_MAX_PARTIES], *reissue, *format, *copy, *wait,
        *reg;
    size_t nco;
} quote_args;

typedef struct parties {
    sc_provider prov[SC_QUOTE_MAX_PARTIES];
    sc_price_list prices[SC_QUOTE_MAX_PARTIES];
    size_t n;
} parties;

static void parties_free(parties *ps)
{
    for (size_t i = 0; i < ps->n; i++) {
        sc_provider_free(&ps->prov[i]);
        sc_price_list_free(&ps->prices[i]);
    }
}

static int report_diags(sc_diags *d, sc_status st)
{
    for (size_t i = 0; i < d->count; i++)
        cli_report(&d->items[i]);
    if (st == SC_ENOMEM)
        cli_error(NULL, "out of memory");
    sc_diags_free(d);
    return st == SC_OK ? EXIT_OK : EXIT_DATA;
}

/* A provider file, and the price file it names (relative to its directory). */
static int load_party(const char *path, const char *country, const sc_currency *cur,
                      parties *ps)
{
    sc_provider *pv = &ps->prov[ps->n];
    sc_price_list *pl = &ps->prices[ps->n];
    memset(pl, 0, sizeof *pl);
    FILE *fp = cli_open_input(path, "a provider file");
    if (fp == NULL)
        return EXIT_DATA;
    sc_diags d;
    sc_diags_init(&d);
    sc_status st = sc_provider_read(fp, path, country, pv, &d);
    fclose(fp);
    if (report_diags(&d, st) != EXIT_OK) {
        sc_provider_free(pv);
        return EXIT_DATA;
    }
    ps->n++;
    if (pv->prices == NULL || pv->prices[0] == '\0')
        return EXIT_OK;
    char file[4096];
    const char *slash = strrchr(path, '/');
    if (pv->prices[0] == '/' || slash == NULL)
        snprintf(file, sizeof file, "%s", pv->prices);
    else
        snprintf(file, sizeof file, "%.*s/%s", (int)(slash - path), path, pv->prices);
    if ((fp = cli_open_input(file, "a price file")) == NULL)
        return EXIT_DATA;
    sc_diags_init(&d);
    st = sc_price_list_read(fp, file, cur, pl, &d);
    fclose(fp);
    return report_diags(&d, st);
}

static int issue(cli_common *c, quote_args *a, sc_quote_request *req, sc_quote_format fmt,
                 sc_quote_copies copies)
{
    if (req->scenario.country == NULL || req->scenario.country[0] == '\0')
        return cli_usage_error(c, "--country: required (the country of care)");
    if (a->provider == NULL)
        return cli_usage_error(c, "--provider: required (a file with the provider's name, "
                                  "address, phone and identifiers)");
    sc_pricing *p = NULL;
    int rc = cli_load_pricing(c, &p);
    if (rc != EXIT_OK)
        return rc;
    const sc_country *country = sc_pricing_country(p, req->scenario.country);
    if (country == NULL) {
        sc_pricing_free(p);
        return cli_usage_error(c, "--country: '%s' is not in the tables; run 'stemcost list "
                                  "countries'", req->scenario.country);
    }
    parties ps;
    memset(&ps, 0, sizeof ps);
    rc = load_party(a->provider, country->id, country->currency, &ps);
    for (size_t i = 0; i < a->nco && rc == EXIT_OK; i++)
        rc = load_party(a->co[i], country->id, country->currency, &ps);
    for (size_t i = 0; i < ps.n; i++)
        req->parties[i] = (sc_quote_party){&ps.prov[i], ps.prices[i].entries ? &ps.prices[i]
                                                                             : NULL};
    req->nparties = ps.n;
    long wait_ms;
    sc_register *reg = NULL;
    cli_output out;
    sc_error err;
    /* A request that is refused, or a document that cannot be written, must
     * not make a register: checked, then the output, then the register. */
    if (rc == EXIT_OK && sc_quote_check(p, req, &err) != SC_OK)
        rc = cli_fail(c, &err);
    if (rc == EXIT_OK && (rc = cli_register_wait(c, a->wait, &wait_ms)) == EXIT_OK &&
        (rc = cli_output_open(c, &out)) == EXIT_OK) {
        sc_issued_quote q;
        if ((rc = cli_open_register(a->reg, wait_ms, 1, &reg)) != EXIT_OK) {
            cli_output_abort(&out);
        } else if (sc_quote_issue(p, reg, req, fmt, copies, &q, &err) != SC_OK) {
            cli_output_abort(&out);
            rc = cli_fail(c, &err);
        } else {
            for (size_t i = 0; i < q.nnotices; i++)
                cli_error(q.code, "note: %s", q.notices[i]);
            rc = cli_quote_write(&out, &q);
            cli_error(NULL, "quote %s recorded in the register %s", q.code,
                      sc_register_path(reg));
            if (rc != EXIT_OK)
                cli_error(q.code, "the quote is recorded; write its document again with "
                                  "'stemcost quote --reissue %s'", q.code);
            sc_issued_quote_free(&q);
        }
    }
    sc_register_close(reg);
    parties_free(&ps);
    sc_pricing_free(p);
    return rc;
}

static int reissue(cli_common *c, const quote_args *a, sc_quote_format fmt,
                   sc_quote_copies copies)
{
    long wait_ms;
    sc_register *reg = NULL;
    cli_output out;
    int rc;
    if ((rc = cli_register_wait(c, a->wait, &wait_ms)) != EXIT_OK ||
        (rc = cli_open_register(a->reg, wait_ms, 0, &reg)) != EXIT_OK)
        return rc;
    if ((rc = cli_output_open(c, &out)) == EXIT_OK) {
        sc_issued_quote q;
        sc_error err;
        if (sc_quote_reissue(reg, a->reissue, fmt, copies, &q, &err) != SC_OK) {
            cli_output_abort(&out);
            rc = cli_fail(c, &err);
        } else {
            rc = cli_quote_write(&out, &q);
            sc_issued_quote_free(&q);
        }
    }
    sc_register_close(reg);
    return rc;
}

/* The options that make a new quote (none of them goes with --reissue). */
static int issue_options_given(const cli_ctx *ctx)
{
    static const char *const names[] = {"patient", "dob", "contact", "provider", "co-provider",
                                        "icd10", "service-date", "scheduled", "requested",
                                        "quote-date", "date-reason", "valid-days", "plan"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (ctx->given[cli_own(ctx, names[i])] > 0)
            return 1;
    return cli_scenario_given(ctx) || ctx->common.currency != NULL;
}

static int run(cli_ctx *ctx)
{
    cli_common *c = &ctx->common;
    quote_args a;
    sc_quote_request req;
    int rc;
    memset(&a, 0, sizeof a);
    memset(&req, 0, sizeof req);
    req.scenario = ctx->scenario;
    req.patient = cli_value(ctx, "patient");
    req.dob = cli_value(ctx, "dob");
    req.contact = cli_value(ctx, "contact");
    req.service_date = cli_value(ctx, "service-date");
    req.document_date = cli_value(ctx, "quote-date");
    req.date_reason = cli_value(ctx, "date-reason");
    req.scheduled = cli_value(ctx, "scheduled");
    req.requested = cli_flag(ctx, "requested");
    req.valid_days = cli_value(ctx, "valid-days");
    req.plan = cli_value(ctx, "plan");
    size_t n;
    const char *const *codes = cli_values(ctx, "icd10", &n);
    if (n > SC_QUOTE_MAX_ICD10)
        return cli_usage_error(c, "--icd10: at most %d codes", SC_QUOTE_MAX_ICD10);
    for (size_t i = 0; i < n; i++)
        req.icd10[req.nicd10++] = codes[i];
    a.provider = cli_value(ctx, "provider");
    const char *const *co = cli_values(ctx, "co-provider", &n);
    if (n + 1 > SC_QUOTE_MAX_PARTIES)
        return cli_usage_error(c, "--co-provider: at most %d", SC_QUOTE_MAX_PARTIES - 1);
    for (size_t i = 0; i < n; i++)
        a.co[a.nco++] = co[i];
    a.reg = cli_value(ctx, "register");
    a.wait = cli_value(ctx, "wait");
    a.reissue = cli_value(ctx, "reissue");
    a.copy = cli_value(ctx, "copy");
    a.format = cli_value(ctx, "format");
    sc_quote_format fmt;
    sc_quote_copies copies;
    if ((rc = cli_quote_format(c, a.format, &fmt)) != EXIT_OK ||
        (rc = cli_quote_copies(c, a.copy, &copies)) != EXIT_OK)
        return rc;
    if (ctx->scenario.today != ctx->today)
        return cli_usage_error(c, "--today: a quote is dated the day the register records it; "
                                  "give --quote-date with --date-reason for another date");
    if (a.reissue && issue_options_given(ctx))
        return cli_usage_error(c, "--reissue: reproduces a recorded quote as it was; it takes "
                                  "no patient, provider or estimate options");
    rc = a.reissue ? reissue(c, &a, fmt, copies) : issue(c, &a, &req, fmt, copies);
    if (fmt == SC_QUOTE_PDF)
        sc_quote_release_fonts(); /* the program ends next: leave nothing to leak checkers */
    return rc;
}

const cli_command cli_cmd_quote = {
    "quote", "a Good Faith Estimate (text, HTML or PDF), numbered and registered",
    "--patient NAME --dob DATE --provider FILE --icd10 CODE --service-date DATE\n"
    "                      --procedure ID --condition ID --country CC [OPTIONS]\n"
    "       stemcost quote --reissue NUMBER [--register FILE] [-o FILE]",
    "A written, itemised estimate for a self-pay patient: in the US a Good Faith\n"
    "Estimate (45 CFR 149.610) with every required element, in US dollars; elsewhere\n"
    "the same document without the US legal text, in the currency of the country of\n"
    "care, with its tax. Each quote is numbered and recorded, with its document, in\n"
    "the quote register; its date of issue is the day it is recorded.",
    CLI_SET_SCENARIO, options, 0, 0,
    "Not taken (a quote is for a self-pay patient): --insurance, --deductible,\n"
    "--deductible-met, --coinsurance, --copay, --oop-max, --oop-met, --contingency,\n"
    "--travelers.",
    run};
