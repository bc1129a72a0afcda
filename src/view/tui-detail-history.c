#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui-view.h"
#include "fmt-units.h"
#include "history-db.h"
#include "history-read.h"
#include "sparkline.h"
#include "util.h"

/* The detail view's line about the test's past: its median in the last runs recorded in the
 * history database, as a sparkline, read once when the view opens. Without a database, without
 * runs of this test, or with a database that cannot be read: one line saying so. */

#define DETAIL_RUNS 40

static void load(struct tui *t, int idx)
{
	const struct test_result *r = tui_test(t, idx);
	const struct dash_feed *o = t->feed;
	struct history_db h;
	char path[4096], why[512];
	t->hist_test = idx;
	t->hist_n = 0;
	t->hist_why[0] = '\0';
	if (o->no_history) {
		str_copy(t->hist_why, "history: off (--no-history)", sizeof t->hist_why);
		return;
	}
	if (history_db_path(path, sizeof path, o->history_db, why, sizeof why) < 0) {
		snprintf(t->hist_why, sizeof t->hist_why, "history: %s", why);
		return;
	}
	int rc = history_db_open(&h, path, HISTORY_READ, why, sizeof why);
	if (rc == 1) {
		str_copy(t->hist_why, "history: no runs recorded yet", sizeof t->hist_why);
		return;
	}
	if (rc < 0) {
		snprintf(t->hist_why, sizeof t->hist_why, "history: cannot be read: %s", why);
		return;
	}
	struct history_test *tests = NULL;
	struct history_point *pts = NULL;
	size_t ntests = 0, npts = 0;
	long long id = 0;
	if (history_read_tests(&h, &tests, &ntests, why, sizeof why) < 0) {
		snprintf(t->hist_why, sizeof t->hist_why, "history: cannot be read: %s", why);
		history_db_close(&h);
		return;
	}
	for (size_t i = 0; i < ntests && !id; i++)
		if (strcmp(tests[i].suite, r->info.suite) == 0 && strcmp(tests[i].name, r->info.name) == 0 &&
		    strcmp(tests[i].variant, r->info.variant) == 0 && strcmp(tests[i].unit, r->info.unit) == 0)
			id = tests[i].id;
	free(tests);
	if (!id) {
		str_copy(t->hist_why, "history: this test has no recorded runs", sizeof t->hist_why);
	} else if (history_read_series(&h, id, 0, DETAIL_RUNS, &pts, &npts, why, sizeof why) < 0) {
		snprintf(t->hist_why, sizeof t->hist_why, "history: cannot be read: %s", why);
	} else {
		for (size_t i = 0; i < npts && i < DETAIL_RUNS; i++)
			t->hist_v[t->hist_n++] = (float)pts[i].value;
		if (!t->hist_n)
			str_copy(t->hist_why, "history: this test has no recorded runs", sizeof t->hist_why);
	}
	free(pts);
	history_db_close(&h);
}

/* Draws the line at (x, y), w wide; 1 when it drew one. */
int tui_draw_detail_history(struct tui *t, int idx, int x, int y, int w)
{
	if (t->hist_test != idx)
		load(t, idx);
	if (w <= 0)
		return 0;
	if (!t->hist_n) {
		grid_text_fit(&t->grid, x, y, w, t->hist_why, ROLE_DIM);
		return 1;
	}
	const struct test_result *r = tui_test(t, idx);
	char label[64], last[32];
	fmt_unit(last, sizeof last, t->hist_v[t->hist_n - 1], r->info.unit, 0);
	int lw = t->hist_n == 1 ? snprintf(label, sizeof label, "last run ") :
	         snprintf(label, sizeof label, "last %zu runs ", t->hist_n);
	grid_text(&t->grid, x, y, w, label, ROLE_LABEL);
	int sw = (int)t->hist_n;
	if (lw + sw > w)
		sw = w - lw;
	spark_draw(&t->grid, rect_make(x + lw, y, sw > 0 ? sw : 0, 1),
	           &(struct spark){ .v = t->hist_v, .n = t->hist_n, .lo = NAN, .hi = NAN });
	char tail[64];
	snprintf(tail, sizeof tail, "  latest %s", last);
	if (lw + sw < w)
		grid_text_fit(&t->grid, x + lw + sw, y, w - lw - sw, tail, ROLE_VALUE);
	return 1;
}
