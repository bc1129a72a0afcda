/* The metric sources, run for real: on fixture trees under a temporary copy of
 * tests/fixtures (files rewritten between samples), and statgrab on this machine. */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "frame.h"
#include "source.h"
#include "source-rapl.h"
#include "util.h"

static char root[PATH_MAX];           /* the temporary copy of tests/fixtures */
static char sysfs[PATH_MAX + 8], proc[PATH_MAX + 8];

static const struct source_class *find_source(const char *name)
{
	for (int i = 0; source_table[i]; i++)
		if (strcmp(source_table[i]->name, name) == 0)
			return source_table[i];
	return NULL;
}

static void put(const char *base, const char *rel, const char *text)
{
	char path[PATH_MAX * 2];
	snprintf(path, sizeof path, "%s/%s", base, rel);
	FILE *f = fopen(path, "w");   /* rewritten in place, as the kernel's files change */
	CHECK(f != NULL);
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
}

static struct frame frame;

static struct frame *fresh_frame(double mono)
{
	frame_clear(&frame);
	frame.mono = mono;
	frame.t = now_real();
	return &frame;
}

static void *open_source(const char *name, const struct source_env *env, char *why, size_t len)
{
	const struct source_class *c = find_source(name);
	void *priv = NULL;
	CHECK(c != NULL);
	if (!c)
		return NULL;
	why[0] = '\0';
	if (c->open(env, &priv, why, len) < 0) {
		fprintf(stderr, "%s: %s\n", name, why);
		return NULL;
	}
	return priv;
}

static void test_table(void)
{
	int n = 0;
	for (int i = 0; source_table[i]; i++, n++) {
		const struct source_class *c = source_table[i];
		CHECK(c->name && c->name[0] && c->help && c->help[0]);
		CHECK(c->open && c->sample);
		for (int k = 0; k < i; k++)
			CHECK(strcmp(source_table[k]->name, c->name) != 0);
	}
	const char *mine[] = { "statgrab", "diskstats", "procstat", "cpufreq", "hwmon", "thermal", "rapl" };
	for (size_t i = 0; i < sizeof mine / sizeof mine[0]; i++)
		CHECK(find_source(mine[i]) != NULL);
	CHECK(n >= 7);
}

static void test_procstat(const struct source_env *env)
{
	char why[160];
	const struct source_class *c = find_source("procstat");
	void *ps = open_source("procstat", env, why, sizeof why);
	CHECK(ps != NULL);
	if (!ps)
		return;
	/* cpu0: 1000 ticks, 500 busy (guest time lies inside user and is not counted twice);
	 * cpu1: 1000 ticks, 170 busy (irq and softirq are busy, iowait is not); cpu3 idle;
	 * cpu2 is offline (and the all-cores line is not mistaken for it). */
	put(proc, "stat",
	    "cpu  2 10 440 4000 280 10 10 0 50 0\n"
	    "cpu0 400 0 250 1200 150 0 0 0 50 0\n"
	    "cpu1 300 10 140 1400 130 10 10 0 0 0\n"
	    "cpu3 0 0 0 2000 0 0 0 0 0 0\n"
	    "intr 123456 0 9 0\nctxt 987654\n");
	struct frame *f = fresh_frame(now_mono());
	c->sample(ps, f);
	CHECK_INT(f->cpu.ncores, 4);
	CHECK_NEAR(f->cpu.core[0], 50.0, 1e-4);
	CHECK_NEAR(f->cpu.core[1], 17.0, 1e-4);
	CHECK(isnan(f->cpu.core[2]));
	CHECK_NEAR(f->cpu.core[3], 0.0, 1e-9);
	CHECK(isnan(f->cpu.core[4]));
	CHECK_NEAR(f->cpu.nice, 0.0, 1e-9);   /* cpu1's 10 nice ticks were there at open */
	/* no tick since the last reading: the last figures stand */
	f = fresh_frame(now_mono());
	c->sample(ps, f);
	CHECK_NEAR(f->cpu.core[0], 50.0, 1e-4);
	CHECK_NEAR(f->cpu.core[1], 17.0, 1e-4);
	/* cpu0 fully busy for 130 ticks (20 niced, 10 stolen), cpu1 goes offline */
	put(proc, "stat",
	    "cpu  2 10 490 4100 280 10 10 0 50 0\n"
	    "cpu0 450 20 300 1200 150 0 0 10 50 0\n"
	    "cpu3 0 0 0 2100 0 0 0 0 0 0\n");
	f = fresh_frame(now_mono());
	c->sample(ps, f);
	CHECK_NEAR(f->cpu.core[0], 100.0, 1e-4);
	CHECK_NEAR(f->cpu.nice, 100.0 * 20 / 230, 1e-9);   /* of the ticks of every online core */
	CHECK_NEAR(f->cpu.steal, 100.0 * 10 / 230, 1e-9);
	CHECK(isnan(f->cpu.core[1]));
	CHECK(isnan(f->cpu.core[2]));
	CHECK_NEAR(f->cpu.core[3], 0.0, 1e-9);
	c->close(ps);
}

static void test_cpufreq(const struct source_env *env)
{
	char why[160];
	const struct source_class *c = find_source("cpufreq");
	void *cf = open_source("cpufreq", env, why, sizeof why);
	CHECK(cf != NULL);
	if (!cf)
		return;
	struct frame *f = fresh_frame(now_mono());
	c->sample(cf, f);
	CHECK(f->cpu.ncores >= 2);
	CHECK_NEAR(f->cpu.freq_mhz[0], 2400.0, 1e-3);
	CHECK_NEAR(f->cpu.freq_mhz[1], 800.0, 1e-3);
	CHECK(isnan(f->cpu.freq_mhz[2]));     /* cpu2 has no cpufreq */
	put(sysfs, "devices/system/cpu/cpu1/cpufreq/scaling_cur_freq", "3600500\n");
	f = fresh_frame(now_mono());
	c->sample(cf, f);
	CHECK_NEAR(f->cpu.freq_mhz[1], 3600.5, 1e-3);
	c->close(cf);
}

static void test_hwmon_thermal(const struct source_env *env)
{
	char why[160];
	const struct source_class *hw = find_source("hwmon"), *th = find_source("thermal");
	void *h = open_source("hwmon", env, why, sizeof why);
	void *t = open_source("thermal", env, why, sizeof why);
	CHECK(h != NULL && t != NULL);
	if (!h || !t)
		return;
	struct frame *f = fresh_frame(now_mono());
	hw->sample(h, f);
	th->sample(t, f);
	CHECK_INT(f->nsensors, 6);
	CHECK_STR(f->sensors[0].label, "coretemp: Package id 0");
	CHECK_NEAR(f->sensors[0].temp_c, 45.0, 1e-9);
	CHECK_STR(f->sensors[1].label, "coretemp: Core 0");
	CHECK_NEAR(f->sensors[1].temp_c, 43.5, 1e-9);
	CHECK_STR(f->sensors[2].label, "nvme: temp1");
	CHECK_NEAR(f->sensors[2].temp_c, 38.85, 1e-9);
	CHECK_STR(f->sensors[3].label, "acpitz: temp1");     /* hwmon10 after hwmon1 */
	CHECK_NEAR(f->sensors[3].temp_c, 27.8, 1e-9);
	CHECK_STR(f->sensors[4].label, "thermal_zone0: x86_pkg_temp");
	CHECK_NEAR(f->sensors[4].temp_c, 46.0, 1e-9);
	CHECK_STR(f->sensors[5].label, "thermal_zone1: acpitz");
	CHECK_NEAR(f->sensors[5].temp_c, 27.8, 1e-9);
	CHECK_NEAR(frame_max_temp(f), 46.0, 1e-9);

	put(sysfs, "class/hwmon/hwmon0/temp1_input", "91250\n");
	put(sysfs, "class/thermal/thermal_zone1/temp", "-5000\n");
	f = fresh_frame(now_mono());
	hw->sample(h, f);
	th->sample(t, f);
	CHECK_NEAR(f->sensors[0].temp_c, 91.25, 1e-9);
	CHECK_NEAR(f->sensors[5].temp_c, -5.0, 1e-9);
	CHECK_NEAR(frame_max_temp(f), 91.25, 1e-9);
	hw->close(h);
	th->close(t);
}

static void test_rapl(const struct source_env *env)
{
	const double max = 262143328850.0;
	CHECK_NEAR(rapl_delta_uj(100, 250, 1000), 150, 0);
	CHECK_NEAR(rapl_delta_uj(900, 100, 1000), 200, 0);
	CHECK_NEAR(rapl_delta_uj(max - 1e6, 4e6, max), 5e6, 0);
	CHECK(isnan(rapl_delta_uj(900, 100, 0)));

	char why[160];
	const struct source_class *c = find_source("rapl");
	void *r = open_source("rapl", env, why, sizeof why);
	CHECK(r != NULL);
	if (!r)
		return;
	double t0 = now_mono() + 10;
	c->sample(r, fresh_frame(t0));
	/* packages use 30 J and 20 J in 2 s: 25 W; the subzone and psys do not count */
	put(sysfs, "class/powercap/intel-rapl:0/energy_uj", "31000000\n");
	put(sysfs, "class/powercap/intel-rapl:1/energy_uj", "22000000\n");
	put(sysfs, "class/powercap/intel-rapl:0:0/energy_uj", "900000000\n");
	put(sysfs, "class/powercap/intel-rapl:2/energy_uj", "900000000\n");
	struct frame *f = fresh_frame(t0 + 2);
	c->sample(r, f);
	CHECK_NEAR(f->cpu.package_power_w, 25.0, 1e-9);
	/* package 0 nears the end of its range, then wraps: 5 J, plus 5 J of package 1, in 1 s */
	put(sysfs, "class/powercap/intel-rapl:0/energy_uj", "262142328850\n");
	f = fresh_frame(t0 + 3);
	c->sample(r, f);
	put(sysfs, "class/powercap/intel-rapl:0/energy_uj", "4000000\n");
	put(sysfs, "class/powercap/intel-rapl:1/energy_uj", "27000000\n");
	f = fresh_frame(t0 + 4);
	c->sample(r, f);
	CHECK_NEAR(f->cpu.package_power_w, 10.0, 1e-9);
	c->close(r);

	/* counters that only root may read: open says so (root reads anything, so skip then) */
	if (geteuid() != 0) {
		char path[PATH_MAX * 2];
		snprintf(path, sizeof path, "%s/class/powercap/intel-rapl:0/energy_uj", sysfs);
		chmod(path, 0);
		snprintf(path, sizeof path, "%s/class/powercap/intel-rapl:1/energy_uj", sysfs);
		chmod(path, 0);
		void *priv = NULL;
		CHECK(c->open(env, &priv, why, sizeof why) < 0);
		CHECK(strstr(why, "energy_uj") && strstr(why, "root"));
	}
}

static void test_diskstats(const struct source_env *env)
{
	char why[160];
	const struct source_class *c = find_source("diskstats");
	void *d = open_source("diskstats", env, why, sizeof why);
	CHECK(d != NULL);
	if (!d)
		return;
	double t0 = now_mono() + 10;
	c->sample(d, fresh_frame(t0));
	/* in 2 s sda reads 200 ops and 4096 sectors, writes 100 ops and 8192 sectors;
	 * nvme0n1 does nothing; partitions, loop, zram and device-mapper are not shown */
	put(proc, "diskstats",
	    "   7       0 loop0 99 0 8000 1 0 0 0 0 0 4 1 0 0 0 0 0 0\n"
	    "   8       0 sda 300 5 6096 40 150 7 9192 30 0 60 70 0 0 0 0 0 0\n"
	    "   8       1 sda1 290 5 5996 38 150 7 9192 30 0 58 68 0 0 0 0 0 0\n"
	    " 259       0 nvme0n1 1000 0 64000 100 400 0 32000 80 0 150 180 0 0 0 0 0 0\n"
	    " 253       0 dm-0 999 0 99999 90 380 0 30000 70 0 140 160 0 0 0 0 0 0\n"
	    " 252       0 zram0 5 0 40 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
	struct frame *f = fresh_frame(t0 + 2);
	c->sample(d, f);
	/* Relative tolerances: t0 is the monotonic clock, whose last bit after hours of uptime is
	 * already a part in 1e12 of the 2 s between samples. */
	CHECK_INT(f->ndisks, 2);
	CHECK_STR(f->disks[0].name, "sda");
	CHECK_NEAR(f->disks[0].read_bps, 4096.0 * 512 / 2, 1e-3);
	CHECK_NEAR(f->disks[0].write_bps, 8192.0 * 512 / 2, 1e-3);
	CHECK_NEAR(f->disks[0].read_iops, 100.0, 1e-9);
	CHECK_NEAR(f->disks[0].write_iops, 50.0, 1e-9);
	CHECK_STR(f->disks[1].name, "nvme0n1");
	CHECK_NEAR(f->disks[1].read_bps, 0.0, 0);
	CHECK_NEAR(f->disks[1].write_iops, 0.0, 0);
	CHECK_NEAR(frame_disk_read_bps(f), 1048576.0, 1e-3);
	c->close(d);
}

static void test_missing(void)
{
	/* an empty machine: every fixture-driven source says why it cannot work */
	char empty[PATH_MAX + 8], why[160];
	snprintf(empty, sizeof empty, "%s/empty", root);
	mkdir(empty, 0755);
	struct source_env env = { .sysfs_root = empty, .proc_root = empty, .nvml_path = "" };
	const char *names[] = { "diskstats", "procstat", "cpufreq", "hwmon", "thermal", "rapl" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const struct source_class *c = find_source(names[i]);
		void *priv = NULL;
		why[0] = '\0';
		CHECK(c && c->open(&env, &priv, why, sizeof why) < 0);
		CHECK(why[0] != '\0');
	}
}

/* The value of a meminfo line in bytes, or -1. */
static double meminfo_bytes(const char *key)
{
	FILE *fp = fopen("/proc/meminfo", "r");
	char line[256];
	double v = -1;
	size_t klen = strlen(key);
	while (fp && fgets(line, sizeof line, fp))
		if (strncmp(line, key, klen) == 0 && line[klen] == ':')
			v = strtod(line + klen + 1, NULL) * 1024.0;
	if (fp)
		fclose(fp);
	return v;
}

static void test_statgrab(void)
{
	struct source_env env;
	source_env_from_environ(&env);
	env.proc_root = "/proc";
	env.sysfs_root = "/sys";
	char why[160];
	const struct source_class *c = find_source("statgrab");
	void *sg = open_source("statgrab", &env, why, sizeof why);
	if (!sg) {
		fprintf(stderr, "statgrab unavailable here, not checked: %s\n", why);
		return;
	}
	c->sample(sg, fresh_frame(now_mono()));
	nanosleep(&(struct timespec){ .tv_sec = 0, .tv_nsec = 300000000 }, NULL);
	struct frame *f = fresh_frame(now_mono());
	c->sample(sg, f);
	CHECK_NEAR(f->mem.total, meminfo_bytes("MemTotal"), 0);
	CHECK(f->mem.used > 0 && f->mem.used <= f->mem.total);
	CHECK_NEAR(f->mem.used + f->mem.available, f->mem.total, 1);
	CHECK(f->mem.cached >= 0);
	CHECK(f->mem.swap_total >= 0 && f->mem.swap_used >= 0);
	CHECK(f->cpu.total >= 0 && f->cpu.total <= 100);
	CHECK(f->cpu.idle >= 0 && f->cpu.idle <= 100);
	CHECK(f->cpu.load1 >= 0);
	for (int i = 0; i < f->nnets; i++) {
		CHECK(strcmp(f->nets[i].name, "lo") != 0);
		CHECK(f->nets[i].rx_bps >= 0 && f->nets[i].tx_bps >= 0);
	}
	for (int i = 0; i < f->nfs; i++) {
		CHECK(f->fs[i].size > 0);
		CHECK(strcmp(f->fs[i].mount, "/proc") != 0 && strcmp(f->fs[i].mount, "/sys") != 0);
		CHECK(f->fs[i].used + f->fs[i].avail <= f->fs[i].size);
	}
	c->close(sg);
}

int main(void)
{
	const char *src = getenv("top_srcdir");
	if (!src || !*src)
		src = BENCHTOP_SRCDIR;
	const char *tmp = getenv("TMPDIR");
	int n = snprintf(root, sizeof root, "%s/benchtop-sources-", tmp && *tmp ? tmp : "/tmp");
	if (n < 0 || (size_t)n + 7 > sizeof root)
		return 1;
	memset(root + n, 'X', 6);     /* the template mkdtemp fills in */
	root[n + 6] = '\0';
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 1;
	}
	char cmd[PATH_MAX * 3];
	snprintf(cmd, sizeof cmd, "cp -R '%s/tests/fixtures/sysfs' '%s/tests/fixtures/proc' '%s/' && chmod -R u+w '%s'",
	         src, src, root, root);
	if (system(cmd) != 0) {
		fprintf(stderr, "cannot copy the fixtures: %s\n", cmd);
		return 1;
	}
	snprintf(sysfs, sizeof sysfs, "%s/sysfs", root);
	snprintf(proc, sizeof proc, "%s/proc", root);
	struct source_env env = { .sysfs_root = sysfs, .proc_root = proc, .nvml_path = "" };

	test_table();
	test_procstat(&env);
	test_cpufreq(&env);
	test_hwmon_thermal(&env);
	test_rapl(&env);
	test_diskstats(&env);
	test_missing();
	test_statgrab();

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", root);
	return check_result();
}
