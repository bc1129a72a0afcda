/* queue.h - a bounded queue of fixed-size items that crosses threads.
 *
 * Producers (the sampler, runner and stress workers) push; one consumer (the main thread)
 * pops. queue_push never waits for room: when the queue is full the item is dropped and
 * counted, so a slow screen can never stall sampling. queue_push_wait is for what must
 * arrive (test results): it waits for the consumer to make room, or for *stop. Each successful push pokes the
 * wake pipe (wake.h) so the main loop, asleep in poll(), drains at once. Order is kept.
 */
#ifndef BENCHTOP_QUEUE_H
#define BENCHTOP_QUEUE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

struct queue {
	pthread_mutex_t mu;
	pthread_cond_t room;  /* signalled by a pop that leaves room */
	unsigned char *buf;
	size_t item, cap, head, count;
	atomic_ulong dropped;
	int wake;         /* poke the wake pipe on push */
};

int    queue_init(struct queue *q, size_t item_size, size_t capacity, int wake);
void   queue_free(struct queue *q);
int    queue_push(struct queue *q, const void *item);  /* 0, or -1 when full (dropped) */
/* Waits for room (never drops, counts nothing) until stop (may be NULL) is set: 0, or -1 when
 * stopped before the item went in. */
int    queue_push_wait(struct queue *q, const void *item, const atomic_int *stop);
int    queue_pop(struct queue *q, void *item);         /* 1 with the oldest item, 0 when empty */
unsigned long queue_dropped(const struct queue *q);

#endif
