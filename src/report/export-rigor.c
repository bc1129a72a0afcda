#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "export-rigor.h"
#include "export.h"
#include "text-escape.h"
#include "text-visible.h"
#include "util.h"

char *export_rigor_stop_text(const struct test_result *t, char *buf, size_t len)
{
	buf[0] = '\0';
	if (!t->stop[0] && !(t->info.precision > 0))
		return buf;
	char reached[32] = "", target[32] = "";
	if (isfinite(t->precision_reached))
		c_snprintf(reached, sizeof reached, "±%.2g%%", 100 * t->precision_reached);
	if (t->info.precision > 0)
		c_snprintf(target, sizeof target, " (target ±%.3g%%)", 100 * t->info.precision);
	snprintf(buf, len, "precision %s%s%s%s", reached[0] ? reached : "-", target,
	         t->stop[0] ? ", ended by " : "", t->stop);
	return buf;
}

void export_rigor_table_notes(const struct test_result *t, FILE *out)
{
	char buf[256];
	if (results_noise_text(t, buf, sizeof buf)[0])
		fprintf(out, "    ! noise: %s\n", buf);
	if (t->info.precision > 0 || t->info.warmup_auto) {
		export_rigor_stop_text(t, buf, sizeof buf);
		if (t->info.warmup_auto)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%d warmups (auto)", buf[0] ? "; " : "",
			         t->warmups_done);
		fprintf(out, "    %s\n", buf);
	}
}

/* One escaping rule per format: both keep markup as text (Markdown renders inline HTML),
 * Markdown keeps table pipes and lines, and control characters show as \xNN. */
static void rigor_text(FILE *f, const char *s, int html)
{
	text_escape(f, html ? &text_escape_html : &text_escape_markdown, s);
}

static void rigor_name(FILE *f, const struct test_result *t, int html)
{
	char label[512];
	rigor_text(f, t->info.suite, html);
	fputc('/', f);
	rigor_text(f, t->info.name, html);
	if (export_variant_label(label, sizeof label, t->info.variant)[0]) {
		fputc(' ', f);
		rigor_text(f, label, html);
	}
}

static void rigor_write(FILE *f, const struct run_results *r, int html)
{
	const char *h2 = html ? "<h2>" : "\n## ", *h2e = html ? "</h2>\n<ul>\n" : "\n\n";
	const char *li = html ? "<li>" : "- ", *lie = html ? "</li>\n" : "\n", *ule = html ? "</ul>\n" : "";
	char buf[256];
	const struct system_info *si = &r->system;
	if (si->nfindings) {
		fprintf(f, "%sSystem checks%s", h2, h2e);
		for (int i = 0; i < si->nfindings; i++) {
			fputs(li, f);
			rigor_text(f, si->findings[i].found, html);
			fputs(": ", f);
			rigor_text(f, si->findings[i].cost, html);
			fputs(html ? "; fix: <code>" : "; fix: `", f);
			rigor_text(f, si->findings[i].fix, html);
			fputs(html ? "</code>" : "`", f);
			fputs(lie, f);
		}
		fputs(ule, f);
	}
	int noisy = 0, adaptive = 0;
	for (size_t i = 0; i < r->ntests; i++) {
		noisy += results_test_disturbed(&r->tests[i]);
		adaptive += r->tests[i].info.precision > 0 || r->tests[i].info.warmup_auto;
	}
	if (noisy) {
		fprintf(f, "%sNoise%s", h2, h2e);
		for (size_t i = 0; i < r->ntests; i++) {
			const struct test_result *t = &r->tests[i];
			if (!results_test_disturbed(t))
				continue;
			fputs(li, f);
			fputs(html ? "&#9888; " : "⚠ ", f);
			rigor_name(f, t, html);
			fputs(": ", f);
			rigor_text(f, results_noise_text(t, buf, sizeof buf), html);
			fputs(lie, f);
		}
		fputs(ule, f);
	}
	if (adaptive) {
		fprintf(f, "%sPrecision%s", h2, h2e);
		for (size_t i = 0; i < r->ntests; i++) {
			const struct test_result *t = &r->tests[i];
			if (!(t->info.precision > 0) && !t->info.warmup_auto)
				continue;
			fputs(li, f);
			rigor_name(f, t, html);
			fprintf(f, ": %zu iterations, ", t->n);
			rigor_text(f, export_rigor_stop_text(t, buf, sizeof buf), html);
			fprintf(f, "; %d warmups%s", t->warmups_done, t->info.warmup_auto ? " (auto)" : "");
			fputs(lie, f);
		}
		fputs(ule, f);
	}
	if (r->order[0] && strcmp(r->order, "sequential") != 0) {
		if (strcmp(r->order, "shuffled") == 0)
			fprintf(f, html ? "<p>Order: shuffled, seed %llu.</p>\n" : "\nOrder: shuffled, seed %llu.\n", r->seed);
		else
			fprintf(f, html ? "<p>Order: %s.</p>\n" : "\nOrder: %s.\n", r->order);
	}
}

void export_rigor_md(FILE *f, const struct run_results *r)
{
	rigor_write(f, r, 0);
}

void export_rigor_html(FILE *f, const struct run_results *r)
{
	rigor_write(f, r, 1);
}
