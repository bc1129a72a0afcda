/* utf8.h - decoding, encoding and the column width of Unicode code points.
 *
 * Widths come from our own small table (East Asian wide and fullwidth ranges, emoji,
 * combining marks), not from wcwidth(), so drawing and its tests do not depend on the
 * locale of the machine. Curses, though, places characters by wcwidth(): while it draws,
 * the terminal layer switches to the locale's widths (utf8_locale_widths), or a name
 * whose width the two count apart would shift the rest of its row.
 */
#ifndef BENCHTOP_UTF8_H
#define BENCHTOP_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decodes one code point at *s and advances *s past it. A malformed sequence gives
 * UTF8_REPLACEMENT and advances by one byte; the end of the string gives 0. */
uint32_t utf8_decode(const char **s);
/* Writes cp as UTF-8 into out (at least 5 bytes), terminated; returns the byte count. */
int utf8_encode(uint32_t cp, char *out);
/* Columns the code point takes: 0 (combining marks, zero-width), 1, or 2 (wide);
 * -1 for control characters, which are never drawn as they are. */
int utf8_cp_width(uint32_t cp);
/* 1: widths from wcwidth() of the current locale where it knows the character (what curses
 * uses); 0: the table only (the default). */
void utf8_locale_widths(int on);
/* Columns a whole string takes when drawn (control characters count as one). */
int utf8_width(const char *s);
/* The rest of s after its first `cols` columns, for wrapping; *used gets the columns
 * taken (fewer when a wide character would straddle). Always advances on a non-empty
 * string, so a loop over it ends even when cols is smaller than one character. */
const char *utf8_cut(const char *s, int cols, int *used);

#endif
