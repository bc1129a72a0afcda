#include "config.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kutil.h"
#include "thread-name.h"
#include "util.h"

int kutil_fail(struct kernel_ctx *k, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(k->why, sizeof k->why, fmt, ap);
	va_end(ap);
	return -1;
}

double kutil_param(const struct kernel_ctx *k, int index)
{
	const struct kernel_param *p = &k->cls->params[index];
	double v = k->param[index];
	if (!isfinite(v))
		v = p->def;
	if (v < p->min)
		v = p->min;
	if (v > p->max)
		v = p->max;
	if (p->type != KPARAM_DOUBLE)
		v = floor(v);
	return v;
}

/* Workers wait on `go` so that none starts before all exist; -1 tells them to leave. */
struct kutil_pool {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int go;
	atomic_int ready;            /* workers awake; all start together once it reaches n */
	int n;
	void (*fn)(void *arg, int index);
	void *arg;
};

struct kutil_worker {
	struct kutil_pool *pool;
	int index;
	double t0, t1;
};

static void *kutil_worker_main(void *p)
{
	struct kutil_worker *w = p;
	struct kutil_pool *pool = w->pool;
	pthread_mutex_lock(&pool->lock);
	while (pool->go == 0)
		pthread_cond_wait(&pool->cond, &pool->lock);
	int go = pool->go;
	pthread_mutex_unlock(&pool->lock);
	if (go < 0)
		return NULL;
	/* Wake-ups straggle; a spin on the count lines the starts up, as a barrier would. */
	atomic_fetch_add(&pool->ready, 1);
	while (atomic_load(&pool->ready) < pool->n)
		sched_yield();
	w->t0 = now_mono();
	pool->fn(pool->arg, w->index);
	w->t1 = now_mono();
	return NULL;
}

double kutil_run(struct kernel_ctx *k, int n, void (*fn)(void *arg, int index), void *arg)
{
	if (n <= 1) {
		double t0 = now_mono();
		fn(arg, 0);
		return now_mono() - t0;
	}
	struct kutil_pool pool = { .go = 0, .n = n, .fn = fn, .arg = arg };
	pthread_mutex_init(&pool.lock, NULL);
	pthread_cond_init(&pool.cond, NULL);
	struct kutil_worker *w = calloc((size_t)n, sizeof *w);
	pthread_t *tid = calloc((size_t)n, sizeof *tid);
	int started = 0, err = 0;
	if (!w || !tid)
		err = ENOMEM;
	for (; !err && started < n; started++) {
		w[started].pool = &pool;
		w[started].index = started;
		err = pthread_create(&tid[started], NULL, kutil_worker_main, &w[started]);
		if (!err)
			thread_name(tid[started], "", "kernel", started + 1);
		if (err)
			break;
	}
	pthread_mutex_lock(&pool.lock);
	pool.go = err ? -1 : 1;
	pthread_cond_broadcast(&pool.cond);
	pthread_mutex_unlock(&pool.lock);
	for (int i = 0; i < started; i++)
		pthread_join(tid[i], NULL);

	double elapsed = -1;
	if (err) {
		kutil_fail(k, "cannot start %d threads: %s", n, strerror(err));
	} else {
		double first = w[0].t0, last = w[0].t1;
		for (int i = 1; i < n; i++) {
			if (w[i].t0 < first)
				first = w[i].t0;
			if (w[i].t1 > last)
				last = w[i].t1;
		}
		elapsed = last - first;
	}
	free(w);
	free(tid);
	pthread_cond_destroy(&pool.cond);
	pthread_mutex_destroy(&pool.lock);
	return elapsed;
}

enum kutil_simd kutil_simd_level(void)
{
#ifdef KUTIL_X86
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma"))
		return KUTIL_SIMD_AVX512;
	if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
		return KUTIL_SIMD_AVX2;
#endif
	return KUTIL_SIMD_BASE;
}

const char *kutil_simd_name(enum kutil_simd level)
{
	switch (level) {
	case KUTIL_SIMD_AVX512: return "avx512";
	case KUTIL_SIMD_AVX2:   return "avx2";
	default:                return "base";
	}
}
