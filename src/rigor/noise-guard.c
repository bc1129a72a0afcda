#include "config.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "noise-guard.h"
#include "sysfile.h"
#include "util.h"

#define GUARD_MAX_PROCS 4096

struct guard_proc {
	int pid;
	char comm[32];
	double ticks;
};

/* What the checks read: the roots and two looks at the machine NOISE_GUARD_SAMPLE_S apart. */
struct guard_env {
	const char *proc, *sys;
	int ncpu;
	double hz, seconds;
	double steal[2], total[2], swap[2];
	struct guard_proc *procs[2];
	size_t nprocs[2];
};

struct guard_check {
	const char *name;
	/* 1 with f filled when it found something, else 0. */
	int (*check)(const struct guard_env *e, struct system_finding *f);
};

static int guard_line(const struct guard_env *e, int sys, const char *rel, char *buf, size_t len)
{
	return sysfile_read_line(sys ? e->sys : e->proc, rel, buf, len);
}

static void guard_fill(struct system_finding *f, const char *check, const char *found, const char *cost,
                       const char *fix)
{
	str_copy(f->check, check, sizeof f->check);
	str_copy(f->found, found, sizeof f->found);
	str_copy(f->cost, cost, sizeof f->cost);
	str_copy(f->fix, fix, sizeof f->fix);
}

static int check_governor(const struct guard_env *e, struct system_finding *f)
{
	char g[64], found[96];
	if (guard_line(e, 1, "devices/system/cpu/cpu0/cpufreq/scaling_governor", g, sizeof g) < 0 ||
	    strcmp(g, "performance") == 0)
		return 0;
	snprintf(found, sizeof found, "CPU frequency governor '%s'", g);
	guard_fill(f, "governor", found, "the clock follows the load: short iterations run slower and vary more",
	           "sudo cpupower frequency-set -g performance");
	return 1;
}

static int check_boost(const struct guard_env *e, struct system_finding *f)
{
	char v[32];
	const char *cost = "the clock rises and falls with temperature and load: figures drift over a run";
	if (guard_line(e, 1, "devices/system/cpu/intel_pstate/no_turbo", v, sizeof v) == 0 && strcmp(v, "0") == 0) {
		guard_fill(f, "boost", "Turbo Boost on (intel_pstate)", cost,
		           "echo 1 | sudo tee /sys/devices/system/cpu/intel_pstate/no_turbo");
		return 1;
	}
	if (guard_line(e, 1, "devices/system/cpu/cpufreq/boost", v, sizeof v) == 0 && strcmp(v, "1") == 0) {
		guard_fill(f, "boost", "CPU boost on", cost, "echo 0 | sudo tee /sys/devices/system/cpu/cpufreq/boost");
		return 1;
	}
	return 0;
}

static int check_smt(const struct guard_env *e, struct system_finding *f)
{
	char v[32];
	if (guard_line(e, 1, "devices/system/cpu/smt/active", v, sizeof v) < 0 || strcmp(v, "1") != 0)
		return 0;
	guard_fill(f, "smt", "SMT (hyper-threading) active",
	           "a sibling thread shares the core's units and caches: the figures depend on what runs beside",
	           "echo off | sudo tee /sys/devices/system/cpu/smt/control");
	return 1;
}

static int check_aslr(const struct guard_env *e, struct system_finding *f)
{
	char v[32], found[96];
	if (guard_line(e, 0, "sys/kernel/randomize_va_space", v, sizeof v) < 0 || strcmp(v, "2") == 0)
		return 0;
	/* As pyperf: full randomization, so repeated runs sample many memory layouts, not one. */
	snprintf(found, sizeof found, "ASLR not full (randomize_va_space=%s)", v);
	guard_fill(f, "aslr", found, "every run gets the same memory layout: a lucky or unlucky one is not averaged out",
	           "sudo sysctl -w kernel.randomize_va_space=2");
	return 1;
}

static int guard_proc_cmp(const void *a, const void *b)
{
	const struct guard_proc *x = a, *y = b;
	return x->pid - y->pid;
}

static int check_load(const struct guard_env *e, struct system_finding *f)
{
	char line[128];
	double load = NAN;
	if (guard_line(e, 0, "loadavg", line, sizeof line) == 0)
		load = strtod(line, NULL);
	/* The busiest other processes over the sample, from their tick counts. */
	struct { const struct guard_proc *p; double share; } top[3] = { { 0 } };
	for (size_t i = 0; i < e->nprocs[1] && e->procs[0]; i++) {
		const struct guard_proc *now = &e->procs[1][i];
		const struct guard_proc *then = bsearch(now, e->procs[0], e->nprocs[0], sizeof *now, guard_proc_cmp);
		if (!then || now->pid == (int)getpid())
			continue;
		double share = (now->ticks - then->ticks) / e->hz / e->seconds;
		if (!(share >= NOISE_GUARD_BUSY_SHARE))
			continue;
		for (int k = 0; k < 3; k++)
			if (!top[k].p || share > top[k].share) {
				memmove(&top[k + 1], &top[k], (size_t)(2 - k) * sizeof top[0]);
				top[k].p = now;
				top[k].share = share;
				break;
			}
	}
	int busy_load = isfinite(load) && e->ncpu > 0 && load > 0.5 * e->ncpu;
	if (!top[0].p && !busy_load)
		return 0;
	char found[96];
	int n = isfinite(load) ? c_snprintf(found, sizeof found, "load %.2f on %d CPUs", load, e->ncpu)
	                       : snprintf(found, sizeof found, "other processes busy");
	for (int k = 0; k < 3 && top[k].p && n > 0 && (size_t)n < sizeof found; k++)
		n += snprintf(found + n, sizeof found - (size_t)n, "%s%.16s (%d) %.0f%%", k ? ", " : "; busiest: ",
		              top[k].p->comm, top[k].p->pid, 100 * top[k].share);
	guard_fill(f, "load", found, "other processes take CPU time, caches and memory bandwidth: figures slow and scatter",
	           top[0].p ? "stop or pause them (kill -STOP PID, later kill -CONT PID), or run when the machine is idle"
	                    : "wait until the machine is idle, or stop what keeps it busy");
	return 1;
}

static int guard_meminfo(const struct guard_env *e, const char *key, double *kb)
{
	char path[512], line[256];
	snprintf(path, sizeof path, "%s/meminfo", e->proc);
	FILE *fp = fopen(path, "r");
	if (!fp)
		return -1;
	int rc = -1;
	size_t kl = strlen(key);
	while (fgets(line, sizeof line, fp))
		if (strncmp(line, key, kl) == 0 && line[kl] == ':') {
			*kb = strtod(line + kl + 1, NULL);
			rc = 0;
			break;
		}
	fclose(fp);
	return rc;
}

static int check_swap(const struct guard_env *e, struct system_finding *f)
{
	char found[96];
	if (isfinite(e->swap[0]) && isfinite(e->swap[1]) && e->swap[1] > e->swap[0]) {
		snprintf(found, sizeof found, "swapping now: %.0f pages in %.1fs", e->swap[1] - e->swap[0], e->seconds);
		guard_fill(f, "swap", found, "pages of the benchmark are read back from disk: iterations stall at random",
		           "free memory (close programs), or sudo swapoff -a when enough RAM is free");
		return 1;
	}
	double total, freekb;
	if (guard_meminfo(e, "SwapTotal", &total) < 0 || guard_meminfo(e, "SwapFree", &freekb) < 0 ||
	    total - freekb < 1024)
		return 0;
	snprintf(found, sizeof found, "%.0f MiB of swap in use", (total - freekb) / 1024);
	guard_fill(f, "swap", found, "memory is tight: the benchmark's pages may be swapped out and stall it",
	           "free memory (close programs), or sudo swapoff -a when enough RAM is free");
	return 1;
}

static int check_throttle(const struct guard_env *e, struct system_finding *f)
{
	int cpus[256];
	int n = sysfile_list_numbered(e->sys, "devices/system/cpu", "cpu", "", cpus, 256);
	double sum = 0;
	for (int i = 0; i < n; i++) {
		char rel[128], v[32];
		snprintf(rel, sizeof rel, "devices/system/cpu/cpu%d/thermal_throttle/core_throttle_count", cpus[i]);
		if (sysfile_read_line(e->sys, rel, v, sizeof v) == 0)
			sum += strtod(v, NULL);
	}
	if (!(sum > 0))
		return 0;
	char found[96];
	snprintf(found, sizeof found, "the CPUs were thermally throttled %.0f times since boot", sum);
	guard_fill(f, "throttle", found, "a hot CPU slows its clock: long runs measure the cooling, not the code",
	           "improve cooling or lower the load around; dmesg | grep -i throttl shows when");
	return 1;
}

static int check_cgroup(const struct guard_env *e, struct system_finding *f)
{
	char line[512], rel[600], v[64];
	if (guard_line(e, 0, "self/cgroup", line, sizeof line) < 0 || strncmp(line, "0::", 3) != 0)
		return 0;
	const char *path = line + 3;
	snprintf(rel, sizeof rel, "fs/cgroup%s%scpu.max", path, path[strlen(path) - 1] == '/' ? "" : "/");
	if (sysfile_read_line(e->sys, rel, v, sizeof v) < 0 || strncmp(v, "max", 3) == 0)
		return 0;
	double quota = strtod(v, NULL), period = strtod(strchr(v, ' ') ? strchr(v, ' ') : "100000", NULL);
	char found[96];
	c_snprintf(found, sizeof found, "cgroup CPU quota %.2f CPUs (cpu.max %s)", period > 0 ? quota / period : 0, v);
	guard_fill(f, "cgroup", found, "the kernel pauses the group when the quota is spent: iterations stall for whole periods",
	           "run outside the group, or raise it: systemctl set-property UNIT CPUQuota=");
	return 1;
}

static int check_steal(const struct guard_env *e, struct system_finding *f)
{
	double total = e->total[1] - e->total[0], steal = e->steal[1] - e->steal[0];
	if (!(total > 0) || !(steal / total > 0.01))
		return 0;
	char found[96];
	c_snprintf(found, sizeof found, "the hypervisor takes %.1f%% of the CPU time (steal)", 100 * steal / total);
	guard_fill(f, "steal", found, "another virtual machine shares these CPUs: figures vary with its load",
	           "use a dedicated or bare-metal machine, or pinned vCPUs");
	return 1;
}

static int check_power(const struct guard_env *e, struct system_finding *f)
{
	char dirpath[512];
	snprintf(dirpath, sizeof dirpath, "%s/class/power_supply", e->sys);
	DIR *d = opendir(dirpath);
	if (!d)
		return 0;
	int mains = 0, online = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		char rel[300], v[32];
		if (de->d_name[0] == '.')
			continue;
		snprintf(rel, sizeof rel, "class/power_supply/%.200s/type", de->d_name);
		if (sysfile_read_line(e->sys, rel, v, sizeof v) < 0 || strcmp(v, "Mains") != 0)
			continue;
		mains = 1;
		snprintf(rel, sizeof rel, "class/power_supply/%.200s/online", de->d_name);
		if (sysfile_read_line(e->sys, rel, v, sizeof v) == 0 && strcmp(v, "1") == 0)
			online = 1;
	}
	closedir(d);
	if (!mains || online)
		return 0;
	guard_fill(f, "power", "on battery", "power saving lowers and varies the clock",
	           "plug in the charger");
	return 1;
}

static const struct guard_check guard_checks[] = {
	{ "governor", check_governor }, { "boost", check_boost },   { "smt", check_smt },
	{ "aslr", check_aslr },         { "load", check_load },     { "swap", check_swap },
	{ "throttle", check_throttle }, { "cgroup", check_cgroup }, { "steal", check_steal },
	{ "power", check_power },
};

const char *const noise_guard_checks[] = {
	"governor", "boost", "smt", "aslr", "load", "swap", "throttle", "cgroup", "steal", "power", NULL,
};

/* The tick counts of every process, sorted by pid. */
static size_t guard_procs(const char *proc, struct guard_proc **out)
{
	*out = NULL;
	DIR *d = opendir(proc);
	if (!d)
		return 0;
	struct guard_proc *v = calloc(GUARD_MAX_PROCS, sizeof *v);
	size_t n = 0;
	struct dirent *de;
	while (v && n < GUARD_MAX_PROCS && (de = readdir(d))) {
		if (strspn(de->d_name, "0123456789") != strlen(de->d_name))
			continue;
		char rel[64], buf[1024];
		snprintf(rel, sizeof rel, "%.20s/stat", de->d_name);
		int fd = sysfile_open(proc, rel);
		if (fd < 0)
			continue;
		ssize_t len = sysfile_pread(fd, buf, sizeof buf);
		close(fd);
		char *open = strchr(buf, '('), *close_p = strrchr(buf, ')');
		if (len <= 0 || !open || !close_p || close_p < open)
			continue;
		struct guard_proc *p = &v[n];
		p->pid = atoi(de->d_name);
		snprintf(p->comm, sizeof p->comm, "%.*s", (int)(close_p - open - 1), open + 1);
		/* After "pid (comm) " come the fields from 3 (state); utime is 14, stime 15. */
		char *q = close_p + 1;
		double utime = 0, stime = 0;
		for (int k = 3; k <= 15; k++) {
			q += strspn(q, " ");
			if (k == 14)
				utime = strtod(q, NULL);
			if (k == 15)
				stime = strtod(q, NULL);
			q += strcspn(q, " ");
		}
		p->ticks = utime + stime;
		n++;
	}
	closedir(d);
	if (v)
		qsort(v, n, sizeof *v, guard_proc_cmp);
	*out = v;
	return v ? n : 0;
}

static void guard_look(struct guard_env *e, int k)
{
	char buf[512];
	e->steal[k] = e->total[k] = e->swap[k] = NAN;
	int fd = sysfile_open(e->proc, "stat");
	if (fd >= 0 && sysfile_pread(fd, buf, sizeof buf) > 0 && strncmp(buf, "cpu ", 4) == 0) {
		double v[8] = { 0 };
		char *q = buf + 4;
		for (int i = 0; i < 8; i++)
			v[i] = strtod(q, &q);
		e->steal[k] = v[7];
		e->total[k] = v[0] + v[1] + v[2] + v[3] + v[4] + v[5] + v[6] + v[7];
	}
	if (fd >= 0)
		close(fd);
	char text[8192];
	fd = sysfile_open(e->proc, "vmstat");
	if (fd >= 0 && sysfile_pread(fd, text, sizeof text) > 0) {
		const char *in = strstr(text, "pswpin "), *outp = strstr(text, "pswpout ");
		if (in && outp)
			e->swap[k] = strtod(in + 7, NULL) + strtod(outp + 8, NULL);
	}
	if (fd >= 0)
		close(fd);
	e->nprocs[k] = guard_procs(e->proc, &e->procs[k]);
}

void noise_guard_collect(struct system_info *si)
{
	struct guard_env e = { 0 };
	const char *v;
	e.proc = (v = getenv("BENCHTOP_PROC_ROOT")) && *v ? v : "/proc";
	e.sys = (v = getenv("BENCHTOP_SYSFS_ROOT")) && *v ? v : "/sys";
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	e.ncpu = ncpu > 0 ? (int)ncpu : 1;
	long hz = sysconf(_SC_CLK_TCK);
	e.hz = hz > 0 ? (double)hz : 100;
	double t0 = now_mono();
	guard_look(&e, 0);
	struct timespec ts = { 0, (long)(NOISE_GUARD_SAMPLE_S * 1e9) };
	nanosleep(&ts, NULL);
	guard_look(&e, 1);
	e.seconds = now_mono() - t0;
	si->nfindings = 0;
	for (size_t i = 0; i < sizeof guard_checks / sizeof *guard_checks && si->nfindings < SYSTEM_MAX_FINDINGS; i++)
		if (guard_checks[i].check(&e, &si->findings[si->nfindings]))
			si->nfindings++;
	free(e.procs[0]);
	free(e.procs[1]);
}
