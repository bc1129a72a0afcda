/* export-stress-junit.c - the stress run in the JUnit report (export-stress.h): a testsuite
 * "stress" with a testcase per generator, or per device for one that drives devices (gpu: a
 * GPU each), so that a CI server shows a GPU that failed, a worker that gave up or a generator
 * that never started as one failed test each. */
#include "config.h"

#include <stdio.h>

#include "export-stress.h"
#include "stress-tally.h"
#include "text-escape.h"

static const struct stress_tally *junit_stress(const struct run_results *r)
{
	return r->stress && stress_tally_any(r->stress) ? r->stress : NULL;
}

static void junit_text(FILE *f, const char *s)
{
	text_escape(f, &text_escape_xml, s);
}

double export_stress_junit_count(const struct run_results *r, size_t *tests, size_t *failures, size_t *skipped)
{
	const struct stress_tally *t = junit_stress(r);
	*tests = *failures = *skipped = 0;
	double seconds = t ? t->ended_t - t->started_t : 0;
	for (int i = 0; t && i < t->ngens; i++) {
		const struct stress_tally_gen *g = &t->gen[i];
		*tests += g->ndevices ? (size_t)g->ndevices : 1;
		*failures += !g->ndevices && stress_tally_gen_failed(g, NULL, 0);
		*skipped += !g->ndevices && stress_tally_state(g) == TALLY_UNAVAILABLE;
		for (int d = 0; d < g->ndevices; d++) {
			enum stress_device_state ds = stress_device_state(&g->devices[d]);
			*failures += ds == SDEV_FAULTY || ds == SDEV_STOPPED;
			*skipped += ds == SDEV_NOT_CHECKED;
		}
	}
	return seconds > 0 ? seconds : 0;
}

/* One testcase: failed with type and message, skipped with message, or passed (both NULL). */
static void junit_case(FILE *f, const char *classname, const char *name, double seconds, const char *type,
                       const char *skip, const char *message)
{
	fputs("    <testcase classname=\"", f);
	junit_text(f, classname);
	fputs("\" name=\"", f);
	junit_text(f, name);
	fprintf(f, "\" time=\"%.6f\"", seconds > 0 ? seconds : 0.0);
	if (type) {
		fprintf(f, ">\n      <failure type=\"%s\" message=\"", type);
		junit_text(f, message);
		fputs("\">", f);
		junit_text(f, message);
		fputs("</failure>\n    </testcase>\n", f);
	} else if (skip) {
		fputs(">\n      <skipped message=\"", f);
		junit_text(f, skip);
		fputs("\"/>\n    </testcase>\n", f);
	} else {
		fputs("/>\n", f);
	}
}

void export_stress_junit(FILE *f, const struct run_results *r, const char *timestamp, const char *hostname)
{
	const struct stress_tally *t = junit_stress(r);
	if (!t)
		return;
	size_t n, nf, ns;
	double seconds = export_stress_junit_count(r, &n, &nf, &ns);
	fprintf(f, "  <testsuite name=\"stress\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\" "
	        "time=\"%.6f\" timestamp=\"", n, nf, ns, seconds);
	junit_text(f, timestamp);
	fputs("\" hostname=\"", f);
	junit_text(f, hostname);
	fputs("\">\n", f);
	for (int i = 0; i < t->ngens; i++) {
		const struct stress_tally_gen *g = &t->gen[i];
		char why[512], text[256], cls[64];
		int st = stress_tally_state(g), failed = stress_tally_gen_failed(g, why, sizeof why);
		if (!g->ndevices)
			junit_case(f, "stress", g->name, g->on_s, failed ? tally_state_key(st) : NULL,
			           st == TALLY_UNAVAILABLE ? g->why : NULL, why);
		snprintf(cls, sizeof cls, "stress.%s", g->name);
		for (int d = 0; d < g->ndevices; d++) {
			const struct stress_device *sd = &g->devices[d];
			enum stress_device_state ds = stress_device_state(sd);
			stress_device_text(sd, text, sizeof text);
			junit_case(f, cls, sd->name, g->on_s, ds == SDEV_FAULTY || ds == SDEV_STOPPED ?
			           stress_device_state_key(ds) : NULL, ds == SDEV_NOT_CHECKED ? text : NULL, text);
		}
	}
	fputs("  </testsuite>\n", f);
}
