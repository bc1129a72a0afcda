/* adaptive.h - how many iterations a test takes: the stopping rule and the steady-state warmup.
 *
 * Pure functions over the values measured so far, called by the runner after each iteration.
 * Stopping rule, in this order:
 *   precision set: stop once n >= min_iterations (default ADAPTIVE_MIN_ITERATIONS) and the
 *     half-width of the mean's 95 % Student-t interval is at most precision * |mean|
 *     ("precision"); else at max_iterations (default ADAPTIVE_MAX_ITERATIONS,
 *     "max_iterations") or once max_time seconds were spent measuring ("max_time");
 *   no precision: `iterations` of them, and with min_time until that much time was spent
 *     ("iterations"; "min_time" when that took more than `iterations`); max_time, when set, still caps it ("max_time").
 * Warmup "auto" (fio's steady state, on a rolling window): warm up until the least-squares
 * slope over the last ADAPTIVE_WINDOW values changes the value by no more than
 * ADAPTIVE_STEADY_CHANGE of their mean across the window, or by no more than twice the
 * scatter around the line (a slope the noise cannot tell from flat); at most `warmup`
 * (default ADAPTIVE_WARMUP_MAX) warmups.
 */
#ifndef BENCHTOP_ADAPTIVE_H
#define BENCHTOP_ADAPTIVE_H

#include <stddef.h>

#include "results.h"

#define ADAPTIVE_MIN_ITERATIONS 5
#define ADAPTIVE_MAX_ITERATIONS 1000
#define ADAPTIVE_WINDOW 4
#define ADAPTIVE_STEADY_CHANGE 0.02
#define ADAPTIVE_WARMUP_MAX 20

/* The relative half-width of the 95 % CI of the mean of x[0..n); NAN for n < 2 or mean 0. */
double adaptive_precision(const double *x, size_t n);

/* Whether the test has a precision target (a zeroed test_info has none). */
int adaptive_has_precision(const struct test_info *in);

/* Whether measuring should stop after n values (x may be NULL without a precision) that took
 * spent seconds; 1 with the reason's keyword in stop, or 0. */
int adaptive_should_stop(const struct test_info *in, const double *x, size_t n, double spent,
                         char *stop, size_t len);

/* Whether warmup values x[0..n) have settled. */
int adaptive_steady(const double *x, size_t n);

/* "1%", "0.5 %", or a fraction such as 0.01, into a fraction in (0, 1); 0, or -1. */
int adaptive_parse_precision(const char *text, double *out);

#endif
