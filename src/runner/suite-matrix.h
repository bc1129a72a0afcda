/* suite-matrix.h - a test's matrix: every combination of its value lists is one variant.
 *
 * Private to the suite loader (suite*.c). Combinations are numbered 0..count-1 with the first key varying
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
/* The longest text a substitution may make: what Linux passes as one argument
 * (MAX_ARG_STRLEN), so a longer one could not run anyway. */
#define SUITE_MATRIX_MAX_TEXT (128u << 10)

enum suite_subst_rc {
	SUBST_OK = 0,
	SUBST_UNKNOWN = -1,          /* an unknown {key}: its name in bad */
	SUBST_NOMEM = -2,
	SUBST_TOO_LONG = -3,         /* the result would pass SUITE_MATRIX_MAX_TEXT */
	SUBST_BUDGET = -4,           /* the result would pass what is left of *budget */
};

/* A copy of in with every {key} replaced, in *out. The result is sized before it is made,
 * and the bytes read and written are taken from *budget, so a small file cannot expand
 * into gigabytes. */
enum suite_subst_rc suite_matrix_subst(const struct suite_matrix *m, const size_t *choice, const char *in,
                                       size_t *budget, char **out, char *bad, size_t badlen);
/* Whether a name can be written as a reference `{name}`. */
int  suite_matrix_key_ok(const char *key);

#endif
