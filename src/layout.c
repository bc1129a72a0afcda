#include "config.h"

#include <string.h>

#include "layout.h"

void layout_compute(struct layout *l, int w, int h, int ngpus)
{
	memset(l, 0, sizeof *l);
	l->w = w;
	l->h = h;
	if (w < LAYOUT_MIN_W || h < LAYOUT_MIN_H) {
		l->too_small = 1;
		return;
	}
	/* Fixed rows at the minimum: header 1, top panels 7, graph 5, table 6, log 3, footer 1 = 23..24.
	 * The top panels have 5 inside rows: CPU total, cores, load/clock/temp; memory, swap,
	 * disk, network, GPU summary. */
	int top = h >= 20 ? 7 : 6;
	int graph = h >= 24 ? 5 : h >= 16 ? 4 : 0;
	int log = h >= 24 ? 3 : 0;
	int gpu = 0;
	int spare = h - 1 - 1 - top - graph - log - 4;   /* the table takes 4 rows at least */
	if (ngpus > 0 && spare >= ngpus + 2 + 4) {      /* room for a GPU panel and a table that grows */
		gpu = ngpus + 2;
		spare -= gpu;
	}
	/* Extra rows: a third to the graph (up to 12), a sixth to the log (up to 8), the rest to the table. */
	if (spare > 0 && graph) {
		int g = spare / 3;
		if (graph + g > 12)
			g = 12 - graph;
		graph += g;
		spare -= g;
	}
	if (spare > 0 && log) {
		int lg = spare / 6;
		if (log + lg > 8)
			lg = 8 - log;
		log += lg;
		spare -= lg;
	}
	int table = 4 + spare;

	int y = 0;
	l->panel[PANEL_HEADER] = rect_make(0, y, w, 1);
	y += 1;
	int left = w / 2;
	l->panel[PANEL_CPU] = rect_make(0, y, left, top);
	l->panel[PANEL_MEM] = rect_make(left, y, w - left, top);
	y += top;
	if (gpu) {
		l->panel[PANEL_GPU] = rect_make(0, y, w, gpu);
		y += gpu;
	}
	if (graph) {
		l->panel[PANEL_GRAPH] = rect_make(0, y, w, graph);
		y += graph;
	}
	l->panel[PANEL_TABLE] = rect_make(0, y, w, table);
	y += table;
	if (log) {
		l->panel[PANEL_LOG] = rect_make(0, y, w, log);
		y += log;
	}
	l->panel[PANEL_FOOTER] = rect_make(0, h - 1, w, 1);
}
