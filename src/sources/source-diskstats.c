/* source-diskstats.c - per-disk throughput and operations per second from /proc/diskstats.
 *
 * libstatgrab counts bytes but not operations, so disks come from the kernel's own
 * table. Only whole physical disks are shown: partitions and virtual devices (loop,
 * ram, zram, device-mapper, md) would count the same traffic twice. A disk is physical
 * when <sysfs>/block/NAME/device exists; that is looked up once per new name.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source.h"
#include "sysfile.h"
#include "util.h"

#define DISK_MAX_NAMES 256            /* every name in the table, kept or not */
#define DISK_SECTOR 512.0             /* diskstats counts 512-byte sectors on every device */

struct disk_name {
	char name[FRAME_NAME];
	int slot;                         /* index into disks[], or -1 when not shown */
};

struct disk_counters {
	char name[FRAME_NAME];
	double rd_ios, rd_sectors, wr_ios, wr_sectors;
	double mono;                      /* when they were read; 0 before the first reading */
};

struct diskstats {
	int fd;
	const char *sysfs_root;
	int have_block;                   /* whether <sysfs>/block can tell disks apart */
	char *buf;
	size_t buflen;
	int nnames, ndisks;
	struct disk_name names[DISK_MAX_NAMES];
	struct disk_counters disks[FRAME_MAX_DISKS];
};

static int is_virtual_name(const char *name)
{
	static const char *const prefixes[] = { "loop", "ram", "zram", "dm-", "md", "nbd", NULL };
	for (int i = 0; prefixes[i]; i++)
		if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0)
			return 1;
	return 0;
}

/* The slot of a disk name, deciding once whether it is shown; -1 when it is not. */
static int disk_slot(struct diskstats *ds, const char *name)
{
	for (int i = 0; i < ds->nnames; i++)
		if (strcmp(ds->names[i].name, name) == 0)
			return ds->names[i].slot;
	if (ds->nnames == DISK_MAX_NAMES)
		return -1;
	struct disk_name *dn = &ds->names[ds->nnames++];
	str_copy(dn->name, name, sizeof dn->name);
	dn->slot = -1;
	int keep = !is_virtual_name(name);
	if (keep && ds->have_block) {
		char rel[FRAME_NAME + 32];
		snprintf(rel, sizeof rel, "block/%s/device", name);
		keep = sysfile_exists(ds->sysfs_root, rel);
	}
	if (keep && ds->ndisks < FRAME_MAX_DISKS) {
		dn->slot = ds->ndisks++;
		str_copy(ds->disks[dn->slot].name, name, FRAME_NAME);
	}
	return dn->slot;
}

static void rate(double *out, double now, double before, double scale, double elapsed)
{
	/* a counter that went back (a disk replaced under the same name) has no rate */
	*out = now >= before ? (now - before) * scale / elapsed : NAN;
}

/* Reads the table; with f, publishes rates of the shown disks since their last reading. */
static int diskstats_read(struct diskstats *ds, double mono, struct frame *f)
{
	if (sysfile_pread(ds->fd, ds->buf, ds->buflen) < 0)
		return -1;
	char *line = ds->buf;
	while (*line) {
		char *next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		char name[FRAME_NAME];
		unsigned long long v[7];      /* reads, merged, sectors, ms, writes, merged, sectors */
		int pos = 0, nv = 0;
		if (sscanf(line, "%*u %*u %31s%n", name, &pos) == 1 && pos > 0) {
			char *p = line + pos, *end;
			for (; nv < 7; nv++, p = end) {
				v[nv] = strtoull(p, &end, 10);
				if (end == p)
					break;
			}
		}
		if (nv == 7) {
			unsigned long long rio = v[0], rsec = v[2], wio = v[4], wsec = v[6];
			int slot = disk_slot(ds, name);
			if (slot >= 0) {
				struct disk_counters *c = &ds->disks[slot];
				double elapsed = mono - c->mono;
				if (f && c->mono > 0 && elapsed > 0 && f->ndisks < FRAME_MAX_DISKS) {
					struct frame_disk *d = &f->disks[f->ndisks++];
					str_copy(d->name, c->name, sizeof d->name);
					rate(&d->read_bps, (double)rsec, c->rd_sectors, DISK_SECTOR, elapsed);
					rate(&d->write_bps, (double)wsec, c->wr_sectors, DISK_SECTOR, elapsed);
					rate(&d->read_iops, (double)rio, c->rd_ios, 1, elapsed);
					rate(&d->write_iops, (double)wio, c->wr_ios, 1, elapsed);
				}
				c->rd_ios = (double)rio;
				c->rd_sectors = (double)rsec;
				c->wr_ios = (double)wio;
				c->wr_sectors = (double)wsec;
				c->mono = mono;
			}
		}
		line = next;
	}
	return 0;
}

static void diskstats_close(void *priv)
{
	struct diskstats *ds = priv;
	close(ds->fd);
	free(ds->buf);
	free(ds);
}

static int diskstats_open(const struct source_env *env, void **priv, char *why, size_t whylen)
{
	struct diskstats *ds = calloc(1, sizeof *ds);
	if (!ds) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	ds->fd = sysfile_open(env->proc_root, "diskstats");
	if (ds->fd < 0) {
		snprintf(why, whylen, "%s/diskstats: %s", env->proc_root, strerror(errno));
		free(ds);
		return -1;
	}
	ds->sysfs_root = env->sysfs_root;
	ds->have_block = sysfile_exists(env->sysfs_root, "block");
	ds->buflen = 64 * 1024;
	ds->buf = malloc(ds->buflen);
	if (!ds->buf || diskstats_read(ds, now_mono(), NULL) < 0) {
		snprintf(why, whylen, "%s/diskstats: cannot be read", env->proc_root);
		diskstats_close(ds);
		return -1;
	}
	if (ds->ndisks == 0) {
		snprintf(why, whylen, "no physical disk in %s/diskstats", env->proc_root);
		diskstats_close(ds);
		return -1;
	}
	*priv = ds;
	return 0;
}

static void diskstats_sample(void *priv, struct frame *f)
{
	struct diskstats *ds = priv;
	diskstats_read(ds, isfinite(f->mono) && f->mono > 0 ? f->mono : now_mono(), f);
}

const struct source_class source_diskstats = {
	.name = "diskstats",
	.help = "per-disk throughput and operations per second from /proc/diskstats",
	.open = diskstats_open,
	.sample = diskstats_sample,
	.close = diskstats_close,
};
