/* test-stress - the stress generators: the cpu duty cycle as the kernel accounts it, the vm cap
 * under a fake MemAvailable and cgroup limit, hdd files that no one can see nor outlive us, a
 * prompt stop, and the errors a user can make. Threaded: also run under ThreadSanitizer. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "stress.h"
#include "util.h"

#define MIB (1024.0 * 1024.0)

/* The rows of src/stress/stressor-list.h, and settings by their option names. */
enum { STRESS_CPU, STRESS_VM, STRESS_HDD };
#define SET(cfg, opt, v) stress_config_put(&(cfg), opt, (v), 0)
#define SET_PCT(cfg, opt, v) stress_config_put(&(cfg), opt, (v), 1)
#define SET_TEXT(cfg, opt, w) str_copy(stress_config_value(&(cfg), opt)->text, (w), STRESS_TEXT)

static void nap(double s)
{
	struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static double cpu_seconds(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

static int dir_entries(const char *path)
{
	DIR *d = opendir(path);
	if (!d)
		return -1;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	CHECK(fp != NULL);
	if (fp) {
		fputs(text, fp);
		fclose(fp);
	}
}

struct msgs {
	char all[2048];
};

static void collect(void *arg, const char *line)
{
	struct msgs *m = arg;
	size_t n = strlen(m->all);
	snprintf(m->all + n, sizeof m->all - n, "%s\n", line);
}

static const struct frame_stress *row_of(const struct frame *f, const char *name)
{
	for (int i = 0; i < f->nstress; i++)
		if (!strcmp(f->stress[i].name, name))
			return &f->stress[i];
	return NULL;
}

static void test_errors(const char *tmp)
{
	struct stress_config cfg;
	struct stress *s;
	char why[256];

	stress_config_init(&cfg);
	SET(cfg, "cpu", 1);
	SET_TEXT(cfg, "cpu-method", "quantum");
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), -1);
	CHECK(strstr(why, "quantum") && strstr(why, "int, float, matmul or mixed"));

	stress_config_init(&cfg);
	SET(cfg, "cpu", 1);
	SET(cfg, "cpu-load", 150);
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), -1);
	CHECK_STR(why, "--cpu-load: invalid value '150': expected a percentage from 1 to 100");

	stress_config_init(&cfg);
	SET(cfg, "vm", 1);
	SET_TEXT(cfg, "vm-method", "zigzag");
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), -1);
	CHECK(strstr(why, "zigzag") != NULL);

	stress_config_init(&cfg);
	SET(cfg, "hdd", 1);
	cfg.dir = "/nonexistent/benchtop-dir";
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), -1);
	CHECK(strstr(why, "/nonexistent/benchtop-dir") != NULL);

	char file[512];
	snprintf(file, sizeof file, "%s/plain", tmp);
	write_file(tmp, "plain", "x");
	cfg.dir = file;
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), -1);
	CHECK(strstr(why, "not a directory") != NULL);
	unlink(file);

	/* Nothing asked for: starts, runs nothing, still reports a row per generator. */
	stress_config_init(&cfg);
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), 0);
	CHECK_INT(stress_count(s), 4);
	struct frame f;
	frame_clear(&f);
	stress_fill_frame(s, &f);
	CHECK_INT(f.nstress, 4);
	CHECK_STR(f.stress[0].name, "cpu");
	CHECK_STR(f.stress[1].name, "vm");
	CHECK_STR(f.stress[2].name, "hdd");
	CHECK_STR(f.stress[3].name, "gpu");   /* tests/test-stress-gpu runs it on a fake driver */
	for (int g = 0; g < stress_count(s); g++) {
		CHECK_STR(stress_name(g), f.stress[g].name);
		CHECK(stress_help(g) && *stress_help(g));
	}
	CHECK(stress_name(4) == NULL);
	CHECK_INT(f.stress[0].on + f.stress[1].on + f.stress[2].on + f.stress[3].on, 0);
	stress_free(s);
}

static void test_cpu(void)
{
	struct stress_config cfg;
	struct stress *s;
	char why[256];
	stress_config_init(&cfg);
	SET(cfg, "cpu", 1);
	SET(cfg, "cpu-load", 50);
	SET_TEXT(cfg, "cpu-method", "int");
	if (stress_start(&s, &cfg, why, sizeof why) < 0) {
		fprintf(stderr, "stress_start: %s\n", why);
		CHECK(0);
		return;
	}
	struct frame f;
	nap(0.3);
	frame_clear(&f);
	stress_fill_frame(s, &f);
	double c0 = cpu_seconds(), t0 = now_mono();
	nap(2.0);
	double c1 = cpu_seconds(), t1 = now_mono();
	frame_clear(&f);
	stress_fill_frame(s, &f);
	double pct = 100 * (c1 - c0) / (t1 - t0);
	fprintf(stderr, "cpu 50 %%: process CPU %.1f %% of one core, achieved %.1f %%\n",
	        pct, row_of(&f, "cpu") ? row_of(&f, "cpu")->achieved : -1.0);
	/* Never more than asked; as much as asked only when a core is free to give it (on a
	 * machine loaded past its cores the thread gets less, and says so in achieved). */
	CHECK(pct < 65);
	double load = 0;
	FILE *la = fopen("/proc/loadavg", "r");
	if (!la || fscanf(la, "%lf", &load) != 1)
		load = 0;
	if (la)
		fclose(la);
	int busy = load > (double)sysconf(_SC_NPROCESSORS_ONLN) - 1;
	if (busy)
		fprintf(stderr, "load average %.1f: the 50 %% floor is not checked\n", load);
	else
		CHECK(pct > 35);
	const struct frame_stress *r = row_of(&f, "cpu");
	CHECK(r != NULL);
	if (r) {
		if (!busy)
			CHECK_NEAR(r->achieved, 50, 15);
		CHECK(r->achieved < 65);
		CHECK_NEAR(r->target, 50, 1e-9);
		CHECK_INT(r->workers, 1);
		CHECK_INT(r->on, 1);
		CHECK_STR(r->unit, "%");
	}

	/* Live control. */
	CHECK_INT(stress_adjust(s, STRESS_CPU, 1), 0);
	struct frame_stress d;
	stress_describe(s, STRESS_CPU, &d);
	CHECK_NEAR(d.target, 60, 1e-9);
	CHECK_INT(stress_adjust(s, STRESS_CPU, 10), 0);
	CHECK_INT(stress_adjust(s, STRESS_CPU, 1), -1);     /* already at 100 */
	stress_describe(s, STRESS_CPU, &d);
	CHECK_NEAR(d.target, 100, 1e-9);
	char sum[64];
	stress_summary(s, STRESS_CPU, sum, sizeof sum);
	CHECK_STR(sum, "1 x int 100 %");
	CHECK_INT(stress_toggle(s, STRESS_CPU), 0);
	stress_describe(s, STRESS_CPU, &d);
	CHECK_INT(d.on, 0);
	CHECK_INT(d.workers, 0);
	CHECK_INT(stress_toggle(s, STRESS_CPU), 0);
	stress_describe(s, STRESS_CPU, &d);
	CHECK_INT(d.on, 1);
	CHECK_INT(d.workers, 1);

	double t = now_mono();
	stress_stop(s);
	CHECK(now_mono() - t < 1.0);
	frame_clear(&f);
	stress_fill_frame(s, &f);                            /* safe after stop */
	CHECK(row_of(&f, "cpu") && row_of(&f, "cpu")->on == 0);
	stress_free(s);
}

/* Waits up to `limit` seconds for the vm workers to hold `bytes`. */
static double wait_bytes(struct stress *s, int gen, double bytes, double limit)
{
	double t = now_mono(), b = 0;
	while ((b = stress_bytes(s, gen)) < bytes && now_mono() - t < limit)
		nap(0.02);
	return b;
}

static double rss_bytes(void)
{
	FILE *fp = fopen("/proc/self/status", "r");
	char line[256];
	double kb = -1;
	while (fp && fgets(line, sizeof line, fp))
		if (!strncmp(line, "VmRSS:", 6))
			kb = strtod(line + 6, NULL);
	if (fp)
		fclose(fp);
	return kb * 1024;
}

static void test_vm(const char *tmp)
{
	char proc[512], self[512], cg[512], cgdir[512], why[256];
	snprintf(proc, sizeof proc, "%s/proc", tmp);
	snprintf(self, sizeof self, "%s/proc/self", tmp);
	snprintf(cg, sizeof cg, "%s/cgroup", tmp);
	snprintf(cgdir, sizeof cgdir, "%s/cgroup/bench", tmp);
	mkdir(proc, 0700);
	mkdir(self, 0700);
	mkdir(cg, 0700);
	mkdir(cgdir, 0700);
	write_file(proc, "meminfo", "MemTotal:        1048576 kB\nMemFree:          262144 kB\n"
	                            "MemAvailable:     524288 kB\nBuffers:               0 kB\n");

	/* 4 GiB asked, 512 MiB available: capped to 512 MiB minus the 256 MiB reserve. */
	struct stress_config cfg;
	struct stress *s;
	struct msgs m = { "" };
	stress_config_init(&cfg);
	SET(cfg, "vm", 1);
	SET(cfg, "vm-bytes", 4096 * MIB);
	cfg.proc_root = proc;
	cfg.cgroup_root = cg;
	double rss0 = rss_bytes();
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), 0);
	unsigned seen = 0;
	stress_each_message(s, &seen, collect, &m);
	fprintf(stderr, "%s", m.all);
	CHECK(strstr(m.all, "4.00 GiB requested, capped to 256 MiB") != NULL);
	CHECK(strstr(m.all, "MemAvailable 512 MiB minus a 256 MiB reserve") != NULL);
	double held = wait_bytes(s, STRESS_VM, 256 * MIB, 10);
	CHECK_NEAR(held, 256 * MIB, 0);
	CHECK(rss_bytes() - rss0 > 240 * MIB);
	char sum[64];
	stress_summary(s, STRESS_VM, sum, sizeof sum);
	CHECK_STR(sum, "1 x 256 MiB seq");
	/* Lowering halves it, live. */
	CHECK_INT(stress_adjust(s, STRESS_VM, -1), 0);
	stress_summary(s, STRESS_VM, sum, sizeof sum);
	CHECK_STR(sum, "1 x 128 MiB seq");
	double t = now_mono();
	while (stress_bytes(s, STRESS_VM) > 128 * MIB && now_mono() - t < 5)
		nap(0.02);
	CHECK_NEAR(stress_bytes(s, STRESS_VM), 128 * MIB, 0);
	/* Raising is held at the cap, which counts the 128 MiB we hold as ours to give back (this
	 * fake MemAvailable stays at 512 MiB): 512 + 128 - 256 = 384 MiB. */
	memset(&m, 0, sizeof m);
	CHECK_INT(stress_adjust(s, STRESS_VM, 2), 0);
	stress_summary(s, STRESS_VM, sum, sizeof sum);
	CHECK_STR(sum, "1 x 384 MiB seq");
	stress_each_message(s, &seen, collect, &m);
	CHECK(strstr(m.all, "vm: 384 MiB per worker is the most") != NULL);
	struct frame f;
	nap(0.2);
	frame_clear(&f);
	stress_fill_frame(s, &f);
	CHECK(row_of(&f, "vm") && row_of(&f, "vm")->achieved > 0);
	CHECK(row_of(&f, "vm") && !strcmp(row_of(&f, "vm")->unit, "MiB/s"));
	stress_free(s);

	/* A cgroup v2 limit of 256 MiB with 64 MiB in use: 192 MiB minus a 64 MiB reserve. */
	write_file(self, "cgroup", "0::/bench\n");
	write_file(cgdir, "memory.max", "268435456\n");
	write_file(cgdir, "memory.current", "67108864\n");
	memset(&m, 0, sizeof m);
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), 0);
	stress_each_message(s, NULL, collect, &m);
	fprintf(stderr, "%s", m.all);
	CHECK(strstr(m.all, "capped to 128 MiB: cgroup memory limit 256 MiB, 64.0 MiB in use") != NULL);
	stress_free(s);

	/* cgroup v1, where the parent holds the limit: 256 MiB, 96 MiB in use. */
	char v1[600], v1p[600], path[700];
	snprintf(v1, sizeof v1, "%s/memory", cg);
	snprintf(v1p, sizeof v1p, "%s/memory/box", cg);
	snprintf(path, sizeof path, "%s/memory/box/job", cg);
	mkdir(v1, 0700);
	mkdir(v1p, 0700);
	mkdir(path, 0700);
	write_file(self, "cgroup", "5:cpu,cpuacct:/\n4:memory:/box/job\n0::/\n");
	write_file(path, "memory.limit_in_bytes", "9223372036854771712\n");
	write_file(path, "memory.usage_in_bytes", "1048576\n");
	write_file(v1p, "memory.limit_in_bytes", "268435456\n");
	write_file(v1p, "memory.usage_in_bytes", "100663296\n");
	memset(&m, 0, sizeof m);
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), 0);
	stress_each_message(s, NULL, collect, &m);
	fprintf(stderr, "%s", m.all);
	CHECK(strstr(m.all, "capped to 96.0 MiB: cgroup memory limit 256 MiB, 96.0 MiB in use") != NULL);
	stress_free(s);
	write_file(self, "cgroup", "0::/bench\n");
	static const char *const v1files[] = { "box/job/memory.limit_in_bytes", "box/job/memory.usage_in_bytes",
	                                       "box/memory.limit_in_bytes", "box/memory.usage_in_bytes" };
	for (int i = 0; i < 4; i++) {
		snprintf(path, sizeof path, "%s/%s", v1, v1files[i]);
		unlink(path);
	}
	snprintf(path, sizeof path, "%s/memory/box/job", cg);
	rmdir(path);
	rmdir(v1p);
	rmdir(v1);

	/* vm_pct: a quarter of MemAvailable, under the cap, so not capped. */
	write_file(cgdir, "memory.max", "max\n");
	memset(&m, 0, sizeof m);
	SET_PCT(cfg, "vm-bytes", 25);
	SET_TEXT(cfg, "vm-method", "random");
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), 0);
	stress_each_message(s, NULL, collect, &m);
	CHECK_STR(m.all, "");
	stress_summary(s, STRESS_VM, sum, sizeof sum);
	CHECK_STR(sum, "1 x 128 MiB random");
	stress_free(s);

	snprintf(path, sizeof path, "%s/memory.max", cgdir); unlink(path);
	snprintf(path, sizeof path, "%s/memory.current", cgdir); unlink(path);
	snprintf(path, sizeof path, "%s/cgroup", self); unlink(path);
	snprintf(path, sizeof path, "%s/meminfo", proc); unlink(path);
	rmdir(cgdir);
	rmdir(cg);
	rmdir(self);
	rmdir(proc);
}

static void test_hdd(const char *tmp)
{
	char dir[512], why[256];
	snprintf(dir, sizeof dir, "%s/hdd", tmp);
	mkdir(dir, 0700);
	struct stress_config cfg;
	struct stress *s;
	stress_config_init(&cfg);
	SET(cfg, "hdd", 2);
	SET(cfg, "hdd-bytes", 16 * MIB);
	cfg.dir = dir;
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), 0);
	struct frame f;
	frame_clear(&f);
	stress_fill_frame(s, &f);
	nap(0.5);
	CHECK_INT(dir_entries(dir), 0);
	CHECK(stress_bytes(s, STRESS_HDD) > 0);
	CHECK(stress_bytes(s, STRESS_HDD) <= 2 * 16 * MIB);
	frame_clear(&f);
	stress_fill_frame(s, &f);
	const struct frame_stress *r = row_of(&f, "hdd");
	CHECK(r && r->on && r->workers == 2 && r->achieved > 0 && isnan(r->target));
	/* A rate limit, then back to unlimited. */
	CHECK_INT(stress_adjust(s, STRESS_HDD, -100), 0);
	struct frame_stress d;
	stress_describe(s, STRESS_HDD, &d);
	CHECK_NEAR(d.target, 1, 1e-9);
	CHECK_INT(stress_adjust(s, STRESS_HDD, 100), 0);
	stress_describe(s, STRESS_HDD, &d);
	CHECK(isnan(d.target));
	double t = now_mono();
	stress_stop(s);
	CHECK(now_mono() - t < 1.0);
	CHECK_INT(dir_entries(dir), 0);
	CHECK_NEAR(stress_bytes(s, STRESS_HDD), 0, 0);
	stress_free(s);

	/* Far more than the disk holds: capped with a message, not a full disk. */
	struct msgs m = { "" };
	SET(cfg, "hdd", 1);
	SET(cfg, "hdd-bytes", 1e18);
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), 0);
	stress_each_message(s, NULL, collect, &m);
	fprintf(stderr, "%s", m.all);
	CHECK(strstr(m.all, "capped to") && strstr(m.all, "reserve"));
	stress_free(s);
	CHECK_INT(dir_entries(dir), 0);

	/* kill -9 of a process in the middle of writing leaves nothing behind. */
	int p[2];
	CHECK_INT(pipe(p), 0);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		SET(cfg, "hdd-bytes", 64 * MIB);
		if (stress_start(&s, &cfg, why, sizeof why) < 0)
			_exit(1);
		while (stress_bytes(s, STRESS_HDD) <= 0)
			nap(0.01);
		if (write(p[1], "x", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(p[1]);
	char c;
	CHECK_INT(read(p[0], &c, 1), 1);
	close(p[0]);
	nap(0.5);
	kill(pid, SIGKILL);
	int status = 0;
	waitpid(pid, &status, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	CHECK_INT(dir_entries(dir), 0);
	rmdir(dir);
}

static void test_stop_all(const char *tmp)
{
	char dir[512], why[256];
	snprintf(dir, sizeof dir, "%s/all", tmp);
	mkdir(dir, 0700);
	struct stress_config cfg;
	struct stress *s;
	stress_config_init(&cfg);
	SET(cfg, "cpu", 2);
	SET_TEXT(cfg, "cpu-method", "mixed");
	SET(cfg, "vm", 2);
	SET(cfg, "vm-bytes", 64 * MIB);
	SET_TEXT(cfg, "vm-method", "rmw");
	SET(cfg, "hdd", 2);
	SET(cfg, "hdd-bytes", 16 * MIB);
	cfg.dir = dir;
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), 0);
	nap(0.5);
	struct frame_stress d;
	for (int g = 0; g <= STRESS_HDD; g++) {
		stress_describe(s, g, &d);
		CHECK_INT(d.workers, 2);
	}
	double t = now_mono();
	stress_stop(s);
	double took = now_mono() - t;
	fprintf(stderr, "stop of 6 workers: %.3f s\n", took);
	CHECK(took < 1.0);
	for (int g = 0; g < stress_count(s); g++) {
		stress_describe(s, g, &d);
		CHECK_INT(d.on, 0);
	}
	CHECK_NEAR(stress_bytes(s, STRESS_VM), 0, 0);
	CHECK_INT(dir_entries(dir), 0);
	/* Toggling a generator that was never configured starts it with defaults. */
	stress_free(s);
	rmdir(dir);

	stress_config_init(&cfg);
	SET(cfg, "vm-bytes", 8 * MIB);
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), 0);
	stress_describe(s, STRESS_VM, &d);
	CHECK_INT(d.on, 0);
	CHECK_INT(stress_toggle(s, STRESS_VM), 0);
	stress_describe(s, STRESS_VM, &d);
	CHECK_INT(d.workers, 1);
	CHECK(wait_bytes(s, STRESS_VM, 8 * MIB, 5) == 8 * MIB);
	stress_free(s);
}

/* The thermal guard's hold: a generator toggled on, or started by a new instance (a suite's
 * background load), stays paused while it holds and starts when it lets go. */
static void test_hold(const char *tmp)
{
	struct stress_config cfg;
	struct stress *s, *load;
	struct frame_stress d;
	struct msgs m = { "" };
	char why[256];
	stress_config_init(&cfg);
	SET(cfg, "cpu", 1);
	SET(cfg, "cpu-load", 10);
	SET(cfg, "hdd-bytes", 4 * MIB);
	cfg.dir = tmp;
	CHECK_INT(stress_start(&s, &cfg, why, sizeof why), 0);
	stress_pause(s, 1);
	stress_describe(s, STRESS_CPU, &d);
	CHECK(d.paused && d.workers == 0);
	CHECK_INT(stress_toggle(s, STRESS_CPU), 0);            /* off by hand */
	stress_describe(s, STRESS_CPU, &d);
	CHECK(!d.paused && d.workers == 0);
	CHECK_INT(stress_toggle(s, STRESS_CPU), 0);            /* on again: still held */
	stress_describe(s, STRESS_CPU, &d);
	CHECK_INT(d.workers, 0);
	CHECK_INT(d.paused, 1);
	CHECK_STR(d.note, "paused: thermal");
	CHECK_INT(stress_toggle(s, STRESS_HDD), 0);            /* never configured: held as well */
	stress_describe(s, STRESS_HDD, &d);
	CHECK(d.paused && d.workers == 0);
	stress_each_message(s, NULL, collect, &m);
	CHECK(strstr(m.all, "cpu: paused: the thermal guard holds the stressors") != NULL);
	CHECK_INT(stress_start(&load, &cfg, why, sizeof why), 0);   /* a suite's load meanwhile */
	stress_describe(load, STRESS_CPU, &d);
	CHECK(d.paused && d.workers == 0);
	CHECK_INT(stress_follow_hold(load), 0);                /* still held: nothing changes */
	stress_pause(s, 0);
	stress_describe(s, STRESS_CPU, &d);
	CHECK(!d.paused && d.workers == 1);
	stress_describe(s, STRESS_HDD, &d);
	CHECK(!d.paused && d.workers == 1);
	CHECK_INT(stress_follow_hold(load), 1);                /* the load follows on its thread */
	stress_describe(load, STRESS_CPU, &d);
	CHECK(!d.paused && d.workers == 1);
	stress_pause(s, 1);
	CHECK_INT(stress_follow_hold(load), 1);
	stress_describe(load, STRESS_CPU, &d);
	CHECK(d.paused && d.workers == 0);
	stress_pause(s, 0);
	stress_free(load);
	stress_free(s);
}

/* The settings as the command line and suites give them: one table, one parser. */
static void test_settings(void)
{
	struct stress_config cfg;
	char why[256], name[64];
	stress_config_init(&cfg);
	CHECK_INT(stress_config_any(&cfg), 0);
	CHECK_NEAR(stress_config_value(&cfg, "cpu-load")->num, 100, 0);
	CHECK_STR(stress_config_value(&cfg, "cpu_method")->text, "mixed");
	CHECK_INT(stress_config_set(&cfg, "cpu_load", "30", why, sizeof why), 0);
	CHECK_NEAR(stress_config_value(&cfg, "cpu-load")->num, 30, 0);
	CHECK_INT(stress_config_any(&cfg), 0);                 /* a setting alone turns nothing on */
	CHECK_INT(stress_config_set(&cfg, "vm", "2", why, sizeof why), 0);
	CHECK_INT(cfg.on, 1u << STRESS_VM);
	CHECK_INT(stress_config_set(&cfg, "vm-bytes", "25%", why, sizeof why), 0);
	CHECK(stress_config_value(&cfg, "vm-bytes")->pct);
	CHECK_INT(stress_config_set(&cfg, "vm-bytes", "1G", why, sizeof why), 0);
	CHECK_NEAR(stress_config_value(&cfg, "vm-bytes")->num, 1024.0 * MIB, 0);
	CHECK_INT(stress_config_set(&cfg, "cpu-load", "0", why, sizeof why), -1);
	CHECK_STR(why, "invalid value '0': expected a percentage from 1 to 100");
	CHECK_INT(stress_config_set(&cfg, "hdd-write-size", "3000", why, sizeof why), -1);
	CHECK_INT(stress_config_set(&cfg, "cpu-speed", "1", why, sizeof why), -1);
	CHECK(strstr(why, "unknown") != NULL);
	CHECK(stress_config_value(&cfg, "vm-bytez") == NULL);
	/* Words in any case, kept as the table spells them; "all" only where 0 means one per CPU. */
	CHECK_INT(stress_config_set(&cfg, "cpu-method", "Int", why, sizeof why), 0);
	CHECK_STR(stress_config_value(&cfg, "cpu-method")->text, "int");
	CHECK_INT(stress_config_set(&cfg, "cpu", "ALL", why, sizeof why), 0);
	CHECK_NEAR(stress_config_value(&cfg, "cpu")->num, 0, 0);
	CHECK_INT(stress_config_set(&cfg, "vm", "all", why, sizeof why), -1);
	/* The limits the generators start with, refused as the value is written. */
	CHECK_INT(stress_config_set(&cfg, "cpu", "257", why, sizeof why), -1);
	CHECK_STR(why, "invalid value '257': expected a whole number from 0 to 256, or all");
	CHECK_INT(stress_config_set(&cfg, "vm-bytes", "1023K", why, sizeof why), -1);
	CHECK(strstr(why, "'1023K'") && strstr(why, "at least 1M"));
	CHECK_INT(stress_config_set(&cfg, "hdd-write-size", "6K", why, sizeof why), -1);
	CHECK(strstr(why, "'6K'") && strstr(why, "a multiple of 4K"));
	int g, i;
	CHECK_INT(stress_config_validate(&cfg, '-', &g, &i, why, sizeof why), 0);
	CHECK_INT(stress_config_set(&cfg, "hdd-bytes", "64K", why, sizeof why), 0);
	CHECK_INT(stress_config_validate(&cfg, '-', &g, &i, why, sizeof why), -1);
	CHECK_INT(g, STRESS_HDD);
	CHECK_INT(i, 1);
	CHECK_STR(why, "invalid value '64K': expected at least one block of --hdd-write-size (1MiB)");
	CHECK_INT(stress_config_set(&cfg, "hdd-write-size", "64K", why, sizeof why), 0);
	CHECK_INT(stress_config_validate(&cfg, '_', &g, &i, why, sizeof why), 0);
	stress_option_name(STRESS_HDD, 2, '_', name, sizeof name);
	CHECK_STR(name, "hdd_write_size");
	stress_option_name(STRESS_CPU, 0, '-', name, sizeof name);
	CHECK_STR(name, "cpu");
	CHECK_INT(stress_find("hdd"), STRESS_HDD);
	CHECK_INT(stress_find("gpu0"), -1);
}

int main(void)
{
	test_settings();
	char tmp[] = "/tmp/benchtop-stress.XXXXXX";
	if (!mkdtemp(tmp)) {
		perror("mkdtemp");
		return 99;
	}
	test_errors(tmp);
	test_cpu();
	test_vm(tmp);
	test_hdd(tmp);
	test_stop_all(tmp);
	test_hold(tmp);
	CHECK_INT(rmdir(tmp), 0);
	return check_result();
}
