/* child.h - run one external command as a child process and measure it, as hyperfine -N would.
 *
 * The command starts with posix_spawn (argv, looked up in PATH) or as /bin/sh -c STRING,
 * in a process group of its own, with an empty signal mask and default signal actions
 * (the parent blocks its signals and takes them through a wake pipe), stdin and stdout
 * on /dev/null and stderr on a pipe whose last lines are kept. Wall time runs on
 * CLOCK_MONOTONIC from just before the spawn to the reap; user and sys time and peak RSS
 * come from wait4. A timeout or a stop request sends SIGTERM to the whole group, then
 * SIGKILL after a grace second. Any thread may call child_run; it blocks that thread.
 */
#ifndef BENCHTOP_CHILD_H
#define BENCHTOP_CHILD_H

#include <stdatomic.h>
#include <stddef.h>

#define CHILD_GRACE_S 1.0            /* between SIGTERM and SIGKILL */
#define CHILD_STOP_POLL_S 0.1        /* how often the stop flag is looked at */
#define CHILD_INTERRUPT_WAIT_S 0.5   /* a child killed by SIGINT waits this long for our stop */

struct child_result {
	int    pid;                      /* also the process group; 0 when it did not start */
	int    exited, status;           /* exited normally, with this status */
	int    signaled, signo;          /* ended by a signal (also after a timeout or a stop) */
	int    timed_out, stopped;       /* ended by us */
	int    start_error;              /* errno when it could not start, else 0 */
	double wall_s, user_s, sys_s;    /* NAN when it did not start */
	double maxrss;                   /* peak resident set in bytes; NAN when it did not start */
	char   err_tail[256];            /* the last lines of stderr, trailing newline removed */
};

/* Runs argv (NULL-terminated; no shell) or, when argv is NULL, shell through /bin/sh -c.
 * timeout_s <= 0 or NAN: no limit. stop may be NULL. Returns 0 when the command ran and
 * exited with status 0; -1 otherwise (out says why; child_describe puts it in words). */
int  child_run(const char *const *argv, const char *shell, double timeout_s,
               const atomic_int *stop, struct child_result *out);

/* "exit status 3: LAST STDERR LINES", "killed by SIGSEGV", "timed out after 2s",
 * "could not start 'prog': No such file or directory"; "ok" when it succeeded.
 * Newlines of stderr become " | " so the text fits on one line. */
char *child_describe(const struct child_result *r, const char *const *argv, const char *shell,
                     double timeout_s, char *buf, size_t len);

#endif
