#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "export-stress.h"
#include "export.h"
#include "results-json.h"
#include "text-escape.h"
#include "text-visible.h"
#include "util.h"

/* Text for an attribute or element: markup characters escaped; what XML 1.0 forbids shown as
 * \xNN, so the file parses whatever a test name or an error holds. */
static void export_junit_text(FILE *f, const char *s)
{
	text_escape(f, &text_escape_xml, s);
}

static void export_junit_seconds(FILE *f, double s)
{
	char buf[64];
	c_snprintf(buf, sizeof buf, "%.6f", isfinite(s) ? s : 0.0);
	fputs(buf, f);
}

static int export_junit_bad(enum test_status s)
{
	return s == TS_FAIL || s == TS_TIMEOUT;
}

static void export_junit_case(FILE *f, const struct test_result *t, double tolerance_pct)
{
	char label[512], buf[256], text[512];
	fputs("    <testcase classname=\"", f);
	export_junit_text(f, t->info.suite);
	fputs("\" name=\"", f);
	export_junit_text(f, t->info.name);
	export_variant_label(label, sizeof label, t->info.variant);
	if (label[0]) {
		fputc(' ', f);
		export_junit_text(f, label);
	}
	fputs("\" time=\"", f);
	export_junit_seconds(f, export_test_seconds(t));
	fputs("\">\n", f);

	const char *what = t->error[0] ? t->error : test_status_name(t->status);
	if (export_junit_bad(t->status) || t->status == TS_ERROR) {
		const char *el = t->status == TS_ERROR ? "error" : "failure";
		fprintf(f, "      <%s type=\"%s\" message=\"", el, test_status_name(t->status));
		export_junit_text(f, what);
		fputs("\">", f);
		export_junit_text(f, what);
		fprintf(f, "</%s>\n", el);
	} else if (export_regressed(t)) {
		export_baseline_text(text, sizeof text, t, tolerance_pct);
		fputs("      <failure type=\"regression\" message=\"", f);
		export_junit_text(f, text);
		fputs("\">", f);
		export_junit_text(f, text);
		fputs("</failure>\n", f);
	} else if (t->status == TS_SKIPPED) {
		/* Its reason (a kernel this machine cannot run), else the run ended before it. */
		fputs("      <skipped message=\"", f);
		export_junit_text(f, t->error[0] ? t->error : "the run ended before this test started");
		fputs("\"/>\n", f);
	} else if (t->status == TS_STOPPED) {
		fputs("      <skipped message=\"", f);
		export_junit_text(f, what);
		fputs("\"/>\n", f);
	}
	const struct stats *s = &t->stats;
	const struct { const char *name; double v; } figures[] = {
		{ "mean", s->mean }, { "median", s->median }, { "stdev", s->stdev },
		{ "min", s->min }, { "max", s->max },
	};
	fprintf(f, "      <system-out>n=%zu", s->n);
	for (size_t i = 0; i < sizeof figures / sizeof figures[0]; i++) {
		if (!isfinite(figures[i].v))
			continue;
		c_snprintf(buf, sizeof buf, " %s=%.6g", figures[i].name, figures[i].v);
		fputs(buf, f);
	}
	if (s->n) {
		fputs(" (", f);
		export_junit_text(f, t->info.unit);
		fputc(')', f);
	}
	if (results_noise_text(t, buf, sizeof buf)[0]) {
		fputs(" noise: ", f);
		export_junit_text(f, buf);
	}
	fputs("</system-out>\n    </testcase>\n", f);
}

static int export_junit_write(FILE *f, const struct run_results *r, char *why, size_t whylen)
{
	size_t failures = 0, errors = 0, skipped = 0;
	double total = 0;
	for (size_t i = 0; i < r->ntests; i++) {
		failures += export_junit_bad(r->tests[i].status) || export_regressed(&r->tests[i]);
		errors += r->tests[i].status == TS_ERROR;
		skipped += r->tests[i].status == TS_SKIPPED || r->tests[i].status == TS_STOPPED;
		total += export_test_seconds(&r->tests[i]);
	}
	size_t stress_tests, stress_failures, stress_skipped;   /* the stressors' testsuite */
	total += export_stress_junit_count(r, &stress_tests, &stress_failures, &stress_skipped);
	char iso[32];
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fprintf(f, "<testsuites name=\"benchtop\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
	        "skipped=\"%zu\" time=\"", r->ntests + stress_tests, failures + stress_failures, errors,
	        skipped + stress_skipped);
	export_junit_seconds(f, total);
	fputs("\">\n", f);
	if (r->journal_skipped)
		fprintf(f, "  <!-- rebuilt from a damaged journal: %zu line%s skipped -->\n", r->journal_skipped,
		        r->journal_skipped == 1 ? "" : "s");

	/* One testsuite per suite name, in the order the suites first appear. */
	for (size_t i = 0; i < r->ntests; i++) {
		const char *suite = r->tests[i].info.suite;
		int seen = 0;
		for (size_t k = 0; k < i && !seen; k++)
			seen = strcmp(r->tests[k].info.suite, suite) == 0;
		if (seen)
			continue;
		size_t n = 0, nf = 0, ne = 0, ns = 0;
		double time = 0;
		for (size_t k = i; k < r->ntests; k++) {
			const struct test_result *t = &r->tests[k];
			if (strcmp(t->info.suite, suite) != 0)
				continue;
			n++;
			nf += export_junit_bad(t->status) || export_regressed(t);
			ne += t->status == TS_ERROR;
			ns += t->status == TS_SKIPPED || t->status == TS_STOPPED;
			time += export_test_seconds(t);
		}
		fputs("  <testsuite name=\"", f);
		export_junit_text(f, suite);
		fprintf(f, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"",
		        n, nf, ne, ns);
		export_junit_seconds(f, time);
		fputs("\" timestamp=\"", f);
		export_junit_text(f, results_json_iso_time(iso, sizeof iso, r->started_t));
		fputs("\" hostname=\"", f);
		export_junit_text(f, r->system.hostname);
		fputs("\">\n", f);
		for (size_t k = i; k < r->ntests; k++)
			if (strcmp(r->tests[k].info.suite, suite) == 0)
				export_junit_case(f, &r->tests[k], r->baseline_tolerance);
		fputs("  </testsuite>\n", f);
	}
	export_stress_junit(f, r, results_json_iso_time(iso, sizeof iso, r->started_t), r->system.hostname);
	fputs("</testsuites>\n", f);
	return 0;
}

const struct exporter_class export_junit = {
	.name = "junit",
	.ext = "xml",
	.help = "JUnit XML, one testcase per test variant, for a CI server",
	.write = export_junit_write,
};
