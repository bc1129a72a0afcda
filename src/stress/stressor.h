/* stressor.h - between the stress engine (stress-engine.c) and each generator (stress-*.c).
 *
 * A generator is a `const struct stressor_class` in its own file, listed once in
 * stressor-list.h. The engine owns the threads, the worker slots, the messages and the
 * settings (each generator's params table says what they are: the engine parses and checks
 * them); a generator reads its values, plans each start against the machine, and supplies
 * the thread body.
 *
 * Threads: init, plan, adjust, summary and release run on the main thread, while no worker
 * of the generator runs (adjust excepted: it changes only the atomics workers read). run is the
 * worker thread body. Main-thread fields are never touched by workers, except the settings a
 * generator fixes in plan before its threads start and leaves alone until they are joined.
 */
#ifndef BENCHTOP_STRESSOR_H
#define BENCHTOP_STRESSOR_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "stress.h"

struct stress_gen;

/* One worker slot. Threads run in it one after another (after a join), so every counter has
 * one writer at a time and grows across them: rates are always differences of sums. */
struct stress_worker {
	atomic_llong work;             /* cpu: kernel steps; vm, hdd: bytes touched / moved */
	atomic_llong busy_ns;          /* thread CPU time */
	atomic_llong bytes;            /* held now: vm mapping touched, hdd file extent */
	atomic_int running;            /* 1 from before create until the body returns */
	atomic_int said;               /* 1 once why is written (release) */
	atomic_int quit;               /* 1: the body returned before it was asked to stop (release) */
	struct stress_gen *gen;
	int index;
	long long busy_base;           /* busy_ns when this thread began (its own) */
	pthread_t thread;
	int joinable;                  /* main thread */
	int heard;                     /* main thread: why already turned into a message */
	int counted;                   /* main thread: its quitting is in the generator's outcome */
	char why[200];                 /* written once by the worker, before said */
	char pad[64];                  /* keeps the next slot's counters off this cache line */
};

struct stress_gen {
	const struct stressor_class *cls;
	struct stress *s;
	atomic_int stop;               /* the workers' hot-loop flag */
	atomic_int nslots;             /* slots of the current start, 0 when off (main writes) */
	atomic_llong level;            /* cpu: load percent; vm: bytes per worker; hdd: rate bytes/s, 0 = none */
	_Atomic uint64_t achieved;     /* bits of a double: the sampler's last rate */
	int workers;                   /* workers asked for (main) */
	int want;                      /* workers the last plan allows (main) */
	atomic_int nused;              /* slots ever used: the sampler sums over these */
	int configured;                /* the config asked for it (main) */
	atomic_int paused;             /* stopped by stress_pause, started again by resuming (main writes) */
	void *priv;                    /* the generator's settings (main; read-only while running) */
	/* main thread: what became of it over the run (stress_outcome) */
	int ran;                       /* some worker was started */
	int quits;                     /* workers that stopped on their own */
	char quit_why[STRESS_WHY];     /* the first of their last words */
	char start_why[STRESS_WHY];    /* why the last start ran nothing */
	int unavailable;               /* ... because the machine cannot run it (class's available) */
	int start_failed;              /* the last start asked for ran nothing, and not for that */
	double end_t;                  /* CLOCK_MONOTONIC when stress_stop found workers running */
	int end_running;               /* ... and how many */
	/* sampler thread only (and the main thread once the sampler is stopped) */
	long long prev_work, prev_busy;
	double prev_t;
	long long prev_wwork[STRESS_MAX_WORKERS];      /* each worker's work counter at the last sample */
	unsigned char prev_wrun[STRESS_MAX_WORKERS];   /* ... and whether it ran then */
	struct stress_worker w[STRESS_MAX_WORKERS];
};

struct stressor_class {
	const char *name;              /* "cpu" */
	const char *unit;              /* of the achieved figure */
	const char *help;              /* one line for --list */
	/* Its settings: row 0 is the workers (option --NAME), then --NAME-PARAM. The engine checks
	 * ranges and choices before init; v[i] is the value of row i. */
	const struct stress_param *params;
	/* Optional: settings that depend on each other, checked with the rows' own limits (before
	 * init, and when a command line or suite is read). 0, or -1 with the row to blame in *param
	 * and what it expects ("at least one block of --hdd-write-size (1M)"); sep as for
	 * stress_option_ref. */
	int    (*check)(const struct stress_value *v, char sep, int *param, char *expects, size_t len);
	int holds_bytes;               /* workers' bytes mean something (memory, files) */
	/* Reads its values into g->priv, g->level and g->workers (g->configured is set: v[0] >= 0);
	 * cfg for the shared settings (dir, roots). 0, or -1 with why. */
	int    (*init)(struct stress_gen *g, const struct stress_value *v, const struct stress_config *cfg,
	               char *why, size_t whylen);
	/* Before each start: checks the machine (memory, free space), caps with a message, and
	 * sets g->want from g->workers (0: nothing to run, said in a message). 0, or -1 with why. */
	int    (*plan)(struct stress_gen *g, char *why, size_t whylen);
	void  *(*run)(void *worker);   /* the thread body; arg is its struct stress_worker */
	int    (*adjust)(struct stress_gen *g, int steps);
	double (*target)(const struct stress_gen *g);          /* NULL: NAN */
	/* Achieved figure from the work and busy time done in dt seconds by n running workers. */
	double (*rate)(double dt, long long dwork, long long dbusy_ns, int n);
	/* Optional, instead of rate (sampler thread): worker i's own figure from the work it did in
	 * dt seconds; running: it runs now. The row's figure is the mean over the workers that ran
	 * at some time in the interval, so a worker that stops does not inflate the others'. */
	double (*worker_rate)(struct stress_gen *g, int i, double dt, long long dwork, int running);
	void   (*summary)(const struct stress_gen *g, char *buf, size_t len);
	void   (*release)(struct stress_gen *g);
	/* Optional. hear: on the main thread, after workers' last words are gathered (gpu: says
	 * new result errors); detail: stress_detail's lines; available: stress_available. */
	void   (*hear)(struct stress_gen *g);
	int    (*detail)(const struct stress_gen *g, int i, char *buf, size_t len);
	int    (*available)(char *why, size_t whylen);
	/* Optional. work_unit: what the workers' work counter counts ("ops", "B"); NULL: nothing
	 * people would count. errors: result mismatches so far (sampler thread; atomics only). */
	const char *work_unit;
	long long (*errors)(const struct stress_gen *g);
	/* Optional: stress_devices (main thread, after the workers' last words are heard). */
	int (*devices)(const struct stress_gen *g, struct stress_device *out, int max);
};

#define STRESSOR(name) extern const struct stressor_class stressor_##name;
#include "stressor-list.h"
#undef STRESSOR
extern const struct stressor_class *const stressor_table[];   /* NULL-terminated */

/* The settings (stress-config.c). 0, or -1 with why when a value is out of its row's range. */
int    stress_config_check(int gen, const struct stress_value *v, char *why, size_t whylen);
/* A setting as people write it: "--hdd-write-size" (sep '-') or "hdd_write_size" (sep '_'). */
void   stress_option_ref(const char *gen, int param, char sep, char *buf, size_t len);
/* Row p's value as the user wrote it ("1023K"); a default or a value set in code as parse_size or
 * parse_count reads it ("1MiB"). */
const char *stress_value_text(const struct stress_param *p, const struct stress_value *v, char *buf, size_t len);
/* Index of a SPARAM_CHOICE value in p->choices (checked before init, so never -1 there). */
int    stress_choice(const struct stress_param *p, const struct stress_value *v);

/* For generators. */
void   stress_say(struct stress *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A worker's last word (at most one), then its body returns. A body that returns before the
 * generator is stopped has stopped on its own: a failure, with this word as the reason. */
void   stress_worker_fail(struct stress_worker *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static inline int stress_stopping(const struct stress_gen *g)
{
	return atomic_load_explicit(&g->stop, memory_order_relaxed);
}
/* First and last calls of every thread body. */
void   stress_worker_begin(struct stress_worker *w);
void  *stress_worker_end(struct stress_worker *w);
/* The body gives up now (after its last word), though it still has to clean up: it counts as
 * stopped on its own even when a stop is asked while it cleans up. */
void   stress_worker_quit(struct stress_worker *w);
/* Publishes this thread's CPU time; returns it in nanoseconds (its own, from 0). */
long long stress_worker_busy(struct stress_worker *w);
void   stress_worker_add(struct stress_worker *w, long long work);
const char *stress_proc_root(const struct stress *s);
const char *stress_cgroup_root(const struct stress *s);
/* 1 once stress_stop has been called: the stress summary will follow (main thread). */
int    stress_ending(const struct stress *s);
double stress_last_achieved(const struct stress_gen *g);
/* Sleeps until an absolute CLOCK_MONOTONIC time in seconds. */
void   stress_sleep_until(double mono);

#endif
