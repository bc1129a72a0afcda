#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt-units.h"
#include "stress-tally.h"
#include "util.h"

/* A generator's first seconds ramp up: its minimum counts from then on. */
#define TALLY_SETTLE_S 2.0
#define TALLY_UNDER 0.9      /* under 90 % of the target is "under target" */
#define TALLY_UNDER_S 3.0    /* ... when it lasts longer than this */

void stress_tally_init(struct stress_tally *t)
{
	memset(t, 0, sizeof *t);
	t->last_t = t->temp_peak = t->power_peak = t->clock_hi = t->clock_lo = NAN;
}

static struct stress_tally_gen *tally_gen(struct stress_tally *t, const struct frame_stress *s)
{
	for (int i = 0; i < t->ngens; i++)
		if (strcmp(t->gen[i].name, s->name) == 0)
			return &t->gen[i];
	if (t->ngens >= FRAME_MAX_STRESS)
		return NULL;
	struct stress_tally_gen *g = &t->gen[t->ngens++];
	str_copy(g->name, s->name, sizeof g->name);
	str_copy(g->unit, s->unit, sizeof g->unit);
	g->target = g->min = NAN;
	return g;
}

static double tally_mean_clock(const struct frame *f)
{
	double sum = 0;
	int n = 0;
	for (int i = 0; i < f->cpu.ncores && i < FRAME_MAX_CORES; i++)
		if (isfinite(f->cpu.freq_mhz[i])) {
			sum += f->cpu.freq_mhz[i];
			n++;
		}
	return n ? sum / n : NAN;
}

void stress_tally_frame(struct stress_tally *t, const struct frame *f)
{
	double dt = isfinite(t->last_t) && f->t > t->last_t ? f->t - t->last_t : 0;
	int any = 0;
	t->last_t = f->t;
	for (int i = 0; i < f->nstress; i++) {
		const struct frame_stress *s = &f->stress[i];
		struct stress_tally_gen *g = s->on ? tally_gen(t, s) : NULL;
		if (!g)
			continue;
		any = 1;
		g->workers = s->workers > g->workers ? s->workers : g->workers;
		if (isfinite(s->target))
			g->target = s->target;
		if (!isfinite(s->achieved) || dt <= 0)
			continue;
		g->on_s += dt;
		g->sum += s->achieved * dt;
		if (g->on_s > TALLY_SETTLE_S) {
			g->settled_s += dt;
			g->settled_sum += s->achieved * dt;
			if (!(s->achieved >= g->min))
				g->min = s->achieved;
		}
		if (isfinite(s->target) && s->target > 0 && s->achieved < TALLY_UNDER * s->target)
			g->under_s += dt;
	}
	if (!any)
		return;
	double temp = frame_max_temp(f), clock = tally_mean_clock(f);
	if (isfinite(temp) && !(temp <= t->temp_peak))
		t->temp_peak = temp;
	if (isfinite(f->cpu.package_power_w) && !(f->cpu.package_power_w <= t->power_peak))
		t->power_peak = f->cpu.package_power_w;
	if (isfinite(clock)) {
		if (!(clock <= t->clock_hi))
			t->clock_hi = clock;
		if (!(clock >= t->clock_lo))
			t->clock_lo = clock;
	}
}

/* "50.30 GB" for 50300 in "MB/s" × seconds: the rate's unit without "/s". */
static char *tally_work(char *buf, size_t len, double work, const char *unit)
{
	size_t n = strlen(unit);
	if (n < 3 || strcmp(unit + n - 2, "/s") != 0 || !(work > 0))
		return str_copy(buf, "", len);
	fmt_unit(buf, len, work, unit, 0);
	n = strlen(buf);
	if (n > 2 && strcmp(buf + n - 2, "/s") == 0)
		buf[n - 2] = '\0';
	return buf;
}

void stress_tally_print(const struct stress_tally *t, FILE *out)
{
	char on[32], target[48], mean[48], min[48], work[48];
	int any = 0;
	for (int i = 0; i < t->ngens; i++) {
		const struct stress_tally_gen *g = &t->gen[i];
		if (g->on_s <= 0)
			continue;
		if (!any)
			fputs("\nstress summary\n", out);
		any = 1;
		fmt_duration(on, sizeof on, g->on_s);
		if (isfinite(g->target))
			fmt_unit(target, sizeof target, g->target, g->unit, FMT_TRIM);
		else
			str_copy(target, "none", sizeof target);
		/* mean and minimum both after the first seconds, when there are later ones */
		fmt_unit(mean, sizeof mean, g->settled_s > 0 ? g->settled_sum / g->settled_s : g->sum / g->on_s, g->unit, 0);
		fmt_unit(min, sizeof min, g->min, g->unit, 0);
		tally_work(work, sizeof work, g->sum, g->unit);
		fprintf(out, "  %-4s %d worker%s, on %s, target %s, achieved mean %s, min %s%s%s\n", g->name, g->workers,
		        g->workers == 1 ? "" : "s", on, target, mean, min, work[0] ? ", work " : "", work);
		if (g->under_s > TALLY_UNDER_S) {
			fmt_duration(on, sizeof on, g->under_s);
			fprintf(out, "  ! %s was under 90 %% of its target for %s: other load, throttling or a memory cap\n",
			        g->name, on);
		}
	}
	if (!any)
		return;
	char peaks[256] = "";
	size_t n = 0;
	if (isfinite(t->temp_peak))
		n += (size_t)c_snprintf(peaks + n, sizeof peaks - n, ", hottest sensor %.1f \xC2\xB0""C", t->temp_peak);
	if (isfinite(t->clock_hi) && t->clock_hi > 0 && n < sizeof peaks)
		n += (size_t)c_snprintf(peaks + n, sizeof peaks - n, ", CPU clock down %.0f %% at worst (%.2f against %.2f GHz)",
		                        100 * (1 - t->clock_lo / t->clock_hi), t->clock_lo / 1e3, t->clock_hi / 1e3);
	if (isfinite(t->power_peak) && n < sizeof peaks)
		c_snprintf(peaks + n, sizeof peaks - n, ", package power peak %.1f W", t->power_peak);
	if (peaks[0])
		fprintf(out, "  while stressed: %s\n", peaks + 2);   /* past the first ", " */
	else
		fputs("  while stressed: no temperature, clock or power figures on this machine\n", out);
}
