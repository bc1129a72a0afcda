/* threads.switch - context switches per second: two threads hand a byte back and forth
 * over a pair of pipes, so each hand-over blocks one thread and wakes the other (two
 * switches per round trip, as lmbench's lat_ctx counts them). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel-list.h"
#include "kutil.h"
#include "util.h"

enum { P_SWITCHES };

static const struct kernel_param tswitch_params[] = {
	{ .name = "switches", .type = KPARAM_INT, .def = 100000, .min = 2, .max = 1e10,
	  .unit = "switches", .help = "thread switches per iteration (two per round trip)" },
	{ .name = NULL },
};

#define TSWITCH_CHUNK 1024           /* round trips between looks at the stop flag */

struct tswitch {
	int ping[2], pong[2];        /* ping: caller to partner; pong: back */
};

static int tswitch_put(int fd, char c)
{
	for (;;) {
		ssize_t n = write(fd, &c, 1);
		if (n == 1)
			return 0;
		if (n < 0 && errno != EINTR)
			return -1;
	}
}

static int tswitch_get(int fd, char *c)
{
	for (;;) {
		ssize_t n = read(fd, c, 1);
		if (n == 1)
			return 0;
		if (n == 0 || errno != EINTR)
			return -1;
	}
}

/* The partner echoes every byte until it gets a 0. */
static void *tswitch_partner(void *arg)
{
	struct tswitch *s = arg;
	char c;
	while (tswitch_get(s->ping[0], &c) == 0 && c != 0)
		if (tswitch_put(s->pong[1], c) < 0)
			break;
	return NULL;
}

static void tswitch_close(struct tswitch *s)
{
	for (int i = 0; i < 2; i++) {
		if (s->ping[i] >= 0)
			close(s->ping[i]);
		if (s->pong[i] >= 0)
			close(s->pong[i]);
	}
	free(s);
}

static int tswitch_setup(struct kernel_ctx *k)
{
	struct tswitch *s = malloc(sizeof *s);
	if (!s)
		return kutil_fail(k, "out of memory");
	s->ping[0] = s->ping[1] = s->pong[0] = s->pong[1] = -1;
	if (pipe2(s->ping, O_CLOEXEC) < 0 || pipe2(s->pong, O_CLOEXEC) < 0) {
		int e = errno;
		tswitch_close(s);
		return kutil_fail(k, "cannot create pipes: %s", strerror(e));
	}
	k->priv = s;
	return 0;
}

static int tswitch_iterate(struct kernel_ctx *k, double *value)
{
	struct tswitch *s = k->priv;
	unsigned long long trips = (unsigned long long)kutil_param(k, P_SWITCHES) / 2;
	pthread_t tid;
	int err = pthread_create(&tid, NULL, tswitch_partner, s);
	if (err)
		return kutil_fail(k, "cannot start a thread: %s", strerror(err));

	int rc = 0;
	char c = 1;
	double t0 = now_mono();
	for (unsigned long long done = 0; rc == 0 && done < trips; done++) {
		if (done % TSWITCH_CHUNK == 0 && kutil_stopped(k))
			rc = kutil_fail(k, "stopped");
		else if (tswitch_put(s->ping[1], c) < 0 || tswitch_get(s->pong[0], &c) < 0)
			rc = kutil_fail(k, "pipe failed: %s", strerror(errno));
	}
	double t = now_mono() - t0;
	tswitch_put(s->ping[1], 0);
	pthread_join(tid, NULL);
	if (rc == 0)
		*value = 2.0 * (double)trips / t;
	return rc;
}

static void tswitch_teardown(struct kernel_ctx *k)
{
	if (k->priv)
		tswitch_close(k->priv);
	k->priv = NULL;
}

const struct kernel_class kernel_threads_switch = {
	.name = "threads.switch",
	.help = "context switches between two threads handing a byte over pipes",
	.metric = "rate",
	.unit = "switches/s",
	.higher_is_better = 1,
	.params = tswitch_params,
	.setup = tswitch_setup,
	.iterate = tswitch_iterate,
	.teardown = tswitch_teardown,
};
