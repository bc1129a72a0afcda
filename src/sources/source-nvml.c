/* source-nvml.c - NVIDIA GPUs through NVML, loaded with dlopen at run time.
 *
 * No NVIDIA SDK is needed to build: the few NVML types and entry points used here are
 * declared in nvml-abi.h with the layout of nvml.h, and each symbol is resolved with versioned
 * fallbacks, newest first, so old and new drivers both work. Without the library there
 * is simply no NVIDIA GPU. GPUs are keyed by PCI bus id; a GPU that falls off the bus
 * (NVML_ERROR_GPU_IS_LOST) is dropped from later frames while the others go on.
 */
#include "config.h"

#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nvml-abi.h"
#include "source.h"
#include "util.h"

/* Layouts the versioned calls check through their version field: nvml.h's values on the
 * 64-bit systems NVML ships for (i386 aligns 64-bit fields to 4 bytes and has its own). */
#if defined(__LP64__)
_Static_assert(NVML_VERSION_OF(nvmlMemory_v2_t, 2) == 0x02000028, "nvmlMemory_v2_t layout");
#endif
_Static_assert(NVML_VERSION_OF(nvmlTemperature_v1_t, 1) == 0x0100000C, "nvmlTemperature_v1_t layout");
_Static_assert(sizeof(nvmlPciInfo_t) == 68, "nvmlPciInfo_t layout");

struct nvml_gpu {
	nvmlDevice_t dev;
	char name[64];
	char bus_id[32];
	char uuid[80];                    /* "GPU-...", or "" when NVML does not say */
	int lost;                         /* fell off the bus: never asked again */
	int no_mem_v2, no_temp_v;         /* the newer call failed here: use the older one */
};

struct nvml {
	void *lib;
	nvml_void_fn shutdown;
	nvml_errstr_fn error_string;
	nvml_util_fn utilization;
	nvml_mem2_fn memory_v2;
	nvml_mem_fn memory;
	nvml_tempv_fn temperature_v;
	nvml_temp_fn temperature;
	nvml_uint_fn power;
	nvml_clock_fn clock;
	nvml_reasons_fn reasons;
	int ngpus;
	struct nvml_gpu gpus[FRAME_MAX_GPUS];
};

/* The first of names that the library exports, or NULL. */
static void *nvml_sym(void *lib, const char *const *names)
{
	for (; *names; names++) {
		void *p = dlsym(lib, *names);
		if (p)
			return p;
	}
	return NULL;
}

#define NVML_SYM(lib, ...) nvml_sym((lib), (const char *const[]){ __VA_ARGS__, NULL })

static const char *nvml_strerror(const struct nvml *n, nvmlReturn_t rc)
{
	const char *s = n->error_string ? n->error_string(rc) : NULL;
	return s ? s : "unknown NVML error";
}

static void nvml_why_dlopen(const char *path, char *why, size_t whylen)
{
	/* A file that is there but will not load deserves the loader's reason. */
	if (strchr(path, '/') && access(path, F_OK) == 0) {
		const char *e = dlerror();
		snprintf(why, whylen, "%s", e ? e : path);
	} else {
		snprintf(why, whylen, "%s not found", path);
	}
}

/* Name, bus id and UUID do not change while a GPU is up, so they are read once. */
static void nvml_identify(void *lib, struct nvml_gpu *g)
{
	nvml_name_fn get_uuid = (nvml_name_fn)NVML_SYM(lib, "nvmlDeviceGetUUID");   /* same shape as GetName */
	char uuid[96] = "";
	g->uuid[0] = '\0';
	if (get_uuid && get_uuid(g->dev, uuid, sizeof uuid) == NVML_SUCCESS)
		str_copy(g->uuid, uuid, sizeof g->uuid);

	nvml_name_fn get_name = (nvml_name_fn)NVML_SYM(lib, "nvmlDeviceGetName");
	char name[NVML_DEVICE_NAME_V2_BUFFER_SIZE] = "";
	if (get_name && get_name(g->dev, name, sizeof name) == NVML_SUCCESS && name[0])
		str_copy(g->name, name, sizeof g->name);
	else
		str_copy(g->name, "NVIDIA GPU", sizeof g->name);

	nvmlPciInfo_t pci;
	nvml_pci_fn get_pci = (nvml_pci_fn)NVML_SYM(lib, "nvmlDeviceGetPciInfo_v3",
	                                            "nvmlDeviceGetPciInfo_v2");
	int legacy = !get_pci;
	if (legacy)
		get_pci = (nvml_pci_fn)NVML_SYM(lib, "nvmlDeviceGetPciInfo");
	memset(&pci, 0, sizeof pci);
	g->bus_id[0] = '\0';
	if (get_pci && get_pci(g->dev, &pci) == NVML_SUCCESS) {
		pci.busIdLegacy[sizeof pci.busIdLegacy - 1] = '\0';
		pci.busId[sizeof pci.busId - 1] = '\0';
		str_copy(g->bus_id, legacy || !pci.busId[0] ? pci.busIdLegacy : pci.busId, sizeof g->bus_id);
	}
}

static void nvml_close(void *priv)
{
	struct nvml *n = priv;
	if (!n)
		return;
	if (n->shutdown)
		n->shutdown();
	dlclose(n->lib);
	free(n);
}

static int nvml_open(const struct source_env *env, void **priv, char *why, size_t whylen)
{
	const char *path = env->nvml_path && *env->nvml_path ? env->nvml_path : "libnvidia-ml.so.1";
	struct nvml *n = calloc(1, sizeof *n);
	if (!n) {
		str_copy(why, "out of memory", whylen);
		return -1;
	}
	n->lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!n->lib) {
		nvml_why_dlopen(path, why, whylen);
		goto fail;
	}
	n->error_string = (nvml_errstr_fn)NVML_SYM(n->lib, "nvmlErrorString");
	nvml_void_fn init = (nvml_void_fn)NVML_SYM(n->lib, "nvmlInit_v2", "nvmlInit");
	nvml_count_fn count = (nvml_count_fn)NVML_SYM(n->lib, "nvmlDeviceGetCount_v2", "nvmlDeviceGetCount");
	nvml_handle_fn handle = (nvml_handle_fn)NVML_SYM(n->lib, "nvmlDeviceGetHandleByIndex_v2",
	                                                 "nvmlDeviceGetHandleByIndex");
	nvml_void_fn shutdown = (nvml_void_fn)NVML_SYM(n->lib, "nvmlShutdown");
	if (!init || !count || !handle || !shutdown) {
		snprintf(why, whylen, "%s is not a usable NVML library", path);
		goto fail;
	}
	nvmlReturn_t rc = init();
	if (rc != NVML_SUCCESS) {
		snprintf(why, whylen, "NVML: %s", nvml_strerror(n, rc));
		goto fail;
	}
	n->shutdown = shutdown;       /* from here on, close must shut NVML down */

	n->utilization = (nvml_util_fn)NVML_SYM(n->lib, "nvmlDeviceGetUtilizationRates");
	n->memory_v2 = (nvml_mem2_fn)NVML_SYM(n->lib, "nvmlDeviceGetMemoryInfo_v2");
	n->memory = (nvml_mem_fn)NVML_SYM(n->lib, "nvmlDeviceGetMemoryInfo");
	n->temperature_v = (nvml_tempv_fn)NVML_SYM(n->lib, "nvmlDeviceGetTemperatureV");
	n->temperature = (nvml_temp_fn)NVML_SYM(n->lib, "nvmlDeviceGetTemperature");
	n->power = (nvml_uint_fn)NVML_SYM(n->lib, "nvmlDeviceGetPowerUsage");
	n->clock = (nvml_clock_fn)NVML_SYM(n->lib, "nvmlDeviceGetClockInfo");
	/* Renamed in driver 535; the older name stays exported. */
	n->reasons = (nvml_reasons_fn)NVML_SYM(n->lib, "nvmlDeviceGetCurrentClocksEventReasons",
	                                       "nvmlDeviceGetCurrentClocksThrottleReasons");

	unsigned int ndev = 0;
	rc = count(&ndev);
	if (rc != NVML_SUCCESS) {
		snprintf(why, whylen, "NVML: %s", nvml_strerror(n, rc));
		goto fail;
	}
	if (ndev == 0) {
		str_copy(why, "no NVIDIA GPU", whylen);
		goto fail;
	}
	nvmlReturn_t last = NVML_SUCCESS;
	for (unsigned int i = 0; i < ndev && n->ngpus < FRAME_MAX_GPUS; i++) {
		struct nvml_gpu *g = &n->gpus[n->ngpus];
		/* A GPU we may not see (another container's, or one already lost) is skipped. */
		if ((rc = handle(i, &g->dev)) != NVML_SUCCESS) {
			last = rc;
			continue;
		}
		nvml_identify(n->lib, g);
		n->ngpus++;
	}
	if (n->ngpus == 0) {
		snprintf(why, whylen, "no NVIDIA GPU usable: %s", nvml_strerror(n, last));
		goto fail;
	}
	*priv = n;
	return 0;

fail:
	if (n->lib)
		nvml_close(n);
	else
		free(n);
	return -1;
}

/* True when rc is success; marks the GPU lost when it fell off the bus. */
static int nvml_ok(struct nvml_gpu *g, nvmlReturn_t rc)
{
	if (rc == NVML_ERROR_GPU_IS_LOST)
		g->lost = 1;
	return rc == NVML_SUCCESS;
}

static double nvml_memory_used(struct nvml *n, struct nvml_gpu *g, double *total)
{
	*total = NAN;
	if (n->memory_v2 && !g->no_mem_v2) {
		/* The version word is size | 2 << 24; its used matches nvidia-smi (reserved apart). */
		nvmlMemory_v2_t m = { .version = NVML_VERSION_OF(nvmlMemory_v2_t, 2) };
		nvmlReturn_t rc = n->memory_v2(g->dev, &m);
		if (nvml_ok(g, rc)) {
			*total = (double)m.total;
			return (double)m.used;
		}
		if (g->lost)
			return NAN;
		/* Drivers refuse a struct they do not know (driver 580 says FUNCTION_NOT_FOUND,
		 * others ARGUMENT_VERSION_MISMATCH): use the first API from now on. */
		g->no_mem_v2 = 1;
	}
	nvmlMemory_t m;
	if (n->memory && nvml_ok(g, n->memory(g->dev, &m))) {
		*total = (double)m.total;
		return (double)m.used;
	}
	return NAN;
}

static double nvml_temperature(struct nvml *n, struct nvml_gpu *g)
{
	if (n->temperature_v && !g->no_temp_v) {
		nvmlTemperature_v1_t t = {
			.version = NVML_VERSION_OF(nvmlTemperature_v1_t, 1),
			.sensorType = NVML_TEMPERATURE_GPU,
		};
		if (nvml_ok(g, n->temperature_v(g->dev, &t)))
			return t.temperature;
		if (g->lost)
			return NAN;
		g->no_temp_v = 1;
	}
	unsigned int c;
	if (n->temperature && nvml_ok(g, n->temperature(g->dev, NVML_TEMPERATURE_GPU, &c)))
		return c;
	return NAN;
}

/* NVML's clock event reasons (nvml.h's nvmlClocksEventReason*) as the frame's slowdown bits:
 * idle, application clocks, sync boost and display settings are not slowdowns a user acts on. */
static const struct { unsigned long long nvml; unsigned bit; } nvml_slowdowns[] = {
	{ nvmlClocksThrottleReasonSwPowerCap, FRAME_GPU_SLOW_POWER },
	{ nvmlClocksThrottleReasonHwSlowdown, FRAME_GPU_SLOW_HW },
	{ nvmlClocksThrottleReasonSwThermalSlowdown, FRAME_GPU_SLOW_THERMAL },
	{ nvmlClocksThrottleReasonHwThermalSlowdown, FRAME_GPU_SLOW_THERMAL },
	{ nvmlClocksThrottleReasonHwPowerBrakeSlowdown, FRAME_GPU_SLOW_HW },
};

/* Fills one frame entry; returns -1 when the GPU is gone and must be left out. */
static int nvml_sample_gpu(struct nvml *n, struct nvml_gpu *g, struct frame_gpu *out)
{
	str_copy(out->name, g->name, sizeof out->name);
	str_copy(out->bus_id, g->bus_id, sizeof out->bus_id);
	str_copy(out->uuid, g->uuid, sizeof out->uuid);
	str_copy(out->backend, "nvml", sizeof out->backend);
	out->util = out->mem_used = out->mem_total = NAN;
	out->temp_c = out->power_w = out->sm_clock_mhz = NAN;

	nvmlUtilization_t u;
	unsigned int v;
	if (n->utilization && nvml_ok(g, n->utilization(g->dev, &u)))
		out->util = u.gpu;
	if (!g->lost)
		out->mem_used = nvml_memory_used(n, g, &out->mem_total);
	if (!g->lost)
		out->temp_c = nvml_temperature(n, g);
	if (!g->lost && n->power && nvml_ok(g, n->power(g->dev, &v)))
		out->power_w = v / 1000.0;   /* milliwatts */
	if (!g->lost && n->clock && nvml_ok(g, n->clock(g->dev, NVML_CLOCK_SM, &v)))
		out->sm_clock_mhz = v;
	unsigned long long r;
	out->slowdown = 0;
	if (!g->lost && n->reasons && nvml_ok(g, n->reasons(g->dev, &r)))
		for (size_t i = 0; i < sizeof nvml_slowdowns / sizeof nvml_slowdowns[0]; i++)
			if (r & nvml_slowdowns[i].nvml)
				out->slowdown |= nvml_slowdowns[i].bit;
	return g->lost ? -1 : 0;
}

static void nvml_sample(void *priv, struct frame *f)
{
	struct nvml *n = priv;
	for (int i = 0; i < n->ngpus && f->ngpus < FRAME_MAX_GPUS; i++) {
		struct nvml_gpu *g = &n->gpus[i];
		if (g->lost)
			continue;
		if (nvml_sample_gpu(n, g, &f->gpus[f->ngpus]) == 0)
			f->ngpus++;
	}
}

const struct source_class source_nvml = {
	.name = "gpu.nvml",
	.sensor = 1,
	.help = "NVIDIA GPUs through NVML (libnvidia-ml.so.1, loaded at run time)",
	.open = nvml_open,
	.sample = nvml_sample,
	.close = nvml_close,
};
