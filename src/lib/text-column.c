#include "config.h"

#include <string.h>

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

char *text_column(char *dst, size_t len, const char *s, int cols, int flags)
{
	if (!len)
		return dst;
	dst[0] = '\0';
	if (cols < 0)
		cols = 0;
	int cut = utf8_width(s) > cols;
	/* Whole characters while they fit, a column kept for the ellipsis when cutting: a wide
	 * character that would straddle the edge is left out. Combining marks go with their base. */
	int room = cut ? cols - 1 : cols, used = 0;
	const char *end = s;
	while (*end) {
		const char *next = end;
		int w = utf8_cp_width(utf8_decode(&next));
		if (w < 0)
			w = 1;
		if (used + w > room)
			break;
		used += w;
		end = next;
	}
	int shown = used + (cut && cols > 0);
	int pad = (flags & TEXT_COLUMN_NOPAD) || shown >= cols ? 0 : cols - shown;
	size_t at = 0;
	if (flags & TEXT_COLUMN_RIGHT)
		text_column_spaces(dst, len, &at, pad);
	/* Character by character, so a short dst still ends on a whole one. */
	for (const char *p = s; p < end;) {
		const char *next = p;
		utf8_decode(&next);
		if (!text_column_put(dst, len, &at, p, (size_t)(next - p)))
			break;
		p = next;
	}
	if (cut && cols > 0)
		text_column_put(dst, len, &at, ELLIPSIS, strlen(ELLIPSIS));
	if (!(flags & TEXT_COLUMN_RIGHT))
		text_column_spaces(dst, len, &at, pad);
	return dst;
}
