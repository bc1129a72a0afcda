/* cuda-size.h - sizing a kernel's launch by the GPU's own clock.
 *
 * How long a launch of N loop trips takes differs a thousandfold between a laptop's GPU and
 * a data-centre one, so a fixed trip count is either too short to time (launch overhead and
 * the events' resolution dominate) or long enough to trip a display GPU's watchdog. The
 * kernels that loop ask the GPU instead. */
#ifndef BENCHTOP_CUDA_SIZE_H
#define BENCHTOP_CUDA_SIZE_H

#include <stddef.h>

#include "cuda-api.h"

/* Sets *iters, which args hands fn as its trip count, so that one launch of fn takes about
 * target_ms on stream: one untimed launch first (the JIT's first run, clocks rising from
 * idle), then launches timed with ev[0] and ev[1], *iters growing until one takes at least
 * a millisecond, then scaled to the target. *iters ends within [1, max_iters]. The caller's
 * context is current. 0, or -1 with why naming the call that failed. */
int cuda_size_launch(const struct cuda_api *api, CUfunction fn, unsigned blocks, unsigned threads,
                     CUstream stream, CUevent ev[2], void **args, unsigned *iters, unsigned max_iters,
                     double target_ms, char *why, size_t whylen);

#endif
