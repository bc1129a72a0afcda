/* nvml-peer.c - NVML's view of one CUDA device, found by PCI bus id (nvml-peer.h).
 *
 * NVML numbers GPUs by PCI bus while CUDA numbers them fastest first, so every NVML device's
 * bus id is read and compared as numbers with CUDA's. NVML's declarations are nvml-abi.h's.
 */
#include "config.h"

#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cuda-device.h"
#include "nvml-abi.h"
#include "nvml-peer.h"
#include "util.h"

struct nvml_peer {
	void *lib;
	nvmlDevice_t dev;
	int index;
	nvml_void_fn shutdown;
	nvml_clock_fn clock;
	nvml_temp_fn temperature;
	nvml_uint_fn power;
	nvmlEventSet_t events;            /* Xid events of dev; NULL when not watching */
	nvml_wait_fn event_wait;
	nvml_evfree_fn event_free;
};

static void *peer_sym(void *lib, const char *a, const char *b)
{
	void *p = dlsym(lib, a);
	return p || !b ? p : dlsym(lib, b);
}

/* Each GPU stress worker opens and closes its own peer, and so loads and unloads the library
 * while another worker may be doing the same. glibc's loader orders that with a lock of its
 * own, which a race detector cannot see; this one makes the order visible, once per worker. */
static pthread_mutex_t peer_loader = PTHREAD_MUTEX_INITIALIZER;

static struct nvml_peer *peer_open(const char *bus_id, char *why, size_t whylen)
{
	const char *env = getenv("BENCHTOP_NVML_LIB");
	const char *path = env && *env ? env : "libnvidia-ml.so.1";
	void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		c_snprintf(why, whylen, "%s not found", path);
		return NULL;
	}
	nvml_void_fn init = (nvml_void_fn)peer_sym(lib, "nvmlInit_v2", "nvmlInit");
	nvml_void_fn shutdown = (nvml_void_fn)peer_sym(lib, "nvmlShutdown", NULL);
	nvml_count_fn count = (nvml_count_fn)peer_sym(lib, "nvmlDeviceGetCount_v2", "nvmlDeviceGetCount");
	nvml_handle_fn handle = (nvml_handle_fn)peer_sym(lib, "nvmlDeviceGetHandleByIndex_v2",
	                                                 "nvmlDeviceGetHandleByIndex");
	nvml_pci_fn pci = (nvml_pci_fn)peer_sym(lib, "nvmlDeviceGetPciInfo_v3", "nvmlDeviceGetPciInfo_v2");
	if (!init || !shutdown || !count || !handle || !pci || init() != NVML_SUCCESS) {
		c_snprintf(why, whylen, "NVML is not usable");
		dlclose(lib);
		return NULL;
	}
	unsigned int n = 0;
	if (count(&n) != NVML_SUCCESS)
		n = 0;
	for (unsigned int i = 0; i < n; i++) {
		nvmlDevice_t dev;
		nvmlPciInfo_t info;
		memset(&info, 0, sizeof info);
		if (handle(i, &dev) != NVML_SUCCESS || pci(dev, &info) != NVML_SUCCESS)
			continue;
		info.busId[sizeof info.busId - 1] = '\0';
		if (!cuda_bus_id_same(info.busId, bus_id))
			continue;
		struct nvml_peer *p = calloc(1, sizeof *p);
		if (!p)
			break;
		p->lib = lib;
		p->dev = dev;
		p->index = (int)i;
		p->shutdown = shutdown;
		p->clock = (nvml_clock_fn)peer_sym(lib, "nvmlDeviceGetClockInfo", NULL);
		p->temperature = (nvml_temp_fn)peer_sym(lib, "nvmlDeviceGetTemperature", NULL);
		p->power = (nvml_uint_fn)peer_sym(lib, "nvmlDeviceGetPowerUsage", NULL);
		return p;
	}
	c_snprintf(why, whylen, "NVML has no GPU at bus id %s", bus_id);
	shutdown();
	dlclose(lib);
	return NULL;
}

struct nvml_peer *nvml_peer_open(const char *bus_id, char *why, size_t whylen)
{
	pthread_mutex_lock(&peer_loader);
	struct nvml_peer *p = peer_open(bus_id, why, whylen);
	pthread_mutex_unlock(&peer_loader);
	return p;
}

int nvml_peer_index(const struct nvml_peer *p)
{
	return p ? p->index : -1;
}

double nvml_peer_sm_clock(const struct nvml_peer *p)
{
	unsigned int mhz = 0;
	if (p && p->clock && p->clock(p->dev, NVML_CLOCK_SM, &mhz) == NVML_SUCCESS && mhz > 0)
		return mhz;
	return NAN;
}

void nvml_peer_read(const struct nvml_peer *p, double *temp_c, double *power_w, double *sm_clock_mhz)
{
	unsigned int v = 0;
	*temp_c = p && p->temperature && p->temperature(p->dev, NVML_TEMPERATURE_GPU, &v) == NVML_SUCCESS ? (double)v : NAN;
	*power_w = p && p->power && p->power(p->dev, &v) == NVML_SUCCESS ? v / 1000.0 : NAN;   /* mW */
	*sm_clock_mhz = nvml_peer_sm_clock(p);
}

void nvml_peer_watch_xid(struct nvml_peer *p)
{
	if (!p || p->events)
		return;
	nvml_evset_fn create = (nvml_evset_fn)peer_sym(p->lib, "nvmlEventSetCreate", NULL);
	nvml_register_fn reg = (nvml_register_fn)peer_sym(p->lib, "nvmlDeviceRegisterEvents", NULL);
	p->event_wait = (nvml_wait_fn)peer_sym(p->lib, "nvmlEventSetWait_v2", "nvmlEventSetWait");
	p->event_free = (nvml_evfree_fn)peer_sym(p->lib, "nvmlEventSetFree", NULL);
	nvmlEventSet_t set = NULL;
	if (!create || !reg || !p->event_wait || !p->event_free || create(&set) != NVML_SUCCESS)
		return;
	if (reg(p->dev, nvmlEventTypeXidCriticalError, set) != NVML_SUCCESS) {
		p->event_free(set);
		return;
	}
	p->events = set;
}

long long nvml_peer_xid(struct nvml_peer *p)
{
	nvmlEventData_t e;
	if (!p || !p->events)
		return 0;
	memset(&e, 0, sizeof e);
	while (p->event_wait(p->events, &e, 0) == NVML_SUCCESS) {   /* 0 ms: only what is there */
		if ((e.eventType & nvmlEventTypeXidCriticalError) && e.device == p->dev)
			return e.eventData ? (long long)e.eventData : 999;   /* 999: NVML's "unknown Xid" */
		memset(&e, 0, sizeof e);
	}
	return 0;
}

/* NVIDIA's Xid catalogue, the ones a burn-in meets. */
static const struct { int xid; const char *meaning; } nvml_xids[] = {
	{ 13, "graphics engine exception" }, { 31, "GPU memory page fault" },
	{ 43, "GPU stopped processing" }, { 45, "preemptive cleanup after an earlier error" },
	{ 48, "double-bit ECC error" }, { 61, "internal micro-controller breakpoint" },
	{ 62, "internal micro-controller halt" }, { 63, "ECC page retirement or row remapping" },
	{ 64, "ECC page retirement or row remapping failure" }, { 74, "NVLink error" },
	{ 79, "the GPU fell off the bus" }, { 92, "high single-bit ECC error rate" },
	{ 94, "contained ECC error" }, { 95, "uncontained ECC error" },
	{ 119, "GSP RPC timeout" }, { 120, "GSP error" },
};

const char *nvml_xid_meaning(long long xid)
{
	for (size_t i = 0; i < sizeof nvml_xids / sizeof nvml_xids[0]; i++)
		if (nvml_xids[i].xid == xid)
			return nvml_xids[i].meaning;
	return "";
}

void nvml_peer_close(struct nvml_peer *p)
{
	if (!p)
		return;
	if (p->events)
		p->event_free(p->events);
	pthread_mutex_lock(&peer_loader);
	p->shutdown();
	dlclose(p->lib);
	pthread_mutex_unlock(&peer_loader);
	free(p);
}
