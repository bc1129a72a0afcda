/* suite-matrix.h - a test's matrix: every combination of its value lists is one variant.
 *
 * Private to suite.c. Combinations are numbered 0..count-1 with the first key varying
 * slowest, as nested loops written in the file's order would. `{key}` in a text is
 * replaced by the key's value in a combination; `${...}` is left to the shell.
 */
#ifndef BENCHTOP_SUITE_MATRIX_H
#define BENCHTOP_SUITE_MATRIX_H

#include <stddef.h>

#define SUITE_MATRIX_MAX_KEYS 16

struct suite_matrix {
	size_t nkeys;
	const char *key[SUITE_MATRIX_MAX_KEYS];
	size_t nvalues[SUITE_MATRIX_MAX_KEYS];
	char **text[SUITE_MATRIX_MAX_KEYS];   /* each value as substituted text */
	char **json[SUITE_MATRIX_MAX_KEYS];   /* each value as JSON text */
	size_t count;                         /* combinations; 1 with no keys */
};

void suite_matrix_free(struct suite_matrix *m);
/* Which value of each key combination `index` takes. */
void suite_matrix_choice(const struct suite_matrix *m, size_t index, size_t *choice);
/* {"key":value,...} in key order, "{}" with no keys: 0, or -1 when it does not fit. */
int  suite_matrix_variant(const struct suite_matrix *m, const size_t *choice, char *buf, size_t len);
/* A matrix reference `{key}`: 1 when text[at] starts one, with its name's length in *n. */
int  suite_matrix_ref(const char *text, size_t at, size_t *n);
/* A copy of in with every {key} replaced; NULL with the unknown name in bad (or "" when
 * out of memory). */
char *suite_matrix_subst(const struct suite_matrix *m, const size_t *choice, const char *in,
                         char *bad, size_t badlen);
/* Whether a name can be written as a reference `{name}`. */
int  suite_matrix_key_ok(const char *key);

#endif
