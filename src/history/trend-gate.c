#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "text-visible.h"
#include "trend.h"
#include "util.h"

/* Whether x[0..len), analysed as if its newest point were the newest run, ends with a
 * regression at or after point `after`: the gate would have reported it then. */
static int trend_gate_reported(const struct trend *t, const double *x, size_t len, size_t after,
                               const struct cp_options *cp)
{
	struct changepoint cps[TREND_MAX_CPS];
	size_t n = cp_detect(x, len, cp, cps, TREND_MAX_CPS);
	return n && cps[n - 1].index >= after && trend_cp_regression(t, &cps[n - 1]);
}

static size_t trend_gate_k(const struct cp_options *cp)
{
	return cp->min_segment < 2 ? 2 : cp->min_segment;
}

/* The replay cuts at c's k-th run at the earliest, and c has k runs before it in the view: so
 * the gate then looked back at most last - 2k runs before the view. */
size_t trend_gate_lookback(size_t last, const struct cp_options *cp)
{
	size_t k = trend_gate_k(cp);
	return last > 2 * k ? last - 2 * k : 0;
}

/* A step is found while k runs before it are among those read, and is red until k - 1 + window
 * runs after it: fewer runs read and it would turn green early, its change point out of view. */
size_t trend_gate_min_last(size_t window, const struct cp_options *cp)
{
	return window + 2 * trend_gate_k(cp) - 1;
}

/* Whether t's latest change point c, a regression, was first reported more than `window` runs
 * ago. The gate is replayed at each older run, newest first, on the `last` runs that ended
 * there: what it analysed then, runs before the view included. Cut to the view instead, an
 * old run's analysis loses the runs before the step that made it significant, and a
 * regression stays red long after its window or turns red again. A regression found then at
 * c, or up to k - 1 runs before it (the same step, placed a little early), and after the
 * change point before c by k at least (so that one found a run off is not taken for it), was
 * c being reported. A change point needs k runs after it, so the replay stops at c + k. */
static int trend_gate_expired(const struct trend *t, const struct cp_options *cp, size_t window, size_t last)
{
	size_t k = trend_gate_k(cp), m = t->nall, view = t->nall - t->n;
	size_t at = view + t->cps[t->ncps - 1].index;   /* c among every point read */
	size_t after = at + 1 > k ? at + 1 - k : 0;
	if (t->ncps > 1 && view + t->cps[t->ncps - 2].index + k > after)
		after = view + t->cps[t->ncps - 2].index + k;
	if (m <= window || m - window < at + k)
		return 0;
	double *x = malloc(m * sizeof *x);
	int expired = 0;
	if (!x)
		return 0;   /* red rather than silently green */
	for (size_t i = 0; i < m; i++)
		x[i] = t->all[i].value;
	for (size_t len = m - window; len >= at + k && !expired; len--) {
		size_t from = len > last ? len - last : 0;
		expired = trend_gate_reported(t, x + from, len - from, after > from ? after - from : 0, cp);
	}
	free(x);
	return expired;
}

int trend_gate(const struct trend *t, size_t n, long long latest_run, size_t window, size_t last,
               const struct cp_options *cp)
{
	int rc = 0;
	char before[32], after[32], name[sizeof t->display * 4], label[512], unit[64];
	for (size_t i = 0; i < n; i++) {
		const struct trend *tr = &t[i];
		if (!tr->ncps || tr->pts[tr->n - 1].run_id != latest_run)
			continue;
		const struct changepoint *c = &tr->cps[tr->ncps - 1];
		if (!trend_cp_regression(tr, c) || trend_gate_expired(tr, cp, window, last))
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
