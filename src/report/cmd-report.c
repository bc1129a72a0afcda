#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd-compare.h"
#include "cmd-report.h"
#include "export.h"
#include "history.h"
#include "journal.h"
#include "results.h"
#include "text-visible.h"
#include "util.h"

static void cmd_report_usage(FILE *f)
{
	fputs("usage: benchtop report JOURNAL [-o DIR] [--history-db FILE | --no-history] [--label TEXT]\n"
	      "  Rebuilds the reports of a run from its run-*.journal.jsonl, into DIR\n"
	      "  (default: the journal's directory), and records the run in the history\n"
	      "  unless it is there already.\n", f);
}

/* "dir/run-20240501-120000.journal.jsonl" -> "run-20240501-120000" */
static void cmd_report_stem(char *buf, size_t len, const char *path)
{
	const char *slash = strrchr(path, '/');
	str_copy(buf, slash ? slash + 1 : path, len);
	size_t n = strlen(buf), s = strlen(JOURNAL_SUFFIX);
	if (n > s && strcmp(buf + n - s, JOURNAL_SUFFIX) == 0)
		buf[n - s] = '\0';
	else if (n > 6 && strcmp(buf + n - 6, ".jsonl") == 0)
		buf[n - 6] = '\0';
}

struct report_args {
	const char *dir;
	const char *history_db, *label;
	int no_history;
	int help;
};

static const struct cli_opt report_opts[] = {
	{ "output", 'o', OPT_STRING, offsetof(struct report_args, dir), 0, 0, "DIR",
	  "where the reports go (default: the journal's directory)", NULL },
	{ "history-db", 0, OPT_STRING, offsetof(struct report_args, history_db), 0, 0, "FILE",
	  "the run history to record the run in (default: as for a run)", NULL },
	{ "no-history", 0, OPT_FLAG, offsetof(struct report_args, no_history), 0, 0, NULL,
	  "do not record the run in the history", NULL },
	{ "label", 0, OPT_STRING, offsetof(struct report_args, label), 0, 0, "TEXT",
	  "the label the run is recorded with", NULL },
	{ "help", 'h', OPT_FLAG, offsetof(struct report_args, help), 0, 0, NULL, "show this help and exit", NULL },
	{ NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL },
};

int cmd_report(int argc, char **argv)
{
	struct report_args ra = { 0 };
	int first = argc;
	if (cli_parse_table(report_opts, &ra, argc, argv, "benchtop report", &first, stderr))
		return 2;
	if (ra.help) {
		cmd_report_usage(stdout);
		return 0;
	}
	if (argc - first > 1) {
		fprintf(stderr, "benchtop report: unexpected argument '%s': one journal at a time\n", argv[first + 1]);
		return 2;
	}
	const char *journal = first < argc ? argv[first] : NULL, *dir = ra.dir;
	if (!journal) {
		fprintf(stderr, "benchtop report: expected a journal, run-YYYYmmdd-HHMMSS.journal.jsonl "
		        "(see benchtop report --help)\n");
		return 2;
	}
	if (dir && !dir[0]) {
		fprintf(stderr, "benchtop report: -o needs a directory\n");
		return 2;
	}

	char jdir[4096], stem[256], why[512];
	if (!dir) {
		const char *slash = strrchr(journal, '/');
		if (!slash)
			str_copy(jdir, ".", sizeof jdir);
		else if (slash == journal)
			str_copy(jdir, "/", sizeof jdir);
		else
			str_copy(jdir, journal, (size_t)(slash - journal) + 1 < sizeof jdir ?
			         (size_t)(slash - journal) + 1 : sizeof jdir);
		dir = jdir;
	}
	cmd_report_stem(stem, sizeof stem, journal);

	struct run_results r;
	struct journal_extras x;
	if (journal_load_ex(journal, &r, &x, stderr, "benchtop report", why, sizeof why) < 0) {
		fprintf(stderr, "benchtop report: %s\n", text_visible_inplace(why, sizeof why));
		return 2;
	}
	results_finish(&r);
	r.journal_skipped = x.skipped;
	/* The run's verdicts against its baseline, from the figures it loaded, by its rule. */
	char *compared = NULL;
	size_t clen = 0;
	int regressed = 0;
	if (x.has_baseline) {
		str_copy(r.baseline_path, x.baseline_file, sizeof r.baseline_path);
		r.baseline_tolerance = x.threshold_pct;
		FILE *m = open_memstream(&compared, &clen);
		regressed = compare_reports_alpha(&x.baseline, &r, x.threshold_pct, x.alpha, m ? m : stderr);
		if (m)
			fclose(m);
	}
	int require_quiet = x.require_quiet;
	journal_extras_free(&x);
	if (export_dir(dir, stem, &r, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop report: %s\n", text_visible_inplace(why, sizeof why));
		free(compared);
		results_free(&r);
		return 2;
	}
	char counts[160];
	results_count_line(&r, 0, counts, sizeof counts);
	printf("%zu tests: %s\n", r.ntests, counts);
	for (const struct exporter_class *const *c = exporter_table; *c; c++)
		printf("report: %s/%s.%s\n", dir, stem, (*c)->ext);
	if (r.journal_skipped)
		printf("journal: %zu damaged line%s skipped\n", r.journal_skipped, r.journal_skipped == 1 ? "" : "s");
	int rc = results_exit_code(&r);
	if (rc == 0 && require_quiet && results_disturbed(&r)) {
		rc = 3;   /* as the run itself exited */
		printf("--require-quiet: a test was measured on a busy machine (exit 3)\n");
	}
	if (regressed)
		rc = 1;
	char said[4200];
	struct options o;
	memset(&o, 0, sizeof o);
	o.history_db = ra.history_db;
	o.no_history = ra.no_history;
	o.label = ra.label;
	int recorded = history_record_run(&r, &o, said, sizeof said);
	fflush(stdout);
	if (said[0])
		fprintf(recorded < 0 ? stderr : stdout, "%s%s\n", recorded < 0 ? "benchtop: " : "", said);
	if (recorded < 0 && rc == 0)
		rc = 1;
	if (compared) {
		printf("\ncompared with %s:\n%s", r.baseline_path, compared);
		free(compared);
	}
	results_free(&r);
	return rc;
}
