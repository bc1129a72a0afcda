#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "export.h"
#include "export-rigor.h"
#include "export-stress.h"
#include "fmt-units.h"
#include "html-charts.h"
#include "html-svg.h"
#include "results-json.h"
#include "run-table.h"
#include "util.h"

/* One page with nothing to fetch: styles, charts (inline SVG) and the table's sorting inline,
 * so the file can be mailed or attached to a CI run and opened anywhere, from a file. */

#define HTML_NOISY_CV 0.05   /* the headless table's threshold (run-table.c) */

static const char html_style[] =
	"body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;padding:1em 1.5em;max-width:1100px;color:#1f2328}\n"
	"h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin:1.6em 0 .5em;border-bottom:1px solid #d0d7de}\n"
	"h3{font-size:1em;margin:1.2em 0 .3em;word-break:break-word}\n"
	".sys{color:#57606a}.muted{color:#57606a}\n"
	"dl.sum{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:.5em 0}dl.sum dt{color:#57606a}\n"
	"dl.sum dd{margin:0}\n"
	".wrap{overflow-x:auto}\n"
	"table{border-collapse:collapse;font-size:.93em}th,td{padding:.3em .6em;border-bottom:1px solid #d0d7de;"
	"text-align:left;vertical-align:top}\n"
	"th{cursor:pointer;user-select:none;white-space:nowrap;background:#f6f8fa}th[data-dir=asc]::after{content:' \\25B2'}"
	"th[data-dir=desc]::after{content:' \\25BC'}\n"
	"td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	".pass{color:#1a7f37}.fail,.error,.timeout,.worse{color:#cf222e;font-weight:bold}.skipped{color:#8c959f}.stopped{color:#b26a00}\n"
	".better{color:#1a7f37}.why{color:#cf222e;font-size:.9em}\n"
	"ul.find li{margin:.2em 0}\n"
	"svg.chart{display:block;width:100%;max-width:720px;height:auto;margin:.2em 0 .6em}\n"
	"svg text{font:11px system-ui,sans-serif;fill:#1f2328}svg text.tick{fill:#57606a;font-size:10px}\n"
	"svg text.worse{fill:#cf222e;font-weight:bold}\n"
	"svg text.label,svg text.num{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}\n"
	"svg .axis{stroke:#57606a;stroke-width:1}svg .grid{stroke:#d0d7de;stroke-width:.5}\n"
	"svg .dot{fill:#0969da;fill-opacity:.35}svg .box{fill:#ddf4ff;stroke:#0969da;stroke-width:1.2}\n"
	"svg .whisker{stroke:#0969da;stroke-width:1.2}svg .median{stroke:#0550ae;stroke-width:2.5}\n"
	"svg .mean{fill:#fff;stroke:#bf3989;stroke-width:1.5}svg .trace{fill:none;stroke:#0969da;stroke-width:1.2}\n"
	"svg .bar{fill:#54aeff}svg .bar.worse{fill:#cf222e}svg .bar.better{fill:#2da44e}svg .bar.same{fill:#8c959f}\n"
	"svg .err{stroke:#1f2328;stroke-width:1.2}svg .tol{stroke:#8c959f;stroke-dasharray:4 3}\n"
	"svg .span{fill:#f6f8fa}svg .span.odd{fill:#eaeef2}svg .cpu{fill:#54aeff;fill-opacity:.7}\n"
	"svg .peak{stroke:#0550ae;stroke-width:2}svg .mem{stroke:#bc4c00;stroke-width:2;stroke-dasharray:5 2}\n"
	"svg text.mem-t{fill:#bc4c00}svg .sep{stroke:#1f2328;stroke-width:.8;stroke-opacity:.5}\n"
	"svg text.num{fill:#1f2328;font-weight:bold}\n"
	"article.test{break-inside:avoid;page-break-inside:avoid}\n"
	"@media (max-width:600px){body{padding:.5em .7em;font-size:14px}th,td{padding:.25em .35em}"
	"svg text{font-size:15px}svg text.tick{font-size:14px}}\n"
	"@media print{body{max-width:none;padding:0;font-size:11px}th{cursor:auto;background:none}"
	"th::after{content:''!important}.wrap{overflow:visible}a{color:inherit;text-decoration:none}"
	"h2{break-after:avoid}svg.chart{max-width:16cm}}\n";

/* Click a heading to sort by it; cells carry their raw number in data-v. */
static const char html_script[] =
	"(function(){\n"
	"var t=document.getElementById('results');if(!t)return;\n"
	"var hs=t.tHead.rows[0].cells;\n"
	"Array.prototype.forEach.call(hs,function(th,i){th.addEventListener('click',function(){\n"
	"var asc=th.getAttribute('data-dir')!=='asc';\n"
	"Array.prototype.forEach.call(hs,function(h){h.removeAttribute('data-dir');});\n"
	"th.setAttribute('data-dir',asc?'asc':'desc');\n"
	"var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows);\n"
	"rows.sort(function(x,y){var p=x.cells[i].getAttribute('data-v'),q=y.cells[i].getAttribute('data-v');\n"
	"var c=(p!==null&&q!==null)?(parseFloat(p)||0)-(parseFloat(q)||0):x.cells[i].textContent.localeCompare(y.cells[i].textContent);\n"
	"return asc?c:-c;});\n"
	"rows.forEach(function(r){b.appendChild(r);});});});\n"
	"document.body.setAttribute('data-ready','1');\n"
	"})();\n";

static void html_num_attr(FILE *f, double v)
{
	char b[48];
	if (isfinite(v)) {
		c_snprintf(b, sizeof b, " data-v=\"%.9g\"", v);
		fputs(b, f);
	}
}

static void html_cell(FILE *f, const char *text, double sort_value)
{
	fputs("<td class=\"n\"", f);
	html_num_attr(f, sort_value);
	fputs(">", f);
	html_text(f, text);
	fputs("</td>", f);
}

static void html_summary(FILE *f, const struct run_results *r)
{
	struct export_system sys;
	char iso[32], mem[32], took[32];
	size_t count[TS_LAST + 1] = { 0 };
	double end = r->started_t;
	for (size_t i = 0; i < r->ntests; i++) {
		count[r->tests[i].status]++;
		if (isfinite(r->tests[i].ended_t))
			end = fmax(end, r->tests[i].ended_t);
	}
	results_json_iso_time(iso, sizeof iso, r->started_t);
	export_system_line(r, &sys);   /* the same parts as the Markdown report's line */
	fputs("<p class=\"sys\">", f);
	for (int i = 0; i < sys.n; i++) {
		if (i)
			fputs(" · ", f);
		html_text(f, sys.part[i]);
	}
	fputs(" · benchtop ", f);
	html_text(f, r->benchtop_version);
	fputs("</p>\n<dl class=\"sum\">", f);
	fprintf(f, "<dt>started</dt><dd>%s</dd>", iso);
	fprintf(f, "<dt>took</dt><dd>%s</dd>", fmt_duration(took, sizeof took, end - r->started_t));
	/* A count in its status's colour only when it is not 0. */
	fprintf(f, "<dt>tests</dt><dd>%zu: <span class=\"%s\">%zu pass</span>, <span class=\"%s\">%zu fail</span>, "
	        "<span class=\"%s\">%zu error</span>, <span class=\"%s\">%zu timeout</span>, "
	        "<span class=\"%s\">%zu stopped or skipped</span></dd>", r->ntests, count[TS_PASS] ? "pass" : "muted",
	        count[TS_PASS], count[TS_FAIL] ? "fail" : "muted", count[TS_FAIL], count[TS_ERROR] ? "error" : "muted",
	        count[TS_ERROR], count[TS_TIMEOUT] ? "timeout" : "muted", count[TS_TIMEOUT], count[TS_SKIPPED] ? "skipped" : "muted",
	        count[TS_SKIPPED] + count[TS_QUEUED]);
	if (r->baseline_path[0]) {
		fputs("<dt>baseline</dt><dd>", f);
		html_text(f, r->baseline_path);
		c_snprintf(mem, sizeof mem, "%g", r->baseline_tolerance);
		fprintf(f, " (tolerance %s %% on the median, Mann-Whitney U test p &lt; 0.05)</dd>", mem);
	}
	if (r->journal_skipped)
		fprintf(f, "<dt>journal</dt><dd class=\"fail\">rebuilt from a damaged journal: %zu line%s skipped</dd>",
		        r->journal_skipped, r->journal_skipped == 1 ? "" : "s");
	fputs("</dl>\n", f);
}

/* "+12.3 % REGRESSED, p 0.001" */
static char *html_change_text(char *buf, size_t len, const struct test_result *t)
{
	const struct comparison *c = &t->baseline;
	char change[32] = "-", p[32] = "";
	if (isfinite(c->change_pct))
		c_snprintf(change, sizeof change, "%+.1f %%", c->change_pct);
	if (isfinite(c->p_utest))
		c_snprintf(p, sizeof p, ", p %.2g", c->p_utest);
	snprintf(buf, len, "%s %s%s", change, verdict_name(c->verdict), p);
	return buf;
}

/* What deserves a look: errors, thresholds, regressions, outliers and noise. */
static void html_findings(FILE *f, const struct run_results *r)
{
	char name[400], a[48], text[512];
	int any = 0;
	for (size_t i = 0; i < r->ntests; i++) {
		const struct test_result *t = &r->tests[i];
		int noisy = isfinite(t->stats.cv) && fabs(t->stats.cv) > HTML_NOISY_CV;
		if (!t->error[0] && !export_regressed(t) && !t->stats.outliers && !noisy)
			continue;
		if (!any)
			fputs("<h2>Findings</h2>\n<ul class=\"find\">\n", f);
		any = 1;
		run_table_name(name, sizeof name, t);
		fprintf(f, "<li><a href=\"#t%zu\">", i);
		html_text(f, name);
		fputs("</a>: ", f);
		if (t->error[0]) {
			fprintf(f, "<span class=\"%s\">%s</span> ", test_status_name(t->status), test_status_name(t->status));
			html_text(f, t->error);
			fputs("; ", f);
		}
		if (export_regressed(t)) {
			char o[48], n[48];
			fmt_unit(o, sizeof o, t->baseline.old_median, t->info.unit, 0);
			fmt_unit(n, sizeof n, t->baseline.new_median, t->info.unit, 0);
			fputs("<span class=\"worse\">", f);
			html_text(f, html_change_text(text, sizeof text, t));
			fputs("</span>: median ", f);
			html_text(f, n);
			fputs(" against ", f);
			html_text(f, o);
			fputs(" in the baseline; ", f);
		}
		if (t->stats.outliers)
			fprintf(f, "%zu of %zu iterations are outliers; ", t->stats.outliers, t->stats.n);
		if (noisy) {
			c_snprintf(a, sizeof a, "%.0f", fabs(t->stats.cv) * 100);
			fprintf(f, "noisy: &sigma; is %s %% of the mean", a);
		}
		fputs("</li>\n", f);
	}
	if (any)
		fputs("</ul>\n", f);
}

static void html_table(FILE *f, const struct run_results *r)
{
	char name[400], a[96], text[512];
	fputs("<h2>Results</h2>\n<div class=\"wrap\"><table id=\"results\"><thead><tr><th>test</th><th>status</th>"
	      "<th>mean ± σ</th><th>median</th><th>min … max</th><th>CV</th><th>n</th><th>CPU during</th>", f);
	if (r->baseline_path[0])
		fputs("<th>against the baseline</th>", f);
	fputs("</tr></thead><tbody>\n", f);
	for (size_t i = 0; i < r->ntests; i++) {
		const struct test_result *t = &r->tests[i];
		const struct stats *s = &t->stats;
		const char *status = test_status_name(t->status);
		run_table_name(name, sizeof name, t);
		fprintf(f, "<tr><td><a href=\"#t%zu\">%zu. ", i, i + 1);
		html_text(f, name);
		fputs("</a>", f);
		if (t->error[0]) {
			fputs("<div class=\"why\">", f);
			html_text(f, t->error);
			fputs("</div>", f);
		}
		fprintf(f, "</td><td class=\"%s\">%s</td>", status, status);
		html_cell(f, fmt_unit_pm(a, sizeof a, s->mean, s->stdev, t->info.unit), s->mean);
		html_cell(f, fmt_unit(a, sizeof a, s->median, t->info.unit, 0), s->median);
		html_cell(f, fmt_unit_range(a, sizeof a, s->min, s->max, t->info.unit), s->min);
		if (isfinite(s->cv))
			c_snprintf(a, sizeof a, "%.1f %%", fabs(s->cv) * 100);
		else
			str_copy(a, "-", sizeof a);
		html_cell(f, a, fabs(s->cv) * 100);
		snprintf(a, sizeof a, "%zu", s->n);
		html_cell(f, a, (double)s->n);
		double cpu = t->during.n ? t->during.cpu_sum / (double)t->during.n : NAN;
		html_cell(f, isfinite(cpu) ? fmt_unit(a, sizeof a, cpu, "%", 0) : "-", cpu);
		if (r->baseline_path[0]) {
			fprintf(f, "<td class=\"%s\"", export_regressed(t) ? "worse" : "n");
			html_num_attr(f, t->has_baseline ? t->baseline.change_pct : NAN);
			fputs(">", f);
			html_text(f, t->has_baseline ? html_change_text(text, sizeof text, t) : "-");
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table></div>\n", f);
}

/* Has an earlier test the same suite (and unit, when unit is given)? Charts go once per pair. */
static int html_seen(const struct run_results *r, size_t i, int by_unit)
{
	for (size_t k = 0; k < i; k++)
		if (strcmp(r->tests[k].info.suite, r->tests[i].info.suite) == 0 &&
		    (!by_unit || strcmp(r->tests[k].info.unit, r->tests[i].info.unit) == 0))
			return 1;
	return 0;
}

static void html_means(FILE *f, const struct run_results *r)
{
	int head = 0;
	for (size_t i = 0; i < r->ntests; i++) {
		const struct test_result *t = &r->tests[i];
		if (html_seen(r, i, 1))
			continue;
		if (!head)
			fputs("<h2>Means per suite</h2>\n<p class=\"muted\">Bars are means; whiskers their 95 % confidence "
			      "interval.</p>\n", f);
		head = 1;
		fputs("<h3>", f);
		html_text(f, t->info.suite);
		fputs(" <span class=\"muted\">(", f);
		html_text(f, t->info.unit[0] ? t->info.unit : "no unit");
		fputs(t->info.higher_is_better ? ", higher is better)" : ", lower is better)", f);
		fputs("</span></h3>\n", f);
		if (!html_chart_means(f, r, t->info.suite, t->info.unit))
			fputs("<p class=\"muted\">no figures</p>\n", f);
	}
}

static void html_tests(FILE *f, const struct run_results *r)
{
	char name[400], a[96], b[96];
	fputs("<h2>Each test</h2>\n<p class=\"muted\">Samples as dots over a box from the first to the third quartile, "
	      "the median as a bar, the mean as a ring, whiskers to the extremes; tests in one unit share the axis. "
	      "Below it the iterations in the order they ran.</p>\n", f);
	for (size_t i = 0; i < r->ntests; i++) {
		const struct test_result *t = &r->tests[i];
		struct svg_axis axis;
		run_table_name(name, sizeof name, t);
		fprintf(f, "<article class=\"test\" id=\"t%zu\"><h3>%zu. ", i, i + 1);
		html_text(f, name);
		fprintf(f, " <span class=\"%s\">%s</span></h3>\n<p>", test_status_name(t->status), test_status_name(t->status));
		html_text(f, fmt_unit_pm(a, sizeof a, t->stats.mean, t->stats.stdev, t->info.unit));
		fputs(" · median ", f);
		html_text(f, fmt_unit(a, sizeof a, t->stats.median, t->info.unit, 0));
		fputs(" · p5 … p95 ", f);
		html_text(f, fmt_unit_range(b, sizeof b, t->stats.p5, t->stats.p95, t->info.unit));
		fprintf(f, " · %zu iterations</p>\n", t->stats.n);
		html_unit_axis(r, t->info.unit, &axis);
		if (!html_chart_distribution(f, t, &axis))
			fputs("<p class=\"muted\">no samples</p>\n", f);
		html_chart_iterations(f, t);
		fputs("</article>\n", f);
	}
}

static int export_html_write(FILE *f, const struct run_results *r, char *why, size_t whylen)
{
	char iso[32];
	results_json_iso_time(iso, sizeof iso, r->started_t);
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<title>benchtop results, ", f);
	html_text(f, r->system.hostname);
	fprintf(f, ", %s</title>\n<style>\n%s</style></head><body>\n<h1>benchtop results</h1>\n", iso, html_style);
	html_summary(f, r);
	html_findings(f, r);
	export_rigor_html(f, r);   /* the noise guard's findings, noise, precision, order */
	html_table(f, r);
	export_stress_html(f, r);
	html_means(f, r);
	if (r->baseline_path[0]) {
		fputs("<h2>Compared with the baseline</h2>\n<p class=\"muted\">Change of the mean per test with the 95 % "
		      "confidence interval of this run's mean; dashed lines mark the tolerance; red is a regression.</p>\n", f);
		if (!html_chart_baseline(f, r))
			fputs("<p class=\"muted\">no test was in the baseline</p>\n", f);
	}
	fputs("<h2>CPU and memory over the run</h2>\n<p class=\"muted\">What the sampler saw while each test ran "
	      "(numbered as in the table): mean CPU as the bar, its peak as the line, the memory peak dashed.</p>\n", f);
	if (!html_chart_timeline(f, r))
		fputs("<p class=\"muted\">the sampler saw no test run</p>\n", f);
	html_tests(f, r);
	fprintf(f, "<script>\n%s</script>\n</body></html>\n", html_script);
	(void)why;
	(void)whylen;
	return 0;
}

const struct exporter_class export_html = {
	.name = "html",
	.ext = "html",
	.help = "a page with charts (inline SVG), a sortable table and the findings; opens from a file",
	.write = export_html_write,
};
