/* grid-check.h - reading a widget's grid back in tests: rows as text, roles, a sentinel fill. */
#ifndef BENCHTOP_GRID_CHECK_H
#define BENCHTOP_GRID_CHECK_H

#include <string.h>

#include "grid.h"

#define SENTINEL 'Z'

static char rowbuf[4096];

/* Row y without its trailing spaces. */
static inline const char *row(const struct grid *g, int y)
{
	size_t n;

	grid_row_text(g, y, rowbuf, sizeof rowbuf);
	n = strlen(rowbuf);
	while (n && rowbuf[n - 1] == ' ')
		rowbuf[--n] = '\0';
	return rowbuf;
}

static inline int role_at(const struct grid *g, int x, int y)
{
	const struct cell *c = grid_get(g, x, y);
	return c ? c->role : -1;
}

static inline void fill_sentinel(struct grid *g)
{
	grid_clear(g);
	grid_fill(g, rect_make(0, 0, g->w, g->h), SENTINEL, ROLE_HELP);
}

/* Every cell outside r still holds the sentinel. */
static inline int outside_untouched(const struct grid *g, struct rect r)
{
	for (int y = 0; y < g->h; y++)
		for (int x = 0; x < g->w; x++) {
			const struct cell *c = grid_get(g, x, y);
			if (!rect_contains(r, x, y) && (c->ch != SENTINEL || c->role != ROLE_HELP))
				return 0;
		}
	return 1;
}

#endif
