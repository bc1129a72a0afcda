#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

static double pct(double part, double whole)
{
	return isfinite(part) && isfinite(whole) && whole > 0 ? 100.0 * part / whole : NAN;
}

static double get_cpu(const struct frame *f) { return f->cpu.total; }
static double get_mem(const struct frame *f) { return pct(f->mem.used, f->mem.total); }
static double get_swap(const struct frame *f) { return pct(f->mem.swap_used, f->mem.swap_total); }
static double get_power(const struct frame *f) { return f->cpu.package_power_w; }

static double get_gpu_util(const struct frame *f)
{
	double hi = NAN;
	for (int i = 0; i < f->ngpus; i++)
		if (isfinite(f->gpus[i].util) && !(f->gpus[i].util <= hi))
			hi = f->gpus[i].util;
	return hi;
}

static double get_gpu_mem(const struct frame *f)
{
	double sum = 0;
	int n = 0;
	for (int i = 0; i < f->ngpus; i++)
		if (isfinite(f->gpus[i].mem_used)) {
			sum += f->gpus[i].mem_used;
			n++;
		}
	return n ? sum : NAN;
}

const struct series_info series_table[SERIES_COUNT] = {
	[SERIES_CPU]        = { "cpu", "%", get_cpu },
	[SERIES_MEM]        = { "mem", "%", get_mem },
	[SERIES_SWAP]       = { "swap", "%", get_swap },
	[SERIES_DISK_READ]  = { "disk.read", "B/s", frame_disk_read_bps },
	[SERIES_DISK_WRITE] = { "disk.write", "B/s", frame_disk_write_bps },
	[SERIES_NET_RX]     = { "net.rx", "B/s", frame_net_rx_bps },
	[SERIES_NET_TX]     = { "net.tx", "B/s", frame_net_tx_bps },
	[SERIES_TEMP]       = { "temp", "C", frame_max_temp },
	[SERIES_POWER]      = { "power", "W", get_power },
	[SERIES_GPU_UTIL]   = { "gpu.util", "%", get_gpu_util },
	[SERIES_GPU_MEM]    = { "gpu.mem", "B", get_gpu_mem },
};

int store_init(struct store *s, double history_s, double interval_s)
{
	memset(s, 0, sizeof *s);
	double points = interval_s > 0 ? ceil(history_s / interval_s) : 2;
	s->cap = points < 2 ? 2 : (size_t)points;
	s->times = malloc(s->cap * sizeof *s->times);
	if (!s->times)
		return -1;
	for (size_t i = 0; i < s->cap; i++)
		s->times[i] = NAN;
	for (int i = 0; i < SERIES_COUNT; i++)
		if (ring_init(&s->series[i], s->cap) < 0 ||
		    coarse_init(&s->coarse[i], STORE_COARSE_CAP, STORE_COARSE_BUCKET_S) < 0) {
			store_free(s);
			return -1;
		}
	frame_clear(&s->latest);
	return 0;
}

void store_free(struct store *s)
{
	for (int i = 0; i < SERIES_COUNT; i++) {
		ring_free(&s->series[i]);
		coarse_free(&s->coarse[i]);
	}
	free(s->times);
	s->times = NULL;
}

void store_push(struct store *s, const struct frame *f)
{
	/* The time ring shares the series rings' head: they are pushed together. */
	s->times[s->series[0].head] = f->t;
	for (int i = 0; i < SERIES_COUNT; i++) {
		float v = (float)series_table[i].get(f);
		ring_push(&s->series[i], v);
		coarse_add(&s->coarse[i], f->t, v);
	}
	s->latest = *f;
	s->have_latest = 1;
	s->frames++;
}

size_t store_count(const struct store *s)
{
	return s->series[0].count;
}

double store_time(const struct store *s, size_t i)
{
	const struct ring *r = &s->series[0];
	if (i >= r->count)
		return NAN;
	size_t oldest = (r->head + r->cap - r->count) % r->cap;
	return s->times[(oldest + i) % r->cap];
}
