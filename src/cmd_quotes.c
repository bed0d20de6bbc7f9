/* stemcost quotes list|show|export|deliver|void|supersede: the quote register. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_quote.h"
#include "stemcost/output.h"

enum {
    O_REGISTER = OPT_COMMAND_BASE, O_WAIT, O_FROM, O_TO, O_PATIENT, O_PROVIDER, O_STATE,
    O_EXPIRED, O_LINES, O_METHOD, O_ON, O_REASON, O_BY
};

static void help(void)
{
    printf("Usage: stemcost quotes list [FILTERS] [OPTIONS]\n"
           "       stemcost quotes show NUMBER [OPTIONS]\n"
           "       stemcost quotes export [--lines] [FILTERS] [--format csv|json] [-o FILE]\n"
           "       stemcost quotes deliver NUMBER --method HOW [--on DATE]\n"
           "       stemcost quotes void NUMBER --reason TEXT\n"
           "       stemcost quotes supersede NUMBER --by NUMBER\n"
           "The quote register: every quote issued, its state (issued, delivered, superseded,\n"
           "void; an issued or delivered quote past its validity is flagged expired), its\n"
           "patient, provider, codes and totals.\n\n"
           "      --from DATE, --to DATE  issued in this period (inclusive)\n"
           "      --patient TEXT      patient's name contains TEXT (any case)\n"
           "      --provider TEXT     provider's name contains TEXT, or its NPI is TEXT\n"
           "      --state STATE       issued, delivered, superseded or void\n"
           "      --expired           only quotes past their validity\n"
           "      --lines             export: one row per line item instead of per quote\n"
           "      --method HOW        deliver: how it reached the patient (in person, e-mail,\n"
           "                          post, portal): the proof the deadline was met\n"
           "      --on DATE           deliver: when (default today)\n"
           "      --reason TEXT       void: why\n"
           "      --by NUMBER         supersede: the quote that replaces it\n"
           "      --register FILE     the register (default: $STEMCOST_REGISTER, else\n"
           "                          " SC_SHARED_REGISTER " if it exists, else\n"
           "                          ~/.local/share/stemcost/quotes.sqlite)\n"
           "      --wait SECONDS      how long to wait for a busy register (default 15, or\n"
           "                          $STEMCOST_REGISTER_WAIT); then exit 75\n\n%s",
           cli_common_help);
}

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

int cmd_quotes(int argc, char **argv)
{
    static const struct option opts[] = {CLI_COMMON_OPTIONS,
                                         {"register", required_argument, NULL, O_REGISTER},
                                         {"wait", required_argument, NULL, O_WAIT},
                                         {"from", required_argument, NULL, O_FROM},
                                         {"to", required_argument, NULL, O_TO},
                                         {"patient", required_argument, NULL, O_PATIENT},
                                         {"provider", required_argument, NULL, O_PROVIDER},
                                         {"state", required_argument, NULL, O_STATE},
                                         {"expired", no_argument, NULL, O_EXPIRED},
                                         {"lines", no_argument, NULL, O_LINES},
                                         {"method", required_argument, NULL, O_METHOD},
                                         {"on", required_argument, NULL, O_ON},
                                         {"reason", required_argument, NULL, O_REASON},
                                         {"by", required_argument, NULL, O_BY},
                                         {0, 0, 0, 0}};
    cli_common c;
    sc_quote_filter f;
    const char *path = NULL, *wait = NULL, *method = NULL, *on = NULL, *reason = NULL,
               *by = NULL;
    int opt, rc, lines = 0;
    memset(&f, 0, sizeof f);
    cli_common_init(&c, "quotes");
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS, opts, NULL)) != -1) {
        if (opt >= O_REGISTER && opt <= O_BY && opt != O_EXPIRED && opt != O_LINES &&
            optarg[0] == '\0') {
            const char *name = "?";
            for (const struct option *o = opts; o->name; o++)
                if (o->val == opt)
                    name = o->name;
            return cli_usage_error(&c, "--%s: empty value", name);
        }
        switch (opt) {
        case O_REGISTER: path = optarg; continue;
        case O_WAIT: wait = optarg; continue;
        case O_FROM: f.from = optarg; continue;
        case O_TO: f.to = optarg; continue;
        case O_PATIENT: f.patient = optarg; continue;
        case O_PROVIDER: f.provider = optarg; continue;
        case O_STATE: f.state = optarg; continue;
        case O_EXPIRED: f.expired_only = 1; continue;
        case O_LINES: lines = 1; continue;
        case O_METHOD: method = optarg; continue;
        case O_ON: on = optarg; continue;
        case O_REASON: reason = optarg; continue;
        case O_BY: by = optarg; continue;
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
    long wait_ms;
    sc_register *reg;
    if ((rc = cli_register_wait(&c, wait, &wait_ms)) != EXIT_OK ||
        (rc = cli_open_register(path, wait_ms, &reg)) != EXIT_OK)
        return rc;
    sc_error err;
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
