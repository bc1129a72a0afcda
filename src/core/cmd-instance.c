#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cmd-instance.h"
#include "instance-ended.h"
#include "instance.h"
#include "results-json.h"
#include "text-visible.h"
#include "util.h"

/* `benchtop ls` and `benchtop stop`: the client side of the instances' control sockets. */

#define MAX_INSTANCES 256
#define STOP_WAIT_S 300

struct found {
	char id[24];
	long pid;
	double since;
	char state[64];
	int viewers;
	char command[512];
	char path[108];
};

/* One request, one answer: the parsed answer, or NULL with why (ECONNREFUSED/ENOENT in *err
 * mean a dead instance's socket). Silence and an answer in another tongue are told apart: the
 * first is a stuck or dying instance, the second something else listening at its path. With
 * keep, the answer is the first line and the connection stays open in *keep ("stop": the
 * instance's last line follows); what came after that line is left in rest. */
static cJSON *request_keep(const char *path, const char *command, int *err, char *why, size_t whylen, int *keep,
                           char *rest, size_t restlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	*err = 0;
	if (strlen(path) >= sizeof sa.sun_path) {
		snprintf(why, whylen, "%s: path too long", path);
		return NULL;
	}
	str_copy(sa.sun_path, path, sizeof sa.sun_path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		*err = errno;
		snprintf(why, whylen, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	struct timeval tv = { .tv_sec = 5 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	char line[128], buf[8192];
	int n = snprintf(line, sizeof line, "{\"protocol\":%d,\"command\":\"%s\"}\n", INSTANCE_PROTOCOL, command);
	size_t got = 0;
	int ioerr = 0;   /* why the exchange ended early; 0: the instance closed it */
	if (send(fd, line, (size_t)n, MSG_NOSIGNAL) != n) {
		ioerr = errno;
	} else {
		ssize_t r = 0;
		while (got < sizeof buf - 1 && !(keep && memchr(buf, '\n', got)) &&
		       (r = recv(fd, buf + got, sizeof buf - 1 - got, 0)) > 0)
			got += (size_t)r;
		ioerr = r < 0 ? errno : 0;
	}
	buf[got] = '\0';
	char *nl = keep ? strchr(buf, '\n') : NULL;
	if (nl) {
		str_copy(rest, nl + 1, restlen);
		*nl = '\0';
		*keep = fd;
	} else {
		close(fd);
		if (keep)
			*keep = -1;
	}
	if (got == 0) {   /* silence: a stuck instance, or one that went away */
		snprintf(why, whylen, "%s: no answer from the instance (%s)", path,
		         ioerr == EAGAIN || ioerr == EWOULDBLOCK ? "none in 5 s" :
		         ioerr ? strerror(ioerr) : "it closed the connection");
		return NULL;
	}
	cJSON *o = cJSON_Parse(buf);
	const cJSON *proto = cJSON_GetObjectItemCaseSensitive(o, "protocol");
	if (!cJSON_IsObject(o) || !cJSON_IsNumber(proto)) {
		/* Something else listens there: quote its start, made safe for the terminal. */
		char start[48], shown[200];
		snprintf(start, sizeof start, "%.*s", (int)strcspn(buf, "\r\n"), buf);
		cJSON_Delete(o);
		snprintf(why, whylen, "%s: what it answered is not a benchtop answer: \"%s%s\"", path,
		         text_visible(shown, sizeof shown, start), strlen(start) < strcspn(buf, "\r\n") ? "..." : "");
		return NULL;
	}
	const cJSON *ok = cJSON_GetObjectItemCaseSensitive(o, "ok");
	const cJSON *error = cJSON_GetObjectItemCaseSensitive(o, "error");
	if (proto->valuedouble != INSTANCE_PROTOCOL) {
		snprintf(why, whylen, "%s: the instance speaks protocol %g, this benchtop %d: use the same version", path,
		         proto->valuedouble, INSTANCE_PROTOCOL);
		cJSON_Delete(o);
		return NULL;
	}
	if (!cJSON_IsTrue(ok)) {
		snprintf(why, whylen, "%s: %s", path, cJSON_IsString(error) ? error->valuestring : "refused");
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *request(const char *path, const char *command, int *err, char *why, size_t whylen)
{
	return request_keep(path, command, err, why, whylen, NULL, NULL, 0);
}

static void copy_string(char *dst, size_t len, const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	str_copy(dst, cJSON_IsString(v) ? v->valuestring : "", len);
}

/* The instance's last line after "stop": how the run ended, printed. Its exit status; -1 when
 * the instance went without one (killed, or an older benchtop). */
static int stop_outcome(int fd, char *rest, size_t restlen, const char *id)
{
	struct timeval tv = { .tv_sec = STOP_WAIT_S };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	size_t got = strlen(rest);
	ssize_t r;
	while (got < restlen - 1 && !memchr(rest, '\n', got) && (r = recv(fd, rest + got, restlen - 1 - got, 0)) > 0)
		got += (size_t)r;
	rest[got] = '\0';
	close(fd);
	cJSON *o = cJSON_Parse(rest);
	const cJSON *code = cJSON_GetObjectItemCaseSensitive(o, "exit_code");
	if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "ended")) || !cJSON_IsNumber(code)) {
		cJSON_Delete(o);
		return -1;
	}
	char by[160], result[700], reports[4400], line[5400 + 60];
	copy_string(by, sizeof by, o, "ended_by");
	copy_string(result, sizeof result, o, "result");
	copy_string(reports, sizeof reports, o, "reports");
	snprintf(line, sizeof line, "stopped %.20s: %s%s%s%s%s; exit status %d", id, by, result[0] ? "; " : "", result,
	         reports[0] ? "; reports: " : "", reports, code->valueint);
	text_visible_fputs(line, stdout);   /* what it says came from another process: no escapes */
	putchar('\n');
	int rc = code->valueint;
	cJSON_Delete(o);
	return rc;
}

/* The live instances, oldest first; dead ones' sockets are removed on the way. */
static int find_instances(struct found *out, int max, char *why, size_t whylen)
{
	char dir[80];
	if (instance_dir(dir, sizeof dir, why, whylen) < 0)
		return -1;
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(why, whylen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < max) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".sock") != 0)
			continue;
		struct found *f = &out[n];
		char rwhy[256];
		int err;
		if (snprintf(f->path, sizeof f->path, "%s/%s", dir, e->d_name) >= (int)sizeof f->path)
			continue;
		cJSON *o = request(f->path, "info", &err, rwhy, sizeof rwhy);
		if (!o) {
			if (err == ECONNREFUSED || err == ENOENT)
				unlink(f->path);   /* an instance killed with -9 left it */
			else
				fprintf(stderr, "benchtop: %s\n", rwhy);
			continue;
		}
		copy_string(f->id, sizeof f->id, o, "id");
		copy_string(f->state, sizeof f->state, o, "state");
		copy_string(f->command, sizeof f->command, o, "command");
		const cJSON *pid = cJSON_GetObjectItemCaseSensitive(o, "pid");
		const cJSON *since = cJSON_GetObjectItemCaseSensitive(o, "since");
		const cJSON *viewers = cJSON_GetObjectItemCaseSensitive(o, "viewers");
		f->viewers = cJSON_IsNumber(viewers) ? viewers->valueint : 0;
		f->pid = cJSON_IsNumber(pid) ? (long)pid->valueint : 0;
		f->since = cJSON_IsNumber(since) ? since->valuedouble : 0;
		cJSON_Delete(o);
		n++;
	}
	closedir(d);
	for (int i = 1; i < n; i++)   /* oldest first: few instances, an insertion sort */
		for (int k = i; k > 0 && out[k].since < out[k - 1].since; k--) {
			struct found t = out[k];
			out[k] = out[k - 1];
			out[k - 1] = t;
		}
	return n;
}

/* -h or --help as the only argument: the usage on stdout. */
static int asks_help(int argc, char **argv, const char *usage)
{
	if (argc != 2 || (strcmp(argv[1], "-h") != 0 && strcmp(argv[1], "--help") != 0))
		return 0;
	fputs(usage, stdout);
	return 1;
}

static void ls_row(const char *id, double since_t, const char *state, const char *viewers, const char *command)
{
	char since[32];
	time_t t = (time_t)since_t;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(since, sizeof since, "%Y-%m-%d %H:%M:%S", &tm);
	printf("%-8s %-19s %-9s %-7s ", id, since, state, viewers);
	text_visible_fputs(command, stdout);   /* never a control character to the terminal */
	putchar('\n');
}

/* ls for scripts: {"instances":[...], "ended":[...]}, the same rows as the table. */
static int ls_json(const struct found *list, int n, const struct instance_ended *ended, int ne)
{
	char iso[32];
	cJSON *o = cJSON_CreateObject(), *live = cJSON_AddArrayToObject(o, "instances");
	cJSON *gone = cJSON_AddArrayToObject(o, "ended");
	for (int i = 0; i < n; i++) {
		cJSON *r = cJSON_CreateObject();
		cJSON_AddStringToObject(r, "id", list[i].id);
		cJSON_AddNumberToObject(r, "pid", (double)list[i].pid);
		cJSON_AddNumberToObject(r, "since_unix", list[i].since);
		cJSON_AddStringToObject(r, "since", results_json_iso_time(iso, sizeof iso, list[i].since));
		cJSON_AddStringToObject(r, "state", list[i].state);
		cJSON_AddNumberToObject(r, "viewers", list[i].viewers);
		cJSON_AddStringToObject(r, "command", list[i].command);
		cJSON_AddItemToArray(live, r);
	}
	for (int i = 0; i < ne; i++) {
		const struct instance_ended *e = &ended[i];
		cJSON *r = cJSON_CreateObject();
		cJSON_AddStringToObject(r, "id", e->id);
		cJSON_AddNumberToObject(r, "pid", (double)e->pid);
		cJSON_AddNumberToObject(r, "since_unix", e->since);
		cJSON_AddNumberToObject(r, "ended_unix", e->ended);
		cJSON_AddStringToObject(r, "ended", results_json_iso_time(iso, sizeof iso, e->ended));
		cJSON_AddNumberToObject(r, "exit_code", e->exit_code);
		cJSON_AddStringToObject(r, "ended_by", e->ended_by);
		cJSON_AddStringToObject(r, "result", e->result);
		cJSON_AddStringToObject(r, "reports", e->reports);
		cJSON_AddStringToObject(r, "command", e->command);
		cJSON_AddItemToArray(gone, r);
	}
	char *text = cJSON_Print(o);
	cJSON_Delete(o);
	if (!text) {
		fprintf(stderr, "benchtop ls: out of memory\n");
		return 2;
	}
	printf("%s\n", text);
	cJSON_free(text);
	return n ? 0 : 1;
}

int cmd_ls(int argc, char **argv)
{
	if (asks_help(argc, argv, "usage: benchtop ls [-f|--format text|json]\n  Lists this user's running "
	              "instances: id, since, state, viewers and what each runs;\n  then the detached runs that have "
	              "ended since, with their exit status.\n"))
		return 0;
	int json = 0;
	for (int i = 1; i < argc; i++) {
		const char *f = !strncmp(argv[i], "--format=", 9) ? argv[i] + 9 :
		                (!strcmp(argv[i], "-f") || !strcmp(argv[i], "--format")) && i + 1 < argc ? argv[++i] : NULL;
		if (f && (!strcmp(f, "json") || !strcmp(f, "text"))) {
			json = !strcmp(f, "json");
			continue;
		}
		if (f)
			fprintf(stderr, "benchtop ls: --format %s: not a format (text or json)\n", f);
		else
			fprintf(stderr, "benchtop ls: unexpected argument '%s' (usage: benchtop ls [-f|--format text|json])\n",
			        argv[i]);
		return 2;
	}
	static struct found list[MAX_INSTANCES];
	static struct instance_ended ended[INSTANCE_ENDED_KEEP];
	char why[512], dir[80];
	int n = find_instances(list, MAX_INSTANCES, why, sizeof why);
	int ne = n < 0 || instance_dir(dir, sizeof dir, why, sizeof why) < 0 ? -1 :
	         instance_ended_list(dir, ended, INSTANCE_ENDED_KEEP);
	if (n < 0 || ne < 0) {
		fprintf(stderr, "benchtop ls: %s\n", why);
		return 2;
	}
	if (json)
		return ls_json(list, n, ended, ne);
	if (n + ne == 0) {
		fprintf(stderr, "benchtop ls: no instance is running\n");
		return 1;
	}
	printf("%-8s %-19s %-9s %-7s %s\n", "ID", "SINCE", "STATE", "VIEWERS", "COMMAND");
	for (int i = 0; i < n; i++) {
		/* A detached run with a dashboard attached to it reads as tmux's sessions do. */
		const char *state = !strcmp(list[i].state, "detached") && list[i].viewers > 0 ? "attached" : list[i].state;
		char viewers[16];
		snprintf(viewers, sizeof viewers, "%d", list[i].viewers);
		ls_row(list[i].id, list[i].since, state, viewers, list[i].command);
	}
	/* Detached runs that have ended since, newest last: attach ID says how each ended. */
	for (int i = 0; i < ne; i++) {
		char state[16];
		snprintf(state, sizeof state, "exit %d", ended[i].exit_code);
		ls_row(ended[i].id, ended[i].since, state, "-", ended[i].command);
	}
	if (ne)
		printf("ended: detached runs that ended since; benchtop attach ID says how\n");
	printf("sockets in %s\n", dir);
	if (n == 0) {
		fprintf(stderr, "benchtop ls: no instance is running\n");
		return 1;
	}
	return 0;
}

#define PICK_ENDED (-1)
/* The instance a command means: the one named, or the only one. 0 with it in *f; PICK_ENDED
 * when want names a detached run that has ended, its end in *e; or the exit status after one
 * line (1 when none is running, 2 when the choice is not clear). */
static int pick(const char *who, const char *want, struct found *f, struct instance_ended *e)
{
	static struct found list[MAX_INSTANCES];
	char why[512], ids[256] = "", dir[80], stale[160] = "";
	if (want && instance_dir(dir, sizeof dir, why, sizeof why) == 0 && strlen(want) < 24 && !strchr(want, '/'))
		snprintf(stale, sizeof stale, "%s/%s.sock", dir, want);
	int existed = stale[0] && access(stale, F_OK) == 0;
	int n = find_instances(list, MAX_INSTANCES, why, sizeof why);
	if (n < 0) {
		fprintf(stderr, "benchtop %s: %s\n", who, why);
		return 2;
	}
	for (int i = 0; i < n; i++)
		snprintf(ids + strlen(ids), sizeof ids - strlen(ids), "%s%.20s", i ? ", " : "", list[i].id);
	for (int i = 0; i < n && want; i++)
		if (strcmp(list[i].id, want) == 0) {
			*f = list[i];
			return 0;
		}
	if (want && stale[0] && instance_ended_find(dir, want, e) == 0)
		return PICK_ENDED;
	if (want && existed && access(stale, F_OK) < 0) {
		fprintf(stderr, "benchtop %s: instance %s is not running (the socket it left was removed)\n", who, want);
		return 1;
	}
	if (n == 0) {
		fprintf(stderr, "benchtop %s: no instance is running\n", who);
		return 1;
	}
	if (want) {
		fprintf(stderr, "benchtop %s: no instance '%s' (running: %s)\n", who, want, ids);
		return 2;
	}
	if (n > 1) {
		fprintf(stderr, "benchtop %s: %d instances are running (%s): name one\n", who, n, ids);
		return 2;
	}
	*f = list[0];
	return 0;
}

int instance_pick(const char *who, const char *want, char *path, size_t pathlen, char *id, size_t idlen, int *ended)
{
	struct found f;
	static struct instance_ended e;
	int rc = pick(who, want, &f, &e);
	*ended = rc == PICK_ENDED;
	if (rc == PICK_ENDED) {   /* nothing to attach to: how it ended, and its status */
		char line[sizeof e.reports + 1200];
		printf("%s\n", instance_ended_line(&e, line, sizeof line));
		return e.exit_code;
	}
	if (rc == 0) {
		str_copy(path, f.path, pathlen);
		str_copy(id, f.id, idlen);
	}
	return rc;
}

/* The process has exited: gone, or a zombie its parent has not reaped yet (kill(pid, 0)
 * still succeeds for one). */
static int process_ended(pid_t pid)
{
	if (kill(pid, 0) < 0 && errno == ESRCH)
		return 1;
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;   /* no /proc: the socket tells */
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	const char *paren = strrchr(buf, ')');   /* "PID (COMM) STATE ...": COMM may hold anything */
	return paren && paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X');
}

/* No instance answers at path any more: removed, or nobody listening. */
static int socket_gone(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	str_copy(sa.sun_path, path, sizeof sa.sun_path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 0;
	/* A connection that is accepted is closed with nothing sent: the instance sees the end at once. */
	int gone = connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0 && (errno == ENOENT || errno == ECONNREFUSED);
	close(fd);
	return gone;
}

int cmd_stop(int argc, char **argv)
{
	if (asks_help(argc, argv, "usage: benchtop stop [ID]\n  Ends a running instance (the only one, or ID) as "
	              "q would: its reports are written.\n"))
		return 0;
	const char *want = NULL;
	int dashes = 0;   /* after "--" nothing is an option */
	for (int i = 1; i < argc; i++) {
		if (!dashes && !want && strcmp(argv[i], "--") == 0) {
			dashes = 1;
			continue;
		}
		if (want || (!dashes && argv[i][0] == '-')) {
			fprintf(stderr, "benchtop stop: unexpected argument '%s' (usage: benchtop stop [ID])\n", argv[i]);
			return 2;
		}
		want = argv[i];
	}
	struct found found, *f = &found;
	static struct instance_ended e;
	char why[512];
	int rc = pick("stop", want, f, &e);
	if (rc == PICK_ENDED) {
		char line[sizeof e.reports + 1200];
		fprintf(stderr, "benchtop stop: nothing to stop: %s\n", instance_ended_line(&e, line, sizeof line));
		return 1;
	}
	if (rc)
		return rc;
	int err, fd = -1;
	char rest[8192] = "";
	cJSON *o = request_keep(f->path, "stop", &err, why, sizeof why, &fd, rest, sizeof rest);
	if (!o) {
		fprintf(stderr, "benchtop stop: %s\n", why);
		return 1;
	}
	cJSON_Delete(o);
	int ended = fd >= 0 ? stop_outcome(fd, rest, sizeof rest, f->id) : -1;
	/* The instance writes its reports and pushes, then goes: wait for it, so a script can read
	 * them. Its socket stays until then. */
	int gone_for = 0;
	for (int i = 0; i < STOP_WAIT_S * 10; i++) {
		if (f->pid > 0 && process_ended((pid_t)f->pid)) {
			/* A zombie is usually reaped at once (by init, once a --detach run's parent
			 * has gone): a moment for that, so that kill -0 says it is gone too. */
			for (int k = 0; k < 25 && kill((pid_t)f->pid, 0) == 0; k++)
				nanosleep(&(struct timespec){ 0, 20 * 1000 * 1000 }, NULL);
			break;
		}
		/* The socket gone (or refusing) and no process to watch, or one that lingers on as
		 * another's: 2 s after the socket, it is over. */
		gone_for = socket_gone(f->path) ? gone_for + 1 : 0;
		if (gone_for > 0 && (f->pid <= 0 || gone_for >= 20))
			break;
		struct timespec ts = { 0, 100 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	if (ended < 0)
		printf("stopped %s\n", f->id);
	return 0;   /* it was stopped: the run's own status is in the line, scripts test stop's success */
}
