#include "config.h"

#include <string.h>

#include "ascii.h"
#include "text-column.h"
#include "utf8.h"

#define ELLIPSIS "\xE2\x80\xA6"

/* Appends s[0..n) at dst + *at when it fits with the terminator; 0 when it does not. */
static int text_column_put(char *dst, size_t len, size_t *at, const char *s, size_t n)
{
	if (*at + n + 1 > len)
		return 0;
	memcpy(dst + *at, s, n);
	*at += n;
	dst[*at] = '\0';
	return 1;
}

static void text_column_spaces(char *dst, size_t len, size_t *at, int n)
{
	for (int i = 0; i < n && text_column_put(dst, len, at, " ", 1); i++)
		;
}

/* The next character of *s as the column writes it (its UTF-8, or its ASCII form), its bytes
 * in *n and its columns in *w; advances *s. */
static const char *text_column_next(const char **s, int ascii, char one[2], size_t *n, int *w)
{
	const char *start = *s;
	uint32_t cp = utf8_decode(s);
	if (ascii) {
		const char *form = ascii_form(cp, one);
		*n = strlen(form);
		*w = (int)*n;
		return form;
	}
	*n = (size_t)(*s - start);
	*w = utf8_cp_width(cp);
	if (*w < 0)
		*w = 1;   /* control characters: one column each, as text-visible.h shows them */
	return start;
}

char *text_column(char *dst, size_t len, const char *s, int cols, int flags)
{
	int ascii = (flags & TEXT_COLUMN_ASCII) != 0;
	const char *mark = ascii ? "..." : ELLIPSIS;
	int mark_w = ascii ? 3 : 1;
	char one[2];
	size_t n;
	int w;
	if (!len)
		return dst;
	dst[0] = '\0';
	if (cols < 0)
		cols = 0;
	int cut = (ascii ? ascii_width(s) : utf8_width(s)) > cols;
	/* "..." says nothing without a letter before it: in three columns or fewer, the start. */
	int marked = cut && cols >= (ascii ? mark_w + 1 : mark_w);
	/* Whole characters while they fit, columns kept for the ellipsis when cutting: a wide
	 * character that would straddle the edge is left out. Combining marks go with their base. */
	int room = marked ? cols - mark_w : cols, used = 0;
	const char *end = s;
	while (*end) {
		const char *next = end;
		text_column_next(&next, ascii, one, &n, &w);
		if (used + w > room)
			break;
		used += w;
		end = next;
	}
	int shown = used + (marked ? mark_w : 0);
	int pad = (flags & TEXT_COLUMN_NOPAD) || shown >= cols ? 0 : cols - shown;
	size_t at = 0;
	if (flags & TEXT_COLUMN_RIGHT)
		text_column_spaces(dst, len, &at, pad);
	/* Character by character, so a short dst still ends on a whole one. */
	for (const char *p = s; p < end;) {
		const char *bytes = text_column_next(&p, ascii, one, &n, &w);
		if (!text_column_put(dst, len, &at, bytes, n))
			break;
	}
	if (marked)
		text_column_put(dst, len, &at, mark, strlen(mark));
	if (!(flags & TEXT_COLUMN_RIGHT))
		text_column_spaces(dst, len, &at, pad);
	return dst;
}
