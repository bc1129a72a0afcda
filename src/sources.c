#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "source.h"

/* Every metric source, in the order the sampler calls them: CPU, memory, disk, network,
 * filesystems and sensors; then GPUs. A new one is a src/source-NAME.c defining `const struct
 * source_class source_NAME`, and one X(NAME) line here (plus its name in src/sources.mk). */
#define SOURCE_LIST(X) \
	X(statgrab) \
	X(diskstats) \
	X(procstat) \
	X(cpufreq) \
	X(hwmon) \
	X(thermal) \
	X(rapl) \
	X(nvml) \
	X(amdgpu)

#define SOURCE_EXTERN(name) extern const struct source_class source_##name;
#define SOURCE_REF(name) &source_##name,
SOURCE_LIST(SOURCE_EXTERN)

const struct source_class *const source_table[] = {
	SOURCE_LIST(SOURCE_REF)
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
