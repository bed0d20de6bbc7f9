/* stemcost serve: the local web page.
 *
 *   serve.c        HTTP through libmicrohttpd: the socket, limits, security
 *                  headers, the Host check, signals; no page logic
 *   serve_pages.c  a path and its query -> a page or JSON (no HTTP), through
 *                  the same library calls as the command line
 *   serve_query.c  the query -> the library's request structs
 *   cmd_serve.c    the command's options */
#ifndef STEMCOST_SERVE_H
#define STEMCOST_SERVE_H

#include <stddef.h>

#include "serve_query.h"
#include "stemcost/episode_cache.h"
#include "stemcost/pricing.h"

/* ---- pages (serve_pages.c) ------------------------------------------------------- */

typedef struct sv_response {
    int status;              /* HTTP status */
    const char *media_type;
    char *body;              /* malloc'ed (free() it), or static when `owned` is 0 */
    size_t length;
    int owned;
    int cacheable;           /* a static file: may be cached */
} sv_response;

/* Answer GET `path` with the query's `n` pairs, on the tables `p` and the
 * date `today` (YYYY-MM-DD).  Comparisons keep their prepared episodes in
 * `cache` (made for `p`; NULL: none kept), which only this thread uses.
 * Never fails: a bad query is a 400 page (the form with the message next to
 * its field) or a 400 JSON error for /api/; only running out of memory
 * gives 500. */
void sv_handle(const sc_pricing *p, sc_episode_cache *cache, const char *path,
               const sv_pair *pairs, size_t n, const char *today, sv_response *out);
void sv_response_free(sv_response *r);

/* ---- the server (serve.c) -------------------------------------------------------- */

/* Limits on a request (a clear status past them). */
#define SV_MAX_URI 4096             /* bytes of path and query: 414 */
#define SV_MAX_HEADER_BYTES 16384   /* header fields, as sent: 431 */
/* libmicrohttpd keeps a request's text, a record per header and per field,
 * and the answer's header in one pool per connection, and closes without an
 * answer when the answer's header no longer fits.  Four times the largest
 * request within the limits above leaves room for many header lines; a
 * request that comes within about 1 kB of the pool still goes unanswered
 * (libmicrohttpd 0.9.75 keeps no room aside for the answer), but that is
 * some 60 kB past the 16 KiB limit, not at it. */
#define SV_MEMORY_PER_CONNECTION 65536
#define SV_MAX_CONNECTIONS 64       /* at once; more wait in the kernel's queue */
#define SV_IDLE_TIMEOUT 10          /* seconds a connection may sit idle */

typedef struct serve_options {
    const char *bind;  /* an IP address; NULL: 127.0.0.1 */
    unsigned port;     /* 0: any free port (printed) */
    int open;          /* open the page in the desktop's browser */
    int log;           /* log each request with its query to stderr */
    const char *today; /* NULL: the clock's date at each request */
} serve_options;

/* Serve until SIGINT or SIGTERM: the exit status (0 after a clean stop; 1
 * when the address cannot be used, said on stderr; 2 for a bad --bind). */
int serve_run(const serve_options *o, const sc_pricing *p);

#endif
