/* suite.h - suite files: load, validate, expand the matrix, describe every test variant.
 *
 * A suite is a JSON file (man 5 benchtop-suite) or the name of a preset, suites/NAME.json
 * looked up in $BENCHTOP_DATA_DIR/suites, the source tree, then the installed data dir.
 * suite_load checks everything before anything runs: a bad file yields one message naming
 * the file, the line and column, the JSON path and what was expected, and no suite.
 * Each matrix combination becomes its own test_spec, in the order the tests and the
 * matrix keys are written (the first key varies slowest). The main thread loads suites;
 * the runner reads the specs and never changes them; suite_free releases everything.
 */
#ifndef BENCHTOP_SUITE_H
#define BENCHTOP_SUITE_H

#include <stddef.h>

#include "kernel.h"
#include "results.h"
#include "stress.h"

#define SUITE_MAX_VARIANTS 10000      /* per test: more is almost surely a mistake */
#define SUITE_MAX_ITERATIONS 1000000

/* A prepare or cleanup step: a /bin/sh string, or an argv run without a shell. */
struct suite_cmd {
	char *shell;                  /* NULL when argv is used (or when there is no step) */
	char **argv;                  /* NULL-terminated; NULL when shell is used */
};


struct test_spec {
	struct test_info info;        /* name, kind, variant, metric, planned iterations ... */
	const struct kernel_class *cls;       /* a kernel test; NULL for command and shell */
	double param[KERNEL_MAX_PARAMS];      /* in the order of cls->params */
	char text[KERNEL_MAX_PARAMS][KERNEL_TEXT_MAX];  /* KPARAM_TEXT values, same order */
	char **argv;                  /* command: NULL-terminated, owned */
	char *run;                    /* shell: the /bin/sh -c string, owned */
	struct suite_cmd prepare, cleanup;    /* not timed; both fields NULL when absent */
	struct stress_config stress;  /* background load: the "stress" object, every generator off without */
	int order;                    /* enum run_order of the suite's defaults; -1 when unset */
	int interleave_tests;         /* defaults.interleave "tests": rounds over all its tests */
};

struct suite {
	char name[64];
	char path[512];
	size_t ntests;                /* variants: a 5x4x2 matrix counts 40 */
	struct test_spec *tests;
};

/* name_or_path: a path when it holds a '/' or ends in ".json", else a preset name.
 * 0, or -1 with "FILE:LINE:COL: PATH: what was wrong" (parts unknown are left out). */
int  suite_load(const char *name_or_path, struct suite *out, char *why, size_t whylen);
/* Loads from text already in memory; path only names it in messages. */
int  suite_load_text(const char *text, size_t len, const char *path, struct suite *out,
                     char *why, size_t whylen);
void suite_free(struct suite *s);

/* Each preset once (an earlier directory hides a later one of the same name), by name. */
void suite_presets_each(void (*fn)(void *arg, const char *name, const char *path), void *arg);
/* The file a preset name refers to: 0, or -1 when there is none. */
int  suite_preset_path(const char *name, char *path, size_t len);

#endif
