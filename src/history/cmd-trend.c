#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cmd-history.h"
#include "cmd-trend.h"
#include "export.h"
#include "history-read.h"
#include "test-match.h"
#include "text-column.h"
#include "text-visible.h"
#include "trend.h"
#include "util.h"

struct trend_args {
	const char *db, *test, *out;
	size_t last, gate_window;
	int gate, machines, any_machine, ascii;
	enum trend_format format;
	struct cp_options cp;
};

static void cmd_trend_usage(FILE *f)
{
	fputs("usage: benchtop trend [--test PATTERN] [--last N] [--format text|json|csv|md] [-o FILE]\n"
	      "       benchtop trend --gate [--gate-window N]\n"
	      "       benchtop trend --machines\n"
	      "  Each test's medians over the last N runs (default 30) of this machine (the machine of\n"
	      "  the newest run; --any-machine pools all), with change points found by E-divisive means\n"
	      "  and a t-test (--max-p P, default 0.001; --min-change PCT, default 2; --min-runs K, default\n"
	      "  4 on each side). -o FILE.html writes a page of SVG charts. --history-db FILE as for a run.\n"
	      "  --test PATTERN: a test's name in any suite ('nap', 'mem*'), or with a '/' suite/name\n"
	      "  ('quick/*'), as a shell pattern.\n", f);
}

/* A --test that names no recorded test, on any machine: one line naming it and the nearest
 * recorded names, and status 2, as for any unknown --test. 0 when it names one. */
static int cmd_trend_check_test(struct history_db *h, const char *pattern)
{
	char why[1024], variant[300], shown[1024];
	struct history_test *tests;
	size_t ntests, nnames = 0;
	if (history_read_tests(h, &tests, &ntests, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop trend: %s\n", why);
		return 1;
	}
	for (size_t i = 0; i < ntests; i++) {
		export_variant_label(variant, sizeof variant, tests[i].variant);
		if (test_match(pattern, tests[i].suite, tests[i].name, variant)) {
			free(tests);
			return 0;
		}
	}
	/* Suggested as suite/name, once for all of a test's variants (they come side by side). */
	char (*names)[sizeof tests->suite + sizeof tests->name] = malloc((ntests ? ntests : 1) * sizeof *names);
	const char **list = malloc((ntests ? ntests : 1) * sizeof *list), *near[3];
	size_t nnear = 0;
	if (names && list) {
		for (size_t i = 0; i < ntests; i++) {
			snprintf(names[nnames], sizeof *names, "%s/%s", tests[i].suite, tests[i].name);
			if (nnames && !strcmp(names[nnames], names[nnames - 1]))
				continue;
			list[nnames] = names[nnames];
			nnames++;
		}
		nnear = test_match_suggest(pattern, list, nnames, near, 3);
	}
	fprintf(stderr, "benchtop trend: no recorded test matches --test '%s'", text_visible(shown, sizeof shown, pattern));
	for (size_t k = 0; k < nnear; k++)
		fprintf(stderr, "%s%s", k == 0 ? "; did you mean " : k + 1 == nnear ? " or " : ", ",
		        text_visible(shown, sizeof shown, near[k]));
	fputs(nnear ? "?\n" : " (benchtop trend lists every test)\n", stderr);
	free(names);
	free(list);
	free(tests);
	return 2;
}

/* The series' change points, its last value and change, and the verdict. */
static void cmd_trend_analyse(struct trend *t, const struct cp_options *cp)
{
	double *x = malloc((t->n ? t->n : 1) * sizeof *x);
	t->ncps = 0;
	t->last = t->change = NAN;
	t->verdict = TV_TOO_FEW;
	if (!x)
		return;
	for (size_t i = 0; i < t->n; i++)
		x[i] = t->pts[i].value;
	t->ncps = cp_detect(x, t->n, cp, t->cps, TREND_MAX_CPS);
	if (t->n) {
		t->last = x[t->n - 1];
		double ref = 0;
		size_t from = 0, to = t->n;
		if (t->ncps) {
			from = t->ncps > 1 ? t->cps[t->ncps - 2].index : 0;
			to = t->cps[t->ncps - 1].index;
		}
		for (size_t i = from; i < to; i++)
			ref += x[i];
		ref /= (double)(to - from);
		t->change = ref != 0 ? t->last / ref - 1 : NAN;
	}
	if (t->ncps)
		t->verdict = trend_cp_regression(t, &t->cps[t->ncps - 1]) ? TV_REGRESSED : TV_IMPROVED;
	else if (t->n >= 2 * (cp->min_segment < 2 ? 2 : cp->min_segment))
		t->verdict = TV_STEADY;
	free(x);
}

static void cmd_trend_free(struct trend *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(t[i].all);
	free(t);
}

/* A query per test stops after `last` points but pays an index probe for each; one scan of
 * every result pays a quarter of that per row (bench/history.sh, 10,000 runs x 50 tests). So
 * the scan is for when the points wanted reach a quarter of the results recorded. */
#define TREND_SCAN_SHARE 4

static int cmd_trend_read(struct history_db *h, struct trend *tr, size_t n, long long machine, size_t last,
                          char *why, size_t whylen)
{
	long long results;
	if (history_read_results_size(h, &results, why, whylen) < 0)
		return -1;
	if (last && (double)last * (double)n * TREND_SCAN_SHARE < (double)results) {
		for (size_t i = 0; i < n; i++)
			if (history_read_series(h, tr[i].test.id, machine, last, &tr[i].all, &tr[i].nall, why, whylen) < 0)
				return -1;
		return 0;
	}
	long long *ids = malloc((n ? n : 1) * sizeof *ids);
	struct history_point **pts = malloc((n ? n : 1) * sizeof *pts);
	size_t *np = malloc((n ? n : 1) * sizeof *np);
	int rc = -1;
	if (!ids || !pts || !np) {
		snprintf(why, whylen, "out of memory");
	} else {
		for (size_t i = 0; i < n; i++)
			ids[i] = tr[i].test.id;
		rc = history_read_series_all(h, ids, n, machine, last, pts, np, why, whylen);
		for (size_t i = 0; rc == 0 && i < n; i++) {
			tr[i].all = pts[i];
			tr[i].nall = np[i];
		}
	}
	free(ids);
	free(pts);
	free(np);
	return rc;
}

/* Every test's trend on machine (0 = any) that matches --test and has points. */
static int cmd_trend_load(struct history_db *h, const struct trend_args *a, long long machine,
                          struct trend **out, size_t *nout)
{
	char why[1024], variant[300];
	struct history_test *tests;
	size_t ntests;
	*out = NULL;
	*nout = 0;
	if (history_read_tests(h, &tests, &ntests, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop trend: %s\n", why);
		return 1;
	}
	struct trend *tr = calloc(ntests ? ntests : 1, sizeof *tr);
	if (!tr) {
		free(tests);
		fprintf(stderr, "benchtop trend: out of memory\n");
		return 1;
	}
	size_t n = 0;
	for (size_t i = 0; i < ntests; i++) {
		struct trend *t = &tr[n];
		t->test = tests[i];
		export_variant_label(variant, sizeof variant, t->test.variant);
		snprintf(t->display, sizeof t->display, "%s/%s%s%s", t->test.suite, t->test.name, variant[0] ? " " : "",
		         variant);
		if (test_match(a->test, t->test.suite, t->test.name, variant))
			n++;
	}
	free(tests);
	size_t before = a->gate ? trend_gate_lookback(a->last, &a->cp) : 0;
	if (cmd_trend_read(h, tr, n, machine, a->last + before, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop trend: %s\n", why);
		cmd_trend_free(tr, n);
		return 1;
	}
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (!tr[i].nall) {
			free(tr[i].all);
			continue;
		}
		/* Shown and analysed: the last --last points; those before are the gate's replay's. */
		struct trend *t = &tr[kept];
		*t = tr[i];
		t->n = t->nall < a->last ? t->nall : a->last;
		t->pts = t->all + (t->nall - t->n);
		cmd_trend_analyse(t, &a->cp);
		kept++;
	}
	n = kept;
	*out = tr;
	*nout = n;
	return 0;
}

/* Machines side by side: each test's latest median per machine, and the geometric mean of each
 * machine's ratio to the first one over the tests both ran. */
static int cmd_trend_machines(struct history_db *h, const struct trend_args *a)
{
	char why[1024], num[32];
	struct history_machine *m;
	size_t nm;
	if (history_read_machines(h, &m, &nm, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop trend: %s\n", why);
		return 1;
	}
	/* The machine's description comes from reports as well as from this one: made visible. */
	char host[sizeof m->hostname * 4], cpu[sizeof m->cpu * 4], kernel[sizeof m->kernel * 4];
	char gpus[sizeof m->gpus * 4], driver[sizeof m->driver * 4], name[sizeof ((struct trend *)0)->display * 4];
	char unit[64], name_col[sizeof name + 40];
	for (size_t k = 0; k < nm; k++)
		printf("machine %zu: %s (%s), %s, %d cores, %.0f GiB, %s%s%s%s%s, %lld run%s\n", k + 1,
		       text_visible(host, sizeof host, m[k].hostname), m[k].hash, text_visible(cpu, sizeof cpu, m[k].cpu),
		       m[k].cores, m[k].mem_gib, text_visible(kernel, sizeof kernel, m[k].kernel), m[k].gpus[0] ? ", " : "",
		       text_visible(gpus, sizeof gpus, m[k].gpus), m[k].driver[0] ? " driver " : "",
		       text_visible(driver, sizeof driver, m[k].driver), m[k].runs, m[k].runs == 1 ? "" : "s");
	printf("\n%-36s", "test");
	for (size_t k = 0; k < nm; k++)
		printf(" %12s", (snprintf(num, sizeof num, "machine %zu", k + 1), num));
	printf("  unit\n");
	double *logsum = calloc(nm ? nm : 1, sizeof *logsum);
	size_t *count = calloc(nm ? nm : 1, sizeof *count);
	struct trend **per = calloc(nm ? nm : 1, sizeof *per);
	size_t *nper = calloc(nm ? nm : 1, sizeof *nper);
	int rc = logsum && count && per && nper ? 0 : 1;
	for (size_t k = 0; k < nm && !rc; k++)
		rc = cmd_trend_load(h, a, m[k].id, &per[k], &nper[k]);
	/* Rows: every test any machine ran, in the first machine's order then the others'. */
	for (size_t k = 0; k < nm && !rc; k++)
		for (size_t i = 0; i < nper[k]; i++) {
			const struct trend *t = &per[k][i];
			int seen = 0;
			for (size_t j = 0; j < k && !seen; j++)
				for (size_t q = 0; q < nper[j] && !seen; q++)
					seen = per[j][q].test.id == t->test.id;
			if (seen)
				continue;
			fputs(text_column(name_col, sizeof name_col, text_visible(name, sizeof name, t->display), 36, 0), stdout);
			/* The row in one scale, the largest figure's, as the run's own table scales. */
			double first = NAN, most = 0;
			for (size_t j = 0; j < nm; j++)
				for (size_t q = 0; q < nper[j]; q++)
					if (per[j][q].test.id == t->test.id && fabs(per[j][q].last) > most)
						most = fabs(per[j][q].last);
			struct fmt_scale sc;
			trend_scale(&sc, most, t->test.unit);
			for (size_t j = 0; j < nm; j++) {
				double v = NAN;
				for (size_t q = 0; q < nper[j]; q++)
					if (per[j][q].test.id == t->test.id)
						v = per[j][q].last;
				if (j == 0)
					first = v;
				printf(" %12s", trend_fig(num, sizeof num, v, &sc));
				if (isfinite(v) && isfinite(first) && v > 0 && first > 0) {
					/* Ratio > 1: this machine is better than the first. */
					logsum[j] += t->test.higher_is_better ? log(v / first) : log(first / v);
					count[j]++;
				}
			}
			printf("  %s\n", text_visible(unit, sizeof unit, trend_unit(&sc, t->test.unit)));
		}
	if (!rc) {
		printf("%-36s", "geomean (better than machine 1 > 1)");
		for (size_t j = 0; j < nm; j++) {
			c_snprintf(num, sizeof num, "%.3f", exp(logsum[j] / (double)count[j]));
			printf(" %12s", count[j] ? num : "-");
		}
		printf("\n");
	}
	for (size_t k = 0; per && k < nm; k++)
		cmd_trend_free(per[k], nper[k]);
	free(per);
	free(nper);
	free(logsum);
	free(count);
	free(m);
	return rc;
}

/* Writes the trends to path atomically (temp file, rename), in the format of its extension. */
static int cmd_trend_write_file(const char *path, const struct trend *t, size_t n, const struct trend_style *st)
{
	const char *dot = strrchr(path, '.');
	enum trend_format fmt = TF_TEXT;
	int html = 0;
	if (dot && (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm")))
		html = 1;
	else if (dot && !strcasecmp(dot, ".json"))
		fmt = TF_JSON;
	else if (dot && !strcasecmp(dot, ".csv"))
		fmt = TF_CSV;
	else if (dot && !strcasecmp(dot, ".md"))
		fmt = TF_MD;
	else {
		fprintf(stderr, "benchtop trend: -o %s: unknown format (expected .html, .json, .csv or .md)\n", path);
		return 2;
	}
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "w");
	if (!f) {
		fprintf(stderr, "benchtop trend: %s: %s\n", path, strerror(errno));
		return 1;
	}
	int rc = html ? trend_html_write(f, t, n, st) : trend_write(f, fmt, t, n, st);
	if (fflush(f) != 0 || ferror(f))
		rc = -1;
	int err = errno;
	if (fclose(f) != 0 || rc < 0 || rename(tmp, path) < 0) {
		fprintf(stderr, "benchtop trend: %s: %s\n", path, strerror(err ? err : errno));
		unlink(tmp);
		return 1;
	}
	printf("trend: %s\n", path);
	return 0;
}

static int cmd_trend_args(int argc, char **argv, struct trend_args *a)
{
	static const char *const formats[] = { [TF_TEXT] = "text", [TF_JSON] = "json", [TF_CSV] = "csv", [TF_MD] = "md" };
	static const char *const valued[] = { "--history-db", "--test", "-o", "--output", "--last", "--format",
	                                      "--max-p", "--min-change", "--min-runs", "--gate-window" };
	const char *cs = nl_langinfo(CODESET);
	memset(a, 0, sizeof *a);
	a->last = 30;
	a->gate_window = 10;
	a->ascii = !(cs && (!strcasecmp(cs, "UTF-8") || !strcasecmp(cs, "utf8")));
	cp_defaults(&a->cp);
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i], *v = NULL;
		int takes = 0;
		for (size_t k = 0; k < sizeof valued / sizeof *valued; k++)
			takes |= !strcmp(o, valued[k]);
		if (takes) {
			if (i + 1 >= argc || !argv[i + 1][0]) {
				fprintf(stderr, "benchtop trend: %s: needs a value\n", o);
				return 2;
			}
			v = argv[++i];
		}
		long n;
		double d;
		if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
			cmd_trend_usage(stdout);
			return 0;
		} else if (!strcmp(o, "--gate")) {
			a->gate = 1;
		} else if (!strcmp(o, "--machines")) {
			a->machines = 1;
		} else if (!strcmp(o, "--any-machine")) {
			a->any_machine = 1;
		} else if (!strcmp(o, "--ascii")) {
			a->ascii = 1;
		} else if (!strcmp(o, "--history-db")) {
			a->db = v;
		} else if (!strcmp(o, "--test")) {
			a->test = v;
		} else if (!strcmp(o, "-o") || !strcmp(o, "--output")) {
			a->out = v;
		} else if (!strcmp(o, "--format")) {
			size_t k = 0;
			while (k < 4 && strcmp(v, formats[k]))
				k++;
			if (k == 4) {
				fprintf(stderr, "benchtop trend: --format: invalid value '%s': expected text, json, csv or md\n", v);
				return 2;
			}
			a->format = (enum trend_format)k;
		} else if (!strcmp(o, "--last") || !strcmp(o, "--min-runs") || !strcmp(o, "--gate-window")) {
			long lo = !strcmp(o, "--min-runs") ? 2 : 1;
			if (parse_long(v, &n) < 0 || n < lo || n > 1000000) {
				fprintf(stderr, "benchtop trend: %s: invalid value '%s': expected a whole number from %ld\n", o,
				        v, lo);
				return 2;
			}
			if (!strcmp(o, "--last"))
				a->last = (size_t)n;
			else if (!strcmp(o, "--min-runs"))
				a->cp.min_segment = (size_t)n;
			else
				a->gate_window = (size_t)n;
		} else if (!strcmp(o, "--max-p") || !strcmp(o, "--min-change")) {
			int p = !strcmp(o, "--max-p");
			if ((p ? parse_double(v, &d) : parse_percent(v, &d)) < 0 ||
			    (p ? !(d > 0 && d < 1) : !(d >= 0 && d <= 1000))) {
				fprintf(stderr, "benchtop trend: %s: invalid value '%s': expected %s\n", o, v,
				        p ? "a probability between 0 and 1 such as 0.001" : "a percentage from 0 to 1000 such as 2 or 2%");
				return 2;
			}
			if (p)
				a->cp.max_p = d;
			else
				a->cp.min_magnitude = d / 100;
		} else {
			fprintf(stderr, "benchtop trend: unknown %s '%s' (see benchtop trend --help)\n",
			        o[0] == '-' ? "option" : "argument", o);
			return 2;
		}
	}
	return -1;
}

int cmd_trend(int argc, char **argv)
{
	struct trend_args a;
	int rc = cmd_trend_args(argc, argv, &a);
	if (rc >= 0)
		return rc;
	if (a.gate && a.last < trend_gate_min_last(a.gate_window, &a.cp))
		a.last = trend_gate_min_last(a.gate_window, &a.cp);
	struct history_db h;
	rc = cmd_history_open(&h, "trend", a.db, HISTORY_READ);
	if (rc)
		return rc == 3 ? 0 : rc;
	char why[1024];
	long long latest_run, machine;
	if (history_read_latest(&h, &latest_run, &machine, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop trend: %s\n", why);
		history_db_close(&h);
		return 1;
	}
	/* Every run pruned: the same answer as a history not made yet, whatever was asked. */
	if (!latest_run) {
		printf("no runs recorded yet in %s\n", h.path);
		history_db_close(&h);
		return 0;
	}
	if (a.test && (rc = cmd_trend_check_test(&h, a.test)) != 0) {
		history_db_close(&h);
		return rc;
	}
	if (a.machines) {
		rc = cmd_trend_machines(&h, &a);
		history_db_close(&h);
		return rc;
	}
	struct trend *t;
	size_t n;
	rc = cmd_trend_load(&h, &a, a.any_machine ? 0 : machine, &t, &n);
	char where[200] = "any machine";
	if (!a.any_machine && machine) {
		struct history_machine *m;
		size_t nm;
		if (history_read_machines(&h, &m, &nm, why, sizeof why) == 0) {
			for (size_t k = 0; k < nm; k++)
				if (m[k].id == machine)
					snprintf(where, sizeof where, "%s (%s)", m[k].hostname, m[k].hash);
			free(m);
		}
	}
	if (rc) {
		history_db_close(&h);
		return rc;
	}
	/* It names recorded tests, but none with a result on this machine. */
	if (a.test && !n) {
		char shown[sizeof where * 4], pattern[1024];
		text_visible(pattern, sizeof pattern, a.test);
		if (a.any_machine)
			fprintf(stderr, "benchtop trend: --test '%s': no result of it in the history\n", pattern);
		else
			fprintf(stderr, "benchtop trend: --test '%s': no result of it on %s (--any-machine looks at every "
			        "machine)\n", pattern, text_visible(shown, sizeof shown, where));
		cmd_trend_free(t, n);
		history_db_close(&h);
		return 2;
	}
	struct trend_style st = { .ascii = a.ascii, .machine = where };
	if (a.out)
		rc = cmd_trend_write_file(a.out, t, n, &st);
	else if (!a.gate)
		rc = trend_write(stdout, a.format, t, n, &st) < 0 ? 1 : 0;
	if (a.gate && rc == 0)
		rc = trend_gate(t, n, latest_run, a.gate_window, a.last, &a.cp);
	cmd_trend_free(t, n);
	history_db_close(&h);   /* only now: the points' labels are the handle's */
	return rc;
}
