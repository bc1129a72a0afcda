/* box.h - a titled border around a panel. */
#ifndef BENCHTOP_BOX_H
#define BENCHTOP_BOX_H

#include "grid.h"

struct box {
	const char *title;   /* NULL or "" for none; clipped with "…" to fit */
	int focused;         /* border in ROLE_BORDER_FOCUS instead of ROLE_BORDER */
};

/* Draws ┌─ title ─┐ │ │ └─┘ (+-| with g->ascii) on the edge of r and returns the
 * inside. A rectangle under 2x2 gets no border and is returned whole. */
struct rect box_draw(struct grid *g, struct rect r, const struct box *b);

#endif
