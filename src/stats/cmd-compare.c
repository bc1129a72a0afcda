#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd-compare.h"
#include "compare-format.h"
#include "compare-table.h"
#include "compare.h"
#include "report-load.h"

#define CMD_COMPARE_MAX_REPORTS 64

/* --format's words are in the order of enum compare_format. */
struct compare_options {
	double tolerance;
	double alpha;
	int    format;          /* enum compare_format */
	int    help;
};

#define F(field) offsetof(struct compare_options, field)

static const struct cli_opt compare_opts[] = {
	{ "threshold", 't', OPT_PERCENT, F(tolerance), 0, 1000, "PCT",
	  "change of the median a test may show before it counts (default 5)",
	  "a percentage from 0 to 1000, such as 5 or 5%" },
	{ "alpha", 0, OPT_RANGE, F(alpha), 1e-9, 0.5, "P",
	  "significance level of the U test (default 0.05)", "a probability from 1e-9 to 0.5, such as 0.01" },
	{ "format", 'f', OPT_CHOICE, F(format), 0, 0, "FORMAT", "text (default), json, md or csv",
	  "text, json, md or csv" },
	{ "help", 'h', OPT_FLAG, F(help), 0, 0, NULL, "show this help and exit", NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL },
};

int compare_reports(const struct run_results *old_r, struct run_results *new_r,
                    double tolerance_pct, FILE *out)
{
	return compare_reports_alpha(old_r, new_r, tolerance_pct, COMPARE_DEFAULT_ALPHA, out);
}

int compare_reports_alpha(const struct run_results *old_r, struct run_results *new_r,
                          double tolerance_pct, double alpha, FILE *out)
{
	const struct run_results *reports[2] = { old_r, new_r };
	const char *files[2] = { "baseline", "this run" };
	struct compare_table t;
	char why[128];
	if (compare_table_build(&t, reports, 2, tolerance_pct, alpha, why, sizeof why) < 0) {
		fprintf(out, "comparison not made: %s\n", why);
		return 0;
	}
	compare_format_write(&t, files, COMPARE_FORMAT_TEXT, out);
	/* The reports of the new run carry the comparison too. */
	for (size_t i = 0; i < t.nrows; i++) {
		const struct compare_cell *base = &t.rows[i].cells[0], *now = &t.rows[i].cells[1];
		if (!base->test || !now->test || now->unit_changed)   /* no figures to carry across units */
			continue;
		struct test_result *tr = &new_r->tests[now->test - new_r->tests];
		tr->has_baseline = 1;
		tr->baseline = now->c;
	}
	int rc = compare_table_regressed(&t);
	compare_table_free(&t);
	return rc;
}

static void cmd_compare_usage(FILE *f)
{
	fputs("usage: benchtop compare BASE.json NEW.json [MORE.json...] [OPTIONS]\n"
	      "  Compares JSON reports test by test, each against the first; exit 1 when a test regressed.\n"
	      "  A test regressed when the Mann-Whitney U test gives p < alpha and its median changed by\n"
	      "  more than the threshold; with too few samples for any p below alpha it says so.\n", f);
	cli_usage_table(compare_opts, f);
}

int cmd_compare(int argc, char **argv)
{
	struct compare_options o = { COMPARE_DEFAULT_TOLERANCE, COMPARE_DEFAULT_ALPHA, COMPARE_FORMAT_TEXT, 0 };
	int first;
	if (cli_parse_table(compare_opts, &o, argc, argv, "benchtop compare", &first, stderr))
		return 2;
	if (o.help) {
		cmd_compare_usage(stdout);
		return 0;
	}
	int nfiles = argc - first;
	if (nfiles < 2 || nfiles > CMD_COMPARE_MAX_REPORTS) {
		fprintf(stderr, "benchtop compare: expected two reports or more (at most %d), BASE.json and NEW.json "
		        "(see benchtop compare --help)\n", CMD_COMPARE_MAX_REPORTS);
		return 2;
	}

	struct run_results loaded[CMD_COMPARE_MAX_REPORTS];
	const struct run_results *reports[CMD_COMPARE_MAX_REPORTS];
	const char *files[CMD_COMPARE_MAX_REPORTS];
	char why[512];
	int rc = 2, nloaded = 0;
	for (; nloaded < nfiles; nloaded++) {
		files[nloaded] = argv[first + nloaded];
		reports[nloaded] = &loaded[nloaded];
		if (report_load_json(files[nloaded], &loaded[nloaded], why, sizeof why) < 0) {
			char safe[1024];
			fprintf(stderr, "benchtop compare: %s\n", compare_term_safe(safe, sizeof safe, why));
			goto out;
		}
	}
	struct compare_table t;
	if (compare_table_build(&t, reports, (size_t)nfiles, o.tolerance, o.alpha, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop compare: %s\n", why);
		goto out;
	}
	if (compare_format_write(&t, files, (enum compare_format)o.format, stdout) < 0 || fflush(stdout) != 0) {
		fprintf(stderr, "benchtop compare: could not write the comparison\n");
	} else {
		rc = compare_table_regressed(&t);
	}
	compare_table_free(&t);
out:
	for (int i = 0; i < nloaded; i++)
		results_free(&loaded[i]);
	return rc;
}
