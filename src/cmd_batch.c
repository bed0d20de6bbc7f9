/* stemcost batch FILE|-: a CSV of scenarios in, a CSV report out, streaming. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_scenario.h"
#include "stemcost/batch.h"
#include "stemcost/simulate.h"

enum { O_QUIET = OPT_COMMAND_BASE, O_FAIL_FAST, O_PERCENTILES, O_TODAY };

static void help(void)
{
    printf("Usage: stemcost batch FILE|- [OPTIONS]\n"
           "Estimate every scenario of a CSV file (or standard input, '-') and stream a CSV\n"
           "report: the input columns as given, then treatment_low, treatment_typical,\n"
           "treatment_high, tax_typical, travel_typical, insurance_pays_typical,\n"
           "out_of_pocket_low, out_of_pocket_typical, out_of_pocket_high, currency, warnings,\n"
           "error (and p10, p50, p90 with --percentiles).\n\n"
           "Input columns are named after the estimate options: procedure, condition,\n"
           "country (required), tier, sites, sessions, home, travelers, insurance,\n"
           "deductible, deductible_met, coinsurance, copay, oop_max, oop_met, contingency,\n"
           "currency (optional; absent or blank means the default). Other columns are\n"
           "carried through.\n\n"
           "      --fail-fast         stop at the first bad row (default: report it in the\n"
           "                          error column and go on)\n"
           "      --quiet             no progress bar (it shows only on a terminal anyway)\n"
           "      --percentiles       add simulated p10 / p50 / p90 per row\n"
           "      --draws N, --seed S for --percentiles (defaults %ld and %lu)\n"
           "      --today DATE        judge data staleness against DATE (default: today)\n\n"
           "Exit status 1 if any row failed; a summary line (rows, failed) goes to standard\n"
           "error.\n\n%s",
           SC_SIM_DEFAULT_DRAWS, SC_SIM_DEFAULT_SEED, cli_common_help);
}

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

/* Refuse to write over the input: the same file reached by another name too. */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

int cmd_batch(int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        {"quiet", no_argument, NULL, O_QUIET},
        {"fail-fast", no_argument, NULL, O_FAIL_FAST},
        {"percentiles", no_argument, NULL, O_PERCENTILES},
        CLI_SIM_OPTIONS,
        {"today", required_argument, NULL, O_TODAY},
        {0, 0, 0, 0}};
    cli_common c;
    sc_batch_options o;
    char today[11];
    sc_scenario dated;
    int opt, rc, quiet = 0;
    memset(&o, 0, sizeof o);
    o.draws = SC_SIM_DEFAULT_DRAWS;
    o.seed = SC_SIM_DEFAULT_SEED;
    cli_scenario_init(&dated, today);
    o.today = today;
    cli_common_init(&c, "batch");
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS, opts, NULL)) != -1) {
        int sim = cli_sim_option(&c, opt, optarg, &o.draws, &o.seed);
        if (sim < 0)
            return EXIT_USAGE;
        if (sim > 0)
            continue;
        switch (opt) {
        case O_QUIET: quiet = 1; continue;
        case O_FAIL_FAST: o.fail_fast = 1; continue;
        case O_PERCENTILES: o.percentiles = 1; continue;
        case O_TODAY: o.today = optarg; continue;
        default: break;
        }
        if ((rc = cli_other_option(&c, opt, optarg, argc, argv)) >= 0)
            return rc;
    }
    if (c.help) {
        help();
        return EXIT_OK;
    }
    if (optind >= argc)
        return cli_usage_error(&c, "batch: which scenario file? (a path, or - for standard input)");
    if (optind + 1 < argc)
        return cli_usage_error(&c, "batch: one scenario file at a time ('%s' is extra)",
                               argv[optind + 1]);
    if (c.format != SC_FORMAT_TABLE && c.format != SC_FORMAT_CSV)
        return cli_usage_error(&c, "batch: the report is CSV (--format csv)");
    if (c.currency != NULL)
        return cli_usage_error(&c, "batch: give each row's currency in a 'currency' column");
    const char *path = argv[optind];
    int from_stdin = strcmp(path, "-") == 0;
    if (!from_stdin && c.output && strcmp(c.output, "-") != 0 && same_file(path, c.output)) {
        cli_error(c.output, "is the input file; write the report elsewhere");
        return EXIT_DATA;
    }

    sc_pricing *p = NULL;
    if ((rc = cli_load_pricing(&c, &p)) != EXIT_OK)
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
    if (!quiet && isatty(STDERR_FILENO)) {
        o.progress = show_progress;
        o.progress_ctx = &pr;
    }
    cli_output out;
    if ((rc = cli_output_open(&c, &out)) != EXIT_OK) {
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
