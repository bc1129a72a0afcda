/* table.h - rows and columns with a header, a selected row, and scrolling.
 *
 * The table holds no data: it asks the caller for each visible cell, so a table over
 * thousands of results costs only the rows on screen.
 */
#ifndef BENCHTOP_TABLE_H
#define BENCHTOP_TABLE_H

#include <stddef.h>

#include "grid.h"

enum table_align { TABLE_LEFT, TABLE_RIGHT, TABLE_CENTER };

struct table_col {
	const char *title;
	int width;           /* columns; 0 = a share of what the fixed columns leave */
	int align;           /* enum table_align */
};

/* Text of a cell: return a constant string, or format into buf (len bytes) and return
 * it; NULL draws nothing. *role arrives as ROLE_NORMAL and may be changed (ROLE_ERROR
 * for a failed test). Called only for rows in view. */
typedef const char *(*table_cell_fn)(void *arg, int row, int col, char *buf, size_t len, int *role);

struct table {
	const struct table_col *cols;
	int ncols;
	int nrows;
	table_cell_fn cell;
	void *arg;
	int selected;        /* row drawn in ROLE_SELECTED; -1 for none */
	int top;             /* first row in view; table_draw moves it to show the selection */
	int no_header;       /* no title row */
};

/* Columns are one space apart; those that do not fit are cut at the right edge. */
void table_draw(struct grid *g, struct rect r, struct table *t);
/* Moves t->top so the selected row is among the `visible` rows in view, and no
 * rows of view are wasted past the end. */
void table_scroll(struct table *t, int visible);
/* Moves the selection by delta rows (PgUp/PgDn: the rows in view), within the table. */
void table_move(struct table *t, int delta);
/* Rows a table drawn in r shows (r.h less the header), for paging. */
int  table_visible(const struct table *t, struct rect r);

#endif
