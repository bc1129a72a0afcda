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

struct thermal_zone {
	int fd;                       /* temp, millidegrees C */
	char label[48];
};

struct thermal {
	int n;
	struct thermal_zone z[FRAME_MAX_SENSORS];
};

static void thermal_close(void *priv)
{
	struct thermal *t = priv;
	for (int i = 0; i < t->n; i++)
		close(t->z[i].fd);
	free(t);
}

static int thermal_open(const struct source_env *env, void **priv, char *why, size_t whylen)
{
	int zones[THERMAL_MAX_ZONES];
	int nz = sysfile_list_numbered(env->sysfs_root, "class/thermal", "thermal_zone", "",
	                               zones, THERMAL_MAX_ZONES);
	struct thermal *t = calloc(1, sizeof *t);
	if (!t) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	for (int i = 0; i < nz && t->n < FRAME_MAX_SENSORS; i++) {
		char rel[96], type[32];
		long long v;
		snprintf(rel, sizeof rel, "class/thermal/thermal_zone%d/temp", zones[i]);
		int fd = sysfile_open(env->sysfs_root, rel);
		if (fd < 0)
			continue;
		/* a zone whose device is off (a wireless card that is down) reads an error */
		if (sysfile_read_ll(fd, &v) < 0) {
			close(fd);
			continue;
		}
		snprintf(rel, sizeof rel, "class/thermal/thermal_zone%d/type", zones[i]);
		if (sysfile_read_line(env->sysfs_root, rel, type, sizeof type) < 0 || !type[0])
			snprintf(type, sizeof type, "unknown");
		struct thermal_zone *z = &t->z[t->n++];
		z->fd = fd;
		snprintf(z->label, sizeof z->label, "thermal_zone%d: %s", zones[i], type);
	}
	if (t->n == 0) {
		char dir[4096];
		snprintf(why, whylen, "no readable thermal zone under %s",
		         source_path(dir, sizeof dir, env->sysfs_root, "class/thermal"));
		thermal_close(t);
		return -1;
	}
	*priv = t;
	return 0;
}

static void thermal_sample(void *priv, struct frame *f)
{
	struct thermal *t = priv;
	for (int i = 0; i < t->n && f->nsensors < FRAME_MAX_SENSORS; i++) {
		long long v;
		struct frame_sensor *fs = &f->sensors[f->nsensors++];
		memcpy(fs->label, t->z[i].label, sizeof fs->label);
		fs->temp_c = sysfile_read_ll(t->z[i].fd, &v) == 0 ? (double)v / 1000.0 : NAN;
	}
}

const struct source_class source_thermal = {
	.name = "thermal",
	.help = "temperatures of sysfs thermal zones",
	.open = thermal_open,
	.sample = thermal_sample,
	.close = thermal_close,
};
