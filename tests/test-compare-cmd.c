#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "capture.h"
#include "check.h"
#include "cmd-compare.h"
#include "export.h"
#include "report-fixture.h"
#include "results.h"

static char dir[256];
static const char *hostname = "";
static char out_text[1 << 16], err_text[1 << 14];

/* One test per entry: name, variant, unit, higher, base value (samples spread around it;
 * NAN: none, a test the run never reached). */
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
	str_copy(r.system.hostname, hostname, sizeof r.system.hostname);
	for (size_t i = 0; i < n; i++) {
		static const double spread[] = { 1.0, 1.01, 0.99, 1.02, 0.98, 1.005, 0.995 };
		if (isnan(sp[i].value))
			continue;   /* results_finish calls it skipped */
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

static size_t count_lines(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* --format json, md and csv carry per test the change, its interval, both p values and the verdict. */
static void test_formats(const char *old_p, const char *new_p)
{
	const char *json[] = { "compare", old_p, new_p, "--format", "json" };
	CHECK_INT(run_compare(5, json), 1);
	cJSON *root = cJSON_Parse(out_text);
	CHECK(cJSON_IsObject(root));
	const cJSON *tests = cJSON_GetObjectItemCaseSensitive(root, "tests");
	CHECK_INT(cJSON_GetArraySize(tests), 6);
	const cJSON *t;
	int seen = 0;
	cJSON_ArrayForEach(t, tests) {
		const cJSON *variant = cJSON_GetObjectItemCaseSensitive(t, "variant");
		const cJSON *res = cJSON_GetObjectItemCaseSensitive(variant, "res");
		if (!cJSON_IsNumber(res) || res->valuedouble != 720)
			continue;
		seen++;
		CHECK_STR(cJSON_GetObjectItemCaseSensitive(t, "verdict")->valuestring, "regressed");
		CHECK_NEAR(cJSON_GetObjectItemCaseSensitive(t, "change_pct")->valuedouble, 200.0, 1e-9);
		const cJSON *ci = cJSON_GetObjectItemCaseSensitive(t, "change_ci95_pct");
		CHECK_INT(cJSON_GetArraySize(ci), 2);
		CHECK(cJSON_GetArrayItem(ci, 0)->valuedouble < 200.0 && cJSON_GetArrayItem(ci, 1)->valuedouble > 200.0);
		CHECK(cJSON_GetObjectItemCaseSensitive(t, "p_utest")->valuedouble < 0.05);
		CHECK(cJSON_GetObjectItemCaseSensitive(t, "p_welch")->valuedouble < 0.05);
	}
	CHECK_INT(seen, 1);
	const cJSON *geo = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "geomean"), 0);
	CHECK_INT(cJSON_GetObjectItemCaseSensitive(geo, "tests")->valueint, 4);
	const cJSON *sum = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "summary"), 0);
	CHECK_INT(cJSON_GetObjectItemCaseSensitive(sum, "regressed")->valueint, 1);
	CHECK_INT(cJSON_GetObjectItemCaseSensitive(sum, "new")->valueint, 1);
	cJSON_Delete(root);

	const char *md[] = { "compare", old_p, new_p, "-f", "md" };
	CHECK_INT(run_compare(5, md), 1);
	CHECK(strncmp(out_text, "| test | old median |", 21) == 0);
	CHECK(strstr(out_text, "**REGRESSED**") != NULL);
	CHECK(strstr(out_text, "| geomean |") != NULL);

	const char *csv[] = { "compare", old_p, new_p, "--format=csv" };
	CHECK_INT(run_compare(4, csv), 1);
	CHECK(strncmp(out_text, "report,file,suite,name,variant,", 31) == 0);
	CHECK_INT(count_lines(out_text), 1 + 6 + 1);     /* header, tests, geomean */
	CHECK(strstr(out_text, "\"res=720\",\"s\",7,7,0.02") != NULL);
	/* Figures as the shortest text that reads back exactly, as the report CSV writes them. */
	CHECK(strstr(out_text, "\"res=1080\",\"s\",7,7,0.045,0.045,") != NULL);
	CHECK(strstr(out_text, ",\"regressed\"\n") != NULL);

	const char *bad[] = { "compare", old_p, new_p, "--format", "yaml" };
	CHECK_INT(run_compare(5, bad), 2);
	CHECK(strstr(err_text, "benchtop compare: --format: invalid value 'yaml': expected text, json, md or csv") != NULL);
	const char *alpha[] = { "compare", old_p, new_p, "--alpha", "2" };
	CHECK_INT(run_compare(5, alpha), 2);
	CHECK(strstr(err_text, "--alpha") != NULL);
}

/* Three reports: a column each against the first. */
static void test_several(const char *old_p, const char *new_p)
{
	const char *three[] = { "compare", old_p, new_p, old_p };
	CHECK_INT(run_compare(4, three), 1);
	char line[512];
	line_with("res=720 ", line, sizeof line);
	CHECK(strstr(line, "+200 % [") != NULL && strstr(line, " R ") != NULL);
	CHECK(strstr(line, "+0.0 % [") != NULL);
	CHECK(strstr(out_text, "1: 1 regressed, 1 improved, 2 unchanged, 1 new, 1 gone\n") != NULL);
	CHECK(strstr(out_text, "2: 0 regressed, 0 improved, 5 unchanged, 0 new, 0 gone\n") != NULL);
	CHECK(strstr(line_with("geomean", line, sizeof line), "+0.0 %") != NULL);
	check_width();
	const char *json[] = { "compare", old_p, new_p, old_p, "--format", "json" };
	CHECK_INT(run_compare(6, json), 1);
	cJSON *root = cJSON_Parse(out_text);
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "tests")), 2 * 6);
	CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "reports")), 3);
	cJSON_Delete(root);
}

/* Names from someone else's report never reach the terminal raw. */
static void test_escapes(void)
{
	char evil_p[512];
	snprintf(evil_p, sizeof evil_p, "%s/evil.json", dir);
	const struct spec evil[] = { { "x\x1b]0;pwned\x07\x1b[2J\x9b", "{}", "s", 0, 1 } };
	hostname = "host\x1b[31m";
	write_report(evil_p, evil, 1);
	hostname = "";
	const char *argv[] = { "compare", evil_p, evil_p };
	CHECK_INT(run_compare(3, argv), 0);
	CHECK(strchr(out_text, '\x1b') == NULL && strchr(out_text, '\x07') == NULL);
	CHECK(strstr(out_text, "cpu/x\\x1b]0;pwned") != NULL);   /* the rest is cut to the column */
	CHECK(strstr(out_text, "host\\x1b[31m") != NULL);
	const char *csv[] = { "compare", evil_p, evil_p, "--format", "csv" };
	CHECK_INT(run_compare(5, csv), 0);
	CHECK(strchr(out_text, '\x1b') == NULL);
	CHECK(strstr(out_text, "\"x\\x1b]0;pwned\\x07\\x1b[2J\\x9b\"") != NULL);
	const char *md[] = { "compare", evil_p, evil_p, "--format", "md" };
	CHECK_INT(run_compare(5, md), 0);
	CHECK(strchr(out_text, '\x1b') == NULL);
}

/* The JSON entry of test name in out_text's "tests" (report 1), as a string field. */
static const char *json_field(cJSON *root, const char *name, const char *field)
{
	const cJSON *t;
	cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(root, "tests")) {
		const cJSON *f = cJSON_GetObjectItemCaseSensitive(t, field);
		if (strcmp(cJSON_GetObjectItemCaseSensitive(t, "name")->valuestring, name) == 0)
			return cJSON_IsString(f) ? f->valuestring : cJSON_IsNumber(f) ? "(number)" : "(none)";
	}
	return "(no such test)";
}

/* Tests that get no verdict: a unit that changed (a shell test become a kernel: seconds against
 * Mops/s), and tests without samples, whether both reports have them or one. None of them is
 * regressed, improved or unchanged, and none makes the exit status 1. */
static void test_unjudged(void)
{
	char old_p[512], new_p[512], line[512];
	snprintf(old_p, sizeof old_p, "%s/unjudged-old.json", dir);
	snprintf(new_p, sizeof new_p, "%s/unjudged-new.json", dir);
	const struct spec old_s[] = {
		{ "work", "{}", "s", 0, 0.013 },
		{ "steady", "{}", "s", 0, 0.5 },
		{ "cut", "{}", "s", 0, NAN },           /* skipped on both sides */
		{ "dropped", "{}", "s", 0, NAN },       /* skipped, then gone */
		{ "flipped", "{}", "s", 0, 0.5 },       /* the same unit, read the other way round next */
	};
	const struct spec new_s[] = {
		{ "work", "{}", "Mops/s", 1, 12000 },
		{ "steady", "{}", "s", 0, 0.5 },
		{ "cut", "{}", "s", 0, NAN },
		{ "added", "{}", "s", 0, NAN },         /* new, and skipped */
		{ "flipped", "{}", "s", 1, 0.9 },
	};
	write_report(old_p, old_s, 5);
	write_report(new_p, new_s, 5);

	const char *text[] = { "compare", old_p, new_p };
	CHECK_INT(run_compare(3, text), 0);
	/* The medians in the units the verdict names, plain numbers. */
	CHECK_STR(line_with("cpu/work", line, sizeof line),
	          "cpu/work             0.0130  12000      -                       - unit changed (s \xE2\x86\x92 Mops/s)");
	CHECK(strstr(line_with("cpu/cut", line, sizeof line), " both skipped") != NULL);
	CHECK(strstr(line_with("cpu/added", line, sizeof line), " new (skipped)") != NULL);
	CHECK(strstr(line_with("cpu/dropped", line, sizeof line), " gone (skipped)") != NULL);
	/* +80 % in seconds, now higher is better: neither a regression nor an improvement. */
	CHECK(strstr(line_with("cpu/flipped", line, sizeof line),
	             " unit changed (s, lower \xE2\x86\x92 higher is better)") != NULL);
	CHECK(strstr(out_text, "\n0 regressed, 0 improved, 1 unchanged, 1 new, 1 gone, 1 without samples, "
	             "2 unit changed\n") != NULL);
	CHECK(strstr(line_with("geomean", line, sizeof line), "geomean of 1 ") != NULL);

	const char *json[] = { "compare", old_p, new_p, "--format", "json" };
	CHECK_INT(run_compare(5, json), 0);
	cJSON *root = cJSON_Parse(out_text);
	CHECK_STR(json_field(root, "work", "verdict"), "unit-changed");
	CHECK_STR(json_field(root, "work", "why"), "unit changed (s \xE2\x86\x92 Mops/s)");
	CHECK_STR(json_field(root, "work", "old_unit"), "s");
	CHECK_STR(json_field(root, "work", "new_unit"), "Mops/s");
	CHECK_STR(json_field(root, "work", "change_pct"), "(none)");   /* null */
	CHECK_STR(json_field(root, "flipped", "verdict"), "unit-changed");
	CHECK_STR(json_field(root, "flipped", "why"), "unit changed (s, lower \xE2\x86\x92 higher is better)");
	CHECK_STR(json_field(root, "cut", "verdict"), "no-samples");
	CHECK_STR(json_field(root, "added", "verdict"), "new");
	CHECK_STR(json_field(root, "added", "why"), "new (skipped)");
	CHECK_STR(json_field(root, "dropped", "verdict"), "gone");
	const cJSON *sum = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "summary"), 0);
	CHECK_INT(cJSON_GetObjectItemCaseSensitive(sum, "unchanged")->valueint, 1);
	CHECK_INT(cJSON_GetObjectItemCaseSensitive(sum, "regressed")->valueint, 0);
	CHECK_INT(cJSON_GetObjectItemCaseSensitive(sum, "unit-changed")->valueint, 2);
	CHECK_INT(cJSON_GetObjectItemCaseSensitive(sum, "no-samples")->valueint, 1);
	CHECK_INT(cJSON_GetObjectItemCaseSensitive(sum, "new")->valueint, 1);
	CHECK_INT(cJSON_GetObjectItemCaseSensitive(sum, "gone")->valueint, 1);
	cJSON_Delete(root);

	const char *md[] = { "compare", old_p, new_p, "--format", "md" };
	CHECK_INT(run_compare(5, md), 0);
	CHECK(strstr(line_with("| cpu/work |", line, sizeof line),
	             "| - | - | - | unit changed (s \xE2\x86\x92 Mops/s) |") != NULL);
	CHECK(strstr(line_with("| cpu/added |", line, sizeof line), "| new (skipped) |") != NULL);

	const char *csv[] = { "compare", old_p, new_p, "--format", "csv" };
	CHECK_INT(run_compare(5, csv), 0);
	CHECK(strstr(line_with("\"work\"", line, sizeof line), ",\"s \xE2\x86\x92 Mops/s\",7,7,0.01") != NULL);
	CHECK(strstr(line, ",12000,,,,,,,\"unit-changed\"") != NULL);
	CHECK(strstr(line_with("\"added\"", line, sizeof line), ",\"new\"") != NULL);
	CHECK(strstr(line_with("\"cut\"", line, sizeof line), ",\"no-samples\"") != NULL);
	CHECK(strstr(line_with("\"flipped\"", line, sizeof line),
	             ",\"s, lower \xE2\x86\x92 higher is better\",7,7,") != NULL);
	CHECK(strstr(line, ",\"unit-changed\"") != NULL);

	const char *three[] = { "compare", old_p, new_p, old_p };
	CHECK_INT(run_compare(4, three), 0);
	CHECK(strstr(line_with("cpu/work", line, sizeof line), "- unit changed (s \xE2\x86\x92 Mops/s)") != NULL);
	/* In neither report: no figures, not "+0.0 % [+0.0, +0.0]". */
	CHECK(strstr(line_with("cpu/added", line, sizeof line), "- new ") != NULL);
	CHECK(strstr(line, "+0.0") == NULL);
	/* Why a test has no verdict, as the two-report table says it, where that fits. */
	CHECK(strstr(line, " - new (skipped) ") != NULL);
	CHECK(strstr(line_with("cpu/cut", line, sizeof line), " - both skipped ") != NULL);
	CHECK(strstr(line_with("cpu/dropped", line, sizeof line), " - gone (skipped) ") != NULL);
	CHECK(strstr(line, " - both skipped") != NULL);   /* against the first report itself */
	CHECK(strstr(out_text, "1: 0 regressed, 0 improved, 1 unchanged, 1 new, 1 gone, 1 without samples, "
	             "2 unit changed\n") != NULL);
}

/* Medians as the run table shows them: kernels' throughputs scaled with their unit, not
 * "1.286e+04"; two in a row share the larger's scale, the unit written once; every line within
 * 80 columns, also with three reports. */
static void test_units(void)
{
	char old_p[512], new_p[512], line[512];
	snprintf(old_p, sizeof old_p, "%s/units-old.json", dir);
	snprintf(new_p, sizeof new_p, "%s/units-new.json", dir);
	const struct spec old_s[] = {
		{ "int", "{\"threads\": 8}", "Mops/s", 1, 12860 },
		{ "triad", "{}", "GB/s", 1, 41.5 },
		{ "reads", "{}", "", 1, 67108864 },
		{ "sleep", "{}", "s", 0, 0.9995 },
		{ "huge", "{}", "s", 0, 1e160 },
		{ "share", "{}", "%", 0, 2500000 },
	};
	const struct spec new_s[] = {
		{ "int", "{\"threads\": 8}", "Mops/s", 1, 12900 },
		{ "triad", "{}", "GB/s", 1, 20.75 },
		{ "reads", "{}", "", 1, 67108864 },
		{ "sleep", "{}", "s", 0, 1.2 },
		{ "huge", "{}", "s", 0, 1.5e160 },
		{ "share", "{}", "%", 0, 2600000 },
	};
	write_report(old_p, old_s, 6);
	write_report(new_p, new_s, 6);
	const char *two[] = { "compare", old_p, new_p };
	CHECK_INT(run_compare(3, two), 1);
	/* The columns are as wide as 1.5e+160: the figures come right-aligned in 8. */
	CHECK(strstr(line_with("cpu/int ", line, sizeof line), "    12.86    12.90 Gops/s ") != NULL);   /* name cut */
	CHECK(strstr(line, "e+0") == NULL);
	CHECK(strstr(line_with("cpu/triad", line, sizeof line), "    41.50    20.75 GB/s ") != NULL);
	CHECK(strstr(line_with("cpu/reads", line, sizeof line), "    67.11    67.11 M ") != NULL);
	CHECK(strstr(line_with("cpu/sleep", line, sizeof line), "    1.000    1.200 s ") != NULL);
	CHECK(strstr(line_with("cpu/huge", line, sizeof line), "   1e+160 1.5e+160 s ") != NULL);
	/* Fixed digits up to 1e9, as every other figure benchtop prints: an unscaled unit (%)
	 * keeps 2500000 whole, not 2.5e+06. */
	CHECK(strstr(line_with("cpu/share", line, sizeof line), "  2500000  2600000 % ") != NULL);
	/* The columns line up: every unit starts where the header's does (names not cut). */
	const char *unit_col = strstr(out_text, " unit ");
	CHECK(unit_col != NULL);
	if (unit_col) {
		size_t at = (size_t)(unit_col - out_text) - (size_t)(strstr(out_text, "\ntest ") + 1 - out_text);
		CHECK(strncmp(line_with("cpu/triad", line, sizeof line) + at, " GB/s ", 6) == 0);
		CHECK(strncmp(line_with("cpu/reads", line, sizeof line) + at, " M ", 3) == 0);
	}
	check_width();
	const char *three[] = { "compare", old_p, new_p, old_p };
	CHECK_INT(run_compare(4, three), 1);
	CHECK(strstr(line_with("cpu/int ", line, sizeof line), " 12.86 Gops/s ") != NULL);
	CHECK(strstr(line_with("cpu/triad", line, sizeof line), " 41.5 GB/s ") != NULL);   /* trimmed to fit */
	check_width();
	const char *md[] = { "compare", old_p, new_p, "--format", "md" };
	CHECK_INT(run_compare(5, md), 1);
	CHECK(strstr(line_with("| cpu/int ", line, sizeof line), "| 12.86 Gops/s |") != NULL);
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
	CHECK(strstr(line, " 20.00 60.00 ms ") != NULL);   /* both medians, the unit once */
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
	/* A percentage may carry its sign: 250% lets the change pass as 250 does, 5% not. */
	const char *tolerant_pct[] = { "compare", old_p, new_p, "--threshold", "250%" };
	CHECK_INT(run_compare(5, tolerant_pct), 0);
	const char *strict_pct[] = { "compare", old_p, new_p, "-t", "5%" };
	CHECK_INT(run_compare(5, strict_pct), 1);
	CHECK(strstr(out_text, "a median change beyond 5 %") != NULL);
	const char *two_signs[] = { "compare", old_p, new_p, "--threshold=5%%" };
	CHECK_INT(run_compare(4, two_signs), 2);
	CHECK(strstr(err_text, "--threshold: invalid value '5%%': expected a percentage from 0 to 1000, such as 5 or 5%")
	      != NULL);
	const char *sign_only[] = { "compare", old_p, new_p, "--threshold", "%" };
	CHECK_INT(run_compare(5, sign_only), 2);
	const char *no_pct[] = { "compare", old_p, new_p, "--threshold" };
	CHECK_INT(run_compare(4, no_pct), 2);
	const char *unknown[] = { "compare", old_p, new_p, "--frobnicate" };
	CHECK_INT(run_compare(4, unknown), 2);
	const char *help[] = { "compare", "--help" };
	CHECK_INT(run_compare(2, help), 0);
	CHECK(strstr(out_text, "usage: benchtop compare") != NULL);

	test_formats(old_p, new_p);
	test_several(old_p, new_p);
	test_escapes();
	test_unjudged();
	test_units();

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
