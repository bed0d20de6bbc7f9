/* Internal: the five characters HTML and XML (the SVG charts) escape in
 * text and attribute values, written once for both writers. */
#ifndef STEMCOST_MARKUP_ESCAPE_H
#define STEMCOST_MARKUP_ESCAPE_H

#include <string.h>

/* The length of the run of bytes at `s` that need no escaping. */
static inline size_t sc_markup_plain_run(const char *s)
{
    return strcspn(s, "&<>\"'");
}

/* The reference that stands for special byte `c` (one sc_markup_plain_run
 * stopped at). */
static inline const char *sc_markup_ref(char c)
{
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    default: return "&#39;";
    }
}

#endif
