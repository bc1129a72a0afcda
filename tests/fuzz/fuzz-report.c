/* fuzz-report.c - JSON reports as compare and --baseline read them. */
#include "config.h"

#include "fuzz.h"
#include "report-load.h"
#include "results.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct run_results r;
	char why[512];
	if (report_load_json(fuzz_file(data, size), &r, why, sizeof why) == 0)
		results_free(&r);
	return 0;
}
