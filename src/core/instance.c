#define _GNU_SOURCE   /* SO_PEERCRED, struct ucred, accept4 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "instance-ended.h"
#include "instance.h"
#include "thread-name.h"
#include "util.h"
#include "wake.h"

struct instance {
	int listen_fd;
	int quit_pipe[2];             /* written by instance_close: the thread ends */
	pthread_t thread;
	int thread_started;
	atomic_int stop_asked;
	pthread_mutex_t lock;         /* guards state */
	char state[64];
	char id[24];
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char cmdline[512];
	double since;                 /* Unix seconds */
	struct instance_hooks hooks;  /* guarded by lock */
	int stop_fd[INSTANCE_STOP_WAITERS];   /* clients of "stop" waiting for the run's end line */
	int nstop;                    /* guarded by lock */
	char *end_line;               /* instance_set_end's, sent to them by instance_close */
	int keep_end;                 /* it was detached: instance_close keeps end_line (instance-ended.h) */
};

int instance_dir(char *dir, size_t len, char *why, size_t whylen)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	int n = xdg && *xdg ? snprintf(dir, len, "%s/benchtop", xdg)
	                    : snprintf(dir, len, "/tmp/benchtop-%ld", (long)getuid());
	if (n < 0 || (size_t)n >= len || (size_t)n + 24 >= sizeof(((struct sockaddr_un *)0)->sun_path)) {
		snprintf(why, whylen, "runtime directory %.200s...: the path is too long for a socket", dir);
		return -1;
	}
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		snprintf(why, whylen, "cannot create %s: %s", dir, strerror(errno));
		return -1;
	}
	struct stat st;
	if (lstat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		snprintf(why, whylen, "%s is not a directory", dir);
		return -1;
	}
	/* Another user's directory under /tmp could hand our sockets to them. */
	if (st.st_uid != getuid()) {
		snprintf(why, whylen, "%s belongs to another user (uid %ld)", dir, (long)st.st_uid);
		return -1;
	}
	return 0;
}

static void reply(int fd, cJSON *o)
{
	char *text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!text)
		return;
	size_t len = strlen(text), done = 0;
	text[len] = '\n';   /* over the terminator: cJSON's buffer has room for it */
	while (done < len + 1) {
		ssize_t w = send(fd, text + done, len + 1 - done, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	cJSON_free(text);
}

static cJSON *answer(int ok, const char *error)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "protocol", INSTANCE_PROTOCOL);
	cJSON_AddBoolToObject(o, "ok", ok);
	if (error)
		cJSON_AddStringToObject(o, "error", error);
	return o;
}

/* 1 when fd was handed on (a viewer), 0 when the caller closes it. */
static int serve(struct instance *in, int fd)
{
	struct ucred cred;
	socklen_t clen = sizeof cred;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &clen) < 0 || (cred.uid != getuid() && cred.uid != 0)) {
		reply(fd, answer(0, "not your instance"));
		return 0;
	}
	/* A client that sends nothing is given a second, then dropped. */
	struct timeval tv = { .tv_sec = 1 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	char req[INSTANCE_REQUEST_MAX + 1];
	size_t got = 0;
	while (got < INSTANCE_REQUEST_MAX && !memchr(req, '\n', got)) {
		ssize_t r = recv(fd, req + got, INSTANCE_REQUEST_MAX - got, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	req[got] = '\0';
	char msg[160];
	int view_only = 0;
	switch (instance_request_read(req, &view_only, msg, sizeof msg)) {
	case INSTANCE_BAD:
		reply(fd, answer(0, msg));
		break;
	case INSTANCE_INFO: {
		cJSON *a = answer(1, NULL);
		cJSON_AddStringToObject(a, "id", in->id);
		cJSON_AddNumberToObject(a, "pid", (double)getpid());
		cJSON_AddNumberToObject(a, "since", in->since);
		cJSON_AddStringToObject(a, "command", in->cmdline);
		/* The hooks are called under the lock: instance_set_hooks waits for them, so what they
		 * point to may be freed once they are cleared. */
		pthread_mutex_lock(&in->lock);
		cJSON_AddStringToObject(a, "state", in->state);
		cJSON_AddNumberToObject(a, "viewers", in->hooks.viewers ? in->hooks.viewers(in->hooks.arg) : 0);
		pthread_mutex_unlock(&in->lock);
		reply(fd, a);
		break;
	}
	case INSTANCE_STOP: {
		atomic_store(&in->stop_asked, 1);
		wake_notify();
		reply(fd, answer(1, NULL));
		/* Kept open: the client hears how the run ended (instance_close) or sees it close. */
		pthread_mutex_lock(&in->lock);
		int kept = in->nstop < INSTANCE_STOP_WAITERS;
		if (kept)
			in->stop_fd[in->nstop++] = fd;
		pthread_mutex_unlock(&in->lock);
		return kept;
	}
	case INSTANCE_ATTACH: {
		struct timeval none = { 0 };
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &none, sizeof none);
		pthread_mutex_lock(&in->lock);
		struct instance_hooks h = in->hooks;
		int ending = strcmp(in->state, "ending") == 0 || strcmp(in->state, "pushing") == 0;
		if (h.attach)
			h.attach(h.arg, fd, view_only);   /* the fd is the hook's, taken or closed */
		pthread_mutex_unlock(&in->lock);
		if (h.attach)
			return 1;
		reply(fd, answer(0, ending ? "the run is ending" : "this run cannot be attached to"));
		break;
	}
	}
	return 0;
}

enum instance_request instance_request_read(const char *text, int *view_only, char *msg, size_t msglen)
{
	cJSON *o = cJSON_Parse(text);
	const cJSON *proto = cJSON_GetObjectItemCaseSensitive(o, "protocol");
	const cJSON *cmd = cJSON_GetObjectItemCaseSensitive(o, "command");
	enum instance_request r = INSTANCE_BAD;
	*view_only = 0;
	if (!cJSON_IsObject(o) || !cJSON_IsNumber(proto) || !cJSON_IsString(cmd)) {
		str_copy(msg, "expected one line {\"protocol\":1,\"command\":...}", msglen);
	} else if (proto->valuedouble != INSTANCE_PROTOCOL) {
		snprintf(msg, msglen, "protocol %g is not understood by this instance (it speaks protocol %d)",
		         proto->valuedouble, INSTANCE_PROTOCOL);
	} else if (strcmp(cmd->valuestring, "info") == 0) {
		r = INSTANCE_INFO;
	} else if (strcmp(cmd->valuestring, "stop") == 0) {
		r = INSTANCE_STOP;
	} else if (strcmp(cmd->valuestring, "attach") == 0) {
		r = INSTANCE_ATTACH;
		*view_only = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "view_only"));
	} else {
		snprintf(msg, msglen, "unknown command '%.60s' (info, stop, attach)", cmd->valuestring);
	}
	cJSON_Delete(o);
	return r;
}

static void *control_thread(void *arg)
{
	struct instance *in = arg;
	struct pollfd fds[2] = { { .fd = in->listen_fd, .events = POLLIN }, { .fd = in->quit_pipe[0], .events = POLLIN } };
	for (;;) {
		if (poll(fds, 2, -1) < 0 && errno != EINTR)
			break;
		if (fds[1].revents)
			break;
		if (!(fds[0].revents & POLLIN))
			continue;
		int fd = accept4(in->listen_fd, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0)
			continue;
		if (!serve(in, fd))
			close(fd);
	}
	return NULL;
}

struct instance *instance_open(const char *cmdline, char *why, size_t whylen)
{
	char dir[80];
	if (instance_dir(dir, sizeof dir, why, whylen) < 0)
		return NULL;
	struct instance *in = calloc(1, sizeof *in);
	if (!in) {
		str_copy(why, "out of memory", whylen);
		return NULL;
	}
	in->listen_fd = -1;
	in->quit_pipe[0] = in->quit_pipe[1] = -1;
	pthread_mutex_init(&in->lock, NULL);
	snprintf(in->id, sizeof in->id, "%ld", (long)getpid());
	if (snprintf(in->path, sizeof in->path, "%.80s/%s.sock", dir, in->id) >= (int)sizeof in->path) {
		snprintf(why, whylen, "runtime directory %s: the path is too long for a socket", dir);
		free(in);
		return NULL;
	}
	str_copy(in->cmdline, cmdline, sizeof in->cmdline);
	str_copy(in->state, "running", sizeof in->state);
	in->since = (double)time(NULL);

	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	str_copy(sa.sun_path, in->path, sizeof sa.sun_path);
	unlink(in->path);   /* a pid is unique among live processes: this socket is a dead one's */
	char ended[sizeof in->path + 8];   /* and the id is ours now, not an ended run's */
	snprintf(ended, sizeof ended, "%.*s.ended", (int)(strlen(in->path) - 5), in->path);
	unlink(ended);
	in->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	mode_t old = umask(0177);   /* the socket is born 0600: no window for another user */
	int bound = in->listen_fd >= 0 && bind(in->listen_fd, (struct sockaddr *)&sa, sizeof sa) == 0;
	umask(old);
	if (!bound || listen(in->listen_fd, 16) < 0 || pipe2(in->quit_pipe, O_CLOEXEC) < 0) {
		snprintf(why, whylen, "control socket %s: %s", in->path, strerror(errno));
		instance_close(in);
		return NULL;
	}
	if (pthread_create(&in->thread, NULL, control_thread, in) != 0) {
		snprintf(why, whylen, "cannot start the control thread");
		instance_close(in);
		return NULL;
	}
	thread_name(in->thread, "", "control", 0);
	in->thread_started = 1;
	return in;
}

int instance_stop_asked(struct instance *in)
{
	return in && atomic_load(&in->stop_asked);
}

void instance_set_state(struct instance *in, const char *state)
{
	if (!in)
		return;
	pthread_mutex_lock(&in->lock);
	str_copy(in->state, state, sizeof in->state);
	pthread_mutex_unlock(&in->lock);
	/* A detached run may end with nobody watching: how it ended is kept for ls and attach. */
	if (strcmp(state, "detached") == 0)
		in->keep_end = 1;
}

void instance_set_hooks(struct instance *in, const struct instance_hooks *h)
{
	if (!in)
		return;
	pthread_mutex_lock(&in->lock);
	in->hooks = *h;
	pthread_mutex_unlock(&in->lock);
}

void instance_set_end(struct instance *in, int exit_code, const char *ended_by, const char *result,
                      const char *reports)
{
	if (!in)
		return;
	cJSON *o = answer(1, NULL);
	cJSON_AddBoolToObject(o, "ended", 1);
	cJSON_AddNumberToObject(o, "exit_code", exit_code);
	cJSON_AddStringToObject(o, "ended_by", ended_by ? ended_by : "");
	cJSON_AddStringToObject(o, "result", result ? result : "");
	cJSON_AddStringToObject(o, "reports", reports ? reports : "");
	char *text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	pthread_mutex_lock(&in->lock);
	free(in->end_line);
	in->end_line = text ? strdup(text) : NULL;
	pthread_mutex_unlock(&in->lock);
	cJSON_free(text);
}

const char *instance_id(const struct instance *in)
{
	return in ? in->id : "";
}

void instance_close(struct instance *in)
{
	if (!in)
		return;
	if (in->thread_started) {
		(void)!write(in->quit_pipe[1], "q", 1);
		pthread_join(in->thread, NULL);
	}
	if (in->quit_pipe[1] >= 0)
		close(in->quit_pipe[1]);
	if (in->quit_pipe[0] >= 0)
		close(in->quit_pipe[0]);
	if (in->keep_end && in->end_line) {   /* before the socket goes: ls never misses the run */
		char dir[sizeof in->path];
		str_copy(dir, in->path, sizeof dir);
		char *slash = strrchr(dir, '/');
		if (slash) {
			*slash = '\0';
			instance_ended_write(dir, in->id, in->since, in->cmdline, in->end_line);
		}
	}
	if (in->listen_fd >= 0) {
		close(in->listen_fd);
		unlink(in->path);
	}
	for (int i = 0; i < in->nstop; i++) {
		if (in->end_line) {
			size_t len = strlen(in->end_line);
			(void)!send(in->stop_fd[i], in->end_line, len, MSG_NOSIGNAL | MSG_DONTWAIT);
			(void)!send(in->stop_fd[i], "\n", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
		}
		close(in->stop_fd[i]);
	}
	free(in->end_line);
	pthread_mutex_destroy(&in->lock);
	free(in);
}
