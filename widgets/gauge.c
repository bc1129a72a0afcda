#include "config.h"

#include <math.h>

#include "gauge.h"
#include "scale.h"

/* Narrower than this, a bar tells nothing and its columns go to the text. */
#define GAUGE_MIN_BAR 3

int gauge_role(double pct, double mid, double high)
{
	if (mid <= 0 && high <= 0) {
		mid = GAUGE_MID_DEFAULT;
		high = GAUGE_HIGH_DEFAULT;
	}
	if (pct >= high)
		return ROLE_GAUGE_HIGH;
	if (pct >= mid)
		return ROLE_GAUGE_MID;
	return ROLE_GAUGE_LOW;
}

static void gauge_bar(struct grid *g, int x, int y, int w, double pct, int role)
{
	int full = 0, part = 0;

	if (!isnan(pct)) {
		double f = pct < 0 ? 0 : pct > 100 ? 1 : pct / 100;
		if (g->ascii) {
			full = (int)lround(f * w);
		} else {
			long eighths = lround(f * w * 8);
			full = (int)(eighths / 8);
			part = (int)(eighths % 8);
		}
	}
	for (int i = 0; i < w; i++) {
		if (i < full)
			grid_put(g, x + i, y, g->ascii ? '#' : 0x2588, role);
		else if (i == full && part)
			/* U+258F is one eighth, U+2589 seven eighths. */
			grid_put(g, x + i, y, 0x2590 - (uint32_t)part, role);
		else
			grid_put(g, x + i, y, g->ascii ? '.' : ' ', ROLE_GAUGE_EMPTY);
	}
}

void gauge_draw(struct grid *g, struct rect r, const struct gauge *gauge)
{
	char buf[64];
	const char *text = gauge->text;
	double max = isfinite(gauge->max) && gauge->max > 0 ? gauge->max : 100;
	double pct = gauge->value / max * 100;
	int text_w = gauge->text_w > 0 ? gauge->text_w : 6;
	int label_w = gauge->label ? (gauge->label_w > 0 ? gauge->label_w : grid_width(g, gauge->label)) : 0;
	int missing = isnan(gauge->value), bar_w, tw, x = r.x;
	struct rect old;

	if (rect_empty(r))
		return;
	old = grid_push_clip(g, rect_make(r.x, r.y, r.w, 1));
	grid_fill(g, rect_make(r.x, r.y, r.w, 1), ' ', ROLE_NORMAL);
	bar_w = r.w - text_w - 1 - (label_w ? label_w + 1 : 0);
	if (bar_w < GAUGE_MIN_BAR) {
		label_w = 0;
		bar_w = r.w - text_w - 1;
	}
	if (bar_w >= GAUGE_MIN_BAR) {
		if (label_w) {
			grid_text_fit(g, x, r.y, label_w, gauge->label, ROLE_LABEL);
			x += label_w + 1;
		}
		gauge_bar(g, x, r.y, bar_w, pct, gauge_role(pct, gauge->mid, gauge->high));
	} else {
		text_w = r.w;
	}
	if (!text)
		text = missing ? "-" : scale_fit(buf, sizeof buf, text_w, 1, pct, "%");
	tw = grid_width(g, text);
	if (tw > text_w)
		grid_text_fit(g, r.x + r.w - text_w, r.y, text_w, text, missing ? ROLE_DIM : ROLE_VALUE);
	else
		grid_text(g, r.x + r.w - tw, r.y, tw, text, missing ? ROLE_DIM : ROLE_VALUE);
	grid_set_clip(g, old);
}
