#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "export-stress.h"
#include "html-svg.h"
#include "results-json.h"
#include "stress-tally.h"
#include "text-escape.h"

static const struct stress_tally *stress_of(const struct run_results *r)
{
	return r->stress && stress_tally_any(r->stress) ? r->stress : NULL;
}

static double diff(double a, double b)
{
	return isfinite(a) && isfinite(b) ? b - a : NAN;
}

static void json_num(cJSON *o, const char *name, double v)
{
	cJSON_AddItemToObject(o, name, results_json_number(v));   /* NAN: null */
}

static void json_text(cJSON *o, const char *name, const char *text)
{
	if (text && text[0])
		cJSON_AddStringToObject(o, name, text);
	else
		cJSON_AddNullToObject(o, name);
}

/* Why a generator is not ok, in the report: its first stopped worker's last word, or why it
 * never started; NULL when it is ok or when its devices say it (gpu). */
static const char *gen_reason(const struct stress_tally_gen *g)
{
	int st = stress_tally_state(g);
	if (st == TALLY_NOT_STARTED || st == TALLY_UNAVAILABLE || (st != TALLY_OK && g->quits && !g->ndevices))
		return g->why;
	return NULL;
}

static cJSON *json_gen(const struct stress_tally_gen *g)
{
	struct stress_tally_text x;
	stress_tally_gen_text(g, &x);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", g->name);
	cJSON_AddStringToObject(o, "unit", g->unit);
	cJSON_AddNumberToObject(o, "workers", g->workers);
	json_num(o, "seconds_on", g->on_s);
	json_num(o, "target", g->target);
	json_num(o, "target_first", g->first_target);   /* differs from target when it changed */
	cJSON_AddBoolToObject(o, "target_changed", g->target_changed);
	json_num(o, "achieved_mean", stress_tally_mean(g));
	json_num(o, "achieved_min", g->min);
	json_num(o, "work", g->work_unit[0] ? g->work : NAN);
	if (g->work_unit[0])
		cJSON_AddStringToObject(o, "work_unit", g->work_unit);
	else
		cJSON_AddNullToObject(o, "work_unit");
	json_num(o, "errors", g->errors);
	json_num(o, "seconds_under_target", g->under_s);
	if (x.reason)
		cJSON_AddStringToObject(o, "under_target_reason", x.reason);
	else
		cJSON_AddNullToObject(o, "under_target_reason");
	json_num(o, "seconds_paused", g->paused_s);
	cJSON_AddStringToObject(o, "state", tally_state_key(stress_tally_state(g)));
	cJSON_AddNumberToObject(o, "stopped_workers", g->quits);
	json_text(o, "reason", g->quits || !g->ran ? g->why : NULL);
	if (g->ndevices) {   /* gpu: each GPU's own checks */
		cJSON *devs = cJSON_AddArrayToObject(o, "devices");
		for (int d = 0; d < g->ndevices; d++) {
			const struct stress_device *sd = &g->devices[d];
			cJSON *dev = cJSON_CreateObject();
			cJSON_AddStringToObject(dev, "name", sd->name);
			cJSON_AddNumberToObject(dev, "errors", (double)sd->errors);
			cJSON_AddNumberToObject(dev, "checks", (double)sd->checks);
			cJSON_AddStringToObject(dev, "state", stress_device_state_key(stress_device_state(sd)));
			json_text(dev, "reason", sd->failed ? sd->why : NULL);
			cJSON_AddItemToArray(devs, dev);
		}
	}
	return o;
}

void export_stress_json(cJSON *root, const struct run_results *r)
{
	const struct stress_tally *t = stress_of(r);
	if (!t)
		return;
	cJSON *s = cJSON_AddObjectToObject(root, "stress");
	json_num(s, "started_unix", t->started_t);
	json_num(s, "ended_unix", t->ended_t);
	cJSON *gens = cJSON_AddArrayToObject(s, "generators");
	for (int i = 0; i < t->ngens; i++)
		cJSON_AddItemToArray(gens, json_gen(&t->gen[i]));
	cJSON *p = cJSON_AddObjectToObject(s, "peaks");
	json_num(p, "cpu_temp_celsius", t->temp_peak);
	json_num(p, "gpu_temp_celsius", t->gpu_temp_peak);
	json_num(p, "cpu_clock_mhz_high", t->clock_hi);
	json_num(p, "cpu_clock_mhz_low", t->clock_lo);
	json_num(p, "cpu_clock_drop_pct", t->clock_hi > 0 ? 100 * (1 - t->clock_lo / t->clock_hi) : NAN);
	json_num(p, "package_power_watts", t->power_peak);
	json_num(p, "gpu_power_watts", t->gpu_power_peak);
	if (t->max_temp > 0) {
		cJSON *g = cJSON_AddObjectToObject(s, "thermal_guard");
		json_num(g, "max_temp_celsius", t->max_temp);
		json_num(g, "hysteresis_celsius", t->hysteresis);
		cJSON_AddStringToObject(g, "action", t->guard_stop ? "stop" : "pause");
		cJSON_AddNumberToObject(g, "pauses", t->pauses);
		if (t->stopped[0])
			cJSON_AddStringToObject(g, "stopped", t->stopped);
		else
			cJSON_AddNullToObject(g, "stopped");
	}
	cJSON *th = cJSON_AddObjectToObject(s, "throttle_events");
	json_num(th, "core", diff(t->throttle_core0, t->throttle_core));
	json_num(th, "package", diff(t->throttle_pkg0, t->throttle_pkg));
	char why[512];
	int failed = stress_tally_failed(t, why, sizeof why);
	cJSON_AddStringToObject(s, "result", failed ? "failed" : "passed");
	json_text(s, "failure", failed ? why : NULL);
}

/* Markdown text from outside (a directory, a sensor's name, a driver's error): escaped. */
static void md_text(FILE *f, const char *s)
{
	text_escape(f, &text_escape_markdown_strict, s);
}

/* Markdown cells: the figures are ours, the names the generators' own: no escaping needed but
 * for the table's pipe, which none of them has. */
void export_stress_md(FILE *f, const struct run_results *r)
{
	const struct stress_tally *t = stress_of(r);
	if (!t)
		return;
	fputs("\n## Stress\n\n| generator | workers | on | target | achieved mean | min | work | errors | under target | state |\n"
	      "|---|---:|---:|---:|---:|---:|---:|---:|---|---|\n", f);
	for (int i = 0; i < t->ngens; i++) {
		const struct stress_tally_gen *g = &t->gen[i];
		struct stress_tally_text x;
		stress_tally_gen_text(g, &x);
		fprintf(f, "| %s | %d | %s | %s | %s | %s | %s | %s | %s%s%s | %s |\n", g->name, g->workers, x.on, x.target,
		        x.mean, x.min, x.work, x.errors, x.under, x.reason ? ": " : "", x.reason ? x.reason : "", x.state);
	}
	int first = 1;
	for (int i = 0; i < t->ngens; i++) {   /* why a generator stopped; each GPU's own checks */
		const struct stress_tally_gen *g = &t->gen[i];
		const char *why = gen_reason(g);
		if (why) {
			fputs(first ? "\n- " : "- ", f);
			md_text(f, why);
			fputc('\n', f);
			first = 0;
		}
		for (int d = 0; d < g->ndevices; d++) {
			char dev[256];
			fprintf(f, "%s- %s: ", first ? "\n" : "", g->name);
			md_text(f, stress_device_text(&g->devices[d], dev, sizeof dev));
			fputc('\n', f);
			first = 0;
		}
	}
	char line[512];
	if (stress_tally_peaks(t, line, sizeof line)[0])
		fprintf(f, "\nWhile stressed: %s.\n", line);
	if (stress_tally_thermal(t, line, sizeof line)[0]) {
		fputs("\nThermal: ", f);
		md_text(f, line);   /* the guard's reason names a sensor */
		fputs(".\n", f);
	}
	int failed = stress_tally_failed(t, line, sizeof line);
	fputs(failed ? "\nResult: **FAILED**: " : "\nResult: passed", f);
	if (failed)
		md_text(f, line);
	fputs(".\n", f);
}

void export_stress_html(FILE *f, const struct run_results *r)
{
	const struct stress_tally *t = stress_of(r);
	if (!t)
		return;
	fputs("<h2>Stress</h2>\n<table><thead><tr><th>generator</th><th>workers</th><th>on</th><th>target</th>"
	      "<th>achieved mean</th><th>min</th><th>work</th><th>errors</th><th>under target</th><th>state</th></tr>"
	      "</thead><tbody>\n", f);
	for (int i = 0; i < t->ngens; i++) {
		const struct stress_tally_gen *g = &t->gen[i];
		struct stress_tally_text x;
		stress_tally_gen_text(g, &x);
		const char *cells[] = { g->name, NULL, x.on, x.target, x.mean, x.min, x.work, x.errors };
		fputs("<tr>", f);
		for (size_t k = 0; k < sizeof cells / sizeof *cells; k++) {
			fputs("<td>", f);
			if (cells[k])
				html_text(f, cells[k]);
			else
				fprintf(f, "%d", g->workers);
			fputs("</td>", f);
		}
		fprintf(f, "<td%s>", x.reason ? " class=\"fail\"" : "");
		html_text(f, x.under);
		if (x.reason) {
			fputs(": ", f);
			html_text(f, x.reason);
		}
		fprintf(f, "</td><td%s>", stress_tally_gen_failed(g, NULL, 0) ? " class=\"fail\"" : "");
		html_text(f, x.state);
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
	int open = 0;
	for (int i = 0; i < t->ngens; i++) {   /* why a generator stopped; each GPU's own checks */
		const struct stress_tally_gen *g = &t->gen[i];
		const char *why = gen_reason(g);
		if (why) {
			fputs(open++ ? "<li" : "<ul>\n<li", f);
			fputs(stress_tally_gen_failed(g, NULL, 0) ? " class=\"fail\">" : ">", f);
			html_text(f, why);
			fputs("</li>\n", f);
		}
		for (int d = 0; d < g->ndevices; d++) {
			char dev[256];
			enum stress_device_state ds = stress_device_state(&g->devices[d]);
			fputs(open++ ? "<li" : "<ul>\n<li", f);
			fputs(ds == SDEV_FAULTY || ds == SDEV_STOPPED ? " class=\"fail\">" : ">", f);
			html_text(f, g->name);
			fputs(": ", f);
			html_text(f, stress_device_text(&g->devices[d], dev, sizeof dev));
			fputs("</li>\n", f);
		}
	}
	if (open)
		fputs("</ul>\n", f);
	char line[512];
	if (stress_tally_peaks(t, line, sizeof line)[0]) {
		fputs("<p>While stressed: ", f);
		html_text(f, line);
		fputs(".</p>\n", f);
	}
	if (stress_tally_thermal(t, line, sizeof line)[0]) {
		fputs("<p>Thermal: ", f);
		html_text(f, line);
		fputs(".</p>\n", f);
	}
	if (stress_tally_failed(t, line, sizeof line)) {
		fputs("<p class=\"fail\">Result: FAILED: ", f);
		html_text(f, line);
		fputs(".</p>\n", f);
	} else {
		fputs("<p>Result: passed.</p>\n", f);
	}
}
