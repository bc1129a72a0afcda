#include "config.h"

#include "table.h"

/* More columns than this are not drawn; a screen is narrower than that anyway. */
#define TABLE_MAX_COLS 64

int table_visible(const struct table *t, struct rect r)
{
	int v = r.h - (t->no_header ? 0 : 1);
	return v > 0 ? v : 0;
}

void table_scroll(struct table *t, int visible)
{
	int max_top;

	if (visible < 1)
		visible = 1;
	if (t->selected >= t->nrows)
		t->selected = t->nrows - 1;
	if (t->selected >= 0) {
		if (t->selected < t->top)
			t->top = t->selected;
		if (t->selected >= t->top + visible)
			t->top = t->selected - visible + 1;
	}
	max_top = t->nrows - visible;
	if (t->top > max_top)
		t->top = max_top;
	if (t->top < 0)
		t->top = 0;
}

void table_move(struct table *t, int delta)
{
	long s;

	if (t->nrows <= 0) {
		t->selected = -1;
		return;
	}
	s = (long)(t->selected < 0 ? 0 : t->selected) + delta;
	t->selected = s < 0 ? 0 : s >= t->nrows ? t->nrows - 1 : (int)s;
}

/* Column widths for a total width w: fixed ones as asked, flexible ones share the rest. */
static void layout(const struct table *t, int w, int *xs, int *ws, int n)
{
	int fixed = 0, flex = 0, left, x = 0;

	for (int i = 0; i < n; i++) {
		if (t->cols[i].width > 0)
			fixed += t->cols[i].width;
		else
			flex++;
	}
	left = w - fixed - (n - 1);
	if (left < 0)
		left = 0;
	for (int i = 0, k = 0; i < n; i++) {
		int cw = t->cols[i].width;
		if (cw <= 0) {
			/* The first flexible columns take the remainder, one column each. */
			cw = left / flex + (k < left % flex ? 1 : 0);
			k++;
		}
		xs[i] = x;
		ws[i] = cw;
		x += cw + 1;
	}
}

static void draw_cell(struct grid *g, int x, int y, int w, int align, const char *s, int role)
{
	int sw = grid_width(g, s);

	if (w <= 0 || !s)
		return;
	if (sw >= w) {
		grid_text_fit(g, x, y, w, s, role);
		return;
	}
	if (align == TABLE_RIGHT)
		x += w - sw;
	else if (align == TABLE_CENTER)
		x += (w - sw) / 2;
	grid_text(g, x, y, sw, s, role);
}

void table_draw(struct grid *g, struct rect r, struct table *t)
{
	int xs[TABLE_MAX_COLS], ws[TABLE_MAX_COLS];
	int n = t->ncols < TABLE_MAX_COLS ? t->ncols : TABLE_MAX_COLS;
	int y = r.y, visible;
	struct rect old;

	if (rect_empty(r) || n <= 0)
		return;
	old = grid_push_clip(g, r);
	grid_fill(g, r, ' ', ROLE_NORMAL);
	layout(t, r.w, xs, ws, n);
	if (!t->no_header) {
		grid_fill(g, rect_make(r.x, y, r.w, 1), ' ', ROLE_HEADER);
		for (int c = 0; c < n; c++)
			draw_cell(g, r.x + xs[c], y, ws[c], t->cols[c].align, t->cols[c].title, ROLE_HEADER);
		y++;
	}
	visible = table_visible(t, r);
	table_scroll(t, visible);
	for (int i = 0; i < visible && t->top + i < t->nrows; i++, y++) {
		int row = t->top + i, sel = row == t->selected;
		if (sel)
			grid_fill(g, rect_make(r.x, y, r.w, 1), ' ', ROLE_SELECTED);
		for (int c = 0; c < n && t->cell; c++) {
			char buf[256];
			int role = ROLE_NORMAL;
			const char *s = t->cell(t->arg, row, c, buf, sizeof buf, &role);
			draw_cell(g, r.x + xs[c], y, ws[c], t->cols[c].align, s, sel ? ROLE_SELECTED : role);
		}
	}
	grid_set_clip(g, old);
}
