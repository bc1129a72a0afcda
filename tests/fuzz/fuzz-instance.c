/* fuzz-instance.c - what any process of the same user may write to a run's control socket:
 * the one request line that instance_request_read turns into info, stop or attach, or into
 * the error line of the reply. */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "instance.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > INSTANCE_REQUEST_MAX)   /* the socket reader reads no more */
		size = INSTANCE_REQUEST_MAX;
	char msg[160];
	int view_only = 2;
	memset(msg, 'x', sizeof msg);
	enum instance_request r = instance_request_read(fuzz_text(data, size), &view_only, msg, sizeof msg);
	if (view_only != 0 && view_only != 1)
		__builtin_trap();
	if (r == INSTANCE_BAD && (!memchr(msg, '\0', sizeof msg) || !msg[0]))   /* a reply always says why */
		__builtin_trap();
	if (r != INSTANCE_ATTACH && view_only)
		__builtin_trap();
	return 0;
}
