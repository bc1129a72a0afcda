/* The text escapers of the reports, target by target, on markup, table characters, line
 * breaks, UTF-8 and bytes that are not text. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "text-escape.h"

static char *escaped(const struct text_escape *e, const char *s)
{
	static char buf[512];
	buf[0] = '\0';
	FILE *f = fmemopen(buf, sizeof buf, "w");
	if (!f)
		return NULL;
	text_escape(f, e, s);
	fclose(f);
	return buf;
}

int main(void)
{
	const char *s = "a<b>&\"c'|\\d\ne\tf_*\xc3\xa9\xff\xef\xbf\xbe";
	CHECK_STR(escaped(&text_escape_markdown, s),
	          "a&lt;b&gt;&amp;\"c'\\|\\\\d e\\x09f_*\xc3\xa9\\xff\xef\xbf\xbe");
	CHECK_STR(escaped(&text_escape_markdown_strict, "a_b*c`[d]|"), "a\\_b\\*c\\`\\[d\\]\\|");
	CHECK_STR(escaped(&text_escape_html, s),
	          "a&lt;b&gt;&amp;&quot;c&#39;|\\d\\x0ae\\x09f_*\xc3\xa9\\xff\xef\xbf\xbe");
	CHECK_STR(escaped(&text_escape_xml, s),
	          "a&lt;b&gt;&amp;&quot;c&apos;|\\d&#10;e&#9;f_*\xc3\xa9\\xff\\xef\\xbf\\xbe");
	CHECK_STR(escaped(&text_escape_html, NULL), "");
	CHECK_STR(escaped(&text_escape_html, "\x1b[31m"), "\\x1b[31m");
	return check_result();
}
