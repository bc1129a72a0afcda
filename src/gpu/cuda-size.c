#include "config.h"

#include "cuda-size.h"
#include "util.h"

static int size_ok(const struct cuda_api *api, const char *what, CUresult rc, char *why, size_t whylen)
{
	if (rc == CUDA_SUCCESS)
		return 0;
	char err[160];
	c_snprintf(why, whylen, "%s: %s", what, cuda_error_text(api, rc, err, sizeof err));
	return -1;
}

static int size_launch(const struct cuda_api *api, CUfunction fn, unsigned blocks, unsigned threads,
                       CUstream stream, void **args, char *why, size_t whylen)
{
	return size_ok(api, "cuLaunchKernel",
	               api->LaunchKernel(fn, blocks, 1, 1, threads, 1, 1, 0, stream, args, NULL), why, whylen);
}

int cuda_size_launch(const struct cuda_api *api, CUfunction fn, unsigned blocks, unsigned threads,
                     CUstream stream, CUevent ev[2], void **args, unsigned *iters, unsigned max_iters,
                     double target_ms, char *why, size_t whylen)
{
	if (max_iters < 1)
		max_iters = 1;
	*iters = 1;
	if (size_launch(api, fn, blocks, threads, stream, args, why, whylen) < 0 ||
	    size_ok(api, "cuStreamSynchronize", api->StreamSynchronize(stream), why, whylen) < 0)
		return -1;
	float ms = 0;
	for (;;) {
		if (size_ok(api, "cuEventRecord", api->EventRecord(ev[0], stream), why, whylen) < 0 ||
		    size_launch(api, fn, blocks, threads, stream, args, why, whylen) < 0 ||
		    size_ok(api, "cuEventRecord", api->EventRecord(ev[1], stream), why, whylen) < 0 ||
		    size_ok(api, "cuEventSynchronize", api->EventSynchronize(ev[1]), why, whylen) < 0 ||
		    size_ok(api, "cuEventElapsedTime", api->EventElapsedTime(&ms, ev[0], ev[1]), why, whylen) < 0)
			return -1;
		if (ms >= 1.0f || *iters >= max_iters)
			break;
		/* Aim the next launch at 2 ms, but grow at most 64 times: a launch of a few trips is
		 * mostly overhead and reads long, never short, so this only ever undershoots. */
		double grow = ms > 0 ? 2.0 / ms : 64;
		grow = grow < 2 ? 2 : grow > 64 ? 64 : grow;
		double next = *iters * grow;
		*iters = next > max_iters ? max_iters : (unsigned)next;
	}
	double want = ms > 0 ? *iters * target_ms / ms : max_iters;
	*iters = want < 1 ? 1 : want > max_iters ? max_iters : (unsigned)want;
	return 0;
}
