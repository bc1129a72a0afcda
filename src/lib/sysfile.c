#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysfile.h"

char *sysfile_path(char *buf, size_t len, const char *root, const char *rel)
{
	snprintf(buf, len, "%s/%s", root, rel[0] == '/' ? rel + 1 : rel);
	return buf;
}

int sysfile_open(const char *root, const char *rel)
{
	char path[PATH_MAX];
	return open(sysfile_path(path, sizeof path, root, rel), O_RDONLY | O_CLOEXEC);
}

ssize_t sysfile_pread(int fd, char *buf, size_t len)
{
	size_t got = 0;
	if (len == 0)
		return -1;
	/* A short read is the end of a sysfs or procfs file (both fill what they can), so
	 * a small attribute costs one call; loop only while the kernel keeps filling. */
	while (got < len - 1) {
		size_t want = len - 1 - got;
		ssize_t n = pread(fd, buf + got, want, (off_t)got);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		got += (size_t)n;
		if ((size_t)n < want)
			break;
	}
	buf[got] = '\0';
	return (ssize_t)got;
}

int sysfile_read_ll(int fd, long long *out)
{
	char buf[32], *end;
	ssize_t n = sysfile_pread(fd, buf, sizeof buf);
	if (n <= 0)
		return -1;
	errno = 0;
	long long v = strtoll(buf, &end, 10);
	if (errno || end == buf || (*end && *end != '\n'))
		return -1;
	*out = v;
	return 0;
}

int sysfile_read_line(const char *root, const char *rel, char *buf, size_t len)
{
	int fd = sysfile_open(root, rel);
	if (fd < 0)
		return -1;
	ssize_t n = sysfile_pread(fd, buf, len);
	close(fd);
	if (n < 0)
		return -1;
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

int sysfile_exists(const char *root, const char *rel)
{
	char path[PATH_MAX];
	return access(sysfile_path(path, sizeof path, root, rel), F_OK) == 0;
}

static int int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

int sysfile_list_numbered(const char *root, const char *rel, const char *prefix,
                          const char *suffix, int *out, int max)
{
	char path[PATH_MAX];
	DIR *d = opendir(sysfile_path(path, sizeof path, root, rel));
	if (!d)
		return -1;
	size_t plen = strlen(prefix);
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL && n < max) {
		const char *name = de->d_name;
		if (strncmp(name, prefix, plen) != 0 || name[plen] < '0' || name[plen] > '9')
			continue;
		char *end;
		errno = 0;
		long v = strtol(name + plen, &end, 10);
		if (errno || v > 1000000 || strcmp(end, suffix) != 0)
			continue;
		out[n++] = (int)v;
	}
	closedir(d);
	qsort(out, (size_t)n, sizeof *out, int_cmp);
	return n;
}
