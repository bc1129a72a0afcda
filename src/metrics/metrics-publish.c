#include "config.h"

#include "metrics-publish.h"

void metrics_publish_init(struct metrics_publish *p)
{
	pthread_mutex_init(&p->lock, NULL);
	p->current = NULL;
}

void metrics_publish_set(struct metrics_publish *p, struct metric_set *s)
{
	pthread_mutex_lock(&p->lock);
	struct metric_set *old = p->current;
	p->current = s;
	pthread_mutex_unlock(&p->lock);
	metric_set_unref(old);   /* freed here, or by the last scrape still reading it */
}

struct metric_set *metrics_publish_get(struct metrics_publish *p)
{
	pthread_mutex_lock(&p->lock);
	struct metric_set *s = p->current;
	metric_set_ref(s);
	pthread_mutex_unlock(&p->lock);
	return s;
}

void metrics_publish_free(struct metrics_publish *p)
{
	metrics_publish_set(p, NULL);
	pthread_mutex_destroy(&p->lock);
}
