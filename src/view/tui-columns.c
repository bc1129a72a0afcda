#include "config.h"

#include <string.h>

#include "tui-view.h"
#include "utf8.h"

/* The tests table's columns, sized by what they hold this draw: the name as long as its longest
 * row, the figures as wide as their widest, and the sparkline the rest. When the width runs
 * short the figures give way first (the rate, the spread, then the sparkline), and the name keeps
 * at least TUI_NAME_MIN columns while anything else can still shrink. */

#define TUI_NAME_MIN  16
#define TUI_NAME_EASY 28    /* the name shrinks to this before any figure does */
#define TUI_SPARK_MIN 8

/* The widest cell of logical column col over rows [from, to) (the header's title included). */
static int widest(struct tui *t, int col, int from, int to)
{
	int w = utf8_width(tui_test_cols[col].title);
	for (int row = from; row < to; row++) {
		char buf[256];
		int role = 0;
		const char *s = tui_test_cell(t, row, col, buf, sizeof buf, &role);
		int sw = s ? utf8_width(s) : 0;
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
		/* Shrink in order until it fits: each step takes what it can and no more. */
		struct { int col, to; } steps[] = {
			{ NAME, TUI_NAME_EASY }, { RATE, 0 }, { SPREAD, 0 }, { STATUS, 8 }, { NAME, TUI_NAME_MIN },
			{ MEDIAN, 8 }, { STATUS, 4 }, { NAME, 4 },
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
			/* Once the rate and the spread are gone, the sparkline goes before the name's last room. */
			if (c == STATUS && on[SPARK] && total(w, on, N) > width)
				on[SPARK] = 0;
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
