/* source-statgrab.c - CPU total, load, memory, swap, network and filesystems via libstatgrab.
 *
 * libstatgrab keeps its results per thread: open, sample and close all run on the
 * sampler thread. Its first CPU reading counts since boot and its clocks have whole
 * seconds, so this source keeps the previous counters itself and divides differences by
 * the frame's monotonic time. Memory "used" is what free(1) shows, total - available,
 * with MemAvailable from /proc/meminfo (libstatgrab's own "used" counts the page cache).
 * Filesystems change slowly and statvfs on every mount is not free: they are re-read
 * every FS_REFRESH_S seconds and repeated in between.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <statgrab.h>

#include "source.h"
#include "sysfile.h"
#include "util.h"

#define FS_REFRESH_S 2.0
#define NET_MAX_NAMES 64

struct net_counters {
	char name[FRAME_NAME];
	int shown;                        /* 0 for "lo", and past FRAME_MAX_NETS */
	double rx, tx;
	double mono;
	int seen;                         /* in the latest reading */
};

struct statgrab {
	int meminfo_fd;                   /* <proc>/meminfo for MemAvailable; -1 without */
	char meminfo[4096];
	sg_cpu_stats cpu_last;            /* counters of the previous tick */
	double cpu_pct[5];                /* total, user, system, iowait, idle of the last interval */
	int nnets, nshown;
	struct net_counters nets[NET_MAX_NAMES];
	double fs_mono;                   /* when filesystems were read; 0 = never */
	int nfs;
	struct frame_fs fs[FRAME_MAX_FS];
};

static void sg_reason(const char *what, char *why, size_t whylen)
{
	sg_error_details d;
	sg_get_error_details(&d);
	snprintf(why, whylen, "libstatgrab: %s: %s%s%s", what, sg_str_error(d.error),
	         d.errno_value ? ": " : "", d.errno_value ? strerror(d.errno_value) : "");
}

/* ---- CPU ---- */

static void cpu_sample(struct statgrab *sg, struct frame *f)
{
	size_t n = 0;
	sg_cpu_stats *c = sg_get_cpu_stats(&n);
	if (!c || n == 0)
		return;
	sg_cpu_stats *l = &sg->cpu_last;
	if (c->total > l->total && c->idle >= l->idle && c->iowait >= l->iowait &&
	    c->user >= l->user && c->nice >= l->nice && c->kernel >= l->kernel) {
		double dt = (double)(c->total - l->total);
		double idle = (double)(c->idle - l->idle), iowait = (double)(c->iowait - l->iowait);
		double busy = dt - idle - iowait;
		sg->cpu_pct[0] = 100.0 * (busy > 0 ? busy : 0) / dt;
		sg->cpu_pct[1] = 100.0 * (double)((c->user - l->user) + (c->nice - l->nice)) / dt;
		sg->cpu_pct[2] = 100.0 * (double)(c->kernel - l->kernel) / dt;
		sg->cpu_pct[3] = 100.0 * iowait / dt;
		sg->cpu_pct[4] = 100.0 * idle / dt;
		*l = *c;
	} else if (c->total < l->total || c->idle < l->idle || c->iowait < l->iowait) {
		*l = *c;                      /* counters stepped back: start again from here */
	}
	/* with no tick since the last reading (a short interval) the last figures stand */
	f->cpu.total = sg->cpu_pct[0];
	f->cpu.user = sg->cpu_pct[1];
	f->cpu.system = sg->cpu_pct[2];
	f->cpu.iowait = sg->cpu_pct[3];
	f->cpu.idle = sg->cpu_pct[4];

	sg_load_stats *ld = sg_get_load_stats(&n);
	if (ld && n) {
		f->cpu.load1 = ld->min1;
		f->cpu.load5 = ld->min5;
		f->cpu.load15 = ld->min15;
	}
}

/* ---- memory ---- */

/* The value of a "Key:   1234 kB" line of meminfo in bytes, NAN without it. */
static double meminfo_bytes(const char *text, const char *key)
{
	const char *p = text;
	size_t klen = strlen(key);
	while (p && *p) {
		if (strncmp(p, key, klen) == 0 && p[klen] == ':') {
			char *end;
			unsigned long long v = strtoull(p + klen + 1, &end, 10);
			if (end == p + klen + 1)
				return NAN;
			return (double)v * (strstr(end, "kB") == end + strspn(end, " ") ? 1024.0 : 1.0);
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NAN;
}

static void mem_sample(struct statgrab *sg, struct frame *f)
{
	size_t n = 0;
	sg_mem_stats *m = sg_get_mem_stats(&n);
	if (m && n) {
		double avail = NAN;
		if (sg->meminfo_fd >= 0 && sysfile_pread(sg->meminfo_fd, sg->meminfo, sizeof sg->meminfo) > 0)
			avail = meminfo_bytes(sg->meminfo, "MemAvailable");
		if (!isfinite(avail))         /* kernels before 3.14: free plus page cache */
			avail = (double)m->free + (double)m->cache;
		if (avail > (double)m->total)
			avail = (double)m->total;
		f->mem.total = (double)m->total;
		f->mem.available = avail;
		f->mem.used = (double)m->total - avail;
		f->mem.cached = (double)m->cache;
	}
	sg_swap_stats *s = sg_get_swap_stats(&n);
	if (s && n) {
		f->mem.swap_total = (double)s->total;
		f->mem.swap_used = (double)s->used;
	}
}

/* ---- network ---- */

static struct net_counters *net_find(struct statgrab *sg, const char *name)
{
	for (int i = 0; i < sg->nnets; i++)
		if (strcmp(sg->nets[i].name, name) == 0)
			return &sg->nets[i];
	if (sg->nnets == NET_MAX_NAMES)
		return NULL;
	struct net_counters *c = &sg->nets[sg->nnets++];
	memset(c, 0, sizeof *c);
	str_copy(c->name, name, sizeof c->name);
	c->shown = strcmp(name, "lo") != 0 && sg->nshown < FRAME_MAX_NETS;
	sg->nshown += c->shown;
	return c;
}

static void net_sample(struct statgrab *sg, double mono, struct frame *f)
{
	size_t n = 0;
	sg_network_io_stats *io = sg_get_network_io_stats(&n);
	if (!io)
		return;
	for (int i = 0; i < sg->nnets; i++)
		sg->nets[i].seen = 0;
	for (size_t i = 0; i < n; i++) {
		struct net_counters *c = net_find(sg, io[i].interface_name);
		if (!c || c->seen)
			continue;
		double rx = (double)io[i].rx, tx = (double)io[i].tx, elapsed = mono - c->mono;
		c->seen = 1;
		if (f && c->shown && c->mono > 0 && elapsed > 0 && f->nnets < FRAME_MAX_NETS) {
			struct frame_net *fn = &f->nets[f->nnets++];
			str_copy(fn->name, c->name, sizeof fn->name);
			/* counters restart when a driver is reloaded */
			fn->rx_bps = rx >= c->rx ? (rx - c->rx) / elapsed : NAN;
			fn->tx_bps = tx >= c->tx ? (tx - c->tx) / elapsed : NAN;
		}
		c->rx = rx;
		c->tx = tx;
		c->mono = mono;
	}
}

/* ---- filesystems ---- */

static int is_pseudo_fs(const char *type)
{
	static const char *const pseudo[] = {
		"proc", "sysfs", "devtmpfs", "devpts", "tmpfs", "ramfs", "cgroup", "cgroup2",
		"securityfs", "pstore", "debugfs", "tracefs", "configfs", "fusectl", "mqueue",
		"hugetlbfs", "bpf", "autofs", "binfmt_misc", "efivarfs", "rpc_pipefs", "nsfs",
		"squashfs", "selinuxfs", "fuse.gvfsd-fuse", "fuse.portal", "fuse.lxcfs", NULL,
	};
	for (int i = 0; pseudo[i]; i++)
		if (strcmp(type, pseudo[i]) == 0)
			return 1;
	return 0;
}

static void fs_refresh(struct statgrab *sg)
{
	size_t n = 0;
	sg_fs_stats *fs = sg_get_fs_stats(&n);
	if (!fs)
		return;
	sg->nfs = 0;
	for (size_t i = 0; i < n && sg->nfs < FRAME_MAX_FS; i++) {
		const char *dev = fs[i].device_name ? fs[i].device_name : "";
		if (!fs[i].fs_type || !fs[i].mnt_point || is_pseudo_fs(fs[i].fs_type) ||
		    fs[i].size == 0 || strncmp(dev, "/dev/loop", 9) == 0)
			continue;
		/* the same device mounted again (bind mounts, subvolumes) holds the same data */
		int dup = 0;
		for (int k = 0; k < sg->nfs && !dup; k++)
			dup = strncmp(sg->fs[k].device, dev, sizeof sg->fs[k].device - 1) == 0;
		if (dup)
			continue;
		struct frame_fs *out = &sg->fs[sg->nfs++];
		str_copy(out->mount, fs[i].mnt_point, sizeof out->mount);
		str_copy(out->device, dev, sizeof out->device);
		out->size = (double)fs[i].size;
		out->used = (double)fs[i].used;
		out->avail = (double)fs[i].avail;
	}
}

/* ---- the source ---- */

static void statgrab_close(void *priv)
{
	struct statgrab *sg = priv;
	if (sg->meminfo_fd >= 0)
		close(sg->meminfo_fd);
	free(sg);
	sg_shutdown();
}

static int statgrab_open(const struct source_env *env, void **priv, char *why, size_t whylen)
{
	if (sg_init(1) != SG_ERROR_NONE) {
		sg_reason("init", why, whylen);
		return -1;
	}
	sg_drop_privileges();
	struct statgrab *sg = calloc(1, sizeof *sg);
	if (!sg) {
		snprintf(why, whylen, "out of memory");
		sg_shutdown();
		return -1;
	}
	sg->meminfo_fd = sysfile_open(env->proc_root, "meminfo");
	for (int i = 0; i < 5; i++)
		sg->cpu_pct[i] = NAN;
	/* prime the counters: the first CPU reading counts since boot */
	size_t n = 0;
	sg_cpu_stats *c = sg_get_cpu_stats(&n);
	if (!c || n == 0) {
		sg_reason("cpu", why, whylen);
		statgrab_close(sg);
		return -1;
	}
	sg->cpu_last = *c;
	net_sample(sg, now_mono(), NULL);
	*priv = sg;
	return 0;
}

static void statgrab_sample(void *priv, struct frame *f)
{
	struct statgrab *sg = priv;
	double mono = isfinite(f->mono) && f->mono > 0 ? f->mono : now_mono();
	cpu_sample(sg, f);
	mem_sample(sg, f);
	net_sample(sg, mono, f);
	if (sg->fs_mono <= 0 || mono - sg->fs_mono >= FS_REFRESH_S || mono < sg->fs_mono) {
		fs_refresh(sg);
		sg->fs_mono = mono;
	}
	f->nfs = sg->nfs;
	memcpy(f->fs, sg->fs, (size_t)sg->nfs * sizeof f->fs[0]);
}

const struct source_class source_statgrab = {
	.name = "statgrab",
	.help = "CPU total, load, memory, swap, network and filesystems (libstatgrab)",
	.open = statgrab_open,
	.sample = statgrab_sample,
	.close = statgrab_close,
};
