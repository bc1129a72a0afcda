/* Expanding a checked test into its variants: matrix substitution and the kernel parameter table. */
#include "config.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "file-read.h"
#include "fmt-units.h"
#include "jsonpos.h"
#include "strset.h"
#include "suggest.h"
#include "suite-private.h"
#include "util.h"

void suite_strv_free(char **v)
{
	if (!v)
		return;
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
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
		suite_fail(L, p, "out of memory");
		return NULL;
	case SUBST_TOO_LONG:
		suite_fail(L, p, "the text %s is longer than %s after matrix substitution (the limit: the most "
		           "Linux passes as one argument)", where, file_size_text(lim, sizeof lim, SUITE_MATRIX_MAX_TEXT));
		return NULL;
	case SUBST_BUDGET:
		suite_fail(L, p, "the suite's commands and params %s grow past %s through matrix substitution (the "
		           "limit for a suite)", where, file_size_text(lim, sizeof lim, SUITE_MAX_EXPANDED));
		return NULL;
	case SUBST_UNKNOWN:
		break;
	}
	const char *near = suggest_nearest(bad, m->key, m->nkeys);
	if (near)
		suite_fail(L, p, "unknown matrix key '{%s}' %s (did you mean '{%s}'?)", bad, where, near);
	else if (m->nkeys)
		suite_fail(L, p, "unknown matrix key '{%s}' %s (the matrix has no such key)", bad, where);
	else
		suite_fail(L, p, "unknown matrix key '{%s}' %s (the test has no 'matrix')", bad, where);
	return NULL;
}

static char **subst_argv(struct loader *L, const struct suite_matrix *m, const size_t *choice,
                         const cJSON *arr, const char *p, const char *where)
{
	size_t n = (size_t)cJSON_GetArraySize(arr), i = 0;
	char **v = calloc(n + 1, sizeof *v);
	if (!v) {
		suite_fail(L, p, "out of memory");
		return NULL;
	}
	for (const cJSON *e = arr->child; e; e = e->next, i++) {
		char pe[512];
		jsonpos_element(pe, sizeof pe, p, i);
		v[i] = subst(L, m, choice, e->valuestring, pe, where);
		if (!v[i]) {
			suite_strv_free(v);
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

/* One kernel param value (after substitution when it was a string) into the param table. */
static int set_param(struct loader *L, const struct kernel_param *kp, const cJSON *v, const char *text,
                     const char *p, const char *where, const char *variant, double *out, char *textout)
{
	char ctx[480];   /* where (200) and a variant (256) */
	if (strcmp(variant, "{}") == 0)
		snprintf(ctx, sizeof ctx, "%s", where);
	else
		snprintf(ctx, sizeof ctx, "%s (variant %s)", where, variant);
	if (kp->type == KPARAM_TEXT) {
		char buf[64], why[200];
		if (text)
			snprintf(buf, sizeof buf, "%s", text);
		else if (cJSON_IsNumber(v))
			suite_num_text(buf, sizeof buf, v->valuedouble);
		else
			return suite_fail(L, p, "param '%s' %s must be a string, not %s", kp->name, ctx, suite_type_name(v));
		if (strlen(buf) >= KERNEL_TEXT_MAX)
			return suite_fail(L, p, "param '%s' %s is too long (\"%s\")", kp->name, ctx, buf);
		if (kp->check && kp->check(buf, why, sizeof why) < 0)
			return suite_fail(L, p, "param '%s' %s: %s", kp->name, ctx, why);
		str_copy(textout, buf, KERNEL_TEXT_MAX);
		return 0;
	}
	double d;
	const char *want = kp->type == KPARAM_INT ? "a whole number" :
	                   kp->type == KPARAM_SIZE ? SIZE_TEXT : "a number";
	if (text) {
		int rc = kp->type == KPARAM_SIZE ? parse_size(text, &d) :
		         kp->type == KPARAM_INT ? parse_count(text, &d) : parse_double(text, &d);
		if (rc < 0)
			return suite_fail(L, p, "param '%s' %s must be %s, not \"%s\"", kp->name, ctx, want, text);
	} else if (cJSON_IsNumber(v)) {
		d = v->valuedouble;
	} else {
		return suite_fail(L, p, "param '%s' %s must be %s, not %s", kp->name, ctx, want, suite_type_name(v));
	}
	if (kp->type != KPARAM_DOUBLE && d != trunc(d))
		return suite_fail(L, p, "param '%s' %s must be a whole number", kp->name, ctx);
	if (!(d >= kp->min && d <= kp->max)) {
		char range[128], got[48];
		suite_num_text(got, sizeof got, d);
		return suite_fail(L, p, "param '%s' %s must be %s (got %s)", kp->name, ctx,
		                  suite_range_text(range, sizeof range, kp->min, kp->max, kp->unit), got);
	}
	if (kp->multiple > 0 && fmod(d, kp->multiple) != 0) {
		/* The kernel would round it down and measure something else than asked. */
		char mul[32], got[48];
		if (text)
			snprintf(got, sizeof got, "\"%.40s\"", text);
		else
			suite_num_text(got, sizeof got, d);
		return suite_fail(L, p, "param '%s' %s must be a multiple of %s (got %s)", kp->name, ctx,
		                  fmt_size_exact(mul, sizeof mul, kp->multiple), got);
	}
	*out = d;
	return 0;
}

/* Fills one variant's spec from a checked test. */
int suite_make_spec(struct loader *L, const struct test_src *t, const char *suite_name, size_t index,
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
		return suite_fail(L, jsonpos_member((char[512]){ 0 }, 512, t->path, "matrix"),
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

/* Reports, metrics and history tell a test's variants apart by their label ("x=1 y=a"), not
 * by the JSON: values such as 1 and "1", or "a y=b" beside a key y, would give two variants
 * one label, and so one series that a Pushgateway refuses whole. Refused here, once the
 * test's variants (specs, n of them) are made. */
int suite_check_variant_labels(struct loader *L, const struct test_src *t, const struct test_spec *specs, size_t n)
{
	if (n < 2)
		return 0;
	char (*label)[sizeof specs->info.variant] = malloc(n * sizeof *label);
	if (!label)
		return suite_fail(L, NULL, "out of memory");
	struct strset seen = { 0 };
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		size_t j;
		export_variant_label(label[i], sizeof label[i], specs[i].info.variant);
		int dup = strset_add(&seen, label[i], i, &j);
		if (dup < 0) {
			rc = suite_fail(L, NULL, "out of memory");
		} else if (dup > 0) {
			char pm[512];
			rc = suite_fail(L, jsonpos_member(pm, sizeof pm, t->path, "matrix"),
			                "the variants %s and %s %s would both be named '%s' in reports and metrics: "
			                "make the values differ as text", specs[j].info.variant, specs[i].info.variant,
			                t->where, label[i]);
		}
	}
	strset_free(&seen);
	free(label);
	return rc;
}
