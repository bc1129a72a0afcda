#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt-units.h"
#include "run-progress.h"
#include "run-table.h"
#include "stats.h"
#include "util.h"

/* Seconds per iteration (warmups included) a test has taken so far; NAN before its first. */
static double progress_pace(const struct run_progress *p, const struct test_result *t)
{
	double done = (double)t->warmups_done + (double)t->n;
	double end = test_status_finished(t->status) && isfinite(t->ended_t) ? t->ended_t : p->now;
	if (done <= 0 || !isfinite(t->started_t) || end < t->started_t)
		return NAN;
	return (end - t->started_t) / done;
}

/* The pace of the run: seconds per iteration over the tests begun; NAN before any. */
static double progress_run_pace(const struct run_progress *p)
{
	double secs = 0, iters = 0;
	for (size_t i = 0; i < p->n; i++) {
		const struct test_result *t = &p->results->tests[p->which[i]];
		double pace = progress_pace(p, t);
		if (isfinite(pace)) {
			double done = (double)t->warmups_done + (double)t->n;
			secs += pace * done;
			iters += done;
		}
	}
	return iters > 0 ? secs / iters : NAN;
}

/* How long a test takes in all: its warmups and planned iterations at `pace`, and at least its
 * min_time for the measured part (the runner goes on until both are done). */
static double progress_total(const struct test_result *t, double pace)
{
	double planned = t->info.iterations > 0 ? t->info.iterations : 1;
	double measured = planned * pace;
	if (isfinite(t->info.min_time) && t->info.min_time > measured)
		measured = t->info.min_time;
	return (double)t->info.warmup * pace + measured;
}

static double progress_left(const struct run_progress *p, const struct test_result *t, double run_pace)
{
	if (test_status_finished(t->status) || t->status == TS_SKIPPED)
		return 0;
	double pace = progress_pace(p, t);
	if (!isfinite(pace))
		pace = run_pace;
	if (!isfinite(pace)) {
		/* Nothing ran yet: only a min_time says anything. */
		return isfinite(t->info.min_time) ? t->info.min_time : NAN;
	}
	double elapsed = t->status != TS_QUEUED && isfinite(t->started_t) ? p->now - t->started_t : 0;
	double left = progress_total(t, pace) - elapsed;
	/* Running past what the pace foretold: an iteration longer than the others, so unknown. */
	if (left <= 0 && t->status != TS_QUEUED)
		return NAN;
	return left > 0 ? left : 0;
}

double run_progress_test_eta(const struct run_progress *p, int test)
{
	return progress_left(p, &p->results->tests[test], progress_run_pace(p));
}

double run_progress_eta(const struct run_progress *p)
{
	double run_pace = progress_run_pace(p), left = 0;
	for (size_t i = 0; i < p->n; i++) {
		double l = progress_left(p, &p->results->tests[p->which[i]], run_pace);
		if (!isfinite(l))
			return NAN;
		left += l;
	}
	return left;
}

static size_t progress_position(const struct run_progress *p, int test)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->which[i] == test)
			return i + 1;
	return 0;
}

static char *progress_eta_text(char *buf, size_t len, double s)
{
	return isfinite(s) ? fmt_duration(buf, len, s) : str_copy(buf, "?", len);
}

char *run_progress_event_line(char *buf, size_t len, const struct run_progress *p, const struct run_event *ev)
{
	buf[0] = '\0';
	if (ev->type != EV_TEST_STATE || (ev->status != TS_PASS && ev->status != TS_FAIL))
		return buf;
	const struct test_result *t = &p->results->tests[ev->test];
	struct stats s;
	char name[400], figure[96], took[32], eta[32];
	stats_compute(t->samples, t->n, &s);
	fmt_unit_pm(figure, sizeof figure, s.mean, s.stdev, t->info.unit);
	fmt_duration(took, sizeof took, isfinite(t->started_t) ? ev->t - t->started_t : NAN);
	progress_eta_text(eta, sizeof eta, run_progress_eta(p));
	snprintf(buf, len, "[%zu/%zu] %s %s: %zu iteration%s, mean %s, took %s  ETA %s", progress_position(p, ev->test),
	         p->n, run_table_name(name, sizeof name, t), test_status_name(ev->status), t->n, t->n == 1 ? "" : "s",
	         figure, took, eta);
	return buf;
}

char *run_progress_tick_line(char *buf, size_t len, const struct run_progress *p, double every, double *last)
{
	size_t used = 0;
	buf[0] = '\0';
	if (isfinite(*last) && p->now - *last < every)
		return buf;
	for (size_t i = 0; i < p->n; i++) {
		const struct test_result *t = &p->results->tests[p->which[i]];
		if ((t->status != TS_WARMUP && t->status != TS_RUNNING) || !isfinite(t->started_t) ||
		    p->now - t->started_t < every)
			continue;
		char name[400], iter[96], el[32], teta[32], reta[32];
		if (t->status == TS_WARMUP)
			snprintf(iter, sizeof iter, "warmup %d/%d", t->warmups_done + 1, t->info.warmup);
		else if (t->info.iterations > 0 && !(isfinite(t->info.min_time) && t->info.min_time > 0))
			snprintf(iter, sizeof iter, "iteration %zu/%d", t->n + 1, t->info.iterations);
		else
			snprintf(iter, sizeof iter, "iteration %zu (runs for at least %s)", t->n + 1,
			         fmt_duration(el, sizeof el, t->info.min_time));
		fmt_duration(el, sizeof el, p->now - t->started_t);
		progress_eta_text(teta, sizeof teta, run_progress_test_eta(p, p->which[i]));
		progress_eta_text(reta, sizeof reta, run_progress_eta(p));
		int n = snprintf(buf + used, len - used, "%s[%zu/%zu] %s running: %s, %s so far, test ETA %s, run ETA %s",
		                 used ? "\n" : "", i + 1, p->n, run_table_name(name, sizeof name, t), iter, el, teta, reta);
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
	}
	if (used)
		*last = p->now;
	return buf;
}
