/* check-report REPORT.json: recomputes every test's statistics from the samples the report
 * itself lists and checks the report's figures against them (to 1e-9, relative). Prints
 * "N tests checked" and exits 0, or names the first field that disagrees and exits 1. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "stats.h"

static int same(double a, double b)
{
	if (isnan(a) && isnan(b))
		return 1;
	return fabs(a - b) <= 1e-9 * (fabs(b) > 1 ? fabs(b) : 1);
}

static double num(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: check-report REPORT.json\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	static char text[1 << 22];
	size_t len = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[len] = '\0';
	cJSON *root = cJSON_Parse(text);
	const cJSON *tests = cJSON_GetObjectItemCaseSensitive(root, "tests");
	if (!cJSON_IsArray(tests)) {
		fprintf(stderr, "%s: no tests array\n", argv[1]);
		return 1;
	}
	int n = 0;
	const cJSON *t;
	cJSON_ArrayForEach(t, tests) {
		const cJSON *samples = cJSON_GetObjectItemCaseSensitive(t, "samples");
		const cJSON *st = cJSON_GetObjectItemCaseSensitive(t, "stats");
		int ns = cJSON_GetArraySize(samples);
		double *x = calloc(ns ? (size_t)ns : 1, sizeof *x);
		for (int i = 0; i < ns; i++)
			x[i] = cJSON_GetArrayItem(samples, i)->valuedouble;
		struct stats s;
		stats_compute(x, (size_t)ns, &s);
		free(x);
		const char *name = cJSON_GetObjectItemCaseSensitive(t, "name")->valuestring;
		struct { const char *k; double want; } fields[] = {
			{ "n", (double)s.n }, { "min", s.min }, { "max", s.max }, { "mean", s.mean },
			{ "median", s.median }, { "stdev", s.stdev }, { "p5", s.p5 }, { "p95", s.p95 },
			{ "p99", s.p99 }, { "mad", s.mad }, { "outliers", (double)s.outliers },
		};
		for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
			if (ns && !same(num(st, fields[i].k), fields[i].want)) {
				fprintf(stderr, "%s: test %s: stats.%s is %.17g, its samples give %.17g\n", argv[1], name,
				        fields[i].k, num(st, fields[i].k), fields[i].want);
				return 1;
			}
		const cJSON *ci = cJSON_GetObjectItemCaseSensitive(st, "ci95");
		if (s.n >= 2 && (!same(cJSON_GetArrayItem(ci, 0)->valuedouble, s.ci95_lo) ||
		                 !same(cJSON_GetArrayItem(ci, 1)->valuedouble, s.ci95_hi))) {
			fprintf(stderr, "%s: test %s: ci95 disagrees with its samples\n", argv[1], name);
			return 1;
		}
		n++;
	}
	cJSON_Delete(root);
	printf("%d tests checked\n", n);
	return 0;
}
