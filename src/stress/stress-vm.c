/* stress-vm.c - the vm generator: each worker maps its bytes, touches every page so they are
 * really resident, then runs the memory.pattern kernel's stress step over them (sequential
 * writes, read-modify-write of every word, or random cache lines), counting the bytes touched.
 *
 * What all workers may hold together is capped before they start, so a request never ends in
 * an OOM kill: MemAvailable minus a reserve of max(256 MiB, 5 % of MemTotal), and, when our
 * memory cgroup or one of its parents has a limit, that limit minus its usage minus a reserve
 * of max(64 MiB, 5 % of the limit) (cgroup v2 memory.max/current, v1 limit/usage_in_bytes). */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kernel-list.h"
#include "stressor.h"
#include "sysfile.h"
#include "util.h"

#define VM_MIB           (1024.0 * 1024.0)
#define VM_DEFAULT_BYTES (256 * VM_MIB)
#define VM_MIN_BYTES     VM_MIB          /* per worker: smaller is not worth a worker */
#define VM_CHUNK         (1 << 20)       /* bytes between looks at the stop flag */
#define VM_RESERVE       (256 * VM_MIB)
#define VM_CG_RESERVE    (64 * VM_MIB)

enum { VM_SEQ, VM_RMW, VM_RANDOM };
static const char *const vm_patterns[] = { "seq", "rmw", "random", NULL };

enum { VM_WORKERS, VM_BYTES, VM_METHOD };

static const struct stress_param vm_params[] = {
	{ .name = "", .type = SPARAM_COUNT, .def = 0, .min = 0, .max = STRESS_MAX_WORKERS, .arg = "N",
	  .help = "memory stressors: N workers (0 counts as 1)" },
	{ .name = "bytes", .type = SPARAM_SIZE_PCT, .def = VM_DEFAULT_BYTES, .min = VM_MIN_BYTES, .max = 1e18,
	  .unit = "bytes", .arg = "SIZE|P%", .help = "memory per worker (default 256M, at least 1M) or P% of available",
	  .accepts = "a size of at least 1M per worker such as 256M or 2G, or a percentage of available memory "
	             "from 1% to 100%" },
	{ .name = "method", .type = SPARAM_CHOICE, .def = VM_SEQ, .choices = "seq,rmw,random", .arg = "NAME",
	  .help = "memory pattern: seq, rmw or random (default seq)" },
	{ .name = NULL },
};

struct vm_settings {
	int pattern;
	double bytes;          /* per worker, as asked (or as adjusted) */
	double pct;            /* > 0: percent of MemAvailable for all workers, instead of bytes */
};

/* How much more memory we may take now, and why, for the messages. */
struct vm_room {
	double spare;          /* bytes all workers may hold together */
	char why[160];         /* "MemAvailable 1.00 GiB minus a 256 MiB reserve" */
	double avail;          /* MemAvailable */
};

static double vm_page(void)
{
	long p = sysconf(_SC_PAGESIZE);
	return p > 0 ? (double)p : 4096.0;
}

static double vm_round(double bytes)
{
	double page = vm_page();
	return floor(bytes / page) * page;
}

static int vm_read(const char *path, char *buf, size_t len)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		return -1;
	size_t n = fread(buf, 1, len - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	return 0;
}

/* A number in a cgroup file, or INFINITY for "max" and v1's "no limit" (near 2^63). */
static double vm_cg_number(const char *dir, const char *file)
{
	char path[600], text[64];
	c_snprintf(path, sizeof path, "%s/%s", dir, file);
	if (vm_read(path, text, sizeof text) < 0)
		return NAN;
	if (!strncmp(text, "max", 3))
		return INFINITY;
	char *end;
	double v = strtod(text, &end);
	if (end == text)
		return NAN;
	return v >= 0x1p60 ? INFINITY : v;
}

/* The smallest headroom (limit - usage) of our memory cgroup and its parents; INFINITY with no
 * limit. *limit and *usage are those of the level that set it. */
static double vm_cgroup_left(const struct stress *s, double *limit, double *usage)
{
	char path[600], line[512], cg[400] = "";
	int v1 = 0;
	sysfile_path(path, sizeof path, stress_proc_root(s), "self/cgroup");
	FILE *fp = fopen(path, "r");
	if (!fp)
		return INFINITY;
	while (fgets(line, sizeof line, fp)) {
		line[strcspn(line, "\n")] = '\0';
		char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		if (!c2)
			continue;
		*c1 = *c2 = '\0';
		char *ctrl = c1 + 1;
		int has_memory = 0;
		for (char *tok = ctrl; *tok; ) {
			size_t n = strcspn(tok, ",");
			if (n == 6 && !strncmp(tok, "memory", 6))
				has_memory = 1;
			tok += n + (tok[n] == ',');
		}
		if (has_memory) {
			str_copy(cg, c2 + 1, sizeof cg);
			v1 = 1;
			break;
		}
		if (!strcmp(line, "0") && !*ctrl)
			str_copy(cg, c2 + 1, sizeof cg);
	}
	fclose(fp);
	if (!*cg)
		return INFINITY;

	double best = INFINITY;
	for (;;) {
		char dir[600];
		c_snprintf(dir, sizeof dir, "%s%s%s", stress_cgroup_root(s), v1 ? "/memory" : "", cg);
		double lim = vm_cg_number(dir, v1 ? "memory.limit_in_bytes" : "memory.max");
		double use = vm_cg_number(dir, v1 ? "memory.usage_in_bytes" : "memory.current");
		if (isfinite(lim) && isfinite(use) && lim - use < best) {
			best = lim - use;
			*limit = lim;
			*usage = use;
		}
		char *slash = strrchr(cg, '/');
		if (!slash || (slash == cg && !cg[1]))
			break;
		slash[slash == cg] = '\0';          /* "/a/b" -> "/a" -> "/" */
	}
	return best;
}

/* What all vm workers may hold together, given that they hold `ours` now. */
static int vm_room(const struct stress *s, double ours, struct vm_room *r, char *why, size_t whylen)
{
	char path[600], text[4096];
	sysfile_path(path, sizeof path, stress_proc_root(s), "meminfo");
	if (vm_read(path, text, sizeof text) < 0) {
		c_snprintf(why, whylen, "vm: cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	const char *a = strstr(text, "MemAvailable:"), *t = strstr(text, "MemTotal:");
	if (!a || !t) {
		c_snprintf(why, whylen, "vm: no MemAvailable and MemTotal in %s", path);
		return -1;
	}
	double avail = strtod(a + 13, NULL) * 1024, total = strtod(t + 9, NULL) * 1024;
	double reserve = fmax(VM_RESERVE, 0.05 * total);
	char b1[32], b2[32], b3[32];
	r->avail = avail;
	r->spare = avail + ours - reserve;
	c_snprintf(r->why, sizeof r->why, "MemAvailable %s minus a %s reserve",
	           fmt_bytes(b1, sizeof b1, avail + ours), fmt_bytes(b2, sizeof b2, reserve));

	double limit = NAN, usage = NAN;
	double left = vm_cgroup_left(s, &limit, &usage);
	if (isfinite(left)) {
		double cg_reserve = fmax(VM_CG_RESERVE, 0.05 * limit);
		double cg_spare = left + ours - cg_reserve;
		if (cg_spare < r->spare) {
			r->spare = cg_spare;
			c_snprintf(r->why, sizeof r->why, "cgroup memory limit %s, %s in use, minus a %s reserve",
			           fmt_bytes(b1, sizeof b1, limit), fmt_bytes(b2, sizeof b2, usage - ours),
			           fmt_bytes(b3, sizeof b3, cg_reserve));
		}
	}
	if (r->spare < 0)
		r->spare = 0;
	return 0;
}

static int vm_init(struct stress_gen *g, const struct stress_value *v, const struct stress_config *cfg,
                   char *why, size_t whylen)
{
	(void)cfg;
	int p = stress_choice(&vm_params[VM_METHOD], &v[VM_METHOD]);
	int workers = (int)v[VM_WORKERS].num;   /* workers and bytes: within vm_params, checked before init */
	double pct = v[VM_BYTES].pct ? v[VM_BYTES].num : 0, bytes = v[VM_BYTES].pct ? VM_DEFAULT_BYTES : v[VM_BYTES].num;
	struct vm_settings *st = calloc(1, sizeof *st);
	if (!st) {
		c_snprintf(why, whylen, "vm: out of memory");
		return -1;
	}
	g->priv = st;
	st->pattern = p;
	st->pct = pct;
	st->bytes = bytes;
	g->workers = workers > 0 ? workers : 1;
	atomic_store(&g->level, (long long)vm_round(st->bytes));
	return 0;
}

static int vm_plan(struct stress_gen *g, char *why, size_t whylen)
{
	struct vm_settings *st = g->priv;
	struct vm_room r;
	char b1[32], b2[32];
	g->want = 0;
	if (vm_room(g->s, 0, &r, why, whylen) < 0)
		return -1;
	int n = g->workers;
	double per = st->pct > 0 ? st->pct / 100 * r.avail / n : st->bytes;
	if (per * n > r.spare) {
		double capped = vm_round(r.spare / n);
		if (capped < VM_MIN_BYTES) {
			stress_say(g->s, "vm: not started: %s requested, but %s leaves no room",
			           fmt_bytes(b1, sizeof b1, per * n), r.why);
			return 0;
		}
		stress_say(g->s, "vm: %s requested, capped to %s: %s", fmt_bytes(b1, sizeof b1, per * n),
		           fmt_bytes(b2, sizeof b2, capped * n), r.why);
		per = capped;
	}
	per = vm_round(per);
	if (per < VM_MIN_BYTES) {
		stress_say(g->s, "vm: not started: %s per worker is under the 1 MiB minimum",
		           fmt_bytes(b1, sizeof b1, per));
		return 0;
	}
	atomic_store(&g->level, (long long)per);
	g->want = n;
	return 0;
}

/* Touches [from, to) of p one chunk at a time; returns how far it got before a stop. */
static size_t vm_touch(struct stress_worker *w, unsigned char *p, size_t from, size_t to, size_t page)
{
	size_t off = from;
	while (off < to && !stress_stopping(w->gen)) {
		size_t end = to - off > VM_CHUNK ? off + VM_CHUNK : to;
		for (size_t i = off; i < end; i += page)
			p[i] = 1;
		stress_worker_add(w, (long long)(end - off));
		off = end;
		atomic_store_explicit(&w->bytes, (long long)off, memory_order_relaxed);
	}
	return off;
}

static void *vm_run(void *arg)
{
	struct stress_worker *w = arg;
	struct stress_gen *g = w->gen;
	const struct vm_settings *st = g->priv;
	size_t page = (size_t)vm_page();
	char b[32];

	stress_worker_begin(w);
	size_t size = (size_t)atomic_load(&g->level);
	unsigned char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		stress_worker_fail(w, "vm: worker %d stopped: cannot map %s: %s", w->index + 1,
		                   fmt_bytes(b, sizeof b, (double)size), strerror(errno));
		return stress_worker_end(w);
	}
	vm_touch(w, p, 0, size, page);
	/* The pattern is memory.pattern's stress step, working in our mapping. */
	struct kernel_ctx k;
	kernel_ctx_init(&k, &kernel_memory_pattern, &g->stop);
	str_copy(k.text[kernel_param_index(k.cls, "pattern")], vm_patterns[st->pattern], KERNEL_TEXT_MAX);
	k.mem = p;
	k.mem_len = size;
	k.worker = w->index;
	if (k.cls->setup(&k) < 0) {
		stress_worker_fail(w, "vm: worker %d stopped: %s", w->index + 1, k.why);
		goto out;
	}
	while (!stress_stopping(g)) {
		stress_worker_add(w, llround(k.cls->step(&k) * 1e6));
		size_t want = (size_t)atomic_load_explicit(&g->level, memory_order_relaxed);
		if (want != size && !stress_stopping(g)) {   /* resize now, not at the end of a long pass */
			void *q = mremap(p, size, want, MREMAP_MAYMOVE);
			if (q == MAP_FAILED) {
				char b2[32];
				stress_worker_fail(w, "vm: worker %d stays at %s: cannot remap to %s: %s", w->index + 1,
				                   fmt_bytes(b, sizeof b, (double)size),
				                   fmt_bytes(b2, sizeof b2, (double)want), strerror(errno));
				continue;
			}
			p = q;
			if (want > size)
				vm_touch(w, p, size, want, page);
			else
				atomic_store_explicit(&w->bytes, (long long)want, memory_order_relaxed);
			size = want;
			k.mem = p;
			k.mem_len = size;
		}
	}
	k.cls->teardown(&k);
out:
	munmap(p, size);
	atomic_store_explicit(&w->bytes, 0, memory_order_relaxed);
	return stress_worker_end(w);
}

static double vm_held(const struct stress_gen *g)
{
	double sum = 0;
	int used = atomic_load(&g->nused);
	for (int i = 0; i < used; i++)
		sum += (double)atomic_load(&g->w[i].bytes);
	return sum;
}

static int vm_adjust(struct stress_gen *g, int steps)
{
	struct vm_settings *st = g->priv;
	double cur = (double)atomic_load(&g->level);
	double want = ldexp(cur, steps);
	struct vm_room r;
	char why[200], b1[32];
	if (vm_room(g->s, vm_held(g), &r, why, sizeof why) < 0) {
		stress_say(g->s, "%s", why);
		return -1;
	}
	double most = vm_round(r.spare / g->workers);
	if (want > most) {
		want = most;
		stress_say(g->s, "vm: %s per worker is the most: %s", fmt_bytes(b1, sizeof b1, most), r.why);
	}
	want = vm_round(fmax(want, VM_MIN_BYTES));
	if (want == cur)
		return -1;
	st->bytes = want;
	st->pct = 0;
	atomic_store(&g->level, (long long)want);
	return 0;
}

static double vm_rate(double dt, long long dwork, long long dbusy_ns, int n)
{
	(void)dbusy_ns, (void)n;
	return (double)dwork / dt / (1024.0 * 1024.0);   /* MiB/s */
}

static void vm_summary(const struct stress_gen *g, char *buf, size_t len)
{
	const struct vm_settings *st = g->priv;
	char b[32];
	c_snprintf(buf, len, "%d x %s %s", g->workers, fmt_bytes(b, sizeof b, (double)atomic_load(&g->level)),
	           vm_patterns[st->pattern]);
}

static void vm_release(struct stress_gen *g)
{
	free(g->priv);
	g->priv = NULL;
}

const struct stressor_class stressor_vm = {
	.name = "vm",
	.unit = "MiB/s",
	.help = "memory: map, touch and loop a pattern (seq, rmw, random) over bytes per worker",
	.params = vm_params,
	.holds_bytes = 1,
	.init = vm_init,
	.plan = vm_plan,
	.run = vm_run,
	.adjust = vm_adjust,
	.rate = vm_rate,
	.summary = vm_summary,
	.release = vm_release,
	.work_unit = "B",
};
