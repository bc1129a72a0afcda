/* `benchtop compare` at the edges of its intervals: a new sample at or below 0 (the ratio has
 * no log in some bootstrap rounds) and a side with one sample (a bootstrap of one value says
 * nothing). The geomean's point and interval cover the same tests, and the point lies inside
 * its interval. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "capture.h"
#include "check.h"
#include "cmd-compare.h"

static char dir[256];
static char out_text[1 << 16], err_text[1 << 14];

/* One test of a report: its name, unit, direction and samples (a JSON list). */
struct jtest { const char *name, *unit, *better, *samples; };

static void write_json(const char *path, const struct jtest *t, size_t n)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(99);
	}
	fputs("{\"schema\":1,\"started_unix\":1796228254,\"system\":{\"hostname\":\"vm\"},\"tests\":[", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s{\"suite\":\"s\",\"name\":\"%s\",\"kind\":\"shell\",\"variant\":{},\"metric\":\"m\","
		        "\"unit\":\"%s\",\"better\":\"%s\",\"status\":\"pass\",\"samples\":[%s]}",
		        i ? "," : "", t[i].name, t[i].unit, t[i].better, t[i].samples);
	fputs("]}\n", f);
	fclose(f);
}

static int run_compare(int argc, const char **argv)
{
	return capture_cmd(cmd_compare, argc, argv, dir, out_text, sizeof out_text, err_text, sizeof err_text);
}

/* The line of out_text that starts with s. */
static const char *line_starting(const char *s, char *buf, size_t len)
{
	buf[0] = '\0';
	for (const char *p = out_text; *p;) {
		size_t n = strcspn(p, "\n");
		if (strncmp(p, s, strlen(s)) == 0) {
			snprintf(buf, len, "%.*s", (int)n, p);
			break;
		}
		p += n + (p[n] == '\n');
	}
	return buf;
}

/* The geomean of report 1 in --format json: its test count, point and interval. */
static void json_geomean(const char *old_p, const char *new_p, double *ntests, double g[3])
{
	const char *argv[] = { "compare", old_p, new_p, "--format", "json" };
	run_compare(5, argv);
	cJSON *root = cJSON_Parse(out_text);
	const cJSON *geo = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "geomean"), 0);
	const cJSON *ci = cJSON_GetObjectItemCaseSensitive(geo, "change_ci95_pct");
	const cJSON *pt = cJSON_GetObjectItemCaseSensitive(geo, "change_pct");
	const cJSON *count = cJSON_GetObjectItemCaseSensitive(geo, "tests");
	*ntests = cJSON_IsNumber(count) ? count->valuedouble : -1;
	g[0] = cJSON_IsNumber(pt) ? pt->valuedouble : NAN;
	g[1] = cJSON_IsNumber(cJSON_GetArrayItem(ci, 0)) ? cJSON_GetArrayItem(ci, 0)->valuedouble : NAN;
	g[2] = cJSON_IsNumber(cJSON_GetArrayItem(ci, 1)) ? cJSON_GetArrayItem(ci, 1)->valuedouble : NAN;
	cJSON_Delete(root);
}

/* A new sample of 0 beside nine of 3: the median ratio is 3, but some bootstrap rounds draw a
 * median of 0, whose log does not exist. The test keeps its own interval and stays out of the
 * geomean, point and interval alike. */
static void test_nonpositive(void)
{
	char old_p[512], new_p[512], line[512];
	snprintf(old_p, sizeof old_p, "%s/zero-old.json", dir);
	snprintf(new_p, sizeof new_p, "%s/zero-new.json", dir);
	const struct jtest old_t[] = {
		{ "z", "s", "lower", "1,1,1,1,1,1,1,1,1,1" },
		{ "q", "s", "lower", "1,1.01,1.02,1.03,1.04,1.05,1.06,1.07" },
	};
	const struct jtest new_t[] = {
		{ "z", "s", "lower", "0,3,3,3,3,3,3,3,3,3" },
		{ "q", "s", "lower", "1,1.01,1.02,1.03,1.04,1.05,1.06,1.07" },
	};
	write_json(old_p, old_t, 2);
	write_json(new_p, new_t, 2);
	const char *argv[] = { "compare", old_p, new_p };
	CHECK_INT(run_compare(3, argv), 1);
	CHECK(strstr(line_starting("s/z ", line, sizeof line), "+200 % [") != NULL);
	line_starting("geomean", line, sizeof line);
	CHECK(strncmp(line, "geomean of 1 ", 13) == 0);
	CHECK(strstr(line, "+0.0 % [") != NULL);
	double n, g[3];
	json_geomean(old_p, new_p, &n, g);
	CHECK_INT(n, 1);
	CHECK(g[1] <= g[0] && g[0] <= g[2]);
	CHECK_NEAR(g[0], 0.0, 1e-9);

	/* With every test in it, the point is still inside the interval. */
	const struct jtest pos_t[] = {
		{ "z", "s", "lower", "3,3,3,3,3,3,3,3,3,2.9" },
		{ "q", "s", "lower", "1,1.01,1.02,1.03,1.04,1.05,1.06,1.07" },
	};
	write_json(new_p, pos_t, 2);
	json_geomean(old_p, new_p, &n, g);
	CHECK_INT(n, 2);
	CHECK(g[0] > 70 && g[1] <= g[0] && g[0] <= g[2]);
}

/* One sample on a side: the change, but no interval, and no part in the geomean. */
static void test_one_sample(void)
{
	char old_p[512], new_p[512], line[512];
	snprintf(old_p, sizeof old_p, "%s/one-old.json", dir);
	snprintf(new_p, sizeof new_p, "%s/one-new.json", dir);
	const struct jtest old_t[] = {
		{ "single", "s", "lower", "1.0" },
		{ "lone", "s", "lower", "1.0,1.01,0.99,1.02,0.98" },
		{ "many", "GB/s", "higher", "10,10.1,9.9,10.2,9.8" },
	};
	const struct jtest new_t[] = {
		{ "single", "s", "lower", "1.094" },
		{ "lone", "s", "lower", "1.5" },
		{ "many", "GB/s", "higher", "10,10.1,9.9,10.2,9.8" },
	};
	write_json(old_p, old_t, 3);
	write_json(new_p, new_t, 3);
	const char *argv[] = { "compare", old_p, new_p };
	CHECK_INT(run_compare(3, argv), 0);
	line_starting("s/single ", line, sizeof line);
	CHECK(strstr(line, "+9.4 %") != NULL);
	CHECK(strchr(line, '[') == NULL);
	CHECK(strchr(line_starting("s/lone ", line, sizeof line), '[') == NULL);
	CHECK(strstr(line, "+50.0 %") != NULL);
	CHECK(strncmp(line_starting("geomean", line, sizeof line), "geomean of 1 ", 13) == 0);
	CHECK(strstr(line, "+0.0 % [") != NULL);

	const char *json[] = { "compare", old_p, new_p, "--format", "json" };
	run_compare(5, json);
	cJSON *root = cJSON_Parse(out_text);
	const cJSON *t;
	int seen = 0;
	cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(root, "tests")) {
		const char *name = cJSON_GetObjectItemCaseSensitive(t, "name")->valuestring;
		if (strcmp(name, "single") && strcmp(name, "lone"))
			continue;
		seen++;
		const cJSON *ci = cJSON_GetObjectItemCaseSensitive(t, "change_ci95_pct");
		CHECK(cJSON_IsNull(cJSON_GetArrayItem(ci, 0)) && cJSON_IsNull(cJSON_GetArrayItem(ci, 1)));
		CHECK(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(t, "change_pct")));
	}
	CHECK_INT(seen, 2);
	cJSON_Delete(root);

	/* Only single-sample tests: no geomean at all, rather than one without an interval. */
	write_json(old_p, old_t, 1);
	write_json(new_p, new_t, 1);
	double n, g[3];
	json_geomean(old_p, new_p, &n, g);
	CHECK_INT(n, 0);
	CHECK(isnan(g[0]) && isnan(g[1]) && isnan(g[2]));
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/benchtop-geomean-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror(dir);
		return 99;
	}
	test_nonpositive();
	test_one_sample();
	if (check_failures) {
		fputs(out_text, stderr);
	} else {
		char cmd[512];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return check_result();
}
