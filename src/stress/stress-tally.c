#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt-units.h"
#include "source-throttle.h"
#include "stress-tally.h"
#include "util.h"

/* A generator's first seconds ramp up: its minimum counts from then on. */
#define TALLY_SETTLE_S 2.0

static const char *const reason_names[REASON_N] = { "throttling", "memory cap", "other load", "reason unknown" };

const char *tally_reason_name(int reason)
{
	return reason >= 0 && reason < REASON_N ? reason_names[reason] : "reason unknown";
}

void stress_tally_init(struct stress_tally *t)
{
	memset(t, 0, sizeof *t);
	t->last_t = t->temp_peak = t->power_peak = t->clock_hi = t->clock_lo = NAN;
	t->gpu_temp_peak = t->gpu_power_peak = t->started_t = t->ended_t = NAN;
	t->throttle_core0 = t->throttle_pkg0 = t->throttle_core = t->throttle_pkg = NAN;
}

void stress_tally_begin(struct stress_tally *t, double now)
{
	t->last_t = now;
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
	g->target = g->first_target = g->prev_target = g->min = g->work = g->errors = NAN;
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

static void peak(double *p, double v)
{
	if (isfinite(v) && !(v <= *p))
		*p = v;
}

/* The likely reason a generator is under its target in this frame: a clock down by a tenth from
 * the highest seen, memory nearly gone, or CPUs busy with more than the stressors. */
static int tally_reason(const struct stress_tally *t, const struct frame *f)
{
	double clock = tally_mean_clock(f);
	if (isfinite(clock) && isfinite(t->clock_hi) && clock < 0.9 * t->clock_hi)
		return REASON_THROTTLE;
	if (isfinite(f->mem.available) && isfinite(f->mem.total) && f->mem.available < 0.05 * f->mem.total)
		return REASON_MEMORY;
	if ((isfinite(f->cpu.total) && f->cpu.total >= 90) || (isfinite(f->cpu.steal) && f->cpu.steal >= 5))
		return REASON_LOAD;
	return REASON_UNKNOWN;
}

static void tally_machine(struct stress_tally *t, const struct frame *f)
{
	peak(&t->temp_peak, frame_max_temp(f));
	peak(&t->power_peak, f->cpu.package_power_w);
	for (int i = 0; i < f->ngpus; i++) {
		peak(&t->gpu_temp_peak, f->gpus[i].temp_c);
		peak(&t->gpu_power_peak, f->gpus[i].power_w);
	}
	double clock = tally_mean_clock(f);
	if (isfinite(clock)) {
		peak(&t->clock_hi, clock);
		if (!(clock >= t->clock_lo))
			t->clock_lo = clock;
	}
}

static int same_target(double a, double b)
{
	return a == b || (isnan(a) && isnan(b));   /* NAN: no target (hdd unlimited) */
}

static void tally_row(struct stress_tally *t, struct stress_tally_gen *g, const struct frame_stress *s,
                      const struct frame *f, double dt)
{
	g->workers = s->workers > g->workers ? s->workers : g->workers;
	str_copy(g->unit, s->unit, sizeof g->unit);
	str_copy(g->work_unit, s->work_unit, sizeof g->work_unit);
	peak(&g->work, s->work);
	peak(&g->errors, s->errors);
	if (!g->targeted) {
		g->targeted = 1;
		g->first_target = s->target;
	} else if (!same_target(g->target, s->target)) {
		g->target_changed = 1;
	}
	g->target = s->target;
	/* The frame's figure covers the interval since the last one: it is held to the target in
	 * force then, the lower one when it changed meanwhile (a key press, a step of the keys). */
	double want = isfinite(g->prev_target) && isfinite(s->target) ? fmin(g->prev_target, s->target) : NAN;
	g->prev_target = s->target;
	if (!isfinite(s->achieved) || dt <= 0)
		return;
	g->on_s += dt;
	g->sum += s->achieved * dt;
	if (g->on_s > TALLY_SETTLE_S) {
		g->settled_s += dt;
		g->settled_sum += s->achieved * dt;
		if (!(s->achieved >= g->min))
			g->min = s->achieved;
	}
	/* Under target counts after the ramp-up too: a worker starting is not a stressor failing. */
	if (g->on_s > TALLY_SETTLE_S && isfinite(want) && want > 0 && s->achieved < TALLY_UNDER * want) {
		g->under_s += dt;
		g->stretch_s += dt;
		g->reason_s[tally_reason(t, f)] += dt;
	} else {
		g->stretch_s = 0;
	}
}

void stress_tally_frame(struct stress_tally *t, const struct frame *f)
{
	double dt = isfinite(t->last_t) && f->t > t->last_t ? f->t - t->last_t : 0;
	int any = 0;
	t->last_t = f->t;
	for (int i = 0; i < f->nstress; i++) {
		const struct frame_stress *s = &f->stress[i];
		struct stress_tally_gen *g = s->on || s->paused ? tally_gen(t, s) : NULL;
		if (!g)
			continue;
		if (s->paused) {
			g->paused_s += dt;
			g->stretch_s = 0;
			continue;
		}
		any = 1;
		tally_row(t, g, s, f, dt);
	}
	if (!any)
		return;
	if (!isfinite(t->started_t))
		t->started_t = f->t - dt;   /* the interval's start: the frame's figures cover it */
	t->ended_t = f->t;
	tally_machine(t, f);
}

void stress_tally_throttle(struct stress_tally *t, const char *sysfs_root)
{
	double core, pkg;
	cpu_throttle_read(sysfs_root, &core, &pkg);
	if (!isfinite(t->throttle_core0) && !isfinite(t->throttle_pkg0)) {
		t->throttle_core0 = core;
		t->throttle_pkg0 = pkg;
	} else {
		t->throttle_core = core;
		t->throttle_pkg = pkg;
	}
}

/* The known reason seen longest; unknown only when none was seen. */
static int tally_reason_of(const struct stress_tally_gen *g)
{
	int best = REASON_UNKNOWN;
	for (int r = 0; r < REASON_UNKNOWN; r++)
		if (g->reason_s[r] > 0 && (best == REASON_UNKNOWN || g->reason_s[r] > g->reason_s[best]))
			best = r;
	return best;
}

int stress_tally_news(struct stress_tally *t, char *buf, size_t len)
{
	for (int i = 0; i < t->ngens; i++) {
		struct stress_tally_gen *g = &t->gen[i];
		char d[32];
		if (!g->said && g->stretch_s > TALLY_UNDER_S) {
			g->said = 1;
			c_snprintf(buf, len, "%s: under 90 %% of its target for %s: %s", g->name,
			           fmt_duration(d, sizeof d, g->stretch_s), tally_reason_name(tally_reason_of(g)));
			return 1;
		}
		if (g->said && g->stretch_s <= 0) {
			g->said = 0;
			c_snprintf(buf, len, "%s: back at its target", g->name);
			return 1;
		}
	}
	return 0;
}

void stress_tally_mark(const struct stress_tally *t, struct frame *f)
{
	for (int i = 0; i < f->nstress; i++)
		for (int k = 0; k < t->ngens; k++)
			if (t->gen[k].said && strcmp(t->gen[k].name, f->stress[i].name) == 0 && !f->stress[i].paused)
				c_snprintf(f->stress[i].note, sizeof f->stress[i].note, "under target: %s",
				           tally_reason_name(tally_reason_of(&t->gen[k])));
}

int stress_tally_any(const struct stress_tally *t)
{
	return t->ngens > 0;   /* a generator is tallied from the first frame it is on (or paused) in */
}

double stress_tally_mean(const struct stress_tally_gen *g)
{
	if (g->settled_s > 0)
		return g->settled_sum / g->settled_s;
	return g->on_s > 0 ? g->sum / g->on_s : NAN;
}

static char *target_text(double v, const char *unit, char *buf, size_t len)
{
	if (isfinite(v))
		return fmt_unit(buf, len, v, unit, FMT_TRIM);
	str_copy(buf, "none", len);
	return buf;
}

char *stress_tally_target_text(const struct stress_tally_gen *g, char *buf, size_t len)
{
	char from[48], to[48];
	target_text(g->target, g->unit, to, sizeof to);
	if (!g->target_changed)
		return str_copy(buf, to, len);
	target_text(g->first_target, g->unit, from, sizeof from);
	/* "50→100 %": the unit once, when both carry it */
	size_t nu = strlen(g->unit), nf = strlen(from), nt = strlen(to);
	if (nu && nf > nu + 1 && nt > nu + 1 && !strcmp(from + nf - nu, g->unit) && !strcmp(to + nt - nu, g->unit) &&
	    from[nf - nu - 1] == ' ' && to[nt - nu - 1] == ' ')
		from[nf - nu - 1] = '\0';
	c_snprintf(buf, len, "%s\xE2\x86\x92%s%s", from, same_target(g->first_target, g->target) ? "\xE2\x80\xA6\xE2\x86\x92" : "", to);
	return buf;
}

void stress_tally_gen_text(const struct stress_tally_gen *g, struct stress_tally_text *o)
{
	fmt_duration(o->on, sizeof o->on, g->on_s);
	stress_tally_target_text(g, o->target, sizeof o->target);
	fmt_unit(o->mean, sizeof o->mean, stress_tally_mean(g), g->unit, 0);
	fmt_unit(o->min, sizeof o->min, g->min, g->unit, 0);
	if (isfinite(g->work) && g->work > 0 && g->work_unit[0])
		fmt_unit(o->work, sizeof o->work, g->work, g->work_unit, 0);
	else
		str_copy(o->work, "-", sizeof o->work);
	if (isfinite(g->errors))
		fmt_count(o->errors, sizeof o->errors, g->errors);
	else
		str_copy(o->errors, "not checked", sizeof o->errors);
	o->reason = NULL;
	o->state = tally_state_name(stress_tally_state(g));
	str_copy(o->under, "-", sizeof o->under);
	if (g->under_s > TALLY_UNDER_S) {
		fmt_duration(o->under, sizeof o->under, g->under_s);
		o->reason = tally_reason_name(tally_reason_of(g));
	}
}

char *stress_tally_peaks(const struct stress_tally *t, char *buf, size_t len)
{
	char a[32], b[32];
	size_t n = 0;
	buf[0] = '\0';
	if (isfinite(t->temp_peak))
		n += (size_t)c_snprintf(buf + n, len - n, ", hottest CPU sensor %s", fmt_unit(a, sizeof a, t->temp_peak, "\xC2\xB0""C", 0));
	if (isfinite(t->clock_hi) && t->clock_hi > 0 && isfinite(t->clock_lo) && n < len)
		n += (size_t)c_snprintf(buf + n, len - n, ", CPU clock down %.0f %% at worst (%s against %s)",
		                        100 * (1 - t->clock_lo / t->clock_hi), fmt_unit(a, sizeof a, t->clock_lo, "MHz", 0),
		                        fmt_unit(b, sizeof b, t->clock_hi, "MHz", 0));
	if (isfinite(t->power_peak) && n < len)
		n += (size_t)c_snprintf(buf + n, len - n, ", package power peak %s", fmt_unit(a, sizeof a, t->power_peak, "W", 0));
	if (isfinite(t->gpu_temp_peak) && n < len)
		n += (size_t)c_snprintf(buf + n, len - n, ", hottest GPU %s", fmt_unit(a, sizeof a, t->gpu_temp_peak, "\xC2\xB0""C", 0));
	if (isfinite(t->gpu_power_peak) && n < len)
		c_snprintf(buf + n, len - n, ", GPU power peak %s", fmt_unit(a, sizeof a, t->gpu_power_peak, "W", 0));
	if (buf[0])
		memmove(buf, buf + 2, strlen(buf + 2) + 1);   /* past the first ", " */
	return buf;
}

char *stress_tally_thermal(const struct stress_tally *t, char *buf, size_t len)
{
	char a[32], b[32];
	size_t n = 0;
	buf[0] = '\0';
	if (t->max_temp > 0)
		n += (size_t)c_snprintf(buf + n, len - n, ", thermal guard at %s (resume under %s): %d pause%s%s%s",
		                        fmt_unit(a, sizeof a, t->max_temp, "\xC2\xB0""C", FMT_TRIM),
		                        fmt_unit(b, sizeof b, t->max_temp - t->hysteresis, "\xC2\xB0""C", FMT_TRIM), t->pauses,
		                        t->pauses == 1 ? "" : "s", t->stopped[0] ? ", stopped: " : "", t->stopped);
	int core = isfinite(t->throttle_core0) && isfinite(t->throttle_core);
	int pkg = isfinite(t->throttle_pkg0) && isfinite(t->throttle_pkg);
	if ((core || pkg) && n < len)
		c_snprintf(buf + n, len - n, ", thermal throttle events: %s core, %s package",
		           core ? fmt_count(a, sizeof a, t->throttle_core - t->throttle_core0) : "-",
		           pkg ? fmt_count(b, sizeof b, t->throttle_pkg - t->throttle_pkg0) : "-");
	if (buf[0])
		memmove(buf, buf + 2, strlen(buf + 2) + 1);
	return buf;
}

void stress_tally_print(const struct stress_tally *t, FILE *out)
{
	if (!stress_tally_any(t))
		return;
	fputs("\nstress summary\n", out);
	for (int i = 0; i < t->ngens; i++) {
		const struct stress_tally_gen *g = &t->gen[i];
		struct stress_tally_text x;
		stress_tally_gen_text(g, &x);
		fprintf(out, "  %-4s %d worker%s, on %s, target %s, achieved mean %s, min %s", g->name, g->workers,
		        g->workers == 1 ? "" : "s", x.on, x.target, x.mean, x.min);
		if (strcmp(x.work, "-") != 0)
			fprintf(out, ", work %s", x.work);
		if (isfinite(g->errors))
			fprintf(out, ", %s error%s", x.errors, g->errors == 1 ? "" : "s");
		fputc('\n', out);
		for (int d = 0; d < g->ndevices; d++) {
			char dev[256];
			fprintf(out, "       %s\n", stress_device_text(&g->devices[d], dev, sizeof dev));
		}
		/* Why it stopped or never started; a device's own line already says its error. */
		int st = stress_tally_state(g);
		if (st == TALLY_NOT_STARTED || st == TALLY_UNAVAILABLE || (g->quits && !g->ndevices)) {
			fprintf(out, "  ! %s", g->why);
			if (g->quits > 1)
				fprintf(out, " (and %d more worker%s)", g->quits - 1, g->quits == 2 ? "" : "s");
			fputc('\n', out);
		}
		if (g->paused_s > 0) {
			char d[32];
			fprintf(out, "  ! %s was paused by the thermal guard for %s\n", g->name, fmt_duration(d, sizeof d, g->paused_s));
		}
		if (x.reason)
			fprintf(out, "  ! %s was under 90 %% of its target for %s: %s\n", g->name, x.under, x.reason);
	}
	char line[512];
	if (stress_tally_peaks(t, line, sizeof line)[0])
		fprintf(out, "  while stressed: %s\n", line);
	else
		fputs("  while stressed: no temperature, clock or power figures on this machine\n", out);
	if (stress_tally_thermal(t, line, sizeof line)[0])
		fprintf(out, "  thermal: %s\n", line);
	int failed = stress_tally_failed(t, line, sizeof line);
	if (failed)
		fprintf(out, "  result: FAILED: %s%s\n", line, failed > 1 ? " (and more above)" : "");
	else
		fputs("  result: passed\n", out);
}
