#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strset.h"

static size_t strset_hash(const char *k)
{
	uint64_t h = 1469598103934665603ull;
	for (const unsigned char *c = (const unsigned char *)k; *c; c++)
		h = (h ^ *c) * 1099511628211ull;
	return (size_t)(h ^ (h >> 32));
}

static int strset_grow(struct strset *s)
{
	size_t cap = s->cap ? s->cap * 2 : 64;
	const char **key = calloc(cap, sizeof *key);
	size_t *val = calloc(cap, sizeof *val);
	if (!key || !val) {
		free(key);
		free(val);
		return -1;
	}
	for (size_t i = 0; i < s->cap; i++) {
		if (!s->key[i])
			continue;
		size_t j = strset_hash(s->key[i]) & (cap - 1);
		while (key[j])
			j = (j + 1) & (cap - 1);
		key[j] = s->key[i];
		val[j] = s->val[i];
	}
	free(s->key);
	free(s->val);
	s->key = key;
	s->val = val;
	s->cap = cap;
	return 0;
}

int strset_add(struct strset *s, const char *key, size_t val, size_t *old)
{
	if ((s->n + 1) * 2 > s->cap && strset_grow(s) < 0)
		return -1;
	size_t i = strset_hash(key) & (s->cap - 1);
	for (; s->key[i]; i = (i + 1) & (s->cap - 1)) {
		if (strcmp(s->key[i], key) == 0) {
			if (old)
				*old = s->val[i];
			return 1;
		}
	}
	s->key[i] = key;
	s->val[i] = val;
	s->n++;
	return 0;
}

void strset_free(struct strset *s)
{
	free(s->key);
	free(s->val);
	memset(s, 0, sizeof *s);
}
