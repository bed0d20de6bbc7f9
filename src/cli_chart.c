/* --chart FILE: see cli_chart.h.  The chart reuses the output writer
 * (cli_output.c) with the command's options and the chart's path. */
#include <config.h>

#include <string.h>

#include "cli_chart.h"

int cli_chart_begin(const cli_common *c, const char *path, cli_chart *ch)
{
    memset(ch, 0, sizeof *ch);
    if (path == NULL)
        return EXIT_OK;
    int fmt = sc_chart_format_from_path(path);
    if (fmt < 0)
        return cli_usage_error(c, "--chart: '%s' must end in .svg, .png or .pdf", path);
    if (c->output != NULL && strcmp(c->output, "-") != 0 && cli_same_file(c->output, path))
        return cli_usage_error(c, "--chart: '%s' is also the --output file; give the chart "
                                  "its own name", path);
    ch->common = *c;
    ch->common.output = path;
    ch->format = (sc_chart_format)fmt;
    ch->wanted = 1;
    return EXIT_OK;
}

int cli_chart_ready(const cli_chart *ch)
{
    if (!ch->wanted)
        return EXIT_OK;
    /* Opening makes (and aborting removes) the temporary file: what the
     * commit would refuse is refused now. */
    cli_output probe;
    int rc = cli_output_open(&ch->common, &probe);
    if (rc == EXIT_OK)
        cli_output_abort(&probe);
    return rc;
}

int cli_chart_write(const cli_chart *ch, cli_chart_draw draw, const void *arg)
{
    if (!ch->wanted)
        return EXIT_OK;
    cli_output out;
    sc_error err;
    int rc = cli_output_open(&ch->common, &out);
    if (rc != EXIT_OK)
        return rc;
    sc_status st = draw(out.fp, arg, ch->format, &err);
    if (ch->format != SC_CHART_SVG)
        sc_chart_release_fonts(); /* the program ends next: leave nothing to leak checkers */
    if (st != SC_OK) {
        if (err.field[0] != '\0')
            cli_report(&err);
        else
            cli_error(ch->common.output, "%s", err.msg);
        cli_output_abort(&out);
        return EXIT_DATA;
    }
    return cli_output_commit(&out);
}
