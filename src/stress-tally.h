/* stress-tally.h - what the stressors did over a run, for the summary printed when it ends:
 * per generator how long it was on, its target, the achieved mean and minimum, the work done
 * (bytes for MB/s generators) and how long it stayed under 90 % of its target; and the peaks
 * the machine reached meanwhile (hottest sensor, CPU clock drop, package power).
 *
 * Fed with every sampler frame on the main thread (stress_tally_frame); pure bookkeeping.
 */
#ifndef BENCHTOP_STRESS_TALLY_H
#define BENCHTOP_STRESS_TALLY_H

#include <stdio.h>

#include "frame.h"

struct stress_tally_gen {
	char   name[FRAME_NAME], unit[16];
	int    workers;              /* the most seen */
	double on_s;                 /* seconds on */
	double target;               /* the last target while on; NAN without one */
	double sum, min;             /* achieved × seconds, and the lowest after the first seconds */
	double settled_s, settled_sum;   /* seconds on and achieved × seconds after the first seconds */
	double under_s;              /* seconds under 90 % of the target */
};

struct stress_tally {
	int    ngens;
	struct stress_tally_gen gen[FRAME_MAX_STRESS];
	double last_t;               /* the previous frame's time; NAN before */
	double temp_peak, power_peak;
	double clock_hi, clock_lo;   /* the mean CPU clock, highest and lowest, while stressed (MHz) */
};

void stress_tally_init(struct stress_tally *t);
void stress_tally_frame(struct stress_tally *t, const struct frame *f);
/* The summary, or nothing when no stressor was ever on. */
void stress_tally_print(const struct stress_tally *t, FILE *out);

#endif
