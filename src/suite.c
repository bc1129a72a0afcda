#include "config.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "file-read.h"
#include "jsonpos.h"
#include "strset.h"
#include "suggest.h"
#include "adaptive.h"
#include "order.h"
#include "suite-matrix.h"
#include "suite.h"
#include "text-visible.h"
#include "util.h"

#define SUITE_MAX_FILE (16u << 20)
#define SUITE_MAX_EXPANDED (64u << 20)   /* bytes all matrix substitutions of a suite read and write */
#define DEFAULT_WARMUP 1
#define DEFAULT_ITERATIONS 5
#define DEFAULT_TIMEOUT 60.0

static const char *const top_fields[] = { "name", "defaults", "tests" };
static const char *const default_fields[] = {
	"warmup", "iterations", "min_time", "timeout", "precision", "min_iterations", "max_iterations",
	"max_time", "order", "interleave",
};
static const char *const test_fields[] = {
	"name", "kind", "params", "argv", "run", "iterations", "warmup", "min_time", "timeout",
	"precision", "min_iterations", "max_iterations", "max_time",
	"prepare", "cleanup", "matrix", "max_mean", "min_throughput", "stress",
};

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

struct loader {
	const char *file;             /* as the user named it */
	int order, interleave_tests;  /* the suite's defaults.order and defaults.interleave */
	struct jsonpos pos;
	size_t expand_left;           /* bytes matrix substitution may still read and write */
	char *why;
	size_t whylen;
};

/* The planned run of a test, from the defaults and then the test itself. */
struct plan {
	long warmup, iterations;
	double min_time, timeout;
	double precision, max_time;   /* NAN when unset */
	long min_iterations, max_iterations;   /* 0 when unset */
	int warmup_auto;
};

__attribute__((format(printf, 3, 4)))
static int fail(struct loader *L, const char *path, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	int line, col;
	if (path && *path && jsonpos_find(&L->pos, path, &line, &col) == 0)
		snprintf(L->why, L->whylen, "%s:%d:%d: %s: %s", L->file, line, col, path, msg);
	else if (path && *path)
		snprintf(L->why, L->whylen, "%s: %s: %s", L->file, path, msg);
	else
		snprintf(L->why, L->whylen, "%s: %s", L->file, msg);
	text_visible_inplace(L->why, L->whylen);   /* names and keys from the file reach a terminal */
	return -1;
}

static const char *type_name(const cJSON *v)
{
	if (cJSON_IsString(v)) return "a string";
	if (cJSON_IsNumber(v)) return "a number";
	if (cJSON_IsBool(v)) return "true/false";
	if (cJSON_IsNull(v)) return "null";
	if (cJSON_IsArray(v)) return "an array";
	if (cJSON_IsObject(v)) return "an object";
	return "something else";
}

static void num_text(char *buf, size_t len, double v)
{
	if (isfinite(v))
		c_snprintf(buf, len, "%.15g", v);
	else
		str_copy(buf, "a number beyond the range of a double", len);
}

/* Every key of obj must be one of names, and appear once. */
static int check_fields(struct loader *L, const cJSON *obj, const char *path, const char *where,
                        const char *const *names, size_t n)
{
	for (const cJSON *f = obj->child; f; f = f->next) {
		char p[512];
		jsonpos_member(p, sizeof p, path, f->string);
		size_t i;
		for (i = 0; i < n; i++)
			if (strcmp(f->string, names[i]) == 0)
				break;
		if (i == n) {
			const char *near = suggest_nearest(f->string, names, n);
			if (near)
				return fail(L, p, "unknown field '%s' %s (did you mean '%s'?)", f->string, where, near);
			char list[300] = "";
			for (i = 0; i < n; i++) {
				strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
				strncat(list, names[i], sizeof list - strlen(list) - 1);
			}
			return fail(L, p, "unknown field '%s' %s (known fields: %s)", f->string, where, list);
		}
		for (const cJSON *g = obj->child; g != f; g = g->next)
			if (strcmp(g->string, f->string) == 0)
				return fail(L, p, "field '%s' appears twice %s", f->string, where);
	}
	return 0;
}

static int is_whole(const cJSON *v)
{
	return cJSON_IsNumber(v) && isfinite(v->valuedouble) && v->valuedouble == trunc(v->valuedouble) &&
	       fabs(v->valuedouble) < 9007199254740992.0;
}

/* A whole number in [min, max]: 1 when present, 0 when absent, -1 on error. */
static int get_whole(struct loader *L, const cJSON *obj, const char *path, const char *key,
                     const char *where, long min, long max, long *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v)
		return 0;
	char p[512];
	jsonpos_member(p, sizeof p, path, key);
	if (!cJSON_IsNumber(v))
		return fail(L, p, "'%s' %s must be a whole number, not %s", key, where, type_name(v));
	if (!(v->valuedouble >= (double)min && v->valuedouble <= (double)max)) {
		char got[48];
		num_text(got, sizeof got, v->valuedouble);
		return fail(L, p, "'%s' %s must be between %ld and %ld (got %s)", key, where, min, max, got);
	}
	if (!is_whole(v))
		return fail(L, p, "'%s' %s must be a whole number, not a fraction", key, where);
	*out = (long)v->valuedouble;
	return 1;
}

/* A number in [min, max], or a string parsed by parse (a duration or a size) when given. */
static int get_quantity(struct loader *L, const cJSON *obj, const char *path, const char *key,
                        const char *where, int (*parse)(const char *, double *), const char *example,
                        double min, double max, double *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v)
		return 0;
	char p[512];
	jsonpos_member(p, sizeof p, path, key);
	double d;
	if (cJSON_IsNumber(v)) {
		d = v->valuedouble;
	} else if (parse && cJSON_IsString(v)) {
		if (parse(v->valuestring, &d) < 0)
			return fail(L, p, "'%s' %s must be %s, not \"%s\"", key, where, example, v->valuestring);
	} else {
		return fail(L, p, "'%s' %s must be %s, not %s", key, where, example, type_name(v));
	}
	if (!isfinite(d))   /* 1e999 reads as infinity, which would pass any "at most" */
		return fail(L, p, "'%s' %s must be a finite number (got a number beyond the range of a double)",
		            key, where);
	if (!(d >= min && d <= max)) {
		char lo[32], hi[32], got[48];
		num_text(lo, sizeof lo, min);
		num_text(hi, sizeof hi, max);
		num_text(got, sizeof got, d);
		return fail(L, p, "'%s' %s must be between %s and %s (got %s)", key, where, lo, hi, got);
	}
	*out = d;
	return 1;
}

#define DURATION_TEXT "a number of seconds or a duration like \"500ms\", \"5s\", \"2m\" or \"1h\""
#define SIZE_TEXT "a number of bytes or a size like \"64K\", \"256M\" or \"1G\""
#define MAX_SECONDS (366.0 * 86400.0)

#define PRECISION_TEXT "a percentage like \"1%\" or a fraction like 0.01"

/* "warmup": a whole number, or "auto" (until steady, at most ADAPTIVE_WARMUP_MAX). */
static int get_warmup(struct loader *L, const cJSON *obj, const char *path, const char *where,
                      struct plan *pl)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "warmup");
	if (cJSON_IsString(v)) {
		if (strcmp(v->valuestring, "auto") != 0)
			return fail(L, jsonpos_member((char[512]){ 0 }, 512, path, "warmup"),
			            "'warmup' %s must be a whole number or \"auto\", not \"%s\"", where, v->valuestring);
		pl->warmup_auto = 1;
		pl->warmup = ADAPTIVE_WARMUP_MAX;
		return 1;
	}
	int rc = get_whole(L, obj, path, "warmup", where, 0, SUITE_MAX_ITERATIONS, &pl->warmup);
	if (rc > 0)
		pl->warmup_auto = 0;
	return rc;
}

/* "precision": "2%" or 0.02, a fraction in (0, 1). */
static int get_precision(struct loader *L, const cJSON *obj, const char *path, const char *where,
                         struct plan *pl)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "precision");
	if (!v)
		return 0;
	char p[512];
	jsonpos_member(p, sizeof p, path, "precision");
	double d = NAN;
	if (cJSON_IsNumber(v))
		d = v->valuedouble;
	else if (!cJSON_IsString(v))
		return fail(L, p, "'precision' %s must be %s, not %s", where, PRECISION_TEXT, type_name(v));
	else if (adaptive_parse_precision(v->valuestring, &d) < 0)
		return fail(L, p, "'precision' %s must be %s between 0 and 100%%, not \"%s\"", where, PRECISION_TEXT,
		            v->valuestring);
	if (!(d > 0 && d < 1)) {
		char got[32];
		num_text(got, sizeof got, d);
		return fail(L, p, "'precision' %s must be %s between 0 and 1 (got %s)", where, PRECISION_TEXT, got);
	}
	pl->precision = d;
	return 1;
}

static int get_plan(struct loader *L, const cJSON *obj, const char *path, const char *where,
                    struct plan *pl)
{
	if (get_warmup(L, obj, path, where, pl) < 0 ||
	    get_whole(L, obj, path, "iterations", where, 0, SUITE_MAX_ITERATIONS, &pl->iterations) < 0 ||
	    get_precision(L, obj, path, where, pl) < 0 ||
	    get_whole(L, obj, path, "min_iterations", where, 2, SUITE_MAX_ITERATIONS, &pl->min_iterations) < 0 ||
	    get_whole(L, obj, path, "max_iterations", where, 1, SUITE_MAX_ITERATIONS, &pl->max_iterations) < 0 ||
	    get_quantity(L, obj, path, "max_time", where, parse_duration, DURATION_TEXT, 0.001, MAX_SECONDS,
	                 &pl->max_time) < 0 ||
	    get_quantity(L, obj, path, "min_time", where, parse_duration, DURATION_TEXT, 0, MAX_SECONDS,
	                 &pl->min_time) < 0 ||
	    get_quantity(L, obj, path, "timeout", where, parse_duration, DURATION_TEXT, 0, MAX_SECONDS,
	                 &pl->timeout) < 0)
		return -1;
	return 0;
}

static void free_strv(char **v)
{
	if (!v)
		return;
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
}

static void free_cmd(struct suite_cmd *c)
{
	free(c->shell);
	free_strv(c->argv);
	c->shell = NULL;
	c->argv = NULL;
}

static void free_spec(struct test_spec *t)
{
	free_strv(t->argv);
	free(t->run);
	free_cmd(&t->prepare);
	free_cmd(&t->cleanup);
}

/* An array of one or more strings. */
static int check_strings(struct loader *L, const cJSON *v, const char *p, const char *key,
                         const char *where)
{
	if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) == 0)
		return fail(L, p, "'%s' %s must be an array of strings, like [\"prog\", \"arg\"], not %s",
		            key, where, cJSON_IsArray(v) ? "an empty array" : type_name(v));
	size_t i = 0;
	for (const cJSON *e = v->child; e; e = e->next, i++) {
		if (!cJSON_IsString(e)) {
			char pe[512];
			jsonpos_element(pe, sizeof pe, p, i);
			return fail(L, pe, "'%s' %s must hold only strings, not %s", key, where, type_name(e));
		}
	}
	if (!*v->child->valuestring)
		return fail(L, p, "'%s' %s names no program (its first string is empty)", key, where);
	return 0;
}

/* A prepare or cleanup step: a non-empty shell string or an argv array. */
static int check_step(struct loader *L, const cJSON *v, const char *p, const char *key,
                      const char *where)
{
	if (cJSON_IsString(v)) {
		if (!*v->valuestring)
			return fail(L, p, "'%s' %s is empty", key, where);
		return 0;
	}
	if (cJSON_IsArray(v))
		return check_strings(L, v, p, key, where);
	return fail(L, p, "'%s' %s must be a shell command string or an argv array of strings, not %s",
	            key, where, type_name(v));
}

/* Substitutes a text of the test, reporting unknown {key} references at path p. */
static char *subst(struct loader *L, const struct suite_matrix *m, const size_t *choice,
                   const char *in, const char *p, const char *where)
{
	char bad[64], lim[32];
	char *out;
	switch (suite_matrix_subst(m, choice, in, &L->expand_left, &out, bad, sizeof bad)) {
	case SUBST_OK:
		return out;
	case SUBST_NOMEM:
		fail(L, p, "out of memory");
		return NULL;
	case SUBST_TOO_LONG:
		fail(L, p, "the text %s is longer than %s after matrix substitution (the limit: the most "
		     "Linux passes as one argument)", where, file_size_text(lim, sizeof lim, SUITE_MATRIX_MAX_TEXT));
		return NULL;
	case SUBST_BUDGET:
		fail(L, p, "the suite's commands and params %s grow past %s through matrix substitution (the "
		     "limit for a suite)", where, file_size_text(lim, sizeof lim, SUITE_MAX_EXPANDED));
		return NULL;
	case SUBST_UNKNOWN:
		break;
	}
	const char *near = suggest_nearest(bad, m->key, m->nkeys);
	if (near)
		fail(L, p, "unknown matrix key '{%s}' %s (did you mean '{%s}'?)", bad, where, near);
	else if (m->nkeys)
		fail(L, p, "unknown matrix key '{%s}' %s (the matrix has no such key)", bad, where);
	else
		fail(L, p, "unknown matrix key '{%s}' %s (the test has no 'matrix')", bad, where);
	return NULL;
}

static char **subst_argv(struct loader *L, const struct suite_matrix *m, const size_t *choice,
                         const cJSON *arr, const char *p, const char *where)
{
	size_t n = (size_t)cJSON_GetArraySize(arr), i = 0;
	char **v = calloc(n + 1, sizeof *v);
	if (!v) {
		fail(L, p, "out of memory");
		return NULL;
	}
	for (const cJSON *e = arr->child; e; e = e->next, i++) {
		char pe[512];
		jsonpos_element(pe, sizeof pe, p, i);
		v[i] = subst(L, m, choice, e->valuestring, pe, where);
		if (!v[i]) {
			free_strv(v);
			return NULL;
		}
	}
	return v;
}

static int subst_step(struct loader *L, const struct suite_matrix *m, const size_t *choice,
                      const cJSON *v, const char *p, const char *where, struct suite_cmd *out)
{
	if (!v)
		return 0;
	if (cJSON_IsString(v))
		out->shell = subst(L, m, choice, v->valuestring, p, where);
	else
		out->argv = subst_argv(L, m, choice, v, p, where);
	return out->shell || out->argv ? 0 : -1;
}

static int load_matrix(struct loader *L, const cJSON *v, const char *p, const char *where,
                       struct suite_matrix *m)
{
	memset(m, 0, sizeof *m);
	m->count = 1;
	if (!v)
		return 0;
	if (!cJSON_IsObject(v))
		return fail(L, p, "'matrix' %s must be an object of value lists, like {\"size\": [1, 2]}, not %s",
		            where, type_name(v));
	for (const cJSON *k = v->child; k; k = k->next) {
		char pk[512];
		jsonpos_member(pk, sizeof pk, p, k->string);
		if (m->nkeys == SUITE_MATRIX_MAX_KEYS)
			return fail(L, pk, "'matrix' %s has more than %d keys", where, SUITE_MATRIX_MAX_KEYS);
		if (!suite_matrix_key_ok(k->string))
			return fail(L, pk, "matrix key '%s' %s must be a word (letters, digits, '_', '-', '.')",
			            k->string, where);
		for (size_t j = 0; j < m->nkeys; j++)
			if (strcmp(m->key[j], k->string) == 0)
				return fail(L, pk, "matrix key '%s' appears twice %s", k->string, where);
		if (!cJSON_IsArray(k) || cJSON_GetArraySize(k) == 0)
			return fail(L, pk, "matrix key '%s' %s must be a non-empty array of strings or numbers, not %s",
			            k->string, where, cJSON_IsArray(k) ? "an empty array" : type_name(k));
		size_t n = (size_t)cJSON_GetArraySize(k), ki = m->nkeys;
		m->key[ki] = k->string;
		m->text[ki] = calloc(n, sizeof (char *));
		m->json[ki] = calloc(n, sizeof (char *));
		m->nkeys++;
		if (!m->text[ki] || !m->json[ki])
			return fail(L, pk, "out of memory");
		size_t i = 0;
		for (const cJSON *e = k->child; e; e = e->next, i++) {
			char pe[512], buf[64];
			jsonpos_element(pe, sizeof pe, pk, i);
			if (cJSON_IsNumber(e) && !isfinite(e->valuedouble)) {
				m->nvalues[ki] = i;
				return fail(L, pe, "values of matrix key '%s' %s must be finite numbers (got a number "
				            "beyond the range of a double)", k->string, where);
			} else if (cJSON_IsNumber(e)) {
				num_text(buf, sizeof buf, e->valuedouble);
				m->text[ki][i] = strdup(buf);
				m->json[ki][i] = strdup(buf);
			} else if (cJSON_IsString(e)) {
				m->text[ki][i] = strdup(e->valuestring);
				m->json[ki][i] = cJSON_PrintUnformatted(e);
			} else {
				m->nvalues[ki] = i;
				return fail(L, pe, "values of matrix key '%s' %s must be strings or numbers, not %s",
				            k->string, where, type_name(e));
			}
			m->nvalues[ki] = i + 1;
			if (!m->text[ki][i] || !m->json[ki][i])
				return fail(L, pe, "out of memory");
		}
		if (m->count > SUITE_MAX_VARIANTS / n)
			return fail(L, p, "'matrix' %s makes more than %d variants", where, SUITE_MAX_VARIANTS);
		m->count *= n;
	}
	return 0;
}

/* One kernel param value (after substitution when it was a string) into the param table. */
static int set_param(struct loader *L, const struct kernel_param *kp, const cJSON *v, const char *text,
                     const char *p, const char *where, const char *variant, double *out, char *textout)
{
	char ctx[400];
	if (strcmp(variant, "{}") == 0)
		snprintf(ctx, sizeof ctx, "%s", where);
	else
		snprintf(ctx, sizeof ctx, "%s (variant %s)", where, variant);
	if (kp->type == KPARAM_TEXT) {
		char buf[64], why[200];
		if (text)
			snprintf(buf, sizeof buf, "%s", text);
		else if (cJSON_IsNumber(v))
			num_text(buf, sizeof buf, v->valuedouble);
		else
			return fail(L, p, "param '%s' %s must be a string, not %s", kp->name, ctx, type_name(v));
		if (strlen(buf) >= KERNEL_TEXT_MAX)
			return fail(L, p, "param '%s' %s is too long (\"%s\")", kp->name, ctx, buf);
		if (kp->check && kp->check(buf, why, sizeof why) < 0)
			return fail(L, p, "param '%s' %s: %s", kp->name, ctx, why);
		str_copy(textout, buf, KERNEL_TEXT_MAX);
		return 0;
	}
	double d;
	const char *want = kp->type == KPARAM_INT ? "a whole number" :
	                   kp->type == KPARAM_SIZE ? SIZE_TEXT : "a number";
	if (text) {
		int rc = kp->type == KPARAM_SIZE ? parse_size(text, &d) : parse_double(text, &d);
		if (rc < 0)
			return fail(L, p, "param '%s' %s must be %s, not \"%s\"", kp->name, ctx, want, text);
	} else if (cJSON_IsNumber(v)) {
		d = v->valuedouble;
	} else {
		return fail(L, p, "param '%s' %s must be %s, not %s", kp->name, ctx, want, type_name(v));
	}
	if (kp->type != KPARAM_DOUBLE && d != trunc(d))
		return fail(L, p, "param '%s' %s must be a whole number", kp->name, ctx);
	if (!(d >= kp->min && d <= kp->max)) {
		char lo[32], hi[32], got[48];
		num_text(lo, sizeof lo, kp->min);
		num_text(hi, sizeof hi, kp->max);
		num_text(got, sizeof got, d);
		return fail(L, p, "param '%s' %s must be between %s and %s%s%s (got %s)", kp->name, ctx, lo, hi,
		            kp->unit && *kp->unit ? " " : "", kp->unit ? kp->unit : "", got);
	}
	*out = d;
	return 0;
}

static size_t list_kinds(const char **names, size_t cap)
{
	size_t n = 0;
	names[n++] = "command";
	names[n++] = "shell";
	for (size_t i = 0; kernel_table[i] && n < cap; i++)
		names[n++] = kernel_table[i]->name;
	return n;
}

/* A test's "stress": its fields are the stress generators' settings (src/stress-*.c). */
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
	if (check_fields(L, obj, path, where, list, n) < 0)
		return -1;
	for (const cJSON *f = obj->child; f; f = f->next) {
		char p[512], text[64], why[240];
		const struct stress_param *sp = stress_option_param(f->string);
		jsonpos_member(p, sizeof p, path, f->string);
		if (cJSON_IsNumber(f) && sp && sp->type != SPARAM_CHOICE &&
		    !(f->valuedouble >= sp->min && f->valuedouble <= sp->max)) {
			num_text(text, sizeof text, f->valuedouble);
			return fail(L, p, "'%s' %s must be between %g and %g (got %s)", f->string, where, sp->min, sp->max, text);
		}
		if (cJSON_IsNumber(f))
			num_text(text, sizeof text, f->valuedouble);
		else if (cJSON_IsString(f))
			str_copy(text, f->valuestring, sizeof text);
		else
			return fail(L, p, "'%s' %s must be a number or a string, not %s", f->string, where, type_name(f));
		if (stress_config_set(cfg, f->string, text, why, sizeof why) < 0)
			return fail(L, p, "'%s' %s: %s", f->string, where, why);
	}
	return 0;
}

struct test_src {
	const cJSON *obj;
	char path[64];
	char where[200];              /* "in test 'x'" */
	const char *name;
	const char *kind;
	const struct kernel_class *cls;
	struct plan plan;
	double max_mean, min_throughput;
	struct stress_config stress;
	struct suite_matrix matrix;
};

static int check_test(struct loader *L, struct test_src *t, const struct plan *defaults)
{
	const cJSON *o = t->obj;
	const char *p = t->path;
	if (!cJSON_IsObject(o))
		return fail(L, p, "a test must be an object with at least \"name\" and \"kind\", not %s", type_name(o));
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(o, "name");
	int named = cJSON_IsString(name) && *name->valuestring;
	if (named)
		snprintf(t->where, sizeof t->where, "in test '%s'", name->valuestring);
	else
		snprintf(t->where, sizeof t->where, "in this test");
	if (check_fields(L, o, p, t->where, test_fields, COUNT(test_fields)) < 0)
		return -1;
	if (!name)
		return fail(L, p, "this test has no 'name'");
	char pn[512];
	jsonpos_member(pn, sizeof pn, p, "name");
	if (!named)
		return fail(L, pn, "'name' of a test must be a non-empty string, not %s",
		            cJSON_IsString(name) ? "an empty string" : type_name(name));
	if (strlen(name->valuestring) >= sizeof ((struct test_info *)0)->name)
		return fail(L, pn, "test name '%.40s...' is longer than %zu bytes", name->valuestring,
		            sizeof ((struct test_info *)0)->name - 1);
	t->name = name->valuestring;

	const cJSON *kind = cJSON_GetObjectItemCaseSensitive(o, "kind");
	char pk[512];
	jsonpos_member(pk, sizeof pk, p, "kind");
	if (!kind)
		return fail(L, p, "test '%s' has no 'kind' (\"command\", \"shell\" or a kernel name)", t->name);
	if (!cJSON_IsString(kind))
		return fail(L, pk, "'kind' %s must be a string, not %s", t->where, type_name(kind));
	t->kind = kind->valuestring;
	if (strcmp(t->kind, "command") && strcmp(t->kind, "shell")) {
		t->cls = kernel_find(t->kind);
		if (t->cls && !t->cls->iterate)
			return fail(L, pk, "kernel '%s' %s is a stressor only; it cannot be timed as a test",
			            t->kind, t->where);
		if (!t->cls) {
			const char *kinds[128];
			size_t n = list_kinds(kinds, COUNT(kinds));
			const char *near = suggest_nearest(t->kind, kinds, n);
			if (near)
				return fail(L, pk, "unknown kind '%s' %s (did you mean '%s'?)", t->kind, t->where, near);
			return fail(L, pk, "unknown kind '%s' %s (\"command\", \"shell\", or a kernel from "
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
			return fail(L, pf, "'%s' is %s, but test '%s' is of kind '%s'", own[i].field, own[i].what,
			            t->name, t->kind);
		if (!v && mine && own[i].kind)
			return fail(L, p, "test '%s' of kind '%s' needs '%s' (%s)", t->name, t->kind, own[i].field,
			            own[i].what);
	}
	const cJSON *v;
	char pf[512];
	if ((v = cJSON_GetObjectItemCaseSensitive(o, "argv")) &&
	    check_strings(L, v, jsonpos_member(pf, sizeof pf, p, "argv"), "argv", t->where) < 0)
		return -1;
	if ((v = cJSON_GetObjectItemCaseSensitive(o, "run")) && (!cJSON_IsString(v) || !*v->valuestring))
		return fail(L, jsonpos_member(pf, sizeof pf, p, "run"), "'run' %s must be a non-empty string, not %s",
		            t->where, cJSON_IsString(v) ? "an empty string" : type_name(v));
	if ((v = cJSON_GetObjectItemCaseSensitive(o, "params"))) {
		jsonpos_member(pf, sizeof pf, p, "params");
		if (!cJSON_IsObject(v))
			return fail(L, pf, "'params' %s must be an object, not %s", t->where, type_name(v));
		const char *names[KERNEL_MAX_PARAMS];
		size_t n = 0;
		for (const struct kernel_param *kp = t->cls->params; kp && kp->name && n < KERNEL_MAX_PARAMS; kp++)
			names[n++] = kp->name;
		char pw[240];
		snprintf(pw, sizeof pw, "in the params of test '%s' (kind '%s')", t->name, t->kind);
		if (check_fields(L, v, pf, pw, names, n) < 0)
			return -1;
		for (const cJSON *e = v->child; e; e = e->next) {
			if (!cJSON_IsNumber(e) && !cJSON_IsString(e))
				return fail(L, jsonpos_member(pf, sizeof pf, pf, e->string),
				            "param '%s' %s must be a number or a string, not %s", e->string, t->where,
				            type_name(e));
		}
	}
	for (size_t i = 0; i < 2; i++) {
		const char *key = i ? "cleanup" : "prepare";
		if ((v = cJSON_GetObjectItemCaseSensitive(o, key)) &&
		    check_step(L, v, jsonpos_member(pf, sizeof pf, p, key), key, t->where) < 0)
			return -1;
	}

	t->plan = *defaults;
	int has_iter = cJSON_GetObjectItemCaseSensitive(o, "iterations") != NULL;
	if (get_plan(L, o, p, t->where, &t->plan) < 0)
		return -1;
	if (!(t->plan.min_time > 0) && t->plan.iterations == 0 && !isfinite(t->plan.precision))
		return fail(L, has_iter ? jsonpos_member(pf, sizeof pf, p, "iterations") : p,
		            "'iterations' %s is 0: give 'min_time' too, or at least 1 iteration", t->where);
	if (t->plan.min_iterations > 0 && t->plan.max_iterations > 0 &&
	    t->plan.min_iterations > t->plan.max_iterations)
		return fail(L, cJSON_GetObjectItemCaseSensitive(o, "max_iterations")
		                   ? jsonpos_member(pf, sizeof pf, p, "max_iterations") : p,
		            "'max_iterations' %s (%ld) is below 'min_iterations' (%ld)", t->where,
		            t->plan.max_iterations, t->plan.min_iterations);

	int time_metric = t->cls == NULL || strcmp(t->cls->unit, "s") == 0;
	t->max_mean = NAN;
	t->min_throughput = NAN;
	if (get_quantity(L, o, p, "max_mean", t->where, time_metric ? parse_duration : NULL,
	                 time_metric ? DURATION_TEXT : "a number", 0, HUGE_VAL, &t->max_mean) < 0 ||
	    get_quantity(L, o, p, "min_throughput", t->where, NULL, "a number", 0, HUGE_VAL,
	                 &t->min_throughput) < 0)
		return -1;

	stress_config_init(&t->stress);
	if ((v = cJSON_GetObjectItemCaseSensitive(o, "stress"))) {
		jsonpos_member(pf, sizeof pf, p, "stress");
		char pw[240];
		snprintf(pw, sizeof pw, "in the stress of test '%s'", t->name);
		if (!cJSON_IsObject(v))
			return fail(L, pf, "'stress' %s must be an object like {\"cpu\": 1, \"cpu_load\": 50}, not %s",
			            t->where, type_name(v));
		if (check_stress(L, v, pf, pw, &t->stress) < 0)
			return -1;
	}
	return load_matrix(L, cJSON_GetObjectItemCaseSensitive(o, "matrix"),
	                   jsonpos_member(pf, sizeof pf, p, "matrix"), t->where, &t->matrix);
}

/* Fills one variant's spec from a checked test. */
static int make_spec(struct loader *L, const struct test_src *t, const char *suite_name, size_t index,
                     struct test_spec *s)
{
	const struct suite_matrix *m = &t->matrix;
	size_t choice[SUITE_MATRIX_MAX_KEYS];
	suite_matrix_choice(m, index, choice);
	struct test_info *in = &s->info;
	str_copy(in->suite, suite_name, sizeof in->suite);
	str_copy(in->name, t->name, sizeof in->name);
	str_copy(in->kind, t->kind, sizeof in->kind);
	if (suite_matrix_variant(m, choice, in->variant, sizeof in->variant) < 0)
		return fail(L, jsonpos_member((char[512]){ 0 }, 512, t->path, "matrix"),
		            "the matrix values %s are too long to name a variant (at most %zu bytes)", t->where,
		            sizeof in->variant - 1);
	in->iterations = (int)t->plan.iterations;
	in->warmup = (int)t->plan.warmup;
	in->warmup_auto = t->plan.warmup_auto;
	in->precision = t->plan.precision;
	in->min_iterations = (int)t->plan.min_iterations;
	in->max_iterations = (int)t->plan.max_iterations;
	in->max_time = t->plan.max_time;
	s->order = L->order;
	s->interleave_tests = L->interleave_tests;
	in->min_time = t->plan.min_time > 0 ? t->plan.min_time : NAN;
	in->timeout = t->plan.timeout > 0 ? t->plan.timeout : NAN;
	in->max_mean = t->max_mean;
	in->min_throughput = t->min_throughput;
	s->stress = t->stress;
	s->cls = t->cls;

	const cJSON *o = t->obj, *v;
	char pf[512];
	if (t->cls) {
		str_copy(in->metric, t->cls->metric, sizeof in->metric);
		str_copy(in->unit, t->cls->unit, sizeof in->unit);
		in->higher_is_better = t->cls->higher_is_better;
		for (size_t i = 0; i < KERNEL_MAX_PARAMS; i++)
			s->param[i] = NAN;
		for (size_t i = 0; t->cls->params && t->cls->params[i].name && i < KERNEL_MAX_PARAMS; i++) {
			s->param[i] = t->cls->params[i].def;
			if (t->cls->params[i].type == KPARAM_TEXT)
				str_copy(s->text[i], t->cls->params[i].text_def, sizeof s->text[i]);
		}
		if ((v = cJSON_GetObjectItemCaseSensitive(o, "params"))) {
			for (const cJSON *e = v->child; e; e = e->next) {
				char pp[512];
				jsonpos_member(pp, sizeof pp, jsonpos_member(pf, sizeof pf, t->path, "params"), e->string);
				int k = kernel_param_index(t->cls, e->string);
				char *text = NULL;
				if (cJSON_IsString(e) && !(text = subst(L, m, choice, e->valuestring, pp, t->where)))
					return -1;
				int rc = set_param(L, &t->cls->params[k], e, text, pp, t->where, in->variant, &s->param[k],
				                   s->text[k]);
				free(text);
				if (rc < 0)
					return -1;
			}
		}
	} else {
		str_copy(in->metric, "wall_time", sizeof in->metric);
		str_copy(in->unit, "s", sizeof in->unit);
		in->higher_is_better = 0;
		if ((v = cJSON_GetObjectItemCaseSensitive(o, "argv")) &&
		    !(s->argv = subst_argv(L, m, choice, v, jsonpos_member(pf, sizeof pf, t->path, "argv"), t->where)))
			return -1;
		if ((v = cJSON_GetObjectItemCaseSensitive(o, "run")) &&
		    !(s->run = subst(L, m, choice, v->valuestring, jsonpos_member(pf, sizeof pf, t->path, "run"),
		                     t->where)))
			return -1;
	}
	if (subst_step(L, m, choice, cJSON_GetObjectItemCaseSensitive(o, "prepare"),
	               jsonpos_member(pf, sizeof pf, t->path, "prepare"), t->where, &s->prepare) < 0 ||
	    subst_step(L, m, choice, cJSON_GetObjectItemCaseSensitive(o, "cleanup"),
	               jsonpos_member(pf, sizeof pf, t->path, "cleanup"), t->where, &s->cleanup) < 0)
		return -1;
	return 0;
}

static void stem(const char *path, char *buf, size_t len)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	str_copy(buf, base, len);
	size_t n = strlen(buf);
	if (n > 5 && strcmp(buf + n - 5, ".json") == 0)
		buf[n - 5] = '\0';
}

/* defaults.order and defaults.interleave: one of a few words, with a "did you mean". */
static int get_word(struct loader *L, const cJSON *obj, const char *key, const char *const *words, size_t n,
                    int *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v)
		return 0;
	char p[512], list[128] = "";
	jsonpos_member(p, sizeof p, "defaults", key);
	for (size_t i = 0; i < n; i++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? (i + 1 == n ? " or " : ", ") : "",
		         words[i]);
	if (!cJSON_IsString(v))
		return fail(L, p, "'%s' in 'defaults' must be %s, not %s", key, list, type_name(v));
	for (size_t i = 0; i < n; i++)
		if (strcmp(v->valuestring, words[i]) == 0) {
			*out = (int)i;
			return 1;
		}
	const char *near = suggest_nearest(v->valuestring, words, n);
	if (near)
		return fail(L, p, "'%s' in 'defaults' must be %s, not \"%s\" (did you mean '%s'?)", key, list,
		            v->valuestring, near);
	return fail(L, p, "'%s' in 'defaults' must be %s, not \"%s\"", key, list, v->valuestring);
}

static int get_order(struct loader *L, const cJSON *defaults)
{
	static const char *const orders[] = { "sequential", "interleaved", "shuffled" };
	static const char *const scopes[] = { "variants", "tests" };
	int o, scope = 0;
	int rc = get_word(L, defaults, "order", orders, COUNT(orders), &o);
	if (rc < 0 || get_word(L, defaults, "interleave", scopes, COUNT(scopes), &scope) < 0)
		return -1;
	if (rc > 0)
		L->order = o;   /* the same numbers as enum run_order */
	L->interleave_tests = scope == 1;
	return 0;
}

static int load_doc(struct loader *L, const cJSON *root, struct suite *out)
{
	if (!cJSON_IsObject(root))
		return fail(L, NULL, "expected an object with \"name\" and \"tests\" at the top, not %s", type_name(root));
	if (check_fields(L, root, "", "in the suite", top_fields, COUNT(top_fields)) < 0)
		return -1;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "name");
	if (v) {
		if (!cJSON_IsString(v) || !*v->valuestring)
			return fail(L, "name", "'name' of the suite must be a non-empty string, not %s",
			            cJSON_IsString(v) ? "an empty string" : type_name(v));
		if (strlen(v->valuestring) >= sizeof out->name)
			return fail(L, "name", "'name' of the suite is longer than %zu bytes", sizeof out->name - 1);
		str_copy(out->name, v->valuestring, sizeof out->name);
	} else {
		stem(L->file, out->name, sizeof out->name);
	}

	struct plan defaults = { DEFAULT_WARMUP, DEFAULT_ITERATIONS, 0, DEFAULT_TIMEOUT, NAN, NAN, 0, 0, 0 };
	L->order = ORDER_UNSET;
	L->interleave_tests = 0;
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "defaults"))) {
		if (!cJSON_IsObject(v))
			return fail(L, "defaults", "'defaults' must be an object, not %s", type_name(v));
		if (check_fields(L, v, "defaults", "in 'defaults'", default_fields, COUNT(default_fields)) < 0 ||
		    get_plan(L, v, "defaults", "in 'defaults'", &defaults) < 0 || get_order(L, v) < 0)
			return -1;
	}

	const cJSON *tests = cJSON_GetObjectItemCaseSensitive(root, "tests");
	if (!tests)
		return fail(L, NULL, "the suite has no 'tests' (an array of tests)");
	if (!cJSON_IsArray(tests) || cJSON_GetArraySize(tests) == 0)
		return fail(L, "tests", "'tests' must be a non-empty array of tests, not %s",
		            cJSON_IsArray(tests) ? "an empty array" : type_name(tests));

	size_t n = (size_t)cJSON_GetArraySize(tests);
	struct test_src *src = calloc(n, sizeof *src);
	if (!src)
		return fail(L, NULL, "out of memory");
	int rc = 0;
	size_t total = 0, i = 0, j;
	struct strset names = { 0 };   /* one pass, not every pair: 100,000 tests load at once */
	for (const cJSON *t = tests->child; t && rc == 0; t = t->next, i++) {
		src[i].obj = t;
		jsonpos_element(src[i].path, sizeof src[i].path, "tests", i);
		rc = check_test(L, &src[i], &defaults);
		int seen = rc == 0 ? strset_add(&names, src[i].name, i, &j) : 0;
		if (seen < 0)
			rc = fail(L, NULL, "out of memory");
		if (seen > 0) {
			char pn[512];
			rc = fail(L, jsonpos_member(pn, sizeof pn, src[i].path, "name"),
			          "duplicate test name '%s' (also %s)", src[i].name, src[j].path);
		}
		if (rc == 0 && total + src[i].matrix.count > SUITE_MAX_VARIANTS * 10)
			rc = fail(L, "tests", "the suite has more than %d test variants", SUITE_MAX_VARIANTS * 10);
		total += src[i].matrix.count;
	}
	strset_free(&names);
	if (rc == 0) {
		out->tests = calloc(total, sizeof *out->tests);
		if (!out->tests)
			rc = fail(L, NULL, "out of memory");
	}
	for (size_t k = 0; rc == 0 && k < n; k++) {
		for (size_t vi = 0; rc == 0 && vi < src[k].matrix.count; vi++)
			rc = make_spec(L, &src[k], out->name, vi, &out->tests[out->ntests++]);
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
		rc = fail(&L, NULL, "the JSON parser gave up near byte %td", end ? end - text : (ptrdiff_t)0);
	} else {
		rc = load_doc(&L, root, out);
		cJSON_Delete(root);
	}
	jsonpos_free(&L.pos);
	if (rc < 0)
		suite_free(out);
	return rc;
}

/* The preset directories, in the order they are searched. */
static size_t preset_dirs(char dirs[3][512])
{
	size_t n = 0;
	const char *env = getenv("BENCHTOP_DATA_DIR");
	if (env && *env)
		snprintf(dirs[n++], 512, "%s/suites", env);
	snprintf(dirs[n++], 512, "%s/suites", BENCHTOP_SRCDIR);
	snprintf(dirs[n++], 512, "%s/suites", BENCHTOP_DATADIR);
	return n;
}

static int is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int suite_preset_path(const char *name, char *path, size_t len)
{
	if (!*name || !suite_matrix_key_ok(name))
		return -1;
	char dirs[3][512];
	size_t n = preset_dirs(dirs);
	for (size_t i = 0; i < n; i++) {
		snprintf(path, len, "%s/%s.json", dirs[i], name);
		if (is_file(path))
			return 0;
	}
	return -1;
}

/* Every preset name once, in directory order then name order. */
struct preset_list {
	char (*name)[64];
	char (*path)[600];
	size_t n, cap;
};

static void presets_collect(struct preset_list *pl)
{
	char dirs[3][512];
	size_t nd = preset_dirs(dirs);
	for (size_t d = 0; d < nd; d++) {
		struct dirent **ents;
		int ne = scandir(dirs[d], &ents, NULL, alphasort);
		for (int e = 0; e < ne; e++) {
			char name[64];
			size_t len = strlen(ents[e]->d_name);
			int dup = 0;
			if (len > 5 && len - 5 < sizeof name && strcmp(ents[e]->d_name + len - 5, ".json") == 0) {
				memcpy(name, ents[e]->d_name, len - 5);
				name[len - 5] = '\0';
				char path[600];
				snprintf(path, sizeof path, "%s/%s", dirs[d], ents[e]->d_name);
				for (size_t i = 0; i < pl->n; i++)
					dup |= strcmp(pl->name[i], name) == 0;
				if (!dup && suite_matrix_key_ok(name) && is_file(path)) {
					if (pl->n == pl->cap) {
						size_t cap = pl->cap ? pl->cap * 2 : 16;
						void *a = realloc(pl->name, cap * sizeof *pl->name);
						if (a)
							pl->name = a;
						void *b = realloc(pl->path, cap * sizeof *pl->path);
						if (b)
							pl->path = b;
						if (a && b)
							pl->cap = cap;
					}
					if (pl->n < pl->cap) {
						memcpy(pl->name[pl->n], name, sizeof name);
						memcpy(pl->path[pl->n], path, sizeof path);
						pl->n++;
					}
				}
			}
			free(ents[e]);
		}
		if (ne >= 0)
			free(ents);
	}
}

void suite_presets_each(void (*fn)(void *arg, const char *name, const char *path), void *arg)
{
	struct preset_list pl = { 0 };
	presets_collect(&pl);
	for (size_t i = 0; i < pl.n; i++)
		fn(arg, pl.name[i], pl.path[i]);
	free(pl.name);
	free(pl.path);
}

static int unknown_preset(const char *name, char *why, size_t whylen)
{
	struct preset_list pl = { 0 };
	presets_collect(&pl);
	const char *names[64];
	size_t n = pl.n < 64 ? pl.n : 64;
	char list[300] = "";
	for (size_t i = 0; i < n; i++) {
		names[i] = pl.name[i];
		strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
		strncat(list, pl.name[i], sizeof list - strlen(list) - 1);
	}
	const char *near = suggest_nearest(name, names, n);
	if (near)
		snprintf(why, whylen, "unknown suite '%s' (did you mean '%s'?); give a preset name or the path "
		         "of a .json file", name, near);
	else if (n)
		snprintf(why, whylen, "unknown suite '%s': presets are %s; or give the path of a .json file", name, list);
	else
		snprintf(why, whylen, "unknown suite '%s': no presets found; give the path of a .json file", name);
	free(pl.name);
	free(pl.path);
	return -1;
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
		return unknown_preset(name_or_path, why, whylen);
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
