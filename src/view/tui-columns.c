#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui-view.h"
#include "fmt-units.h"
#include "stats.h"
#include "text-visible.h"

/* The tests table's columns: what each shows of a row (tui_test_cell), and their widths this
 * draw, sized by what they hold: the name as long as its longest row, the figures as wide as
 * their widest, and the sparkline the rest. When the width runs short the figures give way
 * first (the rate, the spread, then the sparkline, all before the status is cut), and the name
 * keeps at least TUI_NAME_MIN columns while anything else can still shrink. */

/* ---- what each column shows ---- */

const struct table_col tui_test_cols[] = {
	{ "test", 0, TABLE_LEFT },
	{ "status", 15, TABLE_LEFT },
	{ "median", 15, TABLE_RIGHT },
	{ "±", 6, TABLE_RIGHT },
	{ "rate", 8, TABLE_RIGHT },
	{ "iterations", 0, TABLE_LEFT },
};
const int tui_ntest_cols = (int)(sizeof tui_test_cols / sizeof *tui_test_cols);

static int status_role(enum test_status s)
{
	switch (s) {
	case TS_PASS: return ROLE_OK;
	case TS_FAIL: case TS_ERROR: case TS_TIMEOUT: return ROLE_ERROR;
	case TS_WARMUP: case TS_RUNNING: case TS_STOPPED: return ROLE_WARN;
	default: return ROLE_DIM;
	}
}

const char *tui_test_cell(void *arg, int row, int col, char *buf, size_t len, int *role)
{
	struct tui *t = arg;
	const struct row *rw = &t->rows[row];
	const struct dash_feed *a = t->feed;
	if (rw->test < 0) {
		const struct dash_suite *s = &a->suites[rw->suite];
		*role = ROLE_TITLE;
		if (col == 0) {   /* ESC as \x1b, as the test rows and the reports show it */
			char name[sizeof s->name * 4];
			snprintf(buf, len, "▸ %s (%zu)", text_visible(name, sizeof name, s->name), s->ntests);
		} else
			return NULL;
		return buf;
	}
	const struct test_result *r = &a->results->tests[rw->test];
	switch (col) {
	case 0:
		return tui_test_name(buf, len, r, t->name_w > 0 ? t->name_w : 1 << 20, t->grid.ascii);
	case 1:
		*role = status_role(r->status);
		if (r->status == TS_RUNNING && r->info.iterations > 0 && !(r->info.precision > 0))
			snprintf(buf, len, "run %zu/%d", r->n, r->info.iterations);
		else if (r->status == TS_RUNNING)
			snprintf(buf, len, "run %zu", r->n);
		else if (r->status == TS_WARMUP)
			snprintf(buf, len, "warmup %d", r->warmups_done + 1);
		else
			snprintf(buf, len, "%s", test_status_name(r->status));
		/* A mark and the main reason when the machine disturbed it: "pass !busy". */
		if (results_test_disturbed(r)) {
			snprintf(buf + strlen(buf), len - strlen(buf), " !%s", noise_reason_short(r));
			if (*role == ROLE_OK)
				*role = ROLE_WARN;
		}
		return buf;
	case 2:
	case 3:
	case 4: {
		/* median and spread (MAD) so far; a command's rate is runs per second */
		if (r->n == 0)
			return col == 2 ? "-" : "";
		/* Three columns read the same statistics: compute them once per row and draw. */
		if (t->stats_row != row) {
			stats_compute(r->samples, r->n, &t->row_stats);
			t->stats_row = row;
		}
		const struct stats st = t->row_stats;
		if (col == 2) {
			fmt_unit(buf, len, st.median, r->info.unit, 0);
		} else if (col == 3 && st.n >= 2 && st.median != 0) {
			fmt_unit(buf, len, 100 * st.mad / fabs(st.median), "%", 0);
		} else if (col == 4 && strcmp(r->info.unit, "s") == 0 && st.median > 0) {
			fmt_unit(buf, len, 1 / st.median, "/s", 0);
		} else {
			return "";
		}
		return buf;
	}
	default:
		return NULL;   /* the sparkline is drawn over the table afterwards */
	}
}

/* ---- their widths ---- */

#define TUI_NAME_MIN  16
#define TUI_NAME_EASY 28    /* the name shrinks to this before any figure does */
#define TUI_SPARK_MIN 8

/* The widest cell of logical column col over rows [from, to) (the header's title included). */
static int widest(struct tui *t, int col, int from, int to)
{
	int w = grid_width(&t->grid, tui_test_cols[col].title);
	for (int row = from; row < to; row++) {
		char buf[256];
		int role = 0;
		const char *s = tui_test_cell(t, row, col, buf, sizeof buf, &role);
		int sw = s ? grid_width(&t->grid, s) : 0;
		if (sw > w)
			w = sw;
	}
	t->stats_row = -1;
	return w;
}

/* Rows among [from, to) that hold a figure in column col at all. */
static int any(struct tui *t, int col, int from, int to)
{
	for (int row = from; row < to; row++) {
		char buf[256];
		int role = 0;
		const char *s = tui_test_cell(t, row, col, buf, sizeof buf, &role);
		if (s && *s && strcmp(s, "-") != 0) {
			t->stats_row = -1;
			return 1;
		}
	}
	t->stats_row = -1;
	return 0;
}

static int total(const int *w, const int *on, int n)
{
	int sum = 0, shown = 0;
	for (int i = 0; i < n; i++)
		if (on[i]) {
			sum += w[i];
			shown++;
		}
	return sum + (shown > 0 ? shown - 1 : 0);
}

void tui_size_test_cols(struct tui *t, int width, int rows)
{
	enum { NAME, STATUS, MEDIAN, SPREAD, RATE, SPARK, N };
	int w[N], on[N];
	/* Names over every row (cheap, and steady while scrolling); the figures, which need each
	 * row's statistics, over a screenful around the rows in view. */
	int from = t->tests.top - rows > 0 ? t->tests.top - rows : 0;
	int to = t->tests.top + 2 * rows < t->nrows ? t->tests.top + 2 * rows : t->nrows;
	if (t->tests.selected >= 0 && (t->tests.selected < from || t->tests.selected >= to)) {
		from = t->tests.selected - rows > 0 ? t->tests.selected - rows : 0;
		to = t->tests.selected + rows < t->nrows ? t->tests.selected + rows : t->nrows;
	}
	t->name_w = 0;   /* tui_test_cell gives whole names while measuring */
	for (int c = 0; c < N; c++) {
		on[c] = 1;
		w[c] = c == SPARK ? 0 : c == NAME ? widest(t, c, 0, t->nrows) : widest(t, c, from, to);
	}
	on[SPREAD] = any(t, SPREAD, from, to);
	on[RATE] = any(t, RATE, from, to);
	if (w[NAME] < TUI_NAME_MIN)
		w[NAME] = TUI_NAME_MIN;
	/* A very long name does not take a wide screen from the sparkline: it is cut at half of it. */
	if (w[NAME] > width / 2 && width / 2 >= TUI_NAME_EASY)
		w[NAME] = width / 2;
	int left = width - total(w, on, N) - 1;
	/* Room to spare: the sparkline takes it. */
	if (left >= TUI_SPARK_MIN + 4) {
		w[SPARK] = left;
	} else {
		/* Shrink in order until it fits: each step takes what it can and no more. The sparkline
		 * goes whole before the status is cut: whether a test passed must always show. */
		struct { int col, to; } steps[] = {
			{ NAME, TUI_NAME_EASY }, { RATE, 0 }, { SPREAD, 0 }, { SPARK, 0 }, { STATUS, 8 },
			{ NAME, TUI_NAME_MIN }, { MEDIAN, 8 }, { STATUS, 4 }, { NAME, 4 },
		};
		w[SPARK] = TUI_SPARK_MIN;
		for (size_t i = 0; i < sizeof steps / sizeof *steps && total(w, on, N) > width; i++) {
			int c = steps[i].col, over = total(w, on, N) - width;
			if (!on[c] || w[c] <= steps[i].to)
				continue;
			if (steps[i].to == 0 && c != NAME) {
				on[c] = 0;
				continue;
			}
			w[c] = w[c] - over > steps[i].to ? w[c] - over : steps[i].to;
		}
		if (on[SPARK] && total(w, on, N) < width)
			w[SPARK] += width - total(w, on, N);
	}
	t->ntest_cols_shown = 0;
	for (int c = 0; c < N; c++)
		if (on[c]) {
			t->test_cols[t->ntest_cols_shown] = tui_test_cols[c];
			t->test_cols[t->ntest_cols_shown].width = w[c] > 0 ? w[c] : 1;
			t->test_col_of[t->ntest_cols_shown++] = c;
		}
	t->name_w = w[NAME];
	t->spark_w = on[SPARK] ? w[SPARK] : 0;
}
