#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui-view.h"
#include "box.h"
#include "export.h"
#include "sparkline.h"
#include "util.h"

/* The tests table: status, median, spread, rate and a sparkline per test (what its columns show
 * and how wide they are: tui-columns.c). The stress table is tui-stress.c's. */

void tui_fmt_value(char *buf, size_t len, double v)
{
	if (!isfinite(v))
		str_copy(buf, "-", len);
	else if (fabs(v) >= 1e5 || (fabs(v) < 1e-3 && v != 0))
		c_snprintf(buf, len, "%.3g", v);
	else if (fabs(v) >= 100)
		c_snprintf(buf, len, "%.1f", v);
	else
		c_snprintf(buf, len, "%.4g", v);
}

static void draw_test_sparks(struct tui *t, struct rect in)
{
	/* Over the last column: each visible test's iteration values. */
	int first = t->tests.top, w = t->spark_w;
	int x = in.x + in.w - w;
	if (w <= 0 || x < in.x)
		return;
	for (int i = 0; i + 1 < in.h && first + i < t->nrows; i++) {
		const struct row *rw = &t->rows[first + i];
		if (rw->test < 0)
			continue;
		const struct test_result *r = &t->feed->results->tests[rw->test];
		if (r->n == 0)
			continue;
		size_t n = r->n < (size_t)w ? r->n : (size_t)w;
		if (tui_scratch(t, (size_t)w) < 0)
			return;
		for (size_t k = 0; k < n; k++)
			t->scratch[k] = (float)r->samples[r->n - n + k];
		spark_draw(&t->grid, rect_make(x, in.y + 1 + i, w, 1),
		           &(struct spark){ .v = t->scratch, .n = n, .lo = NAN, .hi = NAN });
	}
}

/* The table draws the columns tui_size_test_cols chose: shown column -> tui_test_cols'. */
static const char *shown_cell(void *arg, int row, int col, char *buf, size_t len, int *role)
{
	struct tui *t = arg;
	return tui_test_cell(arg, row, t->test_col_of[col], buf, len, role);
}

void tui_draw_tests(struct tui *t, struct rect r)
{
	char title[96];
	snprintf(title, sizeof title, "Tests%s", t->feed->nsuites ? "" : " · none loaded (benchtop --run SUITE)");
	struct rect in = box_draw(&t->grid, r, &(struct box){ .title = title, .focused = 1 });
	if (rect_empty(in))
		return;
	t->tests.nrows = t->nrows;
	t->stats_row = -1;
	/* While a run goes on, the running test's row is selected when it starts, so the table
	 * scrolls to it; keys move the selection away until the next test starts. Its status
	 * line takes the last row. */
	char status[512];
	int run_row = tui_row_of_test(t, tui_running_test(t));
	if (run_row >= 0 && run_row != t->follow_row)
		t->tests.selected = run_row;
	t->follow_row = run_row;
	if (tui_run_status(t, status, sizeof status, in.w) && in.h >= 3) {
		in.h--;
		text_line(&t->grid, rect_make(in.x, in.y + in.h, in.w, 1), status, ROLE_VALUE, TEXT_LEFT);
	}
	tui_size_test_cols(t, in.w, in.h);
	t->tests.cols = t->test_cols;
	t->tests.ncols = t->ntest_cols_shown;
	t->tests.cell = shown_cell;
	t->stats_row = -1;
	table_draw(&t->grid, in, &t->tests);
	draw_test_sparks(t, in);
}
