#include "config.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "export.h"
#include "fmt-units.h"
#include "kernel.h"
#include "sampler.h"
#include "source.h"
#include "stress.h"
#include "suite.h"
#include "theme.h"
#include "view.h"

/* --list: every family benchtop has, from its own table, with what is unavailable and why. */


/* A param's figure as a suite may write it back: "64MiB", "2G" (2e9), "1073741824"; never the
 * rounded "1.074 G" people read elsewhere, which the parser would take for another number. */
static const char *list_figure(char *buf, size_t len, double v, enum kernel_param_type type)
{
	if (type == KPARAM_SIZE)
		return fmt_size_exact(buf, len, v);
	if (type == KPARAM_INT)
		return fmt_count_exact(buf, len, v);
	snprintf(buf, len, "%g", v);
	return buf;
}

static void list_source(void *arg, const char *name, const char *help, const char *why)
{
	(void)arg;
	printf("  %-12s %s\n", name, help);
	if (why)
		printf("  %-12s unavailable: %s\n", "", why);
}

static void list_preset(void *arg, const char *name, const char *path)
{
	(void)arg;
	struct suite s;
	char why[256];
	if (suite_load(path, &s, why, sizeof why) == 0) {
		printf("  %-12s %zu tests  %s\n", name, s.ntests, path);
		suite_free(&s);
	} else {
		printf("  %-12s (broken: %s)\n", name, why);
	}
}

static void list_theme(void *arg, const char *name, const char *path)
{
	(void)arg;
	printf("  %-16s %s\n", name, path ? path : "(built in)");
}

int app_list(const struct source_env *env)
{
	printf("Sources:\n");
	sources_probe(env, list_source, NULL);
	printf("\nTests (kernels; params as name=default [min..max]):\n");
	for (int i = 0; kernel_table[i]; i++) {
		const struct kernel_class *k = kernel_table[i];
		printf("  %-18s %-10s %s is better. %s\n", k->name, k->unit, k->higher_is_better ? "higher" : "lower",
		       k->help);
		char why[200];
		if (k->available && k->available(why, sizeof why) < 0)
			printf("  %-18s unavailable: %s\n", "", why);
		for (const struct kernel_param *p = k->params; p && p->name; p++) {
			char def[48], lo[48], hi[48];
			if (p->type == KPARAM_TEXT) {
				printf("  %-18s   %s=%s %s\n", "", p->name, p->text_def, p->help);
				continue;
			}
			printf("  %-18s   %s=%s [%s..%s] %s\n", "", p->name, list_figure(def, sizeof def, p->def, p->type),
			       list_figure(lo, sizeof lo, p->min, p->type), list_figure(hi, sizeof hi, p->max, p->type),
			       p->help);
		}
	}
	printf("  %-18s %-10s lower is better. Runs argv without a shell\n", "command", "s");
	printf("  %-18s %-10s lower is better. Runs a /bin/sh line\n", "shell", "s");
	printf("\nSuites (presets for --run):\n");
	suite_presets_each(list_preset, NULL);
	printf("\nStressors (each setting is an option, and a field of a suite test's \"stress\" with _ for -;\n"
	       "toggled live in the dashboard's stress panel):\n");
	for (int g = 0; stress_name(g); g++) {
		char why[200];
		printf("  %-5s %s\n", stress_name(g), stress_help(g));
		if (stress_available(g, why, sizeof why) < 0)
			printf("  %-5s unavailable: %s\n", "", why);
		for (int i = 0; stress_params(g)[i].name; i++) {
			const struct stress_param *p = &stress_params(g)[i];
			char opt[64], left[80];
			stress_option_name(g, i, '-', opt, sizeof opt);
			snprintf(left, sizeof left, "--%s %s", opt, p->arg);
			printf("  %-5s %-22s %s\n", "", left, p->help);
		}
	}
	printf("\nReport formats (-o FILE.EXT, or -o DIR for all):\n");
	for (int i = 0; exporter_table[i]; i++)
		printf("  .%-5s %s\n", exporter_table[i]->ext, exporter_table[i]->help);
	for (int i = 0; view_table[i]; i++)
		if (view_table[i]->list)
			view_table[i]->list(stdout);
	printf("\nThemes:\n");
	theme_list(list_theme, NULL);
	return 0;
}
