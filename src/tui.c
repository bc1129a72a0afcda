#include "config.h"

#include <langinfo.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "box.h"
#include "export.h"
#include "gauge.h"
#include "graph.h"
#include "grid.h"
#include "layout.h"
#include "sampler.h"
#include "sparkline.h"
#include "stats.h"
#include "stress.h"
#include "table.h"
#include "term.h"
#include "text.h"
#include "theme.h"
#include "tui.h"
#include "util.h"

/* The graph's time spans, cycled with `g`; 0 seconds means the whole run. */
static const struct span { const char *name; double seconds; } spans[] = {
	{ "last minute", 60 }, { "last 10 minutes", 600 }, { "last hour", 3600 }, { "whole run", 0 },
};
#define NSPANS (int)(sizeof spans / sizeof *spans)

/* Refresh intervals that + and - step through. */
static const double intervals[] = { 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60 };
#define NINTERVALS (int)(sizeof intervals / sizeof *intervals)

static const char *const theme_names[] = { "default", "mono", "high-contrast", "solarized-dark" };
#define NTHEMES (int)(sizeof theme_names / sizeof *theme_names)

#define STRESS_SPARK 32

enum overlay { OVERLAY_NONE, OVERLAY_HELP, OVERLAY_DETAIL, OVERLAY_CONFIRM_QUIT };
enum table_mode { MODE_TESTS, MODE_STRESS };

/* A row of the tests table: a suite heading (test < 0) or one test variant. */
struct row {
	int suite;
	int test;
};

struct tui {
	struct app *app;
	struct grid grid;
	struct layout layout;
	struct theme theme;
	int theme_index;
	struct textlog log;
	struct row *rows;
	int nrows;
	struct table tests;
	struct table stress_table;
	enum table_mode mode;
	enum overlay overlay;
	int paused;
	int span;
	int dirty;
	double last_draw;
	float stress_hist[FRAME_MAX_STRESS][STRESS_SPARK];   /* achieved, newest last */
	int stress_hist_n;
	float *scratch;               /* graph and sparkline values, sized for the widest screen */
	float *scratch2;
	size_t scratch_cap;
};

/* ---- small helpers ---- */

static void fmt_rate(char *buf, size_t len, double bps)
{
	fmt_bytes(buf, len, bps);
	size_t n = strlen(buf);
	if (n + 3 <= len)
		memcpy(buf + n, "/s", 3);
}

/* Fills out with n values of series s covering `seconds` (0 = the whole run), newest last,
 * each the mean of the points its column covers. Returns how many it filled. */
static size_t history(const struct tui *t, int s, double seconds, float *out, size_t n)
{
	const struct store *st = &t->app->store;
	const struct ring *full = &st->series[s];
	double interval = app_interval(t->app);
	size_t want = seconds > 0 ? (size_t)ceil(seconds / interval) : 0;
	const struct ring *src = full;
	if (seconds <= 0 || want > full->count) {
		/* Older than the full-resolution ring keeps: the per-minute means. */
		if (seconds <= 0 || seconds > (double)full->count * interval + 60)
			src = &st->coarse[s].avg;
		want = seconds > 0 ? (size_t)ceil(seconds / (src == full ? interval : STORE_COARSE_BUCKET_S)) : src->count;
	}
	if (want > src->count)
		want = src->count;
	if (want == 0 || n == 0)
		return 0;
	size_t cols = want < n ? want : n;
	for (size_t c = 0; c < cols; c++) {
		size_t a = src->count - want + c * want / cols;
		size_t b = src->count - want + (c + 1) * want / cols;
		double sum = 0;
		size_t k = 0;
		for (size_t i = a; i < b; i++) {
			float v = ring_get(src, i);
			if (isfinite(v)) {
				sum += v;
				k++;
			}
		}
		out[c] = k ? (float)(sum / (double)k) : NAN;
	}
	return cols;
}

static int ensure_scratch(struct tui *t, size_t n)
{
	if (n <= t->scratch_cap)
		return 0;
	float *a = realloc(t->scratch, n * sizeof *a);
	if (!a)
		return -1;
	t->scratch = a;
	float *b = realloc(t->scratch2, n * sizeof *b);
	if (!b)
		return -1;
	t->scratch2 = b;
	t->scratch_cap = n;
	return 0;
}

/* ---- panels ---- */

static void draw_header(struct tui *t, struct rect r)
{
	const struct app *a = t->app;
	char host[64] = "";
	gethostname(host, sizeof host - 1);
	char up[32], line[256];
	double since = a->store.frames ? a->store.latest.t - store_time(&a->store, 0) : 0;
	fmt_duration(up, sizeof up, a->store.frames ? since : 0);
	size_t done = 0, total = a->results.ntests;
	for (size_t i = 0; i < total; i++)
		done += test_status_finished(a->results.tests[i].status);
	snprintf(line, sizeof line, " benchtop %s │ %s │ every %gs │ %s%s", PACKAGE_VERSION, host,
	         app_interval(a), a->run_active ? "RUNNING " : "", t->paused ? " │ PAUSED" : "");
	grid_fill(&t->grid, r, ' ', ROLE_TITLE);
	int used = grid_text(&t->grid, r.x, r.y, r.w, line, ROLE_TITLE);
	if (a->run_active) {
		char prog[64];
		snprintf(prog, sizeof prog, "%zu/%zu tests", done, total);
		grid_text(&t->grid, r.x + used, r.y, r.w - used, prog, ROLE_VALUE);
	}
	if (a->store.dropped) {
		char d[64];
		snprintf(d, sizeof d, " %lu frames dropped ", a->store.dropped);
		text_line(&t->grid, r, d, ROLE_WARN, TEXT_RIGHT);
	}
}

static void draw_cpu(struct tui *t, struct rect r)
{
	const struct frame *f = &t->app->store.latest;
	char title[64];
	double mhz = 0;
	int nf = 0;
	for (int i = 0; i < f->cpu.ncores; i++)
		if (isfinite(f->cpu.freq_mhz[i])) {
			mhz += f->cpu.freq_mhz[i];
			nf++;
		}
	if (nf)
		snprintf(title, sizeof title, "CPU · %d cores · %.2f GHz", f->cpu.ncores, mhz / nf / 1000);
	else
		snprintf(title, sizeof title, "CPU · %d cores", f->cpu.ncores);
	struct rect in = box_draw(&t->grid, r, &(struct box){ .title = title });
	if (rect_empty(in))
		return;
	gauge_draw(&t->grid, rect_make(in.x, in.y, in.w, 1),
	           &(struct gauge){ .label = "total ", .value = f->cpu.total });
	/* Per-core: mini gauges when they fit two to a row, else one glyph per core. */
	int core_rows = in.h - 2;
	int n = f->cpu.ncores;
	if (core_rows > 0 && n > 0) {
		int per_row = 2;
		if ((n + per_row - 1) / per_row <= core_rows && in.w >= 24) {
			int cw = in.w / per_row;
			for (int i = 0; i < n; i++) {
				char label[16];
				snprintf(label, sizeof label, "%-3d", i);
				gauge_draw(&t->grid, rect_make(in.x + (i % per_row) * cw, in.y + 1 + i / per_row, cw - 1, 1),
				           &(struct gauge){ .label = label, .value = f->cpu.core[i] });
			}
		} else {
			int width = in.w;
			if (ensure_scratch(t, (size_t)n) == 0) {
				for (int i = 0; i < n; i++)
					t->scratch[i] = f->cpu.core[i];
				for (int row = 0; row < core_rows && row * width < n; row++) {
					int cnt = n - row * width < width ? n - row * width : width;
					spark_draw(&t->grid, rect_make(in.x, in.y + 1 + row, cnt, 1),
					           &(struct spark){ .v = t->scratch + row * width, .n = (size_t)cnt,
					                            .lo = 0, .hi = 100 });
				}
			}
		}
	}
	char line[128];
	int len = 0;
	if (isfinite(f->cpu.load1))
		len += c_snprintf(line + len, sizeof line - len, "load %.2f %.2f %.2f", f->cpu.load1, f->cpu.load5,
		                  f->cpu.load15);
	double temp = frame_max_temp(f);
	if (isfinite(temp))
		len += c_snprintf(line + len, sizeof line - len, "  %.0f°C", temp);
	if (isfinite(f->cpu.package_power_w))
		len += c_snprintf(line + len, sizeof line - len, "  %.1f W", f->cpu.package_power_w);
	if (in.h >= 2)
		text_line(&t->grid, rect_make(in.x, in.y + in.h - 1, in.w, 1), len ? line : "load -", ROLE_LABEL,
		          TEXT_LEFT);
}

static void gpu_line(const struct frame_gpu *g, int i, char *buf, size_t len)
{
	char used[24], total[24];
	fmt_bytes(used, sizeof used, g->mem_used);
	fmt_bytes(total, sizeof total, g->mem_total);
	int n = c_snprintf(buf, len, "gpu%d %s", i, isfinite(g->util) ? "" : "-");
	if (isfinite(g->util))
		n += c_snprintf(buf + n, len - n, "%.0f%%", g->util);
	n += c_snprintf(buf + n, len - n, " %s/%s", used, total);
	if (isfinite(g->temp_c))
		n += c_snprintf(buf + n, len - n, " %.0f°C", g->temp_c);
	if (isfinite(g->power_w))
		n += c_snprintf(buf + n, len - n, " %.0fW", g->power_w);
	if (isfinite(g->sm_clock_mhz))
		c_snprintf(buf + n, len - n, " %.0fMHz", g->sm_clock_mhz);
}

static void draw_mem(struct tui *t, struct rect r)
{
	const struct frame *f = &t->app->store.latest;
	struct rect in = box_draw(&t->grid, r, &(struct box){ .title = "Memory · IO" });
	if (rect_empty(in))
		return;
	char used[24], total[24], text[64];
	fmt_bytes(used, sizeof used, f->mem.used);
	fmt_bytes(total, sizeof total, f->mem.total);
	snprintf(text, sizeof text, " %s/%s", used, total);
	gauge_draw(&t->grid, rect_make(in.x, in.y, in.w, 1),
	           &(struct gauge){ .label = "mem  ", .value = f->mem.used, .max = f->mem.total, .text = text,
	                            .text_w = (int)strlen(text) });
	int y = in.y + 1;
	if (y < in.y + in.h) {
		fmt_bytes(used, sizeof used, f->mem.swap_used);
		fmt_bytes(total, sizeof total, f->mem.swap_total);
		snprintf(text, sizeof text, " %s/%s", used, total);
		gauge_draw(&t->grid, rect_make(in.x, y++, in.w, 1),
		           &(struct gauge){ .label = "swap ", .value = f->mem.swap_total > 0 ? f->mem.swap_used : NAN,
		                            .max = f->mem.swap_total, .text = text, .text_w = (int)strlen(text) });
	}
	char a[32], b[32], line[160];
	if (y < in.y + in.h) {
		fmt_rate(a, sizeof a, frame_disk_read_bps(f));
		fmt_rate(b, sizeof b, frame_disk_write_bps(f));
		snprintf(line, sizeof line, "disk  r %-12s w %s", a, b);
		text_line(&t->grid, rect_make(in.x, y++, in.w, 1), line, ROLE_LABEL, TEXT_LEFT);
	}
	if (y < in.y + in.h) {
		fmt_rate(a, sizeof a, frame_net_rx_bps(f));
		fmt_rate(b, sizeof b, frame_net_tx_bps(f));
		snprintf(line, sizeof line, "net  rx %-12s tx %s", a, b);
		text_line(&t->grid, rect_make(in.x, y++, in.w, 1), line, ROLE_LABEL, TEXT_LEFT);
	}
	/* GPUs share this panel when the layout gave them none of their own. */
	if (rect_empty(t->layout.panel[PANEL_GPU]))
		for (int i = 0; i < f->ngpus && y < in.y + in.h; i++) {
			gpu_line(&f->gpus[i], i, line, sizeof line);
			text_line(&t->grid, rect_make(in.x, y++, in.w, 1), line, ROLE_VALUE, TEXT_LEFT);
		}
	if (y < in.y + in.h && f->ngpus == 0) {
		int n = 0;
		line[0] = '\0';
		for (int i = 0; i < f->nfs && n < (int)sizeof line - 40; i++) {
			if (strcmp(f->fs[i].mount, "/") == 0 || i == 0) {
				fmt_bytes(a, sizeof a, f->fs[i].used);
				fmt_bytes(b, sizeof b, f->fs[i].size);
				n += snprintf(line + n, sizeof line - n, "fs %s %s/%s", f->fs[i].mount, a, b);
				break;
			}
		}
		if (n)
			text_line(&t->grid, rect_make(in.x, y++, in.w, 1), line, ROLE_LABEL, TEXT_LEFT);
	}
}

static void draw_gpus(struct tui *t, struct rect r)
{
	const struct frame *f = &t->app->store.latest;
	struct rect in = box_draw(&t->grid, r, &(struct box){ .title = "GPUs" });
	for (int i = 0; i < f->ngpus && i < in.h; i++) {
		const struct frame_gpu *g = &f->gpus[i];
		char label[40], text[96];
		snprintf(label, sizeof label, "%-14.14s ", g->name);
		gpu_line(g, i, text, sizeof text);
		int tw = (int)strlen(text) - 4 < in.w / 2 ? (int)strlen(text) : in.w / 2;
		gauge_draw(&t->grid, rect_make(in.x, in.y + i, in.w, 1),
		           &(struct gauge){ .label = label, .value = g->util, .text = text + 5, .text_w = tw });
	}
}

static void draw_graph(struct tui *t, struct rect r)
{
	char title[96];
	snprintf(title, sizeof title, "History · cpu %% · mem %% · %s", spans[t->span].name);
	struct rect in = box_draw(&t->grid, r, &(struct box){ .title = title });
	if (rect_empty(in))
		return;
	size_t cap = graph_capacity(in, GRAPH_BRAILLE, t->grid.ascii);
	if (ensure_scratch(t, cap ? cap : 1) < 0)
		return;
	size_t na = history(t, SERIES_CPU, spans[t->span].seconds, t->scratch, cap);
	size_t nb = history(t, SERIES_MEM, spans[t->span].seconds, t->scratch2, cap);
	char span[32];
	if (spans[t->span].seconds > 0)
		snprintf(span, sizeof span, "-%s", spans[t->span].seconds >= 3600 ? "1h" :
		         spans[t->span].seconds >= 600 ? "10m" : "60s");
	else
		snprintf(span, sizeof span, "start");
	graph_draw(&t->grid, in, &(struct graph){ .a = t->scratch, .na = na, .b = t->scratch2, .nb = nb,
	                                           .lo = 0, .hi = 100, .style = GRAPH_BRAILLE,
	                                           .labels = GRAPH_LABELS_LEFT, .fill = 1, .unit = "%",
	                                           .span = span });
}

/* ---- the tests table ---- */

#define TEST_SPARK 12

static const struct table_col test_cols[] = {
	{ "test", 0, TABLE_LEFT },
	{ "status", 10, TABLE_LEFT },
	{ "median", 15, TABLE_RIGHT },
	{ "±", 6, TABLE_RIGHT },
	{ "rate", 8, TABLE_RIGHT },
	{ "iterations", TEST_SPARK, TABLE_LEFT },
};

static int status_role(enum test_status s)
{
	switch (s) {
	case TS_PASS: return ROLE_OK;
	case TS_FAIL: case TS_ERROR: case TS_TIMEOUT: return ROLE_ERROR;
	case TS_WARMUP: case TS_RUNNING: return ROLE_WARN;
	default: return ROLE_DIM;
	}
}

static void fmt_value(char *buf, size_t len, double v)
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

static const char *test_cell(void *arg, int row, int col, char *buf, size_t len, int *role)
{
	struct tui *t = arg;
	const struct row *rw = &t->rows[row];
	const struct app *a = t->app;
	if (rw->test < 0) {
		const struct suite *s = &a->suites[rw->suite];
		*role = ROLE_TITLE;
		if (col == 0)
			snprintf(buf, len, "▸ %s (%zu)", s->name, s->ntests);
		else
			return NULL;
		return buf;
	}
	const struct test_result *r = &a->results.tests[rw->test];
	switch (col) {
	case 0: {
		char variant[200];
		export_variant_label(variant, sizeof variant, r->info.variant);
		snprintf(buf, len, "  %s%s%s", r->info.name, variant[0] ? " " : "", variant);
		return buf;
	}
	case 1:
		*role = status_role(r->status);
		if (r->status == TS_RUNNING && r->info.iterations > 0)
			snprintf(buf, len, "run %zu/%d", r->n, r->info.iterations);
		else if (r->status == TS_WARMUP)
			snprintf(buf, len, "warmup %d", r->warmups_done + 1);
		else
			snprintf(buf, len, "%s", test_status_name(r->status));
		return buf;
	case 2:
	case 3:
	case 4: {
		/* median and spread (MAD) so far; a command's rate is runs per second */
		if (r->n == 0)
			return col == 2 ? "-" : "";
		struct stats st;
		char v[24];
		stats_compute(r->samples, r->n, &st);
		if (col == 2) {
			fmt_value(v, sizeof v, st.median);
			snprintf(buf, len, "%s %.7s", v, r->info.unit);
		} else if (col == 3 && st.n >= 2 && st.median != 0) {
			c_snprintf(buf, len, "%.1f%%", 100 * st.mad / fabs(st.median));
		} else if (col == 4 && strcmp(r->info.unit, "s") == 0 && st.median > 0) {
			fmt_value(v, sizeof v, 1 / st.median);
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
		const struct test_result *r = &t->app->results.tests[rw->test];
		if (r->n == 0)
			continue;
		size_t n = r->n < TEST_SPARK ? r->n : TEST_SPARK;
		if (ensure_scratch(t, TEST_SPARK) < 0)
			return;
		for (size_t k = 0; k < n; k++)
			t->scratch[k] = (float)r->samples[r->n - n + k];
		spark_draw(&t->grid, rect_make(x, in.y + 1 + i, TEST_SPARK, 1),
		           &(struct spark){ .v = t->scratch, .n = n, .lo = NAN, .hi = NAN });
	}
}

static void draw_tests(struct tui *t, struct rect r)
{
	char title[96];
	snprintf(title, sizeof title, "Tests%s", t->app->nsuites ? "" : " · none loaded (benchtop --run SUITE)");
	struct rect in = box_draw(&t->grid, r, &(struct box){ .title = title, .focused = 1 });
	if (rect_empty(in))
		return;
	t->tests.nrows = t->nrows;
	table_draw(&t->grid, in, &t->tests);
	draw_test_sparks(t, in);
}

/* ---- the stress table ---- */

static const struct table_col stress_cols[] = {
	{ "generator", 9, TABLE_LEFT },
	{ "state", 5, TABLE_LEFT },
	{ "settings", 0, TABLE_LEFT },
	{ "target", 8, TABLE_RIGHT },
	{ "achieved", 12, TABLE_RIGHT },
	{ "", STRESS_SPARK / 2, TABLE_LEFT },
};

static const char *stress_cell(void *arg, int row, int col, char *buf, size_t len, int *role)
{
	struct tui *t = arg;
	struct frame_stress fs;
	stress_describe(t->app->stress, row, &fs);
	switch (col) {
	case 0: return str_copy(buf, fs.name, len);
	case 1:
		*role = fs.on ? ROLE_OK : ROLE_DIM;
		return fs.on ? "on" : "off";
	case 2:
		stress_summary(t->app->stress, row, buf, len);
		return buf;
	case 3:
		if (!isfinite(fs.target))
			return "-";
		c_snprintf(buf, len, "%.0f %s", fs.target, fs.unit);
		return buf;
	case 4: {
		/* the newest achieved figure the sampler reported */
		const struct frame *f = &t->app->store.latest;
		for (int i = 0; i < f->nstress; i++)
			if (strcmp(f->stress[i].name, fs.name) == 0 && f->stress[i].on && isfinite(f->stress[i].achieved)) {
				c_snprintf(buf, len, "%.1f %s", f->stress[i].achieved, f->stress[i].unit);
				return buf;
			}
		return "-";
	}
	default: return NULL;
	}
}

static void draw_stress(struct tui *t, struct rect r)
{
	struct rect in = box_draw(&t->grid, r, &(struct box){
		.title = "Stress · Enter on/off · ←→ intensity · Tab tests", .focused = 1 });
	if (rect_empty(in))
		return;
	t->stress_table.nrows = t->app->stress ? stress_count(t->app->stress) : 0;
	table_draw(&t->grid, in, &t->stress_table);
	/* Each generator's achieved figure over the last samples, in the last column. */
	int w = STRESS_SPARK / 2;
	for (int g = 0; g < t->stress_table.nrows && g + 1 < in.h; g++)
		spark_draw(&t->grid, rect_make(in.x + in.w - w, in.y + 1 + g, w, 1),
		           &(struct spark){ .v = t->stress_hist[g] + STRESS_SPARK - t->stress_hist_n,
		                            .n = (size_t)t->stress_hist_n, .lo = 0, .hi = NAN });
}

/* ---- overlays ---- */

static struct rect centered(struct rect screen, int w, int h)
{
	if (w > screen.w)
		w = screen.w;
	if (h > screen.h)
		h = screen.h;
	return rect_make(screen.x + (screen.w - w) / 2, screen.y + (screen.h - h) / 2, w, h);
}

static const struct key_hint help_keys[] = {
	{ "↑↓ j k", "move the selection" },
	{ "PgUp PgDn", "move a page" },
	{ "Enter", "start the selected suite or test; stop the run" },
	{ "d", "details of the selected test" },
	{ "Tab s", "switch between the tests and the stress panel" },
	{ "←→", "stress panel: lower or raise the intensity" },
	{ "p Space", "pause the display (sampling goes on)" },
	{ "+ -", "sample and refresh slower or faster" },
	{ "g", "graph span: minute, 10 minutes, hour, whole run" },
	{ "t", "next theme" },
	{ "e", "export the reports now" },
	{ "? F1", "this help" },
	{ "q F10", "quit (asks while a run is active)" },
	{ NULL, NULL },
};

static void draw_help(struct tui *t, struct rect screen)
{
	struct rect r = centered(screen, 62, 17);
	grid_fill(&t->grid, r, ' ', ROLE_HELP);
	struct rect in = box_draw(&t->grid, r, &(struct box){ .title = "Keys · any key closes", .focused = 1 });
	for (int i = 0; help_keys[i].key && i < in.h; i++) {
		int w = grid_text(&t->grid, in.x + 1, in.y + i, 12, help_keys[i].key, ROLE_KEY);
		(void)w;
		grid_text_fit(&t->grid, in.x + 13, in.y + i, in.w - 14, help_keys[i].what, ROLE_HELP);
	}
}

static int selected_test(const struct tui *t)
{
	if (t->tests.selected < 0 || t->tests.selected >= t->nrows)
		return -1;
	return t->rows[t->tests.selected].test;
}

static void draw_detail(struct tui *t, struct rect screen)
{
	int idx = selected_test(t);
	if (idx < 0) {
		t->overlay = OVERLAY_NONE;
		return;
	}
	const struct test_result *r = &t->app->results.tests[idx];
	struct rect box = centered(screen, screen.w - 4, screen.h - 4);
	grid_fill(&t->grid, box, ' ', ROLE_NORMAL);
	char title[512];
	snprintf(title, sizeof title, "%s %s · %s · d/Esc closes", r->info.name,
	         strcmp(r->info.variant, "{}") ? r->info.variant : "", test_status_name(r->status));
	struct rect in = box_draw(&t->grid, box, &(struct box){ .title = title, .focused = 1 });
	if (rect_empty(in))
		return;
	struct stats st;
	stats_compute(r->samples, r->n, &st);
	char line[256], v1[24], v2[24], v3[24];
	int y = in.y;
	fmt_value(v1, sizeof v1, st.mean);
	fmt_value(v2, sizeof v2, st.stdev);
	snprintf(line, sizeof line, "n %zu   mean %s ± %s %s   cv %.2f%%   outliers %zu", st.n, v1, v2, r->info.unit,
	         isfinite(st.cv) ? 100 * st.cv : 0.0, st.outliers);
	grid_text_fit(&t->grid, in.x, y++, in.w, line, ROLE_VALUE);
	fmt_value(v1, sizeof v1, st.min);
	fmt_value(v2, sizeof v2, st.median);
	fmt_value(v3, sizeof v3, st.max);
	snprintf(line, sizeof line, "min %s   median %s   max %s   mad %g", v1, v2, v3, st.mad);
	grid_text_fit(&t->grid, in.x, y++, in.w, line, ROLE_NORMAL);
	fmt_value(v1, sizeof v1, st.p5);
	fmt_value(v2, sizeof v2, st.p95);
	fmt_value(v3, sizeof v3, st.p99);
	snprintf(line, sizeof line, "p5 %s   p95 %s   p99 %s   95%% CI [%g, %g]", v1, v2, v3, st.ci95_lo, st.ci95_hi);
	grid_text_fit(&t->grid, in.x, y++, in.w, line, ROLE_NORMAL);
	const struct test_during *d = &r->during;
	char mem[24];
	fmt_bytes(mem, sizeof mem, d->n ? d->mem_peak : NAN);
	if (d->n)
		snprintf(line, sizeof line, "during: cpu mean %.1f%% peak %.1f%%   mem peak %s", d->cpu_sum / d->n,
		         d->cpu_peak, mem);
	else
		snprintf(line, sizeof line, "during: no sample landed while it ran (it was shorter than the interval)");
	if (d->gpu_n) {
		size_t l = strlen(line);
		fmt_bytes(mem, sizeof mem, d->gpu_mem_peak);
		snprintf(line + l, sizeof line - l, "   gpu mean %.1f%% mem peak %s", d->gpu_util_sum / d->gpu_n, mem);
	}
	grid_text_fit(&t->grid, in.x, y++, in.w, line, ROLE_LABEL);
	if (r->error[0])
		grid_text_fit(&t->grid, in.x, y++, in.w, r->error, ROLE_ERROR);
	/* A histogram of the samples: one bar per bin, as many bins as fit. */
	int hist_h = in.y + in.h - y - 1;
	if (hist_h < 2 || st.n == 0)
		return;
	grid_text(&t->grid, in.x, y++, in.w, "histogram", ROLE_TITLE);
	int bins = in.w - 8 < 60 ? in.w - 8 : 60;
	if (bins < 1 || ensure_scratch(t, (size_t)bins) < 0)
		return;
	for (int b = 0; b < bins; b++)
		t->scratch[b] = 0;
	double span = st.max - st.min;
	for (size_t i = 0; i < r->n; i++) {
		if (!isfinite(r->samples[i]))
			continue;
		int b = span > 0 ? (int)((r->samples[i] - st.min) / span * bins) : bins / 2;
		if (b >= bins)
			b = bins - 1;
		t->scratch[b] += 1;
	}
	char lo[24], hi[24];
	fmt_value(lo, sizeof lo, st.min);
	fmt_value(hi, sizeof hi, st.max);
	graph_draw(&t->grid, rect_make(in.x, y, in.w, hist_h),
	           &(struct graph){ .a = t->scratch, .na = (size_t)bins, .lo = 0, .hi = NAN, .style = GRAPH_BLOCKS,
	                            .labels = GRAPH_LABELS_LEFT, .fill = 1, .span = lo, .now = hi });
}

static void draw_confirm(struct tui *t, struct rect screen)
{
	struct rect r = centered(screen, 44, 4);
	grid_fill(&t->grid, r, ' ', ROLE_NORMAL);
	struct rect in = box_draw(&t->grid, r, &(struct box){ .title = "Quit?", .focused = 1 });
	text_line(&t->grid, rect_make(in.x, in.y, in.w, 1), "Tests are running. Quit? y / n", ROLE_WARN,
	          TEXT_CENTER);
}

/* ---- the whole screen ---- */

/* Short enough that all of it fits 80 columns. */
static const struct key_hint footer_keys[] = {
	{ "q", "quit" }, { "?", "help" }, { "Enter", "run/stop" }, { "d", "detail" }, { "Tab", "stress" },
	{ "p", "pause" }, { "+-", "rate" }, { "g", "span" }, { "t", "theme" }, { "e", "export" },
	{ NULL, NULL },
};

void tui_draw(struct tui *t)
{
	struct grid *g = &t->grid;
	grid_clear(g);
	const struct layout *l = &t->layout;
	if (l->too_small) {
		char msg[96];
		snprintf(msg, sizeof msg, "terminal too small: %dx%d needed (now %dx%d)", LAYOUT_MIN_W, LAYOUT_MIN_H,
		         l->w, l->h);
		/* Wrap over rows so a very narrow terminal still reads it whole. */
		int len = (int)strlen(msg), w = g->w > 0 ? g->w : 1;
		int rows = (len + w - 1) / w;
		for (int i = 0; i < rows && i < g->h; i++) {
			char part[96];
			snprintf(part, sizeof part, "%.*s", w, msg + i * w);
			grid_text(g, 0, (g->h - rows) / 2 + i, w, part, ROLE_WARN);
		}
	} else {
		draw_header(t, l->panel[PANEL_HEADER]);
		draw_cpu(t, l->panel[PANEL_CPU]);
		draw_mem(t, l->panel[PANEL_MEM]);
		if (!rect_empty(l->panel[PANEL_GPU]))
			draw_gpus(t, l->panel[PANEL_GPU]);
		if (!rect_empty(l->panel[PANEL_GRAPH]))
			draw_graph(t, l->panel[PANEL_GRAPH]);
		if (t->mode == MODE_STRESS && t->app->stress)
			draw_stress(t, l->panel[PANEL_TABLE]);
		else
			draw_tests(t, l->panel[PANEL_TABLE]);
		if (!rect_empty(l->panel[PANEL_LOG])) {
			struct rect in = box_draw(g, l->panel[PANEL_LOG], &(struct box){ .title = "Events" });
			textlog_draw(g, in, &t->log);
		}
		text_footer(g, l->panel[PANEL_FOOTER], footer_keys, t->theme.name);
		struct rect screen = rect_make(0, 0, g->w, g->h);
		if (t->overlay == OVERLAY_HELP)
			draw_help(t, screen);
		else if (t->overlay == OVERLAY_DETAIL)
			draw_detail(t, screen);
		else if (t->overlay == OVERLAY_CONFIRM_QUIT)
			draw_confirm(t, screen);
	}
	term_blit(g);
	t->dirty = 0;
	t->last_draw = now_mono();
}

double tui_next_draw(const struct tui *t)
{
	if (!t->dirty)
		return 0;
	/* At most one redraw per sampling interval (capped at 1 s) unless a key asked sooner. */
	double every = app_interval(t->app);
	if (every > 1)
		every = 1;
	return t->last_draw + every;
}

void tui_frame(struct tui *t)
{
	const struct frame *f = &t->app->store.latest;
	for (int g = 0; g < f->nstress && g < FRAME_MAX_STRESS; g++) {
		memmove(t->stress_hist[g], t->stress_hist[g] + 1, (STRESS_SPARK - 1) * sizeof(float));
		t->stress_hist[g][STRESS_SPARK - 1] = f->stress[g].on ? (float)f->stress[g].achieved : NAN;
	}
	if (t->stress_hist_n < STRESS_SPARK)
		t->stress_hist_n++;
	if (!t->paused)
		t->dirty = 1;
}

void tui_resize(struct tui *t)
{
	int w, h;
	term_resize(&w, &h);
	grid_resize(&t->grid, w, h);
	layout_compute(&t->layout, w, h, t->app->store.latest.ngpus);
	t->dirty = 1;
	t->last_draw = 0;
}

void tui_log(struct tui *t, int role, const char *fmt, ...)
{
	char line[TEXTLOG_LINE + 16], msg[TEXTLOG_LINE];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	char when[16];
	strftime(when, sizeof when, "%H:%M:%S", &tm);
	snprintf(line, sizeof line, "%s %s", when, msg);
	textlog_add(&t->log, role, line);
	t->dirty = 1;
}

/* ---- keys ---- */

static void set_theme(struct tui *t, int index)
{
	char why[256];
	struct theme th;
	if (theme_load(theme_names[index], &th, why, sizeof why) < 0) {
		tui_log(t, ROLE_ERROR, "theme: %s", why);
		return;
	}
	t->theme = th;
	t->theme_index = index;
	term_set_theme(&t->theme);
	grid_invalidate(&t->grid);
	tui_log(t, ROLE_NORMAL, "theme %s", theme_names[index]);
}

static void start_or_stop(struct tui *t)
{
	struct app *a = t->app;
	if (a->run_active) {
		app_stop_tests(a);
		tui_log(t, ROLE_WARN, "run stopped");
		return;
	}
	if (t->tests.selected < 0 || t->tests.selected >= t->nrows)
		return;
	const struct row *rw = &t->rows[t->tests.selected];
	int *which = malloc((a->nspecs ? a->nspecs : 1) * sizeof *which);
	if (!which)
		return;
	size_t n = 0;
	if (rw->test >= 0) {
		which[n++] = rw->test;
	} else {
		for (size_t i = 0; i < a->nspecs; i++)
			if (a->spec_suite[i] == rw->suite)
				which[n++] = (int)i;
	}
	char why[256];
	if (n && app_run_tests(a, which, n, why, sizeof why) < 0)
		tui_log(t, ROLE_ERROR, "%s", why);
	free(which);
}

static void step_interval(struct tui *t, int dir)
{
	double now = app_interval(t->app);
	int i = 0;
	while (i < NINTERVALS - 1 && intervals[i] < now - 1e-9)
		i++;
	i += dir;
	if (i < 0)
		i = 0;
	if (i >= NINTERVALS)
		i = NINTERVALS - 1;
	app_set_interval(t->app, intervals[i]);
	tui_log(t, ROLE_NORMAL, "sampling every %gs", intervals[i]);
}

static void stress_key(struct tui *t, int key)
{
	struct stress *s = t->app->stress;
	int gen = t->stress_table.selected;
	if (!s || gen < 0)
		return;
	struct frame_stress fs;
	if (key == TK_ENTER || key == ' ') {
		if (stress_toggle(s, gen) < 0) {
			tui_log(t, ROLE_ERROR, "stress: cannot start generator %d", gen);
			return;
		}
		stress_describe(s, gen, &fs);
		tui_log(t, fs.on ? ROLE_WARN : ROLE_NORMAL, "stress %s %s", fs.name, fs.on ? "on" : "off");
	} else {
		stress_adjust(s, gen, key == TK_RIGHT ? 1 : -1);
		stress_describe(s, gen, &fs);
		tui_log(t, ROLE_NORMAL, "stress %s target %.0f %s", fs.name, fs.target, fs.unit);
	}
}

int tui_key(struct tui *t, int key)
{
	t->dirty = 1;
	t->last_draw = 0;    /* answer keys at once */
	if (t->overlay == OVERLAY_CONFIRM_QUIT) {
		t->overlay = OVERLAY_NONE;
		return key == 'y' || key == 'Y' || key == 'q';
	}
	if (t->overlay == OVERLAY_HELP) {
		t->overlay = OVERLAY_NONE;
		return 0;
	}
	if (t->overlay == OVERLAY_DETAIL && (key == TK_ESC || key == 'd' || key == 'q' || key == TK_ENTER)) {
		t->overlay = OVERLAY_NONE;
		return 0;
	}
	struct table *tab = t->mode == MODE_STRESS ? &t->stress_table : &t->tests;
	int page = t->layout.panel[PANEL_TABLE].h - 3;
	switch (key) {
	case 'q': case TK_F10: case 3:
		if (t->app->run_active) {
			t->overlay = OVERLAY_CONFIRM_QUIT;
			return 0;
		}
		return 1;
	case '?': case TK_F1: case 'h':
		t->overlay = OVERLAY_HELP;
		break;
	case TK_UP: case 'k': table_move(tab, -1); break;
	case TK_DOWN: case 'j': table_move(tab, 1); break;
	case TK_PGUP: table_move(tab, -(page > 1 ? page : 1)); break;
	case TK_PGDN: table_move(tab, page > 1 ? page : 1); break;
	case TK_HOME: table_move(tab, -1000000); break;
	case TK_END: table_move(tab, 1000000); break;
	case TK_TAB: case TK_BTAB: case 's':
		if (t->app->stress)
			t->mode = t->mode == MODE_TESTS ? MODE_STRESS : MODE_TESTS;
		else
			tui_log(t, ROLE_WARN, "no stress generators in this build");
		break;
	case TK_ENTER:
		if (t->mode == MODE_STRESS)
			stress_key(t, key);
		else
			start_or_stop(t);
		break;
	case ' ': case 'p':
		if (t->mode == MODE_STRESS && key == ' ') {
			stress_key(t, TK_ENTER);
			break;
		}
		t->paused = !t->paused;
		tui_log(t, ROLE_NORMAL, t->paused ? "display paused (sampling goes on)" : "display resumed");
		break;
	case TK_LEFT: case TK_RIGHT:
		if (t->mode == MODE_STRESS)
			stress_key(t, key);
		break;
	case '+': case '=': step_interval(t, 1); break;
	case '-': case '_': step_interval(t, -1); break;
	case 'g':
		t->span = (t->span + 1) % NSPANS;
		break;
	case 't':
		set_theme(t, (t->theme_index + 1) % NTHEMES);
		break;
	case 'd':
		if (selected_test(t) >= 0)
			t->overlay = OVERLAY_DETAIL;
		break;
	case 'e': {
		char where[512];
		if (app_export(t->app, where, sizeof where) == 0)
			tui_log(t, ROLE_OK, "reports written to %s", where);
		else
			tui_log(t, ROLE_ERROR, "export: %s", where);
		break;
	}
	case TK_RESIZE:
		tui_resize(t);
		break;
	default:
		break;
	}
	return 0;
}

/* ---- open and close ---- */

static void build_rows(struct tui *t)
{
	const struct app *a = t->app;
	t->rows = calloc((size_t)a->nsuites + a->nspecs + 1, sizeof *t->rows);
	if (!t->rows)
		return;
	for (int s = 0; s < a->nsuites; s++) {
		t->rows[t->nrows++] = (struct row){ s, -1 };
		for (size_t i = 0; i < a->nspecs; i++)
			if (a->spec_suite[i] == s)
				t->rows[t->nrows++] = (struct row){ s, (int)i };
	}
}

struct tui *tui_open(struct app *a, char *why, size_t whylen)
{
	struct tui *t = calloc(1, sizeof *t);
	if (!t) {
		str_copy(why, "out of memory", whylen);
		return NULL;
	}
	t->app = a;
	if (theme_load(a->opt.theme, &t->theme, why, whylen) < 0) {
		free(t);
		return NULL;
	}
	for (int i = 0; i < NTHEMES; i++)
		if (strcmp(t->theme.name, theme_names[i]) == 0)
			t->theme_index = i;
	if (textlog_init(&t->log, 200) < 0 || grid_init(&t->grid, 0, 0) < 0) {
		str_copy(why, "out of memory", whylen);
		tui_close(t);
		return NULL;
	}
	const char *no_color = getenv("NO_COLOR");   /* set and not empty, as no-color.org says */
	if (term_open(&t->theme, a->opt.no_color || (no_color && *no_color), why, whylen) < 0) {
		textlog_free(&t->log);
		grid_free(&t->grid);
		free(t);
		return NULL;
	}
	/* ASCII when asked, or when the locale cannot draw UTF-8. */
	const char *cs = nl_langinfo(CODESET);
	t->grid.ascii = a->opt.ascii || !cs || strcmp(cs, "UTF-8") != 0;
	build_rows(t);
	t->tests = (struct table){ .cols = test_cols, .ncols = (int)(sizeof test_cols / sizeof *test_cols),
	                           .nrows = t->nrows, .cell = test_cell, .arg = t, .selected = 0 };
	t->stress_table = (struct table){ .cols = stress_cols, .ncols = (int)(sizeof stress_cols / sizeof *stress_cols),
	                                  .cell = stress_cell, .arg = t, .selected = 0 };
	/* Stressors asked for on the command line: their panel first. */
	if (a->stress && (a->opt.cpu >= 0 || a->opt.vm >= 0 || a->opt.hdd >= 0))
		t->mode = MODE_STRESS;
	tui_resize(t);
	return t;
}

void tui_close(struct tui *t)
{
	if (!t)
		return;
	term_close();
	grid_free(&t->grid);
	textlog_free(&t->log);
	free(t->rows);
	free(t->scratch);
	free(t->scratch2);
	free(t);
}
