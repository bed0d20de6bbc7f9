/* The command framework: see cli_command.h. */
#include <config.h>

#include "cli_command.h"

#include <stdlib.h>
#include <string.h>

#include "stemcost/dates.h"
#include "stemcost/simulate.h"

/* The scenario options, in the order of sc_scenario's fields (the currency
 * is the common --currency), then --today. */
static const cli_option scenario_options[] = {
    {"procedure", CLI_ID, "ID", "bmac, adipose, adipose-cultured, cord, allogeneic-msc, prp"},
    {"condition", CLI_ID, "ID", "knee-oa, hip-oa, ddd, spinal-stenosis, overuse"},
    {"country", CLI_ID, "CC", "where treatment happens: US, CA, DE, IN, JP"},
    {"tier", CLI_ID, "ID", "community, specialist (default), premium"},
    {"sites", CLI_COUNT, "N", "treated sites: joints, spinal levels, tendons (default 1)"},
    {"sessions", CLI_COUNT, "N",
     "treatment sessions (default: the procedure's range, low to high;\n"
     "given, it fixes the count everywhere)"},
    {"home", CLI_ID, "CC",
     "the patient's home; travel is added when it differs\n(default: the treatment country)"},
    {"travelers", CLI_COUNT, "N", "people travelling, the patient included (default 1)"},
    {"insurance", CLI_ID, "ID",
     "self-pay (default), us-ppo, us-hdhp, ca-provincial,\nde-gkv, de-pkv, in-private, jp-nhi"},
    {"deductible", CLI_MONEY, "AMT", "the plan's deductible (amounts in the plan's currency)"},
    {"deductible-met", CLI_MONEY, "AMT", "already paid toward it this year"},
    {"coinsurance", CLI_PERCENT, "PCT", "the patient's share after the deductible"},
    {"copay", CLI_MONEY, "AMT", "per unit of the plan's copay categories"},
    {"oop-max", CLI_MONEY, "AMT", "out-of-pocket maximum"},
    {"oop-met", CLI_MONEY, "AMT",
     "already paid toward it this year (default: --deductible-met,\nwhich counts toward it)"},
    {"contingency", CLI_PERCENT, "PCT",
     "add PCT % of the patient's share for the unexpected"},
    {NULL, 0, NULL, NULL}};
#define NSCENARIO_OPTIONS 16

static const cli_option today_option = {
    "today", CLI_DATE, "DATE", "judge data staleness against DATE (default: today)"};

static const cli_option sim_options[] = {
    {"draws", CLI_COUNT, "N", "simulation draws, 1 to 10000000 (default 10000)"},
    {"seed", CLI_SEED, "S",
     "random seed, 0 to 4294967295 (default 20261124; always printed):\n"
     "the same seed and tables give the same output on any machine"},
    {NULL, 0, NULL, NULL}};

static const cli_option common_options[] = {
    {"pricing", CLI_FILE, "DIR",
     "load pricing tables from DIR (default: $STEMCOST_PRICING,\nelse the built-in tables)"},
    {"format", CLI_FORMAT, "FMT", "table (default, for people), csv or json"},
    {"output", CLI_FILE, "FILE", "write to FILE atomically (temporary file, then rename)"},
    {"force", CLI_FLAG, NULL, "allow --output to replace an existing file"},
    {"currency", CLI_CURRENCY, "CUR", "show money in this ISO 4217 currency"},
    {"help", CLI_FLAG, NULL, "show this help"},
    {NULL, 0, NULL, NULL}};
static const int common_codes[] = {OPT_PRICING, OPT_FORMAT, 'o', OPT_FORCE, OPT_CURRENCY,
                                   OPT_HELP};

enum { CODE_SCENARIO = 2000, CODE_TODAY = 2100, CODE_SIM = 2200, CODE_OWN = 2300 };

static size_t count(const cli_option *o)
{
    size_t n = 0;
    while (o != NULL && o[n].name != NULL)
        n++;
    return n;
}

int cli_own(const cli_ctx *ctx, const char *name)
{
    const cli_option *o = ctx->cmd->options;
    for (size_t i = 0; o != NULL && o[i].name != NULL; i++)
        if (strcmp(o[i].name, name) == 0)
            return (int)i;
    return -1;
}

const char *cli_value(const cli_ctx *ctx, const char *name)
{
    int i = cli_own(ctx, name);
    return i >= 0 ? ctx->value[i] : NULL;
}

int cli_flag(const cli_ctx *ctx, const char *name)
{
    int i = cli_own(ctx, name);
    return i >= 0 && ctx->given[i] > 0;
}

const char *const *cli_values(const cli_ctx *ctx, const char *name, size_t *n)
{
    int i = cli_own(ctx, name);
    *n = i >= 0 ? (size_t)ctx->given[i] : 0;
    if (*n > CLI_MAX_REPEAT)
        *n = CLI_MAX_REPEAT;
    return i >= 0 ? ctx->all[i] : NULL;
}

int cli_scenario_given(const cli_ctx *ctx)
{
    for (size_t i = 0; sc_scenario_fields[i]; i++)
        if (sc_scenario_get_index(&ctx->scenario, i) != NULL)
            return 1;
    return 0;
}

/* Does the command replace common option `name` with its own? */
static int replaced(const cli_command *cmd, const char *name)
{
    for (size_t i = 0; cmd->options != NULL && cmd->options[i].name != NULL; i++)
        if (strcmp(cmd->options[i].name, name) == 0)
            return 1;
    return 0;
}

/* Does the command take common option i?  The one rule for the getopt table,
 * --help and --option-table. */
static int takes_common(const cli_command *cmd, size_t i)
{
    const char *name = common_options[i].name;
    if (replaced(cmd, name))
        return 0;
    if ((cmd->sets & CLI_SET_NO_TABLES) &&
        (strcmp(name, "pricing") == 0 || strcmp(name, "currency") == 0))
        return 0;
    return 1;
}

/* ---- help ------------------------------------------------------------------------ */

static void help_option(const cli_option *o, int has_short)
{
    char head[64];
    snprintf(head, sizeof head, "  %s --%s%s%s", has_short ? "-o," : "   ", o->name,
             o->arg ? " " : "", o->arg ? o->arg : "");
    printf("%-26s", head);
    const char *h = o->help;
    if (strlen(head) >= 26) {
        printf("\n%26s", "");
    }
    for (; *h; h++) {
        putchar(*h);
        if (*h == '\n')
            printf("%26s", "");
    }
    putchar('\n');
}

static void help_list(const char *title, const cli_option *o)
{
    if (title != NULL)
        printf("%s:\n", title);
    for (size_t i = 0; o[i].name != NULL; i++)
        help_option(&o[i], 0);
    putchar('\n');
}

static void help(const cli_command *cmd)
{
    printf("Usage: stemcost %s %s\n%s\n\n", cmd->name, cmd->usage, cmd->description);
    if (count(cmd->options) > 0)
        help_list("Options", cmd->options);
    if (cmd->sets & CLI_SET_SCENARIO) {
        printf("Scenario:\n");
        for (size_t i = 0; i < 8; i++)
            help_option(&scenario_options[i], 0);
        help_option(&scenario_options[15], 0);
        help_option(&today_option, 0);
        printf("\nInsurance:\n");
        for (size_t i = 8; i < 15; i++)
            help_option(&scenario_options[i], 0);
        putchar('\n');
    } else if (cmd->sets & CLI_SET_TODAY) {
        help_option(&today_option, 0);
        putchar('\n');
    }
    if (cmd->sets & CLI_SET_SIM)
        help_list("Simulation", sim_options);
    if (cmd->notes != NULL)
        printf("%s\n\n", cmd->notes);
    printf("Common options:\n");
    for (size_t i = 0; common_options[i].name != NULL; i++)
        if (takes_common(cmd, i))
            help_option(&common_options[i], strcmp(common_options[i].name, "output") == 0);
    putchar('\n');
    printf("A repeated option: the last one wins. An empty value is an error.\n"
           "Exit status: 0 success, 1 bad input or data, 2 usage error.\n");
}

/* ---- parsing --------------------------------------------------------------------- */

static int add(struct option *opts, size_t *n, const cli_option *o, int code)
{
    opts[(*n)++] = (struct option){o->name,
                                   CLI_KIND(o->kind) == CLI_FLAG ? no_argument : required_argument,
                                   NULL, code};
    return 1;
}

/* The option's name for code `opt` (for messages). */
static const char *name_of(const struct option *opts, int opt)
{
    for (size_t i = 0; opts[i].name != NULL; i++)
        if (opts[i].val == opt)
            return opts[i].name;
    return "?";
}

int cli_command_main(const cli_command *cmd, int argc, char **argv)
{
    struct option opts[64 + CLI_MAX_OWN];
    size_t n = 0;
    cli_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.cmd = cmd;
    cli_common_init(&ctx.common, cmd->name);
    ctx.draws = SC_SIM_DEFAULT_DRAWS;
    ctx.seed = SC_SIM_DEFAULT_SEED;
    sc_today(ctx.today);
    ctx.scenario.today = ctx.today;

    for (size_t i = 0; common_options[i].name != NULL; i++)
        if (takes_common(cmd, i))
            add(opts, &n, &common_options[i], common_codes[i]);
    if (cmd->sets & CLI_SET_SCENARIO)
        for (size_t i = 0; i < NSCENARIO_OPTIONS; i++)
            add(opts, &n, &scenario_options[i], CODE_SCENARIO + (int)i);
    if (cmd->sets & (CLI_SET_SCENARIO | CLI_SET_TODAY))
        add(opts, &n, &today_option, CODE_TODAY);
    if (cmd->sets & CLI_SET_SIM)
        for (size_t i = 0; sim_options[i].name != NULL; i++)
            add(opts, &n, &sim_options[i], CODE_SIM + (int)i);
    size_t nown = count(cmd->options);
    for (size_t i = 0; i < nown && i < CLI_MAX_OWN; i++)
        add(opts, &n, &cmd->options[i], CODE_OWN + (int)i);
    opts[n] = (struct option){NULL, 0, NULL, 0};

    int opt, rc;
    cli_getopt_reset();
    while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS, opts, NULL)) != -1) {
        if (opt == '?' || opt == ':')
            return cli_bad_option(&ctx.common, opt, argc, argv);
        if (optarg != NULL && optarg[strspn(optarg, " \t")] == '\0')
            return cli_usage_error(&ctx.common, "--%s: %s value", name_of(opts, opt),
                                   optarg[0] == '\0' ? "empty" : "blank");
        if (opt >= CODE_OWN) {
            int k = opt - CODE_OWN;
            if ((cmd->options[k].kind & CLI_REPEAT) && ctx.given[k] >= CLI_MAX_REPEAT)
                return cli_usage_error(&ctx.common, "--%s: at most %d times", cmd->options[k].name,
                                       CLI_MAX_REPEAT);
            if (ctx.given[k] < CLI_MAX_REPEAT)
                ctx.all[k][ctx.given[k]] = optarg;
            ctx.value[k] = optarg;
            ctx.given[k]++;
        } else if (opt >= CODE_SIM) {
            long *draws = &ctx.draws;
            if (cli_sim_option(&ctx.common, opt == CODE_SIM ? OPT_DRAWS : OPT_SEED, optarg,
                               draws, &ctx.seed) < 0)
                return EXIT_USAGE;
        } else if (opt == CODE_TODAY) {
            ctx.scenario.today = optarg;
        } else if (opt >= CODE_SCENARIO) {
            sc_scenario_set(&ctx.scenario, scenario_options[opt - CODE_SCENARIO].name, optarg,
                            NULL);
        } else if ((rc = cli_common_option(&ctx.common, opt, optarg)) < 0) {
            return EXIT_USAGE;
        } else if (rc == 0) {
            return cli_bad_option(&ctx.common, opt, argc, argv);
        }
    }
    if (ctx.common.help) {
        help(cmd);
        return EXIT_OK;
    }
    ctx.args = argv + optind;
    ctx.nargs = argc - optind;
    if (ctx.nargs > cmd->max_args)
        return cli_usage_error(&ctx.common, "%s: unexpected argument '%s'", cmd->name,
                               ctx.args[cmd->max_args]);
    if (ctx.nargs < cmd->min_args)
        return cli_usage_error(&ctx.common, "%s: missing %s", cmd->name, cmd->usage);
    ctx.scenario.currency = ctx.common.currency;
    /* A command with a scenario has --today checked with the scenario (its
     * field named there); the others here, once. */
    if ((cmd->sets & CLI_SET_TODAY) && !(cmd->sets & CLI_SET_SCENARIO) &&
        !sc_date_valid(ctx.scenario.today))
        return cli_usage_error(&ctx.common, "--today: '%s' is not a date YYYY-MM-DD",
                               ctx.scenario.today);
    return cmd->run(&ctx);
}

static const char *kind_name(int k)
{
    k = CLI_KIND(k);
    static const char *const names[] = {"flag",  "text",    "word",     "id",
                                        "id-list", "count", "money",    "percent",
                                        "date",  "file",    "currency", "format", "seed",
                                        "rate"};
    return names[k];
}

static void table_rows(FILE *fp, const char *cmd, const cli_option *o)
{
    for (size_t i = 0; o[i].name != NULL; i++)
        fprintf(fp, "%s\t%s\t%s\n", cmd, o[i].name, kind_name(o[i].kind));
}

void cli_option_table(FILE *fp, const cli_command *const *cmds, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const cli_command *c = cmds[k];
        for (size_t i = 0; common_options[i].name != NULL; i++)
            if (takes_common(c, i))
                fprintf(fp, "%s\t%s\t%s\n", c->name, common_options[i].name,
                        kind_name(common_options[i].kind));
        if (c->sets & CLI_SET_SCENARIO)
            table_rows(fp, c->name, scenario_options);
        if (c->sets & (CLI_SET_SCENARIO | CLI_SET_TODAY))
            fprintf(fp, "%s\t%s\t%s\n", c->name, today_option.name, kind_name(today_option.kind));
        if (c->sets & CLI_SET_SIM)
            table_rows(fp, c->name, sim_options);
        if (c->options != NULL)
            table_rows(fp, c->name, c->options);
    }
}
