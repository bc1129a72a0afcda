/* Checking one test of a suite file: its name, kind, fields of its kind, plan, stress and matrix. */
#include "config.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpos.h"
#include "suggest.h"
#include "suite-private.h"
#include "util.h"

static const char *const test_fields[] = {
	"name", "kind", "params", "argv", "run", "iterations", "warmup", "min_time", "timeout",
	"precision", "min_iterations", "max_iterations", "max_time",
	"prepare", "cleanup", "matrix", "max_mean", "min_throughput", "stress",
};

static size_t list_kinds(const char **names, size_t cap)
{
	size_t n = 0;
	names[n++] = "command";
	names[n++] = "shell";
	for (size_t i = 0; kernel_table[i] && n < cap; i++)
		names[n++] = kernel_table[i]->name;
	return n;
}

/* A test's "stress": its fields are the stress generators' settings (src/stress/stress-*.c). */
static int check_stress(struct loader *L, const cJSON *obj, const char *path, const char *where,
                        struct stress_config *cfg)
{
	enum { MAXN = STRESS_MAX_GENS * STRESS_MAX_PARAMS };
	char names[MAXN][48];
	const char *list[MAXN];
	size_t n = 0;
	for (int g = 0; stress_params(g); g++)
		for (int i = 0; stress_params(g)[i].name && n < MAXN; i++, n++) {
			stress_option_name(g, i, '_', names[n], sizeof names[n]);
			list[n] = names[n];
		}
	if (suite_check_fields(L, obj, path, where, list, n) < 0)
		return -1;
	for (const cJSON *f = obj->child; f; f = f->next) {
		char p[512], text[64], why[240];
		const struct stress_param *sp = stress_option_param(f->string);
		jsonpos_member(p, sizeof p, path, f->string);
		if (cJSON_IsNumber(f) && sp && sp->type != SPARAM_CHOICE &&
		    !(f->valuedouble >= sp->min && f->valuedouble <= sp->max)) {
			char range[128];
			suite_num_text(text, sizeof text, f->valuedouble);
			return suite_fail(L, p, "'%s' %s must be %s (got %s)", f->string, where,
			                  suite_range_text(range, sizeof range, sp->min, sp->max, NULL), text);
		}
		if (cJSON_IsNumber(f))
			suite_num_text(text, sizeof text, f->valuedouble);
		else if (cJSON_IsString(f))
			str_copy(text, f->valuestring, sizeof text);
		else
			return suite_fail(L, p, "'%s' %s must be a number or a string, not %s", f->string, where,
			                  suite_type_name(f));
		if (stress_config_set(cfg, f->string, text, why, sizeof why) < 0)
			return suite_fail(L, p, "'%s' %s: %s", f->string, where, why);
	}
	/* Settings that depend on each other (hdd_bytes and hdd_write_size), as the load would
	 * refuse them when the test runs: at the field to blame, or at "stress" when it was left out. */
	char name[48], p[512], why[240];
	int g, i;
	if (stress_config_validate(cfg, '_', &g, &i, why, sizeof why) < 0) {
		stress_option_name(g, i, '_', name, sizeof name);
		if (cJSON_GetObjectItemCaseSensitive(obj, name))
			jsonpos_member(p, sizeof p, path, name);
		else
			str_copy(p, path, sizeof p);
		return suite_fail(L, p, "'%s' %s: %s", name, where, why);
	}
	return 0;
}

static int load_matrix(struct loader *L, const cJSON *v, const char *p, const char *where,
                       struct suite_matrix *m)
{
	memset(m, 0, sizeof *m);
	m->count = 1;
	if (!v)
		return 0;
	if (!cJSON_IsObject(v))
		return suite_fail(L, p, "'matrix' %s must be an object of value lists, like {\"size\": [1, 2]}, not %s",
		                  where, suite_type_name(v));
	for (const cJSON *k = v->child; k; k = k->next) {
		char pk[512];
		jsonpos_member(pk, sizeof pk, p, k->string);
		if (m->nkeys == SUITE_MATRIX_MAX_KEYS)
			return suite_fail(L, pk, "'matrix' %s has more than %d keys", where, SUITE_MATRIX_MAX_KEYS);
		if (!suite_matrix_key_ok(k->string))
			return suite_fail(L, pk, "matrix key '%s' %s must be a word (letters, digits, '_', '-', '.')",
			                  k->string, where);
		for (size_t j = 0; j < m->nkeys; j++)
			if (strcmp(m->key[j], k->string) == 0)
				return suite_fail(L, pk, "matrix key '%s' appears twice %s", k->string, where);
		if (!cJSON_IsArray(k) || cJSON_GetArraySize(k) == 0)
			return suite_fail(L, pk, "matrix key '%s' %s must be a non-empty array of strings or numbers, not %s",
			                  k->string, where, cJSON_IsArray(k) ? "an empty array" : suite_type_name(k));
		size_t n = (size_t)cJSON_GetArraySize(k), ki = m->nkeys;
		m->key[ki] = k->string;
		m->text[ki] = calloc(n, sizeof (char *));
		m->json[ki] = calloc(n, sizeof (char *));
		m->nkeys++;
		if (!m->text[ki] || !m->json[ki])
			return suite_fail(L, pk, "out of memory");
		size_t i = 0;
		for (const cJSON *e = k->child; e; e = e->next, i++) {
			char pe[512], buf[64];
			jsonpos_element(pe, sizeof pe, pk, i);
			if (cJSON_IsNumber(e) && !isfinite(e->valuedouble)) {
				m->nvalues[ki] = i;
				return suite_fail(L, pe, "values of matrix key '%s' %s must be finite numbers (got a number "
				                  "beyond the range of a double)", k->string, where);
			} else if (cJSON_IsNumber(e)) {
				suite_num_text(buf, sizeof buf, e->valuedouble);
				m->text[ki][i] = strdup(buf);
				m->json[ki][i] = strdup(buf);
			} else if (cJSON_IsString(e)) {
				m->text[ki][i] = strdup(e->valuestring);
				m->json[ki][i] = cJSON_PrintUnformatted(e);
			} else {
				m->nvalues[ki] = i;
				return suite_fail(L, pe, "values of matrix key '%s' %s must be strings or numbers, not %s",
				                  k->string, where, suite_type_name(e));
			}
			m->nvalues[ki] = i + 1;
			if (!m->text[ki][i] || !m->json[ki][i])
				return suite_fail(L, pe, "out of memory");
		}
		if (m->count > SUITE_MAX_VARIANTS / n)
			return suite_fail(L, p, "'matrix' %s makes more than %d variants", where, SUITE_MAX_VARIANTS);
		m->count *= n;
	}
	return 0;
}

int suite_check_test(struct loader *L, struct test_src *t, const struct plan *defaults)
{
	const cJSON *o = t->obj;
	const char *p = t->path;
	if (!cJSON_IsObject(o))
		return suite_fail(L, p, "a test must be an object with at least \"name\" and \"kind\", not %s",
		                  suite_type_name(o));
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(o, "name");
	int named = cJSON_IsString(name) && *name->valuestring;
	if (named)
		snprintf(t->where, sizeof t->where, "in test '%s'", name->valuestring);
	else
		snprintf(t->where, sizeof t->where, "in this test");
	if (suite_check_fields(L, o, p, t->where, test_fields, COUNT(test_fields)) < 0)
		return -1;
	if (!name)
		return suite_fail(L, p, "this test has no 'name'");
	char pn[512];
	jsonpos_member(pn, sizeof pn, p, "name");
	if (!named)
		return suite_fail(L, pn, "'name' of a test must be a non-empty string, not %s",
		                  cJSON_IsString(name) ? "an empty string" : suite_type_name(name));
	if (strlen(name->valuestring) >= sizeof ((struct test_info *)0)->name)
		return suite_fail(L, pn, "test name '%.40s...' is longer than %zu bytes", name->valuestring,
		                  sizeof ((struct test_info *)0)->name - 1);
	t->name = name->valuestring;

	const cJSON *kind = cJSON_GetObjectItemCaseSensitive(o, "kind");
	char pk[512];
	jsonpos_member(pk, sizeof pk, p, "kind");
	if (!kind)
		return suite_fail(L, p, "test '%s' has no 'kind' (\"command\", \"shell\" or a kernel name)", t->name);
	if (!cJSON_IsString(kind))
		return suite_fail(L, pk, "'kind' %s must be a string, not %s", t->where, suite_type_name(kind));
	t->kind = kind->valuestring;
	if (strcmp(t->kind, "command") && strcmp(t->kind, "shell")) {
		t->cls = kernel_find(t->kind);
		if (t->cls && !t->cls->iterate)
			return suite_fail(L, pk, "kernel '%s' %s is a stressor only; it cannot be timed as a test",
			                  t->kind, t->where);
		if (!t->cls) {
			const char *kinds[128];
			size_t n = list_kinds(kinds, COUNT(kinds));
			const char *near = suggest_nearest(t->kind, kinds, n);
			if (near)
				return suite_fail(L, pk, "unknown kind '%s' %s (did you mean '%s'?)", t->kind, t->where, near);
			return suite_fail(L, pk, "unknown kind '%s' %s (\"command\", \"shell\", or a kernel from "
			                  "'benchtop --list')", t->kind, t->where);
		}
	}

	/* Fields that belong to another kind. */
	static const struct { const char *field, *kind, *what; } own[] = {
		{ "argv", "command", "a command test's program and arguments" },
		{ "run", "shell", "a shell test's /bin/sh command" },
		{ "params", NULL, "a kernel test's parameters" },
	};
	for (size_t i = 0; i < COUNT(own); i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, own[i].field);
		int mine = own[i].kind ? strcmp(t->kind, own[i].kind) == 0 : t->cls != NULL;
		char pf[512];
		jsonpos_member(pf, sizeof pf, p, own[i].field);
		if (v && !mine)
			return suite_fail(L, pf, "'%s' is %s, but test '%s' is of kind '%s'", own[i].field, own[i].what,
			                  t->name, t->kind);
		if (!v && mine && own[i].kind)
			return suite_fail(L, p, "test '%s' of kind '%s' needs '%s' (%s)", t->name, t->kind, own[i].field,
			                  own[i].what);
	}
	const cJSON *v;
	char pf[512];
	if ((v = cJSON_GetObjectItemCaseSensitive(o, "argv")) &&
	    suite_check_strings(L, v, jsonpos_member(pf, sizeof pf, p, "argv"), "argv", t->where) < 0)
		return -1;
	if ((v = cJSON_GetObjectItemCaseSensitive(o, "run")) && (!cJSON_IsString(v) || !*v->valuestring))
		return suite_fail(L, jsonpos_member(pf, sizeof pf, p, "run"), "'run' %s must be a non-empty string, not %s",
		                  t->where, cJSON_IsString(v) ? "an empty string" : suite_type_name(v));
	if ((v = cJSON_GetObjectItemCaseSensitive(o, "params"))) {
		jsonpos_member(pf, sizeof pf, p, "params");
		if (!cJSON_IsObject(v))
			return suite_fail(L, pf, "'params' %s must be an object, not %s", t->where, suite_type_name(v));
		const char *names[KERNEL_MAX_PARAMS];
		size_t n = 0;
		for (const struct kernel_param *kp = t->cls->params; kp && kp->name && n < KERNEL_MAX_PARAMS; kp++)
			names[n++] = kp->name;
		char pw[240];
		snprintf(pw, sizeof pw, "in the params of test '%s' (kind '%s')", t->name, t->kind);
		if (suite_check_fields(L, v, pf, pw, names, n) < 0)
			return -1;
		for (const cJSON *e = v->child; e; e = e->next) {
			if (!cJSON_IsNumber(e) && !cJSON_IsString(e))
				return suite_fail(L, jsonpos_member(pf, sizeof pf, pf, e->string),
				                  "param '%s' %s must be a number or a string, not %s", e->string, t->where,
				                  suite_type_name(e));
		}
	}
	for (size_t i = 0; i < 2; i++) {
		const char *key = i ? "cleanup" : "prepare";
		if ((v = cJSON_GetObjectItemCaseSensitive(o, key)) &&
		    suite_check_step(L, v, jsonpos_member(pf, sizeof pf, p, key), key, t->where) < 0)
			return -1;
	}

	t->plan = *defaults;
	int has_iter = cJSON_GetObjectItemCaseSensitive(o, "iterations") != NULL;
	if (suite_get_plan(L, o, p, t->where, &t->plan) < 0)
		return -1;
	if (!(t->plan.min_time > 0) && t->plan.iterations == 0 && !isfinite(t->plan.precision))
		return suite_fail(L, has_iter ? jsonpos_member(pf, sizeof pf, p, "iterations") : p,
		                  "'iterations' %s is 0: give 'min_time' too, or at least 1 iteration", t->where);
	if (t->plan.min_iterations > 0 && t->plan.max_iterations > 0 &&
	    t->plan.min_iterations > t->plan.max_iterations)
		return suite_fail(L, cJSON_GetObjectItemCaseSensitive(o, "max_iterations")
		                   ? jsonpos_member(pf, sizeof pf, p, "max_iterations") : p,
		                  "'max_iterations' %s (%ld) is below 'min_iterations' (%ld)", t->where,
		                  t->plan.max_iterations, t->plan.min_iterations);

	int time_metric = t->cls == NULL || strcmp(t->cls->unit, "s") == 0;
	t->max_mean = NAN;
	t->min_throughput = NAN;
	if (suite_get_quantity(L, o, p, "max_mean", t->where, time_metric ? parse_duration : NULL,
	                       time_metric ? DURATION_TEXT : "a number", 0, HUGE_VAL, &t->max_mean) < 0 ||
	    suite_get_quantity(L, o, p, "min_throughput", t->where, NULL, "a number", 0, HUGE_VAL,
	                       &t->min_throughput) < 0)
		return -1;

	stress_config_init(&t->stress);
	if ((v = cJSON_GetObjectItemCaseSensitive(o, "stress"))) {
		jsonpos_member(pf, sizeof pf, p, "stress");
		char pw[240];
		snprintf(pw, sizeof pw, "in the stress of test '%s'", t->name);
		if (!cJSON_IsObject(v))
			return suite_fail(L, pf, "'stress' %s must be an object like {\"cpu\": 1, \"cpu_load\": 50}, not %s",
			                  t->where, suite_type_name(v));
		if (check_stress(L, v, pf, pw, &t->stress) < 0)
			return -1;
	}
	return load_matrix(L, cJSON_GetObjectItemCaseSensitive(o, "matrix"),
	                   jsonpos_member(pf, sizeof pf, p, "matrix"), t->where, &t->matrix);
}
