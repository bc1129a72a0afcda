#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "cmd-compare.h"
#include "cmd-report.h"
#include "headless.h"
#include "queue.h"
#include "sampler.h"
#include "source.h"
#include "store.h"
#include "util.h"
#include "wake.h"

#define FRAME_QUEUE_CAP 16

struct app {
	struct options opt;
	struct source_env env;
	struct queue frames;
	struct store store;
	struct sampler *sampler;
	struct headless *headless;
	int sigfd;
	double deadline;           /* CLOCK_MONOTONIC; 0 = none */
	int quit;
	int exit_code;
	const char *ended_by;      /* what ended the run, for the last note */
};

/* ---- --list ---- */

static void list_source(void *arg, const char *name, const char *help, const char *why)
{
	(void)arg;
	if (why)
		printf("  %-12s %s\n  %-12s   unavailable: %s\n", name, help, "", why);
	else
		printf("  %-12s %s\n", name, help);
}

static int do_list(const struct app *a)
{
	printf("Sources:\n");
	sources_probe(&a->env, list_source, NULL);
	return 0;
}

/* ---- signals: blocked in every thread, read by the main loop through a signalfd ---- */

static int signals_block(char *why, size_t whylen)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGWINCH);
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
		default: break;
		}
	}
}

/* ---- the main loop ---- */

static void note_unavailable(void *arg, const char *name, const char *why)
{
	struct app *a = arg;
	headless_note(a->headless, "%s: unavailable: %s", name, why);
}

static void drain_frames(struct app *a)
{
	struct frame f;
	char why[256];
	while (queue_pop(&a->frames, &f)) {
		store_push(&a->store, &f);
		if (a->headless && headless_frame(a->headless, &f, why, sizeof why) < 0) {
			a->quit = 1;
			if (headless_reader_gone(a->headless)) {
				a->ended_by = "the log reader went away";
			} else {
				fprintf(stderr, "benchtop: %s\n", why);
				a->exit_code = 1;
				a->ended_by = "the log could not be written";
			}
			return;
		}
	}
	a->store.dropped = queue_dropped(&a->frames);
}

static int poll_timeout_ms(const struct app *a)
{
	if (a->deadline <= 0)
		return -1;
	double left = a->deadline - now_mono();
	if (left <= 0)
		return 0;
	return (int)ceil(left * 1000);
}

static void main_loop(struct app *a)
{
	struct pollfd fds[2] = {
		{ .fd = wake_fd(), .events = POLLIN },
		{ .fd = a->sigfd, .events = POLLIN },
	};
	while (!a->quit) {
		int n = poll(fds, 2, poll_timeout_ms(a));
		if (n < 0 && errno != EINTR) {
			fprintf(stderr, "benchtop: poll: %s\n", strerror(errno));
			a->exit_code = 1;
			break;
		}
		if (fds[1].revents & POLLIN)
			handle_signals(a);
		wake_drain();
		drain_frames(a);
		if (a->deadline > 0 && now_mono() >= a->deadline && !a->quit) {
			a->quit = 1;
			a->ended_by = "duration reached";
		}
	}
}

/* ---- start and stop, in order ---- */

static int app_start(struct app *a)
{
	char why[256];
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
	    queue_init(&a->frames, sizeof(struct frame), FRAME_QUEUE_CAP, 1) < 0) {
		fprintf(stderr, "benchtop: out of memory for %.0f s of history at %g s\n",
		        a->opt.history, a->opt.interval);
		return 1;
	}
	a->headless = headless_open(a->opt.log, a->opt.format, why, sizeof why);
	if (!a->headless) {
		fprintf(stderr, "benchtop: %s\n", why);
		return 2;
	}
	if (sampler_start(&a->sampler, &a->env, a->opt.interval, &a->frames, NULL, NULL, why, sizeof why) < 0) {
		fprintf(stderr, "benchtop: cannot start sampling: %s\n", why);
		return 1;
	}
	sampler_each_unavailable(a->sampler, note_unavailable, a);
	if (a->opt.duration > 0)
		a->deadline = now_mono() + a->opt.duration;
	return 0;
}

static void app_stop(struct app *a)
{
	/* Stressors, then the runner, then the sampler; then drain what is left and close views. */
	sampler_stop(a->sampler);
	a->sampler = NULL;
	if (!a->exit_code && a->ended_by && strcmp(a->ended_by, "the log reader went away") != 0) {
		drain_frames(a);
	}
	if (a->headless && a->ended_by && strcmp(a->ended_by, "the log reader went away") != 0)
		headless_note(a->headless, "run ended: %s after %llu samples", a->ended_by,
		              (unsigned long long)a->store.frames);
	headless_close(a->headless);
	a->headless = NULL;
	queue_free(&a->frames);
	store_free(&a->store);
	if (a->sigfd >= 0)
		close(a->sigfd);
	wake_close();
}

int app_main(int argc, char **argv)
{
	struct app a;
	memset(&a, 0, sizeof a);
	a.sigfd = -1;
	/* Only the character type comes from the environment (for UTF-8 drawing): numbers in
	 * files and logs always use '.' as the decimal point. */
	setlocale(LC_CTYPE, "");

	/* Subcommands work on files and start none of the parts. */
	if (argc > 1 && strcmp(argv[1], "compare") == 0)
		return cmd_compare(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "report") == 0)
		return cmd_report(argc - 1, argv + 1);

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
