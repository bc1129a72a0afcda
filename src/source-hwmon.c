/* source-hwmon.c - temperatures from sysfs hwmon: every hwmonN/tempK_input, labelled
 * "NAME: LABEL" from the chip's name and tempK_label, or "NAME: tempK" without a label. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source.h"
#include "sysfile.h"

#define HWMON_MAX_CHIPS 64
#define HWMON_MAX_TEMPS 64

struct hwmon_sensor {
	int fd;                       /* tempK_input, millidegrees C */
	char label[48];
};

struct hwmon {
	int n;
	struct hwmon_sensor s[FRAME_MAX_SENSORS];
};

static void hwmon_close(void *priv)
{
	struct hwmon *h = priv;
	for (int i = 0; i < h->n; i++)
		close(h->s[i].fd);
	free(h);
}

/* Adds the temperatures of one chip; those that cannot be read now are left out. */
static void add_chip(struct hwmon *h, const char *root, int chip)
{
	char rel[128], name[32], label[40];
	snprintf(rel, sizeof rel, "class/hwmon/hwmon%d/name", chip);
	if (sysfile_read_line(root, rel, name, sizeof name) < 0 || !name[0])
		snprintf(name, sizeof name, "hwmon%d", chip);
	snprintf(rel, sizeof rel, "class/hwmon/hwmon%d", chip);
	int temps[HWMON_MAX_TEMPS];
	int nt = sysfile_list_numbered(root, rel, "temp", "_input", temps, HWMON_MAX_TEMPS);
	for (int i = 0; i < nt && h->n < FRAME_MAX_SENSORS; i++) {
		snprintf(rel, sizeof rel, "class/hwmon/hwmon%d/temp%d_input", chip, temps[i]);
		int fd = sysfile_open(root, rel);
		long long v;
		if (fd < 0)
			continue;
		if (sysfile_read_ll(fd, &v) < 0) {
			close(fd);
			continue;
		}
		snprintf(rel, sizeof rel, "class/hwmon/hwmon%d/temp%d_label", chip, temps[i]);
		if (sysfile_read_line(root, rel, label, sizeof label) < 0 || !label[0])
			snprintf(label, sizeof label, "temp%d", temps[i]);
		struct hwmon_sensor *s = &h->s[h->n++];
		s->fd = fd;
		/* a label too long for the frame is cut, which is fine for display */
		if (snprintf(s->label, sizeof s->label, "%s: %s", name, label) >= (int)sizeof s->label)
			s->label[sizeof s->label - 1] = '\0';
	}
}

static int hwmon_open(const struct source_env *env, void **priv, char *why, size_t whylen)
{
	int chips[HWMON_MAX_CHIPS];
	int nc = sysfile_list_numbered(env->sysfs_root, "class/hwmon", "hwmon", "",
	                               chips, HWMON_MAX_CHIPS);
	struct hwmon *h = calloc(1, sizeof *h);
	if (!h) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	for (int i = 0; i < nc; i++)
		add_chip(h, env->sysfs_root, chips[i]);
	if (h->n == 0) {
		char dir[4096];
		snprintf(why, whylen, "no readable temperature under %s",
		         source_path(dir, sizeof dir, env->sysfs_root, "class/hwmon"));
		hwmon_close(h);
		return -1;
	}
	*priv = h;
	return 0;
}

static void hwmon_sample(void *priv, struct frame *f)
{
	struct hwmon *h = priv;
	for (int i = 0; i < h->n && f->nsensors < FRAME_MAX_SENSORS; i++) {
		long long v;
		struct frame_sensor *fs = &f->sensors[f->nsensors++];
		memcpy(fs->label, h->s[i].label, sizeof fs->label);
		fs->temp_c = sysfile_read_ll(h->s[i].fd, &v) == 0 ? (double)v / 1000.0 : NAN;
	}
}

const struct source_class source_hwmon = {
	.name = "hwmon",
	.help = "temperatures from sysfs hwmon chips",
	.open = hwmon_open,
	.sample = hwmon_sample,
	.close = hwmon_close,
};
