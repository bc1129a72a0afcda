/* disk.random - random 4 KiB reads at queue depth one per thread over a scratch file,
 * in IOPS. Offsets follow a random permutation of the file's blocks, so no block is read
 * twice until all have been, and buffered reads (where O_DIRECT is refused) still go to
 * the device. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "kernel-list.h"
#include "kfile.h"
#include "kutil.h"
#include "util.h"

enum { P_SIZE, P_READS, P_THREADS };

#define DISKRAND_BLOCK 4096

static const struct kernel_param diskrand_params[] = {
	{ .name = "size", .type = KPARAM_SIZE, .def = 256.0 * 1024 * 1024, .min = 64.0 * 1024,
	  .max = 1024.0 * 1024 * 1024 * 1024, .unit = "bytes", .multiple = DISKRAND_BLOCK,
	  .help = "scratch file read at random, written once at setup, a multiple of 4K" },
	{ .name = "reads", .type = KPARAM_INT, .def = 10000, .min = 1, .max = 1e9, .unit = "reads",
	  .help = "4 KiB reads per iteration, shared by the threads" },
	{ .name = "threads", .type = KPARAM_INT, .def = 1, .min = 1, .max = 256, .unit = "threads",
	  .help = "threads reading at once (the queue depth)" },
	{ .name = NULL },
};

#define DISKRAND_FILL (1 << 20)      /* bytes per write while filling the file */

struct diskrand {
	struct kfile file;
	uint32_t *order;             /* the blocks in random order */
	size_t blocks, cursor;
	int threads;
	char *buf;                   /* DISKRAND_BLOCK per thread */
};

static void diskrand_free(struct diskrand *d)
{
	if (!d)
		return;
	kfile_close(&d->file);
	free(d->order);
	free(d->buf);
	free(d);
}

static int diskrand_fill(struct kernel_ctx *k, struct diskrand *d)
{
	size_t size = d->blocks * DISKRAND_BLOCK;
	char *chunk = kfile_buffer(DISKRAND_FILL, 2);
	if (!chunk)
		return kutil_fail(k, "out of memory");
	int rc = 0;
	for (size_t off = 0; rc == 0 && off < size; off += DISKRAND_FILL) {
		size_t len = size - off < DISKRAND_FILL ? size - off : DISKRAND_FILL;
		if (kutil_stopped(k))
			rc = kutil_fail(k, "stopped");
		else
			rc = kfile_pwrite(k, &d->file, chunk, len, (off_t)off);
	}
	free(chunk);
	return rc ? rc : kfile_sync(k, &d->file);
}

static int diskrand_setup(struct kernel_ctx *k)
{
	struct diskrand *d = calloc(1, sizeof *d);
	if (!d)
		return kutil_fail(k, "out of memory");
	d->file.fd = -1;
	d->blocks = (size_t)kutil_param(k, P_SIZE) / DISKRAND_BLOCK;
	d->threads = (int)kutil_param(k, P_THREADS);
	d->order = malloc(d->blocks * sizeof *d->order);
	d->buf = kfile_buffer((size_t)d->threads * DISKRAND_BLOCK, 3);
	if (!d->order || !d->buf) {
		diskrand_free(d);
		return kutil_fail(k, "out of memory");
	}
	uint64_t rng = 0xDA3E39CB94B95BDBULL;
	for (size_t i = 0; i < d->blocks; i++)
		d->order[i] = (uint32_t)i;
	for (size_t i = d->blocks - 1; i > 0; i--) {
		size_t j = (size_t)(kutil_rand(&rng) % (i + 1));
		uint32_t t = d->order[i];
		d->order[i] = d->order[j];
		d->order[j] = t;
	}
	if (kfile_open(k, &d->file) < 0 || diskrand_fill(k, d) < 0) {
		diskrand_free(d);
		return -1;
	}
	k->priv = d;
	return 0;
}

struct diskrand_job {
	struct kernel_ctx *k;
	struct diskrand *d;
	size_t reads, start;
	atomic_int failed;
	char why[sizeof ((struct kernel_ctx *)0)->why];
};

static void diskrand_worker(void *arg, int tid)
{
	struct diskrand_job *job = arg;
	struct diskrand *d = job->d;
	size_t r0 = job->reads * (size_t)tid / (size_t)d->threads;
	size_t r1 = job->reads * (size_t)(tid + 1) / (size_t)d->threads;
	char *buf = d->buf + (size_t)tid * DISKRAND_BLOCK;
	/* A context of our own, so that threads do not write one why buffer at once. */
	struct kernel_ctx local = *job->k;
	for (size_t r = r0; r < r1; r++) {
		if ((r & 63) == 0 && kutil_stopped(&local)) {
			kutil_fail(&local, "stopped");
		} else {
			off_t off = (off_t)d->order[(job->start + r) % d->blocks] * DISKRAND_BLOCK;
			if (kfile_pread(&local, &d->file, buf, DISKRAND_BLOCK, off) == 0)
				continue;
		}
		if (atomic_exchange(&job->failed, 1) == 0)
			str_copy(job->why, local.why, sizeof job->why);
		return;
	}
}

static int diskrand_iterate(struct kernel_ctx *k, double *value)
{
	struct diskrand *d = k->priv;
	struct diskrand_job job = { .k = k, .d = d, .reads = (size_t)kutil_param(k, P_READS),
				    .start = d->cursor };
	kfile_drop_cache(&d->file);
	double t = kutil_run(k, d->threads, diskrand_worker, &job);
	if (t < 0)
		return -1;
	if (atomic_load(&job.failed))
		return kutil_fail(k, "%s", job.why);
	d->cursor = (d->cursor + job.reads) % d->blocks;
	*value = (double)job.reads / t;
	return 0;
}

static void diskrand_teardown(struct kernel_ctx *k)
{
	diskrand_free(k->priv);
	k->priv = NULL;
}

const struct kernel_class kernel_disk_random = {
	.name = "disk.random",
	.help = "random 4 KiB reads of a scratch file, direct I/O if possible",
	.metric = "iops",
	.unit = "IOPS",
	.higher_is_better = 1,
	.params = diskrand_params,
	.setup = diskrand_setup,
	.iterate = diskrand_iterate,
	.teardown = diskrand_teardown,
};
