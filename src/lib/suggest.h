/* suggest.h - "did you mean ...?": the nearest of a set of known names to a misspelt one. */
#ifndef BENCHTOP_SUGGEST_H
#define BENCHTOP_SUGGEST_H

#include <stddef.h>

/* Edit distance (insertions, deletions, substitutions, swaps of neighbours), ASCII case-blind. */
size_t suggest_distance(const char *a, const char *b);

/* The name in names[0..n) closest to word when it is close enough to be a likely typo
 * (at most a third of the word's length, and at least 1 or 2 edits), else NULL. */
const char *suggest_nearest(const char *word, const char *const *names, size_t n);

#endif
