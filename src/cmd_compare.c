/* stemcost compare: every country and tier (and every clinic quote) side by side. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "cli_chart.h"
#include "cli_command.h"
#include "stemcost/compare.h"
#include "stemcost/report.h"

#define MAX_LIST 64

static const cli_option options[] = {
    {"countries", CLI_ID_LIST, "CC,...", "only these countries (default: all in the tables)"},
    {"tiers", CLI_ID_LIST, "ID,...", "only these tiers (default: all)"},
    {"clinics", CLI_FILE, "FILE",
     "quotes received (CSV: clinic, country, tier, procedure, currency,\n"
     "amount, includes, quote_date, valid_until; optional sites, sessions,\n"
     "city, accreditation, notes; see stemcost(1))"},
    {"delimiter", CLI_WORD, "CHAR", "the clinics file's field separator: ',' (default), ';' or tab"},
    {"plan", CLI_ID, "ID", "add what each option costs under a financing plan"},
    {"percentiles", CLI_FLAG, NULL, "add simulated p10 / p50 / p90 per row"},
    {"chart", CLI_FILE, "FILE", CLI_CHART_HELP},
    {NULL, 0, NULL, NULL}};

/* Split "US,IN,JP" in place into `out`; returns the count, or -1 on an empty
 * entry or too many. */
static int split(char *s, const char **out)
{
    int n = 0;
    char *save = NULL;
    if (s[0] == ',' || s[strlen(s) - 1] == ',' || strstr(s, ",,"))
        return -1;
    for (char *tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (n == MAX_LIST)
            return -1;
        out[n++] = tok;
    }
    return n;
}

static int load_clinics(const char *path, int delimiter, const sc_pricing *p, sc_clinics *out)
{
    FILE *fp = cli_open_input(path, "a clinics CSV file");
    if (fp == NULL)
        return EXIT_DATA;
    sc_diags d;
    sc_diags_init(&d);
    sc_status st = sc_clinics_read_delim(fp, path, delimiter, p, out, &d);
    fclose(fp);
    for (size_t i = 0; i < d.count; i++)
        cli_report(&d.items[i]);
    sc_diags_free(&d);
    if (st != SC_OK) {
        sc_clinics_free(out);
        return EXIT_DATA;
    }
    return EXIT_OK;
}

typedef struct view {
    const sc_compare_result *r;
    sc_format format;
} view;

static void write_view(FILE *fp, void *arg)
{
    const view *v = arg;
    sc_report_compare(fp, v->r, v->format);
}

static sc_status draw_chart(FILE *fp, const void *arg, sc_chart_format fmt, sc_error *err)
{
    return sc_chart_compare(fp, arg, fmt, NULL, err);
}

static int run(cli_ctx *ctx)
{
    cli_common *c = &ctx->common;
    sc_compare_request req;
    const char *countries[MAX_LIST], *tiers[MAX_LIST];
    char list_copy[2][1024];
    memset(&req, 0, sizeof req);
    req.base = ctx->scenario;
    req.draws = ctx->draws;
    req.seed = ctx->seed;
    req.plan = cli_value(ctx, "plan");
    req.percentiles = cli_flag(ctx, "percentiles");
    if (req.base.country != NULL)
        return cli_usage_error(c, "--country: compare covers every country; narrow it with "
                                  "--countries CC,...");
    if (req.base.tier != NULL)
        return cli_usage_error(c, "--tier: narrow the comparison with --tiers ID,...");
    const char *lists[2] = {cli_value(ctx, "countries"), cli_value(ctx, "tiers")};
    for (int k = 0; k < 2; k++) {
        if (lists[k] == NULL)
            continue;
        snprintf(list_copy[k], sizeof list_copy[k], "%s", lists[k]);
        int n = split(list_copy[k], k == 0 ? countries : tiers);
        if (n <= 0 || strlen(lists[k]) >= sizeof list_copy[k])
            return cli_usage_error(c, "--%s: give a comma-separated list (at most %d, no empty "
                                      "entries)",
                                   k == 0 ? "countries" : "tiers", MAX_LIST);
        if (k == 0) {
            req.countries = countries;
            req.ncountries = (size_t)n;
        } else {
            req.tiers = tiers;
            req.ntiers = (size_t)n;
        }
    }
    int delimiter = ',';
    if (cli_delimiter(c, cli_value(ctx, "delimiter"), &delimiter) != EXIT_OK)
        return EXIT_USAGE;
    if (cli_value(ctx, "delimiter") != NULL && cli_value(ctx, "clinics") == NULL)
        return cli_usage_error(c, "--delimiter: applies to the --clinics file; give one");

    cli_chart chart;
    int rc;
    if ((rc = cli_chart_begin(c, cli_value(ctx, "chart"), &chart)) != EXIT_OK)
        return rc;

    sc_pricing *p = NULL;
    sc_clinics clinics;
    memset(&clinics, 0, sizeof clinics);
    if ((rc = cli_load_pricing(c, &p)) != EXIT_OK)
        return rc;
    if (cli_value(ctx, "clinics") != NULL) {
        if ((rc = load_clinics(cli_value(ctx, "clinics"), delimiter, p, &clinics)) != EXIT_OK) {
            sc_pricing_free(p);
            return rc;
        }
        req.clinics = &clinics;
    }
    sc_compare_result r;
    sc_error err;
    if (sc_compare(p, &req, &r, &err) != SC_OK) {
        rc = cli_fail(c, &err);
    } else {
        view v = {&r, c->format};
        rc = cli_chart_ready(&chart);
        if (rc == EXIT_OK)
            rc = cli_write(c, write_view, &v);
        if (rc == EXIT_OK)
            rc = cli_chart_write(&chart, draw_chart, &r);
        sc_compare_result_free(&r);
    }
    sc_clinics_free(&clinics);
    sc_pricing_free(p);
    return rc;
}

const cli_command cli_cmd_compare = {
    "compare", "every country and tier side by side, ranked; clinic quotes compared",
    "--procedure ID --condition ID --home CC [OPTIONS]",
    "Every country and provider tier side by side in the home currency, travel\n"
    "included, ranked by typical out of pocket within what the patient may lawfully\n"
    "get; savings (or extra cost) against the best home option; clinic quotes made\n"
    "comparable, or listed apart with the reason they cannot be.",
    CLI_SET_SCENARIO | CLI_SET_SIM, options, 0, 0, NULL, run};
