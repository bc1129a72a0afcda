/* stress-engine.c - the stress engine: worker threads and slots, control from the main thread,
 * rates for the sampler, and the messages for people. The generators live in stress-*.c. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stressor.h"
#include "thread-name.h"
#include "util.h"

#define STRESS_MSGS     64
#define STRESS_MSG_LEN  240

const struct stressor_class *const stressor_table[] = {
#define STRESSOR(name) &stressor_##name,
#include "stressor-list.h"
#undef STRESSOR
	NULL,
};
#define STRESS_NGEN ((int)(sizeof stressor_table / sizeof *stressor_table) - 1)
_Static_assert(sizeof stressor_table / sizeof *stressor_table - 1 <= STRESS_MAX_GENS,
               "stressor_table: raise STRESS_MAX_GENS");

struct stress {
	struct stress_gen gen[STRESS_NGEN];
	char proc_root[256];
	char cgroup_root[256];
	int ending;                             /* stress_stop was called: the summary follows */
	unsigned nmsg;                          /* messages ever said; the last STRESS_MSGS are kept */
	char msg[STRESS_MSGS][STRESS_MSG_LEN];
};

void stress_say(struct stress *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	c_vsnprintf(s->msg[s->nmsg % STRESS_MSGS], STRESS_MSG_LEN, fmt, ap);
	va_end(ap);
	s->nmsg++;
}

void stress_worker_fail(struct stress_worker *w, const char *fmt, ...)
{
	if (atomic_load_explicit(&w->said, memory_order_relaxed))
		return;
	va_list ap;
	va_start(ap, fmt);
	c_vsnprintf(w->why, sizeof w->why, fmt, ap);
	va_end(ap);
	atomic_store_explicit(&w->said, 1, memory_order_release);
}

void stress_worker_begin(struct stress_worker *w)
{
	w->busy_base = atomic_load_explicit(&w->busy_ns, memory_order_relaxed);
}

void *stress_worker_end(struct stress_worker *w)
{
	stress_worker_busy(w);
	stress_worker_quit(w);   /* nobody asked it to stop: it gave up (its last word says why) */
	atomic_store_explicit(&w->running, 0, memory_order_release);
	return NULL;
}

void stress_worker_quit(struct stress_worker *w)
{
	if (!stress_stopping(w->gen))
		atomic_store_explicit(&w->quit, 1, memory_order_release);
}

long long stress_worker_busy(struct stress_worker *w)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	long long ns = ts.tv_sec * 1000000000LL + ts.tv_nsec;
	atomic_store_explicit(&w->busy_ns, w->busy_base + ns, memory_order_relaxed);
	return ns;
}

void stress_worker_add(struct stress_worker *w, long long work)
{
	/* One writer per slot: a load and a store, no read-modify-write on the bus. */
	long long v = atomic_load_explicit(&w->work, memory_order_relaxed);
	atomic_store_explicit(&w->work, v + work, memory_order_relaxed);
}

const char *stress_proc_root(const struct stress *s) { return s->proc_root; }
const char *stress_cgroup_root(const struct stress *s) { return s->cgroup_root; }
int stress_ending(const struct stress *s) { return s->ending; }

static double bits_double(uint64_t b)
{
	double d;
	memcpy(&d, &b, sizeof d);
	return d;
}

static uint64_t double_bits(double d)
{
	uint64_t b;
	memcpy(&b, &d, sizeof b);
	return b;
}

double stress_last_achieved(const struct stress_gen *g)
{
	return bits_double(atomic_load_explicit(&g->achieved, memory_order_relaxed));
}

void stress_sleep_until(double mono)
{
	struct timespec ts;
	ts.tv_sec = (time_t)mono;
	ts.tv_nsec = (long)((mono - (double)ts.tv_sec) * 1e9);
	if (ts.tv_nsec >= 1000000000L)
		ts.tv_nsec = 999999999L;
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

static struct stress_gen *gen_of(struct stress *s, int gen)
{
	return s && gen >= 0 && gen < STRESS_NGEN ? &s->gen[gen] : NULL;
}

static const struct stress_gen *cgen_of(const struct stress *s, int gen)
{
	return s && gen >= 0 && gen < STRESS_NGEN ? &s->gen[gen] : NULL;
}

static int gen_running(const struct stress_gen *g)
{
	int n = 0, used = atomic_load(&g->nused);
	for (int i = 0; i < used; i++)
		n += atomic_load_explicit(&g->w[i].running, memory_order_relaxed);
	return n;
}

/* Turns what workers said into messages, once each, after what the generator has to say (a
 * GPU's last mismatches come before its worker's last word); counts the workers that quit. */
static void gen_hear(struct stress_gen *g)
{
	int used = atomic_load(&g->nused);
	unsigned char quit[STRESS_MAX_WORKERS], said[STRESS_MAX_WORKERS];
	/* Seen before hear: what a worker did before its last word (its errors) is heard first. A
	 * worker says its last word before it quits, so a quit one's word is seen too. */
	for (int i = 0; i < used; i++) {
		quit[i] = (unsigned char)atomic_load_explicit(&g->w[i].quit, memory_order_acquire);
		said[i] = (unsigned char)atomic_load_explicit(&g->w[i].said, memory_order_acquire);
	}
	if (g->cls->hear)
		g->cls->hear(g);
	for (int i = 0; i < used; i++) {
		struct stress_worker *w = &g->w[i];
		if (!w->heard && said[i]) {
			w->heard = 1;
			stress_say(g->s, "%s", w->why);
		}
		if (!w->counted && quit[i]) {
			w->counted = 1;
			if (g->quits++ == 0 && w->heard)
				c_snprintf(g->quit_why, sizeof g->quit_why, "%s", w->why);
			else if (g->quits == 1)
				c_snprintf(g->quit_why, sizeof g->quit_why, "%s: worker %d stopped", g->cls->name, i + 1);
		}
	}
}

/* Raises the stop flag, joins every thread, and gathers their last words. */
static void gen_join(struct stress_gen *g)
{
	int used = atomic_load(&g->nused);
	for (int i = 0; i < used; i++)
		if (g->w[i].joinable) {
			pthread_join(g->w[i].thread, NULL);
			g->w[i].joinable = 0;
		}
	gen_hear(g);
	atomic_store(&g->nslots, 0);
}

static void gen_stop(struct stress_gen *g)
{
	atomic_store(&g->stop, 1);
	gen_join(g);
}

/* The thermal guard's hold (stress_pause). The temperature is the machine's, so it holds every
 * instance: the dashboard's generators and a suite's background load alike. */
static atomic_int stress_hold;

static int gen_start(struct stress_gen *g, char *why, size_t whylen)
{
	gen_stop(g);
	unsigned said = g->s->nmsg;
	g->start_failed = 1;   /* until a worker runs or the guard holds it */
	if (g->cls->plan(g, why, whylen) < 0) {
		c_snprintf(g->start_why, sizeof g->start_why, "%s", why);
		return -1;
	}
	if (g->want <= 0) {   /* the plan said why, last ("hdd: not started: ...") */
		c_snprintf(g->start_why, sizeof g->start_why, "%s", g->s->nmsg > said ?
		           g->s->msg[(g->s->nmsg - 1) % STRESS_MSGS] : "nothing to run");
		char no[STRESS_WHY];
		g->unavailable = g->cls->available && g->cls->available(no, sizeof no) < 0;
		g->start_failed = !g->unavailable;
		return 0;
	}
	/* Planned but held: it starts when the guard lets go (stress_pause), as the others do. */
	if (atomic_load(&stress_hold)) {
		g->start_failed = 0;
		if (!atomic_exchange(&g->paused, 1))
			stress_say(g->s, "%s: paused: the thermal guard holds the stressors until the sensors cool",
			           g->cls->name);
		return 0;
	}
	g->ran = 1;
	g->start_failed = 0;
	atomic_store(&g->stop, 0);
	if (atomic_load(&g->nused) < g->want)
		atomic_store(&g->nused, g->want);
	atomic_store(&g->nslots, g->want);
	for (int i = 0; i < g->want; i++) {
		struct stress_worker *w = &g->w[i];
		w->gen = g;
		w->index = i;
		w->heard = 0;
		w->counted = 0;
		atomic_store(&w->said, 0);
		atomic_store(&w->quit, 0);
		atomic_store(&w->running, 1);
		int err = pthread_create(&w->thread, NULL, g->cls->run, w);
		if (!err)
			thread_name(w->thread, "stress-", g->cls->name, i + 1);
		if (err) {
			atomic_store(&w->running, 0);
			c_snprintf(why, whylen, "%s: cannot start worker %d: %s", g->cls->name, i + 1, strerror(err));
			c_snprintf(g->start_why, sizeof g->start_why, "%s", why);
			g->start_failed = 1;
			gen_stop(g);
			return -1;
		}
		w->joinable = 1;
	}
	return 0;
}

int stress_start(struct stress **out, const struct stress_config *cfg, char *why, size_t whylen)
{
	*out = NULL;
	struct stress *s = calloc(1, sizeof *s);
	if (!s) {
		c_snprintf(why, whylen, "stress: out of memory");
		return -1;
	}
	str_copy(s->proc_root, cfg->proc_root ? cfg->proc_root : "/proc", sizeof s->proc_root);
	str_copy(s->cgroup_root, cfg->cgroup_root ? cfg->cgroup_root : "/sys/fs/cgroup", sizeof s->cgroup_root);
	double t = now_mono();
	for (int i = 0; i < STRESS_NGEN; i++) {
		struct stress_gen *g = &s->gen[i];
		g->cls = stressor_table[i];
		g->s = s;
		g->prev_t = t;
		atomic_store(&g->achieved, double_bits(NAN));
		g->configured = (int)(cfg->on >> i & 1u);
		if (stress_config_check(i, cfg->gen[i], why, whylen) < 0 ||
		    g->cls->init(g, cfg->gen[i], cfg, why, whylen) < 0) {
			stress_free(s);
			return -1;
		}
	}
	for (int i = 0; i < STRESS_NGEN; i++) {
		struct stress_gen *g = &s->gen[i];
		if (g->configured && gen_start(g, why, whylen) < 0) {
			stress_free(s);
			return -1;
		}
	}
	*out = s;
	return 0;
}

void stress_each_message(struct stress *s, unsigned *seen,
                         void (*fn)(void *arg, const char *line), void *arg)
{
	if (!s)
		return;
	for (int i = 0; i < STRESS_NGEN; i++)
		gen_hear(&s->gen[i]);
	unsigned from = seen ? *seen : 0;
	if (s->nmsg > STRESS_MSGS && from < s->nmsg - STRESS_MSGS)
		from = s->nmsg - STRESS_MSGS;
	for (unsigned i = from; i < s->nmsg; i++)
		fn(arg, s->msg[i % STRESS_MSGS]);
	if (seen)
		*seen = s->nmsg;
}

/* Workers that stopped on their own in the current start, for the rows' note. Atomics only. */
static int gen_quits_now(const struct stress_gen *g)
{
	int n = 0, used = atomic_load(&g->nused);
	for (int i = 0; i < used; i++)
		n += atomic_load_explicit(&g->w[i].quit, memory_order_relaxed);
	return n;
}

static void gen_note(const struct stress_gen *g, int running, char *note, size_t len)
{
	int quit = gen_quits_now(g);
	if (atomic_load_explicit(&g->paused, memory_order_relaxed))
		str_copy(note, "paused: thermal", len);
	else if (quit && !running)
		str_copy(note, "stopped: see the log", len);
	else if (quit)
		c_snprintf(note, len, "%d worker%s stopped", quit, quit == 1 ? "" : "s");
	else
		str_copy(note, "", len);
}

/* The achieved figure since the last sample, dt seconds ago, and the counters for the next. */
static double gen_rate(struct stress_gen *g, double dt, int n, long long *work_out)
{
	int used = atomic_load(&g->nused), active = 0;
	long long work = 0, busy = 0;
	double sum = 0;
	for (int j = 0; j < used; j++) {
		long long wk = atomic_load_explicit(&g->w[j].work, memory_order_relaxed);
		int run = atomic_load_explicit(&g->w[j].running, memory_order_relaxed);
		work += wk;
		busy += atomic_load_explicit(&g->w[j].busy_ns, memory_order_relaxed);
		if (g->cls->worker_rate && dt > 0 && (run || g->prev_wrun[j] || wk > g->prev_wwork[j])) {
			sum += g->cls->worker_rate(g, j, dt, wk - g->prev_wwork[j], run);
			active++;
		}
		g->prev_wwork[j] = wk;
		g->prev_wrun[j] = (unsigned char)run;
	}
	double rate = 0;
	if (n > 0 && dt > 0)
		rate = g->cls->worker_rate ? (active ? sum / active : 0)
		                           : g->cls->rate(dt, work - g->prev_work, busy - g->prev_busy, n);
	g->prev_work = work;
	g->prev_busy = busy;
	*work_out = work;
	return rate;
}

/* One generator's row at mono time t, with n workers counted as running. */
static void gen_row(struct stress_gen *g, double t, int n, struct frame *f)
{
	long long work;
	double rate = gen_rate(g, t - g->prev_t, n, &work);
	g->prev_t = t;
	atomic_store_explicit(&g->achieved, double_bits(rate), memory_order_relaxed);
	if (f->nstress >= FRAME_MAX_STRESS)
		return;
	struct frame_stress *row = &f->stress[f->nstress++];
	str_copy(row->name, g->cls->name, sizeof row->name);
	str_copy(row->unit, g->cls->unit, sizeof row->unit);
	row->workers = n;
	row->on = n > 0;
	row->target = g->cls->target ? g->cls->target(g) : NAN;
	row->achieved = rate;
	row->work = g->cls->work_unit ? (double)work : NAN;
	str_copy(row->work_unit, g->cls->work_unit ? g->cls->work_unit : "", sizeof row->work_unit);
	row->errors = g->cls->errors ? (double)g->cls->errors(g) : NAN;
	row->paused = atomic_load_explicit(&g->paused, memory_order_relaxed);
	gen_note(g, n, row->note, sizeof row->note);
}

void stress_fill_frame(void *arg, struct frame *f)
{
	struct stress *s = arg;
	if (!s)
		return;
	double t = now_mono();
	for (int i = 0; i < STRESS_NGEN; i++)
		gen_row(&s->gen[i], t, gen_running(&s->gen[i]), f);
}

void stress_fill_final(struct stress *s, struct frame *f)
{
	for (int i = 0; s && i < STRESS_NGEN; i++) {
		struct stress_gen *g = &s->gen[i];
		/* Stopped after the last sample: the rows run to then, with the workers it stopped. */
		int tail = g->end_running > 0 && g->end_t > g->prev_t;
		gen_row(g, tail ? g->end_t : g->prev_t, tail ? g->end_running : 0, f);
	}
}

/* Stops the running generators (paused) or starts the paused ones; 1 when one changed. */
static int gen_hold(struct stress *s, int pause)
{
	int changed = 0;
	for (int i = 0; s && i < STRESS_NGEN; i++) {
		struct stress_gen *g = &s->gen[i];
		char why[STRESS_MSG_LEN];
		if (pause && gen_running(g) > 0) {
			atomic_store(&g->paused, 1);
			gen_stop(g);
			changed = 1;
		} else if (!pause && atomic_load(&g->paused)) {
			atomic_store(&g->paused, 0);
			if (gen_start(g, why, sizeof why) < 0)
				stress_say(s, "%s", why);
			changed = 1;
		}
	}
	return changed;
}

void stress_pause(struct stress *s, int pause)
{
	atomic_store(&stress_hold, pause);
	gen_hold(s, pause);
}

int stress_follow_hold(struct stress *s)
{
	int hold = atomic_load(&stress_hold);
	if (!gen_hold(s, hold))
		return 0;
	stress_say(s, hold ? "background load paused: the thermal guard holds the stressors"
	                   : "background load resumed: the thermal guard let go");
	return 1;
}

int stress_paused(const struct stress *s)
{
	for (int i = 0; s && i < STRESS_NGEN; i++)
		if (atomic_load(&s->gen[i].paused))
			return 1;
	return 0;
}

int stress_count(const struct stress *s)
{
	(void)s;
	return STRESS_NGEN;
}

const char *stress_name(int gen)
{
	return gen >= 0 && gen < STRESS_NGEN ? stressor_table[gen]->name : NULL;
}

const char *stress_help(int gen)
{
	return gen >= 0 && gen < STRESS_NGEN ? stressor_table[gen]->help : NULL;
}

int stress_detail(const struct stress *s, int gen, int i, char *buf, size_t len)
{
	const struct stress_gen *g = cgen_of(s, gen);
	return g && g->cls->detail ? g->cls->detail(g, i, buf, len) : -1;
}

int stress_devices(const struct stress *s, int gen, struct stress_device *out, int max)
{
	const struct stress_gen *g = cgen_of(s, gen);
	if (max > 0)
		memset(out, 0, (size_t)max * sizeof *out);   /* a class fills what it knows */
	return g && g->cls->devices && max > 0 ? g->cls->devices(g, out, max) : 0;
}

void stress_outcome(const struct stress *s, int gen, struct stress_outcome *out)
{
	const struct stress_gen *g = cgen_of(s, gen);
	memset(out, 0, sizeof *out);
	if (!g)
		return;
	out->configured = g->configured;
	out->ran = g->ran;
	out->unavailable = !g->ran && g->unavailable;
	out->quits = g->quits;
	str_copy(out->why, g->ran ? g->quit_why : g->start_why, sizeof out->why);
	if (g->start_failed)
		str_copy(out->start_failed, g->start_why, sizeof out->start_failed);
}

int stress_available(int gen, char *why, size_t whylen)
{
	const struct stressor_class *c = gen >= 0 && gen < STRESS_NGEN ? stressor_table[gen] : NULL;
	return !c || !c->available ? 0 : c->available(why, whylen);
}

int stress_toggle(struct stress *s, int gen)
{
	struct stress_gen *g = gen_of(s, gen);
	if (!g)
		return -1;
	if (atomic_exchange(&g->paused, 0))   /* held by the thermal guard: off by hand, for good */
		return 0;
	if (gen_running(g) > 0) {
		gen_stop(g);
		return 0;
	}
	char why[STRESS_MSG_LEN];
	if (gen_start(g, why, sizeof why) < 0) {
		stress_say(s, "%s", why);
		return -1;
	}
	return g->want > 0 ? 0 : -1;
}

#define STRESS_MAX_STEPS 64

int stress_adjust(struct stress *s, int gen, int steps)
{
	struct stress_gen *g = gen_of(s, gen);
	if (!g || steps == 0)
		return -1;
	/* A key press is one step; a remote viewer's command could say anything. */
	if (steps > STRESS_MAX_STEPS)
		steps = STRESS_MAX_STEPS;
	if (steps < -STRESS_MAX_STEPS)
		steps = -STRESS_MAX_STEPS;
	return g->cls->adjust(g, steps);
}

void stress_describe(const struct stress *s, int gen, struct frame_stress *out)
{
	const struct stress_gen *g = cgen_of(s, gen);
	memset(out, 0, sizeof *out);
	out->target = out->achieved = out->work = out->errors = NAN;
	if (!g)
		return;
	out->paused = atomic_load(&g->paused);
	str_copy(out->name, g->cls->name, sizeof out->name);
	str_copy(out->unit, g->cls->unit, sizeof out->unit);
	out->workers = gen_running(g);
	gen_note(g, out->workers, out->note, sizeof out->note);
	out->on = out->workers > 0;
	out->target = g->cls->target ? g->cls->target(g) : NAN;
	out->achieved = out->on ? stress_last_achieved(g) : 0;
}

void stress_summary(const struct stress *s, int gen, char *buf, size_t len)
{
	const struct stress_gen *g = cgen_of(s, gen);
	if (!g) {
		str_copy(buf, "", len);
		return;
	}
	g->cls->summary(g, buf, len);
}

double stress_bytes(const struct stress *s, int gen)
{
	const struct stress_gen *g = cgen_of(s, gen);
	if (!g || !g->cls->holds_bytes)
		return NAN;
	double sum = 0;
	int used = atomic_load(&g->nused);
	for (int i = 0; i < used; i++)
		sum += (double)atomic_load_explicit(&g->w[i].bytes, memory_order_relaxed);
	return sum;
}

void stress_stop(struct stress *s)
{
	if (!s)
		return;
	/* Every generator winds down at once; then the joins. When it was running is kept for the
	 * last rows (stress_fill_final). */
	s->ending = 1;
	double t = now_mono();
	for (int i = 0; i < STRESS_NGEN; i++) {
		struct stress_gen *g = &s->gen[i];
		int n = g->cls ? gen_running(g) : 0;
		if (n > 0) {
			g->end_t = t;
			g->end_running = n;
		}
		atomic_store(&g->stop, 1);
	}
	for (int i = 0; i < STRESS_NGEN; i++)
		if (s->gen[i].cls)
			gen_join(&s->gen[i]);
}

void stress_free(struct stress *s)
{
	if (!s)
		return;
	stress_stop(s);
	for (int i = 0; i < STRESS_NGEN; i++)
		if (s->gen[i].cls && s->gen[i].cls->release)
			s->gen[i].cls->release(&s->gen[i]);
	free(s);
}
