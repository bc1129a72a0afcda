#include "config.h"

#include <math.h>

#include "graph.h"
#include "scale.h"

#define GRAPH_LABEL_MAX 8    /* columns at most for the scale numbers */

/* One series as the plot sees it: the newest values, ending at the right edge. */
struct series {
	const float *v;
	size_t n;            /* values shown */
	int first;           /* plot column (in points) of v[0] */
};

static size_t per_cell(const struct grid *g, int style)
{
	return !g->ascii && style == GRAPH_BRAILLE ? 2 : 1;
}

size_t graph_capacity(struct rect r, int style, int ascii)
{
	if (rect_empty(r))
		return 0;
	return (size_t)r.w * (!ascii && style == GRAPH_BRAILLE ? 2 : 1);
}

static struct series newest(const float *v, size_t n, size_t points)
{
	struct series s = { .v = v, .n = v ? n : 0 };
	if (s.n > points) {
		s.v += s.n - points;
		s.n = points;
	}
	s.first = (int)(points - s.n);
	return s;
}

static void range_of(const struct graph *gr, size_t points, double *lo, double *hi)
{
	struct series a = newest(gr->a, gr->na, points), b = newest(gr->b, gr->nb, points);
	double alo = gr->lo, ahi = gr->hi, blo = gr->lo, bhi = gr->hi;

	scale_range(a.v, a.n, &alo, &ahi);
	*lo = alo;
	*hi = ahi;
	if (b.n) {
		scale_range(b.v, b.n, &blo, &bhi);
		*lo = fmin(alo, blo);
		*hi = fmax(ahi, bhi);
	}
}

static void label(char *buf, size_t len, const struct graph *gr, double v)
{
	if (gr->fmt)
		gr->fmt(buf, len, v);
	else
		/* Whole numbers without a ".0": "100%", but "2.5%". */
		scale_fit(buf, len, GRAPH_LABEL_MAX, v == floor(v) ? 0 : 1, v, gr->unit);
}

static int labels_width(const struct grid *g, const struct graph *gr, double lo, double hi)
{
	char a[64], b[64];
	int w;

	if (gr->labels == GRAPH_LABELS_NONE)
		return 0;
	label(a, sizeof a, gr, hi);
	label(b, sizeof b, gr, lo);
	w = grid_width(g, a) > grid_width(g, b) ? grid_width(g, a) : grid_width(g, b);
	return w < GRAPH_LABEL_MAX ? w : GRAPH_LABEL_MAX;
}

/* The steps lit in point column x of a series, 0 = bottom: 0 when none, else [*from, *to]. */
static int lit(const struct series *s, int x, double lo, double hi, int steps, int fill,
	       int *from, int *to)
{
	int i = x - s->first, l, p;

	if (i < 0 || (size_t)i >= s->n)
		return 0;
	l = scale_level(s->v[i], lo, hi, steps);
	if (l < 0)
		return 0;
	*from = *to = l;
	if (fill) {
		*from = 0;
	} else if (i > 0 && (p = scale_level(s->v[i - 1], lo, hi, steps)) >= 0) {
		/* A line climbs from the previous value, so steep changes stay connected. */
		if (p < l)
			*from = p + 1 < l ? p + 1 : l;
		else if (p > l)
			*to = p - 1 > l ? p - 1 : l;
	}
	return 1;
}

/* Braille dot bits, by dot column (0 left) and dot row (0 top). */
static const uint8_t braille_bit[2][4] = {
	{ 0x01, 0x02, 0x04, 0x40 },
	{ 0x08, 0x10, 0x20, 0x80 },
};

static unsigned braille_bits(const struct series *s, int cx, int row, int rows,
			     double lo, double hi, int fill)
{
	unsigned bits = 0;
	int base = (rows - 1 - row) * 4;   /* step of this cell's bottom dot row */

	for (int dc = 0; dc < 2; dc++) {
		int from, to;
		if (!lit(s, cx * 2 + dc, lo, hi, rows * 4, fill, &from, &to))
			continue;
		for (int dr = 0; dr < 4; dr++) {
			int step = base + 3 - dr;
			if (step >= from && step <= to)
				bits |= braille_bit[dc][dr];
		}
	}
	return bits;
}

static void plot_braille(struct grid *g, struct rect p, const struct series *a,
			 const struct series *b, double lo, double hi, int fill)
{
	for (int row = 0; row < p.h; row++)
		for (int cx = 0; cx < p.w; cx++) {
			unsigned ba = braille_bits(a, cx, row, p.h, lo, hi, fill);
			unsigned bb = braille_bits(b, cx, row, p.h, lo, hi, 0);
			if (ba | bb)
				grid_put(g, p.x + cx, p.y + row, 0x2800 + (ba | bb),
					 bb ? ROLE_GRAPH2 : ROLE_GRAPH);
		}
}

/* Eighths of the cell at `row` that a series fills in column x. */
static int block_eighths(const struct series *s, int x, int row, int rows, double lo, double hi)
{
	int from, to, e;

	if (!lit(s, x, lo, hi, rows * 8, 1, &from, &to))
		return 0;
	e = to + 1 - (rows - 1 - row) * 8;
	return e < 0 ? 0 : e > 8 ? 8 : e;
}

static void plot_blocks(struct grid *g, struct rect p, const struct series *a,
			const struct series *b, double lo, double hi)
{
	for (int row = 0; row < p.h; row++)
		for (int x = 0; x < p.w; x++) {
			int ea = block_eighths(a, x, row, p.h, lo, hi);
			int eb = block_eighths(b, x, row, p.h, lo, hi);
			int e = eb > ea ? eb : ea;
			if (e)
				grid_put(g, p.x + x, p.y + row, 0x2580 + (uint32_t)e,
					 eb > ea ? ROLE_GRAPH2 : ROLE_GRAPH);
		}
}

static void plot_ascii(struct grid *g, struct rect p, const struct series *a,
		       const struct series *b, double lo, double hi, int fill)
{
	for (int x = 0; x < p.w; x++) {
		int from, to;
		if (lit(a, x, lo, hi, p.h, 1, &from, &to)) {
			int y = p.y + p.h - 1 - to;
			grid_put(g, p.x + x, y, '*', ROLE_GRAPH);
			for (int k = 0; fill && k < to; k++)
				grid_put(g, p.x + x, p.y + p.h - 1 - k, '.', ROLE_GRAPH);
		}
		if (lit(b, x, lo, hi, p.h, 1, &from, &to))
			grid_put(g, p.x + x, p.y + p.h - 1 - to, 'o', ROLE_GRAPH2);
	}
}

static void draw_labels(struct grid *g, struct rect col, const struct graph *gr,
			double lo, double hi)
{
	char buf[64];
	int right = gr->labels == GRAPH_LABELS_LEFT;

	label(buf, sizeof buf, gr, hi);
	if (right)
		grid_text(g, col.x + col.w - grid_width(g, buf), col.y, col.w, buf, ROLE_AXIS);
	else
		grid_text(g, col.x, col.y, col.w, buf, ROLE_AXIS);
	if (col.h < 2)
		return;
	label(buf, sizeof buf, gr, lo);
	if (right)
		grid_text(g, col.x + col.w - grid_width(g, buf), col.y + col.h - 1, col.w, buf, ROLE_AXIS);
	else
		grid_text(g, col.x, col.y + col.h - 1, col.w, buf, ROLE_AXIS);
}

static void draw_axis(struct grid *g, struct rect p, int y, const struct graph *gr)
{
	const char *now = gr->now ? gr->now : "now";
	int sw = grid_width(g, gr->span), nw = grid_width(g, now);

	if (sw + 1 + nw <= p.w)
		grid_text(g, p.x, y, sw, gr->span, ROLE_AXIS);
	if (nw <= p.w)
		grid_text(g, p.x + p.w - nw, y, nw, now, ROLE_AXIS);
}

void graph_draw(struct grid *g, struct rect r, const struct graph *gr)
{
	struct rect old, plot, labels = { 0, 0, 0, 0 };
	struct series a, b;
	size_t pc = per_cell(g, gr->style);
	double lo, hi;
	int lw, axis = gr->span && r.h >= 3;

	if (rect_empty(r))
		return;
	old = grid_push_clip(g, r);
	grid_fill(g, r, ' ', ROLE_NORMAL);
	plot = rect_make(r.x, r.y, r.w, r.h - axis);
	/* The scale's width depends on the range, the range on what fits beside the scale:
	 * size the scale for the whole width, then take the range of what is really shown. */
	range_of(gr, (size_t)r.w * pc, &lo, &hi);
	lw = labels_width(g, gr, lo, hi);
	if (lw > 0 && r.w - lw - 1 >= 4) {
		plot.w = r.w - lw - 1;
		if (gr->labels == GRAPH_LABELS_LEFT) {
			labels = rect_make(r.x, r.y, lw, plot.h);
			plot.x = r.x + lw + 1;
		} else {
			labels = rect_make(r.x + plot.w + 1, r.y, lw, plot.h);
		}
	} else {
		lw = 0;
	}
	range_of(gr, (size_t)plot.w * pc, &lo, &hi);
	a = newest(gr->a, gr->na, (size_t)plot.w * pc);
	b = newest(gr->b, gr->nb, (size_t)plot.w * pc);
	if (g->ascii)
		plot_ascii(g, plot, &a, &b, lo, hi, gr->fill);
	else if (gr->style == GRAPH_BLOCKS)
		plot_blocks(g, plot, &a, &b, lo, hi);
	else
		plot_braille(g, plot, &a, &b, lo, hi, gr->fill);
	if (lw)
		draw_labels(g, labels, gr, lo, hi);
	if (axis)
		draw_axis(g, plot, r.y + r.h - 1, gr);
	grid_set_clip(g, old);
}
