/* attach-hub.h - the viewers of a run: their sockets, their output, their commands.
 *
 * A thread of its own does every read and write on the viewers' sockets, non-blocking, so a
 * slow or stuck viewer never holds up the main thread: the main thread only appends to a
 * viewer's bounded buffer. A viewer whose buffer would pass ATTACH_HUB_BUF is cut back to a
 * frame boundary and marked to be sent a fresh snapshot; one that falls behind that way
 * ATTACH_HUB_RESYNCS times is dropped. A viewer that goes (EOF, an error, kill -9) is closed
 * and forgotten; nothing waits for it.
 *
 * Threads: hub_add from the instance's control thread; the rest from the main thread; the
 * hub's own thread does the I/O. Memory: the hub copies what it is given.
 */
#ifndef BENCHTOP_ATTACH_HUB_H
#define BENCHTOP_ATTACH_HUB_H

#include <stddef.h>

#include "command.h"

#define ATTACH_HUB_BUF     (16u << 20)
#define ATTACH_HUB_RESYNCS 8
#define ATTACH_HUB_MAX     64        /* viewers at once; more are refused */

struct attach_hub;

struct attach_hub *attach_hub_open(const char *cmdline, char *why, size_t whylen);
/* A viewer's socket (the JSON request read): the hub owns fd from now on, and sends the hello.
 * 0, or -1 when full (fd closed). The main thread is woken to send the snapshot. */
int  attach_hub_add(struct attach_hub *h, int fd, int view_only);
int  attach_hub_count(struct attach_hub *h);       /* viewers now; any thread */
/* Viewers that need a snapshot (just attached, or fell behind): their ids, at most max. */
int  attach_hub_wanting(struct attach_hub *h, int *ids, int max);
/* Appends bytes (whole frames) to one viewer (id), or, id -1, to every viewer that is up to
 * date; a snapshot makes the viewer up to date. */
void attach_hub_send(struct attach_hub *h, int id, const void *bytes, size_t n, int snapshot);
/* The next command a viewer sent: 1 with its id and whether it may act, 0 when none. */
int  attach_hub_command(struct attach_hub *h, int *id, int *view_only, struct command *c);
/* Frames the hub dropped for viewers that fell behind, all told. */
unsigned long attach_hub_dropped(struct attach_hub *h);
/* Viewers dropped for falling behind since the last call (the run says so). */
int  attach_hub_slow_gone(struct attach_hub *h);
/* Sends bytes to every viewer, waits up to timeout seconds for all to be written, closes
 * everything and ends the thread. NULL is allowed. */
void attach_hub_close(struct attach_hub *h, const void *bytes, size_t n, double timeout);

#endif
