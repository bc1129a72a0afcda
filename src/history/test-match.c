#include "config.h"

#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "suggest.h"
#include "test-match.h"

/* Equal first: a name holding '*' or '[' is not a pattern for itself. */
static int test_match_one(const char *pattern, const char *s)
{
	return !strcmp(pattern, s) || fnmatch(pattern, s, 0) == 0;
}

int test_match(const char *pattern, const char *suite, const char *name, const char *variant)
{
	char s[sizeof "/ " + 64 + 128 + 512];
	int slash = strchr(pattern ? pattern : "", '/') != NULL;
	if (!pattern || !strcmp(pattern, name))
		return 1;
	if (slash)
		snprintf(s, sizeof s, "%s/%s", suite, name);
	if (test_match_one(pattern, slash ? s : name))
		return 1;
	if (!variant || !variant[0])
		return 0;
	if (slash)
		snprintf(s, sizeof s, "%s/%s %s", suite, name, variant);
	else
		snprintf(s, sizeof s, "%s %s", name, variant);
	return test_match_one(pattern, s);
}

/* ---- the nearest names ---- */

#define TM_WORD 64

/* The pattern's letters without its wildcards (lit), and its longest run of letters (word). */
static void test_match_letters(const char *p, char *lit, char *word)
{
	size_t nl = 0, run = 0, best = 0;
	const char *run_at = p;
	for (const char *c = p; *c; c++) {
		int wild = *c == '*' || *c == '?' || *c == '[';
		if (*c == '[') {   /* a set stands for one letter we cannot name: skipped */
			const char *end = strchr(c + 1 + (c[1] == ']'), ']');
			c = end ? end : c + strlen(c) - 1;
		} else if (*c == '\\' && c[1]) {
			c++;
		}
		if (wild) {
			run = 0;
			continue;
		}
		if (!run)
			run_at = c;
		run++;
		if (run > best && run < TM_WORD) {
			best = run;
			memcpy(word, run_at, run);
			word[run] = '\0';
		}
		if (nl + 1 < TM_WORD)
			lit[nl++] = *c;
	}
	lit[nl] = '\0';
	if (!best)
		word[0] = '\0';
}

/* How near key (full: "suite/name") is to the pattern: tier 0 the same but for case, 1 full
 * holds the pattern's word (or the pattern holds key), 2 a few edits (d) from key or from its
 * start; -1 not near. */
static int test_match_tier(const char *pattern, const char *lit, const char *word, const char *key,
                           const char *full, size_t *d)
{
	size_t ll = strlen(lit), kl = strlen(key);
	*d = 0;
	if (fnmatch(pattern, key, FNM_CASEFOLD) == 0)
		return 0;
	/* The word may be the suite's ('*quick*'): the whole name shows how to ask for it. */
	if ((strlen(word) >= 3 && strcasestr(full, word)) || (kl >= 3 && strcasestr(lit, key)))
		return 1;
	if (ll < 3)   /* a letter or two is near everything */
		return -1;
	*d = suggest_distance(lit, key);
	if (kl > ll && ll < TM_WORD) {
		char start[TM_WORD];
		memcpy(start, key, ll);
		start[ll] = '\0';
		size_t ds = suggest_distance(lit, start);
		if (ds < *d)
			*d = ds;
	}
	/* As suggest_nearest: a third of the word, at least 1 edit, 2 from five letters on. */
	size_t limit = ll / 3 < 1 ? 1 : ll / 3;
	if (ll >= 5 && limit < 2)
		limit = 2;
	return *d <= limit ? 2 : -1;
}

size_t test_match_suggest(const char *pattern, const char *const *names, size_t n, const char **out, size_t max)
{
	char lit[TM_WORD], word[TM_WORD];
	int slash = strchr(pattern, '/') != NULL;
	size_t got = 0;
	int tiers[8];
	size_t dists[8];
	if (max > 8)
		max = 8;
	test_match_letters(pattern, lit, word);
	for (size_t i = 0; i < n; i++) {
		/* Without a '/' the pattern is about names: measured against the name alone. */
		const char *key = names[i], *sep = strchr(key, '/');
		if (!slash && sep)
			key = sep + 1;
		size_t d;
		int tier = test_match_tier(pattern, lit, word, key, names[i], &d);
		if (tier < 0)
			continue;
		/* Insertion into the best `max`, ties in the order given. */
		size_t at = got;
		while (at > 0 && (tier < tiers[at - 1] || (tier == tiers[at - 1] && d < dists[at - 1])))
			at--;
		if (at >= max)
			continue;
		size_t last = got < max ? got : max - 1;
		for (size_t k = last; k > at; k--) {
			out[k] = out[k - 1];
			tiers[k] = tiers[k - 1];
			dists[k] = dists[k - 1];
		}
		out[at] = names[i];
		tiers[at] = tier;
		dists[at] = d;
		if (got < max)
			got++;
	}
	return got;
}
