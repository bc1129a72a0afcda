/* jsonpos-path.c - the paths of jsonpos.h: spelling them (jsonpos_member, jsonpos_element),
 * the index of the recorded entries by parent and name, and following a path through it. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpos-private.h"
#include "util.h"

int jsonpos_text_reserve(struct jsonpos_text *t, size_t extra)
{
	if (t->len + extra + 1 <= t->cap)
		return 0;
	size_t cap = t->cap ? t->cap : 64;
	while (cap < t->len + extra + 1)
		cap *= 2;
	char *s = realloc(t->s, cap);
	if (!s)
		return -1;
	t->s = s;
	t->cap = cap;
	return 0;
}

static int is_word(const char *key)
{
	if (!*key)
		return 0;
	for (const char *c = key; *c; c++) {
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
		      *c == '_' || *c == '-'))
			return 0;
	}
	return 1;
}

/* Writes the suffix naming key under a parent that is (or is not) the root; returns its length. */
static size_t member_suffix(char *dst, size_t cap, int at_root, const char *key)
{
	size_t n = 0;
#define PUT(ch) do { if (n + 1 < cap) dst[n] = (ch); n++; } while (0)
	if (is_word(key)) {
		if (!at_root)
			PUT('.');
		for (const char *c = key; *c; c++)
			PUT(*c);
	} else {
		PUT('[');
		PUT('"');
		for (const char *c = key; *c; c++) {
			if (*c == '"' || *c == '\\')
				PUT('\\');
			PUT(*c);
		}
		PUT('"');
		PUT(']');
	}
#undef PUT
	if (cap)
		dst[n < cap ? n : cap - 1] = '\0';
	return n;
}

char *jsonpos_member(char *buf, size_t len, const char *parent, const char *key)
{
	char tmp[512];
	str_copy(tmp, parent, sizeof tmp);
	size_t plen = strlen(tmp);
	str_copy(buf, tmp, len);
	if (plen < len)
		member_suffix(buf + plen, len - plen, plen == 0, key);
	return buf;
}

char *jsonpos_element(char *buf, size_t len, const char *parent, size_t index)
{
	char tmp[512];
	str_copy(tmp, parent, sizeof tmp);
	snprintf(buf, len, "%s[%zu]", tmp, index);
	return buf;
}

static size_t entry_hash(size_t parent, const char *key, size_t index)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)parent * 0x9E3779B97F4A7C15ull;
	if (key) {
		for (const unsigned char *c = (const unsigned char *)key; *c; c++)
			h = (h ^ *c) * 1099511628211ull;
	} else {
		h = (h ^ (uint64_t)index) * 1099511628211ull;
		h ^= h >> 29;
	}
	return (size_t)(h ^ (h >> 32));
}

static int entry_is(const struct jsonpos_entry *e, size_t parent, const char *key, size_t index)
{
	if (e->parent != parent || !e->key != !key)
		return 0;
	return key ? strcmp(e->key, key) == 0 : e->index == index;
}

/* The id of the first entry (parent, key or index), or 0. */
static size_t lookup(const struct jsonpos *p, size_t parent, const char *key, size_t index)
{
	if (!p->nslots)
		return 0;
	size_t mask = p->nslots - 1;
	for (size_t i = entry_hash(parent, key, index) & mask;; i = (i + 1) & mask) {
		size_t id = p->slot[i];
		if (!id || entry_is(&p->v[id - 1], parent, key, index))
			return id;
	}
}

int jsonpos_index(struct jsonpos *p)
{
	size_t n = 16;
	while (n < p->n * 2)
		n *= 2;
	p->slot = calloc(n, sizeof *p->slot);
	if (!p->slot)
		return -1;
	p->nslots = n;
	for (size_t id = 1; id <= p->n; id++) {
		const struct jsonpos_entry *e = &p->v[id - 1];
		size_t i = entry_hash(e->parent, e->key, e->index) & (n - 1);
		while (p->slot[i] && !entry_is(&p->v[p->slot[i] - 1], e->parent, e->key, e->index))
			i = (i + 1) & (n - 1);
		if (!p->slot[i])
			p->slot[i] = id;
	}
	return 0;
}

/* The next step of a path at *pp: a key (decoded into key) or an index. 1, 0 at the end, -1 when
 * the path is not one jsonpos_member and jsonpos_element write. */
static int next_step(const char **pp, int first, struct jsonpos_text *key, size_t *index, int *is_key)
{
	const char *p = *pp;
	if (!*p)
		return 0;
	key->len = 0;
	if (jsonpos_text_reserve(key, 0) < 0)
		return -1;
	key->s[0] = '\0';
	if (*p == '[' && p[1] == '"') {
		for (p += 2; *p && *p != '"'; p++) {
			if (*p == '\\' && p[1])
				p++;
			if (jsonpos_text_reserve(key, 1) < 0)
				return -1;
			key->s[key->len++] = *p;
			key->s[key->len] = '\0';
		}
		if (p[0] != '"' || p[1] != ']')
			return -1;
		*pp = p + 2;
		*is_key = 1;
		return 1;
	}
	if (*p == '[') {
		char *end;
		unsigned long long v = strtoull(p + 1, &end, 10);
		if (end == p + 1 || *end != ']')
			return -1;
		*index = (size_t)v;
		*pp = end + 1;
		*is_key = 0;
		return 1;
	}
	if (!first) {
		if (*p != '.')
			return -1;
		p++;
	}
	const char *start = p;
	while (*p && *p != '.' && *p != '[')
		p++;
	if (p == start || jsonpos_text_reserve(key, (size_t)(p - start)) < 0)
		return -1;
	memcpy(key->s, start, (size_t)(p - start));
	key->len = (size_t)(p - start);
	key->s[key->len] = '\0';
	*pp = p;
	*is_key = 1;
	return 1;
}

int jsonpos_find(const struct jsonpos *p, const char *path, int *line, int *col)
{
	struct jsonpos_text key = { 0 };
	size_t id = 0, index = 0;
	int is_key = 0, rc, first = 1;
	while ((rc = next_step(&path, first, &key, &index, &is_key)) > 0) {
		first = 0;
		id = lookup(p, id, is_key ? key.s : NULL, index);
		if (!id)
			break;
	}
	free(key.s);
	if (rc != 0 || !id)
		return -1;
	*line = p->v[id - 1].line;
	*col = p->v[id - 1].col;
	return 0;
}

void jsonpos_free(struct jsonpos *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].key);
	free(p->v);
	free(p->slot);
	memset(p, 0, sizeof *p);
}
