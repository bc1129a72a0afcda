/* bootstrap.h - a percentile bootstrap confidence interval of the ratio of two medians.
 *
 * Each of BOOTSTRAP_RESAMPLES rounds draws, with replacement, as many values as each sample has,
 * and takes median(new*) / median(old*); the interval is the 2.5th and 97.5th percentiles of
 * those ratios (linear between order statistics, as stats_percentile_sorted). The draws come
 * from splitmix64 seeded with `seed`, an index in [0, n) being ((r >> 32) * n) >> 32 of one
 * output r; the old sample's values are drawn before the new one's in each round. Same input,
 * same seed: the same interval, on every machine. Pure functions; non-finite values left out.
 */
#ifndef BENCHTOP_BOOTSTRAP_H
#define BENCHTOP_BOOTSTRAP_H

#include <stddef.h>
#include <stdint.h>

/* 2,000 rounds: the 2.5th percentile rests on 50 of them (Efron and Tibshirani ask at least
 * 1,000 for percentile intervals), and a comparison of 10,000 tests stays fast. */
#define BOOTSTRAP_RESAMPLES 2000
/* The seed compare uses for every test ("benchtop" in ASCII), so a test's interval does not
 * depend on its place in the report. */
#define BOOTSTRAP_SEED UINT64_C(0x62656e6368746f70)

/* splitmix64: the state advances by a constant, the output is a mix of it. */
uint64_t bootstrap_next(uint64_t *state);

/* Fills ci[0], ci[1] with the 95 % interval of median(new) / median(old). When log_sum is not
 * NULL and every new value is above 0, log_sign * log(ratio) of round b is added to log_sum[b]
 * (BOOTSTRAP_RESAMPLES of them), so the rounds of many tests combine into an interval of their
 * geometric mean, and the result is 1; else 0 (some round's ratio may be 0 or below: no log).
 * -1 (ci NAN, log_sum untouched) when a sample has fewer than 2 finite values (resampling one
 * value gives it back every time: a zero-width interval that says nothing), an old value is
 * not above 0 (the ratio would be undefined), or memory runs out. */
int bootstrap_median_ratio(const double *old_x, size_t old_n, const double *new_x, size_t new_n,
                           uint64_t seed, double ci[2], double *log_sum, double log_sign);

#endif
