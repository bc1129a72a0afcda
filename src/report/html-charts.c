#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt-units.h"
#include "export.h"
#include "html-charts.h"
#include "run-table.h"
#include "stats.h"
#include "util.h"

#define CHART_W 640
#define DOTS_MAX 2000   /* more samples than this are thinned evenly: the file stays small */

static int chart_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The finite samples, sorted; *k of them. NULL when there are none (or no memory). */
static double *chart_sorted(const struct test_result *t, size_t *k)
{
	double *v = malloc((t->n ? t->n : 1) * sizeof *v);
	*k = 0;
	if (!v)
		return NULL;
	for (size_t i = 0; i < t->n; i++)
		if (isfinite(t->samples[i]))
			v[(*k)++] = t->samples[i];
	if (!*k) {
		free(v);
		return NULL;
	}
	qsort(v, *k, sizeof *v, chart_cmp);
	return v;
}

void html_unit_axis(const struct run_results *r, const char *unit, struct svg_axis *axis)
{
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < r->ntests; i++) {
		const struct test_result *t = &r->tests[i];
		if (strcmp(t->info.unit, unit) != 0)
			continue;
		for (size_t k = 0; k < t->n; k++)
			if (isfinite(t->samples[k])) {
				lo = fmin(lo, t->samples[k]);
				hi = fmax(hi, t->samples[k]);
			}
	}
	svg_axis_fit(axis, lo, hi, 6, 12, CHART_W - 12);
}

/* Evenly spread vertical offsets for the dots, the same on every run (no random numbers). */
static double chart_jitter(size_t i)
{
	return (double)((i * 2654435761u) % 1000) / 1000.0;
}

int html_chart_distribution(FILE *f, const struct test_result *t, const struct svg_axis *shared)
{
	size_t k;
	double *v = chart_sorted(t, &k);
	if (!v)
		return 0;
	char name[400], label[600], fig[96];
	run_table_name(name, sizeof name, t);
	snprintf(label, sizeof label, "distribution of %s", name);
	svg_open(f, CHART_W, 84, "chart dist", label);
	double q1 = stats_percentile_sorted(v, k, 25), q3 = stats_percentile_sorted(v, k, 75);
	double med = stats_percentile_sorted(v, k, 50);
	const struct svg_axis *a = shared;
	size_t step = k > DOTS_MAX ? k / DOTS_MAX + 1 : 1;
	for (size_t i = 0; i < t->n; i += step)
		if (isfinite(t->samples[i]))
			svg_circle(f, svg_pos(a, t->samples[i]), 10 + 36 * chart_jitter(i), 2.2, "dot");
	double y0 = 18, h = 20;
	svg_line(f, svg_pos(a, v[0]), y0 + h / 2, svg_pos(a, q1), y0 + h / 2, "whisker");
	svg_line(f, svg_pos(a, q3), y0 + h / 2, svg_pos(a, v[k - 1]), y0 + h / 2, "whisker");
	svg_line(f, svg_pos(a, v[0]), y0 + 4, svg_pos(a, v[0]), y0 + h - 4, "whisker");
	svg_line(f, svg_pos(a, v[k - 1]), y0 + 4, svg_pos(a, v[k - 1]), y0 + h - 4, "whisker");
	fmt_unit_range(fig, sizeof fig, q1, q3, t->info.unit);
	snprintf(label, sizeof label, "middle half: %s", fig);
	svg_rect(f, svg_pos(a, q1), y0, svg_pos(a, q3) - svg_pos(a, q1), h, "box", label);
	svg_line(f, svg_pos(a, med), y0 - 2, svg_pos(a, med), y0 + h + 2, "median");
	if (isfinite(t->stats.mean))
		svg_circle(f, svg_pos(a, t->stats.mean), y0 + h / 2, 3.5, "mean");
	svg_x_ticks(f, a, 58, 6, t->info.unit);
	svg_close(f);
	free(v);
	return 1;
}

int html_chart_iterations(FILE *f, const struct test_result *t)
{
	size_t k;
	double *v = chart_sorted(t, &k);
	if (!v || t->n < 2) {
		free(v);
		return 0;
	}
	char name[400], label[600];
	run_table_name(name, sizeof name, t);
	snprintf(label, sizeof label, "iterations of %s in order", name);
	struct svg_axis x, y;
	svg_axis_fit(&y, v[0], v[k - 1], 4, 104, 8);
	free(v);
	x.lo = 1;
	x.hi = (double)t->n;
	x.px0 = 72;
	x.px1 = CHART_W - 12;
	x.step = 1;
	svg_open(f, CHART_W, 124, "chart iter", label);
	svg_y_ticks(f, &y, 72, CHART_W - 12, t->info.unit);
	svg_line(f, 72, 104, CHART_W - 12, 104, "axis");
	svg_text(f, 72, 120, "start", "tick", "1");
	c_snprintf(label, sizeof label, "iteration %zu", t->n);
	svg_text(f, CHART_W - 12, 120, "end", "tick", label);
	size_t step = t->n > DOTS_MAX ? t->n / DOTS_MAX + 1 : 1;
	fputs("<polyline class=\"trace\" points=\"", f);
	for (size_t i = 0; i < t->n; i += step) {
		char pt[64];
		if (!isfinite(t->samples[i]))
			continue;
		c_snprintf(pt, sizeof pt, "%.1f,%.1f ", svg_pos(&x, (double)(i + 1)), svg_pos(&y, t->samples[i]));
		fputs(pt, f);
	}
	fputs("\"/>", f);
	if (t->n <= 200)
		for (size_t i = 0; i < t->n; i++)
			if (isfinite(t->samples[i]))
				svg_circle(f, svg_pos(&x, (double)(i + 1)), svg_pos(&y, t->samples[i]), 2, "dot");
	svg_close(f);
	return 1;
}

static int chart_in_means(const struct test_result *t, const char *suite, const char *unit)
{
	return strcmp(t->info.suite, suite) == 0 && strcmp(t->info.unit, unit) == 0 && t->stats.n > 0 &&
	       isfinite(t->stats.mean);
}

int html_chart_means(FILE *f, const struct run_results *r, const char *suite, const char *unit)
{
	double hi = 0;
	int rows = 0;
	for (size_t i = 0; i < r->ntests; i++) {
		const struct test_result *t = &r->tests[i];
		if (!chart_in_means(t, suite, unit))
			continue;
		rows++;
		hi = fmax(hi, isfinite(t->stats.ci95_hi) ? t->stats.ci95_hi : t->stats.mean);
	}
	if (rows < 1)
		return 0;
	char label[600], name[400], fig[96];
	snprintf(label, sizeof label, "means of suite %s with 95 %% confidence intervals", suite);
	struct svg_axis a;
	svg_axis_fit(&a, 0, hi, 5, 12, CHART_W - 12);
	a.lo = 0;
	int h = 30 * rows + 30;
	svg_open(f, CHART_W, h, "chart means", label);
	int row = 0;
	for (size_t i = 0; i < r->ntests; i++) {
		const struct test_result *t = &r->tests[i];
		if (!chart_in_means(t, suite, unit))
			continue;
		double y = 8 + 30.0 * row++;
		run_table_name(name, sizeof name, t);
		fmt_unit_pm(fig, sizeof fig, t->stats.mean, t->stats.stdev, unit);
		snprintf(label, sizeof label, "%s: %s", name, fig);
		svg_rect(f, svg_pos(&a, 0), y + 14, svg_pos(&a, t->stats.mean) - svg_pos(&a, 0), 10, "bar", label);
		if (isfinite(t->stats.ci95_lo)) {
			double l = svg_pos(&a, fmax(t->stats.ci95_lo, 0)), u = svg_pos(&a, t->stats.ci95_hi);
			svg_line(f, l, y + 19, u, y + 19, "err");
			svg_line(f, l, y + 14, l, y + 24, "err");
			svg_line(f, u, y + 14, u, y + 24, "err");
		}
		snprintf(label, sizeof label, "%s  %s", name, fmt_unit(fig, sizeof fig, t->stats.mean, unit, 0));
		svg_text(f, 12, y + 10, "start", "label", label);
	}
	svg_x_ticks(f, &a, h - 20, 4, unit);
	svg_close(f);
	return 1;
}

int html_chart_baseline(FILE *f, const struct run_results *r)
{
	double span = r->baseline_tolerance > 0 ? r->baseline_tolerance : 1;
	int rows = 0;
	for (size_t i = 0; i < r->ntests; i++) {
		const struct test_result *t = &r->tests[i];
		if (!t->has_baseline || !isfinite(t->baseline.change_pct))
			continue;
		rows++;
		/* the bootstrap interval of the median's change, as the verdict uses it */
		span = fmax(span, fabs(t->baseline.change_pct));
		if (isfinite(t->baseline.ci_lo_pct) && isfinite(t->baseline.ci_hi_pct))
			span = fmax(span, fmax(fabs(t->baseline.ci_lo_pct), fabs(t->baseline.ci_hi_pct)));
	}
	if (!rows)
		return 0;
	char name[400], label[1024], text[512];
	struct svg_axis a;
	svg_axis_fit(&a, -span, span, 4, 12, CHART_W - 12);
	double m = fmax(-a.lo, a.hi);
	a.lo = -m;
	a.hi = m;
	int h = 30 * rows + 30;
	svg_open(f, CHART_W, h, "chart base", "change against the baseline per test, with the 95 % confidence interval");
	double zero = svg_pos(&a, 0);
	svg_line(f, svg_pos(&a, -r->baseline_tolerance), 4, svg_pos(&a, -r->baseline_tolerance), h - 20, "tol");
	svg_line(f, svg_pos(&a, r->baseline_tolerance), 4, svg_pos(&a, r->baseline_tolerance), h - 20, "tol");
	int row = 0;
	for (size_t i = 0; i < r->ntests; i++) {
		const struct test_result *t = &r->tests[i];
		const struct comparison *c = &t->baseline;
		if (!t->has_baseline || !isfinite(c->change_pct))
			continue;
		double y = 8 + 30.0 * row++, x = svg_pos(&a, c->change_pct);
		const char *cls = c->verdict == VERDICT_REGRESSED ? "bar worse" : c->verdict == VERDICT_IMPROVED ?
		                  "bar better" : "bar same";
		run_table_name(name, sizeof name, t);
		snprintf(label, sizeof label, "%s: %s", name, export_baseline_text(text, sizeof text, t, r->baseline_tolerance));
		svg_rect(f, fmin(x, zero), y + 14, fabs(x - zero), 10, cls, label);
		if (isfinite(c->ci_lo_pct) && isfinite(c->ci_hi_pct)) {
			double l = svg_pos(&a, c->ci_lo_pct), u = svg_pos(&a, c->ci_hi_pct);
			svg_line(f, l, y + 19, u, y + 19, "err");
			svg_line(f, l, y + 14, l, y + 24, "err");
			svg_line(f, u, y + 14, u, y + 24, "err");
		}
		c_snprintf(text, sizeof text, "%+.1f %% %s", c->change_pct, verdict_name(c->verdict));
		snprintf(label, sizeof label, "%s  %s", name, text);
		svg_text(f, 12, y + 10, "start", c->verdict == VERDICT_REGRESSED ? "label worse" : "label", label);
	}
	svg_line(f, zero, 4, zero, h - 20, "axis");
	svg_x_ticks(f, &a, h - 20, 4, "%");
	svg_close(f);
	return 1;
}

int html_chart_timeline(FILE *f, const struct run_results *r)
{
	double t0 = INFINITY, t1 = -INFINITY, mem_hi = r->system.mem_total;
	int with_cpu = 0;
	for (size_t i = 0; i < r->ntests; i++) {
		const struct test_result *t = &r->tests[i];
		if (!isfinite(t->started_t) || !isfinite(t->ended_t))
			continue;
		t0 = fmin(t0, t->started_t);
		t1 = fmax(t1, t->ended_t);
		with_cpu += t->during.n > 0;
		if (!(mem_hi > 0) && isfinite(t->during.mem_peak))
			mem_hi = fmax(mem_hi, t->during.mem_peak);
	}
	if (!isfinite(t0) || !with_cpu)
		return 0;
	if (t1 <= t0)
		t1 = t0 + 1;
	struct svg_axis x, y;
	svg_axis_fit(&x, 0, t1 - t0, 6, 56, CHART_W - 56);
	svg_axis_fit(&y, 0, 100, 4, 150, 10);
	svg_open(f, CHART_W, 196, "chart time", "CPU and memory during each test over the run");
	char label[700], name[400], a[48], b[48], c[48];
	for (size_t i = 0, k = 0; i < r->ntests; i++) {
		const struct test_result *t = &r->tests[i];
		if (!isfinite(t->started_t) || !isfinite(t->ended_t))
			continue;
		double xa = svg_pos(&x, t->started_t - t0), xb = svg_pos(&x, t->ended_t - t0);
		run_table_name(name, sizeof name, t);
		snprintf(label, sizeof label, "%s: %s", name, fmt_seconds(a, sizeof a, t->ended_t - t->started_t));
		svg_rect(f, xa, 10, xb - xa, 140, k++ % 2 ? "span odd" : "span", label);
		if (!t->during.n)
			continue;
		double cpu = t->during.cpu_sum / (double)t->during.n;
		snprintf(label, sizeof label, "%s: CPU %s mean, %s peak; memory %s peak", name, fmt_unit(a, sizeof a, cpu, "%", 0),
		         fmt_unit(b, sizeof b, t->during.cpu_peak, "%", 0), fmt_size(c, sizeof c, t->during.mem_peak));
		svg_rect(f, xa, svg_pos(&y, cpu), xb - xa, 150 - svg_pos(&y, cpu), "cpu", label);
		if (isfinite(t->during.cpu_peak))
			svg_line(f, xa, svg_pos(&y, t->during.cpu_peak), xb, svg_pos(&y, t->during.cpu_peak), "peak");
		if (isfinite(t->during.mem_peak) && mem_hi > 0) {
			double ym = 150 - 140 * fmin(t->during.mem_peak / mem_hi, 1);
			svg_line(f, xa, ym, xb, ym, "mem");
		}
	}
	/* Each test's start as a line, numbered as in the table when there is room for it. */
	for (size_t i = 0; i < r->ntests; i++) {
		const struct test_result *t = &r->tests[i];
		if (!isfinite(t->started_t) || !isfinite(t->ended_t))
			continue;
		double xa = svg_pos(&x, t->started_t - t0), xb = svg_pos(&x, t->ended_t - t0);
		svg_line(f, xa, 10, xa, 150, "sep");
		if (xb - xa >= 14) {
			c_snprintf(a, sizeof a, "%zu", i + 1);
			svg_text(f, (xa + xb) / 2, 22, "middle", "tick num", a);
		}
	}
	svg_y_ticks(f, &y, 56, CHART_W - 56, "%");
	svg_line(f, CHART_W - 56, 10, CHART_W - 56, 150, "axis");
	svg_text(f, CHART_W - 2, 22, "end", "tick mem-t", fmt_size(a, sizeof a, mem_hi));
	svg_text(f, CHART_W - 2, 154, "end", "tick mem-t", "0 B");
	svg_x_ticks(f, &x, 150, 150, "s");
	svg_rect(f, 56, 178, 10, 10, "cpu", NULL);
	svg_text(f, 70, 187, "start", "tick", "CPU mean");
	svg_line(f, 150, 183, 166, 183, "peak");
	svg_text(f, 170, 187, "start", "tick", "CPU peak");
	svg_line(f, 244, 183, 260, 183, "mem");
	svg_text(f, 264, 187, "start", "tick", "memory peak (right axis)");
	svg_close(f);
	return 1;
}
