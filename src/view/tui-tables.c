#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui-view.h"
#include "box.h"
#include "export.h"
#include "fmt-units.h"
#include "sparkline.h"
#include "util.h"

/* The tests table (status, median, spread, rate and a sparkline per test; what its columns show
 * and how wide they are: tui-columns.c) and the stress table. */

/* ---- the tests table ---- */

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

/* ---- the stress table ---- */

const struct table_col tui_stress_cols[] = {
	{ "generator", 9, TABLE_LEFT },
	{ "state", 7, TABLE_LEFT },   /* "stopped" */
	{ "settings", 0, TABLE_LEFT },
	{ "target", 8, TABLE_RIGHT },
	{ "achieved", 12, TABLE_RIGHT },
	{ "", STRESS_SPARK / 2, TABLE_LEFT },
};
const int tui_nstress_cols = (int)(sizeof tui_stress_cols / sizeof *tui_stress_cols);

/* A stress row reads one place: the model's row, taken once per draw. */
const char *tui_stress_cell(void *arg, int row, int col, char *buf, size_t len, int *role)
{
	struct tui *t = arg;
	if (row < 0 || row >= t->model.nstress)
		return NULL;
	const struct model_stress *ms = &t->model.stress[row];
	const struct frame_stress *fs = &ms->row;
	switch (col) {
	case 0: return str_copy(buf, fs->name, len);
	case 1:
		if (fs->paused) {   /* held by the thermal guard (--max-temp): no worker runs */
			*role = ROLE_ERROR;
			return "paused";
		}
		if (!fs->on && !strncmp(fs->note, "stopped", 7)) {   /* its workers gave up (the log says why) */
			*role = ROLE_ERROR;
			return "stopped";
		}
		*role = fs->on ? ROLE_OK : ROLE_DIM;
		return fs->on ? "on" : "off";
	case 2:
		return str_copy(buf, ms->settings, len);
	case 3:
		if (!isfinite(fs->target))
			return "-";
		c_snprintf(buf, len, "%.0f %s", fs->target, fs->unit);
		return buf;
	case 4:
		/* the newest achieved figure the sampler reported */
		if (!fs->on || !isfinite(fs->achieved))
			return "-";
		/* Under its target for a while: the sampler's row says so (the event log says why). */
		if (row < FRAME_MAX_STRESS && !strncmp(t->feed->store->latest.stress[row].note, "under target", 12))
			*role = ROLE_WARN;
		if (strcmp(fs->unit, "%") == 0)
			c_snprintf(buf, len, "%.1f %s", fs->achieved, fs->unit);
		else   /* scaled, 3 or 4 digits: 17.85 GiB/s, not 18276.7 MiB/s cut to fit */
			fmt_unit(buf, len, fs->achieved, fs->unit, 0);
		return buf;
	default: return NULL;
	}
}

void tui_draw_stress(struct tui *t, struct rect r)
{
	struct rect in = box_draw(&t->grid, r, &(struct box){
		.title = "Stress · Enter on/off · ←→ intensity · Tab tests", .focused = 1 });
	if (rect_empty(in))
		return;
	t->model.nstress = t->feed->state->nstress;
	memcpy(t->model.stress, t->feed->state->stress, sizeof t->model.stress);
	t->stress_table.nrows = t->model.nstress;
	table_draw(&t->grid, in, &t->stress_table);
	/* Under the table, a line per GPU of the gpu generator; one that failed or computed wrong in red. */
	for (int i = 0, y = in.y + 1 + t->stress_table.nrows; y < in.y + in.h && i < t->feed->state->ndetail; i++, y++) {
		const char *line = t->feed->state->detail[i];
		grid_text_fit(&t->grid, in.x + 2, y, in.w - 2, line,
		              strstr(line, " STOPPED: ") || strstr(line, " FAULTY") ? ROLE_ERROR : ROLE_NORMAL);
	}
	/* Each generator's achieved figure over the last samples (the store's), in the last column. */
	int w = STRESS_SPARK / 2;
	float v[STRESS_SPARK];
	for (int g = 0; g < t->stress_table.nrows && g + 1 < in.h && g < FRAME_MAX_STRESS; g++) {
		size_t n = store_last(t->feed->store, SERIES_STRESS(g), STRESS_SPARK, v);
		spark_draw(&t->grid, rect_make(in.x + in.w - w, in.y + 1 + g, w, 1),
		           &(struct spark){ .v = v, .n = n, .lo = 0, .hi = NAN });
	}
}
