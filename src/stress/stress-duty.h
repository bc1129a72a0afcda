/* stress-duty.h - what the generators whose target is a load % (cpu, gpu) share: the load in
 * g->level, the panel's arrow keys on it, and the duty cycle their workers keep.
 *
 * A worker keeps its device busy for load % of each period, then sleeps to the period's
 * absolute end. The busy part is a budget in the worker's own measure of its busy time (cpu:
 * its thread's CPU time in ns; gpu: its kernels' time in ms), not the wall clock, so a program
 * competing for the device cannot make us count its time as ours. What the last step
 * overshoots, or what a period left unspent, is carried to the next, at most a tenth of a
 * period. A worker that fell more than a period behind (suspended) starts afresh.
 *
 * A worker's loop:
 *     stress_duty_init(&d, PERIOD, 1e9);
 *     while (!stress_stopping(g)) {
 *         stress_duty_period(&d, g);
 *         while (stress_duty_more(&d, g, used)) { one step; used = busy time so far; }
 *         stress_duty_rest(&d, g, used);
 *     }
 * The duty functions run on the worker's thread; stress_load_adjust and stress_load_target are
 * the classes' adjust and target hooks (main thread), and touch only the atomic g->level.
 */
#ifndef BENCHTOP_STRESS_DUTY_H
#define BENCHTOP_STRESS_DUTY_H

#include "stressor.h"

#define STRESS_LOAD_LEVEL 100.0    /* g->level is the load in hundredths of a percent */

struct stress_duty {
	double period;                 /* seconds */
	double per_s;                  /* budget units in a second of busy time: 1e9 for ns, 1e3 for ms */
	double start, end;             /* this period's, CLOCK_MONOTONIC seconds */
	double budget;                 /* busy time this period may use, in the worker's units */
	double carry;                  /* what the last period overshot (< 0) or left unspent */
	int full;                      /* load 100 %: busy the whole period, no sleep */
	int stepped;                   /* a step was taken in this period */
};

/* The first period starts now. */
void   stress_duty_init(struct stress_duty *d, double period, double per_s);
/* Starts a period at the load g->level asks for now. */
void   stress_duty_period(struct stress_duty *d, const struct stress_gen *g);
/* 1 while the period wants another step: not stopping, its budget not spent by the busy time
 * used so far, and (after the first step) its end not reached. */
int    stress_duty_more(struct stress_duty *d, const struct stress_gen *g, double used);
/* Ends the period: carries what was left, sleeps to its end (unless full or stopping), and
 * places the next one. */
void   stress_duty_rest(struct stress_duty *d, const struct stress_gen *g, double used);

/* The adjust hook: steps of 10 points, 1..100 %; -1 when the load did not change. */
int    stress_load_adjust(struct stress_gen *g, int steps);
/* The target hook: the load in percent. */
double stress_load_target(const struct stress_gen *g);

#endif
