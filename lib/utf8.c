/* UTF-8 text checks: every CSV cell (csvin.c) and every value people type
 * (names, addresses, reasons). */
#include <config.h>

#include <stdint.h>
#include <string.h>

#include "stemcost/text.h"
#include "text_control.h"

/* Standard UTF-8 well-formedness (RFC 3629): no overlongs, no surrogates,
 * nothing above U+10FFFF. */
int sc_utf8_valid(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < n) {
        /* Eight ASCII bytes at a time (most text is ASCII). */
        if (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if ((w & UINT64_C(0x8080808080808080)) == 0) {
                i += 8;
                continue;
            }
        }
        unsigned char c = s[i];
        size_t len;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (i + len > n)
            return 0;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return 0;
        i += len;
    }
    return 1;
}

/* The one rule for control characters in text, typed or read from a CSV cell:
 * C0 controls (U+0000-U+001F), DEL and the C1 controls (U+0080-U+009F) are
 * not text.  A terminal obeys them (ESC starts an escape sequence that can
 * retitle the window, clear the screen or colour what follows; CSI U+009B
 * does the same in one character), so a table cell or a name holding them
 * would rewrite what the user sees.  The exceptions are white space, listed
 * by the caller in `allowed`: line breaks where text may span lines, and a
 * tab in a CSV cell (white space a terminal only advances over; batch
 * carries other columns byte for byte).  `s` must be valid UTF-8 (C1 controls
 * are the two-byte sequences C2 80 to C2 9F).  Returns the code point of the
 * first control character, or -1. */
long sc_text_control(const char *text, size_t n, const char *allowed)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if ((c < 0x20 && (c == 0 || strchr(allowed, c) == NULL)) || c == 0x7F)
            return c;
        if (c == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)
            return s[i + 1];
    }
    return -1;
}

sc_status sc_text_check(const char *s, const char *field, int multiline, size_t max,
                        sc_error *err)
{
    size_t n = strlen(s);
    if (n > max)
        return sc_error_field(err, SC_EUSAGE, SC_R_LIMIT, field, "longer than %zu bytes", max);
    if (!sc_utf8_valid(s, n))
        return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, field,
                              "not valid UTF-8 text (is it in another encoding, such as "
                              "Latin-1?)");
    long cp = sc_text_control(s, n, multiline ? "\n\r" : "");
    if (cp >= 0)
        return sc_error_field(err, SC_EUSAGE, SC_R_MALFORMED, field,
                              "control character U+%04lX in the text%s", (unsigned long)cp,
                              multiline ? "" : "; it must be one line");
    return SC_OK;
}
