/* kfile.h - the scratch files of the disk kernels: anonymous (O_TMPFILE, or unlinked at
 * once), so nothing is left behind however the run ends; direct I/O (O_DIRECT) where the
 * filesystem allows it, buffered I/O with the page cache dropped around timings where not.
 *
 * Buffers handed to kfile_pwrite/kfile_pread must be KFILE_ALIGN-aligned, and offsets and
 * lengths multiples of KFILE_ALIGN, so that the same calls work with and without O_DIRECT.
 */
#ifndef BENCHTOP_KFILE_H
#define BENCHTOP_KFILE_H

#include <stddef.h>
#include <sys/types.h>

#include "kernel.h"

#define KFILE_ALIGN 4096

struct kfile {
	int fd;
	int direct;                  /* O_DIRECT is on */
};

/* Opens an anonymous file in k->tmpdir (/tmp when NULL). 0, or -1 with k->why. */
int  kfile_open(struct kernel_ctx *k, struct kfile *f);
void kfile_close(struct kfile *f);

/* Whole transfers; a filesystem that refuses O_DIRECT at the first transfer (EINVAL)
 * gets buffered I/O from then on. 0, or -1 with k->why. */
int kfile_pwrite(struct kernel_ctx *k, struct kfile *f, const void *buf, size_t len, off_t off);
int kfile_pread(struct kernel_ctx *k, struct kfile *f, void *buf, size_t len, off_t off);
int kfile_sync(struct kernel_ctx *k, struct kfile *f);

/* Forgets the file's cached pages, so buffered reads go to the device (no-op with O_DIRECT). */
void kfile_drop_cache(struct kfile *f);

/* An aligned buffer filled with incompressible bytes; free() it. NULL when out of memory. */
void *kfile_buffer(size_t len, unsigned seed);

#endif
