/* jsonpos.h - where things are in a JSON text: the first syntax error, and the line and
 * column of every member and element, so messages about a parsed document can point at
 * the line a person has to fix (cJSON keeps no positions).
 *
 * Paths name a value from the root: `tests[2].argv[0]`; a key that is not a plain word
 * is written `["a key"]`. Build them with jsonpos_member and jsonpos_element, so the
 * scanner and its callers spell them alike.
 */
#ifndef BENCHTOP_JSONPOS_H
#define BENCHTOP_JSONPOS_H

#include <stddef.h>

/* Each member and element once, pointing at its parent: a path is never copied per value,
 * so memory and time grow with the document, not with its depth times its width. */
struct jsonpos_entry {
	size_t parent;           /* index + 1 of the enclosing member or element; 0 at the root */
	char *key;               /* a member's decoded key; NULL for an array element */
	size_t index;            /* an element's index */
	int line, col;           /* 1-based; col counts characters, not bytes */
};

struct jsonpos {
	struct jsonpos_entry *v;
	size_t n, cap;
	size_t *slot;            /* hash of (parent, key or index) -> index + 1; 0 is empty */
	size_t nslots;
};

/* Checks that text[0..len) is one JSON value (RFC 8259, no extensions) and records the
 * position of every object member (at its key) and array element. Strings must be UTF-8 and
 * may not hold \u0000 or a lone surrogate escape, since their text becomes C strings.
 * 0, or -1 with the position of the first error and what was expected there ("expected a value"). */
int  jsonpos_scan(struct jsonpos *p, const char *text, size_t len,
                  int *line, int *col, char *why, size_t whylen);
/* Position of the first value recorded at path: 0, or -1 when it is not known. */
int  jsonpos_find(const struct jsonpos *p, const char *path, int *line, int *col);
void jsonpos_free(struct jsonpos *p);

/* Appends `.key` (or `["key"]`) / `[index]` to parent; returns buf. */
char *jsonpos_member(char *buf, size_t len, const char *parent, const char *key);
char *jsonpos_element(char *buf, size_t len, const char *parent, size_t index);

#endif
