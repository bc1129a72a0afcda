/* fuzz-journal.c - journals (one JSON object per line), rebuilt into reports' results. */
#include "config.h"

#include "fuzz.h"
#include "journal.h"
#include "results.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct run_results r;
	char why[512];
	if (journal_load(fuzz_file(data, size), &r, why, sizeof why) == 0) {
		results_finish(&r);
		results_free(&r);
	}
	return 0;
}
