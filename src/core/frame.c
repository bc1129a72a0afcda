#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "frame.h"

void frame_clear(struct frame *f)
{
	memset(f, 0, sizeof *f);
	struct frame_cpu *c = &f->cpu;
	c->total = c->user = c->system = c->iowait = c->idle = NAN;
	c->nice = c->steal = NAN;
	c->load1 = c->load5 = c->load15 = NAN;
	c->package_power_w = c->throttle_core = c->throttle_pkg = NAN;
	for (int i = 0; i < FRAME_MAX_CORES; i++)
		c->core[i] = c->freq_mhz[i] = NAN;
	struct frame_mem *m = &f->mem;
	m->total = m->used = m->available = m->cached = m->swap_total = m->swap_used = NAN;
	for (int i = 0; i < FRAME_MAX_STRESS; i++)
		f->stress[i].target = f->stress[i].achieved = f->stress[i].work = f->stress[i].errors = NAN;
}

static int clamp_count(int n, int max)
{
	return n < 0 ? 0 : n > max ? max : n;
}

#define END_TEXT(field) ((field)[sizeof (field) - 1] = '\0')

void frame_sanitize(struct frame *f)
{
	f->cpu.ncores = clamp_count(f->cpu.ncores, FRAME_MAX_CORES);
	f->ndisks = clamp_count(f->ndisks, FRAME_MAX_DISKS);
	f->nnets = clamp_count(f->nnets, FRAME_MAX_NETS);
	f->nfs = clamp_count(f->nfs, FRAME_MAX_FS);
	f->ngpus = clamp_count(f->ngpus, FRAME_MAX_GPUS);
	f->nsensors = clamp_count(f->nsensors, FRAME_MAX_SENSORS);
	f->nstress = clamp_count(f->nstress, FRAME_MAX_STRESS);
	for (int i = 0; i < FRAME_MAX_DISKS; i++)
		END_TEXT(f->disks[i].name);
	for (int i = 0; i < FRAME_MAX_NETS; i++)
		END_TEXT(f->nets[i].name);
	for (int i = 0; i < FRAME_MAX_FS; i++) {
		END_TEXT(f->fs[i].mount);
		END_TEXT(f->fs[i].device);
	}
	for (int i = 0; i < FRAME_MAX_GPUS; i++) {
		END_TEXT(f->gpus[i].name);
		END_TEXT(f->gpus[i].bus_id);
		END_TEXT(f->gpus[i].uuid);
		END_TEXT(f->gpus[i].backend);
	}
	for (int i = 0; i < FRAME_MAX_SENSORS; i++)
		END_TEXT(f->sensors[i].label);
	for (int i = 0; i < FRAME_MAX_STRESS; i++)
		frame_stress_sanitize(&f->stress[i]);
}

void frame_stress_sanitize(struct frame_stress *s)
{
	END_TEXT(s->name);
	END_TEXT(s->unit);
	END_TEXT(s->work_unit);
	END_TEXT(s->note);
	if (s->workers < 0)
		s->workers = 0;
}

#define FRAME_SUM(fname, arr, count, field)                        \
	double fname(const struct frame *f)                        \
	{                                                          \
		double sum = 0;                                    \
		int n = 0;                                         \
		for (int i = 0; i < f->count; i++)                 \
			if (isfinite(f->arr[i].field)) {           \
				sum += f->arr[i].field;            \
				n++;                               \
			}                                          \
		return n ? sum : NAN;                              \
	}

FRAME_SUM(frame_disk_read_bps, disks, ndisks, read_bps)
FRAME_SUM(frame_disk_write_bps, disks, ndisks, write_bps)
FRAME_SUM(frame_net_rx_bps, nets, nnets, rx_bps)
FRAME_SUM(frame_net_tx_bps, nets, nnets, tx_bps)

double frame_max_temp(const struct frame *f)
{
	double hot = NAN;
	for (int i = 0; i < f->nsensors; i++)
		if (isfinite(f->sensors[i].temp_c) && !(f->sensors[i].temp_c <= hot))
			hot = f->sensors[i].temp_c;
	return hot;
}

const char *frame_gpu_slowdown_words(unsigned slowdown, const char *sep, char *buf, size_t len)
{
	static const struct { unsigned bit; const char *word; } words[] = {
		{ FRAME_GPU_SLOW_THERMAL, "thermal" }, { FRAME_GPU_SLOW_POWER, "power" }, { FRAME_GPU_SLOW_HW, "hw-slow" },
	};
	size_t n = 0;
	if (len)
		buf[0] = '\0';
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		if (slowdown & words[k].bit) {
			int w = snprintf(buf + n, len > n ? len - n : 0, "%s%s", n ? sep : "", words[k].word);
			if (w > 0 && n + (size_t)w < len)
				n += (size_t)w;
		}
	return buf;
}

const char *frame_throttle_words(const struct frame *f, char *buf, size_t len)
{
	double core = isfinite(f->cpu.throttle_core) ? f->cpu.throttle_core : 0;
	double pkg = isfinite(f->cpu.throttle_pkg) ? f->cpu.throttle_pkg : 0;
	if (len)
		buf[0] = '\0';
	if (core > 0 || pkg > 0)
		snprintf(buf, len, "throttled %.0f core, %.0f pkg", core, pkg);
	return buf;
}
