/* Loading a suite: the document, its defaults, every test checked then expanded into variants. */
#include "config.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file-read.h"
#include "jsonpos.h"
#include "strset.h"
#include "order.h"
#include "suite-private.h"
#include "suite.h"
#include "text-visible.h"
#include "util.h"

#define SUITE_MAX_FILE (16u << 20)
#define DEFAULT_WARMUP 1
#define DEFAULT_ITERATIONS 5
#define DEFAULT_TIMEOUT 60.0

static const char *const top_fields[] = { "name", "defaults", "tests" };
static const char *const default_fields[] = {
	"warmup", "iterations", "min_time", "timeout", "precision", "min_iterations", "max_iterations",
	"max_time", "order", "interleave",
};

static void free_cmd(struct suite_cmd *c)
{
	free(c->shell);
	suite_strv_free(c->argv);
	c->shell = NULL;
	c->argv = NULL;
}

static void free_spec(struct test_spec *t)
{
	suite_strv_free(t->argv);
	free(t->run);
	free_cmd(&t->prepare);
	free_cmd(&t->cleanup);
}

static void stem(const char *path, char *buf, size_t len)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	str_copy(buf, base, len);
	size_t n = strlen(buf);
	while (n > 0 && ((unsigned char)base[n] & 0xC0) == 0x80)
		buf[--n] = '\0';   /* cut before a letter that did not fit, not inside it */
	if (n > 5 && strcmp(buf + n - 5, ".json") == 0)
		buf[n - 5] = '\0';
}

static int load_doc(struct loader *L, const cJSON *root, struct suite *out)
{
	if (!cJSON_IsObject(root))
		return suite_fail(L, NULL, "expected an object with \"name\" and \"tests\" at the top, not %s",
		                  suite_type_name(root));
	if (suite_check_fields(L, root, "", "in the suite", top_fields, COUNT(top_fields)) < 0)
		return -1;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "name");
	if (v) {
		if (!cJSON_IsString(v) || !*v->valuestring)
			return suite_fail(L, "name", "'name' of the suite must be a non-empty string, not %s",
			                  cJSON_IsString(v) ? "an empty string" : suite_type_name(v));
		if (strlen(v->valuestring) >= sizeof out->name)
			return suite_fail(L, "name", "'name' of the suite is longer than %zu bytes", sizeof out->name - 1);
		str_copy(out->name, v->valuestring, sizeof out->name);
	} else {
		stem(L->file, out->name, sizeof out->name);
		/* The name goes into reports, which must be UTF-8 like the suite itself. */
		for (const char *c = out->name; *c;) {
			size_t n = text_visible_letter(c);
			if (!n)
				return suite_fail(L, NULL, "the file's name is not UTF-8 text, so it cannot name the suite: "
				                  "give the suite a \"name\"");
			c += n;
		}
	}

	struct plan defaults = { DEFAULT_WARMUP, DEFAULT_ITERATIONS, 0, DEFAULT_TIMEOUT, NAN, NAN, 0, 0, 0 };
	L->order = ORDER_UNSET;
	L->interleave_tests = 0;
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "defaults"))) {
		if (!cJSON_IsObject(v))
			return suite_fail(L, "defaults", "'defaults' must be an object, not %s", suite_type_name(v));
		if (suite_check_fields(L, v, "defaults", "in 'defaults'", default_fields, COUNT(default_fields)) < 0 ||
		    suite_get_plan(L, v, "defaults", "in 'defaults'", &defaults) < 0 || suite_get_order(L, v) < 0)
			return -1;
	}

	const cJSON *tests = cJSON_GetObjectItemCaseSensitive(root, "tests");
	if (!tests)
		return suite_fail(L, NULL, "the suite has no 'tests' (an array of tests)");
	if (!cJSON_IsArray(tests) || cJSON_GetArraySize(tests) == 0)
		return suite_fail(L, "tests", "'tests' must be a non-empty array of tests, not %s",
		                  cJSON_IsArray(tests) ? "an empty array" : suite_type_name(tests));

	size_t n = (size_t)cJSON_GetArraySize(tests);
	struct test_src *src = calloc(n, sizeof *src);
	if (!src)
		return suite_fail(L, NULL, "out of memory");
	int rc = 0;
	size_t total = 0, i = 0, j;
	struct strset names = { 0 };   /* one pass, not every pair: 100,000 tests load at once */
	for (const cJSON *t = tests->child; t && rc == 0; t = t->next, i++) {
		src[i].obj = t;
		jsonpos_element(src[i].path, sizeof src[i].path, "tests", i);
		rc = suite_check_test(L, &src[i], &defaults);
		int seen = rc == 0 ? strset_add(&names, src[i].name, i, &j) : 0;
		if (seen < 0)
			rc = suite_fail(L, NULL, "out of memory");
		if (seen > 0) {
			char pn[512];
			rc = suite_fail(L, jsonpos_member(pn, sizeof pn, src[i].path, "name"),
			                "duplicate test name '%s' (also %s)", src[i].name, src[j].path);
		}
		if (rc == 0 && total + src[i].matrix.count > SUITE_MAX_VARIANTS * 10)
			rc = suite_fail(L, "tests", "the suite has more than %d test variants", SUITE_MAX_VARIANTS * 10);
		total += src[i].matrix.count;
	}
	strset_free(&names);
	if (rc == 0) {
		out->tests = calloc(total, sizeof *out->tests);
		if (!out->tests)
			rc = suite_fail(L, NULL, "out of memory");
	}
	for (size_t k = 0; rc == 0 && k < n; k++) {
		size_t first = out->ntests;
		for (size_t vi = 0; rc == 0 && vi < src[k].matrix.count; vi++)
			rc = suite_make_spec(L, &src[k], out->name, vi, &out->tests[out->ntests++]);
		if (rc == 0)
			rc = suite_check_variant_labels(L, &src[k], out->tests + first, out->ntests - first);
	}
	for (size_t k = 0; k < n; k++)
		suite_matrix_free(&src[k].matrix);
	free(src);
	return rc;
}

int suite_load_text(const char *text, size_t len, const char *path, struct suite *out,
                    char *why, size_t whylen)
{
	memset(out, 0, sizeof *out);
	str_copy(out->path, path, sizeof out->path);
	struct loader L = { .file = path, .expand_left = SUITE_MAX_EXPANDED, .why = why, .whylen = whylen };
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;   /* a UTF-8 byte order mark; columns on line 1 stay right without it */
		len -= 3;
	}
	if (len >= 2 && ((unsigned char)text[0] == 0xFF || (unsigned char)text[0] == 0xFE) &&
	    ((unsigned char)text[1] ^ (unsigned char)text[0]) == 0x01) {
		snprintf(why, whylen, "%s: the file is UTF-16 (it starts with a UTF-16 byte order mark); "
		         "save it as UTF-8", path);
		text_visible_inplace(why, whylen);
		return -1;
	}
	int line, col;
	char what[200];
	if (jsonpos_scan(&L.pos, text, len, &line, &col, what, sizeof what) < 0) {
		snprintf(why, whylen, "%s:%d:%d: %s", path, line, col, what);
		text_visible_inplace(why, whylen);
		jsonpos_free(&L.pos);
		return -1;
	}
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	int rc;
	if (!root) {
		/* The scanner accepted it, so this is a limit of cJSON's (such as nesting). */
		rc = suite_fail(&L, NULL, "the JSON parser gave up near byte %td", end ? end - text : (ptrdiff_t)0);
	} else {
		rc = load_doc(&L, root, out);
		cJSON_Delete(root);
	}
	jsonpos_free(&L.pos);
	if (rc < 0)
		suite_free(out);
	return rc;
}

int suite_load(const char *name_or_path, struct suite *out, char *why, size_t whylen)
{
	memset(out, 0, sizeof *out);
	char path[600];
	size_t len = strlen(name_or_path);
	if (strchr(name_or_path, '/') || (len >= 5 && strcmp(name_or_path + len - 5, ".json") == 0)) {
		if (len >= sizeof out->path) {
			/* Never a prefix of it: that would be another file. */
			snprintf(why, whylen, "suite path longer than %zu bytes: %.60s...", sizeof out->path - 1,
			         text_visible((char[128]){ 0 }, 128, name_or_path));
			return -1;
		}
		str_copy(path, name_or_path, sizeof path);
	} else if (suite_preset_path(name_or_path, path, sizeof path) < 0) {
		return suite_unknown_preset(name_or_path, why, whylen);
	}
	char *text;
	if (file_read_capped(path, SUITE_MAX_FILE, "a suite file", &text, &len, why, whylen) < 0) {
		/* "quick.json" with no such file here may mean the preset. */
		char name[64], preset[600];
		stem(name_or_path, name, sizeof name);
		if (!strchr(name_or_path, '/') && errno == ENOENT && suite_preset_path(name, preset, sizeof preset) == 0) {
			size_t n = strlen(why);
			snprintf(why + n, whylen - n, " (for the preset, write '%s')", name);
		}
		return -1;
	}
	int rc = suite_load_text(text, len, path, out, why, whylen);
	free(text);
	return rc;
}

void suite_free(struct suite *s)
{
	for (size_t i = 0; i < s->ntests; i++)
		free_spec(&s->tests[i]);
	free(s->tests);
	s->tests = NULL;
	s->ntests = 0;
}
