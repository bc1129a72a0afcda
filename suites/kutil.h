/* kutil.h - what the built-in kernels share: failing with a reason, the stop flag, worker
 * threads timed from a common start, a sink the compiler cannot see through, a small PRNG,
 * and the function attributes that build one SIMD variant per instruction set.
 *
 * Only suites/kernel-*.c include this header; it is not part of the kernel interface.
 */
#ifndef BENCHTOP_KUTIL_H
#define BENCHTOP_KUTIL_H

#include <stdatomic.h>
#include <stdint.h>

#include "kernel.h"

/* Fills k->why from a printf format and returns -1, so kernels can `return kutil_fail(...)`. */
int kutil_fail(struct kernel_ctx *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static inline int kutil_stopped(const struct kernel_ctx *k)
{
	return k->stop && atomic_load_explicit(k->stop, memory_order_relaxed);
}

/* An integer param, clamped to its table's range (the runner validates; this keeps a kernel
 * safe when called directly). */
double kutil_param(const struct kernel_ctx *k, int index);

/* Runs fn(arg, i) for i = 0..n-1, on the calling thread when n is 1 and on n new threads
 * otherwise. Threads are all created before any starts work. Returns the seconds from the
 * first start to the last finish, or -1 with k->why when threads cannot be created. */
double kutil_run(struct kernel_ctx *k, int n, void (*fn)(void *arg, int index), void *arg);

/* Keeps a value alive: the compiler must compute it, since it is stored to a volatile. */
static inline void kutil_consume(double v)
{
	volatile double sink = v;
	(void)sink;
}

/* Stress steps aim at about a millisecond whatever the machine: given how many work units
 * the last slice had and how long it took, the size of the next one, within [lo, hi]. */
#define KUTIL_STEP_SECONDS 1e-3
static inline uint64_t kutil_slice_next(uint64_t n, double seconds, uint64_t lo, uint64_t hi)
{
	double want = seconds > 0 ? (double)n * KUTIL_STEP_SECONDS / seconds : 2.0 * (double)n;
	want = (want + (double)n) / 2;   /* halfway, so one preempted slice does not swing it */
	if (want < (double)lo)
		return lo;
	if (want > (double)hi)
		return hi;
	return (uint64_t)want;
}

/* xorshift64*: fast, good enough to shuffle buffers and pick offsets; state must be nonzero. */
static inline uint64_t kutil_rand(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545F4914F6CDD1DULL;
}

/* SIMD variants: a kernel defines one function per instruction set with these attributes
 * and picks one at setup with kutil_simd_level(). KUTIL_FMA lets GCC fuse a*b+c into one
 * instruction, which strict ISO C mode (-std=c11) otherwise forbids. */
#if defined(__clang__)
#define KUTIL_FMA
#elif defined(__GNUC__)
#define KUTIL_FMA __attribute__((optimize("fp-contract=fast")))
#else
#define KUTIL_FMA
#endif

#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
#define KUTIL_X86 1
#define KUTIL_AVX512 __attribute__((target("avx512f,avx2,fma"))) KUTIL_FMA
#define KUTIL_AVX2   __attribute__((target("avx2,fma"))) KUTIL_FMA
#endif
#define KUTIL_BASE KUTIL_FMA

enum kutil_simd { KUTIL_SIMD_BASE, KUTIL_SIMD_AVX2, KUTIL_SIMD_AVX512 };

/* The widest variant this CPU runs: AVX-512F, AVX2 with FMA, or the build's baseline. */
enum kutil_simd kutil_simd_level(void);
const char *kutil_simd_name(enum kutil_simd level);

#endif
