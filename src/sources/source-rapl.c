/* source-rapl.c - CPU package power from the powercap RAPL energy counters.
 *
 * Only the top-level zones "intel-rapl:N" named "package-N" count: their subzones
 * ("intel-rapl:N:M", core, uncore, dram) are parts of the package, and a top-level
 * "psys" zone covers the whole platform, package included. Watts are the energy used
 * between two ticks over the monotonic time between them.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source.h"
#include "source-rapl.h"
#include "sysfile.h"
#include "util.h"

#define RAPL_MAX_ZONES 16

struct rapl_pkg {
	int fd;                       /* energy_uj */
	double max_range;             /* max_energy_range_uj, 0 when unknown */
	double last;                  /* previous reading, microjoules */
};

struct rapl {
	int n;
	struct rapl_pkg pkg[RAPL_MAX_ZONES];
	double last_mono;
};

double rapl_delta_uj(double prev, double now, double max_range)
{
	if (now >= prev)
		return now - prev;
	if (max_range > 0 && prev <= max_range)
		return max_range - prev + now;
	return NAN;
}

static void rapl_close(void *priv)
{
	struct rapl *r = priv;
	for (int i = 0; i < r->n; i++)
		close(r->pkg[i].fd);
	free(r);
}

static int rapl_open(const struct source_env *env, void **priv, char *why, size_t whylen)
{
	int zones[RAPL_MAX_ZONES];
	int nz = sysfile_list_numbered(env->sysfs_root, "class/powercap", "intel-rapl:", "",
	                               zones, RAPL_MAX_ZONES);
	struct rapl *r = calloc(1, sizeof *r);
	if (!r) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	char dir[4096];
	sysfile_path(dir, sizeof dir, env->sysfs_root, "class/powercap");
	snprintf(why, whylen, "no RAPL package zone under %s", dir);
	for (int i = 0; i < nz; i++) {
		char rel[96], name[32];
		snprintf(rel, sizeof rel, "class/powercap/intel-rapl:%d/name", zones[i]);
		if (sysfile_read_line(env->sysfs_root, rel, name, sizeof name) == 0 &&
		    strncmp(name, "package", 7) != 0)
			continue;
		snprintf(rel, sizeof rel, "class/powercap/intel-rapl:%d/energy_uj", zones[i]);
		int fd = sysfile_open(env->sysfs_root, rel);
		long long v;
		if (fd < 0 || sysfile_read_ll(fd, &v) < 0) {
			int err = errno;
			/* since Linux 5.10 the counters are readable by root only */
			snprintf(why, whylen, "%s/intel-rapl:%d/energy_uj: %s%s", dir, zones[i],
			         strerror(err), err == EACCES ? " (readable by root only)" : "");
			if (fd >= 0)
				close(fd);
			continue;
		}
		struct rapl_pkg *p = &r->pkg[r->n++];
		p->fd = fd;
		p->last = (double)v;
		snprintf(rel, sizeof rel, "class/powercap/intel-rapl:%d/max_energy_range_uj", zones[i]);
		int mfd = sysfile_open(env->sysfs_root, rel);
		if (mfd >= 0) {
			if (sysfile_read_ll(mfd, &v) == 0 && v > 0)
				p->max_range = (double)v;
			close(mfd);
		}
	}
	if (r->n == 0) {
		rapl_close(r);
		return -1;
	}
	why[0] = '\0';
	r->last_mono = now_mono();
	*priv = r;
	return 0;
}

static void rapl_sample(void *priv, struct frame *f)
{
	struct rapl *r = priv;
	double mono = isfinite(f->mono) && f->mono > 0 ? f->mono : now_mono();
	double elapsed = mono - r->last_mono;
	double uj = 0;
	for (int i = 0; i < r->n; i++) {
		struct rapl_pkg *p = &r->pkg[i];
		long long v;
		if (sysfile_read_ll(p->fd, &v) < 0) {
			/* a partial sum would read as a drop in power */
			uj = NAN;
			p->last = NAN;
			continue;
		}
		uj += rapl_delta_uj(p->last, (double)v, p->max_range);
		p->last = (double)v;
	}
	r->last_mono = mono;
	f->cpu.package_power_w = elapsed > 0 ? uj * 1e-6 / elapsed : NAN;
}

const struct source_class source_rapl = {
	.name = "rapl",
	.sensor = 1,
	.help = "CPU package power from powercap RAPL energy counters",
	.open = rapl_open,
	.sample = rapl_sample,
	.close = rapl_close,
};
