#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "instance-ended.h"
#include "results-json.h"
#include "text-visible.h"
#include "util.h"

#define ENDED_SUFFIX ".ended"
#define ENDED_MAX_BYTES 16384   /* what the fields can hold, escaped, with room to spare */

/* An id as instance.c makes them: digits, so that a name never leaves the directory. */
static int plain_id(const char *id)
{
	return id[0] && strlen(id) < sizeof ((struct instance_ended *)0)->id && strspn(id, "0123456789") == strlen(id);
}

/* dir/name read and parsed: 0, or -1 for a file that is not a kept end. */
static int read_ended(const char *dir, const char *name, struct instance_ended *e)
{
	char path[512], buf[ENDED_MAX_BYTES + 1];
	if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
		return -1;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	cJSON *o = cJSON_Parse(buf);
	const cJSON *code = cJSON_GetObjectItemCaseSensitive(o, "exit_code");
	if (!cJSON_IsObject(o) || !cJSON_IsNumber(code)) {
		cJSON_Delete(o);
		return -1;
	}
	memset(e, 0, sizeof *e);
	str_copy(e->id, results_json_get_string(o, "id"), sizeof e->id);
	double pid = results_json_get_number(o, "pid");
	e->pid = pid > 0 && pid < 1e9 ? (long)pid : 0;
	e->since = results_json_get_number(o, "since");
	e->ended = results_json_get_number(o, "ended_unix");
	str_copy(e->command, results_json_get_string(o, "command"), sizeof e->command);
	e->exit_code = code->valueint;
	str_copy(e->ended_by, results_json_get_string(o, "ended_by"), sizeof e->ended_by);
	str_copy(e->result, results_json_get_string(o, "result"), sizeof e->result);
	str_copy(e->reports, results_json_get_string(o, "reports"), sizeof e->reports);
	cJSON_Delete(o);
	return plain_id(e->id) && isfinite(e->since) && isfinite(e->ended) ? 0 : -1;
}

int instance_ended_list(const char *dir, struct instance_ended *out, int max)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)) && n < max) {
		size_t len = strlen(de->d_name), sl = strlen(ENDED_SUFFIX);
		if (len > sl && strcmp(de->d_name + len - sl, ENDED_SUFFIX) == 0 && read_ended(dir, de->d_name, &out[n]) == 0)
			n++;
	}
	closedir(d);
	for (int i = 1; i < n; i++)   /* a few: an insertion sort */
		for (int k = i; k > 0 && out[k].ended < out[k - 1].ended; k--) {
			struct instance_ended t = out[k];
			out[k] = out[k - 1];
			out[k - 1] = t;
		}
	return n;
}

/* All but the newest INSTANCE_ENDED_KEEP go. */
static void prune(const char *dir)
{
	enum { MAX_SEEN = 256 };
	struct instance_ended *all = malloc(MAX_SEEN * sizeof *all);
	int n = all ? instance_ended_list(dir, all, MAX_SEEN) : 0;
	for (int i = 0; i + INSTANCE_ENDED_KEEP < n; i++) {
		char path[512];
		if (snprintf(path, sizeof path, "%s/%s%s", dir, all[i].id, ENDED_SUFFIX) < (int)sizeof path)
			unlink(path);
	}
	free(all);
}

int instance_ended_write(const char *dir, const char *id, double since, const char *command, const char *end_line)
{
	cJSON *o = end_line ? cJSON_Parse(end_line) : NULL;
	if (!cJSON_IsObject(o) || !plain_id(id)) {
		cJSON_Delete(o);
		return -1;
	}
	cJSON_DeleteItemFromObjectCaseSensitive(o, "ok");
	cJSON_DeleteItemFromObjectCaseSensitive(o, "ended");
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddNumberToObject(o, "pid", (double)getpid());
	cJSON_AddNumberToObject(o, "since", since);
	cJSON_AddNumberToObject(o, "ended_unix", now_real());
	cJSON_AddStringToObject(o, "command", command);
	char *text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	char path[512], tmp[520];
	int rc = -1;
	if (text && snprintf(path, sizeof path, "%s/%s%s", dir, id, ENDED_SUFFIX) < (int)sizeof path) {
		snprintf(tmp, sizeof tmp, "%s.tmp", path);
		int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
		size_t len = strlen(text);
		if (fd >= 0) {
			int ok = write(fd, text, len) == (ssize_t)len && write(fd, "\n", 1) == 1;
			ok = close(fd) == 0 && ok;
			rc = ok && rename(tmp, path) == 0 ? 0 : -1;
			if (rc < 0)
				unlink(tmp);
		}
	}
	cJSON_free(text);
	prune(dir);
	return rc;
}

int instance_ended_find(const char *dir, const char *id, struct instance_ended *out)
{
	char name[64];
	if (!plain_id(id))
		return -1;
	snprintf(name, sizeof name, "%s%s", id, ENDED_SUFFIX);
	return read_ended(dir, name, out) == 0 && strcmp(out->id, id) == 0 ? 0 : -1;
}

char *instance_ended_line(const struct instance_ended *e, char *buf, size_t len)
{
	char when[32];
	time_t t = (time_t)e->ended;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(buf, len, "run %s ended %s: %s%s%s; exit status %d%s%s", e->id, when,
	         e->ended_by[0] ? e->ended_by : "ended", e->result[0] ? "; " : "", e->result, e->exit_code,
	         e->reports[0] ? "; reports: " : "", e->reports);
	return text_visible_inplace(buf, len);   /* it came from a file: no escapes to the terminal */
}
