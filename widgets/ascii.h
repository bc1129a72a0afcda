/* ascii.h - what text looks like where UTF-8 cannot be drawn (--ascii, or a locale whose
 * character set is not UTF-8).
 *
 * One table of stand-ins for the symbols benchtop's own text uses, shared by everything that
 * draws or measures such text, so that they agree: "±" is "+-", "…" is "...", "·" is "-", the
 * arrows are < > ^ v and the box lines - |. Any other character that takes columns (a CJK
 * letter included) is "?", a zero-width mark is nothing, and a control character is "?".
 * A stand-in may be wider than its character, so ASCII text is measured and cut in this form,
 * never by its UTF-8 columns. The ASCII form of a string is never longer in bytes than the
 * string itself. Pure; any thread.
 */
#ifndef BENCHTOP_ASCII_H
#define BENCHTOP_ASCII_H

#include <stddef.h>
#include <stdint.h>

/* The ASCII form of code point cp: cp itself (written into one[2]) when it is printable
 * ASCII, else a constant string; "" for a zero-width mark. */
const char *ascii_form(uint32_t cp, char one[2]);
/* Columns UTF-8 text takes in its ASCII form. */
int ascii_width(const char *utf8);
/* UTF-8 text in its ASCII form into dst[len], cut between whole stand-ins when dst is too
 * short; dst may be utf8 itself (the form is never longer). Always terminated; returns dst. */
char *ascii_text(char *dst, size_t len, const char *utf8);

#endif
