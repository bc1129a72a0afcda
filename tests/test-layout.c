/* Layout properties over every terminal size from 1x1 to 250x80: panels stay on screen,
 * never overlap, and 80x24 shows every panel; small terminals say so instead. */
#include "config.h"

#include "check.h"
#include "layout.h"

static int overlap(struct rect a, struct rect b)
{
	return !rect_empty(rect_intersect(a, b));
}

int main(void)
{
	for (int gpus = 0; gpus <= 4; gpus += 2)
		for (int w = 1; w <= 250; w++)
			for (int h = 1; h <= 80; h++) {
				struct layout l;
				layout_compute(&l, w, h, gpus);
				if (w < LAYOUT_MIN_W || h < LAYOUT_MIN_H) {
					CHECK(l.too_small);
					continue;
				}
				CHECK(!l.too_small);
				for (int p = 0; p < PANEL_COUNT; p++) {
					struct rect r = l.panel[p];
					if (rect_empty(r))
						continue;
					if (r.x < 0 || r.y < 0 || r.x + r.w > w || r.y + r.h > h) {
						CHECK(!"panel off screen");
						fprintf(stderr, "  %dx%d panel %d at %d,%d %dx%d\n", w, h, p, r.x, r.y, r.w, r.h);
					}
					for (int q = p + 1; q < PANEL_COUNT; q++)
						if (overlap(r, l.panel[q])) {
							CHECK(!"panels overlap");
							fprintf(stderr, "  %dx%d panels %d and %d\n", w, h, p, q);
						}
				}
				CHECK(l.panel[PANEL_TABLE].h >= 4);
				CHECK(l.panel[PANEL_FOOTER].y == h - 1);
			}
	struct layout l;
	layout_compute(&l, 80, 24, 0);
	for (int p = 0; p < PANEL_COUNT; p++)
		if (p != PANEL_GPU)
			CHECK(!rect_empty(l.panel[p]));
	CHECK_INT(l.panel[PANEL_LOG].y + l.panel[PANEL_LOG].h, 23);
	layout_compute(&l, 120, 40, 2);
	CHECK(!rect_empty(l.panel[PANEL_GPU]));
	CHECK(l.panel[PANEL_TABLE].h > 6);
	/* While a run is active the table wants 9 rows (five tests, its header, the status line and
	 * the box): at 80x24 it gets them from the graph, and panels with little data shrink. */
	for (int w = LAYOUT_MIN_W; w <= 250; w += 7)
		for (int h = LAYOUT_MIN_H; h <= 80; h++)
			for (int top = 0; top <= 6; top += 3) {
				layout_compute_for(&l, w, h, 0, &(struct layout_want){ top, 9 });
				int bottom = 0;
				for (int p = 0; p < PANEL_COUNT; p++) {
					struct rect r = l.panel[p];
					if (rect_empty(r))
						continue;
					CHECK(r.y >= 0 && r.y + r.h <= h);
					for (int q = p + 1; q < PANEL_COUNT; q++)
						CHECK(!overlap(r, l.panel[q]));
					bottom = r.y + r.h > bottom ? r.y + r.h : bottom;
				}
				CHECK(l.panel[PANEL_TABLE].h >= 4);
				CHECK_INT(bottom, h);
				if (h >= 24)
					CHECK(l.panel[PANEL_TABLE].h >= 9);
			}
	layout_compute_for(&l, 80, 24, 0, &(struct layout_want){ 4, 9 });
	CHECK_INT(l.panel[PANEL_CPU].h, 6);
	CHECK(l.panel[PANEL_TABLE].h >= 9);
	CHECK(!rect_empty(l.panel[PANEL_GRAPH]));
	CHECK(!rect_empty(l.panel[PANEL_LOG]));
	return check_result();
}
