#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "tdist.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double stats_percentile_sorted(const double *sorted, size_t n, double p)
{
	if (n == 0 || !(p >= 0.0 && p <= 100.0))
		return NAN;
	double h = (double)(n - 1) * p / 100.0;
	size_t lo = (size_t)h;
	if (lo >= n - 1)
		return sorted[n - 1];
	double frac = h - (double)lo;
	/* lo + frac * (hi - lo) stays inside [lo, hi] even when both are large. */
	return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

double stats_t_quantile(double alpha, double df)
{
	return tdist_quantile2(alpha, df);
}

static void stats_clear(struct stats *out)
{
	out->n = 0;
	out->min = out->max = out->mean = out->median = NAN;
	out->stdev = out->cv = NAN;
	out->p5 = out->p95 = out->p99 = NAN;
	out->mad = NAN;
	out->ci95_lo = out->ci95_hi = NAN;
	out->outliers = 0;
}

/* The power of two at or above the largest |x|: dividing by it is exact, and puts every value
 * in [-1, 1], where squares neither overflow (1e300 samples) nor vanish (1e-300 ones). */
static int stats_exponent(const double *x, size_t n)
{
	double top = 0.0;
	for (size_t i = 0; i < n; i++)
		if (isfinite(x[i]) && fabs(x[i]) > top)
			top = fabs(x[i]);
	int e = 0;
	if (top > 0.0)
		frexp(top, &e);
	return e;
}

/* Moments in one pass (Welford): no sum of squares, so a large common offset costs no digits. */
static void stats_moments(const double *x, size_t n, struct stats *out)
{
	double mean = 0.0, m2 = 0.0;
	size_t k = 0;
	int e = stats_exponent(x, n);
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(x[i]))
			continue;
		k++;
		double y = ldexp(x[i], -e), d = y - mean;
		mean += d / (double)k;
		m2 += d * (y - mean);
		if (k == 1 || x[i] < out->min)
			out->min = x[i];
		if (k == 1 || x[i] > out->max)
			out->max = x[i];
	}
	out->n = k;
	if (k == 0)
		return;
	mean = ldexp(mean, e);
	out->mean = mean;
	if (k < 2)
		return;
	out->stdev = ldexp(sqrt(m2 / (double)(k - 1)), e);
	if (mean != 0.0)
		out->cv = out->stdev / mean;
	double half = stats_t_quantile(0.05, (double)(k - 1)) * out->stdev / sqrt((double)k);
	out->ci95_lo = mean - half;
	out->ci95_hi = mean + half;
}

/* Modified z-scores need a scale; when the MAD is 0 (more than half the values are equal)
 * Iglewicz and Hoaglin's fallback scales by the mean absolute deviation instead. */
static size_t stats_outliers(const double *dev, size_t n, double mad)
{
	double scale;
	if (mad > 0.0) {
		scale = mad / 0.6745;
	} else {
		double sum = 0.0;
		for (size_t i = 0; i < n; i++)
			sum += dev[i];
		if (sum == 0.0)
			return 0;
		scale = 1.253314 * sum / (double)n;
	}
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if (dev[i] / scale > 3.5)
			count++;
	return count;
}

void stats_compute(const double *x, size_t n, struct stats *out)
{
	stats_clear(out);
	stats_moments(x, n, out);
	if (out->n == 0)
		return;

	/* Order statistics work on a copy; without memory they stay NAN. */
	double *v = malloc(out->n * sizeof *v);
	if (!v)
		return;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (isfinite(x[i]))
			v[k++] = x[i];
	qsort(v, k, sizeof *v, cmp_double);
	out->median = stats_percentile_sorted(v, k, 50.0);
	out->p5 = stats_percentile_sorted(v, k, 5.0);
	out->p95 = stats_percentile_sorted(v, k, 95.0);
	out->p99 = stats_percentile_sorted(v, k, 99.0);

	for (size_t i = 0; i < k; i++)
		v[i] = fabs(v[i] - out->median);
	qsort(v, k, sizeof *v, cmp_double);
	out->mad = stats_percentile_sorted(v, k, 50.0);
	out->outliers = stats_outliers(v, k, out->mad);
	free(v);
}
