/* kernel.h - built-in tests: one kernel, two modes.
 *
 * Every built-in test is a `const struct kernel_class` in its own suites/kernel-*.c, listed
 * once in kernel_table (suites/kernels.c). The runner uses it as a benchmark: setup (untimed),
 * then `iterate` once per iteration, which does a fixed amount of work, times itself on
 * CLOCK_MONOTONIC and reports the metric in `unit`. Stress workers use it continuously:
 * setup with threads = 1, then `step` in a loop, each call a slice of about a millisecond
 * of work, returning how many work units it did (reported as step_unit per second), or a
 * negative number with why when it cannot go on (a disk that is full).
 *
 * A context belongs to one runner or stress thread; kernels that take a `threads` param
 * start and join their own threads inside iterate. Work must be counted exactly and must
 * not be removable by the compiler (results feed a volatile sink or are checked).
 */
#ifndef BENCHTOP_KERNEL_H
#define BENCHTOP_KERNEL_H

#include <stdatomic.h>
#include <stddef.h>

#define KERNEL_MAX_PARAMS 8
#define KERNEL_TEXT_MAX 48           /* a text param's longest value, with its NUL */

enum kernel_param_type {
	KPARAM_INT,          /* whole number */
	KPARAM_SIZE,         /* bytes; suites may write "64K", "256M", "1G" */
	KPARAM_DOUBLE,
	KPARAM_TEXT,         /* a word, checked by the param's check hook ("all", "0000:3b:00.0") */
};

struct kernel_param {
	const char *name;
	enum kernel_param_type type;
	double def, min, max;
	const char *unit;    /* "", "bytes", "threads" ... for --list */
	const char *help;
	const char *text_def;              /* KPARAM_TEXT: the default (def, min, max unused) */
	int (*check)(const char *text, char *why, size_t whylen);  /* KPARAM_TEXT: 0 or -1 */
	double multiple;                   /* KPARAM_SIZE: must be a multiple of this (0: any), never rounded */
};

struct kernel_class;

struct kernel_ctx {
	const struct kernel_class *cls;
	double param[KERNEL_MAX_PARAMS];   /* in the order of cls->params */
	char text[KERNEL_MAX_PARAMS][KERNEL_TEXT_MAX];  /* KPARAM_TEXT values, same order */
	const atomic_int *stop;            /* nonzero: give up soon, iterate returns -1 */
	const char *tmpdir;                /* where disk kernels put their (anonymous) files */
	void *priv;                        /* the kernel's own state, from setup */
	/* Memory a stressor lends its worker's kernel (memory.pattern): mapped, touched and resized
	 * by the stressor between steps; NULL: the kernel uses its own. worker seeds what differs
	 * between a stressor's workers. */
	unsigned char *mem;
	size_t mem_len;
	int worker;
	long long held;                    /* bytes a stress step keeps now (disk.seq's file so far) */
	char why[200];                     /* reason when a call returns -1 */
	char note[200];                    /* iterate may leave a line for the log ("= 91 % of peak") */
};

struct kernel_class {
	const char *name;                  /* "cpu.float" */
	const char *help;                  /* one line for --list */
	const char *metric;                /* "throughput", "bandwidth", "latency", ... */
	const char *unit;                  /* "GFLOP/s", "GB/s", "ns" ... */
	int higher_is_better;
	const struct kernel_param *params; /* terminated by an entry with name NULL */
	int    (*setup)(struct kernel_ctx *k);                 /* 0, or -1 with why */
	int    (*iterate)(struct kernel_ctx *k, double *value);/* 0, or -1 with why */
	double (*step)(struct kernel_ctx *k);                  /* NULL: no stress mode */
	const char *step_unit;             /* "Mops", "MB" ... one unit of step's return */
	void   (*teardown)(struct kernel_ctx *k);
	/* NULL: always there. Else 0, or -1 with why when this machine cannot run the kernel
	 * (no libcuda): --list says so and a suite's test of it is skipped, not failed. */
	int    (*available)(char *why, size_t whylen);
};

extern const struct kernel_class *const kernel_table[];  /* NULL-terminated */

const struct kernel_class *kernel_find(const char *name);
/* Index of a param by name, or -1. */
int kernel_param_index(const struct kernel_class *cls, const char *name);
/* Fills k with defaults for cls; stop may be NULL. */
void kernel_ctx_init(struct kernel_ctx *k, const struct kernel_class *cls, const atomic_int *stop);

#endif
