/* spawn-true - times `true` through child_run, as the runner does, and prints the median
 * and mean wall time in seconds: what benchtop adds to every command it measures. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "child.h"

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 300;
	if (runs < 1)
		runs = 1;
	double *wall = malloc((size_t)runs * sizeof *wall);
	if (!wall)
		return 1;
	const char *cmd[] = { argc > 2 ? argv[2] : "true", NULL };
	struct child_result r;
	for (int i = 0; i < 3; i++)
		child_run(cmd, NULL, 10, NULL, &r);
	double sum = 0;
	for (int i = 0; i < runs; i++) {
		if (child_run(cmd, NULL, 10, NULL, &r) < 0) {
			fprintf(stderr, "spawn-true: %s failed\n", cmd[0]);
			return 1;
		}
		wall[i] = r.wall_s;
		sum += r.wall_s;
	}
	qsort(wall, (size_t)runs, sizeof *wall, cmp);
	double median = runs % 2 ? wall[runs / 2] : (wall[runs / 2 - 1] + wall[runs / 2]) / 2;
	printf("%.9f %.9f\n", median, sum / runs);
	free(wall);
	return 0;
}
