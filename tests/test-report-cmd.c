#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture.h"
#include "check.h"
#include "cmd-report.h"
#include "journal.h"
#include "report-fixture.h"
#include "results.h"

static char dir[256];
static char out_text[1 << 14], err_text[1 << 14];

/* Runs `benchtop report ...` with its output captured in out_text and err_text. */
static int run_report(int argc, const char **argv)
{
	return capture_cmd(cmd_report, argc, argv, dir, out_text, sizeof out_text, err_text, sizeof err_text);
}

/* A journal of the fixture's first `upto` events (all when -1), cut by a crash mid-line. */
static void write_journal(const char *path, int upto)
{
	struct test_info in[FIXTURE_NTESTS];
	struct run_event ev[64];
	struct run_results r;
	char why[256] = "";
	fixture_infos(in);
	CHECK_INT(results_init(&r, in, FIXTURE_NTESTS), 0);
	r.started_t = FIXTURE_T0;
	struct journal *j = journal_open(path, &r, why, sizeof why);
	CHECK(j != NULL);
	if (!j) {
		fprintf(stderr, "%s\n", why);
		results_free(&r);
		return;
	}
	int n = fixture_events(ev);
	if (upto >= 0 && upto < n)
		n = upto;
	for (int i = 0; i < n; i++) {
		results_apply(&r, &ev[i]);
		CHECK_INT(journal_event(j, &ev[i], why, sizeof why), 0);
	}
	journal_close(j);
	FILE *f = fopen(path, "a");
	if (f) {
		fputs("{\"type\":\"iter", f);
		fclose(f);
	}
	results_free(&r);
}

static int exists(const char *d, const char *name)
{
	char p[800];
	struct stat st;
	snprintf(p, sizeof p, "%s/%s", d, name);
	return stat(p, &st) == 0 && st.st_size > 0;
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/benchtop-report-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror(dir);
		return 99;
	}
	char journal[512], outdir[512], passing[512], missing[512];
	snprintf(journal, sizeof journal, "%s/run-20240501-120000.journal.jsonl", dir);
	snprintf(passing, sizeof passing, "%s/run-20240502-080000.journal.jsonl", dir);
	snprintf(outdir, sizeof outdir, "%s/out", dir);
	snprintf(missing, sizeof missing, "%s/run-missing.journal.jsonl", dir);
	write_journal(journal, -1);
	write_journal(passing, 9);   /* killed after the first test passed */

	/* A run with a failed and an errored test: reports written, exit 1. */
	const char *full[] = { "report", journal, "-o", outdir };
	CHECK_INT(run_report(4, full), 1);
	CHECK(exists(outdir, "run-20240501-120000.json"));
	CHECK(exists(outdir, "run-20240501-120000.csv"));
	CHECK(exists(outdir, "run-20240501-120000.md"));
	CHECK(exists(outdir, "run-20240501-120000.xml"));
	CHECK(strstr(out_text, "4 tests: 1 pass, 1 fail, 1 error, 0 timeout, 1 skipped") != NULL);
	CHECK(strstr(out_text, "/out/run-20240501-120000.json\n") != NULL);
	char json[800], text[1 << 14];
	snprintf(json, sizeof json, "%s/run-20240501-120000.json", outdir);
	capture_read(json, text, sizeof text);
	CHECK(strstr(text, "\"status\":\t\"fail\"") != NULL);
	CHECK(strstr(text, "\"status\":\t\"skipped\"") != NULL);

	/* Without -o the reports go next to the journal; a run that only passed exits 0. */
	const char *here[] = { "report", passing };
	CHECK_INT(run_report(2, here), 0);
	CHECK(exists(dir, "run-20240502-080000.json"));
	CHECK(exists(dir, "run-20240502-080000.xml"));
	CHECK(strstr(out_text, "4 tests: 1 pass, 0 fail, 0 error, 0 timeout, 3 skipped") != NULL);

	/* Bad usage and unreadable journals: 2, naming the file. */
	const char *gone[] = { "report", missing, "-o", outdir };
	CHECK_INT(run_report(4, gone), 2);
	CHECK(strstr(err_text, missing) != NULL);
	CHECK(strstr(err_text, "No such file") != NULL);
	const char *none[] = { "report" };
	CHECK_INT(run_report(1, none), 2);
	CHECK(strstr(err_text, "expected a journal") != NULL);
	const char *no_dir[] = { "report", journal, "-o" };
	CHECK_INT(run_report(3, no_dir), 2);
	const char *two[] = { "report", journal, passing };
	CHECK_INT(run_report(3, two), 2);
	const char *unknown[] = { "report", journal, "--bogus" };
	CHECK_INT(run_report(3, unknown), 2);
	char blocked[600];
	snprintf(blocked, sizeof blocked, "%s/sub", journal);
	const char *unwritable[] = { "report", journal, "-o", blocked };
	CHECK_INT(run_report(4, unwritable), 2);
	CHECK(strstr(err_text, "ot a directory") != NULL);

	if (check_failures) {
		fprintf(stderr, "stdout:\n%s\nstderr:\n%s\n", out_text, err_text);
	} else {
		char cmd[512];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return check_result();
}
