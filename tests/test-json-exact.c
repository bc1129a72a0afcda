/* Numbers in reports and journals read back bit for bit: samples with awkward doubles and the
 * largest seed, written by the JSON report and the journal and loaded again. */
#include "config.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "export.h"
#include "journal.h"
#include "json-number.h"
#include "report-load.h"
#include "results.h"
#include "util.h"

static char dir[256];

/* Values whose 15 significant digits read back as a neighbour, or that sit at the edges. */
static double awkward[16];
static size_t nawkward;

static void awkward_values(void)
{
	volatile double a = 0.1, b = 0.2;   /* 0.30000000000000004, not folded */
	const double v[] = { a + b, 1.0 / 3.0, 9007199254740991.0, 5e-324, DBL_MAX, DBL_MIN,
	                     2.0 / 3.0 * 1e-300, 1e300 / 7.0, 0.1, 1796217781.5455475, -0.0, 123456789.0,
	                     nextafter(1.0, 2.0), -nextafter(0.01, 1.0) };
	nawkward = sizeof v / sizeof v[0];
	memcpy(awkward, v, sizeof v);
}

static int same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

static void test_text(void)
{
	char buf[JSON_NUMBER_LEN];
	for (size_t i = 0; i < nawkward; i++) {
		double v = awkward[i];
		json_number_text(buf, sizeof buf, v);
		if (!same_bits(c_strtod(buf, NULL), v)) {
			check_failures++;
			fprintf(stderr, "%.17g written as %s\n", v, buf);
		}
	}
	/* The shortest text: short decimals stay short, whole numbers print whole. */
	CHECK_STR(json_number_text(buf, sizeof buf, 0.1), "0.1");
	CHECK_STR(json_number_text(buf, sizeof buf, awkward[0]), "0.30000000000000004");
	CHECK_STR(json_number_text(buf, sizeof buf, 9007199254740991.0), "9007199254740991");
	CHECK_STR(json_number_text(buf, sizeof buf, 3.0), "3");
	CHECK_STR(json_number_text(buf, sizeof buf, NAN), "null");
	CHECK_STR(json_number_text(buf, sizeof buf, INFINITY), "null");

	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "seed", json_integer(9007199254740991LL));
	cJSON_AddItemToObject(o, "big", json_integer(9223372036854775807LL));
	cJSON_AddItemToObject(o, "x", json_number(1.0 / 3.0));
	cJSON_AddItemToObject(o, "none", json_number(NAN));
	char *text = cJSON_PrintUnformatted(o);
	CHECK_STR(text, "{\"seed\":9007199254740991,\"big\":9223372036854775807,\"x\":0.3333333333333333,"
	                "\"none\":null}");
	cJSON_free(text);
	cJSON_Delete(o);
}

/* A shuffled run of one test whose samples are the awkward values (no NAN: a sample is finite). */
static int make_run(struct run_results *r)
{
	struct test_info in;
	memset(&in, 0, sizeof in);
	str_copy(in.suite, "s", sizeof in.suite);
	str_copy(in.name, "t", sizeof in.name);
	str_copy(in.kind, "shell", sizeof in.kind);
	str_copy(in.variant, "{}", sizeof in.variant);
	str_copy(in.metric, "wall_time", sizeof in.metric);
	str_copy(in.unit, "s", sizeof in.unit);
	in.iterations = (int)nawkward;
	in.timeout = 10;
	in.min_time = in.max_mean = in.min_throughput = in.precision = in.max_time = NAN;
	if (results_init(r, &in, 1) < 0)
		return -1;
	r->started_t = 1796217781.5455475;
	str_copy(r->order, "shuffled", sizeof r->order);
	r->seed = 9007199254740991ULL;
	str_copy(r->system.hostname, "h", sizeof r->system.hostname);
	return 0;
}

static void events(struct run_results *r, struct journal *j)
{
	char why[256];
	struct run_event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = EV_TEST_STATE;
	ev.status = TS_RUNNING;
	ev.t = r->started_t;
	results_apply(r, &ev);
	if (j)
		journal_event(j, &ev, why, sizeof why);
	for (size_t i = 0; i < nawkward; i++) {
		memset(&ev, 0, sizeof ev);
		ev.type = EV_ITERATION;
		ev.iteration = (int)i + 1;
		ev.value = ev.wall_s = awkward[i];
		ev.user_s = awkward[(i + 1) % nawkward];
		ev.sys_s = awkward[(i + 2) % nawkward];
		ev.maxrss = NAN;
		ev.t = r->started_t + 0.1 * (double)(i + 1);
		results_apply(r, &ev);
		if (j)
			journal_event(j, &ev, why, sizeof why);
	}
	memset(&ev, 0, sizeof ev);
	ev.type = EV_TEST_STATE;
	ev.status = TS_PASS;
	ev.t = r->started_t + 10;
	results_apply(r, &ev);
	if (j)
		journal_event(j, &ev, why, sizeof why);
}

static void check_same_run(const struct run_results *a, const struct run_results *b, const char *what)
{
	CHECK_INT(b->ntests, 1);
	if (b->ntests != 1)
		return;
	CHECK(same_bits(b->started_t, a->started_t));
	CHECK_STR(b->order, "shuffled");
	CHECK(b->seed == 9007199254740991ULL);
	const struct test_result *x = &a->tests[0], *y = &b->tests[0];
	CHECK_INT(y->n, x->n);
	for (size_t i = 0; i < x->n && i < y->n; i++)
		if (!same_bits(x->samples[i], y->samples[i]) || !same_bits(x->user_s[i], y->user_s[i]) ||
		    !same_bits(x->sys_s[i], y->sys_s[i])) {
			check_failures++;
			fprintf(stderr, "%s: sample %zu: %.17g (user %.17g, sys %.17g) came back as %.17g (%.17g, %.17g)\n",
			        what, i, x->samples[i], x->user_s[i], x->sys_s[i], y->samples[i], y->user_s[i], y->sys_s[i]);
		}
}

static void test_round_trips(void)
{
	char why[512] = "", report[400], journal[400], again[400];
	struct run_results live, back;
	if (make_run(&live) < 0)
		return;
	snprintf(journal, sizeof journal, "%s/run.journal.jsonl", dir);
	struct journal *j = journal_open(journal, &live, why, sizeof why);
	CHECK(j != NULL);
	events(&live, j);
	if (j)
		journal_close(j);
	results_finish(&live);

	snprintf(report, sizeof report, "%s/run.json", dir);
	CHECK_INT(export_path(report, &live, why, sizeof why), 0);
	if (report_load_json(report, &back, why, sizeof why) < 0) {
		check_failures++;
		fprintf(stderr, "report: %s\n", why);
	}
	check_same_run(&live, &back, "report");
	/* Written again from what was read, the report is the same file. */
	snprintf(again, sizeof again, "%s/again.json", dir);
	CHECK_INT(export_path(again, &back, why, sizeof why), 0);
	results_free(&back);

	if (journal_load(journal, &back, why, sizeof why) < 0) {
		check_failures++;
		fprintf(stderr, "journal: %s\n", why);
	}
	check_same_run(&live, &back, "journal");
	results_finish(&back);
	/* The report rebuilt from the journal is the run's report, to the last digit. */
	snprintf(again, sizeof again, "%s/rebuilt.json", dir);
	CHECK_INT(export_path(again, &back, why, sizeof why), 0);
	results_free(&back);
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s/again.json' && cmp -s '%s' '%s'", report, dir, report, again);
	CHECK_INT(system(cmd), 0);
	results_free(&live);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/benchtop-json-exact-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror(dir);
		return 99;
	}
	awkward_values();
	test_text();
	test_round_trips();
	/* A decimal comma in the locale changes nothing. */
	if (setlocale(LC_ALL, "de_DE.UTF-8") || setlocale(LC_ALL, "fr_FR.UTF-8"))
		test_text();
	if (!check_failures && !getenv("KEEP")) {
		char cmd[512];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return check_result();
}
