#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "grid.h"
#include "utf8.h"

/* A cell the terminal can never show, so everything compares as changed. */
#define GRID_UNKNOWN 0xFFFFFFFFu
/* Unchanged cells between two changed ones that still join them into one run. */
#define GRID_MERGE_GAP 3

struct rect rect_make(int x, int y, int w, int h)
{
	struct rect r = { .x = x, .y = y, .w = w > 0 ? w : 0, .h = h > 0 ? h : 0 };
	return r;
}

struct rect rect_intersect(struct rect a, struct rect b)
{
	int x0 = a.x > b.x ? a.x : b.x;
	int y0 = a.y > b.y ? a.y : b.y;
	/* In long long: a rectangle near INT_MAX must not overflow. */
	long long ax1 = (long long)a.x + a.w, bx1 = (long long)b.x + b.w;
	long long ay1 = (long long)a.y + a.h, by1 = (long long)b.y + b.h;
	long long x1 = ax1 < bx1 ? ax1 : bx1;
	long long y1 = ay1 < by1 ? ay1 : by1;
	if (a.w <= 0 || a.h <= 0 || b.w <= 0 || b.h <= 0 || x1 <= x0 || y1 <= y0)
		return rect_make(x0, y0, 0, 0);
	return rect_make(x0, y0, (int)(x1 - x0), (int)(y1 - y0));
}

int rect_empty(struct rect r)
{
	return r.w <= 0 || r.h <= 0;
}

int rect_contains(struct rect r, int x, int y)
{
	return !rect_empty(r) && x >= r.x && y >= r.y &&
	       (long long)x < (long long)r.x + r.w && (long long)y < (long long)r.y + r.h;
}

static struct cell *cell_at(struct grid *g, int x, int y)
{
	return &g->cells[(size_t)y * (size_t)g->w + (size_t)x];
}

static void mark_unknown(struct grid *g)
{
	size_t n = (size_t)g->w * (size_t)g->h;
	for (size_t i = 0; i < n; i++)
		g->prev[i] = (struct cell){ .ch = GRID_UNKNOWN };
}

int grid_init(struct grid *g, int w, int h)
{
	memset(g, 0, sizeof *g);
	return grid_resize(g, w, h);
}

void grid_free(struct grid *g)
{
	free(g->cells);
	free(g->prev);
	g->cells = g->prev = NULL;
	g->w = g->h = 0;
}

int grid_resize(struct grid *g, int w, int h)
{
	size_t n;
	struct cell *cells, *prev;

	w = w > 0 ? w : 0;
	h = h > 0 ? h : 0;
	n = (size_t)w * (size_t)h;
	/* One spare cell, so an empty grid still has memory to point at. */
	cells = calloc(n + 1, sizeof *cells);
	prev = calloc(n + 1, sizeof *prev);
	if (!cells || !prev) {
		free(cells);
		free(prev);
		return -1;
	}
	free(g->cells);
	free(g->prev);
	g->cells = cells;
	g->prev = prev;
	g->w = w;
	g->h = h;
	grid_clear(g);
	mark_unknown(g);
	return 0;
}

void grid_clear(struct grid *g)
{
	size_t n = (size_t)g->w * (size_t)g->h;
	for (size_t i = 0; i < n; i++)
		g->cells[i] = (struct cell){ .ch = ' ', .role = ROLE_NORMAL };
	g->clip = rect_make(0, 0, g->w, g->h);
}

struct rect grid_push_clip(struct grid *g, struct rect r)
{
	struct rect old = g->clip;
	g->clip = rect_intersect(old, r);
	return old;
}

void grid_set_clip(struct grid *g, struct rect r)
{
	g->clip = rect_intersect(r, rect_make(0, 0, g->w, g->h));
}

/* Before (x, y) is overwritten: a wide character it was half of loses its other half. */
static void unwide(struct grid *g, int x, int y)
{
	if (cell_at(g, x, y)->ch == GRID_WIDE_TAIL && x > 0)
		cell_at(g, x - 1, y)->ch = ' ';
	if (x + 1 < g->w && cell_at(g, x + 1, y)->ch == GRID_WIDE_TAIL)
		cell_at(g, x + 1, y)->ch = ' ';
}

static void set_cell(struct grid *g, int x, int y, uint32_t ch, int role)
{
	struct cell *c = cell_at(g, x, y);
	c->ch = ch;
	c->role = (uint8_t)role;
	c->attr = 0;
}

/* What a code point is drawn as when the grid can show it (not in ASCII), and its width;
 * 0 width means nothing is drawn. */
static uint32_t shown(uint32_t ch, int *width)
{
	int w = utf8_cp_width(ch);
	if (ch == GRID_WIDE_TAIL || w < 0) {
		*width = 1;
		return '?';
	}
	*width = w;
	return ch;
}

/* One character of width w (1 or 2) at (x, y), already what the terminal will show. */
static int put_shown(struct grid *g, int x, int y, uint32_t ch, int w, int role)
{
	if (!rect_contains(g->clip, x, y))
		return 0;
	if (role < 0 || role >= ROLE_COUNT)
		role = ROLE_NORMAL;
	unwide(g, x, y);
	if (w == 2 && !rect_contains(g->clip, x + 1, y)) {
		set_cell(g, x, y, ' ', role);
		return 1;
	}
	set_cell(g, x, y, ch, role);
	if (w == 2) {
		unwide(g, x + 1, y);
		set_cell(g, x + 1, y, GRID_WIDE_TAIL, role);
	}
	return w;
}

/* In ASCII a character is its stand-in (ascii.h), which may take several cells: "+-". */
static int put_ascii(struct grid *g, int x, int y, const char *form, int role)
{
	int used = 0;
	for (; *form; form++, used++)
		put_shown(g, x + used, y, (uint32_t)(unsigned char)*form, 1, role);
	return used;
}

int grid_put(struct grid *g, int x, int y, uint32_t ch, int role)
{
	int w;

	if (!rect_contains(g->clip, x, y))
		return 0;
	if (g->ascii) {
		char one[2];
		return put_ascii(g, x, y, ascii_form(ch, one), role);
	}
	ch = shown(ch, &w);
	if (w == 0)
		return 0;
	return put_shown(g, x, y, ch, w, role);
}

int grid_width(const struct grid *g, const char *utf8)
{
	return g->ascii ? ascii_width(utf8) : utf8_width(utf8);
}

int grid_text(struct grid *g, int x, int y, int maxw, const char *utf8, int role)
{
	long long right = (long long)g->clip.x + g->clip.w;
	int used = 0;
	uint32_t ch;

	if (!utf8 || maxw <= 0 || y < g->clip.y || y >= g->clip.y + g->clip.h)
		return 0;
	if (right - x < maxw)
		maxw = right - x > 0 ? (int)(right - x) : 0;
	while ((ch = utf8_decode(&utf8)) != 0) {
		int w;
		if (g->ascii) {
			/* A stand-in is drawn whole or not at all, as a wide character is. */
			char one[2];
			const char *form = ascii_form(ch, one);
			w = (int)strlen(form);
			if (used + w > maxw)
				break;
			used += put_ascii(g, x + used, y, form, role);   /* clipped cell by cell */
			continue;
		}
		ch = shown(ch, &w);
		if (w == 0)
			continue;
		if (used + w > maxw)
			break;
		if ((long long)x + used >= g->clip.x)
			put_shown(g, x + used, y, ch, w, role);
		used += w;
	}
	return used;
}

int grid_text_fit(struct grid *g, int x, int y, int maxw, const char *utf8, int role)
{
	int used;

	if (!utf8 || maxw <= 0)
		return 0;
	if (grid_width(g, utf8) <= maxw)
		return grid_text(g, x, y, maxw, utf8, role);
	if (!g->ascii) {
		used = grid_text(g, x, y, maxw - 1, utf8, role);
		return used + grid_put(g, x + used, y, 0x2026, role);
	}
	/* "..." needs a letter before it to say anything: in three columns or fewer, the start. */
	if (maxw <= 3)
		return grid_text(g, x, y, maxw, utf8, role);
	used = grid_text(g, x, y, maxw - 3, utf8, role);
	return used + grid_text(g, x + used, y, 3, "...", role);
}

void grid_fill(struct grid *g, struct rect r, uint32_t ch, int role)
{
	r = rect_intersect(r, g->clip);
	for (int y = r.y; y < r.y + r.h; y++)
		for (int x = r.x; x < r.x + r.w; x++)
			grid_put(g, x, y, ch, role);
}

void grid_add_attr(struct grid *g, struct rect r, int attr)
{
	r = rect_intersect(r, g->clip);
	for (int y = r.y; y < r.y + r.h; y++)
		for (int x = r.x; x < r.x + r.w; x++)
			cell_at(g, x, y)->attr |= (uint8_t)attr;
}

const struct cell *grid_get(const struct grid *g, int x, int y)
{
	if (x < 0 || y < 0 || x >= g->w || y >= g->h)
		return NULL;
	return &g->cells[(size_t)y * (size_t)g->w + (size_t)x];
}

char *grid_row_text(const struct grid *g, int y, char *buf, size_t len)
{
	size_t n = 0;

	if (!len)
		return buf;
	buf[0] = '\0';
	if (y < 0 || y >= g->h)
		return buf;
	for (int x = 0; x < g->w; x++) {
		char enc[8];
		int k;
		uint32_t ch = grid_get(g, x, y)->ch;
		if (ch == GRID_WIDE_TAIL)
			continue;
		k = utf8_encode(ch, enc);
		if (n + (size_t)k + 1 > len)
			break;
		memcpy(buf + n, enc, (size_t)k + 1);
		n += (size_t)k;
	}
	return buf;
}

static int changed(const struct grid *g, int x, int y)
{
	size_t i = (size_t)y * (size_t)g->w + (size_t)x;
	const struct cell *a = &g->cells[i], *b = &g->prev[i];
	return a->ch != b->ch || a->role != b->role || a->attr != b->attr;
}

int grid_row_dirty(const struct grid *g, int y)
{
	if (y < 0 || y >= g->h)
		return 0;
	for (int x = 0; x < g->w; x++)
		if (changed(g, x, y))
			return 1;
	return 0;
}

int grid_next_run(const struct grid *g, int y, int *x, int *end)
{
	int start = *x < 0 ? 0 : *x, last, gap = 0;

	if (y < 0 || y >= g->h)
		return 0;
	while (start < g->w && !changed(g, start, y))
		start++;
	if (start >= g->w)
		return 0;
	last = start;
	for (int i = start + 1; i < g->w && gap <= GRID_MERGE_GAP; i++) {
		if (changed(g, i, y)) {
			last = i;
			gap = 0;
		} else {
			gap++;
		}
	}
	if (start > 0 && grid_get(g, start, y)->ch == GRID_WIDE_TAIL)
		start--;
	if (last + 1 < g->w && grid_get(g, last + 1, y)->ch == GRID_WIDE_TAIL)
		last++;
	*x = start;
	*end = last + 1;
	return 1;
}

void grid_commit(struct grid *g)
{
	size_t n = (size_t)g->w * (size_t)g->h;
	memcpy(g->prev, g->cells, n * sizeof *g->cells);
}

void grid_invalidate(struct grid *g)
{
	mark_unknown(g);
}
