/* source-throttle.c - how often the CPUs slowed their clock because they were hot: the
 * kernel's thermal_throttle counters (x86), as events since the run began. Read at most once
 * a second whatever the interval: two files per CPU is a cost worth paying once a second, not
 * twenty times, and a throttle event is news for seconds. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "source-throttle.h"
#include "source.h"
#include "sysfile.h"
#include "util.h"

#define THROTTLE_MAX_CPUS 1024
#define THROTTLE_EVERY_S  1.0

static void peak(double *p, double v)
{
	if (isfinite(v) && !(v <= *p))
		*p = v;
}

void cpu_throttle_read(const char *sysfs_root, double *core, double *pkg)
{
	int *cpus = malloc(THROTTLE_MAX_CPUS * sizeof *cpus);
	int n = cpus ? sysfile_list_numbered(sysfs_root, "devices/system/cpu", "cpu", "", cpus, THROTTLE_MAX_CPUS) : 0;
	*core = *pkg = NAN;
	for (int i = 0; i < n; i++) {
		char rel[128], line[64];
		double v;
		snprintf(rel, sizeof rel, "devices/system/cpu/cpu%d/thermal_throttle/core_throttle_count", cpus[i]);
		if (sysfile_read_line(sysfs_root, rel, line, sizeof line) == 0 && sscanf(line, "%lf", &v) == 1)
			*core = (isfinite(*core) ? *core : 0) + v;
		snprintf(rel, sizeof rel, "devices/system/cpu/cpu%d/thermal_throttle/package_throttle_count", cpus[i]);
		if (sysfile_read_line(sysfs_root, rel, line, sizeof line) == 0 && sscanf(line, "%lf", &v) == 1)
			peak(pkg, v);
	}
	free(cpus);
}

struct throttle {
	const char *root;          /* the env's, which outlives the source */
	double core0, pkg0;        /* at open: the run's start */
	double core, pkg;          /* since then, at the last read */
	double next;               /* CLOCK_MONOTONIC time of the next read */
};

static int throttle_open(const struct source_env *env, void **priv, char *why, size_t whylen)
{
	double core, pkg;
	cpu_throttle_read(env->sysfs_root, &core, &pkg);
	if (!isfinite(core) && !isfinite(pkg)) {
		str_copy(why, "no thermal_throttle counters in devices/system/cpu (a VM, or not x86)", whylen);
		return -1;
	}
	struct throttle *t = calloc(1, sizeof *t);
	if (!t) {
		str_copy(why, "out of memory", whylen);
		return -1;
	}
	t->root = env->sysfs_root;
	t->core0 = core;
	t->pkg0 = pkg;
	t->core = t->pkg = 0;
	*priv = t;
	return 0;
}

static void throttle_sample(void *priv, struct frame *f)
{
	struct throttle *t = priv;
	if (!(f->mono < t->next)) {
		double core, pkg;
		cpu_throttle_read(t->root, &core, &pkg);
		t->core = core - t->core0;
		t->pkg = pkg - t->pkg0;
		t->next = f->mono + THROTTLE_EVERY_S;
	}
	f->cpu.throttle_core = t->core;
	f->cpu.throttle_pkg = t->pkg;
}

const struct source_class source_throttle = {
	.name = "throttle",
	.sensor = 1,
	.help = "CPU thermal throttle events, from sysfs thermal_throttle (read once a second)",
	.open = throttle_open,
	.sample = throttle_sample,
	.close = free,
};
