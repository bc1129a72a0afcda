/* fuzz-theme.c - theme files (role = colors and attributes, one per line). */
#include "config.h"

#include "fuzz.h"
#include "theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct theme t;
	char why[512];
	theme_builtin(&t);
	theme_parse(&t, fuzz_text(data, size), "fuzz.theme", why, sizeof why);
	/* The whole file path too: size cap, NUL bytes, the name. */
	theme_load_file(fuzz_file(data, size), &t, why, sizeof why);
	return 0;
}
