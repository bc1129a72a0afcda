#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "metrics-textfile.h"

int metrics_textfile_check_dir(const char *dir, char *why, size_t whylen)
{
	struct stat st;
	if (stat(dir, &st) < 0) {
		snprintf(why, whylen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(why, whylen, "%s: not a directory", dir);
		return -1;
	}
	if (access(dir, W_OK | X_OK) < 0) {
		snprintf(why, whylen, "%s: cannot write here: %s", dir, strerror(errno));
		return -1;
	}
	/* access() passes for root wherever the mode allows, /proc and read-only mounts too: a
	 * file made and removed says what every later write would find. */
	char probe[PATH_MAX];
	snprintf(probe, sizeof probe, "%s/.%s.%ld.check", dir, METRICS_TEXTFILE_NAME, (long)getpid());
	int fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		snprintf(why, whylen, "%s: cannot write here: %s", dir, strerror(errno));
		return -1;
	}
	close(fd);
	unlink(probe);
	return 0;
}

int metrics_textfile_write(const char *dir, const char *text, size_t len, char *why, size_t whylen)
{
	char tmp[PATH_MAX], path[PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", dir, METRICS_TEXTFILE_NAME);
	snprintf(tmp, sizeof tmp, "%s/.%s.%ld.tmp", dir, METRICS_TEXTFILE_NAME, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		snprintf(why, whylen, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, text + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(why, whylen, "%s: %s", tmp, n < 0 ? strerror(errno) : "short write");
			close(fd);
			unlink(tmp);
			return -1;
		}
		done += (size_t)n;
	}
	if (fsync(fd) < 0 || close(fd) < 0) {
		snprintf(why, whylen, "%s: %s", tmp, strerror(errno));
		unlink(tmp);
		return -1;
	}
	if (rename(tmp, path) < 0) {
		snprintf(why, whylen, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);   /* the rename itself survives a crash */
		close(dfd);
	}
	return 0;
}
