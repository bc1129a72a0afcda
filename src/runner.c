#include "config.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "results.h"
#include "runner.h"
#include "child.h"
#include "stress.h"
#include "util.h"

#define WATCHDOG_TICK_S 0.02         /* how late a kernel may learn that its time is up */

struct worker {
	struct runner *r;
	pthread_t th;
	int started;
	atomic_int kstop;                /* the kernel's stop flag: a stop request or its timeout */
	pthread_mutex_t mu;              /* guards deadline and timed_out against the watchdog */
	double deadline;                 /* CLOCK_MONOTONIC end of the kernel iteration; 0: none */
	int timed_out;
};

struct runner {
	struct runner_config cfg;
	int *which;
	char tmpdir[512];
	atomic_size_t next;              /* the next position in which to take */
	atomic_int stop;
	atomic_int workers_left;
	int nworkers;
	struct worker *w;
	int watchdog_started, joined;
	pthread_t watchdog;
	pthread_mutex_t mu;
	pthread_cond_t cv;               /* wakes the watchdog on stop */
};

/* Results must arrive: wait for room rather than drop, unless we are stopping. */
static void post(struct runner *r, struct run_event *ev)
{
	ev->t = now_real();
	queue_push_wait(r->cfg.events, ev, &r->stop);
}

static void post_state(struct runner *r, int test, enum test_status st, const char *text)
{
	struct run_event ev = {
		.type = EV_TEST_STATE, .test = test, .status = st,
		.value = NAN, .wall_s = NAN, .user_s = NAN, .sys_s = NAN, .maxrss = NAN,
	};
	if (text)
		str_copy(ev.text, text, sizeof ev.text);
	post(r, &ev);
}

static void post_log(struct runner *r, int test, const char *text)
{
	struct run_event ev = {
		.type = EV_LOG, .test = test, .value = NAN, .wall_s = NAN, .user_s = NAN, .sys_s = NAN, .maxrss = NAN,
	};
	str_copy(ev.text, text, sizeof ev.text);
	post(r, &ev);
}

struct log_target {
	struct runner *r;
	int test;
};

static void post_stress_message(void *arg, const char *line)
{
	struct log_target *lt = arg;
	post_log(lt->r, lt->test, line);
}

/* A test's background load (its suite entry's "stress"): started before its first iteration,
 * warmups included, and stopped after its last, so every measured iteration runs under it.
 * 0 with *out NULL when the test asks for none; -1 with why when the load cannot start. */
static int start_background(const struct runner *r, const struct test_spec *s, struct stress **out,
                            char *why, size_t whylen)
{
	*out = NULL;
	if (!stress_config_any(&s->stress))
		return 0;
	struct stress_config sc = s->stress;
	sc.dir = r->tmpdir;
	if (stress_start(out, &sc, why, whylen) < 0) {
		*out = NULL;
		return -1;
	}
	return 0;
}

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
static int iteration(struct worker *w, int test, const struct test_spec *s, struct kernel_ctx *k,
                     int warmup, int num, char *text, size_t len)
{
	struct runner *r = w->r;
	int st = run_step(w, s, &s->prepare, "prepare:", text, len);
	if (st)
		return st;
	struct run_event ev = {
		.type = EV_ITERATION, .test = test, .iteration = num, .warmup = warmup,
		.wall_s = NAN, .user_s = NAN, .sys_s = NAN, .maxrss = NAN,
	};
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
	if (!st)
		post(r, &ev);
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

static void run_test(struct worker *w, int test, const struct test_spec *s)
{
	struct runner *r = w->r;
	char text[256] = "";
	int st = 0, ready = 0, done = 0, phase_warm = 1;
	struct kernel_ctx k;
	struct stress *load = NULL;
	char why[200];
	if (start_background(r, s, &load, why, sizeof why) < 0) {
		snprintf(text, sizeof text, "background load: %s", why);
		st = TS_ERROR;
	} else if (load) {
		char line[256], part[80];
		int n = snprintf(line, sizeof line, "%s runs under background load:", s->info.name);
		for (int g = 0; g < stress_count(load) && n < (int)sizeof line; g++) {
			struct frame_stress fs;
			stress_describe(load, g, &fs);
			if (!fs.on)
				continue;
			stress_summary(load, g, part, sizeof part);
			n += snprintf(line + n, sizeof line - n, " %s %s;", fs.name, part);
		}
		post_log(r, test, line);
		unsigned seen = 0;   /* what the load had to say when it started, such as a cap */
		struct log_target lt = { r, test };
		stress_each_message(load, &seen, post_stress_message, &lt);
	}
	if (!st && s->cls) {
		atomic_store(&w->kstop, 0);
		if (atomic_load(&r->stop))
			atomic_store(&w->kstop, 1);
		kernel_ctx_init(&k, s->cls, &w->kstop);
		memcpy(k.param, s->param, sizeof k.param);
		k.tmpdir = r->tmpdir;
		if (s->cls->setup && s->cls->setup(&k) < 0) {
			snprintf(text, sizeof text, "setup failed: %s", *k.why ? k.why : "no reason given");
			st = atomic_load(&r->stop) ? TS_SKIPPED : TS_ERROR;
		} else {
			ready = 1;
		}
	}
	if (!st && s->info.warmup > 0)
		post_state(r, test, TS_WARMUP, NULL);
	for (int i = 1; !st && i <= s->info.warmup; i++) {
		if (atomic_load(&r->stop))
			st = TS_SKIPPED;
		else
			st = iteration(w, test, s, &k, 1, i, text, sizeof text);
	}
	if (!st) {
		phase_warm = 0;
		post_state(r, test, TS_RUNNING, NULL);
		double start = now_mono();
		int want = s->info.iterations > 0 ? s->info.iterations : 1;
		double min_time = isfinite(s->info.min_time) ? s->info.min_time : 0;
		while (!st && done < RUNNER_MAX_ITERATIONS &&
		       (done < want || now_mono() - start < min_time)) {
			if (atomic_load(&r->stop))
				st = TS_SKIPPED;
			else if (!(st = iteration(w, test, s, &k, 0, done + 1, text, sizeof text)))
				done++;
		}
	}
	if (ready && s->cls->teardown)
		s->cls->teardown(&k);
	stress_free(load);
	if (st == TS_SKIPPED) {
		/* A test stopped part way has an incomplete measurement: an error, the same verdict
		 * a journal cut short by a crash gets when its reports are rebuilt. */
		if (phase_warm)
			snprintf(text, sizeof text, "stopped before its measured iterations");
		else
			snprintf(text, sizeof text, "stopped after %d of %d iterations", done,
			         s->info.iterations > 0 ? s->info.iterations : done);
		st = TS_ERROR;
	}
	post_state(r, test, st ? (enum test_status)st : TS_PASS, st ? text : NULL);
}

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
	while (!atomic_load(&r->stop)) {
		size_t at = atomic_fetch_add(&r->next, 1);
		if (at >= r->cfg.nwhich)
			break;
		int test = r->which[at];
		run_test(w, test, &r->cfg.specs[test]);
	}
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
	if ((size_t)jobs > cfg->nwhich)
		jobs = cfg->nwhich ? (int)cfg->nwhich : 1;
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
	str_copy(r->tmpdir, tmp && *tmp ? tmp : "/tmp", sizeof r->tmpdir);
	r->cfg.tmpdir = r->tmpdir;
	atomic_init(&r->next, 0);
	atomic_init(&r->stop, 0);
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
		if (err)
			atomic_fetch_sub(&r->workers_left, jobs - i);
	}
	if (!err && kernels) {
		err = pthread_create(&r->watchdog, NULL, watchdog_main, r);
		r->watchdog_started = err == 0;
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
	free(r->which);
	free(r->w);
	free(r);
}
