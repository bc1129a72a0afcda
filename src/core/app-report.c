#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "cmd-compare.h"
#include "export.h"
#include "history.h"
#include "journal.h"
#include "noise-guard.h"
#include "report-load.h"
#include "rigor-app.h"
#include "roles.h"
#include "stress-tally.h"
#include "util.h"

/* The files of a run: every run (each Enter in the dashboard, the one run of --run) gets its
 * own results, its own stem, its own journal and its own reports, written the moment the run
 * ends and again at exit if it was cut short. Paths are checked before anything runs; when the
 * disk fills later, the reports go to a fallback directory that the message names. */

#define RESULTS_DIR "benchtop-results"

/* Where this session's files go: the -o directory, the directory of an -o file, or ./benchtop-results. */
static void results_dir(const struct app *a, char *dir, size_t len)
{
	const char *o = a->opt.report;
	struct stat st;
	if (!o) {
		str_copy(dir, RESULTS_DIR, len);
	} else if (export_find(o) && !(stat(o, &st) == 0 && S_ISDIR(st.st_mode))) {
		const char *slash = strrchr(o, '/');
		if (slash)
			snprintf(dir, len, "%.*s", (int)(slash - o) ? (int)(slash - o) : 1, o);
		else
			str_copy(dir, ".", len);
	} else {
		str_copy(dir, o, len);
		/* "out/" and "out" are the same directory: no "out//run-..." in messages. */
		for (size_t n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--)
			dir[n - 1] = '\0';
	}
}

/* Reports that cannot be written where asked go here: ${TMPDIR:-/tmp}/benchtop-results-UID. */
static void fallback_dir(char *dir, size_t len)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, len, "%s/benchtop-results-%ld", tmp && *tmp ? tmp : "/tmp", (long)getuid());
}

static int named_report(const struct app *a)
{
	struct stat st;
	return a->opt.report && export_find(a->opt.report) && !(stat(a->opt.report, &st) == 0 && S_ISDIR(st.st_mode));
}

static int mkdir_p(const char *dir)
{
	char tmp[PATH_MAX];
	if (strlen(dir) >= sizeof tmp) {
		errno = ENAMETOOLONG;
		return -1;
	}
	str_copy(tmp, dir, sizeof tmp);
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(tmp, 0777) < 0 && errno != EEXIST)
				return -1;
			*p = '/';
		}
	return mkdir(tmp, 0777) < 0 && errno != EEXIST ? -1 : 0;
}

/* Can files be created in dir (made when missing)? A real file is made and removed: write
 * permission bits say nothing for root, nor for a read-only or special filesystem. */
static int dir_writable(const char *dir, char *why, size_t whylen)
{
	char probe[PATH_MAX + 32];
	if (mkdir_p(dir) < 0) {
		snprintf(why, whylen, "cannot create %s: %s", dir, strerror(errno));
		return -1;
	}
	if (snprintf(probe, sizeof probe, "%s/.benchtop-probe-XXXXXX", dir) >= (int)sizeof probe) {
		snprintf(why, whylen, "%s: %s", dir, strerror(ENAMETOOLONG));
		return -1;
	}
	int fd = mkstemp(probe);
	if (fd < 0) {
		snprintf(why, whylen, "cannot create files in %s: %s", dir, strerror(errno));
		return -1;
	}
	close(fd);
	unlink(probe);
	return 0;
}

int app_prepare_reports(struct app *a)
{
	char dir[PATH_MAX], why[PATH_MAX + 128];
	if (a->opt.no_report && a->opt.report) {
		fprintf(stderr, "benchtop: -o %s and --no-report: choose one (where the reports go, or none)\n",
		        a->opt.report);
		return 2;
	}
	if (app_check_report_path(a->opt.report, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop: %s\n", why);
		return 2;
	}
	/* A run's journal and reports must have somewhere to go before the run starts. */
	if ((a->opt.nruns > 0 || a->opt.report) && !a->opt.no_report) {
		results_dir(a, dir, sizeof dir);
		if (dir_writable(dir, why, sizeof why) < 0) {
			fprintf(stderr, "benchtop: %s%s: %s\n", a->opt.report ? "-o " : "",
			        a->opt.report ? a->opt.report : "reports", why);
			return 2;
		}
	}
	if (a->opt.save_baseline) {
		const char *slash = strrchr(a->opt.save_baseline, '/');
		if (slash)
			snprintf(dir, sizeof dir, "%.*s", slash == a->opt.save_baseline ? 1 : (int)(slash - a->opt.save_baseline),
			         a->opt.save_baseline);
		else
			str_copy(dir, ".", sizeof dir);
		if (!export_find(a->opt.save_baseline)) {
			char known[128];
			fprintf(stderr, "benchtop: --save-baseline %s: unknown report format (expected %s)\n", a->opt.save_baseline,
			        export_formats(known, sizeof known, ".", ", "));
			return 2;
		}
		if (dir_writable(dir, why, sizeof why) < 0) {
			fprintf(stderr, "benchtop: --save-baseline %s: %s\n", a->opt.save_baseline, why);
			return 2;
		}
	}
	/* The baseline is read before the run: a broken one must not cost a night of tests. */
	if (a->opt.baseline) {
		if (report_load_json(a->opt.baseline, &a->baseline, why, sizeof why) < 0) {
			fprintf(stderr, "benchtop: --baseline: %s\n", why);
			return 2;
		}
		a->have_baseline = 1;
	}
	return 0;
}

/* run-YYYYmmdd-HHMMSS, or -2, -3 ... when a run of the same second (this or another benchtop)
 * already has files in dir: no run ever writes over another's. */
static int unique_stem(const char *dir, double t, int from, char *stem, size_t len)
{
	char base[64], path[PATH_MAX + 128];
	journal_stem(base, sizeof base, t);
	for (int k = from; k < 1000; k++) {
		if (k == 1)
			str_copy(stem, base, len);
		else
			snprintf(stem, len, "%s-%d", base, k);
		int taken = 0;
		snprintf(path, sizeof path, "%s/%s%s", dir, stem, JOURNAL_SUFFIX);
		taken |= access(path, F_OK) == 0 || errno != ENOENT;
		snprintf(path, sizeof path, "%s/%s.json", dir, stem);
		taken |= access(path, F_OK) == 0 || errno != ENOENT;
		if (!taken)
			return k;
	}
	return 1000;
}

int app_run_open(struct app *a, const int *which, size_t n, char *why, size_t whylen)
{
	results_free(&a->run);
	memset(&a->run, 0, sizeof a->run);
	struct test_info *infos = calloc(n ? n : 1, sizeof *infos);
	if (!a->run_index)
		a->run_index = malloc((a->nspecs ? a->nspecs : 1) * sizeof *a->run_index);
	if (!infos || !a->run_index) {
		free(infos);
		str_copy(why, "out of memory", whylen);
		return -1;
	}
	for (size_t i = 0; i < a->nspecs; i++)
		a->run_index[i] = -1;
	for (size_t i = 0; i < n; i++) {
		infos[i] = a->specs[which[i]].info;
		a->run_index[which[i]] = (int)i;
	}
	int rc = results_init(&a->run, infos, n);
	free(infos);
	if (rc < 0) {
		str_copy(why, "out of memory", whylen);
		return -1;
	}
	a->run.started_t = now_real();
	a->run.stress = &a->stress_tally;   /* its reports say what the stressors did meanwhile */
	system_info_collect(&a->run.system, a->store.have_latest ? &a->store.latest : NULL);
	noise_guard_collect(&a->run.system);   /* what would disturb the figures, before they are taken */
	rigor_run_begins(a);   /* order, seed and the noise guard's findings, before the journal's header */
	a->run_count++;
	a->run_reported = 0;
	a->tests_ran = 1;

	char dir[PATH_MAX], path[PATH_MAX + 128], jwhy[PATH_MAX + 128];
	results_dir(a, dir, sizeof dir);
	int k = unique_stem(dir, a->run.started_t, 1, a->stem, sizeof a->stem);
	a->journal = NULL;
	a->journal_path[0] = '\0';
	if (a->opt.no_report)
		return 0;
	if (mkdir_p(dir) < 0) {
		app_say(a, ROLE_ERROR, "cannot create %s: %s; the run goes on without a journal", dir, strerror(errno));
		return 0;
	}
	/* The journal is made with O_EXCL: it claims the stem. Another benchtop that picked the same
	 * stem in the same instant makes this fail, and the next free one is taken. */
	for (int tries = 0; tries < 10; tries++) {
		snprintf(path, sizeof path, "%s/%s%s", dir, a->stem, JOURNAL_SUFFIX);
		a->journal = journal_open(path, &a->run, jwhy, sizeof jwhy);
		if (a->journal || access(path, F_OK) != 0)
			break;
		k = unique_stem(dir, a->run.started_t, k + 1, a->stem, sizeof a->stem);
	}
	if (!a->journal) {
		char fb[PATH_MAX];
		fallback_dir(fb, sizeof fb);
		app_say(a, ROLE_ERROR, "%s; the run goes on without a journal (reports that cannot be written here go to %s)",
		        jwhy, fb);
	}
	else {
		str_copy(a->journal_path, path, sizeof a->journal_path);
		app_waiter_journal(path);
	}
	if (a->journal && a->opt.require_quiet && journal_rules(a->journal, 1, jwhy, sizeof jwhy) < 0)
		app_say(a, ROLE_ERROR, "%s: a report rebuilt from the journal will not apply --require-quiet", jwhy);
	/* The baseline's figures, not its path: a rebuild judges as this run does. */
	if (a->journal && a->have_baseline &&
	    journal_baseline(a->journal, &a->baseline, a->opt.baseline, a->opt.threshold, COMPARE_DEFAULT_ALPHA, jwhy,
	                     sizeof jwhy) < 0)
		app_say(a, ROLE_ERROR, "%s: a report rebuilt from the journal will lack the baseline", jwhy);
	return 0;
}

void app_run_apply(struct app *a, const struct run_event *ev)
{
	if (!a->run_index || ev->test < 0 || (size_t)ev->test >= a->nspecs || a->run_index[ev->test] < 0)
		return;
	struct run_event mine = *ev;
	mine.test = a->run_index[ev->test];
	results_apply(&a->run, &mine);
	a->run_reported = 0;
	char why[PATH_MAX + 128], fb[PATH_MAX];
	if (a->journal && journal_event(a->journal, &mine, why, sizeof why) < 0) {
		fallback_dir(fb, sizeof fb);
		app_say(a, ROLE_ERROR, "journal stopped: %s; the reports will go to %s if they cannot be written here",
		        why, fb);
		journal_close(a->journal);
		a->journal = NULL;
		a->journal_path[0] = '\0';
	}
}

/* A copy of the results with arrays of its own, so statistics can be finished mid-run
 * without touching the live results. */
static int results_snapshot(const struct run_results *src, struct run_results *dst)
{
	*dst = *src;
	dst->tests = calloc(src->ntests ? src->ntests : 1, sizeof *dst->tests);
	if (!dst->tests)
		return -1;
	for (size_t i = 0; i < src->ntests; i++) {
		struct test_result *t = &dst->tests[i];
		*t = src->tests[i];
		double **arrays[] = { &t->samples, &t->wall_s, &t->user_s, &t->sys_s, &t->maxrss };
		for (size_t k = 0; k < sizeof arrays / sizeof *arrays; k++) {
			const double *from = *arrays[k];
			*arrays[k] = NULL;
			if (!from)
				continue;
			*arrays[k] = malloc((t->n ? t->n : 1) * sizeof(double));
			if (!*arrays[k]) {
				dst->ntests = i + 1;
				results_free(dst);
				return -1;
			}
			memcpy(*arrays[k], from, t->n * sizeof(double));
		}
		t->cap = t->n;
	}
	return 0;
}

/* The comparison with --baseline goes into r (for every report) and into a->baseline_text
 * (printed after the table). 1 when a test regressed. */
static int compare_baseline(struct app *a, struct run_results *r)
{
	if (!a->have_baseline)
		return 0;
	str_copy(r->baseline_path, a->opt.baseline, sizeof r->baseline_path);
	r->baseline_tolerance = a->opt.threshold;
	free(a->baseline_text);
	a->baseline_text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&a->baseline_text, &len);
	if (!m)
		return compare_reports(&a->baseline, r, a->opt.threshold, stderr);
	int regressed = compare_reports(&a->baseline, r, a->opt.threshold, m);
	fclose(m);
	return regressed;
}

/* "x.json" for the first run, "x-2.json" for the second run of the session ... A name whose
 * file was written since this run started belongs to another run going on beside it, and the
 * next number is taken: a file from an earlier run is written over, as asked. */
static void named_path(const struct app *a, char *buf, size_t len)
{
	const char *o = a->opt.report, *dot = strrchr(o, '.');
	for (int n = a->run_count; n < 1000; n++) {
		if (n <= 1)
			str_copy(buf, o, len);
		else
			snprintf(buf, len, "%.*s-%d%s", (int)(dot - o), o, n, dot);
		struct stat st;
		if (stat(buf, &st) != 0 || (double)st.st_mtim.tv_sec + st.st_mtim.tv_nsec * 1e-9 < a->run.started_t)
			return;
	}
}

/* The reports of stem that did fit into dir before the disk filled: the whole set is in the
 * fallback directory, and a part of it here would pass for all of it. The journal stays. */
static void remove_partial(const char *dir, const char *stem)
{
	char path[PATH_MAX + 128];
	for (const struct exporter_class *const *c = exporter_table; *c; c++) {
		snprintf(path, sizeof path, "%s/%s.%s", dir, stem, (*c)->ext);
		unlink(path);
	}
}

/* Writes r's reports where asked, or in the fallback directory; where says which (and
 * a->run_kept the fallback's files, "" when they are where asked or nowhere). */
static int write_reports(struct app *a, const struct run_results *r, char *where, size_t len)
{
	char why[PATH_MAX + 128], dir[PATH_MAX], fb[PATH_MAX], known[128];
	a->run_kept[0] = '\0';
	if (named_report(a)) {
		char path[PATH_MAX];
		named_path(a, path, sizeof path);
		if (export_path(path, r, why, sizeof why) == 0) {
			str_copy(where, path, len);
			return 0;
		}
	} else {
		results_dir(a, dir, sizeof dir);
		if (export_dir(dir, a->stem, r, why, sizeof why) == 0) {
			snprintf(where, len, "%s/%s.{%s}", dir, a->stem, export_formats(known, sizeof known, "", ","));
			return 0;
		}
	}
	fallback_dir(fb, sizeof fb);
	char fwhy[PATH_MAX + 128];
	if (export_dir(fb, a->stem, r, fwhy, sizeof fwhy) == 0) {
		snprintf(where, len, "%s; kept in %s/%s.{%s} instead", why, fb, a->stem, export_formats(known, sizeof known, "", ","));
		/* "in FB/stem.{...}, not in DIR (No space left on device)": the reason without the path */
		const char *reason = strrchr(why, ':');
		snprintf(a->run_kept, sizeof a->run_kept, "in %s/%s.{%s}, not in %.1024s (%.200s)", fb, a->stem, known,
		         named_report(a) ? a->opt.report : dir, reason ? reason + 2 : why);
		if (!named_report(a))
			remove_partial(dir, a->stem);
	} else {
		snprintf(where, len, "%s; nor in %s: %s", why, fb, fwhy);
	}
	return -1;
}

/* Statistics, baseline and reports of the run that just ended; the event line says where. */
int app_report_run(struct app *a)
{
	if (!a->tests_ran || a->run_reported)
		return a->run_rc;
	results_finish(&a->run);
	int rc = results_exit_code(&a->run);
	if (rc == 0 && a->opt.require_quiet && results_disturbed(&a->run))
		rc = 3;   /* the lab would rather rerun than trust a disturbed run */
	if (compare_baseline(a, &a->run))
		rc = 1;
	a->run_written = 0;
	a->run_stress_until = a->stress_tally.ended_t;
	int tests_rc = rc;
	if (!a->opt.no_report) {
		if (write_reports(a, &a->run, a->run_where, sizeof a->run_where) == 0) {
			a->run_written = 1;
		} else {
			rc = 1;
			if (app_watched(a) && !a->run_kept[0])   /* headless: app_finish_run says it with the table;
			                                           * kept elsewhere: the run's last line says it */
				app_say(a, ROLE_ERROR, "reports not written: %s", a->run_where);
		}
	}
	/* The history database remembers every run that ran a test, however it ended. */
	a->history_failed = history_record_run(&a->run, &a->opt, a->history_said, sizeof a->history_said) < 0;
	if (a->history_failed && rc == 0)
		rc = 1;
	if (app_watched(a) && a->history_said[0])
		app_say(a, a->history_failed ? ROLE_ERROR : ROLE_DIM, "%s", a->history_said);
	char name[32] = "run", counts[160];
	if (a->run_count > 1)
		snprintf(name, sizeof name, "run %d", a->run_count);
	results_count_line(&a->run, 1, counts, sizeof counts);   /* a timeout is no error: counted as benchtop report does */
	/* The run's last line is the one a small screen keeps: it says where the reports are. */
	if (app_watched(a) && a->run_kept[0])
		app_say(a, tests_rc ? ROLE_ERROR : ROLE_WARN, "%s finished: reports %s; %s", name, a->run_kept, counts);
	else if (app_watched(a))
		app_say(a, rc ? ROLE_ERROR : ROLE_OK, "%s finished: %s%s%s", name, counts,
		        a->run_written ? "; reports: " : a->opt.no_report ? "" : "; reports not written",
		        a->run_written ? a->run_where : "");
	a->run_reported = 1;
	a->run_rc = rc;
	metrics_app_run_reported(a, rc);   /* --push: a dashboard run as soon as it ends */
	if (rc > a->worst_rc)
		a->worst_rc = rc;
	return rc;
}

int app_export(struct app *a, char *where, size_t len)
{
	if (a->opt.no_report) {   /* "no reports and no journal": e must not write them either */
		str_copy(where, "reports are off (--no-report)", len);
		return -1;
	}
	if (!a->tests_ran) {
		str_copy(where, "no test has run yet", len);
		return -1;
	}
	struct run_results snap;
	if (results_snapshot(&a->run, &snap) < 0) {
		str_copy(where, "out of memory", len);
		return -1;
	}
	results_finish(&snap);
	compare_baseline(a, &snap);
	int rc = write_reports(a, &snap, where, len);
	results_free(&snap);
	return rc;
}

/* Stressors that ran on after the run's reports were written (past the end of its suites,
 * until --duration, quit or benchtop stop) left a stress section that stops short, and what
 * became of each stressor (a GPU that failed, a worker that stopped, one never started) is
 * known only once they are stopped: the same files are written again with the final tally.
 * 0, or 1 after a line on stderr. */
static int rewrite_for_stress(struct app *a)
{
	const struct stress_tally *t = &a->stress_tally;
	char why[PATH_MAX + 128], dir[PATH_MAX];
	int more = isfinite(t->ended_t) && t->ended_t > a->run_stress_until + 1;
	int news = stress_tally_failed(t, NULL, 0) > 0;
	for (int i = 0; i < t->ngens && !news; i++)
		news = t->gen[i].ndevices > 0;
	if (!a->run_written || a->opt.no_report || !stress_tally_any(t) || !(more || news))
		return 0;
	int rc;
	if (named_report(a)) {
		rc = export_path(a->run_where, &a->run, why, sizeof why);   /* run_where is the file written */
	} else {
		results_dir(a, dir, sizeof dir);
		rc = export_dir(dir, a->stem, &a->run, why, sizeof why);
	}
	a->run_stress_until = t->ended_t;
	if (rc == 0)
		return 0;
	fprintf(stderr, "benchtop: the reports keep the stress tally of when the run's tests ended: %s\n", why);
	return 1;
}

int app_finish_run(struct app *a)
{
	if (!a->tests_ran)
		return a->started ? metrics_app_run_ended(a, 0) : 0;   /* --textfile: the summary at the end, tests or not */
	FILE *out = a->opt.headless ? app_message_stream(a) : stdout;
	int rc = app_report_run(a);
	if (rewrite_for_stress(a) && rc == 0)
		rc = 1;
	app_print_table(&a->run, out);
	if (!a->opt.no_report) {
		if (a->run_written)
			fprintf(out, "\nreports: %s\n", a->run_where);
		else
			fprintf(stderr, "benchtop: reports not written: %s\n", a->run_where);
	}
	if (a->history_said[0])
		fprintf(a->history_failed ? stderr : out, "%s%s\n", a->history_failed ? "benchtop: " : "", a->history_said);
	journal_close(a->journal);
	a->journal = NULL;
	if (a->journal_path[0])
		fprintf(out, "journal: %s\n", a->journal_path);
	char why[PATH_MAX + 128];
	if (a->opt.save_baseline) {
		if (export_path(a->opt.save_baseline, &a->run, why, sizeof why) < 0) {
			fprintf(stderr, "benchtop: --save-baseline: %s\n", why);
			rc = 1;
		} else {
			fprintf(out, "baseline saved: %s\n", a->opt.save_baseline);
		}
	}
	rc = metrics_app_run_ended(a, rc);   /* --textfile, --push: after the reports, whatever happens */
	if (a->baseline_text) {
		fprintf(out, "\ncompared with %s:\n%s", a->opt.baseline, a->baseline_text);
		free(a->baseline_text);
		a->baseline_text = NULL;
	}
	fflush(out);
	return rc > a->worst_rc ? rc : a->worst_rc;
}

void app_reports_free(struct app *a)
{
	results_free(&a->run);
	free(a->run_index);
	a->run_index = NULL;
	if (a->have_baseline)
		results_free(&a->baseline);
	free(a->baseline_text);
	a->baseline_text = NULL;
}
