/* source-cpufreq.c - current clock of every core from sysfs cpufreq (kHz in, MHz out), or
 * where cpufreq is absent (most VMs) from the "cpu MHz" lines of /proc/cpuinfo. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source.h"
#include "sysfile.h"

struct cpufreq {
	int ncores;                   /* highest cpuN with a cpufreq file, plus one */
	int fd[FRAME_MAX_CORES];      /* scaling_cur_freq per core, -1 where there is none */
	int cpuinfo_fd;               /* /proc/cpuinfo when no core has cpufreq; else -1 */
	char *text;                   /* its text, as last read */
	size_t cap;
};

static void cpufreq_close(void *priv)
{
	struct cpufreq *cf = priv;
	for (int i = 0; i < cf->ncores; i++)
		if (cf->fd[i] >= 0)
			close(cf->fd[i]);
	if (cf->cpuinfo_fd >= 0)
		close(cf->cpuinfo_fd);
	free(cf->text);
	free(cf);
}

/* The "cpu MHz : 2400.000" line of each processor in /proc/cpuinfo, in order; into f when not
 * NULL. How many it found. */
static int cpuinfo_read(struct cpufreq *cf, struct frame *f)
{
	/* The whole file, in a buffer that grows to it (a line per field, ~30 fields per core). */
	size_t n = 0;
	for (;;) {
		if (n + 1 >= cf->cap) {
			size_t cap = cf->cap ? 2 * cf->cap : 1 << 16;
			char *b = realloc(cf->text, cap);
			if (!b)
				return 0;
			cf->text = b;
			cf->cap = cap;
		}
		ssize_t got = pread(cf->cpuinfo_fd, cf->text + n, cf->cap - 1 - n, (off_t)n);
		if (got <= 0)
			break;
		n += (size_t)got;
	}
	if (!n)
		return 0;
	char *text = cf->text;
	text[n] = '\0';
	int core = 0;
	for (char *line = text; *line && core < FRAME_MAX_CORES;) {
		double mhz;
		if (strncmp(line, "cpu MHz", 7) == 0 && sscanf(line, "cpu MHz%*[ \t]: %lf", &mhz) == 1) {
			if (f && mhz > 0)
				f->cpu.freq_mhz[core] = (float)mhz;
			core++;
		}
		char *next = strchr(line, '\n');
		if (!next)
			break;
		line = next + 1;
	}
	return core;
}

static int cpufreq_open(const struct source_env *env, void **priv, char *why, size_t whylen)
{
	int idx[FRAME_MAX_CORES];
	int n = sysfile_list_numbered(env->sysfs_root, "devices/system/cpu", "cpu", "",
	                              idx, FRAME_MAX_CORES);
	struct cpufreq *cf = calloc(1, sizeof *cf);
	if (!cf) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	for (int i = 0; i < FRAME_MAX_CORES; i++)
		cf->fd[i] = -1;
	cf->cpuinfo_fd = -1;
	int found = 0;
	for (int i = 0; i < n; i++) {
		if (idx[i] >= FRAME_MAX_CORES)
			continue;
		char rel[96];
		snprintf(rel, sizeof rel, "devices/system/cpu/cpu%d/cpufreq/scaling_cur_freq", idx[i]);
		int fd = sysfile_open(env->sysfs_root, rel);
		if (fd < 0)
			continue;
		cf->fd[idx[i]] = fd;
		cf->ncores = idx[i] + 1;
		found++;
	}
	if (!found && (cf->cpuinfo_fd = sysfile_open(env->proc_root, "cpuinfo")) >= 0 &&
	    cpuinfo_read(cf, NULL) > 0) {
		*priv = cf;
		return 0;
	}
	if (!found) {
		char dir[4096];
		snprintf(why, whylen, "no cpufreq scaling_cur_freq under %s",
		         sysfile_path(dir, sizeof dir, env->sysfs_root, "devices/system/cpu"));
		cpufreq_close(cf);
		return -1;
	}
	*priv = cf;
	return 0;
}

static void cpufreq_sample(void *priv, struct frame *f)
{
	struct cpufreq *cf = priv;
	if (cf->cpuinfo_fd >= 0) {
		cpuinfo_read(cf, f);
		return;
	}
	if (f->cpu.ncores < cf->ncores)
		f->cpu.ncores = cf->ncores;
	for (int i = 0; i < cf->ncores; i++) {
		long long khz;
		if (cf->fd[i] >= 0 && sysfile_read_ll(cf->fd[i], &khz) == 0 && khz > 0)
			f->cpu.freq_mhz[i] = (float)((double)khz / 1000.0);
	}
}

const struct source_class source_cpufreq = {
	.name = "cpufreq",
	.sensor = 1,
	.help = "current clock per core from sysfs cpufreq, else /proc/cpuinfo",
	.open = cpufreq_open,
	.sample = cpufreq_sample,
	.close = cpufreq_close,
};
