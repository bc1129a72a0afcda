#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "noise-sample.h"
#include "results.h"
#include "sysfile.h"
#include "util.h"

static const char *noise_root(const char *env, const char *def)
{
	const char *v = getenv(env);
	return v && *v ? v : def;
}

void noise_probe_open(struct noise_probe *p)
{
	memset(p, 0, sizeof *p);
	const char *proc = noise_root("BENCHTOP_PROC_ROOT", "/proc");
	const char *sys = noise_root("BENCHTOP_SYSFS_ROOT", "/sys");
	p->fd_stat = sysfile_open(proc, "stat");
	p->fd_vmstat = sysfile_open(proc, "vmstat");
	long hz = sysconf(_SC_CLK_TCK);
	p->hz = hz > 0 ? (double)hz : 100.0;
	p->start = -1;
	int cpus[NOISE_MAX_THROTTLE_FILES];
	int n = sysfile_list_numbered(sys, "devices/system/cpu", "cpu", "", cpus, NOISE_MAX_THROTTLE_FILES);
	for (int i = 0; i < n && p->nthrottle < NOISE_MAX_THROTTLE_FILES; i++) {
		char rel[128];
		snprintf(rel, sizeof rel, "devices/system/cpu/cpu%d/thermal_throttle/core_throttle_count", cpus[i]);
		int fd = sysfile_open(sys, rel);
		if (fd >= 0)
			p->throttle_fd[p->nthrottle++] = fd;
	}
	int ccpus[NOISE_MAX_CLOCK_FILES];
	n = sysfile_list_numbered(sys, "devices/system/cpu", "cpu", "", ccpus, NOISE_MAX_CLOCK_FILES);
	for (int i = 0; i < n; i++) {
		char rel[128];
		snprintf(rel, sizeof rel, "devices/system/cpu/cpu%d/cpufreq/scaling_cur_freq", ccpus[i]);
		int fd = sysfile_open(sys, rel);
		if (fd >= 0)
			p->clock_fd[p->nclock++] = fd;
	}
	p->clock_min = p->clock_mean = NAN;
}

void noise_probe_close(struct noise_probe *p)
{
	if (p->fd_stat >= 0)
		close(p->fd_stat);
	if (p->fd_vmstat >= 0)
		close(p->fd_vmstat);
	for (int i = 0; i < p->nthrottle; i++)
		close(p->throttle_fd[i]);
	for (int i = 0; i < p->nclock; i++)
		close(p->clock_fd[i]);
	p->nthrottle = p->nclock = 0;
	p->fd_stat = p->fd_vmstat = -1;
}

static double noise_rusage(int who)
{
	struct rusage ru;
	if (getrusage(who, &ru) < 0)
		return 0;
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* The aggregate "cpu" line: user nice system idle iowait irq softirq steal (guest is in user). */
static int noise_read_stat(struct noise_probe *p, struct noise_snap *s)
{
	char buf[512];
	if (p->fd_stat < 0 || sysfile_pread(p->fd_stat, buf, sizeof buf) < 0)
		return -1;
	double v[8] = { 0 };
	if (strncmp(buf, "cpu ", 4) != 0)
		return -1;
	char *q = buf + 4;
	for (int i = 0; i < 8; i++) {
		char *end;
		v[i] = strtod(q, &end);
		if (end == q)
			break;
		q = end;
	}
	s->busy = v[0] + v[1] + v[2] + v[5] + v[6];
	s->steal = v[7];
	s->total = s->busy + v[3] + v[4] + v[7];
	return 0;
}

static double noise_read_swap(struct noise_probe *p)
{
	char text[8192];   /* pswpin and pswpout come early in the file */
	if (p->fd_vmstat < 0 || sysfile_pread(p->fd_vmstat, text, sizeof text) < 0)
		return NAN;
	double sum = 0;
	int found = 0;
	const char *keys[] = { "pswpin ", "pswpout " };
	for (int k = 0; k < 2; k++) {
		const char *at = strstr(text, keys[k]);
		if (at && (at == text || at[-1] == '\n')) {
			sum += strtod(at + strlen(keys[k]), NULL);
			found = 1;
		}
	}
	return found ? sum : NAN;
}

static void noise_snap_take(struct noise_probe *p, struct noise_snap *s)
{
	memset(s, 0, sizeof *s);
	s->t = now_mono();
	if (noise_read_stat(p, s) < 0)
		s->busy = s->total = s->steal = NAN;
	s->own = noise_rusage(RUSAGE_SELF) + noise_rusage(RUSAGE_CHILDREN);
	s->swap = noise_read_swap(p);
	s->throttle = p->nthrottle ? 0 : NAN;
	for (int i = 0; i < p->nthrottle; i++) {
		long long v;
		if (sysfile_read_ll(p->throttle_fd[i], &v) == 0)
			s->throttle += (double)v;
	}
	double sum = 0, lo = INFINITY;
	int nclock = 0;
	for (int i = 0; i < p->nclock; i++) {
		long long khz;
		if (sysfile_read_ll(p->clock_fd[i], &khz) == 0 && khz > 0) {
			sum += (double)khz / 1000;
			lo = fmin(lo, (double)khz / 1000);
			nclock++;
		}
	}
	s->clock_min = nclock ? lo : NAN;
	s->clock_mean = nclock ? sum / nclock : NAN;
}

static int noise_push(struct noise_probe *p)
{
	int at = p->head;
	noise_snap_take(p, &p->ring[at]);
	p->head = (p->head + 1) % NOISE_RING;
	if (p->nring < NOISE_RING)
		p->nring++;
	return at;
}

void noise_probe_mark(struct noise_probe *p)
{
	p->start = noise_push(p);
}

int noise_judge(const struct noise_snap *a, const struct noise_snap *b, double hz)
{
	if (!isfinite(a->busy) || !isfinite(b->busy))
		return -1;
	int flags = 0;
	double total = b->total - a->total;
	double busy = b->busy - a->busy;
	double own = (b->own - a->own) * hz;         /* in ticks */
	double others = busy - own;
	if (total > 0) {
		if (others > 0 && others / total > NOISE_CPU_SHARE)
			flags |= 1 << NOISE_CPU;
		if ((b->steal - a->steal) / total > NOISE_STEAL_SHARE)
			flags |= 1 << NOISE_STEAL;
	}
	if (isfinite(a->throttle) && isfinite(b->throttle) && b->throttle > a->throttle)
		flags |= 1 << NOISE_THROTTLE;
	if (isfinite(a->swap) && isfinite(b->swap) && b->swap > a->swap)
		flags |= 1 << NOISE_SWAP;
	return flags;
}

int noise_probe_flags(struct noise_probe *p)
{
	if (p->start < 0)
		return -1;
	int end = noise_push(p);
	const struct noise_snap *b = &p->ring[end];
	/* From the mark, or further back when the iteration was too short for 10 ms ticks:
	 * the newest snapshot at least NOISE_MIN_WINDOW_S old, else the oldest one kept. */
	int from = p->start;
	if (b->t - p->ring[from].t < NOISE_MIN_WINDOW_S) {
		for (int k = 1; k < p->nring; k++) {
			int i = ((end - k) % NOISE_RING + NOISE_RING) % NOISE_RING;
			from = i;
			if (b->t - p->ring[i].t >= NOISE_MIN_WINDOW_S)
				break;
		}
	}
	const struct noise_snap *a = &p->ring[p->start];   /* the clock at the iteration's own ends */
	p->clock_min = fmin(a->clock_min, b->clock_min);
	p->clock_mean = (a->clock_mean + b->clock_mean) / 2;
	p->start = -1;
	return noise_judge(&p->ring[from], b, p->hz);
}
