#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "metrics-collect.h"

enum {
	/* host, node_exporter's names */
	MF_NODE_CPU, MF_NODE_CPU_FREQ, MF_NODE_LOAD1, MF_NODE_LOAD5, MF_NODE_LOAD15,
	MF_NODE_MEM_TOTAL, MF_NODE_MEM_AVAILABLE, MF_NODE_MEM_CACHED, MF_NODE_SWAP_TOTAL, MF_NODE_SWAP_FREE,
	MF_NODE_DISK_READ, MF_NODE_DISK_WRITTEN, MF_NODE_DISK_READS, MF_NODE_DISK_WRITES,
	MF_NODE_NET_RX, MF_NODE_NET_TX, MF_NODE_FS_SIZE, MF_NODE_FS_AVAIL,
	MF_NODE_HWMON_TEMP, MF_NODE_THERMAL_TEMP,
	/* benchtop's own */
	MF_BUILD_INFO, MF_CPU_BUSY, MF_CPU_USAGE, MF_CPU_POWER,
	MF_SAMPLES, MF_DROPPED, MF_SAMPLE_AGE, MF_INTERVAL,
	MF_STRESS_ACTIVE, MF_STRESS_WORKERS, MF_STRESS_TARGET, MF_STRESS_ACHIEVED,
	MF_STRESS_TARGET_BPS, MF_STRESS_BPS, MF_STRESS_OPS,
	MF_GPU_INFO, MF_GPU_UTIL, MF_GPU_MEM_USED, MF_GPU_MEM_TOTAL, MF_GPU_TEMP, MF_GPU_POWER, MF_GPU_CLOCK,
	MF_TEST_RUNNING, MF_TEST_ITERATION, MF_TEST_PLANNED,
	MF_TEST_MEDIAN, MF_TEST_MEAN, MF_TEST_STDEV, MF_TEST_CI_LOW, MF_TEST_CI_HIGH, MF_TEST_SAMPLES,
	MF_TEST_STATUS,
	MF_RUN_START, MF_RUN_DURATION, MF_RUN_EXIT,
	MF_COUNT
};

#define L(...) { __VA_ARGS__, NULL }
#define TEST_LABELS L("suite", "test", "variant")
#define SUMMARY_LABELS { "suite", "test", "variant", "unit" }
#define GPU_LABELS L("gpu", "pci_bus_id", "uuid")

const struct metric_family metrics_families[] = {
	[MF_NODE_CPU] = { "node_cpu_seconds", METRIC_COUNTER, "seconds",
		"Seconds each CPU spent in each mode since boot (/proc/stat).", L("cpu", "mode") },
	[MF_NODE_CPU_FREQ] = { "node_cpu_scaling_frequency_hertz", METRIC_GAUGE, "hertz",
		"Current clock of each CPU.", L("cpu") },
	[MF_NODE_LOAD1] = { "node_load1", METRIC_GAUGE, "", "1m load average.", { NULL } },
	[MF_NODE_LOAD5] = { "node_load5", METRIC_GAUGE, "", "5m load average.", { NULL } },
	[MF_NODE_LOAD15] = { "node_load15", METRIC_GAUGE, "", "15m load average.", { NULL } },
	[MF_NODE_MEM_TOTAL] = { "node_memory_MemTotal_bytes", METRIC_GAUGE, "bytes", "Memory of the machine.", { NULL } },
	[MF_NODE_MEM_AVAILABLE] = { "node_memory_MemAvailable_bytes", METRIC_GAUGE, "bytes",
		"Memory available for new work without swapping.", { NULL } },
	[MF_NODE_MEM_CACHED] = { "node_memory_Cached_bytes", METRIC_GAUGE, "bytes", "Memory used by the page cache.",
		{ NULL } },
	[MF_NODE_SWAP_TOTAL] = { "node_memory_SwapTotal_bytes", METRIC_GAUGE, "bytes", "Swap space.", { NULL } },
	[MF_NODE_SWAP_FREE] = { "node_memory_SwapFree_bytes", METRIC_GAUGE, "bytes", "Swap space unused.", { NULL } },
	[MF_NODE_DISK_READ] = { "node_disk_read_bytes", METRIC_COUNTER, "bytes",
		"Bytes read from each disk since benchtop started.", L("device") },
	[MF_NODE_DISK_WRITTEN] = { "node_disk_written_bytes", METRIC_COUNTER, "bytes",
		"Bytes written to each disk since benchtop started.", L("device") },
	[MF_NODE_DISK_READS] = { "node_disk_reads_completed", METRIC_COUNTER, "",
		"Reads completed by each disk since benchtop started.", L("device") },
	[MF_NODE_DISK_WRITES] = { "node_disk_writes_completed", METRIC_COUNTER, "",
		"Writes completed by each disk since benchtop started.", L("device") },
	[MF_NODE_NET_RX] = { "node_network_receive_bytes", METRIC_COUNTER, "bytes",
		"Bytes received by each interface since benchtop started.", L("device") },
	[MF_NODE_NET_TX] = { "node_network_transmit_bytes", METRIC_COUNTER, "bytes",
		"Bytes sent by each interface since benchtop started.", L("device") },
	[MF_NODE_FS_SIZE] = { "node_filesystem_size_bytes", METRIC_GAUGE, "bytes", "Size of each filesystem.",
		L("device", "mountpoint") },
	[MF_NODE_FS_AVAIL] = { "node_filesystem_avail_bytes", METRIC_GAUGE, "bytes",
		"Space left to unprivileged users on each filesystem.", L("device", "mountpoint") },
	[MF_NODE_HWMON_TEMP] = { "node_hwmon_temp_celsius", METRIC_GAUGE, "celsius", "Temperature of each hwmon sensor.",
		L("chip", "sensor") },
	[MF_NODE_THERMAL_TEMP] = { "node_thermal_zone_temp", METRIC_GAUGE, "",
		"Temperature of each thermal zone, in degrees Celsius.", L("type", "zone") },

	[MF_BUILD_INFO] = { "benchtop_build_info", METRIC_GAUGE, "", "The benchtop version, always 1.", L("version") },
	[MF_CPU_BUSY] = { "benchtop_cpu_busy_ratio", METRIC_GAUGE, "ratio",
		"Share of the last interval each CPU was busy (0..1).", L("cpu") },
	[MF_CPU_USAGE] = { "benchtop_cpu_usage_ratio", METRIC_GAUGE, "ratio",
		"Share of all CPUs' last interval spent in each mode (0..1).", L("mode") },
	[MF_CPU_POWER] = { "benchtop_cpu_package_power_watts", METRIC_GAUGE, "watts",
		"Power drawn by the CPU packages (RAPL), summed.", { NULL } },
	[MF_SAMPLES] = { "benchtop_sampler_samples", METRIC_COUNTER, "", "Samples taken since benchtop started.",
		{ NULL } },
	[MF_DROPPED] = { "benchtop_sampler_dropped_frames", METRIC_COUNTER, "",
		"Samples dropped because the main loop fell behind.", { NULL } },
	[MF_SAMPLE_AGE] = { "benchtop_sampler_last_sample_age_seconds", METRIC_GAUGE, "seconds",
		"Age of the newest sample when this snapshot was made.", { NULL } },
	[MF_INTERVAL] = { "benchtop_sampler_interval_seconds", METRIC_GAUGE, "seconds", "Sampling interval.", { NULL } },
	[MF_STRESS_ACTIVE] = { "benchtop_stress_active", METRIC_GAUGE, "", "1 while the stressor runs, 0 when off.",
		L("stressor") },
	[MF_STRESS_WORKERS] = { "benchtop_stress_workers", METRIC_GAUGE, "", "Worker threads of the stressor.",
		L("stressor") },
	[MF_STRESS_TARGET] = { "benchtop_stress_target_load_ratio", METRIC_GAUGE, "ratio",
		"Load the stressor aims at per worker (0..1; cpu: the duty cycle).", L("stressor") },
	[MF_STRESS_ACHIEVED] = { "benchtop_stress_achieved_load_ratio", METRIC_GAUGE, "ratio",
		"Load the stressor reached per worker over the last interval (0..1).", L("stressor") },
	[MF_STRESS_TARGET_BPS] = { "benchtop_stress_target_bytes_per_second", METRIC_GAUGE, "bytes_per_second",
		"Rate limit of the stressor; absent when unlimited.", L("stressor") },
	[MF_STRESS_BPS] = { "benchtop_stress_throughput_bytes_per_second", METRIC_GAUGE, "bytes_per_second",
		"Bytes the stressor moved per second over the last interval.", L("stressor") },
	[MF_STRESS_OPS] = { "benchtop_stress_ops_per_second", METRIC_GAUGE, "",
		"Operations the stressor completed per second over the last interval.", L("stressor") },
	[MF_GPU_INFO] = { "benchtop_gpu_info", METRIC_GAUGE, "", "Each GPU's name and backend, always 1.",
		{ "gpu", "pci_bus_id", "uuid", "name", "backend" } },
	[MF_GPU_UTIL] = { "benchtop_gpu_utilization_ratio", METRIC_GAUGE, "ratio",
		"Share of the last interval the GPU was busy (0..1).", GPU_LABELS },
	[MF_GPU_MEM_USED] = { "benchtop_gpu_memory_used_bytes", METRIC_GAUGE, "bytes", "GPU memory in use.", GPU_LABELS },
	[MF_GPU_MEM_TOTAL] = { "benchtop_gpu_memory_total_bytes", METRIC_GAUGE, "bytes", "GPU memory.", GPU_LABELS },
	[MF_GPU_TEMP] = { "benchtop_gpu_temperature_celsius", METRIC_GAUGE, "celsius", "GPU temperature.", GPU_LABELS },
	[MF_GPU_POWER] = { "benchtop_gpu_power_watts", METRIC_GAUGE, "watts", "GPU power draw.", GPU_LABELS },
	[MF_GPU_CLOCK] = { "benchtop_gpu_sm_clock_hertz", METRIC_GAUGE, "hertz", "GPU SM clock.", GPU_LABELS },
	[MF_TEST_RUNNING] = { "benchtop_test_running", METRIC_GAUGE, "", "1 for each test variant under way.",
		TEST_LABELS },
	[MF_TEST_ITERATION] = { "benchtop_test_iteration", METRIC_GAUGE, "",
		"The iteration under way (warmups included), 1-based.", TEST_LABELS },
	[MF_TEST_PLANNED] = { "benchtop_test_iterations_planned", METRIC_GAUGE, "",
		"Iterations planned, warmups included; absent when the test runs until a time is reached.", TEST_LABELS },
	[MF_TEST_MEDIAN] = { "benchtop_test_median", METRIC_GAUGE, "", "Median of a finished test's samples, in its unit.",
		SUMMARY_LABELS },
	[MF_TEST_MEAN] = { "benchtop_test_mean", METRIC_GAUGE, "", "Mean of a finished test's samples, in its unit.",
		SUMMARY_LABELS },
	[MF_TEST_STDEV] = { "benchtop_test_stdev", METRIC_GAUGE, "",
		"Sample standard deviation of a finished test, in its unit.", SUMMARY_LABELS },
	[MF_TEST_CI_LOW] = { "benchtop_test_ci95_low", METRIC_GAUGE, "",
		"Lower bound of the 95 % confidence interval of the mean, in the test's unit.", SUMMARY_LABELS },
	[MF_TEST_CI_HIGH] = { "benchtop_test_ci95_high", METRIC_GAUGE, "",
		"Upper bound of the 95 % confidence interval of the mean, in the test's unit.", SUMMARY_LABELS },
	[MF_TEST_SAMPLES] = { "benchtop_test_samples", METRIC_GAUGE, "",
		"Measured iterations of a finished test (warmups excluded).", TEST_LABELS },
	[MF_TEST_STATUS] = { "benchtop_test_status", METRIC_GAUGE, "",
		"1 for a finished test's status (pass, fail, error, timeout, skipped, stopped).", { "suite", "test", "variant", "status" } },
	[MF_RUN_START] = { "benchtop_run_start_time_seconds", METRIC_GAUGE, "seconds",
		"When the run started, Unix seconds.", { NULL } },
	[MF_RUN_DURATION] = { "benchtop_run_duration_seconds", METRIC_GAUGE, "seconds",
		"How long the run has lasted, or lasted.", { NULL } },
	[MF_RUN_EXIT] = { "benchtop_run_exit_status", METRIC_GAUGE, "",
		"The run's exit status: 0 all well, 1 a test, a report or (in the textfile, written after it) the push "
		"failed, 3 a test was disturbed under --require-quiet.", { NULL } },
};
const size_t metrics_nfamilies = MF_COUNT;

void metrics_collect_init(struct metrics_collect *c)
{
	memset(c, 0, sizeof *c);
}

static struct metrics_device_total *device(struct metrics_device_total *tab, int *n, const char *name)
{
	for (int i = 0; i < *n; i++)
		if (strcmp(tab[i].name, name) == 0)
			return &tab[i];
	if (*n == METRICS_MAX_DEVICES)
		return NULL;   /* bounded: devices past the table are left out */
	struct metrics_device_total *d = &tab[(*n)++];
	memset(d, 0, sizeof *d);
	snprintf(d->name, sizeof d->name, "%s", name);
	return d;
}

/* Adds rate * dt to a counter; a missing rate adds nothing. */
static void integrate(double *total, double rate, double dt)
{
	if (isfinite(rate) && rate > 0)
		*total += rate * dt;
}

void metrics_collect_frame(struct metrics_collect *c, const struct frame *f)
{
	if (!f || f->seq == c->last_seq)
		return;
	double dt = c->last_mono > 0 && f->mono > c->last_mono ? f->mono - c->last_mono : 0;
	c->last_mono = f->mono;
	c->last_seq = f->seq;
	if (c->proc_root)
		procstat_read(c->proc_root, &c->procstat);
	for (int i = 0; i < f->cpu.ncores && i < FRAME_MAX_CORES; i++) {
		if (!isfinite(f->cpu.core[i]))
			continue;
		c->cpu_seen[i] = 1;
		integrate(&c->cpu_idle_s[i], 1.0 - f->cpu.core[i] / 100.0, dt);
	}
	for (int i = 0; i < f->ndisks; i++) {
		struct metrics_device_total *d = device(c->disks, &c->ndisks, f->disks[i].name);
		if (!d)
			continue;
		integrate(&d->a, f->disks[i].read_bps, dt);
		integrate(&d->b, f->disks[i].write_bps, dt);
		integrate(&d->c, f->disks[i].read_iops, dt);
		integrate(&d->d, f->disks[i].write_iops, dt);
	}
	for (int i = 0; i < f->nnets; i++) {
		struct metrics_device_total *d = device(c->nets, &c->nnets, f->nets[i].name);
		if (!d)
			continue;
		integrate(&d->a, f->nets[i].rx_bps, dt);
		integrate(&d->b, f->nets[i].tx_bps, dt);
	}
}

#define ADD(s, fam, v, ...) metric_set_add((s), (fam), (v), (const char *const[]){ __VA_ARGS__, NULL })
#define ADD0(s, fam, v) metric_set_add((s), (fam), (v), NULL)

static double pct(double v)
{
	return v / 100.0;
}

static void collect_cpu_mem(struct metric_set *s, const struct metrics_collect *c, const struct frame *f)
{
	char cpu[16];
	for (int i = 0; i < c->procstat.n; i++) {   /* node_exporter's counters, every mode */
		snprintf(cpu, sizeof cpu, "%d", c->procstat.cpu[i]);
		for (int m = 0; m < PROCSTAT_NMODES; m++)
			ADD(s, MF_NODE_CPU, c->procstat.s[i][m], cpu, procstat_modes[m]);
	}
	for (int i = 0; !c->procstat.n && i < FRAME_MAX_CORES; i++) {   /* without /proc/stat: idle from the frames */
		if (!c->cpu_seen[i])
			continue;
		snprintf(cpu, sizeof cpu, "%d", i);
		ADD(s, MF_NODE_CPU, c->cpu_idle_s[i], cpu, "idle");
	}
	for (int i = 0; i < f->cpu.ncores && i < FRAME_MAX_CORES; i++) {
		snprintf(cpu, sizeof cpu, "%d", i);
		ADD(s, MF_NODE_CPU_FREQ, f->cpu.freq_mhz[i] * 1e6, cpu);
		ADD(s, MF_CPU_BUSY, pct(f->cpu.core[i]), cpu);
	}
	ADD(s, MF_CPU_USAGE, pct(f->cpu.user), "user");
	ADD(s, MF_CPU_USAGE, pct(f->cpu.system), "system");
	ADD(s, MF_CPU_USAGE, pct(f->cpu.iowait), "iowait");
	ADD(s, MF_CPU_USAGE, pct(f->cpu.idle), "idle");
	ADD0(s, MF_CPU_POWER, f->cpu.package_power_w);
	ADD0(s, MF_NODE_LOAD1, f->cpu.load1);
	ADD0(s, MF_NODE_LOAD5, f->cpu.load5);
	ADD0(s, MF_NODE_LOAD15, f->cpu.load15);
	ADD0(s, MF_NODE_MEM_TOTAL, f->mem.total);
	ADD0(s, MF_NODE_MEM_AVAILABLE, f->mem.available);
	ADD0(s, MF_NODE_MEM_CACHED, f->mem.cached);
	ADD0(s, MF_NODE_SWAP_TOTAL, f->mem.swap_total);
	ADD0(s, MF_NODE_SWAP_FREE, f->mem.swap_total - f->mem.swap_used);
}

static void collect_devices(struct metric_set *s, const struct metrics_collect *c, const struct frame *f)
{
	for (int i = 0; i < c->ndisks; i++) {
		ADD(s, MF_NODE_DISK_READ, c->disks[i].a, c->disks[i].name);
		ADD(s, MF_NODE_DISK_WRITTEN, c->disks[i].b, c->disks[i].name);
		ADD(s, MF_NODE_DISK_READS, c->disks[i].c, c->disks[i].name);
		ADD(s, MF_NODE_DISK_WRITES, c->disks[i].d, c->disks[i].name);
	}
	for (int i = 0; i < c->nnets; i++) {
		ADD(s, MF_NODE_NET_RX, c->nets[i].a, c->nets[i].name);
		ADD(s, MF_NODE_NET_TX, c->nets[i].b, c->nets[i].name);
	}
	for (int i = 0; i < f->nfs; i++) {
		ADD(s, MF_NODE_FS_SIZE, f->fs[i].size, f->fs[i].device, f->fs[i].mount);
		ADD(s, MF_NODE_FS_AVAIL, f->fs[i].avail, f->fs[i].device, f->fs[i].mount);
	}
	/* Sensor labels read "chip: sensor"; thermal zones "thermal_zoneN: type". */
	for (int i = 0; i < f->nsensors; i++) {
		char chip[48];
		const char *label = f->sensors[i].label, *sep = strstr(label, ": ");
		const char *rest = sep ? sep + 2 : label;
		snprintf(chip, sizeof chip, "%.*s", sep ? (int)(sep - label) : 0, label);
		if (strncmp(chip, "thermal_zone", 12) == 0)
			ADD(s, MF_NODE_THERMAL_TEMP, f->sensors[i].temp_c, rest, chip + 12);
		else
			ADD(s, MF_NODE_HWMON_TEMP, f->sensors[i].temp_c, chip, rest);
	}
}

static void collect_stress(struct metric_set *s, const struct frame *f)
{
	for (int i = 0; i < f->nstress; i++) {
		const struct frame_stress *st = &f->stress[i];
		ADD(s, MF_STRESS_ACTIVE, st->on ? 1 : 0, st->name);
		ADD(s, MF_STRESS_WORKERS, st->workers, st->name);
		if (strcmp(st->unit, "%") == 0) {
			ADD(s, MF_STRESS_TARGET, st->on ? pct(st->target) : NAN, st->name);
			ADD(s, MF_STRESS_ACHIEVED, st->on ? pct(st->achieved) : NAN, st->name);
		} else if (strcmp(st->unit, "MiB/s") == 0) {
			ADD(s, MF_STRESS_TARGET_BPS, st->target * 1048576.0, st->name);
			ADD(s, MF_STRESS_BPS, st->on ? st->achieved * 1048576.0 : NAN, st->name);
		} else if (strcmp(st->unit, "ops/s") == 0) {
			ADD(s, MF_STRESS_OPS, st->on ? st->achieved : NAN, st->name);
		}
	}
}

static void collect_gpus(struct metric_set *s, const struct frame *f)
{
	char gpu[16];
	for (int i = 0; i < f->ngpus; i++) {
		const struct frame_gpu *g = &f->gpus[i];
		snprintf(gpu, sizeof gpu, "%d", i);
		ADD(s, MF_GPU_INFO, 1, gpu, g->bus_id, g->uuid, g->name, g->backend);
		ADD(s, MF_GPU_UTIL, pct(g->util), gpu, g->bus_id, g->uuid);
		ADD(s, MF_GPU_MEM_USED, g->mem_used, gpu, g->bus_id, g->uuid);
		ADD(s, MF_GPU_MEM_TOTAL, g->mem_total, gpu, g->bus_id, g->uuid);
		ADD(s, MF_GPU_TEMP, g->temp_c, gpu, g->bus_id, g->uuid);
		ADD(s, MF_GPU_POWER, g->power_w, gpu, g->bus_id, g->uuid);
		ADD(s, MF_GPU_CLOCK, g->sm_clock_mhz * 1e6, gpu, g->bus_id, g->uuid);
	}
}

static void collect_tests(struct metric_set *s, const struct metrics_input *in, const char *suite, int live)
{
	for (size_t i = 0; i < in->ntests; i++) {
		const struct metrics_test *t = &in->tests[i];
		if (suite && strcmp(t->suite, suite) != 0)
			continue;
		if (live && t->running) {
			ADD(s, MF_TEST_RUNNING, 1, t->suite, t->test, t->variant);
			ADD(s, MF_TEST_ITERATION, t->iteration, t->suite, t->test, t->variant);
			ADD(s, MF_TEST_PLANNED, t->planned > 0 ? t->planned : NAN, t->suite, t->test, t->variant);
		}
		if (!t->finished)
			continue;
		ADD(s, MF_TEST_STATUS, 1, t->suite, t->test, t->variant, t->status);
		if (!t->stats || t->stats->n == 0)
			continue;
		ADD(s, MF_TEST_SAMPLES, (double)t->stats->n, t->suite, t->test, t->variant);
		ADD(s, MF_TEST_MEDIAN, t->stats->median, t->suite, t->test, t->variant, t->unit);
		ADD(s, MF_TEST_MEAN, t->stats->mean, t->suite, t->test, t->variant, t->unit);
		ADD(s, MF_TEST_STDEV, t->stats->stdev, t->suite, t->test, t->variant, t->unit);
		ADD(s, MF_TEST_CI_LOW, t->stats->ci95_lo, t->suite, t->test, t->variant, t->unit);
		ADD(s, MF_TEST_CI_HIGH, t->stats->ci95_hi, t->suite, t->test, t->variant, t->unit);
	}
}

static void collect_run(struct metric_set *s, const struct metrics_input *in)
{
	if (!isfinite(in->run.started))
		return;
	ADD0(s, MF_RUN_START, in->run.started);
	ADD0(s, MF_RUN_DURATION, in->run.duration);
	ADD0(s, MF_RUN_EXIT, in->run.exit_status);
}

struct metric_set *metrics_collect_live(const struct metrics_collect *c, const struct metrics_input *in)
{
	struct metric_set *s = metric_set_new(metrics_families, MF_COUNT);
	if (!s)
		return NULL;
	ADD(s, MF_BUILD_INFO, 1, in->version);
	ADD0(s, MF_SAMPLES, (double)in->frames);
	ADD0(s, MF_DROPPED, (double)in->dropped);
	ADD0(s, MF_INTERVAL, in->interval);
	if (in->frame) {
		const struct frame *f = in->frame;
		ADD0(s, MF_SAMPLE_AGE, in->now > f->t ? in->now - f->t : 0);
		collect_cpu_mem(s, c, f);
		collect_devices(s, c, f);
		collect_stress(s, f);
		collect_gpus(s, f);
	}
	collect_tests(s, in, NULL, 1);
	collect_run(s, in);
	if (s->failed) {
		metric_set_unref(s);
		return NULL;
	}
	return s;
}

struct metric_set *metrics_collect_summary(const struct metrics_input *in, const char *suite)
{
	struct metric_set *s = metric_set_new(metrics_families, MF_COUNT);
	if (!s)
		return NULL;
	ADD(s, MF_BUILD_INFO, 1, in->version);
	collect_tests(s, in, suite, 0);
	collect_run(s, in);
	if (s->failed) {
		metric_set_unref(s);
		return NULL;
	}
	return s;
}
