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

static double get_cpu_mhz(const struct frame *f)
{
	double sum = 0;
	int n = 0;
	for (int i = 0; i < f->cpu.ncores; i++)
		if (isfinite(f->cpu.freq_mhz[i])) {
			sum += f->cpu.freq_mhz[i];
			n++;
		}
	return n ? sum / n : NAN;
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
	[SERIES_CPU_MHZ]    = { "cpu.mhz", "MHz", get_cpu_mhz },
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
	/* The clock of every series; the others come with their first value (row_ring). */
	if (ring_init(&s->series[SERIES_CPU], s->cap) < 0 ||
	    coarse_init(&s->coarse[SERIES_CPU], STORE_COARSE_CAP, STORE_COARSE_BUCKET_S) < 0) {
		store_free(s);
		return -1;
	}
	frame_clear(&s->latest);
	return 0;
}

void store_free(struct store *s)
{
	for (int i = 0; i < SERIES_MAX; i++) {
		ring_free(&s->series[i]);
		coarse_free(&s->coarse[i]);
	}
	free(s->times);
	s->times = NULL;
}

/* A series' rings, made on its first value: NAN back to the first point kept, in lockstep. */
static int row_ring(struct store *s, int id, size_t head, size_t count)
{
	struct ring *r = &s->series[id];
	if (r->v)
		return 0;
	if (ring_init(r, s->cap) < 0 || coarse_init(&s->coarse[id], STORE_COARSE_CAP, STORE_COARSE_BUCKET_S) < 0) {
		ring_free(r);
		return -1;
	}
	r->head = head;
	r->count = count;
	return 0;
}

static double row_value(const struct frame *f, int id)
{
	if (id >= SERIES_GPU_POWER(0)) {
		int i = id - SERIES_GPU_POWER(0);
		return i < f->ngpus ? f->gpus[i].power_w : NAN;
	}
	if (id >= SERIES_GPU(0)) {
		int i = id - SERIES_GPU(0);
		return i < f->ngpus ? f->gpus[i].util : NAN;
	}
	int g = id - SERIES_STRESS(0);
	return g < f->nstress && f->stress[g].on ? f->stress[g].achieved : NAN;
}

void store_push(struct store *s, const struct frame *f)
{
	/* The time ring shares the series rings' head: they are pushed together. */
	s->times[s->series[0].head] = f->t;
	size_t head = s->series[0].head, count = s->series[0].count;   /* before this push */
	for (int i = 0; i < SERIES_MAX; i++) {   /* SERIES_CPU first: it is always there */
		float v = (float)(i < SERIES_COUNT ? series_table[i].get(f) : row_value(f, i));
		if (!s->series[i].v && (!isfinite(v) || row_ring(s, i, head, count) < 0))
			continue;
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

size_t store_last(const struct store *s, int series, size_t n, float *out)
{
	if (series < 0 || series >= SERIES_MAX || !s->series[series].v)
		return 0;
	return ring_copy_last(&s->series[series], n, out);
}

/* Means of the points (time tm(i), value v(i), i in [a, b)) in cols columns of equal time. */
static size_t bin(const struct ring *r, const double *times, size_t a, size_t b, double step_start, double bucket,
                  const struct store *s, float *out, size_t cols)
{
	double lo = times ? store_time(s, a) : step_start + (double)a * bucket;
	double hi = times ? store_time(s, b - 1) : step_start + (double)(b - 1) * bucket;
	double width = hi > lo ? (hi - lo) / (double)cols : 1;
	double sum[cols ? cols : 1];
	size_t k[cols ? cols : 1];
	memset(sum, 0, sizeof sum);
	memset(k, 0, sizeof k);
	for (size_t i = a; i < b; i++) {
		float v = ring_get(r, i);
		if (!isfinite(v))
			continue;
		double t = times ? store_time(s, i) : step_start + (double)i * bucket;
		size_t c = hi > lo ? (size_t)((t - lo) / width) : 0;
		if (c >= cols)
			c = cols - 1;
		sum[c] += v;
		k[c]++;
	}
	for (size_t c = 0; c < cols; c++)
		out[c] = k[c] ? (float)(sum[c] / (double)k[c]) : NAN;
	return cols;
}

size_t store_window(const struct store *s, int series, double t0, double t1, float *out, size_t points)
{
	if (series < 0 || series >= SERIES_MAX || !s->series[series].v || points == 0)
		return 0;
	const struct ring *full = &s->series[series];
	const struct coarse *c = &s->coarse[series];
	size_t n = full->count, nc = c->avg.count;
	double oldest = n ? store_time(s, 0) : NAN;
	double coarse_first = nc ? coarse_last_start(c) - (double)(nc - 1) * c->bucket_s : NAN;
	/* The per-minute means, when the window reaches past the full ring by more than a bucket. */
	if (nc && (!n || (t0 < oldest - c->bucket_s && coarse_first < oldest))) {
		size_t a = 0, b = nc;
		while (a < b && coarse_first + (double)a * c->bucket_s < t0 - c->bucket_s)
			a++;
		while (b > a && coarse_first + (double)(b - 1) * c->bucket_s > t1)
			b--;
		if (a == b)
			return 0;
		return bin(&c->avg, NULL, a, b, coarse_first, c->bucket_s, s, out, b - a < points ? b - a : points);
	}
	size_t b = n, a;
	while (b > 0 && store_time(s, b - 1) > t1)
		b--;
	for (a = b; a > 0 && !(store_time(s, a - 1) < t0); a--)
		;
	if (a == b)
		return 0;
	return bin(full, s->times, a, b, 0, 0, s, out, b - a < points ? b - a : points);
}
