#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "source.h"

/* CPU, memory, disk, network, filesystems and sensors; then GPUs (src/source-*.c). */
extern const struct source_class source_statgrab, source_diskstats, source_procstat,
	source_cpufreq, source_hwmon, source_thermal, source_rapl;
extern const struct source_class source_nvml, source_amdgpu;

/* Every metric source, in the order the sampler calls them. */
const struct source_class *const source_table[] = {
	&source_statgrab,
	&source_diskstats,
	&source_procstat,
	&source_cpufreq,
	&source_hwmon,
	&source_thermal,
	&source_rapl,
	&source_nvml,
	&source_amdgpu,
	NULL,
};

void source_env_from_environ(struct source_env *env)
{
	const char *v;
	env->sysfs_root = (v = getenv("BENCHTOP_SYSFS_ROOT")) && *v ? v : "/sys";
	env->proc_root = (v = getenv("BENCHTOP_PROC_ROOT")) && *v ? v : "/proc";
	env->nvml_path = (v = getenv("BENCHTOP_NVML_LIB")) && *v ? v : "libnvidia-ml.so.1";
}

char *source_path(char *buf, size_t len, const char *root, const char *rel)
{
	snprintf(buf, len, "%s/%s", root, rel[0] == '/' ? rel + 1 : rel);
	return buf;
}
