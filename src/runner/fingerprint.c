#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fingerprint.h"
#include "util.h"

uint64_t fnv1a(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

void fingerprint_make(struct fingerprint *fp, const struct system_info *si, const char *driver)
{
	memset(fp, 0, sizeof *fp);
	str_copy(fp->hostname, si->hostname, sizeof fp->hostname);
	str_copy(fp->cpu, si->cpu_model, sizeof fp->cpu);
	fp->cores = si->cores;
	fp->mem_gib = isfinite(si->mem_total) ? round(si->mem_total / 1073741824.0) : 0;
	str_copy(fp->kernel, si->kernel, sizeof fp->kernel);
	for (int i = 0; i < si->ngpus && i < FRAME_MAX_GPUS; i++) {
		size_t len = strlen(fp->gpus);
		snprintf(fp->gpus + len, sizeof fp->gpus - len, "%s%s", i ? ", " : "", si->gpus[i]);
	}
	str_copy(fp->driver, driver ? driver : "", sizeof fp->driver);
	snprintf(fp->text, sizeof fp->text, "cpu=%s;cores=%d;mem=%.0fGiB;kernel=%s;gpu=%s;driver=%s",
	         fp->cpu, fp->cores, fp->mem_gib, fp->kernel, fp->gpus, fp->driver);
	snprintf(fp->hash, sizeof fp->hash, "%016llx",
	         (unsigned long long)fnv1a(FNV_OFFSET, fp->text, strlen(fp->text)));
}

char *fingerprint_gpu_driver(char *buf, size_t len)
{
	static const char *const files[] = {
		"/sys/module/nvidia/version",
		"/sys/module/amdgpu/version",
	};
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		FILE *f = fopen(files[i], "r");
		if (!f)
			continue;
		if (fgets(buf, (int)len, f))
			buf[strcspn(buf, "\r\n")] = '\0';
		fclose(f);
		if (buf[0])
			break;
	}
	return buf;
}
