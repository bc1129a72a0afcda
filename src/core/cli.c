#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "order.h"
#include "export.h"
#include "util.h"

#define F(field) offsetof(struct options, field)
#define CLI_REPORT_FORMATS "FORMATS"   /* said from exporter_table in --help */

static const struct cli_opt opt_table[] = {
	{ "headless", 'H', OPT_FLAG, F(headless), 0, 0, NULL, "no dashboard: one log line per interval", NULL },
	{ "interval", 'i', OPT_RANGE, F(interval), 0.05, 60, "SECONDS", "sampling interval (default 1)",
	  "a number of seconds from 0.05 to 60" },
	{ "duration", 'd', OPT_DURATION, F(duration), 0.001, 1e9, "TIME", "end the run after TIME (90, 30s, 10m, 2h)",
	  "a positive time such as 90, 30s, 10m or 2h" },
	{ "history", 0, OPT_DURATION, F(history), 1, 7 * 86400.0, "TIME", "full-resolution history kept (default 1h)",
	  "a time from 1s to 7d such as 10m or 1h" },
	{ "log", 0, OPT_STRING, F(log), 0, 0, "FILE", "write the headless sample log to FILE (default stdout)", NULL },
	{ "format", 0, OPT_CHOICE, F(format), 0, 0, "FORMAT", "headless log format: text, jsonl or csv",
	  "text, jsonl or csv" },
	{ "run", 'r', OPT_RUN, F(runs), 0, 0, "SUITE", "run a suite file or preset (quick, standard, full, cpu, ...)", NULL },
	{ "report", 'o', OPT_STRING, F(report), 0, 0, "PATH", "reports to PATH: " CLI_REPORT_FORMATS ", or a directory", NULL },
	{ "no-report", 0, OPT_FLAG, F(no_report), 0, 0, NULL, "write no reports and no journal", NULL },
	{ "jobs", 'j', OPT_COUNT, F(jobs), 1, 256, "N", "let N tests run at once (they disturb each other)",
	  "a whole number from 1 to 256" },
	{ "order", 0, OPT_ORDER, F(order), 0, 0, "ORDER", "iterations: sequential, interleaved or shuffled",
	  ORDER_TEXT },
	{ "seed", 0, OPT_SEED, F(seed), 0, 0, "N", "seed of the shuffled order (printed, and kept in the report)",
	  "a whole number from 0 to 9007199254740991" },
	{ "require-quiet", 0, OPT_FLAG, F(require_quiet), 0, 0, NULL, "exit 3 when a test was measured on a busy machine",
	  NULL },
	{ "baseline", 0, OPT_STRING, F(baseline), 0, 0, "FILE", "compare the run with an earlier JSON report", NULL },
	{ "save-baseline", 0, OPT_STRING, F(save_baseline), 0, 0, "FILE", "also write the JSON report to FILE", NULL },
	{ "threshold", 0, OPT_PERCENT, F(threshold), 0, 1000, "PCT", "tolerance for --baseline, in percent (default 5)",
	  "a percentage from 0 to 1000, such as 5 or 5%" },
	{ "stress", 0, OPT_STRESS, F(stress), 0, 0, NULL, NULL, NULL },
	{ "hdd-dir", 0, OPT_STRING, F(hdd_dir), 0, 0, "DIR", "where disk stressors and tests put their files", NULL },
	{ "max-temp", 0, OPT_RANGE, F(max_temp), 1, 150, "C", "pause the stressors while a CPU or GPU sensor is over C",
	  "a temperature from 1 to 150 (degrees Celsius)" },
	{ "max-temp-action", 0, OPT_CHOICE, F(max_temp_action), 0, 0, "ACTION", "over --max-temp: pause (default) or stop",
	  "pause or stop" },
	{ "theme", 0, OPT_STRING, F(theme), 0, 0, "NAME|FILE", "dashboard colors: default, mono, high-contrast, ...", NULL },
	{ "no-color", 0, OPT_FLAG, F(no_color), 0, 0, NULL, "draw without colors (NO_COLOR does the same)", NULL },
	{ "ascii", 0, OPT_FLAG, F(ascii), 0, 0, NULL, "draw with ASCII characters only", NULL },
	{ "detach", 0, OPT_FLAG, F(detach), 0, 0, NULL, "run in the background; benchtop ls and stop find it", NULL },
	{ "on-hangup", 0, OPT_STRING, F(on_hangup), 0, 0, "stop|detach",
	  "when the terminal goes away: end the run, or go on", NULL },
	{ "history-db", 0, OPT_STRING, F(history_db), 0, 0, "FILE", "run history database (default ~/.local/share/benchtop/history.db)", NULL },
	{ "no-history", 0, OPT_FLAG, F(no_history), 0, 0, NULL, "do not record the run in the history database", NULL },
	{ "label", 0, OPT_STRING, F(label), 0, 0, "TEXT", "label of the run in the history (e.g. a commit)", NULL },
	{ "listen", 0, OPT_STRING, F(listen), 0, 0, "[ADDR:]PORT", "serve /metrics for Prometheus (127.0.0.1 unless ADDR)", NULL },
	{ "listen-token", 0, OPT_STRING, F(listen_token), 0, 0, "FILE", "/metrics wants Authorization: Bearer <FILE's token>", NULL },
	{ "push", 0, OPT_STRING, F(push), 0, 0, "URL", "push each finished run's summary to a Pushgateway", NULL },
	{ "textfile", 0, OPT_STRING, F(textfile), 0, 0, "DIR", "write the summary to DIR/benchtop.prom (node_exporter)", NULL },
	{ "list", 0, OPT_FLAG, F(list), 0, 0, NULL, "list sources, tests, suites and themes, then exit", NULL },
	{ "help", 'h', OPT_FLAG, F(help), 0, 0, NULL, "show this help and exit", NULL },
	{ "version", 'V', OPT_FLAG, F(version), 0, 0, NULL, "show the version and exit", NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL },
};

static void defaults(struct options *o)
{
	memset(o, 0, sizeof *o);
	o->interval = 1;
	o->history = 3600;
	o->format = LOG_TEXT;
	o->jobs = 1;
	o->threshold = 5;
	stress_config_init(&o->stress);
	o->order = ORDER_UNSET;
}

/* opt_table with the OPT_STRESS row replaced by one row per stress setting, and the report
 * formats of exporter_table in -o's help. */
#define CLI_MAX_ROWS (sizeof opt_table / sizeof *opt_table + STRESS_MAX_GENS * STRESS_MAX_PARAMS)
static struct cli_opt rows[CLI_MAX_ROWS];
static char row_names[STRESS_MAX_GENS * STRESS_MAX_PARAMS][48];
static char report_help[160];

static const struct cli_opt *make_rows(void)
{
	size_t n = 0, k = 0;
	for (const struct cli_opt *p = opt_table; p->name; p++) {
		if (p->kind != OPT_STRESS) {
			rows[n] = *p;
			if (strstr(p->help, CLI_REPORT_FORMATS)) {
				char formats[128];
				snprintf(report_help, sizeof report_help, "reports to PATH: %s, or a directory",
				         export_formats(formats, sizeof formats, ".", " "));
				rows[n].help = report_help;
			}
			n++;
			continue;
		}
		for (int g = 0; stress_params(g); g++)
			for (int i = 0; stress_params(g)[i].name; i++) {
				const struct stress_param *sp = &stress_params(g)[i];
				stress_option_name(g, i, '-', row_names[k], sizeof row_names[k]);
				rows[n++] = (struct cli_opt){ row_names[k++], 0, OPT_STRESS, p->offset, 0, 0, sp->arg, sp->help, NULL };
			}
	}
	rows[n] = (struct cli_opt){ NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL };
	return rows;
}

static int bad_value(FILE *err, const char *prog, const struct cli_opt *p, const char *arg)
{
	fprintf(err, "%s: --%s: invalid value '%s': expected %s\n", prog, p->name, arg, p->accepts);
	return 2;
}

static int apply(const struct cli_opt *p, const char *arg, void *dest, const char *prog, FILE *err)
{
	char *field = (char *)dest + p->offset;
	double v;
	long n;
	switch (p->kind) {
	case OPT_FLAG:
		*(int *)field = 1;
		return 0;
	case OPT_RANGE:
		if (parse_double(arg, &v) < 0 || v < p->min || v > p->max)
			return bad_value(err, prog, p, arg);
		*(double *)field = v;
		return 0;
	case OPT_PERCENT:
		if (parse_percent(arg, &v) < 0 || v < p->min || v > p->max)
			return bad_value(err, prog, p, arg);
		*(double *)field = v;
		return 0;
	case OPT_COUNT:
		if (parse_long(arg, &n) < 0 || n < p->min || n > p->max)
			return bad_value(err, prog, p, arg);
		*(int *)field = (int)n;
		return 0;
	case OPT_DURATION:
		if (parse_duration(arg, &v) < 0 || v < p->min || v > p->max)
			return bad_value(err, prog, p, arg);
		*(double *)field = v;
		return 0;
	case OPT_SIZE:
		if (parse_size(arg, &v) < 0 || v < p->min || v > p->max)
			return bad_value(err, prog, p, arg);
		*(double *)field = v;
		return 0;
	case OPT_STRING:
		if (!*arg) {
			fprintf(err, "%s: --%s: needs a non-empty value\n", prog, p->name);
			return 2;
		}
		*(const char **)field = arg;
		return 0;
	case OPT_RUN: {
		struct options *o = dest;   /* only the main command's table has this kind */
		if (o->nruns == CLI_MAX_RUNS) {
			fprintf(err, "%s: --%s: at most %d suites\n", prog, p->name, CLI_MAX_RUNS);
			return 2;
		}
		o->runs[o->nruns++] = arg;
		return 0;
	}
	case OPT_STRESS: {
		char why[200];
		if (stress_config_set((struct stress_config *)(void *)field, p->name, arg, why, sizeof why) < 0) {
			fprintf(err, "%s: --%s: %s\n", prog, p->name, why);
			return 2;
		}
		return 0;
	}
	case OPT_CHOICE: {
		/* The words of "a, b or c", so the message and the accepted values are one text; in any
		 * case, as units and the stressors' words. */
		int i = 0;
		for (const char *w = p->accepts; *w; i++) {
			size_t len = strcspn(w, ", ");
			if (len == strlen(arg) && strncasecmp(w, arg, len) == 0) {
				*(int *)field = i;
				return 0;
			}
			w += len;
			w += strspn(w, ", ");
			if (strncmp(w, "or ", 3) == 0)
				w += 3;
		}
		return bad_value(err, prog, p, arg);
	}
	case OPT_ORDER: {
		enum run_order ord;
		if (order_parse(arg, &ord) < 0)
			return bad_value(err, prog, p, arg);
		*(int *)field = (int)ord;
		return 0;
	}
	case OPT_SEED:
		if (order_parse_seed(arg, (unsigned long long *)field) < 0)
			return bad_value(err, prog, p, arg);
		((struct options *)dest)->have_seed = 1;   /* only the main table has --seed */
		return 0;
	}
	return 0;
}

void cli_usage_table(const struct cli_opt *table, FILE *out)
{
	for (const struct cli_opt *p = table; p->name; p++) {
		char left[48];
		if (p->short_name)
			snprintf(left, sizeof left, "-%c, --%s%s%s", p->short_name, p->name, p->arg ? " " : "",
			         p->arg ? p->arg : "");
		else
			snprintf(left, sizeof left, "    --%s%s%s", p->name, p->arg ? " " : "", p->arg ? p->arg : "");
		fprintf(out, "  %-28s %s\n", left, p->help);
	}
}

void cli_usage(FILE *out)
{
	fputs("Usage: benchtop [OPTIONS]\n"
	      "       benchtop compare BASE.json NEW.json... | report JOURNAL -o DIR\n"
	      "A live terminal workbench: machine gauges, benchmark suites and stress runs.\n\n"
	      "Options:\n", out);
	cli_usage_table(make_rows(), out);
	fputs("\nCommands:\n"
	      "  benchtop compare BASE.json NEW.json... [OPTIONS]     regression table; exit 1 on a regression\n"
	      "  benchtop report JOURNAL -o DIR                       rebuild a run's reports from its journal\n"
	      "  benchtop history [show N | import FILE... | prune]   the run history database\n"
	      "  benchtop trend [--test PATTERN] [--gate] [-o FILE]   per-test trends and change points\n"
	      "  benchtop ls | stop [ID]                              running instances; end one cleanly\n"
	      "  benchtop attach [--view-only] [ID]                   the dashboard of a running instance\n", out);
	fputs("\nExit status: 0 all well (a stopped test is no failure); 1 a test failed or regressed;\n"
	      "2 bad usage or a bad file; 3 --require-quiet and a test was disturbed.\n"
	      "See benchtop(1) for the formats, files and environment.\n", out);
}

int cli_parse_table(const struct cli_opt *table, void *dest, int argc, char **argv, const char *prog,
                    int *first_operand, FILE *err)
{
	size_t nopts = 0;
	while (table[nopts].name)
		nopts++;
	struct option *longopts = calloc(nopts + 1, sizeof *longopts);
	char *shortopts = malloc(3 * nopts + 3);
	if (!longopts || !shortopts) {
		free(longopts);
		free(shortopts);
		fprintf(err, "%s: out of memory\n", prog);
		return 2;
	}
	size_t sl = 0;
	shortopts[sl++] = ':';   /* report a missing argument apart from an unknown option */
	for (size_t i = 0; i < nopts; i++) {
		const struct cli_opt *p = &table[i];
		longopts[i] = (struct option){ p->name, p->kind == OPT_FLAG ? no_argument : required_argument,
		                               NULL, 256 + (int)i };
		if (p->short_name) {
			shortopts[sl++] = p->short_name;
			if (p->kind != OPT_FLAG)
				shortopts[sl++] = ':';
		}
	}
	shortopts[sl] = '\0';

	opterr = 0;
	optind = 1;
	int c, rc = 0;
	while (!rc && (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		const struct cli_opt *p = NULL;
		if (c >= 256) {
			p = &table[c - 256];
		} else if (c == '?' || c == ':') {
			const char *what = argv[optind - 1];
			if (c == ':')
				fprintf(err, "%s: %s: needs a value\n", prog, what);
			else if (optopt)
				fprintf(err, "%s: unknown option '-%c' (see %s --help)\n", prog, optopt, prog);
			else
				fprintf(err, "%s: unknown option '%s' (see %s --help)\n", prog, what, prog);
			rc = 2;
			break;
		} else {
			for (const struct cli_opt *q = table; q->name; q++)
				if (q->short_name == c)
					p = q;
		}
		rc = p ? apply(p, optarg, dest, prog, err) : 2;
	}
	free(longopts);
	free(shortopts);
	if (rc)
		return rc;
	if (first_operand) {
		*first_operand = optind;
	} else if (optind < argc) {
		fprintf(err, "%s: unexpected argument '%s' (see %s --help)\n", prog, argv[optind], prog);
		return 2;
	}
	return 0;
}

int cli_parse(int argc, char **argv, struct options *o, FILE *err)
{
	defaults(o);
	int rc = cli_parse_table(make_rows(), o, argc, argv, "benchtop", NULL, err);
	/* Stress settings that depend on each other (--hdd-bytes and --hdd-write-size), once all are
	 * read: refused here like any bad value, not when the generator starts. */
	char why[240], opt[64];
	int g, i;
	if (!rc && stress_config_validate(&o->stress, '-', &g, &i, why, sizeof why) < 0) {
		stress_option_name(g, i, '-', opt, sizeof opt);
		fprintf(err, "benchtop: --%s: %s\n", opt, why);
		rc = 2;
	}
	return rc;
}
