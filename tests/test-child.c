/* Child processes: status, start errors, stderr, resources, and timeouts that end the whole group. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "child.h"
#include "util.h"

/* Orphans of our children become ours, so we can reap them and see the group empty. */
static int group_gone(pid_t pgid, double within_s)
{
	double end = now_mono() + within_s;
	for (;;) {
		while (waitpid(-pgid, NULL, WNOHANG) > 0)
			;
		if (kill(-pgid, 0) == -1 && errno == ESRCH)
			return 1;
		if (now_mono() > end)
			return 0;
		usleep(10000);
	}
}

/* Sets the flag after 100 ms, as benchtop's signal thread does for a Ctrl-C that reached a
 * child too. */
static void *stop_soon(void *flag)
{
	usleep(100000);
	atomic_store((atomic_int *)flag, 1);
	return NULL;
}

int main(void)
{
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	struct child_result r;
	char text[256];

	const char *t[] = { "true", NULL };
	CHECK_INT(child_run(t, NULL, 5, NULL, &r), 0);
	CHECK_INT(r.exited, 1);
	CHECK_INT(r.status, 0);
	CHECK(r.wall_s > 0 && r.wall_s < 5);
	CHECK(r.user_s >= 0 && r.sys_s >= 0);
	CHECK(r.maxrss > 0);
	CHECK(r.pid > 0);
	CHECK_STR(child_describe(&r, t, NULL, 5, text, sizeof text), "ok");

	CHECK_INT(child_run(NULL, "exit 3", 5, NULL, &r), -1);
	CHECK_INT(r.exited, 1);
	CHECK_INT(r.status, 3);
	CHECK_INT(r.timed_out, 0);
	CHECK_STR(child_describe(&r, NULL, "exit 3", 5, text, sizeof text), "exit status 3");

	/* The last lines of stderr explain a failure; stdout goes nowhere. */
	CHECK_INT(child_run(NULL, "echo out; echo first >&2; echo 'no such file: x' >&2; exit 2", 5, NULL, &r), -1);
	CHECK_STR(r.err_tail, "first\nno such file: x");
	CHECK_STR(child_describe(&r, NULL, "", 5, text, sizeof text), "exit status 2: first | no such file: x");

	/* A chatty child: only the tail is kept, starting at a line. */
	CHECK_INT(child_run(NULL, "i=0; while [ $i -lt 2000 ]; do echo line $i >&2; i=$((i+1)); done; exit 1",
	                    10, NULL, &r), -1);
	CHECK(strlen(r.err_tail) > 100 && strlen(r.err_tail) < sizeof r.err_tail);
	CHECK(strncmp(r.err_tail, "line ", 5) == 0);
	size_t n = strlen(r.err_tail);
	CHECK(n >= 9 && strcmp(r.err_tail + n - 9, "line 1999") == 0);

	const char *missing[] = { "benchtop-no-such-program", "x", NULL };
	CHECK_INT(child_run(missing, NULL, 5, NULL, &r), -1);
	CHECK_INT(r.start_error, ENOENT);
	CHECK(isnan(r.wall_s));
	CHECK_STR(child_describe(&r, missing, NULL, 5, text, sizeof text),
	          "could not start 'benchtop-no-such-program': No such file or directory");

	/* PATH lookup and arguments reach the program. */
	const char *sh[] = { "sh", "-c", "[ \"$1\" = two ] && echo bad >&2; exit 4", "sh", "one", NULL };
	CHECK_INT(child_run(sh, NULL, 5, NULL, &r), -1);
	CHECK_INT(r.status, 4);
	CHECK_STR(r.err_tail, "");

	/* Signals blocked or ignored here are back to normal in the child. */
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, &old);
	signal(SIGINT, SIG_IGN);
	CHECK_INT(child_run(NULL, "kill -INT $$; sleep 5", 10, NULL, &r), -1);
	CHECK_INT(r.signaled, 1);
	CHECK_INT(r.signo, SIGINT);
	CHECK(r.wall_s < 4);
	CHECK_STR(child_describe(&r, NULL, "", 10, text, sizeof text), "killed by SIGINT");

	/* A timeout ends the child and its whole process group. */
	const char *sl[] = { "sleep", "10", NULL };
	double t0 = now_mono();
	CHECK_INT(child_run(sl, NULL, 0.3, NULL, &r), -1);
	CHECK(now_mono() - t0 < 5);
	CHECK_INT(r.timed_out, 1);
	CHECK_INT(r.signaled, 1);
	CHECK(r.wall_s >= 0.3);
	CHECK_STR(child_describe(&r, sl, NULL, 0.3, text, sizeof text), "timed out after 0.3s");
	CHECK(group_gone(r.pid, 2));

	t0 = now_mono();
	CHECK_INT(child_run(NULL, "sleep 10 & sleep 10", 0.3, NULL, &r), -1);
	CHECK(now_mono() - t0 < 5);
	CHECK_INT(r.timed_out, 1);
	CHECK(group_gone(r.pid, 2));

	/* One that ignores SIGTERM gets SIGKILL after the grace second. */
	t0 = now_mono();
	CHECK_INT(child_run(NULL, "trap '' TERM; sleep 10 & trap '' TERM; wait", 0.2, NULL, &r), -1);
	CHECK(now_mono() - t0 < 5);
	CHECK_INT(r.timed_out, 1);
	CHECK_INT(r.signo, SIGKILL);
	CHECK(group_gone(r.pid, 2));

	/* A stop request does the same. */
	atomic_int stop = 1;
	t0 = now_mono();
	CHECK_INT(child_run(NULL, "sleep 10", 0, &stop, &r), -1);
	CHECK(now_mono() - t0 < 5);
	CHECK_INT(r.stopped, 1);
	CHECK_INT(r.timed_out, 0);
	CHECK(group_gone(r.pid, 2));

	/* A Ctrl-C that reached the child before it was in a group of its own reaches us as well:
	 * the child was stopped with the run. */
	atomic_int later = 0;
	pthread_t th;
	CHECK_INT(pthread_create(&th, NULL, stop_soon, &later), 0);
	CHECK_INT(child_run(NULL, "kill -INT $$", 5, &later, &r), -1);
	pthread_join(th, NULL);
	CHECK_INT(r.signo, SIGINT);
	CHECK_INT(r.stopped, 1);
	CHECK_STR(child_describe(&r, NULL, "", 5, text, sizeof text), "stopped");
	/* One that only the child got is its own death. */
	atomic_int never = 0;
	CHECK_INT(child_run(NULL, "kill -INT $$", 5, &never, &r), -1);
	CHECK_INT(r.stopped, 0);
	CHECK_STR(child_describe(&r, NULL, "", 5, text, sizeof text), "killed by SIGINT");

	sigprocmask(SIG_SETMASK, &old, NULL);
	signal(SIGINT, SIG_DFL);
	return check_result();
}
