/* metrics-publish.h - hands the newest metric set from the main thread to scrapers.
 *
 * The main thread builds a set and publishes it; the HTTP thread takes a reference to
 * whichever set is newest, renders it without any lock held, and lets go. The lock guards
 * only a pointer swap and a reference count, so a scrape never waits on the sampler or the
 * main loop, and they never wait on a scrape.
 */
#ifndef BENCHTOP_METRICS_PUBLISH_H
#define BENCHTOP_METRICS_PUBLISH_H

#include <pthread.h>

#include "metrics-set.h"

struct metrics_publish {
	pthread_mutex_t lock;
	struct metric_set *current;
};

void metrics_publish_init(struct metrics_publish *p);
/* Takes over the caller's reference to s; the set it replaces is let go. */
void metrics_publish_set(struct metrics_publish *p, struct metric_set *s);
/* A reference to the newest set (NULL before the first); metric_set_unref it when done. */
struct metric_set *metrics_publish_get(struct metrics_publish *p);
void metrics_publish_free(struct metrics_publish *p);

#endif
