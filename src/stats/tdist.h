/* tdist.h - Student's t distribution, for confidence intervals (stats) and Welch's test (compare).
 *
 * Pure functions. df may be fractional (Welch-Satterthwaite) or INFINITY (the normal distribution).
 * Bad arguments (df <= 0, probabilities outside (0, 1), NAN) give NAN.
 */
#ifndef BENCHTOP_TDIST_H
#define BENCHTOP_TDIST_H

/* Regularized incomplete beta I_x(a, b); y is 1 - x, passed separately so it keeps its digits. */
double tdist_beta_inc(double a, double b, double x, double y);
/* Two-sided tail P(|T| >= |t|). */
double tdist_tail2(double t, double df);
/* The t > 0 whose two-sided tail is alpha: the 1 - alpha/2 quantile. */
double tdist_quantile2(double alpha, double df);

#endif
