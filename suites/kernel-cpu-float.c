/* cpu.float - double-precision FMA throughput: ten independent accumulator vectors, each
 * updated as acc = acc * m + a, enough of them to cover the FMA latency on every core we
 * know, so the FMA units, not a dependency chain, set the pace. One variant per
 * instruction set (AVX-512, AVX2+FMA, the build's baseline), chosen at setup. A fused
 * multiply-add counts as 2 FLOPs; where the baseline has no FMA it is a multiply and an add. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "kernel-list.h"
#include "kutil.h"
#include "util.h"

enum { P_FLOPS, P_THREADS };

static const struct kernel_param cpufloat_params[] = {
	{ .name = "flops", .type = KPARAM_INT, .def = 1e10, .min = 1e3, .max = 1e14, .unit = "FLOP",
	  .help = "double-precision floating-point operations per iteration, per thread" },
	{ .name = "threads", .type = KPARAM_INT, .def = 1, .min = 1, .max = 256, .unit = "threads",
	  .help = "threads, each doing the full count of flops" },
	{ .name = NULL },
};

#define CPUFLOAT_ACCS 10
#define CPUFLOAT_CHUNK 65536        /* steps between looks at the stop flag */

/* acc converges to a / (1 - m) = 1, so values stay normal however long it runs. */
#define CPUFLOAT_M 0.9999999
#define CPUFLOAT_A 1e-7

#define CPUFLOAT_VARIANT(NAME, ATTR, BYTES) \
ATTR static double NAME(uint64_t steps, double seed) \
{ \
	typedef double vec __attribute__((vector_size(BYTES))); \
	const vec zero = { 0 }; \
	vec m = zero + CPUFLOAT_M, a = zero + CPUFLOAT_A; \
	vec acc[CPUFLOAT_ACCS]; \
	for (int i = 0; i < CPUFLOAT_ACCS; i++) \
		acc[i] = zero + (seed + 0.01 * i); \
	for (uint64_t s = 0; s < steps; s++) { \
		_Pragma("GCC unroll 10") \
		for (int i = 0; i < CPUFLOAT_ACCS; i++) \
			acc[i] = acc[i] * m + a; \
	} \
	double sum = 0; \
	for (int i = 0; i < CPUFLOAT_ACCS; i++) \
		for (unsigned l = 0; l < BYTES / sizeof(double); l++) \
			sum += acc[i][l]; \
	return sum; \
}

CPUFLOAT_VARIANT(cpufloat_base, KUTIL_BASE, 16)
#ifdef KUTIL_X86
CPUFLOAT_VARIANT(cpufloat_avx2, KUTIL_AVX2, 32)
CPUFLOAT_VARIANT(cpufloat_avx512, KUTIL_AVX512, 64)
#endif

struct cpufloat {
	double (*run)(uint64_t steps, double seed);
	double flops_per_step;
	double seed;
	uint64_t slice;              /* steps per stress step */
};

static int cpufloat_setup(struct kernel_ctx *k)
{
	struct cpufloat *f = malloc(sizeof *f);
	if (!f)
		return kutil_fail(k, "out of memory");
	int lanes = 2;
	f->run = cpufloat_base;
	f->seed = 0.5;
	f->slice = 1024;
#ifdef KUTIL_X86
	switch (kutil_simd_level()) {
	case KUTIL_SIMD_AVX512: f->run = cpufloat_avx512; lanes = 8; break;
	case KUTIL_SIMD_AVX2:   f->run = cpufloat_avx2;   lanes = 4; break;
	default: break;
	}
#endif
	f->flops_per_step = 2.0 * CPUFLOAT_ACCS * lanes;
	k->priv = f;
	return 0;
}

struct cpufloat_job {
	struct kernel_ctx *k;
	const struct cpufloat *f;
	uint64_t steps;
	atomic_int stopped;
};

static void cpufloat_worker(void *arg, int index)
{
	struct cpufloat_job *job = arg;
	double sum = 0;
	for (uint64_t done = 0; done < job->steps; ) {
		if (kutil_stopped(job->k)) {
			atomic_store(&job->stopped, 1);
			break;
		}
		uint64_t n = job->steps - done < CPUFLOAT_CHUNK ? job->steps - done : CPUFLOAT_CHUNK;
		sum += job->f->run(n, 0.25 + 0.001 * index);
		done += n;
	}
	kutil_consume(sum);
}

static int cpufloat_iterate(struct kernel_ctx *k, double *value)
{
	const struct cpufloat *f = k->priv;
	int threads = (int)kutil_param(k, P_THREADS);
	uint64_t steps = (uint64_t)(kutil_param(k, P_FLOPS) / f->flops_per_step);
	if (steps == 0)
		steps = 1;
	struct cpufloat_job job = { .k = k, .f = f, .steps = steps };
	double t = kutil_run(k, threads, cpufloat_worker, &job);
	if (t < 0)
		return -1;
	if (atomic_load(&job.stopped))
		return kutil_fail(k, "stopped");
	*value = (double)steps * f->flops_per_step * threads / t / 1e9;
	return 0;
}

static double cpufloat_step(struct kernel_ctx *k)
{
	struct cpufloat *f = k->priv;
	uint64_t n = f->slice;
	double t0 = now_mono();
	f->seed = f->run(n, f->seed) / 1e3;
	f->slice = kutil_slice_next(n, now_mono() - t0, 64, 1u << 24);
	kutil_consume(f->seed);
	return (double)n * f->flops_per_step / 1e9;
}

static void cpufloat_teardown(struct kernel_ctx *k)
{
	free(k->priv);
	k->priv = NULL;
}

const struct kernel_class kernel_cpu_float = {
	.name = "cpu.float",
	.help = "double-precision FMA throughput on the widest vectors the CPU has",
	.metric = "throughput",
	.unit = "GFLOP/s",
	.higher_is_better = 1,
	.params = cpufloat_params,
	.setup = cpufloat_setup,
	.iterate = cpufloat_iterate,
	.step = cpufloat_step,
	.step_unit = "GFLOP",
	.teardown = cpufloat_teardown,
};
