/* Reading the fields of a suite file: types, ranges, durations, the planned run, the defaults' words. */
#include "config.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "adaptive.h"
#include "jsonpos.h"
#include "suggest.h"
#include "suite-private.h"
#include "text-visible.h"
#include "util.h"

__attribute__((format(printf, 3, 4)))
int suite_fail(struct loader *L, const char *path, const char *fmt, ...)
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

const char *suite_type_name(const cJSON *v)
{
	if (cJSON_IsString(v)) return "a string";
	if (cJSON_IsNumber(v)) return "a number";
	if (cJSON_IsBool(v)) return "true/false";
	if (cJSON_IsNull(v)) return "null";
	if (cJSON_IsArray(v)) return "an array";
	if (cJSON_IsObject(v)) return "an object";
	return "something else";
}

void suite_num_text(char *buf, size_t len, double v)
{
	if (isfinite(v))
		c_snprintf(buf, len, "%.15g", v);
	else
		str_copy(buf, "a number beyond the range of a double", len);
}

/* A bound that is not finite means there is none: printed, it would read "a number beyond the
 * range of a double". */
char *suite_range_text(char *buf, size_t len, double min, double max, const char *unit)
{
	char lo[48], hi[48];
	const char *sp = unit && *unit ? " " : "", *u = unit ? unit : "";
	suite_num_text(lo, sizeof lo, min);
	suite_num_text(hi, sizeof hi, max);
	if (isfinite(min) && isfinite(max))
		snprintf(buf, len, "between %s and %s%s%s", lo, hi, sp, u);
	else if (isfinite(min))
		snprintf(buf, len, "at least %s%s%s", lo, sp, u);
	else if (isfinite(max))
		snprintf(buf, len, "at most %s%s%s", hi, sp, u);
	else
		snprintf(buf, len, "a finite number");
	return buf;
}

/* Every key of obj must be one of names, and appear once. */
int suite_check_fields(struct loader *L, const cJSON *obj, const char *path, const char *where,
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
				return suite_fail(L, p, "unknown field '%s' %s (did you mean '%s'?)", f->string, where, near);
			char list[300] = "";
			for (i = 0; i < n; i++) {
				strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
				strncat(list, names[i], sizeof list - strlen(list) - 1);
			}
			return suite_fail(L, p, "unknown field '%s' %s (known fields: %s)", f->string, where, list);
		}
		for (const cJSON *g = obj->child; g != f; g = g->next)
			if (strcmp(g->string, f->string) == 0)
				return suite_fail(L, p, "field '%s' appears twice %s", f->string, where);
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
		return suite_fail(L, p, "'%s' %s must be a whole number, not %s", key, where, suite_type_name(v));
	if (!(v->valuedouble >= (double)min && v->valuedouble <= (double)max)) {
		char got[48];
		suite_num_text(got, sizeof got, v->valuedouble);
		return suite_fail(L, p, "'%s' %s must be between %ld and %ld (got %s)", key, where, min, max, got);
	}
	if (!is_whole(v))
		return suite_fail(L, p, "'%s' %s must be a whole number, not a fraction", key, where);
	*out = (long)v->valuedouble;
	return 1;
}

/* A number in [min, max], or a string parsed by parse (a duration or a size) when given. */
int suite_get_quantity(struct loader *L, const cJSON *obj, const char *path, const char *key,
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
			return suite_fail(L, p, "'%s' %s must be %s, not \"%s\"", key, where, example, v->valuestring);
	} else {
		return suite_fail(L, p, "'%s' %s must be %s, not %s", key, where, example, suite_type_name(v));
	}
	if (!isfinite(d))   /* 1e999 reads as infinity, which would pass any "at most" */
		return suite_fail(L, p, "'%s' %s must be a finite number (got a number beyond the range of a double)",
		                  key, where);
	if (!(d >= min && d <= max)) {
		char range[96], got[48];
		suite_num_text(got, sizeof got, d);
		return suite_fail(L, p, "'%s' %s must be %s (got %s)", key, where,
		                  suite_range_text(range, sizeof range, min, max, NULL), got);
	}
	*out = d;
	return 1;
}

#define MAX_SECONDS (366.0 * 86400.0)

#define PRECISION_TEXT "a percentage like \"1%\" or a fraction like 0.01"

/* "warmup": a whole number, or "auto" (until steady, at most ADAPTIVE_WARMUP_MAX). */
static int get_warmup(struct loader *L, const cJSON *obj, const char *path, const char *where,
                      struct plan *pl)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "warmup");
	if (cJSON_IsString(v)) {
		if (strcasecmp(v->valuestring, "auto") != 0)
			return suite_fail(L, jsonpos_member((char[512]){ 0 }, 512, path, "warmup"),
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
		return suite_fail(L, p, "'precision' %s must be %s, not %s", where, PRECISION_TEXT, suite_type_name(v));
	else if (adaptive_parse_precision(v->valuestring, &d) < 0)
		return suite_fail(L, p, "'precision' %s must be %s between 0 and 100%%, not \"%s\"", where, PRECISION_TEXT,
		                  v->valuestring);
	if (!(d > 0 && d < 1)) {
		char got[32];
		suite_num_text(got, sizeof got, d);
		return suite_fail(L, p, "'precision' %s must be %s between 0 and 1 (got %s)", where, PRECISION_TEXT, got);
	}
	pl->precision = d;
	return 1;
}

int suite_get_plan(struct loader *L, const cJSON *obj, const char *path, const char *where,
                    struct plan *pl)
{
	if (get_warmup(L, obj, path, where, pl) < 0 ||
	    get_whole(L, obj, path, "iterations", where, 0, SUITE_MAX_ITERATIONS, &pl->iterations) < 0 ||
	    get_precision(L, obj, path, where, pl) < 0 ||
	    get_whole(L, obj, path, "min_iterations", where, 2, SUITE_MAX_ITERATIONS, &pl->min_iterations) < 0 ||
	    get_whole(L, obj, path, "max_iterations", where, 1, SUITE_MAX_ITERATIONS, &pl->max_iterations) < 0 ||
	    suite_get_quantity(L, obj, path, "max_time", where, parse_duration, DURATION_TEXT, 0.001, MAX_SECONDS,
	                       &pl->max_time) < 0 ||
	    suite_get_quantity(L, obj, path, "min_time", where, parse_duration, DURATION_TEXT, 0, MAX_SECONDS,
	                       &pl->min_time) < 0 ||
	    suite_get_quantity(L, obj, path, "timeout", where, parse_duration, DURATION_TEXT, 0, MAX_SECONDS,
	                       &pl->timeout) < 0)
		return -1;
	return 0;
}

/* An array of one or more strings. */
int suite_check_strings(struct loader *L, const cJSON *v, const char *p, const char *key,
                         const char *where)
{
	if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) == 0)
		return suite_fail(L, p, "'%s' %s must be an array of strings, like [\"prog\", \"arg\"], not %s",
		                  key, where, cJSON_IsArray(v) ? "an empty array" : suite_type_name(v));
	size_t i = 0;
	for (const cJSON *e = v->child; e; e = e->next, i++) {
		if (!cJSON_IsString(e)) {
			char pe[512];
			jsonpos_element(pe, sizeof pe, p, i);
			return suite_fail(L, pe, "'%s' %s must hold only strings, not %s", key, where, suite_type_name(e));
		}
	}
	if (!*v->child->valuestring)
		return suite_fail(L, p, "'%s' %s names no program (its first string is empty)", key, where);
	return 0;
}

/* A prepare or cleanup step: a non-empty shell string or an argv array. */
int suite_check_step(struct loader *L, const cJSON *v, const char *p, const char *key,
                      const char *where)
{
	if (cJSON_IsString(v)) {
		if (!*v->valuestring)
			return suite_fail(L, p, "'%s' %s is empty", key, where);
		return 0;
	}
	if (cJSON_IsArray(v))
		return suite_check_strings(L, v, p, key, where);
	return suite_fail(L, p, "'%s' %s must be a shell command string or an argv array of strings, not %s",
	                  key, where, suite_type_name(v));
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
		return suite_fail(L, p, "'%s' in 'defaults' must be %s, not %s", key, list, suite_type_name(v));
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(v->valuestring, words[i]) == 0) {   /* words in any case */
			*out = (int)i;
			return 1;
		}
	const char *near = suggest_nearest(v->valuestring, words, n);
	if (near)
		return suite_fail(L, p, "'%s' in 'defaults' must be %s, not \"%s\" (did you mean '%s'?)", key, list,
		                  v->valuestring, near);
	return suite_fail(L, p, "'%s' in 'defaults' must be %s, not \"%s\"", key, list, v->valuestring);
}

int suite_get_order(struct loader *L, const cJSON *defaults)
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
