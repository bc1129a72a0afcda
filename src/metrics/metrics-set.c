#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metrics-set.h"

struct metric_set *metric_set_new(const struct metric_family *fams, size_t nfams)
{
	struct metric_set *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->fams = fams;
	s->nfams = nfams;
	atomic_init(&s->refs, 1);
	return s;
}

size_t metric_family_nlabels(const struct metric_family *f)
{
	size_t n = 0;
	while (n < METRIC_MAX_LABELS && f->labels[n])
		n++;
	return n;
}

static int arena_put(struct metric_set *s, const char *v, size_t *off)
{
	size_t len = strlen(v) + 1;
	if (s->alen + len > s->acap) {
		size_t cap = s->acap ? s->acap * 2 : 4096;
		while (cap < s->alen + len)
			cap *= 2;
		char *p = realloc(s->arena, cap);
		if (!p)
			return -1;
		s->arena = p;
		s->acap = cap;
	}
	memcpy(s->arena + s->alen, v, len);
	*off = s->alen;
	s->alen += len;
	return 0;
}

void metric_set_add(struct metric_set *s, unsigned fam, double value, const char *const *label_values)
{
	if (!s || fam >= s->nfams || isnan(value))
		return;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 256;
		struct metric_sample *p = realloc(s->samples, cap * sizeof *p);
		if (!p) {
			s->failed = 1;
			return;
		}
		s->samples = p;
		s->cap = cap;
	}
	struct metric_sample *m = &s->samples[s->n];
	memset(m, 0, sizeof *m);
	m->fam = fam;
	m->value = value;
	size_t nl = metric_family_nlabels(&s->fams[fam]);
	for (size_t i = 0; i < nl; i++) {
		const char *v = label_values && label_values[i] ? label_values[i] : "";
		if (arena_put(s, v, &m->values[i]) < 0) {
			s->failed = 1;
			return;
		}
	}
	s->n++;
}

const char *metric_sample_label(const struct metric_set *s, const struct metric_sample *m, size_t i)
{
	return s->arena + m->values[i];
}

void metric_set_ref(struct metric_set *s)
{
	if (s)
		atomic_fetch_add_explicit(&s->refs, 1, memory_order_relaxed);
}

void metric_set_unref(struct metric_set *s)
{
	if (!s || atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) != 1)
		return;
	free(s->samples);
	free(s->arena);
	free(s);
}
