#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "child.h"
#include "util.h"

extern char **environ;

#define TAIL_MAX (sizeof ((struct child_result *)0)->err_tail - 1)

/* The last TAIL_MAX bytes a child wrote to stderr. */
struct tail {
	char buf[TAIL_MAX];
	size_t len;
	int cut;                         /* bytes before buf were dropped */
};

static void tail_add(struct tail *t, const char *data, size_t n)
{
	if (n >= TAIL_MAX) {
		memcpy(t->buf, data + n - TAIL_MAX, TAIL_MAX);
		t->cut |= t->len > 0 || n > TAIL_MAX;
		t->len = TAIL_MAX;
		return;
	}
	size_t keep = t->len + n > TAIL_MAX ? TAIL_MAX - n : t->len;
	if (keep < t->len) {
		memmove(t->buf, t->buf + t->len - keep, keep);
		t->cut = 1;
	}
	memcpy(t->buf + keep, data, n);
	t->len = keep + n;
}

/* Reads what the pipe holds now; 0 at end of file, 1 when more may come. */
static int tail_drain(struct tail *t, int fd)
{
	char buf[4096];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n > 0) {
			tail_add(t, buf, (size_t)n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) ? 1 : 0;
	}
}

static void tail_finish(const struct tail *t, char *out, size_t len)
{
	size_t start = 0, end = t->len;
	while (end > 0 && (t->buf[end - 1] == '\n' || t->buf[end - 1] == '\r'))
		end--;
	if (t->cut) {
		/* Start at a line when a whole one is left, else at a character. */
		const char *nl = memchr(t->buf, '\n', end);
		if (nl && (size_t)(nl - t->buf) + 1 < end)
			start = (size_t)(nl - t->buf) + 1;
		while (start < end && ((unsigned char)t->buf[start] & 0xC0) == 0x80)
			start++;
	}
	size_t n = end - start < len - 1 ? end - start : len - 1;
	memcpy(out, t->buf + start, n);
	out[n] = '\0';
}

static int open_pidfd(pid_t pid)
{
#ifdef SYS_pidfd_open
	return (int)syscall(SYS_pidfd_open, pid, 0);
#else
	(void)pid;
	errno = ENOSYS;
	return -1;
#endif
}

static struct timespec to_timespec(double s)
{
	if (s < 0)
		s = 0;
	struct timespec ts = { (time_t)s, (long)((s - floor(s)) * 1e9) };
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return ts;
}

/* A Ctrl-C (or kill of benchtop's process group) that came while posix_spawn had not yet
 * moved the child to its own group killed the child too, and is on its way to benchtop's
 * signal thread: the child was stopped with the run, not broken. The stop flag is given a
 * moment to say so before the death counts as the command's own. */
static int interrupted_with_us(int signo, const atomic_int *stop)
{
	if (signo != SIGINT && signo != SIGTERM && signo != SIGHUP && signo != SIGQUIT)
		return 0;
	double until = now_mono() + CHILD_INTERRUPT_WAIT_S;
	while (!atomic_load(stop) && now_mono() < until) {
		struct timespec ms = { 0, 1000000 };
		nanosleep(&ms, NULL);
	}
	return atomic_load(stop) != 0;
}

int child_run(const char *const *argv, const char *shell, double timeout_s,
              const atomic_int *stop, struct child_result *out)
{
	memset(out, 0, sizeof *out);
	out->wall_s = out->user_s = out->sys_s = out->maxrss = NAN;
	const char *sh_argv[] = { "sh", "-c", shell, NULL };
	const char *const *av = argv ? argv : sh_argv;
	if (!argv && !shell) {
		out->start_error = EINVAL;
		return -1;
	}

	int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	int pfd[2] = { -1, -1 };
	if (devnull < 0 || pipe2(pfd, O_CLOEXEC) < 0) {
		out->start_error = errno;
		if (devnull >= 0)
			close(devnull);
		return -1;
	}
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, devnull, 0);
	posix_spawn_file_actions_adddup2(&fa, devnull, 1);
	posix_spawn_file_actions_adddup2(&fa, pfd[1], 2);
	posix_spawnattr_init(&at);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setpgroup(&at, 0);
	sigset_t none, all;
	sigemptyset(&none);
	sigfillset(&all);
	posix_spawnattr_setsigmask(&at, &none);
	/* Ignored dispositions survive exec; the child gets every signal at its default. */
	posix_spawnattr_setsigdefault(&at, &all);

	pid_t pid;
	double t0 = now_mono();
	int rc = argv ? posix_spawnp(&pid, av[0], &fa, &at, (char *const *)av, environ)
	              : posix_spawn(&pid, "/bin/sh", &fa, &at, (char *const *)av, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(pfd[1]);
	close(devnull);
	if (rc != 0) {
		out->start_error = rc;
		close(pfd[0]);
		return -1;
	}
	out->pid = pid;
	fcntl(pfd[0], F_SETFL, O_NONBLOCK);
	int pidfd = open_pidfd(pid);

	struct tail tail = { .len = 0 };
	int pipe_open = 1, term_sent = 0, reaped = 0, status = 0;
	double deadline = timeout_s > 0 ? t0 + timeout_s : INFINITY, kill_at = INFINITY;
	double backoff = 50e-6;          /* without a pidfd: how long to sleep between looks */
	struct rusage ru;
	memset(&ru, 0, sizeof ru);
	while (!reaped) {
		if (pidfd < 0) {
			pid_t w = wait4(pid, &status, WNOHANG, &ru);
			if (w == pid || (w < 0 && errno != EINTR)) {
				reaped = w == pid;
				break;
			}
		}
		double now = now_mono();
		if (!term_sent && (now >= deadline || (stop && atomic_load(stop)))) {
			if (now >= deadline)
				out->timed_out = 1;
			else
				out->stopped = 1;
			kill(-pid, SIGTERM);
			term_sent = 1;
			kill_at = now + CHILD_GRACE_S;
		} else if (term_sent && now >= kill_at) {
			kill(-pid, SIGKILL);
			kill_at = INFINITY;
		}
		double until = term_sent ? kill_at : deadline;
		if (!term_sent && stop && until > now + CHILD_STOP_POLL_S)
			until = now + CHILD_STOP_POLL_S;
		if (pidfd < 0) {
			if (until > now + backoff)
				until = now + backoff;
			if (backoff < 0.01)
				backoff *= 2;
		}
		struct pollfd fds[2];
		nfds_t nfds = 0;
		if (pidfd >= 0)
			fds[nfds++] = (struct pollfd){ .fd = pidfd, .events = POLLIN };
		if (pipe_open)
			fds[nfds++] = (struct pollfd){ .fd = pfd[0], .events = POLLIN };
		struct timespec ts = to_timespec(until - now);
		int n = ppoll(fds, nfds, isfinite(until) ? &ts : NULL, NULL);
		if (n < 0 && errno != EINTR)
			break;
		if (n <= 0)
			continue;
		if (pipe_open && (fds[nfds - 1].revents & (POLLIN | POLLHUP | POLLERR))) {
			pipe_open = tail_drain(&tail, pfd[0]);
			if (!pipe_open)
				backoff = 20e-6;     /* stderr closes as a child exits: look again soon */
		}
		if (pidfd >= 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) {
			/* The leader is a zombie, so its group id is still ours to signal: finish off the
			 * rest of the group when we were ending it anyway. */
			if (term_sent)
				kill(-pid, SIGKILL);
			pid_t w;
			while ((w = wait4(pid, &status, 0, &ru)) < 0 && errno == EINTR)
				;
			reaped = w == pid;
			break;
		}
	}
	out->wall_s = now_mono() - t0;
	if (term_sent && pidfd < 0)
		kill(-pid, SIGKILL);
	if (pipe_open)
		tail_drain(&tail, pfd[0]);
	close(pfd[0]);
	if (pidfd >= 0)
		close(pidfd);
	tail_finish(&tail, out->err_tail, sizeof out->err_tail);
	if (!reaped) {
		out->start_error = errno ? errno : ECHILD;
		return -1;
	}
	out->user_s = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6;
	out->sys_s = (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
	out->maxrss = (double)ru.ru_maxrss * 1024.0;
	if (WIFEXITED(status)) {
		out->exited = 1;
		out->status = WEXITSTATUS(status);
	} else if (WIFSIGNALED(status)) {
		out->signaled = 1;
		out->signo = WTERMSIG(status);
		if (!term_sent && stop && interrupted_with_us(out->signo, stop))
			out->stopped = 1;
	}
	return out->exited && out->status == 0 && !out->timed_out && !out->stopped ? 0 : -1;
}

static const char *signal_name(int sig, char *buf, size_t len)
{
	static const struct { int sig; const char *name; } names[] = {
		{ SIGHUP, "SIGHUP" }, { SIGINT, "SIGINT" }, { SIGQUIT, "SIGQUIT" }, { SIGILL, "SIGILL" },
		{ SIGTRAP, "SIGTRAP" }, { SIGABRT, "SIGABRT" }, { SIGBUS, "SIGBUS" }, { SIGFPE, "SIGFPE" },
		{ SIGKILL, "SIGKILL" }, { SIGUSR1, "SIGUSR1" }, { SIGSEGV, "SIGSEGV" }, { SIGUSR2, "SIGUSR2" },
		{ SIGPIPE, "SIGPIPE" }, { SIGALRM, "SIGALRM" }, { SIGTERM, "SIGTERM" }, { SIGXCPU, "SIGXCPU" },
		{ SIGXFSZ, "SIGXFSZ" }, { SIGSYS, "SIGSYS" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].sig == sig)
			return names[i].name;
	snprintf(buf, len, "signal %d", sig);
	return buf;
}

char *child_describe(const struct child_result *r, const char *const *argv, const char *shell,
                     double timeout_s, char *buf, size_t len)
{
	char head[160], sig[32];
	if (r->start_error) {
		char err[128];
		str_copy(err, strerror(r->start_error), sizeof err);
		snprintf(buf, len, "could not start '%.100s': %s", argv ? argv[0] : "/bin/sh", err);
		(void)shell;
		return buf;
	}
	if (r->timed_out)
		c_snprintf(head, sizeof head, "timed out after %gs", timeout_s);
	else if (r->stopped)
		snprintf(head, sizeof head, "stopped");
	else if (r->signaled)
		snprintf(head, sizeof head, "killed by %s", signal_name(r->signo, sig, sizeof sig));
	else if (r->exited && r->status != 0)
		snprintf(head, sizeof head, "exit status %d", r->status);
	else
		snprintf(head, sizeof head, "ok");
	if (!*r->err_tail || (r->exited && r->status == 0 && !r->timed_out && !r->stopped)) {
		str_copy(buf, head, len);
		return buf;
	}
	/* One line of text: newlines become " | ", other control characters spaces. */
	char flat[sizeof r->err_tail * 3];
	size_t n = 0;
	for (const char *c = r->err_tail; *c && n + 4 < sizeof flat; c++) {
		if (*c == '\n') {
			memcpy(flat + n, " | ", 3);
			n += 3;
		} else {
			flat[n++] = (unsigned char)*c < 0x20 || *c == 0x7f ? ' ' : *c;
		}
	}
	flat[n] = '\0';
	size_t hlen = strlen(head) + 2;
	const char *from = flat;
	if (len > hlen + 1 && n > len - hlen - 1) {
		/* Keep the end of stderr: its last line says most. */
		from = flat + n - (len - hlen - 1);
		while (*from && ((unsigned char)*from & 0xC0) == 0x80)
			from++;
	}
	snprintf(buf, len, "%s: %s", head, from);
	return buf;
}
