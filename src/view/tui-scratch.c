#include "config.h"

#include <stdlib.h>

#include "tui-view.h"

/* The buffers that graphs and sparklines copy their values into: grown to the widest draw so far
 * and kept in struct tui (tui_close frees them), so a draw allocates only when the screen grows.
 * A file of its own, below the panels, cores, tables, graph and detail view that all draw from them. */

int tui_scratch(struct tui *t, size_t n)
{
	if (n <= t->scratch_cap)
		return 0;
	float *a = realloc(t->scratch, n * sizeof *a);
	if (!a)
		return -1;
	t->scratch = a;
	float *b = realloc(t->scratch2, n * sizeof *b);
	if (!b)
		return -1;
	t->scratch2 = b;
	t->scratch_cap = n;
	return 0;
}
