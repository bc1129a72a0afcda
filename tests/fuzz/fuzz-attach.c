/* fuzz-attach.c - what a viewer (benchtop attach) reads from a run's socket: the frames of
 * attach-wire.h after the hello, applied to a viewer's copy of the run as cmd-attach.c does,
 * until one does not read (the viewer would say so and stop) or the run's end. */
#include "config.h"

#include <string.h>

#include "attach-view.h"
#include "attach-wire.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct attach_view v;
	char why[512];
	attach_view_init(&v, -1, 1);
	size_t off = 0;
	int rc = 0, first = 1;
	while (rc == 0 && size - off >= sizeof(struct wire_head)) {
		struct wire_head hd;
		memcpy(&hd, data + off, sizeof hd);
		off += sizeof hd;
		if (hd.magic != WIRE_MAGIC || hd.protocol != WIRE_PROTOCOL || hd.length > WIRE_MAX ||
		    size - off < hd.length)
			break;
		if (first) {   /* the hello: this build's protocol and sizes, or the viewer stops */
			struct wire_hello h;
			memset(&h, 0, sizeof h);
			memcpy(&h, data + off, hd.length < sizeof h ? hd.length : sizeof h);
			if (wire_hello_check(&hd, &h, hd.length, why, sizeof why)[0])
				break;
			first = 0;
		} else {
			rc = attach_view_apply(&v, hd.type, data + off, hd.length, why, sizeof why);
		}
		off += hd.length;
	}
	attach_view_free(&v);
	return 0;
}
