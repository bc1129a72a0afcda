#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "cmd-compare.h"
#include "cmd-report.h"
#include "export.h"
#include "headless.h"
#include "journal.h"
#include "kernel.h"
#include "queue.h"
#include "report-load.h"
#include "runner.h"
#include "sampler.h"
#include "source.h"
#include "stats.h"
#include "store.h"
#include "stress.h"
#include "suite.h"
#include "term.h"
#include "theme.h"
#include "tui.h"
#include "util.h"
#include "wake.h"

#define FRAME_QUEUE_CAP 16
#define EVENT_QUEUE_CAP 1024
#define RESULTS_DIR "benchtop-results"

/* ---- messages for people: the event log on the dashboard, stdout or stderr headless ---- */

/* Headless progress goes where it does not spoil a machine-readable log on stdout. */
static FILE *message_stream(const struct app *a)
{
	int log_on_stdout = !a->opt.log || strcmp(a->opt.log, "-") == 0;
	return log_on_stdout && a->opt.format != LOG_TEXT ? stderr : stdout;
}

static void say(struct app *a, int role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(struct app *a, int role, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (a->tui) {
		tui_log(a->tui, role, "%s", msg);
	} else {
		FILE *out = message_stream(a);
		fprintf(out, "%s\n", msg);
		fflush(out);
	}
}

/* ---- --list ---- */

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

static int do_list(const struct app *a)
{
	printf("Sources:\n");
	sources_probe(&a->env, list_source, NULL);
	printf("\nTests (kernels; params as name=default [min..max]):\n");
	for (int i = 0; kernel_table[i]; i++) {
		const struct kernel_class *k = kernel_table[i];
		printf("  %-18s %-10s %s is better. %s\n", k->name, k->unit, k->higher_is_better ? "higher" : "lower",
		       k->help);
		for (const struct kernel_param *p = k->params; p && p->name; p++)
			printf("  %-18s   %s=%g [%g..%g] %s\n", "", p->name, p->def, p->min, p->max, p->help);
	}
	printf("  %-18s %-10s lower is better. Runs argv without a shell\n", "command", "s");
	printf("  %-18s %-10s lower is better. Runs a /bin/sh line\n", "shell", "s");
	printf("\nSuites (presets for --run):\n");
	suite_presets_each(list_preset, NULL);
	printf("\nStressors (--cpu, --vm, --hdd; toggled live in the dashboard's stress panel):\n");
	for (int g = 0; stress_name(g); g++)
		printf("  %-5s %s\n", stress_name(g), stress_help(g));
	printf("\nReport formats (-o FILE.EXT, or -o DIR for all):\n");
	for (int i = 0; exporter_table[i]; i++)
		printf("  .%-5s %s\n", exporter_table[i]->ext, exporter_table[i]->help);
	printf("\nThemes:\n");
	theme_list(list_theme, NULL);
	return 0;
}

/* ---- signals: blocked in every thread, read by the main loop through a signalfd ---- */

static int signals_block(char *why, size_t whylen)
{
	sigset_t set;
	signals_main_loop(&set);
	/* Threads created later inherit this mask, so only the main loop sees these. */
	if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0) {
		str_copy(why, "cannot block signals", whylen);
		return -1;
	}
	signal(SIGPIPE, SIG_IGN);   /* a closed log pipe is an EPIPE we handle, not a death */
	int fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd < 0)
		snprintf(why, whylen, "signalfd: %s", strerror(errno));
	return fd;
}

static void handle_signals(struct app *a)
{
	struct signalfd_siginfo si;
	while (read(a->sigfd, &si, sizeof si) == (ssize_t)sizeof si) {
		switch (si.ssi_signo) {
		case SIGINT:  a->quit = 1; a->ended_by = "interrupted (SIGINT)"; break;
		case SIGTERM: a->quit = 1; a->ended_by = "terminated (SIGTERM)"; break;
		case SIGHUP:  a->quit = 1; a->ended_by = "hung up (SIGHUP)"; break;
		case SIGWINCH:
			if (a->tui)
				tui_resize(a->tui);
			break;
		default: break;
		}
	}
}

/* ---- stressors ---- */

/* The stressors' settings from the command line; --vm-bytes takes a size or P% of available. */
static int stress_config_from_options(const struct options *o, const struct source_env *env,
                                      struct stress_config *sc, char *why, size_t whylen)
{
	stress_config_init(sc);
	sc->cpu = o->cpu;
	sc->cpu_load = o->cpu_load;
	sc->cpu_method = o->cpu_method;
	sc->vm = o->vm;
	sc->hdd = o->hdd;
	sc->hdd_bytes = o->hdd_bytes;
	sc->hdd_dir = o->hdd_dir;
	sc->hdd_block = o->hdd_write_size;
	sc->hdd_write_pct = o->hdd_mix;
	sc->vm_pattern = o->vm_method;
	sc->proc_root = env->proc_root;
	if (o->vm_bytes) {
		size_t len = strlen(o->vm_bytes);
		char num[64];
		double v;
		if (len > 1 && len < sizeof num && o->vm_bytes[len - 1] == '%') {
			snprintf(num, sizeof num, "%.*s", (int)len - 1, o->vm_bytes);
			if (parse_double(num, &v) < 0 || v <= 0 || v > 100) {
				snprintf(why, whylen, "--vm-bytes: invalid value '%s': expected a size such as 256M or 2G, "
				         "or a percentage of available memory from 1%% to 100%%", o->vm_bytes);
				return -1;
			}
			sc->vm_pct = v;
		} else if (parse_size(o->vm_bytes, &v) < 0 || v < 4096) {
			snprintf(why, whylen, "--vm-bytes: invalid value '%s': expected a size such as 256M or 2G, "
			         "or a percentage of available memory such as 50%%", o->vm_bytes);
			return -1;
		} else {
			sc->vm_bytes = v;
		}
	}
	return 0;
}

static void stress_message(void *arg, const char *line)
{
	struct app *a = arg;
	if (a->tui)
		tui_log(a->tui, ROLE_WARN, "%s", line);
	else
		headless_note(a->headless, "%s", line);
}

static int stress_running(const struct stress *s)
{
	struct frame_stress fs;
	for (int i = 0; s && i < stress_count(s); i++) {
		stress_describe(s, i, &fs);
		if (fs.on)
			return 1;
	}
	return 0;
}

/* ---- suites and the run ---- */

static int load_suites(struct app *a, const char *const *names, int n)
{
	char why[1024];
	for (int i = 0; i < n; i++) {
		if (suite_load(names[i], &a->suites[a->nsuites], why, sizeof why) < 0) {
			fprintf(stderr, "benchtop: %s\n", why);
			return 2;
		}
		a->nsuites++;
	}
	size_t total = 0;
	for (int i = 0; i < a->nsuites; i++)
		total += a->suites[i].ntests;
	a->specs = calloc(total ? total : 1, sizeof *a->specs);
	a->spec_suite = calloc(total ? total : 1, sizeof *a->spec_suite);
	struct test_info *infos = calloc(total ? total : 1, sizeof *infos);
	if (!a->specs || !a->spec_suite || !infos) {
		free(infos);
		fprintf(stderr, "benchtop: out of memory for %zu tests\n", total);
		return 1;
	}
	for (int i = 0; i < a->nsuites; i++)
		for (size_t k = 0; k < a->suites[i].ntests; k++) {
			a->spec_suite[a->nspecs] = i;
			infos[a->nspecs] = a->suites[i].tests[k].info;
			a->specs[a->nspecs++] = a->suites[i].tests[k];
		}
	int rc = results_init(&a->results, infos, a->nspecs);
	free(infos);
	if (rc < 0) {
		fprintf(stderr, "benchtop: out of memory for %zu tests\n", total);
		return 1;
	}
	return 0;
}

/* Where this run's files go: the -o directory, the directory of an -o file, or ./benchtop-results. */
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

/* -o takes a file with a known extension, or a directory: a name like "x.html" is neither. */
static int check_report_path(const char *o, char *why, size_t whylen)
{
	struct stat st;
	if (!o || export_find(o) || (stat(o, &st) == 0 && S_ISDIR(st.st_mode)))
		return 0;
	const char *base = strrchr(o, '/') ? strrchr(o, '/') + 1 : o;
	const char *dot = strrchr(base, '.');
	if (!*base || !dot || dot == base)
		return 0;   /* a directory to create */
	char known[128] = "";
	for (int i = 0; exporter_table[i]; i++)
		snprintf(known + strlen(known), sizeof known - strlen(known), "%s.%s", i ? ", " : "", exporter_table[i]->ext);
	snprintf(why, whylen, "-o %s: unknown report format '%s' (expected %s, or a directory)", o, dot, known);
	return -1;
}

static int mkdir_p(const char *dir)
{
	char tmp[PATH_MAX];
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

static int open_journal(struct app *a)
{
	if (a->journal || a->opt.no_report)
		return 0;
	char dir[PATH_MAX], path[PATH_MAX + 96], why[512];
	results_dir(a, dir, sizeof dir);
	if (mkdir_p(dir) < 0) {
		say(a, ROLE_ERROR, "cannot create %s: %s; the run goes on without a journal", dir, strerror(errno));
		return -1;
	}
	snprintf(path, sizeof path, "%s/%s.journal.jsonl", dir, a->stem);
	a->journal = journal_open(path, &a->results, why, sizeof why);
	if (!a->journal) {
		say(a, ROLE_ERROR, "%s; the run goes on without a journal", why);
		return -1;
	}
	return 0;
}

int app_run_tests(struct app *a, const int *which, size_t n, char *why, size_t whylen)
{
	if (a->run_active) {
		str_copy(why, "a run is already active (Enter stops it)", whylen);
		return -1;
	}
	free(a->run_which);
	a->run_which = malloc(n * sizeof *a->run_which);
	if (!a->run_which) {
		str_copy(why, "out of memory", whylen);
		return -1;
	}
	memcpy(a->run_which, which, n * sizeof *which);
	a->run_n = n;
	if (!a->tests_ran) {
		a->results.started_t = now_real();
		journal_stem(a->stem, sizeof a->stem, a->results.started_t);
		system_info_collect(&a->results.system, a->store.have_latest ? &a->store.latest : NULL);
	}
	a->tests_ran = 1;
	open_journal(a);
	/* A test run again starts from nothing, in the results and in the journal alike. */
	for (size_t i = 0; i < n; i++) {
		const struct test_result *r = &a->results.tests[which[i]];
		if (r->status == TS_QUEUED && r->n == 0 && r->warmups_done == 0)
			continue;
		struct run_event ev = { .type = EV_TEST_STATE, .test = which[i], .status = TS_QUEUED, .t = now_real(),
		                        .value = NAN, .wall_s = NAN, .user_s = NAN, .sys_s = NAN, .maxrss = NAN };
		results_apply(&a->results, &ev);
		if (a->journal)
			journal_event(a->journal, &ev, why, whylen);
	}
	struct runner_config cfg = {
		.specs = a->specs, .which = which, .nwhich = n, .jobs = a->opt.jobs,
		.tmpdir = a->opt.hdd_dir, .events = &a->events,
	};
	if (runner_start(&a->runner, &cfg, why, whylen) < 0)
		return -1;
	a->run_active = 1;
	a->run_started = now_mono();
	if (a->stress && stress_running(a->stress))
		say(a, ROLE_WARN, "starting %zu test%s while stressors run: they will disturb the figures", n,
		    n == 1 ? "" : "s");
	else
		say(a, ROLE_NORMAL, "starting %zu test%s", n, n == 1 ? "" : "s");
	return 0;
}

void app_stop_tests(struct app *a)
{
	if (!a->runner)
		return;
	runner_free(a->runner);   /* stops the workers, kills child process groups, joins */
	a->runner = NULL;
	a->run_active = 0;
}

double app_interval(const struct app *a)
{
	return a->sampler ? sampler_interval(a->sampler) : a->opt.interval;
}

void app_set_interval(struct app *a, double seconds)
{
	if (a->sampler)
		sampler_set_interval(a->sampler, seconds);
}

/* ---- events from the runner ---- */

static double planned_iterations(const struct test_result *r)
{
	return (double)r->info.warmup + (r->info.iterations > 0 ? r->info.iterations : 1);
}

/* Seconds left in the run, from how long the iterations done so far took. */
static double run_eta(const struct app *a)
{
	double planned = 0, done = 0;
	for (size_t i = 0; i < a->run_n; i++) {
		const struct test_result *r = &a->results.tests[a->run_which[i]];
		double p = planned_iterations(r);
		planned += p;
		done += test_status_finished(r->status) ? p : (double)r->warmups_done + (double)r->n;
	}
	double elapsed = now_mono() - a->run_started;
	return done > 0 && planned > done ? elapsed * (planned - done) / done : 0;
}

static size_t run_position(const struct app *a, int test)
{
	for (size_t i = 0; i < a->run_n; i++)
		if (a->run_which[i] == test)
			return i + 1;
	return 0;
}

static void describe(const struct test_result *r, char *buf, size_t len)
{
	char variant[200];
	export_variant_label(variant, sizeof variant, r->info.variant);
	if (variant[0])
		snprintf(buf, len, "%s/%s [%s]", r->info.suite, r->info.name, variant);
	else
		snprintf(buf, len, "%s/%s", r->info.suite, r->info.name);
}

static void on_event(struct app *a, const struct run_event *ev)
{
	char why[512], name[400], eta[32];
	if (ev->type == EV_LOG) {
		say(a, ROLE_NORMAL, "%s", ev->text);
		return;
	}
	if (ev->test < 0 || (size_t)ev->test >= a->results.ntests)
		return;
	results_apply(&a->results, ev);
	if (a->journal && journal_event(a->journal, ev, why, sizeof why) < 0) {
		say(a, ROLE_ERROR, "journal: %s; going on without it", why);
		journal_close(a->journal);
		a->journal = NULL;
	}
	const struct test_result *r = &a->results.tests[ev->test];
	describe(r, name, sizeof name);
	size_t pos = run_position(a, ev->test);
	if (ev->type == EV_ITERATION) {
		if (a->tui)
			return;   /* the table shows every iteration as it lands */
		fmt_duration(eta, sizeof eta, run_eta(a));
		if (ev->warmup)
			say(a, 0, "[%zu/%zu] %s warmup %d/%d: %.6g %s  ETA %s", pos, a->run_n, name, ev->iteration,
			    r->info.warmup, ev->value, r->info.unit, eta);
		else if (r->info.iterations > 0)
			say(a, 0, "[%zu/%zu] %s iteration %d/%d: %.6g %s  ETA %s", pos, a->run_n, name, ev->iteration,
			    r->info.iterations, ev->value, r->info.unit, eta);
		else
			say(a, 0, "[%zu/%zu] %s iteration %d: %.6g %s  ETA %s", pos, a->run_n, name, ev->iteration,
			    ev->value, r->info.unit, eta);
		return;
	}
	if (ev->status == TS_ERROR || ev->status == TS_TIMEOUT)
		say(a, ROLE_ERROR, "[%zu/%zu] %s %s: %s", pos, a->run_n, name, test_status_name(ev->status), ev->text);
	else if (test_status_finished(ev->status) && a->tui)
		say(a, ROLE_OK, "%s %s after %zu iterations", name, test_status_name(ev->status), r->n);
	else if (ev->status == TS_SKIPPED)
		say(a, ROLE_WARN, "[%zu/%zu] %s skipped: %s", pos, a->run_n, name, ev->text);
}

/* The run is over when every test it started has reached a finished state. */
static void check_run_done(struct app *a)
{
	if (!a->run_active)
		return;
	for (size_t i = 0; i < a->run_n; i++)
		if (!test_status_finished(a->results.tests[a->run_which[i]].status) &&
		    a->results.tests[a->run_which[i]].status != TS_SKIPPED)
			return;
	app_stop_tests(a);
	say(a, ROLE_OK, "run finished");
	/* Headless with suites and no --duration: the run ends when the suites do. */
	if (!a->tui && a->opt.nruns > 0 && a->opt.duration <= 0 && !a->quit) {
		a->quit = 1;
		a->ended_by = "suites finished";
	}
}

static void drain_events(struct app *a)
{
	struct run_event ev;
	while (queue_pop(&a->events, &ev))
		on_event(a, &ev);
	check_run_done(a);
}

/* ---- frames from the sampler ---- */

static void note_unavailable(void *arg, const char *name, const char *why)
{
	struct app *a = arg;
	if (a->tui)
		tui_log(a->tui, ROLE_DIM, "%s: unavailable: %s", name, why);
	else
		headless_note(a->headless, "%s: unavailable: %s", name, why);
}

static void drain_frames(struct app *a)
{
	struct frame f;
	char why[256];
	while (queue_pop(&a->frames, &f)) {
		store_push(&a->store, &f);
		if (a->run_active)
			results_frame(&a->results, &f);
		if (a->tui)
			tui_frame(a->tui);
		if (a->headless && headless_frame(a->headless, &f, why, sizeof why) < 0) {
			a->quit = 1;
			if (headless_reader_gone(a->headless)) {
				a->ended_by = "the log reader went away";
				a->quiet_end = 1;
			} else {
				fprintf(stderr, "benchtop: %s\n", why);
				a->exit_code = 1;
				a->ended_by = "the log could not be written";
			}
			return;
		}
	}
	a->store.dropped = queue_dropped(&a->frames);
	if (a->stress)
		stress_each_message(a->stress, &a->stress_seen, stress_message, a);
}

/* ---- the main loop ---- */

static int poll_timeout_ms(const struct app *a)
{
	double next = 0;
	if (a->deadline > 0)
		next = a->deadline;
	double draw = a->tui ? tui_next_draw(a->tui) : 0;
	if (draw > 0 && (next <= 0 || draw < next))
		next = draw;
	if (next <= 0)
		return -1;
	double left = next - now_mono();
	return left <= 0 ? 0 : (int)ceil(left * 1000);
}

static void main_loop(struct app *a)
{
	struct pollfd fds[3] = {
		{ .fd = wake_fd(), .events = POLLIN },
		{ .fd = a->sigfd, .events = POLLIN },
		{ .fd = a->tui ? term_input_fd() : -1, .events = POLLIN },
	};
	if (a->tui)
		tui_draw(a->tui);
	while (!a->quit) {
		int n = poll(fds, 3, poll_timeout_ms(a));
		if (n < 0 && errno != EINTR) {
			fprintf(stderr, "benchtop: poll: %s\n", strerror(errno));
			a->exit_code = 1;
			break;
		}
		if (fds[1].revents & POLLIN)
			handle_signals(a);
		if (a->tui && fds[2].revents) {
			/* POLLHUP/POLLERR, or EOF on read: the terminal went away (an SSH drop). */
			int key;
			while ((key = fds[2].revents & (POLLHUP | POLLERR | POLLNVAL) ? TK_HANGUP : term_key()) != TK_NONE) {
				if (key == TK_HANGUP) {
					a->quit = 1;
					a->ended_by = "the terminal went away";
					fds[2].fd = -1;
					break;
				}
				if (tui_key(a->tui, key)) {
					a->quit = 1;
					a->ended_by = "quit";
					break;
				}
			}
		}
		wake_drain();
		drain_frames(a);
		drain_events(a);
		if (a->deadline > 0 && now_mono() >= a->deadline && !a->quit) {
			a->quit = 1;
			a->ended_by = "duration reached";
		}
		if (a->tui && !a->quit) {
			double at = tui_next_draw(a->tui);
			if (at > 0 && now_mono() >= at)
				tui_draw(a->tui);
		}
	}
}

/* ---- the end of a run: statistics, table, reports, baseline ---- */

static void print_table(const struct app *a, FILE *out)
{
	char name[400], mean[32], sd[32];
	/* 77 columns: it fits an 80-column terminal. */
	fprintf(out, "\n%-32s %-7s %11s %9s %-9s %4s\n", "test", "status", "mean", "stdev", "unit", "n");
	for (size_t i = 0; i < a->results.ntests; i++) {
		const struct test_result *r = &a->results.tests[i];
		if (r->status == TS_QUEUED)
			continue;
		describe(r, name, sizeof name);
		c_snprintf(mean, sizeof mean, "%.6g", r->stats.mean);
		c_snprintf(sd, sizeof sd, "%.3g", r->stats.stdev);
		fprintf(out, "%-32.32s %-7.7s %11s %9s %-9.9s %4zu\n", name, test_status_name(r->status),
		        isfinite(r->stats.mean) ? mean : "-", isfinite(r->stats.stdev) ? sd : "-", r->info.unit, r->n);
		if (r->error[0])
			fprintf(out, "    %s\n", r->error);
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

static int export_results(struct app *a, const struct run_results *r, char *where, size_t len)
{
	char why[512], dir[PATH_MAX];
	struct stat st;
	if (a->opt.report && export_find(a->opt.report) && !(stat(a->opt.report, &st) == 0 && S_ISDIR(st.st_mode))) {
		if (export_path(a->opt.report, r, why, sizeof why) < 0) {
			str_copy(where, why, len);
			return -1;
		}
		str_copy(where, a->opt.report, len);
		return 0;
	}
	results_dir(a, dir, sizeof dir);
	if (export_dir(dir, a->stem, r, why, sizeof why) < 0) {
		str_copy(where, why, len);
		return -1;
	}
	snprintf(where, len, "%s/%s.{json,csv,md,xml,html}", dir, a->stem);
	return 0;
}

int app_export(struct app *a, char *where, size_t len)
{
	if (!a->tests_ran) {
		str_copy(where, "no test has run yet", len);
		return -1;
	}
	struct run_results snap;
	if (results_snapshot(&a->results, &snap) < 0) {
		str_copy(where, "out of memory", len);
		return -1;
	}
	results_finish(&snap);
	int rc = export_results(a, &snap, where, len);
	results_free(&snap);
	return rc;
}

static int finish_run(struct app *a)
{
	if (!a->tests_ran)
		return 0;
	FILE *out = a->opt.headless ? message_stream(a) : stdout;
	results_finish(&a->results);
	print_table(a, out);
	int rc = results_exit_code(&a->results);
	char where[PATH_MAX + 64], why[512];
	if (!a->opt.no_report) {
		if (export_results(a, &a->results, where, sizeof where) == 0) {
			fprintf(out, "\nreports: %s\n", where);
		} else {
			fprintf(stderr, "benchtop: reports not written: %s\n", where);
			rc = 1;
		}
	}
	journal_close(a->journal);
	a->journal = NULL;
	if (!a->opt.no_report)
		fprintf(out, "journal: %s/%s.journal.jsonl\n", (results_dir(a, where, sizeof where), where), a->stem);
	if (a->opt.save_baseline) {
		if (export_path(a->opt.save_baseline, &a->results, why, sizeof why) < 0) {
			fprintf(stderr, "benchtop: --save-baseline: %s\n", why);
			rc = 1;
		} else {
			fprintf(out, "baseline saved: %s\n", a->opt.save_baseline);
		}
	}
	if (a->opt.baseline) {
		struct run_results old;
		if (report_load_json(a->opt.baseline, &old, why, sizeof why) < 0) {
			fprintf(stderr, "benchtop: --baseline: %s\n", why);
			return 2;
		}
		fprintf(out, "\ncompared with %s:\n", a->opt.baseline);
		if (compare_reports(&old, &a->results, a->opt.threshold, out))
			rc = 1;
		results_free(&old);
	}
	fflush(out);
	return rc;
}

/* ---- start and stop, in order ---- */

static int want_dashboard(struct app *a)
{
	if (a->opt.headless)
		return 0;
	if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
		fprintf(stderr, "benchtop: not a terminal: running headless (--headless says so and silences this)\n");
		a->opt.headless = 1;
		return 0;
	}
	return 1;
}

static int app_start(struct app *a)
{
	char why[512];
	if (wake_init() < 0) {
		fprintf(stderr, "benchtop: cannot create the wake pipe: %s\n", strerror(errno));
		return 1;
	}
	a->sigfd = signals_block(why, sizeof why);
	if (a->sigfd < 0) {
		fprintf(stderr, "benchtop: %s\n", why);
		return 1;
	}
	if (store_init(&a->store, a->opt.history, a->opt.interval) < 0 ||
	    queue_init(&a->frames, sizeof(struct frame), FRAME_QUEUE_CAP, 1) < 0 ||
	    queue_init(&a->events, sizeof(struct run_event), EVENT_QUEUE_CAP, 1) < 0) {
		fprintf(stderr, "benchtop: out of memory for %.0f s of history at %g s\n", a->opt.history,
		        a->opt.interval);
		return 1;
	}
	if (check_report_path(a->opt.report, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop: %s\n", why);
		return 2;
	}
	int dashboard = want_dashboard(a);
	/* Suites are checked whole before anything starts; the dashboard offers quick by default. */
	int rc;
	if (a->opt.nruns)
		rc = load_suites(a, a->opt.runs, a->opt.nruns);
	else if (dashboard)
		rc = load_suites(a, (const char *const[]){ "quick" }, 1);
	else
		rc = load_suites(a, NULL, 0);
	if (rc)
		return rc;
	if (a->opt.theme && !dashboard) {
		struct theme th;
		if (theme_load(a->opt.theme, &th, why, sizeof why) < 0) {
			fprintf(stderr, "benchtop: --theme: %s\n", why);
			return 2;
		}
	}
	struct stress_config sc;
	if (stress_config_from_options(&a->opt, &a->env, &sc, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop: %s\n", why);
		return 2;
	}
	if (stress_start(&a->stress, &sc, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop: %s\n", why);
		return 2;
	}
	if (dashboard) {
		a->tui = tui_open(a, why, sizeof why);
		if (!a->tui) {
			fprintf(stderr, "benchtop: %s\n", why);
			return 2;
		}
	} else {
		a->headless = headless_open(a->opt.log, a->opt.format, why, sizeof why);
		if (!a->headless) {
			fprintf(stderr, "benchtop: %s\n", why);
			return 2;
		}
	}
	stress_each_message(a->stress, &a->stress_seen, stress_message, a);
	if (sampler_start(&a->sampler, &a->env, a->opt.interval, &a->frames, stress_fill_frame, a->stress, why,
	                  sizeof why) < 0) {
		fprintf(stderr, "benchtop: cannot start sampling: %s\n", why);
		return 1;
	}
	sampler_each_unavailable(a->sampler, note_unavailable, a);
	if (a->opt.duration > 0)
		a->deadline = now_mono() + a->opt.duration;
	if (a->opt.nruns) {
		int *all = malloc(a->nspecs * sizeof *all);
		if (!all)
			return 1;
		for (size_t i = 0; i < a->nspecs; i++)
			all[i] = (int)i;
		rc = app_run_tests(a, all, a->nspecs, why, sizeof why);
		free(all);
		if (rc < 0) {
			fprintf(stderr, "benchtop: %s\n", why);
			return 1;
		}
	}
	return 0;
}

static void app_stop(struct app *a)
{
	/* Stressors, then the runner (child process groups killed), then the sampler; then drain
	 * what is left, give the terminal back, and write the reports. */
	stress_stop(a->stress);
	app_stop_tests(a);
	sampler_stop(a->sampler);
	a->sampler = NULL;
	stress_free(a->stress);   /* after the sampler, which reads its counters */
	a->stress = NULL;
	if (!a->quiet_end && a->events.buf) {
		drain_frames(a);
		struct run_event ev;
		while (queue_pop(&a->events, &ev))
			on_event(a, &ev);
	}
	tui_close(a->tui);
	a->tui = NULL;
	if (a->headless && a->ended_by && !a->quiet_end)
		headless_note(a->headless, "run ended: %s after %llu samples", a->ended_by,
		              (unsigned long long)a->store.frames);
	else if (a->ended_by && !a->quiet_end && strcmp(a->ended_by, "quit") != 0)
		fprintf(stderr, "benchtop: run ended: %s\n", a->ended_by);
	headless_close(a->headless);
	a->headless = NULL;
	/* Reports are written however the run ended, a closed log pipe included. */
	int rc = finish_run(a);
	if (rc > a->exit_code)
		a->exit_code = rc;
	journal_close(a->journal);
	results_free(&a->results);
	for (int i = 0; i < a->nsuites; i++)
		suite_free(&a->suites[i]);
	free(a->specs);
	free(a->spec_suite);
	free(a->run_which);
	queue_free(&a->frames);
	queue_free(&a->events);
	store_free(&a->store);
	if (a->sigfd >= 0)
		close(a->sigfd);
	wake_close();
}

int app_main(int argc, char **argv)
{
	/* Only the character type comes from the environment (for UTF-8 drawing): numbers in
	 * files and logs always use '.' as the decimal point. */
	setlocale(LC_CTYPE, "");
	if (argc > 1 && strcmp(argv[1], "compare") == 0)
		return cmd_compare(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "report") == 0)
		return cmd_report(argc - 1, argv + 1);

	struct app a;
	memset(&a, 0, sizeof a);
	a.sigfd = -1;
	int rc = cli_parse(argc, argv, &a.opt, stderr);
	if (rc)
		return rc;
	if (a.opt.help) {
		cli_usage(stdout);
		return 0;
	}
	if (a.opt.version) {
		printf("benchtop %s\n", PACKAGE_VERSION);
		return 0;
	}
	source_env_from_environ(&a.env);
	if (a.opt.list)
		return do_list(&a);

	rc = app_start(&a);
	if (rc == 0)
		main_loop(&a);
	app_stop(&a);
	return rc ? rc : a.exit_code;
}
