#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd-history.h"
#include "export.h"
#include "fingerprint.h"
#include "history-read.h"
#include "history-write.h"
#include "history.h"
#include "report-load.h"
#include "run-table.h"
#include "text-column.h"
#include "text-visible.h"
#include "util.h"

static void cmd_history_usage(FILE *f)
{
	fputs("usage: benchtop history [--history-db FILE] [--last N]\n"
	      "       benchtop history show N\n"
	      "       benchtop history import [--label TEXT] REPORT.json...\n"
	      "       benchtop history prune --keep N | --older-than TIME\n"
	      "  The runs recorded in the history database (default $XDG_DATA_HOME/benchtop/history.db).\n", f);
}

int cmd_history_open(struct history_db *h, const char *cmd, const char *db, enum history_open mode)
{
	char path[4096], why[1024];
	if (history_db_path(path, sizeof path, db, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop %s: %s\n", cmd, why);
		return 2;
	}
	int rc = history_db_open(h, path, mode, why, sizeof why);
	if (rc == 1) {
		printf("no runs recorded yet in %s\n", path);
		return 3;
	}
	if (rc < 0) {
		fprintf(stderr, "benchtop %s: %s\n", cmd, why);
		return rc == -1 ? 2 : 1;
	}
	return 0;
}

char *cmd_history_when(char *buf, size_t len, double t)
{
	time_t s = (time_t)t;
	struct tm tm;
	if (!isfinite(t) || !localtime_r(&s, &tm) || !strftime(buf, len, "%Y-%m-%d %H:%M", &tm))
		str_copy(buf, "?", len);
	return buf;
}

static int cmd_history_list(struct history_db *h, size_t last)
{
	struct history_run *runs;
	size_t n;
	char why[1024], when[32], dur[32];
	if (history_read_runs(h, last, &runs, &n, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop history: %s\n", why);
		return 1;
	}
	printf("%5s  %-16s  %-16s  %-12s  %-14s %5s %5s %5s  %-7s %8s\n", "id", "when", "machine", "suites", "label",
	       "tests", "pass", "fail", "status", "duration");
	for (size_t i = 0; i < n; i++) {
		const struct history_run *r = &runs[i];
		/* Names and labels come from suites, reports and --label: never raw escapes on a terminal,
		 * and cut and padded by the columns they take, never inside a letter. */
		char host[sizeof r->hostname * 4], suites[sizeof r->suites * 4], label[sizeof r->label * 4];
		char cut[64], machine[96], machine_col[128], suites_col[128], label_col[128];
		text_visible(host, sizeof host, r->hostname);
		text_visible(suites, sizeof suites, r->suites);
		text_visible(label, sizeof label, r->label[0] ? r->label : "-");
		snprintf(machine, sizeof machine, "%s-%.8s", text_column(cut, sizeof cut, host, 7, TEXT_COLUMN_NOPAD),
		         r->machine_hash);
		printf("%5lld  %-16s  %s  %s  %s %5d %5d %5d  %-7s %8s\n", r->id,
		       cmd_history_when(when, sizeof when, r->started),
		       text_column(machine_col, sizeof machine_col, machine, 16, 0),
		       text_column(suites_col, sizeof suites_col, suites, 12, 0),
		       text_column(label_col, sizeof label_col, label, 14, 0), r->ntests, r->npass, r->nfail, r->status,
		       isfinite(r->duration) ? fmt_duration(dur, sizeof dur, r->duration) : "-");
	}
	printf("%zu run%s in %s\n", n, n == 1 ? "" : "s", h->path);
	free(runs);
	return 0;
}

/* A header line about the run, then its table as the run printed it when it finished
 * (run-table.h), from what the history keeps: no user and system times, no noise notes. */
static int cmd_history_show(struct history_db *h, const char *arg)
{
	long id;
	char why[1024], when[32];
	if (parse_long(arg, &id) < 0 || id < 1) {
		fprintf(stderr, "benchtop history: show: '%s' is not a run id (see benchtop history)\n", arg);
		return 2;
	}
	struct history_run run;
	struct run_results r;
	int rc = history_read_run(h, id, &run, &r, why, sizeof why);
	if (rc < 0) {
		fprintf(stderr, "benchtop history: %s\n", why);
		return 1;
	}
	if (rc == 1) {
		fprintf(stderr, "benchtop history: show: no run %ld in %s\n", id, h->path);
		return 2;
	}
	char host[sizeof run.hostname * 4], suites[sizeof run.suites * 4], label[sizeof run.label * 4];
	char version[sizeof run.version * 4];
	printf("run %lld  %s  %s (%s)  suites %s  label %s  status %s  benchtop %s\n", run.id,
	       cmd_history_when(when, sizeof when, run.started), text_visible(host, sizeof host, run.hostname),
	       run.machine_hash, text_visible(suites, sizeof suites, run.suites),
	       text_visible(label, sizeof label, run.label[0] ? run.label : "-"), run.status,
	       text_visible(version, sizeof version, run.version));
	run_table_print(&r, stdout, 0);   /* names, errors and units made visible there */
	results_free(&r);
	return 0;
}

/* Each report into h: what became of it on out, what was wrong on err. *recorded counts the
 * runs written. 0; 2 when a report was refused; 1 when the database failed. */
static int cmd_history_import(struct history_db *h, char **files, int n, const char *label, FILE *out, FILE *err,
                              int *recorded)
{
	int rc = 0;
	char why[1024];
	*recorded = 0;
	for (int i = 0; i < n; i++) {
		struct run_results r;
		if (report_load_json(files[i], &r, why, sizeof why) < 0) {
			fprintf(err, "benchtop history: import: %s\n", why);
			rc = 2;
			continue;
		}
		/* A report does not say which GPU driver ran it: the machine is its description. */
		struct fingerprint fp;
		fingerprint_make(&fp, &r.system, NULL);
		long long id;
		int w = history_write_run(h, &r, &fp, label ? label : "", &id, why, sizeof why);
		results_free(&r);
		if (w < 0) {
			fprintf(err, "benchtop history: import: %s: %s\n", files[i], why);
			return 1;
		}
		if (w == 0) {
			fprintf(out, "%s: recorded as run %lld\n", files[i], id);
			++*recorded;
		} else if (w == 1) {
			fprintf(out, "%s: already recorded as run %lld\n", files[i], id);
		} else {
			fprintf(out, "%s: no finished test, nothing recorded\n", files[i]);
		}
	}
	return rc;
}

/* An import into a database that does not exist makes it whole with the runs, or not at all
 * (every report refused, a full disk). When another process made it meanwhile, the import goes
 * into that one, as a run's record does; what it says is held until it is final. */
static int cmd_history_import_files(const char *db, char **files, int n, const char *label)
{
	for (int tries = 0;; tries++) {
		struct history_db h;
		int rc = cmd_history_open(&h, "history", db, HISTORY_RECORD);
		if (rc != 0)
			return rc;
		char *said = NULL, *wrong = NULL, why[4200 + 128];   /* the path and the reason */
		size_t said_len, wrong_len;
		FILE *out = open_memstream(&said, &said_len), *err = open_memstream(&wrong, &wrong_len);
		int recorded = 0, placed = 0;
		if (!out || !err) {
			snprintf(why, sizeof why, "%s", strerror(errno));
			placed = -1;
		} else {
			rc = cmd_history_import(&h, files, n, label, out, err, &recorded);
			if (rc != 1 && recorded)
				placed = history_db_publish(&h, why, sizeof why);
		}
		history_db_close(&h);
		if (out)
			fclose(out);
		if (err)
			fclose(err);
		int again = placed == 1 && tries < 2;
		if (!again) {
			fputs(said ? said : "", stdout);
			fputs(wrong ? wrong : "", stderr);
		}
		free(said);
		free(wrong);
		if (again)
			continue;
		if (placed == 1)
			snprintf(why, sizeof why, "the database was made and removed again by other processes meanwhile");
		if (placed != 0) {
			fprintf(stderr, "benchtop history: import: nothing imported: %s\n", why);
			return 1;
		}
		return rc;
	}
}

static int cmd_history_prune(struct history_db *h, long keep, double older)
{
	char why[1024];
	sqlite3_stmt *st = history_db_prepare(h, keep >= 0 ?
		"DELETE FROM runs WHERE id NOT IN (SELECT id FROM runs ORDER BY started DESC, id DESC LIMIT ?1)" :
		"DELETE FROM runs WHERE started < ?2", why, sizeof why);
	if (!st) {
		fprintf(stderr, "benchtop history: prune: %s\n", why);
		return 1;
	}
	sqlite3_bind_int64(st, 1, keep);
	sqlite3_bind_double(st, 2, now_real() - older);
	int rc = history_db_exec(h, "BEGIN IMMEDIATE", why, sizeof why);
	if (rc == 0) {
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
		if (rc < 0)
			history_db_why(h, sqlite3_errcode(h->db), why, sizeof why);
	}
	long long gone = sqlite3_changes64(h->db);
	sqlite3_finalize(st);
	/* Tests and machines no run refers to any more go too. */
	if (rc == 0)
		rc = history_db_exec(h, "DELETE FROM tests WHERE id NOT IN (SELECT test_id FROM results);"
		                     "DELETE FROM machines WHERE id NOT IN (SELECT machine_id FROM runs);"
		                     "COMMIT", why, sizeof why);
	if (rc < 0) {
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
		fprintf(stderr, "benchtop history: prune: %s\n", why);
		return 1;
	}
	printf("pruned %lld run%s from %s\n", gone, gone == 1 ? "" : "s", h->path);
	return 0;
}

int cmd_history(int argc, char **argv)
{
	const char *db = NULL, *label = NULL, *verb = NULL, *arg = NULL;
	char **files = calloc((size_t)argc + 1, sizeof *files);
	int nfiles = 0;
	long keep = -1, last = 0;
	double older = -1;
	if (!files)
		return 1;
	int rc = -1;
	for (int i = 1; i < argc && rc < 0; i++) {
		const char *a = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			cmd_history_usage(stdout);
			rc = 0;
		} else if (!strcmp(a, "--history-db") || !strcmp(a, "--label") || !strcmp(a, "--keep") ||
		           !strcmp(a, "--older-than") || !strcmp(a, "--last")) {
			if (!val || !val[0]) {
				fprintf(stderr, "benchtop history: %s: needs a value\n", a);
				rc = 2;
				break;
			}
			i++;
			if (!strcmp(a, "--history-db"))
				db = val;
			else if (!strcmp(a, "--label"))
				label = val;
			else if (!strcmp(a, "--older-than") && (parse_duration(val, &older) < 0 || older <= 0)) {
				fprintf(stderr, "benchtop history: --older-than: invalid value '%s': expected a time "
				        "such as 90d, 12h or 30m\n", val);
				rc = 2;
			} else if ((!strcmp(a, "--keep") && (parse_long(val, &keep) < 0 || keep < 0)) ||
			           (!strcmp(a, "--last") && (parse_long(val, &last) < 0 || last < 1))) {
				fprintf(stderr, "benchtop history: %s: invalid value '%s': expected a whole number%s\n", a,
				        val, strcmp(a, "--keep") ? " from 1" : "");
				rc = 2;
			}
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "benchtop history: unknown option '%s' (see benchtop history --help)\n", a);
			rc = 2;
		} else if (!verb) {
			verb = a;
			if (strcmp(verb, "show") && strcmp(verb, "import") && strcmp(verb, "prune")) {
				fprintf(stderr, "benchtop history: unknown command '%s': expected show, import or prune\n", a);
				rc = 2;
			}
		} else if (!strcmp(verb, "import")) {
			files[nfiles++] = argv[i];
		} else if (!strcmp(verb, "show") && !arg) {
			arg = a;
		} else {
			fprintf(stderr, "benchtop history: unexpected argument '%s'\n", a);
			rc = 2;
		}
	}
	if (rc < 0) {
		const char *bad = NULL;
		if (verb && !strcmp(verb, "show") && !arg)
			bad = "show: expected a run id (benchtop history show N)";
		else if (verb && !strcmp(verb, "import") && !nfiles)
			bad = "import: expected JSON report files";
		else if (verb && !strcmp(verb, "prune") && (keep < 0) == (older < 0))
			bad = "prune: expected one of --keep N or --older-than TIME";
		else if ((keep >= 0 || older >= 0) && (!verb || strcmp(verb, "prune")))
			bad = "--keep and --older-than go with prune";
		if (bad) {
			fprintf(stderr, "benchtop history: %s\n", bad);
			rc = 2;
		}
	}
	if (rc < 0) {
		/* Only an import makes a database: prune and the readers find none to work on. */
		struct history_db h;
		if (verb && !strcmp(verb, "import"))
			rc = cmd_history_import_files(db, files, nfiles, label);
		else if ((rc = cmd_history_open(&h, "history", db, HISTORY_READ)) == 3)
			rc = verb && !strcmp(verb, "show") ? 2 : 0;
		else if (rc == 0) {
			if (!verb)
				rc = cmd_history_list(&h, (size_t)last);
			else if (!strcmp(verb, "show"))
				rc = cmd_history_show(&h, arg);
			else
				rc = cmd_history_prune(&h, keep, older);
			history_db_close(&h);
		}
	}
	free(files);
	return rc;
}
