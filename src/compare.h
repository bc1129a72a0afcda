/* compare.h - is a test's new sample set better, worse, or the same as its old one?
 *
 * Change is the relative change of the mean in percent ((new - old) / old * 100). A test
 * regressed when it got worse by more than the tolerance AND the difference is significant
 * (Welch's t-test, p < 0.05; with fewer than 2 samples on a side the tolerance alone
 * decides). "Worse" follows the metric: higher time is worse, lower throughput is worse.
 */
#ifndef BENCHTOP_COMPARE_H
#define BENCHTOP_COMPARE_H

#include <stddef.h>

enum verdict {
	VERDICT_UNCHANGED,
	VERDICT_IMPROVED,
	VERDICT_REGRESSED,
	VERDICT_NEW,        /* only in the new report */
	VERDICT_GONE,       /* only in the old report */
};

struct comparison {
	double old_mean, new_mean;
	double change_pct;  /* NAN when old mean is 0 */
	double p_value;     /* Welch's t-test, two-sided; NAN when it cannot be computed */
	enum verdict verdict;
};

const char *verdict_name(enum verdict v);   /* "unchanged", "improved", "REGRESSED", "new", "gone" */

/* tolerance_pct: e.g. 5 for 5 %. Values that are not finite are ignored; no values on the old side
 * give VERDICT_NEW, none on the new side VERDICT_GONE (none on either: unchanged). */
void compare_samples(const double *old_x, size_t old_n, const double *new_x, size_t new_n,
                     int higher_is_better, double tolerance_pct, struct comparison *out);
/* Welch's t-test p value (two-sided); NAN when either side has fewer than 2 values. Two constant
 * samples give 1 when their values are equal and 0 when they differ. */
double welch_p_value(const double *a, size_t na, const double *b, size_t nb);

#endif
