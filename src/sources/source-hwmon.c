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

/* Adds the temperatures of one chip; those that cannot be read now are left out. */
static void add_chip(struct source_temps *h, const char *root, int chip)
{
	char rel[128], name[32], label[40], full[96];
	snprintf(rel, sizeof rel, "class/hwmon/hwmon%d/name", chip);
	if (sysfile_read_line(root, rel, name, sizeof name) < 0 || !name[0])
		snprintf(name, sizeof name, "hwmon%d", chip);
	snprintf(rel, sizeof rel, "class/hwmon/hwmon%d", chip);
	int temps[HWMON_MAX_TEMPS];
	int nt = sysfile_list_numbered(root, rel, "temp", "_input", temps, HWMON_MAX_TEMPS);
	for (int i = 0; i < nt && h->n < FRAME_MAX_SENSORS; i++) {
		snprintf(rel, sizeof rel, "class/hwmon/hwmon%d/temp%d_label", chip, temps[i]);
		if (sysfile_read_line(root, rel, label, sizeof label) < 0 || !label[0])
			snprintf(label, sizeof label, "temp%d", temps[i]);
		snprintf(full, sizeof full, "%s: %s", name, label);
		snprintf(rel, sizeof rel, "class/hwmon/hwmon%d/temp%d_input", chip, temps[i]);
		source_temps_add(h, root, rel, full);
	}
}

static int hwmon_open(const struct source_env *env, void **priv, char *why, size_t whylen)
{
	int chips[HWMON_MAX_CHIPS];
	int nc = sysfile_list_numbered(env->sysfs_root, "class/hwmon", "hwmon", "",
	                               chips, HWMON_MAX_CHIPS);
	struct source_temps *h = calloc(1, sizeof *h);
	if (!h) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	for (int i = 0; i < nc; i++)
		add_chip(h, env->sysfs_root, chips[i]);
	if (h->n == 0) {
		char dir[4096];
		snprintf(why, whylen, "no readable temperature under %s",
		         sysfile_path(dir, sizeof dir, env->sysfs_root, "class/hwmon"));
		source_temps_free(h);
		return -1;
	}
	*priv = h;
	return 0;
}

static void hwmon_sample(void *priv, struct frame *f)
{
	source_temps_sample(priv, f);
}

const struct source_class source_hwmon = {
	.name = "hwmon",
	.sensor = 1,
	.help = "temperatures from sysfs hwmon chips",
	.open = hwmon_open,
	.sample = hwmon_sample,
	.close = source_temps_free,
};
