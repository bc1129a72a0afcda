/* disk.seq - sequential throughput of the filesystem holding tmpdir: write the whole file
 * in blocks and fsync (read = 0), or read it back from the device (read = 1; the file is
 * written once at setup and its cached pages are dropped before each timing). */
#include "config.h"

#include <stdlib.h>

#include "kernel-list.h"
#include "kfile.h"
#include "kutil.h"
#include "util.h"

enum { P_SIZE, P_BLOCK, P_READ };

static const struct kernel_param diskseq_params[] = {
	{ .name = "size", .type = KPARAM_SIZE, .def = 256.0 * 1024 * 1024, .min = KFILE_ALIGN,
	  .max = 1024.0 * 1024 * 1024 * 1024, .unit = "bytes",
	  .help = "bytes written or read per iteration (the scratch file's size)" },
	{ .name = "block", .type = KPARAM_SIZE, .def = 1024.0 * 1024, .min = KFILE_ALIGN,
	  .max = 256.0 * 1024 * 1024, .unit = "bytes",
	  .help = "bytes per write or read call, a multiple of 4K" },
	{ .name = "read", .type = KPARAM_INT, .def = 0, .min = 0, .max = 1, .unit = "",
	  .help = "0 measures writes (with fsync), 1 measures reads" },
	{ .name = NULL },
};

struct diskseq {
	struct kfile file;
	char *buf;
	size_t block, blocks;
	int read;
	size_t next_block;           /* stress steps go round the file */
};

static void diskseq_free(struct diskseq *d)
{
	if (!d)
		return;
	kfile_close(&d->file);
	free(d->buf);
	free(d);
}

static int diskseq_write_all(struct kernel_ctx *k, struct diskseq *d)
{
	for (size_t b = 0; b < d->blocks; b++) {
		if (kutil_stopped(k))
			return kutil_fail(k, "stopped");
		if (kfile_pwrite(k, &d->file, d->buf, d->block, (off_t)(b * d->block)) < 0)
			return -1;
	}
	return kfile_sync(k, &d->file);
}

static int diskseq_setup(struct kernel_ctx *k)
{
	struct diskseq *d = calloc(1, sizeof *d);
	if (!d)
		return kutil_fail(k, "out of memory");
	d->file.fd = -1;
	size_t size = (size_t)kutil_param(k, P_SIZE);
	d->block = (size_t)kutil_param(k, P_BLOCK) / KFILE_ALIGN * KFILE_ALIGN;
	if (d->block > size)
		d->block = size / KFILE_ALIGN * KFILE_ALIGN;
	d->blocks = size / d->block;
	d->read = (int)kutil_param(k, P_READ);
	d->buf = kfile_buffer(d->block, 1);
	if (!d->buf) {
		kutil_fail(k, "out of memory for a %zu-byte block", d->block);
		diskseq_free(d);
		return -1;
	}
	if (kfile_open(k, &d->file) < 0 || (d->read && diskseq_write_all(k, d) < 0)) {
		diskseq_free(d);
		return -1;
	}
	k->priv = d;
	return 0;
}

static int diskseq_iterate(struct kernel_ctx *k, double *value)
{
	struct diskseq *d = k->priv;
	kfile_drop_cache(&d->file);
	double t0 = now_mono();
	if (d->read) {
		for (size_t b = 0; b < d->blocks; b++) {
			if (kutil_stopped(k))
				return kutil_fail(k, "stopped");
			if (kfile_pread(k, &d->file, d->buf, d->block, (off_t)(b * d->block)) < 0)
				return -1;
		}
	} else if (diskseq_write_all(k, d) < 0) {
		return -1;
	}
	double t = now_mono() - t0;
	/* Keep the page cache from filling with our file between iterations. */
	kfile_drop_cache(&d->file);
	*value = (double)d->blocks * (double)d->block / t / 1e6;
	return 0;
}

/* One block written where the last step left off: about a millisecond at 1 GB/s. */
static double diskseq_step(struct kernel_ctx *k)
{
	struct diskseq *d = k->priv;
	if (d->next_block >= d->blocks) {
		d->next_block = 0;
		if (kfile_sync(k, &d->file) < 0)
			return 0;
		kfile_drop_cache(&d->file);
	}
	if (kfile_pwrite(k, &d->file, d->buf, d->block, (off_t)(d->next_block++ * d->block)) < 0)
		return 0;
	return (double)d->block / 1e6;
}

static void diskseq_teardown(struct kernel_ctx *k)
{
	diskseq_free(k->priv);
	k->priv = NULL;
}

const struct kernel_class kernel_disk_seq = {
	.name = "disk.seq",
	.help = "sequential write (with fsync) or read of a scratch file, direct I/O if possible",
	.metric = "throughput",
	.unit = "MB/s",
	.higher_is_better = 1,
	.params = diskseq_params,
	.setup = diskseq_setup,
	.iterate = diskseq_iterate,
	.step = diskseq_step,
	.step_unit = "MB",
	.teardown = diskseq_teardown,
};
