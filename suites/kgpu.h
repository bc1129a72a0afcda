/* kgpu.h - what the GPU kernels (suites/kernel-gpu-*.c) share: the devices a `device` param
 * names, each with its primary context, the JIT-compiled module (for kernels that launch one),
 * a stream, timing events and its NVML peer (by bus id) for the clock; running a body on every
 * device at once; and CUDA errors turned into one line naming the GPU.
 *
 * kgpu_open runs in setup on the runner's thread. kgpu_each runs body(g, i) for each device,
 * on that thread when there is one device and on one thread per device otherwise; the body
 * first makes its device's context current (kgpu_use). Only suites/kernel-gpu-*.c include this.
 */
#ifndef BENCHTOP_KGPU_H
#define BENCHTOP_KGPU_H

#include "cuda-api.h"
#include "cuda-device.h"
#include "kernel.h"
#include "nvml-peer.h"

struct kgpu_dev {
	struct cuda_device d;
	CUcontext ctx;
	CUmodule mod;
	CUstream stream, stream2;
	CUevent ev[4];
	struct nvml_peer *peer;      /* NULL without NVML */
	double sm_clock_mhz;         /* NVML's, read while the last timed work ran; NAN if none */
	double value;                /* the body's figure for this device */
	char why[200];               /* the body's failure */
	void *priv;                  /* the kernel's buffers */
};

struct kgpu {
	const struct cuda_api *api;
	struct kernel_ctx *k;
	int n;
	struct kgpu_dev *dev;        /* n of them */
};

/* kernel_class.available for GPU kernels: libcuda loads and has a device. */
int  kgpu_available(char *why, size_t whylen);
/* kernel_param.check for `device`. */
int  kgpu_device_check(const char *text, char *why, size_t whylen);

/* What kgpu_open sets up besides contexts, streams and events. */
enum kgpu_need {
	KGPU_COPIES,                 /* copies only (copy engines): no module, so no PTX JIT to fail */
	KGPU_MODULE,                 /* launches benchtop's kernels: the module, JIT-compiled */
};
/* Opens the devices named by text param `device_param`. 0, or -1 with k->why. */
int  kgpu_open(struct kernel_ctx *k, int device_param, enum kgpu_need need, struct kgpu **out);
/* Releases everything, after free_priv(g, i) for each device with priv set. */
void kgpu_close(struct kgpu *g, void (*free_priv)(struct kgpu *g, int i));

/* Makes device i's context current on this thread. 0, or -1 with dev->why. */
int  kgpu_use(struct kgpu *g, int i);
/* Records a failed call in dev i's why: "GPU 0 (0000:3B:00.0): cuLaunchKernel: ...". Returns -1. */
int  kgpu_fail(struct kgpu *g, int i, const char *what, CUresult rc);
/* 0 when rc is success, else kgpu_fail. */
static inline int kgpu_ok(struct kgpu *g, int i, const char *what, CUresult rc)
{
	return rc == CUDA_SUCCESS ? 0 : kgpu_fail(g, i, what, rc);
}
/* Milliseconds between two recorded events, after waiting for the second; -1 on failure. */
double kgpu_elapsed_ms(struct kgpu *g, int i, CUevent start, CUevent stop);

/* Times `launches` launches of fn on device i's stream with its events ev[0] and ev[1], and reads
 * the SM clock while they run. Milliseconds, or -1 with dev->why. */
double kgpu_time_launches(struct kgpu *g, int i, CUfunction fn, unsigned blocks, unsigned threads, void **args,
                          unsigned launches);
/* "GPU 0 NAME (BUS)" for one device, "N GPUs" for several: where a note says it ran. */
char *kgpu_on(const struct kgpu *g, char *buf, size_t len);
/* A GPU kernel's iterate: body on every device, the sum into *value, then note(k). 0 or -1. */
int  kgpu_iterate(struct kgpu *g, int (*body)(struct kgpu *g, int i), void (*note)(struct kernel_ctx *k),
                  double *value);

/* Runs body on every device at once. 0, or -1 with k->why from the first device that failed. */
int  kgpu_each(struct kgpu *g, int (*body)(struct kgpu *g, int i));
/* The sum of every device's value. */
double kgpu_total(const struct kgpu *g);

/* Blocks for a grid-stride kernel: the param when set (> 0), else per_sm x SMs. */
unsigned kgpu_blocks(const struct kgpu_dev *dev, double param, int per_sm);

#endif
