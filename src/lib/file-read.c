#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file-read.h"
#include "text-visible.h"

char *file_size_text(char *buf, size_t len, size_t bytes)
{
	if (bytes >= (1u << 20) && bytes % (1u << 20) == 0)
		snprintf(buf, len, "%zu MiB", bytes >> 20);
	else if (bytes >= 1024 && bytes % 1024 == 0)
		snprintf(buf, len, "%zu KiB", bytes >> 10);
	else
		snprintf(buf, len, "%zu bytes", bytes);
	return buf;
}

static const char *kind_of(mode_t m)
{
	if (S_ISDIR(m)) return "a directory";
	if (S_ISFIFO(m)) return "a named pipe";
	if (S_ISCHR(m)) return "a character device";
	if (S_ISBLK(m)) return "a block device";
	if (S_ISSOCK(m)) return "a socket";
	return "not a regular file";
}

FILE *file_open_regular(const char *path, const char *what, char *why, size_t whylen)
{
	char shown[600];
	text_visible(shown, sizeof shown, path);
	/* O_NONBLOCK: opening a FIFO with no writer would otherwise wait for one forever. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		int err = errno;
		snprintf(why, whylen, "%s: %s", shown, strerror(err));
		errno = err;
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		int err = errno;
		if (S_ISREG(st.st_mode) || err == 0)
			err = EINVAL;
		snprintf(why, whylen, "%s: %s, not %s", shown, kind_of(st.st_mode), what);
		close(fd);
		errno = err;
		return NULL;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	FILE *f = fdopen(fd, "r");
	if (!f) {
		int err = errno;
		snprintf(why, whylen, "%s: %s", shown, strerror(err));
		close(fd);
		errno = err;
	}
	return f;
}

int file_read_capped(const char *path, size_t max, const char *what, char **text, size_t *len,
                     char *why, size_t whylen)
{
	FILE *f = file_open_regular(path, what, why, whylen);
	if (!f)
		return -1;
	char shown[600], lim[32];
	text_visible(shown, sizeof shown, path);
	file_size_text(lim, sizeof lim, max);
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && (unsigned long long)st.st_size > max) {
		fclose(f);
		snprintf(why, whylen, "%s: larger than %s (the limit for %s)", shown, lim, what);
		errno = EFBIG;
		return -1;
	}
	/* Size from fstat, but read on until the end: a file can grow while it is read. */
	size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096, n = 0;
	char *buf = malloc(cap + 1);
	int big = 0;
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n > max) {
			big = 1;
			break;
		}
		if (got == 0 || n < cap)
			break;
		size_t ncap = cap * 2 > max + 1 ? max + 1 : cap * 2;
		char *grown = realloc(buf, ncap + 1);
		if (!grown) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = grown;
		cap = ncap;
	}
	int err = ferror(f);
	fclose(f);
	if (!buf || err || big) {
		free(buf);
		if (big)
			snprintf(why, whylen, "%s: larger than %s (the limit for %s)", shown, lim, what);
		else
			snprintf(why, whylen, "%s: cannot read: %s", shown, buf ? "read error" : "out of memory");
		errno = big ? EFBIG : EIO;
		return -1;
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;
}

long file_read_line(FILE *f, char **buf, size_t *cap, size_t max)
{
	size_t n = 0;
	int c = EOF, big = 0;
	while ((c = getc_unlocked(f)) != EOF) {
		if (!big && n + 2 > *cap) {
			size_t ncap = *cap ? *cap * 2 : 256;
			if (ncap > max + 2)
				ncap = max + 2;
			char *grown = ncap > *cap ? realloc(*buf, ncap) : NULL;
			if (!grown) {
				big = 1;
			} else {
				*buf = grown;
				*cap = ncap;
			}
		}
		if (!big && n >= max)
			big = 1;
		if (!big)
			(*buf)[n++] = (char)c;
		if (c == '\n')
			break;
	}
	if (big)
		return -2;
	if (n == 0 && c == EOF)
		return -1;
	(*buf)[n] = '\0';
	return (long)n;
}
