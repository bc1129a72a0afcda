/* strset.h - a set of borrowed strings with a number each, for finding repeats in one pass
 * (duplicate test names) instead of comparing every pair. The strings must outlive the set.
 */
#ifndef BENCHTOP_STRSET_H
#define BENCHTOP_STRSET_H

#include <stddef.h>

struct strset {
	const char **key;
	size_t *val;
	size_t n, cap;               /* cap is 0 or a power of two */
};

/* Adds key with val unless it is there: 0 added, 1 already there (its value in *old),
 * -1 out of memory. */
int  strset_add(struct strset *s, const char *key, size_t val, size_t *old);
void strset_free(struct strset *s);

#endif
