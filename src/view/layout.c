#include "config.h"

#include <string.h>

#include "layout.h"

void layout_compute(struct layout *l, int w, int h, int ngpus)
{
	layout_compute_for(l, w, h, ngpus, &(struct layout_want){ 0, 0 });
}

void layout_compute_for(struct layout *l, int w, int h, int ngpus, const struct layout_want *want)
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
	if (want->top_rows > 0 && want->top_rows + 2 < top)
		top = want->top_rows + 2 >= 4 ? want->top_rows + 2 : 4;
	int graph = h >= 24 ? 5 : h >= 16 ? 4 : 0;
	int log = h >= 24 ? 3 : 0;
	int gpu = 0;
	int table_min = want->table_rows > 4 ? want->table_rows : 4;
	/* A table that wants more rows than the minimum takes them from the graph, then the log. */
	for (int need = table_min - (h - 1 - 1 - top - graph - log); need > 0; need--) {
		if (graph > 3)
			graph--;
		else if (log > 0)
			log = log > 3 ? log - 1 : 0;
		else if (graph > 0)
			graph = 0;
		else
			break;
	}
	int spare = h - 1 - 1 - top - graph - log - table_min;   /* the table takes its rows first */
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
	int table = table_min + (spare < 0 ? spare : 0);
	if (spare > 0)
		table += spare;

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
