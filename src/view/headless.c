#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "headless.h"
#include "logline.h"
#include "text-visible.h"
#include "util.h"

struct headless {
	FILE *out;
	int owned;               /* we opened it (--log), so we close it */
	int reader_gone;
	off_t whole;             /* a regular file's length after its last whole line; -1 else */
	struct logline line;
	char buf[LOGLINE_MAX];
};

/* The --log file: not inherited by test commands (O_CLOEXEC), and a symlink planted at its
 * name is not followed into truncating its target. A link to a terminal or a pipe
 * (/dev/stdout) is still written through. */
static FILE *headless_log_open(const char *path, char *why, size_t whylen)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0666);
	int err = errno;
	struct stat st;
	if (fd < 0 && err == ELOOP && stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
		fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
		err = errno;
	}
	if (fd < 0) {
		char shown[300];
		text_visible(shown, sizeof shown, path);
		if (err == ELOOP)
			snprintf(why, whylen, "--log %s: a symbolic link to a file; give the file itself", shown);
		else
			snprintf(why, whylen, "--log %s: %s", shown, strerror(err));
		return NULL;
	}
	FILE *f = fdopen(fd, "w");
	if (!f) {
		snprintf(why, whylen, "--log: %s", strerror(errno));
		close(fd);
	}
	return f;
}

struct headless *headless_open(const char *path, enum log_format format, char *why, size_t whylen)
{
	struct headless *h = calloc(1, sizeof *h);
	if (!h) {
		str_copy(why, "out of memory", whylen);
		return NULL;
	}
	if (path && strcmp(path, "-") != 0) {
		h->out = headless_log_open(path, why, whylen);
		if (!h->out) {
			free(h);
			return NULL;
		}
		h->owned = 1;
	} else {
		h->out = stdout;
	}
	struct stat st;
	h->whole = fstat(fileno(h->out), &st) == 0 && S_ISREG(st.st_mode) ? ftello(h->out) : -1;
	logline_init(&h->line, format);
	return h;
}

/* A line the disk took only part of is cut off again, so the log still ends with a whole
 * line; what stdio still holds of it is dropped, not written later. */
static void headless_cut_partial(struct headless *h)
{
	__fpurge(h->out);
	if (h->whole >= 0 && ftruncate(fileno(h->out), h->whole) == 0)
		fseeko(h->out, h->whole, SEEK_SET);
}

int headless_frame(struct headless *h, const struct frame *f, char *why, size_t whylen)
{
	size_t n = logline_format(&h->line, f, h->buf, sizeof h->buf);
	/* One whole line, then flush, so `tail -f` and a crash both see complete lines. */
	if (fwrite(h->buf, 1, n, h->out) != n || fflush(h->out) != 0) {
		int e = errno;
		h->reader_gone = e == EPIPE;
		snprintf(why, whylen, "writing the log: %s", strerror(e));
		headless_cut_partial(h);
		clearerr(h->out);
		return -1;
	}
	if (h->whole >= 0)
		h->whole += (off_t)n;
	return 0;
}

void headless_note(struct headless *h, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	text_visible_inplace(msg, sizeof msg);
	if (h && h->line.format == LOG_TEXT) {
		int len = fprintf(h->out, "# %s\n", msg);
		if (len < 0 || fflush(h->out) != 0) {
			headless_cut_partial(h);
			clearerr(h->out);
		} else if (h->whole >= 0) {
			h->whole += len;
		}
	} else {
		fprintf(stderr, "benchtop: %s\n", msg);
	}
}

int headless_reader_gone(const struct headless *h)
{
	return h->reader_gone;
}

void headless_close(struct headless *h)
{
	if (!h)
		return;
	if (h->owned)
		fclose(h->out);
	else
		fflush(h->out);
	free(h);
}
