/* test-compare-ref: the U test and the bootstrap interval of each input line, for tests/compare-ref.py
 * to check against scipy. A line is "A;B;SEED", A and B comma-separated values; the output
 * line is "U P EXACT LO HI" (%.17g, LO and HI nan without an interval). */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootstrap.h"
#include "ranktest.h"

#define MAX_VALUES 4096

static size_t parse_list(char *s, double *out)
{
	size_t n = 0;
	for (char *tok = strtok(s, ","); tok && n < MAX_VALUES; tok = strtok(NULL, ","))
		out[n++] = strtod(tok, NULL);
	return n;
}

int main(void)
{
	static char line[1 << 17];
	static double a[MAX_VALUES], b[MAX_VALUES];
	while (fgets(line, sizeof line, stdin)) {
		char *sa = line, *sb = strchr(sa, ';');
		char *sseed = sb ? strchr(sb + 1, ';') : NULL;
		if (!sseed) {
			fprintf(stderr, "test-compare-ref: expected A;B;SEED\n");
			return 2;
		}
		*sb++ = '\0';
		*sseed++ = '\0';
		uint64_t seed = strtoull(sseed, NULL, 10);
		size_t na = parse_list(sa, a), nb = parse_list(sb, b);
		struct ranktest r;
		double ci[2];
		ranktest_mann_whitney(a, na, b, nb, &r);
		bootstrap_median_ratio(a, na, b, nb, seed, ci, NULL, 1.0);
		printf("%.17g %.17g %d %.17g %.17g\n", r.u, r.p, r.exact, ci[0], ci[1]);
	}
	return 0;
}
