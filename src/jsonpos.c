#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpos.h"
#include "util.h"

#define JSONPOS_MAX_DEPTH 512

/* A growable text: the path of the value being scanned. */
struct text {
	char *s;
	size_t len, cap;
};

struct scan {
	const char *p;           /* the document */
	size_t len, at;          /* its length, the offset being read */
	int line;
	size_t line_start;       /* offset of the first byte of the current line */
	struct jsonpos *out;
	struct text path;
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

static int record(struct scan *s)
{
	struct jsonpos *o = s->out;
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 64;
		struct jsonpos_entry *v = realloc(o->v, cap * sizeof *v);
		if (!v)
			return -1;
		o->v = v;
		o->cap = cap;
	}
	char *path = strdup(s->path.s ? s->path.s : "");
	if (!path)
		return -1;
	o->v[o->n++] = (struct jsonpos_entry){ path, s->line, col_of(s->p, s->line_start, s->at) };
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

static int scan_value(struct scan *s, int depth);

static int path_mark(struct scan *s, size_t *mark)
{
	*mark = s->path.len;
	return text_reserve(&s->path, 0);
}

static void path_back(struct scan *s, size_t mark)
{
	s->path.len = mark;
	s->path.s[mark] = '\0';
}

static int scan_object(struct scan *s, int depth)
{
	size_t mark;
	if (path_mark(s, &mark) < 0)
		return fail(s, "out of memory");
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
		size_t need = member_suffix(NULL, 0, mark == 0, key.s);
		if (text_reserve(&s->path, need) < 0) {
			free(key.s);
			return fail(s, "out of memory");
		}
		member_suffix(s->path.s + mark, need + 1, mark == 0, key.s);
		s->path.len = mark + need;
		size_t after = s->at;
		s->at = key_at;
		int rc = record(s);
		s->at = after;
		if (rc < 0) {
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
		if (scan_value(s, depth + 1) < 0) {
			free(key.s);
			return -1;
		}
		path_back(s, mark);
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

static int scan_array(struct scan *s, int depth)
{
	size_t mark;
	if (path_mark(s, &mark) < 0)
		return fail(s, "out of memory");
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
		char idx[32];
		int n = snprintf(idx, sizeof idx, "[%zu]", i);
		if (text_reserve(&s->path, (size_t)n) < 0)
			return fail(s, "out of memory");
		memcpy(s->path.s + mark, idx, (size_t)n + 1);
		s->path.len = mark + (size_t)n;
		if (record(s) < 0)
			return fail(s, "out of memory");
		if (scan_value(s, depth + 1) < 0)
			return -1;
		path_back(s, mark);
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

static int scan_value(struct scan *s, int depth)
{
	if (depth > JSONPOS_MAX_DEPTH)
		return fail(s, "expected less nesting (too many levels of arrays and objects)");
	skip_ws(s);
	int c = peek(s);
	switch (c) {
	case '{': return scan_object(s, depth);
	case '[': return scan_array(s, depth);
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
	struct scan s = { .p = text, .len = len, .line = 1, .out = p };
	int rc = scan_value(&s, 0);
	if (rc == 0) {
		skip_ws(&s);
		if (s.at < s.len)
			rc = fail(&s, "expected the end of the file after the top-level value");
	}
	free(s.path.s);
	if (rc == 0)
		return 0;
	*line = s.err_line;
	*col = col_of(text, s.err_line_start, s.err_at);
	str_copy(why, s.err, whylen);
	return -1;
}

int jsonpos_find(const struct jsonpos *p, const char *path, int *line, int *col)
{
	for (size_t i = 0; i < p->n; i++) {
		if (strcmp(p->v[i].path, path) == 0) {
			*line = p->v[i].line;
			*col = p->v[i].col;
			return 0;
		}
	}
	return -1;
}

void jsonpos_free(struct jsonpos *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].path);
	free(p->v);
	memset(p, 0, sizeof *p);
}
