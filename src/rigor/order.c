#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "order.h"

static const char *const order_names[] = {
	[ORDER_SEQUENTIAL] = "sequential", [ORDER_INTERLEAVED] = "interleaved", [ORDER_SHUFFLED] = "shuffled",
};

const char *order_name(enum run_order o)
{
	return o >= ORDER_SEQUENTIAL && o <= ORDER_SHUFFLED ? order_names[o] : "sequential";
}

int order_parse(const char *name, enum run_order *out)
{
	for (int i = ORDER_SEQUENTIAL; i <= ORDER_SHUFFLED; i++)
		if (strcasecmp(name, order_names[i]) == 0) {   /* a word in any case */
			*out = (enum run_order)i;
			return 0;
		}
	return -1;
}

int order_parse_seed(const char *text, unsigned long long *out)
{
	if (!text || !*text || strspn(text, "0123456789") != strlen(text) || strlen(text) > 16)
		return -1;
	char *end;
	unsigned long long v = strtoull(text, &end, 10);
	if (*end || v > ORDER_MAX_SEED)
		return -1;
	*out = v;
	return 0;
}

/* splitmix64: small, fast, and the same on every machine. */
static uint64_t order_mix(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

unsigned long long order_new_seed(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	uint64_t s = (uint64_t)ts.tv_sec * 1000000007ULL ^ (uint64_t)ts.tv_nsec ^ ((uint64_t)getpid() << 32);
	/* Seeds people type back: keep them to 9 digits. */
	return order_mix(&s) % 1000000000ULL;
}

size_t order_groups(const struct order_item *items, size_t n, enum run_order cli, size_t *start,
                    enum run_order *gorder)
{
	size_t g = 0;
	for (size_t i = 0; i < n; i++) {
		const struct order_item *it = &items[i];
		enum run_order o = cli != ORDER_UNSET ? cli : it->order != ORDER_UNSET ? it->order : ORDER_SEQUENTIAL;
		int joins = 0;
		if (g > 0 && o != ORDER_SEQUENTIAL && !it->alone && gorder[g - 1] == o) {
			const struct order_item *first = &items[start[g - 1]];
			joins = !first->alone && strcmp(first->suite, it->suite) == 0 &&
			        (it->interleave_tests || strcmp(first->name, it->name) == 0);
		}
		if (!joins) {
			start[g] = i;
			gorder[g] = o;
			g++;
		}
	}
	return g;
}

void order_round(enum run_order o, unsigned long long seed, size_t group, int round, int *perm, size_t n)
{
	for (size_t i = 0; i < n; i++)
		perm[i] = (int)i;
	if (o != ORDER_SHUFFLED || n < 2)
		return;
	uint64_t state = seed ^ ((uint64_t)group * 0xd1b54a32d192ed03ULL) ^ ((uint64_t)round << 20);
	order_mix(&state);
	for (size_t i = n - 1; i > 0; i--) {
		size_t j = (size_t)(order_mix(&state) % (i + 1));
		int t = perm[i];
		perm[i] = perm[j];
		perm[j] = t;
	}
}
