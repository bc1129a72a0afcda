/* text-column.h - text in a fixed number of terminal columns, for plain-text tables.
 *
 * printf's "%-32.32s" counts bytes: it cuts a UTF-8 letter in half (invalid UTF-8 on the
 * terminal), pads "ü" one column short and "测" two short, and gives no sign of the cut. These
 * count display columns (utf8.h: wide characters take two, combining marks none), cut only
 * between characters and end a cut text with "…" ("..." in ASCII). Pass text already made
 * visible (text-visible.h): control characters count as one column each. Pure; any thread.
 */
#ifndef BENCHTOP_TEXT_COLUMN_H
#define BENCHTOP_TEXT_COLUMN_H

#include <stddef.h>

enum {
	TEXT_COLUMN_RIGHT = 1,   /* pad on the left: the text ends at the column's right edge */
	TEXT_COLUMN_NOPAD = 2,   /* cut, but add no padding (the last column of a row) */
	TEXT_COLUMN_ASCII = 4,   /* s in its ASCII form (ascii.h), counted so, cut with "..." */
};

/* s in exactly `cols` columns (at most, with TEXT_COLUMN_NOPAD) into dst[len]: whole and padded
 * with spaces when it fits, else cut with "…" as its last column ("..." as its last three with
 * TEXT_COLUMN_ASCII, which in three columns or fewer keeps only the start). Always terminated;
 * returns dst. */
char *text_column(char *dst, size_t len, const char *s, int cols, int flags);

#endif
