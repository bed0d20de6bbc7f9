/* stemcost quote: a Good Faith Estimate (or, outside the US, a cost estimate)
 * for a self-pay patient, numbered and recorded in the quote register. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "cli_quote.h"
#include "cli_scenario.h"
#include "stemcost/quote.h"

enum {
    O_PATIENT = CLI_OPT_COMMAND, O_DOB, O_CONTACT, O_PROVIDER, O_SERVICE, O_QUOTE_DATE,
    O_SCHEDULED, O_REQUESTED, O_VALID, O_PLAN, O_REGISTER, O_REISSUE
};

static void help(void)
{
    printf("Usage: stemcost quote --patient NAME --dob DATE --provider FILE --service-date DATE\n"
           "                      --procedure ID --condition ID --country CC [OPTIONS]\n"
           "       stemcost quote --reissue NUMBER [--register FILE] [-o FILE]\n"
           "A written, itemised estimate for a self-pay patient: in the US a Good Faith\n"
           "Estimate (45 CFR 149.610) with every required element; elsewhere the same\n"
           "document without the US legal text, in the local currency with its tax. Each\n"
           "quote is numbered and recorded in the quote register.\n\n"
           "      --patient NAME      the patient (required)\n"
           "      --dob DATE          date of birth (required)\n"
           "      --contact TEXT      address, phone or e-mail (optional)\n"
           "      --provider FILE     provider or facility: CSV (name,npi,tin,address,phone)\n"
           "                          or key=value lines; NPI and TIN are checked\n"
           "      --service-date DATE the scheduled date of the primary service (required)\n"
           "      --quote-date DATE   date of the quote (default: today)\n"
           "      --scheduled DATE    when the service was scheduled or the estimate asked for\n"
           "                          (default: the quote date): sets the deadline\n"
           "      --requested         the patient asked for an estimate (3 business days)\n"
           "      --valid-days N      validity, 1 to 365 days (default 30)\n"
           "      --plan ID           add a financing offer\n"
           "      --register FILE     the quote register (default: $STEMCOST_REGISTER, else\n"
           "                          ~/.local/share/stemcost/quotes.sqlite)\n"
           "      --reissue NUMBER    reproduce a recorded quote exactly\n"
           "      --format FMT        text (default), html or pdf; -o FILE.html or FILE.pdf\n"
           "                          chooses it too\n\n"
           "%s\n%s",
           cli_scenario_help, cli_common_help);
}

typedef struct quote_args {
    const char *patient, *dob, *contact, *provider, *service, *quote_date, *scheduled, *valid,
        *plan, *reissue, *format;
    int requested;
} quote_args;

static int date_arg(const cli_common *c, const char *opt, const char *text, sc_date *out)
{
    sc_error e;
    if (sc_date_parse(text, out, &e) != SC_OK)
        return cli_usage_error(c, "%s: %s", opt, e.msg);
    return EXIT_OK;
}

/* The scenario as canonical key=value lines (what the register keeps). */
static void scenario_text(const sc_scenario *s, char *out, size_t n)
{
    out[0] = '\0';
    const char *v[] = {s->procedure, s->condition, s->country, s->tier, s->sites, s->sessions,
                       s->home, s->travelers, s->insurance, s->deductible, s->deductible_met,
                       s->coinsurance, s->copay, s->oop_max, s->oop_met, s->contingency,
                       s->currency};
    for (size_t i = 0; sc_scenario_fields[i]; i++)
        if (v[i] && v[i][0]) {
            strncat(out, sc_scenario_fields[i], n - strlen(out) - 1);
            strncat(out, "=", n - strlen(out) - 1);
            strncat(out, v[i], n - strlen(out) - 1);
            strncat(out, "\n", n - strlen(out) - 1);
        }
}

/* Parse scenario text back (values point into `buf`, which is modified). */
static void scenario_parse(char *buf, sc_scenario *s)
{
    char *save = NULL;
    for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *eq = strchr(line, '=');
        sc_error e;
        if (eq) {
            *eq = '\0';
            sc_scenario_set(s, line, eq + 1, &e);
        }
    }
}

static void provider_text(const sc_provider *p, char *out, size_t n)
{
    snprintf(out, n, "name=%s\nnpi=%s\ntin=%s\naddress=%s\nphone=%s\n", p->name, p->npi, p->tin,
             p->address, p->phone);
}

static int load_provider(const char *path, sc_provider *out)
{
    FILE *fp = cli_open_input(path, "a provider file");
    if (fp == NULL)
        return EXIT_DATA;
    sc_diags d;
    sc_diags_init(&d);
    sc_status st = sc_provider_read(fp, path, out, &d);
    fclose(fp);
    for (size_t i = 0; i < d.count; i++)
        cli_report(&d.items[i]);
    sc_diags_free(&d);
    if (st != SC_OK) {
        sc_provider_free(out);
        return EXIT_DATA;
    }
    return EXIT_OK;
}

/* Build and write the document (shared by a new quote and a reissue). */
static int write_quote(const cli_common *c, sc_quote_format fmt, const sc_quote_input *in)
{
    sc_quote_doc doc;
    sc_error err;
    if (sc_quote_build(in, &doc, &err) != SC_OK)
        return cli_fail(c, &err);
    cli_output out;
    int rc = cli_output_open(c, &out);
    if (rc == EXIT_OK) {
        if (sc_quote_render(&doc, fmt, out.fp, &err) != SC_OK) {
            cli_output_abort(&out);
            rc = cli_fail(c, &err);
        } else {
            rc = cli_output_commit(&out);
        }
    }
    sc_quote_doc_free(&doc);
    return rc;
}

static int plan_for(const cli_common *c, const sc_pricing *p, const char *id,
                    const sc_estimate_result *e, sc_date start, sc_plan_result *out)
{
    const sc_plan *pl = sc_pricing_plan(p, id);
    sc_error err;
    if (pl == NULL) {
        cli_error("--plan", "unknown plan '%s'; run 'stemcost list plans'", id);
        return EXIT_DATA;
    }
    int64_t min_amount = pl->min_amount, min_payment = pl->min_payment;
    sc_estimate_result *m = (sc_estimate_result *)e; /* converting records the rate used */
    if (sc_estimate_convert(p, m, pl->min_amount, pl->currency, &min_amount, &err) != SC_OK ||
        sc_estimate_convert(p, m, pl->min_payment, pl->currency, &min_payment, &err) != SC_OK)
        return cli_fail(c, &err);
    if (sc_finance_plan(pl, e->treatment.typical + e->tax.typical, min_amount, min_payment, start,
                        out, &err) != SC_OK)
        return cli_fail(c, &err);
    return EXIT_OK;
}

static int reissue(const cli_common *c, const quote_args *a, sc_quote_format fmt,
                   const sc_pricing *p, sc_register *reg)
{
    sc_quote_record rec;
    sc_error err;
    if (sc_register_get(reg, a->reissue, &rec, &err) != SC_OK)
        return cli_fail(c, &err);
    char checksum[17];
    sc_pricing_checksum(p, checksum);
    int rc = EXIT_DATA;
    if (strcmp(checksum, rec.checksum) != 0) {
        cli_error(rec.code, "the pricing tables have changed since this quote was issued "
                            "(checksum %s then, %s now): it cannot be reproduced; issue a new "
                            "quote", rec.checksum, checksum);
        sc_quote_record_free(&rec);
        return EXIT_DATA;
    }
    sc_scenario s;
    sc_provider prov;
    sc_date qd, vu, sd, sch;
    char *scen = strdup(rec.scenario);
    memset(&s, 0, sizeof s);
    memset(&prov, 0, sizeof prov);
    FILE *pf = fmemopen(rec.provider, strlen(rec.provider), "rb");
    sc_diags d;
    sc_diags_init(&d);
    if (scen == NULL || pf == NULL || sc_provider_read(pf, "register", &prov, &d) != SC_OK ||
        sc_date_parse(rec.quote_date, &qd, &err) != SC_OK ||
        sc_date_parse(rec.valid_until, &vu, &err) != SC_OK ||
        sc_date_parse(rec.service_date, &sd, &err) != SC_OK ||
        sc_date_parse(rec.scheduled, &sch, &err) != SC_OK) {
        cli_error(rec.code, "the register's record is damaged");
        goto done;
    }
    scenario_parse(scen, &s);
    s.today = rec.quote_date;
    sc_estimate_result e;
    if (sc_estimate(p, &s, &e, &err) != SC_OK) {
        rc = cli_fail(c, &err);
        goto done;
    }
    sc_plan_result plan;
    int has_plan = rec.plan[0] != '\0';
    if (has_plan && (rc = plan_for(c, p, rec.plan, &e, qd, &plan)) != EXIT_OK) {
        sc_estimate_result_free(&e);
        goto done;
    }
    sc_quote_input in = {rec.code, qd, vu, sd, sch, rec.requested, rec.patient, rec.dob,
                         rec.contact, &prov, &e, has_plan ? &plan : NULL, rec.checksum};
    rc = write_quote(c, fmt, &in);
    if (has_plan)
        sc_plan_result_free(&plan);
    sc_estimate_result_free(&e);
done:
    if (pf)
        fclose(pf);
    sc_diags_free(&d);
    sc_provider_free(&prov);
    free(scen);
    sc_quote_record_free(&rec);
    return rc;
}

static int issue(const cli_common *c, const quote_args *a, sc_scenario *s, sc_quote_format fmt,
                 const sc_pricing *p, sc_register *reg)
{
    sc_date qd, dob, sd, sch;
    char today[11];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    int rc;
    if (a->patient == NULL || a->patient[0] == '\0')
        return cli_usage_error(c, "--patient: required (the patient's name)");
    if (a->dob == NULL)
        return cli_usage_error(c, "--dob: required (the patient's date of birth)");
    if (a->provider == NULL)
        return cli_usage_error(c, "--provider: required (a file with name, npi, tin, address, "
                                  "phone)");
    if (a->service == NULL)
        return cli_usage_error(c, "--service-date: required (the scheduled date)");
    const char *quote_date = a->quote_date ? a->quote_date : today;
    if ((rc = date_arg(c, "--quote-date", quote_date, &qd)) != EXIT_OK ||
        (rc = date_arg(c, "--dob", a->dob, &dob)) != EXIT_OK ||
        (rc = date_arg(c, "--service-date", a->service, &sd)) != EXIT_OK ||
        (rc = date_arg(c, "--scheduled", a->scheduled ? a->scheduled : quote_date, &sch)) !=
            EXIT_OK)
        return rc;
    if (sc_date_compare(dob, qd) > 0)
        return cli_usage_error(c, "--dob: %s is after the quote date", a->dob);
    if (sc_date_compare(sd, qd) < 0)
        return cli_usage_error(c, "--service-date: %s is before the quote date %s", a->service,
                               quote_date);
    if (sc_date_compare(sch, sd) > 0)
        return cli_usage_error(c, "--scheduled: %s is after the service date", a->scheduled);
    int valid = 30;
    if (a->valid) {
        int64_t v;
        sc_error e;
        if (sc_decimal_parse(a->valid, 0, 0, 100000, &v, &e) != SC_OK || v < 1 || v > 365)
            return cli_usage_error(c, "--valid-days: '%s' must be a whole number from 1 to 365",
                                   a->valid);
        valid = (int)v;
    }
    sc_date vu = sc_date_from_days(sc_date_days(qd) + valid);

    sc_provider prov;
    if ((rc = load_provider(a->provider, &prov)) != EXIT_OK)
        return rc;
    s->today = quote_date;
    sc_estimate_result e;
    sc_error err;
    if (sc_estimate(p, s, &e, &err) != SC_OK) {
        sc_provider_free(&prov);
        return cli_fail(c, &err);
    }
    sc_plan_result plan;
    if (a->plan && (rc = plan_for(c, p, a->plan, &e, qd, &plan)) != EXIT_OK) {
        sc_estimate_result_free(&e);
        sc_provider_free(&prov);
        return rc;
    }

    /* Record first (a unique number, committed), then write the document; if the
     * write fails the quote can be reproduced with --reissue. */
    char scen[2048], provtext[2048], checksum[17], lo[48], ty[48], hi[48], issued[32], d1[11],
        d2[11], d3[11];
    scenario_text(s, scen, sizeof scen);
    provider_text(&prov, provtext, sizeof provtext);
    sc_pricing_checksum(p, checksum);
    strftime(issued, sizeof issued, "%Y-%m-%dT%H:%M:%SZ", &tm);
    sc_quote_record rec;
    memset(&rec, 0, sizeof rec); /* fields point at the buffers above, not owned */
    rec.issued_at = issued;
    rec.quote_date = (char *)quote_date;
    rec.valid_until = sc_date_format(vu, d1);
    rec.service_date = sc_date_format(sd, d2);
    rec.scheduled = sc_date_format(sch, d3);
    rec.patient = (char *)a->patient;
    rec.dob = (char *)a->dob;
    rec.contact = (char *)(a->contact ? a->contact : "");
    rec.provider = provtext;
    rec.scenario = scen;
    rec.plan = (char *)(a->plan ? a->plan : "");
    rec.currency = (char *)e.currency->code;
    rec.total_low = sc_money_format_plain(e.treatment.low + e.tax.low, e.currency, lo, sizeof lo);
    rec.total_typical = sc_money_format_plain(e.treatment.typical + e.tax.typical, e.currency, ty,
                                              sizeof ty);
    rec.total_high = sc_money_format_plain(e.treatment.high + e.tax.high, e.currency, hi,
                                           sizeof hi);
    rec.checksum = checksum;
    rec.requested = a->requested;
    if (sc_register_issue(reg, &rec, &err) != SC_OK) {
        rc = cli_fail(c, &err);
    } else {
        sc_quote_input in = {rec.code, qd, vu, sd, sch, a->requested, a->patient, a->dob,
                             a->contact, &prov, &e, a->plan ? &plan : NULL, checksum};
        rc = write_quote(c, fmt, &in);
        fprintf(stderr, "stemcost: quote %s recorded in the register\n", rec.code);
        free(rec.code);
    }
    if (a->plan)
        sc_plan_result_free(&plan);
    sc_estimate_result_free(&e);
    sc_provider_free(&prov);
    return rc;
}

int cmd_quote(int argc, char **argv)
{
    struct option opts[CLI_NSCENARIO + 32] = {CLI_COMMON_OPTIONS};
    size_t n = 6;
    n += cli_scenario_options(opts + n);
    const struct option own[] = {
        {"patient", required_argument, NULL, O_PATIENT},
        {"dob", required_argument, NULL, O_DOB},
        {"contact", required_argument, NULL, O_CONTACT},
        {"provider", required_argument, NULL, O_PROVIDER},
        {"service-date", required_argument, NULL, O_SERVICE},
        {"quote-date", required_argument, NULL, O_QUOTE_DATE},
        {"scheduled", required_argument, NULL, O_SCHEDULED},
        {"requested", no_argument, NULL, O_REQUESTED},
        {"valid-days", required_argument, NULL, O_VALID},
        {"plan", required_argument, NULL, O_PLAN},
        {"register", required_argument, NULL, O_REGISTER},
        {"reissue", required_argument, NULL, O_REISSUE}};
    for (size_t i = 0; i < sizeof own / sizeof *own; i++)
        opts[n++] = own[i];
    opts[n] = (struct option){0, 0, 0, 0};

    cli_common c;
    quote_args a;
    sc_scenario s;
    char today[11];
    const char *register_path = NULL;
    int opt, rc;
    memset(&a, 0, sizeof a);
    cli_common_init(&c, "quote");
    cli_scenario_init(&s, today);
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS, opts, NULL)) != -1) {
        if (cli_scenario_option(&s, opt, optarg))
            continue;
        switch (opt) {
        case O_PATIENT: a.patient = optarg; continue;
        case O_DOB: a.dob = optarg; continue;
        case O_CONTACT: a.contact = optarg; continue;
        case O_PROVIDER: a.provider = optarg; continue;
        case O_SERVICE: a.service = optarg; continue;
        case O_QUOTE_DATE: a.quote_date = optarg; continue;
        case O_SCHEDULED: a.scheduled = optarg; continue;
        case O_REQUESTED: a.requested = 1; continue;
        case O_VALID: a.valid = optarg; continue;
        case O_PLAN: a.plan = optarg; continue;
        case O_REGISTER: register_path = optarg; continue;
        case O_REISSUE: a.reissue = optarg; continue;
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
    if ((rc = cli_quote_format(&c, a.format, &fmt)) != EXIT_OK)
        return rc;
    s.currency = c.currency;

    sc_pricing *p = NULL;
    if ((rc = cli_load_pricing(&c, &p)) != EXIT_OK)
        return rc;
    sc_register *reg = NULL;
    if ((rc = cli_open_register(register_path, &reg)) != EXIT_OK) {
        sc_pricing_free(p);
        return rc;
    }
    rc = a.reissue ? reissue(&c, &a, fmt, p, reg) : issue(&c, &a, &s, fmt, p, reg);
    sc_register_close(reg);
    sc_pricing_free(p);
    if (fmt == SC_QUOTE_PDF)
        sc_quote_release_fonts(); /* the program ends next: leave nothing to leak checkers */
    return rc;
}
