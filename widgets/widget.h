/* widget.h - the widget family: each widget draws a model into a rectangle of a grid.
 *
 * Every widget lives in one file with one header (box.h, gauge.h, ...) that declares its
 * model and a typed draw function; the class below gives the family one shape so a
 * layout can name widgets and `--list` can print them. Contract for every draw function:
 * it writes only inside the rectangle (and the grid's clip), draws nothing for a zero or
 * negative width or height, shows missing values (NAN) as "-" or blank, and clamps
 * values outside their range. Widgets only read their model; history lives in the store.
 */
#ifndef BENCHTOP_WIDGET_H
#define BENCHTOP_WIDGET_H

#include "grid.h"

struct widget_class {
	const char *name;
	const char *help;
	/* model points to the widget's own model struct (struct gauge for "gauge", ...). */
	void (*draw)(struct grid *g, struct rect r, const void *model);
};

extern const struct widget_class box_widget, gauge_widget, spark_widget, graph_widget,
	table_widget, textlog_widget;

/* NULL-terminated. */
extern const struct widget_class *const widget_classes[];

const struct widget_class *widget_find(const char *name);

#endif
