/* text-escape.h - text from tests, files and machines written into a report's markup.
 *
 * One family, one entry per target: each says which ASCII characters it writes otherwise.
 * Every other letter that is visible UTF-8 (text-visible.h) is written as it is; anything else
 * (control characters, bytes that are not UTF-8) as \xNN, so a report stays well-formed
 * whatever a test name or an error holds. Add a target: one struct in text-escape.c.
 */
#ifndef BENCHTOP_TEXT_ESCAPE_H
#define BENCHTOP_TEXT_ESCAPE_H

#include <stdio.h>

/* One character that a target writes as another text. */
struct escape_rule {
	char c;
	const char *as;
};

struct text_escape {
	const char *name;
	const struct escape_rule *rules;   /* ends with { 0, NULL } */
	int no_nonchars;                   /* U+FFFE and U+FFFF as \xNN too (XML forbids them) */
};

extern const struct text_escape text_escape_markdown;   /* a Markdown table cell */
extern const struct text_escape text_escape_markdown_strict;   /* and no emphasis, code or links */
extern const struct text_escape text_escape_html;       /* HTML text and attribute values */
extern const struct text_escape text_escape_xml;        /* XML 1.0 text and attributes (JUnit) */

/* Writes s (NULL writes nothing) to f for target e. */
void text_escape(FILE *f, const struct text_escape *e, const char *s);

#endif
