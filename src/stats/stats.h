/* stats.h - summary statistics of one test variant's samples (warmups excluded).
 *
 * Pure functions over an array; the array is not modified. Mean and variance use Welford's
 * method so values near 1e9 with a tiny spread keep their precision, on values scaled by a
 * power of two so that 1e300 and 1e-300 samples neither overflow nor vanish. Percentiles interpolate
 * linearly between order statistics (type 7, as R and NumPy by default). Outliers are values
 * whose modified z-score (0.6745 * |x - median| / MAD) is above 3.5 (Iglewicz and Hoaglin).
 * When the MAD is 0 (more than half the values equal the median) the score is
 * |x - median| / (1.253314 * mean absolute deviation from the median), their alternative;
 * when that is 0 too, every value equals the median and none is an outlier.
 */
#ifndef BENCHTOP_STATS_H
#define BENCHTOP_STATS_H

#include <stddef.h>

struct stats {
	size_t n;
	double min, max, mean, median;
	double stdev;          /* sample standard deviation (n - 1); NAN when n < 2 */
	double cv;             /* stdev / mean; NAN when mean is 0 or n < 2 */
	double p5, p95, p99;
	double mad;            /* median absolute deviation (unscaled) */
	double ci95_lo, ci95_hi; /* 95 % confidence interval of the mean, Student t; NAN when n < 2 */
	size_t outliers;
};

/* Fills out from n values; values that are not finite (NAN, infinities) are ignored and out->n
 * counts the rest. No values give n = 0, outliers = 0 and every other figure NAN. */
void   stats_compute(const double *x, size_t n, struct stats *out);
/* Two-sided Student t quantile for 1 - alpha/2 with df degrees of freedom (alpha 0.05 -> 95 %).
 * df may be fractional or INFINITY (the normal quantile). NAN for alpha outside (0, 1) or
 * df <= 0. */
double stats_t_quantile(double alpha, double df);
/* Percentile p (0..100) of sorted values, type 7; NAN when n is 0 or p is outside 0..100. */
double stats_percentile_sorted(const double *sorted, size_t n, double p);

#endif
