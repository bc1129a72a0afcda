#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "export.h"
#include "export-rigor.h"
#include "export-stress.h"
#include "fmt-units.h"
#include "results-json.h"
#include "text-escape.h"
#include "text-visible.h"
#include "util.h"

void export_md_text(FILE *f, const char *s)
{
	text_escape(f, &text_escape_markdown, s);
}

static char *export_md_number(char *buf, size_t len, double v)
{
	if (isfinite(v))
		c_snprintf(buf, len, "%.4g", v);
	else
		str_copy(buf, "-", len);
	return buf;
}

static void export_md_system(FILE *f, const struct run_results *r)
{
	struct export_system sys;
	export_system_line(r, &sys);
	fputs("**", f);
	export_md_text(f, sys.part[0]);
	fputs("**: ", f);
	for (int i = 1; i < sys.n; i++) {
		fputs(i == 1 ? "" : i == sys.first_gpu ? ", GPU: " : ", ", f);
		export_md_text(f, sys.part[i]);
	}
	fprintf(f, ", benchtop %s\n\n", r->benchtop_version);
	if (r->journal_skipped)
		fprintf(f, "**Rebuilt from a damaged journal: %zu line%s skipped.**\n\n", r->journal_skipped,
		        r->journal_skipped == 1 ? "" : "s");
}

/* The comparison with --baseline, as a pull request shows it. */
static void export_md_baseline(FILE *f, const struct run_results *r)
{
	char a[64], b[32], label[512];
	if (!r->baseline_path[0])
		return;
	fputs("\n## Compared with ", f);
	export_md_text(f, r->baseline_path);
	c_snprintf(a, sizeof a, "%g", r->baseline_tolerance);
	fprintf(f, "\n\nTolerance %s %% on the median, Mann-Whitney U test p < 0.05.\n\n", a);
	fputs("| test | variant | baseline median | median | change [95 % CI] | p | verdict |\n", f);
	fputs("|---|---|---:|---:|---:|---:|---|\n", f);
	for (size_t i = 0; i < r->ntests; i++) {
		const struct test_result *t = &r->tests[i];
		if (!t->has_baseline)
			continue;
		const struct comparison *c = &t->baseline;
		fputs("| ", f);
		export_md_text(f, t->info.suite);
		fputc('/', f);
		export_md_text(f, t->info.name);
		fputs(" | ", f);
		export_md_text(f, export_variant_label(label, sizeof label, t->info.variant));
		fprintf(f, " | %s | %s | ", fmt_unit(a, sizeof a, c->old_median, t->info.unit, 0),
		        fmt_unit(b, sizeof b, c->new_median, t->info.unit, 0));
		if (isfinite(c->change_pct) && isfinite(c->ci_lo_pct))
			c_snprintf(a, sizeof a, "%+.1f %% [%+.1f, %+.1f]", c->change_pct, c->ci_lo_pct, c->ci_hi_pct);
		else if (isfinite(c->change_pct))
			c_snprintf(a, sizeof a, "%+.1f %%", c->change_pct);
		else
			str_copy(a, "-", sizeof a);
		fprintf(f, "%s | %s | ", a, export_md_number(b, sizeof b, c->p_utest));
		fprintf(f, c->verdict == VERDICT_REGRESSED ? "**%s** |\n" : "%s |\n", verdict_name(c->verdict));
	}
}

static int export_md_write(FILE *f, const struct run_results *r, char *why, size_t whylen)
{
	char iso[32], a[96], label[512];
	results_json_iso_time(iso, sizeof iso, r->started_t);
	fprintf(f, "# benchtop results, %s\n\n", iso);
	export_md_system(f, r);
	fputs("| test | variant | status | mean ± stdev | median | min … max | n |\n", f);
	fputs("|---|---|---|---:|---:|---:|---:|\n", f);
	int problems = 0;
	for (size_t i = 0; i < r->ntests; i++) {
		const struct test_result *t = &r->tests[i];
		const char *status = test_status_name(t->status);
		int bad = t->status == TS_FAIL || t->status == TS_ERROR || t->status == TS_TIMEOUT;
		problems += t->error[0] != '\0';
		fputs("| ", f);
		export_md_text(f, t->info.suite);
		fputc('/', f);
		export_md_text(f, t->info.name);
		fputs(" | ", f);
		export_md_text(f, export_variant_label(label, sizeof label, t->info.variant));
		fprintf(f, bad ? " | **%s** | " : " | %s | ", status);
		/* Figures carry their unit, scaled to read (fmt-units.h); unit text escaped like any cell. */
		export_md_text(f, fmt_unit_pm(a, sizeof a, t->stats.mean, t->stats.stdev, t->info.unit));
		fputs(" | ", f);
		export_md_text(f, fmt_unit(a, sizeof a, t->stats.median, t->info.unit, 0));
		fputs(" | ", f);
		export_md_text(f, fmt_unit_range(a, sizeof a, t->stats.min, t->stats.max, t->info.unit));   /* n = 1: v … v */
		fprintf(f, " | %zu |\n", t->stats.n);
	}
	export_md_baseline(f, r);
	if (problems) {
		fputs("\n## Problems\n\n", f);
		for (size_t i = 0; i < r->ntests; i++) {
			const struct test_result *t = &r->tests[i];
			if (!t->error[0])
				continue;
			fputs("- ", f);
			export_md_text(f, t->info.suite);
			fputc('/', f);
			export_md_text(f, t->info.name);
			export_variant_label(label, sizeof label, t->info.variant);
			if (label[0]) {
				fputc(' ', f);
				export_md_text(f, label);
			}
			fprintf(f, " (%s): ", test_status_name(t->status));
			export_md_text(f, t->error);
			fputc('\n', f);
		}
	}
	export_rigor_md(f, r);
	export_stress_md(f, r);
	return 0;
}

const struct exporter_class export_md = {
	.name = "markdown",
	.ext = "md",
	.help = "a table to paste into a pull request",
	.write = export_md_write,
};
