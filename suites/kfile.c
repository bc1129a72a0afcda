#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kfile.h"
#include "kutil.h"

static int kfile_open_in(const char *dir, int direct)
{
	int flags = O_RDWR | O_CLOEXEC | (direct ? O_DIRECT : 0);
#ifdef O_TMPFILE
	int fd = open(dir, flags | O_TMPFILE, 0600);
	if (fd >= 0)
		return fd;
	/* EINVAL here may be O_DIRECT's fault rather than O_TMPFILE's: let the caller retry. */
	if (errno != EOPNOTSUPP && errno != EISDIR && errno != ENOENT && errno != EINVAL)
		return -1;
	if (errno == ENOENT && access(dir, F_OK) < 0)
		return -1;
#endif
	char path[4096];
	int len = snprintf(path, sizeof path, "%s/benchtop-......", dir);
	if (len < 0 || len >= (int)sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memset(path + len - 6, 'X', 6);   /* the six characters mkostemp replaces */
	int tfd = mkostemp(path, O_CLOEXEC);
	if (tfd < 0)
		return -1;
	unlink(path);
	if (!direct)
		return tfd;
	/* mkostemp cannot ask for O_DIRECT; turn it on now. */
	int fl = fcntl(tfd, F_GETFL);
	if (fl < 0 || fcntl(tfd, F_SETFL, fl | O_DIRECT) < 0) {
		int e = errno;
		close(tfd);
		errno = e;
		return -1;
	}
	return tfd;
}

int kfile_open(struct kernel_ctx *k, struct kfile *f)
{
	const char *dir = k->tmpdir && *k->tmpdir ? k->tmpdir : "/tmp";
	f->direct = 1;
	f->fd = kfile_open_in(dir, 1);
	if (f->fd < 0 && errno == EINVAL) {
		f->direct = 0;
		f->fd = kfile_open_in(dir, 0);
	}
	if (f->fd < 0)
		return kutil_fail(k, "cannot create a scratch file in %s: %s", dir, strerror(errno));
	return 0;
}

void kfile_close(struct kfile *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
}

static int kfile_buffered(struct kfile *f)
{
	int fl = fcntl(f->fd, F_GETFL);
	if (fl < 0 || fcntl(f->fd, F_SETFL, fl & ~O_DIRECT) < 0)
		return -1;
	f->direct = 0;
	return 0;
}

static int kfile_transfer(struct kernel_ctx *k, struct kfile *f, int writing,
			  void *buf, size_t len, off_t off)
{
	size_t done = 0;
	while (done < len) {
		ssize_t n = writing ? pwrite(f->fd, (char *)buf + done, len - done, off + (off_t)done)
				    : pread(f->fd, (char *)buf + done, len - done, off + (off_t)done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EINVAL && f->direct && kfile_buffered(f) == 0)
			continue;
		if (n < 0)
			return kutil_fail(k, "%s of the scratch file failed: %s",
					  writing ? "write" : "read", strerror(errno));
		if (n == 0)
			return kutil_fail(k, "scratch file ended early");
		done += (size_t)n;
	}
	return 0;
}

int kfile_pwrite(struct kernel_ctx *k, struct kfile *f, const void *buf, size_t len, off_t off)
{
	return kfile_transfer(k, f, 1, (void *)buf, len, off);
}

int kfile_pread(struct kernel_ctx *k, struct kfile *f, void *buf, size_t len, off_t off)
{
	return kfile_transfer(k, f, 0, buf, len, off);
}

int kfile_sync(struct kernel_ctx *k, struct kfile *f)
{
	if (fsync(f->fd) < 0)
		return kutil_fail(k, "fsync of the scratch file failed: %s", strerror(errno));
	return 0;
}

void kfile_drop_cache(struct kfile *f)
{
	if (!f->direct) {
		fdatasync(f->fd);
		posix_fadvise(f->fd, 0, 0, POSIX_FADV_DONTNEED);
	}
}

void *kfile_buffer(size_t len, unsigned seed)
{
	void *p = NULL;
	if (posix_memalign(&p, KFILE_ALIGN, len ? len : KFILE_ALIGN))
		return NULL;
	uint64_t s = 0x9E3779B97F4A7C15ULL ^ seed, *w = p;
	for (size_t i = 0; i < len / sizeof *w; i++)
		w[i] = kutil_rand(&s);
	return p;
}
