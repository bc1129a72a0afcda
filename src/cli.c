#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export.h"
#include "util.h"

/* How a row's argument is checked and stored. */
enum opt_kind {
	OPT_FLAG,       /* sets an int to 1 */
	OPT_RANGE,      /* a number within min..max, into a double */
	OPT_COUNT,      /* a whole number within min..max, into an int */
	OPT_DURATION,   /* "90", "30s", "10m", "2h", within min..max seconds, into a double */
	OPT_SIZE,       /* "4096", "64K", "1G", into a double */
	OPT_STRING,     /* kept as given */
	OPT_RUN,        /* appended to the list of suites */
	OPT_FORMAT,     /* text | jsonl | csv */
	OPT_STRESS,     /* here come the stress generators' options; in rows: one of them */
};

struct opt {
	const char *name;
	char short_name;
	enum opt_kind kind;
	size_t offset;          /* the field of struct options it fills */
	double min, max;
	const char *arg;        /* the argument's name in --help; NULL for flags */
	const char *help;
	const char *accepts;    /* what a bad value is told it should be */
};

#define F(field) offsetof(struct options, field)
#define CLI_REPORT_FORMATS "FORMATS"   /* replaced by the exporters' extensions in --help */

static const struct opt opt_table[] = {
	{ "headless", 'H', OPT_FLAG, F(headless), 0, 0, NULL, "no dashboard: one log line per interval", NULL },
	{ "interval", 'i', OPT_RANGE, F(interval), 0.05, 60, "SECONDS", "sampling interval (default 1)",
	  "a number of seconds from 0.05 to 60" },
	{ "duration", 'd', OPT_DURATION, F(duration), 0.001, 1e9, "TIME", "end the run after TIME (90, 30s, 10m, 2h)",
	  "a positive time such as 90, 30s, 10m or 2h" },
	{ "history", 0, OPT_DURATION, F(history), 1, 7 * 86400.0, "TIME", "full-resolution history kept (default 1h)",
	  "a time from 1s to 7d such as 10m or 1h" },
	{ "log", 0, OPT_STRING, F(log), 0, 0, "FILE", "write the headless sample log to FILE (default stdout)", NULL },
	{ "format", 0, OPT_FORMAT, F(format), 0, 0, "FORMAT", "headless log format: text, jsonl or csv",
	  "text, jsonl or csv" },
	{ "run", 'r', OPT_RUN, F(runs), 0, 0, "SUITE", "run a suite file or preset (quick, standard, full, cpu, ...)", NULL },
	{ "report", 'o', OPT_STRING, F(report), 0, 0, "PATH", "reports to PATH: " CLI_REPORT_FORMATS ", or a directory", NULL },
	{ "no-report", 0, OPT_FLAG, F(no_report), 0, 0, NULL, "write no reports and no journal", NULL },
	{ "jobs", 'j', OPT_COUNT, F(jobs), 1, 256, "N", "let N tests run at once (they disturb each other)",
	  "a whole number from 1 to 256" },
	{ "baseline", 0, OPT_STRING, F(baseline), 0, 0, "FILE", "compare the run with an earlier JSON report", NULL },
	{ "save-baseline", 0, OPT_STRING, F(save_baseline), 0, 0, "FILE", "also write the JSON report to FILE", NULL },
	{ "threshold", 0, OPT_RANGE, F(threshold), 0, 1000, "PCT", "tolerance for --baseline, in percent (default 5)",
	  "a percentage from 0 to 1000" },
	{ "stress", 0, OPT_STRESS, F(stress), 0, 0, NULL, NULL, NULL },
	{ "hdd-dir", 0, OPT_STRING, F(hdd_dir), 0, 0, "DIR", "where disk stressors and tests put their files", NULL },
	{ "theme", 0, OPT_STRING, F(theme), 0, 0, "NAME|FILE", "dashboard colors: default, mono, high-contrast, ...", NULL },
	{ "no-color", 0, OPT_FLAG, F(no_color), 0, 0, NULL, "draw without colors (NO_COLOR does the same)", NULL },
	{ "ascii", 0, OPT_FLAG, F(ascii), 0, 0, NULL, "draw with ASCII characters only", NULL },
	{ "detach", 0, OPT_FLAG, F(detach), 0, 0, NULL, "run in the background; benchtop ls and stop find it", NULL },
	{ "on-hangup", 0, OPT_STRING, F(on_hangup), 0, 0, "stop|detach",
	  "when the terminal goes away: end the run, or go on", NULL },
	{ "list", 0, OPT_FLAG, F(list), 0, 0, NULL, "list sources, tests, suites and themes, then exit", NULL },
	{ "help", 'h', OPT_FLAG, F(help), 0, 0, NULL, "show this help and exit", NULL },
	{ "version", 'V', OPT_FLAG, F(version), 0, 0, NULL, "show the version and exit", NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL },
};

static const char *const format_names[] = { [LOG_TEXT] = "text", [LOG_JSONL] = "jsonl", [LOG_CSV] = "csv" };

static void defaults(struct options *o)
{
	memset(o, 0, sizeof *o);
	o->interval = 1;
	o->history = 3600;
	o->format = LOG_TEXT;
	o->jobs = 1;
	o->threshold = 5;
	stress_config_init(&o->stress);
}

/* opt_table with the OPT_STRESS row replaced by one row per stress setting. */
#define CLI_MAX_ROWS (sizeof opt_table / sizeof *opt_table + STRESS_MAX_GENS * STRESS_MAX_PARAMS)
static struct opt rows[CLI_MAX_ROWS];
static char row_names[STRESS_MAX_GENS * STRESS_MAX_PARAMS][48];

static const struct opt *make_rows(void)
{
	size_t n = 0, k = 0;
	for (const struct opt *p = opt_table; p->name; p++) {
		if (p->kind != OPT_STRESS) {
			rows[n++] = *p;
			continue;
		}
		for (int g = 0; stress_params(g); g++)
			for (int i = 0; stress_params(g)[i].name; i++) {
				const struct stress_param *sp = &stress_params(g)[i];
				stress_option_name(g, i, '-', row_names[k], sizeof row_names[k]);
				rows[n++] = (struct opt){ row_names[k++], 0, OPT_STRESS, p->offset, 0, 0, sp->arg, sp->help, NULL };
			}
	}
	rows[n] = (struct opt){ NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL };
	return rows;
}

static int bad_value(FILE *err, const struct opt *p, const char *arg)
{
	fprintf(err, "benchtop: --%s: invalid value '%s': expected %s\n", p->name, arg, p->accepts);
	return 2;
}

static int apply(const struct opt *p, const char *arg, struct options *o, FILE *err)
{
	char *field = (char *)o + p->offset;
	double v;
	long n;
	switch (p->kind) {
	case OPT_FLAG:
		*(int *)field = 1;
		return 0;
	case OPT_RANGE:
		if (parse_double(arg, &v) < 0 || v < p->min || v > p->max)
			return bad_value(err, p, arg);
		*(double *)field = v;
		return 0;
	case OPT_COUNT:
		if (parse_long(arg, &n) < 0 || n < p->min || n > p->max)
			return bad_value(err, p, arg);
		*(int *)field = (int)n;
		return 0;
	case OPT_DURATION:
		if (parse_duration(arg, &v) < 0 || v < p->min || v > p->max)
			return bad_value(err, p, arg);
		*(double *)field = v;
		return 0;
	case OPT_SIZE:
		if (parse_size(arg, &v) < 0 || v < p->min || v > p->max)
			return bad_value(err, p, arg);
		*(double *)field = v;
		return 0;
	case OPT_STRING:
		if (!*arg) {
			fprintf(err, "benchtop: --%s: needs a non-empty value\n", p->name);
			return 2;
		}
		*(const char **)field = arg;
		return 0;
	case OPT_RUN:
		if (o->nruns == CLI_MAX_RUNS) {
			fprintf(err, "benchtop: --%s: at most %d suites\n", p->name, CLI_MAX_RUNS);
			return 2;
		}
		o->runs[o->nruns++] = arg;
		return 0;
	case OPT_STRESS: {
		char why[200];
		if (stress_config_set(&o->stress, p->name, arg, why, sizeof why) < 0) {
			fprintf(err, "benchtop: --%s: %s\n", p->name, why);
			return 2;
		}
		return 0;
	}
	case OPT_FORMAT:
		for (size_t i = 0; i < sizeof format_names / sizeof *format_names; i++)
			if (strcmp(arg, format_names[i]) == 0) {
				*(enum log_format *)field = (enum log_format)i;
				return 0;
			}
		return bad_value(err, p, arg);
	}
	return 0;
}

void cli_usage(FILE *out)
{
	fputs("Usage: benchtop [OPTIONS]\n"
	      "       benchtop compare OLD.json NEW.json | report JOURNAL -o DIR\n"
	      "A live terminal workbench: machine gauges, benchmark suites and stress runs.\n\n"
	      "Options:\n", out);
	for (const struct opt *p = make_rows(); p->name; p++) {
		char left[48];
		if (p->short_name)
			snprintf(left, sizeof left, "-%c, --%s%s%s", p->short_name, p->name, p->arg ? " " : "",
			         p->arg ? p->arg : "");
		else
			snprintf(left, sizeof left, "    --%s%s%s", p->name, p->arg ? " " : "", p->arg ? p->arg : "");
		if (strstr(p->help, CLI_REPORT_FORMATS)) {
			/* The report formats are those of exporter_table, said once. */
			char formats[128];
			export_formats(formats, sizeof formats, ".", " ");
			fprintf(out, "  %-28s reports to PATH: %s, or a directory\n", left, formats);
			continue;
		}
		fprintf(out, "  %-28s %s\n", left, p->help);
	}
	fputs("\nCommands:\n"
	      "  benchtop compare OLD.json NEW.json [--threshold PCT]   regression table; exit 1 on a regression\n"
	      "  benchtop report JOURNAL -o DIR                       rebuild a run's reports from its journal\n", out);
	fputs("\nExit status: 0 all well; 1 a test failed or regressed; 2 bad usage or a bad file.\n"
	      "See benchtop(1) for the formats, files and environment.\n", out);
}

int cli_parse(int argc, char **argv, struct options *o, FILE *err)
{
	enum { NOPTS = CLI_MAX_ROWS };
	const struct opt *opt_rows = make_rows();
	struct option longopts[NOPTS];
	char shortopts[2 * NOPTS * 2 + 2];
	size_t sl = 0;

	defaults(o);
	shortopts[sl++] = ':';   /* report a missing argument apart from an unknown option */
	for (int i = 0; opt_rows[i].name; i++) {
		const struct opt *p = &opt_rows[i];
		longopts[i] = (struct option){ p->name, p->kind == OPT_FLAG ? no_argument : required_argument,
		                               NULL, 256 + i };
		if (p->short_name) {
			shortopts[sl++] = p->short_name;
			if (p->kind != OPT_FLAG)
				shortopts[sl++] = ':';
		}
		longopts[i + 1] = (struct option){ 0, 0, 0, 0 };
	}
	shortopts[sl] = '\0';

	opterr = 0;
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		const struct opt *p = NULL;
		if (c >= 256) {
			p = &opt_rows[c - 256];
		} else if (c == '?' || c == ':') {
			const char *what = argv[optind - 1];
			if (c == ':')
				fprintf(err, "benchtop: %s: needs a value\n", what);
			else if (optopt)
				fprintf(err, "benchtop: unknown option '-%c' (see benchtop --help)\n", optopt);
			else
				fprintf(err, "benchtop: unknown option '%s' (see benchtop --help)\n", what);
			return 2;
		} else {
			for (const struct opt *q = opt_rows; q->name; q++)
				if (q->short_name == c)
					p = q;
		}
		if (!p)
			return 2;
		int rc = apply(p, optarg, o, err);
		if (rc)
			return rc;
	}
	if (optind < argc) {
		fprintf(err, "benchtop: unexpected argument '%s' (see benchtop --help)\n", argv[optind]);
		return 2;
	}
	return 0;
}

int cli_parse_sub(int argc, char **argv, const char *cmd, const struct cli_sub_opt *opts,
                  int (*on)(void *arg, int opt, const char *value), void *arg, FILE *err)
{
	int words_only = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int rc;
		if (words_only || a[0] != '-' || !a[1]) {
			if ((rc = on(arg, -1, a)))
				return rc;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			words_only = 1;
			continue;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
			return 1;
		const struct cli_sub_opt *p = opts;
		const char *value = NULL;
		size_t n = strcspn(a + 2, "=");
		for (; p->name; p++) {
			if (a[1] == '-' && strlen(p->name) == n && strncmp(a + 2, p->name, n) == 0) {
				value = a[2 + n] == '=' ? a + 3 + n : NULL;
				break;
			}
			if (a[1] != '-' && p->short_name && a[1] == p->short_name && !a[2])
				break;
		}
		if (!p->name) {
			fprintf(err, "benchtop %s: unknown option '%s' (see benchtop %s --help)\n", cmd, a, cmd);
			return 2;
		}
		if (p->arg && !value) {
			if (i + 1 >= argc) {
				fprintf(err, "benchtop %s: %s: needs %s\n", cmd, a, p->arg);
				return 2;
			}
			value = argv[++i];
		} else if (!p->arg && value) {
			fprintf(err, "benchtop %s: --%s takes no value\n", cmd, p->name);
			return 2;
		}
		if ((rc = on(arg, (int)(p - opts), value)))
			return rc;
	}
	return 0;
}
