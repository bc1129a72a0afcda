/* gauge.h - a labelled horizontal bar: "CPU ██████▍        42.3%". */
#ifndef BENCHTOP_GAUGE_H
#define BENCHTOP_GAUGE_H

#include "grid.h"

#define GAUGE_MID_DEFAULT  60.0
#define GAUGE_HIGH_DEFAULT 85.0

struct gauge {
	const char *label;   /* NULL for none */
	int label_w;         /* columns kept for the label; 0 = the label's own width */
	double value;        /* NAN = missing: an empty bar and "-" */
	double max;          /* full scale; 0 or NAN = 100 (a percentage) */
	double mid, high;    /* thresholds in percent of max; both 0 = GAUGE_*_DEFAULT */
	const char *text;    /* value text at the end; NULL = the percentage, " 42.3%" */
	int text_w;          /* columns kept for the text; 0 = 6 */
};

/* Draws on the first row of r: label, bar, value text. When r is narrow the label goes
 * first, then the bar; the value text stays. The bar is clamped to 0..max; the
 * text shows the real value, shortened to fit its columns. */
void gauge_draw(struct grid *g, struct rect r, const struct gauge *gauge);
/* ROLE_GAUGE_LOW, _MID or _HIGH for a percentage of full scale. */
int gauge_role(double pct, double mid, double high);

#endif
