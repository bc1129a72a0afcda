#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd-report.h"
#include "export.h"
#include "journal.h"
#include "results.h"
#include "util.h"

static void cmd_report_usage(FILE *f)
{
	fputs("usage: benchtop report JOURNAL [-o DIR]\n"
	      "  Rebuilds the reports of a run from its run-*.journal.jsonl, into DIR\n"
	      "  (default: the journal's directory).\n", f);
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

static const struct cli_sub_opt report_opts[] = {
	{ "output", 'o', "a directory" },
	{ NULL, 0, NULL },
};

struct report_args {
	const char *journal, *dir;
};

static int report_arg(void *arg, int opt, const char *value)
{
	struct report_args *ra = arg;
	if (opt == 0) {
		ra->dir = value;
	} else if (!ra->journal) {
		ra->journal = value;
	} else {
		fprintf(stderr, "benchtop report: unexpected argument '%s': one journal at a time\n", value);
		return 2;
	}
	return 0;
}

int cmd_report(int argc, char **argv)
{
	struct report_args ra = { NULL, NULL };
	int parsed = cli_parse_sub(argc, argv, "report", report_opts, report_arg, &ra, stderr);
	if (parsed == 1) {
		cmd_report_usage(stdout);
		return 0;
	}
	if (parsed)
		return parsed;
	const char *journal = ra.journal, *dir = ra.dir;
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
	if (journal_load(journal, &r, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop report: %s\n", why);
		return 2;
	}
	results_finish(&r);
	if (export_dir(dir, stem, &r, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop report: %s\n", why);
		results_free(&r);
		return 2;
	}
	size_t count[TS_SKIPPED + 1] = { 0 };
	for (size_t i = 0; i < r.ntests; i++)
		count[r.tests[i].status]++;
	printf("%zu tests: %zu pass, %zu fail, %zu error, %zu timeout, %zu skipped\n", r.ntests,
	       count[TS_PASS], count[TS_FAIL], count[TS_ERROR], count[TS_TIMEOUT], count[TS_SKIPPED]);
	for (const struct exporter_class *const *c = exporter_table; *c; c++)
		printf("report: %s/%s.%s\n", dir, stem, (*c)->ext);
	fflush(stdout);
	int rc = results_exit_code(&r);
	results_free(&r);
	return rc;
}
