/* cpu.matmul - single-precision matrix product C += A * B, blocked for the caches: each
 * thread owns a range of column panels of C, packs a KC x NR slice of B at a time and runs
 * an MR x NR register-blocked micro-kernel over it (one variant per instruction set).
 * A product counts 2 n^3 FLOPs. A and B hold small integers, so every sum is exact in
 * float and a weighted checksum of C, computed in O(n^2) after the clock stops, proves
 * that all the work was done. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernel-cpu-matmul.h"
#include "kernel-list.h"
#include "kutil.h"
#include "util.h"

enum { P_N, P_REPS, P_THREADS };

static const struct kernel_param matmul_params[] = {
	{ .name = "n", .type = KPARAM_INT, .def = 256, .min = 8, .max = 4096, .unit = "",
	  .help = "matrix order: A, B and C are n x n floats" },
	{ .name = "reps", .type = KPARAM_INT, .def = 256, .min = 1, .max = 1000, .unit = "",
	  .help = "products per iteration (each 2 n^3 FLOPs)" },
	{ .name = "threads", .type = KPARAM_INT, .def = 1, .min = 1, .max = 256, .unit = "threads",
	  .help = "threads sharing each product, by column panels of C" },
	{ .name = NULL },
};

#define MATMUL_KC 256

/* C[0..MR)[0..NR) += A[0..MR)[0..kc) * Bp, where Bp is kc rows of NR packed floats. */
#define MATMUL_MICRO(NAME, ATTR, BYTES, MR) \
ATTR static void NAME(int kc, const float *a, long lda, const float *bp, float *c, long ldc) \
{ \
	typedef float vec __attribute__((vector_size(BYTES))); \
	enum { L = BYTES / sizeof(float), NR = 2 * L }; \
	const vec zero = { 0 }; \
	vec acc[MR][2]; \
	_Pragma("GCC unroll 8") \
	for (int r = 0; r < MR; r++) \
		acc[r][0] = acc[r][1] = zero; \
	for (int k = 0; k < kc; k++) { \
		vec b0 = *(const vec *)(bp + (long)k * NR); \
		vec b1 = *(const vec *)(bp + (long)k * NR + L); \
		_Pragma("GCC unroll 8") \
		for (int r = 0; r < MR; r++) { \
			vec av = zero + a[r * lda + k]; \
			acc[r][0] = av * b0 + acc[r][0]; \
			acc[r][1] = av * b1 + acc[r][1]; \
		} \
	} \
	for (int r = 0; r < MR; r++) \
		for (int h = 0; h < 2; h++) { \
			vec cv; \
			memcpy(&cv, c + r * ldc + h * L, sizeof cv); \
			cv += acc[r][h]; \
			memcpy(c + r * ldc + h * L, &cv, sizeof cv); \
		} \
}

MATMUL_MICRO(matmul_micro_base, KUTIL_BASE, 16, 6)
#ifdef KUTIL_X86
MATMUL_MICRO(matmul_micro_avx2, KUTIL_AVX2, 32, 6)
MATMUL_MICRO(matmul_micro_avx512, KUTIL_AVX512, 64, 8)
#endif

typedef void matmul_micro_fn(int kc, const float *a, long lda, const float *bp, float *c, long ldc);

struct matmul {
	int n, threads;
	int mr, nr;                  /* micro-kernel tile */
	matmul_micro_fn *micro;
	float *a, *b, *c;
	float *pack;                 /* MATMUL_KC x nr floats per thread */
	int next_panel;              /* stress steps go round the panels */
	uint64_t slice;              /* panels per stress step */
};

static int matmul_panels(const struct matmul *m)
{
	return (m->n + m->nr - 1) / m->nr;
}

/* C[:, j0..j0+w) += A * B[:, j0..j0+w), with the given thread's packing buffer. */
static void matmul_panel(struct matmul *m, int tid, int panel)
{
	long n = m->n;
	int nr = m->nr, mr = m->mr;
	long j0 = (long)panel * nr;
	int w = n - j0 < nr ? (int)(n - j0) : nr;
	float *bp = m->pack + (size_t)tid * MATMUL_KC * nr;
	long rows = w == nr ? n - n % mr : 0;  /* rows done by the micro-kernel */

	for (long kk = 0; kk < n; kk += MATMUL_KC) {
		int kc = n - kk < MATMUL_KC ? (int)(n - kk) : MATMUL_KC;
		if (rows) {
			for (int k = 0; k < kc; k++)
				memcpy(bp + (size_t)k * nr, m->b + (kk + k) * n + j0, sizeof(float) * nr);
			for (long i = 0; i < rows; i += mr)
				m->micro(kc, m->a + i * n + kk, n, bp, m->c + i * n + j0, n);
		}
		for (long i = rows; i < n; i++)
			for (long k = kk; k < kk + kc; k++) {
				float av = m->a[i * n + k];
				for (long j = j0; j < j0 + w; j++)
					m->c[i * n + j] += av * m->b[k * n + j];
			}
	}
}

/* Weights for the checksum: small, so sums stay far inside int64. */
static long long matmul_wrow(long i) { return i % 7 + 1; }
static long long matmul_wcol(long j) { return j % 5 + 1; }

/* sum_ij wrow(i) wcol(j) (A B)_ij = sum_k (sum_i wrow(i) A_ik) (sum_j wcol(j) B_kj). */
static long long matmul_expected(const struct matmul *m)
{
	long n = m->n;
	long long sum = 0;
	for (long k = 0; k < n; k++) {
		long long ca = 0, rb = 0;
		for (long i = 0; i < n; i++)
			ca += matmul_wrow(i) * (long long)m->a[i * n + k];
		for (long j = 0; j < n; j++)
			rb += matmul_wcol(j) * (long long)m->b[k * n + j];
		sum += ca * rb;
	}
	return sum;
}

static long long matmul_checksum(const struct matmul *m)
{
	long n = m->n;
	long long sum = 0;
	for (long i = 0; i < n; i++)
		for (long j = 0; j < n; j++)
			sum += matmul_wrow(i) * matmul_wcol(j) * (long long)m->c[i * n + j];
	return sum;
}

static void matmul_free(struct matmul *m)
{
	if (!m)
		return;
	free(m->a);
	free(m->b);
	free(m->c);
	free(m->pack);
	free(m);
}

static void *matmul_alloc(size_t bytes)
{
	void *p = NULL;
	return posix_memalign(&p, 64, bytes) ? NULL : p;
}

static void matmul_pick(struct matmul *m)
{
	m->micro = matmul_micro_base;
	m->mr = 6;
	m->nr = 8;
#ifdef KUTIL_X86
	switch (kutil_simd_level()) {
	case KUTIL_SIMD_AVX512: m->micro = matmul_micro_avx512; m->mr = 8; m->nr = 32; break;
	case KUTIL_SIMD_AVX2:   m->micro = matmul_micro_avx2;   m->mr = 6; m->nr = 16; break;
	default: break;
	}
#endif
}

int cpu_matmul_product(int n, const float *a, const float *b, float *c)
{
	struct matmul m = { .n = n, .threads = 1, .a = (float *)a, .b = (float *)b, .c = c };
	matmul_pick(&m);
	m.pack = matmul_alloc((size_t)MATMUL_KC * m.nr * sizeof(float));
	if (!m.pack)
		return -1;
	for (int p = 0; p < matmul_panels(&m); p++)
		matmul_panel(&m, 0, p);
	free(m.pack);
	return 0;
}

static int matmul_setup(struct kernel_ctx *k)
{
	struct matmul *m = calloc(1, sizeof *m);
	if (!m)
		return kutil_fail(k, "out of memory");
	m->n = (int)kutil_param(k, P_N);
	m->threads = (int)kutil_param(k, P_THREADS);
	matmul_pick(m);
	size_t n = (size_t)m->n, bytes = n * n * sizeof(float);
	m->a = matmul_alloc(bytes);
	m->b = matmul_alloc(bytes);
	m->c = matmul_alloc(bytes);
	m->pack = matmul_alloc((size_t)m->threads * MATMUL_KC * m->nr * sizeof(float));
	if (!m->a || !m->b || !m->c || !m->pack) {
		matmul_free(m);
		return kutil_fail(k, "out of memory for three %zux%zu matrices", n, n);
	}
	/* Entries in {-1, 0, 1}: |C| <= n * reps < 2^24, exact in float in any order. */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			m->a[i * n + j] = (float)((int)((i * 7 + j * 3) % 3) - 1);
			m->b[i * n + j] = (float)((int)((i * 5 + j * 11 + 1) % 3) - 1);
		}
	memset(m->c, 0, bytes);
	m->slice = 1;
	k->priv = m;
	return 0;
}

struct matmul_job {
	struct kernel_ctx *k;
	struct matmul *m;
	int reps;
	atomic_int stopped;
};

static void matmul_worker(void *arg, int tid)
{
	struct matmul_job *job = arg;
	struct matmul *m = job->m;
	int panels = matmul_panels(m);
	int p0 = (int)((long)panels * tid / m->threads);
	int p1 = (int)((long)panels * (tid + 1) / m->threads);
	for (int r = 0; r < job->reps; r++)
		for (int p = p0; p < p1; p++) {
			if (kutil_stopped(job->k)) {
				atomic_store(&job->stopped, 1);
				return;
			}
			matmul_panel(m, tid, p);
		}
}

static int matmul_iterate(struct kernel_ctx *k, double *value)
{
	struct matmul *m = k->priv;
	int reps = (int)kutil_param(k, P_REPS);
	double n = m->n;
	memset(m->c, 0, sizeof(float) * (size_t)m->n * (size_t)m->n);
	struct matmul_job job = { .k = k, .m = m, .reps = reps };
	double t = kutil_run(k, m->threads, matmul_worker, &job);
	if (t < 0)
		return -1;
	if (atomic_load(&job.stopped))
		return kutil_fail(k, "stopped");
	long long want = matmul_expected(m) * reps, got = matmul_checksum(m);
	if (got != want)
		return kutil_fail(k, "wrong product: checksum %lld, expected %lld", got, want);
	*value = 2.0 * n * n * n * reps / t / 1e9;
	return 0;
}

/* Column panels of C, each 2 n^2 nr FLOPs, going round the product. */
static double matmul_step(struct kernel_ctx *k)
{
	struct matmul *m = k->priv;
	int panels = matmul_panels(m);
	double flops = 0, t0 = now_mono();
	for (uint64_t s = 0; s < m->slice; s++) {
		if (m->next_panel >= panels) {
			m->next_panel = 0;
			memset(m->c, 0, sizeof(float) * (size_t)m->n * (size_t)m->n);
		}
		int p = m->next_panel++;
		long w = (long)m->n - (long)p * m->nr;
		if (w > m->nr)
			w = m->nr;
		matmul_panel(m, 0, p);
		flops += 2.0 * m->n * m->n * (double)w;
	}
	m->slice = kutil_slice_next(m->slice, now_mono() - t0, 1, 1u << 20);
	return flops / 1e9;
}

static void matmul_teardown(struct kernel_ctx *k)
{
	matmul_free(k->priv);
	k->priv = NULL;
}

const struct kernel_class kernel_cpu_matmul = {
	.name = "cpu.matmul",
	.help = "single-precision blocked matrix product C += A*B, checked by checksum",
	.metric = "throughput",
	.unit = "GFLOP/s",
	.higher_is_better = 1,
	.params = matmul_params,
	.setup = matmul_setup,
	.iterate = matmul_iterate,
	.step = matmul_step,
	.step_unit = "GFLOP",
	.teardown = matmul_teardown,
};
