/* metrics-push-job.h - the pushes of one run on a thread of their own, so that a dashboard
 * never freezes while a gateway is slow or down.
 *
 * The main thread builds each suite's URL and body and hands them over (the job keeps copies);
 * the thread PUTs them in order with push_items. When it is over it calls done (wake_notify:
 * the main loop looks again).
 * push_job_over and push_job_end run on the main thread.
 */
#ifndef BENCHTOP_METRICS_PUSH_JOB_H
#define BENCHTOP_METRICS_PUSH_JOB_H

#include <stddef.h>

struct push_job;
struct push_hurry;   /* metrics-push.h */

struct push_item {
	const char *suite, *url, *body;
	size_t len;
};

/* PUTs items in order with metrics_push_put (its retries, its budget, its giving up when
 * SIGINT or SIGTERM is pending, its shorter budget once hurry, if not NULL, says the end was
 * asked). A suite the gateway refuses (4xx) is skipped and the others
 * go on; a gateway out of reach ends the pushes, as it stays down. How many were pushed
 * (on_pushed, if not NULL, is told of each); when not all, why names every suite not pushed:
 * "suite a: URL: the gateway answered HTTP 400 ...; suite b: URL: ... (6 tries in 30 s); not
 * tried after it: c, d". On any thread. */
int push_items(const struct push_item *items, int n, double budget_s, const struct push_hurry *hurry,
               void (*on_pushed)(const struct push_item *it, void *arg), void *arg, char *why, size_t whylen);

/* NULL with why when it cannot start (out of memory, no thread). hurry (copied; NULL for
 * none) is asked on the job's thread until push_job_end. */
struct push_job *push_job_start(const struct push_item *items, int n, double budget_s, const struct push_hurry *hurry,
                                void (*done)(void), char *why, size_t whylen);
int  push_job_over(const struct push_job *j);   /* the thread has finished: push_job_end will not wait */
/* Waits for the thread, frees the job. 0 when every suite was pushed; -1 with why. *pushed:
 * how many suites were. */
int  push_job_end(struct push_job *j, int *pushed, char *why, size_t whylen);

#endif
