/* The control-character rule shared by typed text (sc_text_check) and every
 * CSV cell (csvin.c): see utf8.c.  Private to the library. */
#ifndef SC_TEXT_CONTROL_H
#define SC_TEXT_CONTROL_H

#include <stddef.h>

/* Code point of the first C0 control (except the bytes in `allowed`, such as
 * "\n\r"), DEL or C1 control in valid UTF-8 `s` (n bytes); -1 if none. */
long sc_text_control(const char *s, size_t n, const char *allowed);

#endif
