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
#include "cmdline-text.h"
#include "cmd-attach.h"
#include "cmd-compare.h"
#include "cmd-history.h"
#include "cmd-report.h"
#include "cmd-trend.h"
#include "cmd-instance.h"
#include "instance.h"
#include "journal.h"
#include "queue.h"
#include "sampler.h"
#include "source.h"
#include "store.h"
#include "stress.h"
#include "term.h"
#include "text-visible.h"
#include "theme.h"
#include "view.h"
#include "util.h"
#include "wake.h"

#define FRAME_QUEUE_CAP 16
#define EVENT_QUEUE_CAP 1024

/* ---- messages for people: the event log on the dashboard, stdout or stderr headless ---- */

/* Headless progress goes where it does not spoil a machine-readable log on stdout. */
FILE *app_message_stream(const struct app *a)
{
	int log_on_stdout = !a->opt.log || strcmp(a->opt.log, "-") == 0;
	return log_on_stdout && a->opt.format != LOG_TEXT ? stderr : stdout;
}

/* One line for people, to the viewers and the view; without a view, notes and errors go to
 * stderr where scripts look for them, progress to app_message_stream. */
__attribute__((format(printf, 4, 0)))
static void app_vsay(struct app *a, enum view_say kind, int role, const char *fmt, va_list ap)
{
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	app_attach_say(a, role, msg);
	if (a->view) {
		a->view->message(a->view_state, kind, role, msg);
	} else if (kind == VIEW_NOTE || role == ROLE_ERROR) {
		fprintf(stderr, "benchtop: %s\n", msg);
	} else {
		FILE *out = app_message_stream(a);
		text_visible_fputs(msg, out);   /* test names and output from files: never raw escapes */
		fputc('\n', out);
		fflush(out);
	}
}

void app_say(struct app *a, int role, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	app_vsay(a, VIEW_PROGRESS, role, fmt, ap);
	va_end(ap);
}

void app_note(struct app *a, int role, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	app_vsay(a, VIEW_NOTE, role, fmt, ap);
	va_end(ap);
}

int app_watched(const struct app *a)
{
	return a->view && a->view->watched;
}

void app_close_view(struct app *a)
{
	if (a->view)
		a->view->close(a->view_state);
	a->view = NULL;
	a->view_state = NULL;
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
		case SIGINT:  a->quit = a->end_asked = 1; a->ended_by = "interrupted (SIGINT)"; break;
		case SIGTERM: a->quit = a->end_asked = 1; a->ended_by = "terminated (SIGTERM)"; break;
		case SIGHUP: {
			int was = a->quit;
			app_hangup(a, "hung up (SIGHUP)");
			a->end_asked |= !was && a->quit;   /* ended, not detached */
			break;
		}
		case SIGWINCH:
			if (a->view && a->view->resize)
				a->view->resize(a->view_state);
			break;
		default: break;
		}
	}
}

/* ---- stressors ---- */

static void stress_message(void *arg, const char *line)
{
	app_note(arg, ROLE_WARN, "%s", line);
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

/* ---- frames from the sampler ---- */

/* A sensor a VM has none of is said once by the dashboard's CPU box ("no sensors") instead. */
static void note_unavailable(void *arg, const struct source_class *cls, const char *why)
{
	if (cls->sensor && app_watched(arg))
		return;
	app_note(arg, ROLE_DIM, "%s: unavailable: %s", cls->name, why);
}

static void drain_frames(struct app *a)
{
	struct frame f;
	char why[256];
	while (queue_pop(&a->frames, &f)) {
		app_stress_frame(a, &f);   /* the tally, the thermal guard; notes into f's stress rows */
		store_push(&a->store, &f);
		app_attach_frame(a, &f);
		if (a->run_active) {
			results_frame(&a->results, &f);
			results_frame(&a->run, &f);
		}
		int gone = 0;
		if (a->view && a->view->frame(a->view_state, &f, &gone, why, sizeof why) < 0) {
			a->quit = 1;
			if (gone) {
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
	double draw = a->view ? a->view->next_draw(a->view_state) : 0;
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
		{ .fd = a->view ? a->view->input_fd(a->view_state) : -1, .events = POLLIN },
	};
	if (a->view && a->view->draw)
		a->view->draw(a->view_state);
	while (!a->quit) {
		int n = poll(fds, 3, poll_timeout_ms(a));
		if (n < 0 && errno != EINTR) {
			fprintf(stderr, "benchtop: poll: %s\n", strerror(errno));
			a->exit_code = 1;
			break;
		}
		if (fds[1].revents & POLLIN)
			handle_signals(a);
		if (a->view && fds[2].fd >= 0 && fds[2].revents) {
			/* POLLHUP/POLLERR, or EOF on read: the terminal went away (an SSH drop). */
			int key;
			while ((key = fds[2].revents & (POLLHUP | POLLERR | POLLNVAL) ? TK_HANGUP :
			              a->view->read_key(a->view_state)) != TK_NONE) {
				if (key == TK_HANGUP) {
					fds[2].fd = -1;
					app_hangup(a, "the terminal went away");
					break;
				}
				int asked = a->view->key(a->view_state, key);
				if (asked == VIEW_KEY_DETACH) {
					fds[2].fd = -1;
					app_detach(a);
					break;
				}
				if (asked) {
					a->quit = 1;
					a->ended_by = "quit";
					break;
				}
			}
		}
		if (!a->view)
			fds[2].fd = -1;   /* detached: the terminal is no longer ours */
		wake_drain();
		if (instance_stop_asked(a->instance) && !a->quit) {
			a->quit = a->end_asked = 1;   /* as SIGTERM would */
			a->ended_by = "stopped (benchtop stop)";
		}
		drain_frames(a);
		app_drain_events(a);
		app_attach_tick(a);
		app_detached_idle(a);
		metrics_app_frame(a);
		if (a->deadline > 0 && now_mono() >= a->deadline && !a->quit) {
			a->quit = 1;
			a->ended_by = "duration reached";
		}
		if (a->view && a->view->draw && !a->quit) {
			double at = a->view->next_draw(a->view_state);
			if (at > 0 && now_mono() >= at)
				a->view->draw(a->view_state);
		}
	}
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
	if (app_check_hangup_option(&a->opt))
		return 2;
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
	int metrics_rc = metrics_app_start(a);   /* checks --listen, --push, --textfile; binds */
	if (metrics_rc)
		return metrics_rc;
	int dashboard = want_dashboard(a);
	/* Suites are checked whole before anything starts; the dashboard offers quick by default. */
	int rc;
	if (a->opt.nruns)
		rc = app_load_suites(a, a->opt.runs, a->opt.nruns);
	else if (dashboard)
		rc = app_load_suites(a, (const char *const[]){ "quick" }, 1);
	else
		rc = app_load_suites(a, NULL, 0);
	if (rc)
		return rc;
	rc = app_prepare_reports(a);
	if (rc)
		return rc;
	if (a->opt.theme && !dashboard) {
		struct theme th;
		if (theme_load(a->opt.theme, &th, why, sizeof why) < 0) {
			fprintf(stderr, "benchtop: --theme: %s\n", why);
			return 2;
		}
	}
	/* Named as the user gave it; the stressor would call it "hdd dir" (tests use it too). */
	if (a->opt.hdd_dir && scratch_dir_check(a->opt.hdd_dir, why, sizeof why) < 0) {
		size_t n = strlen(a->opt.hdd_dir);   /* a path too long to be one is shown in part */
		fprintf(stderr, "benchtop: --hdd-dir '%.*s%s': %s\n", n > 80 ? 60 : (int)n, a->opt.hdd_dir,
		        n > 80 ? "..." : "", why);
		return 2;
	}
	struct stress_config sc = a->opt.stress;
	sc.dir = a->opt.hdd_dir;
	sc.proc_root = a->env.proc_root;
	if (stress_start(&a->stress, &sc, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop: %s\n", why);
		return 2;
	}
	const struct view_env venv = { a->opt.log, a->opt.format, app_message_stream(a) };
	const struct view_class *view = dashboard ? &view_dashboard : &view_headless;
	a->view_state = view->open(a, &venv, why, sizeof why);
	if (!a->view_state) {
		fprintf(stderr, "benchtop: %s\n", why);
		return 2;
	}
	a->view = view;
	stress_each_message(a->stress, &a->stress_seen, stress_message, a);
	app_stress_begin(a);
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
	a->instance = instance_open(a->cmdline, why, sizeof why);
	if (!a->instance) {
		fprintf(stderr, "benchtop: %s%s\n", why, a->opt.detach ? "" : "; benchtop ls and stop will not see this run");
		if (a->opt.detach)
			return 1;
	}
	app_attach_open(a);
	app_detach_ready(a);
	return 0;
}

static void app_stop(struct app *a)
{
	/* Stressors, then the runner (child process groups killed), then the sampler; then drain
	 * what is left, give the terminal back, and write the reports. */
	/* Still listed until the process goes (reports and pushes take a while): ls shows it,
	 * stop waits for it. Closed last. */
	instance_set_state(a->instance, "ending");
	double stopped_t = now_real();
	stress_stop(a->stress);
	stress_each_message(a->stress, &a->stress_seen, stress_message, a);   /* the workers' last words */
	app_stop_tests(a);
	int sampled = a->sampler != NULL;   /* the run got as far as the tally (app_stress_begin) */
	sampler_stop(a->sampler);
	a->sampler = NULL;
	if (a->stress && sampled)
		app_stress_last(a, stopped_t);   /* the tail since the last sample, and how each ended */
	stress_free(a->stress);   /* after the sampler, which reads its counters */
	a->stress = NULL;
	if (!a->quiet_end && a->events.buf) {
		drain_frames(a);
		app_drain_events(a);
	}
	if (app_watched(a))
		app_close_view(a);   /* the screen is given back before the last words */
	int src = a->quiet_end ? 0 : app_stress_end(a);   /* the stress summary, after the screen is back */
	if (src > a->exit_code)
		a->exit_code = src;
	if (a->view && a->ended_by && !a->quiet_end)
		app_note(a, ROLE_DIM, "run ended: %s after %llu samples", a->ended_by, (unsigned long long)a->store.frames);
	else if (a->ended_by && !a->quiet_end && strcmp(a->ended_by, "quit") != 0)
		fprintf(stderr, "benchtop: run ended: %s\n", a->ended_by);
	app_close_view(a);
	/* Reports are written however the run ended, a closed log pipe included. */
	int rc = app_finish_run(a);
	if (rc > a->exit_code)
		a->exit_code = rc;
	app_attach_end(a);   /* the viewers are told how it ended and where the reports are */
	metrics_app_stop(a);
	journal_close(a->journal);
	app_reports_free(a);
	results_free(&a->results);
	for (int i = 0; i < a->nsuites; i++)
		suite_free(&a->suites[i]);
	free(a->specs);
	free(a->spec_suite);
	free(a->run_which);
	queue_free(&a->frames);
	queue_free(&a->events);
	store_free(&a->store);
	instance_close(a->instance);   /* before wake_close: a stop request wakes the loop */
	a->instance = NULL;
	if (a->sigfd >= 0)
		close(a->sigfd);
	wake_close();
}

/* The commands, by the first word: each parses the rest of the line itself. */
static const struct { const char *name; int (*run)(int argc, char **argv); } app_commands[] = {
	{ "compare", cmd_compare }, { "report", cmd_report }, { "ls", cmd_ls }, { "stop", cmd_stop },
	{ "attach", cmd_attach }, { "history", cmd_history }, { "trend", cmd_trend },
};

int app_main(int argc, char **argv)
{
	/* Only the character type comes from the environment (for UTF-8 drawing): numbers in
	 * files and logs always use '.' as the decimal point. */
	setlocale(LC_CTYPE, "");
	for (size_t i = 0; argc > 1 && i < sizeof app_commands / sizeof app_commands[0]; i++)
		if (strcmp(argv[1], app_commands[i].name) == 0)
			return app_commands[i].run(argc - 1, argv + 1);

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
		return app_list(&a.env);

	cmdline_text(a.cmdline, sizeof a.cmdline, "benchtop", argc, argv);   /* what benchtop ls shows */
	int exit_now;
	rc = app_daemonize(&a, &exit_now);
	if (exit_now || rc)
		return rc;
	rc = app_start(&a);
	a.started = rc == 0;
	if (rc == 0)
		main_loop(&a);
	app_stop(&a);
	return rc ? rc : a.exit_code;
}
