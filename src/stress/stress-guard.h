/* stress-guard.h - the thermal guard (--max-temp C, --max-temp-action pause|stop): when any CPU
 * sensor (hwmon, thermal zones) or GPU passes C, the stressors pause; they resume once every
 * sensor is below C minus STRESS_GUARD_HYSTERESIS. With the stop action they end instead.
 *
 * Pure decisions from frames (stress_guard_frame); the app acts on them (app-stress.c).
 */
#ifndef BENCHTOP_STRESS_GUARD_H
#define BENCHTOP_STRESS_GUARD_H

#include <stddef.h>

#include "frame.h"

#define STRESS_GUARD_HYSTERESIS 5.0   /* °C under the limit before the stressors resume */

enum stress_guard_action { GUARD_PAUSE, GUARD_STOP };   /* --max-temp-action, in this order */
enum stress_guard_step { GUARD_NONE, GUARD_DO_PAUSE, GUARD_DO_RESUME, GUARD_DO_STOP };

struct stress_guard {
	double max_temp;             /* °C; 0 or less: off */
	int    action;               /* enum stress_guard_action */
	int    held;                 /* the stressors are paused */
	int    stopped;              /* they were stopped for good */
};

void stress_guard_init(struct stress_guard *g, double max_temp, int action);
/* What to do after this frame; why names the sensor and its temperature ("coretemp: Package
 * id 0 at 91.00 °C, over the 90 °C limit"). */
enum stress_guard_step stress_guard_frame(struct stress_guard *g, const struct frame *f, char *why, size_t len);
/* The hottest CPU sensor or GPU of the frame, its label into name; NAN when there is none. */
double stress_guard_hottest(const struct frame *f, char *name, size_t len);

#endif
