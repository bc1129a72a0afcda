/* kernel-run - runs one built-in kernel straight from libbenchtop.a, for the bench scripts.
 *
 *   kernel-run NAME [-n ITERATIONS] [-s SECONDS] [PARAM=VALUE ...]
 *
 * Prints each iteration's value, then "NAME best=… median=… UNIT" (best is the highest or
 * lowest, as the kernel's metric wants). -s runs the stress step for that long instead and
 * prints its rate in step_unit per second. Built by the bench scripts; not installed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"
#include "util.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: kernel-run NAME [-n ITERATIONS] [-s SECONDS] [PARAM=VALUE ...]\n");
		return 2;
	}
	const struct kernel_class *cls = kernel_find(argv[1]);
	if (!cls) {
		fprintf(stderr, "kernel-run: no kernel named %s\n", argv[1]);
		return 2;
	}
	struct kernel_ctx k;
	kernel_ctx_init(&k, cls, NULL);
	k.tmpdir = getenv("TMPDIR");
	long iterations = 5;
	double step_for = 0;
	for (int i = 2; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (!strcmp(argv[i], "-n") && i + 1 < argc) {
			if (parse_long(argv[++i], &iterations) < 0 || iterations < 1)
				return fprintf(stderr, "kernel-run: bad -n\n"), 2;
		} else if (!strcmp(argv[i], "-s") && i + 1 < argc) {
			if (parse_duration(argv[++i], &step_for) < 0)
				return fprintf(stderr, "kernel-run: bad -s\n"), 2;
		} else if (eq) {
			*eq = 0;
			int p = kernel_param_index(cls, argv[i]);
			double v;
			if (p < 0 || parse_size(eq + 1, &v) < 0)
				return fprintf(stderr, "kernel-run: bad param %s\n", argv[i]), 2;
			k.param[p] = v;
		} else {
			return fprintf(stderr, "kernel-run: bad argument %s\n", argv[i]), 2;
		}
	}
	if (cls->setup && cls->setup(&k) < 0) {
		fprintf(stderr, "kernel-run: %s: %s\n", cls->name, k.why);
		return 1;
	}
	int rc = 0;
	if (step_for > 0) {
		if (!cls->step) {
			fprintf(stderr, "kernel-run: %s has no stress step\n", cls->name);
			rc = 1;
		} else {
			double work = 0;
			long steps = 0;
			double t0 = now_mono(), t;
			while ((t = now_mono() - t0) < step_for) {
				double w = cls->step(&k);
				if (w < 0) {
					fprintf(stderr, "kernel-run: %s: %s\n", cls->name, k.why);
					rc = 1;
					break;
				}
				work += w;
				steps++;
			}
			printf("%s step: %.1f %s/s, %.3f ms per step\n", cls->name, work / t,
			       cls->step_unit, t / (double)steps * 1e3);
		}
	} else {
		double *v = calloc((size_t)iterations, sizeof *v), warm;
		if (!v || cls->iterate(&k, &warm) < 0) {
			fprintf(stderr, "kernel-run: %s: %s\n", cls->name, v ? k.why : "out of memory");
			rc = 1;
		}
		for (long i = 0; rc == 0 && i < iterations; i++) {
			double t0 = now_mono();
			if (cls->iterate(&k, &v[i]) < 0) {
				fprintf(stderr, "kernel-run: %s: %s\n", cls->name, k.why);
				rc = 1;
				break;
			}
			printf("%s iteration %ld: %.4g %s (%.3f s)\n", cls->name, i + 1, v[i], cls->unit,
			       now_mono() - t0);
		}
		if (rc == 0) {
			qsort(v, (size_t)iterations, sizeof *v, cmp_double);
			printf("%s best=%.4g median=%.4g %s\n", cls->name,
			       cls->higher_is_better ? v[iterations - 1] : v[0], v[iterations / 2], cls->unit);
		}
		free(v);
	}
	if (cls->teardown)
		cls->teardown(&k);
	return rc;
}
