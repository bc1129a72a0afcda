#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "report-fixture.h"
#include "results.h"
#include "stats.h"

static void test_fixture_run(void)
{
	struct run_results r;
	CHECK_INT(fixture_run(&r), 0);
	CHECK_INT(r.ntests, FIXTURE_NTESTS);

	/* Before the end: statuses as the events left them. */
	CHECK_INT(r.tests[0].status, TS_PASS);
	CHECK_INT(r.tests[3].status, TS_QUEUED);
	CHECK(isnan(r.tests[3].started_t));
	CHECK_INT(results_exit_code(&r), 1);   /* test 2 errored already */

	results_finish(&r);
	const struct test_result *t0 = &r.tests[0], *t1 = &r.tests[1], *t2 = &r.tests[2], *t3 = &r.tests[3];

	/* Warmups are counted, not measured. */
	CHECK_INT(t0->warmups_done, 1);
	CHECK_INT(t0->n, 5);
	CHECK_INT(t1->n, 5);
	CHECK_INT(t1->warmups_done, 0);

	/* The statistics are those of the samples. */
	struct stats s;
	stats_compute(t0->samples, t0->n, &s);
	CHECK_INT(t0->stats.n, 5);
	CHECK_NEAR(t0->stats.mean, s.mean, 1e-12);
	CHECK_NEAR(t0->stats.median, s.median, 1e-12);
	CHECK_NEAR(t0->stats.stdev, s.stdev, 1e-12);
	CHECK_NEAR(t0->samples[4], 0.0113333333333333, 0);
	CHECK_NEAR(t0->wall_s[0], t0->samples[0], 0);
	CHECK_NEAR(t0->user_s[0], t0->samples[0] * 0.25, 1e-15);
	CHECK_NEAR(t0->maxrss[1], 2048.0 * 1024 * 3, 0);
	CHECK(isnan(t1->wall_s[0]));

	/* Times: started at the warmup, ended at the verdict. */
	CHECK_NEAR(t0->started_t, FIXTURE_T0 + 0.1, 1e-6);
	CHECK(t0->ended_t > t0->started_t);
	CHECK_NEAR(t0->ended_t, FIXTURE_T0 + 0.9, 1e-6);

	/* Verdicts: within max_mean passes; below min_throughput fails and says by how much. */
	CHECK_STR(test_status_name(t0->status), "pass");
	CHECK_STR(t0->error, "");
	CHECK_STR(test_status_name(t1->status), "fail");
	CHECK(strstr(t1->error, "min_throughput") != NULL);
	CHECK(strstr(t1->error, "1000") != NULL);
	CHECK(strstr(t1->error, "99.0 %") != NULL);
	CHECK_NEAR(results_throughput(t1), t1->stats.mean, 0);
	CHECK_NEAR(results_throughput(t0), 1.0 / t0->stats.mean, 1e-9);
	CHECK_STR(test_status_name(t2->status), "error");
	CHECK(strstr(t2->error, "exit status 3") != NULL);
	CHECK_STR(test_status_name(t3->status), "skipped");
	CHECK_INT(t3->stats.n, 0);
	CHECK(isnan(t3->stats.mean));
	CHECK_INT(results_exit_code(&r), 1);

	/* Frames count only while a test runs: test 0 saw the frames after events 0..7 (cpu
	 * 40..47), test 1 those after events 9..14. */
	CHECK_INT(t0->during.n, 8);
	CHECK_NEAR(t0->during.cpu_sum / (double)t0->during.n, 43.5, 1e-9);
	CHECK_NEAR(t0->during.cpu_peak, 47, 1e-9);
	CHECK_NEAR(t0->during.mem_peak, 1e9 + 7e6, 1e-3);
	CHECK_INT(t0->during.gpu_n, 8);
	CHECK_NEAR(t0->during.gpu_util_sum / (double)t0->during.gpu_n, 13.5, 1e-9);
	CHECK_INT(t1->during.n, 6);
	CHECK_NEAR(t0->during.gpu_mem_peak, 1e9, 1e-3);
	CHECK_INT(t3->during.n, 0);
	CHECK(isnan(t3->during.cpu_peak));
	results_free(&r);
}

static struct test_info one_info(const char *unit, int higher, double max_mean, double min_tp)
{
	struct test_info in = fixture_info("s", "t", "cpu.float", "{}", "m", unit, higher);
	in.max_mean = max_mean;
	in.min_throughput = min_tp;
	return in;
}

/* One test with the given samples, passed by the runner, then finished. */
static void run_one(struct run_results *r, const struct test_info *in, const double *x, int n)
{
	CHECK_INT(results_init(r, in, 1), 0);
	struct run_event ev = fixture_state(0, TS_RUNNING, 1, NULL);
	results_apply(r, &ev);
	for (int i = 0; i < n; i++) {
		ev = fixture_iter(0, i + 1, 0, 2 + i, x[i], 0);
		results_apply(r, &ev);
	}
	ev = fixture_state(0, TS_PASS, 10, NULL);
	results_apply(r, &ev);
	results_finish(r);
}

static void test_thresholds(void)
{
	struct run_results r;
	const double slow[] = { 0.024, 0.025, 0.026 };   /* mean 25 ms */
	struct test_info in = one_info("s", 0, 0.020, NAN);
	run_one(&r, &in, slow, 3);
	CHECK_INT(r.tests[0].status, TS_FAIL);
	CHECK(strstr(r.tests[0].error, "max_mean") != NULL);
	CHECK(strstr(r.tests[0].error, "25.0 %") != NULL);
	CHECK_INT(results_exit_code(&r), 1);
	results_free(&r);

	in = one_info("s", 0, 0.030, NAN);
	run_one(&r, &in, slow, 3);
	CHECK_INT(r.tests[0].status, TS_PASS);
	CHECK_INT(results_exit_code(&r), 0);
	results_free(&r);

	/* A limit met but for floating error is met: the mean of 0.1 and 0.2 is 0.15000000000000002,
	 * 6.666666666666666 ops/s against 1 / 0.15. */
	const double tenths[] = { 0.1, 0.2 };
	in = one_info("s", 0, 0.15, NAN);
	run_one(&r, &in, tenths, 2);
	CHECK_INT(r.tests[0].status, TS_PASS);
	results_free(&r);
	in = one_info("s", 0, NAN, 1 / 0.15);
	run_one(&r, &in, tenths, 2);
	CHECK_INT(r.tests[0].status, TS_PASS);
	results_free(&r);

	/* A time of 2 ms is 500 ops/s: below 1000. */
	const double ms2[] = { 0.002, 0.002 };
	in = one_info("s", 0, NAN, 1000);
	run_one(&r, &in, ms2, 2);
	CHECK_INT(r.tests[0].status, TS_FAIL);
	CHECK(strstr(r.tests[0].error, "throughput 500 ops/s") != NULL);
	CHECK(strstr(r.tests[0].error, "50.0 %") != NULL);
	results_free(&r);

	/* ... and 0.5 ms is 2000 ops/s, enough; in ns units the same. */
	const double us500[] = { 0.0005, 0.0005 };
	in = one_info("s", 0, NAN, 1000);
	run_one(&r, &in, us500, 2);
	CHECK_INT(r.tests[0].status, TS_PASS);
	CHECK_NEAR(results_throughput(&r.tests[0]), 2000, 1e-6);
	results_free(&r);
	const double ns[] = { 500000, 500000 };
	in = one_info("ns", 0, NAN, 1000);
	run_one(&r, &in, ns, 2);
	CHECK_INT(r.tests[0].status, TS_PASS);
	CHECK_NEAR(results_throughput(&r.tests[0]), 2000, 1e-6);
	results_free(&r);
}

static void test_interrupted(void)
{
	/* The run ends while a test runs: it is stopped, says how far it got, and is no failure;
	 * an empty run is 0. */
	struct run_results r;
	struct test_info in = one_info("s", 0, NAN, NAN);
	CHECK_INT(results_init(&r, &in, 1), 0);
	struct run_event ev = fixture_state(0, TS_RUNNING, 1, NULL);
	results_apply(&r, &ev);
	ev = fixture_iter(0, 1, 0, 2, 0.5, 0);
	results_apply(&r, &ev);
	results_finish(&r);
	CHECK_INT(r.tests[0].status, TS_STOPPED);
	CHECK(strstr(r.tests[0].error, "1 of 5") != NULL);
	CHECK_INT(results_exit_code(&r), 0);
	results_free(&r);

	CHECK_INT(results_init(&r, NULL, 0), 0);
	results_finish(&r);
	CHECK_INT(results_exit_code(&r), 0);
	results_free(&r);

	/* Many samples: the arrays grow. */
	CHECK_INT(results_init(&r, &in, 1), 0);
	for (int i = 0; i < 1000; i++) {
		ev = fixture_iter(0, i + 1, 0, i, i, 0);
		results_apply(&r, &ev);
	}
	ev = fixture_state(0, TS_PASS, 2000, NULL);
	results_apply(&r, &ev);
	results_finish(&r);
	CHECK_INT(r.tests[0].n, 1000);
	CHECK_NEAR(r.tests[0].stats.mean, 499.5, 1e-9);
	CHECK_NEAR(r.tests[0].samples[999], 999, 0);
	results_free(&r);
}

/* The count of finished tests follows every status change, a run anew and the end. */
static void test_finished_count(void)
{
	struct run_results r;
	struct test_info in[3] = { one_info("a", 0, NAN, NAN), one_info("b", 0, NAN, NAN), one_info("c", 0, NAN, NAN) };
	CHECK_INT(results_init(&r, in, 3), 0);
	CHECK_INT(r.nfinished, 0);
	struct run_event ev = fixture_state(0, TS_RUNNING, 1, NULL);
	results_apply(&r, &ev);
	CHECK_INT(r.nfinished, 0);
	ev = fixture_state(0, TS_PASS, 2, NULL);
	results_apply(&r, &ev);
	CHECK_INT(r.nfinished, 1);
	ev = fixture_state(1, TS_ERROR, 3, "no such command");
	results_apply(&r, &ev);
	CHECK_INT(r.nfinished, 2);
	ev = fixture_state(0, TS_QUEUED, 4, NULL);   /* run anew */
	results_apply(&r, &ev);
	CHECK_INT(r.nfinished, 1);
	ev = fixture_state(0, TS_WARMUP, 5, NULL);
	results_apply(&r, &ev);
	CHECK_INT(r.nfinished, 1);
	results_finish(&r);                           /* 0 stopped, 1 error, 2 skipped */
	CHECK_INT(r.nfinished, 3);
	results_free(&r);

	struct run_results f;
	CHECK_INT(fixture_run(&f), 0);
	size_t n = 0;
	for (size_t i = 0; i < f.ntests; i++)
		n += (size_t)test_status_finished(f.tests[i].status);
	CHECK_INT(f.nfinished, n);
	results_free(&f);
}

static void test_names_and_system(void)
{
	CHECK_STR(test_status_name(TS_TIMEOUT), "timeout");
	CHECK_STR(test_status_name(TS_SKIPPED), "skipped");
	CHECK(test_status_finished(TS_PASS));
	CHECK(!test_status_finished(TS_RUNNING));
	CHECK(!test_status_finished(TS_QUEUED));

	struct frame f = fixture_frame(1, 2, 3);
	struct system_info si;
	system_info_collect(&si, &f);
	CHECK(si.hostname[0] != '\0');
	CHECK(si.cores >= 1);
	CHECK(si.mem_total > 1e6);
	CHECK(si.kernel[0] != '\0');
	CHECK_INT(si.ngpus, 1);
	CHECK_STR(si.gpus[0], "Test GPU 9000");
	system_info_collect(&si, NULL);
	CHECK_INT(si.ngpus, 0);
}

int main(void)
{
	test_fixture_run();
	test_thresholds();
	test_interrupted();
	test_finished_count();
	test_names_and_system();
	return check_result();
}
