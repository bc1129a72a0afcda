/* runner.h - worker threads that run the tests of loaded suites and report every step.
 *
 * The main thread starts a runner over suite test_specs (which it keeps alive and
 * unchanged until runner_free) and an event queue it drains. Each worker takes the next
 * test from the list, so tests run one at a time by default and `jobs` at once otherwise.
 * Workers take groups of tests (order.h): a group of one in sequential order, the variants
 * of a test in interleaved or shuffled order, run in rounds of one iteration each.
 * Per test it posts, as run_events with `test` set to the test's index into specs:
 *   EV_TEST_STATE TS_WARMUP (only when warmup > 0), an EV_ITERATION per warmup (warmup = 1),
 *   EV_TEST_STATE TS_RUNNING, an EV_ITERATION per measured iteration (with its round and
 *   noise bits), then one finished state with `stop` saying why the iterations ended:
 *   TS_PASS (ran fine; thresholds are judged later by results_finish), TS_ERROR or
 *   TS_TIMEOUT with the reason in text ("exit status 3: ...", "timed out after 2s"), or
 *   TS_STOPPED with "stopped after 7 of 10 iterations" when runner_stop cut it short (what it
 *   measured stands). A test not begun when the stop came posts nothing.
 * Measured iterations: as adaptive.h decides (iterations, min_time, precision, max_iterations,
 * max_time), at most RUNNER_MAX_ITERATIONS; warmups: `warmup`, or until steady with auto.
 * prepare and cleanup run around every iteration, warmups included, untimed; a failing
 * step is an error of the test. A command iteration's value is its wall time in seconds
 * (with wall/user/sys/maxrss); a kernel's is what iterate reports (the others NAN).
 * timeout bounds each iteration; a kernel past it is asked to stop through its stop flag.
 * After an error or timeout the test's remaining iterations are skipped; other tests go on.
 *
 * Results must not be lost: when the queue is full a worker retries the push every
 * millisecond until it fits, or until a stop is requested (then the event is dropped,
 * and the queue counts it); attempts that later fitted are taken back out of the queue's
 * dropped count. Workers block SIGINT, SIGTERM, SIGHUP and SIGWINCH.
 */
#ifndef BENCHTOP_RUNNER_H
#define BENCHTOP_RUNNER_H

#include <stddef.h>

#include "queue.h"
#include "suite.h"

#define RUNNER_MAX_ITERATIONS 100000  /* measured iterations a min_time test may take */
#define RUNNER_MAX_JOBS 256

struct runner;

struct runner_config {
	const struct test_spec *specs;
	const int *which;          /* indexes into specs to run, in order; also the events' test */
	size_t nwhich;
	int jobs;                  /* tests at once; <= 1: one at a time */
	const char *tmpdir;        /* for kernels' files; NULL: $TMPDIR or /tmp */
	int order;                 /* enum run_order from the command line; ORDER_UNSET: the suites' */
	unsigned long long seed;   /* of a shuffled order */
	struct queue *events;      /* of struct run_event */
};

/* Starts the workers and returns at once. 0, or -1 with why. */
int  runner_start(struct runner **out, const struct runner_config *cfg, char *why, size_t whylen);
/* Nonzero once every test has finished (or the runner was stopped and its workers joined). */
int  runner_done(const struct runner *r);
/* Asks every worker to stop, ends running commands' process groups (SIGTERM, then SIGKILL),
 * and joins the workers. Safe at any time, more than once, and after the run ended by itself. */
void runner_stop(struct runner *r);
/* runner_stop, then releases r. */
void runner_free(struct runner *r);

#endif
