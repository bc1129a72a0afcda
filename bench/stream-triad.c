/* stream-triad - a plain STREAM-style triad a[i] = b[i] + s * c[i] over three double
 * arrays, split across pthreads, best of several timed passes; the reference figure that
 * bench/memory-bandwidth.sh sets next to benchtop's memory.bandwidth kernel.
 *
 *   stream-triad BYTES_PER_ARRAY THREADS PASSES   ->   "triad GB/s: 23.456"
 *
 * Counted as STREAM counts it: 3 x 8 bytes per element. Stand-alone: no benchtop code. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double *a, *b, *c;
static long n;
static int nthreads;
static pthread_barrier_t barrier;
static double best = 1e30;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

struct part { long i0, i1; int passes, first; };

static void *worker(void *arg)
{
	struct part *p = arg;
	const double s = 3.0;
	for (long i = p->i0; i < p->i1; i++) {
		a[i] = 1.0;
		b[i] = 2.0;
		c[i] = 0.0;
	}
	for (int r = 0; r < p->passes; r++) {
		pthread_barrier_wait(&barrier);
		double t0 = now();
		for (long i = p->i0; i < p->i1; i++)
			a[i] = b[i] + s * c[i];
		pthread_barrier_wait(&barrier);
		if (p->first) {
			double t = now() - t0;
			if (t < best)
				best = t;
		}
	}
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: stream-triad BYTES_PER_ARRAY THREADS PASSES\n");
		return 2;
	}
	n = atol(argv[1]) / (long)sizeof(double);
	nthreads = atoi(argv[2]);
	int passes = atoi(argv[3]);
	if (n < 1 || nthreads < 1 || passes < 1)
		return 2;
	a = aligned_alloc(4096, ((size_t)n * sizeof(double) + 4095) / 4096 * 4096);
	b = aligned_alloc(4096, ((size_t)n * sizeof(double) + 4095) / 4096 * 4096);
	c = aligned_alloc(4096, ((size_t)n * sizeof(double) + 4095) / 4096 * 4096);
	if (!a || !b || !c)
		return 1;
	pthread_barrier_init(&barrier, NULL, (unsigned)nthreads);
	pthread_t *tid = calloc((size_t)nthreads, sizeof *tid);
	struct part *parts = calloc((size_t)nthreads, sizeof *parts);
	for (int t = 0; t < nthreads; t++) {
		parts[t] = (struct part){ n * t / nthreads, n * (t + 1) / nthreads, passes, t == 0 };
		pthread_create(&tid[t], NULL, worker, &parts[t]);
	}
	for (int t = 0; t < nthreads; t++)
		pthread_join(tid[t], NULL);
	double check = 0;
	for (long i = 0; i < n; i += 4096)
		check += a[i];
	if (check != 2.0 * (double)((n + 4095) / 4096)) {
		fprintf(stderr, "stream-triad: wrong result\n");
		return 1;
	}
	printf("triad GB/s: %.3f\n", 3.0 * sizeof(double) * (double)n / best / 1e9);
	return 0;
}
