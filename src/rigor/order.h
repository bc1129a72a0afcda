/* order.h - in which order a run's iterations happen.
 *
 *   sequential  (the default) each test variant runs all its iterations before the next starts;
 *   interleaved the variants of a test form a group that runs in rounds: one iteration of each
 *               variant per round, so a slow drift of the machine falls on all of them alike;
 *               a suite with "interleave": "tests" in its defaults groups all of its tests;
 *   shuffled    as interleaved, with each round's order drawn at random from the seed.
 * A test with a "stress" entry always runs alone (its background load is its own).
 * The runner asks order_groups how to cut its list of tests, then order_round for the order of
 * each round. The same seed gives the same order: a group's draws depend only on the seed,
 * the group's position and the round.
 */
#ifndef BENCHTOP_ORDER_H
#define BENCHTOP_ORDER_H

#include <stddef.h>

enum run_order { ORDER_UNSET = -1, ORDER_SEQUENTIAL = 0, ORDER_INTERLEAVED, ORDER_SHUFFLED };

#define ORDER_TEXT "sequential, interleaved or shuffled"

const char *order_name(enum run_order o);
/* 0, or -1 when name is none of ORDER_TEXT. */
int order_parse(const char *name, enum run_order *out);
/* Seeds stay exact in a JSON report's numbers: at most 2^53 - 1. */
#define ORDER_MAX_SEED 9007199254740991ULL
/* A whole number 0 .. ORDER_MAX_SEED; 0, or -1. */
int order_parse_seed(const char *text, unsigned long long *out);
/* A seed from the clock and the process, for a shuffled run given none. */
unsigned long long order_new_seed(void);

/* One entry of a run's list of tests, as order_groups needs it. */
struct order_item {
	const char *suite, *name;     /* variants share both */
	enum run_order order;         /* the suite's defaults.order; ORDER_UNSET when none */
	int interleave_tests;         /* the suite asks to interleave all its tests */
	int alone;                    /* must run alone (a background load) */
};

/* Cuts items[0..n) into consecutive groups, each run in rounds; the order given on the command
 * line (ORDER_UNSET: none) wins over a suite's. Fills start[g] (the first item of group g),
 * gorder[g] and returns the number of groups (start and gorder hold n entries). */
size_t order_groups(const struct order_item *items, size_t n, enum run_order cli, size_t *start,
                    enum run_order *gorder);

/* Fills perm[0..n) with the order of round `round` (1-based) of group `group`: 0..n-1 for
 * sequential and interleaved, a permutation drawn from seed for shuffled. */
void order_round(enum run_order o, unsigned long long seed, size_t group, int round, int *perm, size_t n);

#endif
