#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "logline.h"
#include "util.h"

void logline_init(struct logline *l, enum log_format format)
{
	memset(l, 0, sizeof *l);
	l->format = format;
}

/* ---- JSON Lines: the fields of DESIGN.md ---- */

static void json_key(struct buf *b, const char *k)
{
	buf_json_str(b, k);
	buf_puts(b, ":");
}

static void json_kv(struct buf *b, const char *k, double v, int comma)
{
	if (comma)
		buf_puts(b, ",");
	json_key(b, k);
	buf_json_num(b, v);
}

static void format_jsonl(const struct frame *f, struct buf *b)
{
	buf_printf(b, "{\"t\":%.3f,\"cpu\":{", f->t);
	json_kv(b, "total", f->cpu.total, 0);
	json_kv(b, "user", f->cpu.user, 1);
	json_kv(b, "system", f->cpu.system, 1);
	json_kv(b, "iowait", f->cpu.iowait, 1);
	json_kv(b, "idle", f->cpu.idle, 1);
	json_kv(b, "nice", f->cpu.nice, 1);
	json_kv(b, "steal", f->cpu.steal, 1);
	buf_puts(b, ",\"load\":[");
	buf_json_num(b, f->cpu.load1);
	buf_puts(b, ",");
	buf_json_num(b, f->cpu.load5);
	buf_puts(b, ",");
	buf_json_num(b, f->cpu.load15);
	buf_puts(b, "],\"cores\":[");
	for (int i = 0; i < f->cpu.ncores; i++) {
		if (i)
			buf_puts(b, ",");
		buf_json_num(b, isfinite(f->cpu.core[i]) ? round(f->cpu.core[i] * 10) / 10 : NAN);
	}
	buf_puts(b, "],\"freq_mhz\":[");
	for (int i = 0; i < f->cpu.ncores; i++) {
		if (i)
			buf_puts(b, ",");
		buf_json_num(b, isfinite(f->cpu.freq_mhz[i]) ? round(f->cpu.freq_mhz[i]) : NAN);
	}
	buf_puts(b, "]");
	json_kv(b, "power_w", f->cpu.package_power_w, 1);
	json_kv(b, "throttle_core", f->cpu.throttle_core, 1);
	json_kv(b, "throttle_pkg", f->cpu.throttle_pkg, 1);
	buf_puts(b, "},\"mem\":{");
	json_kv(b, "used", f->mem.used, 0);
	json_kv(b, "total", f->mem.total, 1);
	json_kv(b, "available", f->mem.available, 1);
	json_kv(b, "cached", f->mem.cached, 1);
	buf_puts(b, "},\"swap\":{");
	json_kv(b, "used", f->mem.swap_used, 0);
	json_kv(b, "total", f->mem.swap_total, 1);
	buf_puts(b, "},\"disk\":{");
	for (int i = 0; i < f->ndisks; i++) {
		const struct frame_disk *d = &f->disks[i];
		if (i)
			buf_puts(b, ",");
		json_key(b, d->name);
		buf_puts(b, "{");
		json_kv(b, "read_bps", round(d->read_bps), 0);
		json_kv(b, "write_bps", round(d->write_bps), 1);
		json_kv(b, "read_iops", round(d->read_iops * 10) / 10, 1);
		json_kv(b, "write_iops", round(d->write_iops * 10) / 10, 1);
		buf_puts(b, "}");
	}
	buf_puts(b, "},\"net\":{");
	for (int i = 0; i < f->nnets; i++) {
		if (i)
			buf_puts(b, ",");
		json_key(b, f->nets[i].name);
		buf_puts(b, "{");
		json_kv(b, "rx_bps", round(f->nets[i].rx_bps), 0);
		json_kv(b, "tx_bps", round(f->nets[i].tx_bps), 1);
		buf_puts(b, "}");
	}
	buf_puts(b, "},\"fs\":{");
	for (int i = 0; i < f->nfs; i++) {
		if (i)
			buf_puts(b, ",");
		json_key(b, f->fs[i].mount);
		buf_puts(b, "{");
		json_kv(b, "used", f->fs[i].used, 0);
		json_kv(b, "size", f->fs[i].size, 1);
		buf_puts(b, "}");
	}
	buf_puts(b, "},\"gpu\":[");
	for (int i = 0; i < f->ngpus; i++) {
		const struct frame_gpu *g = &f->gpus[i];
		if (i)
			buf_puts(b, ",");
		buf_puts(b, "{\"name\":");
		buf_json_str(b, g->name);
		buf_puts(b, ",\"bus_id\":");
		buf_json_str(b, g->bus_id);
		json_kv(b, "util", g->util, 1);
		json_kv(b, "mem_used", g->mem_used, 1);
		json_kv(b, "mem_total", g->mem_total, 1);
		json_kv(b, "temp_c", g->temp_c, 1);
		json_kv(b, "power_w", g->power_w, 1);
		json_kv(b, "sm_clock_mhz", g->sm_clock_mhz, 1);
		/* Why the clock is held down now: ["thermal","power"], [] when it is not. */
		char slow[48];
		frame_gpu_slowdown_words(g->slowdown, "\",\"", slow, sizeof slow);
		buf_puts(b, *slow ? ",\"slowdown\":[\"" : ",\"slowdown\":[");
		buf_puts(b, slow);
		buf_puts(b, *slow ? "\"]}" : "]}");
	}
	buf_puts(b, "],\"sensors\":{");
	for (int i = 0; i < f->nsensors; i++) {
		json_kv(b, f->sensors[i].label, f->sensors[i].temp_c, i > 0);
	}
	buf_puts(b, "}");
	if (f->nstress) {
		buf_puts(b, ",\"stress\":{");
		for (int i = 0; i < f->nstress; i++) {
			const struct frame_stress *s = &f->stress[i];
			if (i)
				buf_puts(b, ",");
			json_key(b, s->name);
			buf_puts(b, "{");
			json_kv(b, "on", s->on, 0);
			json_kv(b, "workers", s->workers, 1);
			json_kv(b, "target", s->target, 1);
			json_kv(b, "achieved", isfinite(s->achieved) ? round(s->achieved * 100) / 100 : NAN, 1);
			json_kv(b, "paused", s->paused, 1);
			buf_puts(b, ",\"unit\":");
			buf_json_str(b, s->unit);
			buf_puts(b, "}");
		}
		buf_puts(b, "}");
	}
	buf_puts(b, "}");
}

/* ---- CSV: columns fixed at the first frame ---- */

static const struct frame_stress *find_stress(const struct frame *f, const char *name)
{
	for (int i = 0; i < f->nstress; i++)
		if (strcmp(f->stress[i].name, name) == 0)
			return &f->stress[i];
	return NULL;
}

static double csv_cpu_total(const struct frame *f) { return f->cpu.total; }
static double csv_cpu_user(const struct frame *f) { return f->cpu.user; }
static double csv_cpu_system(const struct frame *f) { return f->cpu.system; }
static double csv_cpu_iowait(const struct frame *f) { return f->cpu.iowait; }
static double csv_load1(const struct frame *f) { return f->cpu.load1; }
static double csv_mem_used(const struct frame *f) { return f->mem.used; }
static double csv_mem_total(const struct frame *f) { return f->mem.total; }
static double csv_mem_available(const struct frame *f) { return f->mem.available; }
static double csv_swap_used(const struct frame *f) { return f->mem.swap_used; }
static double csv_swap_total(const struct frame *f) { return f->mem.swap_total; }
static double csv_disk_read(const struct frame *f) { return round(frame_disk_read_bps(f)); }
static double csv_disk_write(const struct frame *f) { return round(frame_disk_write_bps(f)); }
static double csv_net_rx(const struct frame *f) { return round(frame_net_rx_bps(f)); }
static double csv_net_tx(const struct frame *f) { return round(frame_net_tx_bps(f)); }
static double csv_power(const struct frame *f) { return f->cpu.package_power_w; }
static double csv_cpu_nice(const struct frame *f) { return f->cpu.nice; }
static double csv_cpu_steal(const struct frame *f) { return f->cpu.steal; }
static double csv_load5(const struct frame *f) { return f->cpu.load5; }
static double csv_load15(const struct frame *f) { return f->cpu.load15; }
static double csv_throttle_core(const struct frame *f) { return f->cpu.throttle_core; }
static double csv_throttle_pkg(const struct frame *f) { return f->cpu.throttle_pkg; }

/* The fixed columns, once: the header and every row come from this table. */
static const struct csv_column {
	const char *name;
	double (*get)(const struct frame *f);
} csv_columns[] = {
	{ "cpu_total", csv_cpu_total }, { "cpu_user", csv_cpu_user }, { "cpu_system", csv_cpu_system },
	{ "cpu_iowait", csv_cpu_iowait }, { "load1", csv_load1 }, { "mem_used", csv_mem_used },
	{ "mem_total", csv_mem_total }, { "mem_available", csv_mem_available }, { "swap_used", csv_swap_used },
	{ "swap_total", csv_swap_total }, { "disk_read_bps", csv_disk_read }, { "disk_write_bps", csv_disk_write },
	{ "net_rx_bps", csv_net_rx }, { "net_tx_bps", csv_net_tx }, { "temp_max_c", frame_max_temp },
	{ "power_w", csv_power }, { "cpu_nice", csv_cpu_nice }, { "cpu_steal", csv_cpu_steal },
	{ "load5", csv_load5 }, { "load15", csv_load15 }, { "throttle_core", csv_throttle_core },
	{ "throttle_pkg", csv_throttle_pkg },
};

/* Per GPU, in this order: gpuN_util, gpuN_mem_used ... */
static const char *const csv_gpu_columns[] = { "util", "mem_used", "mem_total", "temp_c", "power_w" };

static double csv_gpu(const struct frame_gpu *g, int col)
{
	if (!g)
		return NAN;
	const double v[] = { g->util, g->mem_used, g->mem_total, g->temp_c, g->power_w };
	return v[col];
}

#define NCOLS(a) (int)(sizeof a / sizeof *a)

static void csv_header(struct logline *l, const struct frame *f, struct buf *b)
{
	l->ncores = f->cpu.ncores;
	l->ngpus = f->ngpus;
	l->nstress = f->nstress;
	for (int i = 0; i < f->nstress; i++)
		str_copy(l->stress[i], f->stress[i].name, FRAME_NAME);
	buf_puts(b, "t");
	for (int c = 0; c < NCOLS(csv_columns); c++)
		buf_printf(b, ",%s", csv_columns[c].name);
	for (int i = 0; i < l->ncores; i++)
		buf_printf(b, ",cpu%d", i);
	for (int i = 0; i < l->ncores; i++)
		buf_printf(b, ",cpu%d_mhz", i);
	for (int i = 0; i < l->ngpus; i++)
		for (int c = 0; c < NCOLS(csv_gpu_columns); c++)
			buf_printf(b, ",gpu%d_%s", i, csv_gpu_columns[c]);
	for (int i = 0; i < l->ngpus; i++)
		buf_printf(b, ",gpu%d_slowdown", i);
	for (int i = 0; i < l->nstress; i++)
		buf_printf(b, ",stress_%s_achieved,stress_%s_on,stress_%s_target", l->stress[i], l->stress[i], l->stress[i]);
	buf_puts(b, "\n");
	l->started = 1;
}

static void csv_cell(struct buf *b, double v)
{
	buf_puts(b, ",");
	buf_csv_num(b, v);
}

static void format_csv(struct logline *l, const struct frame *f, struct buf *b)
{
	if (!l->started)
		csv_header(l, f, b);
	buf_printf(b, "%.3f", f->t);
	for (int c = 0; c < NCOLS(csv_columns); c++)
		csv_cell(b, csv_columns[c].get(f));
	for (int i = 0; i < l->ncores; i++)
		csv_cell(b, i < f->cpu.ncores ? round(f->cpu.core[i] * 10) / 10 : NAN);
	for (int i = 0; i < l->ncores; i++)
		csv_cell(b, i < f->cpu.ncores ? round(f->cpu.freq_mhz[i]) : NAN);
	for (int i = 0; i < l->ngpus; i++)
		for (int c = 0; c < NCOLS(csv_gpu_columns); c++)
			csv_cell(b, csv_gpu(i < f->ngpus ? &f->gpus[i] : NULL, c));
	for (int i = 0; i < l->ngpus; i++) {   /* "thermal+power"; empty when the clock is free */
		char slow[48];
		buf_printf(b, ",%s", i < f->ngpus ? frame_gpu_slowdown_words(f->gpus[i].slowdown, "+", slow, sizeof slow) : "");
	}
	for (int i = 0; i < l->nstress; i++) {
		const struct frame_stress *s = find_stress(f, l->stress[i]);
		csv_cell(b, s ? s->achieved : NAN);
		csv_cell(b, s ? s->on : NAN);
		csv_cell(b, s ? s->target : NAN);
	}
}

/* ---- text: aligned, for people ---- */

static void text_pct(struct buf *b, const char *label, double v)
{
	if (isfinite(v))
		buf_printf(b, "  %s %5.1f%%", label, v);
	else
		buf_printf(b, "  %s     -", label);
}

static void text_bytes(struct buf *b, const char *fmt, double v)
{
	char tmp[32];
	buf_printf(b, fmt, fmt_bytes(tmp, sizeof tmp, v));
}

static void format_text(struct logline *l, const struct frame *f, struct buf *b)
{
	time_t sec = (time_t)f->t;
	struct tm tm;
	char when[40];
	localtime_r(&sec, &tm);
	if (!l->started) {
		/* Once, so a log read later says what its columns are and in which time zone. */
		strftime(when, sizeof when, "%z", &tm);
		buf_printf(b, "# benchtop: one line per sample: local date and time (UTC%s), CPU busy, load (1 min), "
		           "memory used / total, swap used, disk and network per second, hottest sensor, CPU package "
		           "power, then per GPU and per running stressor\n", when);
		l->started = 1;
	}
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	buf_puts(b, when);
	text_pct(b, "cpu", f->cpu.total);
	if (isfinite(f->cpu.load1))
		buf_printf(b, "  load %5.2f", f->cpu.load1);
	text_bytes(b, "  mem %10s", f->mem.used);
	text_bytes(b, " / %-10s", f->mem.total);
	text_bytes(b, "  swap %10s", f->mem.swap_used);
	text_bytes(b, "  disk r %10s/s", frame_disk_read_bps(f));
	text_bytes(b, " w %10s/s", frame_disk_write_bps(f));
	text_bytes(b, "  net rx %10s/s", frame_net_rx_bps(f));
	text_bytes(b, " tx %10s/s", frame_net_tx_bps(f));
	double temp = frame_max_temp(f);
	if (isfinite(temp))
		buf_printf(b, "  temp %5.1fC", temp);
	if (isfinite(f->cpu.package_power_w))
		buf_printf(b, "  pkg %6.1fW", f->cpu.package_power_w);
	char throttled[64];   /* events since the run began, as the dashboard's CPU box */
	if (*frame_throttle_words(f, throttled, sizeof throttled))
		buf_printf(b, "  %s", throttled);
	for (int i = 0; i < f->ngpus; i++) {
		const struct frame_gpu *g = &f->gpus[i];
		buf_printf(b, "  gpu%d", i);
		text_pct(b, "", g->util);
		text_bytes(b, " %s", g->mem_used);
		if (isfinite(g->temp_c))
			buf_printf(b, " %.0fC", g->temp_c);
		if (isfinite(g->power_w))
			buf_printf(b, " %.0fW", g->power_w);
		char slow[48];
		if (*frame_gpu_slowdown_words(g->slowdown, "+", slow, sizeof slow))
			buf_printf(b, " (%s)", slow);
	}
	for (int i = 0; i < f->nstress; i++) {
		const struct frame_stress *s = &f->stress[i];
		if (s->on && isfinite(s->achieved))   /* never "nan": nothing until a figure exists */
			buf_printf(b, "  %s %.1f %s", s->name, s->achieved, s->unit);
		else if (s->on)
			buf_printf(b, "  %s - %s", s->name, s->unit);
		if (s->note[0] && s->on)   /* "under target: throttling" */
			buf_printf(b, " (%s)", s->note);
		else if (s->note[0] && s->paused)   /* "paused: thermal" */
			buf_printf(b, "  %s (%s)", s->name, s->note);
	}
}

size_t logline_format(struct logline *l, const struct frame *f, char *mem, size_t len)
{
	struct buf b;
	if (len < 2)
		return 0;
	buf_init(&b, mem, len - 1);   /* keep room for the newline */
	switch (l->format) {
	case LOG_JSONL: format_jsonl(f, &b); break;
	case LOG_CSV:   format_csv(l, f, &b); break;
	case LOG_TEXT:  format_text(l, f, &b); break;
	}
	mem[b.len++] = '\n';
	mem[b.len] = '\0';
	return b.len;
}
