#include "config.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "cmd-compare.h"
#include "export.h"
#include "history.h"
#include "journal.h"
#include "report-load.h"
#include "rigor-app.h"
#include "roles.h"
#include "run-progress.h"
#include "run-table.h"
#include "runner.h"
#include "stats.h"
#include "stress.h"
#include "suite.h"
#include "text-visible.h"
#include "util.h"

/* The benchmark side of the app: suites loaded and checked whole, runs started and stopped,
 * the runner's events applied to the results and the journal, and at the end the table,
 * the reports and the comparison with a baseline. Main thread only. */


int app_stress_active(const struct app *a)
{
	const struct stress *s = a->stress;
	struct frame_stress fs;
	for (int i = 0; s && i < stress_count(s); i++) {
		stress_describe(s, i, &fs);
		if (fs.on || fs.paused)   /* held by the thermal guard: still a stress run */
			return 1;
	}
	return 0;
}

/* ---- suites and the run ---- */

static int same_file(const char *x, const char *y)
{
	struct stat a, b;
	if (strcmp(x, y) == 0)
		return 1;
	return stat(x, &a) == 0 && stat(y, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int app_load_suites(struct app *a, const char *const *names, int n)
{
	char why[1024];
	for (int i = 0; i < n; i++) {
		if (suite_load(names[i], &a->suites[a->nsuites], why, sizeof why) < 0) {
			fprintf(stderr, "benchtop: %s\n", why);
			return 2;
		}
		/* Results, reports and history key tests by suite name: two suites of one name
		 * would pair their tests with each other and keep one suite's rows. */
		const struct suite *s = &a->suites[a->nsuites];
		for (int j = 0; j < a->nsuites; j++) {
			if (strcmp(a->suites[j].name, s->name) != 0)
				continue;
			snprintf(why, sizeof why, "%s: duplicate suite name '%s' (also %s)%s", s->path, s->name,
			         a->suites[j].path, same_file(a->suites[j].path, s->path) ? ": the same suite given twice"
			         : "; give each suite its own \"name\"");
			text_visible_inplace(why, sizeof why);
			fprintf(stderr, "benchtop: %s\n", why);
			suite_free(&a->suites[a->nsuites]);
			return 2;
		}
		a->nsuites++;
	}
	size_t total = 0;
	for (int i = 0; i < a->nsuites; i++)
		total += a->suites[i].ntests;
	a->specs = calloc(total ? total : 1, sizeof *a->specs);
	a->spec_suite = calloc(total ? total : 1, sizeof *a->spec_suite);
	struct test_info *infos = calloc(total ? total : 1, sizeof *infos);
	if (!a->specs || !a->spec_suite || !infos) {
		free(infos);
		fprintf(stderr, "benchtop: out of memory for %zu tests\n", total);
		return 1;
	}
	for (int i = 0; i < a->nsuites; i++)
		for (size_t k = 0; k < a->suites[i].ntests; k++) {
			a->spec_suite[a->nspecs] = i;
			infos[a->nspecs] = a->suites[i].tests[k].info;
			a->specs[a->nspecs++] = a->suites[i].tests[k];
		}
	int rc = results_init(&a->results, infos, a->nspecs);
	free(infos);
	if (rc < 0) {
		fprintf(stderr, "benchtop: out of memory for %zu tests\n", total);
		return 1;
	}
	rigor_seed_check(a, stderr);   /* the suites say whether the order is shuffled; before any screen */
	return 0;
}

/* -o takes a file with a known extension, or a directory: a name like "x.html" is neither. */
int app_check_report_path(const char *o, char *why, size_t whylen)
{
	struct stat st;
	if (!o || export_find(o) || (stat(o, &st) == 0 && S_ISDIR(st.st_mode)))
		return 0;
	const char *base = strrchr(o, '/') ? strrchr(o, '/') + 1 : o;
	const char *dot = strrchr(base, '.');
	if (!*base || !dot || dot == base)
		return 0;   /* a directory to create */
	char known[128];
	export_formats(known, sizeof known, ".", ", ");
	snprintf(why, whylen, "-o %s: unknown report format '%s' (expected %s, or a directory)", o, dot, known);
	return -1;
}

int app_run_tests(struct app *a, const int *which, size_t n, char *why, size_t whylen)
{
	if (a->run_active) {
		str_copy(why, "a run is already active (Enter stops it)", whylen);
		return -1;
	}
	app_drain_events(a);   /* a run stopped just now has its last events in the queue */
	free(a->run_which);
	a->run_which = malloc(n * sizeof *a->run_which);
	if (!a->run_which) {
		str_copy(why, "out of memory", whylen);
		return -1;
	}
	memcpy(a->run_which, which, n * sizeof *which);
	a->run_n = n;
	/* Finish the previous run's files before this run takes the stem and the journal. */
	if (a->tests_ran) {
		app_report_run(a);
		journal_close(a->journal);
		a->journal = NULL;
	}
	if (app_run_open(a, which, n, why, whylen) < 0)
		return -1;
	/* A test run again starts from nothing in the dashboard's table; the run has its own results. */
	for (size_t i = 0; i < n; i++) {
		const struct test_result *r = &a->results.tests[which[i]];
		if (r->status == TS_QUEUED && r->n == 0 && r->warmups_done == 0)
			continue;
		struct run_event ev = { .type = EV_TEST_STATE, .test = which[i], .status = TS_QUEUED, .t = now_real(),
		                        .value = NAN, .wall_s = NAN, .user_s = NAN, .sys_s = NAN, .maxrss = NAN };
		results_apply(&a->results, &ev);
	}
	struct runner_config cfg = {
		.specs = a->specs, .which = which, .nwhich = n, .jobs = a->opt.jobs,
		.tmpdir = a->opt.hdd_dir, .events = &a->events, .order = a->opt.order, .seed = a->run.seed,
	};
	if (runner_start(&a->runner, &cfg, why, whylen) < 0)
		return -1;
	a->run_active = 1;
	a->run_started = now_mono();
	if (app_stress_active(a))
		app_say(a, ROLE_WARN, "starting %zu test%s while stressors run: they will disturb the figures", n,
		    n == 1 ? "" : "s");
	else
		app_say(a, ROLE_NORMAL, "starting %zu test%s", n, n == 1 ? "" : "s");
	return 0;
}

void app_stop_tests(struct app *a)
{
	if (!a->runner)
		return;
	runner_free(a->runner);   /* stops the workers, kills child process groups, joins */
	a->runner = NULL;
	a->run_active = 0;
}

void app_stop_run(struct app *a)
{
	if (!a->run_active)
		return;
	app_stop_tests(a);
	a->run_stopped = 1;   /* the stopped tests' events are queued: check_run_done reports */
}

/* ---- events from the runner ---- */

static size_t run_position(const struct app *a, int test)
{
	for (size_t i = 0; i < a->run_n; i++)
		if (a->run_which[i] == test)
			return i + 1;
	return 0;
}

static void describe(const struct test_result *r, char *buf, size_t len)
{
	run_table_name(buf, len, r);   /* control characters shown as \x1b text */
}

/* Headless progress (run-progress.c): a line per finished test, and one now and then for a
 * long one; never one per iteration. */
static void say_progress(struct app *a, const struct run_event *ev)
{
	char line[2048];
	struct run_progress p = { &a->results, a->run_which, a->run_n, now_real() };
	if (ev)
		run_progress_event_line(line, sizeof line, &p, ev);
	else
		run_progress_tick_line(line, sizeof line, &p, 5, &a->progress_said);
	if (line[0])
		app_say(a, ROLE_NORMAL, "%s", line);
	if (line[0] && ev)
		a->progress_said = p.now;
}

static void on_event(struct app *a, const struct run_event *ev)
{
	char name[400];
	if (ev->type == EV_LOG) {
		app_say(a, ROLE_NORMAL, "%s", ev->text);
		return;
	}
	if (ev->test < 0 || (size_t)ev->test >= a->results.ntests)
		return;
	results_apply(&a->results, ev);
	app_run_apply(a, ev);
	const struct test_result *r = &a->results.tests[ev->test];
	describe(r, name, sizeof name);
	size_t pos = run_position(a, ev->test);
	if (ev->type == EV_ITERATION)
		return;   /* the dashboard's table shows every iteration; headless says a line per test */
	if (!app_watched(a))
		say_progress(a, ev);
	if (ev->status == TS_STOPPED && app_watched(a))
		app_say(a, ROLE_WARN, "%s %s", name, ev->text);
	else if (ev->status == TS_ERROR || ev->status == TS_TIMEOUT)
		app_say(a, ROLE_ERROR, "[%zu/%zu] %s %s: %s", pos, a->run_n, name, test_status_name(ev->status), ev->text);
	else if (test_status_finished(ev->status) && app_watched(a))
		app_say(a, ROLE_OK, "%s %s after %zu iterations", name, test_status_name(ev->status), r->n);
	else if (ev->status == TS_SKIPPED)
		app_say(a, ROLE_WARN, "[%zu/%zu] %s skipped: %s", pos, a->run_n, name, ev->text);
}

/* The run is over when every test it started has reached a finished state. */
static void check_run_done(struct app *a)
{
	if (!a->run_active) {
		if (a->run_stopped) {   /* a run ends the same way, finished or stopped */
			a->run_stopped = 0;
			app_report_run(a);
		}
		return;
	}
	for (size_t i = 0; i < a->run_n; i++)
		if (!test_status_finished(a->results.tests[a->run_which[i]].status) &&
		    a->results.tests[a->run_which[i]].status != TS_SKIPPED)
			return;
	app_stop_tests(a);
	if (!app_watched(a))
		app_say(a, ROLE_OK, "run finished");
	app_report_run(a);   /* the reports of a finished run are written at once */
	/* Headless with suites and no --duration: the run ends when the suites do. */
	if (!app_watched(a) && a->opt.nruns > 0 && a->opt.duration <= 0 && !a->quit) {
		a->quit = 1;
		a->ended_by = "suites finished";
	}
}

void app_drain_events(struct app *a)
{
	struct run_event ev;
	while (queue_pop(&a->events, &ev))
		on_event(a, &ev);
	if (a->run_active && !app_watched(a))
		say_progress(a, NULL);
	check_run_done(a);
}

/* ---- the end of a run: statistics, table, reports, baseline ---- */

void app_print_table(const struct run_results *results, FILE *out)
{
	run_table_print(results, out, 0);
}
