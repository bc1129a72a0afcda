/* check.h - the few assertions our C unit tests need; a failed check prints where and why.
 * A test program returns check_result(): 0 when every check held, 1 otherwise (77 = skip). */
#ifndef BENCHTOP_CHECK_H
#define BENCHTOP_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(cond) do { if (!(cond)) { check_failures++; \
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#define CHECK_INT(a, b) do { long long a_ = (long long)(a), b_ = (long long)(b); if (a_ != b_) { \
	check_failures++; fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n", \
	__FILE__, __LINE__, #a, a_, #b, b_); } } while (0)
#define CHECK_NEAR(a, b, tol) do { double a_ = (double)(a), b_ = (double)(b); \
	if (!(fabs(a_ - b_) <= (tol))) { check_failures++; \
	fprintf(stderr, "%s:%d: %s == %.17g, expected %.17g (within %g)\n", \
	__FILE__, __LINE__, #a, a_, b_, (double)(tol)); } } while (0)
#define CHECK_STR(a, b) do { const char *a_ = (a), *b_ = (b); if (!a_ || strcmp(a_, b_)) { \
	check_failures++; fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", \
	__FILE__, __LINE__, #a, a_ ? a_ : "(null)", b_); } } while (0)

static inline int check_result(void)
{
	if (check_failures)
		fprintf(stderr, "%d check(s) failed\n", check_failures);
	return check_failures ? 1 : 0;
}

#endif
