#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suite-matrix.h"
#include "util.h"

void suite_matrix_free(struct suite_matrix *m)
{
	for (size_t k = 0; k < m->nkeys; k++) {
		for (size_t i = 0; i < m->nvalues[k]; i++) {
			if (m->text[k])
				free(m->text[k][i]);
			if (m->json[k])
				free(m->json[k][i]);
		}
		free(m->text[k]);
		free(m->json[k]);
	}
	memset(m, 0, sizeof *m);
}

void suite_matrix_choice(const struct suite_matrix *m, size_t index, size_t *choice)
{
	for (size_t k = m->nkeys; k-- > 0;) {
		choice[k] = index % m->nvalues[k];
		index /= m->nvalues[k];
	}
}

static int append(char *buf, size_t len, size_t *at, const char *s)
{
	size_t n = strlen(s);
	if (*at + n + 1 > len)
		return -1;
	memcpy(buf + *at, s, n + 1);
	*at += n;
	return 0;
}

static void json_escape(char *dst, size_t len, const char *s)
{
	size_t at = 0;
	for (; *s && at + 7 < len; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			dst[at++] = '\\';
			dst[at++] = (char)c;
		} else if (c < 0x20) {
			at += (size_t)snprintf(dst + at, len - at, "\\u%04x", c);
		} else {
			dst[at++] = (char)c;
		}
	}
	dst[at] = '\0';
}

int suite_matrix_variant(const struct suite_matrix *m, const size_t *choice, char *buf, size_t len)
{
	size_t at = 0;
	if (append(buf, len, &at, "{") < 0)
		return -1;
	for (size_t k = 0; k < m->nkeys; k++) {
		char key[200];
		json_escape(key, sizeof key, m->key[k]);
		if ((k && append(buf, len, &at, ",") < 0) || append(buf, len, &at, "\"") < 0 ||
		    append(buf, len, &at, key) < 0 || append(buf, len, &at, "\":") < 0 ||
		    append(buf, len, &at, m->json[k][choice[k]]) < 0)
			return -1;
	}
	return append(buf, len, &at, "}");
}

static int name_char(char c, int first)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')
		return 1;
	return !first && ((c >= '0' && c <= '9') || c == '-' || c == '.');
}

int suite_matrix_ref(const char *text, size_t at, size_t *n)
{
	if (text[at] != '{' || (at > 0 && text[at - 1] == '$') || !name_char(text[at + 1], 1))
		return 0;
	size_t i = at + 2;
	while (name_char(text[i], 0))
		i++;
	if (text[i] != '}')
		return 0;
	*n = i - at - 1;
	return 1;
}

int suite_matrix_key_ok(const char *key)
{
	if (!name_char(key[0], 1))
		return 0;
	for (const char *c = key + 1; *c; c++)
		if (!name_char(*c, 0))
			return 0;
	return 1;
}

/* The key a reference names, or -1. */
static int ref_key(const struct suite_matrix *m, const char *name, size_t n)
{
	for (size_t k = 0; k < m->nkeys; k++)
		if (strlen(m->key[k]) == n && memcmp(m->key[k], name, n) == 0)
			return (int)k;
	return -1;
}

/* The next reference at or after p: its start (with its name's length in *n), or NULL. Literal
 * text between references is skipped with strchr, so long texts cost memcpy speed. */
static const char *next_ref(const char *in, const char *p, size_t *n)
{
	while ((p = strchr(p, '{')) != NULL) {
		if (suite_matrix_ref(in, (size_t)(p - in), n))
			return p;
		p++;
	}
	return NULL;
}

enum suite_subst_rc suite_matrix_subst(const struct suite_matrix *m, const size_t *choice, const char *in,
                                       size_t *budget, char **out, char *bad, size_t badlen)
{
	size_t inlen = strlen(in), len = 0, n;
	*out = NULL;
	if (inlen > *budget)
		return SUBST_BUDGET;
	*budget -= inlen;
	/* First the size, so nothing is allocated for a text that is refused. */
	const char *p = in, *r;
	while ((r = next_ref(in, p, &n)) != NULL) {
		int k = ref_key(m, r + 1, n);
		if (k < 0) {
			str_copy(bad, r + 1, n + 1 < badlen ? n + 1 : badlen);
			return SUBST_UNKNOWN;
		}
		len += (size_t)(r - p) + strlen(m->text[k][choice[k]]);
		p = r + n + 2;
		if (len > SUITE_MATRIX_MAX_TEXT)
			return SUBST_TOO_LONG;
	}
	len += inlen - (size_t)(p - in);
	if (len > SUITE_MATRIX_MAX_TEXT)
		return SUBST_TOO_LONG;
	if (len > *budget)
		return SUBST_BUDGET;
	*budget -= len;
	char *o = malloc(len + 1);
	if (!o)
		return SUBST_NOMEM;
	size_t w = 0;
	for (p = in; (r = next_ref(in, p, &n)) != NULL; p = r + n + 2) {
		const char *put = m->text[ref_key(m, r + 1, n)][choice[ref_key(m, r + 1, n)]];
		size_t putlen = strlen(put);
		memcpy(o + w, p, (size_t)(r - p));
		w += (size_t)(r - p);
		memcpy(o + w, put, putlen);
		w += putlen;
	}
	memcpy(o + w, p, inlen - (size_t)(p - in) + 1);
	*out = o;
	return SUBST_OK;
}
