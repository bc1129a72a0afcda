/* fuzz-suite.c - suite files (JSON, man 5 benchtop-suite): the scanner, the loader, the matrix. */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "suite.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct suite s;
	char why[1024];
	if (suite_load_text((const char *)data, size, "fuzz.json", &s, why, sizeof why) == 0)
		suite_free(&s);
	else if (!why[0])
		__builtin_trap();   /* every refusal says why */
	return 0;
}
