/* Pieces shared by `quote` and `quotes`. */
#ifndef STEMCOST_CLI_QUOTE_H
#define STEMCOST_CLI_QUOTE_H

#include "cli.h"
#include "stemcost/quote.h"

/* The document format: --format text|html|pdf, else the -o file's extension
 * (.txt, .html/.htm, .pdf), else text.  EXIT_OK or EXIT_USAGE. */
int cli_quote_format(const cli_common *c, const char *format, sc_quote_format *out);

/* Open the register: --register, else $STEMCOST_REGISTER, else
 * ~/.local/share/stemcost/quotes.sqlite (its directory created 0700).
 * EXIT_OK or EXIT_DATA (said). */
int cli_open_register(const char *path, sc_register **out);

#endif
