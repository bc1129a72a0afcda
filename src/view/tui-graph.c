#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui-view.h"
#include "box.h"
#include "fmt-units.h"
#include "graph.h"
#include "utf8.h"
#include "util.h"

/* The history graph on a true time axis: the span's start is the left edge and now the right,
 * whatever the sampling interval, so a span longer than the data so far shows that data at its
 * place on the right, and a short span at a fine interval still fills the width. The series
 * shown is chosen with `v` among those the machine has (CPU and memory as two lines,
 * temperature, CPU clock, package power, each GPU's utilisation and power); the peak of the
 * span is marked. */

const struct tui_span tui_spans[TUI_NSPANS] = {
	{ "last minute", 60 }, { "last 10 minutes", 600 }, { "last hour", 3600 }, { "whole run", 0 },
};

enum { VIEW_GPU = 4 };   /* views from here on are per GPU: utilisation, power */

struct graph_view {
	const char *name;         /* in the title and the log */
	int a, b;                 /* series (store.h); b -1 for none */
	const char *unit;         /* of the scale */
	double lo, hi;            /* fixed range; NAN: from the values */
};

static const struct graph_view fixed_views[VIEW_GPU] = {
	{ "cpu and memory", SERIES_CPU, SERIES_MEM, "%", 0, 100 },
	{ "temperature", SERIES_TEMP, -1, "°C", NAN, NAN },
	{ "cpu clock", SERIES_CPU_MHZ, -1, "MHz", NAN, NAN },
	{ "package power", SERIES_POWER, -1, "W", 0, NAN },
};

/* View v (fixed ones, then two per GPU); 0 when there is no such view. */
static int view_of(int v, struct graph_view *out, char *name, size_t len)
{
	if (v < 0)
		return 0;
	if (v < VIEW_GPU) {
		*out = fixed_views[v];
		return 1;
	}
	int gpu = (v - VIEW_GPU) / 2, power = (v - VIEW_GPU) % 2;
	if (gpu >= FRAME_MAX_GPUS)
		return 0;
	snprintf(name, len, "gpu%d %s", gpu, power ? "power" : "utilization");
	*out = (struct graph_view){ name, power ? SERIES_GPU_POWER(gpu) : SERIES_GPU(gpu), -1, power ? "W" : "%",
	                            0, power ? NAN : 100 };
	return 1;
}

static int series_has_data(const struct tui *t, int s)
{
	float v[8];
	size_t n = store_last(t->feed->store, s, 8, v);
	for (size_t i = 0; i < n; i++)
		if (isfinite(v[i]))
			return 1;
	return 0;
}

/* The views this machine has: CPU and memory always, the others when their series has data. */
static int view_present(const struct tui *t, int v)
{
	struct graph_view gv;
	char name[48];
	if (!view_of(v, &gv, name, sizeof name))
		return 0;
	return v == 0 || series_has_data(t, gv.a);
}

int tui_next_graph_view(struct tui *t)
{
	int total = VIEW_GPU + 2 * FRAME_MAX_GPUS;
	for (int k = 1; k <= total; k++) {
		int v = (t->graph_view + k) % total;
		if (view_present(t, v)) {
			t->graph_view = v;
			break;
		}
	}
	return t->graph_view;
}

const char *tui_graph_view_name(const struct tui *t, char *buf, size_t len)
{
	struct graph_view gv;
	if (!view_of(t->graph_view, &gv, buf, len))
		return str_copy(buf, "cpu and memory", len);
	if (gv.name != buf)
		str_copy(buf, gv.name, len);
	return buf;
}

/* Series s over [t0, t1] in n columns of equal time: NAN where it has no data. The store gives
 * the span with data in as many columns as it has points at most; they are stretched to the
 * columns that span takes on the axis. tmp has room for n values. */
static void window(const struct tui *t, int s, double t0, double t1, double first, float *out, float *tmp,
                   size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = NAN;
	double from = first > t0 ? first : t0;
	if (!(t1 > t0) || !(t1 > from))
		return;
	size_t start = (size_t)floor((from - t0) / (t1 - t0) * (double)n);
	if (start >= n)
		start = n - 1;
	size_t k = n - start;
	size_t m = store_window(t->feed->store, s, from, t1, tmp, k);
	for (size_t c = 0; m && c < k; c++)
		out[start + c] = tmp[c * m / k];
}

/* The time the run's data starts: the oldest point kept, unless the full-resolution ring has
 * already let older ones go (then the dashboard's opening). */
static double data_start(const struct tui *t)
{
	const struct store *st = t->feed->store;
	size_t count = store_count(st);
	if (!count)
		return NAN;
	double oldest = store_time(st, 0);
	return st->frames > count && t->opened_real < oldest ? t->opened_real : oldest;
}

static void range_of(const float *v, size_t n, double *lo, double *hi)
{
	double a = INFINITY, b = -INFINITY;
	for (size_t i = 0; i < n; i++)
		if (isfinite(v[i])) {
			a = v[i] < a ? v[i] : a;
			b = v[i] > b ? v[i] : b;
		}
	if (!isfinite(*lo))
		*lo = isfinite(a) ? floor(a * 0.95) : 0;
	if (!isfinite(*hi))
		*hi = isfinite(b) ? ceil(b * 1.05) : 1;
	if (*hi <= *lo)
		*hi = *lo + 1;
}

static char *scale_label(char *buf, size_t len, double v, const char *unit)
{
	if (strcmp(unit, "%") == 0 || strcmp(unit, "°C") == 0)
		c_snprintf(buf, len, "%.0f%s", v, unit);
	else
		fmt_unit(buf, len, v, unit, FMT_TRIM);
	return buf;
}

/* "-60s", "-10m", "-1h", or the whole run's length. */
static char *span_label(char *buf, size_t len, double seconds)
{
	char d[32];
	if (seconds >= 3600 && fmod(seconds, 3600) == 0)
		snprintf(buf, len, "-%.0fh", seconds / 3600);
	else if (seconds >= 60 && fmod(seconds, 60) == 0)
		snprintf(buf, len, "-%.0fm", seconds / 60);
	else
		snprintf(buf, len, "-%s", fmt_duration(d, sizeof d, seconds));
	return buf;
}

/* The legend on the box's top border, right: each series in its own colour (and its ASCII
 * mark), then the span's peak. */
static void legend(struct tui *t, struct rect r, const struct graph_view *gv, double peak, const char *pk)
{
	char a[96], b[48] = "", p[64] = "";
	int ascii = t->grid.ascii;
	const char *mark = ascii ? "*" : "━";
	if (gv->b >= 0) {
		snprintf(a, sizeof a, " %s cpu %%", mark);
		snprintf(b, sizeof b, " %s mem %% ", ascii ? "o" : "━");
	} else {
		snprintf(a, sizeof a, " %s %s ", mark, gv->name);
	}
	if (isfinite(peak))
		snprintf(p, sizeof p, "%s peak %s ", ascii ? "^" : "▲", pk);
	int w = utf8_width(a) + utf8_width(b) + utf8_width(p);
	int x = r.x + r.w - 2 - w;
	if (x < r.x + 2 + 24)   /* the title comes first */
		return;
	x += grid_text(&t->grid, x, r.y, utf8_width(a), a, ROLE_GRAPH);
	if (b[0])
		x += grid_text(&t->grid, x, r.y, utf8_width(b), b, ROLE_GRAPH2);
	grid_text(&t->grid, x, r.y, utf8_width(p), p, ROLE_WARN);
}

void tui_draw_graph(struct tui *t, struct rect r)
{
	struct graph_view gv;
	char vname[48], title[128];
	if (!view_present(t, t->graph_view))
		t->graph_view = 0;   /* its GPU or sensor went away */
	if (!view_of(t->graph_view, &gv, vname, sizeof vname))
		gv = fixed_views[0];
	snprintf(title, sizeof title, "History · %s · %s", gv.name, tui_spans[t->span].name);
	struct rect in = box_draw(&t->grid, r, &(struct box){ .title = title });
	if (rect_empty(in))
		return;
	const struct store *st = t->feed->store;
	size_t count = store_count(st);
	double t1 = count ? store_time(st, count - 1) : NAN, first = data_start(t);
	double seconds = tui_spans[t->span].seconds;
	double t0 = seconds > 0 ? t1 - seconds : first;
	/* The scale's column: as wide as its widest label, sized before the plot. */
	double lo = gv.lo, hi = gv.hi;
	size_t pc = t->grid.ascii ? 1 : 2;
	size_t n = (size_t)(in.w > 0 ? in.w : 1) * pc;
	if (tui_scratch(t, 2 * n) < 0)
		return;
	window(t, gv.a, t0, t1, first, t->scratch, t->scratch + n, n);
	range_of(t->scratch, n, &lo, &hi);
	char top[32], bottom[32];
	scale_label(top, sizeof top, hi, gv.unit);
	scale_label(bottom, sizeof bottom, lo, gv.unit);
	int lw = utf8_width(top) > utf8_width(bottom) ? utf8_width(top) : utf8_width(bottom);
	struct rect plot = rect_make(in.x + lw + 1, in.y, in.w - lw - 1, in.h);
	if (plot.w < 4)
		return;
	n = (size_t)plot.w * pc;
	window(t, gv.a, t0, t1, first, t->scratch, t->scratch + n, n);
	if (gv.b >= 0)
		window(t, gv.b, t0, t1, first, t->scratch2, t->scratch2 + n, n);
	grid_text(&t->grid, in.x + lw - utf8_width(top), in.y, lw, top, ROLE_AXIS);
	int axis = in.h >= 3;
	if (in.h - axis >= 2)
		grid_text(&t->grid, in.x + lw - utf8_width(bottom), in.y + in.h - 1 - axis, lw, bottom, ROLE_AXIS);
	char span[32];
	span_label(span, sizeof span, seconds > 0 ? seconds : (isfinite(t1 - t0) && t1 > t0 ? t1 - t0 : 0));
	graph_draw(&t->grid, plot, &(struct graph){ .a = t->scratch, .na = n, .b = gv.b >= 0 ? t->scratch2 : NULL,
	                                           .nb = gv.b >= 0 ? n : 0, .lo = lo, .hi = hi,
	                                           .style = GRAPH_BRAILLE, .labels = GRAPH_LABELS_NONE,
	                                           .fill = 0, .span = axis ? span : NULL });
	/* The span's peak of the first series: its value in the legend, a mark under its column. */
	size_t at = n;
	for (size_t i = 0; i < n; i++)
		if (isfinite(t->scratch[i]) && (at == n || t->scratch[i] > t->scratch[at]))
			at = i;
	double peak = at < n ? t->scratch[at] : NAN;
	char pk[32];
	scale_label(pk, sizeof pk, peak, gv.unit);
	if (at < n && axis) {   /* under the peak, unless an axis label is there */
		int x = plot.x + (int)(at / pc), y = in.y + in.h - 1;
		const struct cell *c = grid_get(&t->grid, x, y);
		if (c && c->ch == ' ')
			grid_text(&t->grid, x, y, 1, t->grid.ascii ? "^" : "▲", ROLE_WARN);
	}
	legend(t, r, &gv, peak, pk);
}
