/* fake-cuda-run.c - the fake libcuda's modules (a JIT that checks the PTX header against the
 * driver and the device) and launches, which run benchtop's kernels on the CPU. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake-cuda.h"

/* The PTX ISA this fake driver's JIT knows, x 10. */
static int fake_driver_isa(void)
{
	int v = fake_env("FAKE_CUDA_DRIVER", 12040), major = v / 1000, minor = v % 1000 / 10;
	if (major >= 13)
		return 90;
	if (major == 12)
		return minor <= 5 ? 80 + minor : 79 + minor;
	if (major == 11)
		return 70 + minor;
	return 60;
}

static CUresult fake_jit_fail(CUresult rc, const char *log, unsigned n, int *opts, void **vals)
{
	char *buf = NULL;
	size_t *sizep = NULL, size = 0;
	for (unsigned i = 0; i < n; i++) {
		if (opts[i] == 5)
			buf = vals[i];
		if (opts[i] == 6) {
			sizep = (size_t *)&vals[i];
			size = (size_t)(uintptr_t)vals[i];
		}
	}
	if (buf && size) {
		snprintf(buf, size, "%s", log);
		*sizep = strlen(log) + 1 < size ? strlen(log) + 1 : size;
	}
	return rc;
}

CUresult cuModuleLoadDataEx(CUmodule *m, const void *image, unsigned n, int *opts, void **vals)
{
	int dev;
	CUresult rc = fake_in_ctx("cuModuleLoadDataEx", &dev);
	if (rc)
		return rc;
	const char *ptx = image;
	char log[256];
	if (fake_env("FAKE_CUDA_JIT_FAIL", 0))
		return fake_jit_fail(218, "ptxas application ptx input, line 42; error   : Unknown symbol 'bt_nope'\n"
		                          "ptxas fatal   : Ptx assembly aborted due to errors\n", n, opts, vals);
	const char *ver = strstr(ptx, "\n.version "), *tgt = strstr(ptx, "\n.target sm_");
	int vmaj = 0, vmin = 0, sm = 0;
	if (!ver || sscanf(ver, "\n.version %d.%d", &vmaj, &vmin) != 2 || !tgt ||
	    sscanf(tgt, "\n.target sm_%d", &sm) != 1 || !strstr(ptx, "\n.address_size 64"))
		return fake_jit_fail(218, "ptxas application ptx input, line 1; fatal   : Missing .version directive\n",
		                     n, opts, vals);
	if (vmaj * 10 + vmin > fake_driver_isa()) {
		snprintf(log, sizeof log, "ptxas application ptx input, line 5; fatal   : Unsupported .version %d.%d; "
		         "current version is '%d.%d'\n", vmaj, vmin, fake_driver_isa() / 10, fake_driver_isa() % 10);
		return fake_jit_fail(222, log, n, opts, vals);
	}
	if (sm > fake_gpus[dev].cc_major * 10 + fake_gpus[dev].cc_minor) {
		snprintf(log, sizeof log, "ptxas application ptx input, line 6; error   : Target sm_%d is newer than "
		         "this GPU\n", sm);
		return fake_jit_fail(218, log, n, opts, vals);
	}
	struct CUmod_st *mod = calloc(1, sizeof *mod);
	if (!mod)
		return 2;
	mod->dev = dev;
	for (const char *p = ptx; (p = strstr(p, ".entry ")) && mod->n < 8; p++) {
		mod->fn[mod->n].dev = dev;
		sscanf(p, ".entry %31[A-Za-z0-9_$](", mod->fn[mod->n++].name);
	}
	pthread_mutex_lock(&fake_mu);
	fake_live_objects++;
	pthread_mutex_unlock(&fake_mu);
	*m = mod;
	return 0;
}

CUresult cuModuleGetFunction(CUfunction *f, CUmodule m, const char *name)
{
	int dev;
	CUresult rc = fake_in_ctx("cuModuleGetFunction", &dev);
	if (rc)
		return rc;
	if (!m || m->dev != dev)
		return 400;                    /* INVALID_HANDLE */
	for (int i = 0; i < m->n; i++)
		if (!strcmp(m->fn[i].name, name)) {
			*f = &m->fn[i];
			return 0;
		}
	return 500;
}

CUresult cuModuleUnload(CUmodule m)
{
	int dev;
	int may_free;
	CUresult rc = fake_in_ctx_release("cuModuleUnload", &dev, &may_free);
	if (!may_free)
		return rc;
	free(m);
	pthread_mutex_lock(&fake_mu);
	fake_live_objects--;
	pthread_mutex_unlock(&fake_mu);
	return rc;
}

/* The kernels of src/gpu/cuda-ptx.h, on the CPU (bt_fma_*: 16 rounds of the 8 chains a trip). */
static void fake_fma32(float *out, unsigned threads, unsigned iters, float b, float c)
{
	for (unsigned t = 0; t < threads; t++) {
		float x[8], sum;
		for (int j = 0; j < 8; j++)
			x[j] = (float)(t + (unsigned)j) * 0x1p-24f;
		for (unsigned i = 0; i < iters * 16; i++)
			for (int j = 0; j < 8; j++)
				x[j] = fmaf(x[j], b, c);
		sum = x[0];
		for (int j = 1; j < 8; j++)
			sum += x[j];
		out[t] = sum;
	}
}

static void fake_fma64(double *out, unsigned threads, unsigned iters, double b, double c)
{
	for (unsigned t = 0; t < threads; t++) {
		double x[8], sum;
		for (int j = 0; j < 8; j++)
			x[j] = (double)(t + (unsigned)j) * 0x1p-24;
		for (unsigned i = 0; i < iters * 16; i++)
			for (int j = 0; j < 8; j++)
				x[j] = fma(x[j], b, c);
		sum = x[0];
		for (int j = 1; j < 8; j++)
			sum += x[j];
		out[t] = sum;
	}
}

static CUresult fake_run(int dev, const char *name, unsigned threads, void **p)
{
	if (!strcmp(name, "bt_fma_f32") || !strcmp(name, "bt_fma_f64")) {
		int f64 = name[8] == '6';
		size_t each = f64 ? 8 : 4;
		void *out = fake_dptr(dev, *(CUdeviceptr *)p[0], threads * each);
		if (!out)
			return 700;
		unsigned iters = *(unsigned *)p[1];
		if (f64)
			fake_fma64(out, threads, iters, *(double *)p[2], *(double *)p[3]);
		else
			fake_fma32(out, threads, iters, *(float *)p[2], *(float *)p[3]);
		int every = fake_env("FAKE_CUDA_CORRUPT_EVERY", 0);
		pthread_mutex_lock(&fake_mu);
		long nth = ++fake_fma_launches[dev];
		fake_fma_iters[dev] = iters;
		pthread_mutex_unlock(&fake_mu);
		if (every > 0 && dev == fake_env("FAKE_CUDA_DEVICE", 0) && nth % every == 0) {
			if (f64)
				((double *)out)[threads / 2] += 1.0;
			else
				((float *)out)[threads / 2] += 1.0f;
		}
		return 0;
	}
	if (!strcmp(name, "bt_copy")) {
		unsigned long long n = *(unsigned long long *)p[2];
		void *dst = fake_dptr(dev, *(CUdeviceptr *)p[0], n * 16), *src = fake_dptr(dev, *(CUdeviceptr *)p[1], n * 16);
		if (!dst || !src)
			return 700;
		memmove(dst, src, n * 16);
		return 0;
	}
	if (!strcmp(name, "bt_triad")) {
		unsigned long long n = *(unsigned long long *)p[3];
		float *a = fake_dptr(dev, *(CUdeviceptr *)p[0], n * 16), *b = fake_dptr(dev, *(CUdeviceptr *)p[1], n * 16);
		float *c = fake_dptr(dev, *(CUdeviceptr *)p[2], n * 16), s = *(float *)p[4];
		if (!a || !b || !c)
			return 700;
		for (unsigned long long i = 0; i < n * 4; i++)
			a[i] = fmaf(c[i], s, b[i]);
		return 0;
	}
	if (!strcmp(name, "bt_compare")) {
		unsigned long long n = *(unsigned long long *)p[2];
		uint32_t *ref = fake_dptr(dev, *(CUdeviceptr *)p[0], n * 4), *got = fake_dptr(dev, *(CUdeviceptr *)p[1], n * 4);
		uint32_t *count = fake_dptr(dev, *(CUdeviceptr *)p[3], 4);
		if (!ref || !got || !count)
			return 700;
		for (unsigned long long i = 0; i < n; i++)
			*count += ref[i] != got[i];
		return 0;
	}
	return 1;
}

CUresult cuLaunchKernel(CUfunction f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by,
                        unsigned bz, unsigned shmem, CUstream s, void **params, void **extra)
{
	int dev;
	CUresult rc = fake_in_ctx("cuLaunchKernel", &dev);
	if (rc)
		return rc;
	if (!f || f->dev != dev || (s && s->dev != dev))
		return 400;
	if (!gx || !bx || bx > 1024 || gy != 1 || gz != 1 || by != 1 || bz != 1 || extra || !params)
		return 1;
	pthread_mutex_lock(&fake_mu);
	long nth = ++fake_launches[dev];
	int fail = dev == fake_env("FAKE_CUDA_DEVICE", 0) ? fake_env("FAKE_CUDA_FAIL_AFTER", -1) : -1;
	if (fail >= 0 && nth > fail)
		fake_ctx[dev].lost = 1;
	rc = fake_dev_state(dev);
	pthread_mutex_unlock(&fake_mu);
	if (rc)
		return rc;
	return fake_run(dev, f->name, gx * bx, params);
}
