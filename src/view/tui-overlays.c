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
#include "graph.h"
#include "stats.h"
#include "text-visible.h"
#include "util.h"

/* What opens over the panels: the keys, one test's details, and the question before quitting. */


static struct rect centered(struct rect screen, int w, int h)
{
	if (w > screen.w)
		w = screen.w;
	if (h > screen.h)
		h = screen.h;
	return rect_make(screen.x + (screen.w - w) / 2, screen.y + (screen.h - h) / 2, w, h);
}

void tui_draw_help(struct tui *t, struct rect screen)
{
	tui_draw_help_box(t, screen);   /* wrapped, never cut (tui-help.c) */
}

int tui_selected_test(const struct tui *t)
{
	if (t->tests.selected < 0 || t->tests.selected >= t->nrows)
		return -1;
	return t->rows[t->tests.selected].test;
}

void tui_draw_detail(struct tui *t, struct rect screen)
{
	int idx = tui_selected_test(t);
	if (idx < 0) {
		t->overlay = OVERLAY_NONE;
		return;
	}
	const struct test_result *r = &t->feed->results->tests[idx];
	struct rect box = centered(screen, screen.w - 4, screen.h - 4);
	grid_fill(&t->grid, box, ' ', ROLE_NORMAL);
	/* The name and variant as the table shows them: "threads=2", controls as \x1b. */
	char title[512], name[160], variant[256];
	str_copy(name, r->info.name, sizeof name);
	text_visible_inplace(name, sizeof name);
	export_variant_label(variant, sizeof variant, r->info.variant);
	text_visible_inplace(variant, sizeof variant);
	snprintf(title, sizeof title, "%s%s%s · %s · d/Esc closes", name, variant[0] ? " " : "", variant,
	         test_status_name(r->status));
	struct rect in = box_draw(&t->grid, box, &(struct box){ .title = title, .focused = 1 });
	if (rect_empty(in))
		return;
	struct stats st;
	stats_compute(r->samples, r->n, &st);
	char line[384], v1[64], v2[64], v3[64];
	const char *u = r->info.unit;
	int y = in.y;
	/* Every figure through fmt-units, as the headless table and the reports show it. */
	fmt_unit_pm(v1, sizeof v1, st.mean, st.stdev, u);
	fmt_unit(v2, sizeof v2, isfinite(st.cv) ? 100 * st.cv : NAN, "%", 0);
	snprintf(line, sizeof line, "n %zu   mean %s   cv %s   outliers %zu", st.n, v1, v2, st.outliers);
	grid_text_fit(&t->grid, in.x, y++, in.w, line, ROLE_VALUE);
	fmt_unit_range(v1, sizeof v1, st.min, st.max, u);
	fmt_unit(v2, sizeof v2, st.median, u, 0);
	fmt_unit(v3, sizeof v3, st.mad, u, 0);
	snprintf(line, sizeof line, "median %s   min … max %s   mad %s", v2, v1, v3);
	grid_text_fit(&t->grid, in.x, y++, in.w, line, ROLE_NORMAL);
	fmt_unit(v1, sizeof v1, st.p5, u, 0);
	fmt_unit(v2, sizeof v2, st.p95, u, 0);
	fmt_unit(v3, sizeof v3, st.p99, u, 0);
	char ci[64];
	fmt_unit_range(ci, sizeof ci, st.ci95_lo, st.ci95_hi, u);
	snprintf(line, sizeof line, "p5 %s   p95 %s   p99 %s   95%% CI %s", v1, v2, v3, ci);
	if (grid_width(&t->grid, line) > in.w) {   /* narrow: the interval on a line of its own, whole */
		snprintf(line, sizeof line, "p5 %s   p95 %s   p99 %s", v1, v2, v3);
		grid_text_fit(&t->grid, in.x, y++, in.w, line, ROLE_NORMAL);
		snprintf(line, sizeof line, "95%% CI %s", ci);
	}
	grid_text_fit(&t->grid, in.x, y++, in.w, line, ROLE_NORMAL);
	y += tui_draw_detail_history(t, idx, in.x, y, in.w);
	const struct test_during *d = &r->during;
	char mem[24];
	fmt_bytes(mem, sizeof mem, d->n ? d->mem_peak : NAN);
	if (d->n)
		snprintf(line, sizeof line, "during: cpu mean %.1f%% peak %.1f%%   mem peak %s", d->cpu_sum / d->n,
		         d->cpu_peak, mem);
	else if (r->status == TS_QUEUED)
		snprintf(line, sizeof line, "during: it has not run yet");
	else if (r->status == TS_SKIPPED)
		snprintf(line, sizeof line, "during: it did not run");
	else if (r->status == TS_WARMUP || r->status == TS_RUNNING)   /* no sample yet, not too short */
		snprintf(line, sizeof line, "during: still running, no sample landed yet");
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
	/* A bin a column, and no scale beside them, so the bars span the min … max axis below. */
	int bins = in.w;
	if (bins < 1 || tui_scratch(t, (size_t)bins) < 0)
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
	char lo[40], hi[40];
	fmt_unit(lo, sizeof lo, st.min, r->info.unit, 0);
	fmt_unit(hi, sizeof hi, st.max, r->info.unit, 0);
	graph_draw(&t->grid, rect_make(in.x, y, in.w, hist_h),
	           &(struct graph){ .a = t->scratch, .na = (size_t)bins, .lo = 0, .hi = NAN, .style = GRAPH_BLOCKS,
	                            .labels = GRAPH_LABELS_NONE, .fill = 1, .span = lo, .now = hi });
}

void tui_draw_confirm(struct tui *t, struct rect screen)
{
	struct rect r = centered(screen, 44, 4);
	grid_fill(&t->grid, r, ' ', ROLE_NORMAL);
	struct rect in = box_draw(&t->grid, r, &(struct box){ .title = "Quit?", .focused = 1 });
	text_line(&t->grid, rect_make(in.x, in.y, in.w, 1), t->feed->state->run_active ? "Tests are running. Quit? y / n" :
	          "Stressors are running. Quit? y / n", ROLE_WARN, TEXT_CENTER);
}
