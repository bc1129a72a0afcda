/* scale.h - from values to what fits on a screen: ranges, levels, numbers in a width.
 * Shared by the gauge, sparkline and graph widgets. Pure functions. */
#ifndef BENCHTOP_SCALE_H
#define BENCHTOP_SCALE_H

#include <stddef.h>

/* Fills in the ends of a range given as NAN from the finite values of v (n of them):
 * NAN lo = the smallest value, NAN hi = the largest. Always leaves lo < hi: a flat series
 * gets a range around it, no values at all give 0..1. */
void scale_range(const float *v, size_t n, double *lo, double *hi);
/* Which of `levels` steps v falls on between lo and hi (0 = lo, levels-1 = hi),
 * clamped; -1 for a missing (non-finite) value. */
int scale_level(double v, double lo, double hi, int levels);
/* v with `unit` in at most `width` columns: "42.3%", then fewer decimals, then SI
 * prefixes ("12.3k", "4G"), then '#' marks as a spreadsheet does. "-" for NAN. */
char *scale_fit(char *buf, size_t len, int width, int decimals, double v, const char *unit);

#endif
