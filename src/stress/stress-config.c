/* stress-config.c - the generators' settings as data: each generator's params table gives the
 * command-line options, the suite fields and --list lines; here they are parsed and checked. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "fmt-units.h"
#include "stressor.h"
#include "util.h"

static int ngen(void)
{
	int n = 0;
	while (stressor_table[n])
		n++;
	return n;
}

int stress_find(const char *name)
{
	for (int g = 0; name && stressor_table[g]; g++)
		if (strcmp(stressor_table[g]->name, name) == 0)
			return g;
	return -1;
}

const struct stress_param *stress_params(int gen)
{
	return gen >= 0 && gen < ngen() ? stressor_table[gen]->params : NULL;
}

void stress_option_name(int gen, int param, char sep, char *buf, size_t len)
{
	const struct stress_param *p = stress_params(gen);
	if (!p || !p[param].name) {
		str_copy(buf, "", len);
		return;
	}
	if (!*p[param].name)
		snprintf(buf, len, "%s", stressor_table[gen]->name);
	else
		snprintf(buf, len, "%s%c%s", stressor_table[gen]->name, sep, p[param].name);
	for (char *c = buf; *c; c++)
		if (*c == '-' || *c == '_')
			*c = sep;
}

/* The generator and row an option names ("cpu-load" or "cpu_load"); -1 when none does. */
static int find_option(const char *option, int *gen, int *param)
{
	char name[64];
	for (int g = 0; stressor_table[g]; g++)
		for (int i = 0; stressor_table[g]->params[i].name; i++) {
			stress_option_name(g, i, '-', name, sizeof name);
			const char *a = name, *b = option;
			while (*a && (*a == *b || (*a == '-' && *b == '_')))
				a++, b++;
			if (!*a && !*b) {
				*gen = g;
				*param = i;
				return 0;
			}
		}
	return -1;
}

const struct stress_param *stress_option_param(const char *option)
{
	int g, i;
	return find_option(option, &g, &i) < 0 ? NULL : &stressor_table[g]->params[i];
}

static void choices_text(const char *choices, char *buf, size_t len)
{
	/* "int,float,matmul,mixed" -> "int, float, matmul or mixed" */
	size_t n = 0;
	buf[0] = '\0';
	for (const char *c = choices; *c && n + 5 < len; c++) {
		if (*c != ',') {
			buf[n++] = *c;
			continue;
		}
		const char *sep = strchr(c + 1, ',') ? ", " : " or ";
		for (; *sep && n + 1 < len; sep++)
			buf[n++] = *sep;
	}
	buf[n] = '\0';
}

/* Index of word in "a,b,c", in any case (Int is int, as units are), or -1. */
static int choice_index(const char *choices, const char *word)
{
	size_t wl = strlen(word);
	int i = 0;
	for (const char *c = choices; *c; i++) {
		size_t n = strcspn(c, ",");
		if (n == wl && strncasecmp(c, word, n) == 0)
			return i;
		c += n + (c[n] == ',');
	}
	return -1;
}

static void choice_word(const char *choices, int index, char *buf, size_t len)
{
	const char *c = choices;
	for (int i = 0; i < index && *c; i++)
		c += strcspn(c, ",") + (c[strcspn(c, ",")] == ',');
	snprintf(buf, len, "%.*s", (int)strcspn(c, ","), c);
}

/* The workers row of cpu and gpu: "all" is 0, one per CPU or GPU. Said by its --help argument. */
static int takes_all(const struct stress_param *p)
{
	return p->type == SPARAM_COUNT && p->min == 0 && p->arg && strstr(p->arg, "|all") != NULL;
}

void stress_param_accepts(const struct stress_param *p, char *buf, size_t len)
{
	char lo[32], hi[32];
	if (p->accepts) {
		str_copy(buf, p->accepts, len);
		return;
	}
	switch (p->type) {
	case SPARAM_COUNT:
		c_snprintf(buf, len, "a whole number from %.0f to %.0f%s", p->min, p->max, takes_all(p) ? ", or all" : "");
		break;
	case SPARAM_NUMBER:
		if (p->unit && strcmp(p->unit, "%") == 0)
			c_snprintf(buf, len, "a percentage from %g to %g", p->min, p->max);
		else
			c_snprintf(buf, len, "a number from %g to %g", p->min, p->max);
		break;
	case SPARAM_SIZE:
	case SPARAM_SIZE_PCT: {
		char mul[48] = "";
		if (p->multiple > 0)
			c_snprintf(mul, sizeof mul, "a multiple of %s ", fmt_bytes(lo, sizeof lo, p->multiple));
		c_snprintf(buf, len, "%sa size from %s to %s such as 64K or 1G%s", mul, fmt_bytes(lo, sizeof lo, p->min),
		           fmt_bytes(hi, sizeof hi, p->max), p->type == SPARAM_SIZE_PCT ? ", or a percentage such as 50%" : "");
		break;
	}
	case SPARAM_CHOICE:
		choices_text(p->choices, buf, len);
		break;
	}
}

void stress_config_init(struct stress_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	for (int g = 0; stressor_table[g]; g++)
		for (int i = 0; i < STRESS_MAX_PARAMS && stressor_table[g]->params[i].name; i++) {
			const struct stress_param *p = &stressor_table[g]->params[i];
			struct stress_value *v = &cfg->gen[g][i];
			v->num = p->def;
			if (p->type == SPARAM_CHOICE)
				choice_word(p->choices, (int)p->def, v->text, sizeof v->text);
		}
}

struct stress_value *stress_config_value(struct stress_config *cfg, const char *option)
{
	int g, i;
	return find_option(option, &g, &i) < 0 ? NULL : &cfg->gen[g][i];
}

void stress_config_put(struct stress_config *cfg, const char *option, double num, int pct)
{
	int g, i;
	if (find_option(option, &g, &i) < 0)
		return;
	cfg->gen[g][i].num = num;
	cfg->gen[g][i].pct = pct;
	if (stressor_table[g]->params[i].type != SPARAM_CHOICE)
		cfg->gen[g][i].text[0] = '\0';
	if (i == 0)
		cfg->on |= 1u << g;
}

int stress_config_any(const struct stress_config *cfg)
{
	return cfg->on != 0;
}

/* Whether v is what row p accepts on its own: range, whole number, multiple, choice. */
static int value_ok(const struct stress_param *p, const struct stress_value *v)
{
	if (p->type == SPARAM_CHOICE)
		return choice_index(p->choices, v->text) >= 0;
	if (v->pct)
		return p->type == SPARAM_SIZE_PCT && v->num >= 1 && v->num <= 100;
	if (!(v->num >= p->min && v->num <= p->max))
		return 0;
	if (p->type == SPARAM_COUNT && v->num != trunc(v->num))
		return 0;
	return !(p->multiple > 0 && fmod(v->num, p->multiple) != 0);
}

const char *stress_value_text(const struct stress_param *p, const struct stress_value *v, char *buf, size_t len)
{
	if (v->text[0])
		str_copy(buf, v->text, len);
	else if (v->pct)
		c_snprintf(buf, len, "%g%%", v->num);
	else if (p->type == SPARAM_SIZE || p->type == SPARAM_SIZE_PCT)
		fmt_size_exact(buf, len, v->num);
	else
		c_snprintf(buf, len, "%.15g", v->num);
	return buf;
}

void stress_option_ref(const char *gen, int param, char sep, char *buf, size_t len)
{
	char name[64];
	stress_option_name(stress_find(gen), param, sep, name, sizeof name);
	c_snprintf(buf, len, "%s%s", sep == '-' ? "--" : "", name);
}

int stress_config_set(struct stress_config *cfg, const char *option, const char *text, char *why, size_t whylen)
{
	int g, i;
	if (find_option(option, &g, &i) < 0) {
		c_snprintf(why, whylen, "unknown stress setting '%s'", option);
		return -1;
	}
	const struct stress_param *p = &stressor_table[g]->params[i];
	struct stress_value v = { .num = NAN };
	char accepts[160];
	size_t len = strlen(text);
	int ok = 0;
	switch (p->type) {
	case SPARAM_COUNT:
		/* "all" is 0 where 0 means one per CPU or GPU (--cpu all, --gpu all) */
		if (strcasecmp(text, "all") == 0 && takes_all(p))
			v.num = 0, ok = 1;
		else
			ok = parse_count(text, &v.num) == 0;
		break;
	case SPARAM_NUMBER:
		/* A percentage ("--cpu-load 50%") may carry its sign, as --threshold does. */
		if (p->unit && strcmp(p->unit, "%") == 0)
			ok = parse_percent(text, &v.num) == 0;
		else
			ok = parse_double(text, &v.num) == 0;
		break;
	case SPARAM_SIZE_PCT:
		if (len > 1 && len < 32 && text[len - 1] == '%') {
			char num[32];
			snprintf(num, sizeof num, "%.*s", (int)len - 1, text);
			ok = parse_double(num, &v.num) == 0;
			v.pct = 1;
			break;
		}
		/* fall through */
	case SPARAM_SIZE:
		ok = parse_size(text, &v.num) == 0;
		break;
	case SPARAM_CHOICE: {
		int k = len < sizeof v.text ? choice_index(p->choices, text) : -1;
		if (k >= 0)
			choice_word(p->choices, k, v.text, sizeof v.text);   /* as the table spells it */
		ok = k >= 0;
		break;
	}
	}
	if (p->type != SPARAM_CHOICE)
		str_copy(v.text, text, sizeof v.text);
	if (!ok || !value_ok(p, &v)) {
		stress_param_accepts(p, accepts, sizeof accepts);
		c_snprintf(why, whylen, "invalid value '%s': expected %s", text, accepts);
		return -1;
	}
	cfg->gen[g][i] = v;
	if (i == 0)
		cfg->on |= 1u << g;
	return 0;
}

/* The first of gen's settings it would refuse: 0, or -1 with its row in *param and why
 * ("invalid value '6K': expected a multiple of 4 KiB ..."). */
static int gen_check(int gen, const struct stress_value *v, char sep, int *param, char *why, size_t whylen)
{
	const struct stressor_class *c = stressor_table[gen];
	char text[64], expects[200];
	for (int i = 0; c->params[i].name; i++)
		if (!value_ok(&c->params[i], &v[i])) {
			*param = i;
			stress_param_accepts(&c->params[i], expects, sizeof expects);
			c_snprintf(why, whylen, "invalid value '%s': expected %s", stress_value_text(&c->params[i], &v[i], text, sizeof text),
			           expects);
			return -1;
		}
	if (c->check && c->check(v, sep, param, expects, sizeof expects) < 0) {
		c_snprintf(why, whylen, "invalid value '%s': expected %s",
		           stress_value_text(&c->params[*param], &v[*param], text, sizeof text), expects);
		return -1;
	}
	return 0;
}

int stress_config_validate(const struct stress_config *cfg, char sep, int *gen, int *param,
                           char *why, size_t whylen)
{
	for (int g = 0; stressor_table[g]; g++)
		if (gen_check(g, cfg->gen[g], sep, param, why, whylen) < 0) {
			*gen = g;
			return -1;
		}
	return 0;
}

/* Before a generator starts: a config made in code may not have gone through stress_config_set,
 * so the same checks again, said as the command line says them. */
int stress_config_check(int gen, const struct stress_value *v, char *why, size_t whylen)
{
	char reason[240], opt[64];
	int param;
	if (gen_check(gen, v, '-', &param, reason, sizeof reason) == 0)
		return 0;
	stress_option_ref(stressor_table[gen]->name, param, '-', opt, sizeof opt);
	c_snprintf(why, whylen, "%s: %s", opt, reason);
	return -1;
}

/* The choice's index, for generators: v->text is checked before init. */
int stress_choice(const struct stress_param *p, const struct stress_value *v)
{
	int i = choice_index(p->choices, v->text);
	return i < 0 ? 0 : i;
}
