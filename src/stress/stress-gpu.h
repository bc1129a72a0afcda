/* stress-gpu.h - between the gpu generator (stress-gpu.c: settings, workers, what they publish)
 * and its workers' CUDA work (stress-gpu-work.c: a GPU's context, module and buffers, and the
 * checked steps). Only these two files include it.
 *
 * A worker: gpu_ready on its thread, then steps until it stops or a step fails (-1, with the
 * reason in x->why), then gpu_release_work whatever happened.
 */
#ifndef BENCHTOP_STRESS_GPU_H
#define BENCHTOP_STRESS_GPU_H

#include <stdatomic.h>
#include <stdint.h>

#include "cuda-api.h"
#include "cuda-device.h"
#include "nvml-peer.h"
#include "stressor.h"

#define GPU_PERIOD    0.1            /* seconds */
#define GPU_STEP_MS   5.0            /* GPU time of one step (launches between two syncs) */
#define GPU_THREADS   256u
#define GPU_BYTES     (256.0 * 1024 * 1024)

enum gpu_method { GPU_FMA, GPU_BANDWIDTH, GPU_MIXED };

/* One GPU: the device (main thread, before its worker starts) and what its worker publishes. */
struct gpu_slot {
	struct cuda_device d;
	_Atomic uint64_t tflops, gbps, temp, power, clock;   /* double bits, from its worker */
	_Atomic uint64_t busy_pct;       /* double bits, from the sampler: the last interval's */
	atomic_llong errors, checks;
	atomic_int failed;               /* its worker stopped on an error (release: why is written) */
	atomic_int ended;                /* its worker stopped when asked (release) */
	char why[160];                   /* written by its worker before failed */
	char lost[160];                  /* main, at plan: why the device could not be had again */
	long long heard;                 /* main thread: errors already said */
	int verdict_said;                /* main thread: its worker's end was said */
	int died;                        /* main thread: it failed at some time in the run ... */
	char died_why[160];              /* ... and the first failure's error */
	double carry_ns;                 /* sampler thread: busy time that overflowed an interval */
};

struct gpu_settings {
	enum gpu_method method;
	double bytes;
	int blocks;
	int ndev;                        /* slots of the last plan: its workers */
	int nknown;                      /* slots that ever had a GPU: the ones listed */
	struct gpu_slot slot[CUDA_MAX_DEVICES];
};

/* A worker's CUDA objects. */
struct gpu_work {
	const struct cuda_api *api;
	struct gpu_slot *slot;
	struct stress_worker *w;
	CUdevice dev;
	int entered;
	CUmodule mod;
	CUfunction fma, copy, compare;
	CUstream stream;
	CUevent ev[2];
	CUdeviceptr ref, out, count, src, dst;
	unsigned blocks, iters;
	unsigned long long nref, vecs, words;   /* fma results; bandwidth vectors and words */
	int copies;                      /* copy+compare pairs per bandwidth step */
	int launches;                    /* fma+compare pairs per fma step */
	struct nvml_peer *peer;
	char why[200];
};

/* The worker's CUDA objects for st's method, on x->dev. 0, or -1 with x->why. */
int    gpu_ready(struct gpu_work *x, const struct gpu_settings *st);
/* One step of checked launches, about GPU_STEP_MS of GPU time: ms it took and the FLOP or bytes
 * it did in *units, or -1 with x->why. Mismatches and checks go to x->slot. */
double gpu_fma_step(struct gpu_work *x, double *flop);
double gpu_bw_step(struct gpu_work *x, double *bytes);
/* Frees what gpu_ready made, even after a fault that ended the context. */
void   gpu_release_work(struct gpu_work *x);

#endif
