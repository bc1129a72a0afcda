/* source-amdgpu.c - AMD GPUs through the amdgpu driver's sysfs files.
 *
 * Cards are found once at open under <sysfs>/class/drm/cardN/device, kept when the
 * device's driver is amdgpu (its `driver` link, or DRIVER= in its uevent, which is what
 * test fixtures carry). Each tick reads busy percent, VRAM, and the card's hwmon
 * temperature, power and shader clock; a file that is missing gives NAN. A card whose
 * device directory vanishes is left out of the frame.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source.h"
#include "sysfile.h"
#include "util.h"

struct amdgpu_card {
	int index;                        /* N of cardN, for a stable order */
	char dev[PATH_MAX];               /* .../class/drm/cardN/device */
	char hwmon[PATH_MAX];             /* .../device/hwmon/hwmonM, or "" */
	char name[64];
	char bus_id[32];
};

struct amdgpu {
	int ncards;
	struct amdgpu_card cards[FRAME_MAX_GPUS];
};

/* Reads a one-line file into buf without its trailing white space; -1 when unreadable. */
static int amdgpu_read_line(const char *dir, const char *file, char *buf, size_t len)
{
	char path[PATH_MAX + 64];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	FILE *fp = fopen(path, "re");
	if (!fp)
		return -1;
	char *got = fgets(buf, (int)len, fp);
	fclose(fp);
	if (!got)
		return -1;
	size_t n = strlen(buf);
	while (n && isspace((unsigned char)buf[n - 1]))
		buf[--n] = '\0';
	return 0;
}

/* The number in dir/file divided by unit (1000 for milli-), or NAN. */
static double amdgpu_read_num(const char *dir, const char *file, double unit)
{
	char buf[64];
	double v;
	if (!dir[0] || amdgpu_read_line(dir, file, buf, sizeof buf) < 0 || parse_double(buf, &v) < 0)
		return NAN;
	return v / unit;
}

/* The value of KEY= in the device's uevent, into buf; -1 when absent. */
static int amdgpu_uevent(const char *dev, const char *key, char *buf, size_t len)
{
	char path[PATH_MAX + 16];
	snprintf(path, sizeof path, "%s/uevent", dev);
	FILE *fp = fopen(path, "re");
	if (!fp)
		return -1;
	char line[256];
	size_t klen = strlen(key);
	int found = -1;
	while (found < 0 && fgets(line, sizeof line, fp)) {
		if (strncmp(line, key, klen) == 0 && line[klen] == '=') {
			line[strcspn(line, "\n")] = '\0';
			str_copy(buf, line + klen + 1, len);
			found = 0;
		}
	}
	fclose(fp);
	return found;
}

/* The last component of the symbolic link dir/file, into buf; -1 when it is not a link. */
static int amdgpu_link_base(const char *dir, const char *file, char *buf, size_t len)
{
	char path[PATH_MAX + 16], target[PATH_MAX];
	snprintf(path, sizeof path, "%s%s%s", dir, file[0] ? "/" : "", file);
	ssize_t n = readlink(path, target, sizeof target - 1);
	if (n <= 0)
		return -1;
	target[n] = '\0';
	const char *slash = strrchr(target, '/');
	str_copy(buf, slash ? slash + 1 : target, len);
	return 0;
}

static int amdgpu_is_amdgpu(const char *dev)
{
	char drv[64];
	if (amdgpu_link_base(dev, "driver", drv, sizeof drv) == 0)
		return strcmp(drv, "amdgpu") == 0;
	return amdgpu_uevent(dev, "DRIVER", drv, sizeof drv) == 0 && strcmp(drv, "amdgpu") == 0;
}

/* "card0" -> 0; -1 for connectors ("card0-DP-1") and anything else. */
static int amdgpu_card_index(const char *name)
{
	long n;
	if (strncmp(name, "card", 4) != 0 || !isdigit((unsigned char)name[4]) || parse_long(name + 4, &n) < 0)
		return -1;
	return n >= 0 && n < INT_MAX ? (int)n : -1;
}

static void amdgpu_find_hwmon(struct amdgpu_card *c)
{
	char dir[PATH_MAX + 16];
	snprintf(dir, sizeof dir, "%s/hwmon", c->dev);
	c->hwmon[0] = '\0';
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strncmp(e->d_name, "hwmon", 5) == 0 && isdigit((unsigned char)e->d_name[5])) {
			if (snprintf(c->hwmon, sizeof c->hwmon, "%s/%s", dir, e->d_name) >= (int)sizeof c->hwmon)
				c->hwmon[0] = '\0';
			break;
		}
	closedir(d);
}

static void amdgpu_identify(struct amdgpu_card *c)
{
	if (amdgpu_read_line(c->dev, "product_name", c->name, sizeof c->name) < 0 || !c->name[0])
		str_copy(c->name, "AMD GPU", sizeof c->name);
	/* The uevent names the PCI slot; in a live sysfs, so does the device link. */
	if (amdgpu_uevent(c->dev, "PCI_SLOT_NAME", c->bus_id, sizeof c->bus_id) < 0 &&
	    amdgpu_link_base(c->dev, "", c->bus_id, sizeof c->bus_id) < 0)
		c->bus_id[0] = '\0';
	amdgpu_find_hwmon(c);
}

static int amdgpu_card_cmp(const void *a, const void *b)
{
	const struct amdgpu_card *x = a, *y = b;
	return (x->index > y->index) - (x->index < y->index);
}

static int amdgpu_open(const struct source_env *env, void **priv, char *why, size_t whylen)
{
	char drm[PATH_MAX];
	sysfile_path(drm, sizeof drm, env->sysfs_root ? env->sysfs_root : "/sys", "class/drm");
	DIR *d = opendir(drm);
	if (!d) {
		snprintf(why, whylen, "no AMD GPU (%s cannot be read)", drm);
		return -1;
	}
	struct amdgpu *a = calloc(1, sizeof *a);
	if (!a) {
		closedir(d);
		str_copy(why, "out of memory", whylen);
		return -1;
	}
	struct dirent *e;
	while ((e = readdir(d)) && a->ncards < FRAME_MAX_GPUS) {
		int idx = amdgpu_card_index(e->d_name);
		if (idx < 0)
			continue;
		struct amdgpu_card *c = &a->cards[a->ncards];
		if (snprintf(c->dev, sizeof c->dev, "%s/%s/device", drm, e->d_name) >= (int)sizeof c->dev ||
		    !amdgpu_is_amdgpu(c->dev))
			continue;
		c->index = idx;
		amdgpu_identify(c);
		a->ncards++;
	}
	closedir(d);
	if (a->ncards == 0) {
		free(a);
		snprintf(why, whylen, "no AMD GPU with the amdgpu driver in %s", drm);
		return -1;
	}
	qsort(a->cards, (size_t)a->ncards, sizeof a->cards[0], amdgpu_card_cmp);
	*priv = a;
	return 0;
}

static void amdgpu_sample(void *priv, struct frame *f)
{
	struct amdgpu *a = priv;
	for (int i = 0; i < a->ncards && f->ngpus < FRAME_MAX_GPUS; i++) {
		const struct amdgpu_card *c = &a->cards[i];
		if (access(c->dev, F_OK) != 0)
			continue;         /* unplugged or unbound */
		struct frame_gpu *g = &f->gpus[f->ngpus++];
		str_copy(g->name, c->name, sizeof g->name);
		str_copy(g->bus_id, c->bus_id, sizeof g->bus_id);
		str_copy(g->backend, "amdgpu", sizeof g->backend);
		g->util = amdgpu_read_num(c->dev, "gpu_busy_percent", 1);
		g->mem_used = amdgpu_read_num(c->dev, "mem_info_vram_used", 1);
		g->mem_total = amdgpu_read_num(c->dev, "mem_info_vram_total", 1);
		g->temp_c = amdgpu_read_num(c->hwmon, "temp1_input", 1e3);          /* millidegrees */
		g->power_w = amdgpu_read_num(c->hwmon, "power1_average", 1e6);      /* microwatts */
		if (isnan(g->power_w))
			g->power_w = amdgpu_read_num(c->hwmon, "power1_input", 1e6);
		g->sm_clock_mhz = amdgpu_read_num(c->hwmon, "freq1_input", 1e6);    /* shader clock, Hz */
	}
}

static void amdgpu_close(void *priv)
{
	free(priv);
}

const struct source_class source_amdgpu = {
	.name = "gpu.amdgpu",
	.sensor = 1,
	.help = "AMD GPUs through the amdgpu driver's sysfs files",
	.open = amdgpu_open,
	.sample = amdgpu_sample,
	.close = amdgpu_close,
};
