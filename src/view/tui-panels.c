#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tui-view.h"
#include "fmt-units.h"
#include "box.h"
#include "gauge.h"
#include "graph.h"
#include "sparkline.h"
#include "util.h"

/* The machine: header line, CPU, memory and IO, and GPUs (the history graph: tui-graph.c). */

static void fmt_rate(char *buf, size_t len, double bps)
{
	fmt_bytes(buf, len, bps);
	size_t n = strlen(buf);
	if (n + 3 <= len)
		memcpy(buf + n, "/s", 3);
}

/* ---- panels ---- */

/* The header line in full, or shorter for a narrow terminal (brief: 1 leaves out the clock's
 * end time, 2 the version and the interval as well). Its width in columns. */
static size_t header_line(struct tui *t, int brief, char *line, size_t len)
{
	const struct dash_feed *a = t->feed;
	char prog[64] = "", clock[96];
	if (a->state->run_active)   /* the run's tests: a run of one among many loaded counts 0/1 */
		snprintf(prog, sizeof prog, " %d/%d tests", a->state->run_done, a->state->run_tests);
	tui_run_clock(t, brief > 0, clock, sizeof clock);
	size_t n = 0;
	if (brief > 1)
		c_appendf(line, len, &n, " benchtop │ %s", t->host);
	else
		c_appendf(line, len, &n, " benchtop %s │ %s │ every %gs", PACKAGE_VERSION, t->host,
		              a->state->interval);
	if (a->state->run_active)
		c_appendf(line, len, &n, " │ RUNNING%s", prog);
	if (clock[0])
		c_appendf(line, len, &n, " │ %s", clock);
	if (t->paused)
		c_appendf(line, len, &n, " │ PAUSED");
	return fmt_width(line);
}

void tui_draw_header(struct tui *t, struct rect r)
{
	const struct dash_feed *a = t->feed;
	char line[256];
	/* One line, each part in its place: what does not fit goes, the end time first. */
	for (int brief = 0; brief < 3; brief++)
		if (header_line(t, brief, line, sizeof line) <= (size_t)r.w)
			break;
	grid_fill(&t->grid, r, ' ', ROLE_TITLE);
	grid_text(&t->grid, r.x, r.y, r.w, line, ROLE_TITLE);
	if (a->store->dropped) {
		char d[64];
		snprintf(d, sizeof d, " %lu frames dropped ", a->store->dropped);
		text_line(&t->grid, r, d, ROLE_WARN, TEXT_RIGHT);
	}
}

void tui_draw_cpu(struct tui *t, struct rect r)
{
	const struct frame *f = &t->feed->store->latest;
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
	else if (f->cpu.ncores > 0)
		snprintf(title, sizeof title, "CPU · %d cores", f->cpu.ncores);
	else
		snprintf(title, sizeof title, "CPU");
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
			tui_draw_many_cores(t, rect_make(in.x, in.y + 1, in.w, core_rows));
		}
	}
	char line[128];
	size_t len = 0;
	line[0] = '\0';
	if (isfinite(f->cpu.load1))
		c_appendf(line, sizeof line, &len, "load %.2f %.2f %.2f", f->cpu.load1, f->cpu.load5, f->cpu.load15);
	double temp = frame_max_temp(f);
	if (isfinite(temp))
		c_appendf(line, sizeof line, &len, "  %.0f°C", temp);
	if (isfinite(f->cpu.package_power_w))
		c_appendf(line, sizeof line, &len, "  %.1f W", f->cpu.package_power_w);
	if (!isfinite(temp) && !isfinite(f->cpu.package_power_w))   /* a VM: said once, here */
		c_appendf(line, sizeof line, &len, "  no sensors");
	if (in.h < 2)
		return;
	struct rect last = rect_make(in.x, in.y + in.h - 1, in.w, 1);
	text_line(&t->grid, last, len ? line : "load -", ROLE_LABEL, TEXT_LEFT);
	/* Throttle events since the run began, in the warning colour, where the kernel counts them. */
	double core = f->cpu.throttle_core, pkg = f->cpu.throttle_pkg;
	char words[64];
	if (*frame_throttle_words(f, words, sizeof words) && (int)len + 2 < in.w) {
		char th[72];
		c_snprintf(th, sizeof th, " %s", words);
		if ((int)strlen(th) > in.w - (int)len)
			c_snprintf(th, sizeof th, " throttled %.0f", (isfinite(core) ? core : 0) + (isfinite(pkg) ? pkg : 0));
		text_line(&t->grid, last, th, ROLE_WARN, TEXT_RIGHT);
	}
}

static void gpu_line(const struct frame_gpu *g, int i, char *buf, size_t len)
{
	char used[24], total[24];
	size_t n = 0;
	buf[0] = '\0';
	fmt_bytes(used, sizeof used, g->mem_used);
	fmt_bytes(total, sizeof total, g->mem_total);
	c_appendf(buf, len, &n, "gpu%d %s", i, isfinite(g->util) ? "" : "-");
	if (isfinite(g->util))
		c_appendf(buf, len, &n, "%.0f%%", g->util);
	c_appendf(buf, len, &n, " %s/%s", used, total);
	if (isfinite(g->temp_c))
		c_appendf(buf, len, &n, " %.0f°C", g->temp_c);
	if (isfinite(g->power_w))
		c_appendf(buf, len, &n, " %.0fW", g->power_w);
	if (isfinite(g->sm_clock_mhz))
		c_appendf(buf, len, &n, " %.0fMHz", g->sm_clock_mhz);
	/* Why the clock is held down now, as the driver says. */
	char slow[48];
	if (*frame_gpu_slowdown_words(g->slowdown, " ", slow, sizeof slow))
		c_appendf(buf, len, &n, " %s", slow);
}

void tui_draw_mem(struct tui *t, struct rect r)
{
	const struct frame *f = &t->feed->store->latest;
	struct rect in = box_draw(&t->grid, r, &(struct box){ .title = "Memory · IO" });
	if (rect_empty(in))
		return;
	char text[64];
	tui_used_of(text, sizeof text, f->mem.used, f->mem.total);
	gauge_draw(&t->grid, rect_make(in.x, in.y, in.w, 1),
	           &(struct gauge){ .label = "mem  ", .value = f->mem.used, .max = f->mem.total, .text = text,
	                            .text_w = (int)strlen(text) });
	int y = in.y + 1;
	if (y < in.y + in.h && f->mem.swap_total > 0) {   /* no row for swap the machine does not have */
		tui_used_of(text, sizeof text, f->mem.swap_used, f->mem.swap_total);
		gauge_draw(&t->grid, rect_make(in.x, y++, in.w, 1),
		           &(struct gauge){ .label = "swap ", .value = f->mem.swap_used, .max = f->mem.swap_total,
		                            .text = text, .text_w = (int)strlen(text) });
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
				tui_used_of(a, sizeof a, f->fs[i].used, f->fs[i].size);
				n += snprintf(line + n, sizeof line - n, "fs %s%s", f->fs[i].mount, a);
				break;
			}
		}
		if (n)
			text_line(&t->grid, rect_make(in.x, y++, in.w, 1), line, ROLE_LABEL, TEXT_LEFT);
	}
}

void tui_draw_gpus(struct tui *t, struct rect r)
{
	const struct frame *f = &t->feed->store->latest;
	struct rect in = box_draw(&t->grid, r, &(struct box){ .title = "GPUs" });
	/* Each GPU's utilisation over the last samples (its own series), where there is room. */
	enum { SPARK_W = 12 };
	int spark = in.w >= 72 ? SPARK_W : 0;
	float v[2 * SPARK_W];
	for (int i = 0; i < f->ngpus && i < in.h; i++) {
		const struct frame_gpu *g = &f->gpus[i];
		char label[40], text[96];
		int lw = in.w / 4 < 14 ? 14 : in.w / 4 > 32 ? 32 : in.w / 4;   /* the name, as room allows */
		snprintf(label, sizeof label, "%-*.*s ", lw, lw, g->name);
		gpu_line(g, i, text, sizeof text);
		int tw = (int)strlen(text) - 4 < in.w / 2 ? (int)strlen(text) : in.w / 2;
		gauge_draw(&t->grid, rect_make(in.x, in.y + i, in.w - (spark ? spark + 1 : 0), 1),
		           &(struct gauge){ .label = label, .value = g->util, .text = text + 5, .text_w = tw });
		size_t n = spark && i < FRAME_MAX_GPUS ? store_last(t->feed->store, SERIES_GPU(i), 2 * SPARK_W, v) : 0;
		if (n)
			spark_draw(&t->grid, rect_make(in.x + in.w - spark, in.y + i, spark, 1),
			           &(struct spark){ .v = v, .n = n, .lo = 0, .hi = 100 });
	}
}
