/* memory.bandwidth - STREAM's four kernels over three double arrays:
 *   op 0 copy  c = a          op 2 add    c = a + b
 *   op 1 scale b = s c        op 3 triad  a = b + s c
 * counted as STREAM counts them: copy and scale move 2 x 8 bytes per element, add and
 * triad 3 x 8. Arrays should be far larger than the last-level cache to measure memory
 * rather than cache. Threads split the arrays; each thread first touches its own part. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "kernel-list.h"
#include "kutil.h"
#include "util.h"

enum { P_SIZE, P_OP, P_PASSES, P_THREADS };

static const struct kernel_param membw_params[] = {
	{ .name = "size", .type = KPARAM_SIZE, .def = 64.0 * 1024 * 1024, .min = 4096,
	  .max = 64.0 * 1024 * 1024 * 1024, .unit = "bytes",
	  .help = "bytes per array (three arrays are allocated)" },
	{ .name = "op", .type = KPARAM_INT, .def = 3, .min = 0, .max = 3, .unit = "",
	  .help = "0 copy, 1 scale, 2 add, 3 triad" },
	{ .name = "passes", .type = KPARAM_INT, .def = 10, .min = 1, .max = 1e6, .unit = "",
	  .help = "passes over the arrays per iteration" },
	{ .name = "threads", .type = KPARAM_INT, .def = 1, .min = 1, .max = 256, .unit = "threads",
	  .help = "threads, each streaming its own part of the arrays" },
	{ .name = NULL },
};

#define MEMBW_ALIGN 64               /* parts start on a cache line */
#define MEMBW_BLOCK (1L << 20)       /* elements between looks at the stop flag */

struct membw {
	double *a, *b, *c;
	long n;                          /* elements per array */
	int threads;
	long cursor;                     /* stress steps go round the arrays */
	uint64_t slice;                  /* elements per stress step */
	void (*op)(double *a, double *b, double *c, int op, long i0, long i1);
};

static const int membw_arrays[4] = { 2, 2, 3, 3 };

/* One variant per instruction set: the loops move whole vectors, as a compiler at -O3
 * -march=native would make them, then finish the odd elements one by one. */
#define MEMBW_VARIANT(NAME, ATTR, BYTES) \
ATTR static void NAME(double *a, double *b, double *c, int op, long i0, long i1) \
{ \
	typedef double vec __attribute__((vector_size(BYTES), aligned(sizeof(double)))); \
	enum { L = BYTES / sizeof(double) }; \
	const double s = 3.0; \
	const vec zero = { 0 }, sv = zero + s; \
	long i = i0; \
	switch (op) { \
	case 0: \
		for (; i + L <= i1; i += L) *(vec *)(c + i) = *(const vec *)(a + i); \
		for (; i < i1; i++) c[i] = a[i]; \
		break; \
	case 1: \
		for (; i + L <= i1; i += L) *(vec *)(b + i) = sv * *(const vec *)(c + i); \
		for (; i < i1; i++) b[i] = s * c[i]; \
		break; \
	case 2: \
		for (; i + L <= i1; i += L) \
			*(vec *)(c + i) = *(const vec *)(a + i) + *(const vec *)(b + i); \
		for (; i < i1; i++) c[i] = a[i] + b[i]; \
		break; \
	default: \
		for (; i + L <= i1; i += L) \
			*(vec *)(a + i) = *(const vec *)(b + i) + sv * *(const vec *)(c + i); \
		for (; i < i1; i++) a[i] = b[i] + s * c[i]; \
		break; \
	} \
}

MEMBW_VARIANT(membw_op_base, KUTIL_BASE, 16)
#ifdef KUTIL_X86
MEMBW_VARIANT(membw_op_avx2, KUTIL_AVX2, 32)
MEMBW_VARIANT(membw_op_avx512, KUTIL_AVX512, 64)
#endif

static void membw_op(struct membw *m, int op, long i0, long i1)
{
	m->op(m->a, m->b, m->c, op, i0, i1);
}

static void membw_part(const struct membw *m, int tid, long *i0, long *i1)
{
	long lines = m->n / (MEMBW_ALIGN / sizeof(double));
	long per = MEMBW_ALIGN / sizeof(double);
	*i0 = lines * tid / m->threads * per;
	*i1 = tid == m->threads - 1 ? m->n : lines * (tid + 1) / m->threads * per;
}

struct membw_job {
	struct kernel_ctx *k;
	struct membw *m;
	int op, passes;
	atomic_int stopped;
};

static void membw_touch(void *arg, int tid)
{
	struct membw_job *job = arg;
	struct membw *m = job->m;
	long i0, i1;
	membw_part(m, tid, &i0, &i1);
	for (long i = i0; i < i1; i++) {
		m->a[i] = 1.0;
		m->b[i] = 2.0;
		m->c[i] = 0.0;
	}
}

static void membw_worker(void *arg, int tid)
{
	struct membw_job *job = arg;
	long i0, i1;
	membw_part(job->m, tid, &i0, &i1);
	for (int p = 0; p < job->passes; p++)
		for (long i = i0; i < i1; i += MEMBW_BLOCK) {
			if (kutil_stopped(job->k)) {
				atomic_store(&job->stopped, 1);
				return;
			}
			membw_op(job->m, job->op, i, i1 - i < MEMBW_BLOCK ? i1 : i + MEMBW_BLOCK);
		}
}

static void membw_free(struct membw *m)
{
	if (!m)
		return;
	free(m->a);
	free(m->b);
	free(m->c);
	free(m);
}

static int membw_setup(struct kernel_ctx *k)
{
	struct membw *m = calloc(1, sizeof *m);
	if (!m)
		return kutil_fail(k, "out of memory");
	m->n = (long)(kutil_param(k, P_SIZE) / sizeof(double));
	m->threads = (int)kutil_param(k, P_THREADS);
	m->op = membw_op_base;
#ifdef KUTIL_X86
	switch (kutil_simd_level()) {
	case KUTIL_SIMD_AVX512: m->op = membw_op_avx512; break;
	case KUTIL_SIMD_AVX2:   m->op = membw_op_avx2;   break;
	default: break;
	}
#endif
	size_t bytes = (size_t)m->n * sizeof(double);
	void *p[3] = { NULL, NULL, NULL };
	for (int i = 0; i < 3; i++)
		if (posix_memalign(&p[i], 4096, bytes))
			p[i] = NULL;
	m->a = p[0];
	m->b = p[1];
	m->c = p[2];
	if (!m->a || !m->b || !m->c) {
		membw_free(m);
		return kutil_fail(k, "out of memory for three arrays of %zu bytes", bytes);
	}
	struct membw_job job = { .k = k, .m = m };
	if (kutil_run(k, m->threads, membw_touch, &job) < 0) {
		membw_free(m);
		return -1;
	}
	m->slice = 65536;
	k->priv = m;
	return 0;
}

static int membw_iterate(struct kernel_ctx *k, double *value)
{
	struct membw *m = k->priv;
	struct membw_job job = { .k = k, .m = m, .op = (int)kutil_param(k, P_OP),
				 .passes = (int)kutil_param(k, P_PASSES) };
	double t = kutil_run(k, m->threads, membw_worker, &job);
	if (t < 0)
		return -1;
	if (atomic_load(&job.stopped))
		return kutil_fail(k, "stopped");
	kutil_consume(m->a[m->n / 2] + m->b[m->n - 1] + m->c[0]);
	double bytes = (double)membw_arrays[job.op] * sizeof(double) * (double)m->n * job.passes;
	*value = bytes / t / 1e9;
	return 0;
}

static double membw_step(struct kernel_ctx *k)
{
	struct membw *m = k->priv;
	if (m->cursor >= m->n)
		m->cursor = 0;
	long i0 = m->cursor, i1 = m->n - i0 < (long)m->slice ? m->n : i0 + (long)m->slice;
	double t0 = now_mono();
	membw_op(m, 3, i0, i1);
	m->slice = kutil_slice_next((uint64_t)(i1 - i0), now_mono() - t0, 4096, 1u << 26);
	m->cursor = i1;
	kutil_consume(m->a[i0]);
	return 3.0 * sizeof(double) * (double)(i1 - i0) / 1e9;
}

static void membw_teardown(struct kernel_ctx *k)
{
	membw_free(k->priv);
	k->priv = NULL;
}

const struct kernel_class kernel_memory_bandwidth = {
	.name = "memory.bandwidth",
	.help = "STREAM copy, scale, add or triad over arrays larger than the caches",
	.metric = "bandwidth",
	.unit = "GB/s",
	.higher_is_better = 1,
	.params = membw_params,
	.setup = membw_setup,
	.iterate = membw_iterate,
	.step = membw_step,
	.step_unit = "GB",
	.teardown = membw_teardown,
};
