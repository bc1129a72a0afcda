/* gpu.transfer - host <-> device copies over PCIe or NVLink-C2C, from pinned host memory,
 * in GB/s (10^9 B), as nvbandwidth measures them with the copy engines:
 *
 *   direction 0  host to device       cuMemcpyHtoDAsync
 *   direction 1  device to host       cuMemcpyDtoHAsync
 *   direction 2  both at once         one of each on two streams; bytes of both over the
 *                                     time from the common start to the later end
 *
 * Each copy is timed on its own with CUDA events; an iteration's value is the median of its
 * `copies` timed copies, after one untimed warm-up copy.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt-units.h"
#include "kernel-list.h"
#include "kgpu.h"
#include "kutil.h"
#include "util.h"

enum { P_DEVICE, P_DIRECTION, P_SIZE, P_COPIES };

static const struct kernel_param gxfer_params[] = {
	{ .name = "device", .type = KPARAM_TEXT, .text_def = "0", .unit = "", .check = kgpu_device_check,
	  .help = "GPU: CUDA index, PCI bus id, UUID, or all (each at once; the value is their sum)" },
	{ .name = "direction", .type = KPARAM_INT, .def = 0, .min = 0, .max = 2, .unit = "",
	  .help = "0 host to device, 1 device to host, 2 both at once" },
	{ .name = "size", .type = KPARAM_SIZE, .def = 256.0 * 1024 * 1024, .min = 4096,
	  .max = 64.0 * 1024 * 1024 * 1024, .unit = "bytes",
	  .help = "bytes per copy (pinned host buffer and device buffer of this size, two of each for both)" },
	{ .name = "copies", .type = KPARAM_INT, .def = 9, .min = 1, .max = 10000, .unit = "",
	  .help = "timed copies per iteration; the value is their median" },
	{ .name = NULL },
};

struct gxfer {
	struct kgpu *g;
	int direction;
	size_t size;
	int copies;
};

struct gxfer_buf {
	void *host[2];
	CUdeviceptr dev[2];
	double *rate;                    /* copies GB/s figures, for the median */
};

static void gxfer_free_priv(struct kgpu *g, int i)
{
	struct gxfer_buf *b = g->dev[i].priv;
	for (int j = 0; j < 2; j++) {
		if (b->host[j])
			g->api->MemFreeHost(b->host[j]);
		if (b->dev[j])
			g->api->MemFree(b->dev[j]);
	}
	free(b->rate);
	free(b);
	g->dev[i].priv = NULL;
}

static void gxfer_teardown(struct kernel_ctx *k)
{
	struct gxfer *x = k->priv;
	if (!x)
		return;
	kgpu_close(x->g, gxfer_free_priv);
	free(x);
	k->priv = NULL;
}

static int gxfer_setup_dev(struct gxfer *x, int i)
{
	struct kgpu *g = x->g;
	struct gxfer_buf *b = calloc(1, sizeof *b);
	if (b)
		b->rate = calloc((size_t)x->copies, sizeof *b->rate);
	if (!b || !b->rate) {
		free(b);
		c_snprintf(g->dev[i].why, sizeof g->dev[i].why, "out of memory");
		return -1;
	}
	g->dev[i].priv = b;
	int n = x->direction == 2 ? 2 : 1;
	for (int j = 0; j < n; j++) {
		if (kgpu_ok(g, i, "cuMemHostAlloc", g->api->MemHostAlloc(&b->host[j], x->size,
		                                                        CU_MEMHOSTALLOC_PORTABLE)) < 0 ||
		    kgpu_ok(g, i, "cuMemAlloc", g->api->MemAlloc(&b->dev[j], x->size)) < 0)
			return -1;
		memset(b->host[j], 0x5a + j, x->size);   /* touched, so no first-copy page faults */
	}
	return 0;
}

static int gxfer_setup(struct kernel_ctx *k)
{
	struct gxfer *x = calloc(1, sizeof *x);
	if (!x)
		return kutil_fail(k, "out of memory");
	k->priv = x;
	x->direction = (int)kutil_param(k, P_DIRECTION);
	x->size = (size_t)kutil_param(k, P_SIZE);
	x->copies = (int)kutil_param(k, P_COPIES);
	if (kgpu_open(k, P_DEVICE, KGPU_COPIES, &x->g) < 0) {
		gxfer_teardown(k);
		return -1;
	}
	for (int i = 0; i < x->g->n; i++)
		if (kgpu_use(x->g, i) < 0 || gxfer_setup_dev(x, i) < 0) {
			kutil_fail(k, "%s", x->g->dev[i].why);
			gxfer_teardown(k);
			return -1;
		}
	return 0;
}

/* Enqueues one copy (or the pair) between events ev[0] and ev[1] (and ev[2] on stream2). */
static int gxfer_enqueue(struct kgpu *g, int i, const struct gxfer *x)
{
	const struct cuda_api *api = g->api;
	struct kgpu_dev *dev = &g->dev[i];
	struct gxfer_buf *b = dev->priv;
	if (kgpu_ok(g, i, "cuEventRecord", api->EventRecord(dev->ev[0], dev->stream)) < 0)
		return -1;
	CUresult rc;
	if (x->direction == 1)
		rc = api->MemcpyDtoHAsync(b->host[0], b->dev[0], x->size, dev->stream);
	else
		rc = api->MemcpyHtoDAsync(b->dev[0], b->host[0], x->size, dev->stream);
	if (kgpu_ok(g, i, x->direction == 1 ? "cuMemcpyDtoHAsync" : "cuMemcpyHtoDAsync", rc) < 0 ||
	    kgpu_ok(g, i, "cuEventRecord", api->EventRecord(dev->ev[1], dev->stream)) < 0)
		return -1;
	if (x->direction != 2)
		return 0;
	/* The second stream starts when the first does, so both copies share one start. */
	if (kgpu_ok(g, i, "cuStreamWaitEvent", api->StreamWaitEvent(dev->stream2, dev->ev[0], 0)) < 0 ||
	    kgpu_ok(g, i, "cuMemcpyDtoHAsync", api->MemcpyDtoHAsync(b->host[1], b->dev[1], x->size, dev->stream2)) < 0)
		return -1;
	return kgpu_ok(g, i, "cuEventRecord", api->EventRecord(dev->ev[2], dev->stream2));
}

static int gxfer_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int gxfer_body(struct kgpu *g, int i)
{
	struct gxfer *x = g->k->priv;
	struct kgpu_dev *dev = &g->dev[i];
	struct gxfer_buf *b = dev->priv;
	for (int c = -1; c < x->copies; c++) {          /* -1: the warm-up */
		if (kutil_stopped(g->k))
			return 0;
		if (gxfer_enqueue(g, i, x) < 0)
			return -1;
		double ms = kgpu_elapsed_ms(g, i, dev->ev[0], dev->ev[1]);
		if (ms < 0)
			return -1;
		double bytes = (double)x->size;
		if (x->direction == 2) {
			double ms2 = kgpu_elapsed_ms(g, i, dev->ev[0], dev->ev[2]);
			if (ms2 < 0)
				return -1;
			ms = ms2 > ms ? ms2 : ms;
			bytes *= 2;
		}
		if (c >= 0)
			b->rate[c] = bytes / (ms > 0 ? ms * 1e-3 : 1e-9) / 1e9;
	}
	qsort(b->rate, (size_t)x->copies, sizeof *b->rate, gxfer_cmp);
	int m = x->copies;
	dev->value = m % 2 ? b->rate[m / 2] : (b->rate[m / 2 - 1] + b->rate[m / 2]) / 2;
	return 0;
}

/* "both ways at once 24.10 GB/s (median of 9 pinned copies of 256 MiB) on GPU 0 NAME (BUS)": the
 * size as the other notes give sizes, the GPU named as fma and bandwidth name it. */
static void gxfer_note(struct kernel_ctx *k)
{
	const struct gxfer *x = k->priv;
	static const char *const dir[] = { "host to device", "device to host", "both ways at once" };
	char size[32], on[160], copies[48];
	fmt_unit(size, sizeof size, (double)x->size, "B", FMT_TRIM);
	kgpu_on(x->g, on, sizeof on);
	if (x->copies == 1)
		str_copy(copies, "1 pinned copy", sizeof copies);
	else
		c_snprintf(copies, sizeof copies, "median of %d pinned copies", x->copies);
	c_snprintf(k->note, sizeof k->note, "%s %.2f GB/s (%s of %s) on %s", dir[x->direction], kgpu_total(x->g), copies,
	           size, on);
}

static int gxfer_iterate(struct kernel_ctx *k, double *value)
{
	return kgpu_iterate(((struct gxfer *)k->priv)->g, gxfer_body, gxfer_note, value);
}

const struct kernel_class kernel_gpu_transfer = {
	.name = "gpu.transfer",
	.help = "NVIDIA GPU host<->device copy bandwidth from pinned memory (CUDA driver)",
	.metric = "bandwidth",
	.unit = "GB/s",
	.higher_is_better = 1,
	.params = gxfer_params,
	.setup = gxfer_setup,
	.iterate = gxfer_iterate,
	.teardown = gxfer_teardown,
	.available = kgpu_available,
};
