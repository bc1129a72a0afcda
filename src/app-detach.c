#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "instance.h"
#include "roles.h"
#include "util.h"

/* Runs that outlive the terminal. --detach makes the run a background process before any
 * thread exists: the parent waits until the run has started (its errors reach the user's
 * terminal), prints the id and exits. A hang-up of the dashboard's terminal while something
 * runs leaves the same process going without a view (--on-hangup chooses). */

#define READY_MARK "\001benchtop-ready\n"

static void stdio_to_devnull(void)
{
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return;
	dup2(fd, STDIN_FILENO);
	dup2(fd, STDOUT_FILENO);
	dup2(fd, STDERR_FILENO);
	close(fd);
}

int app_check_hangup_option(const struct options *o)
{
	if (o->on_hangup && strcmp(o->on_hangup, "stop") != 0 && strcmp(o->on_hangup, "detach") != 0) {
		fprintf(stderr, "benchtop: --on-hangup %s: expected stop or detach\n", o->on_hangup);
		return 2;
	}
	return 0;
}

/* The parent's side: copy what the run says until it is ready (0, after printing the id) or
 * gone (its exit status). */
static int wait_ready(pid_t pid, int fd)
{
	char buf[4096];
	size_t mark = strlen(READY_MARK);
	int ready = 0;
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		char *m = memmem(buf, (size_t)n, READY_MARK, mark);
		if (m) {
			fwrite(buf, 1, (size_t)(m - buf), stderr);
			ready = 1;
			break;
		}
		fwrite(buf, 1, (size_t)n, stderr);
	}
	close(fd);
	if (ready) {
		printf("%ld\n", (long)pid);
		fprintf(stderr, "benchtop: running in the background as %ld: benchtop ls lists it, benchtop stop %ld ends it\n",
		        (long)pid, (long)pid);
		return 0;
	}
	int st;
	if (waitpid(pid, &st, 0) < 0)
		return 1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

int app_daemonize(struct app *a, int *exit_now)
{
	*exit_now = 0;
	if (!a->opt.detach)
		return 0;
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0) {
		fprintf(stderr, "benchtop: --detach: %s\n", strerror(errno));
		return 1;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "benchtop: --detach: cannot fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid > 0) {
		close(p[1]);
		*exit_now = 1;
		return wait_ready(pid, p[0]);
	}
	/* The run: its own session, no terminal; errors go to the parent until it is ready. */
	close(p[0]);
	setsid();
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		close(null);
	}
	dup2(p[1], STDERR_FILENO);
	close(p[1]);
	a->opt.headless = 1;
	a->detached = 1;
	return 0;
}

void app_detach_ready(struct app *a)
{
	if (!a->opt.detach)
		return;
	instance_set_state(a->instance, "detached");
	(void)!write(STDERR_FILENO, READY_MARK, strlen(READY_MARK));
	stdio_to_devnull();
}

int app_busy(const struct app *a)
{
	return a->run_active || app_stress_active(a);
}

void app_hangup(struct app *a, const char *how)
{
	if (a->detached)
		return;   /* a second hang-up of a terminal already left */
	const char *policy = a->opt.on_hangup;
	if (!policy)
		policy = app_watched(a) && app_busy(a) ? "detach" : "stop";
	if (strcmp(policy, "detach") != 0) {
		a->quit = 1;
		a->ended_by = how;
		return;
	}
	/* The terminal is gone: no view, nothing written to it, the run goes on. */
	if (app_watched(a))
		app_close_view(a);
	stdio_to_devnull();
	a->detached = 1;
	instance_set_state(a->instance, "detached");
	if (!app_busy(a)) {
		a->quit = 1;
		a->ended_by = how;
	}
}

void app_detached_idle(struct app *a)
{
	/* Nobody watches and nothing runs: the run is over. */
	if (a->detached && !a->opt.detach && !a->quit && !app_busy(a) && a->deadline <= 0) {
		a->quit = 1;
		a->ended_by = "nothing left to run while detached";
	}
}
