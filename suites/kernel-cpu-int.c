/* cpu.int - integer throughput: eight independent xorshift + multiply-add chains, so the
 * ALUs, not one chain's latency, set the pace. One chain step is 8 integer operations
 * (3 shifts, 3 xors, a multiply and an add). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "kernel-list.h"
#include "kutil.h"
#include "util.h"

enum { P_OPS, P_THREADS };

static const struct kernel_param cpuint_params[] = {
	{ .name = "ops", .type = KPARAM_INT, .def = 2e9, .min = 1e3, .max = 1e13, .unit = "ops",
	  .help = "integer operations per iteration, per thread" },
	{ .name = "threads", .type = KPARAM_INT, .def = 1, .min = 1, .max = 256, .unit = "threads",
	  .help = "threads, each doing the full count of ops" },
	{ .name = NULL },
};

#define CPUINT_CHAINS 8
#define CPUINT_OPS_PER_STEP (CPUINT_CHAINS * 8)
#define CPUINT_CHUNK 65536          /* steps between looks at the stop flag (~4 Mops) */

struct cpuint_state {
	uint64_t x[CPUINT_CHAINS];
	uint64_t slice;             /* chain steps per stress step */
};

static void cpuint_seed(struct cpuint_state *s, uint64_t seed)
{
	for (int c = 0; c < CPUINT_CHAINS; c++)
		s->x[c] = (seed + (uint64_t)c + 1) * 0x9E3779B97F4A7C15ULL | 1;
}

static uint64_t cpuint_run(struct cpuint_state *s, uint64_t steps)
{
	uint64_t x[CPUINT_CHAINS];
	for (int c = 0; c < CPUINT_CHAINS; c++)
		x[c] = s->x[c];
	for (uint64_t i = 0; i < steps; i++) {
#pragma GCC unroll 8
		for (int c = 0; c < CPUINT_CHAINS; c++) {
			uint64_t v = x[c];
			v ^= v << 13;
			v ^= v >> 7;
			v ^= v << 17;
			x[c] = v * 0x5851F42D4C957F2DULL + 0x14057B7EF767814FULL;
		}
	}
	uint64_t sum = 0;
	for (int c = 0; c < CPUINT_CHAINS; c++) {
		s->x[c] = x[c];
		sum ^= x[c];
	}
	return sum;
}

struct cpuint_job {
	struct kernel_ctx *k;
	uint64_t steps;
	atomic_int stopped;
};

static void cpuint_worker(void *arg, int index)
{
	struct cpuint_job *job = arg;
	struct cpuint_state s;
	cpuint_seed(&s, (uint64_t)index);
	uint64_t sum = 0;
	for (uint64_t done = 0; done < job->steps; ) {
		if (kutil_stopped(job->k)) {
			atomic_store(&job->stopped, 1);
			break;
		}
		uint64_t n = job->steps - done < CPUINT_CHUNK ? job->steps - done : CPUINT_CHUNK;
		sum += cpuint_run(&s, n);
		done += n;
	}
	kutil_consume((double)sum);
}

static int cpuint_setup(struct kernel_ctx *k)
{
	struct cpuint_state *s = malloc(sizeof *s);
	if (!s)
		return kutil_fail(k, "out of memory");
	cpuint_seed(s, 42);
	s->slice = 1024;
	k->priv = s;
	return 0;
}

static int cpuint_iterate(struct kernel_ctx *k, double *value)
{
	int threads = (int)kutil_param(k, P_THREADS);
	uint64_t steps = (uint64_t)(kutil_param(k, P_OPS) / CPUINT_OPS_PER_STEP);
	if (steps == 0)
		steps = 1;
	struct cpuint_job job = { .k = k, .steps = steps };
	double t = kutil_run(k, threads, cpuint_worker, &job);
	if (t < 0)
		return -1;
	if (atomic_load(&job.stopped))
		return kutil_fail(k, "stopped");
	*value = (double)steps * CPUINT_OPS_PER_STEP * threads / t / 1e6;
	return 0;
}

static double cpuint_step(struct kernel_ctx *k)
{
	struct cpuint_state *s = k->priv;
	uint64_t n = s->slice;
	double t0 = now_mono();
	kutil_consume((double)cpuint_run(s, n));
	s->slice = kutil_slice_next(n, now_mono() - t0, 64, 1u << 24);
	return (double)n * CPUINT_OPS_PER_STEP / 1e6;
}

static void cpuint_teardown(struct kernel_ctx *k)
{
	free(k->priv);
	k->priv = NULL;
}

const struct kernel_class kernel_cpu_int = {
	.name = "cpu.int",
	.help = "integer throughput: independent xorshift and multiply-add chains",
	.metric = "throughput",
	.unit = "Mops/s",
	.higher_is_better = 1,
	.params = cpuint_params,
	.setup = cpuint_setup,
	.iterate = cpuint_iterate,
	.step = cpuint_step,
	.step_unit = "Mops",
	.teardown = cpuint_teardown,
};
