#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpos.h"
#include "util.h"

#define JSONPOS_MAX_DEPTH 512

/* A growable text: a key being decoded. */
struct text {
	char *s;
	size_t len, cap;
};

struct scan {
	const char *p;           /* the document */
	size_t len, at;          /* its length, the offset being read */
	int line;
	size_t line_start;       /* offset of the first byte of the current line */
	size_t col_at;           /* columns are counted on from here, so a long line stays linear */
	int col_n;               /* the column of col_at */
	struct jsonpos *out;
	const char *err;         /* what was expected, at err_at */
	size_t err_at;
	int err_line;
	size_t err_line_start;
};

static int text_reserve(struct text *t, size_t extra)
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

static int col_of(const char *p, size_t line_start, size_t at)
{
	int col = 1;
	for (size_t i = line_start; i < at; i++)
		if (((unsigned char)p[i] & 0xC0) != 0x80)
			col++;
	return col;
}

/* The column of s->at, counting on from the last one asked on this line (the scan only
 * moves forward), so a one-line document costs its length, not its length squared. */
static int scan_col(struct scan *s)
{
	if (s->col_at < s->line_start || s->col_at > s->at) {
		s->col_at = s->line_start;
		s->col_n = 1;
	}
	for (size_t i = s->col_at; i < s->at; i++)
		if (((unsigned char)s->p[i] & 0xC0) != 0x80)
			s->col_n++;
	s->col_at = s->at;
	return s->col_n;
}

/* Records a member (key) or element (index) of parent at s->at; its id (index + 1), or 0. */
static size_t record(struct scan *s, size_t parent, const char *key, size_t index)
{
	struct jsonpos *o = s->out;
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 64;
		struct jsonpos_entry *v = realloc(o->v, cap * sizeof *v);
		if (!v)
			return 0;
		o->v = v;
		o->cap = cap;
	}
	char *k = NULL;
	if (key && !(k = strdup(key)))
		return 0;
	o->v[o->n++] = (struct jsonpos_entry){ parent, k, index, s->line, scan_col(s) };
	return o->n;
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

/* Indexes every entry; the first of a repeated name wins, as it did in the text. */
static int build_index(struct jsonpos *p)
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

static int fail(struct scan *s, const char *what)
{
	if (!s->err) {
		s->err = what;
		s->err_at = s->at;
		s->err_line = s->line;
		s->err_line_start = s->line_start;
	}
	return -1;
}

static void skip_ws(struct scan *s)
{
	while (s->at < s->len) {
		char c = s->p[s->at];
		if (c == '\n') {
			s->line++;
			s->line_start = s->at + 1;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			return;
		}
		s->at++;
	}
}

static int peek(const struct scan *s)
{
	return s->at < s->len ? (unsigned char)s->p[s->at] : -1;
}

static int hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static void put_utf8(struct text *t, unsigned cp)
{
	if (text_reserve(t, 4) < 0)
		return;
	if (cp < 0x80) {
		t->s[t->len++] = (char)cp;
	} else if (cp < 0x800) {
		t->s[t->len++] = (char)(0xC0 | (cp >> 6));
		t->s[t->len++] = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		t->s[t->len++] = (char)(0xE0 | (cp >> 12));
		t->s[t->len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t->s[t->len++] = (char)(0x80 | (cp & 0x3F));
	} else {
		t->s[t->len++] = (char)(0xF0 | (cp >> 18));
		t->s[t->len++] = (char)(0x80 | ((cp >> 12) & 0x3F));
		t->s[t->len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t->s[t->len++] = (char)(0x80 | (cp & 0x3F));
	}
	t->s[t->len] = '\0';
}

/* A string at s->at (on its opening quote); its decoded text goes to out when given. */
static int scan_string(struct scan *s, struct text *out)
{
	size_t start = s->at;
	s->at++;
	for (;;) {
		if (s->at >= s->len) {
			s->at = start;
			return fail(s, "expected '\"' to end the string that starts here");
		}
		unsigned char c = (unsigned char)s->p[s->at];
		if (c == '"') {
			s->at++;
			return 0;
		}
		if (c < 0x20) {
			if (c == '\n') {
				s->at = start;
				return fail(s, "expected '\"' to end the string that starts here (strings do not span lines)");
			}
			return fail(s, "expected a character, found a control character in a string (write it as an escape)");
		}
		if (c != '\\') {
			if (out && text_reserve(out, 1) == 0) {
				out->s[out->len++] = (char)c;
				out->s[out->len] = '\0';
			}
			s->at++;
			continue;
		}
		if (s->at + 1 >= s->len) {
			s->at = start;
			return fail(s, "expected '\"' to end the string that starts here");
		}
		char e = s->p[s->at + 1];
		unsigned cp;
		switch (e) {
		case '"': cp = '"'; break;
		case '\\': cp = '\\'; break;
		case '/': cp = '/'; break;
		case 'b': cp = '\b'; break;
		case 'f': cp = '\f'; break;
		case 'n': cp = '\n'; break;
		case 'r': cp = '\r'; break;
		case 't': cp = '\t'; break;
		case 'u':
			if (s->at + 6 > s->len || hex4(s->p + s->at + 2, &cp) < 0)
				return fail(s, "expected four hexadecimal digits after '\\u'");
			if (cp >= 0xD800 && cp < 0xDC00 && s->at + 12 <= s->len &&
			    s->p[s->at + 6] == '\\' && s->p[s->at + 7] == 'u') {
				unsigned lo;
				if (hex4(s->p + s->at + 8, &lo) == 0 && lo >= 0xDC00 && lo < 0xE000) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					s->at += 6;
				}
			}
			s->at += 4;
			break;
		default:
			return fail(s, "expected an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and four hexadecimal digits");
		}
		if (out)
			put_utf8(out, cp);
		s->at += 2;
	}
}

static int digits(struct scan *s)
{
	size_t start = s->at;
	while (s->at < s->len && s->p[s->at] >= '0' && s->p[s->at] <= '9')
		s->at++;
	return s->at > start ? 0 : -1;
}

static int scan_number(struct scan *s)
{
	if (peek(s) == '-')
		s->at++;
	if (peek(s) == '0') {
		s->at++;
		if (peek(s) >= '0' && peek(s) <= '9')
			return fail(s, "expected '.', 'e' or the end of the number (numbers do not start with 0)");
	} else if (digits(s) < 0) {
		return fail(s, "expected a digit");
	}
	if (peek(s) == '.') {
		s->at++;
		if (digits(s) < 0)
			return fail(s, "expected a digit after the decimal point");
	}
	if (peek(s) == 'e' || peek(s) == 'E') {
		s->at++;
		if (peek(s) == '+' || peek(s) == '-')
			s->at++;
		if (digits(s) < 0)
			return fail(s, "expected a digit in the exponent");
	}
	return 0;
}

static int scan_value(struct scan *s, int depth, size_t parent);

static int scan_object(struct scan *s, int depth, size_t parent)
{
	struct text key = { 0 };
	s->at++;
	skip_ws(s);
	if (peek(s) == '}') {
		s->at++;
		return 0;
	}
	for (;;) {
		skip_ws(s);
		if (peek(s) != '"') {
			free(key.s);
			if (peek(s) == '}')
				return fail(s, "expected a field name in double quotes (no comma before '}')");
			return fail(s, "expected a field name in double quotes");
		}
		key.len = 0;
		if (text_reserve(&key, 0) < 0) {
			free(key.s);
			return fail(s, "out of memory");
		}
		key.s[0] = '\0';
		size_t key_at = s->at;
		if (scan_string(s, &key) < 0) {
			free(key.s);
			return -1;
		}
		size_t after = s->at;
		s->at = key_at;
		size_t id = record(s, parent, key.s, 0);
		s->at = after;
		if (!id) {
			free(key.s);
			return fail(s, "out of memory");
		}
		skip_ws(s);
		if (peek(s) != ':') {
			free(key.s);
			return fail(s, "expected ':' after the field name");
		}
		s->at++;
		skip_ws(s);
		if (scan_value(s, depth + 1, id) < 0) {
			free(key.s);
			return -1;
		}
		skip_ws(s);
		int c = peek(s);
		if (c == ',') {
			s->at++;
			continue;
		}
		free(key.s);
		if (c == '}') {
			s->at++;
			return 0;
		}
		return fail(s, c < 0 ? "expected ',' or '}', found the end of the file" : "expected ',' or '}'");
	}
}

static int scan_array(struct scan *s, int depth, size_t parent)
{
	s->at++;
	skip_ws(s);
	if (peek(s) == ']') {
		s->at++;
		return 0;
	}
	for (size_t i = 0;; i++) {
		skip_ws(s);
		if (peek(s) == ']')
			return fail(s, "expected a value (no comma before ']')");
		size_t id = record(s, parent, NULL, i);
		if (!id)
			return fail(s, "out of memory");
		if (scan_value(s, depth + 1, id) < 0)
			return -1;
		skip_ws(s);
		int c = peek(s);
		if (c == ',') {
			s->at++;
			continue;
		}
		if (c == ']') {
			s->at++;
			return 0;
		}
		return fail(s, c < 0 ? "expected ',' or ']', found the end of the file" : "expected ',' or ']'");
	}
}

static int scan_literal(struct scan *s, const char *word)
{
	size_t n = strlen(word);
	if (s->len - s->at < n || memcmp(s->p + s->at, word, n) != 0)
		return fail(s, "expected a value");
	s->at += n;
	return 0;
}

static int scan_value(struct scan *s, int depth, size_t parent)
{
	if (depth > JSONPOS_MAX_DEPTH)
		return fail(s, "expected less nesting (too many levels of arrays and objects)");
	skip_ws(s);
	int c = peek(s);
	switch (c) {
	case '{': return scan_object(s, depth, parent);
	case '[': return scan_array(s, depth, parent);
	case '"': return scan_string(s, NULL);
	case 't': return scan_literal(s, "true");
	case 'f': return scan_literal(s, "false");
	case 'n': return scan_literal(s, "null");
	case -1: return fail(s, "expected a value, found the end of the file");
	case '\'': return fail(s, "expected a value (strings take double quotes)");
	case '/': return fail(s, "expected a value (JSON has no comments)");
	default:
		if (c == '-' || (c >= '0' && c <= '9'))
			return scan_number(s);
		return fail(s, "expected a value");
	}
}

int jsonpos_scan(struct jsonpos *p, const char *text, size_t len,
                 int *line, int *col, char *why, size_t whylen)
{
	memset(p, 0, sizeof *p);
	struct scan s = { .p = text, .len = len, .line = 1, .col_n = 1, .out = p };
	int rc = scan_value(&s, 0, 0);
	if (rc == 0) {
		skip_ws(&s);
		if (s.at < s.len)
			rc = fail(&s, "expected the end of the file after the top-level value");
	}
	if (rc == 0 && build_index(p) < 0) {
		s.at = 0;
		rc = fail(&s, "out of memory");
	}
	if (rc == 0)
		return 0;
	*line = s.err_line;
	*col = col_of(text, s.err_line_start, s.err_at);
	str_copy(why, s.err, whylen);
	return -1;
}

/* The next step of a path at *pp: a key (decoded into key) or an index. 1, 0 at the end, -1 when
 * the path is not one jsonpos_member and jsonpos_element write. */
static int next_step(const char **pp, int first, struct text *key, size_t *index, int *is_key)
{
	const char *p = *pp;
	if (!*p)
		return 0;
	key->len = 0;
	if (text_reserve(key, 0) < 0)
		return -1;
	key->s[0] = '\0';
	if (*p == '[' && p[1] == '"') {
		for (p += 2; *p && *p != '"'; p++) {
			if (*p == '\\' && p[1])
				p++;
			if (text_reserve(key, 1) < 0)
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
	if (p == start || text_reserve(key, (size_t)(p - start)) < 0)
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
	struct text key = { 0 };
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
