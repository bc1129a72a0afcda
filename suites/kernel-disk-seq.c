/* disk.seq - sequential throughput of the filesystem holding tmpdir: write the whole file
 * in blocks and fsync (read = 0), or read it back from the device (read = 1; the file is
 * written once at setup and its cached pages are dropped before each timing).
 *
 * With threads N, each thread writes or reads its own scratch file of `size` bytes, all
 * starting together; the value is the bytes of all files over the time from the common
 * start to the last thread's finish.
 *
 * Stress mode (the hdd stressor) steps over one file: blocks written in order, wrapping at
 * `size`, with `mix` percent of them written and the rest reading back, in order, what was
 * written; every 8 MiB written is synced and its cached pages dropped, so that writes and
 * reads reach the device. */
#include "config.h"

#include <stdlib.h>

#include "kernel-list.h"
#include "kfile.h"
#include "kutil.h"
#include "util.h"

enum { P_SIZE, P_BLOCK, P_READ, P_THREADS, P_MIX };

#define DISKSEQ_SYNC_BYTES (8 << 20)   /* stress mode: written between syncs */

static const struct kernel_param diskseq_params[] = {
	/* Multiples of 4K: the calls are the same with and without O_DIRECT (kfile.h). */
	{ .name = "size", .type = KPARAM_SIZE, .def = 256.0 * 1024 * 1024, .min = KFILE_ALIGN,
	  .max = 1024.0 * 1024 * 1024 * 1024, .unit = "bytes", .multiple = KFILE_ALIGN,
	  .help = "bytes each thread writes or reads per iteration (its scratch file's size), a multiple of 4K" },
	{ .name = "block", .type = KPARAM_SIZE, .def = 1024.0 * 1024, .min = KFILE_ALIGN,
	  .max = 256.0 * 1024 * 1024, .unit = "bytes", .multiple = KFILE_ALIGN,
	  .help = "bytes per write or read call, a multiple of 4K" },
	{ .name = "read", .type = KPARAM_INT, .def = 0, .min = 0, .max = 1, .unit = "",
	  .help = "0 measures writes (with fsync), 1 measures reads" },
	{ .name = "threads", .type = KPARAM_INT, .def = 1, .min = 1, .max = 256, .unit = "threads",
	  .help = "threads, each with its own scratch file; the value is their total" },
	{ .name = "mix", .type = KPARAM_INT, .def = 100, .min = 1, .max = 100, .unit = "%",
	  .help = "stress mode only: percent of blocks written, the rest read back" },
	{ .name = NULL },
};

/* One thread's file and block buffer. */
struct diskseq_file {
	struct kfile file;
	char *buf;
};

struct diskseq {
	struct diskseq_file *f;      /* one per thread */
	int threads;
	size_t block, blocks;
	int read;
	/* Stress steps go round the first file. */
	size_t next_write, next_read, filled;   /* in blocks */
	size_t unsynced;                        /* bytes written since the last sync */
	double mix, mix_acc;                    /* percent written; its running sum */
};

struct diskseq_job {
	struct kernel_ctx *k;
	struct diskseq *d;
	atomic_int failed;
	char why[sizeof ((struct kernel_ctx *)0)->why];
};

static void diskseq_free(struct diskseq *d)
{
	if (!d)
		return;
	for (int i = 0; d->f && i < d->threads; i++) {
		kfile_close(&d->f[i].file);
		free(d->f[i].buf);
	}
	free(d->f);
	free(d);
}

static int diskseq_write_all(struct kernel_ctx *k, struct diskseq *d, struct diskseq_file *f)
{
	for (size_t b = 0; b < d->blocks; b++) {
		if (kutil_stopped(k))
			return kutil_fail(k, "stopped");
		if (kfile_pwrite(k, &f->file, f->buf, d->block, (off_t)(b * d->block)) < 0)
			return -1;
	}
	return kfile_sync(k, &f->file);
}

static int diskseq_read_all(struct kernel_ctx *k, struct diskseq *d, struct diskseq_file *f)
{
	for (size_t b = 0; b < d->blocks; b++) {
		if (kutil_stopped(k))
			return kutil_fail(k, "stopped");
		if (kfile_pread(k, &f->file, f->buf, d->block, (off_t)(b * d->block)) < 0)
			return -1;
	}
	return 0;
}

/* Writes (at setup, or to measure writes) or reads one thread's file. */
static void diskseq_worker(void *arg, int tid, int reading)
{
	struct diskseq_job *job = arg;
	/* A context of our own, so that threads do not write one why buffer at once. */
	struct kernel_ctx local = *job->k;
	struct diskseq_file *f = &job->d->f[tid];
	int rc = reading ? diskseq_read_all(&local, job->d, f)
			 : diskseq_write_all(&local, job->d, f);
	if (rc < 0 && atomic_exchange(&job->failed, 1) == 0)
		str_copy(job->why, local.why, sizeof job->why);
}

static void diskseq_writer(void *arg, int tid)
{
	diskseq_worker(arg, tid, 0);
}

static void diskseq_reader(void *arg, int tid)
{
	diskseq_worker(arg, tid, 1);
}

/* Runs fn on every file from a common start: the seconds it took, or -1 with k->why. */
static double diskseq_run(struct kernel_ctx *k, struct diskseq *d, void (*fn)(void *, int))
{
	struct diskseq_job job = { .k = k, .d = d };
	double t = kutil_run(k, d->threads, fn, &job);
	if (t < 0)
		return -1;
	if (atomic_load(&job.failed))
		return kutil_fail(k, "%s", job.why);
	return t;
}

static int diskseq_setup(struct kernel_ctx *k)
{
	struct diskseq *d = calloc(1, sizeof *d);
	if (!d)
		return kutil_fail(k, "out of memory");
	size_t size = (size_t)kutil_param(k, P_SIZE);
	/* Suites give multiples of 4K (checked at load); the rounding is for contexts made in code.
	 * A block larger than the file is cut to it. */
	d->block = (size_t)kutil_param(k, P_BLOCK) / KFILE_ALIGN * KFILE_ALIGN;
	if (d->block > size)
		d->block = size / KFILE_ALIGN * KFILE_ALIGN;
	d->blocks = size / d->block;
	d->read = (int)kutil_param(k, P_READ);
	d->threads = (int)kutil_param(k, P_THREADS);
	d->mix = kutil_param(k, P_MIX);
	d->f = calloc((size_t)d->threads, sizeof *d->f);
	if (!d->f) {
		free(d);
		return kutil_fail(k, "out of memory");
	}
	for (int i = 0; i < d->threads; i++)
		d->f[i].file.fd = -1;
	for (int i = 0; i < d->threads; i++) {
		d->f[i].buf = kfile_buffer(d->block, 1 + (unsigned)i + 257 * (unsigned)k->worker);
		if (!d->f[i].buf) {
			kutil_fail(k, "out of memory for %d blocks of %zu bytes", d->threads, d->block);
			diskseq_free(d);
			return -1;
		}
		if (kfile_open(k, &d->f[i].file) < 0) {
			diskseq_free(d);
			return -1;
		}
	}
	if (d->read && diskseq_run(k, d, diskseq_writer) < 0) {
		diskseq_free(d);
		return -1;
	}
	k->priv = d;
	return 0;
}

static int diskseq_iterate(struct kernel_ctx *k, double *value)
{
	struct diskseq *d = k->priv;
	for (int i = 0; i < d->threads; i++)
		kfile_drop_cache(&d->f[i].file);
	double t = diskseq_run(k, d, d->read ? diskseq_reader : diskseq_writer);
	if (t < 0)
		return -1;
	/* Keep the page cache from filling with our files between iterations. */
	for (int i = 0; i < d->threads; i++)
		kfile_drop_cache(&d->f[i].file);
	*value = (double)d->threads * (double)d->blocks * (double)d->block / t / 1e6;
	return 0;
}

/* One block, about a millisecond at 1 GB/s: MB moved, or -1 with why. */
static double diskseq_step(struct kernel_ctx *k)
{
	struct diskseq *d = k->priv;
	struct diskseq_file *f = &d->f[0];
	int write = d->filled == 0;
	if (!write) {
		d->mix_acc += d->mix;
		if (d->mix_acc >= 100) {
			d->mix_acc -= 100;
			write = 1;
		}
	}
	if (!write) {
		if (kfile_pread(k, &f->file, f->buf, d->block, (off_t)(d->next_read * d->block)) < 0)
			return -1;
		if (++d->next_read >= d->filled)
			d->next_read = 0;
		return (double)d->block / 1e6;
	}
	if (kfile_pwrite(k, &f->file, f->buf, d->block, (off_t)(d->next_write * d->block)) < 0)
		return -1;
	if (++d->next_write > d->filled) {
		d->filled = d->next_write;
		k->held = (long long)(d->filled * d->block);
	}
	if (d->next_write >= d->blocks)
		d->next_write = 0;
	d->unsynced += d->block;
	if (d->unsynced >= DISKSEQ_SYNC_BYTES) {
		if (kfile_sync(k, &f->file) < 0)
			return -1;
		kfile_drop_cache(&f->file);
		d->unsynced = 0;
	}
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
