/* attach-hub.c - the viewers' sockets, served by a thread of their own (attach-hub.h). */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "attach-hub.h"
#include "attach-wire.h"
#include "thread-name.h"
#include "util.h"
#include "wake.h"

#define INBOX 64

struct viewer {
	int fd;
	int id;
	int view_only;
	int wants_snapshot;
	int resyncs;
	struct wire_buf out;          /* whole frames; the first may be partly written */
	size_t sent;                  /* bytes of out already written */
	unsigned char in[sizeof(struct wire_head) + sizeof(struct command)];
	size_t in_len;
};

struct inbox_item {
	int id, view_only;
	struct command c;
};

struct attach_hub {
	pthread_mutex_t lock;         /* guards everything below but the thread's own fds */
	pthread_t thread;
	int kick[2];                  /* a byte: look at the buffers again (or, closing, end) */
	int closing;
	struct viewer *v[ATTACH_HUB_MAX];
	int nv;
	int next_id;
	struct wire_buf hello;
	struct inbox_item inbox[INBOX];
	int inbox_head, inbox_len;
	unsigned long dropped;
	int slow_gone;                /* viewers dropped for falling behind, not yet said */
};

static void kick(struct attach_hub *h)
{
	(void)!write(h->kick[1], "k", 1);   /* a full pipe already says it */
}

static void viewer_free(struct viewer *v)
{
	close(v->fd);
	wire_free(&v->out);
	free(v);
}

/* Drops the frames wholly written from the front of out. */
static void compact(struct viewer *v)
{
	size_t done = 0;
	while (done + sizeof(struct wire_head) <= v->sent) {
		struct wire_head hd;
		memcpy(&hd, v->out.p + done, sizeof hd);
		size_t end = done + sizeof hd + hd.length;
		if (end > v->sent)
			break;
		done = end;
	}
	if (!done)
		return;
	memmove(v->out.p, v->out.p + done, v->out.len - done);
	v->out.len -= done;
	v->sent -= done;
}

/* The bytes of the frame being written now, nothing after it. */
static void cut_back(struct viewer *v)
{
	compact(v);
	if (v->sent == 0) {
		v->out.len = 0;
		return;
	}
	struct wire_head hd;
	memcpy(&hd, v->out.p, sizeof hd);
	v->out.len = sizeof hd + hd.length;
}

static void remove_at(struct attach_hub *h, int i)
{
	viewer_free(h->v[i]);
	h->v[i] = h->v[--h->nv];
}

/* Appends to one viewer under the lock; 0, or -1 when it was dropped. */
static int append(struct attach_hub *h, int i, const void *bytes, size_t n)
{
	struct viewer *v = h->v[i];
	compact(v);
	if (v->out.len + n > ATTACH_HUB_BUF) {
		/* Fallen behind: what it has not read is worth less than a fresh look. */
		cut_back(v);
		h->dropped++;
		if (++v->resyncs > ATTACH_HUB_RESYNCS || n > ATTACH_HUB_BUF) {
			remove_at(h, i);
			h->slow_gone++;
			wake_notify();
			return -1;
		}
		v->wants_snapshot = 1;
		wake_notify();
		return 0;
	}
	wire_put(&v->out, bytes, n);
	if (v->out.failed) {
		remove_at(h, i);
		return -1;
	}
	return 0;
}

static void read_commands(struct attach_hub *h, struct viewer *v, int *gone)
{
	for (;;) {
		ssize_t r = recv(v->fd, v->in + v->in_len, sizeof v->in - v->in_len, MSG_DONTWAIT);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (r <= 0) {
			*gone = 1;
			return;
		}
		v->in_len += (size_t)r;
		if (v->in_len < sizeof v->in)
			continue;
		struct wire_head hd;
		memcpy(&hd, v->in, sizeof hd);
		if (hd.magic != WIRE_MAGIC || hd.protocol != WIRE_PROTOCOL || hd.type != WIRE_COMMAND ||
		    hd.length != sizeof(struct command)) {
			*gone = 1;   /* not our viewer's words: stop listening to it */
			return;
		}
		if (h->inbox_len < INBOX) {
			struct inbox_item *it = &h->inbox[(h->inbox_head + h->inbox_len++) % INBOX];
			it->id = v->id;
			it->view_only = v->view_only;
			memcpy(&it->c, v->in + sizeof hd, sizeof it->c);
			wake_notify();
		}
		v->in_len = 0;
	}
}

static void write_out(struct viewer *v, int *gone)
{
	while (v->sent < v->out.len) {
		ssize_t w = send(v->fd, v->out.p + v->sent, v->out.len - v->sent, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (w <= 0) {
			*gone = 1;
			return;
		}
		v->sent += (size_t)w;
	}
	v->out.len = v->sent = 0;
}

static void *hub_thread(void *arg)
{
	struct attach_hub *h = arg;
	struct pollfd fds[ATTACH_HUB_MAX + 1];
	int ids[ATTACH_HUB_MAX];
	for (;;) {
		pthread_mutex_lock(&h->lock);
		int n = 0, closing = h->closing, pending = 0;
		fds[n++] = (struct pollfd){ .fd = h->kick[0], .events = POLLIN };
		for (int i = 0; i < h->nv; i++) {
			struct viewer *v = h->v[i];
			ids[n - 1] = v->id;
			pending += v->sent < v->out.len;
			fds[n++] = (struct pollfd){ .fd = v->fd, .events = (short)(POLLIN | (v->sent < v->out.len ? POLLOUT : 0)) };
		}
		pthread_mutex_unlock(&h->lock);
		if (closing && !pending)
			break;
		if (poll(fds, (nfds_t)n, -1) < 0 && errno != EINTR)
			break;
		if (fds[0].revents) {
			char drain[64];
			while (read(h->kick[0], drain, sizeof drain) > 0)
				;
		}
		pthread_mutex_lock(&h->lock);
		for (int k = 1; k < n; k++) {
			if (!fds[k].revents)
				continue;
			int i = 0;
			while (i < h->nv && h->v[i]->id != ids[k - 1])
				i++;
			if (i == h->nv)
				continue;
			int gone = 0;
			if (fds[k].revents & (POLLIN | POLLHUP | POLLERR))
				read_commands(h, h->v[i], &gone);
			if (!gone && (fds[k].revents & POLLOUT))
				write_out(h->v[i], &gone);
			if (gone)
				remove_at(h, i);
		}
		pthread_mutex_unlock(&h->lock);
	}
	return NULL;
}

struct attach_hub *attach_hub_open(const char *cmdline, char *why, size_t whylen)
{
	struct attach_hub *h = calloc(1, sizeof *h);
	if (!h) {
		str_copy(why, "out of memory", whylen);
		return NULL;
	}
	pthread_mutex_init(&h->lock, NULL);
	struct wire_hello hello;
	wire_hello_make(&hello, cmdline);
	wire_frame(&h->hello, WIRE_HELLO, &hello, sizeof hello);
	if (h->hello.failed || pipe2(h->kick, O_CLOEXEC | O_NONBLOCK) < 0) {
		snprintf(why, whylen, "viewers: %s", h->hello.failed ? "out of memory" : strerror(errno));
		wire_free(&h->hello);
		pthread_mutex_destroy(&h->lock);
		free(h);
		return NULL;
	}
	if (pthread_create(&h->thread, NULL, hub_thread, h) == 0) {
		thread_name(h->thread, "", "viewers", 0);
	} else {
		str_copy(why, "cannot start the viewers' thread", whylen);
		close(h->kick[0]);
		close(h->kick[1]);
		wire_free(&h->hello);
		pthread_mutex_destroy(&h->lock);
		free(h);
		return NULL;
	}
	return h;
}

int attach_hub_add(struct attach_hub *h, int fd, int view_only)
{
	struct viewer *v = calloc(1, sizeof *v);
	pthread_mutex_lock(&h->lock);
	if (!v || h->nv >= ATTACH_HUB_MAX || h->closing) {
		pthread_mutex_unlock(&h->lock);
		free(v);
		close(fd);
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	v->fd = fd;
	v->id = ++h->next_id;
	v->view_only = view_only;
	v->wants_snapshot = 1;
	h->v[h->nv++] = v;
	append(h, h->nv - 1, h->hello.p, h->hello.len);
	pthread_mutex_unlock(&h->lock);
	kick(h);
	wake_notify();
	return 0;
}

int attach_hub_count(struct attach_hub *h)
{
	if (!h)
		return 0;
	pthread_mutex_lock(&h->lock);
	int n = h->nv;
	pthread_mutex_unlock(&h->lock);
	return n;
}

int attach_hub_wanting(struct attach_hub *h, int *ids, int max)
{
	int n = 0;
	pthread_mutex_lock(&h->lock);
	for (int i = 0; i < h->nv && n < max; i++)
		if (h->v[i]->wants_snapshot)
			ids[n++] = h->v[i]->id;
	pthread_mutex_unlock(&h->lock);
	return n;
}

void attach_hub_send(struct attach_hub *h, int id, const void *bytes, size_t n, int snapshot)
{
	int any = 0;
	pthread_mutex_lock(&h->lock);
	for (int i = h->nv - 1; i >= 0; i--) {
		struct viewer *v = h->v[i];
		if (id >= 0 ? v->id != id : v->wants_snapshot)
			continue;
		if (snapshot)
			v->wants_snapshot = 0;
		any |= append(h, i, bytes, n) == 0;
	}
	pthread_mutex_unlock(&h->lock);
	if (any)
		kick(h);
}

int attach_hub_command(struct attach_hub *h, int *id, int *view_only, struct command *c)
{
	pthread_mutex_lock(&h->lock);
	int got = h->inbox_len > 0;
	if (got) {
		const struct inbox_item *it = &h->inbox[h->inbox_head];
		*id = it->id;
		*view_only = it->view_only;
		*c = it->c;
		h->inbox_head = (h->inbox_head + 1) % INBOX;
		h->inbox_len--;
	}
	pthread_mutex_unlock(&h->lock);
	return got;
}

unsigned long attach_hub_dropped(struct attach_hub *h)
{
	pthread_mutex_lock(&h->lock);
	unsigned long d = h->dropped;
	pthread_mutex_unlock(&h->lock);
	return d;
}

int attach_hub_slow_gone(struct attach_hub *h)
{
	pthread_mutex_lock(&h->lock);
	int n = h->slow_gone;
	h->slow_gone = 0;
	pthread_mutex_unlock(&h->lock);
	return n;
}

void attach_hub_close(struct attach_hub *h, const void *bytes, size_t n, double timeout)
{
	if (!h)
		return;
	pthread_mutex_lock(&h->lock);
	for (int i = h->nv - 1; i >= 0; i--) {
		h->v[i]->wants_snapshot = 0;
		if (bytes)
			append(h, i, bytes, n);
	}
	h->closing = 1;
	pthread_mutex_unlock(&h->lock);
	kick(h);
	/* The thread ends when everything is written; a viewer that does not read is not waited for. */
	double until = now_mono() + timeout;
	for (;;) {
		pthread_mutex_lock(&h->lock);
		int pending = 0;
		for (int i = 0; i < h->nv; i++)
			pending += h->v[i]->sent < h->v[i]->out.len;
		if (pending && now_mono() >= until)
			for (int i = h->nv - 1; i >= 0; i--)
				remove_at(h, i);
		pthread_mutex_unlock(&h->lock);
		if (!pending || now_mono() >= until)
			break;
		struct timespec ts = { 0, 20 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	kick(h);
	pthread_join(h->thread, NULL);
	while (h->nv)
		remove_at(h, h->nv - 1);
	close(h->kick[0]);
	close(h->kick[1]);
	wire_free(&h->hello);
	pthread_mutex_destroy(&h->lock);
	free(h);
}
