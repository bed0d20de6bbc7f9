/* stemcost serve: the local web page (see serve.h). */
#include <config.h>

#include <string.h>

#include "cli_command.h"
#include "serve.h"
#include "stemcost/money.h"

#define DEFAULT_PORT 8765

static const cli_option options[] = {
    {"port", CLI_COUNT, "N", "listen on port N (default 8765; 0: any free port, printed)"},
    {"bind", CLI_TEXT, "ADDR",
     "listen on this IP address (default 127.0.0.1, this machine only;\n"
     "another address is reachable from other machines: a warning says so)"},
    {"open", CLI_FLAG, NULL, "open the page in the desktop's web browser"},
    {"log", CLI_FLAG, NULL,
     "log every request to stderr, with its query (which holds the\n"
     "patient's answers: off by default)"},
    {NULL, 0, NULL, NULL}};

static int run(cli_ctx *ctx)
{
    cli_common *c = &ctx->common;
    serve_options o;
    memset(&o, 0, sizeof o);
    o.port = DEFAULT_PORT;
    o.bind = cli_value(ctx, "bind");
    o.open = cli_flag(ctx, "open");
    o.log = cli_flag(ctx, "log");
    /* Every option changes what is served or is refused. */
    if (c->format != SC_FORMAT_TABLE)
        return cli_usage_error(c, "--format: serve answers HTML, and JSON under /api/");
    if (c->output != NULL)
        return cli_usage_error(c, "--output: serve writes no file");
    if (c->force)
        return cli_usage_error(c, "--force: serve writes no file");
    if (c->currency != NULL)
        return cli_usage_error(c, "--currency: give it in the page's address (currency=EUR)");
    const char *port = cli_value(ctx, "port");
    if (port != NULL) {
        int64_t n;
        if (sc_decimal_parse(port, 0, 0, INT64_C(100000000000000000), &n, NULL) != SC_OK ||
            n > 65535)
            return cli_usage_error(c, "--port: '%s' must be a whole number from 0 to 65535",
                                   port);
        o.port = (unsigned)n;
    }
    if (ctx->scenario.today != ctx->today) /* --today was given (checked) */
        o.today = ctx->scenario.today;
    sc_pricing *p = NULL;
    int rc = cli_load_pricing(c, &p);
    if (rc != EXIT_OK)
        return rc;
    rc = serve_run(&o, p);
    sc_pricing_free(p);
    return rc;
}

const cli_command cli_cmd_serve = {
    "serve", "a local web page: the form, the comparison, estimates and ways to pay",
    "[--port N] [--bind ADDR] [--open] [--log]",
    "Serve the comparison as a web page on this machine: a patient fills a form in\n"
    "plain language and gets every option side by side, each option's itemised\n"
    "estimate and the ways to pay, as pages that can be bookmarked, printed or sent.\n"
    "/api/compare, /api/estimate, /api/simulate and /api/finance answer the same JSON\n"
    "as --format json for the same query (fields: the option names without dashes).\n"
    "The pricing tables load once. Nothing is sent anywhere, nothing is stored, and\n"
    "queries are not logged unless --log is given. SIGINT or SIGTERM stop it.",
    CLI_SET_TODAY, options, 0, 0,
    "Limits: addresses up to 4096 bytes (414), headers up to 16 KiB (431), no body\n"
    "(413), 64 fields (400), 64 connections at once, 10 s idle, simulations up to\n"
    "100000 draws. Requests whose Host is not localhost or an IP address on the\n"
    "server's port get 421.",
    run};
