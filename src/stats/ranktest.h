/* ranktest.h - the Mann-Whitney U test (Wilcoxon rank-sum) of two independent samples.
 *
 * U counts the pairs (a, b) with a > b, ties counting one half. The two-sided p value is exact
 * when neither sample has ties, C(m + n, m) fits 63 bits (m + n up to 60 or so at m = n) and
 * m * n is at most 1e6 (3 against millions would take too much memory): the
 * distribution of U is the coefficient list of the Gaussian binomial [m + n choose m], built in
 * integers. Otherwise it is the normal approximation with the tie correction of the variance
 * and a continuity correction of one half, as scipy.stats.mannwhitneyu(method="asymptotic").
 * Pure functions; values that are not finite are left out.
 */
#ifndef BENCHTOP_RANKTEST_H
#define BENCHTOP_RANKTEST_H

#include <stddef.h>

struct ranktest {
	double u;          /* U of the first sample: #(a > b) + #(a = b) / 2 */
	double p;          /* two-sided; NAN when a sample is empty */
	int    exact;      /* 1 when p came from the exact distribution */
};

/* 0 on success, -1 when a sample has no finite values or memory ran out (r->p NAN). */
int ranktest_mann_whitney(const double *a, size_t na, const double *b, size_t nb, struct ranktest *r);
/* The smallest two-sided p any outcome can have with samples of m and n values:
 * 2 / C(m + n, m), at most 1 (0 and 0 give 1). When it is not below the significance level,
 * no result can be significant: the samples are too few. */
double ranktest_min_p(size_t m, size_t n);

#endif
