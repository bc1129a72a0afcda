/* cuda-device.c - CUDA devices described, named and matched by bus id (cuda-device.h). */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cuda-device.h"
#include "util.h"

static int dev_attr(const struct cuda_api *api, CUdevice dev, CUdevice_attribute attr)
{
	int v = 0;
	return api->DeviceGetAttribute(&v, attr, dev) == CUDA_SUCCESS ? v : 0;
}

static void uuid_text(const CUuuid *u, char *buf, size_t len)
{
	const unsigned char *b = (const unsigned char *)u->bytes;
	c_snprintf(buf, len, "GPU-%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
	         b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
	         b[14], b[15]);
}

int cuda_device_count(const struct cuda_api *api, char *why, size_t whylen)
{
	int n = 0;
	char err[160];
	CUresult rc = api->DeviceGetCount(&n);
	if (rc != CUDA_SUCCESS) {
		c_snprintf(why, whylen, "cuDeviceGetCount: %s", cuda_error_text(api, rc, err, sizeof err));
		return -1;
	}
	return n < CUDA_MAX_DEVICES ? n : CUDA_MAX_DEVICES;
}

int cuda_device_get(const struct cuda_api *api, int ordinal, struct cuda_device *d, char *why, size_t whylen)
{
	char err[160];
	memset(d, 0, sizeof *d);
	d->ordinal = ordinal;
	CUresult rc = api->DeviceGet(&d->dev, ordinal);
	if (rc == CUDA_SUCCESS)
		rc = api->DeviceGetPCIBusId(d->bus_id, (int)sizeof d->bus_id, d->dev);
	if (rc != CUDA_SUCCESS) {
		c_snprintf(why, whylen, "CUDA device %d: %s", ordinal, cuda_error_text(api, rc, err, sizeof err));
		return -1;
	}
	d->bus_id[sizeof d->bus_id - 1] = '\0';
	if (api->DeviceGetName(d->name, (int)sizeof d->name, d->dev) != CUDA_SUCCESS || !d->name[0])
		str_copy(d->name, "NVIDIA GPU", sizeof d->name);
	d->name[sizeof d->name - 1] = '\0';
	CUuuid u;
	if (api->DeviceGetUuid && api->DeviceGetUuid(&u, d->dev) == CUDA_SUCCESS)
		uuid_text(&u, d->uuid, sizeof d->uuid);
	d->sms = dev_attr(api, d->dev, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
	d->cc_major = dev_attr(api, d->dev, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
	d->cc_minor = dev_attr(api, d->dev, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
	int khz = dev_attr(api, d->dev, CU_DEVICE_ATTRIBUTE_CLOCK_RATE);
	d->clock_mhz = khz > 0 ? khz / 1000.0 : NAN;
	khz = dev_attr(api, d->dev, CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE);
	d->mem_clock_mhz = khz > 0 ? khz / 1000.0 : NAN;
	d->bus_width_bits = dev_attr(api, d->dev, CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH);
	d->exec_timeout = dev_attr(api, d->dev, CU_DEVICE_ATTRIBUTE_KERNEL_EXEC_TIMEOUT);
	size_t total = 0;
	d->total_bytes = api->DeviceTotalMem(&total, d->dev) == CUDA_SUCCESS ? (double)total : NAN;
	return 0;
}

/* "[domain:]bus:device.function" in hex, as NVML and the driver write it in their forms. */
int cuda_bus_id_parse(const char *text, unsigned *domain, unsigned *bus, unsigned *dev, unsigned *fn)
{
	unsigned v[4];
	int n = 0;
	const char *p = text;
	char seps[4] = "";
	while (n < 4) {
		if (!isxdigit((unsigned char)*p))
			return -1;
		char *end;
		unsigned long x = strtoul(p, &end, 16);
		if (end - p > 8)
			return -1;
		v[n] = (unsigned)x;
		seps[n] = *end;
		n++;
		if (*end == '\0')
			break;
		if (*end != ':' && *end != '.')
			return -1;
		p = end + 1;
	}
	if (n == 4 && !strcmp(seps, "::."))
		*domain = v[0], *bus = v[1], *dev = v[2], *fn = v[3];
	else if (n == 3 && !strcmp(seps, ":."))
		*domain = 0, *bus = v[0], *dev = v[1], *fn = v[2];
	else
		return -1;
	return *bus <= 0xff && *dev <= 0x1f && *fn <= 7 ? 0 : -1;
}

int cuda_bus_id_same(const char *a, const char *b)
{
	unsigned d1, b1, v1, f1, d2, b2, v2, f2;
	if (cuda_bus_id_parse(a, &d1, &b1, &v1, &f1) < 0 || cuda_bus_id_parse(b, &d2, &b2, &v2, &f2) < 0)
		return 0;
	return d1 == d2 && b1 == b2 && v1 == v2 && f1 == f2;
}

static int spec_is_index(const char *spec)
{
	if (!*spec || strlen(spec) > 3)
		return 0;
	for (const char *p = spec; *p; p++)
		if (!isdigit((unsigned char)*p))
			return 0;
	return 1;
}

/* "GPU-" then hex digits or dashes (a prefix will do). */
static int spec_is_uuid(const char *spec)
{
	if (strncasecmp(spec, "GPU-", 4) != 0 || strlen(spec + 4) < 1)
		return 0;
	for (const char *p = spec + 4; *p; p++)
		if (!isxdigit((unsigned char)*p) && *p != '-')
			return 0;
	return 1;
}

int cuda_device_spec_check(const char *spec, char *why, size_t whylen)
{
	unsigned x;
	if (!strcasecmp(spec, "all") || spec_is_index(spec) || spec_is_uuid(spec) ||
	    cuda_bus_id_parse(spec, &x, &x, &x, &x) == 0)
		return 0;
	c_snprintf(why, whylen, "'%s' is not a device: give an index (0), a PCI bus id (0000:3b:00.0), "
	         "a UUID (GPU-...) or all", spec);
	return -1;
}

int cuda_device_select(const struct cuda_api *api, const char *spec, int *out, int max, char *why, size_t whylen)
{
	if (cuda_device_spec_check(spec, why, whylen) < 0)
		return -1;
	int n = cuda_device_count(api, why, whylen);
	if (n < 0)
		return -1;
	if (n == 0) {
		c_snprintf(why, whylen, "no CUDA device");
		return -1;
	}
	if (!strcasecmp(spec, "all")) {   /* in any case, as UUIDs and bus ids */
		int k = 0;
		for (int i = 0; i < n && k < max; i++)
			out[k++] = i;
		return k;
	}
	if (spec_is_index(spec)) {
		int i = atoi(spec);
		if (i >= n) {
			c_snprintf(why, whylen, "no CUDA device %d (there %s %d: 0..%d)", i, n == 1 ? "is" : "are", n, n - 1);
			return -1;
		}
		out[0] = i;
		return max > 0;
	}
	int uuid = spec_is_uuid(spec), found = -1, matches = 0;
	for (int i = 0; i < n; i++) {
		struct cuda_device d;
		char w[200];
		if (cuda_device_get(api, i, &d, w, sizeof w) < 0)
			continue;
		int hit = uuid ? d.uuid[0] && !strncasecmp(d.uuid, spec, strlen(spec)) : cuda_bus_id_same(d.bus_id, spec);
		if (hit) {
			found = i;
			matches++;
		}
	}
	if (matches == 0) {
		c_snprintf(why, whylen, "no CUDA device has %s %s", uuid ? "UUID" : "bus id", spec);
		return -1;
	}
	if (matches > 1) {
		c_snprintf(why, whylen, "UUID prefix %s names %d devices: give more of it", spec, matches);
		return -1;
	}
	out[0] = found;
	return max > 0;
}

/* FP32 and FP64 lanes per SM (CUDA C programming guide, arithmetic instructions); 0 where no
 * per-SM figure is published (B300 cut FP64 to a small fraction of B200's). */
static const struct { int cc, fp32, fp64; } cuda_lanes[] = {
	{ 50, 128, 4 }, { 52, 128, 4 }, { 53, 128, 4 }, { 60, 64, 32 }, { 61, 128, 4 }, { 62, 128, 4 },
	{ 70, 64, 32 }, { 72, 64, 32 }, { 75, 64, 2 }, { 80, 64, 32 }, { 86, 128, 2 }, { 87, 128, 2 },
	{ 89, 128, 2 }, { 90, 128, 64 }, { 100, 128, 64 }, { 103, 128, 0 }, { 120, 128, 2 },
};

double cuda_device_peak_flops(const struct cuda_device *d, int fp64, double sm_clock_mhz)
{
	int cc = d->cc_major * 10 + d->cc_minor;
	for (size_t i = 0; i < sizeof cuda_lanes / sizeof cuda_lanes[0]; i++) {
		int lanes = fp64 ? cuda_lanes[i].fp64 : cuda_lanes[i].fp32;
		if (cuda_lanes[i].cc == cc && lanes > 0 && d->sms > 0 && sm_clock_mhz > 0)
			return (double)d->sms * lanes * 2.0 * sm_clock_mhz * 1e6;
	}
	return NAN;
}

double cuda_device_peak_bandwidth(const struct cuda_device *d)
{
	if (!(d->mem_clock_mhz > 0) || d->bus_width_bits <= 0)
		return NAN;
	return d->mem_clock_mhz * 1e6 * 2.0 * d->bus_width_bits / 8.0;
}
