/* Text checks: UTF-8 well-formedness for every CSV cell and every value a
 * person types.  No allocation. */
#ifndef STEMCOST_TEXT_H
#define STEMCOST_TEXT_H

#include <stddef.h>

#include "stemcost/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Is s (n bytes) well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF)? */
int sc_utf8_valid(const char *s, size_t n);

/* Check a caller-supplied text value: valid UTF-8, no control characters
 * (C0, DEL and C1 U+0080-U+009F; line breaks only when `multiline`), at most `max` bytes.  Errors are
 * SC_EUSAGE (SC_R_MALFORMED or SC_R_LIMIT) on `field`. */
sc_status sc_text_check(const char *s, const char *field, int multiline, size_t max,
                        sc_error *err);

#ifdef __cplusplus
}
#endif
#endif
