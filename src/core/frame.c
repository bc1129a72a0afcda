#include "config.h"

#include <math.h>
#include <string.h>

#include "frame.h"

void frame_clear(struct frame *f)
{
	memset(f, 0, sizeof *f);
	struct frame_cpu *c = &f->cpu;
	c->total = c->user = c->system = c->iowait = c->idle = NAN;
	c->nice = c->steal = NAN;
	c->load1 = c->load5 = c->load15 = NAN;
	c->package_power_w = NAN;
	for (int i = 0; i < FRAME_MAX_CORES; i++)
		c->core[i] = c->freq_mhz[i] = NAN;
	struct frame_mem *m = &f->mem;
	m->total = m->used = m->available = m->cached = m->swap_total = m->swap_used = NAN;
	for (int i = 0; i < FRAME_MAX_STRESS; i++)
		f->stress[i].target = f->stress[i].achieved = f->stress[i].work = f->stress[i].errors = NAN;
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
