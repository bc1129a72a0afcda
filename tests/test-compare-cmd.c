#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture.h"
#include "check.h"
#include "cmd-compare.h"
#include "export.h"
#include "report-fixture.h"
#include "results.h"

static char dir[256];
static char out_text[1 << 16], err_text[1 << 14];

/* One test per entry: name, variant, unit, higher, base value (samples spread around it). */
struct spec { const char *name; const char *variant; const char *unit; int higher; double value; };

static void write_report(const char *path, const struct spec *sp, size_t n)
{
	struct test_info in[8];
	struct run_results r;
	char why[512] = "";
	for (size_t i = 0; i < n; i++)
		in[i] = fixture_info("cpu", sp[i].name, "cpu.float", sp[i].variant, "m", sp[i].unit, sp[i].higher);
	CHECK_INT(results_init(&r, in, n), 0);
	r.started_t = FIXTURE_T0;
	for (size_t i = 0; i < n; i++) {
		static const double spread[] = { 1.0, 1.01, 0.99, 1.02, 0.98, 1.005, 0.995 };
		struct run_event ev = fixture_state((int)i, TS_RUNNING, 1, NULL);
		results_apply(&r, &ev);
		for (int k = 0; k < 7; k++) {
			ev = fixture_iter((int)i, k + 1, 0, 2, sp[i].value * spread[k], 0);
			results_apply(&r, &ev);
		}
		ev = fixture_state((int)i, TS_PASS, 3, NULL);
		results_apply(&r, &ev);
	}
	results_finish(&r);
	CHECK_INT(export_path(path, &r, why, sizeof why), 0);
	if (why[0])
		fprintf(stderr, "%s\n", why);
	results_free(&r);
}

/* Runs `benchtop compare ...` with its output captured in out_text and err_text. */
static int run_compare(int argc, const char **argv)
{
	return capture_cmd(cmd_compare, argc, argv, dir, out_text, sizeof out_text, err_text, sizeof err_text);
}

/* The line of out_text that contains s, into buf. */
static const char *line_with(const char *s, char *buf, size_t len)
{
	const char *p = strstr(out_text, s);
	buf[0] = '\0';
	if (!p)
		return buf;
	while (p > out_text && p[-1] != '\n')
		p--;
	size_t n = strcspn(p, "\n");
	snprintf(buf, len, "%.*s", (int)n, p);
	return buf;
}

/* Every line of the table fits 80 columns. */
static void check_width(void)
{
	for (const char *p = out_text; *p;) {
		size_t n = strcspn(p, "\n");
		int cols = 0;
		for (size_t i = 0; i < n; i++)
			cols += ((unsigned char)p[i] & 0xC0) != 0x80;
		if (strncmp(p, "old: ", 5) && strncmp(p, "new: ", 5) && cols > 80) {
			check_failures++;
			fprintf(stderr, "line of %d columns: %.*s\n", cols, (int)n, p);
		}
		p += n + (p[n] == '\n');
	}
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/benchtop-compare-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror(dir);
		return 99;
	}
	char old_p[512], new_p[512], missing[512], line[512];
	snprintf(old_p, sizeof old_p, "%s/old.json", dir);
	snprintf(new_p, sizeof new_p, "%s/new.json", dir);
	snprintf(missing, sizeof missing, "%s/missing.json", dir);

	const struct spec old_s[] = {
		{ "render", "{\"res\": 720}", "s", 0, 0.020 },
		{ "render", "{\"res\": 1080}", "s", 0, 0.045 },
		{ "float", "{}", "GFLOP/s", 1, 10 },
		{ "a test with a name far too long for any column of the table", "{\"mode\": \"gpu\"}", "s", 0, 1 },
		{ "retired", "{}", "s", 0, 1 },
	};
	const struct spec new_s[] = {
		{ "render", "{\"res\":720}", "s", 0, 0.060 },     /* 3x slower */
		{ "render", "{\"res\":1080}", "s", 0, 0.045 },
		{ "float", "{}", "GFLOP/s", 1, 10.02 },
		{ "a test with a name far too long for any column of the table", "{\"mode\": \"gpu\"}", "s", 0, 0.5 },
		{ "fresh", "{}", "s", 0, 1 },
	};
	write_report(old_p, old_s, 5);
	write_report(new_p, new_s, 5);

	const char *regress[] = { "compare", old_p, new_p };
	CHECK_INT(run_compare(3, regress), 1);
	CHECK(strstr(line_with("res=720 ", line, sizeof line), "REGRESSED") != NULL);
	CHECK(strstr(line, "+200 % [") != NULL);
	CHECK(strstr(line, "20 ms") != NULL);
	CHECK(strstr(line, "60 ms") != NULL);
	CHECK(strstr(line_with("res=1080", line, sizeof line), "unchanged") != NULL);
	CHECK(strstr(line_with("cpu/float", line, sizeof line), "unchanged") != NULL);
	CHECK(strstr(line_with("cpu/a test", line, sizeof line), "improved") != NULL);
	CHECK(strstr(line, "\xE2\x80\xA6") != NULL);   /* cut with an ellipsis */
	CHECK(strstr(line_with("cpu/fresh", line, sizeof line), "new") != NULL);
	CHECK(strstr(line_with("cpu/retired", line, sizeof line), "gone") != NULL);
	CHECK(strstr(out_text, "1 regressed, 1 improved, 2 unchanged, 1 new, 1 gone") != NULL);
	check_width();

	/* A report against itself: nothing changed. */
	const char *same[] = { "compare", old_p, old_p };
	CHECK_INT(run_compare(3, same), 0);
	CHECK(strstr(out_text, "REGRESSED") == NULL);
	CHECK(strstr(out_text, "0 regressed, 0 improved, 5 unchanged") != NULL);

	/* A tolerance above the change lets it pass; lower throughput is a regression too. */
	const char *tolerant[] = { "compare", old_p, new_p, "--threshold", "250" };
	CHECK_INT(run_compare(5, tolerant), 0);
	const char *reverse[] = { "compare", new_p, old_p, "--threshold=5" };
	CHECK_INT(run_compare(4, reverse), 1);
	CHECK(strstr(line_with("cpu/a test", line, sizeof line), "REGRESSED") != NULL);
	CHECK(strstr(line_with("res=720 ", line, sizeof line), "improved") != NULL);
	const struct spec slow_s[] = { { "float", "{}", "GFLOP/s", 1, 5 } };
	char slow_p[512];
	snprintf(slow_p, sizeof slow_p, "%s/slow.json", dir);
	write_report(slow_p, slow_s, 1);
	const char *slower[] = { "compare", old_p, slow_p };
	CHECK_INT(run_compare(3, slower), 1);
	CHECK(strstr(line_with("cpu/float", line, sizeof line), "REGRESSED") != NULL);
	CHECK(strstr(line, "-50.0 % [") != NULL);

	/* Unreadable input and bad usage: 2, with a message naming the file. */
	const char *gone[] = { "compare", old_p, missing };
	CHECK_INT(run_compare(3, gone), 2);
	CHECK(strstr(err_text, missing) != NULL);
	CHECK(strstr(err_text, "No such file") != NULL);
	const char *one[] = { "compare", old_p };
	CHECK_INT(run_compare(2, one), 2);
	CHECK(strstr(err_text, "expected two reports") != NULL);
	const char *bad_pct[] = { "compare", old_p, new_p, "--threshold", "five" };
	CHECK_INT(run_compare(5, bad_pct), 2);
	CHECK(strstr(err_text, "five") != NULL);
	const char *no_pct[] = { "compare", old_p, new_p, "--threshold" };
	CHECK_INT(run_compare(4, no_pct), 2);
	const char *unknown[] = { "compare", old_p, new_p, "--frobnicate" };
	CHECK_INT(run_compare(4, unknown), 2);
	const char *help[] = { "compare", "--help" };
	CHECK_INT(run_compare(2, help), 0);
	CHECK(strstr(out_text, "usage: benchtop compare") != NULL);

	if (check_failures) {
		fputs(out_text, stderr);
	} else if (!getenv("KEEP")) {
		char cmd[512];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return check_result();
}
