#include "config.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "results.h"
#include "runner-private.h"
#include "child.h"
#include "util.h"

/* One iteration of a test, as runner-group.c's rounds ask for it: its prepare step, the timed
 * command or kernel (a kernel under the deadline that runner-threads.c's watchdog enforces),
 * its cleanup step, and the posted EV_ITERATION. */

/* Runs a prepare or cleanup step; 0, or the status the test ends with. */
static int run_step(struct worker *w, const struct test_spec *s, const struct suite_cmd *c,
                    const char *what, char *text, size_t len)
{
	if (!c->shell && !c->argv)
		return 0;
	struct child_result sr;
	if (child_run((const char *const *)c->argv, c->shell, s->info.timeout, &w->r->stop, &sr) == 0)
		return 0;
	size_t n = strlen(what) + 1 < len ? strlen(what) + 1 : 0;
	if (n)
		snprintf(text, len, "%s ", what);
	child_describe(&sr, (const char *const *)c->argv, c->shell, s->info.timeout, text + n, len - n);
	if (sr.stopped)
		return TS_SKIPPED;
	return sr.timed_out ? TS_TIMEOUT : TS_ERROR;
}

static void kernel_arm(struct worker *w, double timeout)
{
	/* The flag is shared by the kernels of a group: clear what an earlier timeout left,
	 * then take a stop request again (runner_stop sets stop before the flags). */
	atomic_store(&w->kstop, 0);
	if (atomic_load(&w->r->stop))
		atomic_store(&w->kstop, 1);
	pthread_mutex_lock(&w->mu);
	w->deadline = timeout > 0 ? now_mono() + timeout : 0;
	w->timed_out = 0;
	pthread_mutex_unlock(&w->mu);
}

static int kernel_disarm(struct worker *w)
{
	pthread_mutex_lock(&w->mu);
	w->deadline = 0;
	int t = w->timed_out;
	pthread_mutex_unlock(&w->mu);
	return t;
}

/* One iteration with its prepare and cleanup; posts it when it ran. 0, or the end status. */
int runner_iteration(struct worker *w, int test, const struct test_spec *s, struct kernel_ctx *k,
                     int warmup, int num, int round, double *value, int *posted, char *text, size_t len)
{
	*posted = 0;
	struct runner *r = w->r;
	int st = run_step(w, s, &s->prepare, "prepare:", text, len);
	if (st)
		return st;
	struct run_event ev = {
		.type = EV_ITERATION, .test = test, .iteration = num, .warmup = warmup, .round = round,
		.wall_s = NAN, .user_s = NAN, .sys_s = NAN, .maxrss = NAN,
	};
	noise_probe_mark(&w->noise);
	if (s->cls && !s->cls->iterate) {
		snprintf(text, len, "kernel %s cannot be timed", s->cls->name);
		st = TS_ERROR;
	} else if (s->cls) {
		double v = NAN;
		kernel_arm(w, s->info.timeout);
		int rc = s->cls->iterate(k, &v);
		int timed_out = kernel_disarm(w);
		if (timed_out) {
			c_snprintf(text, len, "timed out after %gs", s->info.timeout);
			st = TS_TIMEOUT;
		} else if (rc < 0 && atomic_load(&r->stop)) {
			st = TS_SKIPPED;
		} else if (rc < 0) {
			snprintf(text, len, "%s", *k->why ? k->why : "the kernel failed");
			st = TS_ERROR;
		}
		ev.value = v;
	} else {
		struct child_result sr;
		if (child_run((const char *const *)s->argv, s->run, s->info.timeout, &r->stop, &sr) < 0) {
			child_describe(&sr, (const char *const *)s->argv, s->run, s->info.timeout, text, len);
			st = sr.stopped ? TS_SKIPPED : sr.timed_out ? TS_TIMEOUT : TS_ERROR;
		}
		ev.value = ev.wall_s = sr.wall_s;
		ev.user_s = sr.user_s;
		ev.sys_s = sr.sys_s;
		ev.maxrss = sr.maxrss;
	}
	ev.noise = noise_probe_flags(&w->noise);
	ev.cpu_mhz_min = w->noise.clock_min;
	ev.cpu_mhz_mean = w->noise.clock_mean;
	*value = ev.value;
	if (!st) {
		runner_post(r, &ev);
		*posted = 1;
	}
	if (st == TS_SKIPPED || atomic_load(&r->stop))
		return st ? st : TS_SKIPPED;
	/* Cleanup follows a failed iteration too, so the next test finds things as they were. */
	char ctext[256];
	int cst = run_step(w, s, &s->cleanup, "cleanup:", ctext, sizeof ctext);
	if (cst && !st) {
		str_copy(text, ctext, len);
		st = cst;
	}
	return st;
}
