/* suite-private.h - what the parts of the suite loader share (private to suite*.c).
 *
 * suite-load.c reads the document and its defaults, suite-fields.c reads single fields with
 * their checks, suite-test.c checks one test, suite-variant.c expands a checked test into
 * its variants, suite-preset.c finds preset files. Every check that fails writes one
 * "FILE:LINE:COL: PATH: what was wrong" into the loader's why and returns -1.
 * All of it runs on the caller's thread; nothing here outlives suite_load_text.
 */
#ifndef BENCHTOP_SUITE_PRIVATE_H
#define BENCHTOP_SUITE_PRIVATE_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "jsonpos.h"
#include "suite-matrix.h"
#include "suite.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])
#define DURATION_TEXT "a number of seconds or a duration like \"500ms\", \"5s\", \"2m\" or \"1h\""
#define SUITE_MAX_EXPANDED (64u << 20)   /* bytes all matrix substitutions of a suite read and write */
#define SIZE_TEXT "a number of bytes or a size like \"64K\", \"256M\" or \"1G\""

struct loader {
	const char *file;             /* as the user named it */
	int order, interleave_tests;  /* the suite's defaults.order and defaults.interleave */
	struct jsonpos pos;
	size_t expand_left;           /* bytes matrix substitution may still read and write */
	char *why;
	size_t whylen;
};

/* The planned run of a test, from the defaults and then the test itself. */
struct plan {
	long warmup, iterations;
	double min_time, timeout;
	double precision, max_time;   /* NAN when unset */
	long min_iterations, max_iterations;   /* 0 when unset */
	int warmup_auto;
};

/* One test of the file, checked, before its variants are made. */
struct test_src {
	const cJSON *obj;
	char path[64];
	char where[200];              /* "in test 'x'" */
	const char *name;
	const char *kind;
	const struct kernel_class *cls;
	struct plan plan;
	double max_mean, min_throughput;
	struct stress_config stress;
	struct suite_matrix matrix;
};

/* suite-fields.c */
__attribute__((format(printf, 3, 4)))
int suite_fail(struct loader *L, const char *path, const char *fmt, ...);
const char *suite_type_name(const cJSON *v);
void suite_num_text(char *buf, size_t len, double v);
/* "between 0 and 100 bytes", "at least 0" (max not finite), "at most 5" (min not finite);
 * unit may be NULL. Returns buf. */
char *suite_range_text(char *buf, size_t len, double min, double max, const char *unit);
/* Every key of obj must be one of names, and appear once. */
int suite_check_fields(struct loader *L, const cJSON *obj, const char *path, const char *where,
                       const char *const *names, size_t n);
/* 0 when absent, 1 when read into *out, -1 on a bad value. */
int suite_get_quantity(struct loader *L, const cJSON *obj, const char *path, const char *key,
                       const char *where, int (*parse)(const char *, double *), const char *example,
                       double min, double max, double *out);
int suite_get_plan(struct loader *L, const cJSON *obj, const char *path, const char *where, struct plan *pl);
int suite_check_strings(struct loader *L, const cJSON *v, const char *p, const char *key, const char *where);
int suite_check_step(struct loader *L, const cJSON *v, const char *p, const char *key, const char *where);
/* defaults.order and defaults.interleave into L. */
int suite_get_order(struct loader *L, const cJSON *defaults);

/* suite-test.c: checks t->obj at t->path and fills the rest of t. */
int suite_check_test(struct loader *L, struct test_src *t, const struct plan *defaults);

/* suite-variant.c: frees a NULL-ended array of strings (NULL is fine). */
void suite_strv_free(char **v);
/* suite-variant.c: variant number index of a checked test into s. */
int suite_make_spec(struct loader *L, const struct test_src *t, const char *suite_name, size_t index,
                    struct test_spec *s);
/* suite-variant.c: refuses a test whose variants (specs, n of them) share a label. */
int suite_check_variant_labels(struct loader *L, const struct test_src *t, const struct test_spec *specs, size_t n);

/* suite-preset.c: the message for a name that is neither a file nor a preset; returns -1. */
int suite_unknown_preset(const char *name, char *why, size_t whylen);

#endif
