/* jsonpos-private.h - what the two halves of jsonpos.h share (private to jsonpos-*.c):
 * jsonpos-scan.c scans a text and records its entries, jsonpos-path.c spells paths and
 * follows them to the entries. All of it runs on the caller's thread.
 */
#ifndef BENCHTOP_JSONPOS_PRIVATE_H
#define BENCHTOP_JSONPOS_PRIVATE_H

#include <stddef.h>

#include "jsonpos.h"

/* A growable text: a key being decoded. */
struct jsonpos_text {
	char *s;
	size_t len, cap;
};

/* Room for extra more bytes and a NUL: 0, or -1 when out of memory (t unchanged). */
int jsonpos_text_reserve(struct jsonpos_text *t, size_t extra);
/* Indexes every entry of p, so paths find them; the first of a repeated name wins, as it did
 * in the text. 0, or -1 when out of memory. */
int jsonpos_index(struct jsonpos *p);

#endif
