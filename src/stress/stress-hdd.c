/* stress-hdd.c - the hdd generator: each worker runs the disk.seq kernel's stress step over
 * an anonymous file of its own in a directory (O_TMPFILE, or created and unlinked at once, so
 * nothing is left behind even after kill -9): block writes, sequential and wrapping over its
 * bytes, mixed with sequential reads of what it wrote, synced every 8 MiB so that both reach
 * the device. Here: the rate limit, and once a second a look at free space: a worker stops,
 * with a message, before free space could fall under a reserve of max(512 MiB, 5 % of the
 * filesystem). A full disk must never be our doing. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "kernel-list.h"
#include "stressor.h"
#include "util.h"

#define HDD_MIB           (1024.0 * 1024.0)
#define HDD_DEFAULT_BYTES (1024 * HDD_MIB)
#define HDD_DEFAULT_BLOCK (1 << 20)
#define HDD_MIN_BLOCK     4096.0
#define HDD_MAX_BLOCK     (64 * HDD_MIB)
#define HDD_RESERVE       (512 * HDD_MIB)
#define HDD_TMPFS_MAGIC   0x01021994

/* Rate limits in MiB/s that stress_adjust walks; past the last one is unlimited. */
enum { HDD_WORKERS, HDD_BYTES, HDD_BLOCK, HDD_MIX };

static const struct stress_param hdd_params[] = {
	{ .name = "", .type = SPARAM_COUNT, .def = 0, .min = 0, .max = STRESS_MAX_WORKERS, .arg = "N",
	  .help = "disk stressors: N workers (0 counts as 1)" },
	/* Any size passes this row: hdd_check holds it to one block, naming the block size in force. */
	{ .name = "bytes", .type = SPARAM_SIZE, .def = HDD_DEFAULT_BYTES, .min = 1, .max = 1e18,
	  .unit = "bytes", .arg = "SIZE", .help = "file size per disk worker, at least one block (default 1G)",
	  .accepts = "a size of at least one block such as 64M or 1G" },
	{ .name = "write-size", .type = SPARAM_SIZE, .def = HDD_DEFAULT_BLOCK, .min = HDD_MIN_BLOCK,
	  .max = HDD_MAX_BLOCK, .multiple = HDD_MIN_BLOCK, .unit = "bytes", .arg = "SIZE",
	  .help = "block size of disk writes and reads, a multiple of 4K (default 1M)",
	  .accepts = "a multiple of 4K from 4K to 64M such as 64K or 1M" },
	{ .name = "mix", .type = SPARAM_NUMBER, .def = 50, .min = 1, .max = 100, .unit = "%", .arg = "PCT",
	  .help = "percent of disk blocks written, the rest read (default 50)" },
	{ .name = NULL },
};

static const double hdd_ladder[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000 };
#define HDD_LADDER ((int)(sizeof hdd_ladder / sizeof hdd_ladder[0]))

struct hdd_settings {
	char dir[1024];
	double bytes;          /* per worker, as asked */
	double planned;        /* per worker, after the free-space cap (a multiple of block) */
	double write_pct;
	size_t block;
};

static double hdd_reserve(const struct statvfs *v)
{
	return fmax(HDD_RESERVE, 0.05 * (double)v->f_blocks * (double)v->f_frsize);
}

static double hdd_free(const struct statvfs *v)
{
	return (double)v->f_bavail * (double)v->f_frsize;
}

/* The directory exists, is one, and takes our files. */
static int hdd_check_dir(const char *dir, char *why, size_t whylen)
{
	char reason[200];
	if (scratch_dir_check(dir, reason, sizeof reason) < 0) {
		c_snprintf(why, whylen, "hdd dir '%.*s%s': %s", strlen(dir) > 80 ? 60 : 80, dir,
		           strlen(dir) > 80 ? "..." : "", reason);
		return -1;
	}
	return 0;
}

/* A file holds at least one block. */
static int hdd_check(const struct stress_value *v, char sep, int *param, char *expects, size_t len)
{
	if (v[HDD_BYTES].num >= v[HDD_BLOCK].num)
		return 0;
	char opt[64], b[32];
	stress_option_ref("hdd", HDD_BLOCK, sep, opt, sizeof opt);
	c_snprintf(expects, len, "at least one block of %s (%s)", opt, stress_value_text(&hdd_params[HDD_BLOCK], &v[HDD_BLOCK], b, sizeof b));
	*param = HDD_BYTES;
	return -1;
}

static int hdd_init(struct stress_gen *g, const struct stress_value *v, const struct stress_config *cfg,
                    char *why, size_t whylen)
{
	/* Within hdd_params and hdd_check: checked before init. */
	int workers = (int)v[HDD_WORKERS].num;
	double block = v[HDD_BLOCK].num, bytes = v[HDD_BYTES].num, pct = v[HDD_MIX].num;
	const char *dir = cfg->dir && *cfg->dir ? cfg->dir : ".";
	if (strlen(dir) >= sizeof ((struct hdd_settings *)0)->dir) {
		c_snprintf(why, whylen, "hdd dir: path too long");
		return -1;
	}
	/* A directory the user named, or the one we would use now, must work from the start. */
	if ((cfg->dir || g->configured) && hdd_check_dir(dir, why, whylen) < 0)
		return -1;
	struct hdd_settings *st = calloc(1, sizeof *st);
	if (!st) {
		c_snprintf(why, whylen, "hdd: out of memory");
		return -1;
	}
	g->priv = st;
	str_copy(st->dir, dir, sizeof st->dir);
	st->block = (size_t)block;
	st->bytes = floor(bytes / block) * block;
	st->write_pct = pct;
	g->workers = workers > 0 ? workers : 1;
	atomic_store(&g->level, 0);
	return 0;
}

static int hdd_plan(struct stress_gen *g, char *why, size_t whylen)
{
	struct hdd_settings *st = g->priv;
	struct statvfs v;
	struct statfs fs;
	char b1[32], b2[32], b3[32], b4[32];
	g->want = 0;
	if (hdd_check_dir(st->dir, why, whylen) < 0)
		return -1;
	if (statvfs(st->dir, &v) < 0) {
		c_snprintf(why, whylen, "hdd dir '%s': %s", st->dir, strerror(errno));
		return -1;
	}
	int n = g->workers;
	double spare = hdd_free(&v) - hdd_reserve(&v), per = st->bytes;
	if (per * n > spare) {
		double capped = spare > 0 ? floor(spare / n / (double)st->block) * (double)st->block : 0;
		if (capped < (double)st->block) {
			stress_say(g->s, "hdd: not started: %s has %s free, within the %s reserve", st->dir,
			           fmt_bytes(b1, sizeof b1, hdd_free(&v)), fmt_bytes(b2, sizeof b2, hdd_reserve(&v)));
			return 0;
		}
		stress_say(g->s, "hdd: %s requested, capped to %s: %s free in %s minus a %s reserve",
		           fmt_bytes(b1, sizeof b1, per * n), fmt_bytes(b2, sizeof b2, capped * n),
		           fmt_bytes(b3, sizeof b3, hdd_free(&v)), st->dir,
		           fmt_bytes(b4, sizeof b4, hdd_reserve(&v)));
		per = capped;
	}
	if (statfs(st->dir, &fs) == 0 && fs.f_type == HDD_TMPFS_MAGIC)
		stress_say(g->s, "hdd: %s is a tmpfs: the load goes to memory, not to a disk", st->dir);
	st->planned = per;
	g->want = n;
	return 0;
}

/* Free space after every worker's file grows to its planned size would stay above the reserve. */
static int hdd_room(struct stress_worker *w)
{
	struct stress_gen *g = w->gen;
	const struct hdd_settings *st = g->priv;
	struct statvfs v;
	if (statvfs(st->dir, &v) < 0)
		return 1;
	double growth = 0;
	int n = atomic_load(&g->nslots);
	for (int i = 0; i < n; i++)
		if (atomic_load_explicit(&g->w[i].running, memory_order_relaxed))
			growth += st->planned - (double)atomic_load_explicit(&g->w[i].bytes, memory_order_relaxed);
	if (hdd_free(&v) - growth >= hdd_reserve(&v))
		return 1;
	char b1[32], b2[32];
	stress_worker_fail(w, "hdd: worker %d stopped: free space in %s would fall under the %s reserve (%s free)",
	                   w->index + 1, st->dir, fmt_bytes(b1, sizeof b1, hdd_reserve(&v)),
	                   fmt_bytes(b2, sizeof b2, hdd_free(&v)));
	return 0;
}

/* The kernel's context for one worker: its file in our directory, of the planned size. */
static int hdd_kernel(struct stress_worker *w, struct kernel_ctx *k)
{
	const struct hdd_settings *st = w->gen->priv;
	kernel_ctx_init(k, &kernel_disk_seq, &w->gen->stop);
	k->param[kernel_param_index(k->cls, "size")] = st->planned;
	k->param[kernel_param_index(k->cls, "block")] = (double)st->block;
	k->param[kernel_param_index(k->cls, "mix")] = st->write_pct;
	k->tmpdir = st->dir;
	k->worker = w->index;
	return k->cls->setup(k);
}

static void *hdd_run(void *arg)
{
	struct stress_worker *w = arg;
	struct stress_gen *g = w->gen;
	const struct hdd_settings *st = g->priv;

	stress_worker_begin(w);
	struct kernel_ctx k;
	if (hdd_kernel(w, &k) < 0) {
		stress_worker_fail(w, "hdd: worker %d stopped: %s", w->index + 1, k.why);
		return stress_worker_end(w);
	}
	long long rate = -1;
	double next_check = 0, t0 = 0, moved = 0;
	while (!stress_stopping(g)) {
		double now = now_mono();
		if (now >= next_check) {
			if (!hdd_room(w))
				break;
			next_check = now + 1;
		}
		/* Rate limit: bytes moved since t0 stay under rate x elapsed; sleep in short steps. */
		long long r = atomic_load_explicit(&g->level, memory_order_relaxed);
		if (r != rate) {
			rate = r;
			t0 = now;
			moved = 0;
		}
		if (rate > 0) {
			int n = atomic_load_explicit(&g->nslots, memory_order_relaxed);
			double per = (double)rate / (n > 0 ? n : 1);
			double due = t0 + moved / per;
			if (due > now) {
				stress_sleep_until(fmin(due, now + 0.1));
				continue;
			}
		}
		double mb = k.cls->step(&k);
		if (mb < 0) {
			if (!stress_stopping(g))
				stress_worker_fail(w, "hdd: worker %d stopped in %s: %s", w->index + 1, st->dir, k.why);
			break;
		}
		atomic_store_explicit(&w->bytes, k.held, memory_order_relaxed);
		moved += mb * 1e6;
		stress_worker_add(w, llround(mb * 1e6));
	}
	k.cls->teardown(&k);
	atomic_store_explicit(&w->bytes, 0, memory_order_relaxed);
	return stress_worker_end(w);
}

static int hdd_adjust(struct stress_gen *g, int steps)
{
	long long old = atomic_load(&g->level);
	int i = HDD_LADDER;                            /* unlimited */
	if (old > 0) {
		for (i = 0; i < HDD_LADDER && hdd_ladder[i] * HDD_MIB < (double)old; i++)
			;
	} else if (steps < 0) {
		/* From unlimited, start just under what it achieved. */
		double a = stress_last_achieved(g);
		if (isfinite(a) && a > 0)
			for (i = 0; i < HDD_LADDER && hdd_ladder[i] < a; i++)
				;
	}
	i += steps;
	if (i < 0)
		i = 0;
	long long v = i >= HDD_LADDER ? 0 : (long long)(hdd_ladder[i] * HDD_MIB);
	atomic_store(&g->level, v);
	return v == old ? -1 : 0;
}

static double hdd_target(const struct stress_gen *g)
{
	long long r = atomic_load(&g->level);
	return r > 0 ? (double)r / HDD_MIB : NAN;
}

static double hdd_rate(double dt, long long dwork, long long dbusy_ns, int n)
{
	(void)dbusy_ns, (void)n;
	return (double)dwork / dt / HDD_MIB;
}

static void hdd_summary(const struct stress_gen *g, char *buf, size_t len)
{
	const struct hdd_settings *st = g->priv;
	char b[32], lim[32] = "";
	double t = hdd_target(g);
	if (isfinite(t))
		c_snprintf(lim, sizeof lim, ", %g MiB/s", t);
	else
		str_copy(lim, ", unlimited", sizeof lim);   /* said, so that a step to it reads as one */
	c_snprintf(buf, len, "%d x %s in %s%s", g->workers,
	           fmt_bytes(b, sizeof b, st->planned > 0 ? st->planned : st->bytes), st->dir, lim);
}

static void hdd_release(struct stress_gen *g)
{
	free(g->priv);
	g->priv = NULL;
}

const struct stressor_class stressor_hdd = {
	.name = "hdd",
	.unit = "MiB/s",
	.help = "disk: block writes and reads over an anonymous file per worker, kept off a full disk",
	.params = hdd_params,
	.check = hdd_check,
	.holds_bytes = 1,
	.init = hdd_init,
	.plan = hdd_plan,
	.run = hdd_run,
	.adjust = hdd_adjust,
	.target = hdd_target,
	.rate = hdd_rate,
	.summary = hdd_summary,
	.release = hdd_release,
	.work_unit = "B",
};
