#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "json-number.h"
#include "results-json.h"
#include "util.h"

cJSON *results_json_number(double v)
{
	return json_number(v);
}

double results_json_get_number(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

const char *results_json_get_string(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) && v->valuestring ? v->valuestring : "";
}

/* An int from a number field, def when absent. */
static int results_json_get_int(const cJSON *obj, const char *key, int def)
{
	double v = results_json_get_number(obj, key);
	return isfinite(v) && fabs(v) < 2e9 ? (int)v : def;
}

char *results_json_iso_time(char *buf, size_t len, double t)
{
	/* Years 0..9999 only: 1e25 does not fit a time_t, and gmtime_r fails far sooner. */
	time_t s = (time_t)floor(t >= -62167219200.0 && t < 253402300800.0 ? t : 0);
	struct tm tm;
	if (!gmtime_r(&s, &tm) || !strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
		if (len)
			buf[0] = '\0';
	}
	return buf;
}

int results_json_status(const char *name, enum test_status *out)
{
	for (int s = TS_QUEUED; s <= TS_LAST; s++)
		if (strcmp(name, test_status_name((enum test_status)s)) == 0) {
			*out = (enum test_status)s;
			return 0;
		}
	return -1;
}

cJSON *results_json_system(const struct system_info *si)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "hostname", si->hostname);
	cJSON_AddStringToObject(o, "cpu_model", si->cpu_model);
	cJSON_AddNumberToObject(o, "cores", si->cores);
	cJSON_AddItemToObject(o, "memory_bytes", results_json_number(si->mem_total));
	cJSON_AddStringToObject(o, "kernel", si->kernel);
	cJSON *g = cJSON_AddArrayToObject(o, "gpus");
	for (int i = 0; i < si->ngpus && i < FRAME_MAX_GPUS; i++)
		cJSON_AddItemToArray(g, cJSON_CreateString(si->gpus[i]));
	cJSON *fa = cJSON_AddArrayToObject(o, "findings");
	for (int i = 0; i < si->nfindings && i < SYSTEM_MAX_FINDINGS; i++) {
		const struct system_finding *f = &si->findings[i];
		cJSON *fo = cJSON_CreateObject();
		cJSON_AddStringToObject(fo, "check", f->check);
		cJSON_AddStringToObject(fo, "found", f->found);
		cJSON_AddStringToObject(fo, "cost", f->cost);
		cJSON_AddStringToObject(fo, "fix", f->fix);
		cJSON_AddItemToArray(fa, fo);
	}
	return o;
}

void results_json_system_read(const cJSON *obj, struct system_info *si)
{
	memset(si, 0, sizeof *si);
	str_copy(si->hostname, results_json_get_string(obj, "hostname"), sizeof si->hostname);
	str_copy(si->cpu_model, results_json_get_string(obj, "cpu_model"), sizeof si->cpu_model);
	si->cores = results_json_get_int(obj, "cores", 0);
	si->mem_total = results_json_get_number(obj, "memory_bytes");
	str_copy(si->kernel, results_json_get_string(obj, "kernel"), sizeof si->kernel);
	const cJSON *g;
	cJSON_ArrayForEach(g, cJSON_GetObjectItemCaseSensitive(obj, "gpus")) {
		if (si->ngpus < FRAME_MAX_GPUS && cJSON_IsString(g))
			str_copy(si->gpus[si->ngpus++], g->valuestring, sizeof si->gpus[0]);
	}
	const cJSON *fo;
	cJSON_ArrayForEach(fo, cJSON_GetObjectItemCaseSensitive(obj, "findings")) {
		if (si->nfindings >= SYSTEM_MAX_FINDINGS || !cJSON_IsObject(fo))
			continue;
		struct system_finding *f = &si->findings[si->nfindings++];
		str_copy(f->check, results_json_get_string(fo, "check"), sizeof f->check);
		str_copy(f->found, results_json_get_string(fo, "found"), sizeof f->found);
		str_copy(f->cost, results_json_get_string(fo, "cost"), sizeof f->cost);
		str_copy(f->fix, results_json_get_string(fo, "fix"), sizeof f->fix);
	}
}

void results_json_info(cJSON *obj, const struct test_info *in, int plan)
{
	cJSON_AddStringToObject(obj, "suite", in->suite);
	cJSON_AddStringToObject(obj, "name", in->name);
	cJSON_AddStringToObject(obj, "kind", in->kind);
	cJSON *variant = cJSON_Parse(in->variant);
	if (!cJSON_IsObject(variant)) {
		cJSON_Delete(variant);
		variant = cJSON_CreateObject();
	}
	cJSON_AddItemToObject(obj, "variant", variant);
	cJSON_AddStringToObject(obj, "metric", in->metric);
	cJSON_AddStringToObject(obj, "unit", in->unit);
	cJSON_AddStringToObject(obj, "better", in->higher_is_better ? "higher" : "lower");
	if (plan) {
		cJSON_AddNumberToObject(obj, "iterations", in->iterations);
		cJSON_AddNumberToObject(obj, "warmup", in->warmup);
		cJSON_AddItemToObject(obj, "min_time", results_json_number(in->min_time));
		cJSON_AddItemToObject(obj, "timeout", results_json_number(in->timeout));
		cJSON_AddItemToObject(obj, "precision", results_json_number(in->precision));
		cJSON_AddNumberToObject(obj, "min_iterations", in->min_iterations);
		cJSON_AddNumberToObject(obj, "max_iterations", in->max_iterations);
		cJSON_AddItemToObject(obj, "max_time", results_json_number(in->max_time));
		cJSON_AddBoolToObject(obj, "warmup_auto", in->warmup_auto != 0);
	}
	cJSON *th = cJSON_AddObjectToObject(obj, "thresholds");
	cJSON_AddItemToObject(th, "max_mean", results_json_number(in->max_mean));
	cJSON_AddItemToObject(th, "min_throughput", results_json_number(in->min_throughput));
}

void results_json_info_read(const cJSON *obj, struct test_info *in)
{
	memset(in, 0, sizeof *in);
	str_copy(in->suite, results_json_get_string(obj, "suite"), sizeof in->suite);
	str_copy(in->name, results_json_get_string(obj, "name"), sizeof in->name);
	str_copy(in->kind, results_json_get_string(obj, "kind"), sizeof in->kind);
	str_copy(in->variant, "{}", sizeof in->variant);
	const cJSON *variant = cJSON_GetObjectItemCaseSensitive(obj, "variant");
	if (cJSON_IsObject(variant)) {
		char *text = cJSON_PrintUnformatted(variant);
		if (text && strlen(text) < sizeof in->variant)
			str_copy(in->variant, text, sizeof in->variant);
		cJSON_free(text);
	}
	str_copy(in->metric, results_json_get_string(obj, "metric"), sizeof in->metric);
	str_copy(in->unit, results_json_get_string(obj, "unit"), sizeof in->unit);
	in->higher_is_better = strcmp(results_json_get_string(obj, "better"), "higher") == 0;
	in->iterations = results_json_get_int(obj, "iterations", 0);
	in->warmup = results_json_get_int(obj, "warmup", 0);
	in->min_time = results_json_get_number(obj, "min_time");
	in->timeout = results_json_get_number(obj, "timeout");
	in->precision = results_json_get_number(obj, "precision");
	in->min_iterations = results_json_get_int(obj, "min_iterations", 0);
	in->max_iterations = results_json_get_int(obj, "max_iterations", 0);
	in->max_time = results_json_get_number(obj, "max_time");
	in->warmup_auto = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "warmup_auto"));
	const cJSON *th = cJSON_GetObjectItemCaseSensitive(obj, "thresholds");
	in->max_mean = results_json_get_number(th, "max_mean");
	in->min_throughput = results_json_get_number(th, "min_throughput");
}

cJSON *results_json_during(const struct test_during *d)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "cpu_mean", results_json_number(d->n ? d->cpu_sum / (double)d->n : NAN));
	/* No frame landed while the test ran: every figure is unknown, not 0. */
	cJSON_AddItemToObject(o, "cpu_peak", results_json_number(d->n ? d->cpu_peak : NAN));
	cJSON_AddItemToObject(o, "mem_peak_bytes", results_json_number(d->n ? d->mem_peak : NAN));
	cJSON_AddItemToObject(o, "gpu_util_mean",
	                      results_json_number(d->gpu_n ? d->gpu_util_sum / (double)d->gpu_n : NAN));
	cJSON_AddItemToObject(o, "gpu_mem_peak_bytes", results_json_number(d->gpu_n ? d->gpu_mem_peak : NAN));
	return o;
}

void results_json_during_read(const cJSON *obj, struct test_during *d)
{
	/* A mean reads back as one frame's worth, which gives the same mean. */
	memset(d, 0, sizeof *d);
	double cpu = results_json_get_number(obj, "cpu_mean");
	double gpu = results_json_get_number(obj, "gpu_util_mean");
	if (isfinite(cpu)) {
		d->n = 1;
		d->cpu_sum = cpu;
	}
	if (isfinite(gpu)) {
		d->gpu_n = 1;
		d->gpu_util_sum = gpu;
	}
	d->cpu_peak = results_json_get_number(obj, "cpu_peak");
	d->mem_peak = results_json_get_number(obj, "mem_peak_bytes");
	d->gpu_mem_peak = results_json_get_number(obj, "gpu_mem_peak_bytes");
}

cJSON *results_json_noise_bits(int bits)
{
	if (bits < 0)
		return cJSON_CreateNull();
	cJSON *a = cJSON_CreateArray();
	for (int k = 0; k < NOISE_NREASONS; k++)
		if ((bits >> k) & 1)
			cJSON_AddItemToArray(a, cJSON_CreateString(noise_reason_name(k)));
	return a;
}

int results_json_noise_bits_read(const cJSON *v)
{
	if (!cJSON_IsArray(v))
		return -1;
	int bits = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, v) {
		int k = cJSON_IsString(e) ? noise_reason_parse(e->valuestring) : -1;
		if (k >= 0)
			bits |= 1 << k;
	}
	return bits;
}

void results_json_rigor(cJSON *o, const struct test_result *t)
{
	cJSON *noise = cJSON_AddObjectToObject(o, "noise");
	cJSON_AddItemToObject(noise, "disturbed", results_json_number(results_noise_share(t)));
	cJSON_AddNumberToObject(noise, "measured", (double)t->noise_n);
	cJSON *reasons = cJSON_AddArrayToObject(noise, "reasons");
	for (int k = 0; k < NOISE_NREASONS; k++)
		if (t->noise_count[k]) {
			cJSON *r = cJSON_CreateObject();
			cJSON_AddStringToObject(r, "reason", noise_reason_name(k));
			cJSON_AddItemToObject(r, "share",
			                      results_json_number((double)t->noise_count[k] / (double)t->noise_n));
			cJSON_AddItemToArray(reasons, r);
		}
	if (t->cpu_mhz_n) {   /* the CPU clock over the measured iterations, where cpufreq says */
		cJSON *c = cJSON_AddObjectToObject(noise, "cpu_mhz");
		cJSON_AddItemToObject(c, "min", results_json_number(t->cpu_mhz_min));
		cJSON_AddItemToObject(c, "mean", results_json_number(t->cpu_mhz_sum / (double)t->cpu_mhz_n));
	}
	cJSON *p = cJSON_AddObjectToObject(o, "precision");
	cJSON_AddItemToObject(p, "target", results_json_number(t->info.precision));
	cJSON_AddItemToObject(p, "reached", results_json_number(t->precision_reached));
	if (t->stop[0])
		cJSON_AddStringToObject(o, "stopped_by", t->stop);
	else
		cJSON_AddNullToObject(o, "stopped_by");
	cJSON_AddStringToObject(o, "warmup", t->info.warmup_auto ? "auto" : "fixed");
}

void results_json_rigor_read(const cJSON *o, struct test_result *t)
{
	const cJSON *noise = cJSON_GetObjectItemCaseSensitive(o, "noise");
	double share = results_json_get_number(noise, "disturbed");
	double measured = results_json_get_number(noise, "measured");
	if (isfinite(measured) && measured >= 0 && measured < 1e15) {
		t->noise_n = (size_t)measured;
		t->disturbed = isfinite(share) ? (size_t)llround(share * measured) : 0;
		const cJSON *e;
		cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(noise, "reasons")) {
			int k = noise_reason_parse(results_json_get_string(e, "reason"));
			double s = results_json_get_number(e, "share");
			if (k >= 0 && isfinite(s))
				t->noise_count[k] = (size_t)llround(s * measured);
		}
	}
	const cJSON *mhz = cJSON_GetObjectItemCaseSensitive(noise, "cpu_mhz");
	double lo = results_json_get_number(mhz, "min"), mean = results_json_get_number(mhz, "mean");
	if (mean > 0 && isfinite(mean)) {   /* the mean of the iterations' means, as one of them */
		t->cpu_mhz_min = lo;
		t->cpu_mhz_sum = mean;
		t->cpu_mhz_n = 1;
	}
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(o, "precision");
	t->info.precision = results_json_get_number(p, "target");
	t->precision_reached = results_json_get_number(p, "reached");
	str_copy(t->stop, results_json_get_string(o, "stopped_by"), sizeof t->stop);
	t->info.warmup_auto = strcmp(results_json_get_string(o, "warmup"), "auto") == 0;
}

void results_json_run(cJSON *o, const struct run_results *r)
{
	cJSON_AddStringToObject(o, "order", r->order[0] ? r->order : "sequential");
	if (strcmp(r->order, "shuffled") == 0)
		cJSON_AddItemToObject(o, "seed", json_integer((long long)r->seed));
	else
		cJSON_AddNullToObject(o, "seed");
}

void results_json_run_read(const cJSON *o, struct run_results *r)
{
	str_copy(r->order, results_json_get_string(o, "order"), sizeof r->order);
	double seed = results_json_get_number(o, "seed");
	r->seed = isfinite(seed) && seed >= 0 ? (unsigned long long)seed : 0;
	/* the header both journals and reports carry */
	r->started_t = results_json_get_number(o, "started_unix");
	str_copy(r->benchtop_version, results_json_get_string(o, "benchtop_version"), sizeof r->benchtop_version);
	results_json_system_read(cJSON_GetObjectItemCaseSensitive(o, "system"), &r->system);
}
