/* runner-private.h - what the runner's files share: the worker and runner state (runner-threads.c),
 * posting events (runner-post.c), one iteration (runner-iteration.c) and a group in rounds
 * (runner-group.c). Only those files include it.
 */
#ifndef BENCHTOP_RUNNER_PRIVATE_H
#define BENCHTOP_RUNNER_PRIVATE_H

#include <pthread.h>
#include <stdatomic.h>

#include "kernel.h"
#include "noise-sample.h"
#include "order.h"
#include "runner.h"
#include "util.h"

struct worker {
	struct runner *r;
	pthread_t th;
	int started;
	atomic_int kstop;                /* the kernel's stop flag: a stop request or its timeout */
	struct noise_probe noise;        /* what the machine did around each iteration */
	pthread_mutex_t mu;              /* guards deadline and timed_out against the watchdog */
	double deadline;                 /* CLOCK_MONOTONIC end of the kernel iteration; 0: none */
	int timed_out;
};

struct runner {
	struct runner_config cfg;
	int *which;
	size_t *gstart;                  /* groups of which: first position of each, and one past */
	enum run_order *gorder;
	size_t ngroups;
	char tmpdir[SCRATCH_DIR_MAX];
	atomic_size_t next;              /* the next group to take */
	atomic_int stop;
	atomic_int workers_left;
	int nworkers;
	struct worker *w;
	int watchdog_started, joined;
	pthread_t watchdog;
	pthread_mutex_t mu;
	pthread_cond_t cv;               /* wakes the watchdog on stop */
};

/* Posts ev (stamped now; runner-post.c); waits for room rather than drop, unless the runner
 * is stopping. */
void runner_post(struct runner *r, struct run_event *ev);
void runner_post_state(struct runner *r, int test, enum test_status st, const char *text);
void runner_post_log(struct runner *r, int test, const char *text);
/* One iteration with its prepare and cleanup (runner-iteration.c); posts it when it ran
 * (*posted), its value in *value. 0, or the status the test ends with (TS_SKIPPED for a stop). */
int runner_iteration(struct worker *w, int test, const struct test_spec *s, struct kernel_ctx *k,
                     int warmup, int num, int round, double *value, int *posted, char *text, size_t len);
/* Runs a group of tests in rounds (runner-group.c). */
void runner_run_group(struct worker *w, size_t group, const int *tests, size_t n, enum run_order o);

#endif
