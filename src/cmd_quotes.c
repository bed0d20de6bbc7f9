/* stemcost quotes list|show NUMBER|export: the quote register. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_quote.h"
#include "stemcost/output.h"

enum { O_REGISTER = OPT_COMMAND_BASE };

static void help(void)
{
    printf("Usage: stemcost quotes list [OPTIONS]\n"
           "       stemcost quotes show NUMBER [OPTIONS]\n"
           "       stemcost quotes export [--format csv|json] [-o FILE] [OPTIONS]\n"
           "The quote register: every quote issued, with its patient, provider, scenario,\n"
           "totals and the checksum of the pricing tables used.\n\n"
           "      --register FILE     the register (default: $STEMCOST_REGISTER, else\n"
           "                          ~/.local/share/stemcost/quotes.sqlite)\n\n%s",
           cli_common_help);
}

static const char *const names[] = {
    "number", "code", "issued_at", "quote_date", "valid_until", "service_date", "scheduled",
    "requested", "patient", "dob", "contact", "provider", "scenario", "plan", "currency",
    "total_low", "total_typical", "total_high", "checksum"};
#define NNAMES (sizeof names / sizeof *names)

static void values(const sc_quote_record *r, const char *v[NNAMES], char num[32])
{
    snprintf(num, 32, "%ld", r->number);
    const char *x[NNAMES] = {num, r->code, r->issued_at, r->quote_date, r->valid_until,
                             r->service_date, r->scheduled, r->requested ? "yes" : "no",
                             r->patient, r->dob, r->contact, r->provider, r->scenario, r->plan,
                             r->currency, r->total_low, r->total_typical, r->total_high,
                             r->checksum};
    memcpy(v, x, sizeof x);
}

typedef struct sink {
    FILE *fp;
    sc_format fmt;
    int full;       /* every column (export) or the summary (list) */
    sc_json json;
    sc_grid grid;
    size_t n;
} sink;

static void emit(const sc_quote_record *r, void *vs)
{
    sink *s = vs;
    const char *v[NNAMES];
    char num[32];
    values(r, v, num);
    s->n++;
    if (s->fmt == SC_FORMAT_JSON) {
        sc_json_begin_object(&s->json);
        for (size_t i = 0; i < NNAMES; i++) {
            sc_json_key(&s->json, names[i]);
            if (i == 0)
                sc_json_int(&s->json, r->number);
            else
                sc_json_string(&s->json, v[i]);
        }
        sc_json_end_object(&s->json);
    } else if (s->fmt == SC_FORMAT_CSV) {
        sc_csv_row(s->fp, v, NNAMES);
    } else {
        const char *row[] = {v[1], v[3], v[8], v[5], v[16], v[14]};
        sc_grid_add(&s->grid, row);
    }
}

int cmd_quotes(int argc, char **argv)
{
    static const struct option opts[] = {CLI_COMMON_OPTIONS,
                                         {"register", required_argument, NULL, O_REGISTER},
                                         {0, 0, 0, 0}};
    cli_common c;
    const char *path = NULL;
    int opt, rc;
    cli_common_init(&c, "quotes");
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS, opts, NULL)) != -1) {
        if (opt == O_REGISTER) {
            path = optarg;
            continue;
        }
        if ((rc = cli_other_option(&c, opt, optarg, argc, argv)) >= 0)
            return rc;
    }
    if (c.help) {
        help();
        return EXIT_OK;
    }
    if (optind >= argc)
        return cli_usage_error(&c, "quotes: list, show NUMBER or export?");
    const char *action = argv[optind];
    int show = strcmp(action, "show") == 0, export = strcmp(action, "export") == 0;
    if (!show && !export && strcmp(action, "list") != 0)
        return cli_usage_error(&c, "quotes: unknown action '%s' (list, show, export)", action);
    if (show && optind + 2 != argc)
        return cli_usage_error(&c, "quotes show: which quote number?");
    if (!show && optind + 1 != argc)
        return cli_usage_error(&c, "quotes %s: unexpected argument '%s'", action,
                               argv[optind + 1]);
    sc_register *reg;
    if ((rc = cli_open_register(path, &reg)) != EXIT_OK)
        return rc;
    sc_error err;
    cli_output out;
    if ((rc = cli_output_open(&c, &out)) != EXIT_OK) {
        sc_register_close(reg);
        return rc;
    }
    if (show) {
        sc_quote_record r;
        if (sc_register_get(reg, argv[optind + 1], &r, &err) != SC_OK) {
            cli_output_abort(&out);
            sc_register_close(reg);
            return cli_fail(&c, &err);
        }
        const char *v[NNAMES];
        char num[32];
        values(&r, v, num);
        if (c.format == SC_FORMAT_JSON) {
            sink s = {out.fp, c.format, 1, {0}, {0}, 0};
            sc_json_init(&s.json, out.fp);
            emit(&r, &s);
            sc_json_finish(&s.json);
        } else if (c.format == SC_FORMAT_CSV) {
            sc_csv_row(out.fp, names, NNAMES);
            sc_csv_row(out.fp, v, NNAMES);
        } else {
            for (size_t i = 0; i < NNAMES; i++)
                fprintf(out.fp, "%-14s %s\n", names[i], v[i]);
        }
        sc_quote_record_free(&r);
        rc = cli_output_commit(&out);
        sc_register_close(reg);
        return rc;
    }
    sc_format fmt = c.format;
    if (export && fmt == SC_FORMAT_TABLE)
        fmt = SC_FORMAT_CSV; /* export is for other tools */
    sink s = {out.fp, fmt, export, {0}, {0}, 0};
    if (fmt == SC_FORMAT_JSON) {
        sc_json_init(&s.json, out.fp);
        sc_json_begin_array(&s.json);
    } else if (fmt == SC_FORMAT_CSV) {
        sc_csv_row(out.fp, names, NNAMES);
    } else {
        sc_grid_init(&s.grid, 6);
        const char *head[] = {"Quote", "Date", "Patient", "Service", "Total", "Currency"};
        sc_grid_add(&s.grid, head);
        sc_grid_align_right(&s.grid, 4);
    }
    sc_status st = sc_register_each(reg, emit, &s, &err);
    if (fmt == SC_FORMAT_JSON) {
        sc_json_end_array(&s.json);
        sc_json_finish(&s.json);
    } else if (fmt == SC_FORMAT_TABLE) {
        sc_grid_print(&s.grid, out.fp, "");
        fprintf(out.fp, "\n%zu quote%s\n", s.n, s.n == 1 ? "" : "s");
        sc_grid_free(&s.grid);
    }
    if (st != SC_OK) {
        cli_output_abort(&out);
        rc = cli_fail(&c, &err);
    } else {
        rc = cli_output_commit(&out);
    }
    sc_register_close(reg);
    return rc;
}
