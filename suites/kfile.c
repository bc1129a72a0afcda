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
#include "util.h"

int kfile_open(struct kernel_ctx *k, struct kfile *f)
{
	const char *dir = k->tmpdir && *k->tmpdir ? k->tmpdir : "/tmp";
	f->direct = 1;
	f->fd = scratch_file(dir, O_DIRECT);
	if (f->fd < 0 && errno == EINVAL) {
		f->direct = 0;
		f->fd = scratch_file(dir, 0);
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
