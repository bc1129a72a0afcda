#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "text-visible.h"
#include "trend.h"
#include "util.h"

/* Whether the first `len` points of t, analysed as if the newest were the last of them, end
 * with a regression after point `after`: the gate would have reported it then. */
static int trend_gate_reported(const struct trend *t, const double *x, size_t len, size_t after,
                               const struct cp_options *cp)
{
	struct changepoint cps[TREND_MAX_CPS];
	size_t n = cp_detect(x, len, cp, cps, TREND_MAX_CPS);
	return n && cps[n - 1].index >= after && trend_cp_regression(t, &cps[n - 1]);
}

/* Whether t's latest change point c, a regression, was first reported more than `window` runs
 * ago. The analysis is replayed on the series cut at each older run, newest first: a
 * regression the gate would have shown then, after the change point before c (by --min-runs
 * at least, so the old one found a run off is not taken for it), was c being reported. A
 * change point needs k runs after it, so the replay starts no earlier than c + k. */
static int trend_gate_expired(const struct trend *t, const struct cp_options *cp, size_t window)
{
	const struct changepoint *c = &t->cps[t->ncps - 1];
	size_t k = cp->min_segment < 2 ? 2 : cp->min_segment;
	size_t after = t->ncps > 1 ? t->cps[t->ncps - 2].index + k : 0;
	if (t->n <= window || t->n - window < c->index + k)
		return 0;
	double *x = malloc(t->n * sizeof *x);
	int expired = 0;
	if (!x)
		return 0;   /* red rather than silently green */
	for (size_t i = 0; i < t->n; i++)
		x[i] = t->pts[i].value;
	for (size_t len = t->n - window; len >= c->index + k && !expired; len--)
		expired = trend_gate_reported(t, x, len, after, cp);
	free(x);
	return expired;
}

int trend_gate(const struct trend *t, size_t n, long long latest_run, size_t window, const struct cp_options *cp)
{
	int rc = 0;
	char before[32], after[32], name[sizeof t->display * 4], label[512], unit[64];
	for (size_t i = 0; i < n; i++) {
		const struct trend *tr = &t[i];
		if (!tr->ncps || tr->pts[tr->n - 1].run_id != latest_run)
			continue;
		const struct changepoint *c = &tr->cps[tr->ncps - 1];
		if (!trend_cp_regression(tr, c) || trend_gate_expired(tr, cp, window))
			continue;
		const struct history_point *p = &tr->pts[c->index];
		c_snprintf(before, sizeof before, "%.6g", c->before);
		c_snprintf(after, sizeof after, "%.6g", c->after);
		/* Names, labels and units come from suites, reports and --label: never raw escapes. */
		printf("REGRESSION %s: from run %lld%s%s%s: %s -> %s %s (%+.1f%%, p=%.2g)\n",
		       text_visible(name, sizeof name, tr->display), p->run_id, p->label[0] ? " (" : "",
		       text_visible(label, sizeof label, p->label), p->label[0] ? ")" : "", before, after,
		       text_visible(unit, sizeof unit, tr->test.unit), 100 * c->rel_change, c->p);
		rc = 1;
	}
	if (!rc)
		printf("no new regression in run %lld\n", latest_run);
	return rc;
}
