/* changepoint.h - where a series of run results steps to a new level, and whether it is real.
 *
 * The method is E-divisive means with a Student t-test significance step, as Hunter / Apache
 * Otava use it (Matteson & James 2014, arXiv:1306.4933; Fleming et al. 2023, arXiv:2301.03034):
 *  1. Split. Over windows of `window` points (step window/2), E-divisive proposes a split: the
 *     (tau, kappa) that maximise the energy statistic
 *       Q = 2/(n+m) SS|Xi-Yj| - 2m/((n+m)(n-1)) S|Xi-Xk| - 2n/((n+m)(m-1)) S|Yj-Yk|
 *     over X = Z[start..tau), Y = Z[tau..kappa). The split is kept when a two-sided pooled t-test
 *     of X against Y gives p below a weak level (10 x max_p, or 2 x max_p when max_p >= 0.05), and
 *     the search goes on in the parts between the points found.
 *  2. Merge. Each point's p and magnitude are recomputed against its neighbours; while the
 *     largest p is >= max_p that point is dropped, else while the smallest magnitude is below
 *     min_magnitude that one is dropped.
 * Every p is the t-test's times the number of positions the split could have taken in its
 * segment (Bonferroni): the split is the best of them, not one chosen in advance, and without
 * the correction flat noise shows a change in about 1 series of 80 (Otava does not correct).
 * A change point needs `min_segment` points on each side (default 4): one odd run is an outlier,
 * never a change. A split is moved until each boundary point is nearer its own side's mean than
 * the other's, so it is the first point of the new level; a new level at the end of a segment
 * with fewer than min_segment points (an old one at its start) is no change yet, and the rest
 * of the segment is searched without it. Magnitude is max(|b/a - 1|, |a/b - 1|) of the two
 * sides' means a, b.
 * The statistics work on the series scaled by a power of two into [-1, 1], so values near
 * 1e154 and beyond (whose squares overflow) give the same points as any others.
 * Pure and deterministic: the same series gives the same points.
 */
#ifndef BENCHTOP_CHANGEPOINT_H
#define BENCHTOP_CHANGEPOINT_H

#include <stddef.h>

struct cp_options {
	double max_p;           /* default 0.001 */
	double min_magnitude;   /* relative, default 0.02 */
	size_t min_segment;     /* default 4 */
	size_t window;          /* default 50 */
};

struct changepoint {
	size_t index;           /* the first point of the new level */
	double before, after;   /* means of the segments on either side */
	double rel_change;      /* after / before - 1 */
	double p;               /* two-sided pooled t-test of the two segments */
};

void cp_defaults(struct cp_options *o);
/* The change points of x[0..n), in order; at most max_out are written. Returns how many. */
size_t cp_detect(const double *x, size_t n, const struct cp_options *o, struct changepoint *out, size_t max_out);
/* Two-sided pooled Student t-test of a[0..na) against b[0..nb) (std with ddof 0, as Otava). */
double cp_ttest(const double *a, size_t na, const double *b, size_t nb);

#endif
