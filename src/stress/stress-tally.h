/* stress-tally.h - what the stressors did over a run, for the summary printed when it ends and
 * the reports' stress section: per generator how long it was on, its target, the achieved mean
 * and minimum, the work done (ops, bytes), result errors, and how long it stayed under 90 % of
 * its target with the likely reason; the peaks the machine reached meanwhile (hottest CPU and
 * GPU sensor, CPU clock drop, package and GPU power); the thermal guard's pauses and the CPUs'
 * thermal throttle counters over the run; and, once the stressors are stopped, what became of
 * each generator and device (a worker that stopped on its own, one never started, a GPU that
 * failed or computed wrong), which makes the run fail (stress_tally_failed).
 *
 * Fed with every sampler frame on the main thread (stress_tally_frame); pure bookkeeping.
 * Every figure that was never seen stays NAN: the printers say "-" or leave it out, never "nan".
 */
#ifndef BENCHTOP_STRESS_TALLY_H
#define BENCHTOP_STRESS_TALLY_H

#include <stdio.h>

#include "frame.h"
#include "stress.h"

#define TALLY_UNDER   0.9    /* under 90 % of the target is "under target" ... */
#define TALLY_UNDER_S 3.0    /* ... when it lasts longer than this many seconds */
#define TALLY_MAX_DEVICES FRAME_MAX_GPUS

/* Why a generator fell under its target, judged from the frames it was under in. */
enum tally_reason { REASON_THROTTLE, REASON_MEMORY, REASON_LOAD, REASON_UNKNOWN, REASON_N };
const char *tally_reason_name(int reason);   /* "throttling", "memory cap", "other load", "unknown" */

/* A generator's state at the end: wrong results, workers that stopped on their own (a device
 * error, no room left), asked for but never started (no room, no memory): failures; asked for
 * but the machine cannot run it (no GPU): said, no failure; else ok. Being turned off, paused
 * or stopped by the thermal guard, or by the end of the run, is no failure. */
enum tally_state { TALLY_OK, TALLY_FAULTY, TALLY_STOPPED, TALLY_NOT_STARTED, TALLY_UNAVAILABLE, TALLY_STATE_N };
const char *tally_state_name(int state);     /* "ok", "FAULTY", "stopped", "not started", "unavailable" */
const char *tally_state_key(int state);      /* "ok", "faulty", "stopped", "not_started", "unavailable" */

struct stress_tally_gen {
	char   name[FRAME_NAME], unit[16], work_unit[8];
	int    workers;              /* the most seen */
	double on_s;                 /* seconds on */
	double target;               /* the last target while on; NAN without one */
	double first_target;         /* the first one; target_changed: it differed at some frame */
	int    target_changed;
	int    targeted;             /* first_target is set */
	double prev_target;          /* at the previous frame: in force when the next interval began */
	double sum, min;             /* achieved × seconds, and the lowest after the first seconds */
	double settled_s, settled_sum;   /* seconds on and achieved × seconds after the first seconds */
	double work;                 /* the work counter's last value (work_unit); NAN: not counted */
	double errors;               /* result mismatches; NAN: results not checked */
	double under_s;              /* seconds under 90 % of the target */
	double reason_s[REASON_N];   /* ... of them, per likely reason */
	double stretch_s;            /* seconds of the current stretch under target */
	int    said;                 /* the current stretch was said in the log */
	double paused_s;             /* seconds held off by the thermal guard */
	int    ndevices;             /* its devices at the end (gpu: each GPU), from stress_devices */
	struct stress_device devices[TALLY_MAX_DEVICES];
	/* from stress_outcome, at the end */
	int    configured, ran;      /* asked for from the start; some worker of it ran */
	int    unavailable;          /* never ran: the machine cannot run it */
	int    quits;                /* workers that stopped on their own */
	char   why[STRESS_WHY];      /* the first one's last word, or why it never started */
};

struct stress_tally {
	int    ngens;
	struct stress_tally_gen gen[FRAME_MAX_STRESS];
	double last_t;               /* the previous frame's time (or stress_tally_begin's); NAN before */
	double started_t, ended_t;   /* Unix seconds: the start of the first interval with a stressor
	                              * on, and the last frame with one on */
	double temp_peak, power_peak;        /* CPU sensors (°C) and package power (W) */
	double gpu_temp_peak, gpu_power_peak;
	double clock_hi, clock_lo;   /* the mean CPU clock, highest and lowest, while stressed (MHz) */
	/* the thermal guard (--max-temp): 0 when off */
	double max_temp, hysteresis;
	int    guard_stop;           /* the action is stop */
	int    pauses;               /* times it paused the stressors */
	char   stopped[160];         /* why it stopped them; "" */
	/* thermal throttle events over the run (sysfs thermal_throttle); NAN: the kernel has none */
	double throttle_core0, throttle_pkg0, throttle_core, throttle_pkg;
};

void stress_tally_init(struct stress_tally *t);
/* When the stressors started (Unix seconds): the first frame's figures cover the time since,
 * so its interval counts as time on. Without it the first frame only sets the clock. */
void stress_tally_begin(struct stress_tally *t, double now);
/* What became of every generator and its devices, read once the stressors are stopped and
 * before they are freed. A generator asked for that never ran is added, with why. */
void stress_tally_end(struct stress_tally *t, const struct stress *s);
void stress_tally_frame(struct stress_tally *t, const struct frame *f);
enum tally_state stress_tally_state(const struct stress_tally_gen *g);
/* How many generators and devices failed (FAULTY, stopped, not started), with the first one's
 * reason in why ("gpu: GPU 1 0000:3B:00.0: STOPPED, ...") when why is not NULL. */
int  stress_tally_failed(const struct stress_tally *t, char *why, size_t len);
/* The same for one generator: its failed devices, or 1 when it failed as a whole, or 0. */
int  stress_tally_gen_failed(const struct stress_tally_gen *g, char *why, size_t len);
/* Reads the CPUs' thermal throttle counters under sysfs_root ("/sys"): the first call sets the
 * base, later ones the end of the run. */
void stress_tally_throttle(struct stress_tally *t, const char *sysfs_root);
/* A generator that has been under its target for TALLY_UNDER_S, or is back at it: one line
 * for the log each ("cpu: under 90 % of its target for 3.0s: throttling (...)"). 1 with the
 * line in buf, 0 when nothing is new. Call until 0 after each frame. */
int  stress_tally_news(struct stress_tally *t, char *buf, size_t len);
/* Writes the under-target note into the frame's stress rows, for the views. */
void stress_tally_mark(const struct stress_tally *t, struct frame *f);
/* Whether the summary has anything to say: some generator was on. */
int  stress_tally_any(const struct stress_tally *t);
/* Per generator in figures people read, for the text summary and the reports. */
struct stress_tally_text {
	char on[32], target[48], mean[48], min[48], work[48], errors[32], under[48];
	const char *reason;          /* of the time under target; NULL when it never was */
	const char *state;           /* tally_state_name */
};
void stress_tally_gen_text(const struct stress_tally_gen *g, struct stress_tally_text *out);
/* The target as the summary gives it: "50 %", "none", or "50→100 %" when it changed over
 * the run (first→last; "50→…→50 %" when it came back). */
char *stress_tally_target_text(const struct stress_tally_gen *g, char *buf, size_t len);
double stress_tally_mean(const struct stress_tally_gen *g);   /* after the first seconds when there are later ones */
/* "hottest CPU sensor 81.5 °C, CPU clock down 17 % ...": the peaks, or "" when none was seen. */
char *stress_tally_peaks(const struct stress_tally *t, char *buf, size_t len);
/* The thermal guard and throttle counters in one line, or "" when there is nothing to say. */
char *stress_tally_thermal(const struct stress_tally *t, char *buf, size_t len);
/* The summary, or nothing when no stressor was ever on. */
void stress_tally_print(const struct stress_tally *t, FILE *out);

#endif
