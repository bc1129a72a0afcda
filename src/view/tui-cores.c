#include "config.h"

#include <math.h>
#include <stdio.h>

#include "tui-view.h"
#include "sparkline.h"
#include "util.h"

/* Many cores in a few rows of the CPU box. A labelled grid: rows of a multiple of 8 cores, one
 * glyph each, the row's first core number on the left, so core 37 can be found. When even that
 * does not fit, the busiest cores by name ("#12 99%"), as htop users look for them. */

#define CORES_LABEL 4    /* "128 " */

static void busiest(struct tui *t, struct rect r, const struct frame *f)
{
	int n = f->cpu.ncores, order[FRAME_MAX_CORES];
	for (int i = 0; i < n; i++)
		order[i] = i;
	/* Selection of the top few: as many as the rows can show. */
	int x = r.x, y = r.y;
	grid_text(&t->grid, x, y, r.w, "busiest", ROLE_LABEL);
	x += 8;
	for (int k = 0; k < n; k++) {
		int best = k;
		for (int i = k + 1; i < n; i++)   /* a core not measured yet (NAN) goes last */
			if (f->cpu.core[order[i]] > f->cpu.core[order[best]] || isnan(f->cpu.core[order[best]]))
				best = i;
		int tmp = order[k];
		order[k] = order[best];
		order[best] = tmp;
		char cell[24];
		float v = f->cpu.core[order[k]];
		int w = isnan(v) ? c_snprintf(cell, sizeof cell, "#%d -", order[k])
		                 : c_snprintf(cell, sizeof cell, "#%d %.0f%%", order[k], v);
		if (x + w > r.x + r.w) {
			if (++y >= r.y + r.h)
				break;
			x = r.x;
		}
		grid_text(&t->grid, x, y, w, cell, ROLE_VALUE);
		x += w + 2;
	}
}

void tui_draw_many_cores(struct tui *t, struct rect r)
{
	const struct frame *f = &t->feed->store->latest;
	int n = f->cpu.ncores;
	int per_row = (r.w - CORES_LABEL) / 8 * 8;
	if (per_row <= 0 || n <= 0 || r.h <= 0)
		return;
	int rows = (n + per_row - 1) / per_row;
	if (rows > r.h) {
		busiest(t, r, f);
		return;
	}
	if (tui_scratch(t, (size_t)n) < 0)
		return;
	for (int i = 0; i < n; i++)
		t->scratch[i] = f->cpu.core[i];
	for (int row = 0; row < rows; row++) {
		int first = row * per_row, cnt = n - first < per_row ? n - first : per_row;
		char label[16];
		snprintf(label, sizeof label, "%-*d", CORES_LABEL - 1, first);
		grid_text(&t->grid, r.x, r.y + row, CORES_LABEL, label, ROLE_LABEL);
		spark_draw(&t->grid, rect_make(r.x + CORES_LABEL, r.y + row, cnt, 1),
		           &(struct spark){ .v = t->scratch + first, .n = (size_t)cnt, .lo = 0, .hi = 100 });
	}
}
