#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "export.h"
#include "results-json.h"
#include "text-visible.h"
#include "util.h"

/* One page with nothing to fetch: styles inline, each test's iterations as an inline SVG
 * sparkline, so the file can be mailed or attached to a CI run and opened anywhere. */

/* Markup characters as entities; control characters and bytes that are not UTF-8 as \xNN. */
static void export_html_text(FILE *f, const char *s)
{
	while (*s) {
		size_t n = text_visible_letter(s);
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			if (n)
				fwrite(s, 1, n, f);
			else
				fprintf(f, "\\x%02x", (unsigned char)*s);
			break;
		}
		s += n ? n : 1;
	}
}

static const char *export_html_number(char *buf, size_t len, double v)
{
	if (isfinite(v))
		c_snprintf(buf, len, "%.4g", v);
	else
		str_copy(buf, "-", len);
	return buf;
}

/* The samples as a polyline in a 120x24 box, oldest on the left. */
static void export_html_spark(FILE *f, const struct test_result *t)
{
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < t->n; i++)
		if (isfinite(t->samples[i])) {
			lo = fmin(lo, t->samples[i]);
			hi = fmax(hi, t->samples[i]);
		}
	if (t->n < 2 || !isfinite(lo))
		return;
	fputs("<svg width=\"120\" height=\"24\" viewBox=\"0 0 120 24\"><polyline fill=\"none\" "
	      "stroke=\"#2a7ab8\" stroke-width=\"1.5\" points=\"", f);
	for (size_t i = 0; i < t->n; i++) {
		if (!isfinite(t->samples[i]))
			continue;
		double x = 120.0 * (double)i / (double)(t->n - 1);
		double y = hi > lo ? 22 - 20 * (t->samples[i] - lo) / (hi - lo) : 12;
		char pt[48];
		c_snprintf(pt, sizeof pt, "%.1f,%.1f ", x, y);
		fputs(pt, f);
	}
	fputs("\"/></svg>", f);
}

static void export_html_system(FILE *f, const struct run_results *r)
{
	struct export_system sys;
	char iso[32];
	export_system_line(r, &sys);
	results_json_iso_time(iso, sizeof iso, r->started_t);
	fputs("<p class=\"sys\">", f);
	for (int i = 0; i < sys.n; i++) {
		fputs(i ? " · " : "", f);
		export_html_text(f, sys.part[i]);
	}
	fprintf(f, " · started %s · benchtop ", iso);
	export_html_text(f, r->benchtop_version);
	fputs("</p>\n", f);
}

static int export_html_write(FILE *f, const struct run_results *r, char *why, size_t whylen)
{
	char a[32], b[32], label[512];
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>benchtop results</title>\n"
	      "<style>\n"
	      "body{font-family:system-ui,sans-serif;margin:2em;color:#222}\n"
	      "table{border-collapse:collapse}th,td{padding:.3em .7em;border-bottom:1px solid #ddd;text-align:left}\n"
	      "td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	      ".pass{color:#1a7f37}.fail,.error,.timeout{color:#c62828;font-weight:bold}.skipped{color:#888}\n"
	      ".sys{color:#555}.why{color:#c62828;font-size:.9em}\n"
	      "</style></head><body>\n<h1>benchtop results</h1>\n", f);
	export_html_system(f, r);
	fputs("<table>\n<tr><th>test</th><th>variant</th><th>status</th><th>mean ± stdev</th><th>median</th>"
	      "<th>p5 … p95</th><th>unit</th><th>n</th><th>iterations</th><th>CPU during</th>", f);
	if (r->baseline_path[0]) {
		fputs("<th>against ", f);
		export_html_text(f, r->baseline_path);
		fputs("</th>", f);
	}
	fputs("</tr>\n", f);
	for (size_t i = 0; i < r->ntests; i++) {
		const struct test_result *t = &r->tests[i];
		const char *status = test_status_name(t->status);
		fputs("<tr><td>", f);
		export_html_text(f, t->info.suite);
		fputc('/', f);
		export_html_text(f, t->info.name);
		fputs("</td><td>", f);
		export_html_text(f, export_variant_label(label, sizeof label, t->info.variant));
		fprintf(f, "</td><td class=\"%s\">%s</td><td class=\"n\">%s", status, status,
		        export_html_number(a, sizeof a, t->stats.mean));
		if (isfinite(t->stats.stdev))
			fprintf(f, " ± %s", export_html_number(b, sizeof b, t->stats.stdev));
		fprintf(f, "</td><td class=\"n\">%s</td>", export_html_number(a, sizeof a, t->stats.median));
		fprintf(f, "<td class=\"n\">%s … ", export_html_number(a, sizeof a, t->stats.p5));
		fprintf(f, "%s</td><td>", export_html_number(a, sizeof a, t->stats.p95));
		export_html_text(f, t->info.unit);
		fprintf(f, "</td><td class=\"n\">%zu</td><td>", t->stats.n);
		export_html_spark(f, t);
		fputs("</td><td class=\"n\">", f);
		if (t->during.n)
			fprintf(f, "%s %% mean", export_html_number(a, sizeof a, t->during.cpu_sum / (double)t->during.n));
		else
			fputs("-", f);
		fputs("</td>", f);
		if (r->baseline_path[0]) {
			char text[512];
			fprintf(f, "<td class=\"%s\">", export_regressed(t) ? "fail" : "n");
			export_html_text(f, t->has_baseline ? export_baseline_text(text, sizeof text, t, r->baseline_tolerance) : "-");
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
		if (t->error[0]) {
			fputs("<tr><td></td><td colspan=\"9\" class=\"why\">", f);
			export_html_text(f, t->error);
			fputs("</td></tr>\n", f);
		}
	}
	fputs("</table>\n</body></html>\n", f);
	(void)why;
	(void)whylen;
	return 0;
}

const struct exporter_class export_html = {
	.name = "html",
	.ext = "html",
	.help = "a page with a table and a sparkline per test, to show around",
	.write = export_html_write,
};
