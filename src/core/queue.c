#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "queue.h"
#include "wake.h"

int queue_init(struct queue *q, size_t item_size, size_t capacity, int wake)
{
	memset(q, 0, sizeof *q);
	q->buf = calloc(capacity, item_size);
	if (!q->buf)
		return -1;
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->room, NULL);
	q->item = item_size;
	q->cap = capacity;
	q->wake = wake;
	atomic_init(&q->dropped, 0);
	return 0;
}

void queue_free(struct queue *q)
{
	if (!q->buf)
		return;
	pthread_mutex_destroy(&q->mu);
	pthread_cond_destroy(&q->room);
	free(q->buf);
	q->buf = NULL;
}

int queue_push(struct queue *q, const void *item)
{
	pthread_mutex_lock(&q->mu);
	if (q->count == q->cap) {
		pthread_mutex_unlock(&q->mu);
		atomic_fetch_add_explicit(&q->dropped, 1, memory_order_relaxed);
		return -1;
	}
	size_t tail = (q->head + q->count) % q->cap;
	memcpy(q->buf + tail * q->item, item, q->item);
	q->count++;
	pthread_mutex_unlock(&q->mu);
	if (q->wake)
		wake_notify();
	return 0;
}

int queue_push_wait(struct queue *q, const void *item, const atomic_int *stop)
{
	pthread_mutex_lock(&q->mu);
	while (q->count == q->cap) {
		if (stop && atomic_load(stop)) {
			pthread_mutex_unlock(&q->mu);
			return -1;
		}
		/* Wake now and then to look at stop, which nobody signals on this condition. */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 10000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&q->room, &q->mu, &ts);
	}
	size_t tail = (q->head + q->count) % q->cap;
	memcpy(q->buf + tail * q->item, item, q->item);
	q->count++;
	pthread_mutex_unlock(&q->mu);
	if (q->wake)
		wake_notify();
	return 0;
}

int queue_pop(struct queue *q, void *item)
{
	pthread_mutex_lock(&q->mu);
	if (q->count == 0) {
		pthread_mutex_unlock(&q->mu);
		return 0;
	}
	memcpy(item, q->buf + q->head * q->item, q->item);
	q->head = (q->head + 1) % q->cap;
	if (q->count-- == q->cap)
		pthread_cond_signal(&q->room);
	pthread_mutex_unlock(&q->mu);
	return 1;
}

unsigned long queue_dropped(const struct queue *q)
{
	return atomic_load_explicit(&q->dropped, memory_order_relaxed);
}
