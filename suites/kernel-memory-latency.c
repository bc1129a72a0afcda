/* memory.latency - load-to-use latency by pointer chasing: the buffer is cut into
 * cache-line nodes linked in one random cycle (Sattolo's shuffle), so every load depends
 * on the one before and neither the prefetchers nor out-of-order execution can help.
 * The buffer's size picks the level measured: 16K stays in L1, 256M goes to DRAM. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "kernel-list.h"
#include "kutil.h"
#include "util.h"

enum { P_SIZE, P_LOADS };

static const struct kernel_param memlat_params[] = {
	{ .name = "size", .type = KPARAM_SIZE, .def = 64.0 * 1024 * 1024, .min = 4096,
	  .max = 64.0 * 1024 * 1024 * 1024, .unit = "bytes",
	  .help = "buffer chased through; its size picks the cache level" },
	{ .name = "loads", .type = KPARAM_INT, .def = 2e6, .min = 1000, .max = 1e12, .unit = "loads",
	  .help = "dependent loads timed per iteration" },
	{ .name = NULL },
};

#define MEMLAT_LINE 64
#define MEMLAT_ALIGN (2 << 20)       /* a huge page */
#define MEMLAT_CHUNK 65536           /* loads between looks at the stop flag */

struct memlat_node {
	struct memlat_node *next;
	char pad[MEMLAT_LINE - sizeof(struct memlat_node *)];
};

struct memlat {
	struct memlat_node *nodes;
	struct memlat_node *at;          /* where the chase goes on from */
};

static int memlat_setup(struct kernel_ctx *k)
{
	size_t count = (size_t)kutil_param(k, P_SIZE) / MEMLAT_LINE;
	struct memlat *m = calloc(1, sizeof *m);
	uint32_t *order = malloc(count * sizeof *order);
	void *p = NULL;
	if (!m || !order || posix_memalign(&p, MEMLAT_ALIGN, count * MEMLAT_LINE)) {
		free(m);
		free(order);
		return kutil_fail(k, "out of memory for a %zu-byte buffer", count * MEMLAT_LINE);
	}
	m->nodes = p;
	/* Huge pages where the kernel has them, so that the chase measures the caches and DRAM
	 * rather than page walks (which cost far more than a miss under virtualisation). */
#ifdef MADV_HUGEPAGE
	madvise(p, count * MEMLAT_LINE, MADV_HUGEPAGE);
#endif
	memset(m->nodes, 0, count * MEMLAT_LINE);
	/* Sattolo's algorithm gives a single cycle through every node. */
	uint64_t rng = 0x853C49E6748FEA9BULL;
	for (size_t i = 0; i < count; i++)
		order[i] = (uint32_t)i;
	for (size_t i = count - 1; i > 0; i--) {
		size_t j = (size_t)(kutil_rand(&rng) % i);
		uint32_t t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (size_t i = 0; i < count; i++)
		m->nodes[i].next = &m->nodes[order[i]];
	free(order);
	m->at = &m->nodes[0];
	k->priv = m;
	return 0;
}

static int memlat_iterate(struct kernel_ctx *k, double *value)
{
	struct memlat *m = k->priv;
	uint64_t loads = (uint64_t)kutil_param(k, P_LOADS);
	struct memlat_node *p = m->at;
	double t0 = now_mono();
	for (uint64_t done = 0; done < loads; ) {
		if (kutil_stopped(k)) {
			m->at = p;
			return kutil_fail(k, "stopped");
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
	double t = now_mono() - t0;
	m->at = p;
	kutil_consume((double)(uintptr_t)p);
	*value = t / (double)loads * 1e9;
	return 0;
}

static void memlat_teardown(struct kernel_ctx *k)
{
	struct memlat *m = k->priv;
	if (m)
		free(m->nodes);
	free(m);
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
