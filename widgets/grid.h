/* grid.h - a plain grid of cells that widgets draw into and tests read back.
 *
 * The dashboard clears the grid, lets each widget draw into its rectangle, and then the
 * terminal layer (src/view/term.c, the only curses user) copies what changed since the last
 * copy:
 *
 *	for (int y = 0; y < g->h; y++)
 *		for (int x = 0, end; grid_next_run(g, y, &x, &end); x = end)
 *			... move to (x, y), draw cells x .. end-1 (skip GRID_WIDE_TAIL) ...
 *	grid_commit(g);
 *
 * A wide character (CJK, emoji) fills two cells: the first holds the code point, the
 * second holds GRID_WIDE_TAIL and is drawn by nothing. All drawing is clipped to the grid
 * and to the current clip rectangle, so a widget never writes outside its rectangle.
 * Main thread only; the grid owns its memory.
 *
 * Every widget (box.h, gauge.h, sparkline.h, graph.h, table.h, text.h) is one file with one
 * header that declares its model and a typed draw function, and keeps one contract: it writes
 * only inside its rectangle (and the grid's clip), draws nothing for a zero or negative width
 * or height, shows missing values (NAN) as "-" or blank, and clamps values outside their
 * range. Widgets only read their model; history lives in the store.
 */
#ifndef BENCHTOP_GRID_H
#define BENCHTOP_GRID_H

#include <stddef.h>
#include <stdint.h>

#include "roles.h"

#define GRID_WIDE_TAIL 0u   /* the right half of a wide character */

struct cell {
	uint32_t ch;     /* Unicode code point */
	uint8_t role;    /* enum role */
	uint8_t attr;    /* ATTR_* added to the role's style */
};

struct rect {
	int x, y, w, h;
};

struct grid {
	int w, h;
	struct cell *cells;   /* h rows of w cells */
	struct cell *prev;    /* what the terminal shows, as of the last grid_commit */
	struct rect clip;     /* drawing outside it is dropped */
	int ascii;            /* draw with ASCII only (--ascii, or no UTF-8 locale) */
};

/* 0, or -1 when out of memory. Sizes below 0 count as 0. */
int  grid_init(struct grid *g, int w, int h);
void grid_free(struct grid *g);
/* New size: the cells are cleared and the next copy redraws everything. */
int  grid_resize(struct grid *g, int w, int h);
/* Every cell to a space in ROLE_NORMAL; the clip to the whole grid. */
void grid_clear(struct grid *g);
void grid_fill(struct grid *g, struct rect r, uint32_t ch, int role);

/* Narrows the clip to r (within the old clip) and returns the old clip, for grid_set_clip. */
struct rect grid_push_clip(struct grid *g, struct rect r);
void grid_set_clip(struct grid *g, struct rect r);

/* One character at (x, y); 0 when clipped away, else the columns it took (1 or 2; with
 * g->ascii, its stand-in's: "+-" for ±). A wide character that does not fit whole is drawn
 * as a space. */
int  grid_put(struct grid *g, int x, int y, uint32_t ch, int role);
/* UTF-8 text from (x, y), at most maxw columns; returns the columns used. Control
 * characters show as '?'; with g->ascii every other character shows as its ASCII form
 * (ascii.h: "+-" for ±, "..." for …, '?' for one without a stand-in). */
int  grid_text(struct grid *g, int x, int y, int maxw, const char *utf8, int role);
/* Columns utf8 takes when drawn on g: with g->ascii, those of its ASCII form. Measure text
 * with this, not utf8_width, before placing or cutting it. */
int  grid_width(const struct grid *g, const char *utf8);
/* As grid_text, but text longer than maxw ends in "…" ("..." in ASCII, where three columns
 * or fewer show only the start). */
int  grid_text_fit(struct grid *g, int x, int y, int maxw, const char *utf8, int role);
/* Adds ATTR_* bits to the cells of r. */
void grid_add_attr(struct grid *g, struct rect r, int attr);

/* The cell at (x, y), or NULL outside the grid. */
const struct cell *grid_get(const struct grid *g, int x, int y);
/* Row y as UTF-8 (every column, trailing spaces included); "" outside the grid. */
char *grid_row_text(const struct grid *g, int y, char *buf, size_t len);

/* Changes since the last grid_commit. grid_next_run finds the next run of changed cells
 * of row y at or after *x: 1 and [*x, *end), or 0 when there is none. Runs never split
 * a wide character, and nearby runs are merged to save cursor moves. */
int  grid_row_dirty(const struct grid *g, int y);
int  grid_next_run(const struct grid *g, int y, int *x, int *end);
/* The terminal now shows the grid. */
void grid_commit(struct grid *g);
/* The terminal shows something unknown (cleared, resized): redraw everything next time. */
void grid_invalidate(struct grid *g);

/* Rectangles. */
struct rect rect_make(int x, int y, int w, int h);
struct rect rect_intersect(struct rect a, struct rect b);
int  rect_empty(struct rect r);
int  rect_contains(struct rect r, int x, int y);

#endif
