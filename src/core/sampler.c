#include "config.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sampler.h"
#include "thread-name.h"
#include "util.h"

#define MAX_SOURCES 32

struct source_slot {
	const struct source_class *cls;
	void *priv;
	int open;
	char why[160];
};

struct sampler {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cond;          /* CLOCK_MONOTONIC; signalled on stop and interval change */
	int ready, stopping;
	atomic_llong interval_ns;
	struct source_env env;
	struct queue *frames;
	sampler_extra_fn extra;
	void *extra_arg;
	int nslots;
	struct source_slot slots[MAX_SOURCES];
	struct frame frame;           /* filled in place, then copied into the queue */
	uint64_t seq;
};

static void open_sources(struct sampler *s)
{
	for (int i = 0; source_table[i] && s->nslots < MAX_SOURCES; i++) {
		struct source_slot *sl = &s->slots[s->nslots++];
		sl->cls = source_table[i];
		sl->open = sl->cls->open(&s->env, &sl->priv, sl->why, sizeof sl->why) == 0;
	}
}

static void close_sources(struct sampler *s)
{
	for (int i = 0; i < s->nslots; i++)
		if (s->slots[i].open && s->slots[i].cls->close)
			s->slots[i].cls->close(s->slots[i].priv);
}

static void sample_once(struct sampler *s)
{
	struct frame *f = &s->frame;
	frame_clear(f);
	f->seq = ++s->seq;
	f->t = now_real();
	f->mono = now_mono();
	for (int i = 0; i < s->nslots; i++)
		if (s->slots[i].open)
			s->slots[i].cls->sample(s->slots[i].priv, f);
	if (s->extra)
		s->extra(s->extra_arg, f);
	queue_push(s->frames, f);
}

static struct timespec ts_from_ns(long long ns)
{
	return (struct timespec){ .tv_sec = ns / 1000000000LL, .tv_nsec = ns % 1000000000LL };
}

static long long mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *sampler_main(void *arg)
{
	struct sampler *s = arg;
	open_sources(s);
	pthread_mutex_lock(&s->mu);
	s->ready = 1;
	pthread_cond_broadcast(&s->cond);
	/* The first frame comes soon, so a new screen fills at once; then one per interval. */
	long long first = atomic_load(&s->interval_ns);
	if (first > 200000000LL)
		first = 200000000LL;
	long long next = mono_ns() + first;
	while (!s->stopping) {
		struct timespec dl = ts_from_ns(next);
		int rc = pthread_cond_timedwait(&s->cond, &s->mu, &dl);
		if (s->stopping)
			break;
		if (rc != ETIMEDOUT)
			continue;     /* woken early: an interval change or a spurious wakeup */
		pthread_mutex_unlock(&s->mu);
		sample_once(s);
		long long step = atomic_load(&s->interval_ns);
		next += step;
		long long now = mono_ns();
		if (next <= now)  /* fell behind (a suspended machine): skip, never burst */
			next = now + step - (now - next) % step;
		pthread_mutex_lock(&s->mu);
	}
	pthread_mutex_unlock(&s->mu);
	close_sources(s);
	return NULL;
}

int sampler_start(struct sampler **out, const struct source_env *env, double interval_s,
                  struct queue *frames, sampler_extra_fn extra, void *extra_arg,
                  char *why, size_t whylen)
{
	struct sampler *s = calloc(1, sizeof *s);
	if (!s) {
		str_copy(why, "out of memory", whylen);
		return -1;
	}
	s->env = *env;
	s->frames = frames;
	s->extra = extra;
	s->extra_arg = extra_arg;
	atomic_init(&s->interval_ns, (long long)llround(interval_s * 1e9));
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&s->cond, &ca);
	pthread_condattr_destroy(&ca);
	pthread_mutex_init(&s->mu, NULL);
	int rc = pthread_create(&s->thread, NULL, sampler_main, s);
	if (!rc)
		thread_name(s->thread, "", "sampler", 0);
	if (rc) {
		str_copy(why, strerror(rc), whylen);
		pthread_cond_destroy(&s->cond);
		pthread_mutex_destroy(&s->mu);
		free(s);
		return -1;
	}
	pthread_mutex_lock(&s->mu);
	while (!s->ready)
		pthread_cond_wait(&s->cond, &s->mu);
	pthread_mutex_unlock(&s->mu);
	*out = s;
	return 0;
}

void sampler_set_interval(struct sampler *s, double interval_s)
{
	atomic_store(&s->interval_ns, (long long)llround(interval_s * 1e9));
}

double sampler_interval(const struct sampler *s)
{
	return (double)atomic_load(&((struct sampler *)s)->interval_ns) * 1e-9;
}

void sampler_each_unavailable(const struct sampler *s,
                              void (*fn)(void *arg, const struct source_class *cls, const char *why), void *arg)
{
	for (int i = 0; i < s->nslots; i++)
		if (!s->slots[i].open)
			fn(arg, s->slots[i].cls, s->slots[i].why);
}

void sampler_stop(struct sampler *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->mu);
	s->stopping = 1;
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->mu);
	pthread_join(s->thread, NULL);
	pthread_cond_destroy(&s->cond);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

void sources_probe(const struct source_env *env,
                   void (*fn)(void *arg, const char *name, const char *help, const char *why), void *arg)
{
	for (int i = 0; source_table[i]; i++) {
		const struct source_class *c = source_table[i];
		void *priv = NULL;
		char why[160] = "";
		if (c->open(env, &priv, why, sizeof why) == 0) {
			if (c->close)
				c->close(priv);
			fn(arg, c->name, c->help, NULL);
		} else {
			fn(arg, c->name, c->help, why);
		}
	}
}
