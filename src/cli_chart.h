/* --chart FILE: a command's result drawn as SVG, PNG or PDF (stemcost/chart.h),
 * written like -o: atomically, never replacing a file without --force. */
#ifndef STEMCOST_CLI_CHART_H
#define STEMCOST_CLI_CHART_H

#include "cli.h"
#include "stemcost/chart.h"

/* Draw the command's result into fp. */
typedef sc_status (*cli_chart_draw)(FILE *fp, const void *arg, sc_chart_format fmt,
                                    sc_error *err);

typedef struct cli_chart {
    cli_common common;       /* the command's, with output set to the chart's path */
    sc_chart_format format;
    int wanted;              /* --chart was given */
} cli_chart;

/* Check --chart (`path` NULL: no chart) with the other options: the format
 * from its extension (another is a usage error naming --chart), and not the
 * --output file.  EXIT_OK or EXIT_USAGE, said. */
int cli_chart_begin(const cli_common *c, const char *path, cli_chart *ch);

/* Once the result is computed and before the report is written: refuse what
 * writing the chart would refuse (an existing file without --force, a
 * directory that takes no temporary file), so that a refused chart leaves no
 * report behind.  EXIT_OK or EXIT_DATA, said. */
int cli_chart_ready(const cli_chart *ch);

/* Draw into a temporary file and give it the chart's name: EXIT_OK or
 * EXIT_DATA (said; nothing is left).  Nothing to do without --chart. */
int cli_chart_write(const cli_chart *ch, cli_chart_draw draw, const void *arg);

/* The line of --help for --chart, for the commands' option tables. */
#define CLI_CHART_HELP "draw the result into FILE: .svg, .png or .pdf (atomically;\n" \
                       "an existing FILE needs --force; see stemcost(1), CHARTS)"

#endif
