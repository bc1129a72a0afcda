#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics-push-job.h"
#include "metrics-push.h"
#include "thread-name.h"

struct push_job {
	pthread_t thread;
	struct push_item *items;     /* copies of the strings, owned here */
	int    n, pushed;
	double budget_s;
	void (*done)(void);
	int    rc;
	char   why[768];
	atomic_int over;
};

static void *push_thread(void *arg)
{
	struct push_job *j = arg;
	j->rc = 0;
	for (int i = 0; i < j->n; i++) {
		if (metrics_push_put(j->items[i].url, j->items[i].body, j->items[i].len, j->budget_s, j->why,
		                     sizeof j->why) < 0) {
			j->rc = -1;
			break;
		}
		j->pushed++;
	}
	atomic_store(&j->over, 1);
	if (j->done)
		j->done();
	return NULL;
}

static void free_items(struct push_item *it, int n)
{
	for (int i = 0; it && i < n; i++) {
		free((char *)it[i].suite);
		free((char *)it[i].url);
		free((char *)it[i].body);
	}
	free(it);
}

struct push_job *push_job_start(const struct push_item *items, int n, double budget_s, void (*done)(void),
                                char *why, size_t whylen)
{
	struct push_job *j = calloc(1, sizeof *j);
	struct push_item *it = calloc(n > 0 ? (size_t)n : 1, sizeof *it);
	int ok = j && it;
	for (int i = 0; ok && i < n; i++) {
		it[i].suite = strdup(items[i].suite);
		it[i].url = strdup(items[i].url);
		it[i].body = malloc(items[i].len + 1);
		it[i].len = items[i].len;
		ok = it[i].suite && it[i].url && it[i].body;
		if (ok) {
			memcpy((char *)it[i].body, items[i].body, items[i].len);
			((char *)it[i].body)[items[i].len] = '\0';
		}
	}
	if (!ok) {
		free_items(it, n);
		free(j);
		snprintf(why, whylen, "out of memory");
		return NULL;
	}
	j->items = it;
	j->n = n;
	j->budget_s = budget_s;
	j->done = done;
	atomic_init(&j->over, 0);
	int err = pthread_create(&j->thread, NULL, push_thread, j);
	if (err) {
		free_items(it, n);
		free(j);
		snprintf(why, whylen, "cannot start a thread: %s", strerror(err));
		return NULL;
	}
	thread_name(j->thread, "", "push", 0);
	return j;
}

int push_job_over(const struct push_job *j)
{
	return atomic_load(&j->over);
}

int push_job_end(struct push_job *j, int *pushed, char *why, size_t whylen)
{
	pthread_join(j->thread, NULL);
	int rc = j->rc;
	*pushed = j->pushed;
	if (rc < 0)
		snprintf(why, whylen, "%s", j->why);
	free_items(j->items, j->n);
	free(j);
	return rc;
}
