#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runner-private.h"
#include "stress.h"
#include "thread-name.h"
#include "util.h"

#define WATCHDOG_TICK_S 0.02         /* how late a kernel may learn that its time is up */

static void block_signals(sigset_t *old)
{
	sigset_t set;
	signals_main_loop(&set);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct runner *r = w->r;
	noise_probe_open(&w->noise);
	while (!atomic_load(&r->stop)) {
		size_t g = atomic_fetch_add(&r->next, 1);
		if (g >= r->ngroups)
			break;
		runner_run_group(w, g, r->which + r->gstart[g], r->gstart[g + 1] - r->gstart[g], r->gorder[g]);
	}
	noise_probe_close(&w->noise);
	atomic_fetch_sub(&r->workers_left, 1);
	pthread_mutex_lock(&r->mu);
	pthread_cond_signal(&r->cv);
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

/* Asks kernels that overrun their timeout to stop; commands time themselves. */
static void *watchdog_main(void *arg)
{
	struct runner *r = arg;
	pthread_mutex_lock(&r->mu);
	while (!atomic_load(&r->stop) && atomic_load(&r->workers_left) > 0) {
		pthread_mutex_unlock(&r->mu);
		double now = now_mono();
		for (int i = 0; i < r->nworkers; i++) {
			struct worker *w = &r->w[i];
			pthread_mutex_lock(&w->mu);
			if (w->deadline > 0 && now >= w->deadline && !w->timed_out) {
				w->timed_out = 1;
				atomic_store(&w->kstop, 1);
			}
			pthread_mutex_unlock(&w->mu);
		}
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_nsec += (long)(WATCHDOG_TICK_S * 1e9);
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_mutex_lock(&r->mu);
		if (!atomic_load(&r->stop) && atomic_load(&r->workers_left) > 0)
			pthread_cond_timedwait(&r->cv, &r->mu, &ts);
	}
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

static void runner_join(struct runner *r)
{
	if (r->joined)
		return;
	for (int i = 0; i < r->nworkers; i++)
		if (r->w[i].started)
			pthread_join(r->w[i].th, NULL);
	if (r->watchdog_started)
		pthread_join(r->watchdog, NULL);
	r->joined = 1;
}

/* Cuts the list into the groups that run in rounds (order.h); fewer workers than groups. */
static int runner_groups(struct runner *r)
{
	size_t n = r->cfg.nwhich;
	struct order_item *items = calloc(n ? n : 1, sizeof *items);
	r->gstart = calloc(n + 1, sizeof *r->gstart);
	r->gorder = calloc(n ? n : 1, sizeof *r->gorder);
	if (!items || !r->gstart || !r->gorder) {
		free(items);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct test_spec *s = &r->cfg.specs[r->which[i]];
		items[i] = (struct order_item){
			.suite = s->info.suite, .name = s->info.name, .order = (enum run_order)s->order,
			.interleave_tests = s->interleave_tests,
			.alone = stress_config_any(&s->stress),
		};
	}
	r->ngroups = order_groups(items, n, (enum run_order)r->cfg.order, r->gstart, r->gorder);
	r->gstart[r->ngroups] = n;
	free(items);
	return 0;
}

static void runner_free_parts(struct runner *r)
{
	free(r->which);
	free(r->w);
	free(r->gstart);
	free(r->gorder);
	free(r);
}

int runner_start(struct runner **out, const struct runner_config *cfg, char *why, size_t whylen)
{
	*out = NULL;
	if (!cfg->events || (cfg->nwhich && (!cfg->specs || !cfg->which))) {
		snprintf(why, whylen, "runner: no event queue or no tests given");
		return -1;
	}
	const char *tmp = cfg->tmpdir ? cfg->tmpdir : getenv("TMPDIR");
	if (tmp && strlen(tmp) >= sizeof ((struct runner *)0)->tmpdir) {
		/* Never a prefix of it: that would be another directory. */
		snprintf(why, whylen, "%s: a path longer than %zu bytes", cfg->tmpdir ? "--hdd-dir" : "TMPDIR",
		         sizeof ((struct runner *)0)->tmpdir - 1);
		return -1;
	}
	struct runner *r = calloc(1, sizeof *r);
	int jobs = cfg->jobs < 1 ? 1 : cfg->jobs > RUNNER_MAX_JOBS ? RUNNER_MAX_JOBS : cfg->jobs;
	if (r) {
		r->which = calloc(cfg->nwhich ? cfg->nwhich : 1, sizeof *r->which);
		r->w = calloc((size_t)jobs, sizeof *r->w);
	}
	if (!r || !r->which || !r->w) {
		if (r) {
			free(r->which);
			free(r->w);
		}
		free(r);
		snprintf(why, whylen, "runner: out of memory");
		return -1;
	}
	r->cfg = *cfg;
	if (cfg->nwhich)
		memcpy(r->which, cfg->which, cfg->nwhich * sizeof *r->which);
	r->cfg.which = r->which;
	if (runner_groups(r) < 0) {
		snprintf(why, whylen, "runner: out of memory");
		runner_free_parts(r);
		return -1;
	}
	str_copy(r->tmpdir, tmp && *tmp ? tmp : "/tmp", sizeof r->tmpdir);
	r->cfg.tmpdir = r->tmpdir;
	atomic_init(&r->next, 0);
	atomic_init(&r->stop, 0);
	if ((size_t)jobs > r->ngroups)
		jobs = r->ngroups ? (int)r->ngroups : 1;
	atomic_init(&r->workers_left, jobs);
	pthread_mutex_init(&r->mu, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&r->cv, &ca);
	pthread_condattr_destroy(&ca);
	r->nworkers = jobs;
	for (int i = 0; i < jobs; i++) {
		r->w[i].r = r;
		atomic_init(&r->w[i].kstop, 0);
		pthread_mutex_init(&r->w[i].mu, NULL);
	}

	int kernels = 0;
	for (size_t i = 0; i < cfg->nwhich; i++)
		kernels |= cfg->specs[cfg->which[i]].cls != NULL;

	/* Threads start with these signals blocked, so only the main thread ever takes them. */
	sigset_t old;
	block_signals(&old);
	int err = 0;
	for (int i = 0; i < jobs && !err; i++) {
		err = pthread_create(&r->w[i].th, NULL, worker_main, &r->w[i]);
		r->w[i].started = err == 0;
		if (!err)
			thread_name(r->w[i].th, "", "runner", i + 1);
		if (err)
			atomic_fetch_sub(&r->workers_left, jobs - i);
	}
	if (!err && kernels) {
		err = pthread_create(&r->watchdog, NULL, watchdog_main, r);
		r->watchdog_started = err == 0;
		if (!err)
			thread_name(r->watchdog, "", "watchdog", 0);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err) {
		snprintf(why, whylen, "runner: cannot start a thread: %s", strerror(err));
		runner_free(r);
		return -1;
	}
	*out = r;
	return 0;
}

int runner_done(const struct runner *r)
{
	return r->joined || atomic_load(&((struct runner *)r)->workers_left) == 0;
}

void runner_stop(struct runner *r)
{
	if (!r)
		return;
	atomic_store(&r->stop, 1);
	for (int i = 0; i < r->nworkers; i++)
		atomic_store(&r->w[i].kstop, 1);
	pthread_mutex_lock(&r->mu);
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	runner_join(r);
}

void runner_free(struct runner *r)
{
	if (!r)
		return;
	runner_stop(r);
	for (int i = 0; i < r->nworkers; i++)
		pthread_mutex_destroy(&r->w[i].mu);
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->cv);
	runner_free_parts(r);
}
