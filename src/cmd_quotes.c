/* stemcost quotes list|show|export|deliver|void|supersede: the quote register. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "cli_command.h"
#include "cli_quote.h"
#include "stemcost/output.h"

static const cli_option options[] = {
    {"from", CLI_DATE, "DATE", "issued on or after DATE (list, export)"},
    {"to", CLI_DATE, "DATE", "issued on or before DATE (list, export)"},
    {"patient", CLI_TEXT, "TEXT",
     "patient's name contains TEXT (any case of A-Z only:\nmüller does not find MÜLLER)"},
    {"provider", CLI_TEXT, "TEXT",
     "provider's name contains TEXT (any case of A-Z only),\nor its NPI is TEXT"},
    {"state", CLI_WORD, "STATE", "issued, delivered, superseded or void"},
    {"expired", CLI_FLAG, NULL, "only quotes past their validity"},
    {"lines", CLI_FLAG, NULL, "export: one row per line item instead of per quote"},
    {"method", CLI_TEXT, "HOW",
     "deliver: how it reached the patient (in person, e-mail,\n"
     "post, portal): the proof the deadline was met"},
    {"on", CLI_DATE, "DATE", "deliver: when (default today)"},
    {"reason", CLI_TEXT, "TEXT", "void: why"},
    {"by", CLI_TEXT, "NUMBER", "supersede: the quote that replaces it"},
    {"register", CLI_FILE, "FILE",
     "the register, which must exist\n(default: $STEMCOST_REGISTER, else\n"
     SC_SHARED_REGISTER " if it exists,\nelse ~/.local/share/stemcost/quotes.sqlite)"},
    {"wait", CLI_COUNT, "SECONDS",
     "how long to wait for a busy register (default 15, or\n$STEMCOST_REGISTER_WAIT); then exit 75"},
    {NULL, 0, NULL, NULL}};

typedef struct listing {
    sc_grid grid;
    size_t n, expired;
} listing;

static int list_row(const sc_quote_record *r, void *ctx)
{
    listing *l = ctx;
    char total[64], state[40];
    if (r->cur)
        sc_money_format_display(r->total, r->cur, total, sizeof total);
    else
        snprintf(total, sizeof total, "?");
    snprintf(state, sizeof state, "%s%s", sc_quote_state_name(r->state),
             r->expired ? ", EXPIRED" : "");
    const char *row[] = {r->code, r->issue_date, r->patient, r->provider,
                         r->service_date[0] ? r->service_date : "-", r->valid_until, total,
                         state};
    sc_grid_add(&l->grid, row);
    l->n++;
    l->expired += (size_t)r->expired;
    return 0;
}

static int show_record(FILE *fp, const sc_quote_record *r)
{
    char total[64] = "?", lo[64] = "?", hi[64] = "?";
    if (r->cur) {
        sc_money_format_display(r->total, r->cur, total, sizeof total);
        sc_money_format_display(r->total_low, r->cur, lo, sizeof lo);
        sc_money_format_display(r->total_high, r->cur, hi, sizeof hi);
    }
    const char *rows[][2] = {
        {"code", r->code}, {"state", sc_quote_state_name(r->state)},
        {"expired", r->expired ? "yes" : "no"}, {"issue_date", r->issue_date},
        {"document_date", r->document_date}, {"date_reason", r->date_reason},
        {"valid_until", r->valid_until}, {"service_date", r->service_date},
        {"scheduled", r->scheduled}, {"requested", r->requested ? "yes" : "no"},
        {"patient", r->patient}, {"dob", r->dob}, {"contact", r->contact},
        {"provider", r->provider}, {"provider_npi", r->provider_npi},
        {"provider_tin", r->provider_tin}, {"registration", r->provider_registration},
        {"country", r->country}, {"procedure", r->procedure}, {"condition", r->condition},
        {"diagnosis", r->diagnosis}, {"service_codes", r->service_codes},
        {"total", total}, {"range", ""}, {"fx", r->fx}, {"plan", r->plan},
        {"delivered_on", r->delivered_on}, {"delivery_method", r->delivery_method},
        {"voided_on", r->voided_on}, {"void_reason", r->void_reason},
        {"superseded_by", r->superseded_by}, {"supersedes", r->supersedes},
        {"checksum", r->checksum}, {"issued_at", r->issued_at}};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        if (strcmp(rows[i][0], "range") == 0)
            fprintf(fp, "%-15s %s - %s\n", "range", lo, hi);
        else
            fprintf(fp, "%-15s %s\n", rows[i][0], rows[i][1]);
    }
    return 0;
}

static const char *const actions[] = {"list", "show", "export", "deliver", "void", "supersede"};

static int run(cli_ctx *ctx)
{
    cli_common c = ctx->common;
    sc_quote_filter f;
    int rc;
    memset(&f, 0, sizeof f);
    f.from = cli_value(ctx, "from");
    f.to = cli_value(ctx, "to");
    f.patient = cli_value(ctx, "patient");
    f.provider = cli_value(ctx, "provider");
    f.state = cli_value(ctx, "state");
    f.expired_only = cli_flag(ctx, "expired");
    int lines = cli_flag(ctx, "lines");
    const char *path = cli_value(ctx, "register"), *wait = cli_value(ctx, "wait"),
               *method = cli_value(ctx, "method"), *on = cli_value(ctx, "on"),
               *reason = cli_value(ctx, "reason"), *by = cli_value(ctx, "by");
    int argc = ctx->nargs, optind = 0;
    char **argv = ctx->args;
    if (optind >= argc)
        return cli_usage_error(&c, "quotes: list, show, export, deliver, void or supersede?");
    const char *action = argv[optind];
    size_t act = 0;
    while (act < sizeof actions / sizeof *actions && strcmp(action, actions[act]) != 0)
        act++;
    if (act == sizeof actions / sizeof *actions)
        return cli_usage_error(&c, "quotes: unknown action '%s' (list, show, export, deliver, "
                                   "void, supersede)", action);
    int takes_number = act == 1 || act >= 3;
    if (takes_number && optind + 2 != argc)
        return cli_usage_error(&c, "quotes %s: which quote number?", action);
    if (!takes_number && optind + 1 != argc)
        return cli_usage_error(&c, "quotes %s: unexpected argument '%s'", action,
                               argv[optind + 1]);
    const char *number = takes_number ? argv[optind + 1] : NULL;
    if (lines && act != 2)
        return cli_usage_error(&c, "--lines: only with 'quotes export'");
    if ((method || on) && act != 3)
        return cli_usage_error(&c, "--method, --on: only with 'quotes deliver'");
    if (reason && act != 4)
        return cli_usage_error(&c, "--reason: only with 'quotes void'");
    if (by && act != 5)
        return cli_usage_error(&c, "--by: only with 'quotes supersede'");
    if ((f.from || f.to || f.patient || f.provider || f.state || f.expired_only) && act != 0 &&
        act != 2)
        return cli_usage_error(&c, "quotes %s: the filters are for list and export", action);
    sc_error err;
    /* Every filter checked before the register is opened or any output
     * starts: a bad one is a usage error with nothing written. */
    if (sc_quote_filter_check(&f, &err) != SC_OK)
        return cli_fail(&c, &err);
    long wait_ms;
    sc_register *reg;
    if ((rc = cli_register_wait(&c, wait, &wait_ms)) != EXIT_OK ||
        (rc = cli_open_register(path, wait_ms, 0, &reg)) != EXIT_OK)
        return rc;
    sc_status st = SC_OK;
    if (act >= 3) { /* changes of state */
        st = act == 3   ? sc_register_deliver(reg, number, method, on, &err)
             : act == 4 ? sc_register_void(reg, number, reason, &err)
                        : sc_register_supersede(reg, number, by, &err);
        rc = st == SC_OK ? EXIT_OK : cli_fail(&c, &err);
        if (rc == EXIT_OK)
            cli_error(number, "%s", act == 3 ? "delivered" : act == 4 ? "void" : "superseded");
        sc_register_close(reg);
        return rc;
    }
    cli_output out;
    if ((rc = cli_output_open(&c, &out)) != EXIT_OK) {
        sc_register_close(reg);
        return rc;
    }
    if (act == 1) { /* show */
        f.code = number;
        sc_quote_record r;
        if ((st = sc_register_get(reg, number, &r, &err)) == SC_OK) {
            if (c.format == SC_FORMAT_TABLE)
                show_record(out.fp, &r);
            else
                st = sc_register_export(reg, &f, SC_EXPORT_QUOTES, c.format == SC_FORMAT_JSON,
                                        out.fp, &err);
            sc_quote_record_free(&r);
        }
    } else if (act == 2 || c.format != SC_FORMAT_TABLE) { /* export, or list for programs */
        st = sc_register_export(reg, &f, lines ? SC_EXPORT_LINES : SC_EXPORT_QUOTES,
                                c.format == SC_FORMAT_JSON, out.fp, &err);
    } else {
        listing l;
        memset(&l, 0, sizeof l);
        sc_grid_init(&l.grid, 8);
        const char *head[] = {"Quote", "Issued", "Patient", "Provider", "Service",
                              "Valid until", "Total", "State"};
        sc_grid_add(&l.grid, head);
        sc_grid_align_right(&l.grid, 6);
        if ((st = sc_register_each(reg, &f, list_row, &l, &err)) == SC_OK) {
            sc_grid_print(&l.grid, out.fp, "");
            fprintf(out.fp, "\n%zu quote%s", l.n, l.n == 1 ? "" : "s");
            if (l.expired)
                fprintf(out.fp, ", %zu expired", l.expired);
            fputc('\n', out.fp);
        }
        sc_grid_free(&l.grid);
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

const cli_command cli_cmd_quotes = {
    "quotes", "the quote register: list, show, export, deliver, void, supersede",
    "list [FILTERS] [OPTIONS]\n"
    "       stemcost quotes show NUMBER [OPTIONS]\n"
    "       stemcost quotes export [--lines] [FILTERS] [--format csv|json] [-o FILE]\n"
    "       stemcost quotes deliver NUMBER --method HOW [--on DATE]\n"
    "       stemcost quotes void NUMBER --reason TEXT\n"
    "       stemcost quotes supersede NUMBER --by NUMBER",
    "The quote register: every quote issued, its state (issued, delivered, superseded,\n"
    "void; an issued or delivered quote past its validity is flagged expired), its\n"
    "patient, provider, codes and totals.  The first 'stemcost quote' makes the\n"
    "register; these commands never do: with none at the path they say so and exit 1.",
    CLI_SET_NO_TABLES, options, 0, 2, NULL, run};
