#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bootstrap.h"

uint64_t bootstrap_next(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static int bootstrap_cmp(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

/* The k-th smallest of v (0-based), moving v's values about (Hoare's selection). */
static double bootstrap_select(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;
	while (lo < hi) {
		double pivot = v[lo + (hi - lo) / 2];
		size_t i = lo, j = hi;
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				double t = v[i];
				v[i] = v[j];
				v[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return v[k];
	}
	return v[k];
}

/* Percentile p (0..100) of n values as stats_percentile_sorted reads sorted ones, without
 * sorting them all: two selections. */
static double bootstrap_percentile(double *v, size_t n, double p)
{
	double h = (double)(n - 1) * p / 100.0;
	size_t lo = (size_t)h;
	double a = bootstrap_select(v, n, lo);
	if (lo + 1 >= n)
		return a;
	/* After the selection everything above index lo is at least v[lo]: the next is their least. */
	double b = v[lo + 1];
	for (size_t i = lo + 2; i < n; i++)
		b = v[i] < b ? v[i] : b;
	return a + (h - (double)lo) * (b - a);
}

/* One side: its finite values sorted, and a count per index for the draws. */
struct bootstrap_side {
	double *v;
	size_t n;
	unsigned *count;
};

static int bootstrap_side_init(struct bootstrap_side *s, const double *x, size_t n)
{
	s->n = 0;
	for (size_t i = 0; i < n; i++)
		s->n += isfinite(x[i]) != 0;
	s->v = s->n ? malloc(s->n * sizeof *s->v) : NULL;
	s->count = s->n ? malloc(s->n * sizeof *s->count) : NULL;
	if (!s->v || !s->count)
		return -1;
	size_t j = 0;
	for (size_t i = 0; i < n; i++)
		if (isfinite(x[i]))
			s->v[j++] = x[i];
	qsort(s->v, s->n, sizeof *s->v, bootstrap_cmp);
	return 0;
}

/* The median of one resample. The values are sorted, so the k-th smallest drawn value is the
 * value at the k-th smallest drawn index: count the draws per index, then walk the counts. */
static double bootstrap_resample_median(struct bootstrap_side *s, uint64_t *state)
{
	size_t n = s->n;
	memset(s->count, 0, n * sizeof *s->count);
	for (size_t i = 0; i < n; i++)
		s->count[((bootstrap_next(state) >> 32) * n) >> 32]++;
	size_t lo = (n - 1) / 2, hi = n / 2;   /* 0-based ranks of the median's two halves */
	size_t seen = 0, idx = 0;
	while (seen + s->count[idx] <= lo)
		seen += s->count[idx++];
	double a = s->v[idx];
	while (seen + s->count[idx] <= hi)
		seen += s->count[idx++];
	double b = s->v[idx];
	return a == b ? a : (a + b) / 2.0;
}

int bootstrap_median_ratio(const double *old_x, size_t old_n, const double *new_x, size_t new_n,
                           uint64_t seed, double ci[2], double *log_sum, double log_sign)
{
	struct bootstrap_side o = { 0 }, w = { 0 };
	double *ratio = NULL;
	int rc = -1;
	ci[0] = ci[1] = NAN;
	if (bootstrap_side_init(&o, old_x, old_n) < 0 || bootstrap_side_init(&w, new_x, new_n) < 0)
		goto out;
	/* One value resampled is that value every time: a zero-width interval that says nothing. */
	if (o.n < 2 || w.n < 2 || !(o.v[0] > 0.0))
		goto out;
	ratio = malloc(BOOTSTRAP_RESAMPLES * sizeof *ratio);
	if (!ratio)
		goto out;
	uint64_t state = seed;
	for (size_t b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
		double mo = bootstrap_resample_median(&o, &state);
		double mw = bootstrap_resample_median(&w, &state);
		ratio[b] = mw / mo;
	}
	rc = 0;
	if (log_sum && w.v[0] > 0.0) {
		for (size_t b = 0; b < BOOTSTRAP_RESAMPLES; b++)
			log_sum[b] += log_sign * log(ratio[b]);
		rc = 1;
	}
	ci[0] = bootstrap_percentile(ratio, BOOTSTRAP_RESAMPLES, 2.5);
	ci[1] = bootstrap_percentile(ratio, BOOTSTRAP_RESAMPLES, 97.5);
out:
	free(o.v);
	free(o.count);
	free(w.v);
	free(w.count);
	free(ratio);
	return rc;
}
