/* instance.h - every running benchtop is an instance that other benchtops can find and steer.
 *
 * Each instance listens on a Unix stream socket, $XDG_RUNTIME_DIR/benchtop/PID.sock (or
 * /tmp/benchtop-UID/PID.sock when XDG_RUNTIME_DIR is unset), mode 0600 in a 0700 directory;
 * only the same user (or root) is served, checked with SO_PEERCRED. A control thread of its
 * own answers requests, so a slow or stuck client never holds up the run.
 *
 * Protocol 1: the client writes one JSON object on one line, {"protocol":1,"command":C};
 * the instance answers one line {"protocol":1,"ok":true,...} or {"protocol":1,"ok":false,
 * "error":"..."} and closes. Commands: "info" (id, pid, since, command line, state) and
 * "stop" (end the run as SIGTERM would: stressors off, reports written; the connection stays
 * open and, when the run is over, carries a second line {"protocol":1,"ok":true,"ended":true,
 * "exit_code":N,"ended_by":...,"result":...,"reports":...} before it closes), and "attach"
 * ({"view_only":true} refuses its commands), after which the socket carries the frames of
 * attach-wire.h instead of JSON. A request with
 * another protocol number is answered with an error that names both versions.
 */
#ifndef BENCHTOP_INSTANCE_H
#define BENCHTOP_INSTANCE_H

#include <stddef.h>

#define INSTANCE_PROTOCOL 1

struct instance;

/* The runtime directory (created 0700 when missing, refused when another user owns it). */
int instance_dir(char *dir, size_t len, char *why, size_t whylen);

/* Starts listening for this process; cmdline is what `benchtop ls` shows. The main loop is
 * woken (wake_notify) when a stop is asked; instance_stop_asked says so. */
struct instance *instance_open(const char *cmdline, char *why, size_t whylen);
int  instance_stop_asked(struct instance *in);
/* What `ls` shows after the command line: "running", "detached", "ending" (the run is over,
 * its reports and pushes under way: still listed, stop waits for it), ... (copied). */
void instance_set_state(struct instance *in, const char *state);
const char *instance_id(const struct instance *in);
/* How the run ended, for the clients of "stop" still waiting (sent by instance_close):
 * its exit status, why it ended, its verdict ("" when it passed) and where its reports are. */
#define INSTANCE_STOP_WAITERS 8
void instance_set_end(struct instance *in, int exit_code, const char *ended_by, const char *result,
                      const char *reports);
/* What the control thread hands on: a viewer's socket ("attach": 0 when taken, the fd then
 * the hook's) and the number of viewers for "info". Called on the control thread. */
struct instance_hooks {
	int (*attach)(void *arg, int fd, int view_only);
	int (*viewers)(void *arg);
	void *arg;
};
/* Waits for a hook under way: once cleared, what they pointed to may be freed. */
void instance_set_hooks(struct instance *in, const struct instance_hooks *h);
/* A client's request line (text, NUL-terminated, at most INSTANCE_REQUEST_MAX bytes): which
 * command, and for "attach" whether view_only; INSTANCE_BAD with the reply's error in msg.
 * Apart from the socket so that anything a client may send can be fed to it. */
#define INSTANCE_REQUEST_MAX 4096
enum instance_request { INSTANCE_BAD, INSTANCE_INFO, INSTANCE_STOP, INSTANCE_ATTACH };
enum instance_request instance_request_read(const char *text, int *view_only, char *msg, size_t msglen);

/* Stops the control thread and removes the socket; NULL is allowed. */
void instance_close(struct instance *in);

#endif
