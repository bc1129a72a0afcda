/* stress-duty.c - the load % and the duty cycle of the cpu and gpu generators (stress-duty.h). */
#include "config.h"

#include "stress-duty.h"
#include "util.h"

#define DUTY_CARRY 0.1                 /* at most this share of a period carried to the next */

void stress_duty_init(struct stress_duty *d, double period, double per_s)
{
	*d = (struct stress_duty){ .period = period, .per_s = per_s, .start = now_mono() };
}

void stress_duty_period(struct stress_duty *d, const struct stress_gen *g)
{
	double load = (double)atomic_load_explicit(&g->level, memory_order_relaxed) / STRESS_LOAD_LEVEL;
	d->end = d->start + d->period;
	d->full = load >= 100;
	d->budget = load / 100 * d->period * d->per_s + d->carry;
	d->stepped = 0;
}

int stress_duty_more(struct stress_duty *d, const struct stress_gen *g, double used)
{
	if (d->stepped && now_mono() >= d->end)
		return 0;
	d->stepped = 1;
	return (d->full || used < d->budget) && !stress_stopping(g);
}

void stress_duty_rest(struct stress_duty *d, const struct stress_gen *g, double used)
{
	if (!d->full) {
		double lim = DUTY_CARRY * d->period * d->per_s;
		d->carry = d->budget - used;
		d->carry = d->carry > lim ? lim : d->carry < -lim ? -lim : d->carry;
		if (!stress_stopping(g))
			stress_sleep_until(d->end);
	} else {
		d->carry = 0;
	}
	double now = now_mono();
	d->start = now - d->end > d->period ? now : d->end;   /* fell far behind (suspended): start afresh */
}

int stress_load_adjust(struct stress_gen *g, int steps)
{
	long long old = atomic_load(&g->level);
	long long v = old + (long long)steps * 10 * (long long)STRESS_LOAD_LEVEL;
	if (v < 1 * (long long)STRESS_LOAD_LEVEL)
		v = 1 * (long long)STRESS_LOAD_LEVEL;
	if (v > 100 * (long long)STRESS_LOAD_LEVEL)
		v = 100 * (long long)STRESS_LOAD_LEVEL;
	atomic_store(&g->level, v);
	return v == old ? -1 : 0;
}

double stress_load_target(const struct stress_gen *g)
{
	return (double)atomic_load(&g->level) / STRESS_LOAD_LEVEL;
}
