/* fuzz-units.c - durations, sizes and numbers as the command line and suites give them, and
 * the formatting of what they parse to; text made visible. */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "text-visible.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = fuzz_text(data, size);
	char buf[64], vis[256];
	double d;
	long l;
	if (parse_duration(s, &d) == 0)
		fmt_duration(buf, sizeof buf, d);
	if (parse_size(s, &d) == 0)
		fmt_bytes(buf, sizeof buf, d);
	if (parse_double(s, &d) == 0) {
		fmt_duration(buf, sizeof buf, d);
		fmt_bytes(buf, sizeof buf, d);
	}
	parse_long(s, &l);
	text_visible(vis, sizeof vis, s);
	for (const char *p = vis; *p; p++)   /* nothing a terminal acts on gets through */
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			__builtin_trap();
	return 0;
}
