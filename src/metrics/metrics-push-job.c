#include "config.h"

#include <pthread.h>
#include <stdarg.h>
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
	struct push_hurry hurry;
	int    hurried;              /* hurry was given */
	void (*done)(void);
	int    rc;
	char   why[2048];
	atomic_int over;
};

/* Appends to why: "; " between parts, "..." when it is full. */
__attribute__((format(printf, 3, 4)))
static void add_why(char *why, size_t whylen, const char *fmt, ...)
{
	size_t at = strlen(why);
	if (at && at + 2 < whylen) {
		memcpy(why + at, "; ", 3);
		at += 2;
	}
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(why + at, whylen - at, fmt, ap);
	va_end(ap);
	if (n > 0 && (size_t)n >= whylen - at && whylen > 4)
		memcpy(why + whylen - 4, "...", 4);
}

int push_items(const struct push_item *items, int n, double budget_s, const struct push_hurry *hurry,
               void (*on_pushed)(const struct push_item *it, void *arg), void *arg, char *why, size_t whylen)
{
	char one[1200];
	int pushed = 0;
	why[0] = '\0';
	for (int i = 0; i < n; i++) {
		int rc = metrics_push_put(items[i].url, items[i].body, items[i].len, budget_s, hurry, one, sizeof one);
		if (rc == 0) {
			pushed++;
			if (on_pushed)
				on_pushed(&items[i], arg);
			continue;
		}
		add_why(why, whylen, "suite %s: %s", items[i].suite, one);
		if (rc > 0)
			continue;   /* refused: this suite's body, the others may go */
		/* Out of reach: the next suite would wait as long for nothing. Named, not tried. */
		if (i + 1 < n) {
			add_why(why, whylen, "not tried after it: %s", items[i + 1].suite);
			for (int k = i + 2; k < n; k++)
				snprintf(why + strlen(why), whylen - strlen(why), ", %s", items[k].suite);
		}
		break;
	}
	return pushed;
}

static void *push_thread(void *arg)
{
	struct push_job *j = arg;
	j->pushed = push_items(j->items, j->n, j->budget_s, j->hurried ? &j->hurry : NULL, NULL, NULL, j->why,
	                       sizeof j->why);
	j->rc = j->pushed == j->n ? 0 : -1;
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

struct push_job *push_job_start(const struct push_item *items, int n, double budget_s, const struct push_hurry *hurry,
                                void (*done)(void), char *why, size_t whylen)
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
	if (hurry) {
		j->hurry = *hurry;
		j->hurried = 1;
	}
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
