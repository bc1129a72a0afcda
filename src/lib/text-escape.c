/* The text escapers of the reports: one loop, one table of rules per target. */
#include "config.h"

#include <stdio.h>

#include "text-escape.h"
#include "text-visible.h"

#define MARKUP { '<', "&lt;" }, { '>', "&gt;" }, { '&', "&amp;" }

/* A line break would end the table row; '|' a cell, and a backslash would escape what follows. */
static const struct escape_rule markdown_rules[] = {
	MARKUP, { '|', "\\|" }, { '\\', "\\\\" }, { '\n', " " }, { '\r', " " }, { 0, NULL },
};
const struct text_escape text_escape_markdown = { "markdown", markdown_rules, 0 };

static const struct escape_rule markdown_strict_rules[] = {
	MARKUP, { '|', "\\|" }, { '\\', "\\\\" }, { '`', "\\`" }, { '*', "\\*" }, { '_', "\\_" },
	{ '[', "\\[" }, { ']', "\\]" }, { 0, NULL },
};
const struct text_escape text_escape_markdown_strict = { "markdown-strict", markdown_strict_rules, 0 };

static const struct escape_rule html_rules[] = {
	MARKUP, { '"', "&quot;" }, { '\'', "&#39;" }, { 0, NULL },
};
const struct text_escape text_escape_html = { "html", html_rules, 0 };

/* Line breaks and tabs as character references: an attribute keeps them. */
static const struct escape_rule xml_rules[] = {
	MARKUP, { '"', "&quot;" }, { '\'', "&apos;" }, { '\n', "&#10;" }, { '\t', "&#9;" }, { '\r', "&#13;" },
	{ 0, NULL },
};
const struct text_escape text_escape_xml = { "xml", xml_rules, 1 };

static const char *text_escape_rule(const struct text_escape *e, char c)
{
	for (const struct escape_rule *r = e->rules; r->as; r++)
		if (r->c == c)
			return r->as;
	return NULL;
}

void text_escape(FILE *f, const struct text_escape *e, const char *s)
{
	while (s && *s) {
		const unsigned char *u = (const unsigned char *)s;
		const char *as = *u < 0x80 ? text_escape_rule(e, *s) : NULL;
		size_t n = as ? 1 : text_visible_letter(s);
		if (e->no_nonchars && n == 3 && u[0] == 0xEF && u[1] == 0xBF && u[2] >= 0xBE)
			n = 0;   /* U+FFFE, U+FFFF */
		if (as)
			fputs(as, f);
		else if (n)
			fwrite(s, 1, n, f);
		else
			fprintf(f, "\\x%02x", *u);
		s += n ? n : 1;
	}
}
