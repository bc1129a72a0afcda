#include "config.h"

#include <stdio.h>

#include "app.h"
#include "order.h"
#include "rigor-app.h"
#include "roles.h"
#include "util.h"

/* The run's order: --order, else shuffled when a suite asks for it, else interleaved when one
 * does, else sequential. */
static enum run_order rigor_order(const struct app *a)
{
	int order = a->opt.order, shuffled = order == ORDER_SHUFFLED, interleaved = order == ORDER_INTERLEAVED;
	for (size_t i = 0; order == ORDER_UNSET && i < a->nspecs; i++) {
		shuffled |= a->specs[i].order == ORDER_SHUFFLED;
		interleaved |= a->specs[i].order == ORDER_INTERLEAVED;
	}
	return shuffled ? ORDER_SHUFFLED : interleaved ? ORDER_INTERLEAVED : ORDER_SEQUENTIAL;
}

void rigor_seed_check(const struct app *a, FILE *err)
{
	/* Said, not refused: the run is still worth having, but the user expects a repeatable order. */
	if (a->opt.have_seed && rigor_order(a) != ORDER_SHUFFLED)
		fprintf(err, "benchtop: --seed has no effect without --order shuffled (or a suite whose order is "
		        "shuffled)\n");
}

void rigor_run_begins(struct app *a)
{
	enum run_order order = rigor_order(a);
	int shuffled = order == ORDER_SHUFFLED, interleaved = order == ORDER_INTERLEAVED;
	a->run.seed = a->opt.have_seed ? a->opt.seed : order_new_seed();
	str_copy(a->run.order, order_name(order), sizeof a->run.order);
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
