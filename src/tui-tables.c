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
#include "stats.h"
#include "util.h"

/* The tests table (status, median, spread, rate and a sparkline per test) and the stress table. */

/* ---- the tests table ---- */

#define TEST_SPARK 12

const struct table_col tui_test_cols[] = {
	{ "test", 0, TABLE_LEFT },
	{ "status", 15, TABLE_LEFT },
	{ "median", 15, TABLE_RIGHT },
	{ "±", 6, TABLE_RIGHT },
	{ "rate", 8, TABLE_RIGHT },
	{ "iterations", TEST_SPARK, TABLE_LEFT },
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

const char *tui_test_cell(void *arg, int row, int col, char *buf, size_t len, int *role)
{
	struct tui *t = arg;
	const struct row *rw = &t->rows[row];
	const struct dash_feed *a = t->feed;
	if (rw->test < 0) {
		const struct dash_suite *s = &a->suites[rw->suite];
		*role = ROLE_TITLE;
		if (col == 0)
			snprintf(buf, len, "▸ %s (%zu)", s->name, s->ntests);
		else
			return NULL;
		return buf;
	}
	const struct test_result *r = &a->results->tests[rw->test];
	switch (col) {
	case 0: {
		char variant[200];
		export_variant_label(variant, sizeof variant, r->info.variant);
		snprintf(buf, len, "  %s%s%s", r->info.name, variant[0] ? " " : "", variant);
		return buf;
	}
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
		char v[24];
		if (col == 2) {
			tui_fmt_value(v, sizeof v, st.median);
			snprintf(buf, len, "%s %.7s", v, r->info.unit);
		} else if (col == 3 && st.n >= 2 && st.median != 0) {
			c_snprintf(buf, len, "%.1f%%", 100 * st.mad / fabs(st.median));
		} else if (col == 4 && strcmp(r->info.unit, "s") == 0 && st.median > 0) {
			tui_fmt_value(v, sizeof v, 1 / st.median);
			snprintf(buf, len, "%s/s", v);
		} else {
			return "";
		}
		return buf;
	}
	default:
		return NULL;   /* the sparkline is drawn over the table afterwards */
	}
}

static void draw_test_sparks(struct tui *t, struct rect in)
{
	/* Over the last column: each visible test's iteration values. */
	int first = t->tests.top;
	int x = in.x + in.w - TEST_SPARK;
	if (x < in.x)
		return;
	for (int i = 0; i + 1 < in.h && first + i < t->nrows; i++) {
		const struct row *rw = &t->rows[first + i];
		if (rw->test < 0)
			continue;
		const struct test_result *r = &t->feed->results->tests[rw->test];
		if (r->n == 0)
			continue;
		size_t n = r->n < TEST_SPARK ? r->n : TEST_SPARK;
		if (tui_scratch(t, TEST_SPARK) < 0)
			return;
		for (size_t k = 0; k < n; k++)
			t->scratch[k] = (float)r->samples[r->n - n + k];
		spark_draw(&t->grid, rect_make(x, in.y + 1 + i, TEST_SPARK, 1),
		           &(struct spark){ .v = t->scratch, .n = n, .lo = NAN, .hi = NAN });
	}
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
	table_draw(&t->grid, in, &t->tests);
	draw_test_sparks(t, in);
}

/* ---- the stress table ---- */

const struct table_col tui_stress_cols[] = {
	{ "generator", 9, TABLE_LEFT },
	{ "state", 5, TABLE_LEFT },
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
		c_snprintf(buf, len, "%.1f %s", fs->achieved, fs->unit);
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
	/* Under the table, a line per GPU of the gpu generator. */
	for (int i = 0, y = in.y + 1 + t->stress_table.nrows; y < in.y + in.h && i < t->feed->state->ndetail; i++, y++)
		grid_text_fit(&t->grid, in.x + 2, y, in.w - 2, t->feed->state->detail[i], ROLE_NORMAL);
	/* Each generator's achieved figure over the last samples (the store's), in the last column. */
	int w = STRESS_SPARK / 2;
	float v[STRESS_SPARK];
	for (int g = 0; g < t->stress_table.nrows && g + 1 < in.h && g < FRAME_MAX_STRESS; g++) {
		size_t n = store_last(t->feed->store, SERIES_STRESS(g), STRESS_SPARK, v);
		spark_draw(&t->grid, rect_make(in.x + in.w - w, in.y + 1 + g, w, 1),
		           &(struct spark){ .v = v, .n = n, .lo = 0, .hi = NAN });
	}
}
