/* How often compare's verdicts are right, on reports of samples drawn from a seeded model of
 * `sleep D` on a busy machine (D plus start-up cost, jitter, and a tail of late wake-ups):
 * - 40 trials of the same command: no more "regressed" than p < 0.05 allows, with the default
 *   tolerance and with none;
 * - 40 trials of sleep 0.010 against 0.011, 20 samples a side: found in at least 95 %;
 * - 3 samples a side: "too few samples", never "unchanged";
 * - one test of 10,000 variants pairs every variant (bench/compare-variants.sh times it). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootstrap.h"
#include "capture.h"
#include "check.h"
#include "cmd-compare.h"
#include "export.h"
#include "report-fixture.h"
#include "results.h"

#define TRIALS 40

static char dir[256];
static char out_text[1 << 20], err_text[1 << 14];

static double uniform(uint64_t *s)
{
	return ((double)(bootstrap_next(s) >> 11) + 0.5) / 9007199254740992.0;
}

/* One measured `sleep d`, in seconds. */
static double sleep_sample(double d, uint64_t *s)
{
	double normal = sqrt(-2.0 * log(uniform(s))) * cos(6.283185307179586 * uniform(s));
	double v = d + 0.0004 + fabs(normal) * 0.00015;
	if (uniform(s) < 0.1)
		v += -log(uniform(s)) * 0.001;    /* a late wake-up */
	return v;
}

/* A report of ntests tests "sleep" with variants {"n": i}, each with n samples from value(). */
static void write_report(const char *path, size_t ntests, int n, double d, uint64_t *s)
{
	struct test_info *in = calloc(ntests, sizeof *in);
	struct run_results r;
	char why[512] = "", variant[64];
	for (size_t i = 0; i < ntests; i++) {
		snprintf(variant, sizeof variant, ntests > 1 ? "{\"n\": %zu}" : "{}", i);
		in[i] = fixture_info("trial", "sleep", "command", variant, "wall_time", "s", 0);
	}
	CHECK_INT(results_init(&r, in, ntests), 0);
	r.started_t = FIXTURE_T0;
	for (size_t i = 0; i < ntests; i++) {
		struct run_event ev = fixture_state((int)i, TS_RUNNING, 1, NULL);
		results_apply(&r, &ev);
		for (int k = 0; k < n; k++) {
			/* The variants of the big report all alike, so they compare unchanged. */
			double v = ntests > 1 ? 0.01 * (1.0 + 0.001 * k) : sleep_sample(d, s);
			ev = fixture_iter((int)i, k + 1, 0, 2, v, 0);
			results_apply(&r, &ev);
		}
		ev = fixture_state((int)i, TS_PASS, 3, NULL);
		results_apply(&r, &ev);
	}
	results_finish(&r);
	CHECK_INT(export_path(path, &r, why, sizeof why), 0);
	results_free(&r);
	free(in);
}

static const char *threshold = "5";

static int compare_files(const char *a, const char *b)
{
	const char *argv[] = { "compare", a, b, "--threshold", threshold };
	return capture_cmd(cmd_compare, 5, argv, dir, out_text, sizeof out_text, err_text, sizeof err_text);
}

/* How many of TRIALS comparisons of d_old against d_new, n samples a side, exit 1. */
static int trials(double d_old, double d_new, int n, uint64_t seed, int *too_few)
{
	char a[512], b[512];
	snprintf(a, sizeof a, "%s/a.json", dir);
	snprintf(b, sizeof b, "%s/b.json", dir);
	uint64_t s = seed;
	int regressed = 0;
	*too_few = 0;
	for (int t = 0; t < TRIALS; t++) {
		write_report(a, 1, n, d_old, &s);
		write_report(b, 1, n, d_new, &s);
		int rc = compare_files(a, b);
		CHECK(rc == 0 || rc == 1);
		regressed += rc == 1;
		*too_few += strstr(out_text, "too few samples\n") != NULL;
	}
	return regressed;
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/benchtop-trials-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror(dir);
		return 99;
	}
	int too_few;
	/* Same command: at p < 0.05 two-sided, a regression by chance has 2.5 % a trial (1 in 40
	 * expected); 5 or more would happen by chance 0.3 % of the time. */
	int false_alarms = trials(0.010, 0.010, 20, 1, &too_few);
	printf("same command: %d of %d trials regressed\n", false_alarms, TRIALS);
	CHECK(false_alarms <= 4);
	CHECK_INT(too_few, 0);
	/* The same without a tolerance: the U test alone. */
	threshold = "0";
	false_alarms = trials(0.010, 0.010, 20, 5, &too_few);
	printf("same command, no tolerance: %d of %d trials regressed\n", false_alarms, TRIALS);
	CHECK(false_alarms <= 4);
	threshold = "5";

	int found = trials(0.010, 0.011, 20, 2, &too_few);
	printf("sleep 0.010 against 0.011: %d of %d trials regressed\n", found, TRIALS);
	CHECK(found >= TRIALS * 95 / 100);

	int few_regressed = trials(0.010, 0.011, 3, 3, &too_few);
	printf("3 samples a side: %d of %d trials too few samples, %d regressed\n", too_few, TRIALS, few_regressed);
	CHECK_INT(too_few, TRIALS);
	CHECK_INT(few_regressed, 0);
	CHECK(strstr(out_text, "unchanged\n") == NULL);

	/* 10,000 variants of one test, each paired with its own. */
	char a[512], b[512];
	uint64_t s = 4;
	snprintf(a, sizeof a, "%s/wide-a.json", dir);
	snprintf(b, sizeof b, "%s/wide-b.json", dir);
	write_report(a, 10000, 4, 0.01, &s);
	write_report(b, 10000, 4, 0.01, &s);
	CHECK_INT(compare_files(a, b), 0);
	CHECK(strstr(out_text, "0 regressed, 0 improved, 10000 unchanged, 0 new, 0 gone\n") != NULL);
	CHECK(strstr(out_text, "trial/sleep n=9999 ") != NULL);

	if (!check_failures && !getenv("KEEP")) {
		char cmd[512];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return check_result();
}
