#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "text.h"
#include "utf8.h"

int textlog_init(struct textlog *l, int cap)
{
	memset(l, 0, sizeof *l);
	if (cap < 1)
		cap = 1;
	l->lines = calloc((size_t)cap, sizeof *l->lines);
	l->roles = calloc((size_t)cap, sizeof *l->roles);
	if (!l->lines || !l->roles) {
		textlog_free(l);
		return -1;
	}
	l->cap = cap;
	return 0;
}

void textlog_free(struct textlog *l)
{
	free(l->lines);
	free(l->roles);
	l->lines = NULL;
	l->roles = NULL;
	l->cap = l->count = l->head = 0;
}

/* Copies one line up to '\n' or the end into dst, cleaned; returns where it stopped. */
static const char *copy_line(char *dst, const char *s)
{
	size_t n = 0;

	while (*s && *s != '\n') {
		const char *next = s;
		uint32_t cp = utf8_decode(&next);
		char enc[8];
		int k;
		if (cp == '\t')
			cp = ' ';
		else if (cp == '\r')
			cp = 0;
		else if (utf8_cp_width(cp) < 0)
			cp = '?';
		k = cp ? utf8_encode(cp, enc) : 0;
		if (n + (size_t)k >= TEXTLOG_LINE) {
			/* Too long: the rest of this line is dropped. */
			while (*s && *s != '\n')
				s++;
			break;
		}
		memcpy(dst + n, enc, (size_t)k);
		n += (size_t)k;
		s = next;
	}
	dst[n] = '\0';
	return s;
}

void textlog_add(struct textlog *l, int role, const char *utf8)
{
	const char *s = utf8 ? utf8 : "";

	if (!l->cap)
		return;
	do {
		s = copy_line(l->lines[l->head], s);
		l->roles[l->head] = (unsigned char)(role >= 0 && role < ROLE_COUNT ? role : ROLE_NORMAL);
		l->head = (l->head + 1) % l->cap;
		if (l->count < l->cap)
			l->count++;
	} while (*s == '\n' && *++s);
}

const char *textlog_get(const struct textlog *l, int i, int *role)
{
	int k;

	if (i < 0 || i >= l->count)
		return NULL;
	k = (l->head - l->count + i + l->cap) % l->cap;
	if (role)
		*role = l->roles[k];
	return l->lines[k];
}

/* Rows a line takes at width w. */
static int rows_of(const char *s, int w)
{
	int n = 1;

	s = utf8_cut(s, w, NULL);
	while (*s) {
		s = utf8_cut(s, w, NULL);
		n++;
	}
	return n;
}

void textlog_draw(struct grid *g, struct rect r, const struct textlog *l)
{
	struct rect old;
	int bottom = r.y + r.h - 1;

	if (rect_empty(r))
		return;
	old = grid_push_clip(g, r);
	grid_fill(g, r, ' ', ROLE_NORMAL);
	for (int i = l->count - 1 - (l->scroll > 0 ? l->scroll : 0); i >= 0 && bottom >= r.y; i--) {
		int role = ROLE_NORMAL;
		const char *s = textlog_get(l, i, &role);
		char ascii[TEXTLOG_LINE];
		/* Wrapped where an ASCII screen's stand-ins ("..." for …) put the columns. */
		if (g->ascii)
			s = ascii_text(ascii, sizeof ascii, s);
		int rows = l->wrap ? rows_of(s, r.w) : 1;
		int y = bottom - rows + 1;
		for (int k = 0; k < rows; k++, y++) {
			const char *rest = l->wrap ? utf8_cut(s, r.w, NULL) : NULL;
			if (y >= r.y)
				grid_text(g, r.x, y, r.w, s, role);
			if (rest)
				s = rest;
		}
		bottom -= rows;
	}
	grid_set_clip(g, old);
}

void text_line(struct grid *g, struct rect r, const char *utf8, int role, int align)
{
	int w, x = r.x;

	if (rect_empty(r) || !utf8)
		return;
	w = grid_width(g, utf8);
	if (w < r.w && align == TEXT_RIGHT)
		x += r.w - w;
	else if (w < r.w && align == TEXT_CENTER)
		x += (r.w - w) / 2;
	struct rect old = grid_push_clip(g, rect_make(r.x, r.y, r.w, 1));
	grid_text_fit(g, x, r.y, r.x + r.w - x, utf8, role);
	grid_set_clip(g, old);
}

void text_footer(struct grid *g, struct rect r, const struct key_hint *hints, const char *right)
{
	struct rect old;
	int x = r.x, end = r.x + r.w;

	if (rect_empty(r))
		return;
	old = grid_push_clip(g, rect_make(r.x, r.y, r.w, 1));
	grid_fill(g, rect_make(r.x, r.y, r.w, 1), ' ', ROLE_FOOTER);
	for (int i = 0; hints && hints[i].key; i++) {
		const char *what = hints[i].what ? hints[i].what : "";
		int gap = x > r.x ? 2 : 0;
		int kw = grid_width(g, hints[i].key), ww = grid_width(g, what);
		int need = gap + kw + (ww ? 1 + ww : 0);
		if (x + need > end)
			continue;
		x += gap;
		x += grid_text(g, x, r.y, kw, hints[i].key, ROLE_KEY);
		if (ww)
			x += 1 + grid_text(g, x + 1, r.y, ww, what, ROLE_FOOTER);
	}
	if (right) {
		int rw = grid_width(g, right);
		if (x + (x > r.x ? 2 : 0) + rw <= end)
			grid_text(g, end - rw, r.y, rw, right, ROLE_FOOTER);
	}
	grid_set_clip(g, old);
}
