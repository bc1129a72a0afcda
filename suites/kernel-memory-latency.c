/* memory.latency - load-to-use latency by pointer chasing: the buffer is cut into
 * cache-line nodes linked in one random cycle (Sattolo's shuffle), so every load depends
 * on the one before and neither the prefetchers nor out-of-order execution can help.
 * The buffer's size picks the level measured: 16K stays in L1, 256M goes to DRAM.
 *
 * With threads N, each thread chases its own cycle through its own buffer of `size` bytes
 * (N buffers, each first touched by the thread that chases it), all starting together.
 * The value is the total time the threads spent chasing over the total loads: as every
 * thread does the same number of loads, that is also the mean of their latencies. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "kernel-list.h"
#include "kutil.h"
#include "util.h"

enum { P_SIZE, P_LOADS, P_THREADS };

static const struct kernel_param memlat_params[] = {
	{ .name = "size", .type = KPARAM_SIZE, .def = 64.0 * 1024 * 1024, .min = 4096,
	  .max = 64.0 * 1024 * 1024 * 1024, .unit = "bytes",
	  .help = "buffer chased through, one per thread; its size picks the cache level" },
	{ .name = "loads", .type = KPARAM_INT, .def = 2e6, .min = 1000, .max = 1e12, .unit = "loads",
	  .help = "dependent loads timed per iteration, per thread" },
	{ .name = "threads", .type = KPARAM_INT, .def = 1, .min = 1, .max = 256, .unit = "threads",
	  .help = "threads, each chasing its own buffer; the value is their mean" },
	{ .name = NULL },
};

#define MEMLAT_LINE 64
#define MEMLAT_ALIGN (2 << 20)       /* a huge page */
#define MEMLAT_CHUNK 65536           /* loads between looks at the stop flag */

struct memlat_node {
	struct memlat_node *next;
	char pad[MEMLAT_LINE - sizeof(struct memlat_node *)];
};

/* One thread's buffer; a cache line of its own, so that threads do not share one. */
struct memlat_chase {
	_Alignas(MEMLAT_LINE) struct memlat_node *nodes;
	struct memlat_node *at;          /* where the chase goes on from */
	double seconds;                  /* the last iteration's chase */
	int failed;                      /* out of memory at setup */
};

struct memlat {
	struct memlat_chase *chase;      /* one per thread */
	int threads;
	size_t count;                    /* nodes per buffer */
};

struct memlat_job {
	struct kernel_ctx *k;
	struct memlat *m;
	uint64_t loads;
	atomic_int stopped;
};

/* Allocates and links one thread's buffer, on that thread, so its pages are local to it. */
static void memlat_build(void *arg, int tid)
{
	struct memlat_job *job = arg;
	struct memlat *m = job->m;
	struct memlat_chase *c = &m->chase[tid];
	size_t count = m->count;
	uint32_t *order = malloc(count * sizeof *order);
	void *p = NULL;
	if (!order || posix_memalign(&p, MEMLAT_ALIGN, count * MEMLAT_LINE)) {
		free(order);
		c->failed = 1;
		return;
	}
	c->nodes = p;
	/* Huge pages where the kernel has them, so that the chase measures the caches and DRAM
	 * rather than page walks (which cost far more than a miss under virtualisation). */
#ifdef MADV_HUGEPAGE
	madvise(p, count * MEMLAT_LINE, MADV_HUGEPAGE);
#endif
	memset(c->nodes, 0, count * MEMLAT_LINE);
	/* Sattolo's algorithm gives a single cycle through every node; each thread its own. */
	uint64_t rng = 0x853C49E6748FEA9BULL + 0x9E3779B97F4A7C15ULL * (uint64_t)tid;
	for (size_t i = 0; i < count; i++)
		order[i] = (uint32_t)i;
	for (size_t i = count - 1; i > 0; i--) {
		size_t j = (size_t)(kutil_rand(&rng) % i);
		uint32_t t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (size_t i = 0; i < count; i++)
		c->nodes[i].next = &c->nodes[order[i]];
	free(order);
	c->at = &c->nodes[0];
}

static void memlat_free(struct memlat *m)
{
	if (!m)
		return;
	for (int i = 0; m->chase && i < m->threads; i++)
		free(m->chase[i].nodes);
	free(m->chase);
	free(m);
}

static int memlat_setup(struct kernel_ctx *k)
{
	struct memlat *m = calloc(1, sizeof *m);
	if (!m)
		return kutil_fail(k, "out of memory");
	m->count = (size_t)kutil_param(k, P_SIZE) / MEMLAT_LINE;
	m->threads = (int)kutil_param(k, P_THREADS);
	m->chase = aligned_alloc(MEMLAT_LINE, (size_t)m->threads * sizeof *m->chase);
	if (!m->chase) {
		memlat_free(m);
		return kutil_fail(k, "out of memory");
	}
	memset(m->chase, 0, (size_t)m->threads * sizeof *m->chase);
	struct memlat_job job = { .k = k, .m = m };
	if (kutil_run(k, m->threads, memlat_build, &job) < 0) {
		memlat_free(m);
		return -1;
	}
	for (int i = 0; i < m->threads; i++)
		if (m->chase[i].failed) {
			kutil_fail(k, "out of memory for %d buffers of %zu bytes",
				   m->threads, m->count * MEMLAT_LINE);
			memlat_free(m);
			return -1;
		}
	k->priv = m;
	return 0;
}

static void memlat_worker(void *arg, int tid)
{
	struct memlat_job *job = arg;
	struct memlat_chase *c = &job->m->chase[tid];
	uint64_t loads = job->loads;
	struct memlat_node *p = c->at;
	double t0 = now_mono();
	for (uint64_t done = 0; done < loads; ) {
		if (kutil_stopped(job->k)) {
			atomic_store(&job->stopped, 1);
			break;
		}
		uint64_t n = loads - done < MEMLAT_CHUNK ? loads - done : MEMLAT_CHUNK;
		uint64_t i = 0;
		for (; i + 8 <= n; i += 8) {
			p = p->next; p = p->next; p = p->next; p = p->next;
			p = p->next; p = p->next; p = p->next; p = p->next;
		}
		for (; i < n; i++)
			p = p->next;
		done += n;
	}
	c->seconds = now_mono() - t0;
	c->at = p;
}

static int memlat_iterate(struct kernel_ctx *k, double *value)
{
	struct memlat *m = k->priv;
	struct memlat_job job = { .k = k, .m = m, .loads = (uint64_t)kutil_param(k, P_LOADS) };
	if (kutil_run(k, m->threads, memlat_worker, &job) < 0)
		return -1;
	if (atomic_load(&job.stopped))
		return kutil_fail(k, "stopped");
	double seconds = 0;
	for (int i = 0; i < m->threads; i++) {
		seconds += m->chase[i].seconds;
		kutil_consume((double)(uintptr_t)m->chase[i].at);
	}
	*value = seconds / ((double)job.loads * m->threads) * 1e9;
	return 0;
}

static void memlat_teardown(struct kernel_ctx *k)
{
	memlat_free(k->priv);
	k->priv = NULL;
}

const struct kernel_class kernel_memory_latency = {
	.name = "memory.latency",
	.help = "load-to-use latency of a random pointer chase through a buffer",
	.metric = "latency",
	.unit = "ns",
	.higher_is_better = 0,
	.params = memlat_params,
	.setup = memlat_setup,
	.iterate = memlat_iterate,
	.teardown = memlat_teardown,
};
