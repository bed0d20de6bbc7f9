/* stemcost quote: a Good Faith Estimate (or, outside the US, a cost estimate)
 * for a self-pay patient, numbered and recorded in the quote register.  The
 * library checks, prices, records and renders; this maps options. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_quote.h"
#include "cli_scenario.h"
#include "stemcost/quote.h"

enum {
    O_PATIENT = CLI_OPT_COMMAND, O_DOB, O_CONTACT, O_PROVIDER, O_CO_PROVIDER, O_SERVICE,
    O_QUOTE_DATE, O_DATE_REASON, O_SCHEDULED, O_REQUESTED, O_VALID, O_ICD10, O_PLAN,
    O_REGISTER, O_WAIT, O_REISSUE, O_COPY
};

static void help(void)
{
    printf("Usage: stemcost quote --patient NAME --dob DATE --provider FILE --icd10 CODE\n"
           "                      --service-date DATE --procedure ID --condition ID\n"
           "                      --country CC [OPTIONS]\n"
           "       stemcost quote --reissue NUMBER [--register FILE] [-o FILE]\n"
           "A written, itemised estimate for a self-pay patient: in the US a Good Faith\n"
           "Estimate (45 CFR 149.610) with every required element, in US dollars; elsewhere\n"
           "the same document without the US legal text, in the currency of the country of\n"
           "care, with its tax. Each quote is numbered and recorded, with its document, in\n"
           "the quote register; its date of issue is the day it is recorded.\n\n"
           "      --patient NAME      the patient (required)\n"
           "      --dob DATE          date of birth (required)\n"
           "      --contact TEXT      address, phone or e-mail (optional)\n"
           "      --provider FILE     the convening provider or facility: key=value lines or\n"
           "                          a CSV (name, address, phone, npi, tin, registration,\n"
           "                          registration_label, lanr, bsnr, items, prices)\n"
           "      --co-provider FILE  a co-provider or co-facility (role=co-facility) and the\n"
           "                          items it furnishes (items=imaging; labs); repeatable\n"
           "      --icd10 CODE        the patient's ICD-10-CM diagnosis code, primary first;\n"
           "                          repeatable; required in the US\n"
           "      --service-date DATE the scheduled date of the primary service (required\n"
           "                          unless --requested)\n"
           "      --scheduled DATE    when the service was scheduled or the estimate asked\n"
           "                          for (default: today): sets the deadline\n"
           "      --requested         the patient asked for an estimate (3 business days);\n"
           "                          a service date is then optional\n"
           "      --quote-date DATE   a document date other than today, with\n"
           "      --date-reason TEXT  why (recorded and printed)\n"
           "      --valid-days N      validity, 1 to 365 days (default 30)\n"
           "      --plan ID           add a financing offer\n"
           "      --copy WHICH        patient, provider or both (default both)\n"
           "      --register FILE     the quote register (default: $STEMCOST_REGISTER, else\n"
           "                          " SC_SHARED_REGISTER " if it exists, else\n"
           "                          ~/.local/share/stemcost/quotes.sqlite)\n"
           "      --wait SECONDS      how long to wait for a busy register (default 15, or\n"
           "                          $STEMCOST_REGISTER_WAIT); then exit 75\n"
           "      --reissue NUMBER    reproduce a recorded quote from the register, marked\n"
           "                          \"COPY - reissued on DATE\"\n"
           "      --format FMT        text (default), html or pdf; -o FILE.html or FILE.pdf\n"
           "                          chooses it too\n\n"
           "Not taken (a quote is for a self-pay patient): --insurance, --deductible,\n"
           "--deductible-met, --coinsurance, --copay, --oop-max, --oop-met, --contingency,\n"
           "--travelers.\n\n"
           "%s\n%s",
           cli_scenario_help, cli_common_help);
}

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
    if (rc == EXIT_OK && (rc = cli_register_wait(c, a->wait, &wait_ms)) == EXIT_OK &&
        (rc = cli_open_register(a->reg, wait_ms, &reg)) == EXIT_OK &&
        (rc = cli_output_open(c, &out)) == EXIT_OK) {
        sc_issued_quote q;
        sc_error err;
        if (sc_quote_issue(p, reg, req, fmt, copies, &q, &err) != SC_OK) {
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
        (rc = cli_open_register(a->reg, wait_ms, &reg)) != EXIT_OK)
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

static const char *option_name(const struct option *o, int val)
{
    for (; o->name; o++)
        if (o->val == val)
            return o->name;
    return "?";
}

int cmd_quote(int argc, char **argv)
{
    struct option opts[CLI_NSCENARIO + 40] = {CLI_COMMON_OPTIONS};
    size_t n = 6;
    n += cli_scenario_options(opts + n);
    const struct option own[] = {
        {"patient", required_argument, NULL, O_PATIENT},
        {"dob", required_argument, NULL, O_DOB},
        {"contact", required_argument, NULL, O_CONTACT},
        {"provider", required_argument, NULL, O_PROVIDER},
        {"co-provider", required_argument, NULL, O_CO_PROVIDER},
        {"service-date", required_argument, NULL, O_SERVICE},
        {"quote-date", required_argument, NULL, O_QUOTE_DATE},
        {"date-reason", required_argument, NULL, O_DATE_REASON},
        {"scheduled", required_argument, NULL, O_SCHEDULED},
        {"requested", no_argument, NULL, O_REQUESTED},
        {"valid-days", required_argument, NULL, O_VALID},
        {"icd10", required_argument, NULL, O_ICD10},
        {"plan", required_argument, NULL, O_PLAN},
        {"register", required_argument, NULL, O_REGISTER},
        {"wait", required_argument, NULL, O_WAIT},
        {"reissue", required_argument, NULL, O_REISSUE},
        {"copy", required_argument, NULL, O_COPY},
        {0, 0, 0, 0}};
    for (size_t i = 0; own[i].name; i++)
        opts[n++] = own[i];
    opts[n] = (struct option){0, 0, 0, 0};

    cli_common c;
    quote_args a;
    sc_quote_request req;
    char today[11];
    int opt, rc, issue_options = 0;
    memset(&a, 0, sizeof a);
    memset(&req, 0, sizeof req);
    cli_common_init(&c, "quote");
    cli_scenario_init(&req.scenario, today);
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS, opts, NULL)) != -1) {
        if (cli_scenario_option(&req.scenario, opt, optarg)) {
            issue_options = 1;
            continue;
        }
        if (opt >= O_PATIENT && opt <= O_COPY && opt != O_REQUESTED && optarg[0] == '\0')
            return cli_usage_error(&c, "--%s: empty value", option_name(own, opt));
        issue_options |= opt >= O_PATIENT && opt <= O_PLAN;
        switch (opt) {
        case O_PATIENT: req.patient = optarg; continue;
        case O_DOB: req.dob = optarg; continue;
        case O_CONTACT: req.contact = optarg; continue;
        case O_PROVIDER: a.provider = optarg; continue;
        case O_CO_PROVIDER:
            if (a.nco + 1 >= SC_QUOTE_MAX_PARTIES)
                return cli_usage_error(&c, "--co-provider: at most %d", SC_QUOTE_MAX_PARTIES - 1);
            a.co[a.nco++] = optarg;
            continue;
        case O_SERVICE: req.service_date = optarg; continue;
        case O_QUOTE_DATE: req.document_date = optarg; continue;
        case O_DATE_REASON: req.date_reason = optarg; continue;
        case O_SCHEDULED: req.scheduled = optarg; continue;
        case O_REQUESTED: req.requested = 1; continue;
        case O_VALID: req.valid_days = optarg; continue;
        case O_ICD10:
            if (req.nicd10 >= SC_QUOTE_MAX_ICD10)
                return cli_usage_error(&c, "--icd10: at most %d codes", SC_QUOTE_MAX_ICD10);
            req.icd10[req.nicd10++] = optarg;
            continue;
        case O_PLAN: req.plan = optarg; continue;
        case O_REGISTER: a.reg = optarg; continue;
        case O_WAIT: a.wait = optarg; continue;
        case O_REISSUE: a.reissue = optarg; continue;
        case O_COPY: a.copy = optarg; continue;
        case OPT_FORMAT: a.format = optarg; continue; /* text, html, pdf */
        default: break;
        }
        if ((rc = cli_other_option(&c, opt, optarg, argc, argv)) >= 0)
            return rc;
    }
    if (c.help) {
        help();
        return EXIT_OK;
    }
    if (optind < argc)
        return cli_usage_error(&c, "quote: unexpected argument '%s'", argv[optind]);
    sc_quote_format fmt;
    sc_quote_copies copies;
    if ((rc = cli_quote_format(&c, a.format, &fmt)) != EXIT_OK ||
        (rc = cli_quote_copies(&c, a.copy, &copies)) != EXIT_OK)
        return rc;
    req.scenario.currency = c.currency;
    if (a.reissue && (issue_options || c.currency))
        return cli_usage_error(&c, "--reissue: reproduces a recorded quote as it was; it takes "
                                   "no patient, provider or estimate options");
    rc = a.reissue ? reissue(&c, &a, fmt, copies) : issue(&c, &a, &req, fmt, copies);
    if (fmt == SC_QUOTE_PDF)
        sc_quote_release_fonts(); /* the program ends next: leave nothing to leak checkers */
    return rc;
}
