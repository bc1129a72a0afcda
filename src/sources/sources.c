#include "config.h"

#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source.h"
#include "sysfile.h"
#include "util.h"

/* Every metric source, in the order the sampler calls them: CPU, memory, disk, network,
 * filesystems and sensors; then GPUs. A new one is a src/sources/source-NAME.c defining `const struct
 * source_class source_NAME`, and one X(NAME) line here (plus its name in src/sources.mk). */
#define SOURCE_LIST(X) \
	X(statgrab) \
	X(diskstats) \
	X(procstat) \
	X(cpufreq) \
	X(hwmon) \
	X(thermal) \
	X(rapl) \
	X(throttle) \
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

int source_temps_add(struct source_temps *t, const char *root, const char *rel, const char *label)
{
	long long v;
	if (t->n >= FRAME_MAX_SENSORS)
		return -1;
	int fd = sysfile_open(root, rel);
	if (fd < 0)
		return -1;
	if (sysfile_read_ll(fd, &v) < 0) {
		close(fd);
		return -1;
	}
	t->s[t->n].fd = fd;
	/* a label too long for the frame is cut, which is fine for display */
	str_copy(t->s[t->n].label, label, sizeof t->s[t->n].label);
	t->n++;
	return 0;
}

void source_temps_sample(const struct source_temps *t, struct frame *f)
{
	for (int i = 0; i < t->n && f->nsensors < FRAME_MAX_SENSORS; i++) {
		long long v;
		struct frame_sensor *fs = &f->sensors[f->nsensors++];
		memcpy(fs->label, t->s[i].label, sizeof fs->label);
		fs->temp_c = sysfile_read_ll(t->s[i].fd, &v) == 0 ? (double)v / 1000.0 : NAN;
	}
}

void source_temps_free(void *temps)
{
	struct source_temps *t = temps;
	for (int i = 0; t && i < t->n; i++)
		close(t->s[i].fd);
	free(t);
}
