/* graph.h - a history graph over several rows, with a scale and a time axis.
 *
 *	100%⡀        ⣠⣾⣿
 *	  0%⣿⣷⣤⣀⣀⣀⣤⣾⣿⣿⣿
 *	    -60s      now
 */
#ifndef BENCHTOP_GRAPH_H
#define BENCHTOP_GRAPH_H

#include <stddef.h>

#include "grid.h"

enum graph_style {
	GRAPH_BRAILLE,       /* 2x4 dots per cell: two values per column, four steps per row */
	GRAPH_BLOCKS,        /* one value per column, eight steps per row (▁..█) */
};

enum graph_labels {
	GRAPH_LABELS_LEFT,
	GRAPH_LABELS_RIGHT,
	GRAPH_LABELS_NONE,
};

struct graph {
	const float *a;      /* first series, oldest first; NAN leaves a gap */
	size_t na;
	const float *b;      /* optional second series (ROLE_GRAPH2), drawn over the first */
	size_t nb;
	double lo, hi;       /* range; NAN = from the values shown (lo = 0, hi = NAN is common) */
	int style;           /* enum graph_style; g->ascii draws '*' points over '.' */
	int labels;          /* enum graph_labels: top and bottom of the range */
	int fill;            /* first series as an area down to the bottom, not a line */
	const char *unit;    /* after the scale numbers: "%", "°C" */
	/* Formats the scale numbers instead (fmt_bytes fits); NULL = number and unit. */
	char *(*fmt)(char *buf, size_t len, double v);
	const char *span;    /* left end of the time axis ("-60s"); NULL = no axis row */
	const char *now;     /* right end of the time axis; NULL = "now" */
};

/* The newest values end at the right edge; with more values than fit, the oldest are
 * left out. The time axis takes the last row when r has at least 3 rows. */
void graph_draw(struct grid *g, struct rect r, const struct graph *gr);
/* The most values a graph in r can show (scale labels take some of it), so a caller
 * knows how much history to copy out of a ring. */
size_t graph_capacity(struct rect r, int style, int ascii);

#endif
