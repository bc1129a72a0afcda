#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "ranktest.h"

#define RANKTEST_EXACT_MAX_MN 1000000

static int ranktest_cmp(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

/* The finite values of x, sorted, into a new array; *k their count. NULL when none or no memory. */
static double *ranktest_sorted(const double *x, size_t n, size_t *k)
{
	*k = 0;
	for (size_t i = 0; i < n; i++)
		*k += isfinite(x[i]) != 0;
	if (*k == 0)
		return NULL;
	double *v = malloc(*k * sizeof *v);
	if (!v)
		return NULL;
	size_t j = 0;
	for (size_t i = 0; i < n; i++)
		if (isfinite(x[i]))
			v[j++] = x[i];
	qsort(v, *k, sizeof *v, ranktest_cmp);
	return v;
}

/* log C(n, k) */
static double ranktest_log_choose(size_t n, size_t k)
{
	double s = 0.0;
	if (k > n - k)
		k = n - k;
	for (size_t i = 1; i <= k; i++)
		s += log((double)(n - k + i)) - log((double)i);
	return s;
}

double ranktest_min_p(size_t m, size_t n)
{
	if (m == 0 && n == 0)
		return 1.0;
	double p = 2.0 * exp(-ranktest_log_choose(m + n, m));
	return p < 1.0 ? p : 1.0;
}

/* P(U <= u) for samples of m and n values without ties: the coefficients of the Gaussian
 * binomial prod_{i=1..m} (1 - q^(n+i)) / (1 - q^i). Every step leaves [n+i choose i]'s
 * integer coefficients, so unsigned arithmetic (exact modulo 2^64) gives them exactly while
 * C(m + n, m) < 2^63. -1 when it does not fit, m * n is above 1e6, or memory runs out. */
static int ranktest_exact_cdf(size_t m, size_t n, size_t u, double *cdf)
{
	if (m > n) {
		size_t t = m;
		m = n;
		n = t;
	}
	/* mn + 1 counts, m passes over them: bounded, as the count is, for any sample sizes. */
	if (ranktest_log_choose(m + n, m) > 63.0 * log(2.0) - 1e-9 || m * n > RANKTEST_EXACT_MAX_MN)
		return -1;
	size_t top = m * n;
	uint64_t *c = calloc(top + 1, sizeof *c);
	if (!c)
		return -1;
	c[0] = 1;
	for (size_t i = 1; i <= m; i++) {
		size_t deg = (i - 1) * n;          /* degree before this step */
		size_t s = n + i;
		/* times (1 - q^s), from the top so each term reads the old value */
		for (size_t k = deg + s; k >= s; k--)
			if (k <= top)
				c[k] -= c[k - s];
		/* divided by (1 - q^i): a running sum with step i */
		for (size_t k = i; k <= i * n; k++)
			c[k] += c[k - i];
		/* what the product left above the new degree is zero in the quotient */
		for (size_t k = i * n + 1; k <= top && k <= deg + s; k++)
			c[k] = 0;
	}
	uint64_t total = 0, below = 0;
	for (size_t k = 0; k <= top; k++) {
		total += c[k];
		if (k <= u)
			below += c[k];
	}
	free(c);
	*cdf = (double)below / (double)total;
	return 0;
}

int ranktest_mann_whitney(const double *a, size_t na, const double *b, size_t nb, struct ranktest *r)
{
	size_t m, n;
	r->u = r->p = NAN;
	r->exact = 0;
	double *x = ranktest_sorted(a, na, &m);
	double *y = ranktest_sorted(b, nb, &n);
	if (!x || !y) {
		free(x);
		free(y);
		return -1;
	}
	/* One merge of the sorted samples: ranks (mid-ranks for ties), the rank sum of a, and the
	 * tie term sum(t^3 - t). */
	double rank_sum = 0.0, ties = 0.0;
	size_t i = 0, j = 0, done = 0;
	while (i < m || j < n) {
		double v = j >= n || (i < m && x[i] <= y[j]) ? x[i] : y[j];
		size_t ti = 0, tj = 0;
		while (i < m && x[i] == v) {
			i++;
			ti++;
		}
		while (j < n && y[j] == v) {
			j++;
			tj++;
		}
		double t = (double)(ti + tj);
		double mid = (double)done + (t + 1.0) / 2.0;
		rank_sum += (double)ti * mid;
		ties += t * t * t - t;
		done += ti + tj;
	}
	free(x);
	free(y);

	double dm = (double)m, dn = (double)n, mn = dm * dn, big_n = dm + dn;
	r->u = rank_sum - dm * (dm + 1.0) / 2.0;
	double u_small = fmin(r->u, mn - r->u);
	if (ties == 0.0) {
		double cdf;
		if (ranktest_exact_cdf(m, n, (size_t)u_small, &cdf) == 0) {
			r->exact = 1;
			r->p = fmin(1.0, 2.0 * cdf);
			return 0;
		}
	}
	double var = mn / 12.0 * ((big_n + 1.0) - ties / (big_n * (big_n - 1.0)));
	if (!(var > 0.0)) {
		r->p = 1.0;      /* every value the same */
		return 0;
	}
	double z = (fabs(r->u - mn / 2.0) - 0.5) / sqrt(var);
	r->p = fmin(1.0, erfc(z / sqrt(2.0)));
	return 0;
}
