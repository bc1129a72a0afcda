/* memory.pattern - a pattern looped over memory: sequential writes (seq), read-modify-write of
 * every word (rmw) or random cache lines (random), in GB/s of memory touched.
 *
 * One kernel, two modes. As a test, setup maps and touches `size` bytes and each iteration is
 * `passes` passes over them. As the vm stressor's step, it works in the memory the stressor
 * lends (kernel_ctx.mem, which the stressor maps, touches and resizes): each step is one chunk
 * of the pattern where the last one left off, going round.
 */
#include "config.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>
#include <sys/mman.h>

#include "kernel-list.h"
#include "kutil.h"
#include "util.h"

enum { P_PATTERN, P_SIZE, P_PASSES, P_THREADS };
enum { PAT_SEQ, PAT_RMW, PAT_RANDOM };
static const char *const pattern_names[] = { "seq", "rmw", "random" };

#define PATTERN_CHUNK (1 << 20)   /* bytes per step: about a millisecond, and a look at the stop flag */

static int pattern_check(const char *text, char *why, size_t whylen)
{
	for (int i = 0; i < 3; i++)
		if (!strcasecmp(text, pattern_names[i]))   /* words in any case, as everywhere */
			return 0;
	c_snprintf(why, whylen, "'%s' is not a pattern: give seq, rmw or random", text);
	return -1;
}

static const struct kernel_param pattern_params[] = {
	{ .name = "pattern", .type = KPARAM_TEXT, .text_def = "seq", .unit = "", .check = pattern_check,
	  .help = "seq (sequential writes), rmw (read-modify-write of every word) or random (cache lines)" },
	{ .name = "size", .type = KPARAM_SIZE, .def = 64.0 * 1024 * 1024, .min = 4096,
	  .max = 1024.0 * 1024 * 1024 * 1024, .unit = "bytes",
	  .help = "memory the pattern loops over" },
	{ .name = "passes", .type = KPARAM_INT, .def = 4, .min = 1, .max = 1e6, .unit = "",
	  .help = "passes over the memory per iteration" },
	{ .name = "threads", .type = KPARAM_INT, .def = 1, .min = 1, .max = 256, .unit = "threads",
	  .help = "threads, each looping over its share of the memory" },
	{ .name = NULL },
};

/* One walker over one stretch of memory: where it is, which pass, its random state. */
struct pattern_lane {
	unsigned char *p;
	size_t size, cursor;
	unsigned pass;
	uint64_t rng;
};

struct pattern {
	int pattern, nlanes;
	unsigned char *own;        /* mapped by setup when no memory was lent */
	size_t own_len;
	struct pattern_lane lane[];   /* one per thread; the stress step uses lane 0 */
};

/* One chunk [off, off + len) of a pass over p[0, size). */
static void pattern_chunk(int pattern, unsigned char *p, size_t size, size_t off, size_t len, uint64_t *rng,
                          unsigned pass)
{
	switch (pattern) {
	case PAT_SEQ:
		memset(p + off, (int)(pass & 0xff), len);
		break;
	case PAT_RMW: {
		uint64_t *q = (uint64_t *)(void *)(p + off);
		for (size_t i = 0; i < len / sizeof *q; i++)
			q[i] = (q[i] ^ pass) + 1;
		break;
	}
	default: {
		size_t lines = size / 64;
		for (size_t i = 0; i < len / 64; i++) {
			uint64_t x = *rng;
			x ^= x >> 12;
			x ^= x << 25;
			x ^= x >> 27;
			*rng = x;
			uint64_t *q = (uint64_t *)(void *)(p + (x * 0x2545F4914F6CDD1DULL >> 11) % lines * 64);
			q[0] += pass;
		}
		break;
	}
	}
}

static void pattern_teardown(struct kernel_ctx *k)
{
	struct pattern *s = k->priv;
	if (!s)
		return;
	if (s->own)
		munmap(s->own, s->own_len);
	free(s);
	k->priv = NULL;
}

static int pattern_setup(struct kernel_ctx *k)
{
	int threads = k->mem ? 1 : (int)kutil_param(k, P_THREADS);
	struct pattern *s = calloc(1, sizeof *s + (size_t)threads * sizeof s->lane[0]);
	if (!s)
		return kutil_fail(k, "out of memory");
	k->priv = s;
	s->nlanes = threads;
	for (int i = 0; i < 3; i++)
		if (!strcasecmp(k->text[P_PATTERN], pattern_names[i]))
			s->pattern = i;
	for (int i = 0; i < threads; i++) {
		s->lane[i].pass = 1;
		s->lane[i].rng = 0x9E3779B97F4A7C15ULL * (uint64_t)(k->worker + i + 1);
	}
	if (k->mem)
		return 0;
	size_t part = (size_t)kutil_param(k, P_SIZE) / (size_t)threads / 64 * 64;
	if (part < 64)
		part = 64;
	s->own_len = part * (size_t)threads;
	s->own = mmap(NULL, s->own_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (s->own == MAP_FAILED) {
		s->own = NULL;
		pattern_teardown(k);
		return kutil_fail(k, "cannot map %zu bytes", (size_t)kutil_param(k, P_SIZE));
	}
	memset(s->own, 1, s->own_len);   /* resident before anything is timed */
	for (int i = 0; i < threads; i++) {
		s->lane[i].p = s->own + (size_t)i * part;
		s->lane[i].size = part;
	}
	return 0;
}

/* One chunk where the lane's last one left off, going round; bytes touched. */
static size_t pattern_advance(int pattern, struct pattern_lane *l)
{
	if (!l->p || l->size < 64)
		return 0;
	if (l->cursor >= l->size) {
		l->cursor = 0;
		l->pass++;
	}
	size_t len = l->size - l->cursor > PATTERN_CHUNK ? PATTERN_CHUNK : l->size - l->cursor;
	pattern_chunk(pattern, l->p, l->size, l->cursor, len, &l->rng, l->pass);
	l->cursor += len;
	return len;
}

static double pattern_step(struct kernel_ctx *k)
{
	struct pattern *s = k->priv;
	if (k->mem) {   /* the stressor may have moved or resized it since the last step */
		s->lane[0].p = k->mem;
		s->lane[0].size = k->mem_len;
	}
	return (double)pattern_advance(s->pattern, &s->lane[0]) / 1e6;
}

struct pattern_job {
	struct kernel_ctx *k;
	atomic_int stopped;
};

static void pattern_worker(void *arg, int i)
{
	struct pattern_job *job = arg;
	struct pattern *s = job->k->priv;
	struct pattern_lane *l = &s->lane[i];
	double bytes = (double)l->size * kutil_param(job->k, P_PASSES);
	for (double done = 0; done < bytes;) {
		if (kutil_stopped(job->k)) {
			atomic_store(&job->stopped, 1);
			return;
		}
		done += (double)pattern_advance(s->pattern, l);
	}
}

static int pattern_iterate(struct kernel_ctx *k, double *value)
{
	struct pattern *s = k->priv;
	struct pattern_job job = { .k = k };
	double t = kutil_run(k, s->nlanes, pattern_worker, &job);
	if (t < 0)
		return -1;
	if (atomic_load(&job.stopped))
		return kutil_fail(k, "stopped");
	kutil_consume(s->own[s->own_len / 2]);
	*value = (double)s->own_len * kutil_param(k, P_PASSES) / (t > 0 ? t : 1e-9) / 1e9;
	return 0;
}

const struct kernel_class kernel_memory_pattern = {
	.name = "memory.pattern",
	.help = "a pattern (seq, rmw, random) looped over memory; the vm stressor's work",
	.metric = "bandwidth",
	.unit = "GB/s",
	.higher_is_better = 1,
	.params = pattern_params,
	.setup = pattern_setup,
	.iterate = pattern_iterate,
	.step = pattern_step,
	.step_unit = "MB",
	.teardown = pattern_teardown,
};
