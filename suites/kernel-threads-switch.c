/* threads.switch - context switches per second: two threads hand a byte back and forth
 * over a pair of pipes, so each hand-over blocks one thread and wakes the other (two
 * switches per round trip, as lmbench's lat_ctx counts them).
 *
 * With threads N, N such pairs run at once, each over its own pipes and each doing
 * `switches`; the value is the switches of all pairs over the time from their common
 * start to the last pair's finish. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel-list.h"
#include "kutil.h"
#include "thread-name.h"
#include "util.h"

enum { P_SWITCHES, P_THREADS };

static const struct kernel_param tswitch_params[] = {
	{ .name = "switches", .type = KPARAM_INT, .def = 100000, .min = 2, .max = 1e10,
	  .unit = "switches", .help = "thread switches per iteration, per pair (two per round trip)" },
	{ .name = "threads", .type = KPARAM_INT, .def = 1, .min = 1, .max = 256, .unit = "pairs",
	  .help = "pairs of threads switching at once; the value is their total" },
	{ .name = NULL },
};

#define TSWITCH_CHUNK 1024           /* round trips between looks at the stop flag */

struct tswitch_pair {
	int ping[2], pong[2];        /* ping: caller to partner; pong: back */
};

struct tswitch {
	struct tswitch_pair *pair;
	int pairs;
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
	struct tswitch_pair *s = arg;
	char c;
	while (tswitch_get(s->ping[0], &c) == 0 && c != 0)
		if (tswitch_put(s->pong[1], c) < 0)
			break;
	return NULL;
}

static void tswitch_free(struct tswitch *s)
{
	for (int p = 0; p < s->pairs; p++)
		for (int i = 0; i < 2; i++) {
			if (s->pair[p].ping[i] >= 0)
				close(s->pair[p].ping[i]);
			if (s->pair[p].pong[i] >= 0)
				close(s->pair[p].pong[i]);
		}
	free(s->pair);
	free(s);
}

static int tswitch_setup(struct kernel_ctx *k)
{
	struct tswitch *s = calloc(1, sizeof *s);
	int pairs = (int)kutil_param(k, P_THREADS);
	if (s)
		s->pair = malloc((size_t)pairs * sizeof *s->pair);
	if (!s || !s->pair) {
		free(s);
		return kutil_fail(k, "out of memory");
	}
	s->pairs = pairs;
	for (int p = 0; p < pairs; p++)
		s->pair[p].ping[0] = s->pair[p].ping[1] = s->pair[p].pong[0] = s->pair[p].pong[1] = -1;
	for (int p = 0; p < pairs; p++)
		if (pipe2(s->pair[p].ping, O_CLOEXEC) < 0 || pipe2(s->pair[p].pong, O_CLOEXEC) < 0) {
			int e = errno;
			tswitch_free(s);
			return kutil_fail(k, "cannot create pipes for %d pairs (4 descriptors each): %s",
					  pairs, strerror(e));
		}
	k->priv = s;
	return 0;
}

struct tswitch_job {
	struct kernel_ctx *k;
	struct tswitch *s;
	unsigned long long trips;    /* round trips per pair */
	atomic_int failed;
	char why[sizeof ((struct kernel_ctx *)0)->why];
};

/* The caller's side of one pair: sends a byte and waits for it to come back. */
static void tswitch_caller(void *arg, int index)
{
	struct tswitch_job *job = arg;
	struct tswitch_pair *s = &job->s->pair[index];
	/* A context of our own, so that threads do not write one why buffer at once. */
	struct kernel_ctx local = *job->k;
	int rc = 0;
	char c = 1;
	for (unsigned long long done = 0; rc == 0 && done < job->trips; done++) {
		if (done % TSWITCH_CHUNK == 0 && kutil_stopped(&local))
			rc = kutil_fail(&local, "stopped");
		else if (tswitch_put(s->ping[1], c) < 0 || tswitch_get(s->pong[0], &c) < 0)
			rc = kutil_fail(&local, "pipe failed: %s", strerror(errno));
	}
	if (rc < 0 && atomic_exchange(&job->failed, 1) == 0)
		str_copy(job->why, local.why, sizeof job->why);
}

static int tswitch_iterate(struct kernel_ctx *k, double *value)
{
	struct tswitch *s = k->priv;
	struct tswitch_job job = { .k = k, .s = s,
				   .trips = (unsigned long long)kutil_param(k, P_SWITCHES) / 2 };
	pthread_t *tid = malloc((size_t)s->pairs * sizeof *tid);
	if (!tid)
		return kutil_fail(k, "out of memory");
	/* The partners first, so that they wait on their pipes before the clock starts. */
	int started = 0, err = 0;
	for (; started < s->pairs; started++) {
		err = pthread_create(&tid[started], NULL, tswitch_partner, &s->pair[started]);
		if (!err)
			thread_name(tid[started], "", "switch", started + 1);
		if (err)
			break;
	}
	double t = -1;
	if (err)
		kutil_fail(k, "cannot start a thread: %s", strerror(err));
	else
		t = kutil_run(k, s->pairs, tswitch_caller, &job);
	for (int p = 0; p < started; p++)
		tswitch_put(s->pair[p].ping[1], 0);
	for (int p = 0; p < started; p++)
		pthread_join(tid[p], NULL);
	free(tid);
	if (t < 0)
		return -1;
	if (atomic_load(&job.failed))
		return kutil_fail(k, "%s", job.why);
	*value = 2.0 * (double)job.trips * s->pairs / t;
	return 0;
}

static void tswitch_teardown(struct kernel_ctx *k)
{
	if (k->priv)
		tswitch_free(k->priv);
	k->priv = NULL;
}

const struct kernel_class kernel_threads_switch = {
	.name = "threads.switch",
	.help = "context switches between pairs of threads handing a byte over pipes",
	.metric = "rate",
	.unit = "switches/s",
	.higher_is_better = 1,
	.params = tswitch_params,
	.setup = tswitch_setup,
	.iterate = tswitch_iterate,
	.teardown = tswitch_teardown,
};
