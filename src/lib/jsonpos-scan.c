/* jsonpos-scan.c - the scanner: checks that a text is one JSON value and records the line and
 * column of every member and element as it goes (jsonpos.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpos-private.h"
#include "util.h"

#define JSONPOS_MAX_DEPTH 512

struct scan {
	const char *p;           /* the document */
	size_t len, at;          /* its length, the offset being read */
	int line;
	size_t line_start;       /* offset of the first byte of the current line */
	size_t col_at;           /* columns are counted on from here, so a long line stays linear */
	int col_n;               /* the column of col_at */
	struct jsonpos *out;
	const char *err;         /* what was expected, at err_at */
	char err_text[96];       /* err when it names what was found */
	size_t err_at;
	int err_line;
	size_t err_line_start;
};

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

static void put_utf8(struct jsonpos_text *t, unsigned cp)
{
	if (jsonpos_text_reserve(t, 4) < 0)
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

/* Length of the UTF-8 sequence at p (at most n bytes): 1..4, or 0 when it is not one
 * (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF). */
static size_t utf8_len(const unsigned char *p, size_t n)
{
	unsigned c = p[0];
	size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 :
	             c >= 0xF0 && c <= 0xF4 ? 4 : 0;
	if (!len || len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0) ||
	    (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90))
		return 0;
	return len;
}

/* A string at s->at (on its opening quote); its decoded text goes to out when given. */
static int scan_string(struct scan *s, struct jsonpos_text *out)
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
			/* RFC 8259 texts are UTF-8; other bytes would reach reports and terminals as they are. */
			size_t n = utf8_len((const unsigned char *)s->p + s->at, s->len - s->at);
			if (!n) {
				snprintf(s->err_text, sizeof s->err_text, "expected UTF-8 text, found the byte 0x%02x "
				         "(save the file as UTF-8)", c);
				return fail(s, s->err_text);
			}
			if (out && jsonpos_text_reserve(out, n) == 0) {
				memcpy(out->s + out->len, s->p + s->at, n);
				out->len += n;
				out->s[out->len] = '\0';
			}
			s->at += n;
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
			/* Text becomes C strings: a NUL would silently cut it there. */
			if (cp == 0)
				return fail(s, "expected a character, found \\u0000 (a string cannot hold a NUL)");
			if (cp >= 0xD800 && cp < 0xDC00 && s->at + 12 <= s->len &&
			    s->p[s->at + 6] == '\\' && s->p[s->at + 7] == 'u') {
				unsigned lo;
				if (hex4(s->p + s->at + 8, &lo) == 0 && lo >= 0xDC00 && lo < 0xE000) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					s->at += 6;
				}
			}
			/* A surrogate left alone is no character, and no UTF-8 can hold it. */
			if (cp >= 0xD800 && cp < 0xE000)
				return fail(s, "expected a character, found half of a UTF-16 surrogate pair "
				            "(\\uD800-\\uDBFF then \\uDC00-\\uDFFF)");
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
	struct jsonpos_text key = { 0 };
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
		if (jsonpos_text_reserve(&key, 0) < 0) {
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
	if (rc == 0 && jsonpos_index(p) < 0) {
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
