#include "config.h"

#include "scale.h"
#include "sparkline.h"

void spark_draw(struct grid *g, struct rect r, const struct spark *s)
{
	size_t n = s->v ? s->n : 0, shown;
	const float *v;
	double lo = s->lo, hi = s->hi;
	int role = s->role > 0 ? s->role : ROLE_SPARK;
	struct rect old;

	if (rect_empty(r))
		return;
	old = grid_push_clip(g, rect_make(r.x, r.y, r.w, 1));
	shown = n < (size_t)r.w ? n : (size_t)r.w;
	v = n ? s->v + (n - shown) : NULL;
	scale_range(v, shown, &lo, &hi);
	grid_fill(g, rect_make(r.x, r.y, r.w, 1), ' ', role);
	for (size_t i = 0; i < shown; i++) {
		int level = scale_level(v[i], lo, hi, 8);
		int x = r.x + r.w - (int)shown + (int)i;
		if (level < 0)
			continue;
		/* U+2581 is the lowest eighth block, U+2588 the full one. */
		grid_put(g, x, r.y, g->ascii ? (uint32_t)SPARK_ASCII[level] : 0x2581 + (uint32_t)level, role);
	}
	grid_set_clip(g, old);
}
