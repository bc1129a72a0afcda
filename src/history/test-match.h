/* test-match.h - which recorded tests a --test pattern names, and the nearest names when it
 * names none. One rule for every command that filters tests by name.
 *
 * A pattern is a shell pattern (fnmatch: *, ?, [...]). With a '/' it is matched against
 * "suite/name" and "suite/name variant"; without one against the name and "name variant", in
 * any suite, so `--test nap` and `--test 'mem*'` find tests whatever their suite. A pattern
 * equal to one of those strings matches it even when the name holds '*' or '['. Pure
 * functions; any thread.
 */
#ifndef BENCHTOP_TEST_MATCH_H
#define BENCHTOP_TEST_MATCH_H

#include <stddef.h>

/* 1 when pattern names the test; variant is its label ("res=720 spp=4") or "". A NULL pattern
 * names every test. */
int test_match(const char *pattern, const char *suite, const char *name, const char *variant);

/* The names among names[0..n) ("suite/name", no two alike) nearest to a pattern that named
 * none of them, best first: the same but for letter case, then those holding a word of it,
 * then those a few edits from it or from their start; at most max into out. Returns how many. */
size_t test_match_suggest(const char *pattern, const char *const *names, size_t n, const char **out, size_t max);

#endif
