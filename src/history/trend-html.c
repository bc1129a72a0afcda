#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd-history.h"
#include "html-svg.h"
#include "trend.h"
#include "util.h"

/* The trend page: one self-contained HTML file, an inline SVG chart per test (no scripts, no
 * fonts, no network: a Content-Security-Policy forbids loads). Each chart draws the medians
 * over the runs, the mean of every segment between change points, and each change point as a
 * dashed line; every point and line has a <title> tooltip. */

#define W 760.0
#define H 220.0
#define PADL 70.0
#define PADR 16.0
#define PADT 14.0
#define PADB 42.0


static double html_x(size_t i, size_t n)
{
	return PADL + (n > 1 ? (double)i / (double)(n - 1) : 0.5) * (W - PADL - PADR);
}

static double html_y(double v, double lo, double hi)
{
	return PADT + (hi > lo ? (hi - v) / (hi - lo) : 0.5) * (H - PADT - PADB);
}

static void html_chart(FILE *f, const struct trend *t)
{
	char a[40], b[40], c[40], when[32];
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < t->n; i++) {
		lo = fmin(lo, t->pts[i].value);
		hi = fmax(hi, t->pts[i].value);
	}
	double pad = hi > lo ? (hi - lo) * 0.08 : fabs(hi) * 0.05 + 1e-12;
	lo -= pad;
	hi += pad;

	fputs("<section><h2>", f);
	html_text(f, t->display);
	fprintf(f, "</h2><p>%zu runs, %s is better, last ", t->n, t->test.higher_is_better ? "higher" : "lower");
	c_snprintf(a, sizeof a, "%.6g", t->last);
	html_text(f, a);
	fputc(' ', f);
	html_text(f, t->test.unit);
	fprintf(f, ": <b class=\"%s\">", t->verdict == TV_REGRESSED ? "bad" : t->verdict == TV_IMPROVED ? "good" : "");
	html_text(f, trend_verdict_name(t->verdict));
	fputs("</b></p>\n", f);
	c_snprintf(a, sizeof a, "%.0f %.0f", W, H);
	fprintf(f, "<svg class=\"chart\" viewBox=\"0 0 %s\" role=\"img\">\n", a);
	/* Axes and the value range. */
	c_snprintf(a, sizeof a, "%.1f", PADL);
	c_snprintf(b, sizeof b, "%.1f", H - PADB);
	fprintf(f, "<path class=\"axis\" d=\"M%s %s V%s H%s\"/>\n", a, "14", b,
	        (c_snprintf(c, sizeof c, "%.1f", W - PADR), c));
	for (int k = 0; k < 2; k++) {
		double v = k ? lo + pad : hi - pad;
		c_snprintf(a, sizeof a, "%.1f", html_y(v, lo, hi) + 4);
		c_snprintf(b, sizeof b, "%.4g", v);
		fprintf(f, "<text class=\"tick\" x=\"%.0f\" y=\"%s\" text-anchor=\"end\">%s</text>\n", PADL - 6, a, b);
	}
	/* Segment means. */
	for (size_t k = 0; k <= t->ncps; k++) {
		size_t from = k ? t->cps[k - 1].index : 0, to = k < t->ncps ? t->cps[k].index : t->n;
		double mean = 0;
		for (size_t i = from; i < to; i++)
			mean += t->pts[i].value;
		mean /= (double)(to - from ? to - from : 1);
		c_snprintf(a, sizeof a, "M%.1f %.1f H%.1f", html_x(from, t->n), html_y(mean, lo, hi), html_x(to - 1, t->n));
		c_snprintf(b, sizeof b, "%.6g", mean);
		fprintf(f, "<path class=\"seg\" d=\"%s\"><title>segment mean %s</title></path>\n", a, b);
	}
	/* Change points. */
	for (size_t k = 0; k < t->ncps; k++) {
		const struct changepoint *cp = &t->cps[k];
		const struct history_point *p = &t->pts[cp->index];
		double x = (html_x(cp->index, t->n) + html_x(cp->index ? cp->index - 1 : 0, t->n)) / 2;
		c_snprintf(a, sizeof a, "%.1f", x);
		fprintf(f, "<path class=\"cp %s\" d=\"M%s %.0f V%.0f\"><title>change point at run %lld",
		        trend_cp_regression(t, cp) ? "bad" : "good", a, PADT, H - PADB, p->run_id);
		if (p->label[0]) {
			fputs(" (", f);
			html_text(f, p->label);
			fputc(')', f);
		}
		c_snprintf(a, sizeof a, "%.6g", cp->before);
		c_snprintf(b, sizeof b, "%.6g", cp->after);
		c_snprintf(c, sizeof c, "%+.1f%%, p=%.2g", 100 * cp->rel_change, cp->p);
		fprintf(f, ": %s -&gt; %s (%s)</title></path>\n", a, b, c);
	}
	/* The series and its points. */
	fputs("<polyline class=\"line\" points=\"", f);
	for (size_t i = 0; i < t->n; i++) {
		c_snprintf(a, sizeof a, "%.1f,%.1f ", html_x(i, t->n), html_y(t->pts[i].value, lo, hi));
		fputs(a, f);
	}
	fputs("\"/>\n", f);
	for (size_t i = 0; i < t->n; i++) {
		const struct history_point *p = &t->pts[i];
		c_snprintf(a, sizeof a, "cx=\"%.1f\" cy=\"%.1f\"", html_x(i, t->n), html_y(p->value, lo, hi));
		c_snprintf(b, sizeof b, "%.17g", p->value);
		fprintf(f, "<circle class=\"pt\" %s r=\"3\"><title>run %lld %s", a, p->run_id,
		        cmd_history_when(when, sizeof when, p->started));
		if (p->label[0]) {
			fputc(' ', f);
			html_text(f, p->label);
		}
		fprintf(f, ": %s ", b);
		html_text(f, t->test.unit);
		fputs("</title></circle>\n", f);
	}
	/* x labels: the label of a run when it has one, else its id; at most about 10. */
	size_t step = t->n > 10 ? (t->n + 9) / 10 : 1;
	for (size_t i = 0; i < t->n; i += step) {
		const struct history_point *p = &t->pts[i];
		c_snprintf(a, sizeof a, "%.1f", html_x(i, t->n));
		fprintf(f, "<text class=\"tick\" x=\"%s\" y=\"%.0f\" text-anchor=\"middle\">", a, H - PADB + 16);
		if (p->label[0])
			html_text(f, p->label);
		else
			fprintf(f, "run %lld", p->run_id);
		fputs("</text>\n", f);
	}
	fputs("</svg>\n</section>\n", f);
}

int trend_html_write(FILE *f, const struct trend *t, size_t n, const struct trend_style *st)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width\">\n<title>benchtop trend</title>\n<style>\n"
	      "body{font:14px sans-serif;margin:1.5em;color:#222;background:#fff}\n"
	      "h1{font-size:1.4em}h2{font-size:1.1em;margin:1.2em 0 .2em}p{margin:.2em 0}\n"
	      "svg.chart{width:100%;max-width:760px;height:auto;border:1px solid #ddd}\n"
	      ".axis{stroke:#888;fill:none}.tick{font-size:11px;fill:#555}\n"
	      ".line{fill:none;stroke:#3465a4;stroke-width:1.5}.pt{fill:#3465a4}\n"
	      ".seg{stroke:#999;stroke-width:2;stroke-dasharray:1 0}\n"
	      ".cp{stroke-width:2;stroke-dasharray:5 4}.cp.bad{stroke:#c00}.cp.good{stroke:#080}\n"
	      "b.bad{color:#c00}b.good{color:#080}\n"
	      "</style></head><body>\n<h1>benchtop trend</h1>\n<p>", f);
	html_text(f, st->machine);
	fprintf(f, ": %zu test%s; dashed lines are change points (E-divisive means, t-test).</p>\n", n,
	        n == 1 ? "" : "s");
	for (size_t i = 0; i < n; i++)
		if (t[i].n)
			html_chart(f, &t[i]);
	fputs("</body></html>\n", f);
	return ferror(f) ? -1 : 0;
}
