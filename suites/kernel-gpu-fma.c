/* gpu.fma - fused multiply-add throughput of NVIDIA GPUs, FP32 or FP64, in TFLOP/s.
 *
 * Each thread runs 8 independent chains x = fma(x, b, c), so the FMA pipes and not their
 * latency set the pace (cuda-ptx.c, bt_fma_*). One iteration is `launches` launches timed
 * with CUDA events; FLOP = launches x blocks x threads x iters x 128 x 2. iters 0 (the
 * default) sizes each GPU's launch to about FMA_LAUNCH_MS by its own clock (cuda-size.h). The note gives the
 * percentage of the vector peak (SMs x lanes per SM x 2 x SM clock) at the SM clock NVML
 * reports while the launches run, or at the driver's boost clock when NVML cannot say.
 * With device=all every GPU runs at once and the value is their sum.
 *
 * Every launch's results, every thread's, are checked, as the gpu stressor checks them: setup
 * makes a reference launch, whose first threads must match the host's replay
 * (cuda_ptx_fma_*_expect); after each timed launch bt_compare counts on the GPU the words that
 * differ from it, outside the launch's own events, so the figure times the FMAs alone. A single
 * wrong result is an error of the iteration.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cuda-ptx.h"
#include "cuda-size.h"
#include "kernel-list.h"
#include "kgpu.h"
#include "kutil.h"
#include "util.h"

enum { P_DEVICE, P_PRECISION, P_ITERS, P_THREADS, P_BLOCKS, P_LAUNCHES };

#define FMA_VERIFY 4                /* the reference's threads checked against the host */
#define FMA_CMP_THREADS 256u
#define FMA_LAUNCH_MS 20.0          /* a launch's length when iters is 0 */
#define FMA_MAX_ITERS 10000000u

static int fma_precision_check(const char *text, char *why, size_t whylen)
{
	if (!strcasecmp(text, "fp32") || !strcasecmp(text, "fp64") || !strcmp(text, "32") || !strcmp(text, "64"))
		return 0;
	c_snprintf(why, whylen, "'%s' is not a precision: give fp32 or fp64", text);
	return -1;
}

static const struct kernel_param fma_params[] = {
	{ .name = "device", .type = KPARAM_TEXT, .text_def = "0", .unit = "", .check = kgpu_device_check,
	  .help = "GPU: CUDA index, PCI bus id, UUID, or all (each at once; the value is their sum)" },
	{ .name = "precision", .type = KPARAM_TEXT, .text_def = "fp32", .unit = "", .check = fma_precision_check,
	  .help = "fp32 or fp64" },
	{ .name = "iters", .type = KPARAM_INT, .def = 0, .min = 0, .max = FMA_MAX_ITERS, .unit = "",
	  .help = "loop trips per thread, 128 FMAs each (0: sized to about 20 ms a launch on each GPU)" },
	{ .name = "threads", .type = KPARAM_INT, .def = 256, .min = 32, .max = 1024, .unit = "threads",
	  .help = "threads per block" },
	{ .name = "blocks", .type = KPARAM_INT, .def = 0, .min = 0, .max = 1 << 30, .unit = "",
	  .help = "blocks per launch (0: 8 per SM)" },
	{ .name = "launches", .type = KPARAM_INT, .def = 20, .min = 1, .max = 1e5, .unit = "",
	  .help = "kernel launches timed per iteration" },
	{ .name = NULL },
};

struct fma {
	struct kgpu *g;
	int fp64;
	unsigned threads, launches;
};

static const float fma_b32 = 0.999f, fma_c32 = 0.001f;
static const double fma_b64 = 0.999, fma_c64 = 0.001;

struct fma_buf {
	CUfunction fn, cmp;
	CUdeviceptr out, ref, count;     /* the launches' results, the reference, mismatches (u32) */
	unsigned long long words;        /* 32-bit words of the results */
	unsigned blocks, iters;          /* this GPU's: iters sized to its clock when the param is 0 */
	unsigned nverify;
	double want[FMA_VERIFY];         /* the first threads' results, replayed once on the host */
	float b32, c32;                  /* the kernel's arguments, where args points */
	double b64, c64;
};

static void fma_free_priv(struct kgpu *g, int i)
{
	struct fma_buf *b = g->dev[i].priv;
	CUdeviceptr *bufs[] = { &b->out, &b->ref, &b->count };
	for (size_t j = 0; j < sizeof bufs / sizeof *bufs; j++)
		if (*bufs[j])
			g->api->MemFree(*bufs[j]);
	free(b);
	g->dev[i].priv = NULL;
}

static void fma_teardown(struct kernel_ctx *k)
{
	struct fma *f = k->priv;
	if (!f)
		return;
	kgpu_close(f->g, fma_free_priv);
	free(f);
	k->priv = NULL;
}

/* This GPU's trip count (the param's, or sized by its clock) and the results to expect. */
static int fma_size(struct kgpu *g, int i, const struct fma *f, unsigned iters)
{
	struct kgpu_dev *dev = &g->dev[i];
	struct fma_buf *b = dev->priv;
	b->b32 = fma_b32, b->c32 = fma_c32, b->b64 = fma_b64, b->c64 = fma_c64;
	b->iters = iters;
	void *args[] = { &b->out, &b->iters, f->fp64 ? (void *)&b->b64 : (void *)&b->b32,
	                 f->fp64 ? (void *)&b->c64 : (void *)&b->c32 };
	if (!iters && cuda_size_launch(g->api, b->fn, b->blocks, f->threads, dev->stream, dev->ev, args, &b->iters,
	                               FMA_MAX_ITERS, FMA_LAUNCH_MS, dev->why, sizeof dev->why) < 0)
		return -1;
	b->nverify = b->blocks * f->threads < FMA_VERIFY ? b->blocks * f->threads : FMA_VERIFY;
	for (unsigned t = 0; t < b->nverify; t++)
		b->want[t] = f->fp64 ? cuda_ptx_fma_f64_expect(t, b->iters, b->b64, b->c64)
		                     : cuda_ptx_fma_f32_expect(t, b->iters, b->b32, b->c32);
	return 0;
}

/* The first threads' results in buf against the host's replay: a GPU that computes wrong fails. */
static int fma_verify(struct kgpu *g, int i, const struct fma *f, CUdeviceptr buf)
{
	struct kgpu_dev *dev = &g->dev[i];
	struct fma_buf *b = dev->priv;
	union { float f[FMA_VERIFY]; double d[FMA_VERIFY]; } got;
	if (kgpu_ok(g, i, "cuMemcpyDtoH", g->api->MemcpyDtoH(&got, buf, b->nverify * (f->fp64 ? 8u : 4u))) < 0)
		return -1;
	for (unsigned t = 0; t < b->nverify; t++) {
		double want = b->want[t];
		double have = f->fp64 ? got.d[t] : got.f[t];
		if (have != want) {
			c_snprintf(dev->why, sizeof dev->why, "GPU %d (%s): thread %u computed %.17g, expected %.17g",
			         dev->d.ordinal, dev->d.bus_id, t, have, want);
			return -1;
		}
	}
	return 0;
}

/* The reference every launch is compared with: one launch, its first threads checked against
 * the host's replay, and the mismatch count zeroed. 0, or -1 with dev->why. */
static int fma_reference(struct kgpu *g, int i, const struct fma *f)
{
	struct kgpu_dev *dev = &g->dev[i];
	struct fma_buf *b = dev->priv;
	const struct cuda_api *api = g->api;
	void *args[] = { &b->ref, &b->iters, f->fp64 ? (void *)&b->b64 : (void *)&b->b32,
	                 f->fp64 ? (void *)&b->c64 : (void *)&b->c32 };
	if (kgpu_ok(g, i, "cuLaunchKernel", api->LaunchKernel(b->fn, b->blocks, 1, 1, f->threads, 1, 1, 0, dev->stream,
	                                                     args, NULL)) < 0 ||
	    kgpu_ok(g, i, "cuMemsetD32", api->MemsetD32(b->count, 0, 1)) < 0 ||
	    kgpu_ok(g, i, "cuStreamSynchronize", api->StreamSynchronize(dev->stream)) < 0 ||
	    kgpu_ok(g, i, "cuCtxSynchronize", api->CtxSynchronize()) < 0)
		return -1;
	return fma_verify(g, i, f, b->ref);
}

static int fma_setup(struct kernel_ctx *k)
{
	struct fma *f = calloc(1, sizeof *f);
	if (!f)
		return kutil_fail(k, "out of memory");
	k->priv = f;
	f->fp64 = strstr(k->text[P_PRECISION], "64") != NULL;
	f->threads = (unsigned)kutil_param(k, P_THREADS);
	f->launches = (unsigned)kutil_param(k, P_LAUNCHES);
	if (kgpu_open(k, P_DEVICE, KGPU_MODULE, &f->g) < 0) {
		fma_teardown(k);
		return -1;
	}
	struct kgpu *g = f->g;
	for (int i = 0; i < g->n; i++) {
		struct fma_buf *b = calloc(1, sizeof *b);
		if (!b) {
			fma_teardown(k);
			return kutil_fail(k, "out of memory");
		}
		g->dev[i].priv = b;
		b->blocks = kgpu_blocks(&g->dev[i], kutil_param(k, P_BLOCKS), 8);
		size_t bytes = (size_t)b->blocks * f->threads * (f->fp64 ? 8 : 4);
		const char *name = f->fp64 ? "bt_fma_f64" : "bt_fma_f32";
		b->words = bytes / 4;
		if (kgpu_use(g, i) < 0 ||
		    kgpu_ok(g, i, "cuModuleGetFunction", g->api->ModuleGetFunction(&b->fn, g->dev[i].mod, name)) < 0 ||
		    kgpu_ok(g, i, "cuModuleGetFunction", g->api->ModuleGetFunction(&b->cmp, g->dev[i].mod, "bt_compare")) < 0 ||
		    kgpu_ok(g, i, "cuMemAlloc", g->api->MemAlloc(&b->out, bytes)) < 0 ||
		    kgpu_ok(g, i, "cuMemAlloc", g->api->MemAlloc(&b->ref, bytes)) < 0 ||
		    kgpu_ok(g, i, "cuMemAlloc", g->api->MemAlloc(&b->count, 4)) < 0 ||
		    fma_size(g, i, f, (unsigned)kutil_param(k, P_ITERS)) < 0 || fma_reference(g, i, f) < 0) {
			kutil_fail(k, "%s", g->dev[i].why);
			fma_teardown(k);
			return -1;
		}
	}
	return 0;
}

static struct fma *fma_of(struct kgpu *g)
{
	return g->k->priv;
}

/* Launch l's two events: two pairs in turn, so that one launch is timed while the next runs. */
static CUevent *fma_pair(struct kgpu_dev *dev, unsigned l)
{
	return &dev->ev[(l % 2) * 2];
}

/* f->launches launches, each between its own two events and followed, outside them, by a compare
 * of all its results with the reference. A pair's time is read (waiting for that launch) before
 * the pair is used again, so the GPU always has the next launch queued. ms of FMA time, or -1. */
static double fma_launches(struct kgpu *g, int i, const struct fma *f)
{
	struct kgpu_dev *dev = &g->dev[i];
	struct fma_buf *b = dev->priv;
	const struct cuda_api *api = g->api;
	void *args[] = { &b->out, &b->iters, f->fp64 ? (void *)&b->b64 : (void *)&b->b32,
	                 f->fp64 ? (void *)&b->c64 : (void *)&b->c32 };
	void *cmp[] = { &b->ref, &b->out, &b->words, &b->count };
	unsigned cmp_blocks = (unsigned)(b->words / FMA_CMP_THREADS + 1 < 4096 ? b->words / FMA_CMP_THREADS + 1 : 4096);
	double total = 0;
	for (unsigned l = 0; l < f->launches + 2; l++) {
		CUevent *e = fma_pair(dev, l);
		if (l >= 2) {   /* launch l - 2 used this pair */
			double ms = l - 2 < f->launches ? kgpu_elapsed_ms(g, i, e[0], e[1]) : 0;
			if (ms < 0)
				return -1;
			total += ms;
		}
		if (l >= f->launches)
			continue;
		if (kgpu_ok(g, i, "cuEventRecord", api->EventRecord(e[0], dev->stream)) < 0 ||
		    kgpu_ok(g, i, "cuLaunchKernel", api->LaunchKernel(b->fn, b->blocks, 1, 1, f->threads, 1, 1, 0, dev->stream,
		                                                     args, NULL)) < 0 ||
		    kgpu_ok(g, i, "cuEventRecord", api->EventRecord(e[1], dev->stream)) < 0 ||
		    kgpu_ok(g, i, "cuLaunchKernel", api->LaunchKernel(b->cmp, cmp_blocks, 1, 1, FMA_CMP_THREADS, 1, 1, 0,
		                                                     dev->stream, cmp, NULL)) < 0)
			return -1;
		if (l == 0)
			dev->sm_clock_mhz = nvml_peer_sm_clock(dev->peer);   /* while the launches run */
	}
	return total;
}

/* Mismatches the compares counted, read once the last one is done; 0, or -1 naming how many. */
static int fma_mismatches(struct kgpu *g, int i, const struct fma *f)
{
	struct kgpu_dev *dev = &g->dev[i];
	struct fma_buf *b = dev->priv;
	unsigned bad = 0;
	if (kgpu_ok(g, i, "cuStreamSynchronize", g->api->StreamSynchronize(dev->stream)) < 0 ||
	    kgpu_ok(g, i, "cuMemcpyDtoH", g->api->MemcpyDtoH(&bad, b->count, sizeof bad)) < 0)
		return -1;
	if (!bad)
		return 0;
	c_snprintf(dev->why, sizeof dev->why, "GPU %d (%s): %u of the %llu result words of %u launches differ from "
	           "the reference", dev->d.ordinal, dev->d.bus_id, bad, b->words, f->launches);
	g->api->MemsetD32(b->count, 0, 1);   /* the next iteration counts afresh */
	return -1;
}

static int fma_body(struct kgpu *g, int i)
{
	struct fma *f = fma_of(g);
	struct kgpu_dev *dev = &g->dev[i];
	struct fma_buf *b = dev->priv;
	double ms = fma_launches(g, i, f);
	if (ms < 0 || fma_mismatches(g, i, f) < 0 || fma_verify(g, i, f, b->out) < 0)
		return -1;
	double flop = (double)f->launches * b->blocks * f->threads * b->iters * CUDA_PTX_FMA_PER_ITER * 2.0;
	dev->value = flop / (ms > 0 ? ms * 1e-3 : 1e-9) / 1e12;
	return 0;
}

/* "fp32 61.2 TFLOP/s = 91.5 % of the 66.9 TFLOP/s vector peak at 1980 MHz (NVML SM clock) on ..." */
static void fma_note(struct kernel_ctx *k)
{
	const struct fma *f = k->priv;
	const struct kgpu *g = f->g;
	double peak = 0, clock = 0;
	int from_nvml = 1;
	for (int i = 0; i < g->n; i++) {
		const struct kgpu_dev *dev = &g->dev[i];
		double mhz = dev->sm_clock_mhz;
		if (!(mhz > 0)) {
			mhz = dev->d.clock_mhz;
			from_nvml = 0;
		}
		peak += cuda_device_peak_flops(&dev->d, f->fp64, mhz) / 1e12;
		clock += mhz / g->n;
	}
	double tf = kgpu_total(g);
	const struct kgpu_dev *d0 = &g->dev[0];
	char on[160];
	kgpu_on(g, on, sizeof on);
	if (isfinite(peak) && peak > 0)
		c_snprintf(k->note, sizeof k->note, "%s %.2f TFLOP/s = %.1f %% of the %.2f TFLOP/s vector peak at "
		         "%.0f MHz (%s) on %s", f->fp64 ? "fp64" : "fp32", tf, 100 * tf / peak, peak, clock,
		         from_nvml ? "NVML SM clock" : "boost clock, NVML gave none", on);
	else
		c_snprintf(k->note, sizeof k->note, "%s %.2f TFLOP/s on %s (peak unknown for compute capability %d.%d)",
		         f->fp64 ? "fp64" : "fp32", tf, on, d0->d.cc_major, d0->d.cc_minor);
}

static int fma_iterate(struct kernel_ctx *k, double *value)
{
	return kgpu_iterate(((struct fma *)k->priv)->g, fma_body, fma_note, value);
}

const struct kernel_class kernel_gpu_fma = {
	.name = "gpu.fma",
	.help = "NVIDIA GPU FP32 or FP64 fused multiply-add throughput (CUDA driver, PTX JIT)",
	.metric = "throughput",
	.unit = "TFLOP/s",
	.higher_is_better = 1,
	.params = fma_params,
	.setup = fma_setup,
	.iterate = fma_iterate,
	.teardown = fma_teardown,
	.available = kgpu_available,
};
