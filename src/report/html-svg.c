#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt-units.h"
#include "html-svg.h"
#include "text-escape.h"
#include "text-visible.h"
#include "util.h"

void html_text(FILE *f, const char *s)
{
	text_escape(f, &text_escape_html, s);
}

/* 1, 2 or 5 times a power of ten, near span / n. */
static double svg_nice_step(double span, int n)
{
	double raw = span / (n > 0 ? n : 1);
	double mag = pow(10, floor(log10(raw)));
	double r = raw / mag;
	return (r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10) * mag;
}

void svg_axis_fit(struct svg_axis *a, double lo, double hi, int ticks, double px0, double px1)
{
	a->px0 = px0;
	a->px1 = px1;
	if (!isfinite(lo) || !isfinite(hi)) {
		lo = 0;
		hi = 1;
	}
	if (hi < lo) {
		double t = lo;
		lo = hi;
		hi = t;
	}
	if (hi == lo) {
		double pad = lo != 0 ? fabs(lo) * 0.05 : 1;
		lo -= pad;
		hi += pad;
	}
	a->step = svg_nice_step(hi - lo, ticks);
	a->lo = floor(lo / a->step) * a->step;
	a->hi = ceil(hi / a->step) * a->step;
	if (a->hi <= a->lo)
		a->hi = a->lo + a->step;
}

double svg_pos(const struct svg_axis *a, double v)
{
	return a->px0 + (v - a->lo) / (a->hi - a->lo) * (a->px1 - a->px0);
}

char *svg_tick_label(char *buf, size_t len, const struct svg_axis *a, double v, const char *unit)
{
	struct fmt_scale sc;
	char num[48];
	fmt_scale_pick(&sc, fmax(fabs(a->lo), fabs(a->hi)), unit);
	double st = a->step * sc.mul;
	sc.decimals = st >= 1 ? 0 : (int)ceil(-log10(st) - 1e-9);
	if (sc.decimals > 9)
		sc.decimals = 9;
	if (fabs(v) < a->step * 1e-6)
		v = 0;
	fmt_scaled(num, sizeof num, v, &sc, 0);
	if (sc.unit[0])
		snprintf(buf, len, "%s %s", num, sc.unit);
	else
		str_copy(buf, num, len);
	return buf;
}

static void svg_num(FILE *f, double v)
{
	char b[32];
	c_snprintf(b, sizeof b, "%.1f", isfinite(v) ? v : 0);
	fputs(b, f);
}

void svg_open(FILE *f, int w, int h, const char *cls, const char *label)
{
	fprintf(f, "<svg viewBox=\"0 0 %d %d\" class=\"%s\" role=\"img\" aria-label=\"", w, h, cls);
	html_text(f, label);
	fputs("\" xmlns=\"http://www.w3.org/2000/svg\">", f);
}

void svg_close(FILE *f)
{
	fputs("</svg>\n", f);
}

void svg_line(FILE *f, double x1, double y1, double x2, double y2, const char *cls)
{
	fputs("<line x1=\"", f);
	svg_num(f, x1);
	fputs("\" y1=\"", f);
	svg_num(f, y1);
	fputs("\" x2=\"", f);
	svg_num(f, x2);
	fputs("\" y2=\"", f);
	svg_num(f, y2);
	fprintf(f, "\" class=\"%s\"/>", cls);
}

void svg_rect(FILE *f, double x, double y, double w, double h, const char *cls, const char *title)
{
	fputs("<rect x=\"", f);
	svg_num(f, x);
	fputs("\" y=\"", f);
	svg_num(f, y);
	fputs("\" width=\"", f);
	svg_num(f, w > 0 ? w : 0);
	fputs("\" height=\"", f);
	svg_num(f, h > 0 ? h : 0);
	fprintf(f, "\" class=\"%s\"", cls);
	if (title) {
		fputs("><title>", f);
		html_text(f, title);
		fputs("</title></rect>", f);
	} else {
		fputs("/>", f);
	}
}

void svg_circle(FILE *f, double x, double y, double r, const char *cls)
{
	fputs("<circle cx=\"", f);
	svg_num(f, x);
	fputs("\" cy=\"", f);
	svg_num(f, y);
	fputs("\" r=\"", f);
	svg_num(f, r);
	fprintf(f, "\" class=\"%s\"/>", cls);
}

void svg_text(FILE *f, double x, double y, const char *anchor, const char *cls, const char *text)
{
	fputs("<text x=\"", f);
	svg_num(f, x);
	fputs("\" y=\"", f);
	svg_num(f, y);
	fprintf(f, "\" text-anchor=\"%s\" class=\"%s\">", anchor, cls);
	html_text(f, text);
	fputs("</text>", f);
}

void svg_x_ticks(FILE *f, const struct svg_axis *a, double y, double grid_top, const char *unit)
{
	char label[64];
	int last = (int)lround((a->hi - a->lo) / a->step);
	svg_line(f, a->px0, y, a->px1, y, "axis");
	for (int i = 0; i <= last && i <= 40; i++) {
		double v = a->lo + i * a->step;
		double x = svg_pos(a, v);
		svg_line(f, x, grid_top, x, y, "grid");
		svg_line(f, x, y, x, y + 4, "axis");
		/* the end labels inside the chart, so none is cut at the edge */
		svg_text(f, x, y + 15, i == 0 ? "start" : i == last ? "end" : "middle", "tick",
		         svg_tick_label(label, sizeof label, a, v, unit));
	}
}

void svg_y_ticks(FILE *f, const struct svg_axis *a, double x, double x_end, const char *unit)
{
	char label[64];
	int last = (int)lround((a->hi - a->lo) / a->step);
	svg_line(f, x, a->px0, x, a->px1, "axis");
	for (int i = 0; i <= last && i <= 40; i++) {
		double v = a->lo + i * a->step;
		double y = svg_pos(a, v);
		svg_line(f, x, y, x_end, y, "grid");
		svg_text(f, x - 4, y + 4, "end", "tick", svg_tick_label(label, sizeof label, a, v, unit));
	}
}
