/* stress-config.c - the generators' settings as data: each generator's params table gives the
 * command-line options, the suite fields and --list lines; here they are parsed and checked. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

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

/* Index of word in "a,b,c", or -1. */
static int choice_index(const char *choices, const char *word)
{
	size_t wl = strlen(word);
	int i = 0;
	for (const char *c = choices; *c; i++) {
		size_t n = strcspn(c, ",");
		if (n == wl && strncmp(c, word, n) == 0)
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

void stress_param_accepts(const struct stress_param *p, char *buf, size_t len)
{
	char lo[32], hi[32];
	if (p->accepts) {
		str_copy(buf, p->accepts, len);
		return;
	}
	switch (p->type) {
	case SPARAM_COUNT:
		c_snprintf(buf, len, "a whole number from %.0f to %.0f%s", p->min, p->max,
		           !p->name[0] && p->min == 0 ? ", or all" : "");
		break;
	case SPARAM_NUMBER:
		if (p->unit && strcmp(p->unit, "%") == 0)
			c_snprintf(buf, len, "a percentage from %g to %g", p->min, p->max);
		else
			c_snprintf(buf, len, "a number from %g to %g", p->min, p->max);
		break;
	case SPARAM_SIZE:
	case SPARAM_SIZE_PCT:
		c_snprintf(buf, len, "a size from %s to %s such as 64K or 1G%s", fmt_bytes(lo, sizeof lo, p->min),
		           fmt_bytes(hi, sizeof hi, p->max), p->type == SPARAM_SIZE_PCT ? ", or a percentage such as 50%" : "");
		break;
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
	if (i == 0)
		cfg->on |= 1u << g;
}

int stress_config_any(const struct stress_config *cfg)
{
	return cfg->on != 0;
}

int stress_config_set(struct stress_config *cfg, const char *option, const char *text, char *why, size_t whylen)
{
	int g, i;
	if (find_option(option, &g, &i) < 0) {
		c_snprintf(why, whylen, "unknown stress setting '%s'", option);
		return -1;
	}
	const struct stress_param *p = &stressor_table[g]->params[i];
	struct stress_value *v = &cfg->gen[g][i];
	char accepts[160];
	double x;
	long n;
	size_t len = strlen(text);
	int ok = 0;
	switch (p->type) {
	case SPARAM_COUNT:
		/* "all" is 0 where 0 means one per CPU or GPU (the workers rows: --cpu all, --gpu all) */
		if (strcmp(text, "all") == 0 && !p->name[0] && p->min == 0)
			text = "0";
		ok = parse_long(text, &n) == 0 && n >= p->min && n <= p->max;
		x = (double)n;
		break;
	case SPARAM_NUMBER:
		/* A percentage ("--cpu-load 50%") may carry its sign, as --threshold does. */
		if (p->unit && strcmp(p->unit, "%") == 0)
			ok = parse_percent(text, &x) == 0 && x >= p->min && x <= p->max;
		else
			ok = parse_double(text, &x) == 0 && x >= p->min && x <= p->max;
		break;
	case SPARAM_SIZE_PCT:
		if (len > 1 && len < 32 && text[len - 1] == '%') {
			char num[32];
			snprintf(num, sizeof num, "%.*s", (int)len - 1, text);
			if (parse_double(num, &x) == 0 && x >= 1 && x <= 100) {
				v->num = x;
				v->pct = 1;
				return 0;
			}
			break;
		}
		/* fall through */
	case SPARAM_SIZE:
		ok = parse_size(text, &x) == 0 && x >= p->min && x <= p->max;
		break;
	case SPARAM_CHOICE:
		if (!*text || len >= sizeof v->text)
			break;
		str_copy(v->text, text, sizeof v->text);
		return 0;
	}
	if (!ok) {
		stress_param_accepts(p, accepts, sizeof accepts);
		c_snprintf(why, whylen, "invalid value '%s': expected %s", text, accepts);
		return -1;
	}
	v->num = x;
	v->pct = 0;
	if (i == 0)
		cfg->on |= 1u << g;
	return 0;
}

/* Before a generator starts: its values are within its table (a config made in code may not
 * have gone through stress_config_set). */
int stress_config_check(int gen, const struct stress_value *v, char *why, size_t whylen)
{
	const struct stressor_class *c = stressor_table[gen];
	for (int i = 0; c->params[i].name; i++) {
		const struct stress_param *p = &c->params[i];
		const char *what = *p->name ? p->name : "workers";
		if (p->type == SPARAM_CHOICE) {
			if (choice_index(p->choices, v[i].text) < 0) {
				char list[160];
				choices_text(p->choices, list, sizeof list);
				c_snprintf(why, whylen, "%s %s '%s': use %s", c->name, what, v[i].text, list);
				return -1;
			}
			continue;
		}
		double lo = v[i].pct ? 1 : p->min, hi = v[i].pct ? 100 : p->max;
		if (!(v[i].num >= lo && v[i].num <= hi)) {
			c_snprintf(why, whylen, "%s %s %g%s%s: must be %g..%g", c->name, what, v[i].num,
			           v[i].pct || (p->unit && !strcmp(p->unit, "%")) ? " " : "",
			           v[i].pct ? "%" : p->unit && !strcmp(p->unit, "%") ? "%" : "", lo, hi);
			return -1;
		}
	}
	return 0;
}

/* The choice's index, for generators: v->text is checked before init. */
int stress_choice(const struct stress_param *p, const struct stress_value *v)
{
	int i = choice_index(p->choices, v->text);
	return i < 0 ? 0 : i;
}
