/* Pieces shared by `quote` and `quotes`. */
#ifndef STEMCOST_CLI_QUOTE_H
#define STEMCOST_CLI_QUOTE_H

#include "cli.h"
#include "stemcost/quote.h"

/* A register busy beyond the wait: EX_TEMPFAIL of sysexits.h, "try again later". */

/* The register every clerk of a machine shares when it exists (an
 * administrator creates it; see the man page, QUOTE REGISTER). */
#ifndef SC_SHARED_REGISTER
#define SC_SHARED_REGISTER "/var/lib/stemcost/quotes.sqlite"
#endif

/* The document format: --format text|html|pdf, else the -o file's extension
 * (.txt, .html/.htm, .pdf), else text.  EXIT_OK or EXIT_USAGE. */
int cli_quote_format(const cli_common *c, const char *format, sc_quote_format *out);
/* --copy patient|provider|both. */
int cli_quote_copies(const cli_common *c, const char *text, sc_quote_copies *out);

/* --wait SECONDS (0 to 3600), else $STEMCOST_REGISTER_WAIT, else 15 s.
 * EXIT_OK or EXIT_USAGE. */
int cli_register_wait(const cli_common *c, const char *text, long *wait_ms);

/* Open the register: --register, else $STEMCOST_REGISTER, else the shared
 * register SC_SHARED_REGISTER if it exists, else
 * ~/.local/share/stemcost/quotes.sqlite.  create: made if absent (its
 * directory too, 0700), for issuing a quote; else a register that is not
 * there is an error naming its path, and nothing is created.  Says once when
 * it waits for another process.  EXIT_OK, EXIT_DATA or EXIT_TEMPFAIL (said). */
int cli_open_register(const char *path, long wait_ms, int create, sc_register **out);


/* Write a rendered document into an output opened with cli_output_open. */
int cli_quote_write(cli_output *out, const sc_issued_quote *q);

#endif
