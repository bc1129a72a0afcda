/* layout.h - where each dashboard panel goes for a terminal size: pure geometry.
 *
 * 80x24 shows everything at once: a header line, CPU and memory/IO side by side, a history
 * graph, the tests (or stress) table, the event log and the key footer. Taller terminals
 * give the extra rows to the table, the graph and the log; with GPUs and room to spare they
 * get a panel of their own. Under LAYOUT_MIN_W x LAYOUT_MIN_H nothing fits and `too_small`
 * is set. Panels never overlap and never leave the screen (tests check this over many sizes).
 */
#ifndef BENCHTOP_LAYOUT_H
#define BENCHTOP_LAYOUT_H

#include "grid.h"

#define LAYOUT_MIN_W 40
#define LAYOUT_MIN_H 12

enum panel {
	PANEL_HEADER,   /* one line: name, host, uptime, interval, state */
	PANEL_CPU,
	PANEL_MEM,      /* memory, swap, disks, network (and GPUs when they have no panel) */
	PANEL_GPU,      /* empty when GPUs share the memory panel */
	PANEL_GRAPH,
	PANEL_TABLE,    /* the tests, or the stress generators */
	PANEL_LOG,
	PANEL_FOOTER,
	PANEL_COUNT
};

struct layout {
	int w, h;
	int too_small;
	struct rect panel[PANEL_COUNT];
};

/* ngpus: GPUs to show; they get their own panel when the terminal has room for it. */
void layout_compute(struct layout *l, int w, int h, int ngpus);

/* What the panels hold this moment, so that panels without data give their rows away. */
struct layout_want {
	int top_rows;     /* inside rows the CPU and memory panels need (0: as many as they get) */
	int table_rows;   /* rows the table panel wants at least, its box included (0: 4) */
};
void layout_compute_for(struct layout *l, int w, int h, int ngpus, const struct layout_want *want);

#endif
