/* run-progress.h - what a headless run says while it runs: one line per finished test, and
 * for a test still running after a few seconds a line now and then with its iteration, its
 * time and the ETA of the test and of the run. Never a line per iteration.
 *
 * The ETA counts time, not iterations, so min_time tests (which run until their time is up)
 * are right too: a test takes at least its min_time, and its planned iterations at the pace
 * seen so far. Main thread only; called by the app with its results already updated.
 */
#ifndef BENCHTOP_RUN_PROGRESS_H
#define BENCHTOP_RUN_PROGRESS_H

#include <stddef.h>

#include "results.h"

/* The tests of a run, and where its progress lines go. */
struct run_progress {
	const struct run_results *results;
	const int *which;             /* indexes into results->tests */
	size_t n;
	double now;                   /* Unix seconds */
};

/* Seconds the run still needs; NAN when nothing yet tells the pace. */
double run_progress_eta(const struct run_progress *p);
/* Seconds test `test` still needs; NAN when unknown. */
double run_progress_test_eta(const struct run_progress *p, int test);
/* The line for a finished test, or "" when the event needs none. */
char *run_progress_event_line(char *buf, size_t len, const struct run_progress *p, const struct run_event *ev);
/* Lines for tests running longer than `every` seconds since the last line; "" when none is due.
 * *last is the time of the last line, updated when one is made. */
char *run_progress_tick_line(char *buf, size_t len, const struct run_progress *p, double every, double *last);

#endif
