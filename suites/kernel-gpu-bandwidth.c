/* gpu.bandwidth - device-memory bandwidth of NVIDIA GPUs with SM kernels, in GB/s (10^9 B).
 *
 *   op 0 copy   dst = src        2 x size bytes of DRAM traffic per pass
 *   op 1 triad  a = b + s c      3 x size bytes per pass
 * counted as STREAM counts them (reads plus writes; nvbandwidth counts a copy's bytes once,
 * half this). Buffers default to 1 GiB each, far larger than any L2. One iteration is `passes`
 * launches timed with CUDA events. The note compares with the memory's peak, memory clock x 2
 * (double data rate) x bus width, from the driver's attributes.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel-list.h"
#include "kgpu.h"
#include "kutil.h"
#include "util.h"

enum { P_DEVICE, P_OP, P_SIZE, P_PASSES, P_THREADS, P_BLOCKS };

static const struct kernel_param gbw_params[] = {
	{ .name = "device", .type = KPARAM_TEXT, .text_def = "0", .unit = "", .check = kgpu_device_check,
	  .help = "GPU: CUDA index, PCI bus id, UUID, or all (each at once; the value is their sum)" },
	{ .name = "op", .type = KPARAM_INT, .def = 0, .min = 0, .max = 1, .unit = "",
	  .help = "0 copy, 1 triad" },
	{ .name = "size", .type = KPARAM_SIZE, .def = 1024.0 * 1024 * 1024, .min = 4096,
	  .max = 256.0 * 1024 * 1024 * 1024, .unit = "bytes",
	  .help = "bytes per buffer (copy allocates two, triad three), a multiple of 16 is used" },
	{ .name = "passes", .type = KPARAM_INT, .def = 20, .min = 1, .max = 1e6, .unit = "",
	  .help = "launches over the buffers per iteration" },
	{ .name = "threads", .type = KPARAM_INT, .def = 512, .min = 32, .max = 1024, .unit = "threads",
	  .help = "threads per block" },
	{ .name = "blocks", .type = KPARAM_INT, .def = 0, .min = 0, .max = 1 << 30, .unit = "",
	  .help = "blocks per launch (0: 4 per SM; each thread strides over the buffers)" },
	{ .name = NULL },
};

struct gbw {
	struct kgpu *g;
	int op;
	unsigned long long vecs;         /* 16-byte vectors per buffer */
	unsigned threads, passes;
};

struct gbw_buf {
	CUfunction fn;
	CUdeviceptr buf[3];
	unsigned blocks;
};

static void gbw_free_priv(struct kgpu *g, int i)
{
	struct gbw_buf *b = g->dev[i].priv;
	for (int j = 0; j < 3; j++)
		if (b->buf[j])
			g->api->MemFree(b->buf[j]);
	free(b);
	g->dev[i].priv = NULL;
}

static void gbw_teardown(struct kernel_ctx *k)
{
	struct gbw *w = k->priv;
	if (!w)
		return;
	kgpu_close(w->g, gbw_free_priv);
	free(w);
	k->priv = NULL;
}

static int gbw_setup_dev(struct gbw *w, int i)
{
	struct kgpu *g = w->g;
	struct gbw_buf *b = calloc(1, sizeof *b);
	if (!b) {
		c_snprintf(g->dev[i].why, sizeof g->dev[i].why, "out of memory");
		return -1;
	}
	g->dev[i].priv = b;
	b->blocks = kgpu_blocks(&g->dev[i], kutil_param(g->k, P_BLOCKS), 4);
	size_t bytes = (size_t)(w->vecs * 16);
	int nbuf = w->op ? 3 : 2;
	if (kgpu_use(g, i) < 0 ||
	    kgpu_ok(g, i, "cuModuleGetFunction", g->api->ModuleGetFunction(&b->fn, g->dev[i].mod,
	                                                                 w->op ? "bt_triad" : "bt_copy")) < 0)
		return -1;
	for (int j = 0; j < nbuf; j++) {
		if (kgpu_ok(g, i, "cuMemAlloc", g->api->MemAlloc(&b->buf[j], bytes)) < 0)
			return -1;
		/* 1.0f, 2.0f, 0: finite floats for the triad, a pattern for the copy. */
		unsigned pattern = j == 0 ? 0x3f800000u : j == 1 ? 0x40000000u : 0;
		if (kgpu_ok(g, i, "cuMemsetD32", g->api->MemsetD32(b->buf[j], pattern, bytes / 4)) < 0)
			return -1;
	}
	return kgpu_ok(g, i, "cuCtxSynchronize", g->api->CtxSynchronize());
}

static int gbw_setup(struct kernel_ctx *k)
{
	struct gbw *w = calloc(1, sizeof *w);
	if (!w)
		return kutil_fail(k, "out of memory");
	k->priv = w;
	w->op = (int)kutil_param(k, P_OP);
	w->vecs = (unsigned long long)(kutil_param(k, P_SIZE) / 16);
	w->threads = (unsigned)kutil_param(k, P_THREADS);
	w->passes = (unsigned)kutil_param(k, P_PASSES);
	if (kgpu_open(k, P_DEVICE, KGPU_MODULE, &w->g) < 0) {
		gbw_teardown(k);
		return -1;
	}
	for (int i = 0; i < w->g->n; i++)
		if (gbw_setup_dev(w, i) < 0) {
			kutil_fail(k, "%s", w->g->dev[i].why);
			gbw_teardown(k);
			return -1;
		}
	return 0;
}

static int gbw_body(struct kgpu *g, int i)
{
	struct gbw *w = g->k->priv;
	struct kgpu_dev *dev = &g->dev[i];
	struct gbw_buf *b = dev->priv;
	float s = 3.0f;
	/* copy: buf[1] = buf[0]; triad: buf[2] = buf[0] + s buf[1]. */
	void *copy_args[] = { &b->buf[1], &b->buf[0], &w->vecs };
	void *triad_args[] = { &b->buf[2], &b->buf[0], &b->buf[1], &w->vecs, &s };
	void **args = w->op ? triad_args : copy_args;
	double ms = kgpu_time_launches(g, i, b->fn, b->blocks, w->threads, args, w->passes);
	if (ms < 0)
		return -1;
	double bytes = (w->op ? 3.0 : 2.0) * 16.0 * (double)w->vecs * w->passes;
	dev->value = bytes / (ms > 0 ? ms * 1e-3 : 1e-9) / 1e9;
	return 0;
}

static void gbw_note(struct kernel_ctx *k)
{
	const struct gbw *w = k->priv;
	const struct kgpu *g = w->g;
	double peak = 0;
	for (int i = 0; i < g->n; i++)
		peak += cuda_device_peak_bandwidth(&g->dev[i].d) / 1e9;
	double v = kgpu_total(g);
	char on[160];
	kgpu_on(g, on, sizeof on);
	const char *op = w->op ? "triad" : "copy";
	if (isfinite(peak) && peak > 0)
		c_snprintf(k->note, sizeof k->note, "%s %.1f GB/s of DRAM traffic (%.1f GB/s copied) = %.1f %% of "
		         "the %.1f GB/s memory peak on %s", op, v, v / (w->op ? 3 : 2), 100 * v / peak, peak, on);
	else
		c_snprintf(k->note, sizeof k->note, "%s %.1f GB/s of DRAM traffic on %s (memory peak unknown)", op, v, on);
}

static int gbw_iterate(struct kernel_ctx *k, double *value)
{
	return kgpu_iterate(((struct gbw *)k->priv)->g, gbw_body, gbw_note, value);
}

const struct kernel_class kernel_gpu_bandwidth = {
	.name = "gpu.bandwidth",
	.help = "NVIDIA GPU device-memory copy or triad bandwidth (CUDA driver, PTX JIT)",
	.metric = "bandwidth",
	.unit = "GB/s",
	.higher_is_better = 1,
	.params = gbw_params,
	.setup = gbw_setup,
	.iterate = gbw_iterate,
	.teardown = gbw_teardown,
	.available = kgpu_available,
};
