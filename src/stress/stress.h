/* stress.h - load and stress generators: cpu, vm and hdd, with stress-ng's meanings.
 *
 * Workers are threads of this process (pthreads), not child processes, so nothing can outlive
 * benchtop: PR_SET_PDEATHSIG is not needed. The hdd files are anonymous (O_TMPFILE, or
 * unlinked at once), so even kill -9 leaves nothing behind. Memory and disk requests are
 * capped below what the machine (and our cgroup) can spare, with a message, so that a stress
 * run never causes an OOM kill or a full disk.
 *
 * Threads and ownership:
 * - stress_start, stress_toggle, stress_adjust, stress_describe, stress_summary,
 *   stress_bytes, stress_each_message, stress_stop and stress_free are called from one thread
 *   (the main thread).
 * - stress_fill_frame is a sampler_extra_fn: the sampler thread calls it every tick with the
 *   struct stress as its argument. It only reads the workers' atomic counters. It stays safe
 *   to call after stress_stop, which is why freeing is a separate step: stop the stressors
 *   first (the shutdown order), stop the sampler, then stress_free.
 * - Workers never print. What they have to say (an hdd worker that stopped because free space
 *   ran low, a failed mmap) reaches people through stress_each_message.
 *
 * Generators, in the order of stressor_table (stress-engine.c; stress_count() rows, even when off).
 * A new one is a stress-NAME.c with its `const struct stressor_class` and one line in that table.
 *   "cpu": N workers each running a CPU kernel in a duty cycle of 50 ms periods,
 *               busy for load % of each period as measured by the thread's own CPU time
 *               (CLOCK_THREAD_CPUTIME_ID), so a competing program makes us neither over- nor
 *               undershoot the CPU time the kernel accounts to us. 100 % never sleeps.
 *               Row: target = load %, achieved = measured busy % per worker, unit "%".
 *   "vm": N workers, each mmaps its bytes, touches every page, then loops a pattern
 *               over them. Row: target NAN, achieved = MB/s (10^6 bytes) of memory touched.
 *   "hdd": N workers, each with an anonymous file of its bytes in a directory,
 *               mixing sequential block writes (fdatasync every 8 MiB, then the cache is
 *               dropped) and sequential reads of what was written. Free space is checked every
 *               second; a worker stops, with a message, before free space would fall under a
 *               reserve of max(512 MiB, 5 % of the filesystem). Row: target = rate limit in
 *               MB/s (NAN: unlimited), achieved = MB/s written plus read.
 */
#ifndef BENCHTOP_STRESS_H
#define BENCHTOP_STRESS_H

#include <stddef.h>

#include "frame.h"

#define STRESS_MAX_WORKERS 256          /* per generator */
#define STRESS_MAX_GENS    8            /* generators in stressor_table */
#define STRESS_MAX_PARAMS  8            /* settings per generator, workers included */
#define STRESS_TEXT        32
#define STRESS_WHY         200          /* a worker's last word, a stop's or a refusal's reason */

/* A generator's settings are rows of data (in its stress-*.c). Each row is a command-line option,
 * a field of a suite test's "stress" object, a line of --list and of the man page: the option is
 * --GEN-NAME (--GEN for the first row, the workers), the suite field GEN_NAME. The row is the one
 * place its limits live: what the option, the suite and the generator's start refuse is the same. */
enum stress_param_type {
	SPARAM_COUNT,       /* a whole number in min..max (2k is 2000) */
	SPARAM_NUMBER,      /* a number in min..max, in unit ("%": a percentage) */
	SPARAM_SIZE,        /* bytes: 4096, 64K, 1G, within min..max, a multiple of `multiple` */
	SPARAM_SIZE_PCT,    /* bytes as SPARAM_SIZE, or "P%" (1..100) of what help names */
	SPARAM_CHOICE,      /* one word of choices, in any case */
};

struct stress_param {
	const char *name;         /* "" for the first row, the workers; NULL ends the table */
	enum stress_param_type type;
	double def, min, max;
	const char *unit;         /* "%", "bytes", "" */
	const char *choices;      /* SPARAM_CHOICE: "int,float,matmul,mixed"; def is the index */
	const char *arg;          /* its argument in --help: "N", "PCT", "SIZE", "NAME"; "N|all": all is 0 */
	const char *help;
	const char *accepts;      /* what a bad value is told; NULL: said from type, min and max */
	double multiple;          /* SIZE: the bytes must be a multiple of this; 0: any */
};

/* One setting's value: plain data, copied as a whole (no pointers). */
struct stress_value {
	double num;               /* COUNT, NUMBER, SIZE, SIZE_PCT (bytes or percent) */
	int pct;                  /* SIZE_PCT: num is a percentage */
	char text[STRESS_TEXT];   /* CHOICE: the word; else the value as the user wrote it, for messages */
};

/* Every generator's settings, in the order of stressor_table and of each params table. */
struct stress_config {
	unsigned on;              /* bit g: generator g runs from the start (zero: none does) */
	struct stress_value gen[STRESS_MAX_GENS][STRESS_MAX_PARAMS];   /* [g][0].num: its workers */
	const char *dir;          /* where disk generators put their files; NULL: "." (as stress-ng) */
	const char *proc_root;    /* NULL: "/proc" (meminfo, self/cgroup) */
	const char *cgroup_root;  /* NULL: "/sys/fs/cgroup" */
};

/* Every generator off, every setting at its default. A zeroed config has every generator off too
 * but its settings are not the defaults: init it. */
void stress_config_init(struct stress_config *cfg);
/* Sets the option ("cpu", "cpu-load", "vm-bytes"; '_' counts as '-') from text as the user gave it.
 * 0, or -1 with why ("invalid value '0': expected a percentage from 1 to 100"; "unknown"). */
int  stress_config_set(struct stress_config *cfg, const char *option, const char *text, char *why, size_t whylen);
/* Settings that depend on each other (hdd: bytes of at least one block), once all are set. 0, or
 * -1 with the row to blame in *gen and *param and why ("invalid value '4096': expected at least
 * one block of --hdd-write-size (1M)"); sep names options as the user does: '-' for --hdd-dir,
 * '_' for a suite's hdd_dir. */
int  stress_config_validate(const struct stress_config *cfg, char sep, int *gen, int *param,
                            char *why, size_t whylen);
/* The value of an option, or NULL when no generator has it. */
struct stress_value *stress_config_value(struct stress_config *cfg, const char *option);
/* Sets a number without a check (stress_start checks); the workers' option turns it on. */
void stress_config_put(struct stress_config *cfg, const char *option, double num, int pct);
/* 1 when some generator is on. */
int  stress_config_any(const struct stress_config *cfg);

/* The generators and their settings, for --list, --help and suites. */
int  stress_find(const char *name);                /* index in stressor_table, or -1 */
const struct stress_param *stress_params(int gen); /* its table; NULL out of range */
const struct stress_param *stress_option_param(const char *option);   /* its row, or NULL */
/* The option of a row: "cpu", "cpu-load" (sep '-') or the suite's "cpu_load" (sep '_'). */
void stress_option_name(int gen, int param, char sep, char *buf, size_t len);
/* What the row accepts, for messages and --list: "a percentage from 1 to 100". */
void stress_param_accepts(const struct stress_param *p, char *buf, size_t len);

struct stress;

/* Checks the whole config (a bad method, pattern, load or directory is an error even for a
 * generator that is off, since the user asked for it), then starts the generators that are on.
 * Requests over what the machine can spare are capped, with a message: not an error.
 * 0, or -1 with why and nothing started. */
int  stress_start(struct stress **out, const struct stress_config *cfg, char *why, size_t whylen);

/* Messages for people, in order: calls fn for each one after *seen and advances *seen
 * (seen NULL: all of them). E.g. "vm: 4.0 GiB requested, capped to 768 MiB: MemAvailable
 * 1.0 GiB minus a 256 MiB reserve". Also gathers what workers have said since. */
void stress_each_message(struct stress *s, unsigned *seen,
                         void (*fn)(void *arg, const char *line), void *arg);

/* sampler_extra_fn: appends the rows cpu, vm, hdd to f->stress with rates since the last call. */
void stress_fill_frame(void *stress, struct frame *f);
/* The rows of the run's last, partial interval: from the last stress_fill_frame to the moment
 * stress_stop found workers running, so that time on, work and errors reach the end. Main
 * thread, after stress_stop and once the sampler is stopped. A generator that was not running
 * then reads off. */
void stress_fill_final(struct stress *s, struct frame *f);

int  stress_count(const struct stress *s);         /* rows of stressor_table: cpu, vm, hdd, ... */
const char *stress_name(int gen);                  /* "cpu", "vm", "hdd"; NULL out of range */
const char *stress_help(int gen);                  /* one line for --list; NULL out of range */

/* Extra lines under a generator's row (gpu: one per GPU), i from 0: 0 with the line in buf,
 * -1 when there is no line i. */
int  stress_detail(const struct stress *s, int gen, int i, char *buf, size_t len);
/* The devices a generator drives on its own (gpu: each GPU) and what their checked results
 * gave, for the stress summary and the reports. A device that failed stays listed, with why,
 * even when its generator was turned off and on again. */
struct stress_device {
	char name[64];               /* "GPU 0 0000:AF:00.0" */
	long long errors, checks;    /* result mismatches, and results checked */
	int failed;                  /* its worker stopped on a device error (a launch failure, an Xid) */
	char why[160];               /* failed: the error, "Xid 79 from the driver: ..." */
};
enum stress_device_state { SDEV_OK, SDEV_FAULTY, SDEV_STOPPED, SDEV_NOT_CHECKED, SDEV_N };
/* FAULTY when a result was wrong, else STOPPED when it failed, else NOT CHECKED when it checked
 * nothing, else OK (stress-device.c). */
enum stress_device_state stress_device_state(const struct stress_device *d);
const char *stress_device_state_name(enum stress_device_state st);   /* "OK", "NOT CHECKED" */
const char *stress_device_state_key(enum stress_device_state st);    /* "ok", "not_checked" */
/* "OK, 0 errors in 11 checks", "STOPPED, 0 errors in 1 check: Xid 79 ...", "FAULTY, 3 errors
 * in 40 checks, then stopped: ...". Returns buf. */
const char *stress_device_verdict(const struct stress_device *d, char *buf, size_t len);
/* The name, then the verdict: "GPU 0 0000:AF:00.0: OK, 0 errors in 11 checks". Returns buf. */
const char *stress_device_text(const struct stress_device *d, char *buf, size_t len);
/* Up to max of gen's devices into out: how many (0 for a generator without devices). */
int  stress_devices(const struct stress *s, int gen, struct stress_device *out, int max);
/* What became of a generator over the run, for the summary, the reports and the exit status.
 * Main thread, after the workers' last words are heard (stress_stop, stress_each_message). */
struct stress_outcome {
	int configured;              /* the config turned it on from the start */
	int ran;                     /* some worker of it was started */
	int unavailable;             /* it never ran because this machine cannot run it (gpu without
	                              * a driver or a GPU): said, but no failure, as a suite skips
	                              * a kernel this machine cannot run */
	int quits;                   /* workers that stopped on their own (not turned off, paused or
	                              * stopped at the end): a failure to hold the load */
	char why[STRESS_WHY];        /* the first of those workers' last word ("hdd: worker 1 stopped:
	                              * free space ..."); when it never ran, why ("hdd: not started: ...") */
	char start_failed[STRESS_WHY]; /* why the last start asked for ran nothing, first or after it
	                              * ran and was turned off; "" when it started, or is unavailable */
};
void stress_outcome(const struct stress *s, int gen, struct stress_outcome *out);
/* Whether a generator can run on this machine: 0, or -1 with why (gpu without libcuda). */
int  stress_available(int gen, char *why, size_t whylen);

/* On <-> off. Turning on a generator that was configured off starts it with the config's
 * settings and one worker (cpu: one per online CPU). Turning on re-plans memory and disk caps
 * with the machine as it is now. 0, or -1 when it could not start (the reason is a message). */
int  stress_toggle(struct stress *s, int gen);

/* Raises (steps > 0) or lowers the intensity, live:
 *   cpu: load +-10 points per step, within 1..100;
 *   vm:  bytes per worker x2 or /2 per step, within 1 MiB and the cap (re-read now);
 *   hdd: a rate limit walking 1, 2, 5, 10, 20, ... 5000 MB/s, then unlimited; lowering from
 *        unlimited starts at the step under the rate achieved last.
 * Works whether the generator is on or off (off: it applies at the next start).
 * 0, or -1 when nothing changed (already at the end of the range). */
int  stress_adjust(struct stress *s, int gen, int steps);

/* The current state, for the panel: name, unit, workers running, on, target and the achieved
 * figure of the last stress_fill_frame (NAN before the first). */
void stress_describe(const struct stress *s, int gen, struct frame_stress *out);
/* One line of settings for the panel: "2 x int 50 %", "1 x 256 MiB seq", "1 x 1.0 GiB in /tmp". */
void stress_summary(const struct stress *s, int gen, char *buf, size_t len);
/* Bytes held now: vm memory mapped and touched, hdd file bytes written; cpu NAN. */
double stress_bytes(const struct stress *s, int gen);

/* The thermal guard (--max-temp): pause stops every running generator and remembers it (its
 * frame row says paused); resume starts those again with their settings as they are now.
 * Toggling a paused generator leaves it off. While the guard holds, a generator started by any
 * path (toggled on, a new instance) is planned but stays paused, with a message, until resume.
 * The hold is process-wide: other instances (a suite's background load) follow it through
 * stress_follow_hold, on their owner's thread; 1 when it paused or resumed something.
 * stress_paused: 1 while some generator is held. */
void stress_pause(struct stress *s, int pause);
int  stress_follow_hold(struct stress *s);
int  stress_paused(const struct stress *s);

/* Every worker stops within a second: threads joined, files closed, memory released.
 * stress_fill_frame stays safe (rows report off). */
void stress_stop(struct stress *s);
/* Stops if needed and frees. Call after the sampler that uses stress_fill_frame is stopped. */
void stress_free(struct stress *s);

#endif
