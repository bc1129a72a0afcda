/* The frame/event queue under two threads: millions of items cross in order, a full queue
 * drops and counts instead of blocking, and the wake pipe is poked. Run under TSan in CI. */
#include "config.h"

#include <poll.h>
#include <pthread.h>
#include <stdint.h>

#include "check.h"
#include "queue.h"
#include "wake.h"

#define ITEMS 2000000ULL

struct item { uint64_t seq; uint64_t twice; };

static struct queue q;

static void *producer(void *arg)
{
	(void)arg;
	for (uint64_t i = 1; i <= ITEMS; i++) {
		struct item it = { i, 2 * i };
		while (queue_push(&q, &it) < 0)
			sched_yield();   /* the test wants every item; real producers drop */
	}
	return NULL;
}

static void two_threads_keep_order(void)
{
	CHECK_INT(queue_init(&q, sizeof(struct item), 64, 0), 0);
	pthread_t t;
	pthread_create(&t, NULL, producer, NULL);
	uint64_t expect = 1, bad = 0;
	struct item it;
	while (expect <= ITEMS) {
		if (!queue_pop(&q, &it)) {
			sched_yield();
			continue;
		}
		if (it.seq != expect || it.twice != 2 * expect)
			bad++;
		expect++;
	}
	pthread_join(t, NULL);
	CHECK_INT(bad, 0);
	CHECK_INT(queue_pop(&q, &it), 0);
	queue_free(&q);
}

static void full_queue_drops_and_counts(void)
{
	struct queue small;
	CHECK_INT(queue_init(&small, sizeof(int), 4, 1), 0);
	for (int i = 0; i < 10; i++)
		queue_push(&small, &i);
	CHECK_INT(queue_dropped(&small), 6);
	int v, n = 0;
	while (queue_pop(&small, &v))
		CHECK_INT(v, n++);
	CHECK_INT(n, 4);
	/* pushes poked the wake pipe */
	struct pollfd p = { .fd = wake_fd(), .events = POLLIN };
	CHECK_INT(poll(&p, 1, 0), 1);
	wake_drain();
	CHECK_INT(poll(&p, 1, 0), 0);
	queue_free(&small);
}

static struct queue waitq;
static atomic_int waitq_stop;

static void *waiting_producer(void *arg)
{
	(void)arg;
	for (int i = 1; i <= 100; i++)
		if (queue_push_wait(&waitq, &i, &waitq_stop) < 0)
			break;
	return NULL;
}

/* What must arrive waits for room: 100 items through a queue of 2, none dropped. */
static void push_wait_loses_nothing(void)
{
	CHECK_INT(queue_init(&waitq, sizeof(int), 2, 0), 0);
	pthread_t t;
	CHECK_INT(pthread_create(&t, NULL, waiting_producer, NULL), 0);
	int got = 0, v, bad = 0;
	while (got < 100)
		if (queue_pop(&waitq, &v)) {
			bad += v != got + 1;
			got++;
		}
	pthread_join(t, NULL);
	CHECK_INT(bad, 0);
	CHECK_INT((int)queue_dropped(&waitq), 0);
	/* Full, and stopped: gives up instead of waiting for ever. */
	int x = 1;
	queue_push(&waitq, &x);
	queue_push(&waitq, &x);
	atomic_store(&waitq_stop, 1);
	CHECK_INT(queue_push_wait(&waitq, &x, &waitq_stop), -1);
	queue_free(&waitq);
}

int main(void)
{
	push_wait_loses_nothing();
	CHECK_INT(wake_init(), 0);
	two_threads_keep_order();
	full_queue_drops_and_counts();
	wake_close();
	return check_result();
}
