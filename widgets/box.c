#include "config.h"

#include "box.h"
#include "utf8.h"

struct rect box_draw(struct grid *g, struct rect r, const struct box *b)
{
	static const uint32_t uni[] = { 0x2500, 0x2502, 0x250C, 0x2510, 0x2514, 0x2518 };
	static const uint32_t asc[] = { '-', '|', '+', '+', '+', '+' };
	const uint32_t *gl = g->ascii ? asc : uni;
	int role = b && b->focused ? ROLE_BORDER_FOCUS : ROLE_BORDER;
	int x1 = r.x + r.w - 1, y1 = r.y + r.h - 1;
	struct rect old;

	if (r.w < 2 || r.h < 2)
		return r.w > 0 && r.h > 0 ? r : rect_make(r.x, r.y, 0, 0);
	old = grid_push_clip(g, r);
	for (int x = r.x + 1; x < x1; x++) {
		grid_put(g, x, r.y, gl[0], role);
		grid_put(g, x, y1, gl[0], role);
	}
	for (int y = r.y + 1; y < y1; y++) {
		grid_put(g, r.x, y, gl[1], role);
		grid_put(g, x1, y, gl[1], role);
	}
	grid_put(g, r.x, r.y, gl[2], role);
	grid_put(g, x1, r.y, gl[3], role);
	grid_put(g, r.x, y1, gl[4], role);
	grid_put(g, x1, y1, gl[5], role);
	/* "┌─ title ─┐": a space either side, and at least one line before the corner. */
	if (b && b->title && *b->title && r.w >= 6) {
		int used = grid_text_fit(g, r.x + 3, r.y, r.w - 6, b->title, ROLE_TITLE);
		if (used > 0) {
			grid_put(g, r.x + 2, r.y, ' ', role);
			grid_put(g, r.x + 3 + used, r.y, ' ', role);
		}
	}
	grid_set_clip(g, old);
	return rect_make(r.x + 1, r.y + 1, r.w - 2, r.h - 2);
}
