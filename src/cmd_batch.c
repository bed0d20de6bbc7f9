/* stemcost batch FILE|-: a CSV of scenarios in, a CSV report out, streaming. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli_command.h"
#include "stemcost/dates.h"
#include "stemcost/batch.h"
#include "stemcost/simulate.h"

static const cli_option options[] = {
    {"fail-fast", CLI_FLAG, NULL,
     "stop at the first bad row (default: report it in the error\ncolumn and go on)"},
    {"quiet", CLI_FLAG, NULL, "no progress bar (it shows only on a terminal anyway)"},
    {"percentiles", CLI_FLAG, NULL, "add simulated p10 / p50 / p90 per row"},
    {"delimiter", CLI_WORD, "CHAR",
     "the field separator of the file and the report: ',' (default),\n';' or tab"},
    {NULL, 0, NULL, NULL}};

typedef struct progress {
    FILE *in;
    long long size;  /* bytes, or 0 when unknown (a pipe) */
    double start;
} progress;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void show_progress(void *vp, long rows)
{
    progress *pr = vp;
    double t = now() - pr->start;
    double rate = t > 0 ? rows / t : 0;
    fprintf(stderr, "\r%ld rows  %.0f rows/s", rows, rate);
    if (pr->size > 0) {
        long pos = ftell(pr->in);
        if (pos > 0) {
            double done = (double)pos / (double)pr->size;
            double left = done > 0 ? t * (1 - done) / done : 0;
            fprintf(stderr, "  %3.0f%%  %.0f s left", done * 100, left);
        }
    }
    fprintf(stderr, "   ");
    fflush(stderr);
}

static int run(cli_ctx *ctx)
{
    cli_common *cc = &ctx->common;
    sc_batch_options o;
    int rc;
    memset(&o, 0, sizeof o);
    o.draws = ctx->draws;
    o.seed = ctx->seed;
    o.today = ctx->scenario.today;
    o.fail_fast = cli_flag(ctx, "fail-fast");
    o.output_name = cc->output && strcmp(cc->output, "-") != 0 ? cc->output : "standard output";
    o.percentiles = cli_flag(ctx, "percentiles");
    int delimiter = ',';
    if (cli_delimiter(cc, cli_value(ctx, "delimiter"), &delimiter) != EXIT_OK)
        return EXIT_USAGE;
    o.delimiter = (char)delimiter;
    if (cc->format == SC_FORMAT_JSON)
        return cli_usage_error(cc, "--format: the batch report is CSV (--format csv)");
    if (cc->currency != NULL)
        return cli_usage_error(cc, "--currency: give each row's currency in a 'currency' column");
    const char *path = ctx->args[0];
    int from_stdin = strcmp(path, "-") == 0;
    if (!from_stdin && cc->output && strcmp(cc->output, "-") != 0 && cli_same_file(path, cc->output)) {
        cli_error(cc->output, "is the input file; write the report elsewhere");
        return EXIT_DATA;
    }

    sc_pricing *p = NULL;
    if ((rc = cli_load_pricing(cc, &p)) != EXIT_OK)
        return rc;
    FILE *in = from_stdin ? stdin : cli_open_input(path, "a scenario CSV file");
    if (in == NULL) {
        sc_pricing_free(p);
        return EXIT_DATA;
    }
    struct stat sb;
    progress pr = {in, 0, now()};
    if (fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode))
        pr.size = sb.st_size;
    if (!cli_flag(ctx, "quiet") && isatty(STDERR_FILENO)) {
        o.progress = show_progress;
        o.progress_ctx = &pr;
    }
    cli_output out;
    if ((rc = cli_output_open(cc, &out)) != EXIT_OK) {
        if (!from_stdin)
            fclose(in);
        sc_pricing_free(p);
        return rc;
    }
    sc_batch_stats stats;
    sc_error err;
    sc_error_clear(&err);
    sc_status st = sc_batch_run(p, in, from_stdin ? "standard input" : path, out.fp, &o, &stats,
                                &err);
    if (o.progress)
        fputc('\n', stderr);
    if (!from_stdin)
        fclose(in);
    if (st != SC_OK) {
        cli_output_abort(&out);
        cli_report(&err);
        rc = EXIT_DATA;
    } else {
        rc = cli_output_commit(&out);
    }
    fprintf(stderr, "stemcost: batch: %ld rows, %ld failed\n", stats.rows, stats.failed);
    sc_pricing_free(p);
    if (rc == EXIT_OK && stats.failed > 0)
        rc = EXIT_DATA;
    return rc;
}

const cli_command cli_cmd_batch = {
    "batch", "a CSV of scenarios in, a CSV report out (streaming)", "FILE|- [OPTIONS]",
    "Estimate every scenario of a CSV file (or standard input, '-') and stream a CSV\n"
    "report: the input columns exactly as given, then treatment_low, treatment_typical,\n"
    "treatment_high, tax_typical, travel_typical, insurance_pays_typical,\n"
    "contingency_typical, out_of_pocket_low, out_of_pocket_typical, out_of_pocket_high,\n"
    "result_currency (the amounts' currency), interpolated_pct, complication_pct,\n"
    "complication_expected, warnings,\n"
    "error (and p10, p50, p90 with --percentiles).\n\n"
    "Input columns are named after the estimate options: procedure, condition,\n"
    "country (required), tier, sites, sessions, home, travelers, insurance,\n"
    "deductible, deductible_met, coinsurance, copay, oop_max, oop_met, contingency,\n"
    "currency (optional; absent or blank means the default). Other columns are\n"
    "carried through byte for byte.",
    CLI_SET_TODAY | CLI_SET_SIM, options, 1, 1,
    "Exit status 1 if any row failed; a summary line (rows, failed) goes to standard\n"
    "error.",
    run};
