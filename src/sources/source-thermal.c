/* source-thermal.c - temperatures of sysfs thermal zones, labelled "thermal_zoneN: TYPE". */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source.h"
#include "sysfile.h"

#define THERMAL_MAX_ZONES 64

static int thermal_open(const struct source_env *env, void **priv, char *why, size_t whylen)
{
	int zones[THERMAL_MAX_ZONES];
	int nz = sysfile_list_numbered(env->sysfs_root, "class/thermal", "thermal_zone", "",
	                               zones, THERMAL_MAX_ZONES);
	struct source_temps *t = calloc(1, sizeof *t);
	if (!t) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	for (int i = 0; i < nz; i++) {
		char rel[96], type[32], label[96];
		snprintf(rel, sizeof rel, "class/thermal/thermal_zone%d/type", zones[i]);
		if (sysfile_read_line(env->sysfs_root, rel, type, sizeof type) < 0 || !type[0])
			snprintf(type, sizeof type, "unknown");
		snprintf(label, sizeof label, "thermal_zone%d: %s", zones[i], type);
		snprintf(rel, sizeof rel, "class/thermal/thermal_zone%d/temp", zones[i]);
		source_temps_add(t, env->sysfs_root, rel, label);
	}
	if (t->n == 0) {
		char dir[4096];
		snprintf(why, whylen, "no readable thermal zone under %s",
		         sysfile_path(dir, sizeof dir, env->sysfs_root, "class/thermal"));
		source_temps_free(t);
		return -1;
	}
	*priv = t;
	return 0;
}

static void thermal_sample(void *priv, struct frame *f)
{
	source_temps_sample(priv, f);
}

const struct source_class source_thermal = {
	.name = "thermal",
	.sensor = 1,
	.help = "temperatures of sysfs thermal zones",
	.open = thermal_open,
	.sample = thermal_sample,
	.close = source_temps_free,
};
