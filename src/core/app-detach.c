#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
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
	if (o->on_hangup && strcasecmp(o->on_hangup, "stop") != 0 && strcasecmp(o->on_hangup, "detach") != 0) {
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

/* ---- the dashboard's waiter: what the shell waits for, so that D can give the prompt back ----
 *
 * A dashboard started from a shell forks before any thread exists: the child is the run (and
 * the dashboard), the parent only waits. It ends with the child's exit status, or at once when
 * the child says it detached (D, or a hang-up with something running): the shell has its
 * prompt back and the run goes on in a session of its own. */

static int waiter_fd = -1;        /* the child's end: "D" says "detached", "J" PATH NUL the journal */
static pid_t waiter_child;
static struct termios waiter_tty; /* the terminal as the shell gave it */
static int waiter_have_tty;

static void forward_signal(int sig)
{
	if (waiter_child > 0)
		kill(waiter_child, sig);
}

/* SIGINT, SIGQUIT and SIGHUP from the terminal (Ctrl-C, Ctrl-\, a hang-up: si_code
 * SI_KERNEL) reach the child too, through the process group: not again. Sent by a process
 * to this pid (kill, timeout), they are passed on. */
static void forward_unless_tty(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	if (si->si_code != SI_KERNEL)
		forward_signal(sig);
}

/* The child died from a signal in the middle of the dashboard: the screen is its alternate one,
 * the cursor hidden, keypad mode on, the line discipline raw. Given back as the shell had it,
 * with plain sequences (curses is not started here), and the user told what happened. */
static void child_died(int sig, const char *journal)
{
	static const char reset[] = "\033[0m\033[?1049l\033[?12l\033[?25h\033[?1l\033>\r\n";
	if (waiter_have_tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &waiter_tty);
		(void)!write(STDOUT_FILENO, reset, sizeof reset - 1);
	}
	fprintf(stderr, "benchtop: the run died from signal %d (%s)", sig, strsignal(sig));
	if (journal[0])
		fprintf(stderr, "; its journal is %s (benchtop report %s -o DIR rebuilds the reports)\n", journal, journal);
	else
		fputs("\n", stderr);
}

static int wait_child(pid_t pid, int fd)
{
	signal(SIGPIPE, SIG_IGN);
	waiter_child = pid;
	struct sigaction sa = { .sa_handler = forward_signal };
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	struct sigaction tty = { .sa_sigaction = forward_unless_tty, .sa_flags = SA_SIGINFO };
	sigaction(SIGINT, &tty, NULL);
	sigaction(SIGQUIT, &tty, NULL);
	sigaction(SIGHUP, &tty, NULL);
	char msg[4200], journal[4200] = "";
	size_t have = 0;
	for (;;) {
		ssize_t n = read(fd, msg + have, sizeof msg - 1 - have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		have += (size_t)n;
		char *end;
		while (have && msg[0] == 'J' && (end = memchr(msg, '\0', have))) {   /* the latest journal counts */
			str_copy(journal, msg + 1, sizeof journal);
			have -= (size_t)(end + 1 - msg);
			memmove(msg, end + 1, have);
		}
		if (have && msg[0] == 'D') {
			close(fd);
			return 0;   /* detached: the run goes on without us */
		}
		if (have && (msg[0] != 'J' || have == sizeof msg - 1))
			have = 0;   /* not ours to read: dropped */
	}
	close(fd);
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 1;
	if (WIFSIGNALED(st)) {
		int sig = WTERMSIG(st);
		child_died(sig, journal);
		if (WCOREDUMP(st) || sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGABRT)
			return 128 + sig;   /* a crash of the run: no core of the waiter besides it */
		signal(sig, SIG_DFL);   /* killed: the shell sees it killed too (a loop stops on SIGINT) */
		raise(sig);
		return 128 + sig;
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

static int start_waiter(int *exit_now)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		return 0;   /* no waiter: D then keeps the shell waiting, nothing worse */
	waiter_have_tty = tcgetattr(STDIN_FILENO, &waiter_tty) == 0;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return 0;
	}
	if (pid > 0) {
		close(p[1]);
		*exit_now = 1;
		return wait_child(pid, p[0]);
	}
	close(p[0]);
	waiter_fd = p[1];
	/* The waiter gone (kill -9) leaves the shell its prompt: the dashboard must not draw on
	 * over it. Its death is taken as the terminal's hang-up (app_hangup). */
	pid_t waiter = getppid();
	prctl(PR_SET_PDEATHSIG, SIGHUP);
	if (getppid() != waiter)
		raise(SIGHUP);   /* it died before the line above */
	return 0;
}

void app_waiter_journal(const char *path)
{
	if (waiter_fd < 0)
		return;
	char msg[4200];
	int n = snprintf(msg, sizeof msg, "J%s", path);
	if (n > 0 && (size_t)n < sizeof msg)
		(void)!write(waiter_fd, msg, (size_t)n + 1);   /* with its NUL; one write: never split */
}

void app_detach_waiter(struct app *a)
{
	(void)a;
	setsid();   /* off the terminal's session: its hang-up and keys are not ours any more */
	prctl(PR_SET_PDEATHSIG, 0);   /* the waiter exits now, as it should */
	if (waiter_fd >= 0) {
		(void)!write(waiter_fd, "D", 1);
		close(waiter_fd);
		waiter_fd = -1;
	}
}

int app_daemonize(struct app *a, int *exit_now)
{
	*exit_now = 0;
	if (!a->opt.detach && !a->opt.headless && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		return start_waiter(exit_now);
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
	if (strcasecmp(policy, "detach") != 0) {
		a->quit = 1;
		a->ended_by = how;
		return;
	}
	/* The terminal is gone: no view, nothing written to it, the run goes on. */
	if (app_watched(a))
		app_close_view(a);
	app_detach_waiter(a);
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

void app_detach(struct app *a)
{
	if (a->detached || !app_watched(a))
		return;
	app_close_view(a);   /* the terminal as it was, before the line below */
	const char *id = instance_id(a->instance);
	if (*id)
		fprintf(stderr, "benchtop: detached: the run goes on as %s: benchtop attach %s shows it, benchtop stop %s "
		        "ends it\n", id, id, id);
	else
		fprintf(stderr, "benchtop: detached: the run goes on as %ld (no control socket: kill -TERM ends it)\n",
		        (long)getpid());
	app_detach_waiter(a);
	stdio_to_devnull();
	a->detached = 1;
	instance_set_state(a->instance, "detached");
	if (!app_busy(a)) {
		a->quit = 1;
		a->ended_by = "detached with nothing to run";
	}
}
