/* libFuzzer harness: stemcost serve's query parser and every page behind it
 * (sv_handle: the form, compare, estimate, simulate, finance, their JSON and
 * their refusals), on the built-in tables, without HTTP.  The first byte
 * picks the path; the rest is a query "key=value&key=value", split and
 * decoded as the server does it (embedded NUL bytes included). */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"

static sc_pricing *pricing;
static sc_episode_cache *episodes; /* kept across inputs, as the server keeps it */

/* Split and decode as the server does: libmicrohttpd turns '+' into a space,
 * then sv_unescape decodes %XX, leaving a bad escape as given and flagged. */
static size_t decode(char *s, int *bad)
{
    for (char *p = s; *p; p++)
        if (*p == '+')
            *p = ' ';
    size_t len;
    *bad = !sv_unescape(s, strlen(s), s, &len);
    return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const paths[] = {"/", "/compare", "/estimate", "/finance",
                                        "/api/compare", "/api/estimate", "/api/simulate",
                                        "/api/finance", "/static/stemcost.css", "/nowhere"};
    if (pricing == NULL) {
        sc_diags d;
        sc_diags_init(&d);
        if (sc_pricing_load_builtin(&pricing, &d) != SC_OK)
            return 0;
        sc_diags_free(&d);
        episodes = sc_episode_cache_new(pricing, 0);
    }
    if (size == 0 || size > 8192)
        return 0;
    char *buf = malloc(size + 1);
    memcpy(buf, data + 1, size - 1);
    buf[size - 1] = '\0';
    sv_pair pairs[SV_MAX_PAIRS + 8];
    size_t n = 0;
    for (char *p = buf; p != NULL && n < sizeof pairs / sizeof *pairs;) {
        char *amp = strchr(p, '&');
        if (amp != NULL)
            *amp = '\0';
        char *eq = strchr(p, '=');
        if (eq != NULL)
            *eq = '\0';
        memset(&pairs[n], 0, sizeof pairs[n]);
        pairs[n].key_len = decode(p, &pairs[n].key_bad_escape);
        pairs[n].key = p;
        if (eq != NULL) {
            pairs[n].value = eq + 1;
            pairs[n].value_len = decode(eq + 1, &pairs[n].value_bad_escape);
        }
        n++;
        p = amp ? amp + 1 : NULL;
    }
    sv_response out;
    sv_handle(pricing, episodes, paths[data[0] % (sizeof paths / sizeof *paths)], pairs, n,
              "2026-11-24", &out);
    /* Every answer is a page or JSON, never a crash; 500 only for memory. */
    if (out.status != 200 && out.status != 400 && out.status != 404)
        abort();
    sv_response_free(&out);
    free(buf);
    return 0;
}
