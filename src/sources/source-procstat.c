/* source-procstat.c - per-core CPU busy percent from /proc/stat, which libstatgrab lacks. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source.h"
#include "sysfile.h"

struct core_ticks {
	unsigned long long total, busy;
	unsigned long long nice, steal;   /* the 2nd and 8th fields */
	float pct;
	int seen;
};

struct procstat {
	int fd;
	int ncores;                   /* highest cpuN seen at open, plus one */
	size_t buflen;
	char *buf;                    /* sized at open for every cpu line */
	struct core_ticks core[FRAME_MAX_CORES];
	double nice_pct, steal_pct;   /* of all cores over the last interval with ticks; NAN before */
};

/* Parses "cpuN user nice system idle iowait irq softirq steal ..." lines into now[];
 * returns how many cores were found. Offline cores have no line and stay unseen. */
static int parse_stat(const char *buf, struct core_ticks *now)
{
	int found = 0;
	const char *p = buf;
	while ((p = strstr(p, "\ncpu")) != NULL) {
		p += 4;
		if (*p < '0' || *p > '9')     /* "cpu  " is the sum of all cores */
			continue;
		char *end;
		unsigned long idx = strtoul(p, &end, 10);
		if (end == p || *end != ' ')
			continue;
		unsigned long long v[8] = { 0 };
		int n = 0;
		p = end;
		for (; n < 8; n++) {
			v[n] = strtoull(p, &end, 10);
			if (end == p)
				break;
			p = end;
		}
		if (n < 4 || idx >= FRAME_MAX_CORES)
			continue;
		/* guest time is already inside user and nice, so the first eight fields are all */
		unsigned long long total = 0;
		for (int i = 0; i < n; i++)
			total += v[i];
		now[idx].total = total;
		now[idx].busy = total - v[3] - v[4];
		now[idx].nice = v[1];
		now[idx].steal = n >= 8 ? v[7] : 0;
		now[idx].seen = 1;
		found++;
	}
	return found;
}

static int read_stat(struct procstat *ps, struct core_ticks *now)
{
	/* the buffer starts with a newline so every cpu line is found the same way */
	ps->buf[0] = '\n';
	if (sysfile_pread(ps->fd, ps->buf + 1, ps->buflen - 1) < 0)
		return -1;
	for (int i = 0; i < FRAME_MAX_CORES; i++)
		now[i].seen = 0;
	return parse_stat(ps->buf, now);
}

static int procstat_open(const struct source_env *env, void **priv, char *why, size_t whylen)
{
	struct procstat *ps = calloc(1, sizeof *ps);
	if (!ps) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	ps->fd = sysfile_open(env->proc_root, "stat");
	if (ps->fd < 0) {
		snprintf(why, whylen, "%s/stat: %s", env->proc_root, strerror(errno));
		free(ps);
		return -1;
	}
	/* /proc/stat holds the cpu lines first, then a long interrupt line we do not need:
	 * room for about 200 bytes per possible core is plenty */
	ps->buflen = 256u * (FRAME_MAX_CORES + 2);
	ps->buf = malloc(ps->buflen);
	struct core_ticks now[FRAME_MAX_CORES];
	memset(now, 0, sizeof now);
	if (!ps->buf || read_stat(ps, now) <= 0) {
		snprintf(why, whylen, "%s/stat: no per-core cpu lines", env->proc_root);
		close(ps->fd);
		free(ps->buf);
		free(ps);
		return -1;
	}
	for (int i = 0; i < FRAME_MAX_CORES; i++) {
		if (!now[i].seen)
			continue;
		ps->core[i] = now[i];
		ps->core[i].pct = -1;          /* no interval yet */
		ps->ncores = i + 1;
	}
	ps->nice_pct = ps->steal_pct = NAN;
	*priv = ps;
	return 0;
}

static void procstat_sample(void *priv, struct frame *f)
{
	struct procstat *ps = priv;
	struct core_ticks now[FRAME_MAX_CORES];
	if (f->cpu.ncores < ps->ncores)
		f->cpu.ncores = ps->ncores;
	if (read_stat(ps, now) < 0)
		return;
	double all = 0, nice = 0, steal = 0;   /* ticks of every core over this interval */
	for (int i = 0; i < ps->ncores; i++) {
		struct core_ticks *c = &ps->core[i];
		if (!now[i].seen) {            /* offline now */
			c->seen = 0;
			continue;
		}
		if (!c->seen || now[i].total < c->total) {
			/* came online: this interval has no baseline */
			*c = now[i];
			c->pct = -1;
			continue;
		}
		unsigned long long dt = now[i].total - c->total;
		/* no tick elapsed on a short interval: keep the baseline and the last figure */
		if (dt > 0) {
			/* idle and iowait may step back a little on tickless kernels */
			double busy = now[i].busy > c->busy ? (double)(now[i].busy - c->busy) : 0;
			double pct = 100.0 * busy / (double)dt;
			c->pct = (float)(pct > 100 ? 100 : pct);
			all += (double)dt;
			nice += now[i].nice > c->nice ? (double)(now[i].nice - c->nice) : 0;
			steal += now[i].steal > c->steal ? (double)(now[i].steal - c->steal) : 0;
			c->nice = now[i].nice;
			c->steal = now[i].steal;
			c->total = now[i].total;
			c->busy = now[i].busy;
		}
		if (c->pct >= 0)
			f->cpu.core[i] = c->pct;
	}
	if (all > 0) {
		ps->nice_pct = 100.0 * nice / all;
		ps->steal_pct = 100.0 * steal / all;
	}
	f->cpu.nice = ps->nice_pct;
	f->cpu.steal = ps->steal_pct;
}

static void procstat_close(void *priv)
{
	struct procstat *ps = priv;
	close(ps->fd);
	free(ps->buf);
	free(ps);
}

const struct source_class source_procstat = {
	.name = "procstat",
	.help = "per-core CPU busy percent from /proc/stat",
	.open = procstat_open,
	.sample = procstat_sample,
	.close = procstat_close,
};
