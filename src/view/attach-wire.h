/* attach-wire.h - the frames that travel between a running benchtop and its viewers.
 *
 * After the JSON request {"protocol":1,"command":"attach"} on the instance's socket
 * (instance.h), both sides speak frames: a header, then `length` bytes of payload.
 *
 *   header   magic "BTAT" (u32), protocol (u16), type (u16), length (u32), host byte order
 *
 * The viewer and the instance are the same program, so payloads are the structs themselves;
 * the first frame (WIRE_HELLO) names the protocol and the sizes of those structs, and a
 * viewer that finds another protocol or other sizes says so in one line and stops.
 *
 *   instance -> viewer
 *   WIRE_HELLO      struct wire_hello
 *   WIRE_SNAPSHOT   the run as it is now, in one frame: struct wire_snapshot, the suites
 *                   (struct dash_suite each), each test's suite (int each), the store
 *                   (store-wire.h); then one WIRE_TEST per test and WIRE_STATE. Sent on
 *                   attach, and again to a viewer that fell behind (it replaces everything).
 *   WIRE_FRAME      struct frame: a new sample, which the viewer adds to its store
 *   WIRE_TEST       u32 index, struct test_result (its pointers mean nothing), then its
 *                   n samples (double each): a test that changed
 *   WIRE_STATE      struct dash_state
 *   WIRE_LOG        i32 role, then the text (no terminator): a line for the event log
 *   WIRE_END        struct wire_end: the run is over; the instance closes the socket
 *   viewer -> instance
 *   WIRE_COMMAND    struct command (command.h)
 */
#ifndef BENCHTOP_ATTACH_WIRE_H
#define BENCHTOP_ATTACH_WIRE_H

#include <stddef.h>
#include <stdint.h>

#define WIRE_MAGIC    0x54415442u   /* "BTAT" as bytes on a little-endian machine */
#define WIRE_PROTOCOL 4             /* the JSON requests of instance.h are protocol 1 */
#define WIRE_MAX      (64u << 20)   /* no frame is longer: a longer length is garbage */

enum wire_type {
	WIRE_HELLO = 1,
	WIRE_SNAPSHOT,
	WIRE_FRAME,
	WIRE_TEST,
	WIRE_STATE,
	WIRE_LOG,
	WIRE_END,
	WIRE_COMMAND,
};

struct wire_head {
	uint32_t magic;
	uint16_t protocol;
	uint16_t type;
	uint32_t length;
};

struct wire_hello {
	uint32_t protocol;
	uint32_t size_frame, size_test, size_state, size_command, size_suite;
	int32_t  pid;
	char     cmdline[512];
};

struct wire_snapshot {
	uint32_t nsuites, ntests;
	int32_t  stress_first;
	char     theme[64];            /* the run's --theme, "" for the default */
	char     history_db[1024];     /* the run's --history-db, "" for the default: the detail
	                                * view reads the same past runs as the run records into */
	int32_t  no_history;           /* the run's --no-history */
};

struct wire_end {
	int32_t exit_code;
	char    ended_by[128];
	char    where[4096 + 160];     /* where the reports went (an absolute path), or why they did not */
	char    result[640];           /* its verdict: "tests: 3 pass ...; stress FAILED: hdd: ..." */
};

/* A growing buffer of bytes; failed is set when memory ran out (nothing more is added). */
struct wire_buf {
	unsigned char *p;
	size_t len, cap;
	int failed;
};

void wire_put(struct wire_buf *b, const void *data, size_t n);
/* A whole frame: header and payload. */
void wire_frame(struct wire_buf *b, int type, const void *payload, size_t n);
/* Starts a frame whose length wire_end_frame fills in; returns where it starts. */
size_t wire_begin(struct wire_buf *b, int type);
void wire_end_frame(struct wire_buf *b, size_t start);
void wire_free(struct wire_buf *b);
/* This build's hello. */
void wire_hello_make(struct wire_hello *h, const char *cmdline);
/* "" when h is ours; else why not, in words ("protocol 3", "another build of protocol 2"). */
const char *wire_hello_check(const struct wire_head *head, const struct wire_hello *h, size_t n, char *why,
                             size_t whylen);

/* Reading a payload: each get copies n bytes, or marks the reader bad when too few are left. */
struct wire_rd {
	const unsigned char *p;
	size_t len, off;
	int bad;
};
void wire_get(struct wire_rd *r, void *out, size_t n);

#endif
