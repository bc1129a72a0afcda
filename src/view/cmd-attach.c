/* cmd-attach.c - `benchtop attach`: connects to a run's socket, checks that it speaks the
 * same protocol, and shows the dashboard from the copy the run's frames keep (attach-view.c).
 * --headless keeps the copy without drawing it (for scripts and bench/viewers.sh). */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "attach-view.h"
#include "attach-wire.h"
#include "cmd-attach.h"
#include "cmd-instance.h"
#include "instance.h"
#include "term.h"
#include "tui.h"
#include "util.h"

#define HELLO_WAIT_MS 5000

struct session {
	const char *id;
	int fd, sigfd;
	struct attach_view view;
	struct wire_buf in;           /* bytes received, not yet a whole frame */
	struct tui *tui;
	int said;                     /* --headless: the attached line is out */
};

/* Reads exactly n bytes, waiting at most ms; 0, or -1 (EOF, error or time). */
static int read_full(int fd, void *buf, size_t n, int ms)
{
	size_t got = 0;
	while (got < n) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int r = poll(&p, 1, ms);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		ssize_t k = recv(fd, (char *)buf + got, n - got, 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		got += (size_t)k;
	}
	return 0;
}

/* Connects and asks to attach; the socket after a hello of our own protocol, or -1 after one
 * line (*rc the exit status). */
static int open_session(const char *path, const char *id, int view_only, int *rc)
{
	*rc = 2;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	str_copy(sa.sun_path, path, sizeof sa.sun_path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		fprintf(stderr, "benchtop attach: instance %s: %s\n", id, strerror(errno));
		*rc = 1;
		if (fd >= 0)
			close(fd);
		return -1;
	}
	char req[128];
	int n = snprintf(req, sizeof req, "{\"protocol\":%d,\"command\":\"attach\",\"view_only\":%s}\n",
	                 INSTANCE_PROTOCOL, view_only ? "true" : "false");
	struct wire_head head;
	if (send(fd, req, (size_t)n, MSG_NOSIGNAL) != n || read_full(fd, &head, 1, HELLO_WAIT_MS) < 0) {
		fprintf(stderr, "benchtop attach: instance %s did not answer\n", id);
		close(fd);
		return -1;
	}
	if (((char *)&head)[0] == '{') {
		/* A JSON answer: a refusal, or an instance that knows no attach (protocol 1 only). */
		char text[1024] = "{";
		size_t got = 1;
		ssize_t k;
		struct timeval tv = { .tv_sec = 2 };
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
		while (got < sizeof text - 1 && (k = recv(fd, text + got, sizeof text - 1 - got, 0)) > 0)
			got += (size_t)k;
		text[got] = '\0';
		close(fd);
		cJSON *o = cJSON_Parse(text);
		const cJSON *err = cJSON_GetObjectItemCaseSensitive(o, "error");
		const char *e = cJSON_IsString(err) ? err->valuestring : "refused";
		if (strstr(e, "unknown command"))
			fprintf(stderr, "benchtop: instance %s speaks protocol %d, this benchtop %d\n", id, INSTANCE_PROTOCOL,
			        WIRE_PROTOCOL);
		else
			fprintf(stderr, "benchtop attach: instance %s: %s\n", id, e);
		cJSON_Delete(o);
		return -1;
	}
	struct wire_hello hello;
	memset(&hello, 0, sizeof hello);
	char why[128];
	if (read_full(fd, (char *)&head + 1, sizeof head - 1, HELLO_WAIT_MS) < 0) {
		fprintf(stderr, "benchtop attach: instance %s hung up before its hello\n", id);
		close(fd);
		return -1;
	}
	size_t take = head.length < sizeof hello ? head.length : sizeof hello;
	if (head.magic == WIRE_MAGIC && head.length <= WIRE_MAX && read_full(fd, &hello, take, HELLO_WAIT_MS) < 0)
		head.magic = 0;
	if (*wire_hello_check(&head, &hello, head.length, why, sizeof why)) {
		fprintf(stderr, "benchtop: instance %s speaks %s, this benchtop %d\n", id, why, WIRE_PROTOCOL);
		close(fd);
		return -1;
	}
	*rc = 0;
	return fd;
}

/* ---- what arrives ---- */

static void on_frame(void *arg)
{
	struct session *s = arg;
	if (s->tui)
		tui_frame(s->tui);
}

static void on_log(void *arg, int role, const char *text)
{
	struct session *s = arg;
	if (s->tui)
		tui_log(s->tui, role, "%s", text);
}

/* Reads what is there and applies every whole frame: 0, 1 at the run's end, -1 with why. */
static int receive(struct session *s, char *why, size_t whylen)
{
	for (;;) {
		unsigned char chunk[65536];
		ssize_t k = recv(s->fd, chunk, sizeof chunk, MSG_DONTWAIT);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (k <= 0) {
			snprintf(why, whylen, "instance %s went away without a word", s->id);
			return -1;
		}
		wire_put(&s->in, chunk, (size_t)k);
		if (s->in.failed) {
			str_copy(why, "out of memory", whylen);
			return -1;
		}
		if ((size_t)k < sizeof chunk)
			break;
	}
	size_t off = 0;
	int rc = 0;
	while (rc == 0 && s->in.len - off >= sizeof(struct wire_head)) {
		struct wire_head hd;
		memcpy(&hd, s->in.p + off, sizeof hd);
		if (hd.magic != WIRE_MAGIC || hd.protocol != WIRE_PROTOCOL || hd.length > WIRE_MAX) {
			snprintf(why, whylen, "instance %s sent something that is not a frame", s->id);
			return -1;
		}
		if (s->in.len - off - sizeof hd < hd.length)
			break;
		rc = attach_view_apply(&s->view, hd.type, s->in.p + off + sizeof hd, hd.length, why, whylen);
		off += sizeof hd + hd.length;
	}
	memmove(s->in.p, s->in.p + off, s->in.len - off);
	s->in.len -= off;
	return rc;
}

static int signals_open(void)
{
	sigset_t set;
	signals_main_loop(&set);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

enum outcome { GOING, ENDED, LEFT, LOST };

static enum outcome handle_signals(struct session *s)
{
	struct signalfd_siginfo si;
	while (read(s->sigfd, &si, sizeof si) == (ssize_t)sizeof si) {
		if (si.ssi_signo == SIGWINCH && s->tui)
			tui_resize(s->tui);
		else if (si.ssi_signo != SIGWINCH)
			return LEFT;
	}
	return GOING;
}

static enum outcome loop(struct session *s, int headless, char *why, size_t whylen)
{
	for (;;) {
		double at = s->tui ? tui_next_draw(s->tui) : 0;
		int ms = -1;
		if (at > 0) {
			double left = at - now_mono();
			ms = left <= 0 ? 0 : (int)ceil(left * 1000);
		}
		struct pollfd fds[3] = {
			{ .fd = s->fd, .events = POLLIN },
			{ .fd = s->sigfd, .events = POLLIN },
			{ .fd = s->tui ? term_input_fd() : -1, .events = POLLIN },
		};
		if (poll(fds, 3, ms) < 0 && errno != EINTR) {
			snprintf(why, whylen, "poll: %s", strerror(errno));
			return LOST;
		}
		if (fds[1].revents && handle_signals(s) == LEFT)
			return LEFT;
		if (fds[0].revents) {
			int rc = receive(s, why, whylen);
			if (rc < 0)
				return LOST;
			if (rc > 0)
				return ENDED;
		}
		if (headless && !s->said && s->view.have_snapshot) {
			printf("benchtop: attached to instance %s\n", s->id);   /* scripts wait for this line */
			fflush(stdout);
			s->said = 1;
		}
		if (!headless && !s->tui && s->view.have_snapshot) {
			s->tui = tui_open(&s->view.feed, why, whylen);
			if (!s->tui)
				return LOST;
		}
		if (s->tui && fds[2].fd >= 0 && fds[2].revents) {
			if (fds[2].revents & (POLLHUP | POLLERR | POLLNVAL))
				return LEFT;
			int key;
			while ((key = term_key()) != TK_NONE) {
				if (key == TK_HANGUP || tui_key(s->tui, key))
					return LEFT;
			}
		}
		if (s->tui) {
			double due = tui_next_draw(s->tui);
			if (due > 0 && now_mono() >= due)
				tui_draw(s->tui);
		}
	}
}

int cmd_attach(int argc, char **argv)
{
	const char *want = NULL;
	int view_only = 0, headless = 0;
	int sigfd = signals_open();   /* first: a SIGTERM from now on is a leave, said as one */
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			if (sigfd >= 0)
				close(sigfd);
			fputs("usage: benchtop attach [--view-only] [-H|--headless] [ID]\n"
			      "  Draws the dashboard of a running instance (the only one, or ID); q or D leaves it running.\n"
			      "  --view-only     watch without changing anything\n"
			      "  -H, --headless  follow the run without drawing it\n", stdout);
			return 0;
		} else if (strcmp(argv[i], "--view-only") == 0) {
			view_only = 1;
		} else if (strcmp(argv[i], "--headless") == 0 || strcmp(argv[i], "-H") == 0) {   /* as the dashboard's */
			headless = 1;
		} else if (want || argv[i][0] == '-') {
			fprintf(stderr, "benchtop attach: unexpected argument '%s' (usage: benchtop attach [--view-only] "
			        "[-H|--headless] [ID])\n", argv[i]);
			return 2;
		} else {
			want = argv[i];
		}
	}
	/* Which instance first: an id that names none is the mistake to hear of, wherever it runs.
	 * Picking only asks "info"; the run counts a viewer from open_session on. */
	char path[160], id[24];
	int ended = 0;
	int rc = instance_pick("attach", want, path, sizeof path, id, sizeof id, &ended);
	if (ended)
		return rc;   /* the run is over: its end was said, its status is ours */
	if (rc == 0 && !headless && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		fprintf(stderr, "benchtop attach: not a terminal (--headless follows a run without drawing it)\n");
		rc = 2;
	}
	char twhy[256];
	if (rc == 0 && !headless && term_usable(twhy, sizeof twhy) < 0) {   /* before the run counts us as a viewer */
		fprintf(stderr, "benchtop attach: %s\n", twhy);
		rc = 2;
	}
	struct session s = { .id = id, .sigfd = -1 };
	if (rc == 0)
		s.fd = open_session(path, id, view_only, &rc);
	if (rc) {
		if (sigfd >= 0)
			close(sigfd);
		return rc;
	}
	s.sigfd = sigfd;
	attach_view_init(&s.view, s.fd, view_only);
	s.view.on_frame = on_frame;
	s.view.on_log = on_log;
	s.view.arg = &s;
	char why[512] = "";
	enum outcome out = loop(&s, headless, why, sizeof why);
	if (s.tui)
		tui_close(s.tui);   /* the terminal as it was, before the last line */
	s.tui = NULL;
	rc = 0;
	if (out == ENDED) {
		const struct wire_end *e = &s.view.end;
		printf("benchtop: instance %s ended: %s%s%s%s%s\n", id, e->ended_by, e->result[0] ? "; " : "", e->result,
		       e->where[0] ? "; reports: " : "", e->where);
		rc = e->exit_code;   /* a script that follows the run learns what the run's own shell would */
	} else if (out == LEFT) {
		printf("benchtop: left instance %s: it goes on (benchtop attach %s shows it, benchtop stop %s ends it)\n",
		       id, id, id);
	} else {
		fprintf(stderr, "benchtop attach: %s\n", why);
		rc = 1;
	}
	if (headless)
		printf("frames received: %lu\nthe run's dropped frames: %lu\n", s.view.frames, s.view.store.dropped);
	attach_view_free(&s.view);
	wire_free(&s.in);
	close(s.fd);
	if (s.sigfd >= 0)
		close(s.sigfd);
	return rc;
}
