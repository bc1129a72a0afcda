#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "journal.h"
#include "report-fixture.h"
#include "results.h"

static char dir[256];

static void path_in(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
}

static void append(const char *path, const char *text)
{
	FILE *f = fopen(path, "a");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Runs the fixture's events through results and a journal, as the main thread does; with
 * `upto` only the first upto events (a run killed half-way). */
static int journal_fixture(const char *path, struct run_results *r, int upto)
{
	struct test_info in[FIXTURE_NTESTS];
	struct run_event ev[64];
	char why[256] = "";
	fixture_infos(in);
	CHECK_INT(results_init(r, in, FIXTURE_NTESTS), 0);
	r->started_t = FIXTURE_T0;
	str_copy(r->system.hostname, "bench-01", sizeof r->system.hostname);
	str_copy(r->system.cpu_model, "Fixture CPU", sizeof r->system.cpu_model);
	r->system.cores = 8;
	r->system.mem_total = 17179869184.0;
	str_copy(r->system.kernel, "Linux 6.1.0", sizeof r->system.kernel);
	r->system.ngpus = 1;
	str_copy(r->system.gpus[0], "Test GPU 9000", sizeof r->system.gpus[0]);

	struct journal *j = journal_open(path, r, why, sizeof why);
	CHECK(j != NULL);
	if (!j) {
		fprintf(stderr, "%s\n", why);
		return -1;
	}
	int n = fixture_events(ev);
	if (upto >= 0 && upto < n)
		n = upto;
	for (int i = 0; i < n; i++) {
		results_apply(r, &ev[i]);
		CHECK_INT(journal_event(j, &ev[i], why, sizeof why), 0);
		struct frame f = fixture_frame(40 + i, 1e9 + i * 1e6, 10 + i);
		results_frame(r, &f);
	}
	journal_close(j);
	return 0;
}

static void check_same(const struct run_results *a, const struct run_results *b)
{
	CHECK_INT(a->ntests, b->ntests);
	CHECK_NEAR(a->started_t, b->started_t, 0);
	CHECK_STR(a->benchtop_version, b->benchtop_version);
	CHECK_STR(a->system.hostname, b->system.hostname);
	CHECK_STR(a->system.cpu_model, b->system.cpu_model);
	CHECK_INT(a->system.cores, b->system.cores);
	CHECK_NEAR(a->system.mem_total, b->system.mem_total, 0);
	CHECK_STR(a->system.kernel, b->system.kernel);
	CHECK_INT(a->system.ngpus, b->system.ngpus);
	CHECK_STR(a->system.gpus[0], b->system.gpus[0]);
	for (size_t i = 0; i < a->ntests && i < b->ntests; i++) {
		const struct test_result *x = &a->tests[i], *y = &b->tests[i];
		CHECK_STR(x->info.suite, y->info.suite);
		CHECK_STR(x->info.name, y->info.name);
		CHECK_STR(x->info.kind, y->info.kind);
		CHECK_STR(x->info.metric, y->info.metric);
		CHECK_STR(x->info.unit, y->info.unit);
		CHECK_INT(x->info.higher_is_better, y->info.higher_is_better);
		CHECK_INT(x->info.iterations, y->info.iterations);
		CHECK_INT(x->info.warmup, y->info.warmup);
		CHECK(x->info.max_mean == y->info.max_mean || (isnan(x->info.max_mean) && isnan(y->info.max_mean)));
		CHECK(x->info.min_throughput == y->info.min_throughput ||
		      (isnan(x->info.min_throughput) && isnan(y->info.min_throughput)));
		CHECK_INT(x->status, y->status);
		CHECK_STR(x->error, y->error);
		CHECK_INT(x->warmups_done, y->warmups_done);
		CHECK_INT(x->n, y->n);
		for (size_t k = 0; k < x->n && k < y->n; k++) {
			CHECK_NEAR(x->samples[k], y->samples[k], 0);
			CHECK(x->wall_s[k] == y->wall_s[k] || (isnan(x->wall_s[k]) && isnan(y->wall_s[k])));
			CHECK(x->maxrss[k] == y->maxrss[k] || (isnan(x->maxrss[k]) && isnan(y->maxrss[k])));
		}
		CHECK(x->started_t == y->started_t || (isnan(x->started_t) && isnan(y->started_t)));
		CHECK(x->ended_t == y->ended_t || (isnan(x->ended_t) && isnan(y->ended_t)));
		CHECK(x->stats.mean == y->stats.mean || (isnan(x->stats.mean) && isnan(y->stats.mean)));
		double ma = x->during.n ? x->during.cpu_sum / (double)x->during.n : NAN;
		double mb = y->during.n ? y->during.cpu_sum / (double)y->during.n : NAN;
		CHECK(ma == mb || (isnan(ma) && isnan(mb)));
		CHECK(x->during.cpu_peak == y->during.cpu_peak ||
		      (isnan(x->during.cpu_peak) && isnan(y->during.cpu_peak)));
		CHECK(x->during.mem_peak == y->during.mem_peak ||
		      (isnan(x->during.mem_peak) && isnan(y->during.mem_peak)));
	}
}

static void test_round_trip(void)
{
	char path[512], why[512] = "";
	struct run_results r, back;
	path_in(path, sizeof path, "run-20240501-120000.journal.jsonl");
	if (journal_fixture(path, &r, -1) < 0)
		return;
	/* A crash in the middle of writing a line leaves half of it. */
	append(path, "{\"type\":\"iteration\",\"index\":1,\"iteration\":6,\"warmup\":false,\"val");

	CHECK_INT(journal_load(path, &back, why, sizeof why), 0);
	if (why[0])
		fprintf(stderr, "%s\n", why);
	check_same(&r, &back);
	results_finish(&r);
	results_finish(&back);
	check_same(&r, &back);
	CHECK_STR(test_status_name(back.tests[1].status), "fail");
	CHECK_STR(test_status_name(back.tests[3].status), "skipped");
	CHECK_INT(results_exit_code(&back), results_exit_code(&r));
	results_free(&back);

	/* The journal is there to stay: a second run may not overwrite it. */
	CHECK(journal_open(path, &r, why, sizeof why) == NULL);
	CHECK(strstr(why, path) != NULL);
	results_free(&r);
}

static void test_killed_mid_run(void)
{
	/* kill -9 after the 7th event: test 0 has run 4 of its 5 iterations. */
	char path[512], why[512] = "";
	struct run_results r, back;
	path_in(path, sizeof path, "killed.journal.jsonl");
	if (journal_fixture(path, &r, 7) < 0)
		return;
	CHECK_INT(journal_load(path, &back, why, sizeof why), 0);
	CHECK_INT(back.tests[0].n, 4);
	CHECK_INT(back.tests[0].warmups_done, 1);
	CHECK_INT(back.tests[0].status, TS_RUNNING);
	results_finish(&back);
	/* A cut test keeps what it measured and is no error: the run exits 0. */
	CHECK_STR(test_status_name(back.tests[0].status), "stopped");
	CHECK(strstr(back.tests[0].error, "stopped after 4 of 5") != NULL);
	CHECK_STR(test_status_name(back.tests[1].status), "skipped");
	CHECK_INT(back.tests[0].stats.n, 4);
	results_free(&back);
	results_free(&r);
}

static void test_bad_files(void)
{
	char path[512], why[512] = "";
	struct run_results r;

	path_in(path, sizeof path, "missing.journal.jsonl");
	CHECK_INT(journal_load(path, &r, why, sizeof why), -1);
	CHECK(strstr(why, path) != NULL);
	CHECK(strstr(why, "No such file") != NULL);

	path_in(path, sizeof path, "empty.journal.jsonl");
	append(path, "");
	CHECK_INT(journal_load(path, &r, why, sizeof why), -1);
	CHECK(strstr(why, "not a benchtop journal") != NULL);

	path_in(path, sizeof path, "other.journal.jsonl");
	append(path, "{\"type\":\"something\"}\n");
	CHECK_INT(journal_load(path, &r, why, sizeof why), -1);
	CHECK(strstr(why, "not a benchtop journal") != NULL);

	path_in(path, sizeof path, "schema.journal.jsonl");
	append(path, "{\"type\":\"run\",\"schema\":2}\n");
	CHECK_INT(journal_load(path, &r, why, sizeof why), -1);
	CHECK(strstr(why, "schema 2") != NULL);

	/* A broken line with more after it is damage, not a crash: left out, said with its line. */
	struct journal_extras x;
	char *said = NULL;
	size_t saidlen = 0;
	FILE *m = open_memstream(&said, &saidlen);
	CHECK(m != NULL);
	path_in(path, sizeof path, "damaged.journal.jsonl");
	append(path, "{\"type\":\"run\",\"schema\":1}\n{\"type\":\"test\",\"index\":0}\n{oops\n"
	       "{\"type\":\"state\",\"index\":0,\"status\":\"pass\"}\n");
	CHECK_INT(journal_load_ex(path, &r, &x, m, "t", why, sizeof why), 0);
	CHECK_INT(x.skipped, 1);
	CHECK_INT(r.tests[0].status, TS_PASS);
	journal_extras_free(&x);
	results_free(&r);

	path_in(path, sizeof path, "index.journal.jsonl");
	append(path, "{\"type\":\"run\",\"schema\":1}\n{\"type\":\"test\",\"index\":0}\n"
	       "{\"type\":\"iteration\",\"index\":5,\"value\":1}\n");
	CHECK_INT(journal_load_ex(path, &r, &x, m, "t", why, sizeof why), 0);
	CHECK_INT(x.skipped, 1);
	journal_extras_free(&x);
	results_free(&r);
	fclose(m);
	CHECK(said && strstr(said, "damaged.journal.jsonl:3: not a JSON object; line skipped\n") != NULL);
	CHECK(said && strstr(said, "index.journal.jsonl:3: test index out of range; line skipped\n") != NULL);
	free(said);

	/* The baseline's figures come back as written, its threshold and alpha with them. */
	path_in(path, sizeof path, "base.journal.jsonl");
	struct run_results base;
	struct test_info bi;
	memset(&bi, 0, sizeof bi);
	str_copy(bi.suite, "s", sizeof bi.suite);
	str_copy(bi.name, "t", sizeof bi.name);
	str_copy(bi.unit, "s", sizeof bi.unit);
	CHECK_INT(results_init(&base, &bi, 1), 0);
	for (int i = 0; i < 5000; i++) {   /* more than one baseline_samples line */
		struct run_event ev = { .type = EV_ITERATION, .test = 0, .iteration = i + 1, .value = 0.1 + i * 1e-7,
		                        .wall_s = NAN, .user_s = NAN, .sys_s = NAN, .maxrss = NAN, .noise = -1 };
		results_apply(&base, &ev);
	}
	struct journal *j = journal_open(path, &base, why, sizeof why);
	CHECK(j != NULL);
	if (j) {
		CHECK_INT(journal_baseline(j, &base, "old.json", 7.5, 0.01, why, sizeof why), 0);
		journal_close(j);
		CHECK_INT(journal_load_ex(path, &r, &x, NULL, NULL, why, sizeof why), 0);
		CHECK_INT(x.has_baseline, 1);
		CHECK_STR(x.baseline_file, "old.json");
		CHECK_NEAR(x.threshold_pct, 7.5, 0);
		CHECK_NEAR(x.alpha, 0.01, 0);
		CHECK_INT(x.baseline.ntests, 1);
		CHECK_INT(x.baseline.tests[0].n, 5000);
		CHECK(x.baseline.tests[0].n == 5000 &&
		      memcmp(x.baseline.tests[0].samples, base.tests[0].samples, 5000 * sizeof(double)) == 0);
		journal_extras_free(&x);
		results_free(&r);
	}
	results_free(&base);

	/* A run line alone (killed before any test line) loads as an empty run. */
	path_in(path, sizeof path, "bare.journal.jsonl");
	append(path, "{\"type\":\"run\",\"schema\":1,\"started_unix\":5}\n{\"type\":\"te");
	CHECK_INT(journal_load(path, &r, why, sizeof why), 0);
	CHECK_INT(r.ntests, 0);
	CHECK_NEAR(r.started_t, 5, 0);
	results_free(&r);
}

static void test_stem(void)
{
	char stem[64];
	journal_stem(stem, sizeof stem, FIXTURE_T0);
	CHECK_INT(strlen(stem), strlen("run-20240501-120000"));
	CHECK(strncmp(stem, "run-2024050", 11) == 0);
	CHECK(stem[12] == '-');
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/benchtop-journal-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror(dir);
		return 99;
	}
	test_round_trip();
	test_killed_mid_run();
	test_bad_files();
	test_stem();
	if (!check_failures && !getenv("KEEP")) {
		char cmd[512];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return check_result();
}
