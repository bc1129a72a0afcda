/* sparkline.h - one row of ▁▂▃▄▅▆▇█ from a history, newest on the right. */
#ifndef BENCHTOP_SPARKLINE_H
#define BENCHTOP_SPARKLINE_H

#include <stddef.h>

#include "grid.h"

#define SPARK_ASCII ".:-=+*#%"    /* the eight levels without Unicode, lowest first */

struct spark {
	const float *v;      /* oldest first; NAN draws a blank */
	size_t n;
	double lo, hi;       /* range; NAN = from the values shown */
	int role;            /* 0 = ROLE_SPARK */
};

/* Draws on the first row of r; with more values than columns the newest are shown,
 * with fewer they end at the right edge. */
void spark_draw(struct grid *g, struct rect r, const struct spark *s);

#endif
