/* cuda-ptx.h - benchtop's GPU kernels, shipped as PTX text and JIT-compiled by the driver.
 *
 * One module holds every kernel. Its header (.version, .target) is chosen at load time from
 * the driver's CUDA version and the device's compute capability, so one binary runs on every
 * GPU from Maxwell on whatever toolkit the driver came with. The entry points and their
 * parameters, in order (pointers are device addresses, counts are elements):
 *
 *   bt_fma_f32(u64 out, u32 iters, f32 b, f32 c)    out[i] = sum of 8 chains x = fma(x, b, c),
 *   bt_fma_f64(u64 out, u32 iters, f64 b, f64 c)    each iterated 16 x iters times, chain j
 *                                                   seeded with (i + j) * 2^-24, i the thread
 *   bt_copy(u64 dst, u64 src, u64 n)                n 16-byte vectors, grid-stride, four a trip
 *   bt_triad(u64 a, u64 b, u64 c, u64 n, f32 s)     a = b + s c over n float4 vectors
 *   bt_compare(u64 ref, u64 got, u64 n, u64 count)  adds to *count (u32) each of n 32-bit
 *                                                   words where got differs from ref
 */
#ifndef BENCHTOP_CUDA_PTX_H
#define BENCHTOP_CUDA_PTX_H

#include <stddef.h>

#include "cuda-api.h"

#define CUDA_PTX_FMA_CHAINS 8
#define CUDA_PTX_FMA_UNROLL 16
/* FMAs per thread per loop iteration. */
#define CUDA_PTX_FMA_PER_ITER (CUDA_PTX_FMA_CHAINS * CUDA_PTX_FMA_UNROLL)

/* What bt_fma_f32 and bt_fma_f64 store for a thread, computed on the host in the kernel's
 * order: fma rounds once as C's fmaf/fma do, so a healthy GPU gives these bits exactly. */
float  cuda_ptx_fma_f32_expect(unsigned thread, unsigned iters, float b, float c);
double cuda_ptx_fma_f64_expect(unsigned thread, unsigned iters, double b, double c);

struct cuda_ptx_choice {
	int isa;                 /* PTX ISA x 10: 78 is ".version 7.8" */
	int sm;                  /* target: 90 is ".target sm_90" */
};

/* The PTX ISA and target for a driver (cuDriverGetVersion) and a device's compute capability:
 * the device's own target when the driver's PTX knows it, else the newest older target it
 * knows (PTX JIT-compiles forward), with the oldest ISA that target allows. -1 when the driver
 * is too old for any target that this device can run. */
int cuda_ptx_choose(int driver_version, int cc_major, int cc_minor, struct cuda_ptx_choice *out);

/* The whole module's text for a choice, in buf (NUL-terminated). Its length, or -1 when buf is
 * too small. */
int cuda_ptx_text(const struct cuda_ptx_choice *c, char *buf, size_t len);

/* JIT-compiles the module for the current context's device (cc major.minor). On failure, why
 * holds the CUDA error and the driver's JIT error log ("... ptxas application ptx input, line
 * 12; error: ..."). 0, or -1 with why. */
int cuda_ptx_load(const struct cuda_api *api, int cc_major, int cc_minor, CUmodule *mod,
                  char *why, size_t whylen);
/* Same, for given PTX text (tests feed a broken module through it). */
int cuda_ptx_load_text(const struct cuda_api *api, const char *ptx, CUmodule *mod, char *why, size_t whylen);

#endif
