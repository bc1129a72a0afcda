#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tui-view.h"
#include "box.h"
#include "utf8.h"

/* Text that must be read whole: the keys' help and the "too small" message, wrapped at spaces
 * so no word is ever broken (a word longer than the width is the only thing cut). */

/* The end of the next line of s in `width` columns: after the last space that fits, or where a
 * single word too long for the width has to be cut. *next gets where the following line starts. */
static const char *wrap_end(const char *s, int width, const char **next)
{
	int used;
	const char *cut = utf8_cut(s, width, &used);
	if (!*cut) {
		*next = cut;
		return cut;
	}
	const char *space = NULL;
	for (const char *p = s; p <= cut && *p; p++)
		if (*p == ' ')
			space = p;
	if (space && space > s) {
		*next = space + 1;
		return space;
	}
	*next = cut;
	return cut;
}

/* Lines s takes wrapped in width columns; each drawn at (x, y + i) when g is not NULL, at most
 * max_lines of them. */
int tui_wrap_draw(struct grid *g, int x, int y, int width, int max_lines, const char *s, int role)
{
	int n = 0;
	if (width <= 0)
		return 0;
	while (*s) {
		const char *next, *end = wrap_end(s, width, &next);
		if (g && n < max_lines) {
			char line[512];
			snprintf(line, sizeof line, "%.*s", (int)(end - s), s);
			grid_text(g, x, y + n, width, line, role);
		}
		n++;
		s = next;
		while (*s == ' ')
			s++;
	}
	return n;
}

void tui_draw_help_box(struct tui *t, struct rect screen)
{
	enum { KEYW = 12 };
	int w = screen.w - 4 < 76 ? screen.w - 4 : 76;
	int textw = w - 2 - KEYW - 2;
	if (textw < 8)
		textw = 8;
	int lines = 0;
	for (int i = 0; tui_help_keys[i].key; i++)
		lines += tui_wrap_draw(NULL, 0, 0, textw, 0, tui_help_keys[i].what, 0);
	/* Taller than the screen: the rest is cut, with a last line saying so (the list is short). */
	int h = lines + 2 <= screen.h ? lines + 2 : screen.h;
	struct rect r = rect_make(screen.x + (screen.w - w) / 2, screen.y + (screen.h - h) / 2, w, h);
	grid_fill(&t->grid, r, ' ', ROLE_HELP);
	struct rect in = box_draw(&t->grid, r, &(struct box){ .title = "Keys · any key closes", .focused = 1 });
	int y = in.y;
	for (int i = 0; tui_help_keys[i].key && y < in.y + in.h; i++) {
		grid_text(&t->grid, in.x + 1, y, KEYW, tui_help_keys[i].key, ROLE_KEY);
		y += tui_wrap_draw(&t->grid, in.x + 1 + KEYW, y, textw, in.y + in.h - y, tui_help_keys[i].what, ROLE_HELP);
	}
}

void tui_draw_too_small(struct tui *t)
{
	struct grid *g = &t->grid;
	char msg[128];
	snprintf(msg, sizeof msg, "terminal too small: %dx%d needed (now %dx%d)", LAYOUT_MIN_W, LAYOUT_MIN_H,
	         t->layout.w, t->layout.h);
	int w = g->w > 0 ? g->w : 1;
	int rows = tui_wrap_draw(NULL, 0, 0, w, 0, msg, 0);
	int top = g->h > rows ? (g->h - rows) / 2 : 0;
	tui_wrap_draw(g, 0, top, w, g->h - top, msg, ROLE_WARN);
}
