#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "export-rigor.h"
#include "order.h"
#include "rigor-app.h"
#include "roles.h"
#include "util.h"

void rigor_run_begins(struct app *a)
{
	int order = a->opt.order, shuffled = order == ORDER_SHUFFLED, interleaved = order == ORDER_INTERLEAVED;
	for (size_t i = 0; order == ORDER_UNSET && i < a->nspecs; i++) {
		shuffled |= a->specs[i].order == ORDER_SHUFFLED;
		interleaved |= a->specs[i].order == ORDER_INTERLEAVED;
	}
	a->run.seed = a->opt.have_seed ? a->opt.seed : order_new_seed();
	str_copy(a->run.order,
	         order_name(shuffled ? ORDER_SHUFFLED : interleaved ? ORDER_INTERLEAVED : ORDER_SEQUENTIAL),
	         sizeof a->run.order);
	if (shuffled)
		app_say(a, ROLE_NORMAL, "order: shuffled, seed %llu (--seed %llu repeats it)", a->run.seed,
		        a->run.seed);
	else if (interleaved)
		app_say(a, ROLE_NORMAL, "order: interleaved");
	const struct system_info *si = &a->run.system;
	for (int i = 0; i < si->nfindings; i++) {
		const struct system_finding *f = &si->findings[i];
		app_say(a, ROLE_WARN, "system: %s: %s; fix: %s", f->found, f->cost, f->fix);
	}
}

void rigor_table_notes(const struct test_result *t, FILE *out)
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
