/* Suite files: defaults, matrices, presets, and a clear message for every kind of mistake. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "suite.h"

static char why[1024];

/* A new private directory /tmp/benchtop-NAME-??????; NULL when it cannot be made. */
static char *temp_dir(char *buf, size_t len, const char *name)
{
	int n = snprintf(buf, len, "/tmp/benchtop-%s-......", name);
	if (n < 6 || (size_t)n >= len)
		return NULL;
	memset(buf + n - 6, 'X', 6);   /* the letters mkdtemp replaces */
	return mkdtemp(buf);
}

static int load(const char *text, struct suite *s)
{
	why[0] = '\0';
	return suite_load_text(text, strlen(text), "suite.json", s, why, sizeof why);
}

/* The load must fail with a message that contains want. */
#define CHECK_BAD(text, want) do { struct suite s_; \
	CHECK_INT(load(text, &s_), -1); \
	if (!strstr(why, want)) { check_failures++; \
		fprintf(stderr, "%s:%d: message \"%s\" lacks \"%s\"\n", __FILE__, __LINE__, why, want); } \
	} while (0)

static void test_defaults(void)
{
	struct suite s;
	CHECK_INT(load("{\"name\": \"quick\", \"tests\": [\n"
	               " {\"name\": \"t\", \"kind\": \"command\", \"argv\": [\"true\"]},\n"
	               " {\"name\": \"sh\", \"kind\": \"shell\", \"run\": \"exit 0\", \"iterations\": 7,\n"
	               "  \"warmup\": 0, \"timeout\": \"500ms\", \"prepare\": [\"echo\", \"hi\"],\n"
	               "  \"cleanup\": \"echo bye\", \"max_mean\": 0.25}]}", &s), 0);
	CHECK_STR(why, "");
	CHECK_INT(s.ntests, 2);
	CHECK_STR(s.name, "quick");
	const struct test_info *a = &s.tests[0].info, *b = &s.tests[1].info;
	CHECK_STR(a->suite, "quick");
	CHECK_STR(a->name, "t");
	CHECK_STR(a->kind, "command");
	CHECK_STR(a->variant, "{}");
	CHECK_STR(a->metric, "wall_time");
	CHECK_STR(a->unit, "s");
	CHECK_INT(a->higher_is_better, 0);
	CHECK_INT(a->warmup, 1);
	CHECK_INT(a->iterations, 5);
	CHECK_NEAR(a->timeout, 60, 0);
	CHECK(isnan(a->min_time));
	CHECK(isnan(a->max_mean));
	CHECK(isnan(a->min_throughput));
	CHECK(s.tests[0].cls == NULL);
	CHECK_STR(s.tests[0].argv[0], "true");
	CHECK(s.tests[0].argv[1] == NULL);
	CHECK(s.tests[0].run == NULL);
	CHECK(!s.tests[0].prepare.shell && !s.tests[0].prepare.argv);
	CHECK_INT(stress_config_any(&s.tests[0].stress), 0);
	CHECK_INT(b->iterations, 7);
	CHECK_INT(b->warmup, 0);
	CHECK_NEAR(b->timeout, 0.5, 1e-12);
	CHECK_NEAR(b->max_mean, 0.25, 0);
	CHECK_STR(s.tests[1].run, "exit 0");
	CHECK(s.tests[1].argv == NULL);
	CHECK_STR(s.tests[1].prepare.argv[1], "hi");
	CHECK_STR(s.tests[1].cleanup.shell, "echo bye");
	suite_free(&s);

	/* Suite-wide defaults, min_time instead of a count, a timeout of 0 meaning none. */
	CHECK_INT(load("{\"defaults\": {\"warmup\": 3, \"iterations\": 0, \"min_time\": \"2s\", \"timeout\": 0},\n"
	               " \"tests\": [{\"name\": \"t\", \"kind\": \"shell\", \"run\": \"true\"}]}", &s), 0);
	CHECK_STR(s.name, "suite");   /* from the file name */
	CHECK_INT(s.tests[0].info.warmup, 3);
	CHECK_INT(s.tests[0].info.iterations, 0);
	CHECK_NEAR(s.tests[0].info.min_time, 2, 0);
	CHECK(isnan(s.tests[0].info.timeout));
	suite_free(&s);
}

static void test_matrix(void)
{
	struct suite s;
	char path[600];
	snprintf(path, sizeof path, "%s/tests/suites/matrix.json", BENCHTOP_SRCDIR);
	CHECK_INT(suite_load(path, &s, why, sizeof why), 0);
	CHECK_INT(s.ntests, 40);
	if (s.ntests != 40)
		return;
	const struct test_spec *t = &s.tests[0];
	CHECK_STR(t->info.variant, "{\"res\":\"480p\",\"spp\":1,\"mode\":\"cpu\"}");
	CHECK_STR(t->argv[0], "render");
	CHECK_STR(t->argv[1], "--res=480p");
	CHECK_STR(t->argv[2], "--spp=1");
	CHECK_STR(t->argv[3], "--cpu");
	CHECK_STR(t->argv[4], "${HOME}");   /* left to a shell */
	CHECK(t->argv[5] == NULL);
	CHECK_STR(t->prepare.shell, "rm -f out-480p-1.png");
	CHECK_STR(t->cleanup.argv[2], "out-480p.png");
	CHECK_STR(s.tests[1].info.variant, "{\"res\":\"480p\",\"spp\":1,\"mode\":\"gpu\"}");
	CHECK_STR(s.tests[1].argv[3], "--gpu");
	CHECK_STR(s.tests[2].info.variant, "{\"res\":\"480p\",\"spp\":4,\"mode\":\"cpu\"}");
	CHECK_STR(s.tests[39].info.variant, "{\"res\":\"2160p\",\"spp\":64,\"mode\":\"gpu\"}");
	CHECK_STR(s.tests[39].argv[1], "--res=2160p");
	CHECK_STR(s.tests[39].argv[2], "--spp=64");
	CHECK_STR(s.tests[39].info.name, "render");
	CHECK_INT(s.tests[39].info.iterations, 5);
	CHECK_NEAR(s.tests[39].info.timeout, 600, 0);
	CHECK_NEAR(s.tests[39].info.max_mean, 0.02, 1e-12);
	CHECK_NEAR(s.tests[39].info.min_throughput, 50, 0);
	CHECK_NEAR(stress_config_value(&s.tests[39].stress, "cpu")->num, 1, 0);
	CHECK_NEAR(stress_config_value(&s.tests[39].stress, "cpu_load")->num, 50, 0);
	CHECK_NEAR(stress_config_value(&s.tests[39].stress, "vm_bytes")->num, 256.0 * 1024 * 1024, 0);
	CHECK_INT(s.tests[39].stress.on, 1);   /* cpu alone */
	/* Every variant is distinct. */
	int same = 0;
	for (size_t i = 0; i < s.ntests; i++)
		for (size_t j = i + 1; j < s.ntests; j++)
			same += strcmp(s.tests[i].info.variant, s.tests[j].info.variant) == 0;
	CHECK_INT(same, 0);
	suite_free(&s);
}

/* Params are checked against whatever kernels this build has, through their tables. */
static void test_kernel_params(void)
{
	const struct kernel_class *cls = NULL;
	const struct kernel_param *kp = NULL;
	for (size_t i = 0; kernel_table[i] && !kp; i++) {
		for (const struct kernel_param *p = kernel_table[i]->params; p && p->name; p++) {
			if (p->min < p->max && p->type != KPARAM_DOUBLE && p->max < 1e15) {
				cls = kernel_table[i];
				kp = p;
				break;
			}
		}
	}
	if (!kp) {
		fprintf(stderr, "no kernel with a whole-number param in this build: params checks skipped\n");
		return;
	}
	char text[1024];
	snprintf(text, sizeof text,
	         "{\"tests\": [{\"name\": \"k\", \"kind\": \"%s\", \"iterations\": 1,\n"
	         "  \"params\": {\"%s\": \"{v}\"}, \"matrix\": {\"v\": [%.0f, \"%.0f\"]}}]}",
	         cls->name, kp->name, kp->min, kp->max);
	struct suite s;
	CHECK_INT(load(text, &s), 0);
	CHECK_STR(why, "");
	if (s.ntests == 2) {
		int k = kernel_param_index(cls, kp->name);
		CHECK(s.tests[0].cls == cls);
		CHECK_STR(s.tests[0].info.metric, cls->metric);
		CHECK_STR(s.tests[0].info.unit, cls->unit);
		CHECK_NEAR(s.tests[0].param[k], kp->min, 0);
		CHECK_NEAR(s.tests[1].param[k], kp->max, 0);
		suite_free(&s);
	}
	snprintf(text, sizeof text,
	         "{\"tests\": [{\"name\": \"k\", \"kind\": \"%s\",\n  \"params\": {\"%s\": %.0f}}]}",
	         cls->name, kp->name, kp->max + 1);
	CHECK_BAD(text, "must be between");
	CHECK_BAD(text, "suite.json:2:14: tests[0].params.");
	snprintf(text, sizeof text,
	         "{\"tests\": [{\"name\": \"k\", \"kind\": \"%s\", \"params\": {\"%sx\": 1}}]}", cls->name, kp->name);
	CHECK_BAD(text, "did you mean");
}

static void test_syntax(void)
{
	char path[600], want[700];
	struct suite s;
	snprintf(path, sizeof path, "%s/tests/suites/trailing-comma.json", BENCHTOP_SRCDIR);
	CHECK_INT(suite_load(path, &s, why, sizeof why), -1);
	snprintf(want, sizeof want, "%s:4:21: expected a value", path);
	CHECK(strncmp(why, want, strlen(want)) == 0);
	if (strncmp(why, want, strlen(want)))
		fprintf(stderr, "got: %s\n", why);

	CHECK_BAD("{\n  \"tests\": [1,2,]\n}", "suite.json:2:17: expected a value");
	CHECK_BAD("{\"name\": \"x\",}", "suite.json:1:14: expected a field name in double quotes");
	CHECK_BAD("{\"name\" \"x\"}", "suite.json:1:9: expected ':'");
	CHECK_BAD("{\"name\": \"x\"\n \"tests\": []}", "suite.json:2:2: expected ',' or '}'");
	CHECK_BAD("{\"name\": \"x", "suite.json:1:10: expected '\"' to end the string");
	CHECK_BAD("{\"name\": 'x'}", "suite.json:1:10: expected a value (strings take double quotes)");
	CHECK_BAD("{\"tests\": [\n", "suite.json:2:1: expected a value, found the end of the file");
	CHECK_BAD("", "suite.json:1:1: expected a value");
	CHECK_BAD("{} {}", "suite.json:1:4: expected the end of the file");
	/* Columns count characters, not bytes. */
	CHECK_BAD("{\"name\": \"\xc3\xa9t\xc3\xa9\", x}", "suite.json:1:17: expected a field name");
	CHECK_BAD("[]", "suite.json: expected an object");
}

static void test_mistakes(void)
{
	char path[600], want[800];
	struct suite s;
	snprintf(path, sizeof path, "%s/tests/suites/unknown-field.json", BENCHTOP_SRCDIR);
	CHECK_INT(suite_load(path, &s, why, sizeof why), -1);
	snprintf(want, sizeof want, "%s:10:7: tests[1].iteratons: unknown field 'iteratons' in test 'x' "
	         "(did you mean 'iterations'?)", path);
	CHECK_STR(why, want);

	snprintf(path, sizeof path, "%s/tests/suites/no-such-suite.json", BENCHTOP_SRCDIR);
	CHECK_INT(suite_load(path, &s, why, sizeof why), -1);
	snprintf(want, sizeof want, "%s: No such file or directory", path);
	CHECK_STR(why, want);

	CHECK_BAD("{\"tests\": [\n {\"name\": \"x\", \"kind\": \"comand\", \"argv\": [\"true\"]}]}",
	          "suite.json:2:16: tests[0].kind: unknown kind 'comand' in test 'x' (did you mean 'command'?)");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"frobnicate\"}]}", "unknown kind 'frobnicate' in test 'x'");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"shell\", \"run\": \"true\",\n \"iterations\": \"5\"}]}",
	          "suite.json:2:2: tests[0].iterations: 'iterations' in test 'x' must be a whole number, not a string");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"shell\", \"run\": \"true\", \"iterations\": 2.5}]}",
	          "'iterations' in test 'x' must be a whole number, not a fraction");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"shell\", \"run\": \"true\", \"iterations\": -1}]}",
	          "'iterations' in test 'x' must be between 0 and 1000000 (got -1)");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"shell\", \"run\": \"true\", \"iterations\": 0}]}",
	          "'iterations' in test 'x' is 0: give 'min_time' too");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"shell\", \"run\": \"true\", \"timeout\": \"5 min\"}]}",
	          "'timeout' in test 'x' must be a number of seconds or a duration like");
	CHECK_BAD("{\"defaults\": {\"warmpu\": 1}, \"tests\": []}",
	          "defaults.warmpu: unknown field 'warmpu' in 'defaults' (did you mean 'warmup'?)");
	CHECK_BAD("{\"nmae\": \"x\", \"tests\": []}", "unknown field 'nmae' in the suite (did you mean 'name'?)");
	CHECK_BAD("{\"tests\": []}", "tests: 'tests' must be a non-empty array of tests, not an empty array");
	CHECK_BAD("{\"name\": \"x\"}", "suite.json: the suite has no 'tests'");
	CHECK_BAD("{\"tests\": [{\"kind\": \"shell\", \"run\": \"true\"}]}", "suite.json:1:12: tests[0]: this test has no 'name'");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"run\": \"true\"}]}", "test 'x' has no 'kind'");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"command\"}]}",
	          "test 'x' of kind 'command' needs 'argv'");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"shell\"}]}", "test 'x' of kind 'shell' needs 'run'");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"shell\", \"run\": \"true\", \"argv\": [\"true\"]}]}",
	          "'argv' is a command test's program and arguments, but test 'x' is of kind 'shell'");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"command\", \"argv\": \"true\"}]}",
	          "'argv' in test 'x' must be an array of strings");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"command\", \"argv\": [\"a\", 2]}]}",
	          "tests[0].argv[1]: 'argv' in test 'x' must hold only strings, not a number");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"shell\", \"run\": \"true\"},\n"
	          "            {\"name\": \"x\", \"kind\": \"shell\", \"run\": \"false\"}]}",
	          "suite.json:2:14: tests[1].name: duplicate test name 'x' (also tests[0])");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"shell\", \"run\": \"true\", \"iterations\": 1,"
	          " \"iterations\": 2}]}", "field 'iterations' appears twice in test 'x'");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"shell\", \"run\": \"true\", \"prepare\": 3}]}",
	          "'prepare' in test 'x' must be a shell command string or an argv array of strings, not a number");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"shell\", \"run\": \"true\", \"stress\": {\"cpus\": 1}}]}",
	          "unknown field 'cpus' in the stress of test 'x' (did you mean 'cpu'?)");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"shell\", \"run\": \"true\", \"stress\": {\"cpu_load\": 150}}]}",
	          "'cpu_load' in the stress of test 'x' must be between 1 and 100 (got 150)");
	/* Thresholds have no upper bound: the message says so, not "between 0 and <infinity>". */
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"shell\", \"run\": \"true\", \"max_mean\": -1}]}",
	          "suite.json:1:58: tests[0].max_mean: 'max_mean' in test 'x' must be at least 0 (got -1)");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"cpu.int\", \"min_throughput\": -1}]}",
	          "tests[0].min_throughput: 'min_throughput' in test 'x' must be at least 0 (got -1)");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"shell\", \"run\": \"true\", \"timeout\": -1}]}",
	          "'timeout' in test 'x' must be between 0 and 31622400 (got -1)");
}

/* Strings must be UTF-8 without NULs: a NUL cut "tr\u0000ue" to "tr", and other bytes reached
 * the reports, which then were not UTF-8. */
static void test_text(void)
{
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"command\",\n  \"argv\": [\"tr\\u0000ue\"]}]}",
	          "suite.json:2:15: expected a character, found \\u0000 (a string cannot hold a NUL)");
	CHECK_BAD("{\"tests\": [{\"name\": \"a\\u0000b\", \"kind\": \"shell\", \"run\": \"true\"},\n"
	          "            {\"name\": \"a\", \"kind\": \"shell\", \"run\": \"true\"}]}",
	          "suite.json:1:23: expected a character, found \\u0000");
	CHECK_BAD("{\"\\u0000\": 1}", "suite.json:1:3: expected a character, found \\u0000");
	CHECK_BAD("{\"tests\": [{\"name\": \"a\xff\", \"kind\": \"command\", \"argv\": [\"true\"]}]}",
	          "suite.json:1:23: expected UTF-8 text, found the byte 0xff (save the file as UTF-8)");
	CHECK_BAD("{\"name\": \"\xc3\xa9\xc3\"}", "suite.json:1:12: expected UTF-8 text, found the byte 0xc3");
	CHECK_BAD("{\"name\": \"\xc0\xaf\"}", "suite.json:1:11: expected UTF-8 text, found the byte 0xc0");   /* overlong */
	CHECK_BAD("{\"name\": \"\xed\xa0\x80\"}", "suite.json:1:11: expected UTF-8 text, found the byte 0xed");   /* a surrogate */
	CHECK_BAD("{\"name\": \"\xf4\x90\x80\x80\"}", "suite.json:1:11: expected UTF-8 text");   /* past U+10FFFF */
	CHECK_BAD("{\"name\": \"\\ud800\"}", "suite.json:1:11: expected a character, found half of a UTF-16 surrogate pair");
	CHECK_BAD("{\"name\": \"\\udc00x\"}", "suite.json:1:11: expected a character, found half of a UTF-16 surrogate pair");

	/* UTF-8 and escapes that are characters pass, decoded. */
	struct suite s;
	CHECK_INT(load("{\"name\": \"\xc3\xa9t\xc3\xa9 \\ud83d\\ude00\", \"tests\": [{\"name\": \"\xf0\x9f\x98\x80 \\u00e9\","
	               " \"kind\": \"command\", \"argv\": [\"true\\u0001\"]}]}", &s), 0);
	CHECK_STR(why, "");
	if (s.ntests == 1) {
		CHECK_STR(s.name, "\xc3\xa9t\xc3\xa9 \xf0\x9f\x98\x80");
		CHECK_STR(s.tests[0].info.name, "\xf0\x9f\x98\x80 \xc3\xa9");
		CHECK_STR(s.tests[0].argv[0], "true\x01");
	}
	suite_free(&s);

	/* Without a "name", the file's name names the suite: it must be UTF-8 too, and a long
	 * one is cut before a letter that does not fit, not inside it. */
	const char *doc = "{\"tests\": [{\"name\": \"t\", \"kind\": \"shell\", \"run\": \"true\"}]}";
	CHECK_INT(suite_load_text(doc, strlen(doc), "dir/x\xff.json", &s, why, sizeof why), -1);
	CHECK_STR(why, "dir/x\\xff.json: the file's name is not UTF-8 text, so it cannot name the suite: "
	          "give the suite a \"name\"");
	char path[128] = "dir/", name[64] = "";
	for (int i = 0; i < 40; i++)
		strcat(path, "\xc3\xa9");
	strcat(path, ".json");
	for (int i = 0; i < 31; i++)
		strcat(name, "\xc3\xa9");
	CHECK_INT(suite_load_text(doc, strlen(doc), path, &s, why, sizeof why), 0);
	CHECK_STR(s.name, name);
	suite_free(&s);
}

static void test_references(void)
{
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"command\",\n"
	          "  \"argv\": [\"echo\", \"{sizee}\"], \"matrix\": {\"size\": [1, 2]}}]}",
	          "suite.json:2:20: tests[0].argv[1]: unknown matrix key '{sizee}' in test 'x' (did you mean '{size}'?)");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"shell\", \"run\": \"echo {n}\"}]}",
	          "unknown matrix key '{n}' in test 'x' (the test has no 'matrix')");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"shell\", \"run\": \"true\", \"cleanup\": \"rm {zzz}\","
	          " \"matrix\": {\"size\": [1]}}]}",
	          "tests[0].cleanup: unknown matrix key '{zzz}' in test 'x' (the matrix has no such key)");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"shell\", \"run\": \"true\", \"matrix\": {\"size\": []}}]}",
	          "matrix key 'size' in test 'x' must be a non-empty array");
	CHECK_BAD("{\"tests\": [{\"name\": \"x\", \"kind\": \"shell\", \"run\": \"true\", \"matrix\": {\"size\": [true]}}]}",
	          "tests[0].matrix.size[0]: values of matrix key 'size' in test 'x' must be strings or numbers");

	/* Shell braces that are not matrix references pass through untouched. */
	struct suite s;
	CHECK_INT(load("{\"tests\": [{\"name\": \"x\", \"kind\": \"shell\", "
	               "\"run\": \"awk '{ print $1 }' {f}; echo ${HOME} {a,b} {1..3}\", \"matrix\": {\"f\": [\"in.txt\"]}}]}",
	               &s), 0);
	if (s.ntests == 1)
		CHECK_STR(s.tests[0].run, "awk '{ print $1 }' in.txt; echo ${HOME} {a,b} {1..3}");
	suite_free(&s);
}

static void preset_seen(void *arg, const char *name, const char *path)
{
	if (strcmp(name, "mine") == 0 && strstr(path, "/suites/mine.json"))
		(*(int *)arg)++;
}

static void test_presets(void)
{
	char dir[64], sub[600], file[700];
	if (!temp_dir(dir, sizeof dir, "suite")) {
		CHECK(0);
		return;
	}
	snprintf(sub, sizeof sub, "%s/suites", dir);
	snprintf(file, sizeof file, "%s/mine.json", sub);
	CHECK_INT(mkdir(sub, 0700), 0);
	FILE *f = fopen(file, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs("{\"name\": \"mine\", \"tests\": [{\"name\": \"t\", \"kind\": \"shell\", \"run\": \"true\"}]}\n", f);
	fclose(f);
	setenv("BENCHTOP_DATA_DIR", dir, 1);

	struct suite s;
	CHECK_INT(suite_load("mine", &s, why, sizeof why), 0);
	CHECK_STR(s.name, "mine");
	CHECK_STR(s.path, file);
	suite_free(&s);
	CHECK_INT(suite_load("mien", &s, why, sizeof why), -1);
	CHECK(strstr(why, "unknown suite 'mien' (did you mean 'mine'?)") != NULL);
	CHECK_INT(suite_load("zzzzzzzz", &s, why, sizeof why), -1);
	CHECK(strstr(why, "unknown suite 'zzzzzzzz'") != NULL && strstr(why, "mine") != NULL);
	CHECK_INT(suite_load("mine.json", &s, why, sizeof why), -1);
	CHECK_STR(why, "mine.json: No such file or directory (for the preset, write 'mine')");
	int seen = 0;
	suite_presets_each(preset_seen, &seen);
	CHECK_INT(seen, 1);

	unlink(file);
	rmdir(sub);
	rmdir(dir);
	unsetenv("BENCHTOP_DATA_DIR");
}

int main(void)
{
	test_defaults();
	test_matrix();
	test_kernel_params();
	test_syntax();
	test_mistakes();
	test_text();
	test_references();
	test_presets();
	return check_result();
}
